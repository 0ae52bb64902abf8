"""The readers' part of the pre-build, run once every check has passed (``glossary.yml``,
``changes.yml`` and ``redirects.yml`` are checked with the rest, in ``build_scripts.prebuild``):
write ``content/generated/pages.json`` (and ``pages-<lang>.json`` for each language edition) and
the What's new feed (``content/generated/whats-new.xml``, and each edition's in
``.cache/editions/<lang>/generated/``, laid over the English one in the edition's pages)."""

from __future__ import annotations

from pathlib import Path

from ..citations import format_registry
from ..editions import editions
from ..editions.stage import edition_generated
from ..project import Project
from ..registry import Registry
from ..site_config import load_site_config
from .changes import FEED
from .pages import EditionView, front_matter, write_page_facts


def readers_step(project: Project, charts: dict, registry: Registry | None = None) -> None:
    """Run after the charts are generated."""
    facts = write_page_facts(project.root, project.generated, **_chart_words(charts, "en"))
    site = load_site_config(project.root)
    _write_feed(project, facts, project.generated / FEED, site_name=site.name, site_url=site.url)
    languages = ["en"]
    for edition in editions(project):
        view = EditionView(edition.lang, edition.site_name, site.url + edition.path, edition.folder)
        facts = write_page_facts(project.root, project.generated, edition=view, **_chart_words(charts, edition.lang))
        _write_feed(
            project,
            facts,
            edition_generated(project, edition.lang) / FEED,
            site_name=view.site_name,
            site_url=view.url,
            lang=view.lang,
        )
        languages.append(edition.lang)
    if registry is not None:  # every footnote's reference, in one pandoc run per language (citations.py)
        for lang in languages:
            format_registry(registry, lang)


def _chart_words(charts: dict, lang: str) -> dict:
    """Each chart's title and preview text in ``lang`` (chart.yml's language block, where it has one)."""

    def meta(chart) -> dict:
        block = chart.meta.get(lang) if lang != "en" else None
        return {**chart.meta, **{k: v for k, v in (block or {}).items() if k in ("title", "description")}}

    return {
        "chart_titles": {cid: meta(chart)["title"] for cid, chart in charts.items()},
        "chart_alts": {
            cid: f"{meta(chart)['title']}. {meta(chart)['description']}".strip() for cid, chart in charts.items()
        },
    }


def _write_feed(
    project: Project, facts_path: Path, target: Path, *, site_name: str, site_url: str, lang: str = "en"
) -> None:
    """The What's new log as an Atom feed, in the edition's language (when there is a log)."""
    import json

    from .changes import atom_feed, load_changes

    log = project.changes
    if not log.is_file() or not (project.content / "whats-new.md").is_file():
        target.unlink(missing_ok=True)
        return
    facts = json.loads(facts_path.read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        atom_feed(
            load_changes(log),
            facts["pages"],
            facts["charts"],
            site_name=site_name,
            site_url=site_url,
            page_url=site_url + load_site_config(project.root).page_url("whats-new.md"),
            lang=lang,
        ),
        encoding="utf-8",
    )


def chapter_files(project: Project) -> list[tuple[str, str, Path]]:
    """(file name, title, path) of the chapters, in navigation order."""
    from .pages import CHAPTER_SHORTCODES, shortcodes_in

    site = load_site_config(project.root)
    found = []
    for src in site.nav_files:
        path = project.content / src
        if path.is_file() and {name for name, _ in shortcodes_in(path)} <= CHAPTER_SHORTCODES:
            found.append((src, str(front_matter(path).get("title") or src), path))
    return found
