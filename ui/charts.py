"""Plotly figures fed with small aggregates (never more than a few hundred marks)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.format import angka
from ui import teks

FONT = dict(family="Inter, Source Sans Pro, sans-serif", size=14)


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), font=FONT, separators=",.",
                      legend=dict(orientation="h", yanchor="top", y=-0.12, x=0, xanchor="left"))
    return fig


def funnel(stages: list[tuple[str, int]]) -> go.Figure:
    labels = [s for s, _ in stages]
    values = [v for _, v in stages]
    first = values[0] or 1
    text = [f"{angka(v)} ({angka(100 * v / first, 1)}%)" for v in values]
    fig = go.Figure(go.Funnel(y=labels, x=values, text=text, textinfo="text", hoverinfo="y+x",
                              marker=dict(color="#2c7fb8"), connector=dict(line=dict(color="#bbb"))))
    return _layout(fig, 380)


def zones_by_area(data: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars hijau/kuning/merah per area; the first row is drawn on top."""
    data = data.iloc[::-1]
    fig = go.Figure()
    for zona in ("merah", "kuning", "hijau"):
        fig.add_bar(y=data["nama"], x=data[zona], name=teks.ZONA_LABEL[zona], orientation="h",
                    marker_color=teks.ZONA_WARNA[zona],
                    customdata=data[[f"{zona}_lalu"]].to_numpy(),
                    hovertemplate="%{y}: %{x:,} koperasi<br>minggu lalu: %{customdata[0]:,}<extra>" + zona + "</extra>")
    fig.update_layout(barmode="stack")
    largest = int((data["hijau"] + data["kuning"] + data["merah"]).max()) if len(data) else 0
    # Small counts: whole-number ticks only, never "0 0 1 1".
    fig.update_xaxes(title=None, tickformat=",d", dtick=1 if largest <= 8 else None, rangemode="tozero")
    return _layout(fig, max(280, 28 * len(data) + 130))
