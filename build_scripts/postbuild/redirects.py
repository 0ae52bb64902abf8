"""Post-build step: a forwarding page at each old address listed in ``redirects.yml`` (``pages:``),
in every edition: ``OLD/`` forwards to the English page, ``es/OLD/`` to the Spanish one.

Static hosting (GitHub Pages) has no server redirects, so the old address gets an HTML page that
forwards at once: ``assets/javascripts/redirect.js`` keeps the ``#section`` of the old link (the
editions share their anchors, so the section is found in either); a ``<meta http-equiv="refresh">``
forwards without JavaScript; a canonical link tells search engines where the page lives now; and
a plain link, in the edition's language, is there for everyone else.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from ..project import Project
from ..readers.links import load_redirects
from ..site_config import load_site_config

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{heading}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="1; url={relative}">
<script src="{script}" data-target="{relative}"></script>
</head>
<body>
<p>{moved}<a href="{relative}"{title_lang}>{title}</a>.</p>
</body>
</html>
"""

#: The forwarding page's words, per edition language (``{title}``: the page's title in the edition).
WORDS = {
    "en": {"heading": "Moved: {title}", "moved": "This page has moved: "},
    "es": {"heading": "Nueva dirección: {title}", "moved": "Esta página cambió de dirección: "},
}


@dataclass(frozen=True)
class _Edition:
    lang: str
    path: str  # below the site's root: "" for English, "es/"
    pages: Path  # the folder of its pages: content/, content-es/ (a page not there is shown in English)


def write_redirects(site: Path, project: Project) -> None:
    config = project.redirects
    if not config.is_file():
        return
    redirects = load_redirects(config)  # checked by the pre-build
    if not redirects.pages:
        return
    site_config = load_site_config(project.root)
    for edition in _editions(project):
        words = WORDS.get(edition.lang)
        if words is None:
            raise BuildError(
                f"no words for the forwarding pages of the '{edition.lang}' edition",
                file=Path(__file__),
                fix=f"add '{edition.lang}' to WORDS in {__name__}",
            )
        for redirect in redirects.pages:
            old = edition.path + redirect.old
            folder = site / old
            if (folder / "index.html").exists():
                raise BuildError(
                    f"redirect from '{redirect.old}': the built site already has a page at {old}",
                    file=config,
                    line=redirect.line,
                    fix="remove the redirect or rename the page",
                )
            target_url = edition.path + site_config.page_url(redirect.to)
            relative = posixpath.relpath("/" + target_url, "/" + old)
            folder_url = target_url.endswith("/") or not target_url  # "" is the site's home page
            relative = "./" if relative == "." else relative + ("/" if folder_url else "")
            script = posixpath.relpath(f"/{edition.path}assets/javascripts/redirect.js", "/" + old)
            translated = edition.pages / redirect.to
            shown = translated if translated.is_file() else project.content / redirect.to
            title = _title(shown)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(
                PAGE.format(
                    lang=edition.lang,
                    heading=html.escape(words["heading"].format(title=title)),
                    moved=html.escape(words["moved"]),
                    title=html.escape(title),
                    title_lang="" if shown == translated else ' lang="en"',  # a page not yet translated
                    canonical=html.escape(site_config.url + target_url, quote=True),
                    relative=html.escape(relative, quote=True),
                    script=html.escape(script, quote=True),
                ),
                encoding="utf-8",
            )


def _editions(project: Project) -> list[_Edition]:
    """The English site, then each language edition (``content-<lang>/``)."""
    from ..editions import editions

    found = [_Edition("en", "", project.content)]
    found += [_Edition(edition.lang, edition.path, edition.folder) for edition in editions(project)]
    return found


def _title(path: Path) -> str:
    from ..readers.pages import front_matter

    return str(front_matter(path).get("title") or path.stem)
