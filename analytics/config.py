"""Settings an office may change, from data/pengaturan.toml (all optional) and the environment."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from analytics.db import DATA_DIR

SETTINGS_FILE = DATA_DIR / "pengaturan.toml"


@dataclass(frozen=True)
class Settings:
    # Largest upload accepted, in MB.
    batas_unggah_mb: int = 50
    # Reading a file (analytics/ingest/grid.py): past any of these the file is refused with a message.
    # Data rows in one file (the national weekly file has 83,762) and columns in one row.
    batas_baris: int = 200_000
    batas_kolom: int = 200
    # An XLSX once unpacked, in MB (the national file as XLSX unpacks to about 60 MB).
    batas_xlsx_mb: int = 150
    # The child process that reads an upload: its memory (address space) in MB and its time in seconds
    # (20 s bounds what one crafted file costs; the national file as XLSX reads in about 15 s here).
    batas_memori_baca_mb: int = 1024
    batas_waktu_baca_detik: int = 20
    # A file with errors in more than this share of its rows is rejected as a whole.
    batas_baris_galat: float = 0.25
    # Weekly reporting cut-off: a report uploaded after this weekday (1=Senin … 7=Minggu) of the
    # following week is "terlambat".
    hari_batas_lapor: int = 1
    # Zone rules file.
    aturan_zona: str = str(DATA_DIR / "zona.toml")
    # Data-quality rules file.
    aturan_kualitas: str = str(DATA_DIR / "kualitas.toml")
    # Folder the running app imports files from (empty: data/kotak_masuk).
    kotak_masuk: str = ""
    # DuckDB's memory for queries in one process, in MB (past it, large sorts and joins spill to disk
    # instead of growing the server: many sessions at once then share this much, not N times it).
    memori_duckdb_mb: int = 1024
    # Peta: an online basemap under the boundaries (off: the map makes no request outside the app).
    peta_online: bool = False


def load(path: Path | None = None) -> Settings:
    path = Path(os.environ.get("KDKMP_SETTINGS") or path or SETTINGS_FILE)
    values = {}
    if path.is_file():
        with path.open("rb") as fh:
            values = tomllib.load(fh)
    known = {k: v for k, v in values.items() if k in Settings.__dataclass_fields__}
    return Settings(**known)
