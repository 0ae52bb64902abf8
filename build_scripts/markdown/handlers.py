"""The readers' shortcodes, registered in ``build_scripts.markdown.shortcodes`` (one dispatch table):

- ``<!-- md:glossary -->``: every glossary term with its definition and where it is used.
- ``<!-- md:questions -->``: the "Questions to consider" of every chapter, in reading order.
- ``<!-- md:chapter-links -->``: every chapter's permanent link, sections and charts.
- ``<!-- md:changes -->``: the What's new log (``changes.yml``).
- ``<!-- md:last-updated -->``: every chapter with the date of its last change.
- ``<!-- md:print-all -->``: the whole explainer on one page, for printing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.util import AtomicString

from ..errors import BuildError
from ..essays import SHORTCODES, read_page
from ..project import Project
from ..readers.changes import changes_element, load_changes, updated_table
from ..readers.glossary import glossary_list, load_glossary, usages
from ..readers.pages import page_facts_name, read_page_facts
from ..site_config import load_site_config
from .nested import NestedRenderer
from .printing import print_all

QUESTIONS_ANCHOR = "questions"
# The rows of the shortcode table (essays.SHORTCODES) handled here; chart and sources are in shortcodes.py.
NAMES = tuple(name for name in SHORTCODES if name not in ("chart", "sources"))


def reader_handlers(extension) -> dict:
    """Handlers for ShortcodesExtension.handlers; ``extension`` gives the configuration and ``md``."""
    readers = _Readers(extension)
    return {name: getattr(readers, name.replace("-", "_")) for name in NAMES}


class _Readers:
    def __init__(self, extension):
        self.extension = extension

    # --- shared ---------------------------------------------------------------------------------
    @property
    def project(self) -> Project:
        return self.extension.project

    @property
    def content_dir(self) -> Path:
        return self.project.content

    @property
    def root(self) -> Path:
        return self.project.root

    def records(self) -> dict:
        facts = read_page_facts(self.project.generated, self.extension.language)
        if facts is None:
            raise BuildError(
                f"the page records (content/generated/{page_facts_name(self.extension.language)}) have not been generated yet",
                fix="build with `make build` or `make serve` (they run the pre-build step)",
            )
        return facts

    def chapters(self) -> list[dict]:
        pages = self.records()["pages"]
        return sorted((r for r in pages.values() if r["kind"] == "chapter"), key=lambda r: r["nav_index"])

    def registry(self):
        from ._shared import registry_at

        return registry_at(self.project.sources)

    def renderer(self) -> NestedRenderer:
        md = getattr(self.extension, "md", None)
        if md is None:
            raise BuildError("the shortcodes extension has no Markdown instance to render into")
        return NestedRenderer(md, load_site_config(self.root))

    # --- handlers -------------------------------------------------------------------------------
    def glossary(self, argument: str | None, line: int) -> etree.Element:
        path = self.project.glossary
        if not path.is_file():
            raise BuildError(
                f"md:glossary needs glossary.yml in the project folder (Markdown line {line})",
                fix="create glossary.yml (see the comment at its top for the fields)",
            )
        glossary = load_glossary(path)
        chapters = self.chapters()
        used = usages(glossary, [(c["src"], c["title"], self.content_dir / c["src"]) for c in chapters])
        titles = {c["src"]: c["title"] for c in chapters}
        return glossary_list(glossary, used, titles, self.registry())

    def questions(self, argument: str | None, line: int) -> etree.Element:
        # Each chapter's own page already puts these questions in the search index.
        root = etree.Element("div", {"class": "questions-by-chapter", "data-search-exclude": ""})
        renderer = self.renderer()
        for chapter in self.chapters():
            section = questions_markdown(self.content_dir / chapter["src"])
            if section is None:
                continue
            slug = chapter["url"].strip("/").replace("/", "-") or "home"
            heading = etree.SubElement(root, "h3", {"id": f"questions-{slug}"})
            link = etree.SubElement(heading, "a", {"href": f"{chapter['src']}#{QUESTIONS_ANCHOR}"})
            link.text = AtomicString(chapter["title"])
            body = renderer.render(section, page=chapter["src"])
            _drop_notes(body)
            root.extend(list(body))
        return root

    def chapter_links(self, argument: str | None, line: int) -> etree.Element:
        root = etree.Element("div", {"class": "chapter-links", "data-search-exclude": ""})
        for chapter in self.chapters():
            box = etree.SubElement(root, "details", {"class": "chapter-links__chapter"})
            summary = etree.SubElement(box, "summary")
            summary.text = AtomicString(chapter["title"])
            permalink = etree.SubElement(box, "p", {"class": "chapter-links__permalink"})
            permalink.text = AtomicString("Chapter: ")
            link = etree.SubElement(permalink, "a", {"href": chapter["src"]})
            link.text = AtomicString(chapter["permalink"])
            items = etree.SubElement(box, "ul")
            for anchor, title in section_anchors(self.content_dir / chapter["src"]):
                item = etree.SubElement(items, "li")
                link = etree.SubElement(item, "a", {"href": f"{chapter['src']}#{anchor}"})
                link.text = AtomicString(title)
                code = etree.SubElement(item, "code")
                code.text = AtomicString(f"#{anchor}")
                code.tail = None
                link.tail = AtomicString(" ")
            for chart_id in chapter["charts"]:
                item = etree.SubElement(items, "li")
                link = etree.SubElement(item, "a", {"href": f"{chapter['src']}#chart-{chart_id}"})
                chart = self.records()["charts"].get(chart_id, {})
                link.text = AtomicString(f"Chart: {chart.get('title', chart_id)}")
                link.tail = AtomicString(" ")
                code = etree.SubElement(item, "code")
                code.text = AtomicString(f"#chart-{chart_id}")
        return root

    def changes(self, argument: str | None, line: int) -> etree.Element:
        facts = self.records()
        return changes_element(
            load_changes(self.project.changes), facts["pages"], facts["charts"], self.extension.language
        )

    def last_updated(self, argument: str | None, line: int) -> etree.Element:
        return updated_table(self.records()["pages"])

    def print_all(self, argument: str | None, line: int) -> etree.Element:
        site = load_site_config(self.root)
        return print_all(
            self.renderer(),
            self.chapters(),
            self.content_dir,
            site_name=site.name,
            site_url=site.url,
            glossary_path=self.project.glossary,
            registry=self.registry(),
        )


def questions_markdown(path: Path) -> str | None:
    """The Markdown of a page's ``## … {#questions}`` section, without its heading; None if it has none."""
    page = read_page(path)
    lines = page.text.splitlines()
    start = level = None
    for heading in page.headings:
        if start is None and heading.anchor == QUESTIONS_ANCHOR:
            start, level = heading.line, heading.level
        elif start is not None and heading.level <= level:
            return "\n".join(lines[start : heading.line - 1]).strip() or None
    return "\n".join(lines[start:]).strip() or None if start is not None else None


def section_anchors(path: Path) -> list[tuple[str, str]]:
    """(anchor, heading text) of the page's ## and ### headings with an explicit anchor, in order."""
    return [(h.anchor, h.text) for h in read_page(path).headings if h.level in (2, 3) and h.anchor]


def _drop_notes(body: etree.Element) -> None:
    for parent in list(body.iter()):
        for child in list(parent):
            classes = (child.get("class") or "").split()
            if "footnote" in classes or (child.tag == "sup" and re.match(r"fnref", child.get("id") or "")):
                tail = child.tail
                index = list(parent).index(child)
                parent.remove(child)
                if tail:
                    if index == 0:
                        parent.text = AtomicString((parent.text or "") + tail)
                    else:
                        previous = parent[index - 1]
                        previous.tail = AtomicString((previous.tail or "") + tail)
