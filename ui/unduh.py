"""Download buttons for any table: CSV and XLSX, formula-like cells escaped (analytics.export)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import export


def table_downloads(df: pd.DataFrame, name: str, *, key: str | None = None) -> None:
    """Two buttons side by side: '<name>.csv' and '<name>.xlsx'. The files are built only when a
    button is clicked (a national table would otherwise cost seconds on every rerun)."""
    key = key or name
    with st.container(horizontal=True, gap="small"):
        st.download_button("Unduh CSV", lambda: export.to_csv_bytes(df), file_name=f"{name}.csv", mime="text/csv",
                           icon=":material/download:", key=f"csv_{key}")
        st.download_button("Unduh XLSX", lambda: export.to_xlsx_bytes(df, sheet=name), file_name=f"{name}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           icon=":material/download:", key=f"xlsx_{key}")
