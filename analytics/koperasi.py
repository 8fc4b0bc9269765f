"""Questions about koperasi (KDKMP): counts, zones, obstacles. One function per .sql file."""
from __future__ import annotations

from analytics import db
from analytics.filters import Filter


def kendala_koperasi(con, f: Filter, minggu) -> dict[str, int]:
    df = db.run(con, "kendala_koperasi", {**f.params(), "minggu": minggu})
    return dict(zip(df["kendala"], (int(v) for v in df["koperasi"])))


def pindah_zona(con, f: Filter, minggu, minggu_lalu) -> dict[str, int]:
    df = db.run(con, "pindah_zona", {**f.params(), "minggu": minggu, "minggu_lalu": minggu_lalu})
    return {k: int(v) for k, v in df.iloc[0].items()}


def zona_per_wilayah(con, f: Filter, minggu, minggu_lalu):
    """Zone counts per area one level below the filter (DataFrame, at most a few hundred rows)."""
    return db.run(con, "zona_per_wilayah", {**f.params(), "tingkat": f.group_level,
                                           "minggu": minggu, "minggu_lalu": minggu_lalu})
