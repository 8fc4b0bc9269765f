"""Questions about SPPG kitchens (MBG)."""

from __future__ import annotations

from analytics import db
from analytics.filters import Filter

# Charts over time show at most this many weeks (one point each).
JUMLAH_MINGGU = 52


def sppg_per_wilayah(con, f: Filter, minggu):
    """SPPG by status per area one level below the filter, with beneficiaries and suppliers (DataFrame)."""
    return db.run(con, "sppg_per_wilayah", {**f.params(), "tingkat": f.group_level, "minggu": minggu})


def sppg_per_minggu(con, f: Filter, minggu, jumlah_minggu: int = JUMLAH_MINGGU):
    """SPPG by status for each week with data up to `minggu`, oldest first (DataFrame)."""
    return db.run(con, "sppg_per_minggu", {**f.params(), "minggu": minggu, "jumlah_minggu": jumlah_minggu})


def sppg_lokasi(con, f: Filter, minggu):
    """Every SPPG site of the week with kabupaten, kecamatan and desa names (DataFrame)."""
    return db.run(con, "sppg_lokasi", {**f.params(), "minggu": minggu})


def kecamatan_tanpa_sppg(con, f: Filter, minggu):
    """Kecamatan of the filter with no SPPG in the week (nationally: provinces with SPPG data)."""
    return db.run(con, "kecamatan_tanpa_sppg", {**f.params(), "minggu": minggu})
