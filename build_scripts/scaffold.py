"""Scaffolds: ``make new-chapter`` and ``make new-chart`` write a skeleton that builds at once.

    python -m build_scripts new-chapter --slug cartel-finances --title "Where the money goes" [--source ID]
    python -m build_scripts new-chart --id seizures-border --source cbp-seizures

Every sentence the contributor must write starts with ``FILL IN``, and a new chapter starts as
``draft: true``. Local builds accept both (with warnings); the publishing build refuses them
(see ``build_scripts/checks/drafts.py`` and docs/contributing.md), so a skeleton cannot go live by
accident. After writing the files the command prints what to fill in next.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from .checks.drafts import MARKER, placeholder_lines
from .errors import BuildError
from .project import Project

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

EVIDENCE = """\
# Evidence for content/{slug}.md: the words in each source that carry each footnoted claim
# (docs/evidence.md). One entry per [^SOURCE-ID:CLAIM-KEY] on the page.
{source}:first-claim:
  quote: "{fill}: the source's exact words that support the sentence"
"""

CHAPTER = """\
---
title: {title_yaml}
description: "{fill}: one sentence, under 160 characters, used by search engines and link previews."
draft: true
---

# {title}

## In brief {{#in-brief}}

- {fill}: three to five bullets that a reader who stops here still learns from.{cite}
- {fill}: every factual sentence ends with a footnote naming a source id and a claim key; the
  source's words that carry it go in evidence/{slug}.yml (docs/evidence.md).

## {fill}: a short heading for the first section {{#first-section}}

{fill}: body text, 800 to 1,800 words in all, in sections with short headings. Write in a neutral
voice; opinions belong to the named people who hold them. Keep quotes short and attributed.

## Questions to consider {{#questions}}

1. {fill}: an open question a class could discuss.
2. {fill}: a second question.
3. {fill}: a third question.

## Read next {{#read-next}}

[The debate in five minutes](index.md): {fill}: one line on why to read it next.
"""

CHART_YML = """\
# What a reader sees of the chart, and how it is drawn: every word lives here (docs/adding-a-chart.md).
title: "{fill}: the chart's headline, a plain statement of what it shows"
subtitle: "{fill}: what is measured, with the unit and the time span, e.g. Deaths per year, 2020–2024"
unit: "{fill}: the unit of the values, e.g. deaths per year"
time_span: "{fill}: the years or dates covered, e.g. 2020–2024"
description: >-
  {fill}: two to four sentences for screen readers and readers without the picture. Say the key
  pattern with its numbers: where the series starts, its peak, where it ends.
notes:
  - "{fill}: gaps, preliminary values or definitions a reader needs (or delete `notes:`)."
columns:
  year:
    label: Year
    type: integer
  value:
    label: "{fill}: the column heading in the data table, e.g. Deaths"
    type: number
figure:  # the build draws it; the axes follow the data (kinds: line, bar, stacked-bar)
  kind: line
  x: {{column: year, ticks: {{wide: 1, narrow: 2}}}}
  y: {{title: y_axis, format: ","}}
  legend: false
  series:
    - {{column: value, label: series, hover: hover_unit}}
  # Dated lines, spans and thresholds each name the sources.yml id that gives them, e.g.:
  # events:
  #   - {{at: 2021-06-01, label: event, source: some-source-id}}
labels:
  y_axis: "{fill}: the y-axis title, e.g. Deaths per year"
  series: "{fill}: the series name, e.g. Deaths (INEGI)"
  hover_unit: "{fill}: the words after a value when hovering, e.g. deaths"
# The same words in Spanish, for the Spanish edition (docs/translating.md, "Charts"): every key above.
es:
  title: "{fill}: el título de la gráfica en español"
  subtitle: "{fill}: qué se mide, con la unidad y el periodo"
  unit: "{fill}: la unidad de los valores, p. ej. defunciones por año"
  time_span: "{fill}: los años o fechas que abarca, p. ej. 2020–2024"
  description: >-
    {fill}: la descripción en español, con los mismos números.
  notes:
    - "{fill}: cada nota en español, en el mismo orden (o borre `notes:`)."
  columns:
    year: {{label: Año}}
    value: {{label: "{fill}: el encabezado de la columna, p. ej. Defunciones"}}
  labels:
    y_axis: "{fill}: el título del eje y, p. ej. Defunciones por año"
    series: "{fill}: el nombre de la serie, p. ej. Defunciones (INEGI)"
    hover_unit: "{fill}: las palabras después de un valor, p. ej. defunciones"
"""

DATA_CSV = """\
year,value
2020,1
2021,2
2022,3
"""

PROVENANCE_YML = """\
# Where every value in data.csv comes from, in the spirit of Our World in Data's origins.
# Producer, title, URL and date come from the registry entry each origin names (sources.yml).
dossier: "{fill}: the section of the research notes the values come from, e.g. data.md §1a"
origins:
  - source: {source}
    columns: [value]
    rows: "{fill}: which rows come from this source, e.g. 2020–2024"
    where_read:
      - what: "{fill}: where the values were actually read (page, table, file, commit)"
processing: "{fill}: what was done to the values, e.g. None: values as published"
definitions:
  - "{fill}: what is and is not counted"
caveats:
  - "{fill}: revisions, preliminary against definitive values, breaks in the series"
license: "{fill}: the licence or terms of use of the original data"
accessed: "{today}"
# What a reader of the Spanish edition reads under "Acerca de los datos": the same keys as above,
# words only (docs/translating.md, "Charts"); titles, dataset and publisher names as published.
es:
  origins:
    - rows: "{fill}: las filas en español, p. ej. 2020–2024"
      where_read:
        - what: "{fill}: dónde se leyeron los valores, en español"
  processing: "{fill}: qué se hizo con los valores, p. ej. Ninguno: valores tal como se publicaron"
  definitions:
    - "{fill}: qué se cuenta y qué no, en español"
  caveats:
    - "{fill}: revisiones, cifras preliminares frente a definitivas, cortes en la serie, en español"
  license: "{fill}: la licencia o las condiciones de uso de los datos originales, en español"
"""


def new_chapter(project: Project, slug: str, title: str, source: str | None = None) -> list[Path]:
    if not SLUG.match(slug or ""):
        raise BuildError(
            f"'{slug}' is not a valid chapter slug",
            fix="use lowercase words joined by hyphens, "
            'e.g. make new-chapter SLUG=cartel-finances TITLE="Where the money goes"',
        )
    if not (title or "").strip():
        raise BuildError("the chapter needs a title", fix=f'make new-chapter SLUG={slug} TITLE="The chapter\'s title"')
    path = project.content / f"{slug}.md"
    if path.exists():
        raise BuildError(
            f"{path.relative_to(project.root)} already exists",
            file=path,
            fix="choose another SLUG, or edit the existing chapter",
        )
    cite = ""
    changed = [path]
    if source:
        _require_source(project, source)
        cite = f"[^{source}:first-claim]"
    title = title.strip()
    text = CHAPTER.format(
        title=title, title_yaml=json.dumps(title, ensure_ascii=False), fill=MARKER, cite=cite, slug=slug
    )
    path.write_text(text, encoding="utf-8")
    if source:
        evidence = project.evidence / f"{slug}.yml"
        evidence.parent.mkdir(parents=True, exist_ok=True)
        evidence.write_text(EVIDENCE.format(slug=slug, source=source, fill=MARKER), encoding="utf-8")
        changed.append(evidence)
    if _add_to_nav(project.root / "mkdocs.yml", title, f"{slug}.md"):
        changed.append(project.root / "mkdocs.yml")
    return changed


def new_chart(project: Project, chart_id: str, source: str | None) -> list[Path]:
    if not SLUG.match(chart_id or ""):
        raise BuildError(
            f"'{chart_id}' is not a valid chart id",
            fix="use lowercase words joined by hyphens, e.g. make new-chart ID=seizures-border SOURCE=cbp-seizures",
        )
    folder = project.charts / chart_id
    if folder.exists():
        raise BuildError(
            f"charts/{chart_id}/ already exists", file=folder, fix="choose another ID, or edit the existing chart"
        )
    if not source:
        raise BuildError(
            "a chart needs the registry id of the source its data come from",
            fix=f"add the source to sources.yml first (docs/adding-a-source.md), then run "
            f"make new-chart ID={chart_id} SOURCE=<its id>",
        )
    _require_source(project, source)
    folder.mkdir(parents=True)
    today = dt.date.today().isoformat()
    files = {
        "chart.yml": CHART_YML.format(fill=MARKER),
        "data.csv": DATA_CSV,
        "provenance.yml": PROVENANCE_YML.format(fill=MARKER, source=source, today=today),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    created = [folder / name for name in files]
    snapshot = _write_snapshot(project, folder)
    return created + ([snapshot] if snapshot else [])


def _write_snapshot(project: Project, folder: Path) -> Path | None:
    """The figure snapshot tests/test_chart_figures.py compares against, where the project keeps them."""
    from .snapshots import snapshot_dir, snapshot_text

    target = snapshot_dir(project)
    if not target.is_dir():
        return None
    from .charts.model import load_chart
    from .registry import load_registry

    path = target / f"{folder.name}.json"
    path.write_text(snapshot_text(load_chart(folder, load_registry(project.sources))), encoding="utf-8")
    return path


def _require_source(project: Project, source: str) -> None:
    from .registry import load_registry

    registry = load_registry(project.sources)
    if source not in registry:
        raise registry.unknown_id_error(source, file=project.sources, line=None)


def _add_to_nav(config: Path, title: str, page: str) -> bool:
    """Add the page to mkdocs.yml's nav (before the About and Sources pages). False if no nav."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == "nav:")
    except StopIteration:
        return False
    entries = []
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() and not line.startswith((" ", "\t", "-")):
            break
        if re.match(r"^\s*- ", line):
            entries.append(index)
    if not entries:
        return False
    indent = re.match(r"^(\s*)- ", lines[entries[0]]).group(1)
    before = next((i for i in entries if re.search(r":\s*(about|sources)\.md\s*$", lines[i])), entries[-1] + 1)
    lines.insert(before, f"{indent}- {json.dumps(title, ensure_ascii=False)}: {page}\n")
    config.write_text("".join(lines), encoding="utf-8")
    return True


def next_steps(project: Project, kind: str, files: list[Path], name: str) -> str:
    rel = lambda p: p.relative_to(project.root).as_posix()  # noqa: E731
    out = [f"Created {kind} '{name}':"]
    out += [f"  {rel(f)}" for f in files]
    out.append("")
    out.append(f"Fill in next (each {MARKER} is a placeholder; the line numbers are clickable in most editors):")
    for path in files:
        if path.suffix in (".md", ".yml", ".py", ".csv"):
            for line in placeholder_lines(path.read_text(encoding="utf-8")):
                text = path.read_text(encoding="utf-8").splitlines()[line - 1].strip()
                out.append(f"  {rel(path)}:{line}: {text[:90]}")
    if kind == "chapter":
        out += [
            "",
            "Then:",
            "  1. Cite every factual sentence with [^source-id:claim-key] and put the source's words in",
            f"     evidence/{name}.yml (docs/evidence.md); add new sources to sources.yml first",
            "     (docs/adding-a-source.md). Embed a chart with a line <!-- md:chart CHART-ID -->.",
            "  2. Preview with `make serve` (http://127.0.0.1:8000); the page is listed in mkdocs.yml's nav,",
            "     move its line there to where it belongs.",
            "  3. When no FILL IN is left, delete `draft: true` from the front matter: the publishing build",
            "     refuses drafts and placeholders.",
            "  4. Run `make test`, then open a pull request (docs/contributing.md).",
        ]
    else:
        out += [
            "",
            "Then:",
            "  1. Replace data.csv with the real values (keep the header in step with `columns:` in chart.yml;",
            "     rename or add columns in both). Every value column must be listed under an origin.",
            "  2. Adapt the `figure:` block of chart.yml (kind: bar or stacked-bar, more series, events with",
            "     their source ids): docs/adding-a-chart.md lists every field. No Python is needed.",
            f"  3. Embed it in a chapter with a line of its own: <!-- md:chart {name} -->",
            "  4. Preview with `make serve`; run `make test`. The publishing build refuses any FILL IN left.",
            "  5. After changing data.csv or chart.yml, refresh the figure snapshot:",
            "     .venv/bin/python -m build_scripts snapshots --update   (then commit tests/snapshots/)",
        ]
    return "\n".join(out)


def run_chapter(args, project: Project) -> int:
    """``python -m build_scripts new-chapter``."""
    files = new_chapter(project, args.slug, args.title, args.source)
    print(next_steps(project, "chapter", files, args.slug))
    return 0


def run_chart(args, project: Project) -> int:
    """``python -m build_scripts new-chart``."""
    files = new_chart(project, args.chart_id, args.source)
    print(next_steps(project, "chart", files, args.chart_id))
    return 0
