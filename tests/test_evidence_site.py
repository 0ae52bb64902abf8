"""What a reader of the built site sees of the registry and the evidence: every registry field is
text, never markup; no research vocabulary; notes carry the source's words."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from build_scripts.project import Project
from build_scripts.site import build_site

# Words of the research notes that mean nothing to a reader (issue 14).
VOCABULARY = [
    r"\bAt: ",
    "title not known",
    "seed file",
    "seed text",
    r"stored cop(?:y|ies)",
    r"\bid: ",
    "Archived copy",
    r"\bdossier\b",
    r"\bsources\.md\b",
    r"\bdata\.md\b",
    r"\bstored\b",
]
_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.S | re.I)


def visible_text(page: Path) -> str:
    text = _HIDDEN.sub(" ", page.read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


def research_words(site: Path) -> list[str]:
    found = []
    for page in sorted(site.rglob("*.html")):
        text = visible_text(page)
        found += [f"{page.relative_to(site)}: {word!r}" for word in VOCABULARY if re.search(word, text)]
    return found


@pytest.mark.slow
def test_registry_markup_is_shown_as_text_everywhere(mini_project):
    """A hostile or careless registry entry (markup in a title, an outlet, an author, a note, the
    original of a copy) shows as text in the footnotes, "as quoted in" and the Sources page."""
    registry = mini_project / "sources.yml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace(
        'title: "On the United States\' \\"Imminent\\" Military Intervention Against Mexico"',
        "title: 'On <b>bold</b> <script>alert(1)</script> claims'",
    )
    text = text.replace("outlet: Naked Capitalism", "outlet: Naked <i>Capitalism</i>")
    text = text.replace("original: Naked Capitalism", "original: <img src=x onerror=alert(2)>")
    text = text.replace("archived_note: repost on newszed.com", "archived_note: repost <u>on</u> newszed.com")
    assert text.count("<b>bold</b>") == 1 and text.count("<i>Capitalism</i>") == 1
    registry.write_text(text, encoding="utf-8")
    build_site(Project(mini_project))
    site = mini_project / "site"
    for page in ("chapter/index.html", "sources/index.html"):
        markup = (site / page).read_text(encoding="utf-8")
        assert "<b>bold</b>" not in markup and "<script>alert(1)" not in markup, page
        assert "<i>Capitalism</i>" not in markup and "<img src=x" not in markup and "<u>on</u>" not in markup
        assert "&lt;b&gt;bold&lt;/b&gt;" in markup, page  # shown, as text
    chapter = (site / "chapter/index.html").read_text(encoding="utf-8")
    assert "as quoted in Corbishley, N. (2025, August 12). On &lt;b&gt;bold&lt;/b&gt;" in chapter


@pytest.mark.slow
def test_reader_pages_carry_no_research_vocabulary(built_site):
    assert research_words(built_site) == []


@pytest.mark.slow
def test_notes_show_the_sources_words(built_site):
    """Chapters whose claims are cited with [^SOURCE-ID:CLAIM-KEY] show the excerpt under each
    note, with a text-fragment link for web pages. The notes are on each chapter's notes.html,
    which the chapter fetches after load (build_scripts/postbuild/notes.py)."""
    pages = [
        p
        for p in [*sorted(built_site.glob("*/notes.html")), *sorted(built_site.glob("*/index.html"))]
        if 'class="evidence"' in p.read_text(encoding="utf-8")
    ]
    if not pages:
        pytest.skip("no chapter cites with the evidence notation yet")
    markup = pages[0].read_text(encoding="utf-8")
    assert re.search(r'<q class="evidence" cite="https?://[^"]+"', markup)
    assert re.search(r'href="https?://[^"#]+(?:#[^"]*)?:~:text=[^"]+">Go to the passage</a>', markup)


def test_no_author_title_is_printed_once_and_untitled_works_are_described():
    from build_scripts.citations import source_reference
    from build_scripts.registry import Source

    source = Source(
        id="n",
        kind="news-report",
        title="NBC News report on drone strikes (title not known)",
        outlet="NBC News",
        date="2025-04-08",
        language="en",
        status="VERIFIED",
        url="https://example.org/n",
    )
    text = source_reference(source)
    assert text.count("NBC News report on drone strikes") == 1, text
    assert text.startswith("[NBC News report on drone strikes]. (2025, April 8). <i>NBC News</i>.")
    assert "title not known" not in text
