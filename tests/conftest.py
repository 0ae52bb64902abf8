"""Shared fixtures: project copies, built sites, a local HTTP server and headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
from pathlib import Path

import pytest

from build_scripts.bench import CHROME_FLAGS, CHROMIUM  # the browser and flags the bench uses too

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
os.environ.setdefault("BROWSER_PATH", CHROMIUM)
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def make_source(**fields):
    """A registry entry (build_scripts.registry.Source) with plain defaults; a test names only the
    fields it is about."""
    from build_scripts.registry import Source

    defaults = {"id": "s", "kind": "analysis", "title": "A Title", "outlet": "A Publisher", "date": "2020"}
    return Source(**{**defaults, "language": "en", "status": "VERIFIED", **fields})


def copy_project(source: Path, target: Path) -> Path:
    """Copy a project (following symlinks) without its build outputs."""
    ignore = shutil.ignore_patterns("site", "site-*", "site.building", "generated", ".cache", "__pycache__")
    shutil.copytree(source, target, symlinks=False, ignore=ignore)
    return target


LANGUAGE_SWITCHER = """  alternate:
    - {name: English, link: "", lang: en}
    - {name: Español, link: es/, lang: es}
"""


def add_language_switcher(project: Path) -> None:
    """Give the project's mkdocs.yml Material's language switcher (``extra.alternate``), inside its
    ``extra:`` block (the mini fixture has one: a second ``extra:`` key would replace it)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "\nextra:\n" in text:
        text = text.replace("\nextra:\n", "\nextra:\n" + LANGUAGE_SWITCHER, 1)
    else:
        text += "\nextra:\n" + LANGUAGE_SWITCHER
    config.write_text(text, encoding="utf-8")


@pytest.fixture
def mini_project(tmp_path, monkeypatch) -> Path:
    """A fresh, writable copy of the small fixture project, as the working directory."""
    project = copy_project(FIXTURES / "mini", tmp_path / "mini")
    # Share the render cache between copies so static images are exported once per session.
    cache = FIXTURES / "mini" / ".cache"
    if cache.is_dir():
        shutil.copytree(cache, project / ".cache")
    monkeypatch.chdir(project)
    return project


def build_served(project: Path, site: Path, generator: str = "mkdocs"):
    """Build ``project`` into ``site`` (with ``generator``) and serve it, with site_url set to the
    server's address (Material's instant navigation only follows links in the sitemap)."""
    from build_scripts.project import Project
    from build_scripts.site import build_site

    server, url = serve_folder(site)
    old = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = url + "/"
    try:
        with _chdir(project):
            build_site(Project(project), generator=generator, site_dir=site)
    finally:
        if old is None:
            os.environ.pop("SITE_URL", None)
        else:
            os.environ["SITE_URL"] = old
    return server, url


@pytest.fixture(scope="session")
def _mini_build(tmp_path_factory):
    project = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("built") / "mini")
    server, url = build_served(project, project / "site")
    yield project / "site", url
    server.shutdown()


@pytest.fixture(scope="session")
def mini_zensical_url(tmp_path_factory) -> str:
    """Base URL (no trailing slash) of the fixture project built with Zensical, served from 127.0.0.1."""
    project = copy_project(FIXTURES / "mini", tmp_path_factory.mktemp("zensical") / "mini")
    server, url = build_served(project, project / "site", generator="zensical")
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def _real_build(tmp_path_factory):
    site = tmp_path_factory.mktemp("real") / "site"
    server, url = build_served(ROOT, site)
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def built_mini(_mini_build) -> Path:
    """The fixture project built with MkDocs (strict); the site folder."""
    return _mini_build[0]


@pytest.fixture(scope="session")
def built_site(_real_build) -> Path:
    """The real site, built with MkDocs (strict) into a temporary folder."""
    return _real_build[0]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_folder(folder: Path):
    """Serve ``folder`` (which may not exist yet) on a free port of 127.0.0.1."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def mini_url(_mini_build) -> str:
    """Base URL (no trailing slash) of the built fixture site on 127.0.0.1."""
    return _mini_build[1]


@pytest.fixture(scope="session")
def site_url(_real_build) -> str:
    """Base URL (no trailing slash) of the built real site on 127.0.0.1."""
    return _real_build[1]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make deps` (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def open_page(browser):
    """open_page(url, width=1280, scheme="light") -> (page, console messages, requested URLs)."""
    contexts = []

    def _open(url: str, width: int = 1280, height: int = 900, scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        messages, requests = [], []
        page.on("console", lambda m: messages.append((m.type, m.text)))
        page.on("pageerror", lambda e: messages.append(("pageerror", str(e))))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(url)
        page.wait_for_load_state("load")
        wait_for_notes(page)
        return page, messages, requests

    yield _open
    for context in contexts:
        context.close()


def wait_for_notes(page, timeout: int = 15000) -> None:
    """The page as a reader has it once loaded: the notes (and long chart tables) the build moved
    to notes.html are back in the page (assets/javascripts/notes.js fetches them after load)."""
    if page.locator(".notes-deferred").count():
        page.wait_for_function("() => !document.querySelector('.notes-deferred')", timeout=timeout)


def follow_instant_link(page, base: str, slug: str, heading: str) -> None:
    """Click the navigation link to /SLUG/ and wait until the new page is the one a reader sees.

    With instant navigation the address changes before Material swaps the content in, and
    notes.js brings the notes back after that: a test that touches the page on the address alone
    may find the old page's elements, detached under it a moment later."""
    page.locator(f"a.md-nav__link[href$='/{slug}/']:visible").first.click()
    page.wait_for_url(f"{base}/{slug}/")
    page.wait_for_function(
        "heading => document.querySelector('article h1')?.textContent.includes(heading)", arg=heading
    )
    wait_for_notes(page)


class _chdir:
    def __init__(self, path: Path):
        self.path, self.old = path, None

    def __enter__(self):
        self.old = Path.cwd()
        os.chdir(self.path)

    def __exit__(self, *exc):
        os.chdir(self.old)
