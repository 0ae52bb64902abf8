"""The readers' part of the pre-build: validate ``glossary.yml``, ``changes.yml`` and
``redirects.yml`` (each optional), then write ``content/generated/pages.json``."""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError, ErrorCollector
from ..project import Project
from ..site_config import load_site_config
from .pages import front_matter, write_page_facts


def readers_step(project: Project, registry, charts: dict) -> list[BuildError]:
    """Run after the charts are generated; returns warnings, raises BuildErrors on errors."""
    errors = ErrorCollector()
    _check_glossary(project, registry, errors)
    _check_changes(project, errors)
    _check_redirects(project, errors)
    errors.raise_if_any()
    facts = write_page_facts(
        project.root,
        project.generated,
        chart_titles={cid: chart.meta["title"] for cid, chart in charts.items()},
        chart_alts={
            cid: f"{chart.meta['title']}. {chart.meta['description']}".strip() for cid, chart in charts.items()
        },
    )
    _write_feed(project, facts)
    return errors.warnings


def _write_feed(project: Project, facts_path: Path) -> None:
    """``content/generated/whats-new.xml``: the What's new log as an Atom feed (when there is a log)."""
    import json

    from .changes import FEED, atom_feed, load_changes

    log = project.changes
    target = project.generated / FEED
    if not log.is_file() or not (project.content / "whats-new.md").is_file():
        target.unlink(missing_ok=True)
        return
    site = load_site_config(project.root)
    facts = json.loads(facts_path.read_text(encoding="utf-8"))
    changes = load_changes(log, project.content, project.charts)[0]
    target.write_text(
        atom_feed(
            changes,
            facts["pages"],
            facts["charts"],
            site_name=site.name,
            site_url=site.url,
            page_url=site.permalink("whats-new.md"),
        ),
        encoding="utf-8",
    )


def chapter_files(project: Project) -> list[tuple[str, str, Path]]:
    """(file name, title, path) of the chapters, in navigation order."""
    from .pages import CHAPTER_SHORTCODES, shortcodes_in

    site = load_site_config(project.root)
    found = []
    for src in site.nav_files:
        path = project.content / src
        if path.is_file() and {name for name, _ in shortcodes_in(path)} <= CHAPTER_SHORTCODES:
            found.append((src, str(front_matter(path).get("title") or src), path))
    return found


def _check_glossary(project: Project, registry, errors: ErrorCollector) -> None:
    from .glossary import check_glossary

    path = project.glossary
    if not path.is_file():
        return
    errors.merge(check_glossary(path, {s.id for s in registry}, chapter_files(project)))


def _check_changes(project: Project, errors: ErrorCollector) -> None:
    from .changes import load_changes

    path = project.changes
    if path.is_file():
        errors.extend(load_changes(path, project.content, project.charts)[1])


def _check_redirects(project: Project, errors: ErrorCollector) -> None:
    from .links import load_redirects

    path = project.redirects
    if path.is_file():
        errors.extend(load_redirects(path, project.content)[1])
