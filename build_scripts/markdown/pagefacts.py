"""Page facts: hands each page its record from ``content/generated/pages.json`` (written by the
pre-build) and shows the "Record through … Page last changed …" line under a chapter's title.

The record goes into ``page.meta["facts"]``, where the theme overrides read it: the "Cite this
chapter" box (``overrides/partials/cite.html``) and the Scholar, Open Graph and Twitter meta tags
(``overrides/partials/meta-*.html``). Both site generators let an extension reach the page being
rendered: MkDocs through its ``relpath`` tree processor (``.file.page``), Zensical through its
rendering-context preprocessor (``.page``); :func:`current_page` hides the difference.

It also keeps renamed anchors alive (``redirects.yml``, ``anchors:``): an empty, hidden
``<span id="old-anchor">`` just before the element that now has the new anchor.

Configuration (``mkdocs.yml``)::

    - build_scripts.markdown.pagefacts:
        project: .
        record_through: spring 2026

A language edition's configuration sets ``language`` (its records are ``pages-<lang>.json``, its
words :data:`WORDS`) and its own ``record_through`` (``content-<lang>/edition.yml``).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html import escape
from pathlib import Path

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..errors import BuildError
from ..filecache import loaded_once
from ..readers.links import load_redirects
from ..readers.pages import page_facts_name, read_page_facts
from ._shared import ProjectExtension

WHATS_NEW = "whats-new.md"
CITE_BOX = "#cite-this-chapter"  # the cite box's heading (overrides/partials/cite.html)
#: The line under a chapter's title, per language.
WORDS = {
    "en": {
        "record_through": "Record through {through}.",
        "changed": "Page last changed ",
        "whats_new": "What's new",
        "cite": "Cite this chapter",
    },
    "es": {
        "record_through": "Hechos registrados hasta {through}.",
        "changed": "Última modificación de la página: ",
        "whats_new": "Novedades",
        "cite": "Citar este capítulo",
    },
}


@dataclass
class PageRef:
    src: str | None  # path relative to docs_dir, e.g. "kingpin.md"
    meta: dict | None  # the page's metadata dict, as the templates will see it


def current_page(md: Markdown) -> PageRef:
    """The page this Markdown instance is rendering, as far as the site generator tells."""
    for processor in md.preprocessors:  # Zensical
        if type(processor).__name__ == "ContextPreprocessor" and getattr(processor, "page", None) is not None:
            page = processor.page
            return PageRef(str(getattr(page, "path", "") or "") or None, getattr(page, "meta", None))
    if "relpath" in md.treeprocessors:  # MkDocs
        file = getattr(md.treeprocessors["relpath"], "file", None)
        page = getattr(file, "page", None)
        if file is not None:
            return PageRef(file.src_uri, getattr(page, "meta", None))
    forced = getattr(md, "_readers_page", None)  # tests and nested renders set this
    if forced:
        return PageRef(forced, None)
    return PageRef(None, None)


def current_build(md: Markdown):
    """The object that stands for the build this render belongs to: MkDocs' collection of files,
    which its link processor holds for every page of one build. None elsewhere (Zensical, tests)."""
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
    return getattr(relpath, "files", None)


class PageFactsPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: PageFactsExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        self.md.readers_record = None
        ref = current_page(self.md)
        self.md.readers_src = ref.src
        if ref.src is None:
            return lines
        facts = read_page_facts(self.extension.project.generated, self.extension.language)
        if facts is None:
            raise BuildError(
                f"the page records (content/generated/{page_facts_name(self.extension.language)}) have not been generated yet",
                fix="build with `make build` or `make serve` (they run the pre-build step), "
                "or run `python -m build_scripts prebuild`",
            )
        record = facts["pages"].get(ref.src)
        self.md.readers_record = record
        if record is not None and ref.meta is not None:
            ref.meta["facts"] = record
        return lines


class PageFactsTreeprocessor(Treeprocessor):
    """Insert "Record through … Page last changed <date>" after a chapter's first-level heading, and keep renamed
    anchors (``redirects.yml``, ``anchors:``) as invisible aliases before their new element."""

    def __init__(self, md: Markdown, extension: PageFactsExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        self.aliases(root)
        record = getattr(self.md, "readers_record", None)
        if not record or record.get("kind") != "chapter":
            return
        for index, child in enumerate(list(root)):
            if child.tag == "h1":
                root.insert(index + 1, self.line(record))
                return

    def aliases(self, root: etree.Element) -> None:
        src = getattr(self.md, "readers_src", None)
        path = self.extension.project.redirects
        if not src or not path.is_file():
            return
        aliases = _redirects_at(path).aliases(src)
        if not aliases:
            return
        parents = {child: parent for parent in root.iter() for child in parent}
        for alias in aliases:
            target = next((e for e in root.iter() if e.get("id") == alias.to), None)
            if target is None or target not in parents:
                raise BuildError(
                    f"redirects.yml: page '{src}' has no anchor '{alias.to}' for the old anchor '{alias.old}'",
                    file=path,
                    line=alias.line,
                    fix="point `to:` at the heading's current {#anchor}",
                )
            parent = parents[target]
            marker = etree.Element("span", {"id": alias.old, "class": "anchor-alias", "aria-hidden": "true"})
            parent.insert(list(parent).index(target), marker)

    def line(self, record: dict) -> etree.Element:
        """Two facts a reader must not confuse: how far the record of events reaches
        (``record_through``, one date for the whole site) and when this page last changed."""
        said = WORDS[self.extension.language]
        para = etree.Element("p", {"class": "page-updated"})
        if self.extension.language != "en":  # also above an English page shown untranslated (lang="en")
            para.set("lang", self.extension.language)
        record_through = self.extension.getConfig("record_through")
        if record_through:
            through = etree.SubElement(para, "span", {"class": "page-updated__record"})
            through.text = AtomicString(said["record_through"].format(through=record_through))
            through.tail = AtomicString(" ")
        changed = etree.SubElement(para, "span", {"class": "page-updated__changed"})
        changed.text = AtomicString(said["changed"])
        time = etree.SubElement(changed, "time", {"datetime": record["updated"]})
        time.text = AtomicString(record["updated_display"])
        time.tail = AtomicString(".")
        content_dir = self.extension.project.content
        links = [(said["cite"], CITE_BOX)]
        if (content_dir / WHATS_NEW).is_file() and record["src"] != WHATS_NEW:
            links.insert(0, (said["whats_new"], WHATS_NEW))
        previous = changed
        for index, (text, href) in enumerate(links):
            previous.tail = (previous.tail or "") + (" " if index == 0 else "")
            if index:
                separator = etree.SubElement(para, "span", {"class": "page-updated__sep", "aria-hidden": "true"})
                separator.text = AtomicString(" · ")
                previous = separator
            if href == CITE_BOX:
                # The cite box's heading comes from the theme template, not from the Markdown, so
                # MkDocs' anchor validation cannot see it and would fail the strict build. The link
                # goes out as raw HTML; the post-build link check verifies it against the final page.
                previous.tail = (previous.tail or "") + self.md.htmlStash.store(
                    f'<a href="{CITE_BOX}">{escape(text)}</a>'
                )
                continue
            link = etree.SubElement(para, "a", {"href": href})
            link.text = AtomicString(text)
            previous = link
        return para


class PageFactsExtension(ProjectExtension):
    options = {
        "record_through": ["", "How far the site's record of events reaches, e.g. 'spring 2026' (optional)."],
    }

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 -- Python-Markdown's API
        if self.language not in WORDS:
            raise BuildError(
                f"pagefacts: no wording for language '{self.language}'", fix=f"add it to WORDS in {__name__}"
            )
        md.preprocessors.register(PageFactsPreprocessor(md, self), "pagefacts", 5)
        md.treeprocessors.register(PageFactsTreeprocessor(md, self), "pagefacts", 2)


def makeExtension(**kwargs) -> PageFactsExtension:  # noqa: N802 -- Python-Markdown's API
    return PageFactsExtension(**kwargs)


def _redirects_at(path: Path):
    """redirects.yml, read once per change (every page asks for its anchor aliases)."""
    return loaded_once(path, "redirects", load_redirects)
