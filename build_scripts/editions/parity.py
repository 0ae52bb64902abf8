"""Parity: a translated page has the English page's sections, paragraphs, notes, charts and numbers.

A translation (``content-es/SLUG.md``) must give its headings the English anchors (``{#anchor}``,
in the same order and at the same levels); each section must carry the same footnote markers
(``[^SOURCE-ID:CLAIM-KEY]``) in the same order as the English section, and the same paragraphs
(blocks between blank lines: paragraphs, lists, tables, charts); and each paragraph the same
markers, the same charts and the same numbers as its English paragraph. A new section,
paragraph or footnote in one language only, a marker moved, a chart missing or a changed number
stops the build, naming the file, the line, the section and what differs. A pre-build check
(``build_scripts.prebuild.CHECKS``).

Numbers are compared as written with digits, thousands separators dropped ("33,550" is 33550,
the same in English and in Mexican Spanish; "11.1" keeps its point), so a translation writes
"1.5 mil millones" for "1.5 billion", not "1,500 millones". A Spanish century in Roman numerals
("siglo XX") counts as its number, as the English "20th century" does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, problem_at
from ..essays import HEADING, SHORTCODE, read_page
from ..evidence.claims import normal_number, written_numbers
from ..inputs import Inputs
from . import editions

TOP = "(before the first heading)"


@dataclass(frozen=True)
class Block:
    """A paragraph, list, table or chart: the lines between two blank lines."""

    line: int
    markers: tuple[str, ...]  # footnote markers in reading order
    charts: tuple[str, ...]  # the shortcodes it holds, e.g. "chart homicides-mexico"
    numbers: tuple[str, ...]  # the numbers written with digits, sorted (a multiset)


@dataclass(frozen=True)
class Section:
    anchor: str  # the heading's id; TOP for what comes before the first heading
    level: int
    line: int
    markers: tuple[str, ...]  # "SOURCE-ID:CLAIM-KEY" (or "SOURCE-ID") in reading order
    blocks: tuple[Block, ...] = ()


MARKER = re.compile(r"\[\^([^\]\s,]+?)(?:,[^\]]*)?\](?!:)")
NOT_PROSE = re.compile(
    r"\[\^[^\]]*\]"  # footnote markers and definitions
    r"|\]\([^)]*\)"  # link targets
    r"|\{[^}]*\}"  # attribute lists and anchors
    r"|<!--.*?-->"  # comments and shortcodes
    r"|<[^>]+>"  # HTML tags and their attributes
    r"|`[^`]*`"  # code
)
FISCAL_YEAR = re.compile(r"\bFY(?=\d{4}\b)")
CENTURY = re.compile(r"\bsiglos?\s+([IVXL]+)\b")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


# The English page's "(… our translation)" after a quotation in another language: the
# translation gives the quotation's own words (and numbers) in the source's language instead.
OUR_TRANSLATION_ASIDE = re.compile(r"\((?:[^()]|\([^()]*\))*?\bour translation[.,;]?\)", re.I)


def numbers(text: str) -> tuple[str, ...]:
    """The numbers a reader reads in ``text``, read by the evidence check's one rule
    (``evidence.claims.written_numbers`` and ``normal_number``: 33,550 is 33550, 11.1 and 11,1
    are 11.1), each as often as it is written, sorted."""
    prose = NOT_PROSE.sub(" ", OUR_TRANSLATION_ASIDE.sub(" ", text))
    prose = FISCAL_YEAR.sub(" ", prose)  # "FY2008" is the year 2008 ("año fiscal 2008")
    found = [normal_number(written) for written in written_numbers(prose)]
    found += [str(_roman(match)) for match in CENTURY.findall(prose)]
    return tuple(sorted(found))


def _roman(numeral: str) -> int:
    values = [ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _block(lines: list[tuple[int, str]]) -> Block:
    text = "\n".join(line for _, line in lines)
    markers = tuple(
        key for key in MARKER.findall(text) if not any(line.lstrip().startswith(f"[^{key}]:") for _, line in lines)
    )
    charts = tuple(" ".join(filter(None, m.groups())) for _, line in lines if (m := SHORTCODE.match(line)))
    return Block(lines[0][0], markers, charts, numbers(text))


def _blocks(body: list[tuple[int, str]]) -> list[list[Block]]:
    """The blocks of each section: index 0 before the first heading, then one list a heading."""
    sections: list[list[Block]] = [[]]
    current: list[tuple[int, str]] = []

    def close() -> None:
        if current and not all(re.fullmatch(r"\s*<!--(?!\s*md:).*-->\s*", line) for _, line in current):
            sections[-1].append(_block(current))
        current.clear()

    for number, line in body:
        if HEADING.match(line):
            close()
            sections.append([])
        elif line.strip():
            current.append((number, line))
        else:
            close()
    close()
    return sections


def outline(path: Path) -> list[Section]:
    """The page's sections in order, each with its footnote markers and its blocks."""
    page = read_page(path)
    starts = [(h.line, h.id, h.level) for h in page.headings]
    sections: list[tuple[str, int, int, list[str]]] = [(TOP, 0, 1, [])]
    for line, anchor, level in starts:
        sections.append((anchor, level, line, []))
    for citation in page.citations:
        index = sum(1 for line, _, _ in starts if line <= citation.line)
        key = f"{citation.source_id}:{citation.claim}" if citation.claim is not None else citation.source_id
        sections[index][3].append(key)
    blocks = _blocks(page.body)
    found = [Section(a, lvl, ln, tuple(m), tuple(b)) for (a, lvl, ln, m), b in zip(sections, blocks)]
    return found if found[0].markers or found[0].blocks else found[1:]  # an empty top is no section


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
        else:
            yield from _paragraphs(en, es, translation, english_name)


def _paragraphs(en: Section, es: Section, translation: Path, english_name: str) -> Iterator[Problem]:
    """Within a section: the same paragraphs, each with the English paragraph's markers, charts, numbers."""
    if len(en.blocks) != len(es.blocks):
        first = next(
            (i for i, (a, b) in enumerate(zip(en.blocks, es.blocks)) if (a.markers, a.charts) != (b.markers, b.charts)),
            min(len(en.blocks), len(es.blocks)),
        )
        line = es.blocks[first].line if first < len(es.blocks) else es.line
        where = en.blocks[first].line if first < len(en.blocks) else en.line
        yield problem_at(translation, line)(
            f"section '#{es.anchor}' has {len(es.blocks)} paragraphs, {english_name} has {len(en.blocks)}: "
            f"they part at this paragraph (English line {where})",
            fix="translate paragraph for paragraph: one paragraph, list, table or chart for each of the English page's, separated by blank lines",
        )
        return
    for number, (a, b) in enumerate(zip(en.blocks, es.blocks), start=1):
        at = problem_at(translation, b.line)
        where = f"section '#{es.anchor}', paragraph {number}"
        if a.markers != b.markers:
            yield at(
                f"{where}: footnote markers differ from {english_name} line {a.line}: {_difference(a.markers, b.markers)}",
                fix="keep each footnote marker in the paragraph that carries it in English",
            )
        if a.charts != b.charts:
            yield at(
                f"{where}: charts and shortcodes differ from {english_name} line {a.line}: "
                f"English {list(a.charts)}, translation {list(b.charts)}",
                fix="keep the English paragraph's <!-- md:... --> lines as they are",
            )
        if a.numbers != b.numbers:
            said = number_difference(a.numbers, b.numbers)
            yield at(
                f"{where}: numbers differ from {english_name} line {a.line}: {said}",
                fix="write every number of the English paragraph with the same digits (33,550; 11.1; '1.5 mil millones' for '1.5 billion'), and no other",
            )


def number_difference(english: tuple[str, ...], translation: tuple[str, ...]) -> str:
    """How the numbers of a translation differ from the English ones, counting repeats:
    "missing 11.1; not in the English 11.7" ("" when they are the same)."""
    missing = sorted((Counter(english) - Counter(translation)).elements())
    extra = sorted((Counter(translation) - Counter(english)).elements())
    parts = [
        f"missing {', '.join(missing)}" if missing else "",
        f"not in the English {', '.join(extra)}" if extra else "",
    ]
    return "; ".join(part for part in parts if part)


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
