"""Plotly figures fed with small aggregates (never more than a few hundred marks).

Every figure leaves through `_layout` (or `zone_moves`), which escapes the names it shows
(analytics.sanitize.escape_figure): plotly would render `<a>`, `<b>` or `<span style>` in a name
from a file. A name shown through customdata is escaped where it is built.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import kamus, periode, sanitize
from analytics.format import angka
from ui import teks

FONT = dict(family="Inter, Source Sans Pro, sans-serif", size=14)


def _kept(builder):
    """A figure is built once per data and shared by every session that shows the same data.

    Building one costs 20–130 ms of plotly validation; a Monday-morning page shows up to six, for
    the same filter, in many sessions. The builders take the rows to draw (not a connection), so the
    rows are the key; pages pass the figure to st.plotly_chart and never change it afterwards."""
    return st.cache_resource(show_spinner=False, max_entries=512)(builder)


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=10, b=10),
        font=FONT,
        separators=",.",
        legend=dict(orientation="h", yanchor="top", y=-0.12, x=0, xanchor="left"),
    )
    return sanitize.escape_figure(fig)


@_kept
def funnel(stages: list[tuple[str, int]]) -> go.Figure:
    labels = [s for s, _ in stages]
    values = [v for _, v in stages]
    first = values[0] or 1
    text = [f"{angka(v)} ({angka(100 * v / first, 1)}%)" for v in values]
    fig = go.Figure(
        go.Funnel(
            y=labels,
            x=values,
            text=text,
            textinfo="text",
            hoverinfo="y+x",
            marker=dict(color=kamus.MEREK_WARNA),
            connector=dict(line=dict(color="#bbb")),
            # Narrow stages carry their count beside the bar: never clipped at the plot's edge.
            cliponaxis=False,
        )
    )
    fig = _layout(fig, 380)
    fig.update_layout(margin=dict(r=90))
    return fig


@_kept
def zones_by_area(data: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars hijau/kuning/merah per area; the first row is drawn on top."""
    data = data.iloc[::-1]
    fig = go.Figure()
    for zona in ("merah", "kuning", "hijau"):
        fig.add_bar(
            y=data["nama"],
            x=data[zona],
            name=kamus.ZONA_LABEL[zona],
            orientation="h",
            marker_color=kamus.ZONA_WARNA[zona],
            customdata=data[[f"{zona}_lalu"]].to_numpy(),
            hovertemplate="%{y}: %{x:,} koperasi<br>minggu lalu: %{customdata[0]:,}<extra>" + zona + "</extra>",
        )
    fig.update_layout(barmode="stack")
    largest = int((data["hijau"] + data["kuning"] + data["merah"]).max()) if len(data) else 0
    # Small counts: whole-number ticks only, never "0 0 1 1".
    fig.update_xaxes(title=None, tickformat=",d", dtick=1 if largest <= 8 else None, rangemode="tozero")
    return _layout(fig, max(280, 28 * len(data) + 130))


# --- SPPG, Digitalisasi & Pelatihan, Kelengkapan Laporan ---

# Integers in st.dataframe with Indonesian grouping (1.234), keeping the column numeric for sorting.
FORMAT_BILANGAN = "%'.,d"


def week_short(minggu) -> str:
    """'16 Nov' for the Monday of a week (Indonesian month abbreviations), for crowded axes."""

    d = periode.monday(minggu)
    return f"{d.day} {periode.BULAN_SINGKAT[d.month - 1]}"


def _week_axis(fig: go.Figure, labels: list[str], max_ticks: int) -> None:
    """A category axis of week labels, showing every k-th label so they never overlap or tilt."""
    step = max(1, -(-len(labels) // max_ticks))
    shown = labels[::-1][::step][::-1]  # always label the latest week
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=labels, tickangle=0, tickvals=shown, ticktext=shown
    )


def table_text(df: pd.DataFrame, *, dates=(), times=()) -> pd.DataFrame:
    """A copy for st.dataframe in which empty cells read '–' instead of 'None'.

    The named columns become Indonesian dates in the one date style (periode.tanggal: 27 Okt 2026;
    periode.waktu: 27 Okt 2026 15.00); other text columns keep their values with empty cells blank. Numbers stay numbers: give them a NumberColumn with
    FORMAT_BILANGAN and `placeholder="–"` to st.dataframe. Downloads use the original frame.
    """
    out = df.copy()
    # Column-wise, not cell by cell: the national SPPG list has 30,000 rows.
    for column in out.columns:
        if column in dates or column in times:
            form = periode.tanggal if column in dates else periode.waktu
            values = pd.to_datetime(out[column])
            out[column] = [form(v) if not pd.isna(v) else "–" for v in values]
        elif out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].astype(object).where(out[column].notna(), "")
    return out


def _count_axis(fig: go.Figure, largest: int, axis: str = "x") -> None:
    # Small counts: whole-number ticks only, never "0 0 1 1".
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(title=None, tickformat=",d", dtick=1 if largest <= 8 else None, rangemode="tozero")


@_kept
def stacked_by_area(data: pd.DataFrame, parts: list[tuple[str, str, str]], unit: str) -> go.Figure:
    """Stacked horizontal bars per area (column `nama`); `parts` are (column, label, colour).

    The first row of `data` is drawn on top.
    """
    data = data.iloc[::-1]
    fig = go.Figure()
    for column, label, colour in parts:
        fig.add_bar(
            y=data["nama"],
            x=data[column],
            name=label,
            orientation="h",
            marker_color=colour,
            hovertemplate="%{y}: %{x:,} " + unit + "<extra>" + label + "</extra>",
        )
    fig.update_layout(barmode="stack")
    largest = int(data[[c for c, _, _ in parts]].sum(axis=1).max()) if len(data) else 0
    _count_axis(fig, largest)
    return _layout(fig, max(260, 28 * len(data) + 130))


@_kept
def sppg_over_time(data: pd.DataFrame, planned: int, planned_label: str) -> go.Figure:
    """SPPG beroperasi per week (line) against the planned total of the latest week (dashed)."""

    x = [week_short(m) for m in data["minggu"]]
    fig = go.Figure()
    fig.add_scatter(
        x=x,
        y=data["beroperasi"],
        mode="lines+markers",
        name=kamus.STATUS_SPPG_LABEL["beroperasi"],
        line=dict(color=kamus.STATUS_SPPG_WARNA["beroperasi"], width=3),
        customdata=[periode.label(m) for m in data["minggu"]],
        hovertemplate="%{customdata}: %{y:,} beroperasi<extra></extra>",
    )
    fig.add_scatter(
        x=x,
        y=data["persiapan"],
        mode="lines",
        name=kamus.STATUS_SPPG_LABEL["persiapan"],
        line=dict(color=kamus.STATUS_SPPG_WARNA["persiapan"], width=2),
        customdata=[periode.label(m) for m in data["minggu"]],
        hovertemplate="%{customdata}: %{y:,} persiapan<extra></extra>",
    )
    fig.add_hline(
        y=planned,
        line=dict(color="#555", dash="dash", width=2),
        annotation_text=planned_label,
        annotation_position="top left",
    )
    largest = max([planned, *data["beroperasi"], *data["persiapan"]]) if len(data) else planned
    _count_axis(fig, int(largest), "y")
    fig.update_yaxes(range=[0, max(1, largest) * 1.15])
    _week_axis(fig, x, max_ticks=6)
    return _layout(fig, 320)


@_kept
def bimtek_by_area(data: pd.DataFrame) -> go.Figure:
    """Participants per area: this week beside the total up to this week."""
    data = data.iloc[::-1]
    fig = go.Figure()
    fig.add_bar(
        y=data["nama"],
        x=data["peserta_kumulatif"],
        name=teks.BIMTEK_SERI_KUMULATIF,
        orientation="h",
        marker_color=kamus.OKABE_ITO["biru_langit"],
        hovertemplate="%{y}: %{x:,} peserta<extra>" + teks.BIMTEK_SERI_KUMULATIF + "</extra>",
    )
    fig.add_bar(
        y=data["nama"],
        x=data["peserta"],
        name=teks.BIMTEK_SERI_MINGGU_INI,
        orientation="h",
        marker_color=kamus.OKABE_ITO["biru"],
        hovertemplate="%{y}: %{x:,} peserta<extra>" + teks.BIMTEK_SERI_MINGGU_INI + "</extra>",
    )
    fig.update_layout(barmode="group")
    _count_axis(fig, int(data["peserta_kumulatif"].max()) if len(data) else 0)
    return _layout(fig, max(260, 34 * len(data) + 130))


@_kept
def bimtek_over_time(data: pd.DataFrame, window: list) -> go.Figure:
    """Participants per week, stacked by participant category, over the weeks of `window`
    (oldest first; a week without events shows as an empty slot)."""

    order = [periode.monday(m) for m in window]
    labels = [week_short(m) for m in order]
    long_labels = [periode.label(m) for m in order]
    week_of = [periode.monday(m) for m in data["minggu"]]
    fig = go.Figure()
    for key, label in teks.KATEGORI_PESERTA_LABEL.items():
        rows = {
            w: (p, k)
            for w, cat, p, k in zip(week_of, data["kategori_peserta"], data["peserta"], data["kegiatan"])
            if cat == key
        }
        if not rows:
            continue
        peserta = [int(rows.get(m, (0, 0))[0]) for m in order]
        kegiatan = [int(rows.get(m, (0, 0))[1]) for m in order]
        fig.add_bar(
            x=labels,
            y=peserta,
            name=label,
            marker_color=kamus.KATEGORI_PESERTA_WARNA[key],
            customdata=list(zip(long_labels, kegiatan)),
            hovertemplate="%{customdata[0]}: %{y:,} peserta, %{customdata[1]:,} kegiatan<extra>" + label + "</extra>",
        )
    fig.update_layout(barmode="stack", bargap=0.3)
    _week_axis(fig, labels, max_ticks=6)
    totals = data.groupby("minggu")["peserta"].sum()
    _count_axis(fig, int(totals.max()) if len(totals) else 0, "y")
    return _layout(fig, 320)


@_kept
def completeness_rates(data: pd.DataFrame) -> go.Figure:
    """Share of expected kabupaten/kota that reported, per week, one line per dataset."""

    fig = go.Figure()
    for dataset, rows in data.groupby("dataset", sort=False):
        share = (rows["melapor"] / rows["diharapkan"].where(rows["diharapkan"] > 0)).fillna(0)
        fig.add_scatter(
            x=[week_short(m) for m in rows["minggu"]],
            y=share,
            mode="lines+markers",
            name=teks.KELENGKAPAN_DATASET[dataset],
            line=dict(
                color=kamus.DATASET_WARNA.get(dataset, kamus.ABU_TUA),
                width=2,
                dash="dot" if dataset == "bimtek" else "solid",
            ),
            customdata=list(zip([periode.label(m) for m in rows["minggu"]], rows["melapor"], rows["diharapkan"])),
            hovertemplate="%{customdata[0]}: %{customdata[1]:,} dari %{customdata[2]:,} (%{y:.0%})<extra>"
            + teks.KELENGKAPAN_DATASET[dataset]
            + "</extra>",
        )
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%", title=None)
    _week_axis(fig, [week_short(m) for m in sorted(set(data["minggu"]))], max_ticks=12)
    return _layout(fig, 320)


@_kept
def completeness_heatmap(data: pd.DataFrame, event_based: bool = False) -> go.Figure:
    """Kabupaten/kota × week: on time, late or missing, with a symbol in each cell.

    `data` has nama, minggu, status, diunggah_pada; rows keep their order top to bottom.
    """

    value = {"tidak_melapor": 0, "terlambat": 1, "tepat_waktu": 2}
    names = list(dict.fromkeys(data["nama"]))
    week_list = sorted(set(data["minggu"]))
    columns = [week_short(m) for m in week_list]
    col_of = {m: i for i, m in enumerate(week_list)}
    row_of = {n: i for i, n in enumerate(reversed(names))}
    labels = teks.KELENGKAPAN_STATUS_KEGIATAN if event_based else kamus.KELENGKAPAN_STATUS
    z = [[None] * len(columns) for _ in names]
    text = [[""] * len(columns) for _ in names]
    hover = [[""] * len(columns) for _ in names]
    for nama, minggu, status, diunggah in zip(data["nama"], data["minggu"], data["status"], data["diunggah_pada"]):
        r, c = row_of[nama], col_of[minggu]
        z[r][c] = value[status]
        text[r][c] = teks.KELENGKAPAN_SIMBOL[status]
        when = "" if pd.isna(diunggah) else f"<br>diunggah {periode.waktu(pd.Timestamp(diunggah))}"
        hover[r][c] = f"{sanitize.markup(nama)}<br>{periode.label(minggu)}<br>{labels[status]}{when}"
    missing = kamus.ABU_MUDA if event_based else kamus.KELENGKAPAN_WARNA["tidak_melapor"]
    colours = [missing, kamus.KELENGKAPAN_WARNA["terlambat"], kamus.KELENGKAPAN_WARNA["tepat_waktu"]]
    scale = [
        [0, colours[0]],
        [1 / 3, colours[0]],
        [1 / 3, colours[1]],
        [2 / 3, colours[1]],
        [2 / 3, colours[2]],
        [1, colours[2]],
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=list(reversed(names)),
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            zmin=0,
            zmax=2,
            colorscale=scale,
            showscale=False,
            # Dark symbols read on all three colours (white would vanish on the amber of "terlambat").
            xgap=2,
            ygap=2,
            textfont=dict(size=13, color="#111"),
        )
    )
    # A legend for the three colours (heatmaps have none of their own).
    for key, colour in zip(("tepat_waktu", "terlambat", "tidak_melapor"), reversed(colours)):
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=labels[key],
            showlegend=True,
            marker=dict(symbol="square", size=14, color=colour),
        )
    fig.update_xaxes(side="top", type="category", showgrid=False)
    fig.update_yaxes(type="category", showgrid=False)
    fig.update_layout(plot_bgcolor="white")
    height = max(150, 26 * len(names) + 110)
    fig = _layout(fig, height)
    # Keep the legend just under the cells whatever the height (paper units shrink as it grows).
    fig.update_layout(legend=dict(y=-12 / (height - 20), yanchor="top"), margin=dict(l=10, r=10, t=10, b=40))
    return fig


# --- Zona & Intervensi, Lahan & Kendala ---


@_kept
def zones_by_area_paired(data: pd.DataFrame) -> go.Figure:
    """Per area, this week's zones as a full bar and last week's as a pale bar beneath it.

    `data` has kode, nama, hijau/kuning/merah and *_lalu (zona_per_wilayah); every segment carries
    the area code in customdata[0] so a click can narrow the filter. The first row is drawn on top.
    """
    data = data.iloc[::-1]
    fig = go.Figure()
    totals = {
        "kini": data[["merah", "kuning", "hijau"]].sum(axis=1),
        "lalu": data[["merah_lalu", "kuning_lalu", "hijau_lalu"]].sum(axis=1),
    }
    # Bars of a horizontal group are laid out bottom-up: last week first, so this week sits on top.
    for week, suffix, opacity in (("lalu", "_lalu", 0.4), ("kini", "", 1.0)):
        base = pd.Series(0, index=data.index)
        total = totals[week].replace(0, 1)
        label_week = teks.ZONA_MINGGU_INI if week == "kini" else teks.ZONA_MINGGU_LALU
        for zona in ("merah", "kuning", "hijau"):
            values = data[zona + suffix]
            share = (100 * values / total).round(1)
            custom = list(zip(data["kode"], share.map(lambda v: angka(v, 1)), [label_week] * len(data)))
            fig.add_bar(
                y=data["nama"],
                x=values,
                base=base,
                name=kamus.ZONA_LABEL[zona],
                orientation="h",
                marker=dict(color=kamus.ZONA_WARNA[zona], opacity=opacity, line=dict(width=0)),
                offsetgroup=week,
                legendgroup=zona,
                showlegend=week == "kini",
                customdata=custom,
                hovertemplate="%{y} · %{customdata[2]}<br>%{x:,} koperasi (%{customdata[1]}%)<extra>"
                + kamus.ZONA_LABEL[zona]
                + "</extra>",
            )
            base = base + values
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.08)
    largest = int(max(totals["kini"].max(), totals["lalu"].max())) if len(data) else 0
    fig.update_xaxes(title=None, tickformat=",d", dtick=1 if largest <= 8 else None, rangemode="tozero")
    fig.update_yaxes(categoryorder="array", categoryarray=list(data["nama"]))
    return _legend_on_top(_layout(fig, max(300, 40 * len(data) + 110)))


# Cell colours of the zone-move matrix: same zone, worse, better, in/out, nobody.
_MOVE_COLOURS = ("#e6e6e6", "#f4a582", "#a6dba0", "#9ecae1", "#fbfbfb")


@_kept
def zone_moves(
    grid: pd.DataFrame, row_labels: dict[str, str], column_labels: dict[str, str], chosen: str | None = None
) -> go.Figure:
    """The 4×4 zone-move matrix (rows: last week incl. 'baru'; columns: this week incl. 'hilang').

    Drawn as square markers rather than a heatmap because Streamlit can select (click) scatter
    points but not heatmap cells; customdata is 'dari>ke', and the `chosen` cell is shown selected.
    Cells are coloured by kind of move.
    """
    rank = {"merah": 0, "kuning": 1, "hijau": 2}
    x, y, colour, text, custom, hover = [], [], [], [], [], []
    for dari in grid.index:
        for ke in grid.columns:
            n = int(grid.loc[dari, ke])
            if n == 0:
                kind = 4
            elif dari in rank and ke in rank:
                kind = 0 if rank[dari] == rank[ke] else (1 if rank[ke] < rank[dari] else 2)
            else:
                kind = 3
            x.append(column_labels[ke])
            y.append(row_labels[dari])
            colour.append(_MOVE_COLOURS[kind])
            text.append(angka(n) if n else "·")
            custom.append(f"{dari}>{ke}")
            hover.append(f"{row_labels[dari]} → {column_labels[ke]}: {angka(n)} koperasi")
    fig = go.Figure(
        go.Scatter(
            x=x,
            y=y,
            mode="markers+text",
            text=text,
            textfont=dict(size=17, color="#222"),
            customdata=custom,
            marker=dict(symbol="square", size=52, color=colour, line=dict(width=0)),
            selected=dict(marker=dict(opacity=1)),
            unselected=dict(marker=dict(opacity=0.55), textfont=dict(color="#444")),
            selectedpoints=[custom.index(chosen)] if chosen in custom else None,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    fig.update_xaxes(
        side="top",
        title=teks.TRANSISI_SUMBU_KINI,
        fixedrange=True,
        showgrid=False,
        zeroline=False,
        categoryorder="array",
        categoryarray=[column_labels[c] for c in grid.columns],
    )
    fig.update_yaxes(
        title=teks.TRANSISI_SUMBU_LALU,
        fixedrange=True,
        showgrid=False,
        zeroline=False,
        categoryorder="array",
        categoryarray=[row_labels[r] for r in grid.index][::-1],
    )
    fig.update_layout(
        height=330,
        margin=dict(l=10, r=10, t=60, b=10),
        font=FONT,
        separators=",.",
        plot_bgcolor="rgba(0,0,0,0)",
        dragmode=False,
    )
    return sanitize.escape_figure(fig)


def _ink(colour: str) -> str:
    """Black or white text, whichever reads on the colour."""
    r, g, b = kamus.rgb(colour)
    return "#111111" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


@_kept
def stacked_area_bars(
    data: pd.DataFrame, parts: list[tuple[str, str, str]], unit: str, label: str = "nama", direct: bool = False
) -> go.Figure:
    """Stacked horizontal bars per row of `data` (label column `label`; `parts` are (column, label,
    colour)); customdata[0] is the row's `kode` when there is one. The first row is drawn on top.

    `direct`: each segment wide enough carries its category's name and count, so colour alone never
    carries the meaning; the legend lists the categories in stack order (left to right)."""
    data = data.iloc[::-1]
    codes = data["kode"] if "kode" in data.columns else data[label]
    fig = go.Figure()
    for column, name, colour in parts:
        extra = {}
        if direct:
            extra = dict(
                text=[f"{name} {angka(v)}" if v else "" for v in data[column]],
                textposition="inside",
                insidetextanchor="middle",
                textfont=dict(color=_ink(colour)),
            )
        fig.add_bar(
            y=data[label],
            x=data[column],
            name=name,
            orientation="h",
            marker_color=colour,
            customdata=list(zip(codes)),
            hovertemplate="%{y}: %{x:,} " + unit + "<extra>" + name + "</extra>",
            **extra,
        )
    fig.update_layout(barmode="stack", legend_traceorder="normal", uniformtext=dict(minsize=11, mode="hide"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(data[label]))
    largest = int(data[[c for c, _, _ in parts]].sum(axis=1).max()) if len(data) else 0
    fig.update_xaxes(title=None, tickformat=",d", dtick=1 if largest <= 8 else None, rangemode="tozero")
    # In a half-width column plotly puts each legend entry on its own line; without room for them the
    # legend scrolls and hides its last entries.
    legend = 20 * len(parts) if len(parts) > 3 else 0
    return _legend_on_top(_layout(fig, max(220, 28 * len(data) + 110) + legend))


def _legend_on_top(fig: go.Figure) -> go.Figure:
    # Above the plot the legend never meets the axis labels, however short the chart.
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.01, x=0, xanchor="left"))
    return fig


@_kept
def stacked_long_bars(
    data: pd.DataFrame,
    category: str,
    stack: str,
    value: str,
    labels: dict[str, str],
    colours: dict[str, str],
    unit: str,
    direct: bool = True,
) -> go.Figure:
    """`stacked_area_bars` from a long frame: one bar per `category`, segments per `stack` value,
    in the order of `labels` (unknown values last, grey), categories in their first-seen order."""
    order = list(dict.fromkeys(data[category]))
    wide = data.pivot_table(index=category, columns=stack, values=value, aggfunc="sum", fill_value=0)
    wide = wide.reindex(order).reset_index().rename(columns={category: "nama"})
    keys = [k for k in labels if k in wide.columns] + [k for k in wide.columns if k not in labels and k != "nama"]
    parts = [(k, labels.get(k, str(k)), colours.get(k, kamus.ABU)) for k in keys]
    return stacked_area_bars(wide, parts, unit, direct=direct)


@_kept
def ranked_bars(labels: list[str], values: list[int], colour: str, unit: str) -> go.Figure:
    """One horizontal bar per item, the largest on top, its count written at the end of the bar."""
    fig = go.Figure(
        go.Bar(
            y=labels[::-1],
            x=values[::-1],
            orientation="h",
            marker_color=colour,
            text=[angka(v) for v in values[::-1]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,} " + unit + "<extra></extra>",
        )
    )
    largest = max(values) if values else 0
    # Room at the end of the longest bar for its count.
    fig.update_xaxes(title=None, tickformat=",d", dtick=1 if largest <= 8 else None, range=[0, max(largest, 1) * 1.12])
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1])
    return _layout(fig, max(220, 34 * len(labels) + 80))


@_kept
def lines_over_weeks(
    data: pd.DataFrame, series: str, value: str, labels: dict[str, str], colours: dict[str, str], unit: str
) -> go.Figure:
    """One line per value of `series` over the weeks (`minggu`), x labelled with the week's Monday."""

    fig = go.Figure()
    for key in [k for k in labels if k in set(data[series])] + sorted(set(data[series]) - set(labels)):
        rows = data[data[series] == key].sort_values("minggu")
        x = [periode.monday(m) for m in rows["minggu"]]
        fig.add_scatter(
            x=x,
            y=rows[value],
            mode="lines+markers",
            name=labels.get(key, key),
            line=dict(color=colours.get(key, kamus.ABU), width=2.5),
            customdata=[periode.label(m) for m in rows["minggu"]],
            hovertemplate="%{customdata}: %{y:,} " + unit + "<extra>" + labels.get(key, key) + "</extra>",
        )
    largest = int(data[value].max()) if len(data) else 0
    fig.update_yaxes(title=None, tickformat=",d", dtick=1 if largest <= 8 else None, rangemode="tozero")
    ticks = sorted({periode.monday(m) for m in data["minggu"]})
    ticks = ticks[::-1][:: max(1, -(-len(ticks) // 6))][::-1]  # at most 6 labels, the latest always
    fig.update_xaxes(
        title=None,
        tickvals=ticks,
        tickangle=0,
        ticktext=[f"{d.day} {periode.BULAN_SINGKAT[d.month - 1]}" for d in ticks],
    )
    _layout(fig, 380)
    # Beside the plot, not under it: a legend below would collide with the week labels.
    fig.update_layout(legend=dict(orientation="v", yanchor="top", y=1, x=1.02, xanchor="left"))
    return fig
