"""The readers' features in the built fixture site (MkDocs, and Zensical for parity)."""

import html as entities
import json
import posixpath
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_scripts.project import Project
from build_scripts.site import build_site

pytestmark = pytest.mark.slow


class Page(HTMLParser):
    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def meta(self, key: str) -> str | None:
        for tag, attrs in self.tags:
            if tag == "meta" and (attrs.get("property") == key or attrs.get("name") == key):
                return attrs.get("content")
        return None

    def ids(self) -> list[str]:
        return [attrs["id"] for _, attrs in self.tags if attrs.get("id")]


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def base(site: Path) -> str:
    """The site_url the fixture was built with (the tests' server sets it), from the home page."""
    for tag, attrs in Page(site / "index.html").tags:
        if tag == "link" and attrs.get("rel") == "canonical":
            return attrs["href"]
    raise AssertionError("the home page has no canonical link")


# ---- cite, meta, dates ---------------------------------------------------------------------
def check_meta(site: Path):
    B = base(site)
    page = Page(site / "chapter" / "index.html")
    assert page.meta("og:title") == "A chapter"
    assert page.meta("og:description") == "A chapter with a chart and footnotes."
    assert page.meta("og:url") == B + "chapter/"
    assert page.meta("og:type") == "article" and page.meta("og:site_name") == "Mini fixture"
    image = page.meta("og:image")
    assert image == B + "generated/charts/homicides-mexico/homicides-mexico.png"
    assert (site / image.replace(B, "")).is_file()
    assert page.meta("twitter:card") == "summary_large_image" and page.meta("twitter:image") == image
    assert page.meta("og:image:alt").startswith("Mexico's homicides more than tripled after 2007.")
    assert page.meta("citation_title") == "A chapter"
    assert page.meta("citation_author") == "Mini fixture"
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", page.meta("citation_publication_date"))
    assert page.meta("citation_fulltext_html_url") == B + "chapter/"
    home = Page(site / "index.html")
    assert home.meta("og:type") == "website" and home.meta("og:image") == image  # the site's first chart
    terms = Page(site / "terms" / "index.html")
    assert terms.meta("citation_publication_date") == "2026/03/05"
    assert terms.meta("article:modified_time") == "2026-03-05"
    for utility in ("glossary", "sources", "educators", "whats-new", "print"):
        assert Page(site / utility / "index.html").meta("og:title"), utility


def check_cite_box(site: Path):
    terms = html(site, "terms")
    box = terms[terms.index('<section class="cite-box"') :]
    box = box[: box.index("</section>")]
    assert 'id="cite-this-chapter"' in box and "Cite this chapter" in box
    assert 'As of <time datetime="2026-03-05">5 March 2026</time>' in box
    assert "Mini fixture. (2026, March 5). <i>Terms chapter</i>." in box
    assert "“Terms Chapter.” <i>Mini Fixture</i>, 5 Mar. 2026" in box
    assert "@misc{minifixture2026terms," in box
    copies = [entities.unescape(c) for c in re.findall(r'data-clipboard-text="([^"]*)"', box)]
    assert len(copies) == 4
    assert copies[0] == f"Mini fixture. (2026, March 5). Terms chapter. {base(site)}terms/"
    assert '<p class="cite-box__print">' in box
    for utility in ("glossary", "sources", "educators", "whats-new", "print"):
        assert "cite-box" not in html(site, utility), utility


def check_last_updated(site: Path):
    terms = html(site, "terms")
    assert re.search(
        r'</h1>\s*<p class="page-updated"><span class="page-updated__record">Record through spring 2026.</span> '
        r'<span class="page-updated__changed">Page last changed '
        r'<time datetime="2026-03-05">5 March 2026</time>.</span> <a href="../whats-new/">What(&#39;|\')s new</a>'
        r'<span[^>]*class="page-updated__sep"[^>]*> · </span><a href="#cite-this-chapter">Cite this chapter</a></p>',
        terms,
    )
    assert "page-updated" not in html(site, "glossary")


def check_chart_cite(site: Path):
    B = base(site)
    chapter = html(site, "chapter")
    figure = chapter[chapter.index("<figure") : chapter.index("</figure>")]
    cite = figure[figure.index('<details class="chart__cite">') :]
    assert "Cite this chart" in cite and "[Chart]" in cite
    assert B + "chapter/#chart-homicides-mexico" in cite
    assert len(re.findall(r"data-clipboard-text=", cite)) == 4
    # The second page showing the chart cites the chart's first page.
    assert B + "chapter/#chart-homicides-mexico" in html(site, "second")


# ---- glossary, educators, what's new -------------------------------------------------------
def check_glossary(site: Path):
    terms = html(site, "terms")
    marked = re.findall(r'<a class="glossary-term"[^>]*href="([^"]+)"[^>]*>([^<]*)</a>', terms)
    assert sorted(text for _, text in marked) == ["FTOs", "INEGI", "SESNSP", "kingpin strategy"]
    assert all(href.startswith("../glossary/#") for href, _ in marked)
    glossary = Page(site / "glossary" / "index.html")
    assert {"fto", "inegi", "kingpin-strategy", "sesnsp"} <= set(glossary.ids())
    page = html(site, "glossary")
    assert "glossary-term" not in page  # the page listing the terms does not mark them
    used = page[page.index('id="sesnsp"') :]
    assert 'href="../terms/#heading-term"' in used[: used.index("</dd>")]
    assert 'href="../sources/#source-inegi-homicides"' in page


def check_educators(site: Path):
    page = html(site, "educators")
    assert 'id="questions-terms"' in page and 'href="../terms/#questions"' in page
    assert "Which count of homicides would you use, and why?" in page
    assert 'href="../terms/#the-terms"' in page and "<code>#the-terms</code>" in page
    assert "<code>#chart-homicides-mexico</code>" in page


def check_whats_new(site: Path):
    page = html(site, "whats-new")
    dates = re.findall(r'<li class="change change--\w+" data-date="([\d-]+)"', page)
    assert dates == sorted(dates, reverse=True) == ["2026-03-05", "2026-03-01"]
    assert 'href="../chapter/#chart-homicides-mexico"' in page
    table = page[page.index('class="changes__pages"') :]
    assert "Terms chapter" in table and "5 March 2026" in table
    # The same log as an Atom feed, linked from the page and announced in every page's <head>, with
    # rel=" alternate" (a leading space: Material fetches a sitemap.xml beside every exact
    # link[rel=alternate], and would ask for generated/sitemap.xml).
    import xml.etree.ElementTree as ET

    for path, href in (("whats-new/", "../generated/whats-new.xml"), ("", "generated/whats-new.xml")):
        [feed_link] = [a for tag, a in Page(site / path / "index.html").tags if a.get("type") == "application/atom+xml"]
        feed_link["href"] = posixpath.normpath(feed_link["href"])  # Zensical writes ./generated/…
        assert feed_link == {
            "rel": " alternate",
            "type": "application/atom+xml",
            "href": href,
            "title": "Mini fixture: what's new",
        }

    feed = ET.parse(site / "generated" / "whats-new.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert [e.find(f"{atom}updated").text for e in entries] == ["2026-03-05T00:00:00Z", "2026-03-01T00:00:00Z"]
    assert entries[0].find(f"{atom}title").text == "Chapter: The terms chapter explains two official counts"
    assert 'href="../generated/whats-new.xml"' in page


# ---- print ---------------------------------------------------------------------------------
def check_print_page(site: Path):
    page = html(site, "print")
    sections = re.findall(r'<section aria-label="([^"]+)" class="print-chapter" id="([^"]+)"', page)
    assert [s[1] for s in sections] == ["home", "chapter", "second", "terms"]
    assert 'id="glossary"' in page and 'id="glossary--inegi"' in page
    assert 'id="chapter--section-one"' in page and 'href="#chapter--section-one"' in page  # a link between chapters
    assert "chart__spec" not in page and "chart__plot" not in page and "chart__details" not in page
    assert 'data-rendered="static"' in page
    assert "glossary-term" not in page
    assert (
        'href="#terms--fn:inegi-homicides:yearly-counts"' in page
        and 'id="terms--fn:inegi-homicides:yearly-counts"' in page
    )
    assert "Cite this chapter: Mini fixture. (2026, March 5). <i>Terms chapter</i>." in page
    assert page.count("<h1") == 1  # chapter titles become h2 on this page


def check_unique_ids(site: Path):
    for path in site.rglob("*.html"):
        duplicates = [i for i, n in Counter(Page(path).ids()).items() if n > 1]
        assert not duplicates, f"{path.relative_to(site)}: duplicate ids {duplicates}"


# ---- stable links --------------------------------------------------------------------------
def check_redirects(site: Path):
    B = base(site)
    forward = (site / "old-chapter" / "index.html").read_text()
    assert (
        '<html lang="en">' in forward and '<p>This page has moved: <a href="../chapter/">A chapter</a>.</p>' in forward
    )
    assert f'<link rel="canonical" href="{B}chapter/">' in forward
    assert 'content="1; url=../chapter/"' in forward and 'data-target="../chapter/"' in forward
    assert '<span aria-hidden="true" class="anchor-alias" id="first-section"></span>' in html(site, "chapter")


CHECKS = [
    check_meta,
    check_cite_box,
    check_last_updated,
    check_chart_cite,
    check_glossary,
    check_educators,
    check_whats_new,
    check_print_page,
    check_unique_ids,
    check_redirects,
]


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__ for c in CHECKS])
def test_mkdocs_build(built_mini, check):
    check(built_mini)


def test_zensical_build_has_the_same_features(mini_project):
    site = mini_project / "site-zensical"
    build_site(Project(mini_project), generator="zensical", site_dir=site)
    for check in CHECKS:  # Zensical writes "/" in attributes as &#x2f;; the checks decode entities
        check(site)


def test_page_records_are_not_published(built_mini):
    assert not (built_mini / "generated" / "pages.json").exists()
    assert json.loads((built_mini.parent / "content" / "generated" / "pages.json").read_text())["pages"]
