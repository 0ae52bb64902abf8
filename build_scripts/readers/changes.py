"""What's new (``changes.yml``): dated changes to chapters, data and charts, newest first."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from markdown.util import AtomicString

from ..errors import Problem, problem_at, stop_if_any
from ..inputs import Inputs
from ..schemas import schema_errors
from ..yamlio import item_line, line_of, load_list
from .pages import display_date

KINDS = {"chapter": "Chapter", "chart": "Chart", "data": "Data", "site": "Site"}
#: The other editions' texts an entry carries (``es: {summary: …}``; changes.schema.json names each).
LANGUAGE_BLOCKS = ("es",)
#: The words of the lists and of the feed, per edition language. The summaries are the entries' own
#: (``summary`` in English, ``es: {summary: …}`` in Spanish).
WORDS = {
    "en": {
        "kinds": KINDS,
        "none": "No changes recorded yet.",
        "see": "See: ",
        "chart": " (chart)",
        "columns": ("Chapter", "Last updated"),
        "feed": "{site}: what's new",
    },
    "es": {
        "kinds": {"chapter": "Capítulo", "chart": "Gráfica", "data": "Datos", "site": "Sitio"},
        "none": "Todavía no hay cambios registrados.",
        "see": "Ver: ",
        "chart": " (gráfica)",
        "columns": ("Capítulo", "Última actualización"),
        "feed": "{site}: novedades",
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
    translations: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def summary_in(self, lang: str) -> str:
        """The summary in ``lang`` (English when the entry has no text in it: the pre-build
        refuses that while the ``lang`` edition exists)."""
        return self.translations.get(lang, self.summary) if lang != "en" else self.summary

    def is_translated(self, lang: str) -> bool:
        return lang == "en" or lang in self.translations


def changes_problems(inputs: Inputs) -> Iterator[Problem]:
    """Every problem of the log (if there is one): each entry against
    ``schemas/changes.schema.json``, then that the pages and charts it names exist, and that it has
    its summary in the language of every edition (``content-<lang>/``), with the English numbers."""
    path, content_dir, charts_dir = inputs.project.changes, inputs.project.content, inputs.project.charts
    if not path.is_file():
        return
    languages = _edition_languages(inputs.project)
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
        for lang in languages:
            yield from _translation_problems(entry, label, lang, at)


def _translation_problems(entry: dict, label: str, lang: str, at) -> Iterator[Problem]:
    """The entry's text in ``lang`` is there (``lang: {summary: …}``) and has the English numbers."""
    from ..editions.parity import number_difference, numbers

    block = entry.get(lang) or {}
    summary = block.get("summary")
    if not summary:
        yield at(
            f"{label} ({_iso(entry['date'])}): no {lang} text for '{lang}.summary': the {lang} edition's "
            "What's new page and feed cannot show it",
            fix=f"add to the entry `{lang}: {{summary: …}}`, the English summary in the edition's language: the "
            f"same facts and numbers, each chapter named by its title in content-{lang}/edition.yml "
            "(docs/glossary-changes-redirects.md)",
        )
        return
    said = number_difference(numbers(entry["summary"]), numbers(summary))
    if said:
        yield at(
            f"{label} ({_iso(entry['date'])}): the numbers of '{lang}.summary' differ from the English summary's: {said}",
            fix="say what the English summary says, with the same numbers written in digits (a date as "
            "'3 de marzo de 2026' for '3 March 2026'); change the English first if a number is wrong",
        )


def _iso(date) -> str:
    return date.isoformat() if isinstance(date, dt.date) else str(date)


def _edition_languages(project) -> list[str]:
    from ..editions import edition_folders

    return [folder.name.removeprefix("content-") for folder in edition_folders(project)]


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
    translations = {
        lang: " ".join(entry[lang]["summary"].split())
        for lang in LANGUAGE_BLOCKS
        if isinstance(entry.get(lang), dict) and entry[lang].get("summary")
    }
    return Change(
        _iso(entry["date"]),
        entry["kind"],
        " ".join(entry["summary"].split()),
        tuple(entry.get("pages") or ()),
        tuple(entry.get("charts") or ()),
        line_of(entry),
        translations,
    )


def changes_element(changes: list[Change], records: dict, charts: dict, lang: str = "en") -> etree.Element:
    """The What's new list: one entry per change, grouped by date, newest first, in the edition's
    language ``lang`` (each entry's summary in it). ``records``: the pages' records, with their
    titles in that language (``in_english``: a page the edition shows in English, its title too)."""
    words = WORDS.get(lang, WORDS["en"])
    root = etree.Element("div", {"class": "changes"})
    if lang != "en":  # also on a page the edition shows in English (its text is marked lang="en")
        root.set("lang", lang)
    if not changes:
        para = etree.SubElement(root, "p")
        para.text = AtomicString(words["none"])
        return root
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
        if not change.is_translated(lang):
            summary.set("lang", "en")
        summary.text = AtomicString(change.summary_in(lang))
        links = [(records[p]["title"], p, records[p].get("in_english")) for p in change.pages if p in records]
        links += [
            (charts[c]["title"] + words["chart"], f"{charts[c]['home']}#chart-{c}", False)
            for c in change.charts
            if c in charts and charts[c].get("home")
        ]
        if links:
            where = etree.SubElement(item, "p", {"class": "change__where"})
            where.text = AtomicString(words["see"])
            for index, (title, href, in_english) in enumerate(links):
                link = etree.SubElement(where, "a", {"href": href, **({"lang": "en"} if in_english else {})})
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


#: The feed's file, below each edition's ``generated/`` folder: ``generated/whats-new.xml`` for the
#: English site, ``es/generated/whats-new.xml`` for the Spanish edition. Every page advertises its
#: edition's feed in <head> (``extra.feed`` in mkdocs.yml, ``overrides/main.html``).
FEED = "whats-new.xml"


def atom_feed(
    changes: list[Change],
    records: dict,
    charts: dict,
    *,
    site_name: str,
    site_url: str,
    page_url: str,
    lang: str = "en",
) -> str:
    """The What's new log as an Atom feed, so feed readers tell readers what changed: in the
    edition's language ``lang`` (its summaries, titles and words; ``records`` and ``charts`` are
    the edition's records, whose titles and addresses are its own), for the edition whose root
    address is ``site_url`` and whose What's new page is ``page_url``."""
    import hashlib
    from xml.sax.saxutils import escape, quoteattr

    words = WORDS.get(lang, WORDS["en"])

    def entry(change: Change) -> str:
        summary = change.summary_in(lang)
        digest = hashlib.sha1(f"{change.date}\n{summary}".encode()).hexdigest()[:12]
        title = f"{words['kinds'].get(change.kind, change.kind)}: {summary.split('. ')[0].rstrip('.')}"
        links = [(records[p]["title"], records[p]["permalink"]) for p in change.pages if p in records]
        links += [
            (charts[c]["title"] + words["chart"], charts[c]["permalink"])
            for c in change.charts
            if c in charts and charts[c].get("permalink")
        ]
        where = "".join(f'<li><a href="{escape(url)}">{escape(name)}</a></li>' for name, url in links)
        body = f"<p>{escape(summary)}</p>" + (f"<ul>{where}</ul>" if where else "")
        href = links[0][1] if links else page_url
        language = "" if change.is_translated(lang) else ' xml:lang="en"'
        return (
            f"  <entry>\n    <id>{escape(page_url)}#{change.date}-{digest}</id>\n"
            f"    <title{language}>{escape(title)}</title>\n    <updated>{change.date}T00:00:00Z</updated>\n"
            f"    <link href={quoteattr(href)}/>\n"
            f'    <content type="html"{language}>{escape(body)}</content>\n  </entry>\n'
        )

    updated = max((c.date for c in changes), default="1970-01-01")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>\n'
        f"  <id>{escape(page_url)}</id>\n  <title>{escape(words['feed'].format(site=site_name))}</title>\n"
        f'  <link rel="alternate" type="text/html" href={quoteattr(page_url)}/>\n'
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(site_url + "generated/" + FEED)}/>\n'
        f"  <updated>{updated}T00:00:00Z</updated>\n  <author><name>{escape(site_name)}</name></author>\n"
        + "".join(entry(c) for c in changes)
        + "</feed>\n"
    )
