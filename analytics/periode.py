"""Which weeks have data: "minggu ini" and the previous week with data, per dataset and filter."""
from __future__ import annotations

import datetime as dt

from analytics import db, weeks
from analytics.filters import Filter


def minggu_data(con, f: Filter) -> dict[str, list[dt.date]]:
    """Weeks with data per dataset inside the filter, oldest first."""
    df = db.run(con, "minggu_data", f.params())
    out: dict[str, list[dt.date]] = {"koperasi": [], "lahan": [], "sppg": [], "bimtek": []}
    for dataset, minggu in zip(df["dataset"], df["minggu"]):
        out[dataset].append(weeks.as_date(minggu))
    return out


def pilih_minggu(tersedia: list[dt.date], at=None) -> tuple[dt.date | None, dt.date | None]:
    """(this week, previous week with data) at or before `at`."""
    kini = weeks.latest_at_or_before(tersedia, at)
    return kini, (weeks.previous(tersedia, kini) if kini else None)


def semua_minggu(per_dataset: dict[str, list[dt.date]]) -> list[dt.date]:
    return sorted({w for ws in per_dataset.values() for w in ws}, reverse=True)
