"""One record per page and per chart: what a reader needs to cite it and to know how fresh it is.

The pre-build writes these records to ``content/generated/pages.json``; the ``pagefacts``
Markdown extension hands each page its record (``page.meta``) for the theme overrides (the
"Cite this chapter" box and the Scholar, Open Graph and Twitter meta tags), and the chart
shortcode uses the chart records for "Cite this chart".

Where each value comes from:

- title and description: the page's front matter; site name, URL and copyright: ``mkdocs.yml``.
- "last updated" (the citation's "as of" date): the date of the last git commit that touched the
  page (``git log -1 --format=%cs -- content/<page>.md``), or for a chart its folder. A file git
  does not know yet (new, or a copy outside the repository) falls back to ``updated:`` in its
  front matter, then to the file's modification date. CI clones with full history
  (``fetch-depth: 0``); a shallow clone gives every file the date of its one commit.
- preview image: the static PNG of the page's first chart (for pages without a chart, the first
  chart of the site in navigation order).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import subprocess
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from ..citations import bibtex, format_references
from ..errors import BuildError
from ..essays import SHORTCODES, read_page
from ..filecache import loaded_once
from ..site_config import SiteConfig, load_site_config

PAGES_JSON = "pages.json"  # the English edition's; a language edition's is pages-<lang>.json
STYLES = ("apa", "mla", "chicago")
STYLE_NAMES = {
    "apa": "APA (7th edition)",
    "mla": "MLA (9th edition)",
    "chicago": "Chicago (author-date)",
    "bibtex": "BibTeX",
}
#: Shortcodes a chapter may contain; a page with any other (sources, glossary, …) is a utility page.
# A page of the navigation with no other shortcode than these is a chapter (printed, cited, listed).
CHAPTER_SHORTCODES = frozenset(name for name, kind in SHORTCODES.items() if kind.in_chapters)
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
}
#: The words of a citation record, per language (the cite boxes' own labels are in their templates).
CITE_WORDS = {
    "en": {"chart": "Chart", "chart_lower": "chart", "as_of": "As of {date}"},
    "es": {"chart": "Gráfica", "chart_lower": "gráfica", "as_of": "Versión del {date}"},
}


@dataclass
class Citation:
    as_of: str  # ISO date
    as_of_display: str  # "5 March 2026"
    permalink: str
    apa: str  # HTML (titles in <i>, the URL as a link)
    mla: str
    chicago: str
    bibtex: str  # plain text
    apa_text: str = ""  # the same, as plain text (what "Copy" puts on the clipboard)
    mla_text: str = ""
    chicago_text: str = ""


@dataclass
class PageRecord:
    src: str  # "kingpin.md", relative to docs_dir
    title: str
    description: str
    url: str  # "kingpin/", relative to the site root
    permalink: str
    kind: str  # "chapter" (an essay in the nav) or "page" (sources, glossary, …)
    nav_index: int | None
    updated: str  # ISO date
    updated_display: str
    updated_from: str  # "git", "front matter" or "file"
    charts: list[str] = field(default_factory=list)
    preview_image: str | None = None  # absolute URL of a PNG
    preview_alt: str | None = None
    preview_size: tuple[int, int] | None = None
    citation: Citation | None = None


@dataclass
class ChartRecord:
    id: str
    title: str
    updated: str
    updated_display: str
    updated_from: str
    home: str | None  # the first page (nav order) that shows the chart
    permalink: str | None
    image: str
    citation: Citation | None = None


# ---- dates --------------------------------------------------------------------------------------
def display_date(iso: str, lang: str = "en") -> str:
    """``5 March 2026``; in Spanish as Mexico writes it, ``5 de marzo de 2026``."""
    year, month, day = (int(p) for p in iso.split("-"))
    if lang not in MONTHS:
        raise BuildError(f"no month names for language '{lang}'", fix=f"add them to MONTHS in {__name__}")
    if lang == "es":
        return f"{day} de {MONTHS[lang][month - 1]} de {year}"
    return f"{day} {MONTHS[lang][month - 1]} {year}"


@lru_cache(maxsize=4)
def _git_dates(root: str, _head: str) -> dict[str, str]:
    """Path -> date (YYYY-MM-DD) of the last commit touching it, from one `git log` for the
    whole history (one subprocess per build, not two per page)."""
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only"], cwd=root, capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    current = None
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            current = line[1:].strip()
        elif line and current and re.fullmatch(r"\d{4}-\d{2}-\d{2}", current):
            dates.setdefault(line, current)  # newest first: keep the first date seen
    return dates


@lru_cache(maxsize=4)
def _git_head(root: str) -> str | None:
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def git_date(root: Path, path: Path) -> str | None:
    """Date (YYYY-MM-DD) of the last commit touching ``path`` (a file, or any file in a folder),
    or None outside git or if never committed."""
    head = _git_head(str(root.resolve()))
    if head is None:
        return None
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    dates = _git_dates(str(root.resolve()), head)
    if relative in dates:
        return dates[relative]
    inside = [date for name, date in dates.items() if name.startswith(relative.rstrip("/") + "/")]
    return max(inside) if inside else None


def last_updated(root: Path, path: Path, front_matter: dict | None = None) -> tuple[str, str]:
    """(ISO date, where it came from) for a page file or a chart folder."""
    date = git_date(root, path)
    if date:
        return date, "git"
    declared = (front_matter or {}).get("updated")
    if isinstance(declared, dt.date):
        return declared.isoformat(), "front matter"
    if isinstance(declared, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", declared.strip()):
        return declared.strip(), "front matter"
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    newest = max((p.stat().st_mtime for p in files), default=0.0)
    return dt.datetime.fromtimestamp(newest, tz=dt.UTC).date().isoformat(), "file"


# ---- front matter -------------------------------------------------------------------------------
def front_matter(path: Path) -> dict:
    return read_page(path).meta


def shortcodes_in(path: Path) -> list[tuple[str, str | None]]:
    return [(shortcode.name, shortcode.argument) for shortcode in read_page(path).shortcodes]


def first_heading(path: Path) -> str | None:
    return next((heading.text for heading in read_page(path).headings if heading.level == 1), None)


# ---- citations ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CiteRequest:
    """What a cite box cites: a page (or, with ``genre="Chart"``, a chart) of this site."""

    key: str  # the BibTeX key
    title: str
    date_iso: str
    permalink: str
    genre: str | None = None
    language: str | None = None  # of the title, when not the edition's (a page not yet translated)


def citation_for(
    site: SiteConfig,
    *,
    key: str,
    title: str,
    date_iso: str,
    permalink: str,
    genre: str | None = None,
    lang: str = "en",
    site_name: str | None = None,
) -> Citation:
    """APA, MLA, Chicago and BibTeX for a page (or, with ``genre="Chart"``, a chart) of this site."""
    request = CiteRequest(key, title, date_iso, permalink, genre)
    return citations_for(site_name or site.name, [request], lang)[0]


def citations_for(site_name: str, requests: list[CiteRequest], lang: str = "en") -> list[Citation]:
    """The cite boxes' citations, in ``lang``: one pandoc run per style for all that the cache
    lacks (``citations.format_references``), each reference formatted on its own."""
    words = CITE_WORDS[lang]
    items, apa_items = [], []
    for request in requests:
        year, month, day = (int(p) for p in request.date_iso.split("-"))
        item = {
            "type": "webpage",
            "title": request.title,
            "author": [{"literal": site_name}],
            "container-title": site_name,
            "issued": {"date-parts": [[year, month, day]]},
            "URL": request.permalink,
            "language": request.language or lang,
        }
        if request.genre:
            item["genre"] = words["chart"]
        # Named by its content: one entry per distinct reference in a batch, stable across builds.
        item["id"] = "c" + hashlib.sha256(json.dumps(item, sort_keys=True).encode()).hexdigest()[:16]
        items.append(item)
        # APA: when the author is the site itself, the site name is not repeated (APA 7, 9.xx).
        apa_items.append({k: v for k, v in item.items() if k != "container-title"})
    apa = format_references(apa_items, "apa", lang)
    mla = format_references(items, "mla", lang)
    chicago = format_references(items, "chicago", lang)
    out = []
    for request, item, apa_item in zip(requests, items, apa_items):
        out.append(
            _citation(
                site_name,
                request,
                lang,
                apa=apa[apa_item["id"]],
                mla=mla[item["id"]],
                chicago=chicago[item["id"]],
            )
        )
    return out


def _citation(site_name: str, request: CiteRequest, lang: str, *, apa: str, mla: str, chicago: str) -> Citation:
    words = CITE_WORDS[lang]
    title, key, date_iso = request.title, request.key, request.date_iso
    fields = {
        "author": site_name,
        "title": title,
        "howpublished": site_name + (f" ({words['chart_lower']})" if request.genre else ""),
        "year": date_iso[:4],
        "url": request.permalink,
        "urldate": date_iso,
        "note": words["as_of"].format(date=display_date(date_iso, lang)),
    }
    entry = bibtex("misc", key, fields)
    # Protect the corporate author and the title's capitals (bibtex() escapes braces in values).
    entry = entry.replace(f"  author = {{{_bib_escape(site_name)}}},", f"  author = {{{{{_bib_escape(site_name)}}}}},")
    entry = entry.replace(f"  title = {{{_bib_escape(title)}}},", f"  title = {{{{{_bib_escape(title)}}}}},")
    entry = "\n".join(_latex_specials(line) if line.startswith(_TEXT_FIELDS) else line for line in entry.split("\n"))
    return Citation(
        as_of=date_iso,
        as_of_display=display_date(date_iso, lang),
        permalink=request.permalink,
        apa=apa,
        mla=mla,
        chicago=chicago,
        bibtex=entry,
        apa_text=plain_text(apa),
        mla_text=plain_text(mla),
        chicago_text=plain_text(chicago),
    )


def plain_text(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", html_text)).split())


_TEXT_FIELDS = ("  author =", "  title =", "  howpublished =", "  note =")


def _latex_specials(line: str) -> str:
    return re.sub(r"(?<!\\)([&%#$_])", r"\\\1", line)


def _bib_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")


def bibtex_key(site: SiteConfig, slug: str, year: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "", site.name.lower()) or "site"
    return f"{stem}{year}{re.sub(r'[^a-z0-9]+', '', slug.lower()) or 'home'}"


# ---- records ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EditionView:
    """How a language edition's records differ from the English ones: the language, the site's
    name, the address of its root (``…/es/``), and the folder of its translated pages (a page
    with no translation there is the English page, with the English title and date)."""

    lang: str
    site_name: str
    url: str
    translations: Path


def page_records(
    root: Path,
    *,
    chart_titles: dict[str, str] | None = None,
    chart_alts: dict[str, str] | None = None,
    edition: EditionView | None = None,
) -> tuple[dict[str, PageRecord], dict[str, ChartRecord]]:
    """Records for every Markdown page in the docs folder and every chart it shows (for the
    English site, or with ``edition``, for a language edition: its titles, dates, addresses and
    citations)."""
    site = load_site_config(root)
    content = root / site.docs_dir
    chart_titles = chart_titles or {}
    chart_alts = chart_alts or {}
    lang = edition.lang if edition else "en"
    site_name = edition.site_name if edition else site.name
    base_url = edition.url if edition else site.url
    nav = site.nav_files
    pages: dict[str, PageRecord] = {}
    untranslated: set[str] = set()
    for path in sorted(content.glob("*.md")):
        src = path.name
        shown = edition.translations / src if edition and (edition.translations / src).is_file() else path
        meta = front_matter(shown)
        if shown == path:
            untranslated.add(src)
        shortcodes = shortcodes_in(path)
        charts = list(dict.fromkeys(arg.split()[0] for name, arg in shortcodes if name == "chart" and arg))
        kind = "chapter" if src in nav and {n for n, _ in shortcodes} <= CHAPTER_SHORTCODES else "page"
        updated, origin = last_updated(root, shown, meta)
        title = str(meta.get("title") or first_heading(shown) or path.stem)
        pages[src] = PageRecord(
            src=src,
            title=title,
            description=" ".join(str(meta.get("description") or "").split()),
            url=site.page_url(src),
            permalink=base_url + site.page_url(src),
            kind=kind,
            nav_index=nav.index(src) if src in nav else None,
            updated=updated,
            updated_display=display_date(updated, lang),
            updated_from=origin,
            charts=charts,
        )
    ordered = sorted(pages.values(), key=lambda p: (p.nav_index is None, p.nav_index or 0, p.src))
    charts: dict[str, ChartRecord] = {}
    for record in ordered:
        for chart_id in record.charts:
            if chart_id in charts:
                continue
            folder = root / "charts" / chart_id
            updated, origin = last_updated(root, folder) if folder.exists() else (record.updated, record.updated_from)
            home = record.src
            charts[chart_id] = ChartRecord(
                id=chart_id,
                title=chart_titles.get(chart_id, chart_id),
                updated=updated,
                updated_display=display_date(updated, lang),
                updated_from=origin,
                home=home,
                permalink=f"{record.permalink}#chart-{chart_id}",
                image=f"{base_url}generated/charts/{chart_id}/{chart_id}.png",
            )
    site_preview = next((c for c in charts.values()), None)
    for record in pages.values():
        preview = charts.get(record.charts[0]) if record.charts else site_preview
        if preview:
            record.preview_image = preview.image
            record.preview_alt = _shorten(chart_alts.get(preview.id, preview.title), 420)  # Twitter's limit
            record.preview_size = _png_size(content / "generated" / "charts" / preview.id / f"{preview.id}.png")
    # Every cite box's citation, in one batch per style (pandoc's runs are per batch, not per page).
    cited: list[ChartRecord | PageRecord] = list(charts.values())
    requests = [
        CiteRequest(bibtex_key(site, f"chart-{c.id}", c.updated[:4]), c.title, c.updated, c.permalink, "Chart")
        for c in charts.values()
    ]
    for record in ordered:
        if record.kind == "chapter":
            slug = record.url.strip("/") or "home"
            cited.append(record)
            language = "en" if record.src in untranslated else None
            key = bibtex_key(site, slug, record.updated[:4])
            requests.append(CiteRequest(key, record.title, record.updated, record.permalink, language=language))
    for record, citation in zip(cited, citations_for(site_name, requests, lang)):
        record.citation = citation
    return pages, charts


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def _png_size(path: Path) -> tuple[int, int] | None:
    try:
        header = path.read_bytes()[:24]
    except OSError:
        return None
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def page_facts_name(lang: str = "en") -> str:
    return PAGES_JSON if lang == "en" else f"pages-{lang}.json"


def write_page_facts(root: Path, generated: Path, *, edition: EditionView | None = None, **kwargs) -> Path:
    pages, charts = page_records(root, edition=edition, **kwargs)
    generated.mkdir(parents=True, exist_ok=True)
    target = generated / page_facts_name(edition.lang if edition else "en")
    data = {"pages": {k: asdict(v) for k, v in pages.items()}, "charts": {k: asdict(v) for k, v in charts.items()}}
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def read_page_facts(generated: Path, lang: str = "en") -> dict | None:
    """The records the pre-build wrote (for the ``lang`` edition), or None when it has not run."""
    path = generated / page_facts_name(lang)
    if not path.is_file():
        return None
    return loaded_once(path, "page facts", lambda p: json.loads(p.read_text(encoding="utf-8")))


def chart_citation(generated: Path, chart_id: str, lang: str = "en") -> dict | None:
    """A chart's "Cite this chart" record (APA, MLA, Chicago, BibTeX) from the records the
    pre-build wrote, or None before it ran. The record is the readers' stage's (it names the first
    page showing the chart); the chart's own stage (``charts/``) never reads it, the chart
    shortcode hands it to ``charts.html.chart_figure``."""
    chart = (read_page_facts(generated, lang) or {}).get("charts", {}).get(chart_id)
    return chart.get("citation") if chart else None
