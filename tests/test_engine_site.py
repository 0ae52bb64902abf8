"""Whole-site builds: MkDocs (strict) and Zensical, checked in the HTML they write."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_scripts.errors import BuildErrors
from build_scripts.project import Project
from build_scripts.site import build_site

pytestmark = pytest.mark.slow


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(path: Path):
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def check_chart_page(site: Path, page: str):
    html = (site / page / "index.html").read_text(encoding="utf-8")
    figure = html[html.index("<figure") : html.index("</figure>")]
    assert 'class="chart"' in figure and 'id="chart-homicides-mexico"' in figure
    assert "chart__caption" in figure and "Mexico&#x27;s homicides" in figure or "Mexico's homicides" in figure
    # one source gives "Source:", a chart whose marks cite more gives "Sources:"
    assert re.search(r"\bSources?:", figure) and "Unit: deaths per year" in figure and "Time span: 1990–2024" in figure
    for variant in ("light", "dark", "light-narrow", "dark-narrow"):
        src = re.search(rf'src="([^"]*homicides-mexico-{variant}\.svg)"', figure).group(1)
        assert (site / page / src).resolve().is_file()
    csv = re.search(r'href="([^"]*homicides-mexico\.csv)"[^>]*>Download the data \(CSV\)', figure)
    assert csv and (site / page / csv.group(1)).resolve().read_text().startswith("year,homicides")
    assert "<table>" in figure and re.search(r'<th scope="row">2007</th>\s*<td>8,867</td>', figure)
    # The figure is not in the page (first view): charts.js loads figure.js beside the images.
    assert "<template" not in figure and '"layouts"' not in figure
    light = re.search(r'src="([^"]*homicides-mexico-light\.svg)"', figure).group(1)
    script = ((site / page / light).resolve().parent / "figure.js").read_text(encoding="utf-8")
    prefix = '(window.chartFigures=window.chartFigures||{})["homicides-mexico"]='
    assert script.startswith(prefix) and script.endswith(";\n")
    spec = json.loads(script[len(prefix) : -2])
    assert spec["layouts"]["light"] and spec["data"]
    assert "<script" not in figure


def check_footnotes_resolved(site: Path):
    """Every marker leads to its note: in the page, or on the notes page beside it, where the
    build moves long notes (build_scripts/postbuild/notes.py) and which links back to each marker."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "[^" not in html.replace("[^id]", ""), f"unresolved footnote in {page}"
        for target, ref in re.findall(r'href="(notes\.html|\./)?#(fn(?:ref\d*)?:[^"]+)"', html):
            other = {"notes.html": page.parent / "notes.html", "./": page.parent / "index.html"}.get(target)
            holder = other.read_text(encoding="utf-8") if other else html
            assert f'id="{ref}"' in holder, f"{page}: {target}#{ref} leads to nothing"


def check_no_external_assets(site: Path):
    for page in site.rglob("*.html"):
        for tag, attrs in tags(page):
            for attribute in ("src", "href") if tag in ("script", "link", "img", "source", "iframe") else ():
                value = attrs.get(attribute) or ""
                rel = set((attrs.get("rel") or "").split())  # a set of tokens: " alternate" is alternate
                if tag == "link" and rel & {"canonical", "alternate"}:
                    continue
                assert not re.match(r"^(https?:)?//", value), (
                    f"{page}: <{tag} {attribute}={value}> loads from another host"
                )


def test_mkdocs_build_of_the_fixture(built_mini):
    check_chart_page(built_mini, "chapter")
    check_footnotes_resolved(built_mini)
    check_no_external_assets(built_mini)
    sources = (built_mini / "sources" / "index.html").read_text()
    assert 'id="source-porter-wapo-2024"' in sources
    assert 'href="../chapter/#section-one"' in sources
    assert "Not cited in a chapter" not in sources.split('id="source-porter-wapo-2024"')[1].split("</li>")[0]
    home = (built_mini / "index.html").read_text()
    assert "plotly" not in home and "chart__figure" not in home  # no chart code on a page without charts


def test_zensical_build_of_the_fixture(mini_project):
    build_site(Project(mini_project), generator="zensical", site_dir=mini_project / "site-zensical")
    site = mini_project / "site-zensical"
    check_chart_page(site, "chapter")
    check_footnotes_resolved(site)
    assert 'id="source-fettweis-2024"' in (site / "sources" / "index.html").read_text()


def test_a_failed_build_leaves_the_previous_site_alone(mini_project):
    project = Project(mini_project)
    build_site(project)
    before = (mini_project / "site" / "chapter" / "index.html").read_text()
    chapter = mini_project / "content" / "chapter.md"
    chapter.write_text(chapter.read_text() + "\nBroken.[^nope]\n")
    with pytest.raises(BuildErrors):
        build_site(project)
    assert (mini_project / "site" / "chapter" / "index.html").read_text() == before
    assert not (mini_project / "site.building").exists()


def test_the_real_site_builds(built_site):
    for page in ("index.html", "kingpin/index.html", "sources/index.html"):
        assert (built_site / page).is_file()
    check_footnotes_resolved(built_site)
    check_no_external_assets(built_site)
    kingpin = (built_site / "kingpin" / "index.html").read_text()
    notes = (built_site / "kingpin" / "notes.html").read_text()
    assert 'id="chart-homicides-mexico"' in kingpin and 'class="footnote"' in notes


def test_search_never_runs_two_blocks_of_text_into_one_word(built_site):
    """Search excerpts (and copied text) keep a chart's title apart from its subtitle, and the home
    page's cue apart from its swipe hint: "…such as fentanyl Drug overdose deaths…", never
    "fentanylDrug". Blocks written with no space between them are one word to the search index."""
    import yaml

    joined = []
    for chart_yml in sorted((Path(__file__).resolve().parent.parent / "charts").glob("*/chart.yml")):
        meta = yaml.safe_load(chart_yml.read_text(encoding="utf-8"))
        for words in (meta, meta.get("es", {})):
            if words.get("title") and words.get("subtitle"):
                joined.append(words["title"] + words["subtitle"][:12])
    joined += ["peopleSwipe", "genteDesliza"]
    assert len(joined) > 10
    for edition in ("", "es/"):
        for doc in json.loads((built_site / edition / "search" / "search_index.json").read_text())["docs"]:
            text = doc["text"].replace("&#x27;", "'").replace("&quot;", '"')
            assert not [j for j in joined if j in text], f"/{edition}{doc['location']}: {doc['text'][:200]}"


def test_every_page_links_to_the_error_report(built_site):
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if "md-copyright" not in html:
            continue  # forwarding pages for old addresses
        words = "Informar de un error" if '<html lang="es"' in html else "Report an error"  # each edition's own
        link = re.search(rf'<a class="md-copyright__report" href="([^"]+)">{words}</a>', html)
        assert link, f"{page} has no '{words}' link"
        assert link.group(1).endswith("/issues/new?template=report-an-error.yml") or link.group(1).endswith(
            "about/#report-an-error"
        )


def test_both_configs_ask_zensical_for_the_classic_look():
    import yaml

    for config in (Path("mkdocs.yml"), Path("tests/fixtures/mini/mkdocs.yml")):
        text = (Path(__file__).resolve().parents[1] / config).read_text(encoding="utf-8")
        theme = yaml.load(text.replace("!ENV", ""), Loader=yaml.BaseLoader)["theme"]
        assert theme.get("variant") == "classic", f"{config}: set theme.variant: classic (Zensical's default is modern)"


def test_a_warning_from_mkdocs_fails_the_build(tmp_path):
    """Strict mode must really be strict: MkDocs counts warnings only when it logs them, so the
    build command may not pass --quiet (it once did, and a template anchor slipped through)."""
    import os

    from build_scripts.errors import BuildError
    from build_scripts.site import GENERATORS, _run

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[A missing anchor](#nowhere)\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nvalidation:\n  anchors: warn\n", encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with pytest.raises(BuildError) as caught:
        _run(GENERATORS["mkdocs"](tmp_path / "out"), tmp_path, env)
    assert "#nowhere" in str(caught.value) and "INFO" not in str(caught.value)
