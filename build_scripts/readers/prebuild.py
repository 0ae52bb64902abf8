"""The readers' part of the pre-build: validate ``glossary.yml``, ``changes.yml`` and
``redirects.yml`` (each optional), then write ``content/generated/pages.json``."""

from __future__ import annotations

from ..errors import BuildError, ErrorCollector
from ..project import Project
from .pages import write_page_facts


def readers_step(project: Project, registry, charts: dict) -> list[BuildError]:
    """Run after the charts are generated; returns warnings, raises BuildErrors on errors."""
    errors = ErrorCollector()
    for check in _checks():
        check(project, registry, charts, errors)
    errors.raise_if_any()
    write_page_facts(
        project.root, project.generated,
        chart_titles={cid: chart.meta["title"] for cid, chart in charts.items()},
        chart_alts={cid: f"{chart.meta['title']}. {chart.meta['description']}".strip() for cid, chart in charts.items()},
    )
    return errors.warnings


def _checks():
    return []
