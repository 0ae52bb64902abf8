"""The language editions (build_scripts/editions; docs/translating.md): the Spanish edition at /es/.

Unit tests per step (the edition's settings, the parity check, the staged pages, the generated
configuration), then the real site: site/es/ holds every page in Spanish (lang="es"), every page
of both editions links to its counterpart (hreflang, both ways) and its switcher lands on it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from build_scripts.editions import editions, load_edition
from build_scripts.editions.config import edition_config
from build_scripts.editions.parity import numbers, outline, parity
from build_scripts.editions.stage import stage_pages, staged_docs
from build_scripts.errors import BuildError
from build_scripts.project import Project

from .conftest import ROOT, add_language_switcher

BROKEN_EDITION = ROOT / "tests" / "broken" / "translation-drift" / "files" / "content-es" / "edition.yml"

ENGLISH = """---
title: A page
description: A page.
---

# A page

Lede.[^a:one]

## First {#first}

Text.[^a:two] More.[^b:three]

## Second {#second}

Text.[^c:four]
"""


def spanish(body: str) -> str:
    return "---\ntitle: Una página\ndescription: Una página.\n---\n\n" + body


GOOD = spanish(
    "# Una página {#a-page}\n\nEntrada.[^a:one]\n\n## Primera {#first}\n\nTexto.[^a:two] Más.[^b:three]\n\n"
    "## Segunda {#second}\n\nTexto.[^c:four]\n"
)


def pages(tmp_path: Path, translation: str) -> tuple[Path, Path]:
    (tmp_path / "content").mkdir()
    (tmp_path / "content-es").mkdir()
    english = tmp_path / "content" / "page.md"
    english.write_text(ENGLISH, encoding="utf-8")
    translated = tmp_path / "content-es" / "page.md"
    translated.write_text(translation, encoding="utf-8")
    return english, translated


# ---- parity ---------------------------------------------------------------------------------
def test_a_faithful_translation_has_the_english_outline(tmp_path):
    english, translated = pages(tmp_path, GOOD)
    assert [s.anchor for s in outline(translated)] == ["a-page", "first", "second"]
    assert outline(translated)[1].markers == ("a:two", "b:three")
    assert list(parity(english, translated)) == []


def test_a_missing_footnote_is_named_with_its_section(tmp_path):
    english, translated = pages(tmp_path, GOOD.replace(" Más.[^b:three]", " Más."))
    [problem] = parity(english, translated)
    assert problem.file == translated and problem.line == 10
    assert problem.message == "section '#first': footnote markers differ from content/page.md: missing [^b:three]"


def test_footnotes_in_another_order_or_section_are_a_drift(tmp_path):
    english, translated = pages(
        tmp_path, GOOD.replace("Texto.[^a:two] Más.[^b:three]", "Más.[^b:three] Texto.[^a:two]")
    )
    [problem] = parity(english, translated)
    assert "English order [^a:two] [^b:three], translation [^b:three] [^a:two]" in problem.message
    moved = GOOD.replace(" Más.[^b:three]", " Más.").replace("Texto.[^c:four]", "Texto.[^c:four][^b:three]")
    (tmp_path / "moved").mkdir()
    english, translated = pages(tmp_path / "moved", moved)
    messages = [p.message for p in parity(english, translated)]
    assert any("'#first'" in m and "missing [^b:three]" in m for m in messages)
    assert any("'#second'" in m and "not in the English [^b:three]" in m for m in messages)


def test_a_heading_without_the_english_anchor_names_the_anchor_to_use(tmp_path):
    english, translated = pages(tmp_path, GOOD.replace("## Primera {#first}", "## Primera"))
    [problem] = parity(english, translated)
    assert problem.message == "section '#primera' stands where content/page.md has '#first'"
    assert "{#first}" in problem.fix


def test_a_missing_or_extra_section_and_a_changed_level_are_named(tmp_path):
    english, translated = pages(tmp_path, GOOD.split("## Segunda")[0])
    [problem] = parity(english, translated)
    assert problem.message == "section '#second' of content/page.md is missing from the translation"
    (tmp_path / "x").mkdir()
    english, translated = pages(tmp_path / "x", GOOD + "\n## Extra {#extra}\n\nNada.\n")
    assert [p.message for p in parity(english, translated)] == ["section '#extra' is not in content/page.md"]
    (tmp_path / "y").mkdir()
    english, translated = pages(tmp_path / "y", GOOD.replace("## Segunda", "### Segunda"))
    assert [p.message for p in parity(english, translated)] == [
        "section '#second' is a level-3 heading; in content/page.md it is level 2"
    ]


def test_a_paragraph_added_or_merged_in_one_language_is_a_drift(tmp_path):
    english, translated = pages(tmp_path, GOOD.replace("Entrada.[^a:one]", "Entrada.[^a:one]\n\nUn párrafo de más."))
    [problem] = parity(english, translated)
    assert problem.line == 10  # the paragraph with no English counterpart
    assert problem.message.startswith("section '#a-page' has 2 paragraphs, content/page.md has 1")


def test_a_marker_moved_to_another_paragraph_of_its_section_is_a_drift(tmp_path):
    english, translated = pages(
        tmp_path, GOOD.replace("Texto.[^a:two] Más.[^b:three]", "Texto.[^a:two]\n\nMás.[^b:three]")
    )
    [problem] = parity(english, translated)
    assert "has 2 paragraphs, content/page.md has 1" in problem.message


def test_a_changed_number_is_named_with_its_paragraph(tmp_path):
    english, translated = pages(tmp_path, GOOD)
    english.write_text(ENGLISH.replace("Text.[^c:four]", "In 2024, 33,550 people (11.1 per 100,000).[^c:four]"))
    translated.write_text(GOOD.replace("Texto.[^c:four]", "En 2024, 33,550 personas (11.7 por cada 100,000).[^c:four]"))
    [problem] = parity(english, translated)
    assert problem.line == 16
    assert problem.message == (
        "section '#second', paragraph 1: numbers differ from content/page.md line 16: missing 11.1; not in the English 11.7"
    )
    translated.write_text(GOOD.replace("Texto.[^c:four]", "En 2024, 33,550 personas (11.1 por cada 100,000).[^c:four]"))
    assert list(parity(english, translated)) == []


def test_numbers_ignore_markup_and_read_spanish_centuries():
    assert numbers("In 2023–24, 33,550 deaths[^src-2019:k] [x](a/2020.md) {#s-2021} `2018` <b id=x1>") == (
        "2023",
        "24",
        "33550",
    )
    assert numbers("al estilo del siglo XX, y del siglo XIX") == numbers("20th-century style, and the 19th")
    # One rule with the evidence check: a year after a lowercase prefix is a number, a model
    # name is not, and a number is read as a value.
    assert numbers("In mid-2025, an MQ-9 flew 1.50 hours; 33,550") == numbers(
        "A mediados de 2025, un MQ-9 voló 1.5 horas; 33,550"
    )
    assert numbers("In mid-2025, 1.50") == ("1.5", "2025")
    assert numbers("from FY2008 to FY2021") == numbers("de los años fiscales 2008 a 2021") == ("2008", "2021")
    # The English page's translation of a Spanish quotation is not in the Spanish page.
    english = 'said "perdieron la vida 25 elementos" ("25 members lost their lives", our translation).'
    assert numbers(english) == numbers('dijo "perdieron la vida 25 elementos".') == ("25",)
    english = '"Una invasión del siglo XX." ("A 20th-century invasion", our translation.)'
    assert numbers(english) == numbers('"Una invasión del siglo XX."') == ("20",)


def test_a_chart_missing_from_the_translation_is_named(tmp_path):
    english, translated = pages(tmp_path, GOOD)
    english.write_text(ENGLISH + "\n<!-- md:chart homicides-mexico -->\n")
    translated.write_text(GOOD + "\n<!-- md:chart overdose-deaths -->\n")
    [problem] = parity(english, translated)
    assert "paragraph 2: charts and shortcodes differ" in problem.message
    assert "['chart homicides-mexico']" in problem.message


# ---- the edition's settings, staged pages and configuration -------------------------------------
@pytest.fixture
def mini_edition(mini_project) -> Project:
    """The mini fixture with a Spanish edition (the broken case's settings) and one translated page."""
    folder = mini_project / "content-es"
    folder.mkdir()
    shutil.copy(BROKEN_EDITION, folder / "edition.yml")
    (folder / "second.md").write_text(
        (mini_project / "content" / "second.md")
        .read_text(encoding="utf-8")
        .replace("# Second chapter", "# Segundo capítulo {#second-chapter}"),
        encoding="utf-8",
    )
    return Project(mini_project)


def test_every_page_of_the_navigation_needs_a_title_in_the_edition(mini_edition):
    [edition] = editions(mini_edition)
    assert edition.lang == "es" and edition.nav["chapter.md"] == "Capítulo"
    settings = mini_edition.root / "content-es" / "edition.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("  terms.md: Términos\n", ""), encoding="utf-8")
    with pytest.raises(BuildError) as stop:
        load_edition(settings.parent, mini_edition)
    assert "no title for terms.md" in stop.value.message and "terms.md: <title in es>" in stop.value.fix


def test_staged_pages_are_the_translation_or_the_english_page_under_a_notice(mini_edition):
    [edition] = editions(mini_edition)
    pending = stage_pages(mini_edition, edition)
    assert "second.md" not in pending and {"index.md", "chapter.md", "terms.md"} <= set(pending)
    docs = staged_docs(mini_edition, edition)
    assert (docs / "second.md").read_text(encoding="utf-8") == (edition.folder / "second.md").read_text(
        encoding="utf-8"
    )
    chapter = (docs / "chapter.md").read_text(encoding="utf-8")
    front, body = chapter.split("\n---\n", 1)
    assert "translation: pending" in front and "title: A chapter" in front
    assert body.lstrip().startswith('<div class="admonition info translation-pending" lang="es">')
    assert "Esta página aún no está traducida al español." in body
    assert body.count("[^porter-wapo-2024:game-goes-on]") == 2  # the English text, whole
    assert (docs / "assets").is_dir() and not (docs / "edition.yml").exists()


def test_the_edition_configuration_comes_from_mkdocs_yml(mini_edition, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/cartels/")
    [edition] = editions(mini_edition)
    config = edition_config(mini_edition, edition, docs_dir=Path("/tmp/docs"), site_dir=Path("/tmp/site/es"))
    english = yaml.safe_load((mini_edition.root / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert config["site_url"] == "https://example.org/cartels/es/"
    assert config["extra"]["site_root"] == "https://example.org/cartels/" and config["extra"]["edition_path"] == "es/"
    assert config["theme"]["language"] == "es" and config["plugins"] == [{"search": {"lang": "es"}}]
    assert config["docs_dir"] == "/tmp/docs" and config["site_dir"] == "/tmp/site/es"
    assert [next(iter(item)) for item in config["nav"]][:3] == ["Inicio", "Capítulo", "Segundo capítulo"]
    assert [next(iter(item.values())) for item in config["nav"]] == [
        next(iter(item.values())) for item in english["nav"]
    ]
    # The same extensions with the same options; the project's own also get the edition's language.
    ours = [next(iter(item)) for item in english["markdown_extensions"] if isinstance(item, dict)]
    ours = [name for name in ours if name.startswith("build_scripts.markdown.")]
    assert ours, "the mini project uses the project's extensions"
    for theirs, item in zip(english["markdown_extensions"], config["markdown_extensions"]):
        name = next(iter(item)) if isinstance(item, dict) else item
        if name in ours:
            spanish = {"record_through": "la primavera de 2026"} if name.endswith(".pagefacts") else {}
            assert item[name] == {**theirs[name], "language": "es", **spanish}
        else:
            assert item == theirs


def test_the_notes_back_links_are_titled_in_the_edition_language(mini_edition):
    """Python-Markdown titles each note's ↩ link "Jump back to footnote 1 in the text" (its
    tooltip and accessible name); the edition's ``footnote_backlink_title`` replaces it, whether
    mkdocs.yml names ``footnotes`` bare (as the mini project and the site do) or with options."""
    settings = mini_edition.root / "content-es" / "edition.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "footnote_backlink_title: Volver a la nota %d en el texto\n",
        encoding="utf-8",
    )
    [edition] = editions(mini_edition)
    config = edition_config(mini_edition, edition, docs_dir=Path("/tmp/docs"), site_dir=Path("/tmp/site/es"))
    [footnotes] = [item for item in config["markdown_extensions"] if "footnotes" in item]
    assert footnotes == {"footnotes": {"BACKLINK_TITLE": "Volver a la nota %d en el texto"}}
    mkdocs_yml = mini_edition.root / "mkdocs.yml"
    mkdocs_yml.write_text(
        mkdocs_yml.read_text(encoding="utf-8").replace("  - footnotes\n", "  - footnotes:\n      SEPARATOR: '-'\n"),
        encoding="utf-8",
    )
    config = edition_config(mini_edition, edition, docs_dir=Path("/tmp/docs"), site_dir=Path("/tmp/site/es"))
    [footnotes] = [item for item in config["markdown_extensions"] if "footnotes" in item]
    assert footnotes == {"footnotes": {"SEPARATOR": "-", "BACKLINK_TITLE": "Volver a la nota %d en el texto"}}
    import markdown

    html = markdown.markdown("Texto.[^1]\n\n[^1]: Nota.", extensions=["footnotes"], extension_configs=footnotes)
    assert 'title="Volver a la nota 1 en el texto"' in html and "Jump back" not in html


def test_the_project_extensions_read_the_edition_language():
    from build_scripts.markdown.citations import CitationsExtension

    assert CitationsExtension(project=".").language == "en"
    assert CitationsExtension(project=".", language="es").language == "es"


def test_an_edition_without_its_record_through_line_is_refused(mini_edition):
    settings = mini_edition.root / "content-es" / "edition.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("record_through:", "# record_through:"))
    [edition] = editions(mini_edition)
    with pytest.raises(BuildError) as refused:
        edition_config(mini_edition, edition, docs_dir=Path("/tmp/docs"), site_dir=Path("/tmp/site/es"))
    assert "edition.yml has no 'record_through'" in str(refused.value)
    assert "add record_through: <'spring 2026' in es>" in str(refused.value)


# ---- one build, two editions, under both generators ---------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_one_build_writes_both_editions(mini_edition, generator, capsys):
    from build_scripts.prebuild import print_report
    from build_scripts.site import build_site

    add_language_switcher(mini_edition.root)
    report = build_site(mini_edition, generator=generator)
    site = mini_edition.site
    assert (site / "second" / "index.html").is_file() and (site / "es" / "second" / "index.html").is_file()
    english = (site / "second" / "index.html").read_text(encoding="utf-8")
    translated = (site / "es" / "second" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and '<html lang="es"' in translated
    assert "Segundo capítulo" in translated and "translation-pending" not in translated
    # the Spanish navigation only (Zensical 0.0.73's INHERIT would append the English one)
    assert "Capítulo" in translated and ">Chapter<" not in translated.replace(" ", "").replace("\n", "")
    for html, prefix in ((english, ""), (translated, "es/")):
        links = {lang: href for href, lang in HREFLANG.findall(html)}
        assert links["en"].endswith(":8000/second/") or links["en"].endswith("/second/"), links
        assert links["es"] == links["en"].removesuffix("second/") + "es/second/", f"{prefix}: {links}"
    assert not (site.parent / "site.building").exists()
    assert report.untranslated == {
        "es": [
            "chapter.md",
            "educators.md",
            "glossary.md",
            "index.md",
            "print.md",
            "sources.md",
            "terms.md",
            "whats-new.md",
        ]
    }
    print_report("build", report)
    assert (
        "Edition 'es': 8 pages not yet translated (shown in English): chapter.md, educators.md"
        in capsys.readouterr().out
    )


CHAPTER_ES = """---
title: Un capítulo
description: Un capítulo con una gráfica y notas.
---

# Un capítulo {#a-chapter}

## Sección uno {#section-one}
"""


def _feed_link(page: Path) -> str:
    """The href of the page's <link rel=" alternate" type="application/atom+xml">, resolved against the page."""
    import posixpath

    [href] = re.findall(r'<link rel=" alternate" type="application/atom\+xml" href="([^"]+)"', page.read_text("utf-8"))
    return posixpath.normpath(posixpath.join(page.parent.as_posix(), href))


@pytest.mark.slow
def test_whats_new_feeds_and_old_addresses_in_both_editions(mini_edition):
    """The Spanish edition's What's new page and feed are in Spanish, each edition's pages announce
    their own feed, and redirects.yml works in both: es/old-chapter/ forwards to the Spanish page,
    in Spanish, and the renamed anchor is kept on the Spanish page too."""
    import xml.etree.ElementTree as ET

    from build_scripts.site import build_site

    add_language_switcher(mini_edition.root)
    english_chapter = (mini_edition.content / "chapter.md").read_text(encoding="utf-8")
    body = english_chapter.split("## Section one {#section-one}\n", 1)[1].replace("## Section two", "## Sección dos")
    (mini_edition.root / "content-es" / "chapter.md").write_text(CHAPTER_ES + body, encoding="utf-8")
    build_site(mini_edition)
    site = mini_edition.site

    # What's new: the Spanish summaries, no English text and no notice that they are English
    page = (site / "es" / "whats-new" / "index.html").read_text(encoding="utf-8")
    listing = page[page.index('<div class="changes"') : page.index('<div class="changes__pages"')]
    assert '<div class="changes" lang="es">' in listing
    assert "El capítulo de los términos explica dos cifras oficiales." in listing
    assert "La gráfica de homicidios muestra ahora la cifra definitiva de 2024." in listing
    assert "The terms chapter" not in listing and "The homicide chart" not in listing
    assert "changes__language" not in page and "5 de marzo de 2026" in listing

    # The feeds: one per edition, in its language, each announced by its own edition's pages
    spanish = ET.parse(site / "es" / "generated" / "whats-new.xml").getroot()
    english = ET.parse(site / "generated" / "whats-new.xml").getroot()
    atom, lang = "{http://www.w3.org/2005/Atom}", "{http://www.w3.org/XML/1998/namespace}lang"
    assert spanish.get(lang) == "es" and english.get(lang) == "en"
    assert spanish.find(f"{atom}title").text == "Sitio mínimo: novedades"
    assert [e.find(f"{atom}title").text for e in spanish.findall(f"{atom}entry")] == [
        "Capítulo: El capítulo de los términos explica dos cifras oficiales",
        "Gráfica: La gráfica de homicidios muestra ahora la cifra definitiva de 2024",
    ]
    links = [e.find(f"{atom}link").get("href") for e in spanish.findall(f"{atom}entry")]
    assert links[0].endswith("/es/terms/") and links[1].endswith("/es/chapter/#chart-homicides-mexico")
    for edition, prefix in ((english, ""), (spanish, "es/")):
        self_link = next(link.get("href") for link in edition.findall(f"{atom}link") if link.get("rel") == "self")
        assert self_link.endswith(f"/{prefix}generated/whats-new.xml")
    for path in ("", "chapter/", "whats-new/"):
        assert _feed_link(site / path / "index.html") == (site / "generated" / "whats-new.xml").as_posix()
        assert _feed_link(site / "es" / path / "index.html") == (site / "es" / "generated" / "whats-new.xml").as_posix()
    assert 'title="Sitio mínimo: novedades"' in page

    # Old addresses: a forwarding page in each edition, in its language, to its own page
    forward = (site / "es" / "old-chapter" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in forward and "<title>Nueva dirección: Un capítulo</title>" in forward
    assert '<p>Esta página cambió de dirección: <a href="../chapter/">Un capítulo</a>.</p>' in forward
    assert re.search(r'<link rel="canonical" href="[^"]+/es/chapter/">', forward)
    assert 'data-target="../chapter/"' in forward and 'src="../assets/javascripts/redirect.js"' in forward
    assert (site / "es" / "assets" / "javascripts" / "redirect.js").is_file()
    english_forward = (site / "old-chapter" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in english_forward and ">A chapter</a>" in english_forward
    # ... and the renamed anchor just before the heading that now has the new one, in both editions
    alias = '<span aria-hidden="true" class="anchor-alias" id="first-section"></span>'
    for edition in (site, site / "es"):
        chapter = (edition / "chapter" / "index.html").read_text(encoding="utf-8")
        assert re.search(re.escape(alias) + r'\s*<h2 id="section-one"', chapter), edition
    assert "Sección uno" in (site / "es" / "chapter" / "index.html").read_text(encoding="utf-8")


# ---- the real site --------------------------------------------------------------------------------
HREFLANG = re.compile(r'<link rel=" alternate" href="([^"]+)" hreflang="([a-z-]+)">')
SWITCHER = re.compile(r'<a href="([^"]+)" hreflang="([a-z]+)" lang="[a-z]+" class="md-select__link">')


def content_pages(site: Path) -> list[str]:
    """The pages of the English edition, as paths below the site ("" for the home page)."""
    found = []
    for page in sorted(site.rglob("index.html")):
        relative = page.parent.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        if relative.split("/")[0] == "es" or 'http-equiv="refresh"' in html:
            continue  # the Spanish edition; forwarding pages of renamed addresses
        found.append("" if relative == "." else relative + "/")
    return found


@pytest.mark.slow
def test_the_spanish_edition_holds_every_page_in_spanish(built_site):
    pages = content_pages(built_site)
    assert "kingpin/" in pages and "glossary/" in pages
    for path in pages:
        page = built_site / "es" / path / "index.html"
        assert page.is_file(), f"es/{path} is missing"
        html = page.read_text(encoding="utf-8")
        assert '<html lang="es"' in html, f"es/{path}"
        assert "La fuerza contra los cárteles" in html
    index = json_config(built_site / "es" / "search" / "search_index.json")
    assert index["lang"] == ["es"]


def json_config(path: Path) -> dict:
    import json

    return json.loads(path.read_text(encoding="utf-8"))["config"]


@pytest.mark.slow
def test_every_page_links_to_its_counterpart_both_ways(built_site):
    root = "http://127.0.0.1:"  # the test server's address (SITE_URL)
    for path in content_pages(built_site):
        for lang, prefix in (("en", ""), ("es", "es/")):
            html = (built_site / prefix / path / "index.html").read_text(encoding="utf-8")
            links = {hreflang: href for href, hreflang in HREFLANG.findall(html)}
            assert set(links) == {"en", "es", "x-default"}, f"{prefix}{path}: {links}"
            assert links["en"].startswith(root) and links["en"].endswith("/" + path), f"{prefix}{path}"
            assert links["es"] == links["en"].removesuffix(path) + "es/" + path, f"{prefix}{path}"
            assert links["x-default"] == links["en"]
            assert 'rel="alternate" href' not in html.split("</head>")[0].replace('type="application', ""), lang


@pytest.mark.slow
def test_the_switcher_lands_on_the_same_page_in_the_other_edition(built_site):
    for path in content_pages(built_site):
        for prefix in ("", "es/"):
            page = built_site / prefix / path / "index.html"
            targets = dict((lang, href) for href, lang in SWITCHER.findall(page.read_text(encoding="utf-8")))
            assert set(targets) == {"en", "es"}, f"{prefix}{path}"
            for lang, href in targets.items():
                landed = (page.parent / href).resolve()
                expected = (built_site / ("es/" if lang == "es" else "") / path).resolve()
                assert landed == expected, f"{prefix}{path}: the {lang} link {href} lands on {landed}"


@pytest.mark.slow
def test_untranslated_pages_carry_the_notice_and_translated_ones_do_not(built_site):
    translated = {path.stem for path in (ROOT / "content-es").glob("*.md")}
    for english in sorted((ROOT / "content").glob("*.md")):
        folder = built_site / "es" / ("" if english.stem == "index" else english.stem)
        html = (folder / "index.html").read_text(encoding="utf-8")
        if english.stem in translated:
            assert "translation-pending" not in html, f"es/{english.stem}: a translated page under the notice"
        else:
            assert 'class="admonition info translation-pending" lang="es"' in html, f"es/{english.stem}"
            assert "Esta página aún no está traducida al español" in html and '<div lang="en">' in html
    glossary = (built_site / "es" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "translation-pending" not in glossary and '<h1 id="glossary">Glosario' in glossary
    english = (built_site / "kingpin" / "index.html").read_text(encoding="utf-8")
    assert "translation-pending" not in english and '<html lang="en"' in english


@pytest.mark.slow
def test_spanish_pages_load_their_own_bundled_assets(built_site):
    page = built_site / "es" / "kingpin" / "index.html"
    html = page.read_text(encoding="utf-8")
    for url in re.findall(
        r'(?:href|src)="([^"]*assets/(?:stylesheets|javascripts)/site\.[0-9a-f]{8}\.(?:css|js))"', html
    ):
        assert (page.parent / url).resolve().is_file(), url


@pytest.mark.browser
def test_a_reader_switches_language_on_the_same_page(open_page, site_url):
    page, messages, requests = open_page(f"{site_url}/kingpin/")
    page.click(".md-header__option .md-select button")
    page.click('a.md-select__link[hreflang="es"]')
    page.wait_for_load_state("load")
    assert page.url == f"{site_url}/es/kingpin/"
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator("h1").first.inner_text().startswith("La estrategia contra los capos")
    assert page.locator(".translation-pending").count() == 0
    page.click(".md-header__option .md-select button")
    page.click('a.md-select__link[hreflang="en"]')
    page.wait_for_load_state("load")
    assert page.url == f"{site_url}/kingpin/"
    # Material fetches a sitemap for every link[rel=alternate]: the per-page hreflang links must
    # not make it ask for /PAGE/sitemap.xml (a failed request on every page); each edition's own
    # sitemap (instant navigation) is fine
    editions = {f"{site_url}/sitemap.xml", f"{site_url}/es/sitemap.xml"}
    assert [u for u in requests if u.endswith("sitemap.xml") and u not in editions] == []
    assert [m for m in messages if m[0] in ("error", "pageerror")] == []


# ---- notes, cite boxes and dates in Spanish --------------------------------------------------------
ENGLISH_MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
)
# CSL's English terms and our English words around a reference.
ENGLISH_WORDS = re.compile(
    r"\bRetrieved\b|\bn\.d\.|\band\b|\bCopy read\b|\bPage read\b|\bDate approximate\b|\b[Aa]s quoted in\b"
    r"|\bIn the source\b|\bGo to the passage\b|\bEdition\b|\[Chart\]|\bAs of\b|\bDataset\b|\bPress release\b"
)


def _registry_words():
    """Every value of the registry a reference prints (titles, outlets, names, notes): data in
    the source's own language, which the checks below take out before looking for English."""
    from build_scripts.citations import plain_words
    from build_scripts.registry import load_registry

    values = set()
    for source in load_registry(ROOT / "sources.yml"):
        for value in (
            source.display_title,
            source.outlet,
            source.archived_note,
            source.original,
            source.publisher_place,
            source.words("outlet", "es"),  # an outlet's name, with our description in Spanish
            source.display_title_in("es"),
        ):
            if value:  # as written, in plain words, and (an archived note) after "not a copy of …;"
                short = re.sub(r"^not a copy(?: of the [^;,]+)?[;,]\s*", "", value, flags=re.I)
                values.update({value, plain_words(value), short, plain_words(short)})
        for author in source.authors:
            values.update(author.values())
        for text in source.es.values():  # the notes' Spanish: the source's words it quotes stay as written
            values.update(re.findall(r'"[^"]+"|“[^”]+”', text))
    import json

    # The titles of the pages and charts cited in the cite boxes (an English one until translated).
    records = json.loads((ROOT / "content" / "generated" / "pages-es.json").read_text(encoding="utf-8"))
    values.update(record["title"] for kind in ("pages", "charts") for record in records[kind].values())
    return sorted(values, key=len, reverse=True)


def _words_of(fragment: str, data: list[str]) -> str:
    import html as html_module

    text = html_module.unescape(re.sub(r"<a [^>]*>.*?</a>", " ", fragment, flags=re.S))
    text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    lowered = text.lower()
    for value in data:  # as the style may have cased it ("English Edition" for "English edition")
        value = " ".join(value.split()).lower()
        while value and value in lowered:
            at = lowered.index(value)
            text, lowered = text[:at] + " " + text[at + len(value) :], lowered[:at] + " " + lowered[at + len(value) :]
    # A source's own words, quoted in a Spanish note, stay in the source's language.
    return re.sub(r'"[^"]*"|“[^”]*”', " ", text)


@pytest.mark.slow
def test_spanish_notes_and_cite_boxes_have_no_english_terms_or_months(built_site):
    data = _registry_words()
    checked = 0
    for notes in sorted((built_site / "es").glob("*/notes.html")):
        html = notes.read_text(encoding="utf-8")
        for note in re.findall(r'<li id="fn:[^"]+">(.*?)</li>', html, re.S):
            reference = note.split('<span class="evidence-block">')[0]
            words = _words_of(reference, data)
            assert not ENGLISH_MONTH.search(words), f"{notes}: {words}"
            assert not ENGLISH_WORDS.search(words), f"{notes}: {words}"
            checked += 1
    assert checked > 100
    english = (built_site / "kingpin" / "notes.html").read_text(encoding="utf-8")
    assert "Copy read" in english and "Go to the passage" in english  # the check would see them
    spanish = (built_site / "es" / "kingpin" / "notes.html").read_text(encoding="utf-8")
    assert "Copia consultada" in spanish and "Ir al pasaje" in spanish

    for page in sorted((built_site / "es").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        boxes = re.findall(r'<p class="cite-box__text" id="cite-[a-z]+">(.*?)</p>', html, re.S)
        boxes += re.findall(r'<span class="chart__cite-text">(.*?)</span>\s*<button', html, re.S)
        boxes += re.findall(r'<p class="cite-box__facts">(.*?)</p>', html, re.S)
        for box in boxes:
            words = _words_of(box, data)
            assert not ENGLISH_MONTH.search(words) and not ENGLISH_WORDS.search(words), f"{page}: {words}"


@pytest.mark.slow
def test_spanish_chapters_are_dated_and_cited_in_mexican_spanish(built_site):
    html = (built_site / "es" / "kingpin" / "index.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="page-updated" lang="es">(.*?)</p>', html, re.S).group(1)
    assert "Hechos registrados hasta la primavera de 2026." in line
    date = re.search(r'Última modificación de la página: <time datetime="([\d-]+)">([^<]+)</time>', line)
    year, month, day = (int(p) for p in date.group(1).split("-"))
    months = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
    assert date.group(2) == f"{day} de {months[month - 1]} de {year}"
    assert 'href="#cite-this-chapter">Citar este capítulo</a>' in line and ">Novedades</a>" in line
    box = html[html.index('<section class="cite-box"') :]
    assert '<h2 id="cite-this-chapter" class="cite-box__title">Citar este capítulo</h2>' in box
    assert f'Versión del <time datetime="{date.group(1)}">{date.group(2)}</time>' in box
    assert "La fuerza contra los cárteles. (" in box and "/es/kingpin/" in box
    english = (built_site / "kingpin" / "index.html").read_text(encoding="utf-8")
    assert "Record through spring 2026." in english and "Cite this chapter" in english
    # Numbers as Mexican usage writes them: the same separators as the English pages.
    assert "5,000" in (built_site / "es" / "kingpin" / "notes.html").read_text(encoding="utf-8")


# ---- the notes of a Spanish page ------------------------------------------------------------------
def notes_page_html(lang: str, extra: str = "") -> str:
    notes = "".join(f'<li id="fn:a{i}"><p>Nota {i} {"x" * 80}</p></li>' for i in range(60))
    return (
        f'<html lang="{lang}"><head><title>Capítulo - Sitio</title></head><body>'
        f'<article class="md-content__inner md-typeset"><h1 id="cap">Capítulo</h1>{extra}<p>Texto.</p>'
        f'<div class="footnote"><hr><ol>{notes}</ol></div></article></body></html>'
    )


def test_spanish_notes_speak_spanish_and_say_english_quotes_are_our_translation():
    from build_scripts.postbuild.notes import say_quotes_are_translated, split_page

    html = say_quotes_are_translated(notes_page_html("es"))
    assert (
        '<div class="footnote"><p class="notes-translated">Las citas de fuentes en inglés son traducción nuestra'
        in (html.replace("\n", ""))
    )
    assert say_quotes_are_translated(html) == html  # once
    page, notes = split_page(html)
    assert ">Notas y fuentes</a>: 60 notas, cada una con las palabras de su fuente." in page
    assert "<title>Notas y fuentes: Capítulo - Sitio</title>" in notes and "notes-translated" in notes
    assert "Notes and sources" not in page + notes


def test_english_pages_and_pages_shown_in_english_keep_english_notes():
    from build_scripts.postbuild.notes import say_quotes_are_translated, split_page

    for html in (
        notes_page_html("en"),
        notes_page_html("es", '<div class="admonition info translation-pending" lang="es"><p>Aún no…</p></div>'),
    ):
        assert say_quotes_are_translated(html) == html
        page, notes = split_page(html)
        assert ">Notes and sources</a>: 60 notes, each with the words of its source." in page
        assert "Notas" not in notes


# ---- freshness -----------------------------------------------------------------------------------
def test_a_translation_names_the_english_text_it_translates_and_goes_stale_when_it_changes(mini_edition):
    import subprocess

    from build_scripts.editions.freshness import freshness_problems, git_blob_id, mark_translated
    from build_scripts.inputs import load_inputs

    english = mini_edition.content / "second.md"
    translation = mini_edition.root / "content-es" / "second.md"
    git = subprocess.run(["git", "hash-object", str(english)], capture_output=True, text=True, check=True)
    assert git_blob_id(english) == git.stdout.strip()  # Git's own id, computed without Git

    [missing] = freshness_problems(load_inputs(mini_edition, publish=False))
    assert missing.severity == "warning" and "translation_of is missing" in missing.message
    mark_translated(translation, english)
    assert f'translation_of: "{git_blob_id(english)}"' in translation.read_text(encoding="utf-8")
    assert list(freshness_problems(load_inputs(mini_edition, publish=True))) == []

    english.write_text(english.read_text(encoding="utf-8").replace("another page", "a second page"), encoding="utf-8")
    [stale] = freshness_problems(load_inputs(mini_edition, publish=True))
    assert stale.severity == "error" and stale.line == 4
    assert stale.message == "content/second.md has changed since this translation was made"
    assert "git diff" in stale.fix and "python -m build_scripts translated second" in stale.fix
    mark_translated(translation, english)  # the line is replaced, not added twice
    assert translation.read_text(encoding="utf-8").count("translation_of:") == 1
    assert list(freshness_problems(load_inputs(mini_edition, publish=True))) == []


def test_every_translation_of_the_real_site_is_in_step_with_its_english_page():
    """The publishing build refuses a stale translation: so does the test suite, at once."""
    from build_scripts.editions.freshness import freshness_problems
    from build_scripts.inputs import load_inputs

    problems = list(freshness_problems(load_inputs(Project(ROOT), publish=True)))
    assert problems == [], "\n".join(f"{p.file}:{p.line}: {p.message}\n    fix: {p.fix}" for p in problems)
