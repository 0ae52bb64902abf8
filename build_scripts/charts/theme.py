"""The two colour schemes and two widths every chart is drawn in.

Series colours work on both backgrounds (so trace data never depends on the scheme);
only the layout (text, grid, annotation colours, sizes) changes between variants.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
# Okabe–Ito-derived series colours with at least 3:1 contrast on white and on #1e2129.
SERIES = ("#2f6fbf", "#d55e00", "#009e73", "#b8860b", "#cc79a7", "#7f7f7f")


@dataclass(frozen=True)
class Theme:
    scheme: str  # "light" or "dark"
    narrow: bool  # drawn for a phone (360 px) rather than a desktop column (720 px)
    ink: str
    muted: str
    grid: str
    background: str
    accent: str
    series: tuple[str, ...] = SERIES
    font: str = FONT

    @property
    def width(self) -> int:
        return 360 if self.narrow else 720

    @property
    def font_size(self) -> int:
        return 12 if self.narrow else 13

    @property
    def name(self) -> str:
        return f"{self.scheme}-narrow" if self.narrow else self.scheme


def themes() -> list[Theme]:
    """The four variants, in a fixed order: light, dark, light-narrow, dark-narrow."""
    out = []
    for narrow in (False, True):
        out.append(
            Theme(
                "light", narrow, ink="#1f2328", muted="#57606a", grid="#d8dee4", background="#ffffff", accent="#b3261e"
            )
        )
        out.append(
            Theme(
                "dark", narrow, ink="#e6edf3", muted="#a8b3bf", grid="#3a404b", background="#1e2129", accent="#ff8a80"
            )
        )
    return out


def base_layout(theme: Theme, height: int) -> dict:
    """Layout every chart starts from; a `figure:` block's kind or a chart's figure.py may override any of it."""
    axis = dict(
        gridcolor=theme.grid,
        linecolor=theme.muted,
        tickcolor=theme.muted,
        zerolinecolor=theme.grid,
        color=theme.muted,
        automargin=True,
        tickfont=dict(color=theme.muted, size=theme.font_size - 1),
    )
    return dict(
        template="none",
        width=None,
        height=height,
        autosize=True,
        font=dict(family=theme.font, size=theme.font_size, color=theme.ink),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin=dict(l=8, r=12 if theme.narrow else 24, t=16, b=8),
        hovermode="x unified",
        hoverlabel=dict(
            bgcolor=theme.background, bordercolor=theme.muted, font=dict(color=theme.ink, family=theme.font)
        ),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, font=dict(color=theme.ink)),
        xaxis=dict(axis, showgrid=False),
        yaxis=dict(axis, rangemode="tozero"),
        colorway=list(theme.series),
        separators=".,",
    )
