"""Post-build step: one stylesheet and one script for the site's own assets.

The site's stylesheets (``extra_css`` in mkdocs.yml, then ``assets/stylesheets/print.css`` as an
``@media print`` block) and scripts (``extra_javascript``) are joined, in the order mkdocs.yml
lists them, into ``assets/stylesheets/site.HASH.css`` and ``assets/javascripts/site.HASH.js``
(already minified by the step before), and every page's tags for them are replaced by one tag
each, where the first of them stood. One compressed file instead of seven costs a reader less
(gzip starts afresh for each file), which keeps every page's first view within its budget
(docs/checks.md). The sources stay separate files in ``content/assets/`` for maintainers; each
script is its own function, and reads ``document.currentScript``, which is then the bundle.

A page that does not carry every one of the tags (a redirect page) is left as it is. A language
edition's pages (``site/es/``) load their assets from the edition's own ``assets/`` folder, so the
bundle is also written wherever a page's tags point (:func:`_place`).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..project import Project
from ..site_config import load_site_config
from .links import site_path

PRINT_CSS = "assets/stylesheets/print.css"


def _tag_pattern(tag: str, paths: list[str]) -> re.Pattern:
    names = "|".join(re.escape(p) for p in paths)
    if tag == "link":
        return re.compile(rf'<link\b[^>]*\bhref="(?P<prefix>[^"]*?)(?P<path>{names})"[^>]*>\n?')
    return re.compile(rf'<script\b[^>]*\bsrc="(?P<prefix>[^"]*?)(?P<path>{names})"[^>]*>\s*</script>\n?')


def _write_bundle(site: Path, folder: str, suffix: str, text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    path = f"{folder}/site.{digest}.{suffix}"
    (site / path).write_text(text, encoding="utf-8")
    return path


def _place(site: Path, page: Path, prefix: str, bundle: str, site_root: str) -> None:
    """Copy the bundle to where ``page``'s tag points, if it is not there (an edition's assets)."""
    if prefix.startswith("/"):
        if not prefix.startswith(site_root):
            return
        target = site / prefix[len(site_root) :] / bundle
    elif "://" in prefix:
        return
    else:
        target = page.parent / prefix / bundle
    target = target.resolve()
    if not target.is_file() and target.is_relative_to(site.resolve()):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((site / bundle).read_bytes())


def _css(site: Path, paths: list[str]) -> str:
    parts = [(site / p).read_text(encoding="utf-8") for p in paths if p != PRINT_CSS]
    if PRINT_CSS in paths:
        parts.append("@media print{" + (site / PRINT_CSS).read_text(encoding="utf-8") + "}")
    return "\n".join(parts) + "\n"


def _js(site: Path, paths: list[str]) -> str:
    return "\n".join((site / p).read_text(encoding="utf-8").rstrip().rstrip(";") + ";" for p in paths) + "\n"


def bundle_assets(site: Path, project: Project) -> None:
    config = load_site_config(project.root)
    groups = []
    css = [p for p in config.extra_css if (site / p).is_file()]
    if (site / PRINT_CSS).is_file():
        css.append(PRINT_CSS)
    js = [p for p in config.extra_javascript if (site / p).is_file()]
    if len(css) > 1:
        bundle = _write_bundle(site, "assets/stylesheets", "css", _css(site, css))
        groups.append(
            (
                _tag_pattern("link", css),
                css,
                bundle,
                lambda prefix, b=bundle: f'<link rel="stylesheet" href="{prefix}{b}">\n',
            )
        )
    if len(js) > 1:
        bundle = _write_bundle(site, "assets/javascripts", "js", _js(site, js))
        groups.append(
            (_tag_pattern("script", js), js, bundle, lambda prefix, b=bundle: f'<script src="{prefix}{b}"></script>\n')
        )
    if not groups:
        return
    site_root = site_path(project)[1]
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        changed = html
        for pattern, paths, bundle, tag in groups:
            found = list(pattern.finditer(changed))
            if sorted(m.group("path") for m in found) != sorted(paths):
                continue  # not a page that loads all of them: leave it alone
            first = found[0]
            _place(site, page, first.group("prefix"), bundle, site_root)
            pieces, last = [], 0
            for match in found:
                pieces.append(changed[last : match.start()])
                if match is first:
                    pieces.append(tag(first.group("prefix")))
                last = match.end()
            pieces.append(changed[last:])
            changed = "".join(pieces)
        if changed != html:
            page.write_text(changed, encoding="utf-8")
