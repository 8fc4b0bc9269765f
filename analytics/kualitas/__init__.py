"""Data quality: findings of the rules in data/kualitas.toml for a filter and week, each week
compared with the previous week with koperasi data in the filter. The rules themselves are in
analytics/kualitas/aturan.py; each rule's check is analytics/queries/kualitas/<id>.sql.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics import db, periode
from analytics.filters import Filter
from analytics.kualitas.aturan import (
    DARI_LAPORAN_KOPERASI,
    OBJEK,
    TINGKAT,
    AturanKualitas,
    AturanKualitasError,
    load_aturan,
)

__all__ = [
    "DARI_LAPORAN_KOPERASI",
    "KOLOM",
    "OBJEK",
    "TINGKAT",
    "AturanKualitas",
    "AturanKualitasError",
    "daftar",
    "load_aturan",
    "per_aturan",
    "per_wilayah",
    "temuan",
]

# The columns every rule's query returns, in this order. `objek` is what a finding is about
# (aturan.OBJEK: koperasi, kabupaten, desa, sppg, lahan) and `nama_objek` names it (the koperasi,
# the SPPG, the parcel's id_lahan; empty for a kab/kota or a desa, which the codes name). Rules over
# SPPG, land or SIMKOPDES give in `minggu` the week of the rows they read, and `minggu_lalu` /
# `nilai_lalu` hold what the row is compared with (SIMKOPDES's week and count).
KOLOM = (
    "aturan",
    "kode_kabupaten",
    "kode_kecamatan",
    "kode_desa",
    "id_koperasi",
    "nama_koperasi",
    "minggu",
    "minggu_lalu",
    "nilai_lalu",
    "nilai_kini",
    "keterangan",
    "objek",
    "nama_objek",
)


def minggu_lalu(con, f: Filter, minggu: dt.date) -> dt.date | None:
    """The previous week with koperasi data in the filter before `minggu`."""
    return periode.previous(periode.minggu_data(con, f)["koperasi"], minggu)


def temuan(con, f: Filter, minggu: dt.date | str | None, aturan: AturanKualitas | None = None) -> pd.DataFrame:
    """Every finding of every rule for the filter in `minggu` (against the previous week with data),
    rule by rule in the file's order: the columns KOLOM. Empty (with KOLOM) when `minggu` is None."""
    aturan = aturan or load_aturan()
    if minggu is None:
        return pd.DataFrame({k: pd.Series(dtype=object) for k in KOLOM})
    minggu = periode.monday(minggu)
    frames = []
    with db.one_snapshot(con):
        lalu = minggu_lalu(con, f, minggu)
        for a in aturan.aturan:
            params = {**f.params(), **a.parameter, "aturan": a.id, "minggu": minggu, "minggu_lalu": lalu}
            frames.append(db.run(con, a.kueri, params)[list(KOLOM)])
    frames = [df for df in frames if not df.empty]
    if not frames:
        return pd.DataFrame({k: pd.Series(dtype=object) for k in KOLOM})
    out = pd.concat(frames, ignore_index=True)
    for column in ("minggu", "minggu_lalu"):
        out[column] = out[column].map(lambda v: None if pd.isna(v) else periode.as_date(v)).astype(object)
    return out.astype(object).where(out.notna(), None)


def per_aturan(con, f: Filter, minggu: dt.date | str | None, aturan: AturanKualitas | None = None) -> pd.DataFrame:
    """One row per rule of the file, in its order: aturan, tingkat, penjelasan, temuan (count, 0 when
    none)."""
    aturan = aturan or load_aturan()
    counts = temuan(con, f, minggu, aturan)["aturan"].value_counts().to_dict()
    return pd.DataFrame(
        {
            "aturan": [a.id for a in aturan.aturan],
            "tingkat": [a.tingkat for a in aturan.aturan],
            "penjelasan": [a.penjelasan for a in aturan.aturan],
            "temuan": pd.Series([int(counts.get(a.id, 0)) for a in aturan.aturan], dtype="int64"),
        }
    )


# How many dot-separated parts a Kemendagri code has at each level (18 · 18.04 · 18.04.04 · 18.04.04.2005).
_BAGIAN_KODE = {"provinsi": 1, "kabupaten": 2, "kecamatan": 3, "desa": 4}


def _kode_wilayah(row, level: str) -> str | None:
    """The code of the area at `level` a finding belongs to; None when the finding is placed above
    it (lonjakan_zona below the kab/kota, an SPPG without a desa at desa level)."""
    n = _BAGIAN_KODE[level]
    kode = row["kode_desa"] or row["kode_kecamatan"] or row["kode_kabupaten"]
    return ".".join(kode.split(".")[:n]) if kode and len(kode.split(".")) >= n else None


def per_wilayah(con, f: Filter, minggu: dt.date | str | None, aturan: AturanKualitas | None = None) -> pd.DataFrame:
    """Findings per area one level below the filter (f.group_level): kode, galat, peringatan,
    temuan (their sum), the most findings first. A kab/kota-wide finding (no desa) is counted at
    provinsi and kabupaten level only."""
    aturan = aturan or load_aturan()
    df = temuan(con, f, minggu, aturan)
    kolom = ["kode", "galat", "peringatan", "temuan"]
    if df.empty:
        return pd.DataFrame({k: pd.Series(dtype=object if k == "kode" else "int64") for k in kolom})
    tingkat = {a.id: a.tingkat for a in aturan.aturan}
    df = df.assign(
        kode=[_kode_wilayah(r, f.group_level) for r in df.to_dict("records")],
        tingkat=df["aturan"].map(tingkat),
    ).dropna(subset=["kode"])
    out = df.pivot_table(index="kode", columns="tingkat", values="aturan", aggfunc="count", fill_value=0)
    out = out.reindex(columns=list(TINGKAT), fill_value=0).reset_index()
    out.columns.name = None
    out["temuan"] = out["galat"] + out["peringatan"]
    out = out.astype({"galat": "int64", "peringatan": "int64", "temuan": "int64"})
    return out.sort_values(["temuan", "kode"], ascending=[False, True], kind="stable").reset_index(drop=True)[kolom]


def daftar(con, f: Filter, minggu: dt.date | str | None, aturan: AturanKualitas | None = None) -> pd.DataFrame:
    """The rows to check: every finding with its rule's severity and explanation (columns
    `tingkat`, `penjelasan` after `aturan`), per kab/kota and desa, galat before peringatan."""
    aturan = aturan or load_aturan()
    df = temuan(con, f, minggu, aturan)
    by_id = aturan.by_id()
    df.insert(1, "tingkat", df["aturan"].map(lambda a: by_id[a].tingkat).astype(object))
    df.insert(2, "penjelasan", df["aturan"].map(lambda a: by_id[a].penjelasan).astype(object))
    if df.empty:
        return df
    urutan = {a.id: i for i, a in enumerate(aturan.aturan)}
    kunci = df.assign(
        _t=df["tingkat"].map(TINGKAT.index),
        _a=df["aturan"].map(urutan),
        _k=df["kode_kabupaten"].fillna(""),
        _d=df["kode_desa"].fillna(""),
    )
    kunci = kunci.sort_values(["_k", "_t", "_a", "_d"], kind="stable")
    return kunci.drop(columns=["_t", "_a", "_k", "_d"]).reset_index(drop=True)
