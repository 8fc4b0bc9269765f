"""The deck's figures: large type, high contrast, aggregated data only (plotly, drawn offline by
kaleido for PPTX/PDF)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from analytics import kamus, metrik, periode, peta, sanitize
from analytics.deck.teks import BATAS_PETA, FONT, KENDALA_NAMA, UKURAN_HURUF
from analytics.format import angka
from analytics.kamus import nama_area
from analytics.peta import geometri

# --- figures: large type, high contrast ---------------------------------------------------------


def _gaya(fig: go.Figure, tinggi: int = 520, legenda: bool = True) -> go.Figure:
    fig.update_layout(
        height=tinggi,
        font=dict(family=FONT, size=UKURAN_HURUF, color="#111111"),
        separators=",.",
        # Room above the plot for a legend of two rows: beside long area names it can wrap.
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        margin=dict(l=10, r=30, t=80 if legenda else 10, b=10),
        showlegend=legenda,
        legend=dict(
            orientation="h",
            yanchor="bottom",
            y=1.02,
            x=0,
            xanchor="left",
            font=dict(size=UKURAN_HURUF),
            traceorder="normal",
        ),
    )
    fig.update_xaxes(gridcolor="#d0d0d0", zerolinecolor="#888888", tickfont=dict(size=UKURAN_HURUF), automargin=True)
    fig.update_yaxes(gridcolor="#d0d0d0", zerolinecolor="#888888", tickfont=dict(size=UKURAN_HURUF), automargin=True)
    return sanitize.escape_figure(fig)  # names from files shown literally


def _bilangan(fig: go.Figure, largest: float, axis: str = "x") -> None:
    kw = dict(tickformat=",d", rangemode="tozero", title=None)
    if largest <= 8:
        kw["dtick"] = 1
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(**kw)


def _semua_label(fig: go.Figure, labels: list[str]) -> None:
    """Every bar keeps its label: plotly would otherwise drop every other one on a short chart."""
    fig.update_yaxes(type="category", tickmode="array", tickvals=labels, ticktext=labels, ticksuffix=" ")


def grafik_zona(data: pd.DataFrame, tingkat: str) -> go.Figure:
    """Stacked horizontal bars merah/kuning/hijau this week; the worst area on top."""
    data = data.iloc[::-1]
    labels = [nama_area(tingkat, n) for n in data["nama"]]
    fig = go.Figure()
    for z in ("merah", "kuning", "hijau"):
        fig.add_bar(
            y=labels,
            x=data[z],
            name=kamus.ZONA_PENDEK[z],
            orientation="h",
            marker_color=kamus.ZONA_WARNA[z],
            marker_line=dict(color="#ffffff", width=1),
            text=[angka(v) if v else "" for v in data[z]],
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            textfont=dict(size=UKURAN_HURUF - 2, color="#111111" if z == "kuning" else "#ffffff"),
        )
    fig.update_layout(barmode="stack", bargap=0.25, uniformtext=dict(minsize=UKURAN_HURUF - 6, mode="hide"))
    total = (data["merah"] + data["kuning"] + data["hijau"]).max() if len(data) else 0
    _bilangan(fig, total)
    _semua_label(fig, labels)
    return _gaya(fig, max(360, 46 * len(data) + 110))


def grafik_kendala(kini: dict[str, int], lalu: dict[str, int] | None) -> go.Figure:
    """Koperasi per kendala, most first, with last week as an outline bar beside it."""
    items = sorted(((k, v) for k, v in kini.items() if v or (lalu or {}).get(k)), key=lambda kv: (-kv[1], kv[0]))
    items = items[::-1]
    labels = [KENDALA_NAMA.get(k, k).capitalize() for k, _ in items]
    fig = go.Figure()
    if lalu is not None:
        fig.add_bar(
            y=labels,
            x=[lalu.get(k, 0) for k, _ in items],
            name="Minggu lalu",
            orientation="h",
            marker=dict(color="#ffffff", line=dict(color="#555555", width=2)),
        )
    fig.add_bar(
        y=labels,
        x=[v for _, v in items],
        name="Minggu ini",
        orientation="h",
        marker_color=kamus.MEREK_WARNA,
        text=[angka(v) for _, v in items],
        textposition="outside",
        cliponaxis=False,
        constraintext="none",  # plotly would shrink the number to the bar's thickness
        textfont=dict(size=UKURAN_HURUF),
    )
    fig.update_layout(barmode="group", bargap=0.2, bargroupgap=0.05)
    _bilangan(fig, max([v for _, v in items] or [0]))
    _semua_label(fig, labels)
    return _gaya(fig, max(360, 52 * len(items) + 110), legenda=lalu is not None)


def grafik_sppg(per_minggu: pd.DataFrame) -> go.Figure:
    """SPPG operating per week against all SPPG planned (every status), one point per week."""
    labels = [
        f"{periode.monday(m).day} {periode.BULAN_SINGKAT[periode.monday(m).month - 1]}" for m in per_minggu["minggu"]
    ]
    fig = go.Figure()
    fig.add_scatter(
        x=labels,
        y=per_minggu["total"],
        name="Total SPPG (tahap apa pun)",
        mode="lines",
        line=dict(color="#555555", width=3, dash="dash"),
    )
    fig.add_scatter(
        x=labels,
        y=per_minggu["beroperasi"],
        name="Beroperasi",
        mode="lines+markers",
        line=dict(color=kamus.STATUS_SPPG_WARNA["beroperasi"], width=5),
        marker=dict(size=10),
    )
    if len(per_minggu):
        last = per_minggu.iloc[-1]
        fig.add_annotation(
            x=labels[-1],
            y=int(last["beroperasi"]),
            text=f"<b>{angka(int(last['beroperasi']))}</b>",
            showarrow=False,
            xanchor="left",
            xshift=12,
            font=dict(size=UKURAN_HURUF + 4, color=kamus.STATUS_SPPG_WARNA["beroperasi"]),
        )
        fig.add_annotation(
            x=labels[-1],
            y=int(last["total"]),
            text=angka(int(last["total"])),
            showarrow=False,
            xanchor="left",
            xshift=12,
            font=dict(size=UKURAN_HURUF, color="#555555"),
        )
    step = max(1, -(-len(labels) // 4))  # four dates fit even the narrow chart beside a table
    shown = labels[::-1][::step][::-1]
    fig.update_xaxes(type="category", tickvals=shown, ticktext=shown, tickangle=0)
    _bilangan(fig, int(per_minggu["total"].max()) if len(per_minggu) else 0, axis="y")
    return _gaya(fig, 460)


def grafik_simkopdes(data: pd.DataFrame, tingkat: str) -> go.Figure:
    """SIMKOPDES aktif / kendala / belum per area, stacked; the largest area on top."""
    data = data.iloc[::-1]
    labels = [nama_area(tingkat, n) for n in data["nama"]]
    fig = go.Figure()
    for col, name, colour, text_colour in (
        ("aktif", "Aktif", kamus.AKUN_WARNA["aktif"], "#ffffff"),
        ("kendala", "Kendala", kamus.AKUN_WARNA["kendala"], "#ffffff"),
        ("belum", "Belum", kamus.AKUN_WARNA["belum"], "#111111"),
    ):
        fig.add_bar(
            y=labels,
            x=data[col],
            name=name,
            orientation="h",
            marker_color=colour,
            marker_line=dict(color="#ffffff", width=1),
            text=[angka(v) if v else "" for v in data[col]],
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            textfont=dict(size=UKURAN_HURUF - 2, color=text_colour),
        )
    fig.update_layout(barmode="stack", bargap=0.25, uniformtext=dict(minsize=UKURAN_HURUF - 6, mode="hide"))
    _bilangan(fig, int(data["koperasi"].max()) if len(data) else 0)
    _semua_label(fig, labels)
    return _gaya(fig, max(360, 46 * len(data) + 110))


def _poligon(geom: dict):
    """Outer rings of a Polygon/MultiPolygon as lon and lat lists separated by None."""
    rings = [geom["coordinates"][0]] if geom["type"] == "Polygon" else [p[0] for p in geom["coordinates"]]
    xs, ys = [], []
    for ring in rings:
        xs.extend([c[0] for c in ring] + [None])
        ys.extend([c[1] for c in ring] + [None])
    return xs, ys


def grafik_peta(tingkat: str, kode_induk: str, data: pd.DataFrame, sorot: pd.DataFrame) -> go.Figure | None:
    """A static map: every area of `tingkat` under `kode_induk`, coloured by its share of koperasi in
    zone merah (the Peta page's bands and polygons), the worst areas numbered. None without polygons."""
    m = metrik.METRIK["zona_merah"]
    nama_file = geometri.berkas_tingkat(tingkat, kode_induk[:2] if kode_induk else None)
    if not nama_file:
        return None
    semua = geometri.poligon_berkas(nama_file)
    prefix = f"{kode_induk}." if kode_induk else ""
    kode_area = [k for k in semua if k.startswith(prefix)]
    if not kode_area or len(kode_area) > BATAS_PETA:
        return None
    nilai = {
        r["kode"]: m.nilai_peta({"zona_merah": r["merah"], "terdaftar": r["koperasi"]}) for r in data.to_dict("records")
    }
    labels = m.label_pita()
    kelompok: dict[int | None, tuple[list, list]] = {}
    for k in sorted(kode_area):
        idx = m.indeks_pita(nilai.get(k))
        xs, ys = _poligon(semua[k])
        bucket = kelompok.setdefault(idx, ([], []))
        bucket[0].extend(xs)
        bucket[1].extend(ys)
    fig = go.Figure()
    order = [i for i in range(len(m.pita)) if i in kelompok] + ([None] if None in kelompok else [])
    for idx in order:
        xs, ys = kelompok[idx]
        rgb = m.pita[idx].warna if idx is not None else peta.TANPA_DATA
        name = f"Bagian merah {labels[idx]}" if idx is not None else "Tanpa koperasi"
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            name=name,
            hoverinfo="skip",
            fillcolor=f"rgb{tuple(rgb)}",
            line=dict(color="#444444", width=1),
        )
    if len(sorot):
        fig.add_scatter(
            x=sorot["lon"],
            y=sorot["lat"],
            mode="markers+text",
            name="Nomor di tabel",
            text=[str(i + 1) for i in range(len(sorot))],
            textposition="middle center",
            textfont=dict(size=UKURAN_HURUF - 5, color="#ffffff", family=FONT),
            marker=dict(size=24, color="#111111", line=dict(color="#ffffff", width=2)),
            hoverinfo="skip",
        )
    lons = [x for xs, _ in kelompok.values() for x in xs if x is not None]
    lats = [y for _, ys in kelompok.values() for y in ys if y is not None]
    mid = (min(lats) + max(lats)) / 2
    # constrain="domain": the aspect ratio is kept by shrinking the drawing area, never by widening the
    # ranges, so a chart first drawn in a narrow box and then resized (full screen) keeps its map.
    fig.update_xaxes(visible=False, range=[min(lons) - 0.02, max(lons) + 0.02], constrain="domain")
    fig.update_yaxes(
        visible=False,
        constrain="domain",
        scaleanchor="x",
        scaleratio=1 / math.cos(math.radians(mid)),
        range=[min(lats) - 0.02, max(lats) + 0.02],
    )
    aspect = (max(lats) - min(lats)) / max((max(lons) - min(lons)) * math.cos(math.radians(mid)), 1e-6)
    _gaya(fig, int(max(320, min(600, 620 * aspect + 90))))
    fig.update_layout(
        legend=dict(
            orientation="h", yanchor="top", y=0, x=0, xanchor="left", font=dict(size=UKURAN_HURUF - 3), itemwidth=30
        ),
        margin=dict(l=5, r=5, t=5, b=5),
    )
    return fig


def grafik_target(riwayat: pd.DataFrame, row: dict) -> go.Figure:
    """The burn-up of one target (analytics/target/grafik.py), in the deck's type sizes."""
    from analytics.target.grafik import burn_up

    fig = burn_up(riwayat, row, dict(family=FONT, size=UKURAN_HURUF))
    _gaya(fig)
    fig.update_annotations(font=dict(size=UKURAN_HURUF))
    # Two legend entries a row: four stacked rows left the narrow chart beside the table half its height.
    fig.update_layout(legend=dict(entrywidthmode="fraction", entrywidth=0.5))
    return fig


# --- type that follows the screen ---------------------------------------------------------------

LAYAR_DASAR = 720  # px: the screen height (16:9) at which the figures' type is as written above


def skala_layar(tinggi_px: float | None) -> float:
    """How much larger a slide's type is on a screen of `tinggi_px` (the height of a 16:9 area,
    min(height, width × 9/16)) than at LAYAR_DASAR: the page sets its root font size the same way."""
    if not tinggi_px:
        return 1.0
    return min(max(float(tinggi_px) / LAYAR_DASAR, 0.75), 3.0)


def _skala_ukuran(node, faktor: float, kunci: str = "") -> None:
    """Every font size, the margins and the numbered markers of a figure dict, times `faktor`."""
    if isinstance(node, list):
        for item in node:
            _skala_ukuran(item, faktor, kunci)
        return
    if not isinstance(node, dict):
        return
    for k, v in node.items():
        if isinstance(v, (dict, list)):
            _skala_ukuran(v, faktor, k)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            huruf = kunci.endswith("font") and k == "size"
            if (
                huruf
                or (kunci == "uniformtext" and k == "minsize")
                or (kunci == "margin" and k in ("l", "r", "t", "b"))
            ):
                node[k] = round(v * faktor, 1)
            elif kunci == "legend" and k == "itemwidth":
                node[k] = round(v * faktor)
    if "text" in str(node.get("mode", "")) and isinstance(node.get("marker"), dict):
        size = node["marker"].get("size")
        if isinstance(size, (int, float)):
            node["marker"]["size"] = round(size * faktor, 1)


def skala_huruf(fig: go.Figure, faktor: float) -> go.Figure:
    """A copy of `fig` whose type (and the room kept for it) is `faktor` times as large: the browser
    slide's charts grow with the screen as its text does."""
    if abs(faktor - 1.0) < 0.01:
        return go.Figure(fig)
    data = fig.to_plotly_json()
    data = {"data": data.get("data", []), "layout": data.get("layout", {})}
    _skala_ukuran(data, faktor)
    return go.Figure(data)
