"""Checks that tie the pages, their evidence files and the registry together (pre-build).

- every ``[^SOURCE-ID:CLAIM-KEY]`` on a page has its entry in the page's evidence file;
- every entry names a known source, and gives a translation when the source is not in English;
- an entry no marker uses is a warning; an evidence file with no page is an error;
- a footnote in the older forms (``[^id]``, ``[^id, pinpoint]``) carries no evidence: a warning
  listed once per page in an ordinary build, an error in the publishing build.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, StopBuild, display_path
from ..essays import Essay
from ..inputs import Inputs
from ..registry import Registry
from .claims import (
    claims_of,
    normal_number,
    numbers_in,
    quote_found,
    quoted_parts,
    says_our_translation,
    sentence_numbers,
)
from .model import CLAIM_KEY, EvidenceFile, evidence_file_for, key_lines, read_evidence

TIERS = ("primary", "report", "copy")


@dataclass
class PageEvidence:
    """What one page's footnotes rest on."""

    page: Path
    tiers: Counter = field(default_factory=Counter)  # claims (one per note) per tier
    notes_without_evidence: int = 0


def marker_error(
    source_id: str, claim: str, pinpoint: str | None, *, file, line, evidence_path: Path
) -> Problem | None:
    """The problem with a ``[^id:claim]`` marker itself (not its entry), or None."""
    if not claim:
        return Problem(
            f"the footnote [^{source_id}:] has no claim key after the colon",
            file=file,
            line=line,
            fix=f"name the claim, e.g. [^{source_id}:what-it-supports], and give it an entry in "
            f"{display_path(evidence_path)}",
        )
    if not CLAIM_KEY.match(claim):
        suggestion = "-".join(
            part for part in "".join(c if c.isalnum() else "-" for c in claim.lower()).split("-") if part
        )
        return Problem(
            f"claim key '{claim}' in [^{source_id}:{claim}] is not a lowercase slug",
            file=file,
            line=line,
            fix=f"use lowercase letters, digits and hyphens, e.g. [^{source_id}:{suggestion or 'claim-key'}]",
        )
    if pinpoint:
        return Problem(
            f"[^{source_id}:{claim}, {pinpoint}] mixes the claim notation with a pinpoint",
            file=file,
            line=line,
            fix=f'write [^{source_id}:{claim}] and put `pinpoint: "{pinpoint}"` in its entry in '
            f"{display_path(evidence_path)}",
        )
    return None


def missing_entry_error(source_id: str, claim: str, *, file, line, evidence_path: Path) -> Problem:
    return Problem(
        f"no evidence for [^{source_id}:{claim}]: {display_path(evidence_path)} has no entry '{source_id}:{claim}'",
        file=file,
        line=line,
        fix=f"add to {display_path(evidence_path)}:\n        {source_id}:{claim}:\n"
        '          quote: "the exact words in the source that support the sentence"\n'
        "      (or `pinpoint:` for a whole work; see docs/evidence.md)",
    )


def entry_problems(evidence: EvidenceFile, registry: Registry) -> Iterator[Problem]:
    """Problems of entries that need the registry."""
    for entry in evidence:
        if entry.source_id not in registry:
            error = registry.unknown_id_error(entry.source_id, file=entry.file, line=entry.line)
            error.message = f"evidence '{entry.key}' names an unknown source id '{entry.source_id}'"
            yield error
            continue
        source = registry.get(entry.source_id)
        if entry.quote and source.language != "en" and not entry.translation:
            yield Problem(
                f"evidence '{entry.key}' quotes a source in '{source.language}' without a translation",
                file=entry.file,
                line=entry.line,
                fix='add `translation: "…"` with our English translation of the quote',
            )


def evidence_problems(inputs: Inputs) -> Iterator[Problem]:
    """Every page against its evidence file, then evidence files named after no page."""
    seen: set[Path] = set()
    for essay in inputs.essays:
        path = evidence_file_for(inputs.project.evidence, _page_name(essay, inputs.project.content))
        seen.add(path.resolve())
        yield from page_evidence_problems(essay, path, inputs)
    if inputs.project.evidence.is_dir():
        for stray in sorted(inputs.project.evidence.rglob("*.yml")):
            if stray.resolve() not in seen:
                page_name = stray.relative_to(inputs.project.evidence).with_suffix(".md")
                yield Problem(
                    f"evidence file for a page that does not exist (content/{page_name})",
                    file=stray,
                    line=1,
                    fix="name the file after its page: evidence/SLUG.yml for content/SLUG.md",
                )


def page_evidence_problems(essay: Essay, path: Path, inputs: Inputs) -> Iterator[Problem]:
    """One page's markers against its evidence file ``path``."""
    registry = inputs.registry
    broken: set[str] = set()  # keys of entries already reported as malformed
    try:
        evidence = read_evidence(path)
    except StopBuild as stop:
        yield from stop.problems
        evidence = EvidenceFile(path, {})
        broken = set(key_lines(path.read_text(encoding="utf-8")))
    yield from entry_problems(evidence, registry)
    yield from placeholder_problems(evidence, publish=inputs.publish)
    used: set[str] = set()
    without_evidence: list[int] = []  # lines of old-form footnote markers
    for citation in essay.citations:
        key = f"{citation.source_id}:{citation.claim}"
        if citation.source_id not in registry or key in broken:
            continue  # reported by the essay checks, or as a malformed entry
        if citation.claim is None:
            without_evidence.append(citation.line)
            continue
        where = dict(file=essay.path, line=citation.line, evidence_path=path)
        problem = marker_error(citation.source_id, citation.claim, citation.pinpoint, **where)
        if problem is None and evidence.get(citation.source_id, citation.claim) is None:
            problem = missing_entry_error(citation.source_id, citation.claim, **where)
        if problem is not None:
            yield problem
            continue
        used.add(key)
    for entry in evidence:
        if entry.key not in used:
            yield Problem(
                f"evidence '{entry.key}' is not used on {essay.path.name}",
                file=entry.file,
                line=entry.line,
                fix=f"cite it as [^{entry.key}] on the page, or delete the entry",
                severity="warning",
            )
    if without_evidence:
        yield from without_evidence_problems(essay.path, without_evidence, path, publish=inputs.publish)
    yield from claim_problems(essay, evidence, registry, inputs.project.charts)


def page_tiers(inputs: Inputs) -> list[PageEvidence]:
    """Per page, how many notes (one per claim) rest on each source tier, and how many carry no evidence."""
    pages = []
    for essay in inputs.essays:
        page, notes = PageEvidence(essay.path), set()
        for citation in essay.citations:
            note = (citation.source_id, citation.claim, citation.pinpoint if citation.claim is None else None)
            if citation.source_id in inputs.registry and note not in notes:
                notes.add(note)
                page.tiers[inputs.registry.get(citation.source_id).tier] += 1
                page.notes_without_evidence += citation.claim is None
        pages.append(page)
    return pages


def _page_name(essay: Essay, content_dir: Path) -> Path | str:
    return essay.path.relative_to(content_dir) if essay.path.is_relative_to(content_dir) else essay.path.name


def chart_numbers(essay: Essay, charts_dir: Path | None) -> set[str]:
    """Every number in the data (and chart.yml) of the charts the page embeds."""
    found: set[str] = set()
    for shortcode in essay.shortcodes:
        if shortcode.name != "chart" or not shortcode.argument or charts_dir is None:
            continue
        folder = charts_dir / shortcode.argument
        for name in ("data.csv", "chart.yml"):
            file = folder / name
            if not file.is_file():
                continue
            text = file.read_text(encoding="utf-8-sig", errors="replace")
            cells = re.split(r"[,;\t\r\n]", text) if name.endswith(".csv") else [text]
            for cell in cells:
                found.update(numbers_in(cell))
    return found


def claim_problems(
    essay: Essay, evidence: EvidenceFile, registry: Registry, charts_dir: Path | None
) -> Iterator[Problem]:
    """The quoted-words and numbers checks for every claim on the page whose markers all carry
    evidence (see :mod:`.claims`)."""
    in_charts: set[str] | None = None
    for claim in claims_of(essay.path):
        entries = [evidence.get(m.source_id, m.claim) if m.claim else None for m in claim.markers]
        if not entries or any(entry is None for entry in entries):
            continue  # an older form, or a problem already reported
        names = "".join(f"[^{entry.key}]" for entry in entries)
        where = ", ".join(f"{display_path(entry.file)}:{entry.line}" for entry in entries)
        translated = says_our_translation(claim)
        texts = [entry.quote or "" for entry in entries]
        if translated:  # "(our translation)": our English words, possibly beside the original's
            texts += [entry.translation for entry in entries if entry.translation]
        titles = [registry.get(e.source_id).title for e in entries if e.source_id in registry]
        for quoted, pieces in quoted_parts(claim.text):
            if not pieces or quote_found(pieces, texts) or quote_found(pieces, titles):
                continue
            if not any(texts):
                what = "but the evidence gives no quote, only a pinpoint"
            else:
                what = f"but not in the {'translation' if translated else 'quote'} of {names}"
            yield Problem(
                f'the words "{quoted}" are in quotation marks {what} ({where})',
                file=essay.path,
                line=claim.line,
                fix="quote the source's exact words: copy them from the source into the entry's `quote:`, "
                'or correct the quotation in the essay; if they are our translation, say "(our translation)" '
                "in the sentence and give them as the entry's `translation:`; a name (a nickname, a programme) "
                "is not a quotation: write it in italics or without quotation marks",
            )
        numbers = sentence_numbers(claim)
        if not numbers:
            continue
        allowed: set[str] = set()
        for entry in entries:
            for text in (entry.quote, entry.translation, entry.pinpoint):
                allowed.update(numbers_in(text or ""))
            if entry.source_id in registry:
                allowed.update(numbers_in(registry.get(entry.source_id).date.replace("-", " ")))
        missing = [raw for number, raw in numbers.items() if number not in allowed]
        if missing and in_charts is None:
            in_charts = chart_numbers(essay, charts_dir)
        for raw in [raw for raw in missing if normal_number(raw) not in (in_charts or set())]:
            yield Problem(
                f"the number {raw} is not in the evidence of {names} ({where}) nor in the data of a chart on this page",
                file=essay.path,
                line=claim.line,
                fix=f"extend the entry's quote to the source's words that give {raw}, or cite the source that "
                "gives it; a number the site computes itself is marked (our sum) or (our calculation)",
            )


def placeholder_problems(evidence: EvidenceFile, *, publish: bool) -> Iterator[Problem]:
    """A scaffold's FILL IN left in an evidence file: refused when publishing, a warning otherwise."""
    if not evidence.exists:
        return
    from ..checks.drafts import MARKER, placeholder_lines

    lines = placeholder_lines(evidence.path.read_text(encoding="utf-8"))
    fix = "replace it with the source's exact words (see docs/evidence.md)"
    if publish:
        for line in lines:
            yield Problem(f"evidence still has a {MARKER} placeholder", file=evidence.path, line=line, fix=fix)
    elif lines:
        message = f"evidence still has {len(lines)} {MARKER} placeholder(s)"
        fix += "; the publishing build refuses them"
        yield Problem(message, evidence.path, lines[0], fix=fix, severity="warning")


def without_evidence_problems(page: Path, lines: list[int], evidence_path: Path, *, publish: bool) -> Iterator[Problem]:
    """Footnotes in the older forms: each an error when publishing, else one warning for the page."""
    fix = (
        "cite each claim as [^SOURCE-ID:CLAIM-KEY] and give it an entry (quote or pinpoint) in "
        f"{display_path(evidence_path)} (see docs/evidence.md)"
    )
    if publish:
        message = "footnote without evidence (no quote or pinpoint): the publishing build refuses it"
        for line in lines:
            yield Problem(message, file=page, line=line, fix=fix)
        return
    unique = sorted(set(lines))
    shown = ", ".join(map(str, unique[:12])) + (", …" if len(unique) > 12 else "")
    yield Problem(
        f"{len(lines)} footnote(s) without evidence (no quote or pinpoint), on lines {shown}",
        file=page,
        line=lines[0],
        fix=fix + "; the publishing build refuses them",
        severity="warning",
    )


def tier_summary(pages: list[PageEvidence]) -> list[str]:
    """One line per chapter: how many claims rest on each tier, and how many carry no evidence."""
    out = []
    for page in pages:
        total = sum(page.tiers.values())
        if not total:
            continue
        counts = ", ".join(f"{page.tiers.get(tier, 0)} {tier}" for tier in TIERS)
        missing = page.notes_without_evidence
        extra = f"; {total - missing} with evidence, {missing} without" if missing else "; all with evidence"
        out.append(f"{page.page.name}: {total} notes rest on {counts}{extra}")
    return out
