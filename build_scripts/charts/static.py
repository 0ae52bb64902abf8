"""Static renders of every chart variant (SVG, plus a PNG for downloads), made with Plotly's own
exporter, kaleido, driving the machine's Chromium.

Renders are cached under ``.cache/charts/<hash>/`` by a hash of the chart's files, of the
shared figure code and of the plotly, kaleido and Chromium versions (an upgrade of any of them
re-renders every chart once), and every missing render is exported in one kaleido batch (one export
starts Chromium once: ~2 s alone, ~3.5 s for ten).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import plotly.graph_objects as go

from ..errors import BuildError

DEFAULT_BROWSER = "/usr/bin/chromium"
PNG_VARIANT = "light"
PNG_SCALE = 2


def browser_path() -> str:
    return os.environ.get("BROWSER_PATH", DEFAULT_BROWSER)


def renderer_versions(cache: Path | None = None) -> dict[str, str]:
    """The versions of what draws the static images: plotly, kaleido and the Chromium kaleido drives.

    Asking Chromium its version takes ~0.6 s, so the answer is kept in ``cache`` (when given) under
    the binary's size and modification time, which an upgrade changes."""
    return {
        "plotly": _package_version("plotly"),
        "kaleido": _package_version("kaleido"),
        "chromium": _remembered_chromium_version(browser_path(), cache),
    }


def _remembered_chromium_version(browser: str, cache: Path | None) -> str:
    found = browser if Path(browser).is_file() else shutil.which(browser)
    if not found or cache is None:
        return chromium_version(browser)
    stat = Path(found).resolve().stat()
    memo = cache / f"chromium-version-{stat.st_size}-{stat.st_mtime_ns}.txt"
    if memo.is_file():
        return memo.read_text(encoding="utf-8")
    version = chromium_version(browser)
    cache.mkdir(parents=True, exist_ok=True)
    memo.write_text(version, encoding="utf-8")
    return version


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


@functools.lru_cache(maxsize=8)
def chromium_version(browser: str) -> str:
    """``chromium --version`` (asked once per process and binary); "absent" when there is none."""
    found = browser if Path(browser).is_file() else shutil.which(browser)
    if not found:
        return "absent"
    try:
        done = subprocess.run([found, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return done.stdout.strip() or "unknown"


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
    browser = browser_path()
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
