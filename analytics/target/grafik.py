"""The burn-up of one target, for the page and the deck alike: the weekly actual, the straight line
from the first week to the target on the deadline, the target itself, and where the recent pace
leads (to the projected date, or to the deadline when the target is not reached by then)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from analytics import kamus, periode, sanitize
from analytics.target.kalimat import nilai

BURN_UP_LABEL = {
    "aktual": "Capaian",
    "garis": "Jalur target",
    "target": "Target",
    "proyeksi": "Laju kini",
    "tenggat": "Tenggat",
}


def burn_up(riwayat: pd.DataFrame, row: dict, font: dict) -> go.Figure:
    bagian = row["jenis"] == "bagian"
    skala = 100 if bagian else 1
    fig = go.Figure()
    x = [periode.as_date(m) for m in riwayat["minggu"]]
    tenggat = periode.as_date(row["tenggat"])
    if len(x):
        fig.add_scatter(
            x=[x[0], tenggat],
            y=[riwayat["garis"].iat[0] * skala, row["target"] * skala],
            mode="lines",
            name=BURN_UP_LABEL["garis"],
            line=dict(color=kamus.ABU, width=2, dash="dash"),
            hoverinfo="skip",
        )
    proyeksi = row.get("proyeksi")
    laju = row.get("laju_kini")
    if len(x) and laju is not None and laju == laju and row["status"] != "tercapai":
        ujung = periode.as_date(proyeksi) if proyeksi is not None and proyeksi == proyeksi else None
        akhir = min(ujung, tenggat + dt.timedelta(weeks=8)) if ujung else tenggat
        akhir = max(akhir, x[-1] + dt.timedelta(days=7))
        minggu_ke = (akhir - x[-1]).days / 7
        fig.add_scatter(
            x=[x[-1], akhir],
            y=[riwayat["aktual"].iat[-1] * skala, (riwayat["aktual"].iat[-1] + laju * minggu_ke) * skala],
            mode="lines",
            name=BURN_UP_LABEL["proyeksi"],
            line=dict(color=kamus.OKABE_ITO["oranye"], width=2.5, dash="dot"),
            hoverinfo="skip",
        )
    fig.add_scatter(
        x=x,
        y=[v * skala for v in riwayat["aktual"]],
        mode="lines+markers",
        name=BURN_UP_LABEL["aktual"],
        line=dict(color=kamus.MEREK_WARNA, width=3),
        customdata=[[periode.label(m), nilai(row, v)] for m, v in zip(riwayat["minggu"], riwayat["aktual"])],
        hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
    )
    fig.add_hline(
        y=row["target"] * skala,
        line=dict(color=kamus.ABU_TUA, width=1.5),
        annotation_text=f"{BURN_UP_LABEL['target']} {nilai(row, row['target'])}",
        annotation_position="top left",
    )
    fig.add_vline(x=tenggat, line=dict(color=kamus.ABU_TUA, width=1.5, dash="dot"))
    # The deadline's line in the legend too (a vline has no legend entry of its own).
    fig.add_scatter(
        x=[tenggat, tenggat],
        y=[0, row["target"] * skala],
        mode="lines",
        name=BURN_UP_LABEL["tenggat"],  # its date is the axis label under the line
        line=dict(color=kamus.ABU_TUA, width=1.5, dash="dot"),
        hoverinfo="skip",
    )
    fig.update_yaxes(title=None, rangemode="tozero", ticksuffix="%" if bagian else "", tickformat=",d")
    # Indonesian month names (plotly's own are English): the first week, the deadline (named so),
    # and the latest week when it is not crowded against either.
    awal = x[0] if x else tenggat
    rentang = max((max(tenggat, x[-1] if x else tenggat) - awal).days, 1)
    ticks = [awal, tenggat]
    if x and all(abs((x[-1] - d).days) > 0.4 * rentang for d in ticks):
        ticks.append(x[-1])
    ticks = sorted(set(ticks))
    # Room on both sides, so the first and the last label are not cut (plotly then hides them).
    ujung_kanan = max(tenggat, *(d.x[-1] for d in fig.data if d.x is not None and len(d.x)))
    pad = dt.timedelta(days=max(7, round(0.2 * rentang)))
    fig.update_xaxes(
        range=[awal - pad, ujung_kanan + pad],
        title=None,
        tickvals=ticks,
        tickangle=0,
        ticktext=[periode.tanggal(d) for d in ticks],
    )
    fig.update_layout(
        font=font,
        separators=",.",
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.08, x=0, xanchor="left"),
    )
    return sanitize.escape_figure(fig)
