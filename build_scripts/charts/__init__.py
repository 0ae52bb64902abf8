"""Charts: a folder ``charts/<id>/`` holding data.csv, chart.yml, provenance.yml and figure.py."""

from .model import Chart, ChartData, chart_ids, load_chart, load_charts

__all__ = ["Chart", "ChartData", "chart_ids", "load_chart", "load_charts"]
