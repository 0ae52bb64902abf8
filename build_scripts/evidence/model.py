"""Evidence files: ``evidence/SLUG.yml`` holds, for the page ``content/SLUG.md``, the words in
each source that carry each footnoted claim, one entry per ``SOURCE-ID:CLAIM-KEY``::

    porter-wapo-2024:cjng-fentanyl:
      quote: "The Jalisco New Generation Cartel ... did not exist in 2006."
    sheinbaum-2026-03-06:joint-work:
      quote: "Se trabaja conjuntamente, ... cada quien operando en su territorio"
      translation: "We work together, ... each operating in its own territory"
    inegi-homicides:yearly-counts:
      pinpoint: "Table 'Defunciones por homicidio', national total by year of occurrence"
      es: {pinpoint: "Tabla 'Defunciones por homicidio', total nacional por año de ocurrencia"}

An entry's ``es:`` block gives its own words (the pinpoint) in Spanish, for the Spanish edition;
the quote is the source's and is never translated there.

The file's shape is checked by ``build_scripts/schemas/evidence.schema.json``; what needs the
registry (a known source id, a translation for a source not in English) by :func:`entry_problems`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema

from ..errors import Problem, Problems
from ..schemas import load_schema, schema_errors
from ..yamlio import load_yaml

CLAIM_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ENTRY_KEY = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*:[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEY_LINE = re.compile(r"""^(["']?)([^\s"'#][^\s"']*?)\1\s*:(?:\s|$)""")


@dataclass(frozen=True)
class Evidence:
    """The words (or the place) in one source that carry one claim."""

    source_id: str
    claim: str
    quote: str | None = None
    translation: str | None = None
    pinpoint: str | None = None
    es: dict[str, str] = field(default_factory=dict, compare=False)  # the pinpoint in Spanish
    file: Path | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        return f"{self.source_id}:{self.claim}"

    def words(self, key: str, language: str) -> str | None:
        """The entry's own words under ``key`` (``pinpoint``) in ``language``: the ``es:``
        block's text in the Spanish edition, else the English (see :meth:`has_words`)."""
        if language != "en" and key in self.es:
            return self.es[key]
        return getattr(self, key)

    def has_words(self, key: str, language: str) -> bool:
        """Whether :meth:`words` gives ``key`` in ``language`` itself (not the English instead)."""
        return language == "en" or key in self.es


@dataclass
class EvidenceFile:
    path: Path
    entries: dict[str, Evidence]  # by "SOURCE-ID:CLAIM-KEY"
    exists: bool = True

    def get(self, source_id: str, claim: str) -> Evidence | None:
        return self.entries.get(f"{source_id}:{claim}")

    def __iter__(self):
        return iter(self.entries.values())


def evidence_file_for(evidence_dir: Path, page: str | Path) -> Path:
    """``evidence/kingpin.yml`` for ``kingpin.md`` (a page path relative to ``content/``)."""
    return Path(evidence_dir) / Path(page).with_suffix(".yml")


def read_evidence(path: Path) -> EvidenceFile:
    """Read and check the shape of one evidence file; a missing file is an empty one.
    Stops (raises) with every problem found, each with file, line and fix."""
    path = Path(path)
    if not path.is_file():
        return EvidenceFile(path, {}, exists=False)
    data = load_yaml(path, what="the evidence file")
    if data is None:
        return EvidenceFile(path, {})
    lines = key_lines(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        fix = 'write one entry per claim: `porter-wapo-2024:cjng-fentanyl:` then an indented `quote: "…"`'
        raise Problem("an evidence file must be a mapping of SOURCE-ID:CLAIM-KEY to an entry", path, 1, fix=fix)
    found = Problems()
    entries: dict[str, Evidence] = {}
    for key, value in data.items():
        line = lines.get(str(key))
        if not isinstance(key, str) or not ENTRY_KEY.match(key):
            fix = (
                "write the registry id, a colon and a short lowercase claim key of letters, digits "
                "and hyphens, e.g. porter-wapo-2024:cjng-fentanyl"
            )
            found.add(Problem(f"evidence key {str(key)!r} is not SOURCE-ID:CLAIM-KEY", path, line, fix=fix))
            continue
        problems = _entry_schema_errors(value, key, path, line)
        if problems:
            found.collect(problems)
            continue
        source_id, claim = key.split(":", 1)
        entries[key] = Evidence(
            source_id,
            claim,
            quote=_text(value.get("quote")),
            translation=_text(value.get("translation")),
            pinpoint=_text(value.get("pinpoint")),
            es={k: text for k, v in (value.get("es") or {}).items() if (text := _text(v))},
            file=path,
            line=line,
        )
    found.raise_if_any()
    return EvidenceFile(path, entries)


def _entry_schema_errors(value, key: str, path: Path, line: int | None) -> list[Problem]:
    if isinstance(value, dict) and not value.get("quote") and not value.get("pinpoint"):
        return [
            Problem(
                f"evidence '{key}' has neither a quote nor a pinpoint",
                file=path,
                line=line,
                fix="add `quote:` with the source's exact words that support the sentence, or, for a whole "
                "work with no single passage (a dataset, a book read via a review), `pinpoint:` (table, "
                "page, series, section or timestamp)",
            )
        ]
    schema = load_schema("evidence")
    entry_schema = {**schema["$defs"]["entry"], "$defs": schema["$defs"]}
    validator = jsonschema.Draft202012Validator(entry_schema)
    if not any(True for _ in validator.iter_errors(value)):
        return []
    problems = schema_errors({key: value}, "evidence", file=path, what=f"evidence '{key}'")
    for problem in problems:
        problem.line = line
    return problems


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key of a YAML mapping (for file:line errors)."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _KEY_LINE.match(line)
        if match and match.group(2) not in found:
            found[match.group(2)] = number
    return found
