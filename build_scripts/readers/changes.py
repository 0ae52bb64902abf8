"""What's new (``changes.yml``): dated changes to chapters, data and charts, newest first."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markdown.util import AtomicString

from ..errors import Problem, problem_at, stop_if_any
from ..inputs import Inputs
from ..schemas import schema_errors
from ..yamlio import item_line, line_of, load_list
from .pages import display_date

KINDS = {"chapter": "Chapter", "chart": "Chart", "data": "Data", "site": "Site"}
#: The words of the lists, per edition language. The log's summaries are written in English only
#: (changes.yml has no text per language): another edition says so above the list, and marks them lang="en".
WORDS = {
    "en": {
        "kinds": KINDS,
        "none": "No changes recorded yet.",
        "see": "See: ",
        "chart": " (chart)",
        "columns": ("Chapter", "Last updated"),
        "in_english": "",
    },
    "es": {
        "kinds": {"chapter": "Capítulo", "chart": "Gráfica", "data": "Datos", "site": "Sitio"},
        "none": "Todavía no hay cambios registrados.",
        "see": "Ver: ",
        "chart": " (gráfica)",
        "columns": ("Capítulo", "Última actualización"),
        "in_english": "El registro de cambios se lleva en inglés: cada entrada se muestra en su texto original.",
    },
}


@dataclass(frozen=True)
class Change:
    date: str
    kind: str
    summary: str
    pages: tuple[str, ...] = ()
    charts: tuple[str, ...] = ()
    line: int | None = None


def changes_problems(inputs: Inputs) -> Iterator[Problem]:
    """Every problem of the log (if there is one): each entry against
    ``schemas/changes.schema.json``, then that the pages and charts it names exist."""
    path, content_dir, charts_dir = inputs.project.changes, inputs.project.content, inputs.project.charts
    if not path.is_file():
        return
    entries = _entries(path)
    for index, entry in enumerate(entries):
        problems = list(_shape_problems(entries, index, path))
        yield from problems
        if problems:
            continue
        at = problem_at(path, line_of(entry))
        label = f"change #{index + 1}"
        for page in entry.get("pages") or ():
            if not (content_dir / page).is_file():
                yield at(
                    f"{label}: no page '{page}' in {content_dir.name}/", fix="name the chapter's file, e.g. kingpin.md"
                )
        for chart in entry.get("charts") or ():
            if not (charts_dir / chart).is_dir():
                yield at(f"{label}: no chart '{chart}' in {charts_dir.name}/", fix="name the chart's folder in charts/")


def load_changes(path: Path) -> list[Change]:
    """The log, newest first. Stops on an entry the schema refuses (the pre-build has reported
    every problem of the file, with :func:`changes_problems`, before anything reads it)."""
    entries = _entries(path)
    stop_if_any(problem for index in range(len(entries)) for problem in _shape_problems(entries, index, path))
    changes = [_change(entry) for entry in entries]
    changes.sort(key=lambda c: c.date, reverse=True)
    return changes


def _entries(path: Path) -> list:
    return load_list(path, what="the changes log", first_key="date")


def _shape_problems(entries: list, index: int, path: Path) -> Iterator[Problem]:
    yield from schema_errors(
        entries[index],
        "changes",
        file=path,
        what=f"change #{index + 1}",
        dates_as_strings=True,
        line=item_line(entries, index),
    )


def _change(entry: dict) -> Change:
    date = entry["date"].isoformat() if isinstance(entry["date"], dt.date) else entry["date"]
    return Change(
        date,
        entry["kind"],
        " ".join(entry["summary"].split()),
        tuple(entry.get("pages") or ()),
        tuple(entry.get("charts") or ()),
        line_of(entry),
    )


def changes_element(changes: list[Change], records: dict, charts: dict, lang: str = "en") -> etree.Element:
    """The What's new list: one entry per change, grouped by date, newest first. ``records``:
    the pages' records, with their titles in the edition's language ``lang``."""
    words = WORDS.get(lang, WORDS["en"])
    root = etree.Element("div", {"class": "changes"})
    if not changes:
        para = etree.SubElement(root, "p")
        para.text = AtomicString(words["none"])
        return root
    if words["in_english"]:
        para = etree.SubElement(root, "p", {"class": "changes__language"})
        para.text = AtomicString(words["in_english"])
    listing = etree.SubElement(root, "ul", {"class": "changes__list"})
    for change in changes:
        item = etree.SubElement(listing, "li", {"class": f"change change--{change.kind}", "data-date": change.date})
        head = etree.SubElement(item, "p", {"class": "change__head"})
        time = etree.SubElement(head, "time", {"datetime": change.date})
        time.text = AtomicString(display_date(change.date, lang))
        time.tail = AtomicString(" · ")
        kind = etree.SubElement(head, "span", {"class": "change__kind"})
        kind.text = AtomicString(words["kinds"].get(change.kind, change.kind))
        summary = etree.SubElement(item, "p", {"class": "change__summary"})
        if lang != "en":
            summary.set("lang", "en")
        summary.text = AtomicString(change.summary)
        links = [(records[p]["title"], p) for p in change.pages if p in records]
        links += [
            (charts[c]["title"] + words["chart"], f"{charts[c]['home']}#chart-{c}")
            for c in change.charts
            if c in charts and charts[c].get("home")
        ]
        if links:
            where = etree.SubElement(item, "p", {"class": "change__where"})
            where.text = AtomicString(words["see"])
            for index, (title, href) in enumerate(links):
                link = etree.SubElement(where, "a", {"href": href})
                link.text = AtomicString(title)
                link.tail = AtomicString("; " if index < len(links) - 1 else ".")
    return root


def updated_table(records: dict, lang: str = "en") -> etree.Element:
    """Every chapter with the date of its last change, most recent first."""
    words = WORDS.get(lang, WORDS["en"])
    chapters = sorted(
        (r for r in records.values() if r["kind"] == "chapter"),
        key=lambda r: (r["updated"], -(r["nav_index"] or 0)),
        reverse=True,
    )
    wrapper = etree.Element("div", {"class": "changes__pages"})
    table = etree.SubElement(wrapper, "table")
    head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    for label in words["columns"]:
        cell = etree.SubElement(head, "th", {"scope": "col"})
        cell.text = AtomicString(label)
    body = etree.SubElement(table, "tbody")
    for record in chapters:
        row = etree.SubElement(body, "tr")
        name = etree.SubElement(row, "td")
        link = etree.SubElement(name, "a", {"href": record["src"]})
        link.text = AtomicString(record["title"])
        when = etree.SubElement(row, "td")
        time = etree.SubElement(when, "time", {"datetime": record["updated"]})
        time.text = AtomicString(record["updated_display"])
    return wrapper


FEED = "whats-new.xml"


def atom_feed(
    changes: list[Change], records: dict, charts: dict, *, site_name: str, site_url: str, page_url: str
) -> str:
    """The What's new log as an Atom feed, so feed readers tell readers what changed."""
    import hashlib
    from xml.sax.saxutils import escape

    def entry(change: Change) -> str:
        digest = hashlib.sha1(f"{change.date}\n{change.summary}".encode()).hexdigest()[:12]
        title = f"{KINDS.get(change.kind, change.kind)}: {change.summary.split('. ')[0].rstrip('.')}"
        links = [(records[p]["title"], records[p]["permalink"]) for p in change.pages if p in records]
        links += [
            (charts[c]["title"] + " (chart)", charts[c]["permalink"])
            for c in change.charts
            if c in charts and charts[c].get("permalink")
        ]
        where = "".join(f'<li><a href="{escape(url)}">{escape(name)}</a></li>' for name, url in links)
        body = f"<p>{escape(change.summary)}</p>" + (f"<ul>{where}</ul>" if where else "")
        href = links[0][1] if links else page_url
        return (
            f"  <entry>\n    <id>{escape(page_url)}#{change.date}-{digest}</id>\n"
            f"    <title>{escape(title)}</title>\n    <updated>{change.date}T00:00:00Z</updated>\n"
            f'    <link href="{escape(href)}"/>\n'
            f'    <content type="html">{escape(body)}</content>\n  </entry>\n'
        )

    updated = max((c.date for c in changes), default="1970-01-01")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <id>{escape(page_url)}</id>\n  <title>{escape(site_name)}: what's new</title>\n"
        f'  <link rel="alternate" href="{escape(page_url)}"/>\n'
        f'  <link rel="self" href="{escape(site_url + "generated/" + FEED)}"/>\n'
        f"  <updated>{updated}T00:00:00Z</updated>\n  <author><name>{escape(site_name)}</name></author>\n"
        + "".join(entry(c) for c in changes)
        + "</feed>\n"
    )
