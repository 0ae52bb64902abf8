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
import html
import json
import re
import subprocess
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from ..citations import bibtex, format_reference
from ..essays import SHORTCODES, read_page
from ..filecache import loaded_once
from ..site_config import SiteConfig, load_site_config

PAGES_JSON = "pages.json"
STYLES = {"apa": "apa", "mla": "modern-language-association", "chicago": "chicago-author-date"}
STYLE_NAMES = {
    "apa": "APA (7th edition)",
    "mla": "MLA (9th edition)",
    "chicago": "Chicago (author-date)",
    "bibtex": "BibTeX",
}
#: Shortcodes a chapter may contain; a page with any other (sources, glossary, …) is a utility page.
# A page of the navigation with no other shortcode than these is a chapter (printed, cited, listed).
CHAPTER_SHORTCODES = frozenset(name for name, kind in SHORTCODES.items() if kind.in_chapters)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


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
def display_date(iso: str) -> str:
    year, month, day = (int(p) for p in iso.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


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
def _quotes_outside(text: str) -> str:
    # citeproc-py leaves a period or comma after a closing quote; US styles put it inside.
    return text.replace("”.", ".”").replace("”,", ",”")


def citation_for(
    site: SiteConfig, *, key: str, title: str, date_iso: str, permalink: str, genre: str | None = None
) -> Citation:
    """APA, MLA, Chicago and BibTeX for a page (or, with ``genre="Chart"``, a chart) of this site."""
    year, month, day = (int(p) for p in date_iso.split("-"))
    author = [{"literal": site.name}]
    item = {
        "id": key,
        "type": "webpage",
        "title": title,
        "author": author,
        "container-title": site.name,
        "issued": {"date-parts": [[year, month, day]]},
        "URL": permalink,
        "language": "en",
    }
    if genre:
        item["genre"] = genre
    # APA: when the author is the site itself, the site name is not repeated (APA 7, 9.xx).
    apa_item = {k: v for k, v in item.items() if k != "container-title"}
    apa = format_reference(apa_item, STYLES["apa"])
    mla = _quotes_outside(format_reference(item, STYLES["mla"]))
    chicago = _quotes_outside(format_reference(item, STYLES["chicago"]))
    fields = {
        "author": site.name,
        "title": title,
        "howpublished": site.name + (f" ({genre.lower()})" if genre else ""),
        "year": str(year),
        "url": permalink,
        "urldate": date_iso,
        "note": f"As of {display_date(date_iso)}",
    }
    entry = bibtex("misc", key, fields)
    # Protect the corporate author and the title's capitals (bibtex() escapes braces in values).
    entry = entry.replace(f"  author = {{{_bib_escape(site.name)}}},", f"  author = {{{{{_bib_escape(site.name)}}}}},")
    entry = entry.replace(f"  title = {{{_bib_escape(title)}}},", f"  title = {{{{{_bib_escape(title)}}}}},")
    entry = "\n".join(_latex_specials(line) if line.startswith(_TEXT_FIELDS) else line for line in entry.split("\n"))
    return Citation(
        as_of=date_iso,
        as_of_display=display_date(date_iso),
        permalink=permalink,
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
def page_records(
    root: Path, *, chart_titles: dict[str, str] | None = None, chart_alts: dict[str, str] | None = None
) -> tuple[dict[str, PageRecord], dict[str, ChartRecord]]:
    """Records for every Markdown page in the docs folder and every chart it shows."""
    site = load_site_config(root)
    content = root / site.docs_dir
    chart_titles = chart_titles or {}
    chart_alts = chart_alts or {}
    nav = site.nav_files
    pages: dict[str, PageRecord] = {}
    for path in sorted(content.glob("*.md")):
        src = path.name
        meta = front_matter(path)
        shortcodes = shortcodes_in(path)
        charts = list(dict.fromkeys(arg.split()[0] for name, arg in shortcodes if name == "chart" and arg))
        kind = "chapter" if src in nav and {n for n, _ in shortcodes} <= CHAPTER_SHORTCODES else "page"
        updated, origin = last_updated(root, path, meta)
        title = str(meta.get("title") or first_heading(path) or path.stem)
        pages[src] = PageRecord(
            src=src,
            title=title,
            description=" ".join(str(meta.get("description") or "").split()),
            url=site.page_url(src),
            permalink=site.permalink(src),
            kind=kind,
            nav_index=nav.index(src) if src in nav else None,
            updated=updated,
            updated_display=display_date(updated),
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
            title = chart_titles.get(chart_id, chart_id)
            home = record.src
            permalink = f"{site.permalink(home)}#chart-{chart_id}"
            charts[chart_id] = ChartRecord(
                id=chart_id,
                title=title,
                updated=updated,
                updated_display=display_date(updated),
                updated_from=origin,
                home=home,
                permalink=permalink,
                image=f"{site.url}generated/charts/{chart_id}/{chart_id}.png",
                citation=citation_for(
                    site,
                    key=bibtex_key(site, f"chart-{chart_id}", updated[:4]),
                    title=title,
                    date_iso=updated,
                    permalink=permalink,
                    genre="Chart",
                ),
            )
    site_preview = next((c for c in charts.values()), None)
    for record in pages.values():
        preview = charts.get(record.charts[0]) if record.charts else site_preview
        if preview:
            record.preview_image = preview.image
            record.preview_alt = _shorten(chart_alts.get(preview.id, preview.title), 420)  # Twitter's limit
            record.preview_size = _png_size(content / "generated" / "charts" / preview.id / f"{preview.id}.png")
        if record.kind == "chapter":
            slug = record.url.strip("/") or "home"
            record.citation = citation_for(
                site,
                key=bibtex_key(site, slug, record.updated[:4]),
                title=record.title,
                date_iso=record.updated,
                permalink=record.permalink,
            )
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


def write_page_facts(root: Path, generated: Path, **kwargs) -> Path:
    pages, charts = page_records(root, **kwargs)
    generated.mkdir(parents=True, exist_ok=True)
    target = generated / PAGES_JSON
    data = {"pages": {k: asdict(v) for k, v in pages.items()}, "charts": {k: asdict(v) for k, v in charts.items()}}
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def read_page_facts(generated: Path) -> dict | None:
    """The records the pre-build wrote, or None when it has not run."""
    path = generated / PAGES_JSON
    if not path.is_file():
        return None
    return loaded_once(path, "page facts", lambda p: json.loads(p.read_text(encoding="utf-8")))


def chart_citation(generated: Path, chart_id: str) -> dict | None:
    """A chart's "Cite this chart" record (APA, MLA, Chicago, BibTeX) from the records the
    pre-build wrote, or None before it ran. The record is the readers' stage's (it names the first
    page showing the chart); the chart's own stage (``charts/``) never reads it, the chart
    shortcode hands it to ``charts.html.chart_figure``."""
    chart = (read_page_facts(generated) or {}).get("charts", {}).get(chart_id)
    return chart.get("citation") if chart else None
