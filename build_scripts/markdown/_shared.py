"""What the extensions share: where the project is, and the registry and charts, reloaded when
their files change."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Extension

from ..filecache import loaded_once
from ..project import Project
from ..registry import Registry, load_registry


class ProjectExtension(Extension):
    """An extension of this project. Every file it reads is found through :class:`Project` from
    one option, ``project``: the project's root folder (where ``mkdocs.yml`` is), relative to the
    folder the site generator runs in, as ``pymdownx.snippets``' ``base_path`` is. In
    ``mkdocs.yml``::

        - build_scripts.markdown.citations:
            project: .

    A second option, ``language``, is the edition's language (``en`` unless given): the build's
    generated configuration of each other edition sets it on every extension of this project
    (:mod:`build_scripts.editions.config`), so every text an extension writes for a reader can be
    in the edition's language; ``mkdocs.yml`` never needs it.

    ``options`` are the extension's other settings, ``{name: [default, description]}``; an option
    the extension does not know stops the build (Python-Markdown's ``KeyError``)."""

    options: dict[str, list] = {}

    def __init__(self, **kwargs):
        self.config = {
            "project": [".", "The project's root folder (holding mkdocs.yml), relative to where the build runs."],
            "language": ["en", "The edition's language (set by the generated configuration of each edition)."],
            **{name: list(value) for name, value in self.options.items()},
        }
        super().__init__(**kwargs)

    @property
    def project(self) -> Project:
        return Project(Path(self.getConfig("project")))

    @property
    def language(self) -> str:
        return str(self.getConfig("language") or "en")


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
