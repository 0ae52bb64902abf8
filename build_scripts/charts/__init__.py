"""Charts: a folder ``charts/<id>/`` holding data.csv, chart.yml (words, and a declarative
``figure:`` block drawn by kinds.py) and provenance.yml; figure.py only where no kind fits."""

from .model import Chart, ChartData, chart_ids, load_chart, load_charts

__all__ = ["Chart", "ChartData", "chart_ids", "load_chart", "load_charts"]
