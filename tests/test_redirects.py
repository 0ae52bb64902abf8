"""Old addresses in both editions (redirects.yml; docs/glossary-changes-redirects.md).

Unit tests of the two steps that keep them working: the post-build step that writes a forwarding
page at each old address of every edition (build_scripts/postbuild/redirects.py), and the anchor
step that keeps a renamed anchor just before its heading (build_scripts/markdown/pagefacts.py), on
an English and on a Spanish page. The built sites are tested in tests/test_readers_site.py
(check_redirects) and tests/test_editions.py (test_whats_new_feeds_and_old_addresses_in_both_editions).
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest

from build_scripts.errors import BuildError
from build_scripts.markdown.pagefacts import PageFactsExtension, PageFactsTreeprocessor
from build_scripts.postbuild import redirects as step
from build_scripts.project import Project

ROOT = Path(__file__).resolve().parents[1]
EDITION = ROOT / "tests" / "broken" / "translation-drift" / "files" / "content-es" / "edition.yml"


@pytest.fixture
def two_editions(mini_project, monkeypatch) -> Project:
    """The mini fixture (redirects.yml: old-chapter/ -> chapter.md; #first-section -> #section-one)
    with a Spanish edition in which chapter.md is translated and second.md is not."""
    monkeypatch.setenv("SITE_URL", "https://example.org/cartels/")
    folder = mini_project / "content-es"
    folder.mkdir()
    shutil.copy(EDITION, folder / "edition.yml")
    (folder / "chapter.md").write_text(
        "---\ntitle: Un capítulo & más\ndescription: Un capítulo.\n---\n\n# Un capítulo {#a-chapter}\n",
        encoding="utf-8",
    )
    redirects = mini_project / "redirects.yml"
    redirects.write_text(
        redirects.read_text(encoding="utf-8").replace(
            "pages:\n", "pages:\n  - from: older/second/\n    to: second.md\n  - from: old-home/\n    to: index.md\n"
        ),
        encoding="utf-8",
    )
    return Project(mini_project)


def built(tmp_path: Path) -> Path:
    """A built site's folders as the post-build step finds them: both editions, no page at the old addresses."""
    site = tmp_path / "site"
    for folder in ("", "chapter", "second", "es", "es/chapter", "es/second"):
        (site / folder).mkdir(parents=True, exist_ok=True)
        (site / folder / "index.html").write_text("<!doctype html>", encoding="utf-8")
    return site


def line_of(project: Project, text: str) -> int:
    lines = project.redirects.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip() == text)


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# ---- forwarding pages ----------------------------------------------------------------------------
def test_every_old_address_forwards_in_every_edition_in_its_own_words(two_editions, tmp_path):
    site = built(tmp_path)
    step.write_redirects(site, two_editions)
    english, spanish = page(site, "old-chapter"), page(site, "es/old-chapter")
    assert '<html lang="en">' in english and "<title>Moved: A chapter</title>" in english
    assert '<p>This page has moved: <a href="../chapter/">A chapter</a>.</p>' in english
    assert '<link rel="canonical" href="https://example.org/cartels/chapter/">' in english
    assert '<html lang="es">' in spanish and "<title>Nueva dirección: Un capítulo &amp; más</title>" in spanish
    assert '<p>Esta página cambió de dirección: <a href="../chapter/">Un capítulo &amp; más</a>.</p>' in spanish
    assert '<link rel="canonical" href="https://example.org/cartels/es/chapter/">' in spanish
    for html in (english, spanish):  # each edition's own script, the #section kept
        assert 'content="1; url=../chapter/"' in html and 'data-target="../chapter/"' in html
        assert '<script src="../assets/javascripts/redirect.js"' in html
        assert '<meta name="robots" content="noindex">' in html
    assert "This page" not in spanish and "Moved" not in spanish


def test_a_page_not_yet_translated_is_named_by_its_english_title_marked_english(two_editions, tmp_path):
    site = built(tmp_path)
    step.write_redirects(site, two_editions)
    spanish = page(site, "es/older/second")
    assert '<a href="../../second/" lang="en">Second chapter</a>' in spanish
    assert '<link rel="canonical" href="https://example.org/cartels/es/second/">' in spanish
    assert 'src="../../assets/javascripts/redirect.js"' in spanish
    assert '<a href="../../second/">Second chapter</a>' in page(site, "older/second")


def test_an_old_address_forwarding_to_the_home_page(two_editions, tmp_path):
    site = built(tmp_path)
    step.write_redirects(site, two_editions)
    assert 'data-target="../"' in page(site, "old-home") and 'data-target="../"' in page(site, "es/old-home")
    assert '<link rel="canonical" href="https://example.org/cartels/es/">' in page(site, "es/old-home")


def test_every_forwarding_target_exists_in_its_edition(two_editions, tmp_path):
    site = built(tmp_path)
    step.write_redirects(site, two_editions)
    forwards = [p for p in site.rglob("index.html") if "data-target" in p.read_text(encoding="utf-8")]
    assert len(forwards) == 6  # three old addresses, two editions
    for forward in forwards:
        target = re.search(r'data-target="([^"]+)"', forward.read_text(encoding="utf-8")).group(1)
        landing = (forward.parent / target / "index.html").resolve()
        assert landing.is_file(), forward
        in_spanish = forward.relative_to(site).parts[0] == "es"
        assert (landing.relative_to(site.resolve()).parts[0] == "es") == in_spanish, forward


def test_a_page_at_an_old_address_of_the_spanish_edition_stops_the_build(two_editions, tmp_path):
    site = built(tmp_path)
    (site / "es" / "old-chapter").mkdir()
    (site / "es" / "old-chapter" / "index.html").write_text("<!doctype html>", encoding="utf-8")
    with pytest.raises(BuildError) as stop:
        step.write_redirects(site, two_editions)
    assert stop.value.message == "redirect from 'old-chapter/': the built site already has a page at es/old-chapter/"
    assert stop.value.file == two_editions.redirects and stop.value.line == line_of(
        two_editions, "- from: old-chapter/"
    )


def test_an_edition_without_the_forwarding_words_is_named(two_editions, tmp_path, monkeypatch):
    monkeypatch.delitem(step.WORDS, "es")
    with pytest.raises(BuildError) as stop:
        step.write_redirects(built(tmp_path), two_editions)
    assert "no words for the forwarding pages of the 'es' edition" in stop.value.message
    assert "add 'es' to WORDS in build_scripts.postbuild.redirects" in stop.value.fix


# ---- renamed anchors -----------------------------------------------------------------------------
def aliased(project: Project, text: str, language: str) -> str:
    """``text`` rendered as the site renders headings (toc, attr_list), then the anchor step."""
    md = markdown.Markdown(extensions=["toc", "attr_list"])
    root = etree.fromstring(f"<div>{md.convert(text)}</div>")
    md.readers_src = "chapter.md"
    PageFactsTreeprocessor(md, PageFactsExtension(project=str(project.root), language=language)).aliases(root)
    return etree.tostring(root, encoding="unicode")


ALIAS = '<span id="first-section" class="anchor-alias" aria-hidden="true" /><h2 id="section-one">'


def test_a_renamed_anchor_is_kept_before_its_heading_in_both_languages(two_editions):
    english = aliased(two_editions, "# A chapter\n\n## Section one {#section-one}\n\nText.\n", "en")
    assert ALIAS + "Section one</h2>" in english
    # The translation's heading carries the English anchor (docs/translating.md), so the one alias
    # of redirects.yml lands on the Spanish heading too.
    spanish = aliased(two_editions, "# Un capítulo {#a-chapter}\n\n## Sección uno {#section-one}\n\nTexto.\n", "es")
    assert ALIAS + "Sección uno</h2>" in spanish


def test_a_page_without_the_new_anchor_stops_the_build_naming_the_alias(two_editions):
    with pytest.raises(BuildError) as stop:
        aliased(two_editions, "# Un capítulo\n\n## Sección uno\n\nTexto.\n", "es")  # the Spanish slug, not the anchor
    assert (
        stop.value.message
        == "redirects.yml: page 'chapter.md' has no anchor 'section-one' for the old anchor 'first-section'"
    )
    assert (
        stop.value.line == line_of(two_editions, "- page: chapter.md")
        and stop.value.fix == "point `to:` at the heading's current {#anchor}"
    )
