"""The sentence that says whether a target will be met, written from the same numbers the page,
the deck and `summary --json` show (one row of target.daftar and its target.kontribusi)."""

from __future__ import annotations

import math

import pandas as pd

from analytics import periode
from analytics.format import angka, persen
from analytics.kamus import SELURUH_INDONESIA, nama_area
from analytics.metrik import METRIK
from analytics.target import load_pengaturan


def nama_wilayah(row: dict) -> str:
    nama = row.get("nama")
    if not row.get("kode_wilayah"):
        return SELURUH_INDONESIA
    if not isinstance(nama, str):
        return row["kode_wilayah"]
    return nama_area(row.get("tingkat"), nama)


def nilai(row: dict, v) -> str:
    """A value of the target's measure: '24', '80,0%'."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return persen(v) if row["jenis"] == "bagian" else angka(v)


def laju(row: dict, v) -> str:
    """A weekly pace in words: '0,5 SPPG per minggu', '1,2 poin persen per minggu'."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if row["jenis"] == "bagian":
        return f"{angka(v * 100, 1)} poin persen per minggu"
    return f"{angka(v, 1)} {METRIK[row['metrik']].satuan} per minggu"


def angka_laju(row: dict, v) -> str:
    """A weekly pace as a bare number in the target's unit: '0,5', '1,2 poin'."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return f"{angka(v * 100, 1)} poin" if row["jenis"] == "bagian" else angka(v, 1)


def _minggu(days: int) -> str:
    weeks = round(days / 7)
    return f"{angka(weeks)} minggu" if weeks else "kurang dari seminggu"


def kalimat(row: dict, kontribusi: pd.DataFrame | None = None, tingkat_bawah: str | None = None) -> str:
    """'Sppg beroperasi di Kab. Lampung Barat: 3 dari target 24 pada 31 Des 2026. …'"""
    n = load_pengaturan().minggu_laju
    label = row["label"]
    kepala = f"{label} di {nama_wilayah(row)}"
    tenggat = periode.tanggal(row["tenggat"])
    status = row["status"]
    if row["alasan"] == "tanpa_data":
        return f"{kepala}: target {nilai(row, row['target'])} pada {tenggat}; belum ada data untuk wilayah ini."
    awal = f"{kepala}: {nilai(row, row['aktual'])} dari target {nilai(row, row['target'])} pada {tenggat}"
    if status == "tercapai":
        return f"{awal}. Target tercapai sejak {periode.tanggal(row['tercapai_pada'])}."
    perlu = f"dibutuhkan {laju(row, row['laju_perlu'])}"
    if row["alasan"] == "tenggat_lewat":
        kalimat_ = f"{awal}. Tenggat sudah lewat; masih kurang {nilai(row, row['selisih'])}."
    elif row["alasan"] == "satu_minggu":
        kalimat_ = f"{awal}. Baru satu minggu data, laju belum dapat dihitung; {perlu}."
    elif row["alasan"] in ("laju_nol", "laju_mundur"):
        arah = (
            "tidak berubah" if row["alasan"] == "laju_nol" else f"bergerak menjauh ({laju(row, abs(row['laju_kini']))})"
        )
        kalimat_ = f"{awal}. Dalam {n} minggu terakhir angkanya {arah}: pada laju ini target tidak tercapai; {perlu}."
    else:
        proyeksi = periode.as_date(row["proyeksi"])
        hari = (proyeksi - periode.as_date(row["tenggat"])).days
        kapan = f"{_minggu(hari)} setelah tenggat" if hari > 0 else f"{_minggu(-hari)} sebelum tenggat"
        if hari == 0:
            kapan = "tepat pada tenggat"
        kalimat_ = (
            f"{awal}. Pada laju {n} minggu terakhir ({laju(row, row['laju_kini'])}) target tercapai "
            f"{periode.tanggal(proyeksi)}, {kapan}; {perlu}."
        )
    if kontribusi is not None and len(kontribusi) and kontribusi["selisih"].iat[0] > 0:
        top = kontribusi.iloc[0]
        total = kontribusi["selisih"].sum()
        nama = nama_area(tingkat_bawah, top["nama"])
        satuan = METRIK[row["metrik"]].satuan
        kalimat_ += (
            f" Kekurangan terbesar di {nama}: {angka(top['selisih'])} dari {angka(total)} {satuan} "
            f"yang masih kurang ({persen(top['bagian_selisih'], 0)})."
        )
    return kalimat_
