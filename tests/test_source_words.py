"""The words a note says about its source in each edition's language (docs/translating.md, "Notes,
cite boxes and dates in Spanish"): the evidence's pinpoints (``es: {pinpoint}`` in
``evidence/SLUG.yml``) and the registry's notes (``es: {note, archived_note}`` in ``sources.yml``),
as the notes, the Sources page and the checks of the pre-build use them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.citations import footnote_html
from build_scripts.editions.source_words import registry_words_problems, source_words_problems
from build_scripts.errors import BuildError, BuildErrors
from build_scripts.evidence.model import Evidence, read_evidence
from build_scripts.evidence.render import evidence_html
from build_scripts.inputs import load_inputs
from build_scripts.project import Project
from build_scripts.registry import Registry, Source, load_registry
from build_scripts.sources_page import sources_page

from .conftest import FIXTURES, ROOT, make_source

MINI_REGISTRY = FIXTURES / "mini" / "sources.yml"
EDITION = ROOT / "tests" / "broken" / "translation-drift" / "files" / "content-es" / "edition.yml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- reading ------------------------------------------------------------------------------


def test_an_evidence_entry_reads_its_spanish_pinpoint(tmp_path):
    path = write(
        tmp_path / "p.yml",
        "inegi-homicides:yearly-counts:\n"
        "  pinpoint: Table 1, national total\n"
        '  es: {pinpoint: "Tabla 1, total nacional"}\n',
    )
    entry = read_evidence(path).get("inegi-homicides", "yearly-counts")
    assert entry.words("pinpoint", "es") == "Tabla 1, total nacional" and entry.has_words("pinpoint", "es")
    assert entry.words("pinpoint", "en") == "Table 1, national total"


def test_an_es_block_of_the_evidence_takes_only_the_pinpoint(tmp_path):
    """The quote is the source's own words: it is never translated in the es: block."""
    path = write(tmp_path / "p.yml", 'a-1:b:\n  quote: "words"\n  es: {quote: "palabras"}\n')
    with pytest.raises((BuildError, BuildErrors)) as caught:
        read_evidence(path)
    assert "quote" in str(caught.value) and "p.yml:1" in str(caught.value)


# --- the note under a footnote ------------------------------------------------------------


def whole_work(**es) -> Evidence:
    return Evidence("inegi-homicides", "x", pinpoint="Table 2, national total", es=es)


def test_the_spanish_edition_shows_the_spanish_pinpoint_and_the_english_edition_the_english():
    registry = load_registry(MINI_REGISTRY)
    source = registry.get("inegi-homicides")
    entry = whole_work(pinpoint="Tabla 2, total nacional")
    spanish = evidence_html(source, registry, entry, "es")
    assert "Sin un pasaje único: Tabla 2, total nacional." in spanish
    assert "Table 2" not in spanish and 'lang="en"' not in spanish
    english = evidence_html(source, registry, entry, "en")
    assert "No single passage: Table 2, national total." in english and "Tabla" not in english


def test_a_pinpoint_before_a_quote_is_in_the_edition_language_too():
    registry = load_registry(MINI_REGISTRY)
    entry = Evidence(
        "porter-wapo-2024", "x", quote="the game will go on", pinpoint="Headline", es={"pinpoint": "Titular"}
    )
    spanish = evidence_html(registry.get("porter-wapo-2024"), registry, entry, "es")
    assert '<span class="evidence-pinpoint">Titular:</span> <q class="evidence"' in spanish
    assert "Headline" not in spanish
    english = evidence_html(registry.get("porter-wapo-2024"), registry, entry, "en")
    assert '<span class="evidence-pinpoint">Headline:</span>' in english


def test_a_pinpoint_without_its_spanish_text_is_shown_in_english_and_marked_so():
    registry = load_registry(MINI_REGISTRY)
    spanish = evidence_html(registry.get("inegi-homicides"), registry, whole_work(), "es")
    assert 'Sin un pasaje único: <span lang="en">Table 2, national total</span>.' in spanish


def test_a_spanish_pinpoint_is_data_never_markup():
    registry = load_registry(MINI_REGISTRY)
    html = evidence_html(registry.get("inegi-homicides"), registry, whole_work(pinpoint="<i>Tabla</i>"), "es")
    assert "<i>" not in html and "&lt;i&gt;Tabla&lt;/i&gt;" in html


def copy_read(archived_note: str, es: dict | None = None) -> Source:
    return make_source(
        id="c",
        kind="news-report",
        title="A Report",
        outlet="An Outlet",
        date="2025",
        tier="copy",
        original="An Outlet",
        archived_url="https://example.org/copy",
        archived_note=archived_note,
        es=es or {},
    )


def test_the_note_on_the_copy_read_is_in_the_edition_language():
    source = copy_read("repost on example.org", {"archived_note": "copia publicada en example.org"})
    registry = Registry(MINI_REGISTRY, {"c": source})
    spanish = footnote_html(source, registry, lang="es")
    assert "Copia consultada (copia publicada en example.org): <a" in spanish
    assert "repost" not in spanish and 'lang="en"' not in spanish
    english = footnote_html(source, registry)
    assert "Copy read (repost on example.org): <a" in english and "copia" not in english


def test_a_page_about_a_source_is_not_called_a_copy_in_spanish_either():
    source = copy_read(
        "not a copy of the book; review in a newspaper",
        {"archived_note": "no es una copia del libro; reseña en un periódico"},
    )
    spanish = footnote_html(source, Registry(MINI_REGISTRY, {"c": source}), lang="es")
    assert "Página consultada (reseña en un periódico): <a" in spanish and "Copia consultada" not in spanish
    plain = copy_read("not a copy of the book; review in a newspaper", {"archived_note": "reseña en un periódico"})
    spanish = footnote_html(plain, Registry(MINI_REGISTRY, {"c": plain}), lang="es")
    assert "Página consultada (reseña en un periódico): <a" in spanish


def test_a_note_on_the_copy_without_its_spanish_text_is_english_and_marked_so():
    source = copy_read("repost of the seed text on example.org")
    spanish = footnote_html(source, Registry(MINI_REGISTRY, {"c": source}), lang="es")
    assert 'Copia consultada (<span lang="en">repost of the text of the article this project started from' in spanish


def test_a_spanish_note_is_put_in_a_reader_s_words_too():
    from build_scripts.citations import plain_words

    note = "la copia guardada no muestra la fecha que da el artículo semilla del proyecto"
    assert (
        plain_words(note, "es")
        == "la copia guardada no muestra la fecha que da el artículo con el que empezó este proyecto"
    )
    assert plain_words("copy of the seed text", "es") == "copy of the seed text"  # each language its own words
    source = copy_read("the seed text", {"archived_note": "el texto del artículo semilla"})
    spanish = footnote_html(source, Registry(MINI_REGISTRY, {"c": source}), lang="es")
    assert "Copia consultada (el texto del artículo con el que empezó este proyecto): <a" in spanish


def sources_page_html(registry: Registry, lang: str) -> str:
    from xml.etree import ElementTree

    return ElementTree.tostring(sources_page(registry, [], {}, evidence_dir=Path("/nonexistent"), lang=lang), "unicode")


def test_the_sources_page_gives_the_registry_note_in_the_edition_language():
    registry = load_registry(MINI_REGISTRY)  # calderon-2006 has a note and its es: note
    spanish = sources_page_html(registry, "es")
    assert '<p class="source__note">Nota del Washington Post Foreign Service' in spanish
    assert "Death-toll" not in spanish
    english = sources_page_html(registry, "en")
    assert '<p class="source__note">Washington Post Foreign Service report' in english
    assert "the starting article's" in english  # the English in plain words ("the seed's")


def test_the_sources_page_marks_a_note_still_in_english():
    source = make_source(id="n", note="A note.")
    spanish = sources_page_html(Registry(MINI_REGISTRY, {"n": source}), "es")
    assert (
        '<p lang="en" class="source__note">A note.</p>' in spanish
        or '<p class="source__note" lang="en">A note.</p>' in spanish
    )


def test_another_entry_named_in_a_note_is_a_link_to_it_on_the_sources_page():
    note = "Summarises nbc-2025-04-08; the GAO's page (gao.gov/products/gao-21-322) and this entry, a-2025, too."
    source = make_source(id="a-2025", note=note, es={"note": "Resume nbc-2025-04-08."})
    other = make_source(id="nbc-2025-04-08")
    gao = make_source(id="gao-21-322")
    registry = Registry(MINI_REGISTRY, {s.id: s for s in (source, other, gao)})
    english = sources_page_html(registry, "en")
    assert 'Summarises <a href="#source-nbc-2025-04-08">nbc-2025-04-08</a>; the GAO' in english
    assert "(gao.gov/products/gao-21-322)" in english and 'href="#source-a-2025"' not in english
    assert 'Resume <a href="#source-nbc-2025-04-08">nbc-2025-04-08</a>.' in sources_page_html(registry, "es")


# --- the checks ---------------------------------------------------------------------------


@pytest.fixture
def mini_edition(mini_project) -> Project:
    (mini_project / "content-es").mkdir()
    shutil.copy(EDITION, mini_project / "content-es" / "edition.yml")
    return Project(mini_project)


def problems_of(project: Project) -> list:
    return list(source_words_problems(load_inputs(project, publish=False)))


def test_the_fixture_has_every_spanish_text(mini_edition):
    assert problems_of(mini_edition) == []


def test_no_edition_no_check(mini_project):
    text = (mini_project / "evidence" / "second.yml").read_text(encoding="utf-8")
    (mini_project / "evidence" / "second.yml").write_text(text.split("  es:")[0], encoding="utf-8")
    assert problems_of(Project(mini_project)) == []


def evidence_problem(project: Project, es_line: str | None):
    path = project.root / "evidence" / "second.yml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("  es:")]
    if es_line:
        lines.insert(3, es_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = problems_of(project)
    assert len(found) == 1, found
    return found[0]


def test_a_pinpoint_without_its_spanish_text_stops_the_build(mini_edition):
    problem = evidence_problem(mini_edition, None)
    assert problem.severity == "error"
    assert Path(problem.file).name == "second.yml" and problem.line == 2
    assert "evidence 'inegi-homicides:yearly-counts' has no es text for its pinpoint" in problem.message
    assert "Table 'Defunciones por homicidio'" in problem.message  # the text to translate
    assert 'add `es: {pinpoint: "…"}`' in problem.fix


def test_a_spanish_pinpoint_with_other_numbers_stops_the_build(mini_edition):
    path = mini_edition.root / "evidence" / "second.yml"
    path.write_text(
        "inegi-homicides:yearly-counts:\n"
        '  pinpoint: "Table 1, national total, 1990–2024: 8,867 in 2007"\n'
        '  es: {pinpoint: "Tabla 1, total nacional, 1990–2023: 8,867 en 2007"}\n',
        encoding="utf-8",
    )
    [problem] = problems_of(mini_edition)
    assert problem.severity == "error" and problem.line == 1
    assert (
        "numbers of its es pinpoint differ from the English: missing 2024; not in the English 2023" in problem.message
    )


def test_a_spanish_pinpoint_with_the_same_numbers_written_out_passes(mini_edition):
    path = mini_edition.root / "evidence" / "second.yml"
    path.write_text(
        "inegi-homicides:yearly-counts:\n"
        '  pinpoint: "Report of 5 May 2022: 107,941 deaths"\n'
        '  es: {pinpoint: "Nota del 5 de mayo de 2022: 107,941 muertes"}\n',
        encoding="utf-8",
    )
    assert problems_of(mini_edition) == []


def test_a_spanish_pinpoint_left_over_stops_the_build(mini_edition):
    path = mini_edition.root / "evidence" / "second.yml"
    path.write_text(
        'inegi-homicides:yearly-counts:\n  quote: "Defunciones por homicidio"\n  translation: "Homicide deaths"\n'
        '  es: {pinpoint: "Tabla 1"}\n',
        encoding="utf-8",
    )
    [problem] = problems_of(mini_edition)
    assert "has a es pinpoint but no English one" in problem.message


def test_a_registry_note_without_its_spanish_text_is_named(mini_edition):
    path = mini_edition.root / "sources.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  es: {archived_note: copia publicada en qoshe.com}\n", ""), encoding="utf-8")
    [problem] = problems_of(mini_edition)
    assert problem.severity == "error"
    assert problem.message.startswith("source 'porter-wapo-2024' has no es text for its archived_note")
    assert Path(problem.file).name == "sources.yml"
    assert problem.line == path.read_text(encoding="utf-8").splitlines().index("- id: porter-wapo-2024") + 1
    assert "add `es: {archived_note: …}`" in problem.fix


def test_a_registry_check_names_each_missing_key_once_per_entry():
    source = make_source(
        id="n",
        note="A note.",
        archived_url="https://example.org/a",
        archived_note="a copy",
        es={"note": "Una nota."},
    )
    [problem] = registry_words_problems(Registry(MINI_REGISTRY, {"n": source}), ["es"])
    assert "has no es text for its archived_note" in problem.message and problem.severity == "error"
    assert "`note`" not in problem.fix and problem.fix.startswith("to its `es:` block add `archived_note: …`")


def test_an_original_given_in_words_is_shown_and_checked_in_the_edition_language():
    """A copy with no address of its own, whose original is not in the registry, is named by its
    `original:` words, the site's own: they need their Spanish; an original that is a registry
    entry, or a copy with an address, does not."""
    fields = dict(kind="news-report", date="2026")
    copy = make_source(
        id="c",
        tier="copy",
        original="The New York Times report of 15 January 2026 (not read)",
        url="https://example.org/c",
        **fields,
    )
    registry = Registry(MINI_REGISTRY, {"c": copy})
    [problem] = registry_words_problems(registry, ["es"])
    assert problem.message.startswith("source 'c' has no es text for its original")
    assert "Original: The New York Times report of 15 January 2026 (not read)." in footnote_html(copy, registry)
    spanish = make_source(
        id="c",
        tier="copy",
        original=copy.original,
        url=copy.url,
        **fields,
        es={"original": "nota de The New York Times del 15 de enero de 2026 (no consultada)"},
    )
    registry = Registry(MINI_REGISTRY, {"c": spanish})
    assert list(registry_words_problems(registry, ["es"])) == []
    html = footnote_html(spanish, registry, lang="es")
    assert "Original: nota de The New York Times del 15 de enero de 2026 (no consultada).</span> Copia:" in html
    named = make_source(
        id="d", tier="copy", original="The New York Times", archived_url="https://example.org/d", **fields
    )
    assert list(registry_words_problems(Registry(MINI_REGISTRY, {"d": named}), ["es"])) == []


def standin(**changes) -> Source:
    fields = dict(
        id="s",
        kind="news-report",
        title="Report on the drone-strike plans (title not known)",
        outlet="The Daily Wire (reposted by am1.news)",
        date="2025-04-08",
        url="https://example.org/s",
        es={
            "title": "Nota sobre los planes de ataques con drones (título desconocido)",
            "outlet": "The Daily Wire (republicado por am1.news)",
        },
    )
    return make_source(**(fields | changes))


def test_a_stand_in_title_and_an_outlet_s_description_are_in_spanish_in_a_spanish_footnote():
    """Our own words about a work (a stand-in title, an outlet's description) are the edition's,
    printed as written (APA would title-case an outlet); the stand-in keeps its square brackets and
    drops its research phrase in both languages."""
    source = standin()
    registry = Registry(MINI_REGISTRY, {"s": source})
    spanish = footnote_html(source, registry, lang="es")
    assert "[Nota sobre los planes de ataques con drones]" in spanish
    assert "<i>The Daily Wire (republicado por am1.news)</i>" in spanish  # Spanish words: no title case
    assert "Report on" not in spanish and "reposted" not in spanish and "desconocido" not in spanish
    english = footnote_html(source, registry)
    assert "[Report on the drone-strike plans]" in english
    assert "<i>The Daily Wire (reposted by am1.news)</i>" in english  # our English words: no title case either
    assert "Nota" not in english and "title not known" not in english
    assert source.display_title_in("es") == "[Nota sobre los planes de ataques con drones]"
    assert (
        standin(title="Post on X (untitled)", es={"title": "Publicación en X (sin título)"}).display_title_in("es")
        == "[Publicación en X]"
    )


def test_a_stand_in_title_without_its_spanish_text_is_named():
    source = standin(es={"outlet": "The Daily Wire (republicado por am1.news)"})
    [problem] = registry_words_problems(Registry(MINI_REGISTRY, {"s": source}), ["es"])
    assert problem.severity == "error" and problem.message.startswith("source 's' has no es text for its title")
    assert Path(problem.file).name == "sources.yml"
    assert problem.fix.startswith("to its `es:` block add `title: …`") and "(título desconocido)" in problem.fix
    # its outlet's Spanish is not required: no rule tells a description from an outlet's own name
    assert list(registry_words_problems(Registry(MINI_REGISTRY, {"s": standin(es={"title": "Nota"})}), ["es"])) == []


def test_a_spanish_title_on_a_real_title_is_refused():
    """Titles of works stay in their language: only a stand-in is ours to translate."""
    source = standin(title="Trump weighs drone strikes", es={"title": "Trump sopesa ataques con drones"})
    [problem] = registry_words_problems(Registry(MINI_REGISTRY, {"s": source}), ["es"])
    assert problem.severity == "error"
    assert problem.message.startswith("source 's' has a es title, but its title “Trump weighs drone strikes”")
    assert Path(problem.file).name == "sources.yml" and "delete `title` from its `es:` block" in problem.fix
    assert source.display_title_in("es") == "Trump weighs drone strikes"


def test_every_pinpoint_and_registry_note_of_the_site_has_its_spanish_text():
    """The real evidence files and registry: the Spanish edition never falls back to English."""
    assert list(source_words_problems(load_inputs(Project(ROOT), publish=False))) == []
