"""Rendering one page's Markdown inside another (the print page, the questions on the educators
page) with the site's own Markdown extensions, as an element tree the outer page adopts.

The nested render stops before serialisation, so the outer page's tree processors (MkDocs' link
rewriting above all) still see every link and image. Raw HTML kept aside by the nested render
(footnote texts, inline HTML) moves to the outer page's stash, and every text becomes atomic so
the outer page does not parse it a second time.

A chapter is rendered once per build, not twice: when the site generator renders the chapter's
own page, the processors :func:`register_page_snapshot` adds keep a copy of its element tree at the point where it still
equals a nested render (after the tree processors both share, before the ones that only decorate
a whole page: glossary, page facts), and :meth:`NestedRenderer.render_file` adopts that copy
when the source is the same. Pages the generator has not rendered yet (it renders them in file
order) and generators that render pages elsewhere fall back to a nested render; the result is
the same either way (``tests/test_readers_nested.py`` compares them). A copy belongs to one
build (MkDocs' collection of files), so no later build in the same process can adopt it.
"""

from __future__ import annotations

import copy
import re
import weakref
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
from markdown.extensions.footnotes import FootnoteExtension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..essays import read_page, strip_front_matter
from ..site_config import SiteConfig
from ._shared import copy_tree
from .pagefacts import current_build

#: Extensions a nested render leaves out: ours that decorate a whole page.
LEFT_OUT = {"build_scripts.markdown.glossary", "build_scripts.markdown.pagefacts"}
_STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")


#: Where the snapshot is taken: after toc (5), before the glossary (3) and page facts (2), whose
#: tree processors a nested render leaves out; tests check the order against the real config.
SNAPSHOT_PRIORITY = 4


class _Snapshot:
    __slots__ = ("build", "source", "tree", "raw_html")

    def __init__(self, build: weakref.ref, source: str, tree: etree.Element, raw_html: list[str]):
        self.build, self.source, self.tree, self.raw_html = build, source, tree, raw_html


#: Page renders, by the page's resolved source path; each remembers the build it belongs to.
_SNAPSHOTS: dict[Path, _Snapshot] = {}


def _same_source(text: str) -> str:
    return text.lstrip("\n").rstrip()


def register_page_snapshot(md: markdown.Markdown, page_path) -> None:
    """Keep a copy of each site page's tree for nested renders of the same page (see above).

    ``page_path(md)`` returns the page's source file, or None when ``md`` is not rendering a
    site page (a nested render, a test)."""
    md.preprocessors.register(_SourceCapture(md), "nested-source", 1000)
    md.treeprocessors.register(_TreeCapture(md, page_path), "nested-snapshot", SNAPSHOT_PRIORITY)


class _SourceCapture(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        self.md._nested_source = "\n".join(lines)
        return lines


class _TreeCapture(Treeprocessor):
    def __init__(self, md: markdown.Markdown, page_path):
        super().__init__(md)
        self.page_path = page_path

    def run(self, root: etree.Element) -> None:
        if getattr(self.md, "_readers_page", None) is not None:
            return  # a nested render itself
        build = current_build(self.md)
        path = self.page_path(self.md)
        source = getattr(self.md, "_nested_source", None)
        if build is None or path is None or source is None:
            return
        _SNAPSHOTS[Path(path).resolve()] = _Snapshot(
            weakref.ref(build), _same_source(source), copy_tree(root), list(self.md.htmlStash.rawHtmlBlocks)
        )


def extension_list(site: SiteConfig) -> tuple[list[str], dict[str, dict]]:
    names, configs = [], {}
    for entry in site.markdown_extensions:
        if isinstance(entry, str):
            name, config = entry, {}
        elif isinstance(entry, dict) and len(entry) == 1:
            name, config = next(iter(entry.items()))
            config = dict(config or {})
        else:
            continue
        if name in LEFT_OUT:
            continue
        if name in ("toc", "markdown.extensions.toc"):
            config["permalink"] = False
        names.append(name)
        configs[name] = config
    return names, configs


class NestedRenderer:
    def __init__(self, outer: markdown.Markdown, site: SiteConfig, language: str = "en"):
        self.outer = outer
        self.names, self.configs = extension_list(site)
        if language != "en":  # as the edition's generated configuration does (editions/config.py)
            for name, config in self.configs.items():
                if name.startswith("build_scripts.markdown."):
                    config["language"] = language
        self._footnotes_as_outer(outer)

    def _footnotes_as_outer(self, outer: markdown.Markdown) -> None:
        """The notes' ↩ links titled as the page's own (an edition's configuration gives them its
        language: ``footnotes: BACKLINK_TITLE``), not with the English of ``mkdocs.yml``."""
        title = next(
            (
                ext.getConfig("BACKLINK_TITLE")
                for ext in outer.registeredExtensions
                if isinstance(ext, FootnoteExtension)
            ),
            None,
        )
        name = next((n for n in self.names if n in ("footnotes", "markdown.extensions.footnotes")), None)
        if title and name:
            self.configs[name]["BACKLINK_TITLE"] = title

    def render_file(self, path: Path) -> etree.Element:
        text = strip_front_matter(read_page(path).text)
        snapshot = _SNAPSHOTS.pop(Path(path).resolve(), None)  # used once: no second copy
        if (
            snapshot is not None
            and snapshot.build() is not None
            and snapshot.build() is current_build(self.outer)
            and snapshot.source == _same_source(text)
        ):
            return self.adopt_snapshot(snapshot)
        return self.render(text, page=path.name)

    def adopt_snapshot(self, snapshot: _Snapshot) -> etree.Element:
        root = snapshot.tree
        permalink_class = self.configs.get("toc", self.configs.get("markdown.extensions.toc", {})).get(
            "permalink_class", "headerlink"
        )
        for heading in (e for e in root.iter() if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")):
            for child in list(heading):
                if child.tag == "a" and child.get("class") == permalink_class:
                    heading.remove(child)  # the page's permalinks; a nested render has none
        root.tag = "div"
        self._adopt(root, snapshot.raw_html)
        return root

    def render(self, text: str, *, page: str | None = None) -> etree.Element:
        """``text`` rendered as a ``<div>`` whose children are the page's blocks."""
        md = markdown.Markdown(extensions=self.names, extension_configs=copy.deepcopy(self.configs))
        md._readers_page = page
        lines = text.split("\n")
        for preprocessor in md.preprocessors:
            lines = preprocessor.run(lines)
        root = md.parser.parseDocument(lines).getroot()
        for treeprocessor in md.treeprocessors:
            result = treeprocessor.run(root)
            if result is not None:
                root = result
        root.tag = "div"
        self._adopt(root, md.htmlStash.rawHtmlBlocks)
        return root

    def _adopt(self, root: etree.Element, raw_html: list[str]) -> None:
        moved: dict[int, str] = {}

        def move(match: re.Match) -> str:
            index = int(match.group(1))
            if index not in moved:
                moved[index] = self.outer.htmlStash.store(raw_html[index])
            return moved[index]

        for element in root.iter():
            if element.text:
                element.text = AtomicString(_STASHED.sub(move, element.text))
            if element.tail:
                element.tail = AtomicString(_STASHED.sub(move, element.tail))
