"""Files read once per change: the registry, the page records and the redirects are asked for by
every page of a build, and again by every rebuild of a long-running ``mkdocs serve``."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_cache: dict[tuple[Hashable, Path], tuple[tuple[int, int] | None, object]] = {}


def loaded_once(path: str | Path, what: Hashable, load: Callable[[Path], T]) -> T:
    """``load(path)``, read again only when the file's modification time or size changes.
    ``what`` names the reading (one file may be read in two ways)."""
    path = Path(path).resolve()
    stat = path.stat() if path.exists() else None
    stamp = (stat.st_mtime_ns, stat.st_size) if stat else None
    cached = _cache.get((what, path))
    if cached is not None and cached[0] == stamp:
        return cached[1]  # type: ignore[return-value]
    value = load(path)
    _cache[(what, path)] = (stamp, value)
    return value
