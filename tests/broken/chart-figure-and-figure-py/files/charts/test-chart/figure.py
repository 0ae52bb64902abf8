import plotly.graph_objects as go


def build(chart, theme):
    return go.Figure(go.Scatter(x=chart.data.column("year"), y=chart.data.column("value")))
