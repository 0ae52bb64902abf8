"""Accessibility gate: axe-core in Chromium on every page, light and dark, at 360 px and desktop
width, must find no violation of the WCAG 2.1 A and AA rules.

axe-core is vendored (tests/vendor/axe-core/, see its VENDOR.json) and injected by Playwright;
it is never part of the site. Each page is checked twice: as it first shows (static charts), and
with every ``<details>`` open (data tables, provenance) and every chart drawn interactively.

Two sites are checked: the real site (every page; needs the whole project to build), and the
mini fixture's pages built with the real theme configuration (mkdocs.yml, overrides/, the site's
stylesheets), which is fast and independent of the chapters being written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from build_scripts.bench import themed_config

from .conftest import FIXTURES, ROOT, _chdir, copy_project, serve_folder, wait_for_notes

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # axe tags are not cumulative: list each level
VIEWS = [("light", 360), ("light", 1280), ("dark", 360), ("dark", 1280)]
# The Spanish edition's pages are the English pages' templates, scripts and styles with Spanish words:
# each is audited in both schemes, one at a phone's width and one at a desktop's (every English page
# has all four views), and its notes pages through one sample. The whole suite stays fit for CI.
SPANISH_VIEWS = [("light", 360), ("dark", 1280)]
SPANISH_NOTES_SAMPLE = "es/kingpin/notes.html"
SCHEMES = {"light": "default", "dark": "slate"}

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
}"""


def themed_mini(target: Path) -> Path:
    """The mini fixture's content, charts and sources with the real site's theme configuration."""
    project = copy_project(FIXTURES / "mini", target)
    if (FIXTURES / "mini" / ".cache").is_dir():
        shutil.copytree(FIXTURES / "mini" / ".cache", project / ".cache", dirs_exist_ok=True)
    shutil.copytree(ROOT / "overrides", project / "overrides", dirs_exist_ok=True)
    config = themed_config(ROOT / "mkdocs.yml", FIXTURES / "mini" / "mkdocs.yml")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def themed_site(tmp_path_factory):
    from build_scripts.project import Project
    from build_scripts.site import build_site

    project = themed_mini(tmp_path_factory.mktemp("a11y") / "mini")
    with _chdir(project):
        build_site(Project(project))
    server, url = serve_folder(project / "site")
    yield project / "site", url
    server.shutdown()


# The Spanish edition (site/es/): its translated pages, its home page and one page shown in English
# under the "not yet translated" notice. The other untranslated pages are the English pages, audited
# above, in the same templates (docs/translating.md).
SPANISH_SAMPLE = ("es/", "es/kingpin/")


def page_paths(site: Path) -> list[str]:
    translated = {f"es/{p.stem}/" for p in (ROOT / "content-es").glob("*.md")} if (site / "es").is_dir() else set()
    paths = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        path = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        if path.startswith("es/") and path not in {*SPANISH_SAMPLE, *translated}:
            if not (path.endswith("notes.html") and path == SPANISH_NOTES_SAMPLE):
                continue
        paths.append(path)
    return paths


def audit(browser, url: str, scheme: str, width: int) -> list[dict]:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("load")
        wait_for_notes(page)  # the notes and long chart tables arrive after load (notes.js)
        wanted = SCHEMES[scheme]
        if page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") != wanted:
            page.locator("form[data-md-component=palette] label:visible").first.click()
            page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{wanted}'")
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")  # privileged: not blocked by the site's CSP
        found = [dict(v, state="as loaded") for v in page.evaluate(RUN_AXE, WCAG_21_AA)]
        charts = page.locator("figure.chart")
        details = page.locator("details")
        if charts.count() or details.count():
            page.evaluate(
                "() => document.querySelectorAll('figure.chart').forEach(f => f.__keepStatic = f.getAttribute('data-rendered') === 'static')"
            )
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            for index in range(charts.count()):
                charts.nth(index).scroll_into_view_if_needed()
            if charts.count():  # every chart not kept static on purpose (the print page) draws
                page.wait_for_function(
                    "() => [...document.querySelectorAll('figure.chart')]"
                    ".every(f => f.__keepStatic || f.getAttribute('data-rendered') === 'interactive')",
                    timeout=20000,
                )
            page.wait_for_timeout(300)
            found += [dict(v, state="details open, charts interactive") for v in page.evaluate(RUN_AXE, WCAG_21_AA)]
        return found
    finally:
        context.close()


def report(results: dict) -> str:
    lines = []
    for (path, scheme, width), violations in results.items():
        for v in violations:
            lines.append(f"/{path} [{scheme}, {width}px, {v['state']}] {v['id']} ({v['impact']}): {v['help']}")
            lines += [
                f"    {n['target']}: {n['summary'].splitlines()[-1].strip() if n['summary'] else ''}"
                for n in v["nodes"]
            ]
    return "\n".join(lines)


def check(browser, site: Path, base: str) -> None:
    results = {}
    paths = page_paths(site)
    assert paths, "no pages found"
    for path in paths:
        for scheme, width in SPANISH_VIEWS if path.startswith("es/") else VIEWS:
            violations = audit(browser, f"{base}/{path}", scheme, width)
            if violations:
                results[(path, scheme, width)] = violations
    assert not results, "WCAG 2.1 A/AA violations:\n" + report(results)


def test_axe_is_the_vendored_version():
    record = json.loads((AXE.parent / "VENDOR.json").read_text(encoding="utf-8"))
    assert AXE.read_text(encoding="utf-8").startswith(f"/*! axe v{record['version']}")
    assert (AXE.parent / "LICENSE").is_file() and record["license"] == "MPL-2.0"


def test_axe_finds_a_planted_violation(browser, themed_site):
    """Negative control: the gate must be able to fail (an image without alt text, low contrast)."""
    site, url = themed_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/")
    page.evaluate("""() => { const article = document.querySelector('article');
        article.insertAdjacentHTML('beforeend', '<img src="x.png"><p style="color:#bbb;background:#fff">faint</p>'); }""")
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    ids = {v["id"] for v in page.evaluate(RUN_AXE, WCAG_21_AA)}
    context.close()
    assert {"image-alt", "color-contrast"} <= ids


def test_mini_pages_with_the_real_theme_have_no_wcag_violations(browser, themed_site):
    site, url = themed_site
    check(browser, site, url)


@pytest.mark.slow
def test_every_page_of_the_real_site_has_no_wcag_violations(browser, built_site, site_url):
    check(browser, built_site, site_url)
