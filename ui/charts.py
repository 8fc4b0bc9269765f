"""Plotly figures fed with small aggregates (never more than a few hundred marks)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.format import angka
from ui import teks

FONT = dict(family="Inter, Source Sans Pro, sans-serif", size=14)


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10), font=FONT,
                      separators=",.", legend=dict(orientation="h", y=1.08, x=0))
    return fig


def funnel(stages: list[tuple[str, int]]) -> go.Figure:
    labels = [s for s, _ in stages]
    values = [v for _, v in stages]
    first = values[0] or 1
    text = [f"{angka(v)} ({angka(100 * v / first, 1)}%)" for v in values]
    fig = go.Figure(go.Funnel(y=labels, x=values, text=text, textinfo="text",
                              marker=dict(color="#2c7fb8"), connector=dict(line=dict(color="#bbb"))))
    return _layout(fig, 360)


def zones_by_area(df: pd.DataFrame, max_areas: int = 40) -> go.Figure:
    """Stacked horizontal bars hijau/kuning/merah per area, worst first."""
    data = df.head(max_areas).iloc[::-1]
    fig = go.Figure()
    for zona in ("merah", "kuning", "hijau"):
        fig.add_bar(y=data["nama"], x=data[zona], name=teks.ZONA_LABEL[zona], orientation="h",
                    marker_color=teks.ZONA_WARNA[zona],
                    customdata=data[[f"{zona}_lalu"]].to_numpy(),
                    hovertemplate="%{y}: %{x:,} koperasi<br>minggu lalu: %{customdata[0]:,}<extra>" + zona + "</extra>")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="koperasi", tickformat=",d")
    return _layout(fig, max(260, 28 * len(data) + 90))
