"""The pre-build step: validate everything, then write ``content/generated/`` for the site generator.

Run by ``make build`` and ``make serve`` before MkDocs or Zensical. It writes, per chart:
the figure JSON (trace data plus a layout per theme variant), the CSV download, and the static
SVG/PNG renders (from the cache when the chart is unchanged).
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .charts.figures import engine_fingerprint, figure_payload, figure_variants, payload_script
from .charts.html import generated_files
from .charts.language import translated_columns, translation_column
from .charts.model import Chart
from .charts.static import export_missing, render_files
from .checks.drafts import publishing
from .checks.validate import essay_problems, uncited_sources
from .editions import editions
from .editions.charts import chart_words_problems, edition_charts
from .editions.freshness import freshness_problems
from .editions.parity import translation_problems
from .editions.quotes import translation_quote_problems
from .editions.source_words import source_words_problems
from .errors import Problem, Problems
from .evidence.checks import evidence_problems, page_tiers, tier_summary
from .inputs import Inputs, load_inputs
from .project import Project
from .readers.changes import changes_problems
from .readers.glossary import glossary_problems
from .readers.links import redirects_problems
from .readers.prebuild import readers_step

# Every check of the pre-build: each reads the inputs and yields its problems (errors and
# warnings), or stops with them; all are run, and the build stops once, listing every error.
CHECKS: tuple[Callable[[Inputs], Iterator[Problem]], ...] = (
    essay_problems,  # citations, shortcodes, front matter, raw HTML, links, drafts (checks/)
    uncited_sources,
    evidence_problems,  # every footnote's evidence, quoted words and numbers (evidence/)
    glossary_problems,  # glossary.yml, changes.yml, redirects.yml (readers/)
    changes_problems,
    redirects_problems,
    translation_problems,  # each translated page has the English page's sections and footnotes (editions/)
    chart_words_problems,  # every chart has every word in each edition's language (editions/charts.py)
    translation_quote_problems,  # a source in the edition's language is quoted in its own words (editions/)
    source_words_problems,  # every pinpoint and registry note in each edition's language (editions/)
    freshness_problems,  # each translation names the English text it translates (editions/)
)


@dataclass
class PrebuildReport:
    charts: list[str] = field(default_factory=list)
    rendered: int = 0
    warnings: list[Problem] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # per chapter: claims per source tier
    seconds: float = 0.0
    untranslated: dict[str, list[str]] = field(default_factory=dict)  # per language edition: pages shown in English


def run_checks(inputs: Inputs) -> Problems:
    found = Problems()
    for check in CHECKS:
        found.collect(check(inputs))
    return found


def prebuild(project: Project, *, render_static: bool = True) -> PrebuildReport:
    started = time.perf_counter()
    inputs = load_inputs(project, publish=publishing())
    found = run_checks(inputs)
    found.raise_if_any()
    report = PrebuildReport(
        charts=sorted(inputs.charts), warnings=found.warnings, evidence=tier_summary(page_tiers(inputs))
    )
    report.rendered = generate_charts(project, inputs.charts, render_static=render_static)
    readers_step(project, inputs.charts, inputs.registry)  # page records, the What's new feed, the references
    report.seconds = time.perf_counter() - started
    return report


def run(args, project: Project) -> int:
    """``python -m build_scripts prebuild``."""
    print_report("prebuild", prebuild(project))
    return 0


def print_report(command: str, report: PrebuildReport) -> None:
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if report.evidence:
        print("Notes (one per claim) per source tier:")
        for line in report.evidence:
            print(f"  {line}")
    for lang, pages in report.untranslated.items():
        if pages:
            print(f"Edition '{lang}': {len(pages)} pages not yet translated (shown in English): {', '.join(pages)}")
        else:
            print(f"Edition '{lang}': every page translated")
    print(
        f"{command}: {len(report.charts)} charts ({report.rendered} static renders made), "
        f"{report.seconds:.1f} s for the pre-build"
    )


def generate_charts(project: Project, charts: dict[str, Chart], *, render_static: bool = True) -> int:
    """Every chart's files for the English site (``content/generated/charts/``) and for each
    language edition (``.cache/editions/<lang>/charts/``, laid over the English files in the
    edition's pages), with every missing static render made in one batch."""
    fingerprint = engine_fingerprint(project.cache / "charts")
    languages = [edition.lang for edition in editions(project)]
    jobs, outputs = [], {lang: [] for lang in ["en", *languages]}
    for chart in charts.values():
        for lang in outputs:
            shown = chart.in_language(lang)
            variants = figure_variants(shown)
            payload = figure_payload(shown, variants)
            suffix = "" if lang == "en" else f"-{lang}"  # English renders keep their cache folders
            cache = project.cache / "charts" / f"{chart.id}{suffix}-{chart.content_hash(fingerprint)}"
            files = render_files(variants)
            sizes = {
                f"{name}.svg": (360, chart.narrow_height) if name.endswith("narrow") else (720, chart.height)
                for name in variants
            }
            sizes["chart.png"] = (720, chart.height)
            jobs.append((cache, files, sizes))
            outputs[lang].append((shown, payload, cache))
    rendered = export_missing(jobs) if render_static else 0
    for lang, made in outputs.items():
        target = project.generated_charts if lang == "en" else edition_charts(project, lang)
        _write_generated(project, made, render_static, target)
    return rendered


def csv_download(chart: Chart) -> bytes:
    """The CSV a reader downloads: data.csv as it is; for a language edition, its header is the
    columns' labels in that language, after a UTF-8 byte-order mark (a spreadsheet program then
    reads "Año" as written), and its rows are the same bytes. A chart with translated columns
    (``event`` and ``event_es``) gives each edition its own text in the column and leaves the
    other languages' columns out; every other cell is written as data.csv writes it."""
    raw = (chart.folder / "data.csv").read_bytes()
    translated = translated_columns(chart.meta)
    if chart.lang == "en" and not translated:
        return raw
    text = raw.decode("utf-8-sig")
    line_end = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    if chart.lang == "en":
        header = list(chart.data.columns)
    else:
        header = [chart.meta["columns"][name]["label"] for name in chart.data.columns]
    if not translated:
        _, newline, rows = text.partition("\n")
        return ("\ufeff" + _csv_line(header) + (line_end + rows if newline else "")).encode("utf-8")
    records = list(csv.reader(io.StringIO(text)))
    names = records[0]
    keep = [names.index(name) for name in chart.data.columns]
    source = {
        names.index(name): names.index(translation_column(name, chart.lang))
        for name in translated
        if chart.lang != "en" and translation_column(name, chart.lang) in names
    }
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=line_end)
    writer.writerow(header)
    for record in records[1:]:
        if any(cell.strip() for cell in record):
            writer.writerow([record[source.get(index, index)] for index in keep])
    return (("" if chart.lang == "en" else "\ufeff") + out.getvalue()).encode("utf-8")


def _csv_line(cells: list[str]) -> str:
    line = io.StringIO()
    csv.writer(line, lineterminator="").writerow(cells)
    return line.getvalue()


def _write_generated(project: Project, outputs, render_static: bool, target=None) -> None:
    target = target or project.generated_charts
    staging = (project.generated if target == project.generated_charts else target.parent) / ".charts-staging"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for chart, payload, cache in outputs:
        folder = staging / chart.id
        folder.mkdir()
        names = generated_files(chart.id)
        # Loaded by charts.js when the chart turns interactive (never part of the page's HTML).
        (folder / names["script"]).write_text(payload_script(chart.id, payload), encoding="utf-8")
        (folder / names["csv"]).write_bytes(csv_download(chart))
        if render_static:
            for variant in ("light", "dark", "light-narrow", "dark-narrow"):
                shutil.copyfile(cache / f"{variant}.svg", folder / names[variant])
            shutil.copyfile(cache / "light.svg", folder / names["svg"])
            shutil.copyfile(cache / "chart.png", folder / names["png"])
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(target)
