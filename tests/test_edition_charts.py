"""The charts of the Spanish edition (issue 15, section 2): every word of every chart in Spanish
(chart.yml's `es:` block, checked key for key), dates in Mexican Spanish, and the edition's
figures, static images and CSV files made at build time and shown on its pages."""

from __future__ import annotations

import datetime
import html
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
    provenance_problems,
    provenance_words,
    translated_meta,
    translated_provenance,
    words_problems,
)
from build_scripts.charts.model import load_charts, read_data
from build_scripts.errors import Problem
from build_scripts.registry import load_registry
from build_scripts.yamlio import load_yaml

from .conftest import add_language_switcher

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
        found = words_problems(chart.id, chart.folder / "chart.yml", chart.meta, "es", chart.data)
        assert list(found) == [], chart.id
        found = provenance_problems(chart.id, chart.folder / "provenance.yml", chart.provenance, "es")
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


# ---- text cells: a translated column of data.csv, its Spanish text in the column beside it ----------
NOTE_COLUMNS = {
    "year": {"label": "Year", "type": "integer"},
    "note": {"label": "Note", "type": "string", "optional": True, "translated": True},
}


def _note_chart(tmp_path: Path, csv_text: str) -> tuple[dict, Path, object]:
    meta = mini_meta()
    meta["columns"] = dict(NOTE_COLUMNS)
    meta["es"]["columns"] = {"year": {"label": "Año"}, "note": {"label": "Nota"}}
    path = tmp_path / "data.csv"
    path.write_text(csv_text, encoding="utf-8")
    return meta, path, read_data(path, meta["columns"], ["es"])


def test_a_translated_column_is_followed_by_its_spanish_and_each_edition_reads_its_own(tmp_path):
    meta, path, data = _note_chart(
        tmp_path, 'year,note,note_es\n2020,rose,subió\n\n2021,"fell, then rose","bajó, luego subió"\n2022,,\n'
    )
    assert data.columns == ["year", "note"]
    assert [row["note"] for row in data.rows] == ["rose", "fell, then rose", None]  # the English rows are unchanged
    assert data.lines == [2, 4, 5]  # a blank line is skipped, and each row keeps its own line
    assert list(words_problems("c", tmp_path / "chart.yml", meta, "es", data)) == []
    from build_scripts.charts.language import translated_rows

    assert [r["note"] for r in translated_rows(data.rows, data.translations, "es")] == [
        "subió",
        "bajó, luego subió",
        None,
    ]
    assert translated_rows(data.rows, data.translations, "en") is data.rows


def test_a_missing_spanish_cell_names_the_chart_the_file_the_line_and_the_column(tmp_path):
    meta, path, data = _note_chart(tmp_path, "year,note,note_es\n2020,rose,subió\n2021,fell,\n2022,,sube\n")
    found = list(words_problems("c", tmp_path / "chart.yml", meta, "es", data))
    assert [(p.file, p.line, p.message, p.fix) for p in found] == [
        (
            path,
            3,
            "chart 'c': no Spanish text in column 'note_es' for the note “fell”",
            "write its Spanish text in the column 'note_es' of that row, beside the English",
        ),
        (
            path,
            4,
            "chart 'c': column 'note_es' has text (“sube”) where 'note' is empty",
            "empty the cell, or write the English text in the column 'note' of that row",
        ),
    ]


def test_a_translated_column_without_its_spanish_column_stops_at_the_header(tmp_path):
    meta = mini_meta()
    meta["columns"] = dict(NOTE_COLUMNS)
    path = tmp_path / "data.csv"
    path.write_text("year,note\n2020,rose\n", encoding="utf-8")
    with pytest.raises(Problem) as stop:
        read_data(path, meta["columns"], ["es"])
    assert (stop.value.line, stop.value.message) == (
        1,
        "the header is year,note but chart.yml declares year,note,note_es",
    )
    assert "each `translated: true` column followed by its translation: note_es" in stop.value.fix


def test_the_former_cells_block_is_refused_with_the_way_to_move_it(tmp_path):
    meta = mini_meta()
    meta["es"]["cells"] = {"note": {"rose": "subió"}}
    path = tmp_path / "chart.yml"
    path.write_text("title: x\nes:\n  cells: {}\n", encoding="utf-8")
    [problem] = words_problems("c", path, meta, "es")
    assert (problem.line, problem.message) == (
        2,
        "chart 'c': `es: cells:` is no longer read; data.csv holds the Spanish text of its cells",
    )
    assert "`translated: true`" in problem.fix and "'<name>_es'" in problem.fix


def test_only_a_text_column_can_be_translated(tmp_path, registry):
    from build_scripts.charts.model import load_chart

    folder = tmp_path / "c"
    shutil.copytree(ROOT / "tests/fixtures/mini/charts/homicides-mexico", folder)
    text = (folder / "chart.yml").read_text(encoding="utf-8")
    (folder / "chart.yml").write_text(
        text.replace("    type: integer\n", "    type: integer\n    translated: true\n", 1), encoding="utf-8"
    )
    with pytest.raises(Exception) as stop:
        load_chart(folder, registry)
    assert "column 'year' is marked `translated: true` but is of type 'integer'" in str(stop.value)


# ---- provenance.yml: its words under "About this data", in its own es: block ------------------------
PROVENANCE = """origins:
  - source: inegi-homicides
    columns: [homicides]
    rows: 1990–2024
    where_read:
      - what: "INEGI's table"
        url: https://example.org/
      - what: "A cross-check"
processing: "None: values as published."
definitions:
  - "All homicides."
caveats: []
license: "INEGI's terms"
accessed: "2026-01-01"
es:
  origins:
    - rows: 1990–2024
      where_read:
        - what: "El cuadro del INEGI"
        - what: "Una comprobación"
  processing: "Ninguno: valores tal como se publicaron."
  definitions:
    - "Todos los homicidios."
  license: "Condiciones del INEGI"
"""


def _provenance(tmp_path: Path, text: str = PROVENANCE) -> tuple[Path, dict]:
    path = tmp_path / "provenance.yml"
    path.write_text(text, encoding="utf-8")
    return path, load_yaml(path, what="provenance")


def test_the_provenance_words_are_the_ones_a_reader_sees_and_the_spanish_replaces_them(tmp_path):
    path, provenance = _provenance(tmp_path)
    assert provenance_words(provenance) == {
        "origins": [{"rows": "1990–2024", "where_read": [{"what": "INEGI's table"}, {"what": "A cross-check"}]}],
        "definitions": ["All homicides."],
        "processing": "None: values as published.",
        "license": "INEGI's terms",
    }
    assert list(provenance_problems("c", path, provenance, "es")) == []
    spanish, lang = translated_provenance(provenance, "es")
    assert lang == "es" and "es" not in spanish
    assert spanish["origins"][0]["where_read"][0] == {"what": "El cuadro del INEGI", "url": "https://example.org/"}
    assert spanish["origins"][0]["source"] == "inegi-homicides" and spanish["accessed"] == "2026-01-01"
    assert spanish["processing"].startswith("Ninguno") and provenance["processing"].startswith("None")
    assert translated_provenance(provenance, "en") == (provenance, "en")


def test_a_missing_provenance_word_names_the_file_the_block_the_key_and_the_english_line(tmp_path):
    path, provenance = _provenance(
        tmp_path,
        PROVENANCE.replace('        - what: "Una comprobación"\n', "").replace(
            '  license: "Condiciones del INEGI"\n', '  license: " "\n  licence: "x"\n'
        ),
    )
    found = [(p.line, p.message, p.fix) for p in provenance_problems("c", path, provenance, "es")]
    assert found == [
        (
            15,
            "chart 'c' provenance: 'origins[0].where_read' has 2 items in English and 1 under `es:`",
            "give one Spanish item for each English item, in the same order (the English: line 6)",
        ),
        (
            15,
            "chart 'c' provenance: the Spanish text for 'license' is empty or not text",
            "write the Spanish text of “INEGI's terms”",
        ),
        (
            15,
            "chart 'c' provenance: `es:` has 'licence', which provenance.yml does not have in English",
            "remove 'licence' from the `es:` block, or correct its name",
        ),
    ]
    path, provenance = _provenance(
        tmp_path, PROVENANCE.replace('        - what: "Una comprobación"\n', "        - {}\n")
    )
    [problem] = provenance_problems("c", path, provenance, "es")
    assert problem.message == "chart 'c' provenance: no Spanish text for 'origins[0].where_read[1].what'"
    assert problem.fix == (
        "under `es:`, add item 1 of `origins:`, in it item 2 of `where_read:`, in it `what: …` with the Spanish "
        "text of “A cross-check” (the English: line 8)"
    )
    path, provenance = _provenance(tmp_path, PROVENANCE.split("es:\n")[0])
    [problem] = provenance_problems("c", path, provenance, "es")
    assert problem.message == "chart 'c' provenance has no Spanish text (no `es:` block)"


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


def test_the_spanish_poll_labels_stay_apart_and_the_axis_title_stays_on_a_phone(charts):
    """Seen in Chromium (docs/reviews/2026-12-01/look-both-editions.md): the Spanish questions,
    longer than the English, took four lines at the English wrap on a desktop and ran into the
    next bar's label, and the value axis' title ran off a phone's right edge. Each label keeps to
    the lines its category has room for (a wider wrap), the title is broken in two on a phone,
    and the English figure keeps its wrap."""
    from build_scripts.charts.kinds import label_lines
    from build_scripts.charts.theme import themes

    english = charts["polls-force-mexico"]
    spanish = english.in_language("es")
    spec = english.meta["figure"]
    for chart in (english, spanish):
        variants = figure_variants(chart)
        for theme in themes():
            layout = variants[theme.name].layout
            labels = layout.yaxis.ticktext
            room = label_lines(chart, spec, theme, len(labels))
            assert max(label.count("<br>") + 1 for label in labels) <= room, (chart.lang, theme.name)
            title = layout.xaxis.title.text
            assert all(len(line) <= 26 for line in title.split("<br>")) or not theme.narrow, title
    wrap = spec["x"]["wrap"]
    for theme in themes():
        labels = figure_variants(english)[theme.name].layout.yaxis.ticktext
        width = wrap["narrow" if theme.narrow else "wide"]
        assert max(len(line) for label in labels for line in label.split("<br>")) <= width


def test_a_unified_hover_names_each_series_the_way_a_reader_writes_it(charts):
    """One hover box for all lines: each line reads "Colombia: 24.9 per 100,000", never Plotly's
    "Colombia : 24.9" (its way of writing a trace name beside the value), in both editions."""
    english = charts["homicide-rates-region"]
    for chart, name, unit in (
        (english, "Colombia", "per 100,000"),
        (english.in_language("es"), "Colombia", "por cada 100,000"),
    ):
        variant = figure_variants(chart)["light"]
        assert variant.layout.hovermode == "x unified"
        [colombia] = [trace for trace in variant.data if trace.name == name]
        assert colombia.hovertemplate == f"{name}: %{{y:.1f}} {unit}<extra></extra>", colombia.hovertemplate


def test_a_label_is_wrapped_wider_only_as_far_as_it_needs():
    from build_scripts.charts.kinds import fitting_wrap

    texts = ["one two three four five six seven eight nine ten"]  # 48 characters
    assert fitting_wrap(texts, 20, 3) == 20  # three lines at 20 already
    assert fitting_wrap(texts, 20, 2) == 24  # the first width at which it takes two
    assert fitting_wrap(texts, 10, 1) == 15  # never wider than 1.5 times the chart's wrap


def test_poll_questions_are_spanish_on_the_axis_in_the_hover_in_the_table_and_in_the_csv(charts, registry):
    from build_scripts.prebuild import csv_download

    polls = charts["polls-force-mexico"].in_language("es")
    figure = figure_variants(polls)["light"]
    shown = " ".join(figure.layout.yaxis.ticktext or figure.layout.xaxis.ticktext).replace("<br>", " ")
    assert "sin el permiso del gobierno mexicano" in shown and "permission" not in shown
    box = chart_figure(polls, registry, "generated/charts/polls-force-mexico")
    cells = [_text(th) for th in box.iter("th") if th.get("scope") == "row"]
    assert cells[0].startswith("EE. UU. · Reuters/Ipsos, sep 2023")
    assert "Ipsos para Reuters" in " ".join(_text(td) for td in box.iter("td"))
    hovers = " ".join(str(t) for trace in figure.data for t in (trace.customdata or []))
    assert "nuestra traducción" in hovers and "our translation" not in hovers
    spanish = csv_download(polls).decode("utf-8")
    assert spanish.startswith("\ufeffEncuesta y pregunta,País encuestado,Encuestadora,")
    assert "EE. UU. · Reuters/Ipsos, sep 2023" in spanish and "Reuters/Ipsos, Sep 2023" not in spanish
    assert "_es" not in spanish.splitlines()[0]
    english = csv_download(charts["polls-force-mexico"]).decode("utf-8")
    assert english.startswith("question,country,pollster,fieldwork,sample,wording,in_favour,against,source\n")
    assert "Reuters/Ipsos, Sep 2023" in english and "EE. UU." not in english


def test_the_timeline_events_and_callouts_are_spanish_in_the_hover_the_labels_the_table_and_the_csv(charts, registry):
    from build_scripts.prebuild import csv_download

    timeline = charts["escalation-timeline"].in_language("es")
    figure = figure_variants(timeline)["light"]
    hovers = [t for trace in figure.data for t in (trace.text or [])]
    assert any("Sheinbaum: “Yo no creo en la invasión”" in t for t in hovers)
    assert not any("Sheinbaum: \"I don't believe" in t for t in hovers)
    labels = [a.text for a in figure.layout.annotations]
    assert "Muerte de “El Mencho”" in labels and "Primer ataque a una lancha" in labels
    box = chart_figure(timeline, registry, "generated/charts/escalation-timeline")
    cells = " ".join(_text(td) for td in box.iter("td"))
    assert "Fuerzas mexicanas abaten a “El Mencho”" in cells and "Mexican forces kill" not in cells
    about = _text(_about(box))
    assert "Página consultada (" in about and "Page read" not in about
    assert "Filas: acontecimientos que citan esta fuente." in about and "events citing" not in about
    spanish = csv_download(timeline).decode("utf-8")
    assert (
        spanish.splitlines()[0]
        == "\ufeffFecha,Carril,Acontecimiento,Fecha aproximada,Fuente,Etiqueta breve en la gráfica"
    )
    assert "Cumbre “Escudo de las Américas”" in spanish and "Shield of the Americas" not in spanish
    english = csv_download(charts["escalation-timeline"]).decode("utf-8")
    assert english.splitlines()[0] == "date,lane,event,approx,source,callout"
    assert "Shield of the Americas" in english and "Escudo" not in english


def test_the_spanish_provenance_panel_speaks_spanish_and_keeps_titles_and_links(charts, registry):
    chart = charts["homicides-mexico"]
    box = chart_figure(chart.in_language("es"), registry, "generated/charts/homicides-mexico")
    about = next(d for d in box.iter("details") if d.get("class") == "chart__provenance")
    assert not [e for e in about.iter() if e.get("lang") == "en"]  # every word is the edition's
    words = _text(about)
    for english in (chart.provenance["processing"], chart.provenance["license"], *chart.provenance["definitions"]):
        assert " ".join(english.split()) not in words, english
    spanish = chart.provenance["es"]
    assert spanish["processing"] in words and spanish["definitions"][0] in words
    assert any(_text(p).startswith("Procesamiento: ") for p in about.iter("p"))
    assert "Page read" not in words and "Accessed" not in words  # the sources' references are Spanish too
    links = [a.get("href") for a in about.iter("a")]
    assert links and links == [a.get("href") for a in _about(chart_figure(chart, registry, "x")).iter("a")]
    english = chart_figure(chart, registry, "generated/charts/homicides-mexico")
    assert not [e for e in english.iter() if e.get("lang")]


def _about(box: etree.Element) -> etree.Element:
    return next(d for d in box.iter("details") if d.get("class") == "chart__provenance")


def test_a_provenance_without_its_spanish_block_is_marked_english(charts, registry):
    import dataclasses

    chart = charts["homicides-mexico"]
    bare = dataclasses.replace(chart, provenance={k: v for k, v in chart.provenance.items() if k != "es"})
    about = _about(chart_figure(bare.in_language("es"), registry, "generated/charts/homicides-mexico"))
    marked = [e for e in about.iter() if e.get("lang") == "en"]
    assert marked and all(_text(e) for e in marked)


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
    add_language_switcher(project.root)
    build_site(project)
    site = project.site
    svg = "generated/charts/homicides-mexico/homicides-mexico-light.svg"
    assert "Defunciones por año" in (site / "es" / svg).read_text(encoding="utf-8")
    assert "Deaths per year" in (site / svg).read_text(encoding="utf-8")
    page = (site / "es" / "chapter" / "index.html").read_text(encoding="utf-8")
    assert "Los homicidios en México se triplicaron" in page and "Descargar los datos (CSV)" in page
    english = (site / "chapter" / "index.html").read_text(encoding="utf-8")
    assert "Download the data (CSV)" in english and "Descargar" not in english
    # "Acerca de los datos" from provenance.yml's es: block (on the page, or in its deferred notes.html)
    spanish = page + (
        (site / "es" / "chapter" / "notes.html").read_text(encoding="utf-8")
        if (site / "es" / "chapter" / "notes.html").exists()
        else ""
    )
    assert "Procesamiento: Ninguno: valores tal como se publicaron." in spanish
    assert "None: values as published" not in spanish


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
    # a boat-strike report, from data.csv's as_reported_es, in the hover box of the interactive chart
    point = boats.locator(".chart__plot .scatterlayer .trace .points path").first
    point.evaluate("(el) => el.scrollIntoView({block: 'center'})")  # clear of the sticky header
    box = point.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x - 5, y - 5)
    page.mouse.move(x, y)
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for(timeout=5000)
    said = hover.text_content()
    assert "Primer ataque conocido" in said and "First known strike" not in said, said
    edges = hover.bounding_box()
    assert edges["x"] >= 0 and edges["x"] + edges["width"] <= width, edges  # not cut at a phone's width
    assert ticks and all(t.split()[0] in ("sep", "oct", "nov", "dic", "ene", "feb", "mar") for t in ticks), ticks
    assert [m for m in messages if m[0] in ("error", "pageerror")] == []


def test_a_column_translated_for_the_table_only_keeps_the_figure_reading_the_english(charts, registry):
    """`translated: table`: the timeline's lanes and its yes/no of approximate dates are Spanish in the
    data table and the CSV, while its figure.py still finds each row's lane and open marker."""
    from build_scripts.prebuild import csv_download

    english, spanish = charts["escalation-timeline"], charts["escalation-timeline"].in_language("es")
    assert {r["lane"] for r in spanish.data.rows} == {r["lane"] for r in english.data.rows}  # what the figure reads
    assert {r["lane"] for r in spanish.data.table_rows} == {
        "Política de EE. UU.",
        "Ley y Congreso",
        "Acción militar",
        "Respuesta de México",
    }
    assert {r["approx"] for r in spanish.data.table_rows} == {"sí", "no"}
    ours, theirs = figure_variants(english)["light"], figure_variants(spanish)["light"]
    assert ours.data[0].marker.symbol == theirs.data[0].marker.symbol and "circle-open" in ours.data[0].marker.symbol
    assert ours.data[0].y == theirs.data[0].y  # the same lanes, the same points
    table = chart_figure(spanish, registry, "generated/charts/escalation-timeline")
    first = [_text(td) for td in next(tr for tr in table.iter("tr") if tr.find("td") is not None)]
    assert first[:4] == [
        "1996-11-19",
        "Política de EE. UU.",
        "Libro: “The Next War”, de Weinberger y Schweizer, imagina una invasión de Estados Unidos a México en 2003",
        "no",
    ]
    row = csv_download(spanish).decode("utf-8").splitlines()[2]
    assert row.startswith("1999,Acción militar,") and row.endswith(",sí,zetas-origins,")


def test_a_column_the_figure_block_compares_must_be_translated_for_the_table_only(tmp_path, registry):
    from build_scripts.charts.model import load_chart

    folder = tmp_path / "overdose-deaths-us"
    shutil.copytree(ROOT / "charts" / "overdose-deaths-us", folder)
    path = folder / "chart.yml"
    text = path.read_text(encoding="utf-8")
    assert "    translated: table\n" in text
    path.write_text(text.replace("    translated: table\n", "    translated: true\n", 1), encoding="utf-8")
    with pytest.raises(Exception) as stop:
        load_chart(folder, registry)
    message = str(stop.value)
    assert "column 'synthetic_count_read_in' is marked `translated: true`, but the figure compares its cells" in message
    assert "mark it `translated: table`" in message


def test_the_spanish_provenance_panel_cites_its_sources_in_spanish(charts, registry):
    """Under "Acerca de los datos", each source's reference, and the registry's note on the copy
    read, are the Spanish edition's (docs/translating.md, "The words of the notes")."""
    from build_scripts.citations import NOT_A_COPY, plain_words

    chart = charts["boat-strikes"]
    spanish = etree.tostring(_about(chart_figure(chart.in_language("es"), registry, "x")), encoding="unicode")
    english = etree.tostring(_about(chart_figure(chart, registry, "x")), encoding="unicode")
    copies = [registry.get(o["source"]) for o in chart.provenance["origins"] if registry.get(o["source"]).archived_note]
    assert copies, "boat-strikes no longer cites a source read in a copy: pick another chart"
    for source in copies:
        said = plain_words(NOT_A_COPY["es"].sub("", source.es["archived_note"], count=1), "es")
        assert f"({html.escape(said, quote=False)}): <a" in spanish, source.id
        assert f"({html.escape(plain_words(source.archived_note), quote=False)}): <a" in english, source.id
    assert "Copia consultada" in spanish and "Copy read" not in spanish and "Copy read" in english
