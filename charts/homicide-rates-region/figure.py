"""Homicide rates per 100,000 in Mexico, Colombia and Ecuador (UNODC via OWID), 1990–2023,
with Plan Colombia (2000) and Ecuador's "internal armed conflict" (9 Jan 2024, after the data end)."""

from datetime import date

import plotly.graph_objects as go

PLAN_COLOMBIA = 2000  # the dossier gives the year only
ECUADOR_CONFLICT = date(2024, 1, 9)


def year_fraction(day: date) -> float:
    start = date(day.year, 1, 1)
    return day.year + (day - start).days / (date(day.year + 1, 1, 1) - start).days


def build(chart, theme):
    years = chart.data.column("year")
    figure = go.Figure()
    for index, country in enumerate(("colombia", "mexico", "ecuador")):
        colour = theme.series[[1, 0, 2][index]]
        figure.add_trace(
            go.Scatter(
                x=years,
                y=chart.data.column(country),
                name=chart.label(country),
                mode="lines+markers",
                connectgaps=False,
                line=dict(color=colour, width=2.5),
                marker=dict(size=4, color=colour),
                hovertemplate="%{y:.1f} " + chart.label("hover_unit") + "<extra>" + chart.label(country) + "</extra>",
            )
        )
    small = theme.font_size - (2 if theme.narrow else 1)
    figure.add_vline(x=PLAN_COLOMBIA, line=dict(color=theme.muted, width=1.5, dash="dot"))
    figure.add_annotation(
        x=PLAN_COLOMBIA,
        y=1,
        yref="paper",
        text=chart.label("plan_colombia"),
        showarrow=False,
        xanchor="left",
        yanchor="top",
        xshift=4,
        font=dict(color=theme.muted, size=small),
    )
    conflict = year_fraction(ECUADOR_CONFLICT)
    figure.add_vline(x=conflict, line=dict(color=theme.accent, width=1.5, dash="dot"))
    figure.add_annotation(
        x=conflict,
        y=0.93 if theme.narrow else 1,
        yref="paper",
        text=chart.label("ecuador_conflict_short" if theme.narrow else "ecuador_conflict"),
        showarrow=False,
        xanchor="right",
        yanchor="top",
        xshift=-3,
        font=dict(color=theme.accent, size=small),
    )
    # Label Ecuador's gap (the years with no value) under where the line breaks.
    gap = [y for y, v in zip(years, chart.data.column("ecuador")) if v is None]
    if gap:
        figure.add_annotation(
            x=(gap[0] + gap[-1]) / 2,
            y=0,
            yref="y",
            yanchor="bottom",
            yshift=2,
            text=chart.label("ecuador_gap_short" if theme.narrow else "ecuador_gap").format(first=gap[0], last=gap[-1]),
            showarrow=False,
            font=dict(color=theme.series[2], size=small - 1),
        )
    figure.update_layout(
        hovermode="x unified",
        legend=dict(font=dict(size=small)),
        margin=dict(t=40),
        yaxis=dict(title=dict(text=chart.label("y_axis")), range=[0, 90], dtick=20 if theme.narrow else 10),
        xaxis=dict(dtick=10 if theme.narrow else 5, range=[1989.5, 2024.4]),
    )
    return figure
