"""A timeline of dated events, 1996 to spring 2026, in four lanes. Two panels share the lanes:
1996–2024 (compressed) and 2025 – spring 2026 (expanded), side by side on a desktop and stacked on a
phone. Hovering a point gives the event and names its source (from the source registry).

Why a figure.py and not a `figure:` block: lanes of events on two date axes of different scales,
points spread when crowded and call-out labels placed so they do not collide (`_place`) are
layout decisions no declarative kind makes. Every date still comes from data.csv: the panels'
ranges and the end-of-record line follow the first and the latest event, so a new row extends them.
"""

import textwrap
from datetime import date, timedelta

import plotly.graph_objects as go

LANES = ("lane_mexico", "lane_military", "lane_law", "lane_us")  # bottom to top
SPLIT = "2025-01-01"
ROOM_BEFORE_SPLIT = timedelta(days=22)  # the second panel starts a little before SPLIT
ROOM_AFTER_END = timedelta(days=32)  # and ends a month after the record's latest event
CROWDED_DAYS = 12  # points closer than this in one lane are spread vertically
OFFSETS = (0.0, 0.24, -0.24, 0.12, -0.12)
# Where call-out labels sit, relative to their lane; the last level is below the lane. On a desktop the
# first two are a line of text apart, so a label that drops a level clears the one above it; on a phone
# the first stays under the lane's name, which is written inside the plot at +0.635.
LEVELS = {"wide": (0.47, 0.27, -0.40), "narrow": (0.43, 0.30, -0.40)}
HOVER_WRAP = 46  # characters per line of an event in the hover box, so the box fits a phone's width


def position(value: str) -> date:
    """Where a date is drawn: dates of year or month precision go mid-year or mid-month."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 7, 1)
    if len(parts) == 2:
        return date(parts[0], parts[1], 15)
    return date(*parts)


def shown_date(value: str, approx: bool, chart) -> str:
    text = chart.date_text(value, month="long")  # "2 September 2025"; in Spanish "2 de septiembre de 2025"
    return f"{chart.label('approx_prefix')} {text}" if approx else text


def spread(rows, lane_of):
    """A vertical offset per row, so events close in time in one lane do not hide each other."""
    offsets, last = [], {}
    for row in rows:
        lane, when = lane_of[row["lane"]], position(row["date"])
        previous = last.get(lane)
        if previous and when - previous[0] < timedelta(days=CROWDED_DAYS):
            step = (previous[1] + 1) % len(OFFSETS)
        else:
            step = 0
        last[lane] = (when, step)
        offsets.append(lane + OFFSETS[step])
    return offsets


def _place(centre, text_width, width, taken, levels, pad=10):
    """The first level and anchor at which a label fits: inside its panel, clear of labels already
    placed at that level, and not crossed by the leader line of a label placed above it."""
    for level in range(len(levels)):
        for anchor in ("center", "right", "left"):
            left = {"left": centre, "right": centre - text_width, "center": centre - text_width / 2}[anchor]
            right = left + text_width
            if left < 0 or right > width:
                continue
            if any(
                other_level == level and left < other_right + pad and right > other_left - pad
                for other_left, other_right, other_level, _ in taken
            ):
                continue
            if any(other_level < level and left - pad < leader < right + pad for _, _, other_level, leader in taken):
                continue  # a leader line from a label above would cross this one
            if any(
                other_level > level and other_left - pad < centre < other_right + pad
                for other_left, other_right, other_level, _ in taken
            ):
                continue  # this label's leader line would cross a label below it
            return level, anchor, left
    return len(levels) - 1, "center", centre - text_width / 2


def _plot_width(theme) -> float:
    """Rough width in pixels of the plotting area (margins and lane names taken off)."""
    return theme.width - (55 if theme.narrow else 180)


def panel_ranges(rows) -> tuple[list[str], list[str], str]:
    """The two panels' date ranges and the end of the record (the latest event), from the data: the
    first panel from the middle of the year before the first event to the split, the second from
    just before the split to a month after the latest event."""
    days = sorted(position(r["date"]) for r in rows)
    split = date.fromisoformat(SPLIT)
    before = [date(days[0].year - 1, 7, 1).isoformat(), (split - timedelta(days=1)).isoformat()]
    after = [(split - ROOM_BEFORE_SPLIT).isoformat(), (days[-1] + ROOM_AFTER_END).isoformat()]
    return before, after, days[-1].isoformat()


def build(chart, theme):
    lane_of = {chart.data_label(key): index for index, key in enumerate(LANES)}  # data.csv's lane names
    unknown = {r["lane"] for r in chart.data.rows} - set(lane_of)
    if unknown:
        raise ValueError(f"lanes {sorted(unknown)} are not among the chart.yml lane labels")
    rows = sorted(chart.data.rows, key=lambda r: (position(r["date"]), r["lane"]))
    before_range, after_range, record_end = panel_ranges(rows)
    y_of = dict(zip(map(id, rows), spread(rows, lane_of)))
    colours = [theme.series[i] for i in (1, 2, 3, 0)]  # Mexico, military, law, U.S.

    figure = go.Figure()
    for panel, (x_axis, y_axis) in enumerate((("x", "y"), ("x2", "y2"))):
        part = [r for r in rows if (position(r["date"]).isoformat() >= SPLIT) == bool(panel)]
        approx = [r["approx"] == "yes" for r in part]
        figure.add_trace(
            go.Scatter(
                x=[position(r["date"]).isoformat() for r in part],
                y=[y_of[id(r)] for r in part],
                xaxis=x_axis,
                yaxis=y_axis,
                mode="markers",
                showlegend=False,
                marker=dict(
                    size=10,
                    color=[colours[lane_of[r["lane"]]] for r in part],
                    symbol=["circle-open" if a else "circle" for a in approx],
                    line=dict(width=2, color=[colours[lane_of[r["lane"]]] for r in part]),
                ),
                text=[
                    f"<b>{shown_date(r['date'], a, chart)}</b> · {chart.label(LANES[lane_of[r['lane']]])}<br>"
                    f"{'<br>'.join(textwrap.wrap(r['event'], HOVER_WRAP))}<br>"
                    f"<i>{chart.label('source_prefix')} {chart.source_label(r['source'])}</i>"
                    for r, a in zip(part, approx)
                ],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    # Legend key for the open markers (no data of its own).
    figure.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=chart.label("approx_key"),
            hoverinfo="skip",
            marker=dict(
                size=10, symbol="circle-open", color=theme.series[5], line=dict(width=2, color=theme.series[5])
            ),
        )
    )

    small = theme.font_size - (2 if theme.narrow else 1)
    lane_ticks = dict(
        tickvals=list(range(len(LANES))),
        ticktext=[chart.label(k) for k in LANES],
        range=[-0.6, len(LANES) - 0.3],
        showgrid=True,
        gridcolor=theme.grid,
        zeroline=False,
        fixedrange=True,
    )
    if theme.narrow:
        # Stacked panels. The upper one has short lane names as ticks; in the lower one the full names
        # are written inside the plot, above each lane, so the points get the full width.
        domains = dict(x=[0, 1], y=[0.77, 1.0], x2=[0, 1], y2=[0.0, 0.68])
        lane_ticks_first = dict(
            lane_ticks,
            ticktext=[chart.label(k + "_short") for k in LANES],
            tickfont=dict(size=small - 1, color=theme.ink),
        )
        lane_ticks_second = dict(lane_ticks, showticklabels=False)
        for index, key in enumerate(LANES):
            figure.add_annotation(
                xref="x2 domain",
                yref="y2",
                x=0,
                y=index + 0.635,
                xanchor="left",
                yanchor="middle",
                showarrow=False,
                text=chart.label(key),
                font=dict(size=small, color=colours[index]),
            )
    else:
        domains = dict(x=[0, 0.27], y=[0, 1], x2=[0.31, 1], y2=[0, 1])
        lane_ticks_first = dict(lane_ticks, showticklabels=True, tickfont=dict(size=small, color=theme.ink))
        lane_ticks_second = dict(lane_ticks, showticklabels=False)
    for axis, key in (("x", "panel_before"), ("x2", "panel_after")):
        figure.add_annotation(
            xref=f"{axis} domain",
            yref="paper",
            x=0.5,
            y=domains["y" if axis == "x" else "y2"][1],
            yanchor="bottom",
            yshift=4,
            showarrow=False,
            text=f"<b>{chart.label(key)}</b>",
            font=dict(size=small, color=theme.ink),
        )
    # Short labels for the key events, above their lane with a line to the point. Placed from the
    # latest back: a label that would overlap one already placed in its lane and panel drops a level,
    # so leader lines (which run down from a label) do not cross the labels below them.
    placed, levels = {}, LEVELS["narrow" if theme.narrow else "wide"]
    for row in reversed(rows):
        if not row["callout"]:
            continue
        when = position(row["date"])
        second = when.isoformat() >= SPLIT
        if theme.narrow and not second:
            continue  # the upper panel is too short on a phone; hovering still gives each event
        low, high = (date.fromisoformat(d) for d in (after_range if second else before_range))
        share = (when - low) / (high - low)  # where the point sits across its panel, 0 to 1
        width = _plot_width(theme) * (domains["x2" if second else "x"][1] - domains["x2" if second else "x"][0])
        centre, text_width = share * width, 0.42 * (small - 1) * len(row["callout"])
        lane = lane_of[row["lane"]]
        taken = placed.setdefault((second, lane), [])
        level, anchor, left = _place(centre, text_width, width, taken, levels)
        taken.append((left, left + text_width, level, centre))
        xref, yref = ("x2", "y2") if second else ("x", "y")
        figure.add_annotation(
            xref=xref,
            yref=yref,
            axref=xref,
            ayref=yref,
            x=when.isoformat(),
            y=y_of[id(row)],
            ax=when.isoformat(),
            ay=lane + levels[level],
            text=row["callout"],
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor=theme.muted,
            standoff=6,
            xanchor=anchor,
            yanchor="bottom" if levels[level] > 0 else "top",
            font=dict(size=small - 1, color=theme.muted),
        )
    figure.add_shape(
        type="line",
        xref="x2",
        yref="y2 domain",
        x0=record_end,
        x1=record_end,
        y0=0,
        y1=1,
        line=dict(color=theme.accent, width=1.5, dash="dot"),
    )
    figure.add_annotation(
        xref="x2",
        yref="y2 domain",
        x=record_end,
        y=0,
        yanchor="bottom",
        xanchor="right",
        xshift=-3,
        showarrow=False,
        text=chart.label("record_end_short" if theme.narrow else "record_end"),
        font=dict(size=small, color=theme.accent),
    )
    figure.update_layout(
        hovermode="closest",
        legend=dict(
            orientation="h",
            yanchor="top",
            y=-0.13 if not theme.narrow else -0.06,
            x=0,
            xanchor="left",
            font=dict(size=small),
        ),
        margin=dict(t=28, b=36),
        xaxis=dict(domain=domains["x"], type="date", range=before_range, dtick="M120", tickformat="%Y", anchor="y"),
        yaxis=dict(domain=domains["y"], anchor="x", **lane_ticks_first),
        xaxis2=dict(
            domain=domains["x2"],
            type="date",
            range=after_range,
            dtick="M3" if theme.narrow else "M2",
            tickformat="%b<br>%Y",
            anchor="y2",
            showgrid=False,
        ),
        yaxis2=dict(domain=domains["y2"], anchor="x2", **lane_ticks_second),
    )
    return figure
