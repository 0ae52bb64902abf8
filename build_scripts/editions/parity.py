"""Parity: a translated page has the English page's sections and footnote markers.

A translation (``content-es/SLUG.md``) must give its headings the English anchors (``{#anchor}``,
in the same order and at the same levels), and each section must carry the same footnote
markers (``[^SOURCE-ID:CLAIM-KEY]``) in the same order as the English section. A new section or
footnote in one language only, or a marker moved to another section, stops the build, naming
the file, the section and what differs. A pre-build check (``build_scripts.prebuild.CHECKS``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, problem_at
from ..essays import read_page
from ..inputs import Inputs
from . import editions

TOP = "(before the first heading)"


@dataclass(frozen=True)
class Section:
    anchor: str  # the heading's id; TOP for what comes before the first heading
    level: int
    line: int
    markers: tuple[str, ...]  # "SOURCE-ID:CLAIM-KEY" (or "SOURCE-ID") in reading order


def outline(path: Path) -> list[Section]:
    """The page's sections in order, each with its footnote markers."""
    page = read_page(path)
    starts = [(h.line, h.id, h.level) for h in page.headings]
    sections: list[tuple[str, int, int, list[str]]] = [(TOP, 0, 1, [])]
    for line, anchor, level in starts:
        sections.append((anchor, level, line, []))
    for citation in page.citations:
        index = sum(1 for line, _, _ in starts if line <= citation.line)
        key = f"{citation.source_id}:{citation.claim}" if citation.claim is not None else citation.source_id
        sections[index][3].append(key)
    found = [Section(a, lvl, ln, tuple(m)) for a, lvl, ln, m in sections]
    return found if found[0].markers else found[1:]  # an empty top is no section


def parity(english: Path, translation: Path) -> Iterator[Problem]:
    """What differs between the two pages' outlines, one problem per section that differs."""
    ours, theirs = outline(english), outline(translation)
    english_name = _name(english)
    anchors, translated = [s.anchor for s in ours], [s.anchor for s in theirs]
    if anchors != translated:
        index = next(i for i, pair in enumerate(zip(anchors + [None], translated + [None])) if pair[0] != pair[1])
        expected = anchors[index] if index < len(anchors) else None
        got = theirs[index] if index < len(theirs) else None
        at = problem_at(translation, got.line if got else None)
        if got is None:
            yield at(
                f"section '#{expected}' of {english_name} is missing from the translation",
                fix=f"translate it, under a heading with {{#{expected}}}",
            )
        elif expected is None:
            yield at(
                f"section '#{got.anchor}' is not in {english_name}",
                fix="remove it, or add it to the English page first",
            )
        else:
            yield at(
                f"section '#{got.anchor}' stands where {english_name} has '#{expected}'",
                fix=f"give the heading the English anchor, {{#{expected}}}, and keep the sections in the English order",
            )
        return
    for en, es in zip(ours, theirs):
        if en.level != es.level:
            yield problem_at(translation, es.line)(
                f"section '#{es.anchor}' is a level-{es.level} heading; in {english_name} it is level {en.level}",
                fix=f"write it with {'#' * en.level}",
            )
        if en.markers != es.markers:
            yield problem_at(translation, es.line)(
                f"section '#{es.anchor}': footnote markers differ from {english_name}: {_difference(en.markers, es.markers)}",
                fix="keep every footnote marker of the English section, in the same order",
            )


def _difference(english: tuple[str, ...], translation: tuple[str, ...]) -> str:
    missing = [m for m in english if m not in translation]
    extra = [m for m in translation if m not in english]
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(f"[^{m}]" for m in missing))
        if extra:
            parts.append("not in the English " + ", ".join(f"[^{m}]" for m in extra))
        return "; ".join(parts)
    return (
        "English order "
        + " ".join(f"[^{m}]" for m in english)
        + ", translation "
        + " ".join(f"[^{m}]" for m in translation)
    )


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def translation_problems(inputs: Inputs) -> Iterator[Problem]:
    """Every edition's translated pages against their English pages; a translation of a page
    that does not exist in English is an error too."""
    content = inputs.project.content
    for edition in editions(inputs.project):
        for translation in sorted(edition.folder.glob("*.md")):
            english = content / translation.name
            if not english.is_file():
                yield problem_at(translation)(
                    f"no English page content/{translation.name} for this translation",
                    fix="name the file as its English page, or remove it",
                )
                continue
            yield from parity(english, translation)
