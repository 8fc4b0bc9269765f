"""The deck as files: PPTX (python-pptx: native, editable text and tables, charts as images), PDF
(reportlab, same layout, one 16:9 page per slide) and a one-page A4 'ringkasan mingguan' PDF.

Chart images come from kaleido 1.x driving the system Chromium. Starting a browser costs seconds
and a kept one a fraction of a second per chart, so one Kaleido stays open per process on its own
event-loop thread (`Penggambar`), shared by the exports and the page's PNG buttons, and every
image is cached by the figure's JSON. Without Chromium the files are still written, with a note in
place of each chart.

Why reportlab for the PDF: pure pip (wheels, no system libraries), draws text as text (selectable,
small files) and measures it, so a table that would overflow its box is set smaller instead.
"""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import io
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go

from analytics import kamus, periode
from analytics.deck.model import Deck, Kpi, Slide, Tabel
from analytics.deck.teks import DATA_CONTOH, KELOMPOK_KOPERASI, KELOMPOK_SPPG

# --- chart images -------------------------------------------------------------------------------

PX_PER_INCH = 96  # a figure's px are CSS px: 20 px type comes out at 15 pt on the slide
SKALA = 2  # rendered at twice the size so projectors and zooming stay sharp
WAKTU_MULAI = 120  # seconds for Chromium to start
WAKTU_GAMBAR = 60  # seconds for one image
# Chromium takes about 1 GB of memory: after this many seconds without a drawing it is closed, and the
# next export starts it again (a few seconds). A Monday morning of exports keeps it open throughout.
WAKTU_DIAM = 300


class GambarGagal(RuntimeError):
    """No image: Chromium is missing or failed."""


class Penggambar:
    """One Kaleido (one Chromium) kept open on a private event-loop thread; thread-safe."""

    def __init__(self, tabs: int = 3, cache_size: int = 64, diam_detik: float = WAKTU_DIAM):
        self._tabs = tabs
        self._diam_detik = diam_detik
        self._dipakai = 0  # drawings in progress
        self._terakhir = time.monotonic()  # when the last drawing ended (or Chromium started)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None
        self._error: Exception | None = None
        self._cache: OrderedDict[str, bytes] = OrderedDict()
        self._cache_size = cache_size

    def _start(self) -> None:
        import kaleido

        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="kaleido", daemon=True)
        thread.start()

        async def opened():
            k = kaleido.Kaleido(n=self._tabs, mathjax=False, timeout=WAKTU_GAMBAR)
            await k.open()
            return k

        try:
            self._kaleido = asyncio.run_coroutine_threadsafe(opened(), loop).result(WAKTU_MULAI)
        except Exception:
            loop.call_soon_threadsafe(loop.stop)
            raise
        self._loop = loop
        self._terakhir = time.monotonic()
        atexit.register(self.tutup)
        self._jadwalkan_tutup()

    def _jadwalkan_tutup(self) -> None:
        timer = threading.Timer(self._diam_detik, self._tutup_bila_diam)
        timer.daemon = True
        timer.start()

    def _tutup_bila_diam(self) -> None:
        """Close Chromium when nothing was drawn for `diam_detik`; otherwise look again later."""
        with self._lock:
            if self._kaleido is None:
                return
            diam = self._dipakai == 0 and time.monotonic() - self._terakhir >= self._diam_detik
        if diam:
            self.tutup()
        else:
            self._jadwalkan_tutup()

    @property
    def terbuka(self) -> bool:
        """Whether a Chromium is running for this process now."""
        return self._kaleido is not None

    def siap(self) -> None:
        """Start Chromium now (the first image otherwise pays for it)."""
        with self._lock:
            if self._kaleido is not None:
                return
            if self._error is not None:
                raise GambarGagal(str(self._error))
            try:
                self._start()
            except Exception as exc:  # noqa: BLE001 - any start failure means "no images here"
                self._error = exc
                raise GambarGagal(f"Chromium tidak dapat dijalankan untuk menggambar grafik: {exc}") from exc

    def png(self, fig: go.Figure, lebar_px: int, tinggi_px: int, skala: float = SKALA) -> bytes:
        return self.png_banyak([(fig, lebar_px, tinggi_px)], skala)[0]

    def png_banyak(self, items: list[tuple[go.Figure, int, int]], skala: float = SKALA) -> list[bytes]:
        """Several images at once: the kept browser's tabs draw them side by side."""
        keys = [
            hashlib.sha256(f"{int(w)}x{int(h)}@{skala}|{fig.to_json()}".encode()).hexdigest() for fig, w, h in items
        ]
        with self._lock:
            found = {k: self._cache[k] for k in keys if k in self._cache}
        todo = {k: item for k, item in zip(keys, items) if k not in found}
        if todo:
            with self._lock:
                self._dipakai += 1
            try:
                self.siap()
                drawn = self._gambar(todo, skala)
            finally:
                with self._lock:
                    self._dipakai -= 1
                    self._terakhir = time.monotonic()
            found.update(zip(todo, drawn))
            with self._lock:
                for k in todo:
                    self._cache[k] = found[k]
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return [found[k] for k in keys]

    def _gambar(self, todo: dict, skala: float) -> list[bytes]:
        """Draw the figures of `todo` ({key: (fig, w, h)}) side by side in the kept browser's tabs."""

        async def draw_all():
            return await asyncio.gather(
                *(
                    self._kaleido.calc_fig(
                        fig, opts={"format": "png", "width": int(w), "height": int(h), "scale": skala}
                    )
                    for fig, w, h in todo.values()
                )
            )

        try:
            future = asyncio.run_coroutine_threadsafe(draw_all(), self._loop)
            return future.result(WAKTU_GAMBAR * max(1, len(todo)) + 5)
        except Exception as exc:  # noqa: BLE001
            raise GambarGagal(f"Grafik tidak dapat digambar: {exc}") from exc

    def tutup(self) -> None:
        with self._lock:
            k, loop = self._kaleido, self._loop
            self._kaleido = self._loop = None
        if k is not None and loop is not None:
            try:
                asyncio.run_coroutine_threadsafe(k.close(), loop).result(30)
            except Exception:  # noqa: BLE001 - closing at exit: nothing left to report to
                pass
            loop.call_soon_threadsafe(loop.stop)


_PENGGAMBAR: Penggambar | None = None
_PENGGAMBAR_LOCK = threading.Lock()


def penggambar() -> Penggambar:
    """The process's one kept Kaleido."""
    global _PENGGAMBAR
    with _PENGGAMBAR_LOCK:
        if _PENGGAMBAR is None:
            _PENGGAMBAR = Penggambar()
        return _PENGGAMBAR


def gambar_png(fig: go.Figure, lebar_px: int = 1200, tinggi_px: int = 675, skala: float = SKALA) -> bytes:
    """A PNG of any plotly figure (the page's 'Unduh PNG' buttons use this)."""
    return penggambar().png(fig, lebar_px, tinggi_px, skala)


def _ukuran_px(w_in: float, h_in: float) -> tuple[int, int]:
    return round(w_in * PX_PER_INCH), round(h_in * PX_PER_INCH)


def siapkan_gambar(slides: list[Slide]) -> None:
    """Draw every chart of the slides in one go (in parallel) before the file is laid out."""
    items = []
    for s in slides:
        lt = tata_letak(s)
        if lt.grafik is not None:
            items.append((s.grafik, *_ukuran_px(lt.grafik.w, lt.grafik.h)))
    if items:
        try:
            penggambar().png_banyak(items)
        except GambarGagal:
            pass  # each chart then shows a note instead


def _gambar_atau_none(fig: go.Figure, w_in: float, h_in: float) -> bytes | None:
    try:
        return gambar_png(fig, *_ukuran_px(w_in, h_in))
    except GambarGagal:
        return None


TANPA_GAMBAR = "Grafik tidak dapat digambar: Chromium tidak ditemukan atau gagal dijalankan."

# --- layout shared by PPTX and PDF (inches, 16:9) -----------------------------------------------

LEBAR, TINGGI = 13.333, 7.5
TEPI = 0.5
ISI_LEBAR = LEBAR - 2 * TEPI
WARNA_JUDUL = "0b2545"
WARNA_TEKS = "111111"
WARNA_LEMAH = "555555"
WARNA_AKSEN = kamus.MEREK_WARNA.lstrip("#")
WARNA_NADA = {"baik": "1a7f37", "buruk": "c62828", "netral": "555555"}
WARNA_KEPALA = "0b2545"
WARNA_BARIS = ("ffffff", "eef1f5")
HURUF_PPTX = "Arial"
JUDUL_PT = 34
KALIMAT_PT = 20
CATATAN_PT = 11
KAKI_Y = 7.08
CATATAN_Y = 6.74
ISI_BAWAH = 6.7


@dataclass
class Kotak:
    x: float
    y: float
    w: float
    h: float


PAD_X, PAD_Y = 0.05, 0.02  # cell padding, inches: nine rows of 18 pt fit under a row of tiles


def lebar_teks(text: str, pt: float, bold: bool = False) -> float:
    """Width in inches of `text` set in the deck's font (Liberation Sans has Arial's metrics)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    reg, bd, _ = _fonts()
    return stringWidth(text, bd if bold else reg, pt) / 72


def baris_teks(text: str, w_in: float, pt: float, bold: bool = False) -> int:
    """Lines `text` takes when wrapped at word boundaries in a box `w_in` wide."""
    space = lebar_teks(" ", pt, bold)
    lines = 0
    for para in text.split("\n"):
        count, line = 1, 0.0
        for word in para.split():
            ww = lebar_teks(word, pt, bold)
            if line and line + space + ww > w_in:
                count += 1
                line = ww
            else:
                line += (space if line else 0) + ww
            while line > w_in:  # a word wider than the box breaks inside itself
                count += 1
                line -= w_in
        lines += count
    return lines


KALIMAT_BARIS = 3
TABEL_PT = 18  # table text on a slide: read from the back of a room
TABEL_JUDUL_PT = 15
TABEL_JUDUL_H = 0.36  # the table's title line above it
JARAK = 0.3  # between chart and table
GRAFIK_LEBAR = 5.2  # a chart beside a table, when the table needs no more room
GRAFIK_MIN = 4.5  # the narrowest a chart gets to give its table room


def lebar_satu_baris(t: Tabel, pt: float) -> float:
    """Width in inches the table needs to set every header and cell on one line at `pt`."""
    pad = 2 * PAD_X + 0.02
    return sum(
        max([lebar_teks(head, pt, True)] + [lebar_teks(row[i], pt) for row in t.baris]) + pad
        for i, head in enumerate(t.kolom)
    )


def ukuran_kalimat(text: str, w_in: float = ISI_LEBAR - 0.3) -> tuple[float, float]:
    """(font size, box height): 20 pt, smaller only when the sentence would need more than 3 lines."""
    pt = KALIMAT_PT
    while pt > 14 and baris_teks(text, w_in, pt, True) > KALIMAT_BARIS:
        pt -= 1
    return pt, baris_teks(text, w_in, pt, True) * pt * 1.22 / 72 + 0.14


@dataclass
class TataLetak:
    judul: Kotak
    kalimat: Kotak
    kalimat_pt: float
    kpi: list[Kotak]
    grafik: Kotak | None
    tabel_judul: Kotak | None
    tabel: Kotak | None
    catatan: Kotak
    kpi_besar: bool = False


def tata_letak(s: Slide) -> TataLetak:
    """Where each part of a slide goes: title, sentence, KPI tiles, chart left, table right."""
    judul = Kotak(TEPI, 0.3, ISI_LEBAR, 0.75)
    pt, h = ukuran_kalimat(s.kalimat)
    kalimat = Kotak(TEPI, 1.1, ISI_LEBAR, h)
    y = kalimat.y + kalimat.h + 0.22
    kpi: list[Kotak] = []
    besar = s.id == "utama"
    if s.kpi and besar:
        # Headline: koperasi tiles in one row, SPPG tiles in a second row, large numbers.
        kop = [k for k in s.kpi if k.sumber != "sppg"]
        rest = s.kpi[len(kop) :]
        n = max(len(kop), 1)
        w = (ISI_LEBAR - 0.2 * (n - 1)) / n
        for row_i, row in enumerate((kop, rest)):
            top = y + 0.42 + row_i * 2.3
            kpi.extend(Kotak(TEPI + i * (w + 0.2), top, w, 1.8) for i in range(len(row)))
        y = ISI_BAWAH
    elif s.kpi:
        n = len(s.kpi)
        w = (ISI_LEBAR - 0.2 * (n - 1)) / n
        kpi = [Kotak(TEPI + i * (w + 0.2), y, w, 0.9) for i in range(n)]
        y += 0.9 + 0.2
    grafik = tabel = tabel_judul = None
    tinggi = ISI_BAWAH - y
    if s.grafik is not None and s.tabel is not None:
        # The table gets the width its text needs on one line at TABEL_PT (within the chart's
        # minimum), so that it is never set smaller than that; the chart takes the rest.
        wt = min(
            max(lebar_satu_baris(s.tabel, TABEL_PT), ISI_LEBAR - JARAK - GRAFIK_LEBAR), ISI_LEBAR - JARAK - GRAFIK_MIN
        )
        wg = ISI_LEBAR - JARAK - wt
        grafik = Kotak(TEPI, y, wg, tinggi)
        x = TEPI + wg + JARAK
        if s.tabel_judul:
            tabel_judul = Kotak(x, y, LEBAR - TEPI - x, TABEL_JUDUL_H)
            tabel = Kotak(x, y + TABEL_JUDUL_H, LEBAR - TEPI - x, tinggi - TABEL_JUDUL_H)
        else:
            tabel = Kotak(x, y, LEBAR - TEPI - x, tinggi)
    elif s.grafik is not None:
        grafik = Kotak(TEPI, y, ISI_LEBAR, tinggi)
    elif s.tabel is not None:
        if s.tabel_judul and s.tabel_judul != s.judul:
            tabel_judul = Kotak(TEPI, y, ISI_LEBAR, TABEL_JUDUL_H)
            tabel = Kotak(TEPI, y + TABEL_JUDUL_H, ISI_LEBAR, tinggi - TABEL_JUDUL_H)
        else:
            tabel = Kotak(TEPI, y, ISI_LEBAR, tinggi)
    return TataLetak(judul, kalimat, pt, kpi, grafik, tabel_judul, tabel, Kotak(TEPI, CATATAN_Y, ISI_LEBAR, 0.3), besar)


@dataclass
class UkuranTabel:
    pt: float
    lebar: list[float]  # column widths, inches
    tinggi: list[float]  # row heights, inches (header first)


def _lebar_kolom(t: Tabel, w: float, pt: float) -> list[list[float]]:
    """Candidate column widths: every column at least its longest word (numbers whole). When
    everything fits on one line, one candidate; otherwise two ways to share the room left: in
    proportion to what each column lacks, or whole columns kept on one line, the ones lacking least
    first. None fit when even the longest words do not ([])."""
    pad = 2 * PAD_X + 0.02
    mins, wants = [], []
    for i, head in enumerate(t.kolom):
        cells = [row[i] for row in t.baris]
        words = [lebar_teks(x, pt, True) for x in head.split()] + [
            lebar_teks(c, pt) if t.kanan[i] else max((lebar_teks(x, pt) for x in c.split()), default=0) for c in cells
        ]
        mins.append(max(words, default=0) + pad)
        wants.append(max([lebar_teks(head, pt, True)] + [lebar_teks(c, pt) for c in cells]) + pad)
    if sum(mins) > w:
        return []
    if sum(wants) <= w:
        # Everything fits on one line: share the spare room by the table's relative widths.
        rel = t.lebar or [1.0] * len(t.kolom)
        spare = w - sum(wants)
        return [[x + spare * r / sum(rel) for x, r in zip(wants, rel)]]
    gap = [x - m for x, m in zip(wants, mins)]
    room = w - sum(mins)
    sebanding = [m + room * g / sum(gap) for m, g in zip(mins, gap)]
    utuh, rest = list(mins), []
    for i in sorted(range(len(gap)), key=lambda i: gap[i]):
        if gap[i] <= room:
            utuh[i] += gap[i]
            room -= gap[i]
        else:
            rest.append(i)
    for i in rest:
        utuh[i] += room * gap[i] / sum(gap[j] for j in rest)
    return [sebanding, utuh]


def _tinggi_baris(t: Tabel, widths: list[float], pt: float) -> list[float]:
    return [
        max(baris_teks(cell, wi - 2 * PAD_X, pt, r == 0) for cell, wi in zip(row, widths)) * pt * 1.2 / 72 + 2 * PAD_Y
        for r, row in enumerate([t.kolom] + t.baris)
    ]


def ukur_tabel(t: Tabel, box: Kotak, mulai: float = TABEL_PT, terkecil: float = 10) -> UkuranTabel:
    """The largest type (down to `terkecil` pt) at which the table fits its box, with its widths."""
    pt = mulai
    while True:
        candidates = _lebar_kolom(t, box.w, pt)
        if not candidates and pt <= terkecil:
            rel = t.lebar or [1.0] * len(t.kolom)
            candidates = [[box.w * r / sum(rel) for r in rel]]
        if candidates:
            u = min((UkuranTabel(pt, w, _tinggi_baris(t, w, pt)) for w in candidates), key=lambda u: sum(u.tinggi))
            if sum(u.tinggi) <= box.h or pt <= terkecil:
                return u
        pt -= 0.5


def kaki(deck: Deck, nomor: int, jumlah: int) -> tuple[str, str]:
    kiri = deck.subjudul + (f" · {deck.pembanding}" if deck.minggu_lalu else "")
    if deck.contoh:
        kiri += f" · {DATA_CONTOH.upper()}"
    return kiri, f"{nomor}/{jumlah}"


# --- PPTX ---------------------------------------------------------------------------------------


def _rgb(hex_colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour)


def _teks(
    slide,
    box: Kotak,
    text: str,
    pt: float,
    *,
    bold=False,
    warna=WARNA_TEKS,
    rata="l",
    anchor="t",
    wrap=True,
    italic=False,
    autofit=False,
):
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_textbox(Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h))
    tf = shape.text_frame
    tf.word_wrap = wrap
    tf.margin_left = tf.margin_right = Inches(0.05)
    tf.margin_top = tf.margin_bottom = Inches(0.02)
    tf.vertical_anchor = {"t": MSO_ANCHOR.TOP, "m": MSO_ANCHOR.MIDDLE, "b": MSO_ANCHOR.BOTTOM}[anchor]
    if autofit:
        tf.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    p = tf.paragraphs[0]
    p.alignment = {"l": PP_ALIGN.LEFT, "c": PP_ALIGN.CENTER, "r": PP_ALIGN.RIGHT}[rata]
    run = p.add_run()
    run.text = text
    f = run.font
    f.size, f.bold, f.italic, f.name = Pt(pt), bold, italic, HURUF_PPTX
    f.color.rgb = _rgb(warna)
    return shape


def _pptx_kpi(slide, box: Kotak, k: Kpi, besar: bool) -> None:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches, Pt

    tile = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h)
    )
    tile.adjustments[0] = 0.08
    tile.fill.solid()
    tile.fill.fore_color.rgb = _rgb("f4f6f8")
    tile.line.color.rgb = _rgb("9aa5b1")
    tile.line.width = Pt(1.25)
    tile.shadow.inherit = False
    label_pt, value_pt, change_pt = (16, 44, 16) if besar else (13, 28, 13)
    h = box.h
    _teks(slide, Kotak(box.x + 0.1, box.y + 0.06, box.w - 0.2, h * 0.3), k.label, label_pt, warna=WARNA_LEMAH)
    _teks(
        slide,
        Kotak(box.x + 0.1, box.y + h * 0.26, box.w - 0.2, h * 0.45),
        k.nilai_teks,
        value_pt,
        bold=True,
        anchor="m",
    )
    if k.perubahan:
        _teks(
            slide,
            Kotak(box.x + 0.1, box.y + h * 0.7, box.w - 0.2, h * 0.28),
            k.perubahan,
            change_pt,
            bold=True,
            warna=WARNA_NADA[k.nada],
        )


def _pptx_tabel(slide, box: Kotak, t: Tabel) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    u = ukur_tabel(t, box)
    rows, cols = len(t.baris) + 1, len(t.kolom)
    shape = slide.shapes.add_table(rows, cols, Inches(box.x), Inches(box.y), Inches(box.w), Inches(sum(u.tinggi)))
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    for i, w in enumerate(u.lebar):
        table.columns[i].width = Inches(w)
    for r in range(rows):
        table.rows[r].height = Inches(u.tinggi[r])
        values = t.kolom if r == 0 else t.baris[r - 1]
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = Inches(PAD_X)
            cell.margin_top = cell.margin_bottom = Inches(PAD_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(WARNA_KEPALA if r == 0 else WARNA_BARIS[(r - 1) % 2])
            tf = cell.text_frame
            tf.word_wrap = True
            p = tf.paragraphs[0]
            p.alignment = PP_ALIGN.RIGHT if t.kanan[c] else PP_ALIGN.LEFT
            run = p.add_run()
            run.text = value
            run.font.size = Pt(u.pt)
            run.font.name = HURUF_PPTX
            run.font.bold = r == 0
            run.font.color.rgb = _rgb("ffffff" if r == 0 else WARNA_TEKS)


def _pptx_slide(prs, deck: Deck, s: Slide, nomor: int, jumlah: int) -> None:
    from pptx.util import Inches, Pt

    layout = prs.slide_layouts[5]  # "Title Only": the title stays a real title (outline, screen readers)
    slide = prs.slides.add_slide(layout)
    lt = tata_letak(s)
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = (
        Inches(lt.judul.x),
        Inches(lt.judul.y),
        Inches(lt.judul.w),
        Inches(lt.judul.h),
    )
    title.text_frame.text = s.judul
    para = title.text_frame.paragraphs[0]
    from pptx.enum.text import PP_ALIGN

    para.alignment = PP_ALIGN.LEFT
    for run in para.runs:
        run.font.size, run.font.bold, run.font.name = Pt(JUDUL_PT), True, HURUF_PPTX
        run.font.color.rgb = _rgb(WARNA_JUDUL)
    from pptx.enum.shapes import MSO_SHAPE

    bar = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(lt.kalimat.x), Inches(lt.kalimat.y + 0.05), Inches(0.09), Inches(lt.kalimat.h - 0.1)
    )
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(WARNA_AKSEN)
    bar.line.fill.background()
    _teks(
        slide,
        Kotak(lt.kalimat.x + 0.22, lt.kalimat.y, lt.kalimat.w - 0.22, lt.kalimat.h),
        s.kalimat,
        lt.kalimat_pt,
        bold=True,
    )
    if lt.kpi_besar and s.kpi:
        y0 = lt.kpi[0].y
        _teks(
            slide,
            Kotak(TEPI, y0 - 0.42, ISI_LEBAR, 0.38),
            KELOMPOK_KOPERASI,
            16,
            bold=True,
            warna=WARNA_JUDUL,
        )
        sppg = [b for b, k in zip(lt.kpi, s.kpi) if k.sumber == "sppg"]
        if sppg:
            _teks(
                slide,
                Kotak(TEPI, sppg[0].y - 0.42, ISI_LEBAR, 0.38),
                KELOMPOK_SPPG,
                16,
                bold=True,
                warna=WARNA_JUDUL,
            )
    for box, k in zip(lt.kpi, s.kpi):
        _pptx_kpi(slide, box, k, lt.kpi_besar)
    if s.kosong:
        _teks(slide, Kotak(TEPI, lt.kalimat.y + lt.kalimat.h + 0.4, ISI_LEBAR, 1.0), s.kosong, 20, warna=WARNA_LEMAH)
    if lt.grafik is not None:
        png = _gambar_atau_none(s.grafik, lt.grafik.w, lt.grafik.h)
        if png is None:
            _teks(slide, lt.grafik, TANPA_GAMBAR, 14, warna=WARNA_LEMAH, anchor="m", rata="c")
        else:
            pic = slide.shapes.add_picture(
                io.BytesIO(png), Inches(lt.grafik.x), Inches(lt.grafik.y), Inches(lt.grafik.w), Inches(lt.grafik.h)
            )
            pic.name = s.grafik_alt or "Grafik"
            # The alt text a screen reader reads (python-pptx has no API for it).
            pic._element.nvPicPr.cNvPr.set("descr", s.grafik_alt)
    if lt.tabel_judul is not None:
        _teks(slide, lt.tabel_judul, s.tabel_judul, TABEL_JUDUL_PT, bold=True, warna=WARNA_JUDUL)
    if lt.tabel is not None:
        _pptx_tabel(slide, lt.tabel, s.tabel)
    if s.catatan:
        # PowerPoint does not shrink a text box: the note is set at the size that keeps it on its one
        # line above the footer (the PDF's paragraph shrinks the same way).
        pt = CATATAN_PT
        while pt > 8 and baris_teks(s.catatan, lt.catatan.w - 0.1, pt) > 1:
            pt -= 0.5
        _teks(slide, lt.catatan, s.catatan, pt, warna=WARNA_LEMAH, italic=True)
    kiri, kanan = kaki(deck, nomor, jumlah)
    _teks(
        slide,
        Kotak(TEPI, KAKI_Y, ISI_LEBAR - 1.0, 0.3),
        kiri,
        CATATAN_PT,
        warna="b71c1c" if deck.contoh else WARNA_LEMAH,
    )
    _teks(slide, Kotak(LEBAR - TEPI - 1.0, KAKI_Y, 1.0, 0.3), kanan, CATATAN_PT, warna=WARNA_LEMAH, rata="r")
    # Speaker notes: the sentence and the note, for whoever presents.
    slide.notes_slide.notes_text_frame.text = s.kalimat + ("\n\n" + s.catatan if s.catatan else "")


def _pptx_sampul(prs, deck: Deck) -> None:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[0])
    # The default template's placeholders sit where a 4:3 slide wants them: place them for 16:9.
    title, sub = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = (
        Inches(TEPI + 0.35),
        Inches(2.3),
        Inches(ISI_LEBAR - 0.35),
        Inches(1.1),
    )
    sub.left, sub.top, sub.width, sub.height = Inches(TEPI + 0.35), Inches(3.45), Inches(ISI_LEBAR - 0.35), Inches(1.6)
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(TEPI), Inches(2.4), Inches(0.12), Inches(2.4))
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(WARNA_AKSEN)
    bar.line.fill.background()
    title.text = deck.judul
    lines = [deck.subjudul] + ([deck.pembanding] if deck.minggu_lalu else []) + ([DATA_CONTOH] if deck.contoh else [])
    sub.text = "\n".join(lines)
    for shape, pt, bold in ((title, 40, True), (sub, 22, False)):
        for i, para in enumerate(shape.text_frame.paragraphs):
            para.alignment = PP_ALIGN.LEFT
            for run in para.runs:
                run.font.size, run.font.bold, run.font.name = Pt(pt), bold, HURUF_PPTX
                demo = shape is sub and deck.contoh and i == len(lines) - 1
                run.font.color.rgb = _rgb("b71c1c" if demo else WARNA_JUDUL if bold else WARNA_TEKS)


def pptx_bytes(deck: Deck, slides: list[Slide] | None = None) -> bytes:
    """The deck as an editable PowerPoint file (16:9), one slide per entry of `slides`."""
    from pptx import Presentation
    from pptx.util import Inches

    slides = deck.slides if slides is None else slides
    siapkan_gambar(slides)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(LEBAR), Inches(TINGGI)
    prs.core_properties.title = f"{deck.judul} · {deck.subjudul}"
    prs.core_properties.language = "id-ID"
    _pptx_sampul(prs, deck)
    for i, s in enumerate(slides, start=1):
        _pptx_slide(prs, deck, s, i, len(slides))
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


# --- PDF ----------------------------------------------------------------------------------------

_FONT_CANDIDATES = (
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf",
    ),
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
    ),
)
_FONTS: tuple[str, str, str] | None = None


def _fonts() -> tuple[str, str, str]:
    """(regular, bold, italic) TrueType fonts embedded in the PDF: Liberation or DejaVu from the
    system, else the Vera fonts that ship with reportlab."""
    global _FONTS
    if _FONTS is not None:
        return _FONTS
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    vera = Path(reportlab.__file__).parent / "fonts"
    candidates = [c for c in _FONT_CANDIDATES if all(Path(p).is_file() for p in c)]
    files = (
        candidates[0] if candidates else (str(vera / "Vera.ttf"), str(vera / "VeraBd.ttf"), str(vera / "VeraIt.ttf"))
    )
    names = ("DeckSans", "DeckSans-Bold", "DeckSans-Italic")
    for name, path in zip(names, files):
        pdfmetrics.registerFont(TTFont(name, path))
    pdfmetrics.registerFontFamily("DeckSans", normal=names[0], bold=names[1], italic=names[2], boldItalic=names[1])
    _FONTS = names
    return _FONTS


def _c(hex_colour: str):
    from reportlab.lib.colors import HexColor

    return HexColor("#" + hex_colour)


class _Halaman:
    """Draws in inches from the top-left corner, as the layout is written."""

    def __init__(self, canvas, tinggi_in: float):
        self.c = canvas
        self.H = tinggi_in

    def y(self, y_in: float) -> float:
        return (self.H - y_in) * 72

    def paragraf(
        self,
        box: Kotak,
        text: str,
        pt: float,
        *,
        bold=False,
        warna=WARNA_TEKS,
        rata="l",
        italic=False,
        anchor="t",
        shrink=True,
    ) -> None:
        from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        reg, bd, it = _fonts()
        size = pt
        while True:
            style = ParagraphStyle(
                "p",
                fontName=bd if bold else it if italic else reg,
                fontSize=size,
                leading=size * 1.22,
                textColor=_c(warna),
                alignment={"l": TA_LEFT, "c": TA_CENTER, "r": TA_RIGHT}[rata],
            )
            para = Paragraph(_xml(text), style)
            _, h = para.wrap(box.w * 72, box.h * 72)
            if h <= box.h * 72 or not shrink or size <= 8:
                break
            size -= 0.5
        top = {"t": 0, "m": (box.h * 72 - h) / 2, "b": box.h * 72 - h}[anchor]
        para.drawOn(self.c, box.x * 72, self.y(box.y) - top - h)

    def kotak(self, box: Kotak, isi: str, garis: str | None = None, radius: float = 0.0, lebar_garis=1.0) -> None:
        self.c.setFillColor(_c(isi))
        if garis:
            self.c.setStrokeColor(_c(garis))
            self.c.setLineWidth(lebar_garis)
        self.c.roundRect(
            box.x * 72, self.y(box.y + box.h), box.w * 72, box.h * 72, radius * 72, stroke=1 if garis else 0, fill=1
        )

    def gambar(self, box: Kotak, png: bytes) -> None:
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        # Charts are drawn on white: without the alpha channel reportlab stores one image, not two.
        img = ImageReader(Image.open(io.BytesIO(png)).convert("RGB"))
        iw, ih = img.getSize()
        scale = min(box.w / iw, box.h / ih)
        w, h = iw * scale, ih * scale
        self.c.drawImage(img, (box.x + (box.w - w) / 2) * 72, self.y(box.y + h), w * 72, h * 72)

    def tabel(self, box: Kotak, t: Tabel) -> None:
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph, TableStyle
        from reportlab.platypus import Table as RLTable

        reg, bd, _ = _fonts()
        u = ukur_tabel(t, box)
        size = u.pt

        def cell(text, bold, right):
            st = ParagraphStyle(
                "c",
                fontName=bd if bold else reg,
                fontSize=size,
                leading=size * 1.2,
                textColor=_c("ffffff" if bold else WARNA_TEKS),
                alignment=2 if right else 0,
            )
            return Paragraph(_xml(text), st)

        data = [[cell(h, True, r) for h, r in zip(t.kolom, t.kanan)]]
        data += [[cell(v, False, r) for v, r in zip(row, t.kanan)] for row in t.baris]
        table = RLTable(data, colWidths=[w * 72 for w in u.lebar], rowHeights=[h * 72 for h in u.tinggi])
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), _c(WARNA_KEPALA)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, _c("c5ccd6")),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.2),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X * 72),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X * 72),
        ]
        for r in range(1, len(data)):
            style.append(("BACKGROUND", (0, r), (-1, r), _c(WARNA_BARIS[(r - 1) % 2])))
        table.setStyle(TableStyle(style))
        _, h = table.wrap(box.w * 72, box.h * 72)
        table.drawOn(self.c, box.x * 72, self.y(box.y) - h)


def _xml(text: str) -> str:
    """Text for a reportlab Paragraph, which reads a small XML markup: escape it."""
    from xml.sax.saxutils import escape

    return escape(text)


def _pdf_kpi(pg: _Halaman, box: Kotak, k: Kpi, besar: bool) -> None:
    pg.kotak(box, "f4f6f8", "9aa5b1", radius=0.08, lebar_garis=1.25)
    label_pt, value_pt, change_pt = (16, 44, 16) if besar else (13, 28, 13)
    h = box.h
    pg.paragraf(Kotak(box.x + 0.12, box.y + 0.08, box.w - 0.24, h * 0.3), k.label, label_pt, warna=WARNA_LEMAH)
    pg.paragraf(
        Kotak(box.x + 0.12, box.y + h * 0.28, box.w - 0.24, h * 0.44), k.nilai_teks, value_pt, bold=True, anchor="m"
    )
    if k.perubahan:
        pg.paragraf(
            Kotak(box.x + 0.12, box.y + h * 0.72, box.w - 0.24, h * 0.26),
            k.perubahan,
            change_pt,
            bold=True,
            warna=WARNA_NADA[k.nada],
        )


def _pdf_slide(pg: _Halaman, deck: Deck, s: Slide, nomor: int, jumlah: int) -> None:
    lt = tata_letak(s)
    pg.paragraf(lt.judul, s.judul, JUDUL_PT, bold=True, warna=WARNA_JUDUL, anchor="m")
    pg.kotak(Kotak(lt.kalimat.x, lt.kalimat.y + 0.05, 0.09, lt.kalimat.h - 0.1), WARNA_AKSEN)
    pg.paragraf(
        Kotak(lt.kalimat.x + 0.22, lt.kalimat.y, lt.kalimat.w - 0.22, lt.kalimat.h), s.kalimat, lt.kalimat_pt, bold=True
    )
    if lt.kpi_besar and s.kpi:
        pg.paragraf(
            Kotak(TEPI, lt.kpi[0].y - 0.42, ISI_LEBAR, 0.38),
            KELOMPOK_KOPERASI,
            16,
            bold=True,
            warna=WARNA_JUDUL,
        )
        sppg = [b for b, k in zip(lt.kpi, s.kpi) if k.sumber == "sppg"]
        if sppg:
            pg.paragraf(
                Kotak(TEPI, sppg[0].y - 0.42, ISI_LEBAR, 0.38),
                KELOMPOK_SPPG,
                16,
                bold=True,
                warna=WARNA_JUDUL,
            )
    for box, k in zip(lt.kpi, s.kpi):
        _pdf_kpi(pg, box, k, lt.kpi_besar)
    if s.kosong:
        pg.paragraf(Kotak(TEPI, lt.kalimat.y + lt.kalimat.h + 0.4, ISI_LEBAR, 1.0), s.kosong, 20, warna=WARNA_LEMAH)
    if lt.grafik is not None:
        png = _gambar_atau_none(s.grafik, lt.grafik.w, lt.grafik.h)
        if png is None:
            pg.paragraf(lt.grafik, TANPA_GAMBAR, 14, warna=WARNA_LEMAH, anchor="m", rata="c")
        else:
            pg.gambar(lt.grafik, png)
    if lt.tabel_judul is not None:
        pg.paragraf(lt.tabel_judul, s.tabel_judul, TABEL_JUDUL_PT, bold=True, warna=WARNA_JUDUL)
    if lt.tabel is not None:
        pg.tabel(lt.tabel, s.tabel)
    if s.catatan:
        pg.paragraf(lt.catatan, s.catatan, CATATAN_PT, warna=WARNA_LEMAH, italic=True)
    kiri, kanan = kaki(deck, nomor, jumlah)
    pg.paragraf(
        Kotak(TEPI, KAKI_Y, ISI_LEBAR - 1.0, 0.3), kiri, CATATAN_PT, warna="b71c1c" if deck.contoh else WARNA_LEMAH
    )
    pg.paragraf(Kotak(LEBAR - TEPI - 1.0, KAKI_Y, 1.0, 0.3), kanan, CATATAN_PT, warna=WARNA_LEMAH, rata="r")


def _pdf_sampul(pg: _Halaman, deck: Deck) -> None:
    pg.kotak(Kotak(0, 0, LEBAR, TINGGI), "ffffff")
    pg.kotak(Kotak(TEPI, 2.55, 0.12, 2.1), WARNA_AKSEN)
    pg.paragraf(Kotak(TEPI + 0.35, 2.5, ISI_LEBAR - 0.35, 0.9), deck.judul, 40, bold=True, warna=WARNA_JUDUL)
    sub = deck.subjudul + (f"\n{deck.pembanding}" if deck.minggu_lalu else "")
    pg.paragraf(Kotak(TEPI + 0.35, 3.45, ISI_LEBAR - 0.35, 1.2), sub.replace("\n", " · "), 22)
    if deck.contoh:
        pg.paragraf(Kotak(TEPI + 0.35, 4.3, ISI_LEBAR - 0.35, 0.5), DATA_CONTOH, 20, bold=True, warna="b71c1c")


def pdf_bytes(deck: Deck, slides: list[Slide] | None = None) -> bytes:
    """The deck as a PDF, one 16:9 page per slide after a title page; text stays text."""
    from reportlab.pdfgen import canvas

    slides = deck.slides if slides is None else slides
    siapkan_gambar(slides)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(LEBAR * 72, TINGGI * 72), pageCompression=1, lang="id-ID")
    c.setTitle(f"{deck.judul} · {deck.subjudul}")
    c.setAuthor("Dasbor KDKMP & MBG")
    c.setSubject(deck.subjudul)
    pg = _Halaman(c, TINGGI)
    _pdf_sampul(pg, deck)
    c.showPage()
    for i, s in enumerate(slides, start=1):
        _pdf_slide(pg, deck, s, i, len(slides))
        c.showPage()
    c.save()
    return buf.getvalue()


# --- the one-page A4 summary --------------------------------------------------------------------

A4_LEBAR, A4_TINGGI = 8.268, 11.693
A4_TEPI = 0.55


def ringkasan_pdf_bytes(deck: Deck, slides: list[Slide] | None = None) -> bytes:
    """One A4 page to share on WhatsApp: the headline tiles and each slide's sentence."""
    from reportlab.pdfgen import canvas

    slides = deck.slides if slides is None else slides
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(A4_LEBAR * 72, A4_TINGGI * 72), pageCompression=1, lang="id-ID")
    c.setTitle(f"Ringkasan mingguan · {deck.subjudul}")
    c.setAuthor("Dasbor KDKMP & MBG")
    pg = _Halaman(c, A4_TINGGI)
    w = A4_LEBAR - 2 * A4_TEPI
    pg.kotak(Kotak(0, 0, A4_LEBAR, 1.25), WARNA_JUDUL)
    pg.paragraf(Kotak(A4_TEPI, 0.22, w, 0.5), "Ringkasan Mingguan KDKMP & MBG", 22, bold=True, warna="ffffff")
    pg.paragraf(Kotak(A4_TEPI, 0.7, w, 0.45), deck.subjudul, 13, warna="ffffff")
    y = 1.45
    if deck.contoh:
        pg.paragraf(
            Kotak(A4_TEPI, y, w, 0.3), f"{DATA_CONTOH.upper()} — bukan laporan resmi", 11, bold=True, warna="b71c1c"
        )
        y += 0.32
    utama = next((s for s in deck.slides if s.id == "utama"), None)
    if utama and utama.kpi:
        per_row = 4
        tile_w = (w - 0.15 * (per_row - 1)) / per_row
        for i, k in enumerate(utama.kpi):
            r, col = divmod(i, per_row)
            box = Kotak(A4_TEPI + col * (tile_w + 0.15), y + r * 1.05, tile_w, 0.92)
            pg.kotak(box, "f4f6f8", "9aa5b1", radius=0.06)
            pg.paragraf(Kotak(box.x + 0.08, box.y + 0.05, box.w - 0.16, 0.28), k.label, 9.5, warna=WARNA_LEMAH)
            pg.paragraf(Kotak(box.x + 0.08, box.y + 0.3, box.w - 0.16, 0.36), k.nilai_teks, 20, bold=True)
            if k.perubahan:
                pg.paragraf(
                    Kotak(box.x + 0.08, box.y + 0.66, box.w - 0.16, 0.24),
                    k.perubahan,
                    9.5,
                    bold=True,
                    warna=WARNA_NADA[k.nada],
                )
        y += math.ceil(len(utama.kpi) / per_row) * 1.05 + 0.1
        if deck.minggu_lalu:
            pg.paragraf(Kotak(A4_TEPI, y, w, 0.25), deck.pembanding + ".", 9.5, warna=WARNA_LEMAH, italic=True)
            y += 0.32
    pg.paragraf(Kotak(A4_TEPI, y, w, 0.35), "Poin minggu ini", 15, bold=True, warna=WARNA_JUDUL)
    y += 0.42
    bawah = A4_TINGGI - 0.75
    poin = [s for s in slides if s.id != "utama"] if utama in slides else slides
    if utama in slides:
        poin = [utama] + poin
    # Every point gets the same share of the space left; the text shrinks to fit it if it must.
    tinggi = (bawah - y) / max(len(poin), 1)
    for i, s in enumerate(poin, start=1):
        box = Kotak(A4_TEPI, y, w, tinggi - 0.08)
        pg.kotak(Kotak(box.x, box.y + 0.04, 0.07, min(box.h - 0.08, 0.9)), WARNA_AKSEN)
        pg.paragraf(Kotak(box.x + 0.2, box.y, box.w - 0.2, 0.3), f"{i}. {s.judul}", 12, bold=True, warna=WARNA_JUDUL)
        pg.paragraf(Kotak(box.x + 0.2, box.y + 0.3, box.w - 0.2, box.h - 0.3), s.kalimat, 11.5)
        y += tinggi
    dibuat = periode.tanggal(deck.dibuat)
    pg.paragraf(
        Kotak(A4_TEPI, A4_TINGGI - 0.55, w, 0.3),
        f"Dibuat {dibuat} dari Dasbor KDKMP & MBG · rincian di presentasi mingguan.",
        9,
        warna=WARNA_LEMAH,
    )
    c.showPage()
    c.save()
    return buf.getvalue()


def tulis(deck: Deck, path: Path, slides: list[Slide] | None = None, *, ringkasan: bool = False) -> Path:
    """Write the deck to `path` by its extension: .pptx or .pdf (`ringkasan`: the one-page A4)."""
    path = Path(path)
    ext = path.suffix.lower()
    if ringkasan:
        if ext != ".pdf":
            raise ValueError("Ringkasan hanya tersedia sebagai PDF (.pdf).")
        data = ringkasan_pdf_bytes(deck, slides)
    elif ext == ".pptx":
        data = pptx_bytes(deck, slides)
    elif ext == ".pdf":
        data = pdf_bytes(deck, slides)
    else:
        raise ValueError(f"Jenis file {ext or '(tanpa akhiran)'} tidak didukung: pakai .pptx atau .pdf.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
