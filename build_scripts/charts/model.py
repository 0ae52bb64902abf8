"""Loading and validating one chart folder."""

from __future__ import annotations

import csv
import datetime
import difflib
import hashlib
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import Problem, Problems, StopBuild
from ..registry import Registry
from ..schemas import schema_errors
from ..yamlio import line_of, load_yaml
from .kinds import figure_problems, mark_sources
from .language import (
    date_text,
    languages_of,
    translated_columns,
    translated_meta,
    translated_provenance,
    translated_rows,
    translation_column,
)

FIGURE_PY = "figure.py"  # the escape hatch, for a chart no declarative kind fits
REQUIRED_FILES = ("chart.yml", "data.csv", "provenance.yml")
CHART_FILES = (*REQUIRED_FILES, FIGURE_PY)  # every file of a chart folder (figure.py may be absent)
CHART_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class ChartData:
    """The rows of data.csv, typed by the column types in chart.yml.

    ``rows`` hold chart.yml's columns; the texts of a translated column in another language
    (data.csv's ``event_es`` beside ``event``) are kept apart, in ``translations`` (per language,
    one mapping per row), and ``lines`` gives each row's line in data.csv (for messages)."""

    columns: list[str]
    rows: list[dict[str, Any]]
    lines: list[int] = field(default_factory=list, repr=False)
    translations: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)
    shown_rows: list[dict[str, Any]] | None = field(default=None, repr=False)  # the data table's and the CSV's

    @property
    def table_rows(self) -> list[dict[str, Any]]:
        """The rows as the data table shows them: in a language edition, every translated column in
        its language, including those the figure reads as written (``translated: table``)."""
        return self.shown_rows if self.shown_rows is not None else self.rows

    def column(self, name: str) -> list[Any]:
        return [row[name] for row in self.rows]

    def where(self, **conditions: Any) -> list[dict[str, Any]]:
        return [r for r in self.rows if all(r[k] == v for k, v in conditions.items())]


@dataclass
class Chart:
    id: str
    folder: Path
    meta: dict[str, Any]
    data: ChartData
    provenance: dict[str, Any]
    module: ModuleType | None = field(repr=False)
    registry: Registry | None = field(default=None, repr=False)
    lang: str = "en"  # the language of its words: chart.yml's own, or a language block's (language.py)
    provenance_lang: str = "en"  # the language of provenance.yml's words as shown (its own, or its block's)
    words_of_data: dict | None = field(default=None, repr=False)  # chart.yml's own labels, in a language view
    _languages: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def in_language(self, lang: str) -> Chart:
        """The chart as the ``lang`` edition's reader sees it: every word from chart.yml's
        ``lang:`` block, dates in that language (the data are the same)."""
        if lang == self.lang:
            return self
        if lang not in self._languages:  # one object per language: the page builders cache by identity
            provenance, provenance_lang = translated_provenance(self.provenance, lang)
            data = self.data
            self._languages[lang] = replace(
                self,
                meta=translated_meta(self.meta, lang),
                data=replace(
                    data,
                    rows=translated_rows(
                        data.rows, data.translations, lang, translated_columns(self.meta, figure=True)
                    ),
                    shown_rows=translated_rows(data.rows, data.translations, lang),
                ),
                provenance=provenance,
                provenance_lang=provenance_lang,
                lang=lang,
                words_of_data=self.meta.get("labels", {}),
            )
        return self._languages[lang]

    def date_text(self, value: str, month: str = "short") -> str:
        """A date (YYYY, YYYY-MM or YYYY-MM-DD) in the chart's language: "2 Sep 2025", "2 sep 2025";
        with ``month="long"``, "2 September 2025", "2 de septiembre de 2025"."""
        return date_text(value, self.lang, month=month)

    @property
    def declarative(self) -> bool:
        """True when chart.yml's ``figure:`` block describes the figure (no figure.py)."""
        return self.module is None

    @property
    def source_ids(self) -> list[str]:
        """Every source the chart rests on: data origins first, then annotation sources, then the
        sources of the dates and values a declarative figure draws."""
        ids = [origin["source"] for origin in self.provenance["origins"]]
        ids += [note["source"] for note in self.provenance.get("annotations", [])]
        if "boundaries" in self.provenance:
            ids.append(self.provenance["boundaries"]["source"])
        ids += [source for source, _label, _value in mark_sources(self.meta)]
        return list(dict.fromkeys(ids))

    @property
    def data_source_ids(self) -> list[str]:
        """The sources the plotted values were read from (the provenance's origins): what the
        caption's "Source:" names. Sources of labels and marked dates are listed under "About this data"."""
        return list(dict.fromkeys(origin["source"] for origin in self.provenance["origins"]))

    def source(self, source_id: str):
        """The registry entry for a source id (for hovers that name their source)."""
        return self.registry.get(source_id)

    def source_label(self, source_id: str) -> str:
        """How a chart names a source in a hover or a table: its outlet, or a book's title."""
        source = self.source(source_id)
        if source.kind in ("book", "memoir"):
            return source.display_title_in(self.lang)
        return source.words("outlet", self.lang)

    @property
    def extra_files(self) -> list[str]:
        """Files of the folder the figure reads besides the required ones: a map's boundary file."""
        boundaries = (self.meta.get("figure") or {}).get("boundaries")
        return [boundaries] if boundaries else []

    @property
    def height(self) -> int:
        return self.meta.get("height", 420)

    @property
    def narrow_height(self) -> int:
        return self.meta.get("narrow_height", 400)

    def label(self, key: str) -> str:
        labels = self.meta.get("labels", {})
        if key not in labels:
            raise Problem(
                f"chart '{self.id}': the figure asks for label '{key}', which chart.yml does not define",
                file=self.folder / "chart.yml",
                fix=f"add `{key}: …` under `labels:`",
            )
        return labels[key]

    def data_label(self, key: str) -> str:
        """A label's words as data.csv writes them (chart.yml's own language, whatever the chart's):
        for a figure.py that finds rows by a label (``chart.data.where(lane=chart.data_label(key))``)
        and shows ``chart.label(key)``."""
        if self.words_of_data is None:
            return self.label(key)
        if key not in self.words_of_data:
            return self.label(key)  # the same problem, reported the same way
        return self.words_of_data[key]

    def content_hash(self, *extra: bytes) -> str:
        digest = hashlib.sha256()
        for name in (*CHART_FILES, *self.extra_files):
            if (self.folder / name).is_file():
                digest.update((self.folder / name).read_bytes())
        for blob in extra:
            digest.update(blob)
        return digest.hexdigest()[:16]


def chart_ids(charts_dir: Path) -> list[str]:
    return sorted(p.name for p in charts_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def unknown_chart_error(chart_id: str, charts_dir: Path, *, file: Path | str, line: int | None) -> Problem:
    known = chart_ids(charts_dir) if charts_dir.is_dir() else []
    guess = difflib.get_close_matches(chart_id, known, n=1, cutoff=0.5)
    fix = (
        f"did you mean '{guess[0]}'?"
        if guess
        else f"create the folder charts/{chart_id}/ (run `make new-chart ID={chart_id}`)"
    )
    return Problem(
        f"unknown chart id '{chart_id}'",
        file=file,
        line=line,
        fix=f"{fix} (known charts: {', '.join(known) or 'none'})",
    )


def load_charts(charts_dir: Path, registry: Registry) -> dict[str, Chart]:
    found = Problems()
    charts = {}
    for chart_id in chart_ids(charts_dir):
        try:
            charts[chart_id] = load_chart(charts_dir / chart_id, registry)
        except StopBuild as stop:  # every chart's problems are reported together
            found.collect(stop.problems)
    found.raise_if_any()
    return charts


def load_chart(folder: Path, registry: Registry) -> Chart:
    chart_id = folder.name
    if not CHART_ID.match(chart_id):
        raise Problem(
            f"chart folder name '{chart_id}' is not a valid id",
            file=folder,
            fix="use lowercase letters, digits and hyphens, e.g. charts/homicides-mexico",
        )
    for name in REQUIRED_FILES:
        if not (folder / name).is_file():
            raise Problem(
                f"chart '{chart_id}' has no {name}",
                file=folder / name,
                fix=f"add {name} (see docs/adding-a-chart.md, or start from `make new-chart`)",
            )
    found = Problems()
    meta = load_yaml(folder / "chart.yml", what=f"chart '{chart_id}' metadata")
    if isinstance(meta, dict) and isinstance(meta.get("figure"), dict):
        _dates_as_text(meta["figure"])
    found.collect(schema_errors(meta, "chart", file=folder / "chart.yml", what=f"chart '{chart_id}'"))
    provenance = load_yaml(folder / "provenance.yml", what=f"chart '{chart_id}' provenance")
    found.collect(
        schema_errors(provenance, "provenance", file=folder / "provenance.yml", what=f"chart '{chart_id}' provenance")
    )
    found.raise_if_any()
    has_code = (folder / FIGURE_PY).is_file()
    if has_code == ("figure" in meta):
        raise Problem(
            f"chart '{chart_id}' has both a figure.py and a `figure:` block in chart.yml"
            if has_code
            else f"chart '{chart_id}' has neither a `figure:` block in chart.yml nor a figure.py",
            file=folder / "chart.yml",
            line=line_of(meta) if not has_code else _line_of_key(folder / "chart.yml", "figure"),
            fix="describe the figure in a `figure:` block of chart.yml (docs/adding-a-chart.md); keep a "
            "figure.py only for a chart no kind fits, and then without the block",
        )
    if "figure" in meta:
        found.collect(figure_problems(meta, registry, folder / "chart.yml"))
    found.collect(_translated_column_problems(meta, folder / "chart.yml"))
    found.raise_if_any()
    data = read_data(folder / "data.csv", meta["columns"], languages_of(meta))
    if meta.get("figure", {}).get("kind") == "map" and not found.errors:
        from .maps import map_problems

        found.collect(map_problems(meta, data, folder, folder / "chart.yml"))
    found.collect(provenance_problems(chart_id, folder / "provenance.yml", provenance, meta, registry))
    found.raise_if_any()
    module = _import_figure_module(folder / FIGURE_PY, chart_id) if has_code else None
    return Chart(chart_id, folder, meta, data, provenance, module, registry)


def _translated_column_problems(meta: dict, path: Path) -> Iterator[Problem]:
    """Only a text column can be translated; a column the figure block compares with fixed words
    (``open_when``, ``hatch_when``) or finds regions by is translated in the table only."""
    for name in translated_columns(meta):
        spec = meta["columns"][name]
        if spec["type"] != "string":
            yield Problem(
                f"column '{name}' is marked `translated: {str(spec['translated']).lower()}` but is of type '{spec['type']}'",
                file=path,
                line=line_of(spec),
                fix="translate only `type: string` columns (numbers, dates and source ids are the same in every language)",
            )
    figure = meta.get("figure") or {}
    compared = [
        (s[key]["column"], s) for s in figure.get("series", []) for key in ("open_when", "hatch_when") if key in s
    ]
    if "regions" in figure:
        compared.append((figure["regions"]["column"], figure["regions"]))
    for name, where in compared:
        if name in translated_columns(meta, figure=True):
            yield Problem(
                f"column '{name}' is marked `translated: true`, but the figure compares its cells with the words "
                "data.csv is written in",
                file=path,
                line=line_of(where) or line_of(meta["columns"][name]),
                fix=f"mark it `translated: table`: the data table and the CSV then show its translation, and the figure reads '{name}' as written",
            )


def data_header(columns: dict[str, dict], languages: list[str]) -> list[str]:
    """The header data.csv must have: chart.yml's columns in order, each translated column followed
    by its text in each language of chart.yml (``event``, ``event_es``)."""
    header = []
    for name, spec in columns.items():
        header.append(name)
        if spec.get("translated"):
            header += [translation_column(name, lang) for lang in languages]
    return header


def _dates_as_text(value: Any) -> None:
    """YAML reads an unquoted 2006-12-11 as a date and 2000 as a number; a figure's dates are text
    (YYYY, YYYY-MM or YYYY-MM-DD), whichever way they were written."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, item in list(items):
        if key in ("at", "from", "to") and isinstance(item, (datetime.date, int)) and not isinstance(item, bool):
            value[key] = item.isoformat() if isinstance(item, datetime.date) else str(item)
        else:
            _dates_as_text(item)


def _line_of_key(path: Path, key: str) -> int | None:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text.startswith(f"{key}:"):
            return number
    return None


def read_data(path: Path, columns: dict[str, dict], languages: list[str] | tuple = ()) -> ChartData:
    """Read data.csv, checking its header and the type of every cell. A translated column
    (``translated: true``) is followed by its text in each of ``languages`` (``event_es``); those
    cells are kept apart (``ChartData.translations``), and whether each is there is the language
    check's business (language.py), which names the row.

    What spreadsheet programs write is accepted: a UTF-8 byte-order mark, and CRLF line ends."""
    found = Problems()
    reader = csv.reader(_text_lines(path))
    try:
        header = next(reader, None)
    except csv.Error as problem:
        raise Problem(f"the header line cannot be read as CSV: {problem}", file=path, line=1, fix=CSV_FIX) from None
    expected = data_header(columns, list(languages))
    translated = {
        translation_column(name, lang): (name, lang)
        for name, spec in columns.items()
        if spec.get("translated")
        for lang in languages
    }
    if header is None:
        raise Problem("the data file is empty", file=path, line=1, fix=f"write the header line: {','.join(expected)}")
    header = [h.strip() for h in header]
    if header != expected:
        raise Problem(
            f"the header is {_show_header(header, expected)} but chart.yml declares {','.join(expected)}",
            file=path,
            line=1,
            fix="make the CSV header and the `columns:` of chart.yml match, in order"
            + (
                f" (each `translated: true` column followed by its translation: {', '.join(translated)})"
                if translated
                else ""
            ),
        )
    rows, lines = [], []
    texts: dict[str, list[dict[str, Any]]] = {lang: [] for lang in languages} if translated else {}
    line_number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as problem:
            raise Problem(
                f"line cannot be read as CSV: {problem}", file=path, line=reader.line_num, fix=CSV_FIX
            ) from None
        line_number = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            fix = "add or remove commas; quote text containing commas"
            found.add(Problem(f"row has {len(cells)} cells, the header has {len(header)}", path, line_number, fix=fix))
            continue
        row = {}
        given: dict[str, dict[str, Any]] = {lang: {} for lang in texts}
        for name, cell in zip(header, cells):
            if name in translated:
                original, lang = translated[name]
                given[lang][original] = cell.strip() or None
                continue
            try:
                row[name] = _parse_cell(cell.strip(), columns[name])
            except ValueError as problem:
                found.add(Problem(f"column '{name}': {problem}", path, line_number, fix=_cell_fix(columns[name])))
        rows.append(row)
        lines.append(line_number)
        for lang, text in given.items():
            texts[lang].append(text)
    found.raise_if_any()
    if not rows:
        raise Problem("the data file has a header but no rows", file=path, line=2, fix="add the data rows")
    return ChartData(list(columns), rows, lines, texts)


CSV_FIX = 'close the quotation mark on that line, and write a quote inside quoted text as two quotes ("")'


def _text_lines(path: Path) -> list[str]:
    """The file's lines as text: UTF-8, with or without a byte-order mark (spreadsheets write one),
    LF or CRLF line ends. Any other encoding is a file:line error, not a traceback."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        raise Problem(
            f"the file is not UTF-8 text (byte 0x{raw[problem.start]:02x} cannot be read)",
            file=path,
            line=line,
            fix='save it as "CSV UTF-8" (in a spreadsheet: Save As, then CSV UTF-8), or re-encode it as UTF-8',
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise Problem(
            "the file contains a NUL character (is it a spreadsheet saved in another format, or UTF-16?)",
            file=path,
            line=line,
            fix='save it as "CSV UTF-8" (comma-separated values)',
        )
    return text.splitlines(keepends=True)


def _show_header(header: list[str], expected: list[str]) -> str:
    """The header as written; names that differ from chart.yml's only in invisible characters are
    shown with those characters escaped, so the two headers never look identical in the message."""
    shown = []
    for index, name in enumerate(header):
        invisible = any(not ch.isprintable() or ch in "\ufeff\u00a0\u200b" for ch in name)
        if invisible or (index < len(expected) and name != expected[index] and name.strip() == expected[index].strip()):
            shown.append(name.encode("unicode_escape").decode("ascii") + " (has an invisible character)")
        else:
            shown.append(name)
    return ",".join(shown)


def _parse_cell(cell: str, column: dict) -> Any:
    kind = column["type"]
    if cell == "":
        if column.get("optional"):
            return None
        raise ValueError("the cell is empty")
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", cell):
            raise ValueError(f"'{cell}' is not a whole number")
        return int(cell)
    if kind == "number":
        try:
            return float(cell)
        except ValueError:
            raise ValueError(f"'{cell}' is not a number") from None
    if kind == "date":
        if not DATE.match(cell):
            raise ValueError(f"'{cell}' is not a date")
        return cell
    return cell


def _cell_fix(column: dict) -> str:
    kind = column["type"]
    hints = {
        "integer": "write a whole number with no thousands separators or units, e.g. 8867",
        "number": "write a number with a decimal point and no separators or units, e.g. 24.86",
        "date": "write the date as YYYY, YYYY-MM or YYYY-MM-DD",
        "string": "write some text",
        "source": "write a source id from sources.yml",
    }
    gap = "; leave the cell empty only if the column is `optional: true` in chart.yml"
    return hints[kind] + gap


def provenance_problems(
    chart_id: str, path: Path, provenance: dict, meta: dict, registry: Registry
) -> Iterator[Problem]:
    """Every source the provenance names is in the registry; every value column has an origin;
    every row's `source` is an origin."""
    covered = set()
    yield from _boundary_problems(chart_id, path, provenance, meta, registry)
    for item in [*provenance.get("annotations", []), *provenance["origins"]]:
        if item["source"] not in registry:
            yield registry.unknown_id_error(item["source"], file=path, line=line_of(item))
    for origin in provenance["origins"]:
        for column in origin["columns"]:
            if column not in meta["columns"]:
                yield Problem(
                    f"origin '{origin['source']}' names column '{column}', which data.csv does not have",
                    file=path,
                    line=line_of(origin),
                    fix=f"use one of: {', '.join(meta['columns'])}",
                )
            covered.add(column)
    yield from _row_source_problems(path.with_name("data.csv"), provenance, meta, registry)
    # The first column is the key (a year, date or label); every other numeric column is a value
    # and must say where it was read.
    numeric = [c for c, spec in list(meta["columns"].items())[1:] if spec["type"] in ("integer", "number")]
    for column in numeric:
        if column not in covered:
            yield Problem(
                f"chart '{chart_id}': no origin in provenance.yml covers the column '{column}'",
                file=path,
                line=1,
                fix=f"list '{column}' under the `columns:` of the origin it was read from",
            )


def _boundary_problems(
    chart_id: str, path: Path, provenance: dict, meta: dict, registry: Registry
) -> Iterator[Problem]:
    """A map says where its boundaries come from (a registry source); a chart that is not a map does not."""
    is_map = (meta.get("figure") or {}).get("kind") == "map"
    boundaries = provenance.get("boundaries")
    if is_map and not boundaries:
        yield Problem(
            f"chart '{chart_id}' is a map, and provenance.yml does not say where its boundaries come from",
            file=path,
            line=1,
            fix="add a `boundaries:` block (source, where_read, processing, license): docs/adding-a-chart.md",
        )
    elif boundaries and not is_map:
        yield Problem(
            f"chart '{chart_id}': provenance.yml has a `boundaries:` block, but the chart is not a map",
            file=path,
            line=line_of(boundaries),
            fix="remove the `boundaries:` block, or draw the chart with `kind: map`",
        )
    elif boundaries and boundaries["source"] not in registry:
        yield registry.unknown_id_error(boundaries["source"], file=path, line=line_of(boundaries))


def _row_source_problems(data_path: Path, provenance: dict, meta: dict, registry: Registry) -> Iterator[Problem]:
    """A `source` column's every id is in the registry and listed as an origin."""
    source_columns = [c for c, spec in meta["columns"].items() if spec["type"] == "source"]
    origin_ids = {origin["source"] for origin in provenance["origins"]}
    data = read_data(data_path, meta["columns"], languages_of(meta)) if source_columns else None
    for column in source_columns:
        for line_number, row in enumerate(data.rows, start=2):
            value = row[column]
            if value is None:
                continue
            if value not in registry:
                yield registry.unknown_id_error(value, file=data_path, line=line_number)
            elif value not in origin_ids:
                yield Problem(
                    f"row cites source '{value}', which provenance.yml does not list as an origin",
                    file=data_path,
                    line=line_number,
                    fix=f"add an origin `- source: {value}` to provenance.yml",
                )


def _import_figure_module(path: Path, chart_id: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"charts_{chart_id.replace('-', '_')}_figure", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "build", None)):
        raise Problem(
            f"chart '{chart_id}': figure.py has no build(chart, theme) function",
            file=path,
            fix="define `def build(chart, theme) -> plotly.graph_objects.Figure`",
        )
    return module
