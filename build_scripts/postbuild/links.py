"""Post-build step: every internal link, image, script and style of the built site resolves.

Runs over the HTML the site generator wrote (MkDocs or Zensical alike), so it also catches what
the essay checks cannot see: links written by templates in ``overrides/``, generated pages,
chart downloads. For each ``href``/``src``/``srcset`` that stays on the site it checks that the
file exists and, for ``#fragment``, that the target page has an element with that id.

External links (``https://…`` elsewhere) are not fetched here; maintainers check the sources'
URLs with ``python -m build_scripts check-links`` when online.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import BuildError, BuildErrors
from ..project import Project
from ..site_config import load_site_config

ARTICLE_START = re.compile(r"<article\b", re.I)
ARTICLE_END = re.compile(r"</article\s*>", re.I)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
# Only the start tags that carry a URL: the regex engine skips the rest (most of a page's tags).
URL_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*?\s(?:href|src|srcset)\s*=[^>]*)>", re.I)
URL_ATTR = re.compile(r"""\s(href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
ID_ATTR = re.compile(r"""\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "data", "blob", "ftp", "sms")


def check_internal_links(site: Path, project: Project) -> None:
    errors = broken_links(site, site_path(project))
    if errors:
        raise BuildErrors(errors)


def site_path(project: Project) -> tuple[str, str]:
    """(site_url without trailing slash, its path) from mkdocs.yml (``!ENV`` as MkDocs reads it)."""
    if not project.mkdocs_yml.is_file():
        return "", "/"
    url = load_site_config(project.root).url.strip()
    url = "" if url == "/" else url
    path = urlsplit(url).path or "/"
    return url.rstrip("/"), path if path.endswith("/") else path + "/"


def broken_links(site: Path, base: tuple[str, str] = ("", "/")) -> list[BuildError]:
    site_url, site_root = base
    site = site.resolve()
    _FILES.clear()
    pages = sorted(site.rglob("*.html"))
    ids = _IdIndex(site)
    errors: list[BuildError] = []
    resolved: dict[tuple[str, str], str | None] = {}
    for page in pages:
        relative = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        ids.remember(relative, html)
        scan = SCRIPT_OR_STYLE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), html)
        page_dir = posixpath.dirname(relative)
        seen_on_page: set[str] = set()
        articles = _articles(scan)
        for tag in URL_TAG.finditer(scan):
            name = tag.group(1).lower()
            for attr in URL_ATTR.finditer(tag.group(2)):
                kind = attr.group(1).lower()
                value = attr.group(2) if attr.group(2) is not None else attr.group(3)
                urls = [u.strip().split()[0] for u in value.split(",") if u.strip()] if kind == "srcset" else [value]
                for url in urls:
                    if url in seen_on_page:
                        continue
                    key = (page_dir, url)
                    if key not in resolved:
                        resolved[key] = _problem(url, relative, site, site_url, site_root, ids, name)
                    problem = resolved[key]
                    if problem:
                        seen_on_page.add(url)
                        line = html.count("\n", 0, tag.start()) + 1
                        in_text = any(start <= tag.start() < end for start, end in articles)
                        errors.append(
                            BuildError(
                                f"broken internal link '{url}': {problem}",
                                file=f"site/{relative}",
                                line=line,
                                fix=_fix(relative) if in_text else _template_fix(),
                            )
                        )
    return errors


def _articles(html: str) -> list[tuple[int, int]]:
    """(start, end) of each <article>: a link there is in the page's text, elsewhere a template's."""
    spans, position = [], 0
    while start := ARTICLE_START.search(html, position):
        end = ARTICLE_END.search(html, start.end())
        stop = end.end() if end else len(html)
        spans.append((start.start(), stop))
        position = stop
    return spans


def _problem(url: str, page: str, site: Path, site_url: str, site_root: str, ids: _IdIndex, tag: str) -> str | None:
    url = url.strip()
    if not url or url.startswith("#") and len(url) == 1:
        return None
    if site_url and (url == site_url or url.startswith(site_url + "/")):
        url = site_root + url[len(site_url) + 1 :]  # an absolute link to this site (canonical, sitemap)
    if ":" in url or url.startswith("//"):
        parts = urlsplit(url)
        if parts.scheme:
            if parts.scheme.lower() in EXTERNAL_SCHEMES:
                return None
            return f"the scheme '{parts.scheme}:' is not a web link"
        if parts.netloc:  # //host/...: another host, not ours to check here
            return None
        path, fragment = unquote(parts.path), parts.fragment
    else:  # the common case (every nav link): a relative or root-relative path, split by hand
        before_fragment, _, fragment = url.partition("#")
        path = unquote(before_fragment.partition("?")[0])
    if path.startswith("/"):
        if not path.startswith(site_root):
            return f"it points outside the site's root {site_root}"
        target = path[len(site_root) :]
    elif path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if path.endswith("/"):
            target += "/"
    else:
        target = page
    if target.startswith(".."):
        return "it points above the site's root"
    if target in (".", "./"):
        target = ""
    file = _existing_file(site, target)
    if file is None:
        shown = target + "index.html" if target.endswith("/") or not target else target
        return f"no file {shown} in the built site"
    if fragment and file.endswith(".html"):
        fragment = unquote(fragment)
        if fragment not in ids.of(file):
            return f"{file} has no element with id '{fragment}'"
    return None


_FILES: dict[tuple[Path, str], str | None] = {}


def _existing_file(site: Path, target: str) -> str | None:
    """The file a link's path resolves to (cached: every page links to every page through the nav)."""
    key = (site, target)
    if key not in _FILES:
        _FILES[key] = _find_file(site, target)
    return _FILES[key]


def _find_file(site: Path, target: str) -> str | None:
    candidate = site / target if target else site
    if target.endswith("/") or candidate.is_dir():
        index = candidate / "index.html"
        return index.relative_to(site).as_posix() if index.is_file() else None
    return candidate.relative_to(site).as_posix() if candidate.is_file() else None


def _fix(page: str) -> str:
    source = _source_of(page)
    where = f"in {source}" if source else f"in the template that writes {page} (overrides/)"
    return (
        f"correct the link {where}: link to an existing page (its .md file in content/) "
        "and to an anchor that page defines ({#anchor} on a heading)"
    )


def _template_fix() -> str:
    return (
        "the link is outside the page's text, so a template writes it: correct it in overrides/ "
        "(main.html or a partial) or in mkdocs.yml; it must point to a page this site builds"
    )


def _source_of(page: str) -> str | None:
    if page == "index.html":
        return "content/index.md"
    if page.endswith("/index.html"):
        return f"content/{page[: -len('/index.html')]}.md"
    return None


class _IdIndex:
    def __init__(self, site: Path):
        self.site = site
        self.ids: dict[str, set[str]] = {}

    def remember(self, page: str, html: str) -> None:
        if page not in self.ids:
            self.ids[page] = {a or b for a, b in ID_ATTR.findall(html)}

    def of(self, page: str) -> set[str]:
        if page not in self.ids:
            self.remember(page, (self.site / page).read_text(encoding="utf-8"))
        return self.ids[page]
