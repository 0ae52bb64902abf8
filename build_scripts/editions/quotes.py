"""Quotations in a translation: a source in the edition's language is quoted in its own words.

In the Spanish edition, words a translated page puts in quotation marks before a footnote marker
whose sources are all in Spanish (a Mexican official, a Mexican paper) must be the source's own
words, as its evidence entry (``evidence/SLUG.yml``, ``quote:``) gives them: never our English
translation put back into Spanish. Words quoted from an English source are our translation (the
note shows the original words), and are not checked here. A pre-build check
(``build_scripts.prebuild.CHECKS``); the English pages' quotations are checked by
:mod:`build_scripts.evidence.checks`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem, display_path
from ..evidence.claims import claims_of, quote_found, quoted_parts
from ..evidence.model import evidence_file_for, read_evidence
from ..filecache import loaded_once
from ..inputs import Inputs
from . import editions


def translation_quote_problems(inputs: Inputs) -> Iterator[Problem]:
    registry = inputs.registry
    for edition in editions(inputs.project):
        for page in sorted(edition.folder.glob("*.md")):
            if not (inputs.project.content / page.name).is_file():
                continue  # reported by the parity check
            evidence = loaded_once(evidence_file_for(inputs.project.evidence, page.name), "evidence", read_evidence)
            for claim in claims_of(page):
                entries = [evidence.get(m.source_id, m.claim) if m.claim else None for m in claim.markers]
                if not entries or any(e is None or e.source_id not in registry for e in entries):
                    continue  # an older form, or a problem the English page's checks report
                sources = [registry.get(e.source_id) for e in entries]
                if any(source.language != edition.lang for source in sources):
                    continue  # our translation of another language's words
                texts = [e.quote for e in entries if e.quote]
                titles = [source.title for source in sources]
                names = "".join(f"[^{e.key}]" for e in entries)
                for quoted, pieces in quoted_parts(claim.text):
                    if not pieces or quote_found(pieces, texts) or quote_found(pieces, titles):
                        continue
                    where = ", ".join(f"{display_path(e.file)}:{e.line}" for e in entries)
                    yield Problem(
                        f'the words "{quoted}" are in quotation marks but are not the source\'s own words: '
                        f"the quote of {names} ({where}) does not have them",
                        file=page,
                        line=claim.line,
                        fix=f"a source in {edition.lang} is quoted in its own words: copy them from the entry's "
                        "`quote:` (not a translation of our English), or take away the quotation marks",
                    )
