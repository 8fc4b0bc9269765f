"""Questions about land parcels (lahan)."""
from __future__ import annotations

from analytics import db
from analytics.filters import Filter


def kpi_lahan(con, f: Filter, minggu):
    """Parcels per (status_verifikasi, sumber_lahan) in one week (DataFrame)."""
    return db.run(con, "kpi_lahan", {**f.params(), "minggu": minggu})
