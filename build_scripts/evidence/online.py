"""Maintainers' check of the excerpts against the pages they were read on: ``make check-evidence``
(``python -m build_scripts check-evidence``; online only, not part of the test suite).

For every entry with a ``quote`` in ``evidence/*.yml``, the page the words were read on (the
source's ``archived_url``, else its ``url``, else that of the source quoting it) is fetched once,
its text extracted, and each quote looked for (quotation marks, whitespace and case normalised;
a quote with a cut is found when its parts are, in order). Every excerpt no longer on its page
is reported with its evidence file and line, as one of:

- **dead**: the page does not answer (HTTP error, timeout, no such host);
- **moved**: the address now redirects elsewhere and the words are not at the new address;
- **edited**: the page answers but no longer carries the words.

A page that is not HTML or text (a PDF) is skipped, and said so. Exit status: 0 when every
excerpt is found, 1 otherwise.
"""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import display_path
from ..project import Project
from ..registry import Registry, load_registry
from .claims import normalise, quote_found
from .model import Evidence, read_evidence
from .render import page_read

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) evidence-check (explainer site maintainers)"
_SKIP = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>", re.S | re.I)
_BLOCK = re.compile(r"<\s*/?\s*(?:p|div|br|li|h[1-6]|tr|td|th|blockquote|section|article)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Page:
    url: str
    final_url: str | None = None
    text: str | None = None
    error: str | None = None  # why the page could not be read
    skipped: str | None = None  # why its text was not searched (e.g. a PDF)


@dataclass
class Finding:
    entry: Evidence
    url: str
    verdict: str  # "found", "dead", "moved", "edited", "skipped"
    detail: str = ""

    def line(self) -> str:
        where = f"{display_path(self.entry.file)}:{self.entry.line}" if self.entry.file else "?"
        return f"{where}: '{self.entry.key}': {self.verdict}: {self.detail}"


def page_text(markup: str) -> str:
    """The readable text of an HTML page (scripts and styles dropped, entities decoded)."""
    text = _SKIP.sub(" ", markup)
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub("", text)
    return html.unescape(text)


def fetch(url: str, timeout: float) -> Page:
    request = urllib.request.Request(url.split("#", 1)[0], headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 -- http(s) only, below
            kind = response.headers.get_content_type()
            final = response.geturl()
            if kind not in ("text/html", "text/plain", "application/xhtml+xml"):
                return Page(url, final, skipped=f"not a web page ({kind})")
            body = response.read(5_000_000).decode(response.headers.get_content_charset() or "utf-8", "replace")
            return Page(url, final, text=page_text(body) if kind != "text/plain" else body)
    except urllib.error.HTTPError as error:
        return Page(url, error=f"HTTP {error.code}")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return Page(url, error=f"no answer ({reason})")


def _same_address(a: str, b: str) -> bool:
    strip = lambda u: u.split("#", 1)[0].rstrip("/")  # noqa: E731
    return strip(a) == strip(b)


def verdict(entry: Evidence, page: Page) -> Finding:
    if page.error:
        return Finding(entry, page.url, "dead", page.error)
    if page.skipped:
        return Finding(entry, page.url, "skipped", page.skipped)
    if quote_found(_parts(entry.quote or ""), [page.text or ""]):
        return Finding(entry, page.url, "found")
    if page.final_url and not _same_address(page.final_url, page.url):
        return Finding(entry, page.url, "moved", f"now redirects to {page.final_url}, where the quote is not found")
    return Finding(entry, page.url, "edited", "the page answers but the quote is no longer on it")


def _parts(quote: str) -> list[str]:
    from .render import quoted_segments

    return [normalise(part).strip(" \"'.,;:") for part in quoted_segments(quote)]


def entries_to_check(root: Path, registry: Registry, evidence_dir: Path) -> list[tuple[Evidence, str]]:
    """(entry, page address) for every entry with a quote, in file order."""
    found = []
    for path in sorted(evidence_dir.rglob("*.yml")) if evidence_dir.is_dir() else []:
        for entry in read_evidence(path):
            if not entry.quote or entry.source_id not in registry:
                continue
            url = page_read(registry.get(entry.source_id), registry)
            if url and url.startswith(("http://", "https://")):
                found.append((entry, url))
    return found


def check(root: Path, *, timeout: float = 20.0, workers: int = 6, ids: list[str] | None = None) -> list[Finding]:
    project = Project(root)
    registry = load_registry(project.sources)
    todo = [(e, u) for e, u in entries_to_check(root, registry, project.evidence) if not ids or e.source_id in ids]
    urls = sorted({url.split("#", 1)[0] for _, url in todo})
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        pages = dict(zip(urls, pool.map(lambda u: fetch(u, timeout), urls), strict=True))
    return [verdict(entry, pages[url.split("#", 1)[0]]) for entry, url in todo]


def run(args, project) -> int:
    """``python -m build_scripts check-evidence``."""
    findings = check(project.root, timeout=args.timeout, workers=args.workers, ids=args.ids)
    problems = [f for f in findings if f.verdict in ("dead", "moved", "edited")]
    skipped = [f for f in findings if f.verdict == "skipped"]
    for finding in problems:
        print(finding.line())
    for finding in skipped:
        print(f"note: {finding.line()}")
    found = len(findings) - len(problems) - len(skipped)
    print(
        f"check-evidence: {found} of {len(findings)} excerpts found on their pages, "
        f"{len(problems)} not found, {len(skipped)} not checked"
    )
    if problems:
        print(
            "fix: open the page (or its archived copy), find the words again, and correct the entry's quote;"
            " if the page is gone, give the source an archived_url in sources.yml (docs/evidence.md)"
        )
    return 1 if problems else 0
