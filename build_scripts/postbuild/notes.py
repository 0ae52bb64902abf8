"""Post-build step: each page's notes on a page of their own, fetched after the page has loaded.

A chapter's notes (the footnotes, each with its formatted reference, the source's own words and a
"Go to the passage" link) are often a third of its HTML. A reader needs them only once the text is
on the screen, so they leave the first view (docs/checks.md, "The first view"):

- ``PAGE/notes.html`` is the chapter page itself with the notes as its only content: a complete,
  styled page that works without JavaScript (its back-links lead to the markers in the chapter);
- in the chapter, the notes are replaced by a short paragraph that links to that page, and each
  marker links to its note there (``notes.html#fn:…``);
- ``assets/javascripts/notes.js`` fetches ``notes.html`` once the page has loaded, puts the notes
  back where they were and points the markers and back-links at the notes in the page again. Then
  the page is the one the site generator wrote: tooltips, popovers and printing see every note.

A chart's "Description and data table" and "About this data" blocks longer than
``MIN_PART_BYTES`` (a timeline's seventy sources) go the same way, each to a section of the notes
page that its block links to, and come back into the block after load.

The print page keeps its notes (it is the whole explainer, made for paper), and so does any page
with no notes or whose notes are too few to be worth a request (``MIN_NOTES_BYTES``), and every
page of a site that does not load ``NOTES_SCRIPT``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..project import Project
from ..site_config import load_site_config

NOTES_FILE = "notes.html"
NOTES_SCRIPT = "assets/javascripts/notes.js"  # what brings them back; a site without it keeps its notes
MIN_NOTES_BYTES = 4000  # below this, a second request costs a reader more than it saves
FOOTNOTES_START = re.compile(r'<div class="footnote"[^>]*>')
DIV_TAG = re.compile(r"<(/?)div\b[^>]*>")
ARTICLE = re.compile(r'(<article\b[^>]*class="[^"]*md-content__inner[^"]*"[^>]*>)(.*?)(</article>)', re.S)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
MARKER_HREF = re.compile(r'href="#(fn:[^"]+)"')
IN_PAGE_HREF = re.compile(r'href="#([^"]+)"')
ID = re.compile(r'\sid="([^"]+)"')
NOTE_ITEM = re.compile(r'<li id="fn:')
HTML_LANG = re.compile(r'<html\b[^>]*\blang="([a-z]{2})')
PENDING = 'class="admonition info translation-pending"'  # a page shown in English in another edition
# What the notes say to a reader, per page language (<html lang>).
WORDS = {
    "en": {
        "notes": "Notes and sources",
        "count": lambda n: f"{n} note{'s' if n != 1 else ''}, each with the words of its source.",
        "elsewhere": "(on the page of notes and sources)",
        "for": lambda link: f"The notes to {link}, with the words in each source that support its sentence.",
        "the_chapter": "the chapter",
        "charts": "About the charts",
        "translated": "",
    },
    "es": {
        "notes": "Notas y fuentes",
        "count": lambda n: f"{n} nota{'s' if n != 1 else ''}, cada una con las palabras de su fuente.",
        "elsewhere": "(en la página de notas y fuentes)",
        "for": lambda link: f"Las notas de {link}, con las palabras de cada fuente que sostienen cada frase.",
        "the_chapter": "este capítulo",
        "charts": "Acerca de las gráficas",
        "translated": "Las citas de fuentes en inglés son traducción nuestra; cada nota da las palabras originales.",
    },
}


def words_for(html: str) -> dict:
    match = HTML_LANG.search(html)
    words = WORDS.get(match.group(1) if match else "en", WORDS["en"])
    return WORDS["en"] if PENDING in html else words  # an English page keeps English notes


def _footnotes_span(html: str) -> tuple[int, int] | None:
    """Start and end of the page's footnotes ``<div>`` (nested divs counted), or None."""
    start = FOOTNOTES_START.search(html)
    if not start:
        return None
    depth = 0
    for tag in DIV_TAG.finditer(html, start.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return start.start(), tag.end()
    return None


def _plain(fragment: str) -> str:
    text = re.sub(r"<a\b[^>]*class=\"headerlink\"[^>]*>.*?</a>", "", fragment, flags=re.S)
    return re.sub(r"<[^>]+>", "", text).strip()


CHART_DETAILS = re.compile(
    r'(<details class="chart__(?P<kind>details|provenance)"[^>]*>\s*<summary>(?P<summary>.*?)</summary>)'
    r"(?P<body>.*?)(</details>)",
    re.S,
)
FIGURE_ID = re.compile(r'<figure\b[^>]*\bid="(chart-[^"]+)"[^>]*>')
CHART_TITLE = re.compile(r'<span class="chart__title"[^>]*>(.*?)</span>', re.S)
MIN_PART_BYTES = 3000  # a chart's table or sources shorter than this stay in the page


def _chart_parts(html: str, start: int, end: int) -> list[dict]:
    """The long "Description and data table" and "About this data" blocks of the charts in
    html[start:end], each with the id its section gets on the notes page."""
    parts = []
    for match in CHART_DETAILS.finditer(html, start, end):
        if len(match.group("body")) < MIN_PART_BYTES:
            continue
        figure = None
        for candidate in FIGURE_ID.finditer(html, start, match.start()):
            figure = candidate
        if not figure:
            continue
        title = CHART_TITLE.search(html, figure.end(), match.start())
        parts.append(
            {
                "id": f"{figure.group(1)}--{match.group('kind')}",
                "span": (match.start("body"), match.end("body")),
                "summary": _plain(match.group("summary")),
                "chart": _plain(title.group(1)) if title else "",
                "body": match.group("body"),
            }
        )
    return parts


def say_quotes_are_translated(html: str) -> str:
    """In an edition whose notes say so (Spanish), the notes open with a line saying that the
    text's quotations of sources in another language are our translation (the notes give the
    original words). Put inside the notes, so it goes wherever they go (notes page, popover-free
    print, the page again once notes.js has brought them back)."""
    said = words_for(html)["translated"]
    opening = FOOTNOTES_START.search(html)
    if not said or not opening or "notes-translated" in html:
        return html
    return html[: opening.end()] + f'\n<p class="notes-translated">{said}</p>' + html[opening.end() :]


def split_page(html: str) -> tuple[str, str] | None:
    """(the page without its notes and long chart blocks, the notes page), or None to leave the
    page as it is."""
    if 'class="print-all"' in html:
        return None
    article = ARTICLE.search(html)
    if not article:
        return None
    span = _footnotes_span(html)
    if span and (len(html[span[0] : span[1]]) < MIN_NOTES_BYTES or not (article.start(2) <= span[0] < article.end(2))):
        span = None
    parts = _chart_parts(html, article.start(2), article.end(2))
    if not span and not parts:
        return None
    heading = H1.search(article.group(2))
    chapter = _plain(heading.group(1)) if heading else ""
    words = words_for(html)

    # The page: where each part stood, a link to it on the notes page (what a reader without
    # JavaScript follows; notes.js puts the part back once the page has loaded).
    cuts = []  # (start, end, replacement), in page order
    notes = ""
    if span:
        notes = html[span[0] : span[1]]
        count = len(NOTE_ITEM.findall(notes))
        cuts.append(
            (
                span[0],
                span[1],
                f'<div class="notes-deferred" data-notes="{NOTES_FILE}" data-part="notes" data-search-exclude>\n<hr>\n'
                f'<p><a href="{NOTES_FILE}#notes">{words["notes"]}</a>: {words["count"](count)}</p>\n</div>',
            )
        )
    for part in parts:
        cuts.append(
            (
                *part["span"],
                f'\n<div class="notes-deferred" data-notes="{NOTES_FILE}" data-part="{part["id"]}">'
                f'<p><a href="{NOTES_FILE}#{part["id"]}">{part["summary"]}</a> {words["elsewhere"]}</p></div>\n',
            )
        )
    cuts.sort()
    page, last = [], 0
    for start, end, replacement in cuts:
        page.append(html[last:start] + replacement)
        last = end
    page = "".join(page) + html[last:]
    if span:
        page = MARKER_HREF.sub(lambda m: f'href="{NOTES_FILE}#{m.group(1)}"', page)

    # The notes page: the same page (header, styles, scripts) with the parts as its content.
    title = f"{words['notes']}: {chapter}" if chapter else words["notes"]
    link = f'<a href="./">{chapter or words["the_chapter"]}</a>'
    body = [
        f'\n<h1 id="notes">{words["notes"]}</h1>\n<p class="notes-page__for">{words["for"](link)}</p>\n' + notes + "\n"
    ]
    if parts:
        body.append(f'<h2 id="about-the-charts">{words["charts"]}</h2>\n')
    for part in parts:
        body.append(
            f'<section class="notes-page__chart" id="{part["id"]}">\n'
            f"<h3>{part['chart']}: {part['summary']}</h3>{part['body']}</section>\n"
        )
    notes_page = html[: article.end(1)] + "".join(body) + html[article.start(3) :]
    notes_page = TITLE.sub(lambda m: f"<title>{title} - {m.group(1).rsplit(' - ', 1)[-1]}</title>", notes_page, 1)
    # Links to places in the chapter (back-links to the markers, the table of contents) lead there.
    kept = set(ID.findall(notes_page))
    notes_page = IN_PAGE_HREF.sub(lambda m: m.group(0) if m.group(1) in kept else f'href="./#{m.group(1)}"', notes_page)
    return page, notes_page


def split_notes(site: Path, project: Project) -> None:
    if NOTES_SCRIPT not in load_site_config(project.root).extra_javascript:
        return
    for path in site.rglob("index.html"):
        original = path.read_text(encoding="utf-8")
        html = say_quotes_are_translated(original)
        result = split_page(html)
        if result is None:
            if html != original:
                path.write_text(html, encoding="utf-8")
            continue
        page, notes_page = result
        path.write_text(page, encoding="utf-8")
        (path.parent / NOTES_FILE).write_text(notes_page, encoding="utf-8")
