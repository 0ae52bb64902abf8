"""The evidence under a footnote's formatted reference: the source's words as
``<q class="evidence" cite="URL">`` (then our translation), a "Go to the passage" link that uses a
text fragment (``URL#:~:text=…``) for a web page, or the pinpoint of a whole work.

Every value is data: each one is escaped here, never passed through as markup.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote as percent_encode
from urllib.parse import urlsplit

from ..registry import Registry, Source
from .model import Evidence

# A cut ("...", "…", "[...]", "[…]") or an editorial insertion ("[the cartel]") in a quote:
# the text on either side was read in the source, the gap itself was not.
GAP = re.compile(r"\s*(?:\[[^\]]*\]|\.\.\.|…)\s*")
LONG_QUOTE_WORDS = 10  # longer quotes are linked as start,end (robust to small edits between)
EDGE_WORDS = 4


def page_read(source: Source, registry: Registry) -> str | None:
    """The address of the page whose words we quote: the copy read, else the original, else the
    page of the source that quotes this one (``via``)."""
    if source.archived_url or source.url:
        return source.archived_url or source.url
    if source.via and source.via in registry:
        return page_read(registry.get(source.via), registry)
    return None


def quoted_segments(quote: str) -> list[str]:
    """The runs of a quote that stand verbatim in the source (cuts and insertions removed)."""
    return [s.strip() for s in GAP.split(quote) if s.strip(" \t\n\"'“”‘’")]


def text_fragment(quote: str) -> str:
    """The ``:~:text=`` directive for a quote: ``text=start`` for a short unbroken quote,
    ``text=start,end`` for a long one or one with a cut (each part percent-encoded, with the
    ``-``, ``,`` and ``&`` the syntax reserves encoded too)."""
    segments = quoted_segments(quote)
    if not segments:
        return ""
    words = " ".join(segments).split()
    if len(segments) == 1 and len(words) <= LONG_QUOTE_WORDS:
        return "text=" + _encode(segments[0])
    first, last = segments[0].split(), segments[-1].split()
    start = " ".join(first[:EDGE_WORDS])
    end = " ".join(last[-EDGE_WORDS:])
    return f"text={_encode(start)},{_encode(end)}"


def passage_link(url: str, quote: str) -> str | None:
    """``url#:~:text=…`` for a web page (None for a PDF or a non-web address)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.path.lower().endswith(".pdf"):
        return None
    directive = text_fragment(quote)
    if not directive:
        return None
    if ":~:" in parts.fragment:
        return None  # the address already carries a directive; leave it alone
    return f"{url}{':~:' if '#' in url else '#:~:'}{directive}"


def _encode(text: str) -> str:
    return percent_encode(text, safe="").replace("-", "%2D")


# What the evidence says to a reader, per edition language. The English translation of a quote
# is shown in the English edition only: a Spanish reader reads a Spanish source in its own words,
# and an English one in its own words too (the chapter's text gives our Spanish translation).
WORDS = {
    "en": {"translation": "our translation", "passage": "Go to the passage", "whole": "No single passage"},
    "es": {"translation": None, "passage": "Ir al pasaje", "whole": "Sin un pasaje único"},
}


def evidence_html(source: Source, registry: Registry, evidence: Evidence, language: str = "en") -> str:
    """Inline HTML for one claim's evidence (goes inside the footnote's paragraph), in the
    edition's ``language``."""
    words = WORDS.get(language, WORDS["en"])
    url = page_read(source, registry)
    parts: list[str] = []
    pinpoint = _pinpoint(evidence, language)
    if evidence.quote:
        cite = f' cite="{html.escape(url, quote=True)}"' if url else ""
        lang = f' lang="{html.escape(source.language, quote=True)}"' if source.language != language else ""
        lead = f'<span class="evidence-pinpoint">{pinpoint}:</span> ' if pinpoint else ""
        parts.append(f'{lead}<q class="evidence"{cite}{lang}>{html.escape(evidence.quote)}</q>')
        if evidence.translation and words["translation"]:
            parts.append(
                f'<span class="evidence-translation">({words["translation"]}: '
                f'<q lang="en">{html.escape(evidence.translation)}</q>)</span>'
            )
        link = passage_link(url, evidence.quote) if url else None
        if link:
            parts.append(f'<a class="evidence-link" href="{html.escape(link, quote=True)}">{words["passage"]}</a>')
    elif pinpoint:
        parts.append(f'<span class="evidence-pinpoint">{words["whole"]}: {pinpoint}.</span>')
    return f'<span class="evidence-block">{" ".join(parts)}</span>' if parts else ""


def _pinpoint(evidence: Evidence, language: str) -> str | None:
    """The pinpoint as HTML in the edition's ``language`` (the entry's ``es: {pinpoint}`` in the
    Spanish edition); where the entry has no text in that language, the English, marked
    ``lang="en"`` (the pre-build stops the build first, so a reader should not meet it)."""
    if not evidence.pinpoint:
        return None
    text = html.escape(evidence.words("pinpoint", language))
    return text if evidence.has_words("pinpoint", language) else f'<span lang="en">{text}</span>'
