"""Questions about training (bimtek)."""

from __future__ import annotations

from analytics import db
from analytics.filters import Filter

# Charts and the event table cover at most this many weeks up to the chosen one.
JUMLAH_MINGGU = 52


def _tingkat(f: Filter) -> str:
    # Bimtek rows stop at kecamatan: below a kecamatan there is nothing to break down.
    return "kecamatan" if f.group_level == "desa" else f.group_level


def bimtek_per_wilayah(con, f: Filter, minggu):
    """Events and participants per area one level below the filter, this week and up to it (DataFrame)."""
    return db.run(con, "bimtek_per_wilayah", {**f.params(), "tingkat": _tingkat(f), "minggu": minggu})


def bimtek_per_minggu(con, f: Filter, minggu, jumlah_minggu: int = JUMLAH_MINGGU):
    """Events and participants per week and participant category up to `minggu` (DataFrame)."""
    return db.run(con, "bimtek_per_minggu", {**f.params(), "minggu": minggu, "jumlah_minggu": jumlah_minggu})


def bimtek_kegiatan(con, f: Filter, minggu, jumlah_minggu: int = JUMLAH_MINGGU):
    """Training events up to `minggu`, newest first (DataFrame)."""
    return db.run(con, "bimtek_kegiatan", {**f.params(), "minggu": minggu, "jumlah_minggu": jumlah_minggu})
