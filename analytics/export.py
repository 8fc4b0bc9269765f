"""Tables as downloadable CSV/XLSX, with cells that a spreadsheet would run as formulas escaped."""

from __future__ import annotations

import io

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value):
    """Prefix text that starts like a formula with an apostrophe (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def escaped(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(escape_cell)
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel on an Indonesian locale opens it with the right letters."""
    return ("\ufeff" + escaped(df).to_csv(index=False)).encode("utf-8")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        escaped(df).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()
