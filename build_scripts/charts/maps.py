"""The ``map`` kind: regions of a boundary file filled by a value of data.csv (a choropleth).

Each region is a filled scatter trace on plain axes (x = longitude, y = latitude, the y axis
stretched by 1/cos of the middle latitude), so the map uses only plotly.js's basic bundle and
fetches nothing: Plotly's own ``geo`` traces would fetch their base map from a CDN. The fill
colours come from one sequential scale, the same in every theme variant; the colour bar, whose
title states the unit, lives in the layout (``coloraxis``), so it can sit at the right on a
desktop and under the map on a phone. Hovering anywhere inside a region names it and its value.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from ..errors import BuildError, Problem
from ..yamlio import line_of
from .boundaries import aspect_ratio, centre, outline, read_boundaries
from .theme import Theme

# Sequential scales, pale to deep, that read on light and dark pages alike (the darkest step is
# each series colour of theme.SERIES, or a deeper shade of it).
SCALES = {
    "blue": ["#eef4fb", "#9dc0e8", "#2f6fbf", "#173b6b"],
    "orange": ["#fdf1e7", "#f5b27a", "#d55e00", "#7a3300"],
    "green": ["#e9f7f2", "#8fd6bd", "#009e73", "#00513b"],
    "gold": ["#fbf5e3", "#e5c978", "#b8860b", "#664a06"],
    "pink": ["#fbeef5", "#e5b3cf", "#cc79a7", "#7d3a60"],
    "grey": ["#f2f2f2", "#bdbdbd", "#7f7f7f", "#3d3d3d"],
}
BORDER = dict(color="rgba(127,127,127,0.75)", width=0.6)  # between regions, on either background
PAD = 0.4  # degrees of room around the country
NARROW_BAR = 0.24  # on a phone, the share of the height under the map kept for the colour bar


def colourscale(name: str) -> list[list[Any]]:
    steps = SCALES[name]
    return [[i / (len(steps) - 1), colour] for i, colour in enumerate(steps)]


def value_range(values: list[float]) -> tuple[float, float]:
    """From zero (or the lowest value, when below zero) to the highest value."""
    return min(0.0, min(values)), max(values)


def formatted(value: float, spec: str) -> str:
    """A value in a d3-style number format that Python shares (``,``, ``.1f``, ``,.0f``)."""
    return format(value, spec or ",")


def draw_map(chart, theme: Theme) -> go.Figure:
    spec = chart.meta["figure"]
    regions = read_boundaries(chart.folder / spec["boundaries"])
    region_column, values = spec["regions"]["column"], spec["values"]
    value_column = values["column"]
    scale = colourscale(values.get("colour", "blue"))
    low, high = value_range([row[value_column] for row in chart.data.rows])
    words = f" {chart.label(values['hover'])}" if "hover" in values else ""
    hover_format = values.get("hover_format", values.get("format", ","))
    figure = go.Figure()
    rows = sorted(chart.data.rows, key=lambda row: row[region_column])
    for row in rows:
        name, value = row[region_column], row[value_column]
        xs, ys = outline(regions[name])
        fill = sample_colorscale(scale, [(value - low) / (high - low) if high > low else 1.0])[0]
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                name=name,
                mode="lines",
                fill="toself",
                fillcolor=fill,
                line=BORDER,
                hoveron="fills",
                hoverinfo="text",
                text=f"{name}: {formatted(value, hover_format)}{words}",
            )
        )
    centres = [centre(regions[row[region_column]]) for row in rows]
    # The colour bar belongs to a trace: invisible points at the regions' centres carry it.
    figure.add_trace(
        go.Scatter(
            x=[x for x, _ in centres],
            y=[y for _, y in centres],
            mode="markers",
            marker=dict(color=[row[value_column] for row in rows], coloraxis="coloraxis", size=1, opacity=0),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    _map_layout(figure, chart, theme, regions, scale, (low, high))
    return figure


def _map_layout(figure: go.Figure, chart, theme: Theme, regions, scale, span: tuple[float, float]) -> None:
    values = chart.meta["figure"]["values"]
    xs = [x for polygons in regions.values() for polygon in polygons for ring in polygon for x, _ in ring]
    ys = [y for polygons in regions.values() for polygon in polygons for ring in polygon for _, y in ring]
    hidden = dict(visible=False, fixedrange=True, showgrid=False, zeroline=False, constrain="domain")
    title = chart.label(values["title"])
    if theme.narrow:
        title = chart.meta.get("labels", {}).get(values["title"] + "_short", title)
        colorbar = dict(orientation="h", x=0.5, xanchor="center", y=0, yanchor="bottom", len=0.9, thickness=12)
        colorbar["title"] = dict(text=title, side="top", font=dict(size=theme.font_size - 1, color=theme.ink))
        margin = dict(l=4, r=4, t=8, b=8)
        map_domain = [NARROW_BAR, 1]  # the colour bar sits under the map
    else:
        colorbar = dict(x=1.0, xanchor="left", y=0.5, len=0.8, thickness=14)
        colorbar["title"] = dict(text=title, side="right", font=dict(size=theme.font_size - 1, color=theme.ink))
        margin = dict(l=4, r=8, t=8, b=8)
        map_domain = [0, 1]
    colorbar.update(
        tickformat=values.get("format", ","),
        tickfont=dict(color=theme.muted, size=theme.font_size - 1),
        outlinewidth=0,
    )
    figure.update_layout(
        xaxis=dict(hidden, range=[min(xs) - PAD, max(xs) + PAD]),
        yaxis=dict(
            hidden,
            range=[min(ys) - PAD, max(ys) + PAD],
            scaleanchor="x",
            scaleratio=aspect_ratio(regions),
            domain=map_domain,
        ),
        coloraxis=dict(colorscale=scale, cmin=span[0], cmax=span[1], colorbar=colorbar),
        hovermode="closest",
        dragmode=False,
        showlegend=False,
        margin=margin,
    )


# --- checks: the block against the chart's data and boundary file ------------------------------


def map_problems(meta: dict, data, folder, path) -> Iterator[Problem]:
    """Every region of data.csv must be a region of the boundary file, once, and every region of
    the boundary file must have a row: each problem at its data.csv line, or at the block."""
    spec = meta["figure"]
    boundary_path = folder / spec["boundaries"]
    try:
        regions = read_boundaries(boundary_path)
    except BuildError as error:
        if error.file == boundary_path and not boundary_path.is_file():
            error.file, error.line = path, line_of(spec)
        yield error
        return
    column = spec["regions"]["column"]
    seen: dict[str, int] = {}
    bad_rows = False
    for line_number, row in enumerate(data.rows, start=2):
        name = row[column]
        if name not in regions:
            from difflib import get_close_matches

            guess = get_close_matches(name, list(regions), n=1, cutoff=0.6)
            bad_rows = True
            yield Problem(
                f"column '{column}': region '{name}' is not in the boundary file {spec['boundaries']}",
                file=folder / "data.csv",
                line=line_number,
                fix=(f"did you mean '{guess[0]}'? " if guess else "")
                + f"write the name as the boundary file does ({', '.join(sorted(regions))})",
            )
        elif name in seen:
            bad_rows = True
            yield Problem(
                f"column '{column}': region '{name}' has a second row (the first is line {seen[name]})",
                file=folder / "data.csv",
                line=line_number,
                fix="keep one row per region",
            )
        else:
            seen[name] = line_number
    missing = sorted(set(regions) - set(seen))
    if missing and not bad_rows:
        yield Problem(
            f"figure: the boundary file {spec['boundaries']} has regions with no row in data.csv: "
            + ", ".join(missing),
            file=path,
            line=line_of(spec.get("regions")) or line_of(spec),
            fix="add a row for each (a map leaves no region blank), or remove them from the boundary file",
        )
