"""The validation report of an upload as a table (for the page and the CSV download)."""
from __future__ import annotations

import pandas as pd

from analytics.ingest import Prepared

COLUMNS = ["jenis", "baris", "kolom", "nilai", "pesan"]


def validation_table(prepared: Prepared) -> pd.DataFrame:
    rows = []
    if prepared.read_error:
        rows.append({"jenis": "galat", "baris": None, "kolom": None, "nilai": None, "pesan": prepared.read_error})
    r = prepared.result
    if r is not None:
        for kind, problems in (("galat", r.errors), ("peringatan", r.warnings)):
            for p in problems:
                rows.append({"jenis": kind, "baris": p.row, "kolom": p.column, "nilai": p.value, "pesan": p.message})
        for m in r.matched_names:
            rows.append({"jenis": "nama dicocokkan", "baris": m["row"], "kolom": m.get("level"), "nilai": m["found"],
                         "pesan": f"{m['found']} → dicocokkan ke {m['matched']} ({m['kode']})"})
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["baris"] = df["baris"].astype("Int64")
    return df


def grouped(problems) -> dict[str, list]:
    """Problems grouped by their kind, biggest group first."""
    groups: dict[str, list] = {}
    for p in problems:
        groups.setdefault(p.kind, []).append(p)
    return dict(sorted(groups.items(), key=lambda kv: -len(kv[1])))
