"""Mexico's registered homicides, 1990–2024, with presidential terms and Calderón's deployment of the army.

Term start dates were checked in stored reports of each inauguration; they are registered in sources.yml
and cited under `annotations:` in provenance.yml:
  1 Dec 1988 (Salinas, to 30 Nov 1994): inauguration-salinas-1988 (Síntesis)
  1 Dec 1994 (Zedillo): inauguration-zedillo-1994 (GlobalSecurity.org)
  1 Dec 2000 (Fox): inauguration-fox-2000 (CNN)
  1 Dec 2006 (Calderón): inauguration-calderon-2006 (Azteca 21)
  1 Dec 2012 (Peña Nieto): inauguration-pena-nieto-2012 (Deutsche Welle)
  1 Dec 2018 to 30 Sep 2024 (López Obrador; 2014 reform): term-amlo-2024 (Ruetir)
  1 Oct 2024 (Sheinbaum): inauguration-sheinbaum-2024 (Vallarta Today)
"""

from datetime import date

import plotly.graph_objects as go

# (start date, label key, shaded?) -- each term runs to the next one's start.
TERMS = [
    (date(1988, 12, 1), "term_salinas", False),
    (date(1994, 12, 1), "term_zedillo", True),
    (date(2000, 12, 1), "term_fox", False),
    (date(2006, 12, 1), "term_calderon", True),
    (date(2012, 12, 1), "term_pena", False),
    (date(2018, 12, 1), "term_amlo", True),
]
TERMS_END = date(2024, 10, 1)  # Sheinbaum takes office
OPERATION_MICHOACAN = date(2006, 12, 11)
X_RANGE = (1989.5, 2024.9)


def year_fraction(day: date) -> float:
    """A date as a decimal year, so it can sit on the same axis as the annual points."""
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def build(chart, theme):
    years = chart.data.column("year")
    deaths = chart.data.column("homicides")
    figure = go.Figure(
        go.Scatter(
            x=years,
            y=deaths,
            name=chart.label("series"),
            mode="lines+markers",
            line=dict(width=2.5, color=theme.series[0]),
            marker=dict(size=4, color=theme.series[0]),
            hovertemplate="%{x}: %{y:,} deaths<extra></extra>",
        )
    )
    small = theme.font_size - (3 if theme.narrow else 2)
    band = "rgba(127,127,127,0.13)" if theme.scheme == "light" else "rgba(200,200,200,0.10)"
    for index, (start, key, shaded) in enumerate(TERMS):
        end = TERMS[index + 1][0] if index + 1 < len(TERMS) else TERMS_END
        x0, x1 = max(year_fraction(start), X_RANGE[0]), year_fraction(end)
        if shaded:
            figure.add_vrect(x0=x0, x1=x1, fillcolor=band, line_width=0, layer="below")
        name_key = f"{key}_short" if theme.narrow and f"{key}_short" in chart.meta.get("labels", {}) else key
        figure.add_annotation(
            x=(x0 + x1) / 2,
            y=1,
            yref="paper",
            yanchor="bottom",
            text=chart.label(name_key),
            showarrow=False,
            font=dict(color=theme.muted, size=small),
        )
    # Sheinbaum's term begins at the end of the last band.
    figure.add_vline(x=year_fraction(TERMS_END), line=dict(color=theme.muted, width=1))
    marker = year_fraction(OPERATION_MICHOACAN)
    figure.add_vline(x=marker, line=dict(color=theme.accent, width=1.5, dash="dot"))
    figure.add_annotation(
        x=marker,
        y=0.97,
        yref="paper",
        text=chart.label("calderon_short" if theme.narrow else "calderon"),
        showarrow=False,
        xanchor="right",
        yanchor="top",
        align="right",
        xshift=-4,
        font=dict(color=theme.accent, size=theme.font_size - (2 if theme.narrow else 1)),
    )
    figure.update_layout(
        showlegend=False,
        margin=dict(t=34 if theme.narrow else 30),
        hovermode="closest",
        yaxis=dict(title=dict(text=chart.label("y_axis")), tickformat=",", rangemode="tozero"),
        xaxis=dict(dtick=10 if theme.narrow else 5, range=list(X_RANGE)),
    )
    return figure
