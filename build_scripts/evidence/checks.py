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
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError, BuildErrors, ErrorCollector
from ..essays import Essay
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
    evidence: EvidenceFile
    tiers: Counter = field(default_factory=Counter)  # claims (one per note) per tier
    without_evidence: list[int] = field(default_factory=list)  # lines of old-form footnote markers
    notes_without_evidence: int = 0


def _display(path: Path) -> str:
    from ..errors import _display_path

    return _display_path(path)


def marker_error(
    source_id: str, claim: str, pinpoint: str | None, *, file, line, evidence_path: Path
) -> BuildError | None:
    """The problem with a ``[^id:claim]`` marker itself (not its entry), or None."""
    if not claim:
        return BuildError(
            f"the footnote [^{source_id}:] has no claim key after the colon",
            file=file,
            line=line,
            fix=f"name the claim, e.g. [^{source_id}:what-it-supports], and give it an entry in "
            f"{_display(evidence_path)}",
        )
    if not CLAIM_KEY.match(claim):
        suggestion = "-".join(
            part for part in "".join(c if c.isalnum() else "-" for c in claim.lower()).split("-") if part
        )
        return BuildError(
            f"claim key '{claim}' in [^{source_id}:{claim}] is not a lowercase slug",
            file=file,
            line=line,
            fix=f"use lowercase letters, digits and hyphens, e.g. [^{source_id}:{suggestion or 'claim-key'}]",
        )
    if pinpoint:
        return BuildError(
            f"[^{source_id}:{claim}, {pinpoint}] mixes the claim notation with a pinpoint",
            file=file,
            line=line,
            fix=f'write [^{source_id}:{claim}] and put `pinpoint: "{pinpoint}"` in its entry in '
            f"{_display(evidence_path)}",
        )
    return None


def missing_entry_error(source_id: str, claim: str, *, file, line, evidence_path: Path) -> BuildError:
    return BuildError(
        f"no evidence for [^{source_id}:{claim}]: {_display(evidence_path)} has no entry '{source_id}:{claim}'",
        file=file,
        line=line,
        fix=f"add to {_display(evidence_path)}:\n        {source_id}:{claim}:\n"
        '          quote: "the exact words in the source that support the sentence"\n'
        "      (or `pinpoint:` for a whole work; see docs/evidence.md)",
    )


def entry_problems(evidence: EvidenceFile, registry: Registry) -> list[BuildError]:
    """Problems of entries that need the registry."""
    problems = []
    for entry in evidence:
        if entry.source_id not in registry:
            error = registry.unknown_id_error(entry.source_id, file=entry.file, line=entry.line)
            error.message = f"evidence '{entry.key}' names an unknown source id '{entry.source_id}'"
            problems.append(error)
            continue
        source = registry.get(entry.source_id)
        if entry.quote and source.language != "en" and not entry.translation:
            problems.append(
                BuildError(
                    f"evidence '{entry.key}' quotes a source in '{source.language}' without a translation",
                    file=entry.file,
                    line=entry.line,
                    fix='add `translation: "…"` with our English translation of the quote',
                )
            )
    return problems


def check_evidence(
    essays: list[Essay],
    registry: Registry,
    content_dir: Path,
    evidence_dir: Path,
    *,
    publish: bool,
    charts_dir: Path | None = None,
) -> tuple[ErrorCollector, list[PageEvidence]]:
    """Check every page against its evidence file; return the problems and, per page, the tiers
    its claims rest on."""
    errors = ErrorCollector()
    pages: list[PageEvidence] = []
    seen_files: set[Path] = set()
    for essay in essays:
        relative = essay.path.relative_to(content_dir) if essay.path.is_relative_to(content_dir) else essay.path.name
        path = evidence_file_for(evidence_dir, relative)
        seen_files.add(path.resolve())
        broken: set[str] = set()  # keys of entries already reported as malformed
        try:
            evidence = read_evidence(path)
        except (BuildError, BuildErrors) as problem:
            errors.extend(problem.errors if isinstance(problem, BuildErrors) else [problem])
            evidence = EvidenceFile(path, {})
            broken = set(key_lines(path.read_text(encoding="utf-8")))
        errors.extend(entry_problems(evidence, registry))
        _report_placeholders(errors, evidence, publish=publish)
        page = PageEvidence(essay.path, evidence)
        pages.append(page)
        notes: set[tuple] = set()
        used: set[str] = set()
        for citation in essay.citations:
            if citation.source_id not in registry:
                continue  # reported by the essay checks
            source = registry.get(citation.source_id)
            if citation.claim is None:
                page.without_evidence.append(citation.line)
                note = (citation.source_id, None, citation.pinpoint)
            else:
                problem = marker_error(
                    citation.source_id,
                    citation.claim,
                    citation.pinpoint,
                    file=essay.path,
                    line=citation.line,
                    evidence_path=path,
                )
                key = f"{citation.source_id}:{citation.claim}"
                if key in broken:
                    continue
                if problem is None and evidence.get(citation.source_id, citation.claim) is None:
                    problem = missing_entry_error(
                        citation.source_id, citation.claim, file=essay.path, line=citation.line, evidence_path=path
                    )
                if problem is not None:
                    errors.add(problem)
                    continue
                used.add(f"{citation.source_id}:{citation.claim}")
                note = (citation.source_id, citation.claim, None)
            if note not in notes:
                notes.add(note)
                page.tiers[source.tier] += 1
                page.notes_without_evidence += citation.claim is None
        for entry in evidence:
            if entry.key not in used:
                errors.warn(
                    BuildError(
                        f"evidence '{entry.key}' is not used on {essay.path.name}",
                        file=entry.file,
                        line=entry.line,
                        fix=f"cite it as [^{entry.key}] on the page, or delete the entry",
                    )
                )
        if page.without_evidence:
            _report_without_evidence(errors, essay.path, page.without_evidence, path, publish=publish)
        errors.extend(claim_problems(essay, evidence, registry, charts_dir))
    if evidence_dir.is_dir():
        for stray in sorted(evidence_dir.rglob("*.yml")):
            if stray.resolve() not in seen_files:
                page_name = stray.relative_to(evidence_dir).with_suffix(".md")
                errors.add(
                    BuildError(
                        f"evidence file for a page that does not exist (content/{page_name})",
                        file=stray,
                        line=1,
                        fix="name the file after its page: evidence/SLUG.yml for content/SLUG.md",
                    )
                )
    return errors, pages


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
) -> list[BuildError]:
    """The quoted-words and numbers checks for every claim on the page whose markers all carry
    evidence (see :mod:`.claims`)."""
    problems: list[BuildError] = []
    in_charts: set[str] | None = None
    for claim in claims_of(essay.path):
        entries = [evidence.get(m.source_id, m.claim) if m.claim else None for m in claim.markers]
        if not entries or any(entry is None for entry in entries):
            continue  # an older form, or a problem already reported
        names = "".join(f"[^{entry.key}]" for entry in entries)
        where = ", ".join(f"{_display(entry.file)}:{entry.line}" for entry in entries)
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
            problems.append(
                BuildError(
                    f'the words "{quoted}" are in quotation marks {what} ({where})',
                    file=essay.path,
                    line=claim.line,
                    fix="quote the source's exact words: copy them from the source into the entry's `quote:`, "
                    'or correct the quotation in the essay; if they are our translation, say "(our translation)" '
                    "in the sentence and give them as the entry's `translation:`; a name (a nickname, a programme) "
                    "is not a quotation: write it in italics or without quotation marks",
                )
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
            problems.append(
                BuildError(
                    f"the number {raw} is not in the evidence of {names} ({where}) "
                    "nor in the data of a chart on this page",
                    file=essay.path,
                    line=claim.line,
                    fix=f"extend the entry's quote to the source's words that give {raw}, or cite the source that "
                    "gives it; a number the site computes itself is marked (our sum) or (our calculation)",
                )
            )
    return problems


def _report_placeholders(errors: ErrorCollector, evidence: EvidenceFile, *, publish: bool) -> None:
    """A scaffold's FILL IN left in an evidence file: refused when publishing, a warning otherwise."""
    if not evidence.exists:
        return
    from ..checks.drafts import MARKER, placeholder_lines

    lines = placeholder_lines(evidence.path.read_text(encoding="utf-8"))
    fix = "replace it with the source's exact words (see docs/evidence.md)"
    if publish:
        for line in lines:
            errors.add(BuildError(f"evidence still has a {MARKER} placeholder", file=evidence.path, line=line, fix=fix))
    elif lines:
        errors.warn(
            BuildError(
                f"evidence still has {len(lines)} {MARKER} placeholder(s)",
                file=evidence.path,
                line=lines[0],
                fix=fix + "; the publishing build refuses them",
            )
        )


def _report_without_evidence(
    errors: ErrorCollector, page: Path, lines: list[int], evidence_path: Path, *, publish: bool
):
    fix = (
        "cite each claim as [^SOURCE-ID:CLAIM-KEY] and give it an entry (quote or pinpoint) in "
        f"{_display(evidence_path)} (see docs/evidence.md)"
    )
    if publish:
        for line in lines:
            errors.add(
                BuildError(
                    "footnote without evidence (no quote or pinpoint): the publishing build refuses it",
                    file=page,
                    line=line,
                    fix=fix,
                )
            )
        return
    unique = sorted(set(lines))
    shown = ", ".join(map(str, unique[:12])) + (", …" if len(unique) > 12 else "")
    errors.warn(
        BuildError(
            f"{len(lines)} footnote(s) without evidence (no quote or pinpoint), on lines {shown}",
            file=page,
            line=lines[0],
            fix=fix + "; the publishing build refuses them",
        )
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
