"""The Sources page: every registry entry, grouped by kind; under each, the excerpts the chapters
use (docs/evidence.md) with the sections that rely on each, and links to where it is cited."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections import defaultdict
from pathlib import Path

from markdown.util import AtomicString

from .charts.html import _raw, _text
from .citations import footnote_html, plain_words
from .errors import StopBuild
from .essays import Essay
from .evidence.model import Evidence, evidence_file_for, read_evidence
from .evidence.render import evidence_html
from .registry import KIND_HEADINGS, Registry

STATUS_LABELS = {
    "VERIFIED": "Read by us",
    "VERIFIED-SECONDARY": "Known from reports that quote or summarise it",
    "SEED-ONLY": "Known only as quoted in another article",
    "LINK-ONLY": "Seen only as a link; not cited for content",
}
#: The page's words in each edition's language (``lang``); the English ones are the tables above.
WORDS = {
    "en": {
        "groups": {heading: heading for heading in KIND_HEADINGS.values()},
        "statuses": STATUS_LABELS,
        "chart": "chart",
        "not_cited": "Not cited in a chapter.",
        "also_cited": "Also cited in: ",
        "cited": "Cited in: ",
        "excerpts": "Excerpts the chapters rely on:",
        "relied": " Relied on in: ",
    },
    "es": {
        "groups": {
            "Memoirs and books": "Memorias y libros",
            "Opinion and commentary": "Opinión y comentario",
            "Analysis and research": "Análisis e investigación",
            "News reports": "Notas periodísticas",
            "Interviews": "Entrevistas",
            "Official documents": "Documentos oficiales",
            "Legislation": "Legislación",
            "Datasets": "Conjuntos de datos",
            "Reference works": "Obras de consulta",
        },
        "statuses": {
            "VERIFIED": "Leída por nosotros",
            "VERIFIED-SECONDARY": "Conocida por reportes que la citan o resumen",
            "SEED-ONLY": "Conocida solo por la cita de otro artículo",
            "LINK-ONLY": "Vista solo como enlace; no se cita por su contenido",
        },
        "chart": "gráfica",
        "not_cited": "No se cita en ningún capítulo.",
        "also_cited": "También se cita en: ",
        "cited": "Se cita en: ",
        "excerpts": "Fragmentos en los que se apoyan los capítulos:",
        "relied": " Se usa en: ",
    },
}


def citing_places(
    essays: list[Essay], chart_sources: dict[str, list[str]], chart_word: str = "chart"
) -> dict[str, list[tuple[str, str | None, str]]]:
    """source id -> [(page file name, section anchor or None, label)], in reading order, no repeats."""
    places: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
    for essay in essays:
        for citation in essay.citations:
            place = _place(essay, citation.anchor)
            if place not in places[citation.source_id]:
                places[citation.source_id].append(place)
        for shortcode in essay.shortcodes:
            if shortcode.name == "chart" and shortcode.argument:
                for source_id in chart_sources.get(shortcode.argument, []):
                    place = (essay.path.name, f"chart-{shortcode.argument}", f"{essay.title} — {chart_word}")
                    if place not in places[source_id]:
                        places[source_id].append(place)
    return places


def _place(essay: Essay, anchor: str | None) -> tuple[str, str | None, str]:
    sections = {h.anchor: h.text for h in essay.headings if h.anchor}
    label = essay.title + (f" — {sections[anchor]}" if anchor in sections else "")
    return (essay.path.name, anchor, label)


def excerpts_used(essays: list[Essay], evidence_dir: Path | None) -> dict[str, list[tuple[Evidence, list]]]:
    """source id -> [(evidence, [places that rely on it])]: each distinct excerpt once, with every
    section whose claims rest on it (docs/evidence.md)."""
    found: dict[str, dict[tuple, tuple[Evidence, list]]] = defaultdict(dict)
    for essay in essays if evidence_dir is not None else []:
        try:
            evidence = read_evidence(evidence_file_for(evidence_dir, essay.path.name))
        except StopBuild:
            continue  # reported by the pre-build
        for citation in essay.citations:
            entry = evidence.get(citation.source_id, citation.claim) if citation.claim else None
            if entry is None:
                continue
            key = (entry.quote, entry.translation, entry.pinpoint)
            _, places = found[entry.source_id].setdefault(key, (entry, []))
            place = _place(essay, citation.anchor)
            if place not in places:
                places.append(place)
    return {source_id: list(by_text.values()) for source_id, by_text in found.items()}


def sources_page(
    registry: Registry,
    essays: list[Essay],
    chart_sources: dict[str, list[str]],
    this_page: Path | None = None,
    evidence_dir: Path | None = None,
    lang: str = "en",
) -> etree.Element:
    """``essays``: the edition's pages (in ``lang``), whose titles and sections the back-links name."""
    words = WORDS.get(lang, WORDS["en"])
    chapters = [e for e in essays if e.path != this_page]
    places = citing_places(chapters, chart_sources, words["chart"])
    excerpts = excerpts_used(chapters, evidence_dir or Path(registry.path).parent / "evidence")
    root = etree.Element("div", {"class": "sources-list"})
    groups: dict[str, list] = defaultdict(list)
    for source in registry:
        groups[source.group].append(source)
    order = list(dict.fromkeys(KIND_HEADINGS.values()))
    for heading in order:
        members = sorted(groups.get(heading, []), key=_sort_key)
        if not members:
            continue
        anchor = "sources-" + heading.lower().split()[0]
        _text(root, "h2", words["groups"].get(heading, heading)).set("id", anchor)
        entries = etree.SubElement(root, "ul", {"class": "sources-list__group"})
        for source in members:
            item = etree.SubElement(entries, "li", {"id": f"source-{source.id}", "class": "source"})
            reference = etree.SubElement(item, "p", {"class": "source__reference"})
            _raw(reference, footnote_html(source, registry, lang=lang))
            meta = etree.SubElement(item, "p", {"class": "source__meta"})
            status = etree.SubElement(
                meta, "span", {"class": f"source__status source__status--{source.status.lower()}"}
            )
            status.text = AtomicString(words["statuses"][source.status])
            if source.note:
                _note(item, source, lang, registry)
            used_excerpts = excerpts.get(source.id, [])
            if used_excerpts:
                _excerpt_list(item, source, registry, used_excerpts, words, lang)
            relying = {place for _, places_of in used_excerpts for place in places_of}
            cited = [place for place in places.get(source.id, []) if place not in relying]
            if used_excerpts and not cited:
                continue
            # Back-links are navigation, not text to search: keep them out of the index.
            used = etree.SubElement(item, "p", {"class": "source__cited", "data-search-exclude": ""})
            if not cited:
                used.text = AtomicString(words["not_cited"])
                continue
            used.text = AtomicString(words["also_cited"] if used_excerpts else words["cited"])
            _links(used, cited)
    return root


def _note(item: etree.Element, source, lang: str, registry: Registry | None = None) -> None:
    """The registry's note on the source, in the edition's language (the entry's ``es: {note}``);
    where the entry has none yet, the English, marked ``lang="en"``. Another entry's id in the
    note ("… is in washtimes-2026-01-05") links to that entry on this page."""
    english = not source.has_words("note", lang)
    text = plain_words(source.note) if english else plain_words(source.words("note", lang), lang)
    note = etree.SubElement(item, "p", {"class": "source__note"})
    if english:
        note.set("lang", "en")
    others = {} if registry is None else {i: None for i in registry.sources if i != source.id}
    _linked_ids(note, text, others)


# A registry id written in a note: not part of an address (gao.gov/products/gao-21-322).
REGISTRY_ID = re.compile(r"(?<![\w/.-])[a-z0-9]+(?:[-.][a-z0-9]+)+(?![\w/-])")


def _linked_ids(parent: etree.Element, text: str, ids: dict) -> None:
    """``text`` into ``parent``, each of ``ids`` in it a link to its entry (``#source-ID``)."""
    parent.text, last = AtomicString(""), None
    position = 0
    for match in REGISTRY_ID.finditer(text):
        if match.group(0) not in ids:
            continue
        before = text[position : match.start()]
        if last is None:
            parent.text = AtomicString(before)
        else:
            last.tail = AtomicString(before)
        last = etree.SubElement(parent, "a", {"href": f"#source-{match.group(0)}"})
        last.text = AtomicString(match.group(0))
        position = match.end()
    if last is None:
        parent.text = AtomicString(text[position:])
    else:
        last.tail = AtomicString(text[position:])


def _excerpt_list(
    item: etree.Element, source, registry: Registry, used: list, words: dict = WORDS["en"], lang: str = "en"
) -> None:
    """The source's words the chapters rely on, each with the sections that rely on it."""
    heading = etree.SubElement(item, "p", {"class": "source__excerpts-title"})
    heading.text = AtomicString(words["excerpts"])
    # The excerpts are in each chapter's notes already; here they would only grow the search index.
    listing = etree.SubElement(item, "ul", {"class": "source__excerpts", "data-search-exclude": ""})
    for entry, relying in used:
        row = etree.SubElement(listing, "li")
        excerpt = etree.SubElement(row, "span")
        _raw(excerpt, evidence_html(source, registry, entry, language=lang))
        where = etree.SubElement(row, "span", {"class": "source__relied"})
        where.text = AtomicString(words["relied"])
        _links(where, relying)


def _links(parent: etree.Element, places: list) -> None:
    for index, (page, anchor, label) in enumerate(places):
        link = etree.SubElement(parent, "a", {"href": page + (f"#{anchor}" if anchor else "")})
        link.text = AtomicString(label)
        link.tail = AtomicString("; " if index < len(places) - 1 else ".")


def _sort_key(source) -> str:
    if source.authors:
        first = source.authors[0]
        return (first.get("family") or first.get("literal") or "").lower()
    return source.outlet.lower()
