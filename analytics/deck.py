"""The weekly 'coffee morning' deck as data: slides with a title, one auto-written Indonesian
sentence, KPI tiles, a small table and a plotly figure, all built from aggregated query results.

The Presentasi page, the PPTX/PDF export (analytics/deck_export.py) and `python -m analytics deck`
all draw the same `Deck`; nothing here imports Streamlit. Deck texts live in this module (not in
ui/teks.py) because the CLI builds the deck without the UI layer.

Which slides show, and in which order, is the office's choice, kept in a small JSON file
(`data/presentasi.json`, or KDKMP_PRESENTASI): see `Pilihan`.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from analytics import (bimtek, db, demo, digitalisasi, kamus, kelengkapan, koperasi, lahan, metrik, periode, peta,
                       sppg, summary, zona)
from analytics import sanitize
from analytics.filters import Filter
from analytics.peta import geometri
from analytics.format import angka, persen
from analytics.zona.aturan import Rules, load_rules

# --- texts --------------------------------------------------------------------------------------

JUDUL_DECK = "Laporan Mingguan KDKMP & MBG"
DATA_CONTOH = "Data contoh (sintetis)"
SELURUH_INDONESIA = "Seluruh Indonesia"
SLIDE_JUDUL = {
    "utama": "Angka utama minggu ini",
    "zona": "Zona koperasi per {tingkat}",
    "terburuk": "{Tingkat} dengan zona merah terbanyak",
    "intervensi": "Perlu intervensi minggu ini",
    "lahan": "Lahan dan kendala",
    "sppg": "SPPG: realisasi terhadap rencana",
    "simkopdes": "Adopsi SIMKOPDES dan pelatihan",
    "kelengkapan": "Kelengkapan laporan",
}
TINGKAT = {"provinsi": "provinsi", "kabupaten": "kabupaten/kota", "kecamatan": "kecamatan", "desa": "desa/kelurahan"}
TINGKAT_KOLOM = {"provinsi": "Provinsi", "kabupaten": "Kab/kota", "kecamatan": "Kecamatan", "desa": "Desa/kel."}
# Zone, obstacle and status words come from the vocabulary (analytics/kamus.py); a sentence uses
# obstacles in lower case ("tenaga kerja").
KENDALA_NAMA = {k: v.lower() for k, v in kamus.KENDALA_LABEL.items()}
STATUS_LAPOR = {"tepat_waktu": "tepat waktu", "terlambat": "terlambat", "tidak_melapor": "belum"}
DATASET_LAPOR = {"koperasi": "Koperasi", "lahan": "Lahan", "sppg": "SPPG"}
KOSONG = {
    "koperasi": "Belum ada data koperasi untuk filter ini. Unggah file koperasi di halaman Unggah Data.",
    "sppg": "Belum ada data SPPG untuk filter ini. Unggah file SPPG di halaman Unggah Data.",
    "lahan": "Belum ada data lahan untuk filter ini. Unggah file lahan di halaman Unggah Data.",
}

# --- limits: what fits on a slide read from the back of a room ----------------------------------

BATAS_WILAYAH = 8  # areas in a chart or table
BATAS_INTERVENSI = 15
BATAS_TERBURUK = 8
BATAS_PETA = 400  # polygons drawn in the map of the worst areas
BATAS_TABEL_LAPOR = 10
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
UKURAN_HURUF = 20  # px in a figure of about 1000 px: about 15 pt on a 13.3-inch slide

SLIDE_IDS = ("utama", "zona", "terburuk", "intervensi", "lahan", "sppg", "simkopdes", "kelengkapan")


# --- the deck as data ---------------------------------------------------------------------------

@dataclass
class Kpi:
    """One tile: a value and its change since the previous week with data."""
    label: str
    nilai: int | None
    lalu: int | None = None
    baik: str = "naik"  # which change is good news: 'naik', 'turun' (zona merah, …) or '' (neither)
    teks: str | None = None  # shown instead of the number, e.g. '9 dari 10'

    @property
    def nilai_teks(self) -> str:
        return self.teks if self.teks is not None else angka(self.nilai)

    @property
    def selisih(self) -> int | None:
        if self.nilai is None or self.lalu is None or self.teks is not None:
            return None
        return self.nilai - self.lalu

    @property
    def perubahan(self) -> str:
        """'naik 12', 'turun 3', 'tetap', or '' without a previous week."""
        d = self.selisih
        if d is None:
            return ""
        return f"naik {angka(d)}" if d > 0 else f"turun {angka(-d)}" if d < 0 else "tetap"

    @property
    def nada(self) -> str:
        """'baik', 'buruk' or 'netral': the colour of the change."""
        d = self.selisih
        if not d or not self.baik:
            return "netral"
        return "baik" if (d > 0) == (self.baik == "naik") else "buruk"


def kpi(p: summary.Picture, metrik_id: str, label: str | None = None) -> Kpi:
    """A tile of a registry metric from the weekly picture: its label, value, last week and direction."""
    m = metrik.METRIK[metrik_id]
    before = p.lalu(metrik_id)
    return Kpi(label or m.label, p[metrik_id], before, m.arah)


def kalimat_sumber(p: summary.Picture, sumber: str) -> str:
    """Every registry metric of a source with its value and week, as one sentence."""
    rincian = ", ".join(f"{m.label} {m.teks(p[m.id])}" for m in metrik.dari_sumber(sumber))
    return f"{metrik.SUMBER[sumber].label} ({periode.label(p.minggu[summary.minggu_sumber(sumber)])}): {rincian}."


@dataclass
class Tabel:
    """A small table as text (Indonesian number format), plus the raw frame for downloads."""
    kolom: list[str]
    baris: list[list[str]]
    kanan: list[bool]  # right-aligned (numbers) per column
    data: pd.DataFrame
    lebar: list[float] | None = None  # relative column widths

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.baris, columns=self.kolom)


@dataclass
class Slide:
    id: str
    judul: str
    kalimat: str
    kpi: list[Kpi] = field(default_factory=list)
    grafik: go.Figure | None = None
    grafik_alt: str = ""
    tabel: Tabel | None = None
    tabel_judul: str = ""
    catatan: str = ""
    kosong: str | None = None  # why the slide has nothing to show, and how to fix it


@dataclass
class Deck:
    filter: Filter
    wilayah: str
    minggu: dt.date | None
    minggu_lalu: dt.date | None
    slides: list[Slide]
    contoh: bool = False
    dibuat: dt.date = field(default_factory=dt.date.today)

    @property
    def judul(self) -> str:
        return JUDUL_DECK

    @property
    def label_minggu(self) -> str:
        return periode.label(self.minggu) if self.minggu else "belum ada data"

    @property
    def subjudul(self) -> str:
        """'Nusa Tenggara Barat · Minggu 47 · 16–22 Nov 2026'."""
        return f"{self.wilayah} · {self.label_minggu}"

    @property
    def pembanding(self) -> str:
        return (f"Perubahan dibanding {periode.label(self.minggu_lalu)}" if self.minggu_lalu
                else "Belum ada minggu sebelumnya untuk dibandingkan")

    def slide(self, slide_id: str) -> Slide:
        return next(s for s in self.slides if s.id == slide_id)

    def urut(self, pilihan: "Pilihan | None" = None) -> list[Slide]:
        """The slides to present: in the chosen order, hidden ones left out."""
        return terapkan(self.slides, pilihan or Pilihan())


# --- the kept choice: order and hidden slides ---------------------------------------------------

@dataclass(frozen=True)
class Pilihan:
    urutan: tuple[str, ...] = SLIDE_IDS
    sembunyi: frozenset[str] = frozenset()

    def as_json(self) -> dict:
        return {"urutan": list(self.urutan), "sembunyi": sorted(self.sembunyi)}

    @classmethod
    def from_json(cls, doc) -> "Pilihan":
        """Unknown ids are dropped and missing ones appended in the default order."""
        if not isinstance(doc, dict):
            return cls()
        urutan = [s for s in doc.get("urutan", []) if isinstance(s, str) and s in SLIDE_IDS]
        urutan = list(dict.fromkeys(urutan)) + [s for s in SLIDE_IDS if s not in urutan]
        sembunyi = frozenset(s for s in doc.get("sembunyi", []) if isinstance(s, str) and s in SLIDE_IDS)
        return cls(tuple(urutan), sembunyi)

    def geser(self, slide_id: str, langkah: int) -> "Pilihan":
        """Move one slide up (-1) or down (+1) in the order."""
        urutan = list(self.urutan)
        i = urutan.index(slide_id)
        j = min(max(i + langkah, 0), len(urutan) - 1)
        urutan.insert(j, urutan.pop(i))
        return Pilihan(tuple(urutan), self.sembunyi)

    def tampil(self, slide_id: str, ya: bool) -> "Pilihan":
        sembunyi = set(self.sembunyi)
        if ya:
            sembunyi.discard(slide_id)
        else:
            sembunyi.add(slide_id)
        return Pilihan(self.urutan, frozenset(sembunyi))


def terapkan(slides: list[Slide], pilihan: Pilihan) -> list[Slide]:
    by_id = {s.id: s for s in slides}
    out = [by_id[i] for i in pilihan.urutan if i in by_id and i not in pilihan.sembunyi]
    return out or [slides[0]]  # hiding everything would leave nothing to present


def pilihan_path() -> Path:
    return Path(os.environ.get("KDKMP_PRESENTASI") or db.DATA_DIR / "presentasi.json")


def baca_pilihan(path: Path | None = None) -> Pilihan:
    path = path or pilihan_path()
    try:
        return Pilihan.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return Pilihan()


def simpan_pilihan(pilihan: Pilihan, path: Path | None = None) -> None:
    """Written to a temporary file first, so a crash never leaves half a file."""
    path = path or pilihan_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(pilihan.as_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


# --- the one query of this module that is not a slide -------------------------------------------

def deck_nama_wilayah(con, f: Filter) -> str:
    """'Kec. Ambalawi · Kabupaten Bima · Nusa Tenggara Barat' (finest first)."""
    if f.level is None:
        return SELURUH_INDONESIA
    df = db.run(con, "deck_nama_wilayah", f.params())
    return " · ".join(("Kec. " + n) if t == "kecamatan" else n for t, n in zip(df["tingkat"], df["nama"]))


def deck_pindah_zona_per_wilayah(con, f: Filter, tingkat: str, minggu, minggu_lalu) -> pd.DataFrame:
    """Koperasi that changed zone per (area, from, to), with arah naik/turun; most first."""
    df = zona.transisi_zona_per_wilayah(con, f, minggu, minggu_lalu, tingkat)
    df["arah"] = [zona.arah(dari, ke) for dari, ke in zip(df["dari"], df["ke"])]
    pindah = df[df["arah"].isin(("naik", "turun")) & df["nama"].notna()]
    return pindah[["kode", "nama", "dari", "ke", "arah", "koperasi"]].reset_index(drop=True)


def deck_wilayah_terburuk(con, f: Filter, tingkat: str, minggu, minggu_lalu) -> pd.DataFrame:
    """Areas (kecamatan or desa) of the filter with their merah counts and zone moves; worst first."""
    if tingkat not in ("kecamatan", "desa"):
        raise ValueError(f"tingkat {tingkat!r}: hanya kecamatan atau desa")
    return db.run(con, "deck_wilayah_terburuk", {**f.params(), "tingkat": tingkat,
                                                  "minggu": minggu, "minggu_lalu": minggu_lalu})


# --- sentence helpers ---------------------------------------------------------------------------

def menjadi(kini: int, lalu: int | None) -> str:
    """'bertambah 2 menjadi 29', 'berkurang 3 menjadi 26', 'tetap 29', or '29' without last week."""
    if lalu is None:
        return angka(kini)
    if kini > lalu:
        return f"bertambah {angka(kini - lalu)} menjadi {angka(kini)}"
    if kini < lalu:
        return f"berkurang {angka(lalu - kini)} menjadi {angka(kini)}"
    return f"tetap {angka(kini)}"


def dari_menjadi(kini: int, lalu: int | None) -> str:
    """'turun dari 212 menjadi 176', 'naik dari 5 menjadi 9', 'tetap 176', or '176'."""
    if lalu is None:
        return angka(kini)
    if kini < lalu:
        return f"turun dari {angka(lalu)} menjadi {angka(kini)}"
    if kini > lalu:
        return f"naik dari {angka(lalu)} menjadi {angka(kini)}"
    return f"tetap {angka(kini)}"


def nama_area(tingkat: str, nama: str) -> str:
    """Kabupaten names already read 'Kab. X'/'Kota X'; kecamatan get 'Kec.'."""
    return f"Kec. {nama}" if tingkat == "kecamatan" else nama


def _daftar(names: list[str]) -> str:
    """'A', 'A dan B', 'A, B dan C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " dan " + names[-1]


BATAS_SEIMBANG = 3  # areas tied at the top that a sentence still names


def teratas(df: pd.DataFrame, kolom: str, nama) -> tuple[list[str], int]:
    """The areas with the largest `kolom` (all of them when tied, by name) and that value."""
    top = int(df[kolom].max()) if len(df) else 0
    rows = df[df[kolom] == top].sort_values("nama")
    return [nama(r) for r in rows.to_dict("records")], top


def lokasi(names: list[str], top: int, total: int, jumlah_area: int, tingkat: str,
           satuan: str | None = None) -> str:
    """Where `total` things are, given the areas with the most (`names`, `top` in each):
    'di A', 'semuanya di A', 'di A, B dan C', 'terbanyak di A (26)', 'terbanyak di A dan B (masing-masing 4)',
    'tersebar di 9 kecamatan'. `satuan` (a unit, may be '') adds the count to 'terbanyak'."""
    def count(prefix: str = "") -> str:
        if satuan is None:
            return ""
        return f" ({prefix}{angka(top)}{' ' + satuan if satuan else ''})"

    if top * len(names) == total and len(names) <= BATAS_SEIMBANG:
        if len(names) == 1:
            return f"di {names[0]}" if total == 1 else f"semuanya di {names[0]}"
        return f"di {_daftar(names)}" + (count("masing-masing ") if top > 1 else "")
    if len(names) == 1:
        return f"terbanyak di {names[0]}" + count()
    if len(names) <= BATAS_SEIMBANG:
        return f"terbanyak di {_daftar(names)}" + count("masing-masing ")
    return f"tersebar di {angka(jumlah_area)} {TINGKAT[tingkat]}"


_SINGKATAN = (("koperasi desa merah putih", "KDMP"), ("koperasi kelurahan merah putih", "KKMP"))


def singkat_koperasi(nama: str) -> str:
    """'Koperasi Desa Merah Putih Banggo' -> 'KDMP Banggo' (the programme's own abbreviations)."""
    for panjang, pendek in _SINGKATAN:
        if nama.lower().startswith(panjang):
            return (pendek + nama[len(panjang):]).strip()
    return nama


def _pendek(text: str) -> str:
    """A rule's explanation cut to its headline: 'Tidak dapat dibangun (tahap …).' -> 'Tidak dapat dibangun'."""
    for stop in (" (", ":"):
        if stop in text:
            text = text.split(stop, 1)[0]
    return text.strip().rstrip(".")


# --- figures: large type, high contrast ---------------------------------------------------------

def _gaya(fig: go.Figure, tinggi: int = 520, legenda: bool = True) -> go.Figure:
    fig.update_layout(
        height=tinggi, font=dict(family=FONT, size=UKURAN_HURUF, color="#111111"), separators=",.",
        # Room above the plot for a legend of two rows: beside long area names it can wrap.
        paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", margin=dict(l=10, r=30, t=80 if legenda else 10, b=10),
        showlegend=legenda,
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, xanchor="left",
                    font=dict(size=UKURAN_HURUF), traceorder="normal"),
    )
    fig.update_xaxes(gridcolor="#d0d0d0", zerolinecolor="#888888", tickfont=dict(size=UKURAN_HURUF),
                     automargin=True)
    fig.update_yaxes(gridcolor="#d0d0d0", zerolinecolor="#888888", tickfont=dict(size=UKURAN_HURUF),
                     automargin=True)
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
        fig.add_bar(y=labels, x=data[z], name=kamus.ZONA_PENDEK[z], orientation="h", marker_color=kamus.ZONA_WARNA[z],
                    marker_line=dict(color="#ffffff", width=1),
                    text=[angka(v) if v else "" for v in data[z]], textposition="inside",
                    insidetextanchor="middle", textfont=dict(size=UKURAN_HURUF - 2,
                                                             color="#111111" if z == "kuning" else "#ffffff"))
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
        fig.add_bar(y=labels, x=[lalu.get(k, 0) for k, _ in items], name="Minggu lalu", orientation="h",
                    marker=dict(color="#ffffff", line=dict(color="#555555", width=2)))
    fig.add_bar(y=labels, x=[v for _, v in items], name="Minggu ini", orientation="h", marker_color="#c0392b",
                text=[angka(v) for _, v in items], textposition="outside", cliponaxis=False,
                textfont=dict(size=UKURAN_HURUF))
    fig.update_layout(barmode="group", bargap=0.2, bargroupgap=0.05)
    _bilangan(fig, max([v for _, v in items] or [0]))
    _semua_label(fig, labels)
    return _gaya(fig, max(360, 52 * len(items) + 110), legenda=lalu is not None)


def grafik_sppg(per_minggu: pd.DataFrame) -> go.Figure:
    """SPPG operating per week against all SPPG planned (every status), one point per week."""
    labels = [f"{periode.monday(m).day} {periode.BULAN_SINGKAT[periode.monday(m).month - 1]}" for m in per_minggu["minggu"]]
    fig = go.Figure()
    fig.add_scatter(x=labels, y=per_minggu["total"], name="Direncanakan (semua status)", mode="lines",
                    line=dict(color="#555555", width=3, dash="dash"))
    fig.add_scatter(x=labels, y=per_minggu["beroperasi"], name="Beroperasi", mode="lines+markers",
                    line=dict(color="#1565c0", width=5), marker=dict(size=10))
    if len(per_minggu):
        last = per_minggu.iloc[-1]
        fig.add_annotation(x=labels[-1], y=int(last["beroperasi"]), text=f"<b>{angka(int(last['beroperasi']))}</b>",
                           showarrow=False, xanchor="left", xshift=12, font=dict(size=UKURAN_HURUF + 4, color="#1565c0"))
        fig.add_annotation(x=labels[-1], y=int(last["total"]), text=angka(int(last["total"])), showarrow=False,
                           xanchor="left", xshift=12, font=dict(size=UKURAN_HURUF, color="#555555"))
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
    for col, name, colour, text_colour in (("aktif", "Aktif", "#1a9850", "#ffffff"),
                                           ("kendala", "Kendala", "#d73027", "#ffffff"),
                                           ("belum", "Belum", "#bdbdbd", "#111111")):
        fig.add_bar(y=labels, x=data[col], name=name, orientation="h", marker_color=colour,
                    marker_line=dict(color="#ffffff", width=1),
                    text=[angka(v) if v else "" for v in data[col]], textposition="inside",
                    insidetextanchor="middle", textfont=dict(size=UKURAN_HURUF - 2, color=text_colour))
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
    nilai = {r["kode"]: m.nilai_peta({"zona_merah": r["merah"], "terdaftar": r["koperasi"]})
             for r in data.to_dict("records")}
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
        name = f"Merah {labels[idx]}" if idx is not None else "Tanpa koperasi"
        fig.add_scatter(x=xs, y=ys, mode="lines", fill="toself", name=name, hoverinfo="skip",
                        fillcolor=f"rgb{tuple(rgb)}", line=dict(color="#444444", width=1))
    if len(sorot):
        fig.add_scatter(x=sorot["lon"], y=sorot["lat"], mode="markers+text", name="Nomor di tabel",
                        text=[str(i + 1) for i in range(len(sorot))], textposition="middle center",
                        textfont=dict(size=UKURAN_HURUF - 5, color="#ffffff", family=FONT),
                        marker=dict(size=24, color="#111111", line=dict(color="#ffffff", width=2)), hoverinfo="skip")
    lons = [x for xs, _ in kelompok.values() for x in xs if x is not None]
    lats = [y for _, ys in kelompok.values() for y in ys if y is not None]
    mid = (min(lats) + max(lats)) / 2
    fig.update_xaxes(visible=False, range=[min(lons) - 0.02, max(lons) + 0.02])
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(mid)),
                     range=[min(lats) - 0.02, max(lats) + 0.02])
    aspect = (max(lats) - min(lats)) / max((max(lons) - min(lons)) * math.cos(math.radians(mid)), 1e-6)
    _gaya(fig, int(max(320, min(600, 620 * aspect + 90))))
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=0, x=0, xanchor="left",
                                  font=dict(size=UKURAN_HURUF - 3), itemwidth=30),
                      margin=dict(l=5, r=5, t=5, b=5))
    return fig


# --- the slides ---------------------------------------------------------------------------------

def _tabel(df: pd.DataFrame, kolom: dict[str, str], angka_kolom=(), lebar=None) -> Tabel:
    """Text cells from the frame's columns `kolom` (name -> header); numbers in Indonesian format."""
    baris = []
    for row in df.to_dict("records"):
        cells = []
        for c in kolom:
            v = row[c]
            if c in angka_kolom:
                cells.append(angka(v) if v is not None and not (isinstance(v, float) and math.isnan(v)) else "–")
            else:
                cells.append("" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v))
        baris.append(cells)
    data = df[list(kolom)].rename(columns=kolom).reset_index(drop=True)
    return Tabel(list(kolom.values()), baris, [c in angka_kolom for c in kolom], data, lebar)


def _slide_utama(p: summary.Picture) -> Slide:
    k, kl = p.koperasi, p.koperasi_lalu
    ada_sppg = p.minggu["sppg"] is not None
    kpi_ = [kpi(p, n) for n in ("terdaftar", "masuk_portal", "tahap_pembangunan", "tahap_tidak_dapat_dibangun",
                                "gerai_beroperasi")]
    if ada_sppg:
        kpi_ += [kpi(p, "sppg_beroperasi"), kpi(p, "sppg_total")]
    gerai_lalu = kl["gerai_beroperasi"] if kl else None
    kalimat = (f"Dari {angka(k['terdaftar'])} koperasi terdaftar, {angka(k['masuk_portal'])} masuk portal, "
               f"{angka(k['tahap_pembangunan'])} sedang dibangun dan {angka(k['tahap_tidak_dapat_dibangun'])} "
               f"tidak dapat dibangun; gerai beroperasi {menjadi(k['gerai_beroperasi'], gerai_lalu)}")
    if ada_sppg:
        kalimat += f", SPPG beroperasi {angka(p['sppg_beroperasi'])} dari {angka(p['sppg_total'])} yang direncanakan."
    else:
        kalimat += "; belum ada data SPPG."
    catatan = "" if ada_sppg else KOSONG["sppg"]
    return Slide("utama", SLIDE_JUDUL["utama"], kalimat, kpi=kpi_, catatan=catatan)


def _slide_zona(con, f: Filter, p: summary.Picture) -> Slide:
    kini, lalu = p.minggu["koperasi"], p.minggu_lalu["koperasi"]
    tingkat = f.group_level
    judul = SLIDE_JUDUL["zona"].format(tingkat=TINGKAT[tingkat])
    k, kl = p.koperasi, p.koperasi_lalu
    kpi_ = [kpi(p, f"zona_{z}", kamus.ZONA_PENDEK[z]) for z in ("merah", "kuning", "hijau")]
    per_area = koperasi.zona_per_wilayah(con, f, kini, lalu)
    pindah = deck_pindah_zona_per_wilayah(con, f, tingkat, kini, lalu) if lalu else pd.DataFrame(
        columns=["kode", "nama", "dari", "ke", "arah", "koperasi"])

    bagian = [f"Zona merah {dari_menjadi(k['zona_merah'], kl['zona_merah'] if kl else None)} koperasi"]
    if lalu is not None:
        kalimat_pindah = []
        for arah in ("naik", "turun"):
            rows = pindah[pindah["arah"] == arah]
            if rows.empty:
                continue
            per_ke = rows.groupby("ke")["koperasi"].sum()
            # The largest move in this direction; ties go to the worse zone for turun, better for naik.
            rank = {"merah": 0, "kuning": 1, "hijau": 2}
            ke = max(per_ke.index, key=lambda z: (int(per_ke[z]), rank[z] if arah == "naik" else -rank[z]))
            per_area_ke = rows[rows["ke"] == ke].groupby(["kode", "nama"], as_index=False)["koperasi"].sum()
            names, top = teratas(per_area_ke, "koperasi", lambda r: nama_area(tingkat, r["nama"]))
            n = int(per_ke[ke])
            kalimat_pindah.append(f"{angka(n)} koperasi {arah} ke {ke}, "
                                  f"{lokasi(names, top, n, len(per_area_ke), tingkat)}")
        bagian.extend(kalimat_pindah or ["tidak ada koperasi yang pindah zona"])
    kalimat = "; ".join(bagian) + "."

    if per_area.empty:
        return Slide("zona", judul, kalimat, kpi=kpi_, kosong=KOSONG["koperasi"])
    naik = pindah[pindah["arah"] == "naik"].groupby("kode")["koperasi"].sum()
    turun = pindah[pindah["arah"] == "turun"].groupby("kode")["koperasi"].sum()
    shown = per_area.head(BATAS_WILAYAH).copy()
    shown["wilayah"] = [nama_area(tingkat, n) for n in shown["nama"]]
    for z in ("merah", "kuning", "hijau"):
        shown[f"{z}_teks"] = [(f"{angka(b)} → {angka(a)}" if lalu else angka(a))
                              for a, b in zip(shown[z], shown[f"{z}_lalu"])]
    shown["naik"] = [int(naik.get(c, 0)) for c in shown["kode"]]
    shown["turun"] = [int(turun.get(c, 0)) for c in shown["kode"]]
    tabel = _tabel(shown, {"wilayah": TINGKAT_KOLOM[tingkat], "merah_teks": "Merah", "kuning_teks": "Kuning",
                           "hijau_teks": "Hijau", "naik": "Naik", "turun": "Turun"},
                   angka_kolom=("naik", "turun"), lebar=[3, 2, 2, 2, 1.2, 1.2])
    for i in (1, 2, 3):
        tabel.kanan[i] = True
    tabel.data = shown[["kode", "wilayah", "merah", "merah_lalu", "kuning", "kuning_lalu", "hijau", "hijau_lalu",
                        "naik", "turun"]].reset_index(drop=True)
    catatan = ("Tabel: minggu lalu → minggu ini. " if lalu else "") + (
        f"{len(shown)} dari {angka(len(per_area))} wilayah dengan zona merah terbanyak."
        if len(per_area) > len(shown) else "")
    return Slide("zona", judul, kalimat, kpi=kpi_, grafik=grafik_zona(shown, tingkat),
                 grafik_alt=f"Zona koperasi per {TINGKAT[tingkat]}, minggu ini", tabel=tabel,
                 catatan=catatan.strip())


def _slide_terburuk(con, f: Filter, p: summary.Picture) -> Slide:
    kini, lalu = p.minggu["koperasi"], p.minggu_lalu["koperasi"]
    tingkat = "desa" if f.level in ("kecamatan", "desa") else "kecamatan"
    judul = SLIDE_JUDUL["terburuk"].format(Tingkat=TINGKAT[tingkat].capitalize())
    data = deck_wilayah_terburuk(con, f, tingkat, kini, lalu)
    if data.empty:
        return Slide("terburuk", judul, "Belum ada koperasi dengan zona untuk filter ini.", kosong=KOSONG["koperasi"])
    top = data.head(BATAS_TERBURUK).reset_index(drop=True)
    induk_tingkat = "kecamatan" if tingkat == "desa" else "kabupaten"
    # Inside one kabupaten (or kecamatan) every area has the same parent: naming it says nothing.
    dengan_induk = f.level in (None, "provinsi")

    def tempat(row) -> str:
        nama = nama_area(tingkat, row["nama"])
        return f"{nama} ({nama_area(induk_tingkat, row['induk'])})" if dengan_induk else nama

    names, most = teratas(data, "merah", tempat)
    if most == 0:
        bagian = [f"Tidak ada koperasi zona merah di {TINGKAT[tingkat]} mana pun dalam filter ini"]
    elif len(names) == 1:
        first = data.iloc[0]
        bagian = [f"Zona merah terbanyak di {names[0]}: {angka(most)} dari {angka(int(first['koperasi']))} koperasi "
                  f"({persen(most / first['koperasi'])})"]
    elif len(names) <= BATAS_SEIMBANG:
        bagian = [f"Zona merah terbanyak di {_daftar(names)}, masing-masing {angka(most)} koperasi"]
    else:
        bagian = [f"{angka(len(names))} {TINGKAT[tingkat]} sama-sama punya zona merah terbanyak, "
                  f"masing-masing {angka(most)} koperasi"]
    if lalu is not None:
        names, most = teratas(data, "turun", tempat)
        if most == 0:
            bagian.append("tidak ada koperasi yang turun zona")
        elif len(names) == 1:
            bagian.append(f"paling banyak turun zona: {names[0]}, {angka(most)} koperasi")
        elif len(names) <= BATAS_SEIMBANG:
            bagian.append(f"paling banyak turun zona: {_daftar(names)}, masing-masing {angka(most)} koperasi")
        else:
            bagian.append(f"{angka(len(names))} {TINGKAT[tingkat]} masing-masing punya {angka(most)} koperasi "
                          "yang turun zona")
    kalimat = "; ".join(bagian) + "."

    top["no"] = [str(i + 1) for i in range(len(top))]
    top["merah_teks"] = [f"{angka(int(b))} → {angka(int(a))}" if lalu else angka(int(a))
                         for a, b in zip(top["merah"], top["merah_lalu"])]
    top["bagian"] = [persen(m / k) for m, k in zip(top["merah"], top["koperasi"])]
    induk_label = "Kecamatan" if tingkat == "desa" else "Kab/kota"
    tabel = _tabel(top, {"no": "No", "nama": TINGKAT_KOLOM[tingkat], "induk": induk_label,
                         "merah_teks": "Merah", "bagian": "% merah", "turun": "Turun"},
                   angka_kolom=("turun",), lebar=[0.5, 2.2, 2.4, 1.8, 1.3, 1.1])
    tabel.kanan[3] = tabel.kanan[4] = True
    tabel.data = top[["kode", "nama", "induk", "koperasi", "merah", "merah_lalu", "turun", "naik"]]
    kode_induk = f.code if f.level in ("provinsi", "kabupaten", "kecamatan") else (f.kecamatan or "")
    fig = None
    if f.level is not None:
        sorot = top[(top["merah"] > 0) & top["lat"].notna() & top["lon"].notna()].head(5)
        fig = grafik_peta(tingkat, kode_induk, data, sorot)
    catatan = ("Merah: minggu lalu → minggu ini. " if lalu else "")
    if fig is not None:
        catatan += f"Peta: bagian koperasi zona merah per {TINGKAT[tingkat]}; nomor = 5 teratas di tabel."
    elif f.level is None:
        catatan += "Peta tampil setelah provinsi dipilih."
    return Slide("terburuk", judul, kalimat, grafik=fig,
                 grafik_alt=f"Peta bagian koperasi zona merah per {TINGKAT[tingkat]}", tabel=tabel,
                 catatan=catatan.strip())


def urut_intervensi(daftar: pd.DataFrame) -> pd.DataFrame:
    """Most urgent first: merah that just turned worse, merah longest, stalled, other falls."""
    if daftar.empty:
        return daftar
    d = daftar.assign(_a=~(daftar["merah"] & daftar["turun"]), _b=~daftar["merah"], _c=-daftar["minggu_di_zona"],
                      _d=~daftar["macet"])
    d = d.sort_values(["_a", "_b", "_c", "_d", "kabupaten", "kecamatan", "nama_koperasi"], kind="stable")
    return d.drop(columns=["_a", "_b", "_c", "_d"]).reset_index(drop=True)


def alasan_intervensi(row: dict, rules: Rules, dengan_turun: bool = True) -> str:
    """Short reasons: the merah rules' headlines, a fall from last week's zone, a stall.

    `dengan_turun=False` leaves the fall out where a 'kuning → merah' column already shows it."""
    parts = []
    if row["merah"]:
        ids = [str(i) for i in (row["aturan"] or []) if rules.by_id().get(str(i)) and rules.by_id()[str(i)].zona == "merah"]
        parts.extend(_pendek(rules.explain(i)) for i in ids)
    if row["turun"] and row["zona_lalu"] and (dengan_turun or not parts):
        parts.append(f"turun dari {row['zona_lalu']}")
    if row["macet"] and not any("macet" in x.lower() for x in parts):
        parts.append(f"macet {angka(row['minggu_tanpa_progres'])} minggu")
    return "; ".join(dict.fromkeys(parts))


def _slide_intervensi(con, f: Filter, p: summary.Picture, rules: Rules) -> Slide:
    kini, lalu = p.minggu["koperasi"], p.minggu_lalu["koperasi"]
    daftar = zona.perlu_intervensi(con, f, kini, lalu, rules)
    judul = SLIDE_JUDUL["intervensi"]
    if daftar.empty:
        return Slide("intervensi", judul, "Tidak ada koperasi yang perlu intervensi minggu ini.")
    per_kec = zona.intervensi_per_kecamatan(daftar)
    n, n_kec = len(daftar), len(per_kec)
    jenis = [(int(daftar["merah"].sum()), "zona merah"), (int(daftar["turun"].sum()), "turun zona"),
             (int(daftar["macet"].sum()), "pembangunan macet")]
    rincian = ", ".join(f"{angka(v)} {label}" for v, label in jenis if v)
    per_kec = per_kec.assign(jumlah=per_kec["merah"] + per_kec["lainnya"])
    dengan_kab = f.level in (None, "provinsi")
    names, most = teratas(per_kec, "jumlah",
                          lambda r: f"Kec. {r['nama']}" + (f", {r['kabupaten']}" if dengan_kab else ""))
    kalimat = f"{angka(n)} koperasi perlu intervensi minggu ini di {angka(n_kec)} kecamatan ({rincian})"
    if len(names) <= BATAS_SEIMBANG:
        kalimat += "; " + lokasi(names, most, n, n_kec, "kecamatan", satuan="koperasi")
    kalimat += "."
    top = urut_intervensi(daftar).head(BATAS_INTERVENSI).copy()
    top["no"] = [str(i + 1) for i in range(len(top))]
    top["singkat"] = [singkat_koperasi(n) for n in top["nama_koperasi"]]
    top["zona_teks"] = [f"{zl} → {z}" if zl and zl != z else z for z, zl in zip(top["zona"], top["zona_lalu"])]
    top["alasan"] = [alasan_intervensi(r, rules, dengan_turun=False) for r in top.to_dict("records")]
    top["pendamping"] = top["pendamping"].fillna("–")
    tabel = _tabel(top, {"no": "No", "singkat": "Koperasi", "kecamatan": "Kecamatan", "kabupaten": "Kab/kota",
                         "zona_teks": "Zona", "alasan": "Alasan", "pendamping": "Pendamping"},
                   lebar=[0.4, 2.4, 1.7, 1.9, 1.7, 3.4, 2.4])
    tabel.data = top[["kabupaten", "kecamatan", "desa", "nama_koperasi", "zona_lalu", "zona", "alasan", "pendamping",
                      "minggu_di_zona"]]
    catatan = (f"{len(top)} dari {angka(n)} koperasi, paling mendesak dulu: merah yang baru turun, merah terlama, "
               "pembangunan macet. KDMP/KKMP: Koperasi Desa/Kelurahan Merah Putih.")
    return Slide("intervensi", judul, kalimat, tabel=tabel, catatan=catatan)


def _slide_lahan(con, f: Filter, p: summary.Picture) -> Slide:
    k, kl = p.koperasi, p.koperasi_lalu
    judul = SLIDE_JUDUL["lahan"]
    kendala_lalu = koperasi.kendala_koperasi(con, f, p.minggu_lalu["koperasi"]) if kl else None
    kendala = {name: int(v) for name, v in p.kendala.items()}
    tanpa = k["lahan_tidak_ada"] + k["lahan_ditolak"]
    kpi_ = [
        kpi(p, "lahan_terverifikasi"),
        Kpi("Tanpa lahan / ditolak", tanpa, (kl["lahan_tidak_ada"] + kl["lahan_ditolak"]) if kl else None, "turun"),
        kpi(p, "tahap_tidak_dapat_dibangun"),
    ]
    ranked = sorted(((n, v) for n, v in kendala.items() if v), key=lambda kv: (-kv[1], kv[0]))
    if ranked:
        v1 = ranked[0][1]
        tied = [n for n, v in ranked if v == v1]
        if len(tied) == 1:
            n1 = tied[0]
            bagian = f"Kendala terbanyak: {KENDALA_NAMA.get(n1, n1)} pada {angka(v1)} koperasi"
            if kendala_lalu is not None:
                before = int(kendala_lalu.get(n1, 0))
                if v1 != before:
                    bagian += f" ({'naik' if v1 > before else 'turun'} {angka(abs(v1 - before))})"
        else:
            bagian = (f"Kendala terbanyak: {_daftar([KENDALA_NAMA.get(n, n) for n in tied])}, "
                      f"masing-masing pada {angka(v1)} koperasi")
        rest = [(n, v) for n, v in ranked if v < v1]
        if rest:
            n2, v2 = rest[0]
            bagian += f", disusul {KENDALA_NAMA.get(n2, n2)} ({angka(v2)})"
    else:
        bagian = "Tidak ada kendala yang dilaporkan"
    kalimat = (f"{bagian}; {angka(k['tahap_tidak_dapat_dibangun'])} koperasi tidak dapat dibangun dan "
               f"{angka(tanpa)} belum punya lahan atau lahannya ditolak.")
    grafik = grafik_kendala(kendala, {n: int(v) for n, v in kendala_lalu.items()} if kendala_lalu is not None else None) \
        if ranked else None

    tabel, tabel_judul, catatan = None, "", ""
    minggu_lahan = p.minggu["lahan"]
    if minggu_lahan is None:
        catatan = KOSONG["lahan"]
    else:
        kini_df = p.lahan.groupby("status_verifikasi")["persil"].sum() if len(p.lahan) else pd.Series(dtype="int64")
        lalu_minggu = p.minggu_lalu["lahan"]
        lalu_df = lahan.kpi_lahan(con, f, lalu_minggu) if lalu_minggu else None
        lalu_s = lalu_df.groupby("status_verifikasi")["persil"].sum() if lalu_df is not None and len(lalu_df) else None
        rows = []
        for status, label in kamus.VERIFIKASI_LABEL.items():
            now = int(kini_df.get(status, 0))
            before = int(lalu_s.get(status, 0)) if lalu_s is not None else None
            if now or before:
                rows.append({"status": label, "persil": now, "lalu": before})
        df = pd.DataFrame(rows, columns=["status", "persil", "lalu"])
        kolom = {"status": "Status verifikasi", "persil": "Persil"}
        if lalu_s is not None:
            kolom["lalu"] = "Minggu lalu"
        tabel = _tabel(df, kolom, angka_kolom=("persil", "lalu"), lebar=[3, 1.3, 1.6][: len(kolom)])
        proses = int(sum(kini_df.get(s, 0) for s in kamus.VERIFIKASI_PROSES))
        kpi_.append(Kpi("Persil dalam verifikasi", proses,
                       int(sum(lalu_s.get(s, 0) for s in kamus.VERIFIKASI_PROSES)) if lalu_s is not None else None, ""))
        tabel_judul = "Persil lahan per status verifikasi"
        catatan = "Grafik: koperasi per kendala (satu koperasi dapat punya beberapa kendala)."
    return Slide("lahan", judul, kalimat, kpi=kpi_, grafik=grafik, grafik_alt="Koperasi per kendala", tabel=tabel,
                 tabel_judul=tabel_judul, catatan=catatan)


def _slide_sppg(con, f: Filter, p: summary.Picture) -> Slide:
    judul = SLIDE_JUDUL["sppg"]
    kini = p.minggu["sppg"]
    if kini is None:
        return Slide("sppg", judul, "Belum ada data SPPG untuk filter ini.", kosong=KOSONG["sppg"])
    kpi_ = [kpi(p, "sppg_beroperasi"), kpi(p, "sppg_total", "Direncanakan"), kpi(p, "sppg_persiapan"),
            kpi(p, "sppg_penerima_manfaat")]
    beroperasi, total = p["sppg_beroperasi"], p["sppg_total"]
    tingkat = f.group_level
    per_area = sppg.sppg_per_wilayah(con, f, kini)
    kalimat = (f"SPPG beroperasi {menjadi(beroperasi, p.lalu('sppg_beroperasi'))} dari "
               f"{angka(total)} yang direncanakan"
               + (f" ({persen(beroperasi / total)})" if total else ""))
    names, most = teratas(per_area, "beroperasi", lambda r: nama_area(tingkat, r["nama"]))
    if most > 0:
        if most * len(names) == beroperasi and len(names) <= BATAS_SEIMBANG:
            kalimat += (f"; semuanya di {names[0]}" if len(names) == 1 and most > 1
                        else f"; yang beroperasi ada di {_daftar(names)}")
        elif len(names) == 1:
            best = per_area[per_area["beroperasi"] == most].iloc[0]
            kalimat += (f"; terbanyak beroperasi di {names[0]} "
                        f"({angka(most)} dari {angka(int(best['total']))})")
        elif len(names) <= BATAS_SEIMBANG:
            kalimat += f"; terbanyak beroperasi di {_daftar(names)}, masing-masing {angka(most)}"
    kalimat += "."
    per_minggu = sppg.sppg_per_minggu(con, f, kini, 12)
    shown = per_area.sort_values(["beroperasi", "total", "nama"], ascending=[False, False, True]).head(BATAS_WILAYAH)
    shown = shown.assign(wilayah=[nama_area(tingkat, n) for n in shown["nama"]],
                         bagian=[persen(b / t) if t else "–" for b, t in zip(shown["beroperasi"], shown["total"])])
    tabel = _tabel(shown, {"wilayah": TINGKAT_KOLOM[tingkat], "total": "Rencana", "beroperasi": "Beroperasi",
                           "bagian": "% beroperasi"},
                   angka_kolom=("total", "beroperasi"), lebar=[3, 1.4, 1.7, 1.7])
    tabel.kanan[3] = True
    tabel.data = shown[["kode", "wilayah", "total", "rencana", "persiapan", "beroperasi", "ditutup_sementara",
                        "penerima_manfaat"]]
    catatan = ("Rencana: semua SPPG yang dilaporkan (rencana sampai beroperasi)."
               + (f" Tabel: {len(shown)} dari {angka(len(per_area))} wilayah." if len(per_area) > len(shown) else ""))
    return Slide("sppg", judul, kalimat, kpi=kpi_, grafik=grafik_sppg(per_minggu) if len(per_minggu) else None,
                 grafik_alt="SPPG beroperasi per minggu terhadap rencana", tabel=tabel,
                 tabel_judul=f"SPPG per {TINGKAT[tingkat]}", catatan=catatan)


def _slide_simkopdes(con, f: Filter, p: summary.Picture) -> Slide:
    judul = SLIDE_JUDUL["simkopdes"]
    k = p.koperasi
    kl = p.koperasi_lalu if p.minggu_lalu["koperasi"] else None
    tingkat = f.group_level
    kpi_ = [kpi(p, "simkopdes_aktif"), kpi(p, "simkopdes_kendala", "Kendala login/jaringan"),
            kpi(p, "simkopdes_belum", "Belum punya akun")]
    b_minggu = p.minggu["bimtek"]
    bimtek_kini = {"kegiatan": p["bimtek_kegiatan"], "peserta": p["bimtek_peserta"]} \
        if b_minggu == p.minggu["koperasi"] else {"kegiatan": 0, "peserta": 0}
    kpi_.append(Kpi("Peserta bimtek minggu ini", int(bimtek_kini["peserta"])))
    per_area = digitalisasi.simkopdes_per_wilayah(con, f, p.minggu["koperasi"])
    kalimat = (f"SIMKOPDES aktif pada {angka(k['simkopdes_aktif'])} dari {angka(k['terdaftar'])} koperasi"
               + (f" ({persen(k['simkopdes_aktif'] / k['terdaftar'])})" if k["terdaftar"] else "")
               + (f", {menjadi(k['simkopdes_aktif'], kl['simkopdes_aktif']).split(' menjadi')[0]}"
                  if kl and k["simkopdes_aktif"] != kl["simkopdes_aktif"] else ""))
    if k["simkopdes_kendala"]:
        kalimat += f"; {angka(k['simkopdes_kendala'])} berkendala login/jaringan"
        names, most = teratas(per_area, "kendala", lambda r: nama_area(tingkat, r["nama"]))
        if most > 0:
            kalimat += ", " + lokasi(names, most, k["simkopdes_kendala"], int((per_area["kendala"] > 0).sum()),
                                     tingkat, satuan="")
    if bimtek_kini["kegiatan"]:
        kalimat += (f"; bimtek minggu ini: {angka(int(bimtek_kini['kegiatan']))} kegiatan, "
                    f"{angka(int(bimtek_kini['peserta']))} peserta.")
    else:
        kalimat += "; belum ada bimtek minggu ini."
    if p.minggu["simkopdes_desa"] is not None:
        kalimat += " " + kalimat_sumber(p, "simkopdes_desa")
    shown = per_area.sort_values(["koperasi", "nama"], ascending=[False, True]).head(BATAS_WILAYAH)
    grafik = grafik_simkopdes(shown, tingkat) if len(shown) else None
    tabel, tabel_judul = None, ""
    if b_minggu is not None:
        per_b = bimtek.bimtek_per_wilayah(con, f, p.minggu["koperasi"])
        b_tingkat = "kecamatan" if tingkat == "desa" else tingkat
        per_b = per_b.sort_values(["peserta", "peserta_kumulatif", "nama"], ascending=[False, False, True])
        per_b = per_b[per_b["peserta_kumulatif"] > 0].head(BATAS_WILAYAH)
        if len(per_b):
            per_b = per_b.assign(wilayah=[nama_area(b_tingkat, n) for n in per_b["nama"]])
            tabel = _tabel(per_b, {"wilayah": TINGKAT_KOLOM[b_tingkat], "kegiatan": "Kegiatan",
                                   "peserta": "Peserta", "peserta_kumulatif": "Peserta s.d. kini"},
                           angka_kolom=("kegiatan", "peserta", "peserta_kumulatif"), lebar=[3, 1.5, 1.5, 2])
            tabel.data = per_b[["kode", "wilayah", "kegiatan", "peserta", "kegiatan_kumulatif", "peserta_kumulatif"]]
            tabel_judul = "Bimtek minggu ini dan kumulatif"
    catatan = "Grafik: koperasi per status akun SIMKOPDES" + (
        f" ({len(shown)} dari {angka(len(per_area))} wilayah terbesar)." if len(per_area) > len(shown) else ".")
    return Slide("simkopdes", judul, kalimat, kpi=kpi_, grafik=grafik, grafik_alt="Akun SIMKOPDES per wilayah",
                 tabel=tabel, tabel_judul=tabel_judul, catatan=catatan)


def _slide_kelengkapan(con, f: Filter, p: summary.Picture) -> Slide:
    judul = SLIDE_JUDUL["kelengkapan"]
    kini = p.minggu["koperasi"]
    status = kelengkapan.kelengkapan_status(con, f, kini, jumlah_minggu=1)
    status = status[status["dataset"].isin(list(DATASET_LAPOR))]
    kpi_ = []
    for ds, label in DATASET_LAPOR.items():
        rows = status[status["dataset"] == ds]
        melapor = int((rows["status"] != "tidak_melapor").sum())
        kpi_.append(Kpi(f"{label} melapor", melapor, teks=f"{angka(melapor)} dari {angka(len(rows))}"))
    kop = status[status["dataset"] == "koperasi"]
    diharapkan = len(kop)
    melapor = int((kop["status"] != "tidak_melapor").sum())
    terlambat = int((kop["status"] == "terlambat").sum())
    belum = kop[kop["status"] == "tidak_melapor"]["nama"].tolist()
    kalimat = f"{angka(melapor)} dari {angka(diharapkan)} kabupaten/kota mengirim data koperasi minggu ini"
    if melapor:
        kalimat += ", semuanya tepat waktu" if not terlambat else f", {angka(terlambat)} terlambat"
    if belum:
        kalimat += "; belum melapor: " + (_daftar(belum) if len(belum) <= 5 else f"{angka(len(belum))} kabupaten/kota")
    kalimat += "."
    if status.empty:
        return Slide("kelengkapan", judul, kalimat, kpi=kpi_)
    wide = status.pivot_table(index=["kode_kabupaten", "nama"], columns="dataset", values="status", aggfunc="first")
    wide = wide.reindex(columns=list(DATASET_LAPOR)).reset_index()
    rank = {"tidak_melapor": 0, "terlambat": 1, "tepat_waktu": 2}
    wide["_r"] = [min(rank.get(v, 0) if isinstance(v, str) else 0 for v in r) for r in wide[list(DATASET_LAPOR)].values]
    wide = wide.sort_values(["_r", "nama"]).drop(columns="_r").reset_index(drop=True)
    shown = wide.head(BATAS_TABEL_LAPOR).copy()
    for ds in DATASET_LAPOR:
        shown[f"{ds}_teks"] = [STATUS_LAPOR.get(v, "belum") if isinstance(v, str) else "belum" for v in shown[ds]]
    tabel = _tabel(shown, {"nama": "Kabupaten/kota", **{f"{ds}_teks": label for ds, label in DATASET_LAPOR.items()}},
                   lebar=[3, 1.6, 1.6, 1.6])
    tabel.data = wide
    catatan = ("Yang belum melapor atau terlambat di atas." + (
        f" {len(shown)} dari {angka(len(wide))} kabupaten/kota." if len(wide) > len(shown) else ""))
    return Slide("kelengkapan", judul, kalimat, kpi=kpi_, tabel=tabel,
                 tabel_judul="Laporan per kabupaten/kota minggu ini", catatan=catatan)


def build(con, f: Filter, minggu=None, *, rules: Rules | None = None, contoh: bool | None = None) -> Deck:
    """The deck for the filter and the latest week with koperasi data at or before `minggu`."""
    p = summary.picture(con, f, minggu)
    wilayah = deck_nama_wilayah(con, f)
    contoh = demo.is_loaded(con) if contoh is None else contoh
    kini = p.minggu["koperasi"]
    if kini is None:
        slides = [Slide(i, SLIDE_JUDUL[i].format(tingkat=TINGKAT[f.group_level], Tingkat="Kecamatan"),
                        "Belum ada data koperasi untuk filter ini.", kosong=KOSONG["koperasi"]) for i in SLIDE_IDS]
        return Deck(f, wilayah, None, None, slides, contoh)
    rules = rules or load_rules()
    slides = [
        _slide_utama(p),
        _slide_zona(con, f, p),
        _slide_terburuk(con, f, p),
        _slide_intervensi(con, f, p, rules),
        _slide_lahan(con, f, p),
        _slide_sppg(con, f, p),
        _slide_simkopdes(con, f, p),
        _slide_kelengkapan(con, f, p),
    ]
    return Deck(f, wilayah, kini, p.minggu_lalu["koperasi"], slides, contoh)
