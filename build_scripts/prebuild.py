"""The pre-build step: validate everything, then write ``content/generated/`` for the site generator.

Run by ``make build`` and ``make serve`` before MkDocs or Zensical. It writes, per chart:
the figure JSON (trace data plus a layout per theme variant), the CSV download, and the static
SVG/PNG renders (from the cache when the chart is unchanged).
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass, field

from .charts.figures import engine_fingerprint, figure_payload, figure_variants, payload_script
from .charts.html import generated_files
from .charts.model import Chart, load_charts
from .charts.static import export_missing, render_files
from .checks.drafts import publishing
from .checks.validate import check_essays
from .errors import BuildError
from .essays import essays_in
from .evidence.checks import check_evidence, tier_summary
from .project import Project
from .readers.prebuild import readers_step
from .registry import load_registry


@dataclass
class PrebuildReport:
    charts: list[str] = field(default_factory=list)
    rendered: int = 0
    warnings: list[BuildError] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # per chapter: claims per source tier
    seconds: float = 0.0


def prebuild(project: Project, *, render_static: bool = True) -> PrebuildReport:
    started = time.perf_counter()
    registry = load_registry(project.sources)
    charts = load_charts(project.charts, registry)
    essays = essays_in(project.content)
    checks = check_essays(essays, registry, charts, project.charts)
    evidence_checks, pages = check_evidence(
        essays, registry, project.content, project.evidence, publish=publishing(), charts_dir=project.charts
    )
    checks.extend(evidence_checks.errors)
    checks.warnings.extend(evidence_checks.warnings)
    checks.raise_if_any()
    report = PrebuildReport(charts=sorted(charts), warnings=checks.warnings, evidence=tier_summary(pages))
    report.rendered = generate_charts(project, charts, render_static=render_static)
    report.warnings.extend(readers_step(project, registry, charts))  # page records, glossary, changes
    report.seconds = time.perf_counter() - started
    return report


def run(args, project: Project) -> int:
    """``python -m build_scripts prebuild``."""
    print_report("prebuild", prebuild(project))
    return 0


def print_report(command: str, report: PrebuildReport) -> None:
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if report.evidence:
        print("Notes (one per claim) per source tier:")
        for line in report.evidence:
            print(f"  {line}")
    print(
        f"{command}: {len(report.charts)} charts ({report.rendered} static renders made), "
        f"{report.seconds:.1f} s for the pre-build"
    )


def generate_charts(project: Project, charts: dict[str, Chart], *, render_static: bool = True) -> int:
    fingerprint = engine_fingerprint(project.cache / "charts")
    jobs, outputs = [], []
    for chart in charts.values():
        variants = figure_variants(chart)
        payload = figure_payload(chart, variants)
        cache = project.cache / "charts" / f"{chart.id}-{chart.content_hash(fingerprint)}"
        files = render_files(variants)
        sizes = {
            f"{name}.svg": (360, chart.narrow_height) if name.endswith("narrow") else (720, chart.height)
            for name in variants
        }
        sizes["chart.png"] = (720, chart.height)
        jobs.append((cache, files, sizes))
        outputs.append((chart, payload, cache))
    rendered = export_missing(jobs) if render_static else 0
    _write_generated(project, outputs, render_static)
    return rendered


def _write_generated(project: Project, outputs, render_static: bool) -> None:
    target = project.generated_charts
    staging = project.generated / ".charts-staging"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for chart, payload, cache in outputs:
        folder = staging / chart.id
        folder.mkdir()
        names = generated_files(chart.id)
        # Loaded by charts.js when the chart turns interactive (never part of the page's HTML).
        (folder / names["script"]).write_text(payload_script(chart.id, payload), encoding="utf-8")
        shutil.copyfile(chart.folder / "data.csv", folder / names["csv"])
        if render_static:
            for variant in ("light", "dark", "light-narrow", "dark-narrow"):
                shutil.copyfile(cache / f"{variant}.svg", folder / names[variant])
            shutil.copyfile(cache / "light.svg", folder / names["svg"])
            shutil.copyfile(cache / "chart.png", folder / names["png"])
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
