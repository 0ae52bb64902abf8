"""Reading essays: citations (with pinpoints), shortcodes, headings; code blocks ignored."""

from build_scripts.essays import read_essay

ESSAY = """---
title: T
description: D
---

# Title

## First {#first}

A claim.[^a-2020] Another, pinned.[^b-2021, p. 12] Both.[^a-2020][^c-2022]

<!-- md:chart some-chart -->

```markdown
Not a citation: [^ignored-2000] <!-- md:chart not-this -->
```

## Second {#second}

[^handwritten]: a definition someone typed.
"""


def test_citations_have_lines_pinpoints_and_sections(tmp_path):
    path = tmp_path / "e.md"
    path.write_text(ESSAY)
    essay = read_essay(path)
    assert [(c.source_id, c.pinpoint, c.line, c.anchor) for c in essay.citations] == [
        ("a-2020", None, 10, "first"),
        ("b-2021", "p. 12", 10, "first"),
        ("a-2020", None, 10, "first"),
        ("c-2022", None, 10, "first"),
    ]


def test_shortcodes_and_definitions_outside_code(tmp_path):
    path = tmp_path / "e.md"
    path.write_text(ESSAY)
    essay = read_essay(path)
    assert [(s.name, s.argument, s.line) for s in essay.shortcodes] == [("chart", "some-chart", 12)]
    assert essay.definitions == [("handwritten", 20)]
    assert [(h.text, h.anchor) for h in essay.headings] == [("Title", None), ("First", "first"), ("Second", "second")]
    assert essay.title == "Title"
