"""Tables as the pages show them, worded once per question and data version (through
`Context.tanya`) and shared by every session: nationally they hold tens of thousands of rows."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics import kamus, kelengkapan
from analytics.filters import Filter
from ui import charts, teks


def kelengkapan_lengkap(con, f: Filter, akhir: dt.date, n_minggu: int) -> pd.DataFrame:
    """Every (dataset, kabupaten, week) of the reporting window with its status in words."""
    status = kelengkapan.kelengkapan_status(con, f, akhir, n_minggu)
    table = status.assign(
        status=status["status"].map(kamus.KELENGKAPAN_STATUS), dataset=status["dataset"].map(teks.KELENGKAPAN_DATASET)
    )
    return charts.table_text(table, dates=("minggu", "batas_lapor"), times=("diunggah_pada",))
