"""Questions about koperasi (KDKMP): counts, zones, obstacles. One function per .sql file."""

from __future__ import annotations

from analytics import db, zona
from analytics.filters import Filter


def kendala_koperasi(con, f: Filter, minggu) -> dict[str, int]:
    df = db.run(con, "kendala_koperasi", {**f.params(), "minggu": minggu})
    return dict(zip(df["kendala"], (int(v) for v in df["koperasi"])))


def pindah_zona(con, f: Filter, minggu, minggu_lalu) -> dict[str, int]:
    """This week's koperasi by zone move since the previous week with data: naik, turun, tetap, baru
    (summed from the zone-move matrix)."""
    hitung = dict.fromkeys(("naik", "turun", "tetap", "baru"), 0)
    grid = zona.transisi_zona(con, f, minggu, minggu_lalu)
    for dari, baris in grid.iterrows():
        for ke, n in baris.items():
            if jenis := zona.arah(dari, ke):
                hitung[jenis] += int(n)
    return hitung


def zona_per_wilayah(con, f: Filter, minggu, minggu_lalu):
    """Zone counts per area one level below the filter (DataFrame, at most a few hundred rows)."""
    return db.run(
        con, "zona_per_wilayah", {**f.params(), "tingkat": f.group_level, "minggu": minggu, "minggu_lalu": minggu_lalu}
    )
