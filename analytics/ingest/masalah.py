"""What the validation report is made of: a problem (row, column, value, message) and the
validated table with its errors, warnings and name matches."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Problem:
    row: int | None
    column: str | None
    value: str | None
    message: str
    kind: str  # short grouping key, e.g. 'tanggal_tidak_valid'

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}


@dataclass
class Validated:
    dataset: str
    rows: pd.DataFrame  # valid rows, canonical columns plus region codes, minggu and baris
    rows_read: int
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    matched_names: list[dict] = field(default_factory=list)
    rejected_reason: str | None = None
    columns_found: dict[str, str] = field(default_factory=dict)  # file header -> canonical
    # Rows per level by how they were placed: kode, tepat, dinormalisasi, mirip, ambigu, tidak_ditemukan.
    match_stats: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def rejected(self) -> bool:
        return self.rejected_reason is not None

    @property
    def error_rows(self) -> set[int]:
        return {p.row for p in self.errors if p.row is not None}
