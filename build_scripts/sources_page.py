"""The Sources page: every registry entry, grouped by kind, with links back to where it is cited."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections import defaultdict
from pathlib import Path

from markdown.util import AtomicString

from .charts.html import _raw, _text
from .citations import footnote_html, plain_words
from .essays import Essay
from .registry import KIND_HEADINGS, Registry

STATUS_LABELS = {
    "VERIFIED": "Read by us",
    "VERIFIED-SECONDARY": "Known from reports that quote or summarise it",
    "SEED-ONLY": "Known only as quoted in another article",
    "LINK-ONLY": "Seen only as a link; not cited for content",
}


def citing_places(
    essays: list[Essay], chart_sources: dict[str, list[str]]
) -> dict[str, list[tuple[str, str | None, str]]]:
    """source id -> [(page file name, section anchor or None, label)], in reading order, no repeats."""
    places: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
    for essay in essays:
        sections = {h.anchor: h.text for h in essay.headings if h.anchor}
        for citation in essay.citations:
            label = essay.title + (f" — {sections[citation.anchor]}" if citation.anchor in sections else "")
            place = (essay.path.name, citation.anchor, label)
            if place not in places[citation.source_id]:
                places[citation.source_id].append(place)
        for shortcode in essay.shortcodes:
            if shortcode.name == "chart" and shortcode.argument:
                for source_id in chart_sources.get(shortcode.argument, []):
                    place = (essay.path.name, f"chart-{shortcode.argument}", f"{essay.title} — chart")
                    if place not in places[source_id]:
                        places[source_id].append(place)
    return places


def sources_page(
    registry: Registry, essays: list[Essay], chart_sources: dict[str, list[str]], this_page: Path | None = None
) -> etree.Element:
    places = citing_places([e for e in essays if e.path != this_page], chart_sources)
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
        _text(root, "h2", heading).set("id", anchor)
        entries = etree.SubElement(root, "ul", {"class": "sources-list__group"})
        for source in members:
            item = etree.SubElement(entries, "li", {"id": f"source-{source.id}", "class": "source"})
            reference = etree.SubElement(item, "p", {"class": "source__reference"})
            _raw(reference, footnote_html(source, registry))
            meta = etree.SubElement(item, "p", {"class": "source__meta"})
            status = etree.SubElement(
                meta, "span", {"class": f"source__status source__status--{source.status.lower()}"}
            )
            status.text = AtomicString(STATUS_LABELS[source.status])
            if source.note:
                _text(item, "p", plain_words(source.note)).set("class", "source__note")
            cited = places.get(source.id, [])
            # Back-links are navigation, not text to search: keep them out of the index.
            used = etree.SubElement(item, "p", {"class": "source__cited", "data-search-exclude": ""})
            if not cited:
                used.text = AtomicString("Not cited in a chapter.")
                continue
            used.text = AtomicString("Cited in: ")
            for index, (page, anchor, label) in enumerate(cited):
                link = etree.SubElement(used, "a", {"href": page + (f"#{anchor}" if anchor else "")})
                link.text = AtomicString(label)
                link.tail = AtomicString("; " if index < len(cited) - 1 else ".")
    return root


def _sort_key(source) -> str:
    if source.authors:
        first = source.authors[0]
        return (first.get("family") or first.get("literal") or "").lower()
    return source.outlet.lower()
