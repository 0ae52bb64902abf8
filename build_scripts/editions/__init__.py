"""The other language editions of the site (issue 15): the Spanish edition at ``/es/``.

One build writes every edition into ``site/``: English from ``mkdocs.yml`` at the root, then each
edition into ``site/<lang>/`` from a configuration generated from the same ``mkdocs.yml``
(:mod:`.config`), with no MkDocs plugin, so MkDocs and Zensical build it alike. An edition lives
in ``content-<lang>/``: its settings in ``edition.yml`` (site name, description, the navigation's
titles, the notice of an untranslated page) and its translated pages, named as the English ones.

- :mod:`.edition` reads ``content-<lang>/edition.yml``;
- :mod:`.parity` checks that a translated page has the English page's sections and footnote
  markers, in the same order (a pre-build check: a drift stops the build);
- :mod:`.stage` lays out the edition's pages for the site generator: the translation where there
  is one, else the English page under a notice in the edition's language;
- :mod:`.config` writes the edition's MkDocs configuration.

``docs/translating.md`` explains how to add or change a translation.
"""

from __future__ import annotations

from pathlib import Path

from ..project import Project
from .edition import Edition, load_edition

__all__ = ["Edition", "editions", "load_edition"]


def edition_folders(project: Project) -> list[Path]:
    """Every ``content-<lang>/`` folder holding an ``edition.yml``, in name order."""
    return sorted(p.parent for p in project.root.glob("content-*/edition.yml"))


def editions(project: Project) -> list[Edition]:
    return [load_edition(folder, project) for folder in edition_folders(project)]
