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

:func:`words_problems` is the pre-build check (a missing or leftover key stops the build, naming
the chart, the file, the key and the fix); :func:`translated_meta` is chart.yml as the edition's
reader sees it. Numbers need nothing: Mexican usage writes 33,550 and 11.1 as English does.
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
CELLS = "cells"  # in a language block: translations of data.csv's text cells, by column and English text
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


def translated_rows(rows: list[dict], meta: dict, lang: str) -> list[dict]:
    """data.csv's rows as the ``lang`` edition's reader sees them: the text cells of the columns
    under ``cells:`` in the language block replaced by their translation (the CSV download keeps
    the rows as written)."""
    cells = (meta.get(lang) or {}).get(CELLS) or {}
    if not cells:
        return rows
    return [
        {
            name: (cells[name].get(value, value) if name in cells and isinstance(value, str) else value)
            for name, value in row.items()
        }
        for row in rows
    ]


def cells_problems(chart_id: str, path: Path, meta: dict, lang: str, rows: list[dict]) -> Iterator[Problem]:
    """A column under ``cells:`` is a text column of data.csv, and every text it holds has its
    translation (keyed by the English text, so a changed cell is named); none is left over."""
    language = LANGUAGE_NAMES.get(lang, lang)
    cells = (meta.get(lang) or {}).get(CELLS) or {}
    line = _line_of_top_key(path, lang)
    for name, table in cells.items():
        spec = meta["columns"].get(name)
        if not spec or spec["type"] != "string" or not isinstance(table, dict):
            yield Problem(
                f"chart '{chart_id}': `{lang}: cells:` names '{name}', which is not a text column of data.csv",
                file=path,
                line=line,
                fix="list only `type: string` columns, each as a mapping of its English texts to their translations",
            )
            continue
        written = list(dict.fromkeys(row[name] for row in rows if row.get(name)))
        for text in written:
            if not isinstance(table.get(text), str) or not table[text].strip():
                yield Problem(
                    f"chart '{chart_id}': no {language} text for the cell “{text}” of column '{name}'",
                    file=path,
                    line=line,
                    fix=f'under `{lang}: cells: {name}:`, add "{text}": <its {language} text> (as data.csv writes it)',
                )
        for text in table:
            if text not in written:
                yield Problem(
                    f"chart '{chart_id}': `{lang}: cells: {name}:` translates “{text}”, which data.csv does not have",
                    file=path,
                    line=line,
                    fix="remove it, or write it as the cell now reads in data.csv",
                )


def words_problems(
    chart_id: str, path: Path, meta: dict, lang: str, rows: list[dict] | None = None
) -> Iterator[Problem]:
    """Every word of chart.yml has its text in the ``lang`` block, and the block has nothing else;
    the text cells it translates (``cells:``) are all there when ``rows`` (data.csv's) are given."""
    language = LANGUAGE_NAMES.get(lang, lang)
    block = meta.get(lang)
    line = _line_of_top_key(path, lang)
    if not isinstance(block, dict):
        yield Problem(
            f"chart '{chart_id}' has no {language} text (no `{lang}:` block)",
            file=path,
            line=None,
            fix=f"add an `{lang}:` block at the end of chart.yml with the {language} text of every word "
            "(docs/translating.md, 'Charts')",
        )
        return
    if rows is not None:
        yield from cells_problems(chart_id, path, meta, lang, rows)
    english = words_of(meta)
    for key, expected, found in _walk(english, {k: v for k, v in block.items() if k != CELLS}):
        if found is _MISSING:
            yield Problem(
                f"chart '{chart_id}': no {language} text for '{key}'",
                file=path,
                line=line,
                fix=f"under `{lang}:`, add {_as_yaml(key)} with the {language} text of {_show(expected)}",
            )
        elif found is _EXTRA:
            yield Problem(
                f"chart '{chart_id}': `{lang}:` has '{key}', which chart.yml does not have in English",
                file=path,
                line=line,
                fix=f"remove '{key}' from the `{lang}:` block, or correct its name",
            )
        elif isinstance(expected, dict):
            yield Problem(
                f"chart '{chart_id}': '{key}' under `{lang}:` must be a mapping, as in English",
                file=path,
                line=line,
                fix=f"give the {language} text of {_show(expected)}",
            )
        elif isinstance(expected, list) and len(found) != len(expected):
            yield Problem(
                f"chart '{chart_id}': '{key}' has {len(expected)} items in English and {len(found)} under `{lang}:`",
                file=path,
                line=line,
                fix=f"give one {language} item for each English item, in the same order",
            )
        elif not isinstance(found, str) or not found.strip():
            yield Problem(
                f"chart '{chart_id}': the {language} text for '{key}' is empty or not text",
                file=path,
                line=line,
                fix=f"write the {language} text of {_show(expected)}",
            )


_MISSING, _EXTRA = object(), object()


def _walk(english: dict, block: dict, prefix: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(dotted key, English value, block value) for every word; _MISSING or _EXTRA where one side lacks it.
    Lists are compared by length and then item by item (``notes[2]``)."""
    for key, value in english.items():
        name = f"{prefix}{key}"
        if key not in block:
            yield name, value, _MISSING
        elif isinstance(value, dict):
            found = block[key]
            if not isinstance(found, dict):
                yield name, value, found
            else:
                yield from _walk(value, found, name + ".")
        elif isinstance(value, list):
            found = block[key]
            if not isinstance(found, list) or len(found) != len(value):
                yield name, value, found if isinstance(found, list) else [found]
            else:
                for index, (item, given) in enumerate(zip(value, found)):
                    yield f"{name}[{index}]", item, given
        else:
            yield name, value, block[key]
    for key in block:
        if key not in english:
            yield f"{prefix}{key}", None, _EXTRA


def _as_yaml(key: str) -> str:
    """Where a dotted key goes in the block, as YAML: ``labels.y_axis`` -> ``labels: {y_axis: …}``;
    ``notes[2]`` -> item 3 of ``notes:``."""
    if "[" in key:
        name, index = key.rstrip("]").split("[")
        return f"item {int(index) + 1} of `{name}:`"
    *outer, last = key.split(".")
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
