"""Validate a file of the `target` dataset: one row per target (analytics/target).

Not weekly and not per desa, so not through validate.validate: a row names a registry metric (its
id or its label), an area at any level down to kecamatan (a code, names, or nothing for the
whole country), a value (a count, or a share when written with %), a deadline, a source and a
note. The report has the same shape as every other upload's: row, column, value, what was expected.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics import metrik, periode
from analytics.format import angka
from analytics.ingest import schema, values
from analytics.ingest.masalah import Problem, Validated
from analytics.ingest.read import Table
from analytics.ingest.validate import map_headers, tolak_tanpa_kolom_atau_data
from analytics.target import TINGKAT_TARGET
from analytics.wilayah import Gazetteer, normalise_code

NASIONAL = {"", "nasional", "indonesia", "seluruh_indonesia", "0"}
KOLOM_BARIS = ("baris", "metrik", "kode_wilayah", "jenis", "nilai", "tenggat", "sumber", "catatan")


def _metrik_index() -> dict[str, str]:
    """Every metric by its id and by its label, as a header key ('Gerai beroperasi' → gerai_beroperasi)."""
    index = {}
    for m in metrik.METRIK.values():
        index.setdefault(schema.header_key(m.label), m.id)
        index[schema.header_key(m.id)] = m.id
    return index


def _nilai(raw: str) -> tuple[str | None, float | None, str | None]:
    """(jenis, value, problem): '24' → a count, '80%' or '80 %' → the share 0.8."""
    text = str(raw).strip()
    share = text.endswith("%")
    value, problem = values.parse_number(text, integer=False)
    if problem:
        return None, None, "jumlah (24) atau bagian dengan tanda persen (80%)"
    if value < 0:
        return None, None, "nilai 0 atau lebih"
    if share:
        if value > 100:
            return None, None, "bagian paling besar 100%"
        return "bagian", value / 100, None
    return "jumlah", value, None


def _wilayah(row: dict, g: Gazetteer) -> tuple[str | None, str | None, str | None, list[dict]]:
    """(code, column, problem, name matches): '' for the whole country."""
    kode = row.get("kode_wilayah")
    if kode is not None and values.enum_key(kode) not in NASIONAL:
        text = str(kode).strip()
        for level in TINGKAT_TARGET:
            code = normalise_code(text, level)
            if code and g.exists(level, code):
                return code, None, None, []
        if normalise_code(text, "desa"):
            return None, "kode_wilayah", "target paling rendah di tingkat kecamatan, bukan desa", []
        return None, "kode_wilayah", "kode Kemendagri provinsi (18), kab/kota (18.04) atau kecamatan (18.04.04)", []
    code, matches = "", []
    for level in TINGKAT_TARGET:
        name = row.get(level)
        if name is None or not str(name).strip():
            continue
        if code == "" and level != "provinsi":
            found = g.resolve(level, name)
            how = "tepat" if found else "tidak_ditemukan"
            if found is None:
                return (
                    None,
                    level,
                    f"nama {level} yang dikenal (isi juga provinsi bila namanya ada di beberapa provinsi)",
                    [],
                )
        else:
            m = g.match(level, name, code or "")
            found, how = m.code, m.how
            if found is None:
                pilihan = ", ".join(n for _, n in m.candidates[:3])
                return None, level, f"nama {level} yang dikenal" + (f" (mungkin: {pilihan})" if pilihan else ""), []
        if how not in ("tepat", "kode"):
            matches.append({"found": str(name), "matched": g.name(level, found), "kode": found, "how": how})
        code = found
    return code, None, None, matches


def validate(
    table: Table,
    gazetteer: Gazetteer,
    *,
    today: dt.date | None = None,
    error_share_limit: float = 0.25,
    scope: str | None = None,
) -> Validated:
    ds = schema.DATASETS["target"]
    today = today or dt.date.today()
    out = Validated("target", pd.DataFrame(columns=list(KOLOM_BARIS)), rows_read=len(table.rows))
    mapping = map_headers(table, ds, out)
    present = set(mapping.values())
    missing = [c.name for c in ds.columns if c.required and c.name not in present]
    if tolak_tanpa_kolom_atau_data(table, missing, out):
        return out

    index = _metrik_index()
    seen: dict[tuple[str, str], int] = {}
    good = []

    def error(baris: int, column: str, value, expected: str, kind: str) -> None:
        out.errors.append(
            Problem(baris, column, None if value is None else str(value), f"Diharapkan {expected}.", kind)
        )

    for i, baris in enumerate(table.file_rows):
        raw = {name: table.rows[header].iat[i] for header, name in mapping.items()}
        raw = {k: (None if values.is_empty(v) else " ".join(str(v).split())) for k, v in raw.items()}
        n_errors = len(out.errors)
        for c in ds.columns:
            if c.required and raw.get(c.name) is None:
                out.errors.append(Problem(baris, c.name, None, "Wajib diisi.", "wajib_kosong"))
        if len(out.errors) > n_errors:
            continue
        metrik_id = index.get(schema.header_key(raw["metrik"]))
        m = metrik.METRIK.get(metrik_id) if metrik_id else None
        if m is None:
            error(
                baris,
                "metrik",
                raw["metrik"],
                "kode atau label metrik dasbor (lihat halaman Target & Tenggat)",
                "metrik_tidak_dikenal",
            )
        elif metrik_id not in metrik.BISA_TARGET:
            error(
                baris,
                "metrik",
                raw["metrik"],
                "metrik keadaan mingguan yang punya arah naik atau turun (bukan kegiatan, kelengkapan laporan, "
                "atau jumlah 'tidak diisi')",
                "metrik_tanpa_target",
            )
        jenis, nilai, problem = _nilai(raw["nilai_target"])
        if problem:
            error(baris, "nilai_target", raw["nilai_target"], problem, "nilai_target_tidak_valid")
        elif m is not None and jenis == "bagian" and metrik.SUMBER[m.sumber].dasar == m.id:
            error(
                baris,
                "nilai_target",
                raw["nilai_target"],
                f"jumlah: {m.label.lower()} adalah dasar bagian itu sendiri",
                "bagian_dari_dasar",
            )
        tenggat, problem = values.parse(raw["tenggat"], "date")
        if problem:
            error(baris, "tenggat", raw["tenggat"], problem, "date_tidak_valid")
        kode, column, problem, matches = _wilayah(raw, gazetteer)
        if problem:
            error(baris, column, raw.get(column), problem, "wilayah_tidak_dikenal")
        elif scope and not (kode == scope or (kode or "").startswith(scope + ".")):
            out.errors.append(
                Problem(baris, "kode_wilayah", kode or "nasional", "Di luar wilayah Anda.", "di_luar_wilayah")
            )
        if len(out.errors) > n_errors:
            continue
        for match in matches:
            out.matched_names.append({"row": baris, **match})
        key = (metrik_id, kode)
        if key in seen:
            out.errors.append(
                Problem(
                    baris,
                    "metrik",
                    raw["metrik"],
                    f"Target metrik dan wilayah yang sama sudah ada di baris {seen[key]}.",
                    "baris_ganda",
                )
            )
            continue
        seen[key] = baris
        if tenggat < today:
            out.warnings.append(
                Problem(baris, "tenggat", periode.tanggal(tenggat), "Tenggat sudah lewat.", "tenggat_lewat")
            )
        if jenis == "jumlah" and m is not None and m.format == "angka" and nilai != int(nilai):
            out.warnings.append(
                Problem(baris, "nilai_target", angka(nilai, 2), "Jumlah bukan bilangan bulat.", "jumlah_pecahan")
            )
        good.append(
            {
                "baris": baris,
                "metrik": metrik_id,
                "kode_wilayah": kode,
                "jenis": jenis,
                "nilai": nilai,
                "tenggat": tenggat,
                "sumber": raw.get("sumber"),
                "catatan": raw.get("catatan"),
            }
        )
    rows = pd.DataFrame(good, columns=list(KOLOM_BARIS))
    # What Prepared reads of every upload: the week it was uploaded in, and the areas it names.
    rows["minggu"] = periode.monday(today)
    rows["kode_kabupaten"] = rows["kode_wilayah"]
    out.rows = rows
    bad = len(out.error_rows)
    if bad > error_share_limit * max(len(table.rows), 1):
        out.rejected_reason = (
            f"{bad} dari {len(table.rows)} baris bergalat (lebih dari {round(error_share_limit * 100)}%). "
            "Perbaiki file lalu unggah ulang."
        )
    out.errors.sort(key=lambda p: (p.row or 0))
    return out
