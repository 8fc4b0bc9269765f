"""Reporting completeness: which kabupaten/kota reported this week."""
from __future__ import annotations

from analytics import config, db
from analytics.filters import Filter


def kelengkapan_kabupaten(con, f: Filter, minggu):
    """Expected kabupaten/kota of the filter with a `melapor` flag (DataFrame)."""
    return db.run(con, "kelengkapan_kabupaten", {**f.params(), "minggu": minggu})


# The heat table and the rates cover this many weeks ending at the chosen week.
JUMLAH_MINGGU = 12
# Datasets in the order of the page; bimtek is event-based (no report is due every week).
DATASETS = ("koperasi", "lahan", "sppg", "bimtek")
BERBASIS_KEGIATAN = ("bimtek",)


def _window(f: Filter, akhir, jumlah_minggu: int, hari_batas_lapor: int | None) -> dict:
    hari = hari_batas_lapor if hari_batas_lapor is not None else config.load().hari_batas_lapor
    if not 1 <= int(hari) <= 7:
        raise ValueError(f"hari_batas_lapor harus 1 (Senin) sampai 7 (Minggu), bukan {hari!r}")
    return {**f.params(), "akhir": akhir, "jumlah_minggu": jumlah_minggu, "hari_batas_lapor": int(hari)}


def kelengkapan_status(con, f: Filter, akhir, jumlah_minggu: int = JUMLAH_MINGGU,
                       hari_batas_lapor: int | None = None):
    """Per dataset, week and expected kabupaten/kota: tepat_waktu / terlambat / tidak_melapor (DataFrame).

    Expected: the kabupaten/kota of the filter; nationally, those of the provinces with any data.
    `hari_batas_lapor` (1 = Senin … 7 = Minggu) defaults to the setting of the same name.
    """
    return db.run(con, "kelengkapan_status", _window(f, akhir, jumlah_minggu, hari_batas_lapor))


def kelengkapan_per_minggu(con, f: Filter, akhir, jumlah_minggu: int = JUMLAH_MINGGU,
                           hari_batas_lapor: int | None = None):
    """Per dataset and week: kabupaten/kota expected, reported, on time and late (DataFrame)."""
    return db.run(con, "kelengkapan_per_minggu", _window(f, akhir, jumlah_minggu, hari_batas_lapor))


def kelengkapan_desa(con, f: Filter, minggu):
    """Desa/kelurahan expected and present in the koperasi data, per area one level below the filter."""
    return db.run(con, "kelengkapan_desa", {**f.params(), "tingkat": f.group_level, "minggu": minggu})
