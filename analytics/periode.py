"""Weeks, the reporting period of every dataset: ISO weeks (Senin–Minggu), their Indonesian labels,
and which weeks have data per dataset and filter ("minggu ini" and the previous week with data)."""

from __future__ import annotations

import datetime as dt

from analytics import db
from analytics.filters import Filter

BULAN_SINGKAT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date()
    return dt.date.fromisoformat(str(value)[:10])


def monday(value) -> dt.date:
    """The Monday of the ISO week that contains the date."""
    d = as_date(value)
    return d - dt.timedelta(days=d.weekday())


def label(minggu) -> str:
    """'Minggu 43 · 20–26 Okt 2025' (the range crosses months/years when it must)."""
    start = monday(minggu)
    end = start + dt.timedelta(days=6)
    week = start.isocalendar()[1]
    if start.year != end.year:
        span = f"{start.day} {BULAN_SINGKAT[start.month - 1]} {start.year}–{end.day} {BULAN_SINGKAT[end.month - 1]} {end.year}"
    elif start.month != end.month:
        span = f"{start.day} {BULAN_SINGKAT[start.month - 1]}–{end.day} {BULAN_SINGKAT[end.month - 1]} {end.year}"
    else:
        span = f"{start.day}–{end.day} {BULAN_SINGKAT[start.month - 1]} {start.year}"
    return f"Minggu {week} · {span}"


def tanggal(value) -> str:
    """The one date style of the dashboard: '16 Nov 2026' (same month names as the week labels)."""
    d = as_date(value)
    return f"{d.day} {BULAN_SINGKAT[d.month - 1]} {d.year}"


def waktu(value) -> str:
    """'16 Nov 2026 15.04' (a date and time: uploads, audit, reports)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    return f"{tanggal(value)} {value:%H.%M}"


def long_date(value) -> str:
    d = as_date(value)
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def latest_at_or_before(weeks, at=None) -> dt.date | None:
    """The latest week in `weeks` not after `at` (None: the latest of all)."""
    candidates = sorted(as_date(w) for w in weeks)
    if at is not None:
        limit = monday(at)
        candidates = [w for w in candidates if w <= limit]
    return candidates[-1] if candidates else None


def previous(weeks, minggu) -> dt.date | None:
    """The week with data just before `minggu` (not necessarily seven days earlier)."""
    target = monday(minggu)
    earlier = sorted(as_date(w) for w in weeks if as_date(w) < target)
    return earlier[-1] if earlier else None


def minggu_data(con, f: Filter) -> dict[str, list[dt.date]]:
    """Weeks with data per dataset inside the filter, oldest first."""
    df = db.run(con, "minggu_data", f.params())
    out: dict[str, list[dt.date]] = {"koperasi": [], "lahan": [], "sppg": [], "bimtek": []}
    for dataset, minggu in zip(df["dataset"], df["minggu"]):
        out[dataset].append(as_date(minggu))
    return out


def pilih_minggu(tersedia: list[dt.date], at=None) -> tuple[dt.date | None, dt.date | None]:
    """(this week, previous week with data) at or before `at`."""
    kini = latest_at_or_before(tersedia, at)
    return kini, (previous(tersedia, kini) if kini else None)


def semua_minggu(per_dataset: dict[str, list[dt.date]]) -> list[dt.date]:
    return sorted({w for ws in per_dataset.values() for w in ws}, reverse=True)
