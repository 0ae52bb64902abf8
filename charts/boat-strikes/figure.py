"""Reported running totals of people killed in U.S. strikes on boats (a step line through the totals
the sources state), with single-report counts drawn apart; strike and vessel counts are in the hover
text and the data table.

Why a figure.py and not a `figure:` block: the x axis is calendar dates of day, month or year
precision (drawn mid-month or mid-year), the totals are a step line whose marker symbol comes from
two flags at once (approximate date, "at least"), and each point carries a label and a hover text built
from several columns. No declarative kind draws these; the axis ranges still follow the data.
"""

import textwrap
from datetime import date, timedelta

import plotly.graph_objects as go

HOVER_WRAP = 46  # characters per line of a report in the hover box, so the box fits a phone's width


def position(value: str) -> str:
    """Where a date of year or month precision is drawn: mid-year or mid-month."""
    if len(value) == 4:
        return f"{value}-07-01"
    if len(value) == 7:
        return f"{value}-15"
    return value


def shown_date(value: str, approx: bool, chart) -> str:
    text = chart.date_text(value, month="short")  # "2 Sep 2025"; in Spanish "2 sep 2025"
    return f"{chart.label('approx_prefix')} {text}" if approx else text


# Room around the data: before the first date for its label (more on a phone, where the label wraps),
# after the last one, and above the highest count for the labels over the points.
DAYS_BEFORE = {"wide": 23, "narrow": 39}
DAYS_AFTER = 17
HEADROOM = 1.17


def x_range(rows, theme) -> list[str]:
    days = sorted(date.fromisoformat(position(r["date"])) for r in rows)
    before = timedelta(days=DAYS_BEFORE["narrow" if theme.narrow else "wide"])
    return [(days[0] - before).isoformat(), (days[-1] + timedelta(days=DAYS_AFTER)).isoformat()]


def y_high(rows) -> float:
    counts = [r[c] for r in rows for c in ("killed_total", "killed_in_event") if r[c] is not None]
    return max(counts) * HEADROOM


def counted(r, chart) -> list[str]:
    """The running totals of strikes and vessels a report gives ("13 strikes", "≥4 vessels"), for the hover."""
    counts = []
    if r["strikes_total"] is not None:
        one = r["strikes_total"] == 1
        counts.append(chart.label("strikes_one") if one else chart.label("strikes").format(value=r["strikes_total"]))
    if r["vessels_total"] is not None:
        prefix = chart.label("at_least_prefix") if r["vessels_at_least"] == "yes" else ""
        counts.append(chart.label("vessels").format(prefix=prefix, value=r["vessels_total"]))
    return counts


def build(chart, theme):
    rows = chart.data.rows
    totals = [r for r in rows if r["killed_total"] is not None]
    events = [r for r in rows if r["killed_in_event"] is not None]

    def hover(r):
        counts = " · ".join(counted(r, chart))
        return (
            f"<b>{shown_date(r['date'], r['approx'] == 'yes', chart)}</b><br>"
            f"{'<br>'.join(textwrap.wrap(r['as_reported'], HOVER_WRAP))}<br>"
            + (f"{chart.label('counts_prefix')} {counts}<br>" if counts else "")
            + f"{chart.label('source_prefix')} {chart.source_label(r['source'])}"
        )

    colour, grey = theme.series[1], theme.series[5]
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=[position(r["date"]) for r in totals],
            y=[r["killed_total"] for r in totals],
            name=chart.label("totals"),
            mode="lines+markers",
            line=dict(shape="hv", color=colour, width=2.5),
            marker=dict(
                size=12,
                color=colour,
                line=dict(color=colour, width=2.5),
                symbol=[
                    ("diamond" if r["approx"] == "yes" else "circle") + ("-open" if r["at_least"] == "yes" else "")
                    for r in totals
                ],
            ),
            text=[hover(r) for r in totals],
            hovertemplate="%{text}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[position(r["date"]) for r in events],
            y=[r["killed_in_event"] for r in events],
            name=chart.label("events"),
            mode="markers",
            marker=dict(size=10, color=grey, symbol=["diamond" if r["approx"] == "yes" else "square" for r in events]),
            text=[hover(r) for r in events],
            hovertemplate="%{text}<extra></extra>",
        )
    )
    # Legend keys for the marker styles (no data of their own).
    for key, symbol in (("key_at_least", "circle-open"), ("key_approx", "diamond")):
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=chart.label(key),
                hoverinfo="skip",
                marker=dict(size=10, symbol=symbol, color=grey, line=dict(color=grey, width=2)),
            )
        )

    small = theme.font_size - (2 if theme.narrow else 1)
    for r in totals:
        # One line per point: strike and vessel counts (which the reports give for some dates only)
        # stacked under it ran into the next point's label; the hover text and the data table carry them.
        prefix = chart.label("at_least_prefix") if r["at_least"] == "yes" else ""
        figure.add_annotation(
            x=position(r["date"]),
            y=r["killed_total"],
            text=chart.label("killed").format(prefix=prefix, value=r["killed_total"]),
            showarrow=False,
            xanchor="right",
            yanchor="bottom",
            xshift=-6,
            yshift=4,
            align="right",
            font=dict(color=theme.ink, size=small),
        )
    for r in events:  # "3 killed", one line under the step line; the hover and the table say which strike
        figure.add_annotation(
            x=position(r["date"]),
            y=r["killed_in_event"],
            text=chart.label("event_killed").format(value=r["killed_in_event"]),
            showarrow=False,
            xanchor="left",
            yanchor="bottom",  # rising from just below its point, a low count's label stays clear of the axis
            yshift=-5,
            xshift=8,
            align="left",
            font=dict(color=theme.muted, size=small),
        )
    figure.update_layout(
        hovermode="closest",
        legend=dict(font=dict(size=small)),
        margin=dict(t=110 if theme.narrow else 64),
        yaxis=dict(title=dict(text=chart.label("y_axis")), range=[0, y_high(rows)], dtick=20 if theme.narrow else 10),
        xaxis=dict(
            type="date",
            range=x_range(rows, theme),
            tickformat="%b %Y",
            dtick="M1" if not theme.narrow else "M2",
        ),
    )
    return figure
