"""U.S. overdose deaths, final counts 1999–2023, and deaths involving synthetic opioids, with the
2024 provisional counts drawn apart (a different series: provisional, predicted, all deaths in the U.S.)."""

import plotly.graph_objects as go

SECONDARY = "secondary pages only"


def build(chart, theme):
    rows = chart.data.rows
    final = [r for r in rows if r["overdose_deaths_final"] is not None]
    synthetic = [r for r in rows if r["synthetic_opioid_deaths_final"] is not None]
    provisional = [r for r in rows if r["overdose_deaths_provisional"] is not None]
    provisional_syn = [r for r in rows if r["synthetic_opioid_deaths_provisional"] is not None]
    blue, orange = theme.series[0], theme.series[1]

    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=[r["year"] for r in final],
            y=[r["overdose_deaths_final"] for r in final],
            name=chart.label("all_final"),
            mode="lines+markers",
            line=dict(color=blue, width=2.5),
            marker=dict(size=5, color=blue),
            hovertemplate="%{y:,} " + chart.label("hover_all") + "<extra></extra>",
        )
    )
    secondary = [r["synthetic_count_read_in"] == SECONDARY for r in synthetic]
    figure.add_trace(
        go.Scatter(
            x=[r["year"] for r in synthetic],
            y=[r["synthetic_opioid_deaths_final"] for r in synthetic],
            name=chart.label("synthetic_final"),
            mode="lines+markers",
            line=dict(color=orange, width=2.5),
            marker=dict(
                size=[9 if s else 5 for s in secondary],
                color=orange,
                line=dict(color=orange, width=2),
                symbol=["circle-open" if s else "circle" for s in secondary],
            ),
            customdata=[chart.label("hover_secondary" if s else "hover_synthetic") for s in secondary],
            hovertemplate="%{y:,} %{customdata}<extra></extra>",
        )
    )
    # The 2024 provisional counts: separate points, named in the legend with their values.
    for points, column, colour, name, hover in (
        (provisional, "overdose_deaths_provisional", blue, "provisional_all", "hover_provisional_all"),
        (
            provisional_syn,
            "synthetic_opioid_deaths_provisional",
            orange,
            "provisional_synthetic",
            "hover_provisional_synthetic",
        ),
    ):
        figure.add_trace(
            go.Scatter(
                x=[r["year"] for r in points],
                y=[r[column] for r in points],
                mode="markers",
                name=chart.label(name).format(value=points[0][column]),
                marker=dict(size=11, symbol="diamond-open", color=colour, line=dict(color=colour, width=2.5)),
                hovertemplate="%{y:,} " + chart.label(hover) + "<extra></extra>",
            )
        )
    # Legend key for the open circles (no data of its own).
    figure.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=chart.label("secondary_key"),
            hoverinfo="skip",
            marker=dict(size=9, symbol="circle-open", color=orange, line=dict(color=orange, width=2)),
        )
    )
    small = theme.font_size - (2 if theme.narrow else 1)
    figure.update_layout(
        hovermode="x unified",
        legend=dict(font=dict(size=small), traceorder="normal"),
        margin=dict(t=120 if theme.narrow else 80),
        yaxis=dict(title=dict(text=chart.label("y_axis")), tickformat=",", range=[0, 115000]),
        xaxis=dict(dtick=5 if theme.narrow else 2, range=[1998.5, 2024.7]),
    )
    return figure
