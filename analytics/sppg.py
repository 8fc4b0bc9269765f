"""Questions about SPPG kitchens (MBG)."""
from __future__ import annotations

from analytics import db
from analytics.filters import Filter


def kpi_sppg(con, f: Filter, minggu) -> dict[str, int]:
    df = db.run(con, "kpi_sppg", {**f.params(), "minggu": minggu})
    return {k: int(v) for k, v in df.iloc[0].items()}
