"""Static renders of every chart variant (SVG, plus a PNG for downloads), made with Plotly's own
exporter, kaleido, driving the machine's Chromium.

Renders are cached under ``.cache/charts/<hash>/`` by a hash of the chart's files and of the
shared figure code, and every missing render is exported in one kaleido batch (one export
starts Chromium once: ~2 s alone, ~3.5 s for ten).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import plotly.graph_objects as go

from ..errors import BuildError

DEFAULT_BROWSER = "/usr/bin/chromium"
PNG_VARIANT = "light"
PNG_SCALE = 2


def render_files(variants: dict[str, go.Figure]) -> dict[str, go.Figure]:
    """Which files a chart's cache folder holds, by file name."""
    files = {f"{name}.svg": fig for name, fig in variants.items()}
    files["chart.png"] = variants[PNG_VARIANT]
    return files


def export_missing(jobs: list[tuple[Path, dict[str, go.Figure], dict[str, tuple[int, int]]]]) -> int:
    """Export every render not yet in its cache folder. ``jobs`` is a list of
    (cache folder, {file name: figure}, {file name: (width, height)}). Returns how many were made."""
    figures, paths, widths, heights, scales = [], [], [], [], []
    for folder, files, sizes in jobs:
        for name, figure in files.items():
            path = folder / name
            if path.is_file():
                continue
            folder.mkdir(parents=True, exist_ok=True)
            width, height = sizes[name]
            figures.append(figure)
            paths.append(path.with_suffix(".tmp" + path.suffix))
            widths.append(width)
            heights.append(height)
            scales.append(PNG_SCALE if name.endswith(".png") else 1)
    if not figures:
        return 0
    _export(figures, paths, widths, heights, scales)
    for path in paths:
        path.replace(path.with_name(path.name.replace(".tmp", "")))
    return len(figures)


def _export(figures, paths, widths, heights, scales) -> None:
    os.environ.setdefault("BROWSER_PATH", DEFAULT_BROWSER)
    browser = os.environ["BROWSER_PATH"]
    if not (Path(browser).is_file() or shutil.which(browser)):
        raise BuildError(
            f"static chart images need Chromium, and none was found at {browser}",
            fix="run `make deps` (installs Debian's chromium), or set BROWSER_PATH to a Chrome/Chromium binary",
        )
    import plotly.io as pio

    # One batch: Chromium starts once for every render that is missing.
    pio.write_images(
        fig=figures,
        file=paths,
        format=[p.suffix.lstrip(".") for p in paths],
        width=widths,
        height=heights,
        scale=scales,
    )
