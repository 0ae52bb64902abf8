"""The registry of sources: one YAML file (``sources.yml``), validated by a JSON Schema."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import Problem, Problems, problem_at
from .schemas import schema_errors
from .yamlio import line_of, load_yaml

#: The phrase that marks a ``title`` describing a work nobody saw the title of (a stand-in title),
#: in English or, in an ``es: {title}``, in Spanish.
UNTITLED = re.compile(
    r"\s*\((?:title not known|title unknown|untitled|title not seen"
    r"|t[ií]tulo desconocido|t[ií]tulo no conocido|sin t[ií]tulo|t[ií]tulo no visto)\)\s*$",
    re.I,
)

KIND_HEADINGS = {
    "memoir": "Memoirs and books",
    "book": "Memoirs and books",
    "op-ed": "Opinion and commentary",
    "analysis": "Analysis and research",
    "news-report": "News reports",
    "interview": "Interviews",
    "official-document": "Official documents",
    "press-release": "Official documents",
    "legislation": "Legislation",
    "dataset": "Datasets",
    "reference": "Reference works",
}


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title: str
    outlet: str
    date: str
    language: str
    status: str
    tier: str = "report"  # primary | report | copy (see the schema)
    original: str | None = None  # for a copy: a registry id or the original's title/outlet
    authors: tuple[dict[str, str], ...] = ()
    url: str | None = None
    archived_url: str | None = None
    archived_note: str | None = None
    accessed: str | None = None
    via: str | None = None
    title_reconstructed: bool = False
    date_approximate: bool = False
    publisher_place: str | None = None
    license: str | None = None
    note: str | None = None
    es: dict[str, str] = field(default_factory=dict, compare=False)  # note, archived_note, original in Spanish
    line: int | None = field(default=None, compare=False)

    def words(self, key: str, language: str) -> str | None:
        """The entry's own words under `key` (`note`, `archived_note`, `original`, a stand-in `title`,
        an `outlet` given with a description) in `language`: the `es:` block's text in the Spanish
        edition, else the English."""
        if language != "en" and key in self.es:
            return self.es[key]
        return getattr(self, key)

    def has_words(self, key: str, language: str) -> bool:
        """Whether :meth:`words` gives ``key`` in ``language`` itself (not the English instead)."""
        return language == "en" or key in self.es

    @property
    def group(self) -> str:
        return KIND_HEADINGS[self.kind]

    @property
    def standin_title(self) -> bool:
        """Whether ``title`` describes a work nobody saw the title of ("… (title not known)")."""
        return bool(UNTITLED.search(self.title))

    @property
    def display_title(self) -> str:
        """The title as readers of the English edition see it (:meth:`display_title_in`)."""
        return self.display_title_in("en")

    def display_title_in(self, language: str) -> str:
        """The title as readers see it in ``language``. A headline rebuilt from the address, or a
        description standing in for a title nobody saw (registry: "… (title not known)"), goes in
        square brackets, as APA does for untitled works; the research phrase itself is not shown.
        A stand-in is our own words, so the Spanish edition shows its ``es: {title}``; a real
        title stays in its language."""
        if self.standin_title:
            title = self.words("title", language)
            untitled = UNTITLED.search(title)
            return f"[{title[: untitled.start()].rstrip() if untitled else title}]"
        return f"[{self.title}]" if self.title_reconstructed else self.title


@dataclass
class Registry:
    path: Path
    sources: dict[str, Source]

    def __contains__(self, source_id: str) -> bool:
        return source_id in self.sources

    def __iter__(self):
        return iter(self.sources.values())

    def __len__(self) -> int:
        return len(self.sources)

    def get(self, source_id: str) -> Source:
        return self.sources[source_id]

    def original_in_words(self, source: Source) -> bool:
        """Whether a note names ``source``'s original by its ``original:`` words: a copy read with
        no address of its own whose original is not an entry here (a registry id is cited as a
        reference instead). Those words are the site's own, so an edition needs them translated."""
        return bool(source.tier == "copy" and source.original and source.original not in self.sources) and (
            not source.archived_url
        )

    def closest(self, source_id: str) -> str | None:
        matches = difflib.get_close_matches(source_id, list(self.sources), n=1, cutoff=0.5)
        return matches[0] if matches else None

    def unknown_id_error(self, source_id: str, *, file: Path | str, line: int | None) -> Problem:
        guess = self.closest(source_id)
        fix = (
            f"did you mean [^{guess}]? Otherwise add an entry with id '{source_id}' to {self.path.name}"
            if guess
            else f"add an entry with id '{source_id}' to {self.path.name} (see docs/adding-a-source.md)"
        )
        return Problem(f"unknown source id '{source_id}'", file=file, line=line, fix=fix)


def load_registry(path: Path) -> Registry:
    """Read and validate the registry; raise BuildErrors listing every problem found."""
    found = Problems()
    entries = load_yaml(path, what="the source registry")
    if not isinstance(entries, list):
        raise Problem(
            "the source registry must be a YAML list of entries", path, 1, fix="start each entry with '- id: …'"
        )
    sources: dict[str, Source] = {}
    for index, entry in enumerate(entries):
        problems = schema_errors(entry, "source", file=path, what=_entry_label(entry, index))
        found.collect(problems)
        if problems:
            continue
        source = _to_source(entry)
        found.collect(_address_problems(source, path))
        if source.id in sources:
            at = problem_at(path, source.line)
            first = sources[source.id].line
            message = f"duplicate source id '{source.id}' (first defined on line {first})"
            found.add(at(message, fix="give one of the two entries another id, or merge them"))
            continue
        sources[source.id] = source
    found.collect(_reference_problems(sources, path))
    found.raise_if_any()
    return Registry(path=path, sources=sources)


def _reference_problems(sources: dict[str, Source], path: Path) -> Iterator[Problem]:
    """`original` and `via` must name entries of the registry."""
    for source in sources.values():
        at = problem_at(path, source.line)
        if source.original and _looks_like_id(source.original) and source.original not in sources:
            guess = difflib.get_close_matches(source.original, list(sources), n=1, cutoff=0.6)
            yield at(
                f"source '{source.id}': 'original' names unknown source '{source.original}'",
                fix=(f"did you mean '{guess[0]}'? " if guess else "")
                + "give the id of the original's registry entry, or its title or outlet in words",
            )
        if source.via and source.via not in sources:
            message = f"source '{source.id}': 'via' names unknown source '{source.via}'"
            yield at(message, fix="set 'via' to the id of the registry entry that quotes this source")


def _looks_like_id(text: str) -> bool:
    """An `original` written as a registry id (lowercase, digits, hyphens; no spaces)."""
    return bool(re.fullmatch(r"[a-z0-9]+(?:[-.][a-z0-9]+)+", text)) and any(c.isdigit() for c in text)


WEB_SCHEMES = ("http", "https")


def _address_problems(source: Source, path: Path) -> Iterator[Problem]:
    """A registry address is where readers are sent: a web page (a "file:", "ftp:" or
    "javascript:" address would be a broken or unsafe link on every page citing the source)."""
    for key in ("url", "archived_url"):
        address = getattr(source, key)
        if address is not None and urlsplit(address).scheme.lower() not in WEB_SCHEMES:
            yield Problem(
                f"source '{source.id}': {key} '{address}' is not a web address",
                file=path,
                line=source.line,
                fix=f"give the page's https:// (or http://) address in `{key}:`; readers follow it from every note citing '{source.id}'",
            )


def _entry_label(entry: Any, index: int) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return f"source '{entry['id']}'"
    return f"source entry #{index + 1}"


def _to_source(entry: dict) -> Source:
    data = dict(entry)
    data["authors"] = tuple(dict(a) for a in data.get("authors", ()))
    data["es"] = dict(data.get("es") or {})
    return Source(**data, line=line_of(entry))
