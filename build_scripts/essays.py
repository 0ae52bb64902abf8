"""The one reading of a page: a page's Markdown source (``content/*.md``) turned into what every
step of the build needs.

- front matter: the YAML between a first line ``---`` and a line ``---`` or ``...`` (as MkDocs
  reads it), with the problems a contributor can make in it;
- the lines outside fenced code (one fence state machine, :func:`fences`, shared with the
  Markdown extensions, which see the page without its front matter);
- headings with the anchors the table of contents gives them (an explicit ``{#id}`` or the
  toc extension's slug, made unique as toc makes it), and every anchor a page will have;
- shortcodes (``<!-- md:NAME argument -->``), whose names and kinds come from :data:`SHORTCODES`,
  the table the shortcodes extension dispatches on;
- citations (``[^id:claim-key]``, and the older ``[^id]`` and ``[^id, pinpoint]``) and hand-written definitions.

The Markdown extensions, the checks (``build_scripts.checks``) and the readers' features
(``build_scripts.readers``) all read pages through :func:`read_page`, so they agree; a page is
parsed once per change of its file. ``tests/test_essays_parser.py`` fails if a second
front-matter parser appears in ``build_scripts``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify

from .errors import BuildError
from .filecache import loaded_once
from .textfile import read_text

# [^id:claim-key] (the notation: the claim's evidence is in evidence/SLUG.yml), or the older
# [^id] and [^id, pinpoint]; not a definition ([^id]: …) and not an image (![^…]).
# Groups: "id", "claim" (None for the older forms), "pinpoint".
CITATION = re.compile(r"(?<!!)\[\^(?P<id>[^\]\s,:]+)(?::(?P<claim>[^\]\s,]*))?(?:,\s*(?P<pinpoint>[^\]]+))?\](?!:)")
DEFINITION = re.compile(r"^[ ]{0,3}\[\^([^\]]+)\]:")
SHORTCODE = re.compile(r"^[ ]{0,3}<!--\s*md:([a-z][a-z-]*)(?:\s+(.*?))?\s*-->\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*#([\w-]+)[^}]*\})?\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
# The front matter's first and last lines, as MkDocs (and Zensical) recognise them.
FRONT_MATTER_START = re.compile(r"^---[ \t]*$")
FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
# Ids written by hand: {#id} or {: #id .class} (attr_list), and id="…" in raw HTML.
EXPLICIT_ANCHOR = re.compile(r"\{[^}\n]*?#([\w:.-]+)[^}\n]*\}")
HTML_ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""", re.I)


@dataclass(frozen=True)
class ShortcodeKind:
    """One row of the shortcode table. The shortcodes extension has one handler per row."""

    name: str
    summary: str
    argument: str | None = None  # what follows the name, if anything
    in_chapters: bool = False  # a page with only these shortcodes is a chapter (it can be printed)
    writes_headings: bool = False  # its output has headings, so the page's anchors are known only once rendered
    marks_terms: bool = True  # the glossary marks terms on a page that has it


SHORTCODES: dict[str, ShortcodeKind] = {
    kind.name: kind
    for kind in (
        ShortcodeKind("chart", "a chart from charts/ID/, with its data, source and citation", "ID", in_chapters=True),
        ShortcodeKind(
            "sources", "every source of the registry, grouped by kind, with the pages citing it", marks_terms=False
        ),
        ShortcodeKind(
            "glossary",
            "every glossary term with its definition and where it is used",
            writes_headings=True,
            marks_terms=False,
        ),
        ShortcodeKind(
            "questions", "the questions to consider of every chapter, in reading order", writes_headings=True
        ),
        ShortcodeKind("chapter-links", "every chapter's permanent link, sections and charts", writes_headings=True),
        ShortcodeKind("changes", "the What's new log (changes.yml)", writes_headings=True),
        ShortcodeKind("last-updated", "every chapter with the date of its last change", writes_headings=True),
        ShortcodeKind(
            "print-all", "the whole explainer on one page, for printing", writes_headings=True, marks_terms=False
        ),
    )
}


@dataclass(frozen=True)
class Citation:
    source_id: str
    pinpoint: str | None
    line: int
    anchor: str | None  # the section (heading anchor) the citation stands in
    claim: str | None = None  # the claim key of [^id:claim-key]; None for [^id] and [^id, pinpoint]


@dataclass(frozen=True)
class Shortcode:
    name: str
    argument: str | None
    line: int


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str | None  # the explicit {#anchor}: permanent, safe to link to from elsewhere
    line: int
    id: str = ""  # the id the built page gives it: the explicit anchor, else toc's slug


@dataclass(frozen=True)
class FrontMatter:
    data: dict
    end: int  # the line number of the closing --- (0: no front matter)
    problem: BuildError | None = None  # missing, not closed, not YAML, not key: value


@dataclass
class Essay:
    """A page of ``content/``, read once: see the module's docstring."""

    path: Path
    citations: list[Citation]
    shortcodes: list[Shortcode]
    headings: list[Heading]
    definitions: list[tuple[str, int]]
    front_matter: FrontMatter = field(default_factory=lambda: FrontMatter({}, 0))
    body: list[tuple[int, str]] = field(default_factory=list)  # (line number, line) outside front matter and code
    text: str = ""
    _anchors: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def title(self) -> str:
        for heading in self.headings:
            if heading.level == 1:
                return heading.text
        return self.path.stem

    @property
    def meta(self) -> dict:
        return self.front_matter.data

    def anchors(
        self, kind: str = "all", *, source_ids: Iterable[str] = (), glossary_ids: Iterable[str] = ()
    ) -> set[str]:
        """The ids the built page will have.

        ``kind="all"``: every id a link may name today (headings' slugs included, and the
        marker :data:`OPEN` when a shortcode writes headings of its own). ``kind="permanent"``:
        the ids put there on purpose, which must keep working once published (explicit heading
        anchors, attr_list and HTML ids, charts, glossary terms), not slugs that change with a title.
        """
        if kind not in ("all", "permanent"):
            raise ValueError(f"kind must be 'all' or 'permanent', not {kind!r}")
        key = (kind, tuple(source_ids), tuple(glossary_ids))
        if key not in self._anchors:
            self._anchors[key] = frozenset(self._find_anchors(kind, key[1], key[2]))
        return set(self._anchors[key])

    def _find_anchors(self, kind: str, source_ids: tuple[str, ...], glossary_ids: tuple[str, ...]) -> set[str]:
        anchors: set[str] = set()
        for heading in self.headings:
            if heading.anchor:
                anchors.add(heading.anchor)
            elif kind == "all":
                anchors.add(heading.id)
        for _, line in self.body:
            if not HEADING.match(line):
                anchors.update(EXPLICIT_ANCHOR.findall(line))
                anchors.update(HTML_ID.findall(line))
        for shortcode in self.shortcodes:
            if shortcode.name == "chart" and shortcode.argument:
                chart = f"chart-{shortcode.argument.split()[0]}"
                anchors.update({chart, f"{chart}-title", f"{chart}-description"} if kind == "all" else {chart})
            elif shortcode.name == "sources":
                anchors.update(f"source-{sid}" for sid in source_ids)
            elif shortcode.name == "glossary":
                anchors.update(glossary_ids)
            if kind == "all" and shortcode.name in SHORTCODES and SHORTCODES[shortcode.name].writes_headings:
                anchors.add(OPEN)
        return anchors

    def shortcode_names(self) -> set[str]:
        return {shortcode.name for shortcode in self.shortcodes}


Page = Essay
# In Essay.anchors("all"): the page's shortcodes write headings of their own (glossary,
# questions…), so its anchors are only known once rendered; links into it are left to the
# post-build link check.
OPEN = "\0open"


# ---- front matter -------------------------------------------------------------------------------
def parse_front_matter(text: str, path: Path | str | None = None) -> FrontMatter:
    """The page's front matter: a first line ``---``, YAML, then a line ``---`` or ``...``."""
    lines = text.splitlines()
    if not lines or not FRONT_MATTER_START.match(lines[0]):
        return FrontMatter(
            {},
            0,
            BuildError(
                "the page has no front matter",
                file=path,
                line=1,
                fix="start the file with ---, then `title: …` and `description: …`, then ---",
            ),
        )
    end = next((n for n, line in enumerate(lines[1:], start=2) if FRONT_MATTER_END.match(line)), 0)
    if not end:
        return FrontMatter(
            {},
            0,
            BuildError("the front matter is not closed", file=path, line=1, fix="end the front matter with a line ---"),
        )
    try:
        data = yaml.safe_load("\n".join(lines[1 : end - 1])) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return FrontMatter(
            {},
            end,
            BuildError(
                f"the front matter is not valid YAML: {getattr(error, 'problem', error)}",
                file=path,
                line=(mark.line + 2) if mark else 1,
                fix='quote values that contain a colon, e.g. title: "Imminent: a warning"',
            ),
        )
    if not isinstance(data, dict):
        return FrontMatter(
            {},
            end,
            BuildError(
                "the front matter must be `key: value` lines",
                file=path,
                line=2,
                fix="write title: … and description: …",
            ),
        )
    return FrontMatter(data, end)


def strip_front_matter(text: str) -> str:
    """The page's Markdown without its front matter (what the site generator renders)."""
    end = parse_front_matter(text).end
    return "".join(text.splitlines(keepends=True)[end:]) if end else text


def front_matter_lines(text: str) -> int:
    return parse_front_matter(text).end


# ---- fenced code ------------------------------------------------------------------------------
def fences(lines: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Yield (line, in_code) for each line: ``in_code`` is true inside a fenced code block and
    on its ``` or ~~~ lines. The one fence state machine of the build."""
    fence: str | None = None
    for line in lines:
        match = FENCE.match(line)
        if match:
            fence = None if fence == match.group(1) else (fence or match.group(1))
            yield line, True
        else:
            yield line, fence is not None


def body_lines(text: str, start: int | None = None) -> Iterator[tuple[int, str]]:
    """Yield (line number, line) for the lines outside front matter and code fences (the front
    matter ends on line ``start``; found when not given)."""
    lines = text.splitlines()
    start = front_matter_lines(text) if start is None else start
    for number, (line, in_code) in enumerate(fences(lines[start:]), start=start + 1):
        if not in_code:
            yield number, line


# ---- headings ---------------------------------------------------------------------------------
def heading_text(title: str) -> str:
    """A heading's text without its attribute list."""
    return re.sub(r"\s*\{[^}]*\}\s*$", "", title).strip()


def plain(heading: str) -> str:
    """The heading as the toc extension sees it when it makes a slug: no markup, no notes."""
    heading = heading_text(heading)
    heading = re.sub(r"\[\^[^\]]*\]", "", heading)
    heading = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    heading = re.sub(r"<[^>]+>", "", heading)
    return re.sub(r"[*_`]", "", heading).strip()


# ---- the page -----------------------------------------------------------------------------------
def parse_page(text: str, path: Path) -> Essay:
    """Read a page's source (no file access: tests and the extensions may pass any text)."""
    front = parse_front_matter(text, path)
    body = list(body_lines(text, front.end))
    citations, shortcodes, headings, definitions = [], [], [], []
    slugs: dict[str, int] = {}
    anchor = None
    for number, line in body:
        heading = HEADING.match(line)
        if heading:
            level, title, explicit = len(heading.group(1)), heading.group(2), heading.group(3)
            slug = slugify(plain(title), "-")
            count = slugs.get(slug, 0)
            slugs[slug] = count + 1
            unique = slug if count == 0 else f"{slug}_{count}"
            headings.append(Heading(level, heading_text(title), explicit, number, explicit or unique))
            anchor = explicit if level > 1 else None
            continue
        shortcode = SHORTCODE.match(line)
        if shortcode:
            shortcodes.append(Shortcode(shortcode.group(1), shortcode.group(2), number))
            continue
        definition = DEFINITION.match(line)
        if definition:
            definitions.append((definition.group(1), number))
        for match in CITATION.finditer(line):
            if definition and match.start() == line.index("[^"):
                continue
            citations.append(Citation(match["id"], _clean(match["pinpoint"]), number, anchor, claim=match["claim"]))
    return Essay(path, citations, shortcodes, headings, definitions, front, body, text)


def read_page(path: Path) -> Essay:
    """The page at ``path``, parsed once per change of the file."""
    return loaded_once(path, "page", lambda resolved: parse_page(read_text(resolved), Path(path)))


def read_essay(path: Path) -> Essay:
    return read_page(path)


def essays_in(content_dir: Path) -> list[Essay]:
    return [read_page(p) for p in sorted(content_dir.glob("*.md"))]


def _clean(pinpoint: str | None) -> str | None:
    return pinpoint.strip() if pinpoint else None
