"""Rendering one page's Markdown inside another (the print page, the questions on the educators
page) with the site's own Markdown extensions, as an element tree the outer page adopts.

The nested render stops before serialisation, so the outer page's tree processors (MkDocs' link
rewriting above all) still see every link and image. Raw HTML kept aside by the nested render
(footnote texts, inline HTML) moves to the outer page's stash, and every text becomes atomic so
the outer page does not parse it a second time.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
from markdown.util import AtomicString

from .site import SiteConfig

#: Extensions a nested render leaves out: ours that decorate a whole page.
LEFT_OUT = {"build_scripts.markdown.glossary", "build_scripts.markdown.pagefacts"}
_STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)


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
    def __init__(self, outer: markdown.Markdown, site: SiteConfig):
        self.outer = outer
        self.names, self.configs = extension_list(site)

    def render_file(self, path: Path) -> etree.Element:
        text = path.read_text(encoding="utf-8")
        return self.render(_FRONT_MATTER.sub("", text, count=1), page=path.name)

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
        self._adopt(root, md)
        return root

    def _adopt(self, root: etree.Element, inner: markdown.Markdown) -> None:
        moved: dict[int, str] = {}

        def move(match: re.Match) -> str:
            index = int(match.group(1))
            if index not in moved:
                moved[index] = self.outer.htmlStash.store(inner.htmlStash.rawHtmlBlocks[index])
            return moved[index]

        for element in root.iter():
            if element.text:
                element.text = AtomicString(_STASHED.sub(move, element.text))
            if element.tail:
                element.tail = AtomicString(_STASHED.sub(move, element.tail))
