"""Citation text: APA via citeproc-py, plus pinpoints, archived copies and 'as quoted in'."""

from pathlib import Path

from build_scripts.citations import bibtex, footnote_html, source_reference
from build_scripts.registry import load_registry

MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "sources.yml"


def test_apa_reference_keeps_the_original_publisher():
    registry = load_registry(MINI)
    text = source_reference(registry.get("porter-wapo-2024"))
    assert text.startswith("Porter, E. (2024, July 30). You can capture the kingpin")
    assert "<i>The Washington Post</i>" in text
    assert "qoshe.com" not in text  # a repost is never shown as the publisher


def test_repost_is_shown_as_an_archived_copy_with_a_link():
    registry = load_registry(MINI)
    text = footnote_html(registry.get("porter-wapo-2024"), registry)
    assert 'Copy read (repost on qoshe.com): <a href="https://qoshe.com/' in text


def test_pinpoint_is_added():
    registry = load_registry(MINI)
    assert "In the source: subtitle." in footnote_html(registry.get("porter-wapo-2024"), registry, "subtitle")


def test_seed_only_source_is_cited_as_quoted_in_its_via():
    registry = load_registry(MINI)
    text = footnote_html(registry.get("fettweis-2024"), registry)
    assert "Original not seen; as quoted in Corbishley, N. (2025, August 12)" in text
    assert "Date approximate." in text


def test_spanish_titles_are_not_title_cased():
    registry = load_registry(MINI)
    assert "<i>Defunciones por homicidio</i>" in source_reference(registry.get("inegi-homicides"))


def test_bibtex_escapes_braces():
    entry = bibtex("misc", "k", {"title": "A {weird} title", "year": "2026"})
    assert entry.splitlines()[0] == "@misc{k,"
    assert "title = {A \\{weird\\} title}," in entry


def test_a_page_about_a_source_is_not_called_a_copy_of_it():
    from build_scripts.registry import Registry, Source

    book = Source(
        id="b",
        kind="book",
        title="A Book",
        outlet="A Publisher",
        date="2022",
        language="en",
        status="VERIFIED-SECONDARY",
        archived_url="https://example.org/review",
        archived_note="not a copy of the book; review in a newspaper",
    )
    text = footnote_html(book, Registry(MINI, {"b": book}))
    assert "Page read (review in a newspaper): <a" in text and "Copy read" not in text


def test_an_ampersand_in_a_title_is_escaped():
    from xml.etree import ElementTree

    from build_scripts.registry import Registry, Source

    source = Source(
        id="w",
        kind="analysis",
        title="Military Operations & Covert Action",
        outlet="A Journal",
        date="2011",
        language="en",
        status="VERIFIED",
        url="https://example.org/a?b=1&c=2",
    )
    text = footnote_html(source, Registry(MINI, {"w": source}))
    assert "Operations &amp; Covert Action" in text
    ElementTree.fromstring(f"<p>{text}</p>")  # well-formed, as the charts and Sources page need
