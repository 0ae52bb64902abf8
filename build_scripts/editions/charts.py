"""The charts of a language edition: every word of every chart in the edition's language.

A pre-build check (``build_scripts.prebuild.CHECKS``): each chart's chart.yml must give the words
of every edition (``content-<lang>/edition.yml``) in its ``<lang>:`` block, key for key, its
data.csv the text of every cell of a translated column (``event_es`` beside ``event``), and its
provenance.yml the words of "About this data" in its own ``<lang>:`` block
(``build_scripts.charts.language``); a missing, empty or leftover text stops the build, naming the
chart, the file, the line, the key or column, and the fix. The edition's figures, static images and CSV files are
made by the pre-build beside the English ones (``build_scripts.prebuild.generate_charts``) and
laid over the English ones in the edition's pages (:mod:`.stage`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..charts.language import provenance_problems, words_problems
from ..errors import Problem
from ..inputs import Inputs
from ..project import Project
from . import editions


def edition_charts(project: Project, lang: str) -> Path:
    """Where the pre-build writes the ``lang`` edition's chart files, one folder per chart, named
    as the English ones of ``content/generated/charts/``."""
    return project.cache / "editions" / lang / "charts"


def chart_words_problems(inputs: Inputs) -> Iterator[Problem]:
    for edition in editions(inputs.project):
        for chart in inputs.charts.values():
            yield from words_problems(chart.id, chart.folder / "chart.yml", chart.meta, edition.lang, chart.data)
            yield from provenance_problems(chart.id, chart.folder / "provenance.yml", chart.provenance, edition.lang)
