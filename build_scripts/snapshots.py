"""Reference snapshots of every chart's figure JSON, so a change in data or figure code shows up in review.

    python -m build_scripts snapshots --check    # compare (the default); exit 1 if any differs
    python -m build_scripts snapshots --update   # rewrite tests/snapshots/<id>.json

A snapshot is the payload the page embeds (trace data once, a layout per theme variant), normalised:
keys sorted, floats rounded to 6 places, so it does not change with dict order or float noise.
tests/test_chart_figures.py runs the same comparison.
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Any

from .project import Project

FLOAT_PLACES = 6


def normalise(value: Any) -> Any:
    """Sorted keys (dicts are rebuilt in key order) and floats rounded to FLOAT_PLACES."""
    if isinstance(value, dict):
        return {key: normalise(value[key]) for key in sorted(value)}
    if isinstance(value, (list, tuple)):
        return [normalise(item) for item in value]
    if isinstance(value, float):
        rounded = round(value, FLOAT_PLACES)
        return 0.0 if rounded == 0 else rounded  # no "-0.0"
    return value


def snapshot_text(chart) -> str:
    """The text of a chart's reference file."""
    from .charts.figures import figure_payload

    payload = normalise(figure_payload(chart))
    return json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def snapshot_dir(project: Project) -> Path:
    return project.root / "tests" / "snapshots"


def load_all(project: Project):
    from .charts import load_charts
    from .registry import load_registry

    return load_charts(project.charts, load_registry(project.sources))


def compare(project: Project) -> list[str]:
    """One line per problem: a chart whose snapshot differs or is missing, or a snapshot with no chart."""
    folder = snapshot_dir(project)
    charts = load_all(project)
    problems = []
    for chart_id, chart in sorted(charts.items()):
        path = folder / f"{chart_id}.json"
        if not path.is_file():
            problems.append(f"{chart_id}: no snapshot at {path.relative_to(project.root)}")
        elif path.read_text(encoding="utf-8") != snapshot_text(chart):
            problems.append(f"{chart_id}: figure differs from {path.relative_to(project.root)}")
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        if path.stem not in charts:
            problems.append(f"{path.stem}: snapshot {path.relative_to(project.root)} has no chart")
    return problems


def diff(expected: str, actual: str, name: str, limit: int = 40) -> str:
    """The first lines of a unified diff between a snapshot and the current figure."""
    lines = list(
        difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), f"{name} (snapshot)", f"{name} (current)", lineterm="", n=2
        )
    )
    more = f"\n… {len(lines) - limit} more diff lines" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


def update(project: Project) -> list[str]:
    """Rewrite every snapshot; remove those of charts that no longer exist. Returns what changed."""
    folder = snapshot_dir(project)
    folder.mkdir(parents=True, exist_ok=True)
    charts = load_all(project)
    changed = []
    for chart_id, chart in sorted(charts.items()):
        path = folder / f"{chart_id}.json"
        text = snapshot_text(chart)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(f"wrote {path.relative_to(project.root)}")
    for path in sorted(folder.glob("*.json")):
        if path.stem not in charts:
            path.unlink()
            changed.append(f"removed {path.relative_to(project.root)} (no such chart)")
    return changed


def run(args, project: Project) -> int:
    """``python -m build_scripts snapshots [--check | --update]``."""
    if args.update:
        changed = update(project)
        print("\n".join(changed) if changed else "snapshots: all up to date")
        return 0
    problems = compare(project)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(
            "If the change is intended, run `python -m build_scripts snapshots --update` and commit the result.",
            file=sys.stderr,
        )
        return 1
    print("snapshots: all charts match their references")
    return 0


def run_chart(args, project: Project) -> int:
    """``python -m build_scripts chart ID``: build one chart's figure for every theme variant with
    nothing caught, so a failing ``figure.py`` shows its whole traceback."""
    from .charts.figures import figure_variants
    from .charts.kinds import draw
    from .charts.model import unknown_chart_error
    from .charts.theme import themes

    charts = load_all(project)
    if args.chart_id not in charts:
        raise unknown_chart_error(args.chart_id, project.charts, file=project.charts, line=None)
    chart = charts[args.chart_id]
    for theme in themes():
        (draw if chart.declarative else chart.module.build)(chart, theme)  # the traceback, if any, is the point
    print(f"chart {chart.id}: {', '.join(figure_variants(chart))} built")
    return 0
