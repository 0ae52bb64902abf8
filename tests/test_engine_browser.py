"""What a reader sees, in headless Chromium, on the fixture site served from 127.0.0.1."""

import io

import pytest

from .conftest import follow_instant_link

pytestmark = pytest.mark.browser

PLOT_POINTS = "() => document.querySelector('figure.chart .chart__plot svg.main-svg .scatterlayer .trace path.js-line')?.getAttribute('d') || ''"


def rendered(page):
    return page.evaluate(
        "() => [...document.querySelectorAll('figure.chart')].map(f => f.getAttribute('data-rendered'))"
    )


def test_static_svg_first_then_interactive_chart(open_page, mini_url):
    page, messages, requests = open_page(f"{mini_url}/chapter/")
    static = page.locator("figure.chart img.chart__static--light.chart__static--wide")
    assert static.evaluate("img => img.complete || img.loading === 'lazy'")
    assert (
        page.evaluate(
            "() => getComputedStyle(document.querySelector('.chart__static--light.chart__static--wide')).display"
        )
        == "block"
    )
    page.locator("figure.chart").scroll_into_view_if_needed()
    page.wait_for_selector('figure.chart[data-rendered="interactive"]', timeout=15000)
    path = page.evaluate(PLOT_POINTS)
    assert path.count("L") >= 30  # one vertex per year, 1990–2024
    assert any("plotly-basic-4.1.1.min.js" in url for url in requests)
    assert not [m for m in messages if m[0] in ("error", "pageerror")]
    assert all(url.startswith(mini_url) for url in requests), [u for u in requests if not u.startswith(mini_url)]


def test_no_plotly_on_a_page_without_charts(open_page, mini_url):
    page, messages, requests = open_page(f"{mini_url}/")
    page.wait_for_timeout(500)
    assert not any("plotly" in url for url in requests)


def test_plotly_waits_for_the_chart_to_near_the_viewport(open_page, mini_url):
    page, _, requests = open_page(f"{mini_url}/chapter/", height=300)
    page.wait_for_timeout(800)
    assert not any("plotly" in url for url in requests)
    page.locator("figure.chart").scroll_into_view_if_needed()
    page.wait_for_selector('figure.chart[data-rendered="interactive"]', timeout=15000)


def test_no_layout_shift_when_the_chart_turns_interactive(open_page, mini_url):
    page, _, _ = open_page(f"{mini_url}/chapter/")
    figure = page.locator("figure.chart")
    figure.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    before = figure.bounding_box()
    page.wait_for_selector('figure.chart[data-rendered="interactive"]', timeout=15000)
    page.wait_for_timeout(300)
    after = figure.bounding_box()
    assert abs(before["height"] - after["height"]) < 1 and abs(before["y"] - after["y"]) < 1


def test_dark_mode_toggle_recolours_the_chart(open_page, mini_url):
    page, _, _ = open_page(f"{mini_url}/chapter/")
    page.locator("figure.chart").scroll_into_view_if_needed()
    page.wait_for_selector('figure.chart[data-rendered="interactive"]', timeout=15000)
    tick = "() => getComputedStyle(document.querySelector('figure.chart .ytick text')).fill"
    light = page.evaluate(tick)
    page.locator("label[for='__palette_1']").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_timeout(500)
    dark = page.evaluate(tick)
    assert light != dark


def test_narrow_screen_gets_the_phone_layout(open_page, mini_url):
    page, _, _ = open_page(f"{mini_url}/chapter/", width=360, height=740)
    page.locator("figure.chart").scroll_into_view_if_needed()
    page.wait_for_selector('figure.chart[data-rendered="interactive"]', timeout=15000)
    assert page.evaluate("() => document.querySelector('figure.chart')._variant") == "light-narrow"
    width = page.evaluate("() => document.querySelector('figure.chart .main-svg').getBoundingClientRect().width")
    assert width <= 360


def test_instant_navigation_draws_the_chart_on_the_next_page(open_page, mini_url):
    page, messages, _ = open_page(f"{mini_url}/chapter/")
    page.locator("figure.chart").scroll_into_view_if_needed()
    page.wait_for_selector('figure.chart[data-rendered="interactive"]', timeout=15000)
    page.evaluate("() => window.__marker = 'same document'")
    follow_instant_link(page, mini_url, "second", "Second chapter")
    assert page.evaluate("() => window.__marker") == "same document"  # instant navigation, no reload
    page.locator("figure.chart").scroll_into_view_if_needed()
    page.wait_for_selector('figure.chart[data-rendered="interactive"]', timeout=15000)
    assert page.evaluate(PLOT_POINTS).count("L") >= 30
    assert not [m for m in messages if m[0] in ("error", "pageerror")]


def test_hovering_a_footnote_shows_the_citation(open_page, mini_url):
    page, _, _ = open_page(f"{mini_url}/chapter/")
    page.locator("a.footnote-ref").nth(1).hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip2").filter(has_text="Porter, E. (2024, July 30)")
    tooltip.first.wait_for(state="visible", timeout=5000)
    assert "Copy read (repost on qoshe.com)" in tooltip.first.inner_text()


def test_without_javascript_the_static_chart_and_table_remain(browser, mini_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{mini_url}/chapter/")
    assert page.locator("figure.chart img.chart__static--light.chart__static--wide").is_visible()
    page.locator("figure.chart details.chart__details summary").click()
    moved = page.locator("figure.chart details.chart__details .notes-deferred a")
    if moved.count():  # a long table waits on the notes page: one link away
        moved.click()
        page.wait_for_load_state("load")
        assert page.locator("section.notes-page__chart table td").first.text_content() == "14,493"
    else:
        assert page.locator("figure.chart table td").first.text_content() == "14,493"
    context.close()


def test_charts_draw_from_a_file_url_offline(browser, built_mini):
    """The figure data is a script (figure.js) loaded with plotly.js, so a saved copy of the site
    works without a server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((built_mini / "chapter" / "index.html").as_uri())
    page.locator("figure.chart").scroll_into_view_if_needed()
    page.wait_for_selector('figure.chart[data-rendered="interactive"]', timeout=15000)
    assert page.evaluate(PLOT_POINTS).count("L") >= 30
    context.close()


def test_search_index_loads_only_when_the_reader_searches(open_page, site_url):
    page, messages, requests = open_page(f"{site_url}/kingpin/")
    page.wait_for_timeout(1500)
    assert not any("search_index.json" in url or "/workers/search." in url for url in requests)
    page.locator("label.md-search__icon[for='__search'], .md-search__input").first.click()
    page.locator("input.md-search__input").fill("Esper")
    page.wait_for_selector(".md-search-result__item", timeout=30000)  # the worker builds its index first
    assert any("search_index.json" in url for url in requests)
    assert "Esper" in page.locator(".md-search-result").inner_text()
    assert not [m for m in messages if m[0] in ("error", "pageerror")]


def test_spanish_search_finds_spanish_words_on_spanish_pages_only(open_page, site_url):
    """The Spanish edition's own index (lang: es): a reader on a phone who searches "fentanilo"
    gets the Spanish pages that use the word, and no English page."""
    page, messages, _ = open_page(f"{site_url}/es/kingpin/", width=390, height=844)
    page.locator("label.md-header__button[for='__search']").click()  # on a phone, the header's search icon
    page.locator("input.md-search__input").fill("fentanilo")
    page.wait_for_selector(".md-search-result__item", timeout=30000)
    assert "encontrad" in page.locator(".md-search-result__meta").inner_text()  # "17 documentos encontrados"
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "links => links.map((a) => a.href)")
    assert len(hrefs) >= 5
    assert all(href.startswith(f"{site_url}/es/") for href in hrefs), hrefs
    assert "fentanilo" in page.locator(".md-search-result").inner_text().lower()
    assert not [m for m in messages if m[0] in ("error", "pageerror")]


# Zensical reads the same mkdocs.yml (docs/maintaining.md). What a reader sees must match: the
# header (one search box, not stacked icons or "Initializing search") and the text column, in
# the classic look (theme.variant), compared pixel by pixel. Zensical's search box is its own
# (a button with a "Ctrl+K" hint), so the header allows that much difference; the text allows
# almost none.
LOOK_ALIKE = {".md-header": 0.03, ".md-content": 0.002}


def region_shots(browser, url: str, width: int, scheme: str) -> dict:
    from PIL import Image

    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    # The reading typeface arrives after the load event (fonts.js); compare both engines with it
    # in place, or the shot races the font swap.
    page.wait_for_function(
        "() => !document.querySelector('script[src*=\"fonts.js\"]')"
        " || document.documentElement.classList.contains('reading-font')",
        timeout=15000,
    )
    page.evaluate("() => document.fonts.ready")
    # Each build is served on its own random port, which the cite box prints in its links: write
    # one port for both, or the digits alone differ by a few tenths of a per cent of the pixels.
    page.evaluate(
        """() => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode())
                node.nodeValue = node.nodeValue.split(location.host).join("127.0.0.1:8000");
        }"""
    )
    # Zensical reserves a scrollbar gutter; with none, both columns start at the same x.
    page.add_style_tag(content="html { scrollbar-gutter: auto !important; overflow-y: hidden !important }")
    page.wait_for_timeout(300)
    shots = {region: Image.open(io.BytesIO(page.locator(region).first.screenshot())) for region in LOOK_ALIKE}
    visible_text = page.evaluate("() => document.body.innerText")
    context.close()
    return shots, visible_text


def share_different(a, b) -> float:
    from PIL import ImageChops

    difference = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).convert("L")
    changed = sum(difference.point(lambda v: 255 if v > 48 else 0).histogram()[255:])
    return changed / (a.size[0] * a.size[1])


@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "chapter/"])
def test_zensical_draws_the_pages_as_mkdocs_does(browser, mini_url, mini_zensical_url, path, width, scheme):
    mkdocs, _ = region_shots(browser, f"{mini_url}/{path}", width, scheme)
    zensical, text = region_shots(browser, f"{mini_zensical_url}/{path}", width, scheme)
    assert "Initializing search" not in text
    for region, allowed in LOOK_ALIKE.items():
        a, b = mkdocs[region], zensical[region]
        assert a.size == b.size, f"{path or 'home'} {region} at {width}px: MkDocs {a.size}, Zensical {b.size}"
        share = share_different(a, b)
        assert share <= allowed, f"{path or 'home'} {region} at {width}px {scheme}: {share:.1%} of pixels differ"
