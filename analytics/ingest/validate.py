"""Normalise and validate a read table against a dataset: the report comes before any commit."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from analytics import periode
from analytics.format import angka
from analytics.ingest import schema, tempat, values
from analytics.ingest.masalah import Problem, Validated
from analytics.ingest.read import Table
from analytics.wilayah import Gazetteer


def _cell_text(raw) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, (dt.datetime, dt.date)):
        return raw.isoformat()[:10]
    return str(raw)


def validate(
    table: Table,
    dataset_name: str,
    gazetteer: Gazetteer,
    *,
    today: dt.date | None = None,
    minggu_default: dt.date | None = None,
    error_share_limit: float = 0.25,
    progress=None,
    scope: str | None = None,
) -> Validated:
    """`progress(share, text)`, when given, is told how far validation has come."""
    ds = schema.DATASETS[dataset_name]
    report = progress or (lambda share, text: None)
    today = today or dt.date.today()
    out = Validated(dataset_name, pd.DataFrame(), rows_read=len(table.rows))

    # 1. Headers → canonical columns.
    mapping = map_headers(table, ds, out)
    present = set(mapping.values())

    missing = [c.name for c in ds.columns if c.required and c.name not in present]
    if ds.date_column in missing and minggu_default is not None:
        missing.remove(ds.date_column)
    region_ok = _region_columns_ok(ds, present)
    if tolak_tanpa_kolom_atau_data(table, missing + ([] if region_ok else [_region_need(ds)]), out):
        return out

    # 2. Parse every canonical column over its distinct values.
    report(0.3, "Memeriksa nilai setiap kolom…")
    file_rows = pd.Series(table.file_rows, dtype="int64")
    frame = pd.DataFrame({"baris": file_rows})
    bad = pd.Series(False, index=frame.index)
    for header, name in mapping.items():
        col = ds.column(name)
        # A CSV's cells are text already; an Excel cell's value becomes the text it shows.
        raw = _objects(table.rows[header] if table.text else table.rows[header].map(_cell_text))
        parsed, problems = _parse_column(raw, col)
        frame[name] = _objects(parsed)
        for idx in problems.index[problems.notna()]:
            bad.iat[idx] = True
            out.errors.append(
                Problem(
                    int(file_rows.iat[idx]),
                    name,
                    raw.iat[idx],
                    f"Diharapkan {problems.iat[idx]}.",
                    f"{col.kind}_tidak_valid",
                )
            )
    for col in ds.columns:
        if col.name not in frame:
            frame[col.name] = None
        if col.required and col.name in present:
            empty = frame[col.name].isna() & ~bad
            for idx in frame.index[empty]:
                bad.iat[idx] = True
                out.errors.append(Problem(int(file_rows.iat[idx]), col.name, None, "Wajib diisi.", "wajib_kosong"))

    # 3. Week of every row.
    date_col = ds.date_column
    frame["minggu"] = per_value(frame[date_col], periode.monday)
    if minggu_default is not None:
        frame["minggu"] = _objects(frame["minggu"].where(frame["minggu"].notna(), periode.monday(minggu_default)))
        frame[date_col] = _objects(frame[date_col].where(frame[date_col].notna(), minggu_default))
    this_week = periode.monday(today)
    future = per_value(frame["minggu"], lambda m: m > this_week).fillna(False).astype(bool)
    for idx in frame.index[future]:
        bad.iat[idx] = True
        out.errors.append(
            Problem(
                int(file_rows.iat[idx]),
                date_col,
                str(frame.at[idx, date_col]),
                "Tanggal di masa depan: minggu laporan belum dimulai.",
                "tanggal_masa_depan",
            )
        )

    # 4. Place every row in the gazetteer.
    report(0.6, "Mencocokkan wilayah dengan daftar Kemendagri…")
    tempat.place(frame, ds, gazetteer, out, bad)
    report(0.85, "Memeriksa koordinat dan baris ganda…")

    # An operator's file may hold only rows of their own region.
    if scope:
        inside = per_value(frame["kode_kabupaten"], lambda c: not c or c == scope or c.startswith(scope + "."))
        for idx in frame.index[inside.eq(False) & ~bad]:
            bad.iat[idx] = True
            out.errors.append(
                Problem(
                    int(frame.at[idx, "baris"]),
                    "kabupaten",
                    gazetteer.name("kabupaten", frame.at[idx, "kode_kabupaten"]),
                    f"Di luar wilayah Anda ({tempat.scope_name(gazetteer, scope)}).",
                    "di_luar_wilayah",
                )
            )

    # 5. Dataset rules.
    _dataset_checks(frame, ds, out, bad, gazetteer)

    order = {c.name: i for i, c in enumerate(ds.columns)}
    by_row = lambda p: (p.row if p.row is not None else 0, order.get(p.column, len(order)))  # noqa: E731
    out.errors.sort(key=by_row)
    out.warnings.sort(key=by_row)
    error_rows = int(bad.sum())
    if error_rows > error_share_limit * len(frame):
        out.rejected_reason = (
            f"{error_rows} dari {len(frame)} baris bergalat (lebih dari {round(error_share_limit * 100)}%). "
            "Perbaiki file lalu unggah ulang."
        )
    out.rows = frame[~bad].reset_index(drop=True)
    return out


def tolak_tanpa_kolom_atau_data(table: Table, needed: list[str], out: Validated) -> bool:
    """Reject the file in `out` when required columns (`needed`) are missing or it has no data row;
    True when it was rejected."""
    if needed:
        out.rejected_reason = "Kolom wajib tidak ada: " + "; ".join(needed) + "."
        for name in needed:
            out.errors.append(
                Problem(
                    table.header_row, name, None, "Kolom wajib tidak ditemukan di baris judul.", "kolom_wajib_hilang"
                )
            )
        return True
    if len(table.rows) == 0:
        out.rejected_reason = "File hanya berisi baris judul, tanpa data."
        out.errors.append(Problem(None, None, None, out.rejected_reason, "tanpa_data"))
        return True
    return False


def map_headers(table: Table, ds: schema.Dataset, out: Validated) -> dict[str, str]:
    """File header → canonical column (`out.columns_found`), with warnings for unknown and repeated
    columns, for what reading changed in a value, and for a footer under the table."""
    mapping: dict[str, str] = {}
    for header in table.headers:
        canonical = schema.canonical_header(header, ds)
        if canonical is None and schema.header_key(header) in ds.ignored:
            continue
        if canonical is None:
            out.warnings.append(
                Problem(None, header, None, "Kolom tidak dikenal untuk dataset ini; diabaikan.", "kolom_tidak_dikenal")
            )
        elif canonical in mapping.values():
            out.warnings.append(
                Problem(
                    None, header, None, f"Kolom '{canonical}' muncul dua kali; yang pertama dipakai.", "kolom_ganda"
                )
            )
        else:
            mapping[header] = canonical
    out.columns_found = mapping
    # What reading changed in a value (a control character removed), with its row and column.
    for row, column, value, message in table.notes:
        out.warnings.append(Problem(row, mapping.get(column, column), value, message, "karakter_kendali"))
    if table.footer_rows:
        out.warnings.append(
            Problem(
                table.footer_rows[0],
                None,
                None,
                f"{len(table.footer_rows)} baris di bawah tabel (tempat, tanggal, tanda tangan) diabaikan, bukan data.",
                "catatan_kaki",
            )
        )
    return mapping


def _objects(series: pd.Series) -> pd.Series:
    """Object dtype with None for every missing cell (pandas 3 would turn None into NaN)."""
    values = series.to_numpy(dtype=object, copy=True)
    missing = pd.isna(values)
    if missing.any():
        values[missing] = None
    return pd.Series(values, index=series.index, dtype=object)


def _region_columns_ok(ds: schema.Dataset, present: set[str]) -> bool:
    if ds.region_level == "desa":
        return "kode_desa" in present or {"kabupaten", "kecamatan", "desa"} <= present
    if ds.region_level == "kecamatan":
        return bool({"kode_desa", "kode_kecamatan"} & present) or {"kabupaten", "kecamatan"} <= present
    return bool({"kode_desa", "kode_kecamatan", "kode_kabupaten", "kabupaten"} & present)


def _region_need(ds: schema.Dataset) -> str:
    return {
        "desa": "kode_desa, atau kabupaten + kecamatan + desa",
        "kecamatan": "kode_desa, atau kabupaten + kecamatan",
        "kabupaten": "kode_kabupaten atau kabupaten",
    }[ds.region_level]


def per_value(series: pd.Series, fn) -> pd.Series:
    """fn over the distinct non-missing values of `series`, spread back over its rows (None where
    the value is missing): a column of 80,000 rows often holds a few hundred distinct values."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    out = np.empty(len(uniques) + 1, dtype=object)  # the last slot answers the missing (code -1)
    for i, value in enumerate(uniques):
        out[i] = fn(value)
    out[-1] = None
    return pd.Series(out[codes], index=series.index, dtype=object)


def _parse_column(raw: pd.Series, col: schema.Column) -> tuple[pd.Series, pd.Series]:
    """Every distinct cell parsed once; (values, problems) per row, None where empty or fine."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    parsed = np.full(len(uniques) + 1, None, dtype=object)  # the last slot answers empty cells (code -1)
    problems = np.full(len(uniques) + 1, None, dtype=object)
    for i, (value, problem) in enumerate(values.parse_all(list(uniques), col.kind, col.values)):
        parsed[i], problems[i] = value, problem
    return (
        _objects(pd.Series(parsed[codes], index=raw.index, dtype=object)),
        pd.Series(problems[codes], index=raw.index, dtype=object),
    )


def koperasi_id(kode_desa: str, nama: str) -> str:
    return f"{kode_desa}|{re.sub(r'[^0-9a-z]+', ' ', str(nama).lower()).strip()}"


def _dataset_checks(
    frame: pd.DataFrame, ds: schema.Dataset, out: Validated, bad: pd.Series, g: Gazetteer | None = None
) -> None:
    if ds.table == "lahan" and "lat" in frame and "status_verifikasi" in frame:
        # A parcel that exists but has no point cannot be mapped: say so (not for "no land").
        missing = frame["lat"].isna() & frame["lon"].isna() & (frame["status_verifikasi"] != "tidak_ada_lahan")
        file_rows = frame["baris"].to_numpy()
        for idx in np.flatnonzero((missing & ~bad).to_numpy()):
            out.warnings.append(
                Problem(
                    int(file_rows[idx]),
                    "lat/lon",
                    None,
                    "Koordinat kosong; persil tidak tampil di peta.",
                    "koordinat_kosong",
                )
            )
    tempat.coordinate_checks(frame, out, g)
    if ds.name == "koperasi":
        ok = frame["kode_desa"].notna() & frame["nama_koperasi"].notna()
        frame["id_koperasi"] = None
        frame.loc[ok, "id_koperasi"] = [
            koperasi_id(d, n) for d, n in zip(frame.loc[ok, "kode_desa"], frame.loc[ok, "nama_koperasi"])
        ]
        _duplicates(
            frame,
            ["minggu", "id_koperasi"],
            "nama_koperasi",
            "Koperasi yang sama muncul dua kali dalam satu minggu",
            out,
            bad,
        )
    elif ds.table == "lahan":
        _duplicates(
            frame, ["minggu", "id_lahan"], "id_lahan", "id_lahan yang sama muncul dua kali dalam satu minggu", out, bad
        )

        if "luas_m2" not in frame:
            return
        luas = frame["luas_m2"].tolist()
        small = pd.to_numeric(frame["luas_m2"], errors="coerce").to_numpy(dtype=float, na_value=np.nan) < 1000
        file_rows = frame["baris"].to_numpy()
        for idx in np.flatnonzero(small):
            out.warnings.append(
                Problem(
                    int(file_rows[idx]),
                    "luas_m2",
                    angka(luas[idx]),
                    "Luas di bawah 1.000 m² (batas umum untuk gerai).",
                    "lahan_kecil",
                )
            )
    elif ds.name == "sppg":
        ok = frame["kode_kecamatan"].notna() & frame["nama_sppg"].notna()
        frame["_kunci"] = None
        frame.loc[ok, "_kunci"] = [
            f"{k}|{str(n).lower()}" for k, n in zip(frame.loc[ok, "kode_kecamatan"], frame.loc[ok, "nama_sppg"])
        ]
        _duplicates(
            frame, ["minggu", "_kunci"], "nama_sppg", "SPPG yang sama muncul dua kali dalam satu minggu", out, bad
        )
        del frame["_kunci"]
        big = frame["kapasitas_porsi"].map(lambda v: v is not None and not pd.isna(v) and v > 3000)
        for idx in frame.index[big]:
            out.warnings.append(
                Problem(
                    int(frame.at[idx, "baris"]),
                    "kapasitas_porsi",
                    angka(frame.at[idx, "kapasitas_porsi"]),
                    "Kapasitas di atas 3.000 porsi, periksa kembali.",
                    "kapasitas_besar",
                )
            )


def _duplicates(frame, keys, column, message, out: Validated, bad: pd.Series) -> None:
    valid = frame[keys].notna().all(axis=1) & ~bad
    subset = frame[valid]
    dup = subset.duplicated(subset=keys, keep="first")
    first = subset.groupby(keys, sort=False)["baris"].transform("first")
    for idx in dup.index[dup]:
        bad.at[idx] = True
        out.errors.append(
            Problem(
                int(frame.at[idx, "baris"]),
                column,
                str(frame.at[idx, column]),
                f"{message} (sama dengan baris {int(first.at[idx])}).",
                "baris_ganda",
            )
        )
