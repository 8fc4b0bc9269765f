"""Upload history and templates (the data side of the Unggah Data page)."""

from __future__ import annotations

import csv
import io

from analytics import db
from analytics.filters import Filter
from analytics.ingest import schema


def versi_data(con, f: Filter | None = None) -> str:
    """Changes whenever an upload, undo or demo removal inside the filter's kabupaten/kota (all of
    them without a filter), a reporting assignment, the zone rules or the data-quality rules change
    what counts."""
    f = f or Filter()
    return "|".join(str(v) for v in db.baris(con, "versi_data", {"provinsi": f.provinsi, "kabupaten": f.kabupaten}))


def riwayat_unggahan(con, batas: int = 100):
    """The latest uploads with who, when, file, week, rows, kabupaten and whether they count."""
    return db.run(con, "riwayat_unggahan", {"batas": batas})


def template_csv(dataset: str) -> bytes:
    """The canonical template: header plus one example row, UTF-8 with BOM for Excel."""
    ds = schema.DATASETS[dataset]
    buf = io.StringIO()
    writer = csv.writer(buf)
    columns = [c for c in ds.columns]
    writer.writerow([c.name for c in columns])
    writer.writerow([c.example for c in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def template_columns(dataset: str) -> list[dict]:
    ds = schema.DATASETS[dataset]
    return [
        {
            "kolom": c.name,
            "wajib": "ya" if c.required else "",
            "isi": c.description + (f" ({', '.join(c.values)})" if c.values and c.kind != "enum_list" else ""),
            "contoh": c.example,
        }
        for c in ds.columns
    ]
