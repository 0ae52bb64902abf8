"""Glossary terms, found automatically: the first occurrence of each ``glossary.yml`` term on a
page becomes a link to its Glossary entry that shows the definition on hover and keyboard focus.

Nobody marks terms in the chapters. A tree processor walks the rendered page and, for each term
not seen yet on the page, wraps its first occurrence outside headings, links, code, footnotes,
chart figures and the like::

    <a class="glossary-term" href="glossary.md#fto" data-term="FTO (Foreign Terrorist Organization)"
       data-definition="A U.S. legal label …">FTO</a>

``assets/javascripts/tooltips.js`` turns ``data-definition`` into an accessible tooltip (WCAG 2.1
SC 1.4.13); without JavaScript the link still leads to the definition. Pages that list the terms
themselves (``<!-- md:glossary -->``) or print the whole site (``<!-- md:print-all -->``) are left
alone. The Glossary page must exist (``page``), or nothing is marked.

Configuration (``mkdocs.yml``)::

    - build_scripts.markdown.glossary:
        project: .
        page: glossary.md
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..essays import SHORTCODE, SHORTCODES, fences
from ..readers.glossary import Glossary, load_glossary
from ._shared import ProjectExtension

SKIP_PAGES_WITH = frozenset(name for name, kind in SHORTCODES.items() if not kind.marks_terms)
SKIP_TAGS = {
    "a",
    "abbr",
    "button",
    "code",
    "dfn",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "kbd",
    "label",
    "math",
    "pre",
    "samp",
    "script",
    "select",
    "style",
    "sup",
    "svg",
    "textarea",
    "title",
}
SKIP_CLASSES = {"footnote", "chart", "glossary", "glossary-skip", "cite-box", "md-typeset__scrollwrap-skip"}
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")


class GlossaryPreprocessor(Preprocessor):
    """Notes whether this page is one where terms are not marked."""

    def run(self, lines: list[str]) -> list[str]:
        skip = False
        for line, in_code in fences(lines):
            match = None if in_code else SHORTCODE.match(line)
            if match and match.group(1) in SKIP_PAGES_WITH:
                skip = True
                break
        self.md.glossary_skip = skip
        return lines


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: GlossaryExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if getattr(self.md, "glossary_skip", False):
            return
        glossary = self.extension.glossary()
        if glossary is None:
            return
        self.glossary = glossary
        self.seen: set[str] = set()
        self.href = self.extension.getConfig("page")
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIP_TAGS or SKIP_CLASSES & set((element.get("class") or "").split()):
            return
        children = list(element)  # the original children; links inserted below are not walked again
        if element.text and not isinstance(element.text, AtomicString):
            element.text = self._mark_text(element, element.text, position=0)
        for child in children:
            self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail = self._mark_text(element, child.tail, position=list(element).index(child) + 1)

    def _mark_text(self, parent: etree.Element, text: str, position: int) -> str:
        """Wrap new terms in ``text``; new elements go into ``parent`` at ``position``. Returns the text left."""
        pieces: list[tuple[int, int, object]] = []
        protected = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
        for start, end, term in self.glossary.find(text):
            if term.id in self.seen or any(s < end and start < e for s, e in protected):
                continue
            self.seen.add(term.id)
            pieces.append((start, end, term))
        if not pieces:
            return text
        head = text[: pieces[0][0]]
        for index, (start, end, term) in enumerate(pieces):
            link = etree.Element(
                "a",
                {
                    "class": "glossary-term",
                    "href": f"{self.href}#{term.id}",
                    "data-term": term.term,
                    "data-definition": term.definition,
                },
            )
            link.text = AtomicString(text[start:end])
            following = pieces[index + 1][0] if index + 1 < len(pieces) else len(text)
            link.tail = text[end:following]
            parent.insert(position + index, link)
        return head


class GlossaryExtension(ProjectExtension):
    options = {"page": ["glossary.md", "The Glossary page, relative to the pages folder (content/)."]}

    def glossary(self) -> Glossary | None:
        path = self.project.glossary
        page = self.project.content / self.getConfig("page")
        if not path.is_file() or not page.is_file():
            return None
        return load_glossary(path).in_language(self.language)  # the edition's terms, found in its words

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 -- Python-Markdown's API
        md.preprocessors.register(GlossaryPreprocessor(md), "glossary", 24)
        # After inline parsing (20), footnotes (50 and up) and toc (5); before MkDocs resolves links (0).
        md.treeprocessors.register(GlossaryTreeprocessor(md, self), "glossary", 3)


def makeExtension(**kwargs) -> GlossaryExtension:  # noqa: N802 -- Python-Markdown's API
    return GlossaryExtension(**kwargs)
