"""Stable links: every published URL and anchor keeps working; renamed pages and anchors forward."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_scripts.errors import Problems
from build_scripts.inputs import load_inputs
from build_scripts.project import Project
from build_scripts.readers.links import (
    PUBLISHED,
    missing_published,
    read_published,
    redirects_problems,
    update_published,
)

ROOT = Path(__file__).resolve().parents[1]
MINI_LIST = Path(__file__).resolve().parent / "fixtures" / "mini" / "published-urls.txt"


def test_every_published_url_and_anchor_is_still_there():
    """Fails when a chapter, a section anchor, a chart or a glossary term listed in
    tests/published-urls.txt disappears. Fix: keep the anchor, or record the move in redirects.yml."""
    assert len(read_published(ROOT / PUBLISHED)) > 100
    missing = missing_published(ROOT, ROOT / PUBLISHED)
    assert not missing, "published links that would break:\n" + "\n".join(missing)


def test_the_list_covers_every_chapter_and_key_anchors():
    urls = set(read_published(ROOT / PUBLISHED))
    for url in (
        "/",
        "/kingpin/",
        "/kingpin/#the-numbers",
        "/kingpin/#chart-homicides-mexico",
        "/glossary/#fto",
        "/educators/#source-evaluation",
        "/sources/",
    ):
        assert url in urls, url


def test_a_removed_anchor_or_page_is_reported(mini_project):
    chapter = mini_project / "content" / "terms.md"
    chapter.write_text(chapter.read_text().replace("{#the-terms}", "{#terms-renamed}"))
    (mini_project / "content" / "second.md").unlink()
    missing = missing_published(mini_project, MINI_LIST)
    assert any(m.startswith("/terms/#the-terms:") for m in missing)
    assert any(m.startswith("/second/:") for m in missing)


def test_an_alias_or_a_redirect_repairs_it(mini_project):
    chapter = mini_project / "content" / "terms.md"
    chapter.write_text(chapter.read_text().replace("{#the-terms}", "{#terms-renamed}"))
    redirects = mini_project / "redirects.yml"
    redirects.write_text(redirects.read_text() + "  - page: terms.md\n    from: the-terms\n    to: terms-renamed\n")
    assert missing_published(mini_project, MINI_LIST) == []


def test_updating_the_list_never_removes_a_line(mini_project):
    listing = mini_project / "published.txt"
    listing.write_text("# header\n/gone/#kept-on-purpose\n")
    added = update_published(mini_project, listing)
    text = listing.read_text()
    assert "/gone/#kept-on-purpose" in text and "/terms/#the-terms" in added
    assert update_published(mini_project, listing) == []


@pytest.mark.parametrize(
    "yaml, message",
    [
        ("pages:\n  - {from: x/, to: nowhere.md}\n", "no page 'nowhere.md'"),
        ("pages:\n  - {from: chapter/, to: terms.md}\n", "a page still lives at that address"),
        ("pages:\n  - {from: x/}\n", "the required field 'to' is missing"),
        ("anchors:\n  - {page: chapter.md, from: a}\n", "the required field 'to' is missing"),
        ("pages:\n  - {from: x/, to: terms.md, via: y}\n", "'via' was unexpected"),
        ("anchors:\n  - {page: chapter.md, from: 'a b', to: c}\n", "field 'anchors.0.from': 'a b' has the wrong form"),
        ("- from: x/\n", "redirects.yml: [{'from': 'x/'}] is not of type 'object'"),
        (
            "anchors:\n  - {page: chapter.md, from: old, to: no-such-heading}\n",
            "page 'chapter.md' has no anchor 'no-such-heading'",
        ),
        (
            "anchors:\n  - {page: chapter.md, from: section-two, to: section-one}\n",
            "still has the anchor 'section-two'",
        ),
    ],
)
def test_redirect_problems_are_reported(mini_project, yaml, message):
    path = mini_project / "redirects.yml"
    path.write_text(yaml)
    found = Problems()
    found.collect(redirects_problems(load_inputs(Project(mini_project), publish=False)))
    errors = found.errors
    assert any(message in e.message for e in errors), [e.message for e in errors]
    assert all(e.line for e in errors)


class Ids(HTMLParser):
    def __init__(self, text):
        super().__init__()
        self.ids = set()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.ids.update(v for k, v in attrs if k == "id" and v)


@pytest.mark.slow
def test_every_published_url_of_the_fixture_resolves_in_the_built_site(built_mini):
    for url in read_published(MINI_LIST):
        path, _, anchor = url.partition("#")
        page = built_mini / path.strip("/") / "index.html"
        assert page.is_file(), url
        text = page.read_text(encoding="utf-8")
        forward = re.search(r'data-target="([^"]+)"', text)
        if forward:  # a redirect page: the anchor must exist where it forwards to
            page = (page.parent / forward.group(1) / "index.html").resolve()
            text = page.read_text(encoding="utf-8")
        if anchor:
            assert anchor in Ids(text).ids, url


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["", "es/"])
def test_every_published_url_of_the_real_site_resolves(built_site, edition):
    """In both editions: every published address, below the site's root and below es/ (a
    translation keeps the English page's anchors), following the forwarding pages of redirects.yml."""
    for url in read_published(ROOT / PUBLISHED):
        path, _, anchor = url.partition("#")
        page = built_site / (edition + path.strip("/")) / "index.html"
        assert page.is_file(), edition + url
        text = page.read_text(encoding="utf-8")
        forward = re.search(r'data-target="([^"]+)"', text)
        if forward:  # a renamed page: the anchor must exist where it forwards to
            page = (page.parent / forward.group(1) / "index.html").resolve()
            assert page.is_relative_to((built_site / edition).resolve()), f"{edition}{url} leaves its edition"
            text = page.read_text(encoding="utf-8")
        if anchor:
            assert anchor in Ids(text).ids, edition + url
