"""The home page's "Who argues what" tables (issue 12, item 5): every cell links to a chapter
section that actually quotes the person of its row, there are at least as many voices for force
as against, and Mexico is heard beyond its government. The who's-who page names everyone in them."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
HEADING = re.compile(r"^(#{2,6})\s+.*\{#([\w-]+)\}\s*$")
LINK = re.compile(r"\]\(([\w-]+\.md)#([\w-]+)\)")


def section_text(page: Path, anchor: str) -> str:
    """Text under the heading `{#anchor}` of a page, up to the next heading of the same or a higher level."""
    lines = page.read_text(encoding="utf-8").splitlines()
    for start, line in enumerate(lines):
        found = HEADING.match(line)
        if found and found.group(2) == anchor:
            level = len(found.group(1))
            body = []
            for following in lines[start + 1 :]:
                nxt = HEADING.match(following)
                if nxt and len(nxt.group(1)) <= level:
                    break
                body.append(following)
            return "\n".join(body)
    raise AssertionError(f"{page.name}: no heading with {{#{anchor}}}")


def table_rows(anchor: str) -> list[tuple[int, str, list[str]]]:
    """(line number, voice, cells) of each body row of the table under `### …{#anchor}` on the home page."""
    lines = (CONTENT / "index.md").read_text(encoding="utf-8").splitlines()
    rows, inside = [], False
    for number, line in enumerate(lines, start=1):
        heading = HEADING.match(line)
        if heading:
            inside = heading.group(2) == anchor
            continue
        if inside and line.startswith("|") and not line.startswith("|---") and not line.startswith("| Voice"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            voice = re.search(r"\*\*(.+?)\*\*", cells[0])
            assert voice, f"content/index.md:{number}: the first cell must name the voice in **bold**"
            rows.append((number, voice.group(1), cells[1:]))
    return rows


def name_forms(voice: str) -> list[str]:
    """Ways a section may name the voice: the full name, or any part after the given name."""
    words = voice.split()
    return [voice] + [word for word in words[1:] if len(word) > 2]


SIDES = ["for-force", "against-force", "mexico-voices"]
ROWS = [(side, *row) for side in SIDES for row in table_rows(side)]


@pytest.mark.parametrize("side, line, voice, cells", ROWS, ids=[f"{r[0]}:{r[2]}" for r in ROWS])
def test_each_cell_links_to_a_section_that_quotes_the_voice(side, line, voice, cells):
    assert len(cells) == 4, f"content/index.md:{line}: a row needs the voice and four answers"
    linked = 0
    for cell in cells:
        if cell in ("—", "-", ""):
            continue
        links = LINK.findall(cell)
        assert links, f"content/index.md:{line}: '{cell}' must link to the chapter section that quotes {voice}"
        for page, anchor in links:
            text = section_text(CONTENT / page, anchor)
            assert any(form in text for form in name_forms(voice)), (
                f"content/index.md:{line}: {page}#{anchor} does not name {voice}; link to the section that quotes them"
            )
            linked += 1
    assert linked, f"content/index.md:{line}: {voice} has no position linked"


QUOTED = re.compile(r'"([^"]+)"')
CUT = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*")


def plain_words(text: str) -> str:
    """Text with curly quotes and apostrophes made straight and runs of spaces made one."""
    text = text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'}))
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("side, line, voice, cells", ROWS, ids=[f"{r[0]}:{r[2]}" for r in ROWS])
def test_words_a_cell_quotes_are_in_the_section_it_links_to(side, line, voice, cells):
    for cell in cells:
        for page, anchor in LINK.findall(cell):
            section = plain_words(section_text(CONTENT / page, anchor))
            label = cell.split("](")[0]
            for quoted in QUOTED.findall(plain_words(label)):
                for piece in (p.strip(" .,;:") for p in CUT.split(quoted)):
                    assert not piece or piece in section, (
                        f'content/index.md:{line}: "{piece}" is quoted for {voice} but {page}#{anchor} does not carry '
                        "those words; quote the chapter's words or link to the section that has them"
                    )


def test_at_least_as_many_voices_for_force_as_against():
    pro, con = len(table_rows("for-force")), len(table_rows("against-force"))
    assert pro >= con, f"content/index.md: {pro} voices for force against {con} against; balance the tables"


def test_mexico_is_heard_beyond_its_government():
    voices = [voice for _, voice, _ in table_rows("mexico-voices")]
    assert len(voices) >= 3, f"content/index.md: the Mexico table has {voices}; add voices outside the government"


def test_the_whos_who_names_every_voice_in_the_tables():
    whos_who = (CONTENT / "whos-who.md").read_text(encoding="utf-8")
    missing = [voice for _, _, voice, _ in ROWS if voice not in whos_who]
    assert not missing, f"content/whos-who.md: add a line for {missing}"


def test_section_text_stops_at_the_next_heading_of_its_level(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("## A {#a}\nalpha\n### B {#b}\nbeta\n## C {#c}\ngamma\n", encoding="utf-8")
    assert "beta" in section_text(page, "a") and "gamma" not in section_text(page, "a")
    assert section_text(page, "b").strip() == "beta"
    with pytest.raises(AssertionError, match="no heading"):
        section_text(page, "missing")
