"""File bytes → a table of text cells with the file row number of every record.

The bytes are read by analytics.ingest.grid, within limits (in a child process when called from
`prepare`): rows, then the header row, footer and columns (grid.layout). Here the columns become
the DataFrame the validation works on."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analytics.ingest.grid import Layout, Limits, ReadError, layout, read_grid

__all__ = ["ReadError", "Table", "Limits", "read", "table"]


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
    # (row, column name, value, message) of what reading changed, e.g. a control character removed.
    notes: list[tuple] = field(default_factory=list)
    text: bool = False  # every cell a str or None (a CSV); else Excel values of any type


def table(shape: Layout) -> Table:
    columns = shape.columns
    if shape.text:  # empty cells are "" in a text layout
        columns = [[v or None for v in col] for col in columns]
    df = pd.DataFrame(
        {j: pd.Series(col, dtype=object) for j, col in enumerate(columns)},
        columns=range(len(shape.headers)),
        dtype=object,
    )
    df.columns = shape.headers
    return Table(
        shape.headers,
        df,
        shape.file_rows,
        shape.header_row,
        encoding=shape.encoding,
        delimiter=shape.delimiter,
        sheet=shape.sheet,
        footer_rows=shape.footer_rows,
        notes=shape.notes,
        text=shape.text,
    )


def read(data: bytes, file_name: str, sheet: str | None = None, limits: Limits | None = None) -> Table:
    """Read in this process (tests, trusted files); `ingest.prepare` reads uploads in a child process."""
    return table(layout(read_grid(data, file_name, sheet, limits)))
