"""Questions about training (bimtek)."""
from __future__ import annotations

from analytics import db
from analytics.filters import Filter


def kpi_bimtek(con, f: Filter, minggu) -> dict[str, int]:
    df = db.run(con, "kpi_bimtek", {**f.params(), "minggu": minggu})
    return {k: int(v) for k, v in df.iloc[0].items()}
