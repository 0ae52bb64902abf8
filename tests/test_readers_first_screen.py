"""The home page's first screen (issue 14), as a reader sees it in Chromium: the question as the
headline and page title, where things stand, a visual of what has happened and the questions of
the debate as cards, all inside the first screen at phone and laptop size, with no side menus.
Also the site's look: its own mark, the reading typeface fetched only after the page's load."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTION = "Should the United States use military force against Mexico's cartels?"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width,height", [(390, 844), (1280, 800)])
def test_the_first_screen_shows_the_question_the_state_the_visual_and_the_questions(
    open_page, site_url, width, height, scheme
):
    page, messages, _ = open_page(f"{site_url}/", width=width, height=height, scheme=scheme)
    assert page.title().startswith(QUESTION)
    assert page.locator('meta[property="og:title"]').get_attribute("content") == QUESTION
    h1 = page.locator(".md-content h1")
    assert h1.inner_text().strip() == QUESTION

    lede = page.locator(".first-screen__lede")
    assert lede.inner_text().startswith("As of spring 2026")
    assert lede.locator("a.footnote-ref").count() >= 1  # a sourced sentence
    img = page.locator(f".first-screen__img--{scheme}")
    assert img.evaluate("i => i.complete && i.naturalWidth > 0")
    cards = page.locator(".first-screen__questions > ul > li")
    assert cards.count() >= 4
    for i in range(cards.count()):
        card = cards.nth(i)
        href = card.locator("h2 a:not(.headerlink)").get_attribute("href")
        assert re.search(r"/[a-z-]+/#[a-z-]+$", href), f"card {i + 1} leads to {href}, not a chapter"
        text = card.locator("p").inner_text()
        assert text.startswith(("Supporters", "The administration")) and ";" in text, text  # both sides, one line
        assert card.locator("a.footnote-ref").count() >= 2
    # In the first screen, whole: the headline, the sentence, the visual and the first question card.
    first_card = cards.first.locator("h2, p")
    first_screen = {"the headline": h1, "the sentence": lede, "the visual": img, "a question": first_card.first}
    first_screen["its two sides"] = first_card.last
    for name, locator in first_screen.items():
        box = locator.bounding_box()
        assert box and box["width"] > 0 and box["y"] >= 0, f"{name} is not shown at {width}px"
        assert box["y"] + box["height"] <= height, f"{name} ends below the first screen at {width}x{height}"
    strip = page.locator(".first-screen__questions")
    cue = page.locator(".first-screen__cue")
    assert cue.is_visible() and cue.bounding_box()["y"] + cue.bounding_box()["height"] <= height
    if width >= 1280:
        # Every question's title in the first screen, side by side with the timeline.
        for i in range(cards.count()):
            box = cards.nth(i).locator("h2").bounding_box()
            assert box["y"] + box["height"] <= height, f"card {i + 1}'s title is below the first screen"
        assert not page.locator(".first-screen__swipe").is_visible()
    else:
        # A phone: the cards are a strip that scrolls sideways, under "Swipe for more", the next
        # card showing at the edge; every card can be scrolled (or tabbed) fully into view.
        assert page.locator(".first-screen__swipe").is_visible()
        assert "Swipe" in cue.inner_text()
        assert strip.evaluate("s => s.scrollWidth > s.clientWidth + 100"), "the cards do not scroll sideways"
        second = cards.nth(1).bounding_box()
        assert second["y"] < height and 0 < second["x"] < width - 20, "the next card does not show at the edge"
        card_boxes = [cards.nth(i).bounding_box() for i in range(cards.count())]
        assert len({round(b["y"]) for b in card_boxes}) == 1, "the cards are not side by side"
        last = cards.last.locator("h2 a:not(.headerlink)")
        last.focus()
        page.wait_for_function(
            "e => { const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; }",
            arg=last.element_handle(),
            timeout=5000,
        )
    # No side menus on this page (a phone keeps Material's drawer, closed, off the screen).
    for menu in (".md-sidebar--primary", ".md-sidebar--secondary"):
        box = page.locator(menu).bounding_box() if page.locator(menu).is_visible() else None
        assert not box or box["width"] < 1 or box["x"] + box["width"] <= 0 or box["x"] >= width, f"{menu} shows"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    assert not [m for m in messages if m[0] in ("error", "pageerror")]


def test_the_headline_is_the_strongest_text_on_a_chapter(open_page, site_url):
    page, _, _ = open_page(f"{site_url}/kingpin/")
    weight, size, colour = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('.md-content h1'));"
        " return [parseInt(s.fontWeight), parseFloat(s.fontSize), s.color]; }"
    )
    body = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('.md-content p'));"
        " return [parseInt(s.fontWeight), parseFloat(s.fontSize), s.color]; }"
    )
    assert weight >= 700 and size > 1.5 * body[1]
    assert colour == body[2] or colour in ("rgba(0, 0, 0, 0.87)",)  # full text colour, not the pale grey


def test_the_site_has_its_own_mark_and_says_what_it_is(open_page, site_url):
    page, _, requests = open_page(f"{site_url}/", width=1280)
    logo = page.locator(".md-header__button.md-logo img")
    assert logo.get_attribute("src").endswith("assets/images/logo.svg")
    # The mark is decorative: the link around it is named after the site, and the image adds nothing.
    assert logo.get_attribute("alt") == ""
    assert page.locator(".md-header__button.md-logo").get_attribute("aria-label") == "Force Against the Cartels"
    footer = page.locator(".md-copyright__about").inner_text()
    assert "evidence-based explainer" in footer and "Mexico" in footer
    assert "Made with" not in page.locator(".md-footer").inner_text()


def test_the_reading_typeface_is_self_hosted_and_never_changes_under_the_reader(browser, site_url):
    """The first page of a session stays in the system serif (no font in its first view, no swap
    once drawn: Lighthouse counted that swap as layout shift); the font files are fetched after
    load, and the next page names Source Serif 4 from its first paint (fonts.js, look.css)."""
    from build_scripts.bench import requested_before_load

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    fonts = []
    page.on("request", lambda r: r.url.endswith(".woff2") and fonts.append(r.url))
    page.goto(f"{site_url}/kingpin/")
    page.wait_for_load_state("load")
    assert not [url for url in requested_before_load(page) if url.endswith(".woff2")]
    page.wait_for_function("() => sessionStorage.getItem('reading-font-cached') === '1'", timeout=15000)
    assert fonts and all(url.startswith(site_url) and "/assets/vendor/source-serif-4/" in url for url in fonts)
    body_font = "() => getComputedStyle(document.querySelector('.md-content p')).fontFamily"
    assert not page.evaluate("() => document.documentElement.classList.contains('reading-font')")
    assert page.evaluate(body_font).startswith("Georgia")  # this page keeps the typeface it was drawn in
    page.goto(f"{site_url}/esper/")
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.documentElement.classList.contains('reading-font')")
    assert page.evaluate(body_font).startswith('"Source Serif 4"')
    page.wait_for_function("() => document.fonts.check('16px \"Source Serif 4\"')", timeout=10000)
    context.close()


def test_the_site_name_is_whole_in_the_phone_header(open_page, site_url):
    for width in (360, 390):
        page, _, _ = open_page(f"{site_url}/kingpin/", width=width)
        title = page.locator(".md-header__topic:first-child .md-ellipsis")
        assert re.sub(r"\s+", " ", title.inner_text()).strip() == "Force Against the Cartels"
        assert title.evaluate("e => e.scrollWidth <= e.clientWidth"), f"site name cut off at {width}px"
