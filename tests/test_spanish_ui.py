"""The Spanish edition speaks Spanish (issue 15): every word a reader sees on a translated Spanish
page, other than quotations, source titles and text marked as English, is Spanish.

The real site is built once (``built_site``); each translated page of ``site/es/`` is read as a
reader sees it, without the parts that stay in their own language on purpose: quotations (``q``,
``blockquote``), titles of works (``i``, ``em``, ``cite``), code, and anything inside
``lang="en"`` (an English source's words in a note, the registry's notes). The known English labels of the project's templates, generated lists and
scripts must not appear in what is left, nor in the accessible names (``aria-label``, ``title``).
Charts (``figure.chart``) have their own test of their Spanish text (es-charts).

Then a Spanish chapter in Chromium at 390 px: the footer, the notes' button and popover
("Notas", "Cerrar"), and a glossary tooltip in Spanish.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

import pytest

from build_scripts.readers.glossary import load_glossary

from .conftest import ROOT

#: Labels the project writes for readers in English; none may reach a translated Spanish page.
ENGLISH_LABELS = [
    "Report an error",
    "Notes and sources",
    "Go to the passage",
    "Cite this chapter",
    "Cited in:",
    "Also cited in:",
    "Relied on in:",
    "Excerpts the chapters rely on",
    "Not cited in a chapter",
    "Read by us",
    "Known from reports that quote",
    "Known only as quoted in another article",
    "Seen only as a link",
    "Memoirs and books",
    "Opinion and commentary",
    "Analysis and research",
    "News reports",
    "Official documents",
    "Reference works",
    "See also:",
    "Used in:",
    "Not used in a chapter yet",
    "Terms:",
    "Source:",
    "Sources:",
    "Chapter:",
    "Chart:",
    "Last updated",
    "last updated",
    "What's new",
    "No changes recorded yet",
    "See:",
    "Loading the page",
    "Glossary",
    "of the latest change",
    "Online, with interactive charts",
    "Jump back to footnote",  # Python-Markdown's title of each note's ↩ link (edition.yml: footnote_backlink_title)
    "Not found",  # Material's 404 heading (overrides/404.html)
]
#: Elements whose text stays in its own language: quotations, titles of works, code; charts are tested apart.
SKIPPED_TAGS = {"q", "blockquote", "i", "em", "cite", "code", "pre", "script", "style", "svg", "template"}
SKIPPED_CLASSES = {"chart"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class ReaderText(HTMLParser):
    """The text and accessible names of a page, outside the parts skipped above."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is it (or an ancestor) skipped?
        self.texts: list[str] = []
        self.names: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped = (
            self.skipping
            or tag in SKIPPED_TAGS
            or (attributes.get("lang") or "").startswith("en")
            or bool(SKIPPED_CLASSES & set((attributes.get("class") or "").split()))
        )
        if not skipped:
            self.names.extend(attributes[name] for name in ("aria-label", "title", "alt") if attributes.get(name))
        if tag not in VOID:
            self.stack.append(skipped)

    def handle_startendtag(self, tag, attrs):
        if not self.skipping and tag in VOID:
            attributes = dict(attrs)
            self.names.extend(attributes[name] for name in ("aria-label", "title", "alt") if attributes.get(name))

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.texts.append(data)


def reader_text(html: str) -> tuple[str, str]:
    body = html.split("<body", 1)[1]
    parser = ReaderText()
    parser.feed("<body" + body)
    return " ".join(" ".join(parser.texts).split()), " | ".join(parser.names)


def english_labels_in(text: str) -> list[str]:
    return [label for label in ENGLISH_LABELS if label in text]


def test_the_reader_text_leaves_out_quotations_titles_and_english_parts():
    html = (
        '<html lang="es"><body><p>Texto <q>Report an error</q> <i>Cited in: a book</i></p>'
        '<div lang="en"><p>Sources: here</p></div><a aria-label="Go to the passage" href="#">x</a>'
        '<figure class="chart"><p>Chart: kept for the charts test</p></figure>'
        "<footer><a>Report an error</a></footer></body></html>"
    )
    text, names = reader_text(html)
    assert "Cited in" not in text and "Sources:" not in text and "Chart:" not in text
    assert english_labels_in(text) == ["Report an error"]  # the footer's, not the quotation's
    assert english_labels_in(names) == ["Go to the passage"]


def translated_pages() -> list[str]:
    return sorted(p.stem for p in (ROOT / "content-es").glob("*.md"))


@pytest.mark.slow
def test_translated_spanish_pages_show_no_english_label(built_site):
    found = {}
    for stem in translated_pages():
        folder = "" if stem == "index" else f"{stem}/"
        for name in ("index.html", "notes.html"):  # a chapter's notes are fetched into it from notes.html
            if not (built_site / "es" / folder / name).exists():
                continue
            html = (built_site / "es" / folder / name).read_text(encoding="utf-8")
            text, names = reader_text(html)
            labels = english_labels_in(text) + [f"{label} (accessible name)" for label in english_labels_in(names)]
            if labels:
                found[f"es/{folder}{name}"] = labels
    missing = built_site / "es" / "404.html"
    text, names = reader_text(missing.read_text(encoding="utf-8"))
    if english_labels_in(text + names):
        found["es/404.html"] = english_labels_in(text + names)
    assert found == {}, f"English labels on Spanish pages: {found}"


@pytest.mark.slow
def test_spanish_pages_use_the_spanish_glossary_and_chapter_titles(built_site):
    glossary = load_glossary(ROOT / "glossary.yml").in_language("es")
    page = (built_site / "es" / "glossary" / "index.html").read_text(encoding="utf-8")
    for term in glossary:
        assert f"<dfn>{escape(term.term, quote=False)}</dfn>" in page, term.id
    assert "Términos: " in page and "Se usa en: " in page
    chapter = (built_site / "es" / "supply-and-demand" / "index.html").read_text(encoding="utf-8")
    fentanyl = re.search(r'<a class="glossary-term"[^>]*href="\.\./glossary/#fentanyl"[^>]*>', chapter)
    assert fentanyl and 'data-term="Fentanilo"' in fentanyl.group(0), "the tooltip's term, found in Spanish words"
    assert 'data-definition="Un opioide sintético' in fentanyl.group(0)
    educators = (built_site / "es" / "educators" / "index.html").read_text(encoding="utf-8")
    assert "¿La fuerza reduce la oferta de drogas?" in educators  # the chapter links and questions, in Spanish
    printed = (built_site / "es" / "print" / "index.html").read_text(encoding="utf-8")
    spanish = (ROOT / "content-es" / "kingpin.md").read_text(encoding="utf-8")
    first_heading = next(line for line in spanish.splitlines() if line.startswith("## "))
    heading_text = first_heading[3:].split(" {#")[0]
    assert heading_text in printed, "the print page gathers the Spanish chapters"
    assert "Capítulo 1 de" in printed and "Glosario" in printed


@pytest.mark.browser
def test_a_spanish_chapter_on_a_phone_speaks_spanish(open_page, site_url):
    page, messages, _requests = open_page(f"{site_url}/es/supply-and-demand/", width=390, height=844)
    footer = page.locator(".md-copyright__report")
    assert footer.inner_text().strip() == "Informar de un error"
    button = page.locator(".fn-group__button").first
    button.wait_for(state="visible", timeout=15000)
    assert button.inner_text().strip().startswith("Nota")
    button.click()
    close = page.locator(".fn-popover__close")
    close.wait_for(state="visible", timeout=5000)
    assert close.inner_text().strip() == "Cerrar"
    close.click()
    term = page.locator("a.glossary-term").first
    term.focus()
    tip = page.locator("#reader-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    assert term.get_attribute("data-definition") in tip.inner_text()
    spanish_terms = {t.term for t in load_glossary(ROOT / "glossary.yml").in_language("es")}
    assert term.get_attribute("data-term") in spanish_terms
    assert [m for m in messages if m[0] in ("error", "pageerror")] == []


@pytest.mark.browser
def test_a_spanish_chapter_on_paper_heads_its_notes_in_spanish(open_page, site_url):
    """On paper the notes get a heading written by print.css (generated text, which no HTML test
    sees): "Notas" on a Spanish chapter, "Notes" on an English one, none on the print page."""
    heading = "() => getComputedStyle(document.querySelector('.md-typeset .footnote'), '::before').content"
    for path, expected in (("kingpin/", '"Notes"'), ("es/kingpin/", '"Notas"'), ("es/print/", "none")):
        page, _messages, _requests = open_page(f"{site_url}/{path}")
        page.emulate_media(media="print")
        assert page.evaluate(heading) == expected, f"/{path}: the notes' heading on paper"
