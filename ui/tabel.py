"""Tables as the pages show them, worded once per question and data version (through
`Context.tanya`) and shared by every session: nationally they hold tens of thousands of rows."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from analytics import kamus, kelengkapan
from analytics.filters import Filter
from analytics.format import angka
from ui import charts, teks


@dataclass(frozen=True)
class Kelengkapan:
    status: pd.DataFrame  # kelengkapan.kelengkapan_status: one row per (dataset, kabupaten, week)
    lengkap: pd.DataFrame  # the same rows with status, dataset and dates in words


def kelengkapan_laporan(con, f: Filter, akhir: dt.date, n_minggu: int) -> Kelengkapan:
    """Every (dataset, kabupaten, week) of the reporting window, as read and as shown."""
    status = kelengkapan.kelengkapan_status(con, f, akhir, n_minggu)
    table = status.assign(
        status=status["status"].map(kamus.KELENGKAPAN_STATUS), dataset=status["dataset"].map(teks.KELENGKAPAN_DATASET)
    )
    return Kelengkapan(status, charts.table_text(table, dates=("minggu", "batas_lapor"), times=("diunggah_pada",)))


def kelengkapan_kualitas(con, f: Filter, status: pd.DataFrame, minggu: dt.date | None) -> pd.DataFrame:
    """Per kab/kota of the filter expected to report koperasi data or with koperasi in `minggu`:
    its koperasi report in the status table's latest week beside the quality score of `minggu`
    (the registry metric kualitas_tanpa_temuan ÷ kualitas_dinilai). Columns kode_kabupaten, nama,
    laporan (status words), kualitas_dinilai, kualitas_tanpa_temuan, skor (0–100 or None); lowest
    score first."""
    from analytics import metrik

    skor = metrik.per_wilayah(con, f, "kualitas", minggu, "kabupaten")
    koperasi = status[(status["dataset"] == "koperasi") & (status["minggu"] == status["minggu"].max())]
    laporan = dict(zip(koperasi["kode_kabupaten"], koperasi["status"].map(kamus.KELENGKAPAN_STATUS)))
    m = metrik.METRIK["kualitas_tanpa_temuan"]
    out = skor.assign(
        kode_kabupaten=skor["kode"],
        laporan=skor["kode"].map(laporan).astype(object),
        skor=[None if v is None else round(100 * v, 1) for v in (m.nilai_peta(r) for r in skor.to_dict("records"))],
    )
    out = out[out["laporan"].notna() | (out["kualitas_dinilai"] > 0)]
    # The office with the most to check first; a kab/kota without koperasi to judge last.
    out = out.assign(_skor=pd.to_numeric(out["skor"], errors="coerce")).sort_values(
        ["_skor", "nama"], na_position="last", kind="stable"
    )
    return out[["kode_kabupaten", "nama", "laporan", "kualitas_dinilai", "kualitas_tanpa_temuan", "skor"]].reset_index(
        drop=True
    )


def kualitas_nilai(value) -> str | None:
    """A value a quality rule reports, in words: 'pembangunan / ditolak' → 'Pembangunan / Ditolak'.
    Numbers (progress, koperasi counts) in Indonesian format: 71.6 → '71,6'."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, int | float):
        return angka(value, 0 if float(value).is_integer() else 1)
    text = str(value)
    try:
        number = float(text)
    except ValueError:
        pass
    else:  # '71.6' as the rule wrote it: '71,6'
        return angka(number, 0 if number.is_integer() else 1)
    if text in teks.KUALITAS_NILAI:
        return teks.KUALITAS_NILAI[text]
    return " / ".join(teks.KUALITAS_NILAI.get(part, part) for part in text.split(" / "))


def kualitas_dalam_kata(df: pd.DataFrame) -> pd.DataFrame:
    """kualitas.daftar rows with the rule, severity and values in words (for the page and the upload
    report; the codes stay in their own columns)."""
    return df.assign(
        aturan=df["aturan"].map(lambda a: teks.KUALITAS_ATURAN_LABEL.get(a, a)),
        tingkat=df["tingkat"].map(teks.KUALITAS_TINGKAT),
        objek=df["objek"].map(lambda o: teks.KUALITAS_OBJEK.get(o, o)).astype(object),
        nilai_lalu=df["nilai_lalu"].map(kualitas_nilai).astype(object),
        nilai_kini=df["nilai_kini"].map(kualitas_nilai).astype(object),
    )


# --- fitting a table into the width it has ---------------------------------------------------------

LEBAR_HURUF = 6.8  # px per character of the grid's type (measured on 1366×768 screenshots)
LEBAR_TEPI = 20  # px of cell padding and border
LEBAR_HALAMAN = 880  # px of the main column at 1366×768 with the sidebar open, less a scrollbar
BARIS_BUNGKUS = 68  # px: the grid wraps text only in rows taller than 4rem (three lines fit)
BAGIAN_TERKECIL = 0.45  # of its one-line width: three lines, with room for where the words break


def _lebar_teks(n_huruf: int) -> int:
    return int(n_huruf * LEBAR_HURUF + LEBAR_TEPI)


def pas(df: pd.DataFrame, column_config: dict | None = None, lebar: int = LEBAR_HALAMAN) -> dict:
    """st.dataframe arguments (column_config, row_height) that keep every column of `df` in `lebar` px
    where it can: long text columns get narrower and wrap onto up to three lines, numbers and headers
    keep their width. When even that is too wide, the first column (what the row is) stays pinned
    while the rest scrolls. A table that fits is left as it is."""
    config = dict(column_config or {})
    alami: dict[str, int] = {}
    terkecil: dict[str, int] = {}
    contoh = df.head(500)
    for kolom in df.columns:
        cfg = config.get(kolom)
        judul = cfg if isinstance(cfg, str) else (cfg or {}).get("label") or str(kolom)
        isi = contoh[kolom].dropna().astype(str).str.len().max() if len(contoh) else 0
        isi = 0 if pd.isna(isi) else int(isi)
        alami[kolom] = _lebar_teks(max(len(judul), isi))
        teks_panjang = not pd.api.types.is_numeric_dtype(df[kolom]) and not pd.api.types.is_bool_dtype(df[kolom])
        # A word is never broken: a column is at least as wide as its longest word.
        kata = contoh[kolom].dropna().astype(str).str.split().map(lambda w: max(map(len, w), default=0))
        kata = int(kata.max()) if len(kata) else 0
        batas = max(_lebar_teks(len(judul)), _lebar_teks(kata), int(alami[kolom] * BAGIAN_TERKECIL), 80)
        terkecil[kolom] = min(alami[kolom], batas) if teks_panjang else alami[kolom]
    if sum(alami.values()) <= lebar:
        return {"column_config": config} if column_config is not None else {}
    lebih = sum(alami.values()) - lebar
    bisa = {k: alami[k] - terkecil[k] for k in alami if alami[k] > terkecil[k]}
    ruang = sum(bisa.values())
    potong = {k: (math.ceil(v * min(1.0, lebih / ruang)) if ruang else 0) for k, v in bisa.items()}
    out = {}
    for kolom in df.columns:
        cfg = config.get(kolom)
        cfg = {"label": cfg} if isinstance(cfg, str) else dict(cfg or {})
        cfg["width"] = alami[kolom] - potong.get(kolom, 0)
        out[kolom] = cfg
    if lebih > ruang:
        out[df.columns[0]]["pinned"] = True
    args: dict = {"column_config": out}
    if any(potong.values()):
        args["row_height"] = BARIS_BUNGKUS
    return args


def tinggi(n_baris: int, args: dict, maks: int) -> int:
    """Height for `n_baris` rows at the row height `pas` chose, at most `maks` px."""
    return min(38 + args.get("row_height", 35) * max(n_baris, 1), maks)


def kendala_dalam_kata(values) -> str:
    """Obstacle codes (a list, or 'cuaca, tenaga_kerja' as a query joins them) in words:
    'Cuaca, Tenaga kerja'; none at all reads 'Tidak diisi'."""
    if isinstance(values, str):
        values = [v.strip() for v in values.split(",") if v.strip()]
    if values is None or isinstance(values, float) or len(values) == 0:  # NaN: no obstacle column
        return kamus.KENDALA_LABEL["tidak_diisi"]
    return ", ".join(kamus.KENDALA_LABEL.get(v, v) for v in values)
