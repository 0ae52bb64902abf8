"""Post-build steps: small pure functions run over the generated site folder, in order, before
it replaces ``site/``. Each takes (site folder, project) and raises BuildError on a problem.
They work the same whether MkDocs or Zensical wrote the HTML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..project import Project

Step = Callable[[Path, Project], None]

STEPS: list[Step] = []


def run_steps(site: Path, project: Project) -> None:
    for step in STEPS:
        step(site, project)
