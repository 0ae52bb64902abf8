"""An edition's pages, laid out for the site generator: a folder that mirrors ``content/``.

Each page of ``content/`` is there under its own name: the translation from ``content-<lang>/``
where there is one (the parity check has passed), else the English page with the edition's
"not yet translated" notice above it and ``translation: pending`` in its front matter (the
theme marks its text as English). Every other file (assets, generated charts) is a hard link to
the English file, so the folder costs no copy, but for the edition's own: its charts and its
What's new feed, written by the pre-build in its language. Never a stale translation: there is no other
source of pages.
"""

from __future__ import annotations

import os
import shutil
from html import escape
from pathlib import Path

from ..essays import parse_front_matter
from ..project import Project
from ..textfile import read_text
from .edition import Edition

PENDING_KEY = "translation"
PENDING_VALUE = "pending"


def staged_docs(project: Project, edition: Edition) -> Path:
    return staged_docs_folder(project, edition.lang)


def staged_docs_folder(project: Project, lang: str) -> Path:
    """The folder an edition's pages are laid out in (its ``docs_dir``): the generated lists of
    its pages (questions, chapter links, the print page) read the edition's pages from it."""
    return project.cache / "editions" / lang / "docs"


def stage_pages(project: Project, edition: Edition) -> list[str]:
    """Write the edition's pages; return the pages shown in English (not yet translated)."""
    target = staged_docs(project, edition)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(project.content, target, copy_function=_link, ignore=_top_level_pages(project.content))
    _lay_charts_over(project, edition, target)
    _lay_generated_over(project, edition, target)
    pending = []
    for english in sorted(project.content.glob("*.md")):
        translation = edition.translation(english.name)
        if translation.is_file():
            text = read_text(translation)
        else:
            text = pending_page(read_text(english), edition)
            pending.append(english.name)
        (target / english.name).write_text(text, encoding="utf-8")
    return pending


def _lay_charts_over(project: Project, edition: Edition, target: Path) -> None:
    """The edition's chart files (figure, static images, CSV, from the pre-build) in place of the
    English ones, under the same names: every chart on the edition's pages is in its language,
    on a translated page and on a page still shown in English alike (docs/translating.md)."""
    from .charts import edition_charts

    staged = target / project.generated_charts.relative_to(project.content)
    made = edition_charts(project, edition.lang)
    for folder in sorted(made.iterdir()) if made.is_dir() else []:
        for file in sorted(folder.iterdir()):
            place = staged / folder.name / file.name
            place.unlink(missing_ok=True)  # a hard link to the English file: never write through it
            place.parent.mkdir(parents=True, exist_ok=True)
            _link(str(file), str(place))


def edition_generated(project: Project, lang: str) -> Path:
    """Where the pre-build writes the ``lang`` edition's own files of ``content/generated/`` (its
    What's new feed, ``whats-new.xml``, in its language): laid over the English files, under the
    same names, in the edition's pages (``es/generated/whats-new.xml``)."""
    return project.cache / "editions" / lang / "generated"


def _lay_generated_over(project: Project, edition: Edition, target: Path) -> None:
    """The edition's own generated files in place of the English ones, at the same addresses
    below the edition's folder."""
    made = edition_generated(project, edition.lang)
    staged = target / project.generated.relative_to(project.content)
    for file in sorted(made.iterdir()) if made.is_dir() else []:
        place = staged / file.name
        place.unlink(missing_ok=True)  # a hard link to the English file: never write through it
        place.parent.mkdir(parents=True, exist_ok=True)
        _link(str(file), str(place))


def pending_page(text: str, edition: Edition) -> str:
    """The English page under the edition's notice, flagged ``translation: pending``."""
    notice = (
        f'<div class="admonition info translation-pending" lang="{edition.lang}">\n'
        f"<p>{escape(edition.pending_notice)}</p>\n</div>\n\n"
    )
    end = parse_front_matter(text).end
    lines = text.splitlines(keepends=True)
    if not end:
        return f"---\n{PENDING_KEY}: {PENDING_VALUE}\n---\n\n{notice}{text}"
    head, body = lines[: end - 1], lines[end:]
    return "".join(head) + f"{PENDING_KEY}: {PENDING_VALUE}\n" + lines[end - 1] + "\n" + notice + "".join(body)


def _top_level_pages(content: Path):
    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n.endswith(".md")] if Path(folder) == content else []

    return ignore


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system: copy
        shutil.copy2(source, target)
