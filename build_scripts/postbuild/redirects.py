"""Post-build step: a forwarding page at each old address listed in ``redirects.yml`` (``pages:``).

Static hosting (GitHub Pages) has no server redirects, so the old address gets an HTML page that
forwards at once: ``assets/javascripts/redirect.js`` keeps the ``#section`` of the old link; a
``<meta http-equiv="refresh">`` forwards without JavaScript; a canonical link tells search
engines where the page lives now; and a plain link is there for everyone else.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from ..errors import BuildError
from ..project import Project
from ..readers.links import load_redirects
from ..site_config import load_site_config

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Moved: {title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="1; url={relative}">
<script src="{script}" data-target="{relative}"></script>
</head>
<body>
<p>This page has moved: <a href="{relative}">{title}</a>.</p>
</body>
</html>
"""


def write_redirects(site: Path, project: Project) -> None:
    config = project.redirects
    if not config.is_file():
        return
    redirects = load_redirects(config)  # checked by the pre-build
    site_config = load_site_config(project.root)
    for redirect in redirects.pages:
        folder = site / redirect.old
        target_url = site_config.page_url(redirect.to)
        if (folder / "index.html").exists():
            raise BuildError(
                f"redirect from '{redirect.old}': the built site already has a page there",
                file=config,
                line=redirect.line,
                fix="remove the redirect or rename the page",
            )
        relative = posixpath.relpath("/" + target_url, "/" + redirect.old)
        relative = "./" if relative == "." else relative + ("/" if target_url.endswith("/") else "")
        script = posixpath.relpath("/assets/javascripts/redirect.js", "/" + redirect.old)
        title = _title(project.content / redirect.to)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(
            PAGE.format(
                title=html.escape(title),
                canonical=html.escape(site_config.url + target_url, quote=True),
                relative=html.escape(relative, quote=True),
                script=html.escape(script, quote=True),
            ),
            encoding="utf-8",
        )


def _title(path: Path) -> str:
    from ..readers.pages import front_matter

    return str(front_matter(path).get("title") or path.stem)
