"""The one reading of a page (build_scripts/essays.py): front matter, fenced code, headings and
their anchors, shortcodes, citations; and the guards that keep it the only one."""

from __future__ import annotations

import io
import re
import tokenize
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest

from build_scripts.errors import BuildError
from build_scripts.essays import (
    OPEN,
    SHORTCODES,
    fences,
    parse_front_matter,
    parse_page,
    read_page,
    strip_front_matter,
)

ROOT = Path(__file__).resolve().parent.parent
PAGE = """---
title: "A page: with a colon"
description: One line.
draft: true
...

# The title

Text.[^porter-wapo-2024] More.[^inegi-homicides, table 1]

```markdown
# Not a heading
<!-- md:chart not-a-chart -->
[^not-a-citation]
~~~
still code
```

## In brief {#in-brief}

<!-- md:chart homicides-mexico -->

## Same title

## Same title

### *Emphasis* and [a link](other.md) in a heading

<p id="raw-id">x</p>

A paragraph with an id.
{: #para-id }
"""


def page(text: str = PAGE):
    return parse_page(text, Path("content/page.md"))


def test_front_matter_ends_with_three_dots_as_mkdocs_reads_it():
    front = parse_front_matter(PAGE)
    assert front.problem is None
    assert front.end == 5
    assert front.data == {"title": "A page: with a colon", "description": "One line.", "draft": True}
    assert strip_front_matter(PAGE).startswith("\n# The title\n")


@pytest.mark.parametrize(
    "text,message,line",
    [
        ("# No front matter\n", "the page has no front matter", 1),
        ("---\ntitle: x\n\n# Body\n", "the front matter is not closed", 1),
        ("---\ntitle: x\ndescription: a: b\n---\n", "the front matter is not valid YAML", 3),
        ("---\n- a list\n---\n", "the front matter must be `key: value` lines", 2),
    ],
)
def test_front_matter_problems_name_their_line(text, message, line):
    problem = parse_front_matter(text, "content/x.md").problem
    assert isinstance(problem, BuildError)
    assert problem.message.startswith(message) and problem.line == line and problem.fix


def test_code_fences_hide_what_they_contain():
    states = [in_code for _, in_code in fences(["a", "```", "~~~", "b", "```", "c"])]
    assert states == [False, True, True, True, True, False]  # ~~~ inside ``` does not close it
    parsed = page()
    assert [s.argument for s in parsed.shortcodes] == ["homicides-mexico"]
    assert [c.source_id for c in parsed.citations] == ["porter-wapo-2024", "inegi-homicides"]
    assert parsed.citations[1].pinpoint == "table 1"
    assert all("Not a heading" not in h.text for h in parsed.headings)


def test_heading_ids_are_the_ones_the_toc_extension_gives():
    """Rendered with Python-Markdown's own toc and attr_list, the page has exactly these ids."""
    body = strip_front_matter(PAGE)
    html = markdown.markdown(body, extensions=["toc", "attr_list", "fenced_code", "footnotes"])
    rendered = [
        element.get("id")
        for element in etree.fromstring(f"<div>{html}</div>").iter()
        if re.fullmatch(r"h[1-6]", element.tag)
    ]
    assert [h.id for h in page().headings] == rendered
    assert rendered == ["the-title", "in-brief", "same-title", "same-title_1", "emphasis-and-a-link-in-a-heading"]


def test_all_and_permanent_anchors():
    parsed = page()
    every = parsed.anchors("all", source_ids=["x"])
    assert {"in-brief", "same-title", "same-title_1", "raw-id", "para-id", "chart-homicides-mexico"} <= every
    assert "chart-homicides-mexico-title" in every and OPEN not in every
    permanent = parsed.anchors("permanent")
    assert permanent == {"in-brief", "raw-id", "para-id", "chart-homicides-mexico"}  # no slug of a title
    assert OPEN in page(PAGE + "\n<!-- md:questions -->\n").anchors("all")
    with pytest.raises(ValueError):
        parsed.anchors("some")


def test_a_page_is_read_once_per_change(tmp_path):
    path = tmp_path / "p.md"
    path.write_text(PAGE, encoding="utf-8")
    first = read_page(path)
    assert read_page(path) is first
    path.write_text(PAGE.replace("## In brief {#in-brief}", "## Short"), encoding="utf-8")
    assert read_page(path) is not first and "in-brief" not in read_page(path).anchors("all")


def test_a_page_that_is_not_utf8_is_a_located_error(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("---\ntitle: x\n---\n\nMéxico\n".encode("latin-1"))
    with pytest.raises(BuildError) as raised:
        read_page(path)
    assert raised.value.line == 5 and "not UTF-8" in raised.value.message and "UTF-8" in raised.value.fix


# ---- one table of shortcodes ------------------------------------------------------------------
def test_the_extension_dispatches_on_the_table():
    from build_scripts.markdown.shortcodes import ShortcodesExtension

    assert set(ShortcodesExtension().handlers) == set(SHORTCODES)


def test_every_shortcode_is_documented_and_every_documented_one_exists():
    text = (ROOT / "docs" / "writing-chapters.md").read_text(encoding="utf-8")
    section = text.split("\n## Shortcodes\n", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `<!-- md:([a-z-]+)", section, re.M)
    assert sorted(documented) == sorted(SHORTCODES)


# ---- one front-matter parser -------------------------------------------------------------------
PARSING = re.compile(r"\bre\.|compile\(|\.find\(|startswith\(|==|\.split\(|\.partition\(|\.index\(|match\(|\.sub\(")


def front_matter_parsers(path: Path) -> list[int]:
    """Lines of ``path`` that look for a front matter delimiter ("---") in text: a second parser."""
    found = []
    source = path.read_text(encoding="utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING and re.search(r"(^|\\n|\\A|[\"'])---", token.string):
            line = source.splitlines()[token.start[0] - 1]
            if PARSING.search(line):
                found.append(token.start[0])
    return found


def outside_the_page_parser(finder) -> dict[str, list[int]]:
    """Per module of build_scripts other than essays.py (the one page parser), the lines ``finder`` flags."""
    return {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "build_scripts").rglob("*.py"))
        if path.name != "essays.py" and (lines := finder(path))
    }


def test_one_front_matter_parser():
    second = outside_the_page_parser(front_matter_parsers)
    assert not second, (
        f"front matter parsed outside build_scripts/essays.py: {second}; use essays.read_page or parse_front_matter"
    )


def test_the_guard_sees_a_second_parser(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text(
        'end = text.find("\\n---", 3)\nFM = re.compile(r"\\A---\\s*\\n")\nout = "---\\ntitle: x\\n---\\n"\n'
    )
    assert front_matter_parsers(sample) == [1, 2]  # writing front matter (line 3) is not parsing it


# ---- one fence state machine --------------------------------------------------------------------
def fence_loops(path: Path) -> list[int]:
    """Lines of ``path`` that match a code fence themselves (``FENCE.match``, a ``` or ~~~ pattern)
    instead of asking ``essays.fences``: a second fence state machine."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if "FENCE.match(" in line or re.search(r"""(compile|match|search)\(.*(```|~~~)""", line):
            found.append(number)
    return found


def test_one_fence_state_machine():
    second = outside_the_page_parser(fence_loops)
    assert not second, f"code fences tracked outside build_scripts/essays.py: {second}; use essays.fences"


def test_the_fence_guard_sees_a_second_loop(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text('m = FENCE.match(line)\nF = re.compile(r"^\\s*(```|~~~)")\nprint("```")\n')
    assert fence_loops(sample) == [1, 2]
