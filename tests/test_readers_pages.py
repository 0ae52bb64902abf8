"""Page records (dates, permalinks, citations, preview images), without building a site."""

import re
import subprocess
from pathlib import Path

import pytest

from build_scripts.readers.pages import (
    citation_for,
    display_date,
    git_date,
    last_updated,
    page_records,
)
from build_scripts.site_config import load_site_config

ROOT = Path(__file__).resolve().parents[1]


def test_site_config_reads_mkdocs_yml_with_env_defaults(mini_project, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    site = load_site_config(mini_project)
    assert site.name == "Mini fixture"
    assert site.url == "http://127.0.0.1:8000/"
    assert site.nav_files[:4] == ["index.md", "chapter.md", "second.md", "terms.md"]
    assert site.page_url("index.md") == "" and site.page_url("terms.md") == "terms/"
    monkeypatch.setenv("SITE_URL", "https://example.org/explainer")
    assert load_site_config(mini_project).permalink("terms.md") == "https://example.org/explainer/terms/"


def test_records_for_every_page(mini_project):
    pages, charts = page_records(mini_project, chart_titles={"homicides-mexico": "Homicides"})
    assert pages["chapter.md"].kind == "chapter" and pages["terms.md"].kind == "chapter"
    for utility in ("sources.md", "glossary.md", "educators.md", "whats-new.md", "print.md"):
        assert pages[utility].kind == "page", utility
        assert pages[utility].citation is None
    terms = pages["terms.md"]
    assert terms.title == "Terms chapter"
    assert terms.permalink == "http://127.0.0.1:8000/terms/"
    # The copy is outside git, so the front matter's `updated:` gives the date.
    assert (terms.updated, terms.updated_from, terms.updated_display) == ("2026-03-05", "front matter", "5 March 2026")
    assert charts["homicides-mexico"].home == "chapter.md"
    assert charts["homicides-mexico"].permalink == "http://127.0.0.1:8000/chapter/#chart-homicides-mexico"
    assert (
        pages["chapter.md"].preview_image
        == "http://127.0.0.1:8000/generated/charts/homicides-mexico/homicides-mexico.png"
    )
    # A page without a chart previews the site's first chart.
    assert pages["terms.md"].preview_image == pages["chapter.md"].preview_image


def test_git_gives_the_date_of_the_last_commit():
    committed = ROOT / "sources.yml"
    expected = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", "sources.yml"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    if not expected:
        pytest.skip("not a git checkout")
    assert git_date(ROOT, committed) == expected
    assert last_updated(ROOT, committed) == (expected, "git")


def test_a_file_git_does_not_know_falls_back_to_front_matter_then_mtime(tmp_path):
    page = tmp_path / "x.md"
    page.write_text("---\ntitle: X\n---\n# X\n")
    assert last_updated(tmp_path, page, {"updated": "2025-01-02"}) == ("2025-01-02", "front matter")
    date, origin = last_updated(tmp_path, page, {})
    assert origin == "file" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)


def test_citations_in_four_styles(mini_project):
    site = load_site_config(mini_project)
    cite = citation_for(
        site,
        key="minifixture2026terms",
        title="Terms chapter",
        date_iso="2026-03-05",
        permalink="http://127.0.0.1:8000/terms/",
    )
    url = '<a href="http://127.0.0.1:8000/terms/">http://127.0.0.1:8000/terms/</a>'
    assert cite.apa == f"Mini fixture. (2026, March 5). <i>Terms chapter</i>. {url}"
    assert cite.mla == f"Mini fixture. “Terms Chapter.” <i>Mini Fixture</i>, 5 Mar. 2026, {url}."
    assert cite.chicago == f"Mini fixture. 2026. “Terms Chapter.” Mini Fixture, March 5. {url}."
    assert cite.apa_text == "Mini fixture. (2026, March 5). Terms chapter. http://127.0.0.1:8000/terms/"
    assert cite.bibtex.startswith("@misc{minifixture2026terms,\n")
    assert "  author = {{Mini fixture}},\n" in cite.bibtex
    assert "  title = {{Terms chapter}},\n" in cite.bibtex
    assert "  url = {http://127.0.0.1:8000/terms/},\n" in cite.bibtex
    assert "  note = {As of 5 March 2026},\n" in cite.bibtex
    assert cite.bibtex.count("{") == cite.bibtex.count("}")


def test_bibtex_escapes_what_latex_would_misread(mini_project):
    site = load_site_config(mini_project)
    cite = citation_for(site, key="k", title="Guns & 100% {odd}", date_iso="2026-01-02", permalink="http://x/a_b/")
    assert r"title = {{Guns \& 100\% \{odd\}}}," in cite.bibtex
    assert "url = {http://x/a_b/}," in cite.bibtex  # addresses are verbatim


def test_charts_are_cited_as_charts(mini_project):
    _, charts = page_records(mini_project, chart_titles={"homicides-mexico": "Mexico's homicides"})
    cite = charts["homicides-mexico"].citation
    assert "<i>Mexico's homicides</i> [Chart]." in cite.apa
    assert "#chart-homicides-mexico" in cite.apa_text and "howpublished = {Mini fixture (chart)}" in cite.bibtex


def test_the_prebuild_writes_the_records(mini_project):
    from build_scripts.prebuild import prebuild
    from build_scripts.project import Project

    prebuild(Project(mini_project), render_static=False)
    data = (mini_project / "content" / "generated" / "pages.json").read_text()
    assert '"terms.md"' in data and '"citation"' in data
    assert "Mexico's homicides more than tripled after 2007" in data  # chart titles come from chart.yml


def test_display_date():
    assert display_date("2026-03-05") == "5 March 2026"
    assert display_date("2025-12-31") == "31 December 2025"


def test_every_chapter_of_the_site_is_dated_by_its_last_commit():
    pages, _ = page_records(ROOT)
    chapters = [r for r in pages.values() if r.kind == "chapter"]
    assert len(chapters) >= 10
    for record in chapters:
        expected = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", f"content/{record.src}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        if expected:  # committed; a brand-new chapter falls back to its front matter or the file's date
            assert (record.updated, record.updated_from) == (expected, "git"), record.src
        assert record.citation and record.citation.as_of == record.updated
        assert record.citation.permalink == record.permalink


def test_citations_in_spanish_use_the_es_mx_locale_and_mexican_dates(mini_project):
    site = load_site_config(mini_project)
    cite = citation_for(
        site,
        key="k",
        title="Términos",
        date_iso="2026-02-22",
        permalink="http://127.0.0.1:8000/es/terms/",
        lang="es",
        site_name="Sitio mínimo",
    )
    url = '<a href="http://127.0.0.1:8000/es/terms/">http://127.0.0.1:8000/es/terms/</a>'
    assert cite.as_of_display == "22 de febrero de 2026"
    assert cite.apa == f"Sitio mínimo. (2026, febrero 22). <i>Términos</i>. {url}"
    assert cite.mla == f"Sitio mínimo. “Términos”. <i>Sitio mínimo</i>, el 22 de febrero de 2026, {url}."
    assert cite.chicago == f"Sitio mínimo. 2026. “Términos”. Sitio mínimo, febrero 22. {url}."
    assert "  note = {Versión del 22 de febrero de 2026},\n" in cite.bibtex
    chart = citation_for(
        site,
        key="c",
        title="Homicidios",
        date_iso="2026-02-22",
        permalink="http://x/#c",
        genre="Chart",
        lang="es",
        site_name="S",
    )
    assert "<i>Homicidios</i> [Gráfica]." in chart.apa and "howpublished = {S (gráfica)}" in chart.bibtex
    for text in (cite.apa, cite.mla, cite.chicago, cite.bibtex, chart.apa, chart.mla, chart.chicago):
        assert "February" not in text and "Feb." not in text and "Chart" not in text and "As of" not in text


def test_display_dates_in_english_and_mexican_spanish():
    assert display_date("2026-02-22") == "22 February 2026"
    assert display_date("2026-02-22", "es") == "22 de febrero de 2026"
    assert display_date("2025-12-01", "es") == "1 de diciembre de 2025"


def test_an_edition_has_its_own_records_titles_addresses_dates_and_citations(mini_project):
    from build_scripts.readers.pages import EditionView, page_records

    translations = mini_project / "content-es"
    translations.mkdir()
    (translations / "terms.md").write_text(
        "---\ntitle: Capítulo de términos\nupdated: 2026-02-22\n---\n\n# Capítulo de términos {#terms-chapter}\n",
        encoding="utf-8",
    )
    view = EditionView("es", "Sitio mínimo", "http://127.0.0.1:8000/es/", translations)
    pages, charts = page_records(mini_project, edition=view, chart_titles={"homicides-mexico": "Homicidios"})
    terms = pages["terms.md"]
    assert terms.title == "Capítulo de términos" and terms.permalink == "http://127.0.0.1:8000/es/terms/"
    assert terms.updated_display == "22 de febrero de 2026" or terms.updated_from == "git"
    assert terms.citation.apa.startswith("Sitio mínimo. (2026, ")
    assert "“Capítulo de términos”. <i>Sitio mínimo</i>, el " in terms.citation.mla
    # A page with no translation keeps its English title; its address and citation are the edition's.
    english = pages["chapter.md"]
    assert english.permalink.startswith("http://127.0.0.1:8000/es/") and english.citation.apa.startswith(
        "Sitio mínimo."
    )
    chart = charts["homicides-mexico"]
    assert chart.permalink.startswith("http://127.0.0.1:8000/es/") and "[Gráfica]" in chart.citation.apa
    assert re.fullmatch(r"\d{1,2} de [a-z]+ de \d{4}", chart.updated_display)
