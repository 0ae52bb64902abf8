"""The glossary (``glossary.yml``): terms defined once, found in the text automatically.

``load_glossary`` validates the file (every problem with its line and a fix); ``Glossary.pattern``
finds the terms in text (exact, case-sensitive, whole words, longest first); ``usages`` lists,
for the Glossary page, the chapters and sections where each term appears.

Each entry also carries its text in every other edition's language (``es: {term, match,
definition}``); ``Glossary.in_language("es")`` is the glossary of the Spanish edition: Spanish
terms, found in Spanish words, with Spanish definitions, and the same ids, sources and links.
An entry without the text of an edition's language stops the build (``glossary_problems``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, Problems, problem_at
from ..essays import SHORTCODE, Essay, read_page
from ..filecache import loaded_once
from ..inputs import Inputs
from ..schemas import schema_errors
from ..yamlio import entry_label, item_line, line_of, load_list


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    match: tuple[str, ...]
    definition: str
    sources: tuple[str, ...] = ()
    see: tuple[str, ...] = ()
    line: int | None = field(default=None, compare=False)
    #: language -> (term, match, definition) in that edition's language
    languages: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass
class Glossary:
    path: Path
    terms: dict[str, Term]
    by_text: dict[str, str]  # matched words -> term id
    pattern: re.Pattern | None

    def __iter__(self):
        return iter(sorted(self.terms.values(), key=lambda t: alphabetical(t.term)))

    def __len__(self) -> int:
        return len(self.terms)

    def in_language(self, lang: str) -> Glossary:
        """The glossary as an edition in ``lang`` shows it (``self`` for English)."""
        if lang == "en":
            return self
        for missing in missing_translations(self, [lang]):
            raise missing  # the pre-build reports them all first (glossary-missing-translation)
        terms: dict[str, Term] = {}
        by_text: dict[str, str] = {}
        for term in self.terms.values():
            name, match, definition = term.languages[lang]
            terms[term.id] = Term(term.id, name, match, definition, term.sources, term.see, term.line)
            for text in match:
                by_text.setdefault(text, term.id)
        return Glossary(self.path, terms, by_text, compile_pattern(by_text))

    def find(self, text: str):
        """Yield (start, end, term) for every term occurrence in ``text``."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            yield match.start(), match.end(), self.terms[self.by_text[match.group(0)]]


def load_glossary(path: Path, source_ids: set[str] | None = None) -> Glossary:
    """Read and validate ``glossary.yml``; raise BuildErrors listing every problem."""
    ids = frozenset(source_ids) if source_ids else None
    return loaded_once(path, ("glossary", ids), lambda resolved: _load(resolved, ids))


def _load(path: Path, source_ids: frozenset | None) -> Glossary:
    """Each term is checked by ``schemas/glossary.schema.json``; only the rules that cross
    entries or files are here: unique ids, one term per matched text, known sources and terms."""
    found = Problems()
    terms: dict[str, Term] = {}
    by_text: dict[str, str] = {}
    by_language: dict[str, dict[str, str]] = {}
    entries = load_list(path, what="the glossary", first_key="id")
    for index, entry in enumerate(entries):
        label = entry_label("glossary term", entry, index)
        problems = schema_errors(entry, "glossary", file=path, what=label, line=item_line(entries, index))
        found.collect(problems)
        if problems:
            continue
        at, term_id = problem_at(path, line_of(entry)), entry["id"]
        if term_id in terms:
            message = f"duplicate glossary id '{term_id}' (first on line {terms[term_id].line})"
            found.add(at(message, fix="define each term once; merge the two entries"))
            continue
        match = entry["match"] if isinstance(entry["match"], list) else [entry["match"]]
        match = tuple(text.strip() for text in match if text.strip())
        for text in match:
            if text in by_text:
                message = f"{label}: the words '{text}' already belong to term '{by_text[text]}'"
                found.add(at(message, fix="a text can match one term only; remove it here or there"))
            else:
                by_text[text] = term_id
        sources = tuple(entry.get("sources") or ())
        for source in sources if source_ids is not None else ():
            if source not in source_ids:
                fix = "use an id from sources.yml (the source that supports the definition)"
                found.add(at(f"{label}: unknown source id '{source}'", fix=fix))
        definition = " ".join(entry["definition"].split())
        see = tuple(entry.get("see") or ())
        languages = {}
        for lang, block in ((k, v) for k, v in entry.items() if k in LANGUAGE_BLOCKS):
            words = block["match"] if isinstance(block["match"], list) else [block["match"]]
            words = tuple(text.strip() for text in words if text.strip())
            for text in words:
                owner = by_language.setdefault(lang, {}).setdefault(text, term_id)
                if owner != term_id:
                    message = f"{label}: the {lang} words '{text}' already belong to term '{owner}'"
                    found.add(at(message, fix="a text can match one term only; remove it here or there"))
            languages[lang] = (block["term"].strip(), words, " ".join(block["definition"].split()))
        terms[term_id] = Term(
            term_id, entry["term"].strip(), match, definition, sources, see, line_of(entry), languages
        )
    for term in terms.values():
        for other in term.see:
            if other not in terms:
                message = f"glossary term '{term.id}': `see` names unknown term '{other}'"
                found.add(Problem(message, path, term.line, fix="use the id of another glossary term"))
    found.raise_if_any()
    return Glossary(path, terms, by_text, compile_pattern(by_text))


#: The other editions' blocks an entry may carry (glossary.schema.json names each).
LANGUAGE_BLOCKS = ("es",)


def compile_pattern(texts) -> re.Pattern | None:
    if not texts:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def alphabetical(text: str) -> str:
    """The key that puts terms in dictionary order in English and Spanish alike: case and accents
    ignored ("Cártel del Golfo" before "Contrainsurgencia", "Título 10" before "Tren de Aragua"),
    ñ after n."""
    folded = text.casefold().replace("ñ", "n~")
    return "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))


# ---- where terms are used -----------------------------------------------------------------------
@dataclass(frozen=True)
class Usage:
    src: str  # "kingpin.md"
    anchor: str | None  # the section's anchor, None for the top of the page
    section: str  # the section's heading text (the page title for the top)


_STRIP = [
    re.compile(r"<!--.*?-->"),  # comments (shortcodes)
    re.compile(r"(`+).+?\1"),  # code spans
    re.compile(r"\[\^[^\]]*\]"),  # footnote references
    re.compile(r"(?<=\])\([^)]*\)"),  # link targets, keep the link text
    re.compile(r"\{[^}\n]*\}"),  # attribute lists
    re.compile(r"<[^>]+>"),  # raw HTML tags
]


def page_text_sections(page: Essay, title: str):
    """Yield (anchor, section title, text) per section of a Markdown page, outside code and headings."""
    headings = {heading.line: heading for heading in page.headings}
    anchor, section, buffer = None, title, []
    for number, line in page.body:
        if SHORTCODE.match(line):
            continue
        heading = headings.get(number)
        if heading:
            if heading.level > 1:
                yield anchor, section, "\n".join(buffer)
                buffer = []
                section, anchor = heading.text, heading.id
            continue
        for pattern in _STRIP:
            line = pattern.sub(" ", line)
        buffer.append(line)
    yield anchor, section, "\n".join(buffer)


def usages(glossary: Glossary, pages: list[tuple[str, str, Path]]) -> dict[str, list[Usage]]:
    """For each term id, the sections (in page order) where it appears. ``pages``: (src, title, path)."""
    found: dict[str, list[Usage]] = {term_id: [] for term_id in glossary.terms}
    for src, title, path in pages:
        for anchor, section, text in page_text_sections(read_page(path), title):
            seen = {term.id for _, _, term in glossary.find(text)}
            for term_id in sorted(seen):
                usage = Usage(src, anchor, section)
                if usage not in found[term_id]:
                    found[term_id].append(usage)
    return found


def glossary_problems(inputs: Inputs) -> Iterator[Problem]:
    """The problems of ``glossary.yml`` (if there is one; it stops at them), then a warning for
    every term no chapter uses."""
    from .prebuild import chapter_files

    path = inputs.project.glossary
    if not path.is_file():
        return
    glossary = load_glossary(path, {source.id for source in inputs.registry})
    yield from missing_translations(glossary, _edition_languages(inputs.project))
    for term_id, used in usages(glossary, chapter_files(inputs.project)).items():
        if not used:
            yield Problem(
                f"glossary term '{term_id}' appears in no chapter",
                file=path,
                line=glossary.terms[term_id].line,
                fix="check its `match` words against the chapters, or remove the term",
                severity="warning",
            )


def _edition_languages(project) -> list[str]:
    from ..editions import edition_folders

    return [folder.name.removeprefix("content-") for folder in edition_folders(project)]


def missing_translations(glossary: Glossary, languages: list[str]) -> Iterator[Problem]:
    """An error for every entry without its text in one of the editions' ``languages``."""
    for lang in languages:
        for term in glossary.terms.values():
            if lang not in term.languages:
                yield Problem(
                    f"glossary term '{term.id}' has no {lang} text: the {lang} edition cannot show it",
                    file=glossary.path,
                    line=term.line,
                    fix=f"add to the entry `{lang}:` with `term:`, `match:` (the words to find in the "
                    f"content-{lang}/ pages) and `definition:`, the same facts and sources as the English "
                    "(docs/translating.md)",
                )


# ---- the Glossary page --------------------------------------------------------------------------
#: The list's words, per edition language.
LIST_WORDS = {
    "en": {
        "terms": "Terms: ",
        "sources": "Sources: ",
        "source": "Source: ",
        "see": "See also: ",
        "unused": "Not used in a chapter yet.",
        "used": "Used in: ",
    },
    "es": {
        "terms": "Términos: ",
        "sources": "Fuentes: ",
        "source": "Fuente: ",
        "see": "Véase también: ",
        "unused": "Todavía no se usa en ningún capítulo.",
        "used": "Se usa en: ",
    },
}


def glossary_list(
    glossary: Glossary,
    used: dict[str, list[Usage]] | None,
    page_titles: dict[str, str],
    registry=None,
    *,
    with_usages: bool = True,
    id_prefix: str = "",
    language: str = "en",
):
    """The Glossary page's list: each term, its definition, sources, related terms and where it is
    used. ``glossary`` in the edition's ``language`` (``Glossary.in_language``), whose words it writes."""
    words = LIST_WORDS.get(language, LIST_WORDS["en"])
    import xml.etree.ElementTree as etree

    from markdown.util import AtomicString

    def text(parent, tag, value, **attrs):
        element = etree.SubElement(parent, tag, attrs)
        element.text = AtomicString(value)
        return element

    root = etree.Element("div", {"class": "glossary"})
    terms = list(glossary)
    index = etree.SubElement(root, "p", {"class": "glossary__index"})
    index.text = AtomicString(words["terms"])
    for number, term in enumerate(terms):
        link = text(index, "a", term.term.split(" (")[0], href=f"#{id_prefix}{term.id}")
        link.tail = AtomicString(" · " if number < len(terms) - 1 else "")
    listing = etree.SubElement(root, "dl", {"class": "glossary__list"})
    for term in terms:
        head = etree.SubElement(listing, "dt", {"id": f"{id_prefix}{term.id}"})
        text(head, "dfn", term.term)
        body = etree.SubElement(listing, "dd")
        text(body, "p", term.definition)
        if term.sources and registry is not None:
            sources = etree.SubElement(body, "p", {"class": "glossary__sources"})
            sources.text = AtomicString(words["sources"] if len(term.sources) > 1 else words["source"])
            for number, source_id in enumerate(term.sources):
                source = registry.get(source_id)
                link = text(sources, "a", source.display_title_in(language), href=f"sources.md#source-{source_id}")
                link.tail = AtomicString(
                    f" ({source.words('outlet', language)}, {source.date[:4]})"
                    + ("; " if number < len(term.sources) - 1 else ".")
                )
        if term.see:
            see = etree.SubElement(body, "p", {"class": "glossary__see"})
            see.text = AtomicString(words["see"])
            for number, other in enumerate(term.see):
                link = text(see, "a", glossary.terms[other].term, href=f"#{id_prefix}{other}")
                link.tail = AtomicString(", " if number < len(term.see) - 1 else ".")
        if with_usages and used is not None:
            places = used.get(term.id, [])
            where = etree.SubElement(body, "p", {"class": "glossary__used"})
            if not places:
                where.text = AtomicString(words["unused"])
                continue
            where.text = AtomicString(words["used"])
            pages = list(dict.fromkeys(u.src for u in places))
            for page_number, src in enumerate(pages):
                title = page_titles.get(src, src)
                page_link = text(where, "a", title, href=src)
                sections = [u for u in places if u.src == src and u.anchor]
                if sections:
                    page_link.tail = AtomicString(" (")
                    for number, usage in enumerate(sections):
                        link = text(where, "a", usage.section, href=f"{src}#{usage.anchor}")
                        link.tail = AtomicString(", " if number < len(sections) - 1 else ")")
                last = where[-1]
                last.tail = AtomicString((last.tail or "") + ("; " if page_number < len(pages) - 1 else "."))
    return root
