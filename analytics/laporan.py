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
            rows.append(
                {
                    "jenis": "nama dicocokkan",
                    "baris": m["row"],
                    "kolom": m.get("level"),
                    "nilai": m["found"],
                    "pesan": f"{m['found']} → dicocokkan ke {m['matched']} ({m['kode']})",
                }
            )
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["baris"] = df["baris"].astype("Int64")
    return df


def grouped(problems) -> dict[str, list]:
    """Problems grouped by their kind, biggest group first."""
    groups: dict[str, list] = {}
    for p in problems:
        groups.setdefault(p.kind, []).append(p)
    return dict(sorted(groups.items(), key=lambda kv: -len(kv[1])))


HOW_LABEL = {
    "kode": "dengan kode",
    "tepat": "nama tepat",
    "dinormalisasi": "nama dinormalisasi",
    "mirip": "nama mirip",
    "ambigu": "nama ganda",
    "tidak_ditemukan": "tidak ditemukan",
}
LEVELS = ("provinsi", "kabupaten", "kecamatan", "desa")


def match_rate_table(stats: dict[str, dict[str, int]], rows_read: int) -> pd.DataFrame:
    """One row per level: rows placed by code, exact name, normalised, fuzzy, ambiguous, not found,
    and the share placed."""
    records = []
    for level in LEVELS:
        counts = stats.get(level)
        if not counts:
            continue
        placed = sum(n for how, n in counts.items() if how not in ("ambigu", "tidak_ditemukan"))
        record = {"tingkat": level}
        record.update({HOW_LABEL[h]: counts.get(h, 0) for h in HOW_LABEL})
        record["tertempatkan"] = f"{placed / rows_read * 100:.1f}%".replace(".", ",") if rows_read else "–"
        records.append(record)
    return pd.DataFrame(records)
