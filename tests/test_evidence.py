"""Evidence at the claim (docs/evidence.md): evidence files, the excerpt under each note, the
text-fragment link, and the checks that tie pages, evidence files and the registry together."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import markdown
import pytest

from build_scripts.errors import BuildError, BuildErrors, Problems
from build_scripts.essays import CITATION, read_essay
from build_scripts.evidence.checks import entry_problems, evidence_problems, page_tiers, tier_summary
from build_scripts.evidence.model import Evidence, read_evidence
from build_scripts.evidence.render import evidence_html, passage_link, text_fragment
from build_scripts.inputs import load_inputs
from build_scripts.project import Project
from build_scripts.registry import load_registry

from .conftest import FIXTURES, ROOT

MINI_REGISTRY = FIXTURES / "mini" / "sources.yml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the marker ---------------------------------------------------------------------------


def test_the_marker_parses_with_and_without_a_claim_key():
    found = [
        (m["id"], m["claim"], m["pinpoint"])
        for m in CITATION.finditer(
            "A.[^porter-wapo-2024:cjng-fentanyl] B.[^gao-21-322, Highlights page] C.[^inegi-homicides]"
        )
    ]
    assert found == [
        ("porter-wapo-2024", "cjng-fentanyl", None),
        ("gao-21-322", None, "Highlights page"),
        ("inegi-homicides", None, None),
    ]
    assert not CITATION.search("[^porter-wapo-2024:cjng-fentanyl]: a definition")


def test_the_essay_reader_keeps_the_claim_key(tmp_path):
    page = write(tmp_path / "p.md", "---\ntitle: T\n---\n\n# T\n\nClaim.[^porter-wapo-2024:game-goes-on]\n")
    citation = read_essay(page).citations[0]
    assert (citation.source_id, citation.claim, citation.line) == ("porter-wapo-2024", "game-goes-on", 7)


# --- evidence files -----------------------------------------------------------------------


def test_an_evidence_file_loads_with_the_line_of_each_entry(tmp_path):
    path = write(
        tmp_path / "evidence" / "p.yml",
        '# comment\nporter-wapo-2024:game-goes-on:\n  quote: "You can capture the kingpin"\n'
        "inegi-homicides:yearly-counts:\n  pinpoint: Table 1\n",
    )
    evidence = read_evidence(path)
    entry = evidence.get("porter-wapo-2024", "game-goes-on")
    assert entry.quote == "You can capture the kingpin" and entry.line == 2
    assert evidence.get("inegi-homicides", "yearly-counts").pinpoint == "Table 1"
    assert evidence.get("inegi-homicides", "yearly-counts").line == 4


def test_a_missing_evidence_file_is_empty(tmp_path):
    evidence = read_evidence(tmp_path / "evidence" / "none.yml")
    assert not evidence.exists and list(evidence) == []


@pytest.mark.parametrize(
    "text,message,fix",
    [
        ("a:b:\n  translation: x\n", "evidence 'a:b' has neither a quote nor a pinpoint", "add `quote:`"),
        ("a:b:\n  quote: x\n  page: 3\n", "Additional properties are not allowed ('page' was unexpected)", "remove"),
        ("Porter:Claim:\n  quote: x\n", "evidence key 'Porter:Claim' is not SOURCE-ID:CLAIM-KEY", "lowercase"),
        ("- quote: x\n", "an evidence file must be a mapping", "one entry per claim"),
    ],
)
def test_malformed_entries_name_the_line_and_the_fix(tmp_path, text, message, fix):
    path = write(tmp_path / "p.yml", "# first line\n" + text)
    with pytest.raises((BuildError, BuildErrors)) as caught:
        read_evidence(path)
    errors = caught.value.errors if isinstance(caught.value, BuildErrors) else [caught.value]
    assert len(errors) == 1 and message in errors[0].message and fix in errors[0].fix
    assert errors[0].line in (1, 2)


def test_entries_are_checked_against_the_registry(tmp_path):
    registry = load_registry(MINI_REGISTRY)
    path = write(
        tmp_path / "p.yml",
        "porter-wapo-2042:x:\n  quote: a\ninegi-homicides:y:\n  quote: Defunciones\n"
        "inegi-homicides:z:\n  quote: Defunciones\n  translation: Deaths\n",
    )
    problems = list(entry_problems(read_evidence(path), registry))
    assert [(p.line, p.message) for p in problems] == [
        (1, "evidence 'porter-wapo-2042:x' names an unknown source id 'porter-wapo-2042'"),
        (3, "evidence 'inegi-homicides:y' quotes a source in 'es' without a translation"),
    ]
    assert "did you mean [^porter-wapo-2024]?" in problems[0].fix


# --- what the reader sees -----------------------------------------------------------------


def test_a_short_quote_is_one_text_fragment_with_reserved_characters_encoded():
    assert text_fragment("cartels, drugs & well-known routes") == (
        "text=cartels%2C%20drugs%20%26%20well%2Dknown%20routes"
    )


def test_a_long_quote_or_a_cut_quote_is_matched_from_start_to_end():
    long = "one two three four five six seven eight nine ten eleven twelve"
    assert text_fragment(long) == "text=one%20two%20three%20four,nine%20ten%20eleven%20twelve"
    cut = "The Jalisco New Generation Cartel ... did not exist in 2006. Nor did fentanyl."
    start, end = text_fragment(cut).removeprefix("text=").split(",")
    assert unquote(start) == "The Jalisco New Generation" and unquote(end) == "2006. Nor did fentanyl."
    assert unquote(text_fragment("A [...] B [the cartel] C").split(",")[1]) == "C"


def test_the_passage_link_respects_an_existing_fragment_and_skips_pdfs():
    assert passage_link("https://example.org/a", "words") == "https://example.org/a#:~:text=words"
    assert passage_link("https://example.org/a#top", "words") == "https://example.org/a#top:~:text=words"
    assert passage_link("https://example.org/report.pdf", "words") is None
    assert passage_link("ftp://example.org/a", "words") is None


def test_the_note_shows_the_quote_then_our_translation_then_the_link():
    registry = load_registry(MINI_REGISTRY)
    source = registry.get("inegi-homicides")
    html = evidence_html(
        source,
        registry,
        Evidence("inegi-homicides", "x", quote="Defunciones por homicidio", translation="Deaths by homicide"),
    )
    assert (
        '<q class="evidence" cite="https://www.inegi.org.mx/programas/edr/" lang="es">Defunciones por homicidio</q>'
        in html
    )
    assert html.index("Defunciones") < html.index("our translation") < html.index("Deaths by homicide")
    assert 'href="https://www.inegi.org.mx/programas/edr/#:~:text=Defunciones%20por%20homicidio"' in html
    assert ">Go to the passage</a>" in html


def test_a_whole_work_shows_its_pinpoint():
    registry = load_registry(MINI_REGISTRY)
    html = evidence_html(
        registry.get("inegi-homicides"), registry, Evidence("inegi-homicides", "x", pinpoint="Table 2")
    )
    assert "No single passage: Table 2." in html and "<q" not in html and "Go to the passage" not in html


def test_in_the_spanish_edition_a_source_speaks_its_own_words_and_the_note_speaks_spanish():
    registry = load_registry(MINI_REGISTRY)
    spanish = Evidence("inegi-homicides", "x", quote="Defunciones por homicidio", translation="Deaths by homicide")
    html = evidence_html(registry.get("inegi-homicides"), registry, spanish, "es")
    assert '<q class="evidence" cite="https://www.inegi.org.mx/programas/edr/">Defunciones por homicidio</q>' in html
    assert "Deaths by homicide" not in html and "our translation" not in html
    assert ">Ir al pasaje</a>" in html and "Go to the passage" not in html
    english = evidence_html(
        registry.get("porter-wapo-2024"), registry, Evidence("porter-wapo-2024", "x", quote="w"), "es"
    )
    assert 'lang="en">w</q>' in english  # an English source keeps its words, marked as English
    whole = evidence_html(
        registry.get("inegi-homicides"),
        registry,
        Evidence("inegi-homicides", "x", pinpoint="Table 2", es={"pinpoint": "Tabla 2"}),
        "es",
    )
    assert "Sin un pasaje único: Tabla 2." in whole


def test_a_quote_read_through_another_source_cites_the_page_read():
    registry = load_registry(MINI_REGISTRY)
    html = evidence_html(registry.get("fettweis-2024"), registry, Evidence("fettweis-2024", "x", quote="supply"))
    assert 'cite="https://newszed.com/' in html  # Corbishley's repost, where Fettweis's words were read


def test_evidence_is_data_never_markup():
    registry = load_registry(MINI_REGISTRY)
    html = evidence_html(
        registry.get("porter-wapo-2024"),
        registry,
        Evidence("porter-wapo-2024", "x", quote='<script>alert(1)</script> "<b>bold</b>"', pinpoint="<i>p</i>"),
    )
    assert "<script>" not in html and "<b>" not in html and "<i>p</i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;i&gt;p&lt;/i&gt;" in html


# --- the notes on a page --------------------------------------------------------------------


def render(project: Path, text: str, page: str = "p.md") -> str:
    md = markdown.Markdown(
        extensions=["footnotes", "build_scripts.markdown.citations"],
        extension_configs={"build_scripts.markdown.citations": {"project": str(project)}},
    )
    md._readers_page = page
    return md.convert(text)


def test_one_note_per_claim_and_one_note_for_a_repeated_claim(mini_project):
    write(
        mini_project / "evidence" / "p.yml",
        'porter-wapo-2024:game:\n  quote: "the game will go on"\nporter-wapo-2024:kingpin:\n'
        '  quote: "You can capture the kingpin"\n',
    )
    html = render(
        mini_project,
        "One.[^porter-wapo-2024:game] Two.[^porter-wapo-2024:kingpin] Three.[^porter-wapo-2024:game]",
    )
    notes = re.findall(r'<li id="fn:([^"]+)">', html)
    assert notes == ["porter-wapo-2024:game", "porter-wapo-2024:kingpin"]
    assert html.count('href="#fn:porter-wapo-2024:game"') == 2
    assert html.count('<q class="evidence"') == 2
    assert ">the game will go on</q>" in html and ">You can capture the kingpin</q>" in html


def test_the_older_forms_still_build_without_evidence(mini_project):
    html = render(mini_project, "One.[^porter-wapo-2024] Two.[^porter-wapo-2024, subtitle]")
    assert 'id="fn:porter-wapo-2024"' in html and "In the source: subtitle." in html
    assert 'class="evidence"' not in html


def test_a_claim_without_an_entry_stops_the_render_with_the_fix(mini_project):
    with pytest.raises(BuildError) as caught:
        render(mini_project, "Text.\n\nClaim.[^porter-wapo-2024:nothing-here]")
    assert caught.value.line == 3
    assert "no evidence for [^porter-wapo-2024:nothing-here]" in caught.value.message
    assert "porter-wapo-2024:nothing-here:" in caught.value.fix and "quote:" in caught.value.fix


# --- the checks over the project ------------------------------------------------------------


def check(project: Path, *, publish: bool = False) -> tuple[Problems, list]:
    """The evidence checks' problems (errors and warnings) and the tiers of every page's notes."""
    inputs = load_inputs(Project(project), publish=publish)
    found = Problems()
    found.collect(evidence_problems(inputs))
    return found, page_tiers(inputs)


def test_the_mini_fixture_has_evidence_for_every_note(mini_project):
    errors, pages = check(mini_project, publish=True)
    assert errors.errors == [] and errors.warnings == []
    summary = tier_summary(pages)
    assert "chapter.md: 3 notes rest on 1 primary, 1 report, 1 copy; all with evidence" in summary


def test_unused_entries_warn_and_older_forms_warn_once_per_page(mini_project):
    evidence = mini_project / "evidence" / "chapter.yml"
    evidence.write_text(evidence.read_text() + 'porter-wapo-2024:spare:\n  quote: "x"\n')
    page = mini_project / "content" / "second.md"
    page.write_text(page.read_text() + "\nOld one.[^porter-wapo-2024] Old two.[^inegi-homicides, Table 1]\n")
    errors, pages = check(mini_project)
    assert errors.errors == []
    messages = [str(w) for w in errors.warnings]
    assert any("evidence 'porter-wapo-2024:spare' is not used on chapter.md" in m for m in messages)
    older = [m for m in messages if "without evidence" in m]
    assert len(older) == 1 and "2 footnote(s) without evidence" in older[0]
    assert "second.md: 3 notes rest on 2 primary, 0 report, 1 copy; 1 with evidence, 2 without" in tier_summary(pages)
    published, _ = check(mini_project, publish=True)
    assert len([e for e in published.errors if "publishing build refuses it" in e.message]) == 2


def test_the_real_site_evidence_files_are_valid():
    """Every evidence file in the repository loads and matches its page (warnings allowed)."""
    errors, _ = check(ROOT)
    assert errors.errors == [], "\n".join(map(str, errors.errors))


def test_the_evidence_schema_fields_are_documented():
    spec = json.loads((ROOT / "build_scripts" / "schemas" / "evidence.schema.json").read_text(encoding="utf-8"))
    text = (ROOT / "docs" / "evidence.md").read_text(encoding="utf-8")
    fields = spec["$defs"]["entry"]["properties"]
    assert sorted(f for f in fields if f"`{f}`" not in text) == []
    for guide in ("README.md", "writing-chapters.md"):
        assert "(evidence.md)" in (ROOT / "docs" / guide).read_text(encoding="utf-8"), guide


# --- quoted words and numbers ---------------------------------------------------------------


def claims(tmp_path, body: str):
    from build_scripts.evidence.claims import claims_of

    page = write(tmp_path / "p.md", "---\ntitle: T\n---\n\n# T\n\n" + body + "\n")
    return claims_of(page)


def test_each_marker_closes_the_text_since_the_previous_one_and_adjacent_markers_share_it(tmp_path):
    found = claims(
        tmp_path,
        'First "one".[^a:x] Second\nline "two".[^b:y][^c:z]\n\n- A list item "three".[^d:w]\n\n| x | cell "four".[^e:v] |',
    )
    assert [(c.text.strip(), [m.source_id for m in c.markers], c.line) for c in found] == [
        ('First "one".', ["a"], 7),
        ('Second\nline "two".', ["b", "c"], 8),
        ('A list item "three".', ["d"], 10),
        ('cell "four".', ["e"], 12),
    ]


def test_quotes_are_normalised_and_cuts_split_them():
    from build_scripts.evidence.claims import quote_found, quoted_parts

    [(quoted, pieces)] = quoted_parts("He said “The  Jalisco cartel … did not exist,” in 2024.")
    assert pieces == ["The  Jalisco cartel", "did not exist"]
    assert quote_found(pieces, ["the Jalisco cartel, founded later, did NOT exist in 2006"])
    assert not quote_found(pieces, ["did not exist ... the Jalisco cartel"])  # order matters
    assert not quote_found(["cartel did"], ["the cartel ... did not"])  # a cut in the excerpt is not bridged
    assert quoted_parts('A <a href="x.md">link</a> and *"emphasis"*.') == [("emphasis", ["emphasis"])]


def test_numbers_are_compared_as_values_and_names_are_not_numbers():
    from build_scripts.evidence.claims import numbers_in

    assert set(numbers_in("8,867 homicides in 2007; 36.773 in 2020; 1.5 percent; 4th")) == {
        "8867",
        "2007",
        "36773",
        "2020",
        "1.5",
        "4",
    }
    assert numbers_in("an MQ-9 drone, COVID-19, the G7") == {}
    assert set(numbers_in("in mid-2025, as in pre-2006 Mexico")) == {"2025", "2006"}


def test_claims_are_checked_against_their_evidence(mini_project):
    page = mini_project / "content" / "chapter.md"
    evidence = mini_project / "evidence" / "chapter.yml"
    text = page.read_text()
    page.write_text(
        text.replace(
            "Eduardo Porter argued.[^porter-wapo-2024:game-goes-on]",
            'Eduardo Porter argued that "you can capture the kingpin" (2024).[^porter-wapo-2024:game-goes-on]',
        ).replace("He said so again.", 'He said "the game is over" again, 3 times.')
    )
    errors, _ = check(mini_project)
    messages = [e.message for e in errors.errors]
    assert messages == [
        'the words "the game is over" are in quotation marks but not in the quote of '
        "[^porter-wapo-2024:game-goes-on] (evidence/chapter.yml:5)",
        "the number 3 is not in the evidence of [^porter-wapo-2024:game-goes-on] (evidence/chapter.yml:5) "
        "nor in the data of a chart on this page",
    ], messages  # 2024 is the source's own date; 8,867 and 2007 are in the chart's data
    evidence.write_text(evidence.read_text().replace("game will go on", "game will go on; the game is over, 3 times"))
    assert check(mini_project)[0].errors == []


def test_our_own_sums_and_titles_are_not_quotations_or_numbers_to_find(mini_project):
    page = mini_project / "content" / "chapter.md"
    page.write_text(
        page.read_text().replace(
            "He said so again.",
            'His article, "You can capture the kingpin, but the game will go on", adds up to 99 (our sum).',
        )
    )
    assert check(mini_project)[0].errors == []


def test_a_range_written_with_a_hyphen_is_two_numbers():
    from build_scripts.evidence.claims import numbers_in

    assert set(numbers_in("rejected 48-51, in 2020-2024")) == {"48", "51", "2020", "2024"}


# --- make check-evidence, against pages served from 127.0.0.1 -------------------------------


@pytest.fixture
def pages_server():
    import http.server
    import socketserver
    import threading

    pages = {
        "/same": ("200", "text/html", "<p>You can <em>capture</em> the kingpin, but the game will go on.</p>"),
        "/edited": ("200", "text/html", "<p>The article now says something else.</p>"),
        "/old": ("301", "/elsewhere", ""),
        "/elsewhere": ("200", "text/html", "<p>Another article.</p>"),
        "/file.pdf": ("200", "application/pdf", "%PDF-1.4"),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 -- http.server's API
            status, kind, body = pages.get(self.path, ("404", "text/html", "gone"))
            self.send_response(int(status))
            if status == "301":
                self.send_header("Location", kind)
            else:
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_check_evidence_reports_each_excerpt_no_longer_on_its_page(tmp_path, pages_server, capsys):
    from types import SimpleNamespace

    from build_scripts.evidence.online import check, run
    from build_scripts.project import Project

    sources = []
    for name in ("same", "edited", "old", "dead", "pdf"):
        path = "/file.pdf" if name == "pdf" else f"/{name}"
        sources.append(
            f"- id: {name}\n  kind: news-report\n  tier: report\n  title: T\n  outlet: O\n"
            f'  date: "2025"\n  url: {pages_server}{path}\n  language: en\n  status: VERIFIED\n'
        )
    write(tmp_path / "sources.yml", "".join(sources))
    quote = '  quote: "You can capture the kingpin, but the game ... will go on"\n'
    write(
        tmp_path / "evidence" / "p.yml", "".join(f"{n}:c:\n{quote}" for n in ("same", "edited", "old", "dead", "pdf"))
    )
    verdicts = {f.entry.source_id: f.verdict for f in check(tmp_path, timeout=5, workers=2)}
    assert verdicts == {"same": "found", "edited": "edited", "old": "moved", "dead": "dead", "pdf": "skipped"}

    status = run(SimpleNamespace(timeout=5, workers=2, ids=None), Project(tmp_path))
    out = capsys.readouterr().out
    assert status == 1
    assert "p.yml:3: 'edited:c': edited: the page answers but the quote is no longer on it" in out
    assert f"p.yml:5: 'old:c': moved: now redirects to {pages_server}/elsewhere" in out
    assert "p.yml:7: 'dead:c': dead: HTTP 404" in out
    assert "1 of 5 excerpts found on their pages, 3 not found, 1 not checked" in out
    assert run(SimpleNamespace(timeout=5, workers=2, ids=["same"]), Project(tmp_path)) == 0


# --- the Sources page -------------------------------------------------------------------------


def test_the_sources_page_lists_each_excerpt_with_the_sections_that_rely_on_it(mini_project):
    from xml.etree import ElementTree

    from build_scripts.essays import essays_in
    from build_scripts.sources_page import sources_page

    registry = load_registry(mini_project / "sources.yml")
    page = mini_project / "content" / "second.md"
    page.write_text(page.read_text() + "\nAn older citation.[^porter-wapo-2024]\n")
    root = sources_page(
        registry, essays_in(mini_project / "content"), {}, this_page=mini_project / "content" / "sources.md"
    )
    markup = ElementTree.tostring(root, encoding="unicode")
    porter = markup.split('id="source-porter-wapo-2024"')[1].split("</li>\n</ul>")[0]
    assert porter.count('<q class="evidence"') == 1  # one excerpt, used on two pages
    assert ">You can capture the kingpin, but the game will go on</q>" in porter
    relied = porter.split("Relied on in: ")[1].split("</span>")[0]
    assert '<a href="chapter.md#section-one">A chapter — Section one</a>' in relied
    assert 'href="terms.md' in relied
    assert 'Also cited in: <a href="second.md#chart-again">' in porter  # the older form carries no excerpt
    inegi = markup.split('id="source-inegi-homicides"')[1].split('id="source-')[0]
    assert "No single passage: Table" in inegi and "Cited in" not in inegi


def test_a_copy_names_its_original_first(tmp_path):
    from build_scripts.citations import footnote_html

    path = write(
        tmp_path / "sources.yml",
        "- id: nyt-2025\n  kind: news-report\n  tier: report\n  title: The original\n  outlet: The New York Times\n"
        '  date: "2025-08-08"\n  url: https://example.org/nyt\n  language: en\n  status: LINK-ONLY\n'
        "- id: reprint-2025\n  kind: news-report\n  tier: copy\n  original: nyt-2025\n  title: The reprint\n"
        '  outlet: The Nightly\n  date: "2025-08-09"\n  archived_url: https://example.org/copy\n'
        "  archived_note: syndicated reprint\n  language: en\n  status: VERIFIED\n"
        "- id: aggregator-2026\n  kind: news-report\n  tier: copy\n  original: The New York Times report\n"
        '  title: A summary\n  outlet: India Today\n  date: "2026"\n  url: https://example.org/agg\n'
        "  language: en\n  status: VERIFIED\n",
    )
    registry = load_registry(path)
    reprint = footnote_html(registry.get("reprint-2025"), registry)
    assert reprint.index("The original") < reprint.index("Copy:") < reprint.index("The reprint")
    assert reprint.index("The reprint") < reprint.index("Copy read (syndicated reprint)")
    aggregator = footnote_html(registry.get("aggregator-2026"), registry)
    assert aggregator.startswith('<span class="source-original">Original: The New York Times report.</span> Copy: ')


def test_an_original_written_as_an_unknown_id_is_an_error(tmp_path):
    path = write(
        tmp_path / "sources.yml",
        "- id: reprint-2025\n  kind: news-report\n  tier: copy\n  original: nyt-2052\n  title: T\n"
        '  outlet: O\n  date: "2025"\n  url: https://example.org/r\n  language: en\n  status: VERIFIED\n',
    )
    with pytest.raises(BuildErrors) as caught:
        load_registry(path)
    assert "'original' names unknown source 'nyt-2052'" in str(caught.value)


def test_the_examples_in_docs_evidence_are_valid():
    import yaml

    from build_scripts.schemas import schema_errors

    text = (ROOT / "docs" / "evidence.md").read_text(encoding="utf-8")
    example = yaml.safe_load(re.findall(r"```yaml\n(.*?)```", text, re.S)[0])
    assert schema_errors(example, "evidence", file=Path("docs/evidence.md"), what="example") == []
    marker = re.search(r"\[\^[^\]]+\]", re.findall(r"```markdown\n(.*?)```", text, re.S)[0]).group(0)
    match = CITATION.fullmatch(marker)
    assert match and match["claim"] and f"{match['id']}:{match['claim']}" in example
