"""The glossary: glossary.yml is valid and used, and terms are marked automatically in the text."""

from pathlib import Path

import markdown
import pytest

from build_scripts.errors import BuildError, BuildErrors
from build_scripts.project import Project
from build_scripts.readers.glossary import load_glossary, usages
from build_scripts.readers.prebuild import chapter_files
from build_scripts.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]


def render(text: str, root: Path) -> str:
    md = markdown.Markdown(
        extensions=["toc", "attr_list", "footnotes", "tables", "build_scripts.markdown.glossary"],
        extension_configs={"build_scripts.markdown.glossary": {"project": str(root), "page": "glossary.md"}},
    )
    return md.convert(text)


def marked(html: str) -> list[str]:
    import re

    return re.findall(r'<a class="glossary-term"[^>]*>([^<]*)</a>', html)


# ---- the project's glossary ------------------------------------------------------------------
def test_the_glossary_is_valid_and_its_sources_exist():
    registry = load_registry(ROOT / "sources.yml")
    glossary = load_glossary(ROOT / "glossary.yml", {s.id for s in registry})
    assert len(glossary) >= 20
    required = {
        "fto",
        "sdgt",
        "aumf",
        "war-powers-resolution-vote",
        "title-10",
        "inegi",
        "sesnsp",
        "usmca",
        "kingpin-strategy",
        "balloon-effect",
        "cjng",
        "sinaloa-cartel",
        "plan-colombia",
        "jsoc",
        "northcom",
        "southcom",
        "title-50",
    }
    assert required <= set(glossary.terms)
    for term in glossary:
        assert term.definition.endswith("."), term.id
        assert len(term.definition) <= 450, term.id


#: Terms kept although no chapter uses them now: the issue asks for them, and others point to them.
KEPT_UNUSED = {"title-10"}


def test_every_term_appears_in_a_chapter():
    glossary = load_glossary(ROOT / "glossary.yml")
    used = usages(glossary, chapter_files(Project(ROOT)))
    unused = [term_id for term_id, places in used.items() if not places and term_id not in KEPT_UNUSED]
    assert not unused, f"glossary terms no chapter uses (check their `match` words): {unused}"


def test_definitions_with_specific_facts_name_their_sources():
    """A definition with a year or a number must cite the sources.yml entry that supports it."""
    import re

    common_knowledge = {"usmca"}  # NAFTA's replacement in 2020
    for term in load_glossary(ROOT / "glossary.yml"):
        if re.search(r"\b(19|20)\d\d\b|\b\d[\d,]*\b", term.definition) and term.id not in common_knowledge:
            assert term.sources, f"{term.id}: states a date or number but names no source"


# ---- validation ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "entry, message",
    [
        (
            "- id: a\n  term: A\n  match: [A]\n  definition: One.\n- id: a\n  term: B\n  match: [B]\n  definition: Two.\n",
            "duplicate glossary id 'a'",
        ),
        (
            "- id: a\n  term: A\n  match: [Same]\n  definition: One.\n- id: b\n  term: B\n  match: [Same]\n  definition: Two.\n",
            "already belong to term 'a'",
        ),
        ("- id: a\n  term: A\n  match: [A]\n  definition: One.\n  sources: [no-such-source]\n", "unknown source id"),
        ("- id: a\n  term: A\n  match: [A]\n  definition: One.\n  see: [b]\n", "unknown term 'b'"),
        ("- id: A b\n  term: A\n  match: [A]\n  definition: One.\n", "fix: lower-case words joined by hyphens"),
        ("- id: a\n  term: A\n  match: [A]\n", "the required field 'definition' is missing"),
        ("- id: a\n  term: A\n  match: [A]\n  definition: One.\n  colour: red\n", "'colour' was unexpected"),
        ("- id: a\n  term: A\n  match: []\n  definition: One.\n", "fix: the exact words to find"),
        (f"- id: a\n  term: A\n  match: [A]\n  definition: {'x' * 451}\n", "fix: neutral, plain words, at most 450"),
        ("- just text\n", "glossary term #1: 'just text' is not of type 'object'"),
        ("id: a\nterm: A\n", "the glossary must be a YAML list of entries"),
    ],
)
def test_glossary_problems_are_reported_with_their_line(tmp_path, entry, message):
    path = tmp_path / "glossary.yml"
    path.write_text(entry)
    with pytest.raises((BuildErrors, BuildError)) as caught:
        load_glossary(path, {"inegi-homicides"})
    problems = getattr(caught.value, "errors", [caught.value])
    assert any(message in str(p) for p in problems), [str(p) for p in problems]
    assert all(p.line for p in problems)


def test_a_term_without_its_spanish_text_cannot_be_shown_in_spanish(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text(
        "- id: a\n  term: A\n  match: [A]\n  definition: One.\n"
        "  es: {term: Á, match: [Á], definition: Uno.}\n"
        "- id: b\n  term: B\n  match: [B]\n  definition: Two.\n"
    )
    glossary = load_glossary(path, set())
    assert glossary.in_language("en") is glossary
    with pytest.raises(BuildError) as caught:
        glossary.in_language("es")
    assert caught.value.line == 6
    assert "glossary term 'b' has no es text" in str(caught.value)


# ---- marking terms in the text ---------------------------------------------------------------
def test_first_occurrence_per_page_outside_headings_links_code_and_notes(mini_project):
    html = render(
        "# The FTO title\n\n"
        "A [link about INEGI](x.md) and `INEGI` in code.[^1]\n\n"
        "## SESNSP heading\n\n"
        "INEGI counts deaths; INEGI again. The FTOs and the kingpin strategy. SESNSP too.\n\n"
        "[^1]: A note about the FTO.\n",
        mini_project,
    )
    assert marked(html) == ["INEGI", "FTOs", "kingpin strategy", "SESNSP"]
    heading = html.split("<h1")[1].split("</h1>")[0]
    assert "glossary-term" not in heading
    note = html.split('class="footnote"')[1]
    assert "glossary-term" not in note


def test_whole_words_only_and_longest_match_first(mini_project):
    html = render("INEGIS is not a term, NON-INEGI neither, but INEGI's count is.\n", mini_project)
    assert marked(html) == ["INEGI"]
    assert "INEGI</a>'s count" in html


def test_terms_link_to_the_glossary_and_carry_their_definition(mini_project):
    html = render("The kingpin strategy.\n", mini_project)
    assert 'href="glossary.md#kingpin-strategy"' in html
    assert 'data-term="Kingpin strategy"' in html
    assert 'data-definition="Going after the people who run criminal organisations' in html


def test_pages_that_list_terms_are_left_alone(mini_project):
    for shortcode in ("glossary", "print-all"):
        html = render(f"INEGI.\n\n<!-- md:{shortcode} -->\n", mini_project)
        assert marked(html) == [], shortcode


def test_no_glossary_page_means_no_marking(mini_project):
    (mini_project / "content" / "glossary.md").unlink()
    assert marked(render("INEGI.\n", mini_project)) == []


def test_usages_name_the_sections(mini_project):
    glossary = load_glossary(mini_project / "glossary.yml")
    used = usages(glossary, chapter_files(Project(mini_project)))
    # Not in "the terms" (only in code there), not from the heading itself, but in the text under it.
    assert [(u.src, u.anchor) for u in used["sesnsp"]] == [("terms.md", "heading-term")]
    assert [(u.src, u.anchor) for u in used["kingpin-strategy"]] == [("terms.md", "the-terms")]


def test_a_page_with_the_glossary_list_is_not_marked_but_a_shortcode_shown_as_code_does_not_count(mini_project):
    assert marked(render("<!-- md:glossary -->\n\nINEGI counts deaths.\n", mini_project)) == []
    shown = "How to list the terms:\n\n```markdown\n<!-- md:glossary -->\n```\n\nINEGI counts deaths.\n"
    assert marked(render(shown, mini_project)) == ["INEGI"]


def test_terms_are_listed_in_dictionary_order_in_each_edition():
    """Accents and case do not move a term: the Spanish list reads as a Spanish dictionary does
    (a code-point sort put every "Cártel" after "Contrainsurgencia", and "Título" after "Tren")."""
    glossary = load_glossary(ROOT / "glossary.yml")
    spanish = [term.term for term in glossary.in_language("es")]
    assert spanish.index("Cártel del Golfo") < spanish.index(
        "CBP (Oficina de Aduanas y Protección Fronteriza de Estados Unidos)"
    )
    assert spanish.index("Contrainsurgencia") < spanish.index("DEA (Administración para el Control de Drogas)")
    assert spanish.index("Cártel de Sinaloa") < spanish.index("Contrainsurgencia")
    assert spanish.index("Título 50") < spanish.index("Tren de Aragua")
    english = [term.term for term in glossary]
    assert english == sorted(english, key=str.casefold)
