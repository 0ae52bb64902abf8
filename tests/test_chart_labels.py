"""What a reader sees of a chart's labels: no label written over another, in either edition, on a
phone or a laptop.

Plotly places each annotation where the figure asks and never moves one out of another's way, so
a label that fits on a laptop may run into its neighbour on a phone (the boat-strike chart's
"2nd strike: 3 killed" ran into "2 killed" at 390 px), and a longer Spanish label can run past the
chart's edge, where it is cut off. Every page that embeds a chart is opened in Chromium, each chart
drawn, and the boxes of its drawn annotations compared pairwise and with the chart's own box.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHART_SHORTCODE = re.compile(r"<!--\s*md:chart\s+([\w-]+)")

# Boxes closer than this many pixels in both directions are taken as touching (glyph boxes carry a
# little empty space, so a plain intersection would flag labels that look apart).
TOLERANCE = 2

OVERLAPS = """(figure) => {
  const boxes = [...figure.querySelectorAll('.chart__plot .annotation-text-g')]
    .map((g) => ({text: g.textContent.trim(), box: g.getBoundingClientRect()}))
    .filter((a) => a.text && a.box.width > 0 && a.box.height > 0);
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].box, b = boxes[j].box;
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (across > TOLERANCE && down > TOLERANCE) found.push([boxes[i].text, boxes[j].text]);
    }
  }
  // and every label inside the chart's own drawing: a label past its edge is cut off
  const frame = figure.querySelector('.chart__plot .main-svg').getBoundingClientRect();
  const outside = boxes
    .filter(({box}) => box.left < frame.left - TOLERANCE || box.right > frame.right + TOLERANCE
      || box.top < frame.top - TOLERANCE || box.bottom > frame.bottom + TOLERANCE)
    .map((a) => a.text);
  return {count: boxes.length, found, outside};
}""".replace("TOLERANCE", str(TOLERANCE))


def chart_pages() -> list[str]:
    """Each page of the English edition that embeds a chart, as its path below the site's root."""
    pages = []
    for essay in sorted((ROOT / "content").glob("*.md")):
        if CHART_SHORTCODE.search(essay.read_text(encoding="utf-8")):
            pages.append("" if essay.stem == "index" else f"{essay.stem}/")
    return pages


def test_the_chart_pages_are_found():
    """Guards the test below against passing on no pages at all."""
    pages = chart_pages()
    assert "kingpin/" in pages and "since-2025/" in pages and "" in pages


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["", "es/"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_chart_label_is_written_over_another_or_cut_off(open_page, site_url, edition, width):
    overlaps, drawn = [], 0
    for path in chart_pages():
        page, _, _ = open_page(f"{site_url}/{edition}{path}", width=width, height=844 if width < 600 else 900)
        figures = page.locator("figure.chart")
        for index in range(figures.count()):
            figure = figures.nth(index)
            figure.scroll_into_view_if_needed()
            figure.locator(".chart__plot .main-svg").first.wait_for(timeout=30000)
            page.wait_for_function(
                "(f) => f.getAttribute('data-rendered') === 'interactive'", arg=figure.element_handle(), timeout=30000
            )
            result = figure.evaluate(OVERLAPS)
            drawn += 1
            name = figure.get_attribute("data-chart")
            overlaps += [f"/{edition}{path} {name}: {a!r} over {b!r}" for a, b in result["found"]]
            overlaps += [f"/{edition}{path} {name}: {a!r} runs past the chart's edge" for a in result["outside"]]
        page.context.close()
    assert drawn >= len(chart_pages())
    listed = "\n  ".join(overlaps)
    assert overlaps == [], f"labels written over each other or cut off at {width} px:\n  {listed}"
