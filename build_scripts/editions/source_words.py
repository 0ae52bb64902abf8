"""The words a note says about its source, in each edition's language: the registry's notes
(``note``, ``archived_note`` in ``sources.yml``) and the evidence's pinpoints (``pinpoint`` in
``evidence/SLUG.yml``).

A pre-build check (``build_scripts.prebuild.CHECKS``), like the charts' (:mod:`.charts`): with an
edition in ``content-<lang>/``, every such text needs its translation in the entry's ``<lang>:``
block, which the edition's notes, popovers, print page and Sources page show
(``docs/translating.md``). The quote is never in that block: a source's words stay as written.

- ``evidence-pinpoint-translation-missing``: a pinpoint without ``es: {pinpoint: …}`` stops the
  build; so does a Spanish pinpoint whose numbers are not the English one's (the same place in
  the same source: "5 de mayo de 2022" for "5 May 2022"), or one left over where the English has
  no pinpoint.
- ``registry-translation-missing``: a ``note`` or ``archived_note`` without its text under
  ``es:`` stops the build too; so does an ``original`` a note gives in words (a copy with no
  address of its own whose original is not in the registry: "The New York Times report of …"),
  and a stand-in ``title`` (our description of a work nobody saw the title of, "… (title not
  known)": :data:`build_scripts.registry.UNTITLED`). An ``outlet`` given with our own description
  ("The Daily Wire (reposted by am1.news)") takes ``es: {outlet}`` too, but it is not required:
  no rule tells such a description from an outlet's own name ("La Nación (Argentina)").
- ``registry-title-not-translatable``: a ``title`` under ``es:`` on an entry whose title is a
  real one stops the build: titles of works stay in their language.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import Problem, StopBuild
from ..evidence.model import evidence_file_for, read_evidence
from ..inputs import Inputs
from ..registry import Registry
from . import edition_folders
from .parity import number_difference, numbers

REGISTRY_KEYS = ("note", "archived_note")
EVIDENCE_KEYS = ("pinpoint",)


def edition_languages(project) -> list[str]:
    return [folder.name.removeprefix("content-") for folder in edition_folders(project)]


def source_words_problems(inputs: Inputs) -> Iterator[Problem]:
    languages = edition_languages(inputs.project)
    if not languages:
        return
    yield from evidence_words_problems(inputs, languages)
    yield from registry_words_problems(inputs.registry, languages)


def evidence_words_problems(inputs: Inputs, languages: list[str]) -> Iterator[Problem]:
    """Every pinpoint of the evidence files of the site's pages, in every edition's language."""
    seen: set[Path] = set()
    for essay in inputs.essays:
        content = inputs.project.content
        page = essay.path.relative_to(content) if essay.path.is_relative_to(content) else essay.path.name
        path = evidence_file_for(inputs.project.evidence, page)
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        try:
            evidence = read_evidence(path)
        except StopBuild:
            continue  # reported by the evidence checks (build_scripts.evidence.checks)
        for entry in evidence:
            for lang in languages:
                yield from _entry_problems(entry, lang)


def _entry_problems(entry, lang: str) -> Iterator[Problem]:
    block = entry.es if lang == "es" else {}
    for key in EVIDENCE_KEYS:
        english, translated = getattr(entry, key), block.get(key)
        if english and not translated:
            yield Problem(
                f"evidence '{entry.key}' has no {lang} text for its {key}: the {lang} edition's notes "
                f"would show “{english}” in English",
                file=entry.file,
                line=entry.line,
                fix=f'under the entry, add `{lang}: {{{key}: "…"}}` with the {_language(lang)} of its {key}: '
                "the same place and the same numbers, words quoted from the source and the names of tables "
                "and series as published (docs/translating.md)",
            )
        elif translated and not english:
            yield Problem(
                f"evidence '{entry.key}' has a {lang} {key} but no English one",
                file=entry.file,
                line=entry.line,
                fix=f"add the English `{key}:` the {lang} text translates, or delete `{key}` from its `{lang}:` block",
            )
        elif translated and numbers(english) != numbers(translated):
            yield Problem(
                f"evidence '{entry.key}': the numbers of its {lang} {key} differ from the English: "
                + number_difference(numbers(english), numbers(translated)),
                file=entry.file,
                line=entry.line,
                fix=f"write every number of `{key}:` in `{lang}: {{{key}}}` with the same digits "
                "(dates written out: '5 de mayo de 2022' for '5 May 2022'; '334.0 mil millones' for "
                "'334.0 billion'), and no other",
            )


def registry_words_problems(registry: Registry, languages: list[str]) -> Iterator[Problem]:
    """Every note of the registry in every edition's language."""
    for source in registry:
        for lang in languages:
            block = source.es if lang == "es" else {}
            shown = [key for key in REGISTRY_KEYS if getattr(source, key)]
            shown += ["original"] if registry.original_in_words(source) else []
            shown += ["title"] if source.standin_title else []
            if "title" in block and not source.standin_title:
                yield Problem(
                    f"source '{source.id}' has a {lang} title, but its title “{source.title}” is the work's "
                    "own: titles of works stay in their language",
                    file=registry.path,
                    line=source.line,
                    fix=f"delete `title` from its `{lang}:` block (only a stand-in title, one ending "
                    "'(title not known)' or '(untitled)', is our own words and takes a translation)",
                )
            missing = [key for key in shown if key not in block]
            if not missing:
                continue
            keys = " and ".join(f"`{key}`" for key in missing)
            wanted = ", ".join(f"{key}: …" for key in missing)
            where = (
                f"to its `{lang}:` block add `{wanted}`" if block else f"under the entry, add `{lang}: {{{wanted}}}`"
            )
            yield Problem(
                f"source '{source.id}' has no {lang} text for its {' and '.join(missing)}: the {lang} "
                "edition would show it in English",
                file=registry.path,
                line=source.line,
                fix=f"{where} with the {_language(lang)} of its {keys} ("
                + (
                    "the stand-in title is our description of the work: translate it, in square brackets "
                    "on the page, and end it with '(título desconocido)' or '(sin título)'; "
                    if "title" in missing
                    else ""
                )
                + "real titles of works, outlets' names and words quoted stay as written; see docs/translating.md)",
            )


def _language(lang: str) -> str:
    return {"es": "Spanish"}.get(lang, f"'{lang}' text")
