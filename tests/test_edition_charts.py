"""The charts of the Spanish edition (issue 15, section 2): every word of every chart in Spanish
(chart.yml's `es:` block, checked key for key), dates in Mexican Spanish, and the edition's
figures, static images and CSV files made at build time and shown on its pages."""

from __future__ import annotations

import datetime
import shutil
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
import yaml

from build_scripts.charts.figures import figure_payload, figure_variants
from build_scripts.charts.html import chart_figure
from build_scripts.charts.language import (
    date_text,
    localized_date_axes,
    plotly_locale,
    translated_meta,
    translated_rows,
    words_problems,
)
from build_scripts.charts.model import load_charts
from build_scripts.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
EDITION = ROOT / "tests" / "broken" / "translation-drift" / "files" / "content-es" / "edition.yml"


@pytest.fixture(scope="module")
def registry():
    return load_registry(ROOT / "sources.yml")


@pytest.fixture(scope="module")
def charts(registry):
    return load_charts(ROOT / "charts", registry)


def mini_meta() -> dict:
    return yaml.safe_load((ROOT / "tests/fixtures/mini/charts/homicides-mexico/chart.yml").read_text(encoding="utf-8"))


# ---- the words: the es: block, and its check ------------------------------------------------------
def test_every_chart_of_the_site_has_every_word_in_spanish(charts):
    for chart in charts.values():
        found = words_problems(chart.id, chart.folder / "chart.yml", chart.meta, "es", chart.data.rows)
        assert list(found) == [], chart.id


def test_a_missing_word_names_the_chart_the_file_the_key_and_where_to_add_it(tmp_path):
    meta = mini_meta()
    del meta["es"]["labels"]["y_axis"]
    path = tmp_path / "chart.yml"
    path.write_text("title: x\nes:\n  title: y\n", encoding="utf-8")
    [problem] = words_problems("homicides-mexico", path, meta, "es")
    assert problem.message == "chart 'homicides-mexico': no Spanish text for 'labels.y_axis'"
    assert (problem.file, problem.line) == (path, 2)
    assert problem.fix == "under `es:`, add `labels: {y_axis: …}` with the Spanish text of “Deaths per year”"


def test_a_missing_note_column_label_or_block_is_named(tmp_path):
    path = tmp_path / "chart.yml"
    meta = mini_meta()
    meta["es"]["notes"] = meta["es"]["notes"][:1]
    del meta["es"]["columns"]["year"]
    found = [p.message for p in words_problems("c", path, meta, "es")]
    assert "chart 'c': no Spanish text for 'columns.year'" in found
    assert "chart 'c': 'notes' has 2 items in English and 1 under `es:`" in found
    del meta["es"]
    [problem] = words_problems("c", path, meta, "es")
    assert problem.message == "chart 'c' has no Spanish text (no `es:` block)"


def test_a_leftover_or_empty_word_is_named():
    meta = mini_meta()
    meta["es"]["labels"]["calderon_old"] = "Antes"
    meta["es"]["title"] = " "
    found = [p.message for p in words_problems("c", Path("chart.yml"), meta, "es")]
    assert found == [
        "chart 'c': the Spanish text for 'title' is empty or not text",
        "chart 'c': `es:` has 'labels.calderon_old', which chart.yml does not have in English",
    ]


def test_text_cells_are_translated_by_their_english_text_and_each_is_required():
    meta = mini_meta()
    meta["columns"]["note"] = {"label": "Note", "type": "string"}
    meta["es"]["columns"]["note"] = {"label": "Nota"}
    rows = [{"year": 2020, "note": "rose"}, {"year": 2021, "note": "fell"}, {"year": 2022, "note": None}]
    meta["es"]["cells"] = {"note": {"rose": "subió", "fell": "bajó"}}
    assert list(words_problems("c", Path("chart.yml"), meta, "es", rows)) == []
    assert [r["note"] for r in translated_rows(rows, meta, "es")] == ["subió", "bajó", None]
    assert translated_rows(rows, meta, "en") is rows
    meta["es"]["cells"] = {"note": {"rose": "subió", "fel": "bajó"}, "year": {"2020": "x"}}
    found = [(p.message, p.fix) for p in words_problems("c", Path("chart.yml"), meta, "es", rows)]
    assert found == [
        (
            "chart 'c': no Spanish text for the cell “fell” of column 'note'",
            'under `es: cells: note:`, add "fell": <its Spanish text> (as data.csv writes it)',
        ),
        (
            "chart 'c': `es: cells: note:` translates “fel”, which data.csv does not have",
            "remove it, or write it as the cell now reads in data.csv",
        ),
        (
            "chart 'c': `es: cells:` names 'year', which is not a text column of data.csv",
            "list only `type: string` columns, each as a mapping of its English texts to their translations",
        ),
    ]


def test_the_spanish_meta_takes_the_words_and_keeps_everything_else():
    meta = mini_meta()
    spanish = translated_meta(meta, "es")
    assert spanish["title"] == meta["es"]["title"] and spanish["notes"] == meta["es"]["notes"]
    assert spanish["columns"]["year"] == {"label": "Año", "type": "integer"}
    assert spanish["labels"]["y_axis"] == "Defunciones por año"
    assert spanish["figure"] == meta["figure"] and "es" not in spanish
    assert meta["title"].startswith("Mexico's") and translated_meta(meta, "en") is meta


# ---- dates -----------------------------------------------------------------------------------------
def test_dates_in_english_are_unchanged_and_in_spanish_as_mexico_writes_them():
    for value in ("2025-09-02", "2025-09", "2025"):
        parts = [int(p) for p in value.split("-")]
        day = datetime.date(*(parts + [1] * (3 - len(parts))))
        for month, code in (("short", "%b"), ("long", "%B")):
            form = {1: "%Y", 2: f"{code} %Y", 3: f"%-d {code} %Y"}[len(parts)]
            assert date_text(value, "en", month=month) == day.strftime(form)
    assert date_text("2026-02-22", "es", month="long") == "22 de febrero de 2026"
    assert date_text("2026-02", "es", month="long") == "febrero de 2026"
    assert date_text("2025-09-02", "es") == "2 sep 2025"
    assert date_text("2026", "es") == "2026"


def test_a_date_axis_naming_months_gets_spanish_tick_labels_at_plotlys_ticks():
    layout = {
        "xaxis": {"type": "date", "tickformat": "%b %Y", "dtick": "M2", "range": ["2025-08-10", "2026-03-20"]},
        "xaxis2": {"type": "date", "tickformat": "%Y", "dtick": "M120", "range": ["1996-01-01", "2024-12-31"]},
        "yaxis": {"range": [0, 10]},
    }
    changes = localized_date_axes(layout, "es")
    assert list(changes) == ["xaxis"]  # a year-only axis names no month
    assert changes["xaxis"]["tickvals"] == ["2025-09-01", "2025-11-01", "2026-01-01", "2026-03-01"]
    assert changes["xaxis"]["ticktext"] == ["sep 2025", "nov 2025", "ene 2026", "mar 2026"]
    long_names = localized_date_axes({"xaxis": dict(layout["xaxis"], tickformat="%B<br>%Y")}, "es")
    assert long_names["xaxis"]["ticktext"][0] == "septiembre<br>2025"
    assert localized_date_axes(layout, "en") == {}


def test_the_plotly_locale_names_spanish_months_and_keeps_mexican_numbers():
    locale = plotly_locale("es")
    assert locale["moduleType"] == "locale" and locale["name"] == "es"
    assert locale["format"]["months"][1] == "febrero" and locale["format"]["shortMonths"][8] == "sep"
    assert (locale["format"]["decimal"], locale["format"]["thousands"]) == (".", ",")
    assert plotly_locale("en") is None


# ---- figures ---------------------------------------------------------------------------------------
def test_the_spanish_figure_has_spanish_words_dates_and_locale(charts):
    english, spanish = charts["boat-strikes"], charts["boat-strikes"].in_language("es")
    assert spanish is charts["boat-strikes"].in_language("es")  # one object per language (page caches)
    ours, theirs = figure_payload(english), figure_payload(spanish)
    assert "locale" not in ours and theirs["locale"]["name"] == "es"
    assert theirs["data"][0]["name"] == "Total acumulado reportado de personas muertas"
    assert ours["data"][0]["name"] == "Reported running total of people killed"
    assert theirs["data"][0]["text"][0].startswith("<b>2 sep 2025</b>")
    assert ours["data"][0]["text"][0].startswith("<b>2 Sep 2025</b>")
    for name, layout in theirs["layouts"].items():
        assert layout["yaxis"]["title"]["text"] == "Personas muertas (total acumulado reportado)", name
        assert layout["xaxis"]["ticktext"][0] in ("sep 2025", "oct 2025"), name
        assert "ticktext" not in ours["layouts"][name]["xaxis"]
    assert ours["data"][0]["x"] == theirs["data"][0]["x"] and ours["data"][0]["y"] == theirs["data"][0]["y"]


def test_a_figure_py_finds_its_rows_by_the_english_words_and_shows_the_spanish(charts):
    spanish = charts["us-mexico-ties"].in_language("es")
    figure = figure_variants(spanish)["light"]
    assert figure.data[0].name == "Exportaciones de EE. UU. a México"
    assert "mil millones" in figure.data[0].hovertemplate
    timeline = figure_variants(charts["escalation-timeline"].in_language("es"))["light"]
    assert "· Política de EE. UU.<br>" in timeline.data[0].text[0]
    assert timeline.data[0].text[0].startswith("<b>19 de noviembre de 1996</b>")


# ---- the chart's box on the page, and the CSV ------------------------------------------------------
def _text(element: etree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_the_spanish_chart_box_speaks_spanish_and_the_english_one_is_unchanged(charts, registry):
    chart = charts["homicides-mexico"]
    spanish = chart_figure(chart.in_language("es"), registry, "generated/charts/homicides-mexico")
    english = chart_figure(chart, registry, "generated/charts/homicides-mexico")
    assert spanish.get("lang") == "es" and english.get("lang") is None
    words = _text(spanish)
    for expected in (
        "Los homicidios en México se triplicaron con creces después de 2007",
        "Unidad: defunciones por año. Periodo: 1990–2024.",
        "Descargar los datos (CSV)",
        "Descripción y tabla de datos",
        "Acerca de los datos: fuentes, definiciones, salvedades",
        "Fuente:",
    ):
        assert expected in words, expected
    assert [_text(th) for th in spanish.iter("th") if th.get("scope") == "col"] == ["Año", "Homicidios (defunciones)"]
    assert "Download the data (CSV)" in _text(english) and "Unit: deaths per year. Time span: 1990–2024." in _text(
        english
    )
    for image in spanish.iter("img"):
        assert image.get("alt").startswith("Los homicidios en México")


def test_poll_questions_are_spanish_on_the_axis_and_in_the_table_but_not_in_the_csv(charts, registry):
    from build_scripts.prebuild import csv_download

    polls = charts["polls-force-mexico"].in_language("es")
    figure = figure_variants(polls)["light"]
    shown = " ".join(figure.layout.yaxis.ticktext or figure.layout.xaxis.ticktext)
    assert "sin el permiso del gobierno mexicano" in shown and "permission" not in shown
    box = chart_figure(polls, registry, "generated/charts/polls-force-mexico")
    cells = [_text(th) for th in box.iter("th") if th.get("scope") == "row"]
    assert cells[0].startswith("EE. UU. · Reuters/Ipsos, sep 2023")
    assert b"U.S. \xc2\xb7 Reuters/Ipsos, Sep 2023" in csv_download(polls)  # the data as published


def test_provenance_words_still_in_english_are_marked_so(charts, registry):
    box = chart_figure(charts["homicides-mexico"].in_language("es"), registry, "generated/charts/homicides-mexico")
    about = next(d for d in box.iter("details") if d.get("class") == "chart__provenance")
    marked = [e for e in about.iter() if e.get("lang") == "en"]
    assert marked and all(_text(e) for e in marked)
    assert any(_text(p).startswith("Procesamiento:") for p in about.iter("p"))
    english = chart_figure(charts["homicides-mexico"], registry, "generated/charts/homicides-mexico")
    assert not [e for e in english.iter() if e.get("lang")]


def test_the_spanish_csv_has_a_spanish_header_and_the_same_rows(charts):
    from build_scripts.prebuild import csv_download

    chart = charts["homicides-mexico"]
    raw = (chart.folder / "data.csv").read_bytes()
    assert csv_download(chart) == raw
    spanish = csv_download(chart.in_language("es")).decode("utf-8")
    header, _, rows = spanish.partition("\n")
    assert header == "\ufeffAño,Homicidios (defunciones)"
    assert rows.encode("utf-8") == raw.split(b"\n", 1)[1]


# ---- the build: files per language, laid over the English ones in the edition's pages --------------
@pytest.fixture
def mini_with_edition(mini_project):
    (mini_project / "content-es").mkdir()
    shutil.copy(EDITION, mini_project / "content-es" / "edition.yml")
    from build_scripts.project import Project

    return Project(mini_project)


def test_the_edition_pages_get_the_spanish_chart_files_and_the_english_ones_stay(mini_with_edition):
    from build_scripts.editions import editions
    from build_scripts.editions.charts import edition_charts
    from build_scripts.editions.stage import stage_pages, staged_docs
    from build_scripts.prebuild import generate_charts

    project = mini_with_edition
    charts = load_charts(project.charts, load_registry(project.sources))
    generate_charts(project, charts, render_static=False)
    english = project.generated_chart("homicides-mexico")
    made = edition_charts(project, "es") / "homicides-mexico"
    assert "Defunciones por año" in (made / "figure.js").read_text(encoding="utf-8")
    [edition] = editions(project)
    stage_pages(project, edition)
    staged = staged_docs(project, edition) / "generated" / "charts" / "homicides-mexico"
    assert (staged / "figure.js").read_text(encoding="utf-8") == (made / "figure.js").read_text(encoding="utf-8")
    assert (staged / "homicides-mexico.csv").read_bytes().startswith("\ufeffAño,".encode())
    # the English files were hard-linked into the staged folder: replaced there, never written through
    assert "Deaths per year" in (english / "figure.js").read_text(encoding="utf-8")
    assert "Defunciones" not in (english / "figure.js").read_text(encoding="utf-8")
    assert (english / "homicides-mexico.csv").read_bytes() == (
        project.charts / "homicides-mexico/data.csv"
    ).read_bytes()


def test_the_edition_configuration_draws_charts_in_its_language(mini_with_edition):
    from build_scripts.editions import editions
    from build_scripts.editions.config import edition_config

    [edition] = editions(mini_with_edition)
    config = edition_config(mini_with_edition, edition, docs_dir=Path("/tmp/docs"), site_dir=Path("/tmp/site/es"))
    [options] = [
        item["build_scripts.markdown.shortcodes"]
        for item in config["markdown_extensions"]
        if isinstance(item, dict) and "build_scripts.markdown.shortcodes" in item
    ]
    assert options == {"project": ".", "language": "es"}


def test_a_chart_without_spanish_stops_a_build_with_a_spanish_edition(mini_with_edition):
    from build_scripts.errors import StopBuild
    from build_scripts.prebuild import prebuild

    path = mini_with_edition.charts / "homicides-mexico" / "chart.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('    calderon: "Dic. 2006: el Ejército contra los cárteles"\n', ""), encoding="utf-8")
    with pytest.raises(StopBuild) as stop:
        prebuild(mini_with_edition, render_static=False)
    messages = [str(p) for p in stop.value.problems]
    assert any("no Spanish text for 'labels.calderon'" in m for m in messages), messages


@pytest.mark.slow
def test_the_built_spanish_edition_shows_spanish_charts(mini_with_edition):
    from build_scripts.site import build_site

    project = mini_with_edition
    config = project.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "\nextra:\n  alternate:\n    - {name: English, link: '', lang: en}\n    - {name: Español, link: es/, lang: es}\n",
        encoding="utf-8",
    )
    build_site(project)
    site = project.site
    svg = "generated/charts/homicides-mexico/homicides-mexico-light.svg"
    assert "Defunciones por año" in (site / "es" / svg).read_text(encoding="utf-8")
    assert "Deaths per year" in (site / svg).read_text(encoding="utf-8")
    page = (site / "es" / "chapter" / "index.html").read_text(encoding="utf-8")
    assert "Los homicidios en México se triplicaron" in page and "Descargar los datos (CSV)" in page
    english = (site / "chapter" / "index.html").read_text(encoding="utf-8")
    assert "Download the data (CSV)" in english and "Descargar" not in english


# ---- what a reader sees -------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_a_spanish_chart_page_shows_spanish_in_the_static_image_and_the_interactive_chart(open_page, site_url, width):
    page, messages, _ = open_page(f"{site_url}/es/kingpin/", width=width)
    figure = page.locator("#chart-homicides-mexico")
    assert "Los homicidios en México" in figure.locator(".chart__title").inner_text()
    static = figure.locator("img.chart__static:visible").first
    source = page.evaluate("(url) => fetch(url).then((r) => r.text())", static.evaluate("(img) => img.src"))
    assert "Defunciones por año" in source and "Deaths per year" not in source
    figure.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.querySelector('#chart-homicides-mexico').getAttribute('data-rendered') === 'interactive'",
        timeout=30000,
    )
    drawn = figure.locator(".chart__plot").evaluate("(plot) => plot.textContent")  # every layer: axes, titles
    assert "Defunciones por año" in drawn and "Deaths per year" not in drawn
    # a date axis: Spanish month names in the interactive chart's ticks
    page.goto(f"{site_url}/es/since-2025/")
    page.wait_for_load_state("load")
    boats = page.locator("#chart-boat-strikes")
    boats.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.querySelector('#chart-boat-strikes').getAttribute('data-rendered') === 'interactive'",
        timeout=30000,
    )
    ticks = boats.locator(".chart__plot .xtick text").evaluate_all("(els) => els.map((e) => e.textContent)")
    assert ticks and all(t.split()[0] in ("sep", "oct", "nov", "dic", "ene", "feb", "mar") for t in ticks), ticks
    assert [m for m in messages if m[0] in ("error", "pageerror")] == []
