"""``make bench``: page weight, Lighthouse scores and build time, printed as one JSON line.

A script, not a timed test. Progress goes to stderr; stdout gets exactly one JSON line (also
saved under ``bench-results/``). Every edition is measured and gated on its own (English at the
site's root, Spanish at ``es/``; issue 15). The run exits 1 (the **speed gate**) when a target is
missed, naming the edition (``en``, ``es``) and the page:

- Lighthouse, mobile and desktop, on the home page and the heaviest chart page **of each
  edition** (``/`` and ``/es/``, and e.g. ``/kingpin/`` and ``/es/kingpin/``): performance
  >= 95; accessibility, best practices and SEO = 100 (issue 6);
- the first view (everything the browser asked for before the load event) of each edition's home
  page and of every chart page of both editions <= 100 KiB gzip (tests/test_first_view.py holds
  the same limit);
- build time growing linearly, <= 40 ms per added chapter once charts are cached (issue 2),
  **in each language**: ``en`` and ``es`` are each held to it (below).

Method (shared/research/performance-baseline.md): the site is built fresh into a temporary
folder and served from 127.0.0.1 by a small server that gzips text (level 6), like a static
host; bytes are counted on the wire by that server. Lighthouse 12 (npm, installed on first use
into ``.cache/bench-tools/``, which is gitignored) drives Debian's Chromium with the flags this
machine needs and a fresh profile per run; each score is the median of ``--runs`` runs. The
English heaviest chart page is measured side by side with the same page built naively (each
chart inlined by ``plotly.io.to_html(include_plotlyjs=True)``, no CSP; ``naive``, not gated).

The JSON is keyed by edition: ``pages.en`` / ``pages.es`` (which pages were measured),
``weight.en`` / ``weight.es`` (page weight of the two pages and ``first_view_kib`` of each chart
page), ``lighthouse.en.home.mobile``, ``lighthouse.es.heaviest_chart_page.desktop`` and so on,
and ``build.ms_per_added_chapter.en`` / ``.es`` / ``.en+es``.

Build time per added chapter, per language: synthetic sites of 10, 100 and 500 chapters of
about 800 words and two charts each, built with the real theme configuration, twice per size:
English only, and with both editions, where every synthetic chapter has its Spanish translation
in ``content-es/`` (the same anchors, markers, charts and numbers, stamped ``translation_of``, so
the real parity and freshness checks pass) and the real Spanish edition's settings. Each site is
built once to fill the chart cache, then both are built in turn three times (interleaved, so a
change in the machine's load weighs on both) and the fastest cached build of each counts. The
slope between consecutive sizes is reported as:

- ``en``: the English-only sites' slope, what an added English chapter costs;
- ``es``: the two-edition sites' slope less the English-only slope, what the chapter's Spanish
  translation adds to the build (its parity check, its page in the Spanish generator run, its
  post-build steps) -- the two are measured, not apportioned by stage, because the pre-build
  and post-build steps run over both editions at once;
- ``en+es``: the two-edition sites' slope, a chapter in both languages (reported, not gated;
  it is the sum of the two).

    python -m build_scripts bench [--runs 3] [--sizes 10,100,500] [--skip-lighthouse]
                                  [--skip-build-times] [--skip-naive] [--site DIR]
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import re
import resource
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .project import Project

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LIGHTHOUSE = "lighthouse@12"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
FIRST_VIEW_MAX_KIB = 100
MS_PER_CHAPTER_MAX = 40
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".map")
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".xml": "application/xml",
    ".csv": "text/csv; charset=utf-8",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".gz": "application/gzip",
    ".woff2": "font/woff2",
    ".map": "application/json",
}


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- a static server that gzips like a real host and counts the bytes it sends ----------------------


class GzipServer:
    def __init__(self, root: Path):
        self.root = root.resolve()
        self.sent: list[tuple[str, int]] = []
        self.lock = threading.Lock()
        self._cache: dict[Path, bytes] = {}
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_HEAD(self):
                self._serve(head=True)

            def do_GET(self):
                self._serve(head=False)

            def _serve(self, head: bool):
                path = server.resolve(unquote(urlsplit(self.path).path))
                status = 200
                if path is None:
                    status, path = 404, server.root / "404.html"
                body = path.read_bytes() if path.is_file() else b"not found"
                encoding = None
                if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
                    body, encoding = server.gzipped(path, body), "gzip"
                self.send_response(status)
                self.send_header("Content-Type", TYPES.get(path.suffix, "application/octet-stream"))
                self.send_header("Content-Length", str(len(body)))
                if encoding:
                    self.send_header("Content-Encoding", encoding)
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                if not head:
                    self.wfile.write(body)
                with server.lock:
                    server.sent.append((self.path, 0 if head else len(body)))

        class Quiet(socketserver.ThreadingTCPServer):
            def handle_error(self, request, client_address):
                if not isinstance(sys.exc_info()[1], ConnectionError):  # browsers drop connections
                    super().handle_error(request, client_address)

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def resolve(self, path: str) -> Path | None:
        candidate = (self.root / path.lstrip("/")).resolve()
        if self.root not in (candidate, *candidate.parents):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def gzipped(self, path: Path, body: bytes) -> bytes:
        if path not in self._cache:
            self._cache[path] = gzip.compress(body, compresslevel=6, mtime=0)
        return self._cache[path]

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            sent, self.sent = self.sent, []
        return sent

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --- which pages --------------------------------------------------------------------------------------


def chart_pages(site: Path) -> list[tuple[str, int, int]]:
    """(url path, number of charts, gzip bytes of the HTML) of every page with a chart."""
    pages = []
    for page in site.rglob("index.html"):
        html = page.read_bytes()
        # Charts a page keeps static on purpose (the print page) do not count.
        count = sum(
            1
            for tag in re.findall(rb'<figure\b[^>]*\bclass="chart"[^>]*>', html)
            if b'data-rendered="static"' not in tag
        )
        if count:
            rel = page.relative_to(site).as_posix()[: -len("index.html")]
            pages.append((rel, count, len(gzip.compress(html, 6))))
    return sorted(pages, key=lambda p: (-p[1], -p[2], p[0]))


# --- page weight in Chromium --------------------------------------------------------------------------


BEFORE_LOAD = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return performance.getEntriesByType('resource')
    .filter(e => e.startTime < nav.loadEventStart).map(e => e.name);
}"""


def page_weight(server: GzipServer, path: str) -> dict:
    """Bytes on the wire and requests: at the load event, settled without interaction, and once
    every chart is interactive. The first view is the page and every resource the browser asked
    for before the load event began (its Resource Timing entries), counted in the bytes the server
    sent for them: what a script starts fetching in a load handler is not part of it, however fast
    it arrives."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
        context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
        page = context.new_page()
        server.take()
        page.goto(f"{server.url}/{path}", wait_until="load")
        before_load = requested_before_load(page)
        page.wait_for_timeout(3000)
        settled = server.take()
        at_load = [(url, size) for url, size in settled if _path_of(url) in before_load]
        charts = page.locator("figure.chart")
        interactive = None
        if charts.count():
            page.evaluate(
                "() => document.querySelectorAll('figure.chart').forEach(f => f.__keepStatic = f.getAttribute('data-rendered') === 'static')"
            )
            for index in range(charts.count()):
                charts.nth(index).scroll_into_view_if_needed()
            page.wait_for_function(
                "() => [...document.querySelectorAll('figure.chart')]"
                ".every(f => f.__keepStatic || f.getAttribute('data-rendered') === 'interactive')",
                timeout=30000,
            )
            page.wait_for_timeout(1000)
            interactive = settled + server.take()
        browser.close()

    def total(sent):
        return {"requests": len(sent), "kib_gzip": round(sum(b for _, b in sent) / 1024, 1)}

    out = {"first_view": total(at_load), "before_interaction": total(settled)}
    if interactive is not None:
        out["after_charts_interactive"] = total(interactive)
    return out


def requested_before_load(page) -> set[str]:
    """Paths (with query) of the page and of every resource it asked for before its load event."""
    return {_path_of(url) for url in page.evaluate(BEFORE_LOAD)} | {_path_of(page.url)}


def first_view_kib(page, server: GzipServer, path: str) -> float:
    """Open ``path`` in ``page`` and return its first view in KiB (gzip, as ``server`` sent it)."""
    server.take()
    page.goto(f"{server.url}/{path}", wait_until="load")
    before_load = requested_before_load(page)
    page.wait_for_timeout(200)  # the server logs a response once it has written it
    return round(sum(size for url, size in server.take() if _path_of(url) in before_load) / 1024, 1)


def first_views(server: GzipServer, paths: list[str]) -> dict[str, float]:
    """First view in KiB of each page (``/`` for the home page), in one browser."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
        for path in dict.fromkeys(paths):
            context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
            out[f"/{path}"] = first_view_kib(context.new_page(), server, path)
            context.close()
        browser.close()
    return out


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return unquote(parts.path) + (f"?{parts.query}" if parts.query else "")


# --- the naive page -----------------------------------------------------------------------------------


def naive_site(site: Path, project: Project, path: str, target: Path) -> Path:
    """A copy of the site whose page ``path`` inlines every chart with to_html(include_plotlyjs=True)."""
    import plotly.io as pio

    from .charts.figures import figure_variants
    from .charts.model import load_chart
    from .registry import load_registry

    shutil.copytree(site, target)
    page = target / path / "index.html"
    html = page.read_text(encoding="utf-8")
    registry = load_registry(project.sources)

    def inline(match: re.Match) -> str:
        chart = load_chart(project.charts / match.group(1), registry)
        figure = figure_variants(chart)["light"]
        return pio.to_html(figure, include_plotlyjs=True, full_html=False)

    html = re.sub(
        r'<figure\b(?=[^>]*\bclass="chart")[^>]*\bdata-chart="([^"]+)"[^>]*>.*?</figure>', inline, html, flags=re.S
    )
    html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    page.write_text(html, encoding="utf-8")
    return target


# --- Lighthouse ---------------------------------------------------------------------------------------


def lighthouse_cli(project: Project) -> Path:
    tools = project.root / ".cache" / "bench-tools"
    cli = tools / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        log(f"installing {LIGHTHOUSE} into {tools.relative_to(project.root)} (once)")
        tools.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(tools), LIGHTHOUSE],
            check=True,
            stdout=sys.stderr,
        )
    return cli


def lighthouse(cli: Path, url: str, form: str, runs: int) -> dict:
    results = []
    for _ in range(runs):
        with (
            tempfile.TemporaryDirectory(prefix="lh-profile-") as profile,
            tempfile.NamedTemporaryFile(suffix=".json", delete=False) as report,
        ):
            flags = " ".join([*CHROME_FLAGS, f"--user-data-dir={profile}"])
            command = [
                "node",
                str(cli),
                url,
                "--output=json",
                f"--output-path={report.name}",
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={flags}",
            ]
            if form == "desktop":
                command.append("--preset=desktop")
            env = dict(os.environ, CHROME_PATH=CHROMIUM)
            subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)
            data = json.loads(Path(report.name).read_text(encoding="utf-8"))
            os.unlink(report.name)
        results.append(data)
    return summarise(results)


def summarise(reports: list[dict]) -> dict:
    def median(values):
        return statistics.median(values) if values else None

    scores = {c: round(median([r["categories"][c]["score"] * 100 for r in reports])) for c in CATEGORIES}
    audits = reports[len(reports) // 2]["audits"]
    failing = sorted(
        {
            f"{c}:{ref['id']}"
            for r in reports
            for c in CATEGORIES
            if c != "performance"
            for ref in r["categories"][c]["auditRefs"]
            if ref.get("weight")
            and (r["audits"][ref["id"]].get("score") is not None)
            and r["audits"][ref["id"]]["score"] < 1
        }
    )
    return {
        "scores": scores,
        "runs_performance": [round(r["categories"]["performance"]["score"] * 100) for r in reports],
        "lcp_ms": round(median([r["audits"]["largest-contentful-paint"]["numericValue"] for r in reports])),
        "tbt_ms": round(median([r["audits"]["total-blocking-time"]["numericValue"] for r in reports])),
        "cls": round(median([r["audits"]["cumulative-layout-shift"]["numericValue"] for r in reports]), 3),
        "kib_transferred": round(audits["total-byte-weight"]["numericValue"] / 1024, 1),
        "failing_audits": failing,
        # What the console and the issues panel said, when best practices is not 100.
        "console_errors": sorted(
            {
                str(item.get("description", ""))[:200]
                for r in reports
                for item in r["audits"]["errors-in-console"].get("details", {}).get("items", [])
            }
        ),
        "inspector_issues": sorted(
            {
                str(item.get("issueType", ""))[:100]
                for r in reports
                for item in r["audits"]["inspector-issues"].get("details", {}).get("items", [])
            }
        ),
    }


# --- build time of synthetic sites --------------------------------------------------------------------

WORDS = (
    "The debate turns on evidence: who argues for force, what they cite, and what the record "
    "shows about earlier campaigns against armed groups in the region. "
).split()
# The same sentence in Spanish: a synthetic chapter's translation, paragraph for paragraph.
WORDS_ES = (
    "El debate gira en torno a la evidencia: quién defiende el uso de la fuerza, qué cita y qué "
    "muestra el registro sobre campañas anteriores contra grupos armados en la región. "
).split()


# The fastest of three cached builds: the machine's noise only ever adds time.
CACHED_RUNS = 3

# A large site groups its chapters, as readers need it to (500 links in one menu help nobody);
# with the theme's navigation.prune, each page's menu then holds the parts and its own part only.
CHAPTERS_PER_PART = 10

# The synthetic sites built for the build times: the English edition alone, and both editions.
ENGLISH_ONLY = ("en",)
BOTH_EDITIONS = ("en", "es")


def synthetic_chapter(n: int, charts: list[str], ids: list[str], lang: str = "en") -> str:
    """Synthetic chapter ``n`` in ``lang``: about 800 words in four sections of three paragraphs,
    each paragraph citing a source, and two charts. The Spanish chapter is the English one
    paragraph for paragraph: the same anchors, markers, charts and numbers (the parity check's
    terms, docs/translating.md), in Spanish words."""
    words, section_word = (WORDS_ES, "Sección") if lang == "es" else (WORDS, "Section")
    body = []
    for section in range(1, 5):
        body.append(f"## {section_word} {section} {{#section-{section}}}\n")
        for paragraph in range(3):
            text = [words[(n + section + paragraph + i) % len(words)] for i in range(60)]
            body.append(" ".join(text).capitalize() + f".[^{ids[(n + section + paragraph) % len(ids)]}]\n")
        if section in (1, 3):
            body.append(f"<!-- md:chart {charts[(section // 3) % len(charts)]} -->\n")
    if lang == "es":
        head = (
            f"title: Capítulo sintético {n}\ndescription: Un capítulo sintético para medir el tiempo de compilación.\n"
        )
        title = f"# Capítulo sintético {n} {{#synthetic-chapter-{n}}}"  # the slug MkDocs gives the English title
    else:
        head = f"title: Synthetic chapter {n}\ndescription: A synthetic chapter for the build-time benchmark.\n"
        title = f"# Synthetic chapter {n}"
    return f"---\n{head}---\n\n{title}\n\n" + "\n".join(body)


def synthetic_project(root: Project, target: Path, chapters: int, languages: tuple[str, ...] = ENGLISH_ONLY) -> Path:
    """The mini fixture's charts and registry with the real theme configuration, and ``chapters``
    synthetic chapters of about 800 words, each citing three sources and embedding two charts,
    in parts of ``CHAPTERS_PER_PART`` chapters. With ``"es"`` in ``languages``, a Spanish edition
    too (``content-es/``): the real edition's settings, a translation of every synthetic chapter
    that passes the parity and freshness checks, and the language switcher."""
    mini = root.root / "tests" / "fixtures" / "mini"
    ignore = shutil.ignore_patterns("site", "site-*", "site.building", "generated", "__pycache__")
    shutil.copytree(mini, target, symlinks=False, ignore=ignore)
    shutil.copytree(root.root / "overrides", target / "overrides", dirs_exist_ok=True)
    charts = sorted(p.name for p in (target / "charts").iterdir() if p.is_dir())
    if len(charts) < 2:  # a second chart: the same data drawn as bars (its Spanish words too)
        second = target / "charts" / f"{charts[0]}-bars"
        shutil.copytree(target / "charts" / charts[0], second)
        meta = second / "chart.yml"  # a declarative chart: its `figure:` block, as bars
        meta.write_text(meta.read_text(encoding="utf-8").replace("kind: line", "kind: bar", 1), encoding="utf-8")
        charts.append(second.name)
    from .registry import load_registry

    ids = [s.id for s in load_registry(Project(target).sources) if s.status != "LINK-ONLY"]
    nav = ["  - Home: index.md"]
    for n in range(1, chapters + 1):
        (target / "content" / f"chapter-{n:03d}.md").write_text(synthetic_chapter(n, charts, ids), encoding="utf-8")
        if (n - 1) % CHAPTERS_PER_PART == 0:
            nav.append(f"  - Part {(n - 1) // CHAPTERS_PER_PART + 1}:")
        nav.append(f"    - Synthetic chapter {n}: chapter-{n:03d}.md")
    # The fixture's own pages stay (its educator, glossary and print pages link to them); the
    # synthetic chapters go after its home page.
    mini_nav = re.search(r"^nav:\n((?:[ \t]+.*\n|\n)*)", (mini / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    entries = [line for line in mini_nav.group(1).splitlines() if line.strip()]
    nav = entries[:1] + nav[1:] + entries[1:]
    config = themed_config(
        root.root / "mkdocs.yml",
        mini / "mkdocs.yml",
        nav="nav:\n" + "\n".join(nav) + "\n\n",
        alternate="es" in languages,
    )
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    if "es" in languages:
        synthetic_spanish_edition(root, target, chapters, charts, ids)
    return target


def synthetic_spanish_edition(root: Project, target: Path, chapters: int, charts: list[str], ids: list[str]) -> None:
    """``content-es/`` of a synthetic project: the real Spanish edition's settings (its theme
    words, search language, record line) with a title for every page of the synthetic navigation,
    and the translation of every synthetic chapter, stamped with its English text's id
    (``translation_of``) as ``python -m build_scripts translated`` would. The fixture's own pages
    stay untranslated (shown in English under the notice), a cost that does not grow with the
    number of chapters."""
    import yaml

    from .editions.freshness import KEY, git_blob_id
    from .site_config import load_site_config

    folder = target / "content-es"
    folder.mkdir()
    settings = yaml.safe_load((root.root / "content-es" / "edition.yml").read_text(encoding="utf-8"))
    real_titles = settings.get("nav") or {}
    site = load_site_config(target)
    nav = {}
    for src in site.nav_files:
        if src.startswith("chapter-"):
            nav[src] = f"Capítulo sintético {int(src[len('chapter-') : -len('.md')])}"
        else:  # the fixture's pages: the real edition's title where the real site has the page
            nav[src] = real_titles.get(src) or site.nav_title(src) or src
    settings["nav"] = nav
    (folder / "edition.yml").write_text(
        yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
    )
    for n in range(1, chapters + 1):
        name = f"chapter-{n:03d}.md"
        stamp = git_blob_id(target / "content" / name)
        text = synthetic_chapter(n, charts, ids, lang="es").replace("---\n", f"---\n{KEY}: {stamp}\n", 1)
        (folder / name).write_text(text, encoding="utf-8")


NAV_BLOCK = re.compile(r"^nav:\n(?:[ \t]+.*\n|\n)*", re.M)
REPO_LINE = re.compile(r"^repo_url: .*$", re.M)
# The language switcher's entries (extra.alternate): kept only for a fixture with a Spanish edition.
ALTERNATE_BLOCK = re.compile(r"^  alternate:\n(?:    .*\n)*", re.M)


def themed_config(real: Path, fixture: Path, nav: str | None = None, *, alternate: bool = False) -> str:
    """The real site's mkdocs.yml (theme, extensions, assets) with a fixture project's nav (or
    ``nav``) and its repository address: the fixture has no About page, so the footer's
    "Report an error" must point at an issue form. Without the language switcher unless
    ``alternate``: a fixture without a Spanish edition (content-es/) has no other edition to switch
    to. Used by the bench and the accessibility gate."""
    real_text, fixture_text = real.read_text(encoding="utf-8"), fixture.read_text(encoding="utf-8")
    nav = nav or NAV_BLOCK.search(fixture_text).group(0)
    config = NAV_BLOCK.sub(lambda _: nav, real_text, count=1)
    if not alternate:
        config = ALTERNATE_BLOCK.sub("", config, count=1)
    repo = REPO_LINE.search(fixture_text)
    return REPO_LINE.sub(lambda _: repo.group(0), config, count=1) if repo else config


@dataclass(frozen=True)
class BuildTime:
    """One build of a synthetic site: wall-clock seconds (what the gate holds) and the CPU seconds
    its processes used (user + system, the build and the generators it waited for), which a busy
    machine inflates far less than the wall clock."""

    wall: float
    cpu: float


def timed_build(project: Path) -> BuildTime:
    """One ``python -m build_scripts build`` of ``project``, timed (a failed build raises)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_PUBLISH",)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "build"], cwd=project, env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"synthetic build failed in {project}:\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return BuildTime(wall, cpu)


def slopes(cached: dict[int, float]) -> dict[str, float]:
    """Milliseconds per added chapter between consecutive sizes: {"10->100": 31.2, …}."""
    sizes = sorted(cached)
    return {f"{a}->{b}": round((cached[b] - cached[a]) * 1000 / (b - a), 1) for a, b in zip(sizes, sizes[1:])}


def per_language(english: dict[str, float], both: dict[str, float]) -> dict[str, dict[str, float]]:
    """What an added chapter costs in each edition, span by span: ``en`` the English-only site's
    slope; ``es`` what the chapter's translation adds, the two-edition site's slope less the
    English-only one; ``en+es`` the two-edition site's slope (a chapter in both languages)."""
    return {
        "en": dict(english),
        "es": {span: round(both[span] - english[span], 1) for span in both if span in english},
        "en+es": dict(both),
    }


def build_times(root: Project, sizes: list[int]) -> dict:
    """Build time of the synthetic sites of each size, English only and with both editions.

    Each site is built once to fill the chart cache, then the two are built in turn, three times
    each (interleaved, so that a change of the machine's load weighs on both alike); the fastest
    cached build of each counts, in wall-clock time and, separately, in CPU time."""
    kinds = {"en": ENGLISH_ONLY, "en+es": BOTH_EDITIONS}
    seconds: dict[str, dict[str, dict]] = {kind: {} for kind in kinds}
    wall: dict[str, dict[int, float]] = {kind: {} for kind in kinds}
    cpu: dict[str, dict[int, float]] = {kind: {} for kind in kinds}
    load: dict[str, float] = {}  # the machine's 1-minute load average once each size was timed
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for size in sizes:
            projects = {
                kind: synthetic_project(root, Path(tmp) / f"site-{size}-{'-'.join(langs)}", size, langs)
                for kind, langs in kinds.items()
            }
            cold = {kind: timed_build(project) for kind, project in projects.items()}  # fills the chart cache
            runs: dict[str, list[BuildTime]] = {kind: [] for kind in projects}
            for _ in range(CACHED_RUNS):
                for kind, project in projects.items():
                    runs[kind].append(timed_build(project))
            for kind in projects:
                wall[kind][size] = min(run.wall for run in runs[kind])
                cpu[kind][size] = min(run.cpu for run in runs[kind])
                seconds[kind][str(size)] = {
                    "cold_s": round(cold[kind].wall, 2),
                    "cached_s": round(wall[kind][size], 2),
                    "cached_cpu_s": round(cpu[kind][size], 2),
                }
                log(
                    f"{size} chapters, {kind}: cold {cold[kind].wall:.1f} s, cached {wall[kind][size]:.1f} s "
                    f"(CPU {cpu[kind][size]:.1f} s)"
                )
            load[str(size)] = round(os.getloadavg()[0], 1)
            for project in projects.values():
                shutil.rmtree(project, ignore_errors=True)
    return {
        "method": BUILD_METHOD,
        "seconds": seconds,
        "load_average_1min": load,
        "ms_per_added_chapter": per_language(slopes(wall["en"]), slopes(wall["en+es"])),
        "cpu_ms_per_added_chapter": per_language(slopes(cpu["en"]), slopes(cpu["en+es"])),
    }


BUILD_METHOD = (
    "en: slope of the English-only synthetic sites; es: slope of the same sites with every chapter "
    "also in Spanish, less the English-only slope; en+es: the two-edition slope (fastest of "
    f"{CACHED_RUNS} cached builds each); the gate holds en and es in wall-clock time, the CPU time "
    "is reported beside it"
)


# --- main ---------------------------------------------------------------------------------------------


def site_editions(project: Project) -> list[str]:
    """The editions the build writes, English first: ``["en", "es"]``."""
    from .editions import editions

    return ["en", *(edition.lang for edition in editions(project))]


def edition_of(path: str, languages: list[str]) -> str:
    """The edition a page belongs to, from its path below the site (``es/kingpin/`` -> ``es``)."""
    return next((lang for lang in languages[1:] if path.startswith(f"{lang}/")), languages[0])


def edition_pages(pages: list[tuple[str, int, int]], languages: list[str]) -> dict[str, dict]:
    """Per edition: its home page, its heaviest chart page (``pages`` is :func:`chart_pages`, the
    heaviest first) and the charts on it, and its chart pages, as paths below the site."""
    out = {}
    for lang in languages:
        own = [page for page in pages if edition_of(page[0], languages) == lang]
        if not own:
            raise SystemExit(f"no page with a chart in the '{lang}' edition of the built site")
        out[lang] = {
            "home": "" if lang == languages[0] else f"{lang}/",
            "heaviest_chart_page": own[0][0],
            "charts_on_it": own[0][1],
            "chart_pages": [path for path, _, _ in own],
        }
    return out


def gate(result: dict) -> list[str]:
    """What missed its target, one line each, naming the edition (``en``, ``es``) and the page."""
    failures = []
    pages = result.get("pages", {})
    for lang, measured in result.get("lighthouse", {}).items():
        for page, forms in measured.items():
            path = pages.get(lang, {}).get(page)
            where = f"{lang} {page} ({path})" if path else f"{lang} {page}"
            for form, summary in forms.items():
                for category, minimum in TARGETS.items():
                    score = summary["scores"][category]
                    if score < minimum:
                        why = [a for a in summary["failing_audits"] if a.startswith(category + ":")]
                        failures.append(
                            f"{where} {form} {category} {score} < {minimum}" + (f" ({', '.join(why)})" if why else "")
                        )
    for lang, weight in result.get("weight", {}).items():
        heavy = weight.get("heaviest_chart_page", {})
        if heavy and heavy["first_view"]["kib_gzip"] > FIRST_VIEW_MAX_KIB:
            failures.append(
                f"{lang} heaviest chart page first view {heavy['first_view']['kib_gzip']} KiB > {FIRST_VIEW_MAX_KIB} KiB"
            )
        for path, kib in weight.get("first_view_kib", {}).items():
            if kib > FIRST_VIEW_MAX_KIB:
                failures.append(f"{lang} first view of {path} {kib} KiB > {FIRST_VIEW_MAX_KIB} KiB")
    build = result.get("build", {})
    if "error" in build:
        failures.append("a synthetic site failed to build (see build.error)")
    for lang in GATED_BUILD_LANGUAGES:
        for span, ms in build.get("ms_per_added_chapter", {}).get(lang, {}).items():
            if ms > MS_PER_CHAPTER_MAX:
                failures.append(f"{lang} build time {ms} ms per added chapter ({span}) > {MS_PER_CHAPTER_MAX} ms")
    return failures


# Each edition's cost of an added chapter is held to the target; "en+es" (both) is reported only.
GATED_BUILD_LANGUAGES = ("en", "es")


def run(args, project: Project) -> int:
    """``python -m build_scripts bench``."""
    result: dict = {"date": time.strftime("%Y-%m-%dT%H:%M:%S"), "lighthouse_version": LIGHTHOUSE}
    # Timings on a shared machine measure its load too: the load average at the start and the end.
    result["load_average"] = {"start": [round(x, 1) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site = args.site
        if site is None:
            from .site import build_site

            log("building the site")
            started = time.perf_counter()
            build_site(project, site_dir=Path(tmp) / "site")
            result["site_build_s"] = round(time.perf_counter() - started, 2)
            site = Path(tmp) / "site"
        languages = site_editions(project)
        chosen = edition_pages(chart_pages(site), languages)
        result["pages"] = {
            lang: {
                "home": f"/{p['home']}",
                "heaviest_chart_page": f"/{p['heaviest_chart_page']}",
                "charts_on_it": p["charts_on_it"],
            }
            for lang, p in chosen.items()
        }
        heavy_en = chosen[languages[0]]["heaviest_chart_page"]
        server = GzipServer(site)
        naive_server = None
        try:
            result["weight"] = {}
            for lang, p in chosen.items():
                log(f"page weight ({lang}): /{p['home']} and /{p['heaviest_chart_page']}")
                result["weight"][lang] = {
                    "home": page_weight(server, p["home"]),
                    "heaviest_chart_page": page_weight(server, p["heaviest_chart_page"]),
                }
                log(f"first view ({lang}) of the home page and every chart page ({len(p['chart_pages'])})")
                result["weight"][lang]["first_view_kib"] = first_views(server, [p["home"], *p["chart_pages"]])
            if not args.skip_naive:
                naive = naive_site(site, project, heavy_en, Path(tmp) / "naive")
                naive_server = GzipServer(naive)
                result["naive"] = {"page": f"/{heavy_en}", "weight": page_weight(naive_server, heavy_en)}
            if not args.skip_lighthouse:
                cli = lighthouse_cli(project)
                result["lighthouse"] = {}
                for lang, p in chosen.items():
                    result["lighthouse"][lang] = {}
                    for name in ("home", "heaviest_chart_page"):
                        result["lighthouse"][lang][name] = {}
                        for form in ("mobile", "desktop"):
                            log(f"lighthouse {lang} {form} /{p[name]} ({args.runs} runs)")
                            result["lighthouse"][lang][name][form] = lighthouse(
                                cli, f"{server.url}/{p[name]}", form, args.runs
                            )
                if naive_server:
                    log(f"lighthouse mobile, naive /{heavy_en} (1 run)")
                    result["naive"]["lighthouse_mobile"] = lighthouse(
                        cli, f"{naive_server.url}/{heavy_en}", "mobile", 1
                    )
        finally:
            server.close()
            if naive_server:
                naive_server.close()
    if not args.skip_build_times:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        log(f"build times for {sizes} synthetic chapters, English only and in both editions")
        try:
            result["build"] = build_times(project, sizes)
        except RuntimeError as error:  # keep what was measured; the gate fails on it
            result["build"] = {"error": str(error)[-2000:]}
    result["load_average"]["end"] = [round(x, 1) for x in os.getloadavg()]
    failures = gate(result)
    result["targets"] = {
        "lighthouse": TARGETS,
        "first_view_max_kib": FIRST_VIEW_MAX_KIB,
        "ms_per_added_chapter_max": MS_PER_CHAPTER_MAX,
        "ms_per_added_chapter_gated": list(GATED_BUILD_LANGUAGES),
    }
    result["gate"] = "pass" if not failures else "fail"
    result["failures"] = failures
    line = json.dumps(result, separators=(",", ":"), ensure_ascii=False)
    out = project.root / "bench-results"
    out.mkdir(exist_ok=True)
    (out / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(line + "\n", encoding="utf-8")
    print(line)
    for failure in failures:
        log(f"speed gate: {failure}")
    return 1 if failures else 0
