"""Freshness: a translation records which English text it translates, so a change of wording is seen.

The parity check (:mod:`.parity`) sees a new section, paragraph, footnote, chart or number, but
not a reworded sentence. So each translation's front matter names the English text it was made
from, as the Git object id of ``content/SLUG.md`` at that time::

    ---
    title: ...
    translation_of: 6f1e0c2b4c…   # git hash-object content/SLUG.md
    ---

When the English page changes, its id changes: an ordinary build warns, and the publishing build
refuses the translation, with the ``git diff`` that shows what to bring into the Spanish. Once the
translation is in step, ``python -m build_scripts translated SLUG`` records the new id. The id is
computed here as Git computes it (SHA-1 of ``blob <size>\\0`` and the bytes), so no Git is needed
to build. A pre-build check (``build_scripts.prebuild.CHECKS``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import Problem, problem_at
from ..essays import parse_front_matter
from ..inputs import Inputs
from . import editions

KEY = "translation_of"
KEY_LINE = re.compile(rf"^{KEY}:.*$", re.M)


def git_blob_id(path: Path) -> str:
    """The id Git gives the file's content (``git hash-object PATH``)."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # noqa: S324 -- Git's object id, not security


def freshness_problems(inputs: Inputs) -> Iterator[Problem]:
    severity = "error" if inputs.publish else "warning"
    for edition in editions(inputs.project):
        for translation in sorted(edition.folder.glob("*.md")):
            english = inputs.project.content / translation.name
            if not english.is_file():
                continue  # reported by the parity check
            text = translation.read_text(encoding="utf-8")
            recorded = str(parse_front_matter(text, translation).data.get(KEY) or "")
            line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith(f"{KEY}:")), 1)
            at = problem_at(translation, line)
            current = git_blob_id(english)
            command = f"python -m build_scripts translated {translation.stem}"
            if not recorded:
                yield at(
                    f"the translation does not say which English text it translates ({KEY} is missing)",
                    fix=f"check it against content/{english.name}, then run `{command}`",
                    severity=severity,
                )
            elif recorded != current:
                yield at(
                    f"content/{english.name} has changed since this translation was made",
                    fix=f"see what changed with `git diff {recorded[:12]} {current[:12]}` (or `git log -p content/{english.name}`), "
                    f"bring the translation in step, then run `{command}`",
                    severity=severity,
                )


def mark_translated(translation: Path, english: Path) -> str:
    """Record in the translation's front matter the id of the English text it now translates."""
    text = translation.read_text(encoding="utf-8")
    front = parse_front_matter(text, translation)
    if not front.end:
        raise ValueError(f"{translation}: no front matter")
    value = f'{KEY}: "{git_blob_id(english)}"'
    lines = text.split("\n")
    head = "\n".join(lines[: front.end - 1])
    if KEY_LINE.search(head):
        head = KEY_LINE.sub(value, head)
    else:
        head = head + "\n" + value
    updated = head + "\n" + "\n".join(lines[front.end - 1 :])
    translation.write_text(updated, encoding="utf-8")
    return value


def run(args, project) -> int:
    """``python -m build_scripts translated SLUG [SLUG ...]``."""
    status = 0
    for edition in editions(project):
        for slug in args.slugs:
            name = slug if slug.endswith(".md") else f"{slug}.md"
            translation, english = edition.folder / name, project.content / name
            if not translation.is_file() or not english.is_file():
                print(f"{edition.folder.name}/{name}: no such translation (or no English page content/{name})")
                status = 1
                continue
            print(f"{edition.folder.name}/{name}: {mark_translated(translation, english)}")
    return status
