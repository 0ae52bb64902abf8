"""From a loaded chart to Plotly figures: one per theme variant, and the JSON the page embeds."""

from __future__ import annotations

import json
import traceback
from pathlib import Path

import plotly.graph_objects as go

from ..errors import BuildError, StopBuild
from .kinds import draw
from .language import localized_date_axes, plotly_locale
from .model import Chart
from .theme import Theme, base_layout, themes

HERE = Path(__file__).parent
ENGINE_FILES = [
    HERE / n for n in ("figures.py", "theme.py", "kinds.py", "maps.py", "boundaries.py", "static.py", "language.py")
]


def engine_fingerprint(cache: Path | None = None) -> bytes:
    """Bytes that change when anything that shapes a static render changes (part of the cache key):
    the shared figure code, and the versions of plotly, kaleido and Chromium that draw it."""
    from .static import renderer_versions

    code = b"".join(p.read_bytes() for p in ENGINE_FILES if p.is_file())
    return code + repr(sorted(renderer_versions(cache).items())).encode()


def build_figure(chart: Chart, theme: Theme) -> go.Figure:
    """Draw one variant of the chart, from its ``figure:`` block or its figure.py, on top of the
    shared base layout."""
    height = chart.narrow_height if theme.narrow else chart.height
    if chart.declarative:
        return _in_language(_on_base_layout(draw(chart, theme), theme, height), chart)
    try:
        figure = chart.module.build(chart, theme)
    except StopBuild:  # a problem the chart reports itself, already located
        raise
    except Exception as error:
        line = _failing_line(error, chart.folder / "figure.py")
        raise BuildError(
            f"chart '{chart.id}': figure.py failed: {type(error).__name__}: {error}",
            file=chart.folder / "figure.py",
            line=line,
            fix="correct figure.py at that line (the last line of figure.py the error passed through); "
            f"`python -m build_scripts chart {chart.id}` shows the whole traceback",
        ) from error
    if not isinstance(figure, go.Figure):
        raise BuildError(
            f"chart '{chart.id}': build() returned {type(figure).__name__}, not a Figure",
            file=chart.folder / "figure.py",
            fix="return a plotly.graph_objects.Figure",
        )
    return _in_language(_on_base_layout(figure, theme, height), chart)


def _in_language(figure: go.Figure, chart: Chart) -> go.Figure:
    """Date axes that name months, with their tick labels in the chart's language (language.py)."""
    changes = localized_date_axes(figure.layout.to_plotly_json(), chart.lang)
    if changes:
        figure.update_layout(changes)
    return figure


def _on_base_layout(figure: go.Figure, theme: Theme, height: int) -> go.Figure:
    own_layout = figure.layout.to_plotly_json()
    figure.layout = go.Layout(base_layout(theme, height))
    figure.update_layout(own_layout)
    figure.update_layout(height=height)
    return figure


def _failing_line(error: BaseException, path: Path) -> int | None:
    """The last line of ``path`` in the error's traceback: where figure.py called what failed."""
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if Path(frame.filename) == path]
    return lines[-1] if lines else None


def figure_variants(chart: Chart) -> dict[str, go.Figure]:
    return {theme.name: build_figure(chart, theme) for theme in themes()}


def figure_payload(chart: Chart, variants: dict[str, go.Figure] | None = None) -> dict:
    """The JSON the page embeds: trace data once, and a layout per variant."""
    variants = variants or figure_variants(chart)
    traces = None
    layouts = {}
    for name, figure in variants.items():
        as_json = json.loads(figure.to_json(validate=False, engine="json"))
        if traces is None:
            traces = as_json["data"]
        elif as_json["data"] != traces:
            raise BuildError(
                f"chart '{chart.id}': the traces differ between the '{name}' variant and the light one",
                file=chart.folder / ("chart.yml" if chart.declarative else "figure.py"),
                fix="change only the layout (colours, sizes, annotations) with the theme; keep trace data the same",
            )
        layout = as_json["layout"]
        layout.pop("template", None)
        layouts[name] = layout
    payload = {
        "data": traces,
        "layouts": layouts,
        "sizes": {"wide": [720, chart.height], "narrow": [360, chart.narrow_height]},
    }
    locale = plotly_locale(chart.lang)
    if locale:  # month and day names of the interactive chart's date axes and hovers (charts.js)
        payload["locale"] = locale
    return payload


def payload_json(payload: dict) -> str:
    """Compact JSON for a chart's figure: every ``<`` is written ``\\u003c``, so the text holds no
    markup whatever a reader's parser does with it."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")


def payload_script(chart_id: str, payload: dict) -> str:
    """The chart's ``figure.js``: a script that hands its figure to charts.js
    (``window.chartFigures[id]``). A script rather than a JSON fetch, so a saved copy of the site
    draws its charts from ``file://`` too; it is loaded only when the chart turns interactive."""
    return f"(window.chartFigures=window.chartFigures||{{}})[{json.dumps(chart_id)}]={payload_json(payload)};\n"
