"""Links between essays: every ``[text](other.md#anchor)`` must reach a page and an anchor that exist.

Checked before rendering, so the message names the essay's file and line (MkDocs' own link
validation names neither the line nor the fix, and Zensical does not validate links at all).
An anchor is what the built page will have: an explicit ``{#anchor}`` (attr_list), the slug the
``toc`` extension gives a heading without one, an ``id="…"`` in raw HTML, the anchors a chart
figure carries (``chart-<id>``), and on the Sources page the ``source-<id>`` of every entry.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import Problem
from ..essays import OPEN, read_page

INLINE_LINK = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
REFERENCE_DEF = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
HTML_HREF = re.compile(r"""<a\b[^>]*\shref\s*=\s*["']([^"']*)["']""", re.I)
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
LINK_SCHEMES = ("http", "https", "mailto")  # and javascript:, refused with its own message (checks/validate.py)
GENERATED = "generated/"


def link_problems(path: Path, content_dir: Path, source_ids: list[str] | None = None) -> Iterator[Problem]:
    """Broken links to other pages or anchors in one essay, each with its line and a fix."""
    content_dir = content_dir.resolve()
    page = read_page(path)
    path = path.resolve()
    for number, line in page.body:
        scan = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        targets = [(m.group(2), bool(m.group(1))) for m in INLINE_LINK.finditer(scan)]
        definition = REFERENCE_DEF.match(scan)
        if definition:
            targets.append((definition.group(1), False))
        targets += [(m.group(1), False) for m in HTML_HREF.finditer(scan)]
        for target, is_image in targets:
            problem = _check(target, path, content_dir, tuple(source_ids or ()), is_image)
            if problem:
                message, fix = problem
                yield Problem(message, file=path, line=number, fix=fix)


def _check(
    target: str, page: Path, content_dir: Path, source_ids: tuple[str, ...], is_image: bool
) -> tuple[str, str] | None:
    if SCHEME.match(target) and target.split(":", 1)[0].lower() not in (*LINK_SCHEMES, "javascript"):
        return (
            f"the link '{target}' is not a web address",
            "link to a page of the site (its .md file) or to an https:// address",
        )
    if not target or SCHEME.match(target) or target.startswith("//"):
        return None
    path, _, fragment = target.partition("#")
    path = path.split("?", 1)[0]
    if path.startswith("/"):
        return (
            f"the link '{target}' is absolute (starts with /), so it breaks when the site is not at the "
            "root of its host",
            "link to the page's .md file with a relative path, e.g. [text](kingpin.md#in-brief)",
        )
    if path:
        folder = page.parent
        resolved = Path(posixpath.normpath(posixpath.join(folder.as_posix(), path)))
        try:
            relative = resolved.relative_to(content_dir).as_posix()
        except ValueError:
            return (
                f"the link '{target}' points outside content/",
                "link to a page of the site by its .md file, e.g. [text](kingpin.md)",
            )
        if relative.startswith(GENERATED):
            return None  # written by the pre-build (chart downloads), checked after the build
        if path.endswith("/") or (not resolved.suffix and not resolved.is_file()):
            guess = _closest_page(resolved.name or resolved.parent.name, content_dir)
            return (
                f"the link '{target}' points to a folder-style URL, which MkDocs cannot check",
                f"link to the Markdown file instead{f', e.g. [text]({guess})' if guess else ''}",
            )
        if not resolved.exists():
            if resolved.suffix == ".md":
                guess = _closest_page(resolved.name, content_dir)
                return (
                    f"the link '{target}' points to a page that does not exist ({relative})",
                    f"did you mean {guess}?"
                    if guess
                    else "link to an existing chapter's .md file (see the files in content/)",
                )
            what = "image" if is_image else "file"
            return (
                f"the link '{target}' points to a {what} that does not exist (content/{relative})",
                "save the file under content/assets/ and link to it with a relative path",
            )
        target_page = resolved
    else:
        target_page = page
    if fragment and target_page.suffix == ".md":
        anchors = read_page(target_page).anchors("all", source_ids=source_ids)
        if OPEN in anchors:
            return None  # other shortcodes write headings: the post-build link check covers this page
        if fragment not in anchors and not fragment.startswith(("fn:", "fnref:")):
            name = target_page.relative_to(content_dir).as_posix()
            close = difflib.get_close_matches(fragment, sorted(anchors), n=1, cutoff=0.5)
            listed = ", ".join(sorted(a for a in anchors if not a.startswith("source-"))[:12])
            hint = f"did you mean #{close[0]}?" if close else f"use one of its anchors: {listed}"
            return (
                f"the link '{target}' names the anchor '#{fragment}', which content/{name} does not have",
                hint + f" (or add {{#{fragment}}} to a heading in content/{name})",
            )
    return None


def _closest_page(name: str, content_dir: Path) -> str | None:
    pages = [
        p.relative_to(content_dir).as_posix()
        for p in content_dir.rglob("*.md")
        if GENERATED not in p.relative_to(content_dir).as_posix()
    ]
    stem = name[:-3] if name.endswith(".md") else name
    names = {Path(p).stem: p for p in pages}
    close = difflib.get_close_matches(stem, list(names), n=1, cutoff=0.5)
    return names[close[0]] if close else None
