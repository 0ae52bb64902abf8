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
