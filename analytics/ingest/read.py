"""File bytes → a table of text cells with the file row number of every record."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

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
    footer_rows: list[int] = field(default_factory=list)  # rows under the table left out (signature block)


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


def _blank(row) -> bool:
    return not any(c is not None and str(c).strip() for c in row)


def _filled(row) -> int:
    return sum(1 for c in row if c is not None and str(c).strip())


def _table(grid: list[list], numbers: list[int] | None = None, **info) -> Table:
    """`numbers[i]` is the file row of grid[i] (physical lines differ when a cell holds a newline)."""
    numbers = numbers or list(range(1, len(grid) + 1))
    h = _find_header(grid)
    raw_headers = list(grid[h])
    first_data = h + 1
    # A two-row header (group titles merged over sub-columns, e.g. "Wilayah" over
    # Kabupaten/Kecamatan/Desa): the lower row names a column where it has a value.
    if first_data < len(grid) and _looks_like_header(grid[first_data]) >= 2:
        lower = list(grid[first_data])
        width2 = max(len(raw_headers), len(lower))
        raw_headers += [None] * (width2 - len(raw_headers))
        lower += [None] * (width2 - len(lower))
        raw_headers = [lo if lo is not None and str(lo).strip() else up for up, lo in zip(raw_headers, lower)]
        first_data += 1
    width = max([len(raw_headers)] + [len(r) for r in grid[first_data:]])
    headers = []
    for j in range(width):
        cell = raw_headers[j] if j < len(raw_headers) else None
        text = "" if cell is None else " ".join(str(cell).split())
        headers.append(text or f"kolom_{j + 1}")
    body = list(zip(numbers[first_data:], grid[first_data:]))
    # A footer (place, date, signature, NIP) under the table after a blank row: every row of it
    # fills at most two cells. It is not data.
    footer_from = None
    for k, (_, row) in enumerate(body):
        if _blank(row) and k > 0:
            rest = [r for _, r in body[k + 1 :] if not _blank(r)]
            if rest and all(_filled(r) <= 2 for r in rest) and width > 3:
                footer_from = k
                break
    footer = [] if footer_from is None else [n for n, r in body[footer_from:] if not _blank(r)]
    if footer_from is not None:
        body = body[:footer_from]
    records, file_rows = [], []
    for i, row in body:
        cells = [None if (c is None or (isinstance(c, str) and c.strip() == "")) else c for c in row]
        if not any(c is not None for c in cells):
            continue
        cells = cells + [None] * (width - len(cells))
        records.append(cells[:width])
        file_rows.append(i)
    df = pd.DataFrame(records, columns=range(width), dtype=object)
    df.columns = headers
    return Table(headers, df, file_rows, numbers[h], footer_rows=footer, **info)


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


def _sheet_grid(ws) -> list[list]:
    """Cell values of a sheet; a number shown as a percentage (0,455 shown as 45,5%) becomes 45.5."""
    grid = []
    for row in ws.iter_rows():
        values = []
        for cell in row:
            value = getattr(cell, "value", None)
            fmt = getattr(cell, "number_format", "") or ""
            if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in fmt:
                value = round(value * 100, 10)
            values.append(value)
        grid.append(values)
    return grid


def read_xlsx(data: bytes, sheet: str | None = None) -> Table:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ReadError("File ini bukan file Excel .xlsx yang dapat dibaca (rusak, atau format lain yang "
                        "diganti namanya). Simpan ulang dari Excel sebagai .xlsx atau CSV.") from exc
    try:
        if sheet:
            try:
                chosen = [wb[sheet]]
            except KeyError as exc:
                raise ReadError(f"Lembar (sheet) '{sheet}' tidak ada. Lembar yang ada: {', '.join(wb.sheetnames)}.") from exc
        else:
            chosen = wb.worksheets
        # Without a named sheet: the first sheet with a recognisable header, else the first with data.
        grids = [(ws.title, _sheet_grid(ws)) for ws in chosen]
    finally:
        wb.close()
    with_data = [(name, g) for name, g in grids if any(not _blank(r) for r in g)]
    if not with_data:
        raise ReadError("File Excel tidak berisi data di lembar mana pun." if not sheet else f"Lembar '{sheet}' kosong.")
    name, grid = next(((n, g) for n, g in with_data if any(_looks_like_header(r) >= 2 for r in g[:20])), with_data[0])
    return _table(grid, sheet=name)


def read(data: bytes, file_name: str, sheet: str | None = None) -> Table:
    if not data:
        raise ReadError("File kosong (0 bita).")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReadError("Format .xls lama tidak didukung. Simpan ulang sebagai .xlsx atau CSV.")
    if data[:2] == b"PK" or file_name.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(data, sheet)
    return read_csv(data)
