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


@pytest.fixture
def chart_dir(tmp_path):
    folder = tmp_path / "charts" / "homicides-mexico"
    shutil.copytree(MINI / "charts" / "homicides-mexico", folder)
    return folder


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


@pytest.mark.parametrize("missing", ["data.csv", "chart.yml", "provenance.yml", "figure.py"])
def test_missing_file(chart_dir, registry, missing):
    (chart_dir / missing).unlink()
    with pytest.raises(BuildError) as caught:
        load_chart(chart_dir, registry)
    assert f"chart 'homicides-mexico' has no {missing}" in str(caught.value)
    assert "docs/adding-a-chart.md" in str(caught.value)


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


def test_traces_that_depend_on_the_theme_are_refused(chart_dir, registry):
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
