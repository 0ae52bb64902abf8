"""The interactive chart (plotly.js in the reader's browser) must paint what the static image
(kaleido, at build time) paints: the same colours of lines, markers and bars, the same pattern
fills (hatching, with its background colour), the same legend swatches, for every chart and
every variant (light, dark, desktop, phone).

Both renders are plotly.js SVG, so the test compares what each element is painted with, not
pixels (text metrics shift the plot by a few pixels between the two, which says nothing about
colour). Before plotly.js's pattern `fillmode` was set, the browser drew hatched bars as white
stripes on nothing (issue 14), while kaleido filled them: this test fails on that figure.
"""

from __future__ import annotations

import json
import shutil

import pytest

from build_scripts.charts.figures import figure_payload, figure_variants, payload_json
from build_scripts.charts.static import export_missing
from build_scripts.project import Project
from build_scripts.snapshots import load_all

from .conftest import serve_folder

pytestmark = pytest.mark.browser

VARIANTS = ("light", "dark", "light-narrow", "dark-narrow")

# What each painted element of a plotly.js SVG is painted with: a pattern fill is resolved to
# its background and its stripes, so a pattern that lost its background differs from one that kept it.
PAINT = """
(root) => {
  const colour = (el, prop) => {
    const value = getComputedStyle(el)[prop];
    const match = /url\\("?#([^")]+)"?\\)/.exec(value);
    if (!match) return value + (prop === "fill" ? "/" + getComputedStyle(el).fillOpacity : "");
    const pattern = root.querySelector('pattern[id="' + match[1] + '"]');
    if (!pattern) return "missing pattern";
    const bg = pattern.querySelector("rect");
    const stripes = pattern.querySelector("path");
    return "pattern(" + (bg ? getComputedStyle(bg).fill : "none") + " under " +
      (stripes ? getComputedStyle(stripes).stroke : "none") + ")";
  };
  const painted = (selector, props) =>
    Array.from(root.querySelectorAll(selector)).map((el) => props.map((p) => colour(el, p)).join(" "));
  return {
    bars: painted(".barlayer .point path", ["fill"]),
    lines: painted(".scatterlayer .js-line", ["stroke"]),
    markers: painted(".scatterlayer .point", ["fill", "stroke"]),
    legend: painted(".legendpoints path", ["fill", "stroke"]),
    shapes: painted(".shapelayer path", ["fill", "stroke"]),
  };
}
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every chart's static SVGs (rendered now, as the build does) and its page payload."""
    project = Project.find()
    charts = load_all(project)
    folder = tmp_path_factory.mktemp("renders")
    plotly_js = next((project.root / "content" / "assets" / "vendor" / "plotly").glob("plotly-basic-*.min.js"))
    shutil.copy(plotly_js, folder / "plotly.js")
    jobs, payloads = [], {}
    for chart_id, chart in charts.items():
        variants = figure_variants(chart)
        payloads[chart_id] = figure_payload(chart, variants)
        sizes = {
            f"{name}.svg": (360, chart.narrow_height) if name.endswith("narrow") else (720, chart.height)
            for name in variants
        }
        jobs.append((folder / chart_id, {f"{name}.svg": figure for name, figure in variants.items()}, sizes))
    export_missing(jobs)
    (folder / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><body><div id="live"></div><div id="static"></div>'
        '<script src="plotly.js"></script>',
        encoding="utf-8",
    )
    for chart_id, payload in payloads.items():
        (folder / f"{chart_id}.json").write_text(payload_json(payload), encoding="utf-8")
    server, url = serve_folder(folder)
    yield url, payloads
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("chart_id", sorted(load_all(Project.find())))
def test_interactive_chart_paints_what_the_static_image_paints(browser, rendered, chart_id, variant):
    url, payloads = rendered
    payload = payloads[chart_id]
    width, height = payload["sizes"]["narrow" if variant.endswith("narrow") else "wide"]
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(f"{url}/index.html")
        page.evaluate(
            """async ([chartId, variant, width, height]) => {
              const chart = await (await fetch(chartId + ".json")).json();
              const layout = Object.assign({}, chart.layouts[variant], {width: width, height: height});
              await Plotly.newPlot("live", chart.data, layout, {staticPlot: true});
              const svg = await (await fetch(chartId + "/" + variant + ".svg")).text();
              document.getElementById("static").innerHTML = svg;
            }""",
            [chart_id, variant, width, height],
        )
        paint = f"(id) => ({PAINT})(document.getElementById(id))"
        live, static = page.evaluate(paint, "live"), page.evaluate(paint, "static")
    finally:
        page.close()
    assert any(static.values()), "nothing painted found in the static image: the selectors are stale"
    for part in static:
        assert live[part] == static[part], (
            f"{chart_id} ({variant}): the interactive chart paints its {part} differently from the static image\n"
            f"static: {json.dumps(static[part][:12])}\ninteractive: {json.dumps(live[part][:12])}"
        )
