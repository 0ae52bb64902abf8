"""Shortcodes: one line ``<!-- md:NAME ARGUMENT -->`` replaced by generated content.

As in Material for MkDocs' own ``shortcodes.py``: one dispatch table, and an unknown shortcode
stops the build. The lines are HTML comments, so they stay invisible on GitHub.

- ``<!-- md:chart homicides-mexico -->``: the chart figure (static SVG, interactive chart,
  caption, source, downloads, data table, provenance).
- ``<!-- md:sources -->``: the list of every source, grouped by kind, with back-links.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

from ..charts.html import chart_figure, relative_base
from ..charts.model import unknown_chart_error
from ..errors import BuildError, StopBuild
from ..essays import SHORTCODE, SHORTCODES, essays_in, fences
from ..readers.pages import chart_citation
from ..sources_page import sources_page
from ._shared import ProjectExtension, chart_at, copy_tree, registry_at
from .handlers import reader_handlers
from .nested import register_page_snapshot

TOKEN = "md-shortcode-7c1e"

#: A chart's figure does not depend on the page it is on: built once per build and chart, then
#: copied. By folder and language: (chart, registry, stamp, element); chart and registry compared by identity.
_CHART_ELEMENTS: dict[tuple[Path, str], tuple] = {}


class ShortcodePreprocessor(Preprocessor):
    """Replace each shortcode line by a token paragraph the block processor picks up."""

    def __init__(self, md: Markdown, calls: list):
        super().__init__(md)
        self.calls = calls

    def run(self, lines: list[str]) -> list[str]:
        self.calls.clear()
        out = []
        for number, (line, in_code) in enumerate(fences(lines), start=1):
            shortcode = None if in_code else SHORTCODE.match(line)
            if not shortcode:
                out.append(line)
                continue
            self.calls.append((shortcode.group(1), shortcode.group(2), number))
            out.extend(["", f"{TOKEN}:{len(self.calls) - 1}", ""])
        return out


class ShortcodeBlockProcessor(BlockProcessor):
    def __init__(self, parser, extension: ShortcodesExtension, calls: list):
        super().__init__(parser)
        self.extension = extension
        self.calls = calls

    def test(self, parent, block) -> bool:
        return block.startswith(TOKEN + ":")

    def run(self, parent, blocks) -> None:
        block = blocks.pop(0)
        name, argument, line = self.calls[int(block.split(":", 1)[1].strip())]
        handler = self.extension.handlers.get(name)
        if handler is None:
            known = ", ".join(f"md:{n}" for n in self.extension.handlers)
            raise BuildError(f"unknown shortcode 'md:{name}' (Markdown line {line})", fix=f"use one of: {known}")
        parent.append(handler(argument, line))


class ShortcodesExtension(ProjectExtension):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.handlers = {"chart": self.chart, "sources": self.sources}
        self.handlers.update(reader_handlers(self))  # glossary, questions, changes, print-all, … (readers)
        if set(self.handlers) != set(SHORTCODES):  # the table in essays.py is what the checks accept
            raise BuildError(
                f"shortcode handlers {sorted(self.handlers)} differ from the table {sorted(SHORTCODES)}",
                fix="add a handler for each row of build_scripts/essays.py:SHORTCODES, and a row for each handler",
            )

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 -- Python-Markdown's API
        self.md = md
        calls: list = []
        md.preprocessors.register(ShortcodePreprocessor(md, calls), "shortcodes", 26)
        md.parser.blockprocessors.register(ShortcodeBlockProcessor(md.parser, self, calls), "shortcodes", 95)
        register_page_snapshot(md, self.page_source)  # a chapter's page render is reused by md:print-all

    def page_source(self, md: Markdown) -> Path | None:
        from .handlers import edition_pages
        from .pagefacts import current_page

        src = current_page(md).src
        return edition_pages(self.project, self.language) / src if src else None

    # --- handlers: one per shortcode name -------------------------------------------------
    def chart(self, argument: str | None, line: int) -> etree.Element:
        if not argument:
            raise BuildError(
                f"md:chart needs a chart id (Markdown line {line})", fix="write <!-- md:chart CHART-ID -->"
            )
        project = self.project
        charts_dir, content_dir = project.charts, project.content
        folder = charts_dir / argument
        if not folder.is_dir():
            raise unknown_chart_error(argument, charts_dir, file="(this page)", line=line)
        registry = registry_at(project.sources)
        lang = self.language  # the edition's: its charts show chart.yml's block in that language
        chart = chart_at(folder, registry).in_language(lang)
        generated = project.generated
        figure_script = project.generated_chart(argument) / "figure.js"
        if not figure_script.is_file():
            raise BuildError(
                f"chart '{argument}' has not been generated yet",
                fix="build with `make build` or `make serve` (they run the pre-build step), "
                "or run `python -m build_scripts prebuild`",
            )
        cite = chart_citation(generated, argument, self.language)
        stat = figure_script.stat()
        stamp = (stat.st_mtime_ns, stat.st_size, repr(cite))
        key = (folder.resolve(), lang)
        cached = _CHART_ELEMENTS.get(key)
        if not cached or cached[0] is not chart or cached[1] is not registry or cached[2] != stamp:
            element = chart_figure(chart, registry, relative_base(generated, content_dir, argument), cite=cite)
            cached = _CHART_ELEMENTS[key] = (chart, registry, stamp, element)
        return copy_tree(cached[3])  # each page may change its copy (tree processors, the print page)

    def sources(self, argument: str | None, line: int) -> etree.Element:
        project = self.project
        registry = registry_at(project.sources)
        charts_dir = project.charts
        chart_sources = {}
        for folder in sorted(p for p in charts_dir.iterdir() if p.is_dir()) if charts_dir.is_dir() else []:
            try:
                chart_sources[folder.name] = chart_at(folder, registry).source_ids
            except StopBuild:  # reported by the pre-build
                continue
        from .handlers import edition_pages

        pages = edition_pages(project, self.language)  # back-links name the edition's titles and sections
        return sources_page(
            registry, essays_in(pages), chart_sources, this_page=pages / "sources.md", lang=self.language
        )


def makeExtension(**kwargs) -> ShortcodesExtension:  # noqa: N802 -- Python-Markdown's API
    return ShortcodesExtension(**kwargs)
