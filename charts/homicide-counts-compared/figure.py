"""INEGI deaths vs SESNSP victims, 2015–2024, against the 30,000 line that the "six years" and
"seven years" claims count from. Filled markers are years above the line, open ones below."""

import plotly.graph_objects as go

THRESHOLD = 30000
CLAIM_YEAR = 2023  # the year both claims were made about


def run_ending(years, values, last_year):
    """The run of consecutive years above THRESHOLD that ends in last_year, as (first, last, count)."""
    above = {y for y, v in zip(years, values) if v is not None and v > THRESHOLD}
    if last_year not in above:
        return None
    first = last_year
    while first - 1 in above:
        first -= 1
    return first, last_year, last_year - first + 1


def build(chart, theme):
    years = chart.data.column("year")
    series = [
        ("inegi_deaths", "inegi", "hover_inegi", theme.series[0], "solid"),
        ("sesnsp_hd_feminicidio", "sesnsp_hd_f", "hover_sesnsp_hd_f", theme.series[1], "solid"),
        ("sesnsp_hd", "sesnsp_hd", "hover_sesnsp_hd", theme.series[2], "dash"),
    ]
    figure = go.Figure()
    for column, name, hover, colour, dash in series:
        values = chart.data.column(column)
        figure.add_trace(
            go.Scatter(
                x=years,
                y=values,
                mode="lines+markers",
                name=chart.label(name),
                line=dict(color=colour, width=2.5, dash=dash),
                marker=dict(
                    size=8,
                    color=colour,
                    line=dict(color=colour, width=2),
                    symbol=["circle" if v > THRESHOLD else "circle-open" for v in values],
                ),
                hovertemplate="%{y:,} " + chart.label(hover) + "<extra></extra>",
            )
        )
    small = theme.font_size - (2 if theme.narrow else 1)
    figure.add_hline(y=THRESHOLD, line=dict(color=theme.accent, width=1.5, dash="dot"))
    figure.add_annotation(
        x=1,
        xref="paper",
        y=THRESHOLD,
        text=chart.label("threshold"),
        showarrow=False,
        xanchor="right",
        yanchor="top",
        yshift=-2,
        font=dict(color=theme.accent, size=small),
    )
    # Brackets under the lines: the run of years above 30,000 that ends in 2023, per series.
    for row, (column, name, _hover, colour, _dash) in enumerate(series[:2]):
        run = run_ending(years, chart.data.column(column), CLAIM_YEAR)
        if not run:
            continue
        first, last, count = run
        y = 9000 - row * 5000
        figure.add_shape(type="line", x0=first - 0.15, x1=last + 0.15, y0=y, y1=y, line=dict(color=colour, width=3))
        for end in (first - 0.15, last + 0.15):
            figure.add_shape(type="line", x0=end, x1=end, y0=y - 700, y1=y + 700, line=dict(color=colour, width=2))
        text = chart.label(f"run_{name}_short" if theme.narrow else f"run_{name}").format(
            count=count, first=first, last=last
        )
        figure.add_annotation(
            x=(first + last) / 2,
            y=y,
            yshift=4,
            yanchor="bottom",
            text=text,
            showarrow=False,
            font=dict(color=theme.ink, size=small),
        )
    figure.update_layout(
        hovermode="x unified",
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, xanchor="left", font=dict(size=small)),
        margin=dict(t=70 if theme.narrow else 40),
        yaxis=dict(title=dict(text=chart.label("y_axis")), tickformat=",", range=[0, 39000]),
        xaxis=dict(dtick=2 if theme.narrow else 1, range=[2014.5, 2024.5]),
    )
    return figure
