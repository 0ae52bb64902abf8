"""What the pre-build's checks read, loaded once: the registry, the charts and the pages.

Loading stops the build at a file that cannot be read as what it must be (a registry entry
without its fields, a chart whose data does not match its columns); everything else is a check
(``build_scripts.prebuild.CHECKS``), which reads these inputs and yields its problems.
"""

from __future__ import annotations

from dataclasses import dataclass

from .charts.model import Chart, load_charts
from .essays import Essay, essays_in
from .project import Project
from .registry import Registry, load_registry


@dataclass(frozen=True)
class Inputs:
    project: Project
    registry: Registry
    charts: dict[str, Chart]
    essays: list[Essay]
    publish: bool  # the publishing build refuses drafts and placeholders (checks/drafts.py)


def load_inputs(project: Project, *, publish: bool) -> Inputs:
    registry = load_registry(project.sources)
    charts = load_charts(project.charts, registry)
    return Inputs(project, registry, charts, essays_in(project.content), publish)
