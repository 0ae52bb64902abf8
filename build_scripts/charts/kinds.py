"""Declarative charts: the ``figure:`` block of chart.yml, drawn for one theme variant.

A block names a kind (line, bar, stacked-bar, or map: see ``maps.py``), the x column, the y axis, the series, and the
marks drawn over them: bands (spans such as presidential terms), events (dated lines) and
thresholds (a value, optionally with brackets counting runs of years above it). Every mark
carries the registry id of its source (``figure_problems`` refuses an unknown one, at its line);
every word is a key under ``labels:``; axis ranges follow the data, so a new row extends the
figure with no code change. The shared idioms live here once: ``_short`` labels on phones,
smaller annotation text, legend-only entries, a label under a gap in a series.

A bar figure may also compare categories instead of years: its x column is then a text column
(one bar, or one group of bars, per row, in the order of data.csv), optionally drawn
``orientation: horizontal`` so that long category labels read on a phone, each wrapped at
``x.wrap`` characters; a series' ``hover_text`` column adds each row's own words to its hover
box (a poll's exact question, for instance).

Only the layout changes between variants (colours, sizes, label texts); trace data do not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import plotly.graph_objects as go

from ..errors import Problem, problem_at
from ..yamlio import line_of
from .theme import SERIES, Theme

COLOURS = ("blue", "orange", "green", "gold", "pink", "grey")  # names of theme.SERIES, in order
X_PAD = {"line": 0.5, "bar": 0.6, "stacked-bar": 0.6}  # room beyond the first and last x
MARK_PAD = 0.15  # room beyond the last dated mark (an event line at the right edge)
Y_HEADROOM = 1.06  # the y axis ends 6% above the highest value or threshold
LABEL_HEADROOM = 1.14  # more room when each bar's value is written beyond its end
HOVER_TEXT_WRAP = 48  # characters per line of a hover_text cell: the box fits a phone
RUN_ROWS = (0.23, 0.10)  # heights (fraction of the plot) of the run brackets, first series on top
RUN_TICK = 0.018


# --- the words ---------------------------------------------------------------------------------


def label_for(chart, key: str, theme: Theme) -> str:
    """The text of a label key; on a phone, the key's ``_short`` version when chart.yml has one."""
    short = f"{key}_short"
    if theme.narrow and short in chart.meta.get("labels", {}):
        return chart.label(short)
    return chart.label(key)


def small(theme: Theme) -> int:
    """Font size of annotations and legend text."""
    return theme.font_size - (2 if theme.narrow else 1)


def per_width(value: Any, theme: Theme) -> Any:
    """A value given once, or as {wide: …, narrow: …}."""
    if isinstance(value, dict):
        return value["narrow" if theme.narrow else "wide"]
    return value


def colour_of(series: dict, index: int) -> str:
    """A series' colour: the one it names, else the next in order. The same in every theme variant
    (each is readable on both backgrounds), so trace data never depend on the theme."""
    name = series.get("colour", COLOURS[index % len(COLOURS)])
    return SERIES[COLOURS.index(name)]


# --- positions on the x axis -------------------------------------------------------------------


def position(when: str | int) -> float:
    """A date (YYYY, YYYY-MM or YYYY-MM-DD) as a decimal year, to sit on an axis of years.
    A bare year is the year itself (its point on the axis), not 1 January."""
    text = str(when)
    if len(text) == 4:
        return float(int(text))
    parts = [int(p) for p in text.split("-")] + [1]
    day = date(parts[0], parts[1], parts[2])
    start = date(day.year, 1, 1)
    return day.year + (day - start).days / (date(day.year + 1, 1, 1) - start).days


def x_range(spec: dict, xs: list[float]) -> list[float]:
    """From just before the first x to just after the last x or dated mark, whichever is later."""
    pad = X_PAD[spec["kind"]]
    marks = [position(e["at"]) for e in spec.get("events", [])]
    marks += [position(b["to"]) for b in spec.get("bands", [])]
    high = max([max(xs) + pad] + [m + MARK_PAD for m in marks])
    return [min(xs) - pad, high]


def categorical(spec: dict, meta: dict) -> bool:
    """True when the x column holds text (categories, one per row) rather than numbers."""
    return meta["columns"][spec["x"]["column"]]["type"] == "string"


def horizontal(spec: dict) -> bool:
    return spec.get("orientation", "vertical") == "horizontal"


def wrapped(text: str, width: int) -> str:
    """A category label broken into lines of at most ``width`` characters (at spaces), joined by <br>."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


# How long category labels down the side of a horizontal bar chart stay apart, in any language.
TICK_LINE = 1.3  # Plotly's spacing of a tick label's lines, in font sizes
AXIS_ALLOWANCE = 60  # px below the bars: the values' ticks and the axis title
WIDEST_WRAP = 1.5  # a label may be wrapped at up to this times `x.wrap` to keep to its lines
VALUE_TITLE_NARROW = 26  # characters per line of the value axis' title on a phone (the bars' width)


def label_lines(chart, spec: dict, theme: Theme, count: int) -> int:
    """How many lines a category label may take before it runs into the next one: the chart's
    height (``height`` / ``narrow_height``) shared among ``count`` categories."""
    height = chart.narrow_height if theme.narrow else chart.height
    plot = height - per_width(spec.get("top_margin", 40), theme) - AXIS_ALLOWANCE
    return max(1, int((plot / count - 4) // ((theme.font_size - 1) * TICK_LINE)))


def fitting_wrap(texts: list[str], width: int, lines: int) -> int:
    """``width`` (``x.wrap``), or a wider one up to ``WIDEST_WRAP`` times it, so that every text
    takes at most ``lines`` lines: a translation longer than the English (a Spanish poll's
    question) keeps its labels apart instead of overlapping the next category's."""
    widest = int(width * WIDEST_WRAP)
    while width < widest and max(wrapped(t, width).count("<br>") + 1 for t in texts) > lines:
        width += 1
    return width


def y_range(spec: dict, chart) -> list[float]:
    """From zero to a little above the highest value (or stacked total, or threshold)."""
    columns = [s["column"] for s in spec["series"]]
    if spec["kind"] == "stacked-bar":
        highs = [sum(row[c] or 0 for c in columns) for row in chart.data.rows]
    else:
        highs = [v for c in columns for v in chart.data.column(c) if v is not None]
    highs += [t["y"] for t in spec.get("thresholds", [])]
    return [0, max(highs) * (LABEL_HEADROOM if spec.get("bar_labels") else Y_HEADROOM)]


# --- drawing -----------------------------------------------------------------------------------


def draw(chart, theme: Theme) -> go.Figure:
    """The figure chart.yml's ``figure:`` block describes, for one theme variant."""
    spec = chart.meta["figure"]
    if spec["kind"] == "map":
        from .maps import draw_map

        return draw_map(chart, theme)
    figure = go.Figure()
    xs = chart.data.column(spec["x"]["column"])
    keys = []
    for index, series in enumerate(spec["series"]):
        trace, key = _bar(chart, spec, series, index) if "bar" in spec["kind"] else _line(chart, spec, series, index)
        figure.add_trace(trace)
        if key:
            keys.append(key)
    for key in keys:
        figure.add_trace(key)
    x_low, x_high = (None, None) if categorical(spec, chart.meta) else x_range(spec, xs)
    _bands(figure, chart, spec, theme, x_low)
    _events(figure, chart, spec, theme)
    _thresholds(figure, chart, spec, theme)
    _gaps(figure, chart, spec, theme)
    if spec["kind"] == "stacked-bar":
        _totals(figure, chart, spec, theme)
    _layout(figure, chart, spec, theme, [x_low, x_high])
    return figure


def _hover(chart, spec: dict, series: dict, words: str | None = None) -> str:
    value_format = spec["y"].get("hover_format", spec["y"].get("format", ","))
    value, place = ("x", "y") if horizontal(spec) else ("y", "x")
    text = f"%{{{value}:{value_format}}}"
    if spec.get("hover") == "point":
        text = f"%{{{place}}}: " + text
    if words is not None:
        text += " " + words
    elif "hover" in series:
        text += " " + chart.label(series["hover"])
    name = chart.label(series["label"]) if series.get("hover_name") else ""
    if name and spec.get("hover") != "point":
        # One box for all series ("x unified"): Plotly would write the <extra> name as
        # "Colombia : 24.9"; the name written into the line reads "Colombia: 24.9".
        return f"{name}: {text}<extra></extra>"
    return text + f"<extra>{name}</extra>"


def _trimmed(chart, spec: dict, column: str) -> list[dict]:
    """The rows from the first to the last with a value in ``column``: empty cells inside are kept
    (a real gap, drawn as a break in the line), empty cells before and after are not drawn."""
    rows = chart.data.rows
    filled = [i for i, row in enumerate(rows) if row[column] is not None]
    return rows[filled[0] : filled[-1] + 1] if filled else []


def _line(chart, spec: dict, series: dict, index: int) -> tuple[go.Scatter, go.Scatter | None]:
    colour = colour_of(series, index)
    column, x_column = series["column"], spec["x"]["column"]
    rows = _trimmed(chart, spec, column)
    values = [row[column] for row in rows]
    draw_as = series.get("draw", "line")
    size = series.get("marker", 4)
    symbol = series.get("symbol", "circle")
    marker: dict[str, Any] = dict(size=size, color=colour)
    hover = _hover(chart, spec, series)
    customdata = None
    key = None
    if symbol != "circle":
        marker.update(symbol=symbol, line=dict(color=colour, width=2.5 if draw_as == "points" else 2))
    opening = series.get("open_when")
    if opening:
        marked = [str(row[opening["column"]]) == opening["equals"] for row in rows]
        marker.update(
            size=[2 * size - 1 if m else size for m in marked],
            symbol=["circle-open" if m else "circle" for m in marked],
            line=dict(color=colour, width=2),
        )
        customdata = [chart.label(opening["hover"]) if m else chart.label(series["hover"]) for m in marked]
        hover = _hover(chart, spec, series, "%{customdata}")
        key = go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=chart.label(opening["key"]),
            hoverinfo="skip",
            marker=dict(size=2 * size - 1, symbol="circle-open", color=colour, line=dict(color=colour, width=2)),
        )
    if series.get("open_below"):
        line_y = spec["thresholds"][0]["y"]
        marker.update(
            symbol=["circle" if v is not None and v > line_y else "circle-open" for v in values],
            line=dict(color=colour, width=2),
        )
    name = chart.label(series["label"])
    if "{value" in name:
        name = name.format(value=next(v for v in reversed(values) if v is not None))
    trace = go.Scatter(
        x=[row[x_column] for row in rows],
        y=values,
        name=name,
        mode="markers" if draw_as == "points" else ("lines+markers" if size else "lines"),
        marker=marker,
        customdata=customdata,
        hovertemplate=hover,
    )
    if draw_as != "points":
        trace.update(line=dict(color=colour, width=2.5, dash="dash" if draw_as == "dashed" else None))
        if any(v is None for v in values):
            trace.update(connectgaps=False)
    return trace, key


def _bar(chart, spec: dict, series: dict, index: int) -> tuple[go.Bar, go.Bar | None]:
    colour = colour_of(series, index)
    column, x_column = series["column"], spec["x"]["column"]
    rows = _trimmed(chart, spec, column)
    marker: dict[str, Any] = dict(color=colour, line=dict(color=colour, width=1))
    hover = _hover(chart, spec, series)
    customdata = None
    key = None
    hatching = series.get("hatch_when")
    if hatching:
        marked = [str(row[hatching["column"]]) == hatching["equals"] for row in rows]
        marker["pattern"] = dict(shape=["/" if m else "" for m in marked], **HATCH)
        customdata = [chart.label(hatching["hover"]) if m else "" for m in marked]
        hover = _hover(chart, spec, series, "%{customdata}")
        if index == next(i for i, s in enumerate(spec["series"]) if "hatch_when" in s):
            key = go.Bar(
                x=[None],
                y=[None],
                name=chart.label(hatching["key"]),
                hoverinfo="skip",
                marker=dict(color=GREY, line=dict(color=GREY, width=1), pattern=dict(shape="/", **HATCH)),
            )
    if "hover_text" in series:
        customdata = [wrapped(row[series["hover_text"]] or "", HOVER_TEXT_WRAP) for row in rows]
        words = chart.label(series["hover"]) + "<br>" if "hover" in series else ""
        hover = _hover(chart, spec, series, words + "%{customdata}")
    places, values = [row[x_column] for row in rows], [row[column] for row in rows]
    trace = go.Bar(
        x=values if horizontal(spec) else places,
        y=places if horizontal(spec) else values,
        orientation="h" if horizontal(spec) else None,
        name=chart.label(series["label"]),
        marker=marker,
        customdata=customdata,
        hovertemplate=hover,
    )
    if spec.get("bar_labels"):
        value_format = spec["y"].get("hover_format", spec["y"].get("format", ","))
        axis = "x" if horizontal(spec) else "y"
        trace.update(texttemplate=f"%{{{axis}:{value_format}}}", textposition="outside", cliponaxis=False)
    return trace, key


# White stripes over the bar's own colour: "overlay", because plotly.js's default ("replace")
# draws the stripes on a transparent background in the browser, losing the colour.
GREY = SERIES[COLOURS.index("grey")]  # the legend key of hatching, whatever the bars' colours
HATCH = dict(fillmode="overlay", fgcolor="#ffffff", fgopacity=0.55, size=6, solidity=0.3)


def _bands(figure: go.Figure, chart, spec: dict, theme: Theme, x_low: float) -> None:
    fill = "rgba(127,127,127,0.13)" if theme.scheme == "light" else "rgba(200,200,200,0.10)"
    for band in spec.get("bands", []):
        x0, x1 = max(position(band["from"]), x_low), position(band["to"])
        if band.get("shaded"):
            figure.add_vrect(x0=x0, x1=x1, fillcolor=fill, line_width=0, layer="below")
        figure.add_annotation(
            x=(x0 + x1) / 2,
            y=1,
            yref="paper",
            yanchor="bottom",
            text=label_for(chart, band["label"], theme),
            showarrow=False,
            font=dict(color=theme.muted, size=small(theme) - 1),
        )


def _events(figure: go.Figure, chart, spec: dict, theme: Theme) -> None:
    for event in spec.get("events", []):
        at = position(event["at"])
        colour = theme.accent if event.get("style", "accent") == "accent" else theme.muted
        dotted = event.get("line", "dotted") == "dotted"
        figure.add_vline(x=at, line=dict(color=colour, width=1.5 if dotted else 1, dash="dot" if dotted else None))
        if "label" not in event:
            continue
        left = event.get("side", "right") == "left"
        figure.add_annotation(
            x=at,
            y=per_width(event.get("label_at", 1), theme),
            yref="paper",
            text=label_for(chart, event["label"], theme),
            showarrow=False,
            xanchor="right" if left else "left",
            yanchor="top",
            align="right" if left else "left",
            xshift=-4 if left else 4,
            font=dict(color=colour, size=small(theme)),
        )


def _thresholds(figure: go.Figure, chart, spec: dict, theme: Theme) -> None:
    colours = {s["column"]: colour_of(s, i) for i, s in enumerate(spec["series"])}
    x_column = spec["x"]["column"]
    for threshold in spec.get("thresholds", []):
        figure.add_hline(y=threshold["y"], line=dict(color=theme.accent, width=1.5, dash="dot"))
        figure.add_annotation(
            x=1,
            xref="paper",
            y=threshold["y"],
            text=label_for(chart, threshold["label"], theme),
            showarrow=False,
            xanchor="right",
            yanchor="top",
            yshift=-2,
            font=dict(color=theme.accent, size=small(theme)),
        )
        for row, run in enumerate(threshold.get("runs", [])):
            found = run_ending(
                chart.data.column(x_column), chart.data.column(run["series"]), threshold["y"], run["ending"]
            )
            if found:
                _bracket(figure, chart, theme, run, found, RUN_ROWS[row % len(RUN_ROWS)], colours[run["series"]])


def run_ending(xs: list, values: list, above: float, last: int) -> tuple[int, int, int] | None:
    """The unbroken run of consecutive x above ``above`` that ends at ``last``: (first, last, count)."""
    over = {x for x, v in zip(xs, values) if v is not None and v > above}
    if last not in over:
        return None
    first = last
    while first - 1 in over:
        first -= 1
    return first, last, last - first + 1


def _bracket(figure, chart, theme, run, found, height, colour) -> None:
    first, last, count = found
    ends = (first - 0.15, last + 0.15)
    figure.add_shape(
        type="line", yref="paper", x0=ends[0], x1=ends[1], y0=height, y1=height, line=dict(color=colour, width=3)
    )
    for end in ends:
        figure.add_shape(
            type="line",
            yref="paper",
            x0=end,
            x1=end,
            y0=height - RUN_TICK,
            y1=height + RUN_TICK,
            line=dict(color=colour, width=2),
        )
    figure.add_annotation(
        x=(first + last) / 2,
        y=height,
        yref="paper",
        yshift=4,
        yanchor="bottom",
        text=label_for(chart, run["label"], theme).format(count=count, first=first, last=last),
        showarrow=False,
        font=dict(color=theme.ink, size=small(theme)),
    )


def _gaps(figure: go.Figure, chart, spec: dict, theme: Theme) -> None:
    """A label under each run of empty cells inside a series that asks for one."""
    x_column = spec["x"]["column"]
    for index, series in enumerate(spec["series"]):
        if "gap_label" not in series:
            continue
        rows = _trimmed(chart, spec, series["column"])
        gap = [row[x_column] for row in rows if row[series["column"]] is None]
        if not gap:
            continue
        figure.add_annotation(
            x=(gap[0] + gap[-1]) / 2,
            y=0,
            yref="y",
            yanchor="bottom",
            yshift=2,
            text=label_for(chart, series["gap_label"], theme).format(first=gap[0], last=gap[-1]),
            showarrow=False,
            font=dict(color=colour_of(series, index), size=small(theme) - 1),
        )


def _totals(figure: go.Figure, chart, spec: dict, theme: Theme) -> None:
    columns = [s["column"] for s in spec["series"]]
    for row in chart.data.rows:
        total = sum(row[c] or 0 for c in columns)
        figure.add_annotation(
            x=row[spec["x"]["column"]],
            y=total,
            text=f"{total:,.0f}",
            showarrow=False,
            yanchor="bottom",
            yshift=1,
            textangle=-90 if theme.narrow else 0,
            font=dict(color=theme.muted, size=small(theme) - 1),
        )


def _layout(figure: go.Figure, chart, spec: dict, theme: Theme, x_axis_range: list[float]) -> None:
    y = spec["y"]
    yaxis: dict[str, Any] = dict(title=dict(text=chart.label(y["title"])), range=y_range(spec, chart))
    if "format" in y:
        yaxis["tickformat"] = y["format"]
    if "ticks" in y:
        yaxis["dtick"] = per_width(y["ticks"], theme)
    xaxis: dict[str, Any] = dict(range=x_axis_range) if x_axis_range[0] is not None else dict(type="category")
    if "ticks" in spec["x"]:
        xaxis["dtick"] = per_width(spec["x"]["ticks"], theme)
    if "title" in spec["x"]:
        xaxis["title"] = dict(text=chart.label(spec["x"]["title"]))
    if "wrap" in spec["x"]:
        places = chart.data.column(spec["x"]["column"])
        width = per_width(spec["x"]["wrap"], theme)
        if horizontal(spec) and places:
            width = fitting_wrap(places, width, label_lines(chart, spec, theme, len(places)))
        xaxis.update(tickvals=places, ticktext=[wrapped(p, width) for p in places])
    unified = "y unified" if horizontal(spec) else "x unified"
    if horizontal(spec):
        if theme.narrow:  # the value axis' title, centred under the bars, must not run off a phone's edge
            yaxis["title"]["text"] = wrapped(yaxis["title"]["text"], VALUE_TITLE_NARROW)
        # categories down the side, first row on top; values along the bottom, with their grid
        xaxis.update(autorange="reversed", automargin=True, showgrid=False)
        yaxis.update(showgrid=True)
        xaxis, yaxis = yaxis, xaxis
    layout: dict[str, Any] = dict(
        hovermode="closest" if spec.get("hover") == "point" else unified,
        margin=dict(t=per_width(spec.get("top_margin", 40), theme)),
        yaxis=yaxis,
        xaxis=xaxis,
    )
    if spec.get("legend", True):
        layout["legend"] = dict(font=dict(size=small(theme)), traceorder="normal")
    else:
        layout["showlegend"] = False
    if "bar" in spec["kind"]:
        layout.update(barmode="stack" if spec["kind"] == "stacked-bar" else "group", bargap=0.25)
    figure.update_layout(layout)


# --- checking a figure block against its chart -------------------------------------------------


def figure_problems(meta: dict, registry, path) -> Iterator[Problem]:
    """Every column, label key and source id the block names must exist; each problem at its line."""
    spec = meta["figure"]
    columns, labels = meta["columns"], meta.get("labels", {})
    series_fields = [
        f
        for f in ("x", "y", "series", "hover", "legend", "top_margin", "bands", "events", "thresholds")
        + ("orientation", "bar_labels")
        if f in spec
    ]
    map_fields = [f for f in ("boundaries", "regions", "values") if f in spec]
    wrong = map_fields if spec["kind"] != "map" else series_fields
    if wrong:
        listed = ", ".join(f"`{f}`" for f in wrong)
        yield problem_at(path, line_of(spec))(
            f"figure: {listed} {'does' if len(wrong) == 1 else 'do'} not apply to a {spec['kind']} figure",
            fix=f"remove {'it' if len(wrong) == 1 else 'them'} (docs/adding-a-chart.md lists the fields of each kind)",
        )
        return

    def at(item) -> Callable[..., Problem]:
        return problem_at(path, line_of(item) or line_of(spec))

    def column(name: str, item, numeric: bool = False) -> Iterator[Problem]:
        if name not in columns:
            yield at(item)(
                f"figure: column '{name}' is not a column of data.csv", fix=f"use one of: {', '.join(columns)}"
            )
        elif numeric and columns[name]["type"] not in ("integer", "number"):
            yield at(item)(
                f"figure: column '{name}' is of type {columns[name]['type']}, and a figure draws numbers",
                fix=f"give '{name}' the type integer or number under `columns:`",
            )

    def label(key: str, item) -> Iterator[Problem]:
        if key not in labels:
            message = f"figure: label '{key}' is not defined under `labels:`"
            yield at(item)(message, fix=f"add `{key}: …` under `labels:` in chart.yml")

    if spec["kind"] == "map":
        yield from column(spec["regions"]["column"], spec["regions"])
        yield from column(spec["values"]["column"], spec["values"], numeric=True)
        for field in ("title", "hover"):
            if field in spec["values"]:
                yield from label(spec["values"][field], spec["values"])
        return
    x_name = spec["x"]["column"]
    text_x = x_name in columns and columns[x_name]["type"] == "string"
    if text_x and "bar" in spec["kind"]:
        for group in ("bands", "events", "thresholds"):
            if spec.get(group):
                yield at(spec[group])(
                    f"figure: `{group}:` needs an x axis of numbers, and the x column '{x_name}' holds text",
                    fix=f"remove `{group}:`, or make x a column of years",
                )
        if "ticks" in spec["x"]:
            yield at(spec["x"])(
                f"figure: `x: ticks:` spaces numbers, and the x column '{x_name}' holds text",
                fix="remove `ticks:` (every category is labelled); use `wrap:` for long labels",
            )
    else:
        yield from column(x_name, spec["x"], numeric=True)
    for key in ("wrap", "orientation", "bar_labels"):
        where_set = spec["x"] if key == "wrap" else spec
        if (
            key in where_set
            and not (text_x and "bar" in spec["kind"])
            and not (key == "bar_labels" and spec["kind"] == "bar")
        ):
            yield at(where_set)(
                f"figure: `{key}:` is for bar figures whose x column holds text (categories)",
                fix=f"remove `{key}:`, or give the x column the type string in a bar figure",
            )
    yield from label(spec["y"]["title"], spec["y"])
    if "title" in spec["x"]:
        yield from label(spec["x"]["title"], spec["x"])
    for series in spec["series"]:
        yield from column(series["column"], series, numeric=True)
        if "hover_text" in series:
            yield from column(series["hover_text"], series)
        for key in ("label", "hover", "gap_label"):
            if key in series:
                yield from label(series[key], series)
        for rule in (series[name] for name in ("open_when", "hatch_when") if name in series):
            yield from column(rule["column"], rule)
            yield from label(rule["hover"], rule)
            yield from label(rule["key"], rule)
        if series.get("open_below") and not spec.get("thresholds"):
            message = "figure: a series has `open_below: true` but the figure has no threshold"
            yield at(series)(message, fix="add a `thresholds:` entry, or remove `open_below`")
    series_columns = {s["column"] for s in spec["series"]}
    for group in ("bands", "events", "thresholds"):
        for mark in spec.get(group, []):
            if mark["source"] not in registry:
                yield registry.unknown_id_error(mark["source"], file=path, line=line_of(mark) or line_of(spec))
            if "label" in mark:
                yield from label(mark["label"], mark)
            for run in mark.get("runs", []):
                yield from label(run["label"], run)
                if run["series"] not in series_columns:
                    message = f"figure: run counts series '{run['series']}', which the figure does not draw"
                    yield at(run)(message, fix=f"use one of: {', '.join(sorted(series_columns))}")
    for band in spec.get("bands", []):
        if position(band["to"]) <= position(band["from"]):
            message = f"figure: band '{band['label']}' ends ({band['to']}) before it starts ({band['from']})"
            yield at(band)(message, fix="swap `from:` and `to:`")


def mark_sources(meta: dict) -> list[tuple[str, str, str]]:
    """(source id, label key, date or value) of every mark a declarative figure draws, in order."""
    spec = meta.get("figure") or {}
    marks = []
    for band in spec.get("bands", []):
        marks.append((band["source"], band["label"], f"{band['from']} to {band['to']}"))
    for event in spec.get("events", []):
        marks.append((event["source"], event.get("label", ""), str(event["at"])))
    for threshold in spec.get("thresholds", []):
        marks.append((threshold["source"], threshold["label"], f"{threshold['y']:,}"))
    return marks
