"""Download buttons of the pages: any table as CSV and XLSX, a chart as PNG. The files are built
only when a button is clicked (a national table or a kaleido drawing would otherwise cost seconds
on every rerun); formula-like cells are escaped by analytics.export, which builds the bytes.

    unduh.table_downloads(df, "zona_per_wilayah")            # 'Unduh CSV' + 'Unduh XLSX'
    unduh.chart_png(fig, "zona_per_wilayah", key="zona")     # 'Unduh PNG'
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import export
from ui import teks

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_downloads(df: pd.DataFrame, name: str, *, key: str | None = None) -> None:
    """Two buttons side by side: '<name>.csv' and '<name>.xlsx'."""
    key = key or name
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            "Unduh CSV",
            lambda: export.to_csv_bytes(df),
            file_name=f"{name}.csv",
            mime="text/csv",
            icon=":material/download:",
            key=f"csv_{key}",
        )
        st.download_button(
            "Unduh XLSX",
            lambda: export.to_xlsx_bytes(df, sheet=name),
            file_name=f"{name}.xlsx",
            mime=XLSX_MIME,
            icon=":material/download:",
            key=f"xlsx_{key}",
        )


def _png(fig: go.Figure, width: int, height: int):
    """The deferred data of a download button: called on click, on a thread of its own."""

    def draw() -> bytes:
        from analytics.deck import ekspor

        try:
            return ekspor.gambar_png(fig, width, height)
        except ekspor.GambarGagal as exc:
            # A download must return bytes; a text file saying why is better than a broken PNG.
            return f"{teks.EKSPOR_PNG_GAGAL}\n{exc}\n".encode()

    return draw


def chart_png(
    fig: go.Figure, name: str, *, key: str | None = None, width: int = 1280, height: int = 720, label: str | None = None
) -> None:
    """A 'Unduh PNG' button for a plotly figure (16:9, 1280×720 CSS px at 2× scale by default)."""
    st.download_button(
        label or teks.EKSPOR_PNG,
        _png(fig, width, height),
        file_name=f"{name}.png",
        mime="image/png",
        icon=":material/image:",
        key=f"png_{key or name}",
        on_click="ignore",
    )


def table_xlsx(df: pd.DataFrame, name: str, *, key: str | None = None, label: str | None = None) -> None:
    """A 'Unduh XLSX' button for a table (formula-like cells escaped by analytics.export)."""
    st.download_button(
        label or teks.EKSPOR_XLSX,
        lambda: export.to_xlsx_bytes(df, sheet=name),
        file_name=f"{name}.xlsx",
        mime=XLSX_MIME,
        icon=":material/table_view:",
        key=f"xlsxv_{key or name}",
        on_click="ignore",
    )
