"""``[^SOURCE-ID:CLAIM-KEY]`` footnotes whose text the build writes from the source registry
and the page's evidence file (docs/evidence.md).

An essay writes ``[^porter-wapo-2024:cjng-fentanyl]``; ``evidence/SLUG.yml`` gives that claim's
quote (or pinpoint). One note per SOURCE-ID:CLAIM-KEY per page: the formatted reference, then the
source's words. The older forms ``[^fettweis-2024]`` and ``[^gao-21-322, Highlights page]`` still
build, with no evidence. This preprocessor appends the footnote definitions before
Python-Markdown's ``footnotes`` extension reads them, so authors never type a citation and the
numbered notes, back-links and Material's footnote tooltips all work as usual.

Configuration: ``project``, the project's root folder (see :class:`._shared.ProjectExtension`);
the registry and the evidence files are found from it. ``language``: the edition's language, in which
the references are formatted (CSL locale, ``citations.LOCALES``) and our words around them written.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..citations import footnote_html
from ..errors import BuildError
from ..essays import CITATION, DEFINITION, fences
from ..evidence.checks import marker_error, missing_entry_error
from ..evidence.model import EvidenceFile, evidence_file_for, read_evidence
from ..evidence.render import evidence_html
from ..filecache import loaded_once
from ..project import Project
from ._shared import ProjectExtension, registry_at


class CitationPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, project: Project, language: str = "en"):
        super().__init__(md)
        self.registry_path = project.sources
        self.evidence_dir = project.evidence
        self.language = language

    def page_evidence(self) -> EvidenceFile:
        from .pagefacts import current_page

        src = current_page(self.md).src
        if not src:
            return EvidenceFile(self.evidence_dir / "(no page)", {}, exists=False)
        return loaded_once(evidence_file_for(self.evidence_dir, src), "evidence", read_evidence)

    def run(self, lines: list[str]) -> list[str]:
        registry = registry_at(self.registry_path)
        self._refuse_handwritten_definitions(lines)
        evidence = self.page_evidence()
        labels: dict[tuple[str, str | None, str | None], str] = {}
        out = []
        for number, (line, in_code) in enumerate(fences(lines), start=1):
            if in_code:
                out.append(line)
                continue
            out.append(CITATION.sub(lambda m, number=number: self._label(m, labels, registry, evidence, number), line))
        if labels:
            out.append("")
            for (source_id, claim, pinpoint), label in labels.items():
                source = registry.get(source_id)
                entry = evidence.get(source_id, claim) if claim else None
                excerpt = evidence_html(source, registry, entry, self.language) if entry else ""
                text = footnote_html(source, registry, pinpoint, evidence=excerpt, lang=self.language)
                out.append(f"[^{label}]: {self.md.htmlStash.store(text)}")
        return out

    @staticmethod
    def _refuse_handwritten_definitions(lines: list[str]) -> None:
        for number, (line, in_code) in enumerate(fences(lines), start=1):
            definition = None if in_code else DEFINITION.match(line)
            if definition:
                raise BuildError(
                    f"a footnote definition '[^{definition.group(1)}]:' is written by hand (Markdown line {number})",
                    fix="delete it and cite with [^id] using an id from sources.yml; the build writes the note",
                )

    @staticmethod
    def _label(match: re.Match, labels: dict, registry, evidence: EvidenceFile, number: int) -> str:
        source_id, claim, pinpoint = match["id"], match["claim"], match["pinpoint"]
        pinpoint = pinpoint.strip() if pinpoint else None
        if source_id not in registry:
            raise registry.unknown_id_error(source_id, file="(this page)", line=number)
        if claim is not None:  # [^id:claim-key]: one note per claim, labelled by it
            where = {"file": "(this page)", "line": number, "evidence_path": evidence.path}
            problem = marker_error(source_id, claim, pinpoint, **where)
            if problem is None and evidence.get(source_id, claim) is None:
                problem = missing_entry_error(source_id, claim, **where)
            if problem is not None:
                raise problem
            labels.setdefault((source_id, claim, None), f"{source_id}:{claim}")
            return f"[^{labels[(source_id, claim, None)]}]"
        key = (source_id, None, pinpoint)
        if key not in labels:
            same = sum(1 for (sid, c, _) in labels if sid == source_id and c is None)
            labels[key] = source_id if same == 0 and pinpoint is None else f"{source_id}--{same + 1}"
        return f"[^{labels[key]}]"


class AdjacentNotesTreeprocessor(Treeprocessor):
    """Mark a footnote marker that directly follows another ([^a][^b]), so CSS can put a comma
    between them (1,2 rather than 12) without touching markers that have text between them."""

    def run(self, root):
        for notes in root.iter("div"):
            if notes.get("class") == "footnote":
                # The formatted citations are searchable on the Sources page; here they would
                # only bloat the search index that every page loads.
                notes.set("data-search-exclude", "")
        for parent in root.iter():
            previous = None
            for child in parent:
                if (
                    _is_note_marker(child)
                    and previous is not None
                    and _is_note_marker(previous)
                    and not (previous.tail or "").strip()
                ):
                    child.set("class", (child.get("class", "") + " fn-adjacent").strip())
                previous = child
        return root


def _is_note_marker(element) -> bool:
    return element.tag == "sup" and (element.get("id") or "").startswith("fnref")


class CitationsExtension(ProjectExtension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 -- Python-Markdown's API
        md.preprocessors.register(CitationPreprocessor(md, self.project, self.language), "registry_citations", 25)
        # After inline patterns (20) have turned [^id] into <sup> markers.
        md.treeprocessors.register(AdjacentNotesTreeprocessor(md), "adjacent_notes", 17)


def makeExtension(**kwargs) -> CitationsExtension:  # noqa: N802 -- Python-Markdown's API
    return CitationsExtension(**kwargs)
