"""The claims of a page: each footnote marker with the text it closes, and the two checks on it.

- **Quoted words.** Words the essay puts in quotation marks before a marker (since the previous
  marker, in the same paragraph, list item or table cell) must appear in that marker's quote,
  after normalising quotation marks, whitespace and case; a cut marked ``...``, ``…`` or
  ``[...]`` splits them into parts that must each appear. When the sentence says
  "our translation", they are checked against the entry's ``translation``. Words that are the
  cited source's own title pass too.
- **Numbers.** Every number in the footnoted sentence must appear in the evidence of its
  marker(s) (quote, translation or pinpoint), in the cited source's date, or in the data of a
  chart the page embeds. A number the site computes itself is marked "(our sum)" or
  "(our calculation)" in the sentence. Digits that are part of a name (MQ-9, COVID-19, G7) are
  not numbers here.

Adjacent markers (``[^a:x][^b:y]``) close the same text and share the check: the words and
numbers may come from either's evidence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..essays import CITATION, HEADING, SHORTCODE, body_lines

_QUOTE_CHARS = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-"}
)
_QUOTED = re.compile(r'"([^"\n]*[^\W\d_][^"\n]*)"', re.S)
_GAP = re.compile(r"\s*(?:\[[^\]]*\]|\.\.\.|…)\s*")
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ATTR = re.compile(r"\{[:#.][^}]*\}")
_CODE = re.compile(r"`[^`]*`")
_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(¿¡]?[A-ZÁÉÍÓÚÑ])")
# A number: digits with thousands separators or a decimal part; not glued to a letter or a
# capitalised name before it (MQ-9, COVID-19, F-35, G7, H.J.Res.18), but a year after a
# lowercase prefix is one (mid-2025, pre-2006); a letter after it does not matter (4th is 4).
NUMBER = re.compile(r"(?<![\w.,])(?<![A-Z]-)\d+(?:[,.\u202f\u00a0]\d{3})*(?:[.,]\d+)?(?!\d)")
OUR_OWN = re.compile(r"\(our (?:sum|calculation|count|estimate)\)", re.I)
OUR_TRANSLATION = re.compile(r"our translation", re.I)


@dataclass
class Marker:
    source_id: str
    claim: str | None
    line: int


@dataclass
class Claim:
    """Text closed by one marker, or by a group of adjacent markers."""

    text: str  # from the previous marker (or the start of the block) to the marker(s)
    markers: list[Marker] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.markers[0].line

    @property
    def sentence(self) -> str:
        """The last sentence of ``text`` (the one the marker closes)."""
        body = self.text.rstrip()
        cut = 0
        for match in _SENTENCE_END.finditer(body):
            cut = match.end()
        return body[cut:]


def blocks(text: str):
    """Yield (first line, [(line number, line)]) for each paragraph, list item or table row."""
    current: list[tuple[int, str]] = []
    for number, line in body_lines(text):
        boundary = (
            not line.strip()
            or HEADING.match(line)
            or SHORTCODE.match(line)
            or line.lstrip().startswith("|")
            or _LIST_ITEM.match(line)
        )
        if boundary and current:
            yield current
            current = []
        if not line.strip() or SHORTCODE.match(line):
            continue
        if HEADING.match(line) or line.lstrip().startswith("|"):
            for cell in line.split("|"):  # each table cell closes its own claims
                if cell.strip():
                    yield [(number, cell)]
            continue
        current.append((number, _LIST_ITEM.sub(lambda m: " " * len(m.group(0)), line)))
    if current:
        yield current


def claims_of(path: Path) -> list[Claim]:
    """Every footnoted claim of an essay, in reading order."""
    found: list[Claim] = []
    for block in blocks(path.read_text(encoding="utf-8")):
        previous_end = 0
        offset = 0
        joined = ""
        starts = []
        for number, line in block:
            starts.append((offset, number))
            joined += line + "\n"
            offset = len(joined)
        claim: Claim | None = None
        for match in CITATION.finditer(joined):
            line = max(n for start, n in starts if start <= match.start())
            marker = Marker(match["id"], match["claim"], line)
            between = joined[previous_end : match.start()]
            if claim is not None and not between.strip():
                claim.markers.append(marker)  # adjacent: the same text
            else:
                claim = Claim(between, [marker])
                found.append(claim)
            previous_end = match.end()
    return found


def plain(text: str) -> str:
    """Essay text without markup that is not words: tags, link targets, attributes, code, emphasis."""
    text = _CODE.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _ATTR.sub(" ", text)
    return _EMPHASIS.sub("", text)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS)
    return re.sub(r"\s+", " ", text).strip().lower()


def quoted_parts(text: str) -> list[str]:
    """The words in double quotation marks (straight, curly or « »), each split at marked cuts."""
    text = unicodedata.normalize("NFKC", plain(text)).translate(_QUOTE_CHARS)
    parts = []
    for match in _QUOTED.finditer(text):
        quoted = match.group(1)
        pieces = [p.strip(" \t\n.,;:!?'\"") for p in _GAP.split(quoted)]
        parts.append((quoted.strip(), [p for p in pieces if p]))
    return parts


def quote_found(pieces: list[str], evidence_texts: list[str]) -> bool:
    """True when every piece appears, in order, within one of the evidence texts."""
    for text in evidence_texts:
        haystack = _GAP.sub(" \u2016 ", normalise(text))  # a cut in the excerpt is never bridged
        position = 0
        for piece in pieces:
            at = haystack.find(normalise(piece), position)
            if at < 0:
                break
            position = at + len(normalise(piece))
        else:
            return True
    return False


def written_numbers(text: str) -> list[str]:
    """Every number of a text as written, in order (the one rule of what a number is, shared by
    the evidence check and the translation parity check)."""
    normalised = unicodedata.normalize("NFKC", text).replace("\u202f", "\u00a0")
    return [match.group(0) for match in NUMBER.finditer(normalised)]


def numbers_in(text: str) -> dict[str, str]:
    """The numbers of a text: normalised form (thousands separators removed, a decimal comma as
    a point) -> the form first written."""
    found: dict[str, str] = {}
    for written in written_numbers(text):
        found.setdefault(normal_number(written), written)
    return found


def normal_number(raw: str) -> str:
    value = re.sub(r"[\u202f\u00a0]", "", raw)
    # 8,867 / 8.867 (Spanish) / 1,234,567 -> digits; 1.5 / 1,5 -> 1.5
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", value):
        return value.replace(",", "").replace(".", "")
    value = value.replace(",", ".")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value.lstrip("0") or "0"


def sentence_numbers(claim: Claim) -> dict[str, str]:
    sentence = plain(claim.sentence)
    if OUR_OWN.search(sentence):
        return {}
    return numbers_in(sentence)


def says_our_translation(claim: Claim) -> bool:
    return bool(OUR_TRANSLATION.search(claim.text))
