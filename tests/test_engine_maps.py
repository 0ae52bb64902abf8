"""Map charts (``kind: map``): the boundary file, the checks that tie it to data.csv, the figure a
reader gets, and the command that makes a boundary file from a published one."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from build_scripts.charts.boundaries import aspect_ratio, outline, prepare, read_boundaries
from build_scripts.charts.figures import figure_payload, figure_variants
from build_scripts.charts.html import provenance_block
from build_scripts.charts.model import load_chart
from build_scripts.errors import BuildError, BuildErrors
from build_scripts.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
CASE = ROOT / "tests" / "broken" / "chart-map-unknown-region" / "files" / "charts" / "test-chart"


@pytest.fixture
def registry():
    return load_registry(MINI / "sources.yml")


@pytest.fixture
def map_dir(tmp_path):
    """A two-region map (North, South) that loads: the broken-input case with its data fixed."""
    folder = tmp_path / "charts" / "test-map"
    shutil.copytree(CASE, folder)
    (folder / "data.csv").write_text("region,value\nNorth,1.5\nSouth,4.5\n", encoding="utf-8")
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer has {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- the figure -------------------------------------------------------------------------------


def test_each_region_is_a_filled_shape_coloured_by_its_value(map_dir, registry):
    chart = load_chart(map_dir, registry)
    payload = figure_payload(chart)
    regions = [t for t in payload["data"] if t.get("fill") == "toself"]
    assert [t["name"] for t in regions] == ["North", "South"]
    north, south = regions
    # The scale runs from zero to the highest value: South (4.5) gets the deepest colour, North
    # (1.5, a third of it) a paler one.
    assert south["fillcolor"] != north["fillcolor"]
    assert _lightness(north["fillcolor"]) > _lightness(south["fillcolor"])
    # Hovering anywhere inside a region names it and its value.
    assert north["hoveron"] == "fills" and north["text"] == "North: 1.5"
    # The region's outline, closed, in longitude/latitude.
    assert north["x"][0] == north["x"][-1] and north["y"][0] == north["y"][-1]


def test_the_colour_bar_states_the_unit_and_moves_under_the_map_on_a_phone(map_dir, registry):
    layouts = figure_payload(load_chart(map_dir, registry))["layouts"]
    wide, narrow = layouts["light"]["coloraxis"], layouts["light-narrow"]["coloraxis"]
    assert wide["colorbar"]["title"]["text"] == "Values"
    assert (wide["cmin"], wide["cmax"]) == (0, 4.5)
    assert narrow["colorbar"]["orientation"] == "h"
    assert wide["colorbar"].get("orientation", "v") == "v"


def test_a_map_uses_plain_axes_and_fetches_nothing(map_dir, registry):
    """Plotly's geo traces would fetch a base map from cdn.plot.ly (and are not in the basic bundle):
    a map is scatter shapes on hidden axes, true to scale at its middle latitude."""
    payload = figure_payload(load_chart(map_dir, registry))
    assert {t["type"] for t in payload["data"]} == {"scatter"}
    text = json.dumps(payload)
    assert "geo" not in {t["type"] for t in payload["data"]} and "topojson" not in text and "http" not in text
    layout = payload["layouts"]["light"]
    assert layout["xaxis"]["visible"] is False and layout["yaxis"]["scaleanchor"] == "x"
    assert layout["yaxis"]["scaleratio"] == pytest.approx(1 / 0.99985, rel=1e-3)  # cos(1°) at latitude 1


def test_map_variants_share_their_traces(map_dir, registry):
    variants = figure_variants(load_chart(map_dir, registry))
    traces = {name: [t.to_plotly_json() for t in figure.data] for name, figure in variants.items()}
    assert traces["light"] == traces["dark"] == traces["light-narrow"] == traces["dark-narrow"]


def test_a_new_row_value_recolours_the_map_with_no_code_change(map_dir, registry):
    before = figure_payload(load_chart(map_dir, registry))
    (map_dir / "data.csv").write_text("region,value\nNorth,9\nSouth,4.5\n", encoding="utf-8")
    after = figure_payload(load_chart(map_dir, registry))
    assert after["layouts"]["light"]["coloraxis"]["cmax"] == 9
    assert before["data"][0]["fillcolor"] != after["data"][0]["fillcolor"]


def test_the_boundary_file_is_part_of_the_render_cache_key(map_dir, registry):
    chart = load_chart(map_dir, registry)
    before = chart.content_hash()
    edit(map_dir / "boundaries.geojson", "[0,2]", "[0,2.5]")
    assert chart.content_hash() != before


def test_the_provenance_shows_the_boundaries_like_a_dataset(map_dir, registry):
    from xml.etree import ElementTree as etree

    chart = load_chart(map_dir, registry)
    text = " ".join(etree.tostring(provenance_block(chart, registry), encoding="unicode", method="text").split())
    assert "Boundaries drawn on the map:" in text
    assert "Two squares drawn for the test" in text and "Boundary licence: Test data" in text
    assert chart.provenance["boundaries"]["source"] in chart.source_ids


def test_the_real_map_of_mexico_has_its_32_states_and_stays_light():
    chart = load_chart(ROOT / "charts" / "homicide-rate-by-state", load_registry(ROOT / "sources.yml"))
    regions = read_boundaries(chart.folder / "boundaries.geojson")
    assert len(regions) == 32 and "Ciudad de México" in regions
    assert (chart.folder / "boundaries.geojson").stat().st_size < 60_000
    payload = figure_payload(chart)
    assert len([t for t in payload["data"] if t.get("fill") == "toself"]) == 32
    colima = next(t for t in payload["data"] if t.get("name") == "Colima")
    assert colima["text"] == "Colima: 105.9 homicides per 100,000 (2022)"


# --- the checks ----------------------------------------------------------------------------------


def test_a_misspelt_region_is_refused_at_its_line_with_the_nearest_name(map_dir, registry):
    (map_dir / "data.csv").write_text("region,value\nNorth,1.5\nSouht,4.5\n", encoding="utf-8")
    with pytest.raises(BuildErrors) as caught:
        load_chart(map_dir, registry)
    (error,) = caught.value.errors
    assert (Path(error.file).name, error.line) == ("data.csv", 3)
    assert "region 'Souht' is not in the boundary file" in error.message and "did you mean 'South'?" in error.fix


def test_a_region_twice_is_refused(map_dir, registry):
    (map_dir / "data.csv").write_text("region,value\nNorth,1.5\nSouth,4.5\nNorth,2\n", encoding="utf-8")
    with pytest.raises(BuildErrors) as caught:
        load_chart(map_dir, registry)
    (error,) = caught.value.errors
    assert error.line == 4 and "has a second row (the first is line 2)" in error.message


def test_a_region_without_a_row_is_refused_at_the_regions_line(map_dir, registry):
    (map_dir / "data.csv").write_text("region,value\nNorth,1.5\n", encoding="utf-8")
    with pytest.raises(BuildErrors) as caught:
        load_chart(map_dir, registry)
    (error,) = caught.value.errors
    lines = (map_dir / "chart.yml").read_text().splitlines()
    assert lines[error.line - 1].strip().startswith("regions:")
    assert error.message.endswith("no row in data.csv: South")


def test_a_missing_boundary_file_is_refused_at_the_figure_block(map_dir, registry):
    (map_dir / "boundaries.geojson").unlink()
    with pytest.raises(BuildErrors) as caught:
        load_chart(map_dir, registry)
    (error,) = caught.value.errors
    assert Path(error.file).name == "chart.yml" and "does not exist" in error.message


@pytest.mark.parametrize(
    "content, problem",
    [
        ('{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
        ("{not json", "not GeoJSON text"),
        (
            '{"type":"FeatureCollection","features":[{"properties":{},"geometry":{"type":"Polygon"}}]}',
            "no `properties.name`",
        ),
        (
            '{"type":"FeatureCollection","features":[{"properties":{"name":"A"},"geometry":{"type":"Point","coordinates":[0,0]}}]}',
            "is a Point, not a Polygon",
        ),
    ],
)
def test_a_bad_boundary_file_names_its_problem(tmp_path, content, problem):
    path = tmp_path / "boundaries.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        read_boundaries(path)
    assert problem in caught.value.message


def test_a_map_without_boundary_provenance_is_refused(map_dir, registry):
    prov = map_dir / "provenance.yml"
    text = prov.read_text()
    prov.write_text(text[: text.index("boundaries:")] + text[text.index('processing: "None"\ndefinitions') :])
    with pytest.raises(BuildErrors) as caught:
        load_chart(map_dir, registry)
    assert "is a map, and provenance.yml does not say where its boundaries come from" in str(caught.value)


def test_line_chart_fields_in_a_map_are_refused(map_dir, registry):
    edit(map_dir / "chart.yml", "  kind: map\n", "  kind: map\n  x: {column: value}\n")
    with pytest.raises(BuildErrors) as caught:
        load_chart(map_dir, registry)
    assert "figure: `x` does not apply to a map figure" in str(caught.value)


def test_a_map_needs_its_fields(map_dir, registry):
    edit(map_dir / "chart.yml", "  regions: {column: region}\n", "")
    with pytest.raises(BuildErrors) as caught:
        load_chart(map_dir, registry)
    assert "the required field 'regions' is missing" in str(caught.value)


# --- making a boundary file ----------------------------------------------------------------------


def _square_with_wiggly_east_side(x0: float, wiggle: float) -> list[list[float]]:
    """A unit square whose shared side (x = x0 + 1) has small wiggles, below the tolerance."""
    east = [[x0 + 1 + (wiggle if i % 2 else 0), i / 10] for i in range(11)]
    return [[x0, 0], *east, [x0, 1], [x0, 0]]


def test_prepare_simplifies_neighbours_together_and_names_them():
    shapely = pytest.importorskip("shapely")
    left = _square_with_wiggly_east_side(0, 0.004)
    right_ring = [[1, 0], [2, 0], [2, 1], *[[x, y] for x, y in reversed(left[1:12])]]
    right_ring.append(right_ring[0])
    source = {
        "type": "FeatureCollection",
        "features": [
            {"properties": {"iso": "A", "country": "X"}, "geometry": {"type": "Polygon", "coordinates": [left]}},
            {"properties": {"iso": "B", "country": "X"}, "geometry": {"type": "Polygon", "coordinates": [right_ring]}},
            {"properties": {"iso": "C", "country": "Y"}, "geometry": {"type": "Polygon", "coordinates": [left]}},
        ],
    }
    out = prepare(
        source,
        where={"country": "X"},
        key="iso",
        names={"A": "West", "B": "East"},
        drop=set(),
        tolerance=0.05,
        digits=2,
    )
    assert [f["properties"]["name"] for f in out["features"]] == ["East", "West"]
    east, west = (shapely.geometry.shape(f["geometry"]) for f in out["features"])
    # The wiggles are gone, and the two still meet along one border: no gap, no overlap.
    assert len(west.exterior.coords) < len(left)
    assert east.intersection(west).area == pytest.approx(0, abs=1e-9)
    assert east.union(west).area == pytest.approx(2, abs=0.02)
    assert all(round(c, 2) == c for geometry in (east, west) for c in shapely.get_coordinates(geometry).ravel())


def test_prepare_refuses_unnamed_or_unused_names():
    pytest.importorskip("shapely")
    square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    source = {"features": [{"properties": {"iso": "A"}, "geometry": {"type": "Polygon", "coordinates": [square]}}]}
    with pytest.raises(BuildError) as caught:
        prepare(source, where={}, key="iso", names={"Z": "Zed"}, drop=set(), tolerance=0, digits=2)
    assert "features with no name: A" in caught.value.message and "names for no feature: Z" in caught.value.message


def test_outline_closes_rings_and_separates_them():
    xs, ys = outline([[[(0, 0), (1, 0), (1, 1)]], [[(5, 5), (6, 5), (6, 6), (5, 5)]]])
    assert xs == [0, 1, 1, 0, None, 5, 6, 6, 5] and ys[4] is None


def test_aspect_ratio_is_true_to_scale_at_the_middle_latitude():
    regions = {"A": [[[(0, 20), (1, 20), (1, 40)]]]}
    assert aspect_ratio(regions) == pytest.approx(1 / 0.8660, rel=1e-3)  # cos(30°)


def _lightness(colour: str) -> float:
    r, g, b = (int(v) for v in re.findall(r"\d+", colour)[:3])
    return (r + g + b) / 3


def test_a_map_s_figure_is_loaded_when_drawn_not_carried_by_the_page(map_dir, registry):
    """The map's shapes (tens of KB) would weigh on the page's first view: no chart carries its
    figure in the page; charts.js loads the chart's figure.js, beside its static images, when it
    draws the chart (docs/checks.md, "The first view")."""
    import xml.etree.ElementTree as etree

    from build_scripts.charts.figures import payload_script
    from build_scripts.charts.html import chart_figure

    chart = load_chart(map_dir, registry)
    element = chart_figure(chart, registry, "generated/charts/test-map")
    assert element.find(".//template") is None
    assert '"layouts"' not in etree.tostring(element, encoding="unicode")
    script = payload_script(chart.id, figure_payload(chart))
    assert script.startswith(f'(window.chartFigures=window.chartFigures||{{}})["{chart.id}"]=')
    assert '"layouts"' in script
    js = (ROOT / "content" / "assets" / "javascripts" / "charts.js").read_text(encoding="utf-8")
    assert 'new URL("figure.js", figure.querySelector("img.chart__static").src)' in js
