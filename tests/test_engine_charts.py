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


def test_figure_py_failure_names_its_line_and_a_real_command(chart_dir, registry):
    from build_scripts.charts.figures import figure_variants

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
    assert "`python -m build_scripts prebuild`" in caught.value.fix
