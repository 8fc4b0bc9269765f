"""The validation report of an upload as a table (for the page and the CSV download)."""

from __future__ import annotations

import pandas as pd

from analytics.ingest import Prepared

COLUMNS = ["jenis", "baris", "kolom", "nilai", "pesan"]


def validation_table(prepared: Prepared, temuan: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every problem of the upload, a row each (COLUMNS), then the data-quality findings the file
    would have once saved (`temuan`: ingest.temuan_kualitas), where they lie in the file."""
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
    if temuan is not None and len(temuan):
        rows += _temuan_rows(prepared, temuan)
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["baris"] = df["baris"].astype("Int64")
    return df


def baris_temuan(prepared: Prepared, temuan: pd.DataFrame) -> list[int | None]:
    """The file row of each finding of the file's preview: a koperasi's own row in the finding's
    week, for a desa its first row that week; None for a koperasi missing from the file or a rule
    over a whole kab/kota."""
    rows = prepared.result.rows if prepared.result is not None else pd.DataFrame()
    if rows.empty or temuan.empty:
        return [None] * len(temuan)
    minggu = pd.to_datetime(rows["minggu"]).dt.date
    koperasi = rows.assign(minggu=minggu).groupby(["id_koperasi", "minggu"])["baris"].min().to_dict()
    desa = rows.assign(minggu=minggu).groupby(["kode_desa", "minggu"])["baris"].min().to_dict()
    out: list[int | None] = []
    for r in temuan.to_dict("records"):
        w = pd.Timestamp(r["minggu"]).date()
        found = koperasi.get((r["id_koperasi"], w)) if r["objek"] == "koperasi" else None
        if r["objek"] == "desa":
            found = desa.get((r["kode_desa"], w))
        out.append(None if found is None else int(found))
    return out


def _temuan_rows(prepared: Prepared, temuan: pd.DataFrame) -> list[dict]:
    """Findings as report rows: kind `temuan kualitas (galat|peringatan)`, the file's row and the
    columns as the file names them (kualitas.aturan.KOLOM_FILE), the value, and the rule's
    explanation with the value compared (last week's, or SIMKOPDES's)."""
    from analytics.kualitas.aturan import KOLOM_FILE

    header = {canon: found for found, canon in (prepared.result.columns_found or {}).items()}
    out = []
    for r, baris in zip(temuan.to_dict("records"), baris_temuan(prepared, temuan)):
        pesan = str(r["penjelasan"])
        if _ada(r["nilai_lalu"]):
            pesan += f" Nilai pembanding: {r['nilai_lalu']}."
        if _ada(r["keterangan"]):
            pesan += f" {r['keterangan']}."
        if _ada(r["nama_objek"]):
            pesan = f"{r['nama_objek']}: {pesan}"
        kolom = KOLOM_FILE.get(r["aturan"]) if baris is not None else None
        out.append(
            {
                "jenis": f"temuan kualitas ({r['tingkat']})",
                "baris": baris,
                "kolom": " / ".join(header.get(k, k) for k in kolom) if kolom else None,
                "nilai": r["nilai_kini"] if _ada(r["nilai_kini"]) else None,
                "pesan": pesan,
            }
        )
    return out


def _ada(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value != ""


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
