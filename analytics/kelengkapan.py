"""Reporting completeness: which kabupaten/kota reported this week."""
from __future__ import annotations

from analytics import db
from analytics.filters import Filter


def kelengkapan_kabupaten(con, f: Filter, minggu):
    """Expected kabupaten/kota of the filter with a `melapor` flag (DataFrame)."""
    return db.run(con, "kelengkapan_kabupaten", {**f.params(), "minggu": minggu})
