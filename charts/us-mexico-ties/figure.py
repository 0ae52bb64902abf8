"""U.S.–Mexico goods trade 2013–2024 as stacked bars (exports + imports, derived values hatched),
with two single figures in other units (GAO's traced-gun share, U.S. citizens in Mexico) shown as
labelled call-outs beside the bars rather than on the same axis.

Why a figure.py and not a `figure:` block: the data are in long form (one row per measure and
period, each with its own source), and the two call-outs are single figures in other units placed
beside the bars, on a phone above them. The stacked-bar kind draws wide data only; the axis
ranges still follow the data.
"""

import plotly.graph_objects as go


def _rows(chart, key):
    rows = chart.data.where(measure=chart.data_label(key))  # data.csv names each measure in English
    if not rows:
        raise ValueError(f"no rows in data.csv have measure = chart.yml label '{key}'")
    return rows


HEADROOM = 1.095  # room above the tallest bar for its total


def build(chart, theme):
    exports, imports, totals = (_rows(chart, k) for k in ("m_exports", "m_imports", "m_total"))
    (guns,) = _rows(chart, "m_guns")
    (citizens,) = _rows(chart, "m_citizens")
    years = [int(r["period"]) for r in exports]
    total_by_year = {int(r["period"]): r for r in totals}

    figure = go.Figure()
    for rows, key, colour in ((exports, "exports", theme.series[0]), (imports, "imports", theme.series[1])):
        derived = [r["derived"] == "yes" for r in rows]
        figure.add_trace(
            go.Bar(
                x=[int(r["period"]) for r in rows],
                y=[r["value"] for r in rows],
                name=chart.label(key),
                marker=dict(
                    color=colour,
                    line=dict(color=colour, width=1),
                    pattern=dict(
                        shape=["/" if d else "" for d in derived],
                        fillmode="overlay",  # stripes over the bar's colour (the default drops it)
                        fgcolor="#ffffff",
                        fgopacity=0.55,
                        size=6,
                        solidity=0.3,
                    ),
                ),
                customdata=[
                    [
                        chart.label("hover_derived") if d else "",
                        chart.label("hover_total").format(value=total_by_year[int(r["period"])]["value"]),
                    ]
                    for d, r in zip(derived, rows)
                ],
                hovertemplate=f"$%{{y:,.1f}} {chart.label('hover_bn')}%{{customdata[0]}}<extra>%{{fullData.name}}</extra>",
            )
        )
    # Legend key for the hatching (no data of its own).
    figure.add_trace(
        go.Bar(
            x=[None],
            y=[None],
            name=chart.label("derived_key"),
            hoverinfo="skip",
            marker=dict(
                color="#7f7f7f",
                line=dict(color="#7f7f7f", width=1),  # explicit: plotly.js and kaleido default it differently
                pattern=dict(shape="/", fillmode="overlay", fgcolor="#ffffff", fgopacity=0.55, size=6, solidity=0.3),
            ),
        )
    )
    # Totals above the bars (layout text, so it can be sized per variant).
    small = theme.font_size - (3 if theme.narrow else 2)
    for r in totals:
        figure.add_annotation(
            x=int(r["period"]),
            y=r["value"],
            text=f"{r['value']:,.0f}",
            showarrow=False,
            yanchor="bottom",
            yshift=1,
            textangle=-90 if theme.narrow else 0,
            font=dict(color=theme.muted, size=small),
        )

    # Call-outs for the two single figures: right of the bars on desktop, above them on a phone.
    if theme.narrow:
        plot_x, plot_y = [0, 1], [0, 0.68]
        cards = [(0.0, 0.99, "left"), (0.54, 0.99, "left")]
    else:
        plot_x, plot_y = [0, 0.70], [0, 1]
        cards = [(0.76, 0.95, "left"), (0.76, 0.45, "left")]
    big = 26 if theme.narrow else 30
    suffix = "_short" if theme.narrow else ""
    for (x, y, align), row, value_key, text_key, colour in (
        (cards[0], guns, "guns_value", "guns_text", theme.series[2]),
        (cards[1], citizens, "citizens_value", "citizens_text", theme.series[3]),
    ):
        figure.add_annotation(
            xref="paper",
            yref="paper",
            x=x,
            y=y,
            xanchor="left",
            yanchor="top",
            align=align,
            showarrow=False,
            text=chart.label(value_key).format(value=row["value"]),
            font=dict(size=big, color=colour),
        )
        figure.add_annotation(
            xref="paper",
            yref="paper",
            x=x,
            y=y,
            yshift=-(big + 10),
            xanchor="left",
            yanchor="top",
            align=align,
            showarrow=False,
            text=chart.label(text_key + suffix).format(period=row["period"]),
            font=dict(size=theme.font_size - (2 if theme.narrow else 1), color=theme.ink),
        )
    figure.update_layout(
        barmode="stack",
        bargap=0.25,
        hovermode="x unified",
        legend=dict(
            orientation="h",
            traceorder="normal",
            yanchor="top",
            y=-0.08 if not theme.narrow else -0.07,
            x=0,
            xanchor="left",
            font=dict(size=theme.font_size - 2),
        ),
        margin=dict(t=12, b=8),
        xaxis=dict(domain=plot_x, dtick=2 if theme.narrow else 1, range=[years[0] - 0.6, years[-1] + 0.6], tickangle=0),
        yaxis=dict(
            domain=plot_y,
            title=dict(text=chart.label("y_axis")),
            tickformat=",",
            range=[0, max(r["value"] for r in totals) * HEADROOM],
        ),
    )
    return figure
