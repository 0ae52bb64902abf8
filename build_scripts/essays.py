"""Reading essays (Markdown files in ``content/``) the way the build sees them.

Shared by the Markdown extensions and the pre-build validation, so both agree on what a
citation, a shortcode and a section anchor are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# [^id:claim-key] (the notation: the claim's evidence is in evidence/SLUG.yml), or the older
# [^id] and [^id, pinpoint]; not a definition ([^id]: …) and not an image (![^…]).
# Groups: "id", "claim" (None for the older forms), "pinpoint".
CITATION = re.compile(r"(?<!!)\[\^(?P<id>[^\]\s,:]+)(?::(?P<claim>[^\]\s,]*))?(?:,\s*(?P<pinpoint>[^\]]+))?\](?!:)")
DEFINITION = re.compile(r"^[ ]{0,3}\[\^([^\]]+)\]:")
SHORTCODE = re.compile(r"^[ ]{0,3}<!--\s*md:([a-z][a-z-]*)(?:\s+(.*?))?\s*-->\s*$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*#([\w-]+)[^}]*\})?\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)


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
    anchor: str | None
    line: int


@dataclass
class Essay:
    path: Path
    citations: list[Citation]
    shortcodes: list[Shortcode]
    headings: list[Heading]
    definitions: list[tuple[str, int]]

    @property
    def title(self) -> str:
        for heading in self.headings:
            if heading.level == 1:
                return heading.text
        return self.path.stem


def front_matter_lines(text: str) -> int:
    match = FRONT_MATTER.match(text)
    return match.group(0).count("\n") if match else 0


def body_lines(text: str):
    """Yield (line number, line) for the lines outside front matter and code fences."""
    lines = text.splitlines()
    start = front_matter_lines(text)
    fence: str | None = None
    for number, line in enumerate(lines[start:], start=start + 1):
        match = FENCE.match(line)
        if match:
            fence = None if fence == match.group(1) else (fence or match.group(1))
            continue
        if fence is None:
            yield number, line


def read_essay(path: Path) -> Essay:
    text = path.read_text(encoding="utf-8")
    citations, shortcodes, headings, definitions = [], [], [], []
    anchor = None
    for number, line in body_lines(text):
        heading = HEADING.match(line)
        if heading:
            level, title, explicit = len(heading.group(1)), heading.group(2), heading.group(3)
            headings.append(Heading(level, _strip_attr(title), explicit, number))
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
    return Essay(path, citations, shortcodes, headings, definitions)


def essays_in(content_dir: Path) -> list[Essay]:
    return [read_essay(p) for p in sorted(content_dir.glob("*.md"))]


def _strip_attr(title: str) -> str:
    return re.sub(r"\s*\{[^}]*\}\s*$", "", title).strip()


def _clean(pinpoint: str | None) -> str | None:
    return pinpoint.strip() if pinpoint else None
