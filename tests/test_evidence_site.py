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
    # ... and their Spanish renderings in the registry's es: notes
    r"art[ií]culos? semilla",
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


def _notes_markup(site: Path, page: str) -> str:
    """The notes of ``page`` as the build wrote them: its notes page, or the page itself."""
    folder = site / page
    notes = folder / "notes.html"
    return (notes if notes.is_file() else folder / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["kingpin", "esper"])
def test_the_spanish_notes_give_the_pinpoints_and_registry_notes_in_spanish(built_site, slug):
    """The Spanish chapter's notes show each pinpoint's `es:` text and each copy's `es:`
    archived note (else the English one, marked lang="en"); the English chapter's, the English
    ones (docs/translating.md, "The words of the notes")."""
    from build_scripts.citations import NOT_A_COPY, plain_words
    from build_scripts.evidence.model import read_evidence
    from build_scripts.project import Project
    from build_scripts.registry import load_registry

    root = Project.find().root
    spanish, english = _notes_markup(built_site, f"es/{slug}"), _notes_markup(built_site, slug)
    pinpoints = [entry for entry in read_evidence(root / "evidence" / f"{slug}.yml") if entry.pinpoint]
    assert pinpoints, f"evidence/{slug}.yml has no pinpoint to look for"
    for entry in pinpoints:
        assert html.escape(entry.es["pinpoint"]) in spanish, entry.key
        assert html.escape(entry.pinpoint) in english, entry.key
        if entry.pinpoint != entry.es["pinpoint"]:  # not shown as a pinpoint, before a quote or alone
            said = html.escape(entry.pinpoint)
            assert f'"evidence-pinpoint">{said}:' not in spanish and f"único: {said}." not in spanish, entry.key
    registry = load_registry(root / "sources.yml")
    cited = {entry.source_id for entry in read_evidence(root / "evidence" / f"{slug}.yml")}
    copies = [registry.get(i) for i in sorted(cited) if registry.get(i).archived_url and registry.get(i).archived_note]
    assert copies, f"no source of {slug} is read in a copy"
    for source in copies:
        if "archived_note" in source.es:
            said = plain_words(NOT_A_COPY["es"].sub("", source.es["archived_note"], count=1), "es")
            assert f"({html.escape(said)}): <a" in spanish, source.id
        else:  # not translated yet: the English words, marked as English
            said = plain_words(NOT_A_COPY["en"].sub("", source.archived_note, count=1))
            assert f'(<span lang="en">{html.escape(said)}</span>): <a' in spanish, source.id
        english_note = plain_words(NOT_A_COPY["en"].sub("", source.archived_note, count=1))
        assert f"({html.escape(english_note)}): <a" in english, source.id


@pytest.mark.slow
def test_the_spanish_sources_page_gives_the_registry_notes_in_spanish(built_site):
    from build_scripts.citations import plain_words
    from build_scripts.project import Project
    from build_scripts.registry import load_registry

    spanish = (built_site / "es" / "sources" / "index.html").read_text(encoding="utf-8")
    english = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    noted = [s for s in load_registry(Project.find().root / "sources.yml") if s.note]
    assert noted
    for source in noted:
        item = spanish.split(f'id="source-{source.id}"', 1)[1].split("</li>", 1)[0]
        if "note" in source.es:
            said = html.escape(plain_words(source.es["note"], "es"), quote=False)
            shown = re.search(r'<p class="source__note">(.*?)</p>', item, re.S).group(1)
            # another entry's id in the note is a link to it (the link's text is the id)
            assert re.sub(r'<a href="#source-([^"]+)">\1</a>', r"\1", shown) == said, source.id
        else:
            assert re.search(r'<p (?:lang="en" class="source__note"|class="source__note" lang="en")>', item), source.id
        assert 'class="source__note"' in english.split(f'id="source-{source.id}"', 1)[1].split("</li>", 1)[0]
    esper = spanish.split('id="source-esper-2022"', 1)[1].split("</li>", 1)[0]
    assert 'está en <a href="#source-washtimes-2026-01-05">washtimes-2026-01-05</a>' in esper
