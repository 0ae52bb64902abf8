"""From a loaded chart to Plotly figures: one per theme variant, and the JSON the page embeds."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go

from ..errors import BuildError
from .model import Chart
from .theme import Theme, base_layout, themes

ENGINE_FILES = [Path(__file__), Path(__file__).with_name("theme.py")]


def engine_fingerprint() -> bytes:
    """Bytes that change when the shared figure machinery changes (part of the cache key)."""
    return b"".join(p.read_bytes() for p in ENGINE_FILES)


def build_figure(chart: Chart, theme: Theme) -> go.Figure:
    """Call the chart's figure.py for one variant, on top of the shared base layout."""
    height = chart.narrow_height if theme.narrow else chart.height
    try:
        figure = chart.module.build(chart, theme)
    except BuildError:
        raise
    except Exception as error:
        raise BuildError(
            f"chart '{chart.id}': figure.py failed: {type(error).__name__}: {error}",
            file=chart.folder / "figure.py",
            fix="run `python -m build_scripts chart " + chart.id + "` to see the traceback",
        ) from error
    if not isinstance(figure, go.Figure):
        raise BuildError(
            f"chart '{chart.id}': build() returned {type(figure).__name__}, not a Figure",
            file=chart.folder / "figure.py",
            fix="return a plotly.graph_objects.Figure",
        )
    own_layout = figure.layout.to_plotly_json()
    figure.layout = go.Layout(base_layout(theme, height))
    figure.update_layout(own_layout)
    figure.update_layout(height=height)
    return figure


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
                file=chart.folder / "figure.py",
                fix="change only the layout (colours, sizes, annotations) with the theme; keep trace data the same",
            )
        layout = as_json["layout"]
        layout.pop("template", None)
        layouts[name] = layout
    return {
        "data": traces,
        "layouts": layouts,
        "sizes": {"wide": [720, chart.height], "narrow": [360, chart.narrow_height]},
    }


def payload_json(payload: dict) -> str:
    """Compact JSON for the chart's ``<template>``: every ``<`` is written ``\\u003c``, so the text
    holds no markup whatever the serializer or a reader's parser does with it."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")
