"""State the extensions share: the registry and charts, reloaded when their files change."""

from __future__ import annotations

from pathlib import Path

from ..registry import Registry, load_registry

_registry_cache: dict[Path, tuple[float, Registry]] = {}


def registry_at(path: str | Path) -> Registry:
    path = Path(path).resolve()
    mtime = path.stat().st_mtime if path.exists() else -1.0
    cached = _registry_cache.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    registry = load_registry(path)
    _registry_cache[path] = (mtime, registry)
    return registry


_chart_cache: dict[Path, tuple[Registry, tuple, object]] = {}


def chart_at(folder: Path, registry: Registry):
    """The chart in ``folder``, loaded once per change of its files or of the registry
    (a chart embedded on many pages is read and validated once per build, not once per page).
    The cache holds the registry itself and compares identity: an id() could be reused once a
    replaced registry is freed, in a long-running ``mkdocs serve``."""
    from ..charts.model import CHART_FILES, load_chart

    folder = Path(folder).resolve()
    stamp = tuple((folder / name).stat().st_mtime_ns if (folder / name).exists() else 0 for name in CHART_FILES)
    cached = _chart_cache.get(folder)
    if cached and cached[0] is registry and cached[1] == stamp:
        return cached[2]
    chart = load_chart(folder, registry)
    _chart_cache[folder] = (registry, stamp, chart)
    return chart
