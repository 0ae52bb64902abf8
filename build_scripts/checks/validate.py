"""Checks on the essays that need the whole project (registry, charts). They run before any
rendering, so every problem is reported with its file and line, all at once."""

from __future__ import annotations

import re
from pathlib import Path

from ..charts.model import Chart, unknown_chart_error
from ..errors import BuildError, ErrorCollector
from ..essays import SHORTCODES, Essay
from ..registry import Registry
from .drafts import chart_problems, essay_problems, publishing
from .essay_links import link_errors

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


def check_essays(essays: list[Essay], registry: Registry, charts: dict[str, Chart], charts_dir: Path) -> ErrorCollector:
    errors = ErrorCollector()
    cited: set[str] = set()
    publish = publishing()
    content_dir = essays[0].path.parent if essays else None
    for essay in essays:
        by_hand = {label for label, _ in essay.definitions}  # reported once, as a definition below
        for citation in essay.citations:
            if citation.source_id in by_hand and citation.source_id not in registry:
                continue
            if citation.source_id not in registry:
                errors.add(registry.unknown_id_error(citation.source_id, file=essay.path, line=citation.line))
                continue
            cited.add(citation.source_id)
            if registry.get(citation.source_id).status == "LINK-ONLY":
                errors.add(
                    BuildError(
                        f"source '{citation.source_id}' is LINK-ONLY: only its title and date were seen, "
                        "so it cannot support a claim",
                        file=essay.path,
                        line=citation.line,
                        fix="cite a source that was read (see the dossier), or drop the claim",
                    )
                )
        for label, line in essay.definitions:
            errors.add(
                BuildError(
                    f"footnote definition '[^{label}]:' written by hand",
                    file=essay.path,
                    line=line,
                    fix="delete it and cite with [^id] (an id from sources.yml); the build writes the note",
                )
            )
        embedded: dict[str, int] = {}
        for shortcode in essay.shortcodes:
            if shortcode.name == "chart" and shortcode.argument in embedded:
                errors.add(
                    BuildError(
                        f"chart '{shortcode.argument}' is embedded twice on this page (first on line "
                        f"{embedded[shortcode.argument]}), so the page would repeat its ids",
                        file=essay.path,
                        line=shortcode.line,
                        fix=f"embed each chart once per page; refer back to it with "
                        f"[the chart above](#chart-{shortcode.argument})",
                    )
                )
                continue
            if shortcode.name == "chart" and shortcode.argument:
                embedded[shortcode.argument] = shortcode.line
            if shortcode.name not in SHORTCODES:
                errors.add(
                    BuildError(
                        f"unknown shortcode 'md:{shortcode.name}'",
                        file=essay.path,
                        line=shortcode.line,
                        fix="use one of: " + ", ".join(f"<!-- md:{n} … -->" for n in SHORTCODES),
                    )
                )
            elif shortcode.name == "chart":
                if not shortcode.argument:
                    errors.add(
                        BuildError(
                            "md:chart needs a chart id",
                            file=essay.path,
                            line=shortcode.line,
                            fix="write <!-- md:chart CHART-ID -->",
                        )
                    )
                elif shortcode.argument not in charts:
                    errors.add(
                        unknown_chart_error(shortcode.argument, charts_dir, file=essay.path, line=shortcode.line)
                    )
        errors.extend(front_matter_errors(essay))
        errors.extend(unsafe_html_errors(essay))
        errors.extend(link_errors(essay.path, content_dir, [s.id for s in registry]))
        errors.merge(essay_problems(essay, publish=publish))
    for chart in charts.values():
        errors.merge(chart_problems(chart.folder, publish=publish))
    for chart in charts.values():
        cited.update(chart.source_ids)
    cited.update({registry.get(s).via for s in cited if s in registry and registry.get(s).via})
    for source in registry:
        if source.id not in cited and source.via is None and source.status != "LINK-ONLY":
            errors.warn(
                BuildError(
                    f"source '{source.id}' is not cited anywhere",
                    file=registry.path,
                    line=source.line,
                    fix="cite it, or keep it for the Sources page on purpose",
                )
            )
    return errors


def front_matter_errors(essay: Essay) -> list[BuildError]:
    if essay.front_matter.problem:
        return [essay.front_matter.problem]
    return [
        BuildError(f"the front matter has no `{key}`", file=essay.path, line=2, fix=f"add `{key}: …`")
        for key in FRONT_MATTER_KEYS
        if not essay.meta.get(key)
    ]


def unsafe_html_errors(essay: Essay) -> list[BuildError]:
    found = []
    for number, line in essay.body:
        for pattern, what, fix in UNSAFE_HTML:
            if pattern.search(line):
                found.append(BuildError(f"the essay contains {what}", file=essay.path, line=number, fix=fix))
                break
    return found
