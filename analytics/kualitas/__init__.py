"""Data quality: findings of the rules in data/kualitas.toml for a filter and week, each week
compared with the previous week with koperasi data in the filter. The rules themselves are in
analytics/kualitas/aturan.py; each rule's check is analytics/queries/kualitas/<id>.sql.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics import db, periode
from analytics.filters import Filter
from analytics.kualitas.aturan import TINGKAT, AturanKualitas, AturanKualitasError, load_aturan

__all__ = ["KOLOM", "TINGKAT", "AturanKualitas", "AturanKualitasError", "load_aturan", "per_aturan", "temuan"]

# The columns every rule's query returns, in this order.
KOLOM = (
    "aturan",
    "kode_kabupaten",
    "kode_desa",
    "id_koperasi",
    "nama_koperasi",
    "minggu",
    "minggu_lalu",
    "nilai_lalu",
    "nilai_kini",
    "keterangan",
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
