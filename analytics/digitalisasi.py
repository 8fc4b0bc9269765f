"""Questions about digital adoption: SIMKOPDES accounts of the koperasi and the SIMKOPDES village
statistics export. One function per .sql file."""

from __future__ import annotations

import datetime as dt

from analytics import db, periode
from analytics.filters import Filter


def simkopdes_per_wilayah(con, f: Filter, minggu):
    """Koperasi with SIMKOPDES aktif / kendala / belum per area one level below the filter (DataFrame)."""
    return db.run(con, "simkopdes_per_wilayah", {**f.params(), "tingkat": f.group_level, "minggu": minggu})


def koperasi_simkopdes_kendala(con, f: Filter, minggu):
    """Koperasi whose SIMKOPDES account has login or network problems, with their pendamping (DataFrame)."""
    return db.run(con, "koperasi_simkopdes_kendala", {**f.params(), "minggu": minggu})


def minggu_simkopdes_desa(con, f: Filter) -> list[dt.date]:
    """Weeks with SIMKOPDES village statistics inside the filter, oldest first."""
    df = db.run(con, "minggu_simkopdes_desa", f.params())
    return [periode.as_date(m) for m in df["minggu"]]
