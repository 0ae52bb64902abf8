"""Maintainers' check of the sources' web addresses: ``make check-links`` (online only).

The build never goes online; this command fetches every ``url`` and ``archived_url`` in
``sources.yml`` and reports the ones that fail, with the registry line, so a dead link can be
replaced by a checked archive copy. It is not part of the test suite (it needs the network and
other people's servers).

    python -m build_scripts check-links [--only VERIFIED,VERIFIED-SECONDARY]
                                                 [--id ID ...] [--timeout 15] [--workers 8]

Exit status: 0 when every address answers, 1 when any fails. A dead ``url`` whose
``archived_url`` answers is a warning, not a failure.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..project import Project
from ..registry import Registry, load_registry

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) source-link-check (+https://github.com/; explainer site maintainers)"


@dataclass(frozen=True)
class Check:
    source_id: str
    field: str  # "url" or "archived_url"
    address: str
    line: int | None
    ok: bool
    detail: str


def fetch(address: str, timeout: float) -> tuple[bool, str]:
    """(answers, detail): HEAD first, then GET (many servers refuse HEAD)."""
    last = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(
            address, method=method, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 -- http(s) only, checked below
                return True, f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}"
            if error.code not in (403, 405, 429, 501):
                return False, last
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            last = f"{type(error).__name__}: {getattr(error, 'reason', error)}"
    return False, last


def addresses(registry: Registry, only: set[str] | None, ids: set[str] | None):
    for source in registry:
        if only and source.status not in only:
            continue
        if ids and source.id not in ids:
            continue
        for field in ("url", "archived_url"):
            address = getattr(source, field)
            if address and address.startswith(("http://", "https://")):
                yield source, field, address


def check_registry(
    registry: Registry,
    *,
    only: set[str] | None = None,
    ids: set[str] | None = None,
    timeout: float = 15.0,
    workers: int = 8,
) -> list[Check]:
    jobs = list(addresses(registry, only, ids))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = list(pool.map(lambda job: fetch(job[2], timeout), jobs))
    return [Check(s.id, field, address, s.line, ok, detail) for (s, field, address), (ok, detail) in zip(jobs, answers)]


def report(checks: list[Check], registry_path: Path) -> tuple[list[str], list[str]]:
    """(failures, warnings) as printable lines."""
    by_source: dict[str, dict[str, Check]] = {}
    for check in checks:
        by_source.setdefault(check.source_id, {})[check.field] = check
    failures, warnings = [], []
    for source_id, fields in by_source.items():
        for field, check in fields.items():
            if check.ok:
                continue
            where = f"{registry_path.name}:{check.line}" if check.line else registry_path.name
            line = f"{where}: source '{source_id}': {field} {check.address} does not answer ({check.detail})"
            archive = fields.get("archived_url")
            if field == "url" and archive is not None and archive.ok:
                warnings.append(line + "; its archived_url answers")
            else:
                failures.append(
                    line + "\n    fix: find the page's new address, or add an archived_url "
                    "(a web archive copy you have checked)"
                )
    return failures, warnings


def run(args, project: Project) -> int:
    """``python -m build_scripts check-links``."""
    registry = load_registry(project.sources)
    only = {s.strip() for s in args.only.split(",")} if args.only else None
    checks = check_registry(
        registry, only=only, ids=set(args.ids) if args.ids else None, timeout=args.timeout, workers=args.workers
    )
    failures, warnings = report(checks, project.sources)
    for line in warnings:
        print(f"warning: {line}")
    for line in failures:
        print(line)
    ok = sum(c.ok for c in checks)
    print(f"check-links: {ok} of {len(checks)} addresses answer; {len(failures)} failing, {len(warnings)} warnings")
    return 1 if failures else 0
