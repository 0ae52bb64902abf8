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
#: The words these lists write for a reader, per edition language (the extension's ``language``).
WORDS = {
    "en": {"chapter": "Chapter: ", "chart": "Chart: "},
    "es": {"chapter": "Capítulo: ", "chart": "Gráfica: "},
}
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

    @property
    def language(self) -> str:
        return getattr(self.extension, "language", "en")

    @property
    def words(self) -> dict:
        return WORDS.get(self.language, WORDS["en"])

    @property
    def pages_dir(self) -> Path:
        """Where this edition's pages are: ``content/``, or for another edition the folder its
        build laid out (the translations, and the English pages not yet translated under their
        notice: build_scripts/editions/stage.py)."""
        return edition_pages(self.project, self.language)

    def page(self, src: str) -> Path:
        return self.pages_dir / src

    def title(self, chapter: dict) -> str:
        """The chapter's title in this edition (the translation's, where there is one)."""
        if self.language == "en":
            return chapter["title"]
        path = self.page(chapter["src"])
        return read_page(path).title if path.is_file() else chapter["title"]

    def in_english(self, chapter: dict) -> bool:
        """A page this edition shows in English, not yet translated (its lists' entries are marked so)."""
        if self.language == "en":
            return False
        from ..editions.stage import PENDING_KEY, PENDING_VALUE

        path = self.page(chapter["src"])
        return not path.is_file() or read_page(path).meta.get(PENDING_KEY) == PENDING_VALUE

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
        return NestedRenderer(md, load_site_config(self.root), language=self.language)

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
        glossary = glossary.in_language(self.language)
        used = usages(glossary, [(c["src"], self.title(c), self.page(c["src"])) for c in chapters])
        titles = {c["src"]: self.title(c) for c in chapters}
        return glossary_list(glossary, used, titles, self.registry(), language=self.language)

    def questions(self, argument: str | None, line: int) -> etree.Element:
        # Each chapter's own page already puts these questions in the search index.
        root = etree.Element("div", {"class": "questions-by-chapter", "data-search-exclude": ""})
        renderer = self.renderer()
        for chapter in self.chapters():
            section = questions_markdown(self.page(chapter["src"]))
            if section is None:
                continue
            slug = chapter["url"].strip("/").replace("/", "-") or "home"
            heading = etree.SubElement(root, "h3", {"id": f"questions-{slug}"})
            english = self.in_english(chapter)
            if english:
                heading.set("lang", "en")
            link = etree.SubElement(heading, "a", {"href": f"{chapter['src']}#{QUESTIONS_ANCHOR}"})
            link.text = AtomicString(self.title(chapter))
            body = renderer.render(section, page=chapter["src"])
            _drop_notes(body)
            for block in body if english else ():
                block.set("lang", "en")
            root.extend(list(body))
        return root

    def chapter_links(self, argument: str | None, line: int) -> etree.Element:
        root = etree.Element("div", {"class": "chapter-links", "data-search-exclude": ""})
        for chapter in self.chapters():
            box = etree.SubElement(root, "details", {"class": "chapter-links__chapter"})
            english = {"lang": "en"} if self.in_english(chapter) else {}  # its title and sections
            summary = etree.SubElement(box, "summary", english)
            summary.text = AtomicString(self.title(chapter))
            permalink = etree.SubElement(box, "p", {"class": "chapter-links__permalink"})
            permalink.text = AtomicString(self.words["chapter"])
            link = etree.SubElement(permalink, "a", {"href": chapter["src"]})
            link.text = AtomicString(chapter["permalink"])
            items = etree.SubElement(box, "ul", english)
            for anchor, title in section_anchors(self.page(chapter["src"])):
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
                link.text = AtomicString(self.words["chart"] + chart.get("title", chart_id))
                link.tail = AtomicString(" ")
                code = etree.SubElement(item, "code")
                code.text = AtomicString(f"#chart-{chart_id}")
        return root

    def changes(self, argument: str | None, line: int) -> etree.Element:
        facts = self.records()
        pages = {
            src: {**record, "title": self.title(record), "in_english": self.in_english(record)}
            for src, record in facts["pages"].items()
        }
        return changes_element(load_changes(self.project.changes), pages, facts["charts"], lang=self.language)

    def last_updated(self, argument: str | None, line: int) -> etree.Element:
        pages = {src: {**record, "title": self.title(record)} for src, record in self.records()["pages"].items()}
        return updated_table(pages, lang=self.language)

    def print_all(self, argument: str | None, line: int) -> etree.Element:
        site = load_site_config(self.root)
        name, url = site.name, site.url
        if self.language != "en":
            from ..editions import editions

            edition = next((e for e in editions(self.project) if e.lang == self.language), None)
            if edition is not None:
                name, url = edition.site_name, site.url + edition.path
        return print_all(
            self.renderer(),
            [{**chapter, "title": self.title(chapter)} for chapter in self.chapters()],
            self.pages_dir,
            site_name=name,
            site_url=url,
            language=self.language,
            glossary_path=self.project.glossary,
            registry=self.registry(),
        )


def edition_pages(project: Project, language: str) -> Path:
    """The folder of an edition's pages: ``content/`` for English, else the staged folder."""
    if language == "en":
        return project.content
    from ..editions.stage import staged_docs_folder

    return staged_docs_folder(project, language)


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
