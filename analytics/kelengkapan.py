"""Reporting completeness: who is expected to report each dataset, and who reported when.

"Expected to report" has one definition (the view kabupaten_wajib_lapor): the kabupaten/kota an
administrator assigned to the dataset, or every kabupaten/kota of the gazetteer when none is
assigned. Ringkasan, this page, the deck, the map and `summary --json` all read it.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics import audit, config, db, periode
from analytics.filters import Filter

# The heat table and the rates cover this many weeks ending at the chosen week.
JUMLAH_MINGGU = 12
# Datasets in the order of the page; bimtek is event-based (no report is due every week).
DATASETS = ("koperasi", "lahan", "sppg", "bimtek")
BERBASIS_KEGIATAN = ("bimtek",)


def kelengkapan_kabupaten(con, f: Filter, minggu):
    """Kabupaten/kota of the filter expected to report koperasi data, with a `melapor` flag (DataFrame)."""
    return db.run(con, "kelengkapan_kabupaten", {**f.params(), "minggu": minggu})


def wajib_lapor(con) -> dict[str, list[str]]:
    """The assignment per dataset: kabupaten/kota codes, or [] where every kabupaten/kota is expected."""
    cur = db.cursor(con)
    try:
        rows = cur.execute(
            "select dataset, kode_kabupaten from wajib_lapor order by dataset, kode_kabupaten"
        ).fetchall()
    finally:
        cur.close()
    out: dict[str, list[str]] = {d: [] for d in DATASETS}
    for dataset, kode in rows:
        out.setdefault(dataset, []).append(kode)
    return out


def atur_wajib_lapor(
    con, dataset: str, kode_kabupaten: list[str], user: str, *, contoh: bool = False, now: dt.datetime | None = None
) -> None:
    """Replace the kabupaten/kota assigned to report `dataset` ([] : every kabupaten/kota), audited."""
    if dataset not in DATASETS:
        raise ValueError(f"dataset tidak dikenal: {dataset!r}")
    kode = sorted(set(kode_kabupaten))
    now = now or dt.datetime.now().replace(microsecond=0)

    def replace(cur) -> None:
        unknown = [
            r[0]
            for r in cur.execute(
                "select k from unnest($kode::varchar[]) as t(k) where k not in (select kode from kabupaten)",
                {"kode": kode},
            ).fetchall()
        ]
        if unknown:
            raise ValueError(f"Kode kabupaten/kota tidak ada di gazetir: {', '.join(unknown)}")
        cur.execute("delete from wajib_lapor where dataset = $dataset", {"dataset": dataset})
        cur.execute(
            "insert into wajib_lapor select $dataset, k, $contoh, $oleh, $pada from unnest($kode::varchar[]) as t(k)",
            {"dataset": dataset, "kode": kode, "contoh": contoh, "oleh": user, "pada": now},
        )
        audit.record(cur, user, "wajib_lapor", {"dataset": dataset, "kabupaten": len(kode) or "semua"}, now)

    db.transaksi(con, replace)


def _window(f: Filter, akhir, jumlah_minggu: int, hari_batas_lapor: int | None) -> dict:
    hari = hari_batas_lapor if hari_batas_lapor is not None else config.load().hari_batas_lapor
    if not 1 <= int(hari) <= 7:
        raise ValueError(f"hari_batas_lapor harus 1 (Senin) sampai 7 (Minggu), bukan {hari!r}")
    return {**f.params(), "akhir": akhir, "jumlah_minggu": jumlah_minggu, "hari_batas_lapor": int(hari)}


def kelengkapan_status(con, f: Filter, akhir, jumlah_minggu: int = JUMLAH_MINGGU, hari_batas_lapor: int | None = None):
    """Per dataset, week and expected kabupaten/kota: tepat_waktu / terlambat / tidak_melapor (DataFrame).

    `hari_batas_lapor` (1 = Senin … 7 = Minggu) defaults to the setting of the same name.
    """
    return db.run(con, "kelengkapan_status", _window(f, akhir, jumlah_minggu, hari_batas_lapor))


def kelengkapan_per_minggu(
    con, f: Filter, akhir, jumlah_minggu: int = JUMLAH_MINGGU, hari_batas_lapor: int | None = None
):
    """Per dataset and week: kabupaten/kota expected, reported, on time and late (DataFrame), counted
    from kelengkapan_status so the rates and the heat table cannot disagree."""
    status = kelengkapan_status(con, f, akhir, jumlah_minggu, hari_batas_lapor)
    counted = status.assign(
        diharapkan=1,
        melapor=(status["status"] != "tidak_melapor").astype("int64"),
        tepat_waktu=(status["status"] == "tepat_waktu").astype("int64"),
        terlambat=(status["status"] == "terlambat").astype("int64"),
    )
    counts = counted.groupby(["dataset", "minggu"])[["diharapkan", "melapor", "tepat_waktu", "terlambat"]].sum()
    # Every dataset and week of the window, with zeros where no kabupaten/kota is expected to report
    # that dataset inside the filter (an assignment elsewhere).
    akhir = periode.monday(akhir)
    weeks = pd.to_datetime([akhir - dt.timedelta(weeks=i) for i in reversed(range(jumlah_minggu))])
    if len(status):
        weeks = weeks.astype(status["minggu"].dtype)
    grid = pd.MultiIndex.from_product([list(DATASETS), weeks], names=["dataset", "minggu"])
    return counts.reindex(grid, fill_value=0).astype("int64").reset_index()


def kelengkapan_desa(con, f: Filter, minggu):
    """Desa/kelurahan expected and present in the koperasi data, per area one level below the filter."""
    return db.run(con, "kelengkapan_desa", {**f.params(), "tingkat": f.group_level, "minggu": minggu})
