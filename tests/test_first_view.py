"""The first view (issues 11, 14): what a reader's browser fetches before a page's load event,
gzipped as a static host sends it, stays within 100 KiB on the home page and on every page with
a chart, whichever chapters and charts are added. The notes and the long chart tables arrive
after load, from each page's notes.html, and a reader without JavaScript follows a link to them.
``make bench`` measures the same pages with Lighthouse as well (build_scripts/bench.py)."""

import re

import pytest

from build_scripts.bench import FIRST_VIEW_MAX_KIB, GzipServer, chart_pages, first_view_kib, requested_before_load
from build_scripts.postbuild.notes import split_page

from .conftest import wait_for_notes

# --- the notes page, unit ----------------------------------------------------------------------------

NOTE = (
    '<li id="fn:{id}"><p>Author (2025). Title. <span class="evidence-block"><q class="evidence" cite="https://e.org/">'
    + "words of the source " * 10
    + '</q></span>&#160;<a class="footnote-backref" href="#fnref:{id}">&#8617;</a></p></li>\n'
)


def chapter_html(notes: int = 30, table_rows: int = 0) -> str:
    rows = "".join(f"<tr><th>{y}</th><td>{y * 3}</td></tr>" for y in range(table_rows))
    figure = (
        '<figure class="chart" id="chart-c"><figcaption><span class="chart__title">A chart</span></figcaption>'
        '<details class="chart__details" data-search-exclude=""><summary>Description and data table</summary>'
        f'<p id="chart-c-description">What it shows.</p><table>{rows}</table></details></figure>\n'
    )
    items = "".join(NOTE.format(id=f"s{i}:k") for i in range(notes))
    return (
        "<html><head><title>The chapter - Site</title></head><body>"
        '<nav class="md-nav--secondary"><a href="#section">Section</a></nav>'
        '<article class="md-content__inner md-typeset">\n<h1 id="top">The chapter<a class="headerlink" href="#top">#</a></h1>\n'
        '<h2 id="section">Section</h2><p>A claim.<sup id="fnref:s0:k"><a class="footnote-ref" href="#fn:s0:k">1</a></sup></p>\n'
        + figure
        + f'<div class="footnote" data-search-exclude="">\n<hr />\n<ol>\n{items}</ol>\n</div>\n'
        "</article></body></html>"
    )


def test_long_notes_and_tables_move_to_a_page_of_their_own_that_links_back():
    page, notes = split_page(chapter_html(notes=30, table_rows=200))
    assert 'class="footnote"' not in page and "words of the source" not in page and "<table>" not in page
    assert '<a class="footnote-ref" href="notes.html#fn:s0:k">1</a>' in page
    assert re.search(r'<a href="notes.html#notes">Notes and sources</a>: 30 notes', page)
    assert '<a href="notes.html#chart-c--details">Description and data table</a>' in page
    # The notes page: the same page with the notes and the table as its content.
    assert "<title>Notes and sources: The chapter - Site</title>" in notes
    assert notes.count('<li id="fn:') == 30 and '<section class="notes-page__chart" id="chart-c--details">' in notes
    assert '<p id="chart-c-description">' in notes and "<tr><th>199</th>" in notes
    # Back-links and the table of contents lead to the chapter; links within the notes page stay.
    assert 'href="./#fnref:s0:k"' in notes and 'href="./#section"' in notes and 'href="#fn:' not in notes
    assert "A claim." not in notes


def test_short_notes_and_tables_and_the_print_page_stay_where_they_are():
    assert split_page(chapter_html(notes=2, table_rows=3)) is None
    page, notes = split_page(chapter_html(notes=2, table_rows=200))  # only the table moves
    assert 'class="footnote"' in page and 'href="#fn:s0:k"' in page and "<table>" not in page
    printed = chapter_html(notes=30, table_rows=200).replace("<article ", '<div class="print-all"></div><article ')
    assert split_page(printed) is None


# --- in the browser, on the real site -----------------------------------------------------------------


@pytest.fixture(scope="module")
def gzip_site(built_site):
    server = GzipServer(built_site)
    yield server
    server.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_first_view_of_the_home_page_and_every_chart_page_is_within_budget(browser, built_site, gzip_site):
    pages = ["", *(path for path, _, _ in chart_pages(built_site))]
    assert len(pages) >= 8  # the site's chart pages, whatever their names
    sizes = {}
    for path in pages:
        context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
        sizes[f"/{path}"] = first_view_kib(context.new_page(), gzip_site, path)
        context.close()
    over = {path: kib for path, kib in sizes.items() if kib > FIRST_VIEW_MAX_KIB}
    assert not over, f"first view over {FIRST_VIEW_MAX_KIB} KiB gzip: {over} (all: {sizes}; see docs/checks.md)"


@pytest.mark.browser
@pytest.mark.slow
def test_notes_and_chart_tables_arrive_after_load_and_work_in_place(browser, gzip_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{gzip_site.url}/timeline/", wait_until="load")
    assert not any(path.endswith("notes.html") for path in requested_before_load(page))
    wait_for_notes(page)
    assert any(url.endswith("/timeline/notes.html") for url in requests)
    notes = page.locator(".footnote > ol > li")
    assert notes.count() > 30 and page.locator(".footnote q.evidence").count() > 30
    first = page.locator("a.footnote-ref").first
    target = first.get_attribute("href")[1:]
    assert target.startswith("fn:")  # the marker leads to its note in the page
    first.click()
    # Under load the jump can land a frame or two after the click: wait for the note to be in view.
    page.wait_for_function(
        "(id) => { const note = document.getElementById(id); return note && note.getBoundingClientRect().top < innerHeight; }",
        arg=target,
        timeout=10000,
    )
    back = page.locator(f'li[id="{target}"] a.footnote-backref').first
    assert back.get_attribute("href").startswith("#fnref")
    # The timeline chart's table and sources are back in the chart's "About" blocks.
    details = page.locator("figure.chart details.chart__details")
    details.locator("summary").click()
    assert details.locator("table tbody tr").count() > 30
    assert page.locator("figure.chart details.chart__provenance .chart__about").count() == 1
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_without_javascript_a_link_leads_to_the_notes_and_back(browser, gzip_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{gzip_site.url}/kingpin/")
    marker = page.locator("a.footnote-ref").first
    marker.click()
    page.wait_for_load_state("load")
    assert page.url.split("#")[0].endswith("/kingpin/notes.html") and "#fn:" in page.url
    assert page.title().startswith("Notes and sources: The kingpin strategy")
    assert page.locator(".footnote > ol > li").count() > 20 and page.locator("q.evidence").count() > 20
    page.locator(f'li[id="{page.url.split("#")[1]}"] a.footnote-backref').first.click()
    page.wait_for_load_state("load")
    assert page.url.split("#")[0].endswith("/kingpin/") and "#fnref" in page.url
    context.close()
