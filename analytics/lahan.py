"""Questions about land parcels (lahan)."""

from __future__ import annotations

from analytics import db
from analytics.filters import Filter


def kpi_lahan(con, f: Filter, minggu):
    """Parcels per (status_verifikasi, sumber_lahan) in one week (DataFrame)."""
    return db.run(con, "kpi_lahan", {**f.params(), "minggu": minggu})


# Parcels smaller than this are flagged: the usual minimum for a gerai (data contract).
BATAS_LUAS_M2 = 1000
# The kendala trend shows at most this many weeks (one point each).
JUMLAH_MINGGU = 52


def kendala_per_minggu(con, f: Filter, minggu, jumlah_minggu: int = JUMLAH_MINGGU):
    """Koperasi per kendala in every week with data up to `minggu`, zeros filled (DataFrame, long)."""
    return db.run(con, "kendala_per_minggu", {**f.params(), "minggu": minggu, "jumlah_minggu": jumlah_minggu})


def status_lahan_per_wilayah(con, f: Filter, minggu):
    """Koperasi by status_lahan per area one level below the filter (DataFrame, one row per area)."""
    return db.run(con, "status_lahan_per_wilayah", {**f.params(), "tingkat": f.group_level, "minggu": minggu})


def lahan_sempit(con, f: Filter, minggu, batas_m2: float = BATAS_LUAS_M2):
    """Parcels of the week smaller than `batas_m2`, smallest first (DataFrame)."""
    return db.run(con, "lahan_sempit", {**f.params(), "minggu": minggu, "batas_m2": batas_m2})


def lahan_per_verifikator(con, f: Filter, minggu):
    """Parcels per (verifikator, status_verifikasi), busiest verifier first (DataFrame, long)."""
    return db.run(con, "lahan_per_verifikator", {**f.params(), "minggu": minggu})


def tidak_dapat_dibangun_per_wilayah(con, f: Filter, minggu):
    """Koperasi that cannot be built per (area, main kendala), one level below the filter (DataFrame, long)."""
    return db.run(con, "tidak_dapat_dibangun_per_wilayah", {**f.params(), "tingkat": f.group_level, "minggu": minggu})


def koperasi_tidak_dapat_dibangun(con, f: Filter, minggu):
    """Every koperasi that cannot be built in the week, with its main kendala (DataFrame)."""
    df = db.run(con, "koperasi_tidak_dapat_dibangun", {**f.params(), "minggu": minggu})
    # DuckDB lists arrive as numpy arrays; plain lists compare and print as users expect.
    df["kendala"] = df["kendala"].map(lambda v: [str(x) for x in v] if hasattr(v, "__len__") else None).astype(object)
    return df
