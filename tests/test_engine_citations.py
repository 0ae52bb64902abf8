"""Citation text: APA, MLA and Chicago via pandoc's citeproc in English and Spanish, plus pinpoints,
archived copies and "as quoted in"."""

import json
import re
from pathlib import Path

from build_scripts.citations import bibtex, csl_item, footnote_html, source_reference
from build_scripts.registry import Registry, Source, load_registry

from .conftest import make_source

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
    book = make_source(
        id="b",
        kind="book",
        title="A Book",
        date="2022",
        status="VERIFIED-SECONDARY",
        archived_url="https://example.org/review",
        archived_note="not a copy of the book; review in a newspaper",
    )
    text = footnote_html(book, Registry(MINI, {"b": book}))
    assert "Page read (review in a newspaper): <a" in text and "Copy read" not in text


def test_an_ampersand_in_a_title_is_escaped():
    from xml.etree import ElementTree

    source = make_source(
        id="w",
        title="Military Operations & Covert Action",
        outlet="A Journal",
        date="2011",
        url="https://example.org/a?b=1&c=2",
    )
    text = footnote_html(source, Registry(MINI, {"w": source}))
    assert "Operations &amp; Covert Action" in text
    ElementTree.fromstring(f"<p>{text}</p>")  # well-formed, as the charts and Sources page need


# ---- pandoc's citeproc, in both locales (shared/research/reviews/ecosystem-2026-11.md, section 4) ----
from build_scripts.citations import format_reference, registry_references  # noqa: E402

LOCALES = ("en", "es")
ENGLISH_MONTHS = (
    "January February March April May June July August September October November December".split()
    + "Jan. Feb. Mar. Apr. Aug. Sept. Oct. Nov. Dec.".split()
)


def _report(ident: str, title: str, date: str) -> Source:
    return make_source(
        id=ident,
        title=title,
        outlet="Congressional Research Service",
        date=date,
        authors=({"family": "Beittel", "given": "June S."},),
    )


def _two_reports() -> tuple[Source, Source]:
    return (
        _report("beittel-a", "Mexico: Organized Crime and Drug Trafficking Organizations", "2025-03-01"),
        _report("beittel-b", "Fentanyl and the Cartels", "2025-06-01"),
    )


def _magazine() -> dict:
    return {
        "id": "esc",
        "type": "article-magazine",
        "title": "El narco: la guerra fallida",
        "container-title": "Nexos",
        "author": [{"family": "Escalante Gonzalbo", "given": "Fernando"}],
        "issued": {"date-parts": [[2011, 1, 3]]},
        "language": "es",
        "URL": "https://example.org/narco",
    }


def test_two_works_of_one_author_and_year_are_2025a_and_2025b_in_both_locales():
    first, second = _two_reports()
    registry = Registry(MINI, {first.id: first, second.id: second})
    for lang in LOCALES:
        refs = registry_references(registry, [first, second], lang)
        # APA orders a year's works by title: "Fentanyl…" is 2025a, "Mexico…" 2025b.
        assert refs["beittel-b"].startswith("Beittel, J. S. (2025a"), refs
        assert refs["beittel-a"].startswith("Beittel, J. S. (2025b"), refs
        # A footnote citing one of them alone still tells it apart (the registry is consulted).
        alone = footnote_html(first, registry, lang=lang)
        assert "(2025b" in alone


def test_mla_and_chicago_spell_out_given_names_in_both_locales():
    for lang in LOCALES:
        for style in ("mla", "chicago"):
            text = format_reference(_magazine(), style, lang)
            assert text.startswith("Escalante Gonzalbo, Fernando."), (style, lang, text)


def test_chicago_adds_no_stray_edition_to_an_article():
    for lang in LOCALES:
        for style in ("apa", "mla", "chicago"):
            text = format_reference(_magazine(), style, lang)
            assert "Edition" not in text and "Edición" not in text and "edición" not in text, (style, lang, text)


def test_spanish_references_use_the_spanish_locale_and_keep_titles_as_written():
    undated_web = {"id": "w", "type": "webpage", "title": "Sources of the Data", "container-title": "A Site"}
    accessed = {**_magazine(), "id": "r", "accessed": {"date-parts": [[2026, 2, 22]]}}
    two_authors = {
        **_magazine(),
        "id": "t",
        "author": [{"family": "Uno", "given": "Ana"}, {"family": "Dos", "given": "Beto"}],
    }
    for style in ("apa", "mla", "chicago"):
        spanish = " ".join(
            format_reference(item, style, "es") for item in (_magazine(), undated_web, accessed, two_authors)
        )
        assert "enero" in spanish, (style, spanish)
        assert not any(re.search(rf"\b{re.escape(m)}(?!\w)", spanish) for m in ENGLISH_MONTHS), (style, spanish)
        assert "Retrieved" not in spanish and "n.d." not in spanish and " and " not in spanish, (style, spanish)
        # Source titles stay in their own language, as written.
        assert "El narco: la guerra fallida" in spanish and "Sources of the Data" in spanish
    assert "(s/f)" in format_reference(undated_web, "apa", "es")
    assert " y Beto Dos" in format_reference(two_authors, "mla", "es")
    english = format_reference(undated_web, "apa", "en") + format_reference(accessed, "apa", "en")
    assert "(n.d.)" in english and "January" in english


def test_registry_values_are_never_markup():
    source = make_source(
        id="m",
        title="Not <i>italic</i>, not *emphasis* & not <script>x</script>",
        outlet="A <b>Publisher</b>",
    )
    for lang in LOCALES:
        text = footnote_html(source, Registry(MINI, {"m": source}), lang=lang)
        assert "Not &lt;i&gt;italic&lt;/i&gt;, not *emphasis* &amp; not &lt;script&gt;" in text, text
        assert "A &lt;b&gt;Publisher&lt;/b&gt;" in text and "<script>" not in text and "<b>" not in text


def test_spanish_notes_say_our_words_in_spanish():
    registry = load_registry(MINI)
    text = footnote_html(registry.get("fettweis-2024"), registry, "p. 3", lang="es")
    assert "Original no consultado; citado en Corbishley, N. (2025, agosto 12)" in text
    assert "Fecha aproximada." in text and "En la fuente: p. 3." in text
    assert "quoted" not in text and "approximate" not in text


def test_formatted_references_are_cached_on_disk_by_pandoc_version_style_and_locale(tmp_path, monkeypatch):
    import build_scripts.citations as citations

    calls = []
    real = citations._run_pandoc
    monkeypatch.setattr(citations, "_run_pandoc", lambda *a: calls.append(a) or real(*a))
    store = tmp_path / "citeproc" / "references.json"
    monkeypatch.setattr(citations, "_cache_file", lambda: store)
    citations._disk_cache.cache_clear()
    item = {**_magazine(), "id": "cache-probe", "title": f"Probe {tmp_path.name}"}
    first = [format_reference(item, "apa", lang) for lang in LOCALES]
    assert len(calls) == 2  # one pandoc run per locale
    again = [format_reference(item, "apa", lang) for lang in LOCALES]
    assert again == first and len(calls) == 2  # the second time from the cache
    batch = [{**item, "id": f"b{n}", "title": f"Batch {n} {tmp_path.name}"} for n in range(5)]
    citations.format_references(batch, "mla", "es")
    assert len(calls) == 3  # five references, one run
    assert store.is_file() and len(json.loads(store.read_text())) == 7  # saved at once, for the next process
    citations._disk_cache.cache_clear()  # a new process: read from disk, no pandoc run
    assert [format_reference(item, "apa", lang) for lang in LOCALES] == first and len(calls) == 3
    path = citations._pandoc()[0]
    monkeypatch.setattr(citations, "_pandoc", lambda: (path, "99.0"))  # another pandoc: formatted again
    format_reference(item, "apa", "en")
    assert len(calls) == 4
    citations._disk_cache.cache_clear()


def test_a_dataset_is_called_one_in_spanish_in_every_style():
    dataset = make_source(id="d", kind="dataset", title="Defunciones por homicidio", outlet="INEGI", date="2025")
    for style in ("apa", "mla", "chicago"):
        spanish = format_reference(csl_item(dataset, lang="es"), style, "es")
        assert "Conjunto de datos" in spanish and "Dataset" not in spanish, (style, spanish)
    assert "[Dataset]" in format_reference(csl_item(dataset, lang="en"), "apa", "en")
