"""Notes on a phone, and the page on paper (issue 14), on the real site in Chromium."""

import shutil
import subprocess

import pytest

from .conftest import wait_for_notes

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def phone(browser, url, scheme="light"):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, color_scheme=scheme, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("load")
    wait_for_notes(page)
    return context, page, errors


def test_a_sentence_s_notes_are_one_tap_target_that_opens_them_in_place(browser, site_url):
    context, page, errors = phone(browser, f"{site_url}/kingpin/")
    page.wait_for_selector(".fn-group__button")
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('.fn-group__button')].map(b => { const r = b.getBoundingClientRect();"
        " return [b.textContent, r.width, r.height]; })"
    )
    assert sizes and all(w >= 24 and h >= 24 for _, w, h in sizes), [s for s in sizes if s[1] < 24 or s[2] < 24]
    # No two buttons side by side: adjacent markers became one control.
    assert page.evaluate(
        "() => [...document.querySelectorAll('.fn-group')].every(g => { let n = g.nextSibling;"
        " while (n && n.nodeType === 3 && !n.textContent.trim()) n = n.nextSibling;"
        " return !(n && n.classList && n.classList.contains('fn-group')); })"
    )
    first = page.locator(".fn-group__button").first
    expected = len(first.get_attribute("data-notes").split())
    start = page.evaluate("() => window.scrollY")
    first.tap()
    popover = page.locator(".fn-popover")
    assert popover.is_visible() and popover.get_attribute("role") == "dialog"
    assert popover.locator("li").count() == expected
    assert page.evaluate("() => window.scrollY") == start  # in place: no jump to the notes
    assert first.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert page.locator(".fn-popover").count() == 0
    assert page.evaluate("() => document.activeElement.classList.contains('fn-group__button')")
    first.tap()
    page.locator(".md-content h1").tap()  # a tap outside closes it too
    assert page.locator(".fn-popover").count() == 0
    assert not errors
    context.close()


def test_a_chapter_offers_cite_under_its_title(open_page, site_url):
    page, _, _ = open_page(f"{site_url}/kingpin/")
    facts = page.locator(".md-content h1 + .page-updated")
    text = facts.inner_text()
    assert "Record through spring 2026." in text and "Page last changed" in text
    cite = facts.locator('a[href$="#cite-this-chapter"]')
    assert cite.is_visible()
    cite.click()
    page.wait_for_timeout(300)
    assert page.locator("#cite-this-chapter").is_visible()


@pytest.mark.parametrize("path", ["kingpin/", "timeline/", "print/"])
def test_paper_names_the_site_and_never_says_hover(open_page, site_url, path):
    page, _, _ = open_page(f"{site_url}/{path}")
    page.emulate_media(media="print")
    text = page.evaluate("() => document.body.innerText")
    assert "hover" not in text.lower(), text[max(0, text.lower().find("hover") - 80) : text.lower().find("hover") + 40]
    masthead = page.locator(".print-masthead")
    assert masthead.is_visible()
    assert masthead.inner_text().startswith("Force Against the Cartels · http")
    first = page.evaluate("() => document.querySelector('.md-content__inner').innerText.trim().split('\\n')[0]")
    assert first.startswith("Force Against the Cartels")


@pytest.mark.parametrize("path", ["es/since-2025/", "es/timeline/", "es/print/"])
def test_spanish_paper_never_says_hover(open_page, site_url, path):
    """The Spanish edition's words for "hover" ("al pasar el cursor") are screen-only too."""
    page, _, _ = open_page(f"{site_url}/{path}")
    page.emulate_media(media="print")
    text = page.evaluate("() => document.body.innerText").lower()
    assert "boat-strikes" in page.content() or "escalation-timeline" in page.content()  # pages with charts
    found = text.find("el cursor")  # "al pasar el cursor"; not "precursor"
    assert found == -1, text[max(0, found - 80) : found + 40]


def card_rows(page):
    """[display, width, the card's title, its labels, its cells' widths] of each row of the tables that read as cards."""
    return page.evaluate(
        "() => [...document.querySelectorAll('.table-cards table[data-cards] tbody tr')].map(r => {"
        " const cells = [...r.children].filter(c => getComputedStyle(c).display !== 'none');"
        " return [getComputedStyle(r).display, r.getBoundingClientRect().width, cells[0].innerText,"
        " cells.slice(1).map(c => getComputedStyle(c, '::before').content.replace(/^\"|\"$/g, '')),"
        " cells.map(c => c.getBoundingClientRect().width)]; })"
    )


@pytest.mark.parametrize("path", ["", "kingpin/", "options/"])
def test_paper_leaves_no_page_half_blank_and_no_chart_title_at_a_page_foot(open_page, site_url, path, tmp_path):
    """On paper, a long table runs on (a row never split) and a chart's title stays with its
    picture: no page but the last ends before its middle, and none ends with a chart's title."""
    from PIL import Image

    for tool in ("pdftotext", "pdftoppm"):  # never skipped: `make deps` installs poppler-utils
        if not shutil.which(tool):
            pytest.fail(f"{tool} not found: run `make deps` (installs Debian's poppler-utils)")
    page, _, _ = open_page(f"{site_url}/{path}")
    titles = page.evaluate("() => [...document.querySelectorAll('.chart__title')].map(t => t.innerText.trim())")
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="Letter")
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) > 2
    for number, image in enumerate(pages[:-1], start=1):
        picture = Image.open(image).convert("L")
        width, height = picture.size
        pixels = picture.load()
        ink = [y for y in range(height) if any(pixels[x, y] < 200 for x in range(width))]
        assert ink and ink[-1] >= 0.45 * height, f"/{path}: page {number} of {len(pages)} is more than half blank"
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        foot = lines[-1] if lines else ""
        assert not (len(foot) >= 15 and any(foot in title for title in titles)), (
            f"/{path}: page {number} ends with a chart's title ({foot!r}), its chart on the next page"
        )


def test_who_argues_what_reads_as_one_card_per_voice_on_a_phone(browser, site_url):
    context, page, errors = phone(browser, f"{site_url}/")
    assert page.locator(".table-cards table[data-cards]").count() == 3  # for force, against, in Mexico
    rows = card_rows(page)
    assert rows
    for display, width, _, labels, _ in rows:
        assert display == "block" and width <= 390
        assert labels and all(label.endswith("?") for label in labels), labels  # each under its question
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert not errors
    context.close()


def test_the_ladder_of_options_reads_as_one_card_per_rung_on_a_phone(browser, site_url):
    """options.md's ladder: one card per option, each position under its column's heading, and
    the notes after a cell's sentence as one tap target that opens them inside the card."""
    context, page, errors = phone(browser, f"{site_url}/options/")
    page.wait_for_selector(".table-cards .fn-group__button")
    heads = page.evaluate(
        "() => [...document.querySelectorAll('#the-ladder ~ .table-cards thead th')].map(t => t.innerText.trim())"
    )
    assert heads[0] == "Option" and len(heads) == 4, heads
    rows = card_rows(page)
    assert len(rows) >= 5
    for display, width, title, labels, widths in rows:
        assert display == "block" and width <= 390 - 2 * 16 + 1, (title, width)
        assert labels == heads[1:], (title, labels)
        assert min(widths) >= 0.85 * width, (title, widths)  # each cell the card's full width, not a narrow column
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # Adjacent markers in a card are one button ("19, 20"), never two buttons side by side.
    buttons = page.locator(".table-cards .fn-group__button")
    labels = [b.strip() for b in buttons.all_inner_texts()]
    assert any("," in label or "\u2013" in label for label in labels), labels
    assert page.locator(".table-cards td sup.fn-group__marker").count() > buttons.count()
    assert page.evaluate(
        "() => [...document.querySelectorAll('.table-cards sup > a.footnote-ref')].every(a => a.closest('.fn-group'))"
    ), "a marker in a card was left unmerged"
    merged = buttons.filter(has_text=",").first
    merged.scroll_into_view_if_needed()
    merged.tap()
    popover = page.locator(".fn-popover")
    assert popover.is_visible() and popover.locator("li").count() == len(merged.get_attribute("data-notes").split())
    assert popover.evaluate("p => !!p.closest('.table-cards td')")  # opened inside the card
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.keyboard.press("Escape")
    assert page.locator(".fn-popover").count() == 0
    assert not errors
    context.close()


def test_the_notes_list_has_even_gaps(open_page, site_url):
    page, _, _ = open_page(f"{site_url}/esper/")
    gaps = page.evaluate(
        "() => { const items = [...document.querySelectorAll('.footnote > ol > li')];"
        " return items.slice(1).map((li, i) => Math.round(li.getBoundingClientRect().top"
        " - items[i].getBoundingClientRect().bottom)); }"
    )
    assert len(gaps) > 5 and max(gaps) - min(gaps) <= 1, gaps
