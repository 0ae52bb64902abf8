"""Drafts and placeholders: what ``make new-chapter`` and ``make new-chart`` leave for the
contributor to fill in can never be published by accident.

- A scaffolded chapter starts with ``draft: true`` in its front matter, and every sentence the
  contributor must replace starts with ``FILL IN``.
- Local builds (``make serve``, ``make build``, ``make test``, pull-request checks) accept drafts
  and placeholders, with one warning per file and line, so a new chapter builds at once.
- The **publishing build** refuses them: any ``draft: true`` page or any ``FILL IN`` left in an
  essay or a chart folder stops the build. The build is a publishing one when ``SITE_PUBLISH=1``
  (the deploy job sets it) or when it runs on GitHub Actions for a push to ``main``.
  ``ALLOW_DRAFTS=1`` overrides this (a maintainer's preview of a draft).
- A page that is *not* a draft must contain no ``FILL IN``, in any build: removing
  ``draft: true`` says "finished", so a placeholder left behind is an error at once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..charts.model import CHART_FILES
from ..errors import Problem
from ..essays import Essay, parse_front_matter
from ..textfile import read_text

MARKER = "FILL IN"
MARKER_RE = re.compile(r"\bFILL IN\b")
DRAFT_LINE = re.compile(r"^draft\s*:\s*(true|yes|on)\s*$", re.I)


def publishing(environ: dict[str, str] | None = None) -> bool:
    """True for the build that publishes the site (drafts and placeholders stop it)."""
    env = os.environ if environ is None else environ
    if env.get("ALLOW_DRAFTS", "") in ("1", "true", "yes"):
        return False
    if env.get("SITE_PUBLISH", "") in ("1", "true", "yes"):
        return True
    return (
        env.get("GITHUB_ACTIONS") == "true"
        and env.get("GITHUB_REF") == "refs/heads/main"
        and env.get("GITHUB_EVENT_NAME") in ("push", "workflow_dispatch", "schedule")
    )


def draft_line(text: str, end: int | None = None) -> int | None:
    """The line of ``draft: true`` in the front matter (which ends on line ``end``), or None."""
    end = parse_front_matter(text).end if end is None else end
    for number, line in enumerate(text.splitlines()[1 : max(end - 1, 0)], start=2):
        if DRAFT_LINE.match(line.strip()):
            return number
    return None


def placeholder_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), start=1) if MARKER_RE.search(line)]


def draft_problems(essay: Essay, *, publish: bool) -> Iterator[Problem]:
    """A draft (a warning, refused when publishing) and the placeholders left in a page."""
    path = essay.path
    draft = draft_line(essay.text, essay.front_matter.end)
    placeholders = placeholder_lines(essay.text)
    if draft is None:
        yield from _placeholder_problems(path, placeholders, draft=False)
        return
    yield Problem(
        "the page is a draft (draft: true)"
        + (f" with {len(placeholders)} FILL IN placeholder(s) left" if placeholders else ""),
        file=path,
        line=draft,
        fix="replace every FILL IN, then delete the line `draft: true`"
        if placeholders
        else "delete the line `draft: true` when the page is ready to publish",
        severity="error" if publish else "warning",
    )
    if publish:
        yield from _placeholder_problems(path, placeholders, draft=True)


def chart_draft_problems(folder: Path, *, publish: bool) -> Iterator[Problem]:
    """The placeholders left in a chart's files: each an error when publishing, else one warning."""
    for name in CHART_FILES:
        path = folder / name
        lines = placeholder_lines(read_text(path)) if path.is_file() else []
        if publish:
            fix = "replace it with the real text or value (see docs/adding-a-chart.md)"
            for line in lines:
                yield Problem(f"chart '{folder.name}' still has a {MARKER} placeholder", path, line, fix=fix)
        elif lines:
            yield Problem(
                f"chart '{folder.name}' still has {len(lines)} {MARKER} placeholder(s), on lines "
                + ", ".join(map(str, lines)),
                file=path,
                line=lines[0],
                fix="replace them before publishing: the publishing build refuses them",
                severity="warning",
            )


def _placeholder_problems(path: Path, lines: list[int], *, draft: bool) -> Iterator[Problem]:
    fix = (
        "replace the placeholder with your text"
        if draft
        else "replace the placeholder with your text, or put `draft: true` back in the front matter "
        "until the page is finished"
    )
    what = "placeholder text is left in" + (" the draft" if draft else " a page that is not a draft")
    for line in lines:
        yield Problem(f"{what} ({MARKER} …)", file=path, line=line, fix=fix)
