"""Tables as the pages show them, worded once per question and data version (through
`Context.tanya`) and shared by every session: nationally they hold tens of thousands of rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analytics import kamus, kelengkapan
from analytics.filters import Filter
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
    laporan (status words), kualitas_dinilai, kualitas_tanpa_temuan, skor (0–100 or None)."""
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
    return out[["kode_kabupaten", "nama", "laporan", "kualitas_dinilai", "kualitas_tanpa_temuan", "skor"]].reset_index(
        drop=True
    )


def kualitas_nilai(value) -> str | None:
    """A value a quality rule reports, in words: 'pembangunan / ditolak' → 'Pembangunan / Ditolak'.
    Numbers (progress, koperasi counts) stay as they are."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value)
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
