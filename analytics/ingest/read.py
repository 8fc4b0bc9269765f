"""File bytes → a table of text cells with the file row number of every record."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd

from analytics.ingest import schema


class ReadError(ValueError):
    """The file cannot be read as a table; the message is for the uploader."""


@dataclass
class Table:
    headers: list[str]
    rows: pd.DataFrame  # columns = headers, cells as str or None
    file_rows: list[int]  # 1-based row number in the file (or sheet) of each record
    header_row: int
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


def decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ",;\t|"}
        return max(counts, key=counts.get) if max(counts.values()) > 0 else ","


def _looks_like_header(cells) -> int:
    """How many cells are column names known to any dataset."""
    count = 0
    for cell in cells:
        if cell is None or str(cell).strip() == "":
            continue
        for ds in schema.DATASETS.values():
            if schema.canonical_header(cell, ds):
                count += 1
                break
    return count


def _find_header(grid: list[list]) -> int:
    """Index of the header row: the first of the top 20 rows naming ≥ 2 known columns."""
    for i, row in enumerate(grid[:20]):
        if _looks_like_header(row) >= 2:
            return i
    for i, row in enumerate(grid[:20]):
        if any(c is not None and str(c).strip() for c in row):
            return i
    raise ReadError("File kosong: tidak ada baris judul kolom maupun data.")


def _table(grid: list[list], numbers: list[int] | None = None, **info) -> Table:
    """`numbers[i]` is the file row of grid[i] (physical lines differ when a cell holds a newline)."""
    numbers = numbers or list(range(1, len(grid) + 1))
    h = _find_header(grid)
    raw_headers = grid[h]
    width = max(len(r) for r in grid[h:]) if grid[h:] else len(raw_headers)
    headers = []
    for j in range(width):
        cell = raw_headers[j] if j < len(raw_headers) else None
        text = "" if cell is None else " ".join(str(cell).split())
        headers.append(text or f"kolom_{j + 1}")
    records, file_rows = [], []
    for i, row in zip(numbers[h + 1 :], grid[h + 1 :]):
        cells = [None if (c is None or (isinstance(c, str) and c.strip() == "")) else c for c in row]
        if not any(c is not None for c in cells):
            continue
        cells = cells + [None] * (width - len(cells))
        records.append(cells[:width])
        file_rows.append(i)
    df = pd.DataFrame(records, columns=range(width), dtype=object)
    df.columns = headers
    return Table(headers, df, file_rows, numbers[h], **info)


def read_csv(data: bytes) -> Table:
    text, encoding = decode(data)
    if not text.strip():
        raise ReadError("File kosong.")
    if "\x00" in text[:4096]:
        raise ReadError("File ini bukan teks CSV (berisi data biner). Unggah CSV atau XLSX.")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid, starts = [], []
    # csv.reader counts physical lines, so a quoted newline keeps later row numbers honest:
    # a record starts on the line after the previous record ended.
    previous_end = 0
    for row in reader:
        grid.append(row)
        starts.append(previous_end + 1)
        previous_end = reader.line_num
    return _table(grid, starts, encoding=encoding, delimiter=delimiter)


def read_xlsx(data: bytes, sheet: str | None = None) -> Table:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ReadError(f"File Excel tidak dapat dibaca ({type(exc).__name__}).") from exc
    try:
        ws = wb[sheet] if sheet else wb.worksheets[0]
    except KeyError as exc:
        raise ReadError(f"Lembar (sheet) '{sheet}' tidak ada. Lembar yang ada: {', '.join(wb.sheetnames)}.") from exc
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    name = ws.title
    wb.close()
    if not grid:
        raise ReadError("Lembar Excel kosong.")
    return _table(grid, sheet=name)


def read(data: bytes, file_name: str, sheet: str | None = None) -> Table:
    if not data:
        raise ReadError("File kosong (0 bita).")
    if data[:2] == b"PK" or file_name.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(data, sheet)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReadError("Format .xls lama tidak didukung. Simpan ulang sebagai .xlsx atau CSV.")
    return read_csv(data)
