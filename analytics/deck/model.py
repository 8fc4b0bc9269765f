"""The deck as data: KPI tiles, small tables, slides and the deck, plus the tile of a registry
metric from the weekly picture."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from analytics import metrik, periode, ringkasan
from analytics.deck.pilihan import Pilihan, terapkan
from analytics.deck.teks import JUDUL_DECK
from analytics.filters import Filter
from analytics.format import angka

# --- the deck as data ---------------------------------------------------------------------------


@dataclass
class Kpi:
    """One tile: a value and its change since the previous week with data."""

    label: str
    nilai: int | None
    lalu: int | None = None
    baik: str = "naik"  # which change is good news: 'naik', 'turun' (zona merah, …) or '' (neither)
    teks: str | None = None  # shown instead of the number, e.g. '9 dari 10'
    sumber: str = ""  # the registry source of the metric ('sppg', …): the headline groups tiles by it

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


def kpi(p: ringkasan.Picture, metrik_id: str, label: str | None = None) -> Kpi:
    """A tile of a registry metric from the weekly picture: its label, value, last week and direction."""
    m = metrik.METRIK[metrik_id]
    before = p.lalu(metrik_id)
    return Kpi(label or m.label, p[metrik_id], before, m.arah, sumber=m.sumber)


def kalimat_sumber(p: ringkasan.Picture, sumber: str) -> str:
    """Every registry metric of a source with its value and week, as one sentence."""
    rincian = ", ".join(f"{m.label} {m.teks(p[m.id])}" for m in metrik.dari_sumber(sumber))
    return f"{metrik.SUMBER[sumber].label} ({periode.label(p.minggu[ringkasan.minggu_sumber(sumber)])}): {rincian}."


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
        return (
            f"Perubahan dibanding {periode.label(self.minggu_lalu)}"
            if self.minggu_lalu
            else "Belum ada minggu sebelumnya untuk dibandingkan"
        )

    def slide(self, slide_id: str) -> Slide:
        return next(s for s in self.slides if s.id == slide_id)

    def urut(self, pilihan: Pilihan | None = None) -> list[Slide]:
        """The slides to present: in the chosen order, hidden ones left out."""
        return terapkan(self.slides, pilihan or Pilihan())
