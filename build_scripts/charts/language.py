"""A chart in another language: its words from the language block of chart.yml, its dates in
that language's conventions.

Every word a reader sees lives in chart.yml (``title``, ``subtitle``, ``unit``, ``time_span``,
``description``, ``notes``, each column's ``label``, and every key under ``labels:``). A language
edition (``content-es/``) gives each of them again in a block named after its language, with the
same keys and shape, words only::

    title: Mexico's homicides more than tripled after 2007
    labels:
      y_axis: Deaths per year
    es:
      title: Los homicidios en México se triplicaron con creces después de 2007
      labels:
        y_axis: Defunciones por año

The text cells of data.csv a reader sees (a timeline's events) are translated row by row in
data.csv itself: a column marked ``translated: true`` (or ``table``) in chart.yml is followed by
its text in each language (``event``, ``event_es``); and the words of provenance.yml ("About this
data") have their own language block in provenance.yml, with the same keys.

:func:`words_problems`, :func:`cells_problems` and :func:`provenance_problems` are the pre-build
check (a missing, empty or leftover text stops the build, naming the chart, the file, the line,
the key or column and the fix); :func:`translated_meta`, :func:`translated_rows` and
:func:`translated_provenance` are the chart's files as the edition's reader sees them. Numbers need nothing: Mexican usage writes 33,550 and 11.1 as English does.
Dates do: :func:`date_text` writes "22 de febrero de 2026", and :func:`localized_date_axes` gives
a date axis whose ticks name months (``%b``) its tick labels in the language, for the static images
(the interactive chart also gets a Plotly locale from :func:`plotly_locale`).
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import Problem

ENGLISH = "en"
# The words of chart.yml a reader sees: scalar fields, the list of notes, and two mappings.
TEXT_FIELDS = ("title", "subtitle", "unit", "time_span", "description")

MONTHS = {
    "es": (
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
        "ene feb mar abr may jun jul ago sep oct nov dic".split(),
    ),
}
DAYS = {
    "es": (
        "domingo lunes martes miércoles jueves viernes sábado".split(),
        "dom lun mar mié jue vie sáb".split(),
    ),
}
LANGUAGE_NAMES = {"es": "Spanish", "en": "English"}


def words_of(meta: dict) -> dict[str, Any]:
    """The words of chart.yml, in the shape a language block repeats them."""
    words: dict[str, Any] = {key: meta[key] for key in TEXT_FIELDS if key in meta}
    if meta.get("notes"):
        words["notes"] = list(meta["notes"])
    words["columns"] = {name: {"label": spec["label"]} for name, spec in meta.get("columns", {}).items()}
    if meta.get("labels"):
        words["labels"] = dict(meta["labels"])
    return words


def translated_meta(meta: dict, lang: str) -> dict:
    """chart.yml as a reader of the ``lang`` edition sees it: the words from its block.
    (The pre-build check has made sure the block is complete.)"""
    if lang == ENGLISH:
        return meta
    block = meta.get(lang) or {}
    out = copy.deepcopy({k: v for k, v in meta.items() if k != lang})
    for key in TEXT_FIELDS:
        if key in block:
            out[key] = block[key]
    if "notes" in block:
        out["notes"] = list(block["notes"])
    for name, spec in (block.get("columns") or {}).items():
        if name in out["columns"] and isinstance(spec, dict) and "label" in spec:
            out["columns"][name]["label"] = spec["label"]
    if "labels" in block:
        out["labels"] = {**out.get("labels", {}), **block["labels"]}
    return out


def languages_of(meta: dict) -> list[str]:
    """The languages chart.yml (or provenance.yml) gives words in besides English: its blocks named
    by a two-letter code (``es:``)."""
    return [key for key in meta if isinstance(key, str) and len(key) == 2 and key.isalpha() and key.islower()]


def translated_columns(meta: dict, *, figure: bool = False) -> list[str]:
    """The text columns of data.csv whose cells a reader sees in the edition's language: marked
    ``translated`` in chart.yml, each followed in data.csv by its translation per language
    (``event`` then ``event_es``). With ``figure``, only those the figure reads translated
    (``translated: true``); a column marked ``translated: table`` is translated in the data table
    and the CSV only, the figure reading the words data.csv is written in (``yes``, a lane's name)."""
    wanted = (True,) if figure else (True, TABLE_ONLY)
    return [name for name, spec in meta.get("columns", {}).items() if spec.get("translated", False) in wanted]


TABLE_ONLY = "table"


def translation_column(name: str, lang: str) -> str:
    """The data.csv column holding the ``lang`` text of the translated column ``name``: ``event_es``."""
    return f"{name}_{lang}"


def translated_rows(
    rows: list[dict], translations: dict[str, list[dict]], lang: str, columns: list[str] | None = None
) -> list[dict]:
    """data.csv's rows as the ``lang`` edition's reader sees them: each translated column's cell
    (of ``columns``, when given) replaced by its text in ``lang`` (``translations``: per language,
    per row, column -> text; a missing text leaves the English, which the pre-build check refuses)."""
    texts = translations.get(lang)
    if lang == ENGLISH or not texts:
        return rows
    return [
        {**row, **{name: text for name, text in given.items() if text and (columns is None or name in columns)}}
        for row, given in zip(rows, texts)
    ]


def cells_problems(chart_id: str, data_path: Path, meta: dict, lang: str, data) -> Iterator[Problem]:
    """Every cell of a translated column has its text in ``lang`` in the column beside it, on the
    same row of data.csv, and an empty English cell has none; each problem at its data.csv line.
    (``data``: the chart's ChartData, which keeps every row's line and its translations.)"""
    language = LANGUAGE_NAMES.get(lang, lang)
    texts = (data.translations or {}).get(lang)
    for name in translated_columns(meta):
        column = translation_column(name, lang)
        if texts is None:
            yield Problem(
                f"chart '{chart_id}': data.csv has no column '{column}' with the {language} text of column '{name}'",
                file=data_path,
                line=1,
                fix=f"add the column '{column}' right after '{name}' (header and every row), holding each "
                f"row's {language} text",
            )
            continue
        for row, given, line in zip(data.rows, texts, data.lines):
            english, text = row[name], given.get(name)
            if english and not (text or "").strip():
                yield Problem(
                    f"chart '{chart_id}': no {language} text in column '{column}' for the {name} “{_short(english)}”",
                    file=data_path,
                    line=line,
                    fix=f"write its {language} text in the column '{column}' of that row, beside the English",
                )
            elif text and not english:
                yield Problem(
                    f"chart '{chart_id}': column '{column}' has text (“{_short(text)}”) where '{name}' is empty",
                    file=data_path,
                    line=line,
                    fix=f"empty the cell, or write the English text in the column '{name}' of that row",
                )


def _short(text: str, size: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _no_block(subject: str, path: Path, lang: str, what: str) -> Problem:
    """A chart file with no ``lang:`` block at all: one problem naming the file and what to add."""
    language = LANGUAGE_NAMES.get(lang, lang)
    return Problem(
        f"{subject} has no {language} text (no `{lang}:` block)",
        file=path,
        line=None,
        fix=f"add an `{lang}:` block at the end of {path.name} with the {language} text of {what} "
        "(docs/translating.md, 'Charts')",
    )


def words_problems(chart_id: str, path: Path, meta: dict, lang: str, data=None) -> Iterator[Problem]:
    """Every word of chart.yml has its text in the ``lang`` block, and the block has nothing else;
    with ``data`` (the chart's ChartData), every cell of a translated column has its text too."""
    language = LANGUAGE_NAMES.get(lang, lang)
    block = meta.get(lang)
    if not isinstance(block, dict):
        yield _no_block(f"chart '{chart_id}'", path, lang, "every word")
        return
    line = _line_of_top_key(path, lang)
    if "cells" in block:  # the former way of translating data.csv's text cells
        yield Problem(
            f"chart '{chart_id}': `{lang}: cells:` is no longer read; data.csv holds the {language} text of its cells",
            file=path,
            line=line,
            fix=f"mark each column listed there `translated: true` under `columns:`, add its column "
            f"'<name>_{lang}' to data.csv right after it, and remove `cells:` (docs/translating.md, 'Charts')",
        )
        block = {k: v for k, v in block.items() if k != "cells"}
    if data is not None:
        yield from cells_problems(chart_id, path.with_name("data.csv"), meta, lang, data)
    yield from block_problems(f"chart '{chart_id}'", path, line, words_of(meta), block, lang)


def block_problems(
    subject: str, path: Path, line: int | None, english: dict, block: dict, lang: str
) -> Iterator[Problem]:
    """The language block ``block`` gives the text of every word of ``english`` (the words of a
    file, in its shape) and nothing else: a missing, empty or leftover key, or a list of another
    length, is named with the file, the line of the block and where to add it."""
    language = LANGUAGE_NAMES.get(lang, lang)
    for key, expected, found, english_line in _walk(english, block):
        where = f" (the English: line {english_line})" if english_line else ""
        if found is _MISSING:
            yield Problem(
                f"{subject}: no {language} text for '{key}'",
                file=path,
                line=line,
                fix=f"under `{lang}:`, add {_as_yaml(key)} with the {language} text of {_show(expected)}{where}",
            )
        elif found is _EXTRA:
            yield Problem(
                f"{subject}: `{lang}:` has '{key}', which {path.name} does not have in English",
                file=path,
                line=line,
                fix=f"remove '{key}' from the `{lang}:` block, or correct its name",
            )
        elif isinstance(expected, dict):
            yield Problem(
                f"{subject}: '{key}' under `{lang}:` must be a mapping, as in English",
                file=path,
                line=line,
                fix=f"give the {language} text of {_show(expected)}{where}",
            )
        elif isinstance(expected, list) and len(found) != len(expected):
            yield Problem(
                f"{subject}: '{key}' has {len(expected)} items in English and {len(found)} under `{lang}:`",
                file=path,
                line=line,
                fix=f"give one {language} item for each English item, in the same order{where}",
            )
        elif not isinstance(found, str) or not found.strip():
            yield Problem(
                f"{subject}: the {language} text for '{key}' is empty or not text",
                file=path,
                line=line,
                fix=f"write the {language} text of {_show(expected)}",
            )


# --- provenance.yml ------------------------------------------------------------------------------
# The words of provenance.yml a reader sees under "About this data": where each value was read, what
# a source supports, definitions, caveats, processing, licence. Source ids, columns, URLs and dates
# are not words; nor are the titles of the publications cited (the citation machinery formats them).
PROVENANCE_TEXT = ("processing", "license")
PROVENANCE_LISTS = ("definitions", "caveats")


def provenance_words(provenance: dict) -> dict[str, Any]:
    """The words of provenance.yml, in the shape its language block repeats them: ``origins`` item
    by item (``rows``, if any, and ``what`` of each ``where_read``), ``annotations`` (``what``),
    ``definitions``, ``caveats``, ``processing``, ``license``, and a map's ``boundaries``."""

    def places(items: list) -> list:
        return _same_lines(items, [_same_lines(place, {"what": place["what"]}) for place in items])

    words: dict[str, Any] = {}
    origins = []
    for origin in provenance.get("origins", []):
        entry = {"rows": origin["rows"]} if origin.get("rows") else {}
        entry["where_read"] = places(origin["where_read"])
        origins.append(_same_lines(origin, entry))
    if origins:
        words["origins"] = _same_lines(provenance["origins"], origins)
    if provenance.get("annotations"):
        words["annotations"] = _same_lines(
            provenance["annotations"],
            [_same_lines(note, {"what": note["what"]}) for note in provenance["annotations"]],
        )
    for key in PROVENANCE_LISTS:
        if provenance.get(key):
            words[key] = provenance[key]
    for key in PROVENANCE_TEXT:
        if key in provenance:
            words[key] = provenance[key]
    boundaries = provenance.get("boundaries")
    if boundaries:
        words["boundaries"] = _same_lines(
            boundaries,
            {
                "where_read": places(boundaries["where_read"]),
                "processing": boundaries["processing"],
                "license": boundaries["license"],
            },
        )
    return words


def translated_provenance(provenance: dict, lang: str) -> tuple[dict, str]:
    """provenance.yml as the ``lang`` edition's reader sees it, and the language of its words:
    ``lang`` when provenance.yml has its block (the pre-build check has made sure it is complete),
    English otherwise (a chart outside any edition's check: the page marks those words English)."""
    block = provenance.get(lang) if lang != ENGLISH else None
    if not isinstance(block, dict):
        return provenance, ENGLISH
    out = copy.deepcopy({k: v for k, v in provenance.items() if k not in languages_of(provenance)})
    _overlay(out, block)
    return out, lang


def _overlay(target: Any, words: Any) -> None:
    """Lay the words of a language block over a copy of the English, key for key, item for item."""
    if isinstance(target, dict) and isinstance(words, dict):
        for key, value in words.items():
            if key in target and isinstance(target[key], (dict, list)):
                _overlay(target[key], value)
            elif key in target:
                target[key] = value
    elif isinstance(target, list) and isinstance(words, list):
        for index, value in enumerate(words[: len(target)]):
            if isinstance(target[index], (dict, list)):
                _overlay(target[index], value)
            else:
                target[index] = value


def provenance_problems(chart_id: str, path: Path, provenance: dict, lang: str) -> Iterator[Problem]:
    """Every word of provenance.yml has its text in the ``lang`` block, and the block has nothing else."""
    block = provenance.get(lang)
    if not isinstance(block, dict):
        yield _no_block(f"chart '{chart_id}' provenance", path, lang, "what a reader sees under “About this data”")
        return
    subject = f"chart '{chart_id}' provenance"
    yield from block_problems(subject, path, _line_of_top_key(path, lang), provenance_words(provenance), block, lang)


def _same_lines(original: Any, copy_: Any) -> Any:
    """``copy_`` as a LineDict/LineList remembering ``original``'s lines (for the messages)."""
    from ..yamlio import LineDict, LineList

    if isinstance(copy_, dict):
        made = LineDict(copy_)
        made.line = getattr(original, "line", 0)
    else:
        made = LineList(copy_)
        made.line = getattr(original, "line", 0)
        made.item_lines = list(getattr(original, "item_lines", []) or [])
    return made


_MISSING, _EXTRA = object(), object()


def _walk(english: dict, block: dict, prefix: str = "", line: int = 0) -> Iterator[tuple[str, Any, Any, int]]:
    """(dotted key, English value, block value, line of the English) for every word; _MISSING or
    _EXTRA where one side lacks it. Lists are compared by length and then item by item
    (``notes[2]``); an item that is a mapping is walked in turn (``origins[0].where_read[1].what``).
    The line is the English mapping's or list's (the loader remembers them), 0 when unknown."""
    line = getattr(english, "line", 0) or line
    for key, value in english.items():
        name = f"{prefix}{key}"
        here = getattr(value, "line", 0) or line
        if key not in block:
            yield name, value, _MISSING, here
        elif isinstance(value, dict):
            found = block[key]
            if not isinstance(found, dict):
                yield name, value, found, here
            else:
                yield from _walk(value, found, name + ".", here)
        elif isinstance(value, list):
            found = block[key]
            if not isinstance(found, list) or len(found) != len(value):
                yield name, value, found if isinstance(found, list) else [found], here
                continue
            item_lines = getattr(value, "item_lines", None) or [here] * len(value)
            for index, (item, given, item_line) in enumerate(zip(value, found, item_lines)):
                if isinstance(item, dict) and isinstance(given, dict):
                    yield from _walk(item, given, f"{name}[{index}].", item_line)
                else:
                    yield f"{name}[{index}]", item, given, item_line
        else:
            yield name, value, block[key], line
    for key in block:
        if key not in english:
            yield f"{prefix}{key}", None, _EXTRA, line


def _as_yaml(key: str) -> str:
    """Where a dotted key goes in the block, as YAML: ``labels.y_axis`` -> ``labels: {y_axis: …}``;
    ``notes[2]`` -> item 3 of ``notes:``; deeper, step by step: ``origins[0].where_read[1].what``
    -> item 1 of `origins:`, its item 2 of `where_read:`, `what: …`."""
    steps = key.split(".")
    if len(steps) > 1 and any("[" in step for step in steps):
        parts = []
        for step in steps:
            if "[" in step:
                name, index = step.rstrip("]").split("[")
                parts.append(f"item {int(index) + 1} of `{name}:`")
            else:
                parts.append(f"`{step}: …`")
        return ", in it ".join(parts)
    if "[" in key:
        name, index = key.rstrip("]").split("[")
        return f"item {int(index) + 1} of `{name}:`"
    *outer, last = steps
    text = f"{last}: …"
    for name in reversed(outer):
        text = f"{name}: {{{text}}}"
    return f"`{text}`"


def _show(value: Any) -> str:
    if isinstance(value, str):
        text = " ".join(value.split())
        return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"
    if isinstance(value, dict):
        return "each of: " + ", ".join(value)
    return "each item"


def _line_of_top_key(path: Path, key: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for number, text in enumerate(lines, start=1):
        if text.startswith(f"{key}:"):
            return number
    return None


# --- dates -------------------------------------------------------------------------------------


def date_text(value: str, lang: str, *, month: str = "short") -> str:
    """A date of year, month or day precision (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) as the reader
    reads it. English as before: "2 Sep 2025" (``month="short"``) or "2 September 2025" ("long");
    Spanish: "2 sep 2025" or "2 de septiembre de 2025"."""
    parts = [int(p) for p in str(value).split("-")]
    day = datetime.date(*(parts + [1] * (3 - len(parts))))
    if lang == ENGLISH:
        code = "%b" if month == "short" else "%B"
        return day.strftime({1: "%Y", 2: f"{code} %Y", 3: f"%-d {code} %Y"}[len(parts)])
    long_names, short_names = MONTHS[lang]
    if len(parts) == 1:
        return str(day.year)
    if month == "short":
        name = short_names[day.month - 1]
        return f"{name} {day.year}" if len(parts) == 2 else f"{day.day} {name} {day.year}"
    name = long_names[day.month - 1]
    return f"{name} de {day.year}" if len(parts) == 2 else f"{day.day} de {name} de {day.year}"


def localized_date_axes(layout: dict, lang: str) -> dict:
    """For a language other than English: each date axis whose tick format names months (``%b``,
    ``%B``) gets its ticks written out (``tickvals`` and ``ticktext`` in the language), every
    ``dtick`` months from Plotly's default ``tick0`` across the axis's range. Plotly's static
    exporter has no locale, so the static images would otherwise say "Sep"."""
    if lang == ENGLISH:
        return {}
    changes = {}
    for name, axis in layout.items():
        if not name.startswith("xaxis") or not isinstance(axis, dict):
            continue
        form = axis.get("tickformat") or ""
        if axis.get("type") != "date" or ("%b" not in form and "%B" not in form) or not axis.get("range"):
            continue
        step = _months(axis.get("dtick"))
        if not step:
            continue
        low, high = (datetime.date.fromisoformat(str(end)[:10]) for end in axis["range"])
        ticks = list(_month_starts(low, high, step))
        changes[name] = dict(
            tickmode="array",
            tickvals=[t.isoformat() for t in ticks],
            ticktext=[_strftime(t, form, lang) for t in ticks],
        )
    return changes


def _months(dtick: Any) -> int | None:
    if isinstance(dtick, str) and dtick.startswith("M") and dtick[1:].isdigit():
        return int(dtick[1:])
    return None


def _month_starts(low: datetime.date, high: datetime.date, step: int) -> Iterator[datetime.date]:
    """First days of months counted every ``step`` months from January 2000 (Plotly's tick0)."""
    index = (low.year - 2000) * 12 + (low.month - 1)
    index -= index % step
    while True:
        year, month = 2000 + index // 12, index % 12 + 1
        tick = datetime.date(year, month, 1)
        if tick > high:
            return
        if tick >= low:
            yield tick
        index += step


def _strftime(day: datetime.date, form: str, lang: str) -> str:
    long_names, short_names = MONTHS[lang]
    text = form.replace("%B", long_names[day.month - 1]).replace("%b", short_names[day.month - 1])
    return day.strftime(text)


def plotly_locale(lang: str) -> dict | None:
    """The Plotly locale for the interactive chart (``Plotly.register`` in charts.js): month and
    day names for date axes and hovers; numbers as Mexican usage writes them (33,550 and 11.1)."""
    if lang == ENGLISH:
        return None
    months, short_months = MONTHS[lang]
    days, short_days = DAYS[lang]
    return {
        "moduleType": "locale",
        "name": lang,
        "dictionary": {},
        "format": {
            "days": days,
            "shortDays": short_days,
            "months": months,
            "shortMonths": short_months,
            "date": "%d/%m/%Y",
            "decimal": ".",
            "thousands": ",",
        },
    }
