"""What readers and educators get, in headless Chromium: tooltips that obey the keyboard and Esc
(WCAG 2.1 SC 1.4.13), one-click citations, forwarding of old addresses, printing to PDF."""

import shutil
import subprocess

import pytest

pytestmark = pytest.mark.browser

TIP = "#reader-tooltip"


def visible(page, selector: str) -> bool:
    return page.evaluate(
        """s => { const e = document.querySelector(s);
                  if (!e || e.hidden) return false;
                  const r = e.getBoundingClientRect(), c = getComputedStyle(e);
                  return r.width > 0 && r.height > 0 && c.display !== 'none' && c.visibility !== 'hidden'; }""",
        selector,
    )


def tab_to(page, selector: str, limit: int = 80, key: str = "Tab"):
    """Press Tab (or ``key``) until the focused element matches ``selector``; return its text."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return page.evaluate("() => document.activeElement.textContent")
    raise AssertionError(f"Tab never reached {selector}")


def test_glossary_tooltip_on_hover_stays_while_hovered_and_esc_closes_it(open_page, mini_url):
    page, messages, _ = open_page(f"{mini_url}/terms/")
    term = page.locator("a.glossary-term", has_text="INEGI").first
    term.hover()
    page.wait_for_selector(f"{TIP}:not([hidden])")
    assert "Mexico's national statistics agency" in page.inner_text(TIP)
    assert term.get_attribute("aria-describedby") == "reader-tooltip"
    # Hoverable: the pointer can move onto the tooltip without it closing.
    box = page.locator(TIP).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_timeout(600)
    assert visible(page, TIP)
    # Dismissible: Esc closes it while the pointer stays where it is.
    term.hover()
    page.keyboard.press("Escape")
    assert not visible(page, TIP)
    page.wait_for_timeout(600)
    assert not visible(page, TIP) and term.get_attribute("aria-describedby") is None
    # Persistent until the pointer leaves: leaving closes it, coming back opens it again.
    page.mouse.move(5, 300)
    page.wait_for_timeout(500)
    term.hover()
    page.wait_for_selector(f"{TIP}:not([hidden])")
    assert not [m for m in messages if m[0] in ("error", "pageerror")]


def test_glossary_tooltip_follows_keyboard_focus_and_esc(open_page, mini_url):
    page, _, _ = open_page(f"{mini_url}/terms/")
    page.mouse.move(0, 0)
    assert tab_to(page, "a.glossary-term") == "INEGI"
    page.wait_for_selector(f"{TIP}:not([hidden])")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-describedby')") == "reader-tooltip"
    page.keyboard.press("Escape")
    assert not visible(page, TIP)
    assert page.evaluate("() => document.activeElement.textContent") == "INEGI"  # focus did not move
    page.keyboard.press("Tab")  # on to the footnote number: the term's tooltip stays closed
    assert page.evaluate("() => document.activeElement.matches('a.footnote-ref')") and not visible(page, TIP)
    assert tab_to(page, "a.glossary-term") == "kingpin strategy"  # the next term opens its own tooltip
    page.wait_for_selector(f"{TIP}:not([hidden])")
    assert "Going after the people" in page.inner_text(TIP)
    assert tab_to(page, "a.glossary-term", key="Shift+Tab") == "INEGI"  # back: the dismissed term opens again
    page.wait_for_selector(f"{TIP}:not([hidden])")
    assert "statistics agency" in page.inner_text(TIP)


def test_esc_closes_materials_footnote_tooltip_too(open_page, mini_url):
    page, _, _ = open_page(f"{mini_url}/chapter/")
    page.mouse.move(0, 0)
    tab_to(page, "a.footnote-ref")
    page.wait_for_selector(".md-tooltip2--active", state="visible", timeout=5000)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert not visible(page, ".md-tooltip2--active")
    assert page.evaluate("() => document.activeElement.matches('a.footnote-ref')")
    page.keyboard.press("Tab")  # the next footnote shows its tooltip again
    page.wait_for_selector(".md-tooltip2--active", state="visible", timeout=5000)


def test_touch_first_tap_defines_second_tap_follows(browser, mini_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{mini_url}/terms/")
        term = page.locator("a.glossary-term", has_text="INEGI").first
        term.tap()
        page.wait_for_selector(f"{TIP}:not([hidden])")
        assert page.url.endswith("/terms/")
        box = page.locator(TIP).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360  # fits a phone's width
        term.tap()
        page.wait_for_url("**/glossary/#inegi")
    finally:
        context.close()


def test_copy_a_citation_with_one_click(browser, mini_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=mini_url)
    try:
        page = context.new_page()
        page.goto(f"{mini_url}/terms/")
        page.locator(".cite-box").scroll_into_view_if_needed()
        page.get_by_role("button", name="Copy APA citation").click()
        page.wait_for_selector(".md-dialog--active", timeout=5000)  # Material's "Copied to clipboard"
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.startswith("Mini fixture. (2026, March 5). Terms chapter. http")
        assert copied.endswith("/terms/")
        page.locator("label[for='__cite_bibtex']").click()
        page.get_by_role("button", name="Copy BibTeX entry").click()
        page.wait_for_timeout(300)
        assert page.evaluate("() => navigator.clipboard.readText()").startswith("@misc{minifixture2026terms,")
    finally:
        context.close()


def test_an_old_address_forwards_with_its_section(open_page, mini_url):
    page, _, _ = open_page(f"{mini_url}/old-chapter/#section-two")
    page.wait_for_url("**/chapter/#section-two", timeout=5000)


def test_a_renamed_anchor_still_lands_on_its_section(open_page, mini_url):
    page, _, _ = open_page(f"{mini_url}/chapter/#first-section", height=500)
    page.wait_for_timeout(300)
    top = page.evaluate("() => document.getElementById('section-one').getBoundingClientRect().top")
    assert 0 <= top < 300


@pytest.mark.parametrize("path", ["terms/", "glossary/", "educators/", "whats-new/", "print/"])
def test_no_sideways_scrolling_on_a_phone(open_page, mini_url, path):
    page, messages, _ = open_page(f"{mini_url}/{path}", width=360)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert not [m for m in messages if m[0] in ("error", "pageerror")]


@pytest.mark.parametrize("width", [390, 1280])
def test_each_excerpt_on_the_sources_page_starts_beside_its_bullet(open_page, mini_url, width):
    """The Sources page lists, under each source, the excerpts the chapters rely on, one list item
    each. The line break that puts a note's excerpt on a line of its own must not open a blank
    line between an item's bullet and its words."""
    page, _, _ = open_page(f"{mini_url}/sources/", width=width)
    gaps = page.evaluate(
        "() => [...document.querySelectorAll('ul.source__excerpts > li')].map(li => {"
        " const range = document.createRange(); range.selectNodeContents(li);"
        " const first = [...range.getClientRects()].find(r => r.width > 0 && r.height > 0);"
        " return [li.innerText.slice(0, 40), first.top - li.getBoundingClientRect().top]; })"
    )
    assert gaps, "the mini project's Sources page lists excerpts"
    assert all(gap < 10 for _, gap in gaps), [g for g in gaps if g[1] >= 10]  # a line is ~30 px


def pdf_text(page, path) -> str:
    for tool in ("pdftotext", "pdfinfo"):  # never skipped: `make deps` installs poppler-utils
        if not shutil.which(tool):
            pytest.fail(f"{tool} not found: run `make deps` (installs Debian's poppler-utils)")
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4")
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def test_a_chapter_prints_cleanly(open_page, mini_url, tmp_path):
    page, _, _ = open_page(f"{mini_url}/terms/")
    text = pdf_text(page, tmp_path / "terms.pdf")
    assert (
        "Terms chapter" in text and "Record through spring 2026." in text and "Page last changed 5 March 2026" in text
    )
    assert "Notes" in text and "https://www.inegi.org.mx/programas/edr/" in text  # endnotes with addresses
    assert "Cite as: Mini fixture. (2026, March 5)." in text
    for screen_only in ("Table of contents", "Copy APA", "BibTeX", "What's new", "Search"):
        assert screen_only not in text, screen_only


def test_the_whole_explainer_prints_in_order(open_page, mini_url, tmp_path):
    page, _, _ = open_page(f"{mini_url}/print/")
    text = pdf_text(page, tmp_path / "all.pdf")
    order = [
        text.index(title, text.index("Chapter 1 of 4"))
        for title in ("Chapter 1 of 4", "Chapter 2 of 4", "Chapter 3 of 4", "Chapter 4 of 4", "Glossary")
    ]
    assert order == sorted(order)
    assert "Mexico's homicides more than tripled after 2007" in text  # the chart's static image and caption
    assert text.count("Notes") >= 2 and "Download the data" not in text
    info = subprocess.run(["pdfinfo", str(tmp_path / "all.pdf")], capture_output=True, text=True).stdout
    assert int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))) >= 5
