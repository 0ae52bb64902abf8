"""State the extensions share: the registry and charts, reloaded when their files change."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from ..filecache import loaded_once
from ..registry import Registry, load_registry


def registry_at(path: str | Path) -> Registry:
    return loaded_once(path, "registry", load_registry)


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


def copy_tree(element: etree.Element) -> etree.Element:
    """A copy of an element tree that the copy's later tree processors cannot reach back through.
    Texts are immutable strings (AtomicString kept), so only elements and attributes are copied:
    much faster than deepcopy."""
    copied = etree.Element(element.tag, dict(element.attrib))
    copied.text, copied.tail = element.text, element.tail
    copied.extend(copy_tree(child) for child in element)
    return copied
