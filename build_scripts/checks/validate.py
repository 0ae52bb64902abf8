"""Checks on the essays that need the whole project (registry, charts). They run before any
rendering, so every problem is reported with its file and line, all at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..charts.model import Chart, unknown_chart_error
from ..errors import Problem, problem_at
from ..essays import SHORTCODES, Essay
from ..inputs import Inputs
from ..registry import Registry
from .drafts import chart_draft_problems, draft_problems
from .essay_links import link_problems

FRONT_MATTER_KEYS = ("title", "description")
UNSAFE_HTML = [
    (
        re.compile(r"<\s*script\b", re.I),
        "a <script> element",
        "remove it: essays may not run scripts; charts come from <!-- md:chart ID -->",
    ),
    (
        re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
        "an inline event handler (on…=)",
        "remove the attribute; behaviour belongs in assets/javascripts/",
    ),
    (re.compile(r"javascript\s*:", re.I), "a javascript: URL", "link to a page or an https:// address instead"),
    (re.compile(r"<\s*iframe\b", re.I), "an <iframe>", "remove it; embed nothing from other sites"),
    (
        re.compile(
            r"<\s*(?:img|script|link|source|video|audio)\b[^>]*\s(?:src|href|srcset)\s*=\s*[\"']?(?:https?:)?//", re.I
        ),
        "an image, script or style loaded from another host",
        "save the file under content/assets/ and link to it there, or link to the page instead of embedding it",
    ),
    (
        re.compile(r"!\[[^\]]*\]\(\s*(?:https?:)?//", re.I),
        "an image loaded from another host",
        "save the image under content/assets/ and use a relative path",
    ),
    (
        re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"']?)(?:https?:)?//", re.I),
        "a style loaded from another host",
        "remove it; styles belong in content/assets/stylesheets/ and may load nothing from other hosts",
    ),
    (
        re.compile(r"<\s*(?:object|embed|frame)\b", re.I),
        "an embedded object (<object>, <embed> or <frame>)",
        "remove it; embed nothing from other sites, link to the page instead",
    ),
]


def essay_problems(inputs: Inputs) -> Iterator[Problem]:
    """Every page's citations, shortcodes, front matter, raw HTML, links and drafts, page by
    page; then the charts' placeholders."""
    source_ids = [source.id for source in inputs.registry]
    for essay in inputs.essays:
        yield from citation_problems(essay, inputs.registry)
        yield from shortcode_problems(essay, inputs.charts, inputs.project.charts)
        yield from front_matter_problems(essay)
        yield from unsafe_html_problems(essay)
        yield from link_problems(essay.path, inputs.project.content, source_ids)
        yield from draft_problems(essay, publish=inputs.publish)
    for chart in inputs.charts.values():
        yield from chart_draft_problems(chart.folder, publish=inputs.publish)


def uncited_sources(inputs: Inputs) -> Iterator[Problem]:
    """A warning for each registry entry no page, chart or other entry cites."""
    registry = inputs.registry
    cited = {c.source_id for essay in inputs.essays for c in essay.citations if c.source_id in registry}
    for chart in inputs.charts.values():
        cited.update(chart.source_ids)
    cited.update({registry.get(s).via for s in cited if s in registry and registry.get(s).via})
    for source in registry:
        if source.id not in cited and source.via is None and source.status != "LINK-ONLY":
            yield Problem(
                f"source '{source.id}' is not cited anywhere",
                file=registry.path,
                line=source.line,
                fix="cite it, or keep it for the Sources page on purpose",
                severity="warning",
            )


def citation_problems(essay: Essay, registry: Registry) -> Iterator[Problem]:
    """Unknown and LINK-ONLY sources; footnote definitions written by hand."""
    by_hand = {label for label, _ in essay.definitions}  # reported once, as a definition below
    for citation in essay.citations:
        if citation.source_id not in registry:
            if citation.source_id not in by_hand:
                yield registry.unknown_id_error(citation.source_id, file=essay.path, line=citation.line)
        elif registry.get(citation.source_id).status == "LINK-ONLY":
            yield Problem(
                f"source '{citation.source_id}' is LINK-ONLY: only its title and date were seen, "
                "so it cannot support a claim",
                file=essay.path,
                line=citation.line,
                fix="cite a source that was read (see the dossier), or drop the claim",
            )
    for label, line in essay.definitions:
        fix = "delete it and cite with [^id] (an id from sources.yml); the build writes the note"
        yield Problem(f"footnote definition '[^{label}]:' written by hand", essay.path, line, fix=fix)


def shortcode_problems(essay: Essay, charts: dict[str, Chart], charts_dir: Path) -> Iterator[Problem]:
    """Unknown shortcodes; charts that do not exist, or are embedded twice on the page."""
    embedded: dict[str, int] = {}
    for shortcode in essay.shortcodes:
        at, name, chart_id = problem_at(essay.path, shortcode.line), shortcode.name, shortcode.argument
        if name not in SHORTCODES:
            fix = "use one of: " + ", ".join(f"<!-- md:{n} … -->" for n in SHORTCODES)
            yield at(f"unknown shortcode 'md:{name}'", fix=fix)
        elif name != "chart":
            continue
        elif not chart_id:
            yield at("md:chart needs a chart id", fix="write <!-- md:chart CHART-ID -->")
        elif chart_id in embedded:
            yield at(
                f"chart '{chart_id}' is embedded twice on this page (first on line {embedded[chart_id]}), "
                "so the page would repeat its ids",
                fix=f"embed each chart once per page; refer back to it with [the chart above](#chart-{chart_id})",
            )
        else:
            embedded[chart_id] = shortcode.line
            if chart_id not in charts:
                yield unknown_chart_error(chart_id, charts_dir, file=essay.path, line=shortcode.line)


def front_matter_problems(essay: Essay) -> Iterator[Problem]:
    if essay.front_matter.problem:
        yield essay.front_matter.problem
        return
    for key in FRONT_MATTER_KEYS:
        if not essay.meta.get(key):
            yield Problem(f"the front matter has no `{key}`", file=essay.path, line=2, fix=f"add `{key}: …`")


def unsafe_html_problems(essay: Essay) -> Iterator[Problem]:
    for number, line in essay.body:
        for pattern, what, fix in UNSAFE_HTML:
            if pattern.search(line):
                yield Problem(f"the essay contains {what}", file=essay.path, line=number, fix=fix)
                break
