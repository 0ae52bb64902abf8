"""Stable links: published URLs and anchors never stop working.

- ``tests/published-urls.txt`` lists every URL and anchor that has been published (one per line,
  relative to the site root: ``/kingpin/#the-numbers``). Lines are added, never removed; the
  tests fail if one no longer resolves.
- ``redirects.yml`` keeps old addresses alive: a renamed page's old path gets a redirect page
  (written by the post-build step ``build_scripts.postbuild.redirects``), a renamed heading's old
  anchor gets an invisible alias before the new heading (``build_scripts.markdown.pagefacts``).

Update the list after adding pages or headings::

    python -m build_scripts urls            # add what is new; never removes a line
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, problem_at, stop_if_any
from ..essays import OPEN, read_page
from ..inputs import Inputs
from ..project import Project
from ..schemas import schema_errors
from ..yamlio import line_of, load_yaml

PUBLISHED = Project(Path()).published_urls  # relative to the project folder


@dataclass(frozen=True)
class PageRedirect:
    old: str  # old path below the site root, "old-slug/"
    to: str  # the page now, "new-slug.md"
    line: int | None = None


@dataclass(frozen=True)
class AnchorAlias:
    page: str  # "kingpin.md"
    old: str
    to: str
    line: int | None = None


@dataclass
class Redirects:
    pages: list[PageRedirect] = field(default_factory=list)
    anchors: list[AnchorAlias] = field(default_factory=list)

    def target(self, old_path: str) -> str | None:
        old_path = old_path.strip("/") + "/"
        for redirect in self.pages:
            if redirect.old == old_path:
                return redirect.to
        return None

    def aliases(self, page: str) -> list[AnchorAlias]:
        return [a for a in self.anchors if a.page == page]


def load_redirects(path: Path) -> Redirects:
    """The redirects (none without the file). Stops on a file ``schemas/redirects.schema.json``
    refuses; :func:`redirect_problems` reports the rest."""
    if not path.is_file():
        return Redirects()
    data = load_yaml(path, what="the redirects file") or {}
    stop_if_any(schema_errors(data, "redirects", file=path, what="redirects.yml", line=1))
    redirects = Redirects()
    for entry in data.get("pages") or []:
        redirects.pages.append(PageRedirect(entry["from"].strip("/") + "/", entry["to"], line_of(entry)))
    for entry in data.get("anchors") or []:
        alias = AnchorAlias(entry["page"], entry["from"].lstrip("#"), entry["to"].lstrip("#"), line_of(entry))
        redirects.anchors.append(alias)
    return redirects


def redirects_problems(inputs: Inputs) -> Iterator[Problem]:
    """Every problem of ``redirects.yml`` (if there is one): its shape, then that the pages exist,
    that no page still lives at an old address, and that an alias's page has its new anchor and no
    longer the old one."""
    path, content_dir = inputs.project.redirects, inputs.project.content
    redirects = load_redirects(path)
    for redirect in redirects.pages:
        at, old, to = problem_at(path, redirect.line), redirect.old, redirect.to
        if not (content_dir / to).is_file():
            yield at(
                f"redirect from '{old}': no page '{to}' in {content_dir.name}/",
                fix="name the page's current file, e.g. kingpin.md",
            )
        if (content_dir / (old.rstrip("/") + ".md")).is_file() or (content_dir / old / "index.md").is_file():
            yield at(
                f"redirect from '{old}': a page still lives at that address",
                fix="remove the redirect, or rename the page first",
            )
    for alias in redirects.anchors:
        if not (content_dir / alias.page).is_file():
            yield Problem(
                f"anchor alias: no page '{alias.page}'", path, alias.line, fix="name the page's file, e.g. kingpin.md"
            )
            continue
        # The English page's anchors; a translation has the same ones (the parity check), so the
        # alias works in every edition.
        anchors = read_page(content_dir / alias.page).anchors("all")
        if alias.to not in anchors and OPEN not in anchors:  # OPEN: a shortcode writes headings of its own
            yield Problem(
                f"anchor alias '{alias.old}': page '{alias.page}' has no anchor '{alias.to}'",
                path,
                alias.line,
                fix="point `to:` at the heading's current {#anchor}",
            )
        elif alias.old in anchors:
            yield Problem(
                f"anchor alias '{alias.old}': page '{alias.page}' still has the anchor '{alias.old}'",
                path,
                alias.line,
                fix="remove the alias, or rename the heading's {#anchor} first",
            )


# ---- anchors a page has -------------------------------------------------------------------------
def page_anchors(
    content_dir: Path, src: str, *, glossary_ids: list[str] | None = None, redirects: Redirects | None = None
) -> set[str]:
    """The anchors the built page will have that authors and the build put there on purpose."""
    anchors = read_page(content_dir / src).anchors("permanent", glossary_ids=glossary_ids or ())
    if redirects:
        anchors.update(a.old for a in redirects.aliases(src))
    return anchors


def page_for_path(url_path: str, content_dir: Path, redirects: Redirects | None = None) -> str | None:
    """The page file (``kingpin.md``) a site path (``/kingpin/``) shows, following redirects."""
    stem = url_path.strip("/")
    candidates = [f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]
    for candidate in candidates:
        if (content_dir / candidate).is_file():
            return candidate
    if redirects:
        return redirects.target(stem)
    return None


def missing_published(root: Path, listing: Path) -> list[str]:
    """Published URLs (``listing``) that the site's sources no longer provide, each with the reason."""
    from ..site_config import load_site_config
    from .glossary import load_glossary

    site = load_site_config(root)
    content = root / site.docs_dir
    redirects = load_redirects(Project(root).redirects)
    glossary = Project(root).glossary
    glossary_ids = list(load_glossary(glossary).terms) if glossary.is_file() else []
    missing = []
    for url in read_published(listing):
        path, _, anchor = url.partition("#")
        page = page_for_path(path, content, redirects)
        if page is None:
            missing.append(f"{url}: no page at {path} and no redirect for it in redirects.yml")
        elif anchor and anchor not in page_anchors(content, page, glossary_ids=glossary_ids, redirects=redirects):
            missing.append(f"{url}: {page} has no {{#{anchor}}} (keep the anchor, or add an alias in redirects.yml)")
    return missing


def read_published(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def current_urls(root: Path) -> list[str]:
    """Every page URL and anchor the site has now, in navigation order."""
    from ..site_config import load_site_config
    from .glossary import load_glossary

    site = load_site_config(root)
    content = root / site.docs_dir
    glossary = Project(root).glossary
    glossary_ids = list(load_glossary(glossary).terms) if glossary.is_file() else []
    redirects = load_redirects(Project(root).redirects)
    pages = site.nav_files + sorted(p.name for p in content.glob("*.md") if p.name not in site.nav_files)
    urls = []
    for src in pages:
        if not (content / src).is_file():
            continue
        base = "/" + site.page_url(src)
        urls.append(base)
        anchors = page_anchors(content, src, glossary_ids=glossary_ids, redirects=redirects)
        ordered = _in_page_order(content / src, anchors)
        urls.extend(f"{base}#{anchor}" for anchor in ordered)
    return urls


def _in_page_order(path: Path, anchors: set[str]) -> list[str]:
    text = path.read_text(encoding="utf-8")

    def position(anchor: str) -> int:
        name = anchor[len("chart-") :] if anchor.startswith("chart-") else anchor
        match = re.search(rf"(?:#|md:chart\s+|id=[\"']){re.escape(name)}(?![\w-])", text)
        return match.start() if match else len(text)

    return sorted(anchors, key=lambda a: (position(a), a))


def update_published(root: Path, path: Path) -> list[str]:
    """Add the site's current URLs to the published list; never removes a line. Returns what was added."""
    existing = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    known = set(read_published(path))
    added = [url for url in current_urls(root) if url not in known]
    if added:
        text = existing.rstrip("\n") + "\n" + "\n".join(added) + "\n"
        path.write_text(text, encoding="utf-8")
    return added


HEADER = """\
# Published URLs and anchors of the site, relative to its root. Every line must keep working:
# tests/test_readers_links.py fails when a page or an anchor listed here disappears.
#
# - Add lines freely (python -m build_scripts urls adds what is new); never delete one.
# - Renamed a page? Keep its old address alive in redirects.yml (pages:).
# - Renamed a heading's anchor? Keep the old one as an alias in redirects.yml (anchors:).
"""


def run(args, project) -> int:
    """``python -m build_scripts urls``: add what is new to the published URLs list."""
    added = update_published(project.root, project.published_urls)
    for url in added:
        print(f"added {url}")
    print(f"{len(added)} new published URL{'s' if len(added) != 1 else ''} in {PUBLISHED}", file=sys.stderr)
    return 0
