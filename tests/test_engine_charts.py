"""Chart folders: data typing and every error path, figure variants, static renders and cache."""

import json
import shutil
from pathlib import Path

import pytest

from build_scripts.charts.figures import figure_payload, payload_json
from build_scripts.charts.model import load_chart, read_data
from build_scripts.errors import BuildError, BuildErrors
from build_scripts.registry import load_registry

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
ESCAPE_HATCH = Path(__file__).resolve().parent / "fixtures" / "escape-hatch" / "figure.py"


@pytest.fixture
def chart_dir(tmp_path):
    folder = tmp_path / "charts" / "homicides-mexico"
    shutil.copytree(MINI / "charts" / "homicides-mexico", folder)
    return folder


@pytest.fixture
def coded_chart_dir(chart_dir):
    """The mini chart drawn by a figure.py (the escape hatch) instead of its `figure:` block."""
    meta = chart_dir / "chart.yml"
    text = meta.read_text()
    start = text.index("figure:\n")
    end = text.index("labels:\n")
    meta.write_text(text[:start] + text[end:])
    shutil.copy(ESCAPE_HATCH, chart_dir / "figure.py")
    return chart_dir


@pytest.fixture
def registry():
    return load_registry(MINI / "sources.yml")


def test_data_is_typed(chart_dir, registry):
    chart = load_chart(chart_dir, registry)
    assert chart.data.rows[0] == {"year": 1990, "homicides": 14493}
    assert chart.data.where(year=2007)[0]["homicides"] == 8867


def test_non_numeric_cell_names_row_column_and_fix(chart_dir, registry):
    csv = chart_dir / "data.csv"
    csv.write_text(csv.read_text().replace("2007,8867", "2007,8.867 (approx)"))
    with pytest.raises(BuildErrors) as caught:
        load_chart(chart_dir, registry)
    error = caught.value.errors[0]
    assert error.line == 19 and error.file == csv
    assert "column 'homicides': '8.867 (approx)' is not a whole number" in str(error)
    assert "write a whole number with no thousands separators" in str(error)


def test_empty_cell_in_a_required_column(chart_dir, registry):
    csv = chart_dir / "data.csv"
    csv.write_text(csv.read_text().replace("1991,15128", "1991,"))
    with pytest.raises(BuildErrors) as caught:
        load_chart(chart_dir, registry)
    assert "data.csv:3: column 'homicides': the cell is empty" in str(caught.value)
    assert "optional: true" in str(caught.value)


def test_header_mismatch(chart_dir, registry):
    csv = chart_dir / "data.csv"
    csv.write_text(csv.read_text().replace("year,homicides", "year,deaths", 1))
    with pytest.raises(BuildError) as caught:
        load_chart(chart_dir, registry)
    assert caught.value.line == 1 and "chart.yml declares year,homicides" in str(caught.value)


@pytest.mark.parametrize("missing", ["data.csv", "chart.yml", "provenance.yml"])
def test_missing_file(chart_dir, registry, missing):
    (chart_dir / missing).unlink()
    with pytest.raises(BuildError) as caught:
        load_chart(chart_dir, registry)
    assert f"chart 'homicides-mexico' has no {missing}" in str(caught.value)
    assert "docs/adding-a-chart.md" in str(caught.value)


def test_a_chart_has_a_figure_block_or_a_figure_py_not_both(chart_dir, coded_chart_dir, registry):
    assert load_chart(coded_chart_dir, registry).module is not None  # figure.py alone: the escape hatch
    (coded_chart_dir / "figure.py").unlink()
    with pytest.raises(BuildError) as caught:
        load_chart(coded_chart_dir, registry)
    assert "has neither a `figure:` block in chart.yml nor a figure.py" in str(caught.value)
    assert "docs/adding-a-chart.md" in caught.value.fix
    shutil.copy(ESCAPE_HATCH, chart_dir / "figure.py")
    (chart_dir / "chart.yml").write_text((MINI / "charts" / "homicides-mexico" / "chart.yml").read_text())
    with pytest.raises(BuildError) as caught:
        load_chart(chart_dir, registry)
    assert "has both a figure.py and a `figure:` block" in str(caught.value)
    assert (
        caught.value.line == (MINI / "charts/homicides-mexico/chart.yml").read_text().splitlines().index("figure:") + 1
    )


def test_missing_metadata_field(chart_dir, registry):
    meta = chart_dir / "chart.yml"
    meta.write_text("\n".join(line for line in meta.read_text().splitlines() if not line.startswith("unit:")))
    with pytest.raises(BuildErrors) as caught:
        load_chart(chart_dir, registry)
    assert "chart.yml:1: chart 'homicides-mexico': the required field 'unit' is missing" in str(caught.value)


def test_provenance_must_name_registry_sources_and_cover_values(chart_dir, registry):
    prov = chart_dir / "provenance.yml"
    prov.write_text(
        prov.read_text()
        .replace("source: inegi-homicides", "source: inegi-homicide")
        .replace("columns: [homicides]", "columns: [deaths]")
    )
    with pytest.raises(BuildErrors) as caught:
        load_chart(chart_dir, registry)
    message = str(caught.value)
    assert "unknown source id 'inegi-homicide'" in message and "did you mean [^inegi-homicides]?" in message
    assert "names column 'deaths', which data.csv does not have" in message
    assert "no origin in provenance.yml covers the column 'homicides'" in message


def test_figure_json_cannot_end_its_script_block():
    text = payload_json({"data": [{"hovertemplate": "%{y}<extra></extra></script><!--"}]})
    assert "<" not in text
    assert json.loads(text)["data"][0]["hovertemplate"] == "%{y}<extra></extra></script><!--"


def test_payload_has_one_trace_set_and_four_layouts(chart_dir, registry):
    payload = figure_payload(load_chart(chart_dir, registry))
    assert set(payload["layouts"]) == {"light", "dark", "light-narrow", "dark-narrow"}
    assert payload["data"][0]["y"]  # the values are in the figure
    light, dark = payload["layouts"]["light"], payload["layouts"]["dark"]
    assert light["font"]["color"] != dark["font"]["color"]
    assert payload["layouts"]["light-narrow"]["height"] == 380


def test_traces_that_depend_on_the_theme_are_refused(coded_chart_dir, registry):
    chart_dir = coded_chart_dir
    figure_py = chart_dir / "figure.py"
    original = figure_py.read_text()
    changed = original.replace("line=dict(width=2.5, color=theme.series[0])", "line=dict(width=2.5, color=theme.ink)")
    assert changed != original, "the fixture's figure.py no longer has the line this test edits"
    figure_py.write_text(changed)
    with pytest.raises(BuildError) as caught:
        figure_payload(load_chart(chart_dir, registry))
    assert "the traces differ between" in str(caught.value)


def test_read_data_reports_every_bad_row(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("year,v\n2001,1\n2002,x\n2003,2,3\n")
    with pytest.raises(BuildErrors) as caught:
        read_data(path, {"year": {"label": "Y", "type": "integer"}, "v": {"label": "V", "type": "number"}})
    lines = [e.line for e in caught.value.errors]
    assert lines == [3, 4]


def test_spreadsheet_csv_with_bom_and_crlf_is_accepted(chart_dir, registry):
    csv = chart_dir / "data.csv"
    text = csv.read_text(encoding="utf-8")
    csv.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    chart = load_chart(chart_dir, registry)
    assert chart.data.rows[0] == {"year": 1990, "homicides": 14493}
    assert len(chart.data.rows) == len(text.strip().splitlines()) - 1


def test_csv_not_in_utf8_names_the_line(chart_dir, registry):
    csv = chart_dir / "data.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + ",Peña"
    csv.write_bytes("\n".join(lines).encode("latin-1"))
    with pytest.raises(BuildError) as caught:
        load_chart(chart_dir, registry)
    assert caught.value.file == csv and caught.value.line == 4
    assert "not UTF-8" in str(caught.value) and "CSV UTF-8" in str(caught.value)


def test_header_with_an_invisible_character_is_shown_escaped(chart_dir, registry):
    csv = chart_dir / "data.csv"
    csv.write_text(csv.read_text().replace("year,homicides", "year,homi\u200bcides", 1))
    with pytest.raises(BuildError) as caught:
        load_chart(chart_dir, registry)
    message = str(caught.value)
    assert "homi\\u200bcides (has an invisible character)" in message


def test_unclosed_quote_is_a_file_line_error(chart_dir, registry):
    csv = chart_dir / "data.csv"
    csv.write_text(csv.read_text().replace("1995,", '1995,"', 1) + '\n"x\0y"\n')
    with pytest.raises((BuildError, BuildErrors)) as caught:
        load_chart(chart_dir, registry)
    assert "data.csv:" in str(caught.value) and "Traceback" not in str(caught.value)


def test_cache_key_changes_with_plotly_kaleido_and_chromium(monkeypatch):
    from build_scripts.charts import figures, static

    versions = {"plotly": "7.1.0", "kaleido": "1.5.0", "chromium": "Chromium 156"}
    monkeypatch.setattr(static, "renderer_versions", lambda cache=None: dict(versions))
    before = figures.engine_fingerprint()
    for tool, upgraded in (("plotly", "7.2.0"), ("kaleido", "1.6.0"), ("chromium", "Chromium 157")):
        versions[tool] = upgraded
        after = figures.engine_fingerprint()
        assert after != before, f"upgrading {tool} must change the static-image cache key"
        before = after


def test_renderer_versions_are_the_installed_ones(tmp_path):
    from importlib import metadata

    from build_scripts.charts.static import renderer_versions

    versions = renderer_versions(tmp_path)
    assert versions["plotly"] == metadata.version("plotly")
    assert versions["kaleido"] == metadata.version("kaleido")
    assert versions["chromium"].startswith("Chromium") or versions["chromium"] == "absent"
    assert renderer_versions(tmp_path) == versions  # the second answer comes from the memo file


def test_figure_py_failure_names_its_line_and_a_real_command(coded_chart_dir, registry):
    from build_scripts.charts.figures import figure_variants

    chart_dir = coded_chart_dir
    figure_py = chart_dir / "figure.py"
    lines = figure_py.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if "def build(" in line) + 2
    lines.insert(at - 1, "    {}['missing']")
    figure_py.write_text("\n".join(lines) + "\n")
    chart = load_chart(chart_dir, registry)
    with pytest.raises(BuildError) as caught:
        figure_variants(chart)
    assert caught.value.line == at
    assert "KeyError" in str(caught.value)
    assert "`python -m build_scripts chart homicides-mexico` shows the whole traceback" in caught.value.fix


# --- declarative figures (chart.yml `figure:`, drawn by build_scripts/charts/kinds.py) ----------

ROOT = Path(__file__).resolve().parent.parent


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), start=1) if text in line)


def test_a_mark_with_an_unknown_source_is_refused_at_its_line(chart_dir, registry):
    meta = chart_dir / "chart.yml"
    meta.write_text(meta.read_text().replace("source: calderon-2006", "source: calderon-2060"))
    with pytest.raises(BuildErrors) as caught:
        load_chart(chart_dir, registry)
    (error,) = caught.value.errors
    assert error.file == meta and error.line == _line_of(meta, "calderon-2060")
    assert "unknown source id 'calderon-2060'" in str(error) and "calderon-2006" in error.fix


def test_a_figure_naming_a_missing_column_or_label_is_refused_at_its_line(chart_dir, registry):
    meta = chart_dir / "chart.yml"
    meta.write_text(
        meta.read_text()
        .replace("{column: homicides, label: series", "{column: homicide, label: series")
        .replace("label: calderon,", "label: calderon_long,")
    )
    with pytest.raises(BuildErrors) as caught:
        load_chart(chart_dir, registry)
    messages = {(e.line, str(e).split(": ", 1)[1].split("\n")[0]) for e in caught.value.errors}
    assert (_line_of(meta, "column: homicide,"), "figure: column 'homicide' is not a column of data.csv") in messages
    assert (_line_of(meta, "calderon_long"), "figure: label 'calderon_long' is not defined under `labels:`") in messages


def test_figure_dates_may_be_written_unquoted_or_as_a_year(chart_dir, registry):
    meta = chart_dir / "chart.yml"
    meta.write_text(meta.read_text().replace("at: 2006-12-11", "at: 2006"))
    chart = load_chart(chart_dir, registry)
    assert chart.meta["figure"]["events"][0]["at"] == "2006"
    light = figure_payload(chart)["layouts"]["light"]
    assert light["shapes"][0]["x0"] == 2006.0


def test_a_mark_source_is_cited_by_the_chart_and_shown_in_its_provenance(chart_dir, registry):
    from xml.etree import ElementTree

    from build_scripts.charts.html import provenance_block

    chart = load_chart(chart_dir, registry)
    assert chart.source_ids == ["inegi-homicides", "calderon-2006"]
    text = ElementTree.tostring(provenance_block(chart, registry), encoding="unicode")
    assert "For “Dec 2006: army sent against the cartels” (2006-12-11):" in text
    assert "Troops, Police Dispatched" in text


def _converted_copy(tmp_path, chart_id: str) -> Path:
    folder = tmp_path / "charts" / chart_id
    shutil.copytree(ROOT / "charts" / chart_id, folder)
    assert not (folder / "figure.py").exists(), f"{chart_id} is meant to be a declarative chart"
    return folder


def test_a_new_row_extends_a_declarative_chart_with_no_code_change(tmp_path):
    """Append a 2025 row (a made-up value, in a temporary copy) to two converted charts: the new
    point is drawn, and the axes grow to hold it."""
    registry = load_registry(ROOT / "sources.yml")
    folder = _converted_copy(tmp_path, "homicides-mexico")
    before = figure_payload(load_chart(folder, registry))
    with (folder / "data.csv").open("a") as data:
        data.write("2025,45000\n")
    after = figure_payload(load_chart(folder, registry))
    assert after["data"][0]["x"][-1] == 2025 and after["data"][0]["y"][-1] == 45000
    for variant, layout in after["layouts"].items():
        assert layout["xaxis"]["range"][1] >= 2025.5 > before["layouts"][variant]["xaxis"]["range"][1], variant
        assert layout["yaxis"]["range"][1] > 45000 > before["layouts"][variant]["yaxis"]["range"][1], variant

    folder = _converted_copy(tmp_path, "homicide-rates-region")
    with (folder / "data.csv").open("a") as data:
        data.write("2024,25.1,25.4,95.0\n")
    after = figure_payload(load_chart(folder, registry))
    ecuador = next(t for t in after["data"] if t["name"] == "Ecuador")
    assert ecuador["x"][-1] == 2024 and ecuador["y"][-1] == 95.0
    assert after["layouts"]["light"]["yaxis"]["range"][1] > 95
    assert after["layouts"]["light"]["xaxis"]["range"][1] >= 2024.5


def test_runs_above_a_threshold_follow_the_data(tmp_path):
    registry = load_registry(ROOT / "sources.yml")
    folder = _converted_copy(tmp_path, "homicide-counts-compared")
    data = folder / "data.csv"
    data.write_text(data.read_text().replace("2017,32079,", "2017,29079,"))
    light = figure_payload(load_chart(folder, registry))["layouts"]["light"]
    texts = [a["text"] for a in light["annotations"]]
    assert "INEGI: 6 years in a row above 30,000 (2018–2023)" in texts


def test_run_ending():
    from build_scripts.charts.kinds import run_ending

    years = [2015, 2016, 2017, 2018, 2019]
    assert run_ending(years, [1, 5, 6, 7, 8], 4, 2018) == (2016, 2018, 3)
    assert run_ending(years, [1, 5, None, 7, 8], 4, 2019) == (2018, 2019, 2)
    assert run_ending(years, [1, 5, 6, 7, 3], 4, 2019) is None


def test_position_on_a_year_axis():
    from build_scripts.charts.kinds import position

    assert position("2000") == 2000.0
    assert position("2024-01-01") == 2024.0
    assert position("2024-07") == pytest.approx(2024 + 182 / 366)
    assert position("2006-12-11") == pytest.approx(2006 + 344 / 365)


def test_stacked_bars_with_hatching_and_totals(chart_dir, registry):
    meta = chart_dir / "chart.yml"
    (chart_dir / "data.csv").write_text("year,homicides,estimated,derived\n2020,10,5,no\n2021,12,6.5,yes\n")
    text = meta.read_text()
    text = text.replace(
        "    type: integer\nfigure:",
        "    type: integer\n  estimated:\n    label: Estimated\n    type: number\n  derived:\n    label: Derived\n    type: string\nfigure:",
    )
    text = text.replace("kind: line", "kind: stacked-bar").replace(
        "    - {column: homicides, label: series, hover: hover_deaths}",
        "    - {column: homicides, label: series, hover: hover_deaths}\n"
        "    - {column: estimated, label: series, hatch_when: {column: derived, equals: 'yes', hover: hover_deaths, key: calderon}}",
    )
    meta.write_text(text)
    (chart_dir / "provenance.yml").write_text(
        (chart_dir / "provenance.yml").read_text().replace("columns: [homicides]", "columns: [homicides, estimated]")
    )
    payload = figure_payload(load_chart(chart_dir, registry))
    first, second, key = payload["data"]
    assert [t["type"] for t in payload["data"]] == ["bar", "bar", "bar"]
    assert second["marker"]["pattern"]["shape"] == ["", "/"] and key["x"] == [None]
    light = payload["layouts"]["light"]
    assert light["barmode"] == "stack"
    assert [a["text"] for a in light["annotations"] if a["text"] in ("15", "18")] == ["15", "18"]
    assert light["yaxis"]["range"][1] > 18.5 and light["xaxis"]["range"] == [2019.4, 2021.6]


@pytest.mark.parametrize("chart_id", ["homicides-mexico", "boat-strikes"])
def test_the_chart_command_builds_a_declarative_or_coded_chart(chart_id):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "build_scripts", "chart", chart_id],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f"chart {chart_id}: light, dark, light-narrow, dark-narrow built" in done.stdout


def test_figure_py_is_the_exception_and_says_why():
    """At most three charts keep a figure.py (issue 10); each docstring says why no kind fits."""
    import ast

    coded = sorted((ROOT / "charts").glob("*/figure.py"))
    assert len(coded) <= 3, [p.parent.name for p in coded]
    for path in coded:
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        assert "Why a figure.py and not a `figure:` block" in docstring, path


# --- bar figures that compare categories (a text x column) ------------------------------------

CATEGORY_CHART = """\
title: Two polls, two questions
subtitle: Share in favour and against, per question, 2023–2026
unit: per cent of respondents
time_span: 2023–2026
description: One poll found 52 in favour and 26 against; another found 21 in favour and 78 against.
notes: [Each bar is one question.]
columns:
  question: {label: Poll and question, type: string}
  wording: {label: Words asked, type: string}
  in_favour: {label: In favour, type: number}
  against: {label: Against, type: number, optional: true}
figure:
  kind: bar
  orientation: horizontal
  bar_labels: true
  x: {column: question, wrap: {wide: 20, narrow: 10}}
  y: {title: y_axis, format: "d"}
  hover: point
  series:
    - {column: in_favour, label: favour, hover: hover_favour, hover_text: wording}
    - {column: against, label: against}
labels:
  y_axis: Per cent
  favour: In favour
  against: Against
  hover_favour: "% in favour"
"""
CATEGORY_DATA = (
    "question,wording,in_favour,against\n"
    'First poll asks about troops in Mexico,"sending troops, consent not mentioned",52,26\n'
    "Second poll asks about forces,using military forces,21,78\n"
)


@pytest.fixture
def category_chart_dir(chart_dir):
    (chart_dir / "chart.yml").write_text(CATEGORY_CHART)
    (chart_dir / "data.csv").write_text(CATEGORY_DATA)
    prov = chart_dir / "provenance.yml"
    prov.write_text(prov.read_text().replace("columns: [homicides]", "columns: [in_favour, against]"))
    return chart_dir


def test_horizontal_bars_compare_categories_with_their_words(category_chart_dir, registry):
    payload = figure_payload(load_chart(category_chart_dir, registry))
    favour, against = payload["data"][:2]
    assert favour["orientation"] == "h" and favour["x"] == [52, 21]
    assert favour["y"] == ["First poll asks about troops in Mexico", "Second poll asks about forces"]
    # each bar's own words, broken into lines short enough for a phone's hover box
    assert favour["customdata"] == ["sending troops, consent not mentioned", "using military forces"]
    assert "%{x:d} % in favour<br>%{customdata}" in favour["hovertemplate"]
    assert favour["texttemplate"] == "%{x:d}" and favour["textposition"] == "outside"
    assert against.get("customdata") is None  # a series without hover_text shows only its value
    wide, narrow = payload["layouts"]["light"], payload["layouts"]["light-narrow"]
    # categories down the side, first row on top, each label wrapped to the width's line length
    assert wide["yaxis"]["autorange"] == "reversed" and wide["yaxis"]["type"] == "category"
    assert wide["yaxis"]["ticktext"][0] == "First poll asks<br>about troops in<br>Mexico"
    assert narrow["yaxis"]["ticktext"][0].count("<br>") > wide["yaxis"]["ticktext"][0].count("<br>")
    # values along the bottom, from 0, with room for the numbers written beyond the bars
    assert wide["xaxis"]["range"][0] == 0 and wide["xaxis"]["range"][1] > 78 * 1.1


def test_long_hover_words_are_broken_into_lines(category_chart_dir, registry):
    data = category_chart_dir / "data.csv"
    long_words = "the exact words of a long question " * 4
    data.write_text(CATEGORY_DATA.replace("using military forces", long_words.strip()))
    favour = figure_payload(load_chart(category_chart_dir, registry))["data"][0]
    lines = favour["customdata"][1].split("<br>")
    assert len(lines) > 1 and all(len(line) <= 48 for line in lines)
    assert " ".join(lines) == long_words.strip()


def test_marks_on_a_text_x_axis_are_refused_at_their_line(category_chart_dir, registry):
    meta = category_chart_dir / "chart.yml"
    meta.write_text(
        meta.read_text().replace(
            "  hover: point\n", "  hover: point\n  events:\n    - {at: 2025-01-20, source: calderon-2006}\n"
        )
    )
    with pytest.raises(BuildErrors) as caught:
        load_chart(category_chart_dir, registry)
    message = str(caught.value)
    assert "chart.yml:" in message and "`events:` needs an x axis of numbers" in message
    assert "the x column 'question' holds text" in message


def test_horizontal_orientation_needs_a_text_x_column(chart_dir, registry):
    meta = chart_dir / "chart.yml"
    meta.write_text(meta.read_text().replace("  kind: line\n", "  kind: line\n  orientation: horizontal\n"))
    with pytest.raises(BuildErrors) as caught:
        load_chart(chart_dir, registry)
    assert "`orientation:` is for bar figures whose x column holds text" in str(caught.value)
