"""Mexico's registered homicides, 1990–2024, with Calderón's deployment of the army marked."""

import plotly.graph_objects as go


def build(chart, theme):
    years = chart.data.column("year")
    deaths = chart.data.column("homicides")
    figure = go.Figure(go.Scatter(
        x=years, y=deaths, name=chart.label("series"), mode="lines+markers",
        line=dict(width=2.5, color=theme.series[0]), marker=dict(size=4, color=theme.series[0]),
        hovertemplate="%{y:,} deaths<extra></extra>",
    ))
    figure.add_vline(x=2006.92, line=dict(color=theme.accent, width=1.5, dash="dot"))
    figure.add_annotation(
        x=2006.92, y=1, yref="paper", text=chart.label("calderon"), showarrow=False,
        xanchor="right", yanchor="top", align="right", xshift=-4,
        font=dict(color=theme.accent, size=theme.font_size - (2 if theme.narrow else 1)),
    )
    figure.update_layout(
        showlegend=False,
        yaxis=dict(title=dict(text=chart.label("y_axis")), tickformat=",", rangemode="tozero"),
        xaxis=dict(dtick=10 if theme.narrow else 5, range=[1989.5, 2024.5]),
    )
    return figure
