"""The whole explainer on one page, for printing (``<!-- md:print-all -->``).

Every chapter, in navigation order, rendered with the site's own extensions, then adapted to sit
on one page and to print well: headings one level down, ids and in-page links prefixed with the
chapter's slug (``kingpin--the-numbers``), links between chapters turned into links within the
page, charts static (no interactive chart, no data table), each chapter's notes kept as its
endnotes. A cover with the contents comes first and the glossary last.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.util import AtomicString

from ..readers.glossary import glossary_list, load_glossary
from .nested import NestedRenderer

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
REFERENCING = ("aria-labelledby", "aria-describedby", "aria-controls", "for")
CHART_PARTS_DROPPED = {
    "chart__plot",
    "chart__actions",
    "chart__details",
    "chart__provenance",
    "chart__cite",
}


#: The words of the print page, per edition language.
WORDS = {
    "en": {
        "cover": "{site}: the {count} chapters as of {date}, the date of the latest change. "
        "Online, with interactive charts: {url}",
        "meta": "Chapter {number} of {count} · last updated {date} · {permalink}",
        "cite": "Cite this chapter: ",
        "glossary": "Glossary",
        "notes": "Notes",
    },
    "es": {
        "cover": "{site}: los {count} capítulos al {date}, fecha del cambio más reciente. "
        "En línea, con gráficas interactivas: {url}",
        "meta": "Capítulo {number} de {count} · última actualización: {date} · {permalink}",
        "cite": "Cómo citar este capítulo: ",
        "glossary": "Glosario",
        "notes": "Notas",
    },
}


def _text(parent: etree.Element, tag: str, value: str, **attrs) -> etree.Element:
    element = etree.SubElement(parent, tag, attrs)
    element.text = AtomicString(value)
    return element


def slug_of(src: str) -> str:
    stem = src[:-3] if src.endswith(".md") else src
    return "home" if stem == "index" else stem.replace("/", "-")


def print_all(
    renderer: NestedRenderer,
    chapters: list[dict],
    content_dir: Path,
    *,
    site_name: str,
    site_url: str,
    glossary_path: Path | None = None,
    registry=None,
    language: str = "en",
) -> etree.Element:
    """``chapters``: the page records (``pages.json``) of the chapters, in reading order, with
    their titles in the edition's ``language``; ``content_dir``: the edition's pages."""
    words = WORDS.get(language, WORDS["en"])
    root = etree.Element("div", {"class": "print-all"})
    slugs = {c["src"]: slug_of(c["src"]) for c in chapters}
    latest = max((c["updated"] for c in chapters), default=None)

    cover = etree.SubElement(root, "div", {"class": "print-cover"})
    if latest:
        latest_display = next(c["updated_display"] for c in chapters if c["updated"] == latest)
        _text(
            cover,
            "p",
            words["cover"].format(site=site_name, count=len(chapters), date=latest_display, url=site_url),
            **{"class": "print-cover__edition"},
        )
    contents = etree.SubElement(cover, "ol", {"class": "print-cover__contents"})
    for chapter in chapters:
        item = etree.SubElement(contents, "li")
        _text(item, "a", chapter["title"], href=f"#{slugs[chapter['src']]}")

    for number, chapter in enumerate(chapters, start=1):
        slug = slugs[chapter["src"]]
        section = etree.SubElement(
            root, "section", {"class": "print-chapter", "id": slug, "aria-label": chapter["title"]}
        )
        path = content_dir / chapter["src"]
        if language != "en" and _pending(path):  # an edition's page not yet translated: its text is English
            section.set("lang", "en")
        body = renderer.render_file(path)
        _adapt(body, slug, slugs, words["notes"])
        children = list(body)
        heading_index = next((i for i, child in enumerate(children) if child.tag == "h2"), None)
        meta = etree.Element("p", {"class": "print-chapter__meta"})
        meta.text = AtomicString(
            words["meta"].format(
                number=number, count=len(chapters), date=chapter["updated_display"], permalink=chapter["permalink"]
            )
        )
        if heading_index is None:
            section.append(meta)
            section.extend(children)
        else:
            section.extend(children[: heading_index + 1])
            section.append(meta)
            section.extend(children[heading_index + 1 :])
        if chapter.get("citation"):
            cite = etree.SubElement(section, "p", {"class": "print-chapter__cite"})
            cite.text = AtomicString(words["cite"])
            placeholder = renderer.outer.htmlStash.store(chapter["citation"]["apa"])
            cite.text = AtomicString(cite.text + placeholder)

    if glossary_path is not None and glossary_path.is_file():
        appendix = etree.SubElement(root, "section", {"class": "print-chapter print-glossary", "id": "glossary"})
        _text(appendix, "h2", words["glossary"], id="glossary-title")
        glossary = load_glossary(glossary_path).in_language(language)
        appendix.append(
            glossary_list(glossary, None, {}, registry, with_usages=False, id_prefix="glossary--", language=language)
        )
    return root


def _pending(path: Path) -> bool:
    """A page an edition shows in English, not yet translated (editions/stage.py's flag)."""
    from ..editions.stage import PENDING_KEY, PENDING_VALUE
    from ..essays import read_page

    return read_page(path).meta.get(PENDING_KEY) == PENDING_VALUE


def _adapt(body: etree.Element, slug: str, slugs: dict[str, str], notes_title: str = "Notes") -> None:
    # Drop what only works on screen, inside chart figures.
    for parent in list(body.iter()):
        for child in list(parent):
            classes = set((child.get("class") or "").split())
            if classes & CHART_PARTS_DROPPED:
                parent.remove(child)
    for figure in body.iter("figure"):
        if "chart" in (figure.get("class") or "").split():
            figure.set("data-rendered", "static")
            for image in figure.iter("img"):
                classes = image.get("class") or ""
                if "chart__static--light" in classes and "chart__static--wide" in classes:
                    image.set("loading", "eager")
    # Headings one level down: the chapter title becomes an h2 of this page.
    for element in body.iter():
        if element.tag in HEADINGS[:-1]:
            element.tag = HEADINGS[HEADINGS.index(element.tag) + 1]
    # Ids prefixed with the chapter; references to them follow.
    for element in body.iter():
        if element.get("id"):
            element.set("id", f"{slug}--{element.get('id')}")
        for attribute in REFERENCING:
            if element.get(attribute):
                element.set(attribute, " ".join(f"{slug}--{ref}" for ref in element.get(attribute).split()))
        href = element.get("href") if element.tag == "a" else None
        if href:
            element.set("href", _link(href, slug, slugs))
    # Each chapter's notes, titled.
    for notes in body.iter("div"):
        if "footnote" in (notes.get("class") or "").split():
            title = etree.Element("p", {"class": "print-notes__title"})
            title.text = AtomicString(notes_title)
            notes.insert(0, title)


def _link(href: str, slug: str, slugs: dict[str, str]) -> str:
    if href.startswith("#"):
        return f"#{slug}--{href[1:]}" if len(href) > 1 else href
    if "://" in href or href.startswith(("mailto:", "tel:")):
        return href
    page, _, anchor = href.partition("#")
    if page in slugs:
        return f"#{slugs[page]}--{anchor}" if anchor else f"#{slugs[page]}"
    return href
