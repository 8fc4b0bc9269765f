"""Normalise and validate a read table against a dataset: the report comes before any commit."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

import pandas as pd

from analytics import periode
from analytics.format import angka
from analytics.ingest import schema, values
from analytics.ingest.read import Table
from analytics.wilayah import Gazetteer, normalise_code

# Indonesia's bounding box, generously rounded (Sabang–Merauke, Miangas–Rote).
LAT_RANGE = (-11.5, 6.5)
LON_RANGE = (94.5, 141.5)


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
    mapping: dict[str, str] = {}
    for header in table.headers:
        canonical = schema.canonical_header(header, ds)
        if canonical is None and schema.header_key(header) in ds.ignored:
            continue
        if canonical is None:
            out.warnings.append(Problem(None, header, None, "Kolom tidak dikenal untuk dataset ini; diabaikan.", "kolom_tidak_dikenal"))
        elif canonical in mapping.values():
            out.warnings.append(Problem(None, header, None, f"Kolom '{canonical}' muncul dua kali; yang pertama dipakai.", "kolom_ganda"))
        else:
            mapping[header] = canonical
    out.columns_found = mapping
    present = set(mapping.values())
    # What reading changed in a value (a control character removed), with its row and column.
    for row, column, value, message in table.notes:
        out.warnings.append(Problem(row, mapping.get(column, column), value, message, "karakter_kendali"))
    if table.footer_rows:
        out.warnings.append(Problem(table.footer_rows[0], None, None,
                                    f"{len(table.footer_rows)} baris di bawah tabel (tempat, tanggal, tanda tangan) "
                                    "diabaikan, bukan data.", "catatan_kaki"))

    missing = [c.name for c in ds.columns if c.required and c.name not in present]
    if ds.date_column in missing and minggu_default is not None:
        missing.remove(ds.date_column)
    region_ok = _region_columns_ok(ds, present)
    if missing or not region_ok:
        needed = missing + ([] if region_ok else [_region_need(ds)])
        out.rejected_reason = "Kolom wajib tidak ada: " + "; ".join(needed) + "."
        for name in needed:
            out.errors.append(Problem(table.header_row, name, None, "Kolom wajib tidak ditemukan di baris judul.", "kolom_wajib_hilang"))
        return out
    if len(table.rows) == 0:
        out.rejected_reason = "File hanya berisi baris judul, tanpa data."
        out.errors.append(Problem(None, None, None, out.rejected_reason, "tanpa_data"))
        return out

    # 2. Parse every canonical column over its distinct values.
    report(0.3, "Memeriksa nilai setiap kolom…")
    file_rows = pd.Series(table.file_rows, dtype="int64")
    frame = pd.DataFrame({"baris": file_rows})
    bad = pd.Series(False, index=frame.index)
    for header, name in mapping.items():
        col = ds.column(name)
        raw = _objects(table.rows[header].map(_cell_text))
        parsed, problems = _parse_column(raw, col)
        frame[name] = _objects(parsed)
        for idx in problems.index[problems.notna()]:
            bad.iat[idx] = True
            out.errors.append(Problem(int(file_rows.iat[idx]), name, raw.iat[idx], f"Diharapkan {problems.iat[idx]}.", f"{col.kind}_tidak_valid"))
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
    frame["minggu"] = _objects(frame[date_col].map(lambda d: periode.monday(d) if d is not None else None))
    if minggu_default is not None:
        frame["minggu"] = _objects(frame["minggu"].map(lambda m: m if m is not None else periode.monday(minggu_default)))
        frame[date_col] = _objects(frame[date_col].map(lambda d: d if d is not None else minggu_default))
    this_week = periode.monday(today)
    for idx in frame.index[frame["minggu"].map(lambda m: m is not None and m > this_week)]:
        bad.iat[idx] = True
        out.errors.append(Problem(int(file_rows.iat[idx]), date_col, str(frame.at[idx, date_col]),
                                  "Tanggal di masa depan: minggu laporan belum dimulai.", "tanggal_masa_depan"))

    # 4. Place every row in the gazetteer.
    report(0.6, "Mencocokkan wilayah dengan daftar Kemendagri…")
    _place(frame, ds, gazetteer, out, bad)
    report(0.85, "Memeriksa koordinat dan baris ganda…")

    # An operator's file may hold only rows of their own region.
    if scope:
        for idx in frame.index:
            code = frame.at[idx, "kode_kabupaten"]
            if code and not (code == scope or code.startswith(scope + ".")) and not bad.iat[idx]:
                bad.iat[idx] = True
                out.errors.append(Problem(int(frame.at[idx, "baris"]), "kabupaten", gazetteer.name("kabupaten", code),
                                          f"Di luar wilayah Anda ({_scope_name(gazetteer, scope)}).", "di_luar_wilayah"))

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


def _objects(series: pd.Series) -> pd.Series:
    """Object dtype with None for every missing cell (pandas 3 would turn None into NaN)."""
    out = series.astype(object)
    return out.where(out.notna(), None)


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


def _parse_column(raw: pd.Series, col: schema.Column) -> tuple[pd.Series, pd.Series]:
    cache: dict = {}
    for value in raw.dropna().unique():
        cache[value] = values.parse(value, col.kind, col.values)
    parsed = _objects(raw.map(lambda v: cache[v][0] if v is not None and v in cache else None))
    problems = _objects(raw.map(lambda v: cache[v][1] if v is not None and v in cache else None))
    return parsed, problems


def _text(v) -> str | None:
    return None if v is None or (isinstance(v, float) and pd.isna(v)) or str(v).strip() == "" else str(v)


def _place(frame: pd.DataFrame, ds: schema.Dataset, g: Gazetteer, out: Validated, bad: pd.Series) -> None:
    keys = [c for c in ("kode_desa", "kode_kecamatan", "kode_kabupaten", "provinsi", "kabupaten", "kecamatan", "desa",
                        "nama_koperasi") if c in frame]
    columns = [frame[c].tolist() for c in keys]
    tuples = [tuple(_text(v) for v in row) for row in zip(*columns)] if keys else [()] * len(frame)
    results: dict[tuple, tuple[dict, list, list, list, dict]] = {}
    stats: dict[str, dict[str, int]] = {}
    codes = {level: [None] * len(frame) for level in ("provinsi", "kabupaten", "kecamatan", "desa")}
    file_rows = [int(b) for b in frame["baris"].tolist()]
    for idx, row in enumerate(tuples):
        if row not in results:
            results[row] = _place_one(dict(zip(keys, row)), ds, g)
        placed, notes, errors, warns, outcome = results[row]
        for level, how in outcome.items():
            stats.setdefault(level, {}).setdefault(how, 0)
            stats[level][how] += 1
        file_row = file_rows[idx]
        for level in codes:
            codes[level][idx] = placed.get(level)
        for note in notes:
            out.matched_names.append({"row": file_row, **note})
        for column, value, message, kind in errors:
            bad.iat[idx] = True
            out.errors.append(Problem(file_row, column, value, message, kind))
        for column, value, message, kind in warns:
            out.warnings.append(Problem(file_row, column, value, message, kind))
    for level, values_ in codes.items():
        frame[f"kode_{level}"] = pd.Series(values_, index=frame.index, dtype=object)
    out.match_stats = stats


def _place_one(given: dict, ds: schema.Dataset, g: Gazetteer):
    """Codes for one distinct region tuple, with match notes, errors and warnings."""
    placed: dict[str, str] = {}
    notes, errors, warns = [], [], []
    outcome: dict[str, str] = {}  # level -> how it was placed ('kode', 'tepat', 'mirip', ...)

    def take(code: str, level: str):
        parts = code.split(".")
        for i, lv in enumerate(("provinsi", "kabupaten", "kecamatan", "desa")[: len(parts)]):
            placed[lv] = ".".join(parts[: i + 1])

    start = None
    for level, column in (("desa", "kode_desa"), ("kecamatan", "kode_kecamatan"), ("kabupaten", "kode_kabupaten")):
        raw = given.get(column)
        if raw:
            code = normalise_code(raw, level)
            if code is None or not g.exists(level, code):
                errors.append((column, raw, f"Kode {level} tidak ada dalam daftar Kemendagri 2025.", "kode_tidak_dikenal"))
                outcome[level] = "tidak_ditemukan"
                return placed, notes, errors, warns, outcome
            take(code, level)
            outcome[level] = "kode"
            start = level
            break

    order = ("provinsi", "kabupaten", "kecamatan", "desa")
    begin = 0 if start is None else order.index(start) + 1
    for level in order[begin:]:
        name = given.get(level)
        if not name:
            continue
        parent = placed.get(order[order.index(level) - 1]) if level != "provinsi" else ""
        if level != "provinsi" and parent is None:
            if level == "kabupaten":
                code = g.resolve("kabupaten", name)
                if code is None:
                    errors.append((level, name, "Nama kabupaten/kota tidak dikenal atau ganda; isi juga kolom provinsi.", "nama_tidak_cocok"))
                    outcome[level] = "tidak_ditemukan"
                    return placed, notes, errors, warns, outcome
                take(code, level)
                outcome[level] = "tepat"
                if g.name(level, code).lower() != name.lower() and g.short.get(code, "").lower() != name.lower():
                    notes.append({"found": name, "matched": g.name(level, code), "kode": code, "level": level})
                    outcome[level] = "dinormalisasi"
                continue
            break
        m = g.match(level, name, parent, _jenis_hint(given.get("nama_koperasi")) if level == "desa" else None)
        if m.code is None:
            where = f" di {g.name(order[order.index(level) - 1], parent)}" if parent else ""
            if m.how == "ambigu":
                options = ", ".join(f"{n} ({c})" for c, n in m.candidates)
                message = f"Nama {level} ganda{where}: {options}. Pakai kolom kode_desa."
                kind = "nama_ambigu"
            else:
                options = ", ".join(f"{n} ({c})" for c, n in m.candidates)
                message = f"Nama {level} tidak ditemukan{where}." + (f" Yang paling mirip: {options}." if options else "")
                kind = "nama_tidak_cocok"
            required = order.index(level) <= order.index(ds.region_level)
            (errors if required else warns).append((level, name, message, kind))
            outcome[level] = m.how
            break
        take(m.code, level)
        outcome[level] = m.how
        if m.how != "tepat":
            notes.append({"found": name, "matched": g.name(level, m.code), "kode": m.code, "level": level})

    if ds.region_level not in placed and not errors:
        column = {"desa": "desa", "kecamatan": "kecamatan", "kabupaten": "kabupaten"}[ds.region_level]
        errors.append((column, given.get(column), f"Wilayah harus dapat ditempatkan sampai tingkat {ds.region_level}.", "wilayah_kurang"))
    return placed, notes, errors, warns, outcome


def _scope_name(g: Gazetteer, scope: str) -> str:
    return g.name("provinsi" if "." not in scope else "kabupaten", scope) or scope


def _jenis_hint(nama_koperasi: str | None) -> str | None:
    """'Koperasi Kelurahan Merah Putih …' belongs to a kelurahan, 'Koperasi Desa …' to a desa."""
    if not nama_koperasi:
        return None
    text = nama_koperasi.lower()
    if "kelurahan" in text:
        return "kelurahan"
    if "desa" in text:
        return "desa"
    return None


def koperasi_id(kode_desa: str, nama: str) -> str:
    return f"{kode_desa}|{re.sub(r'[^0-9a-z]+', ' ', str(nama).lower()).strip()}"


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (haversine)."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


# How far a point may lie from the centroid of the region its row was placed in.
MAX_KM = {"desa": 60.0, "kecamatan": 100.0, "kabupaten": 250.0}


def _coordinate_checks(frame: pd.DataFrame, out: Validated, g: Gazetteer | None = None) -> None:
    if "lat" not in frame or "lon" not in frame:
        return
    lats, lons = frame["lat"].tolist(), frame["lon"].tolist()
    rows = frame["baris"].tolist()
    places = {lv: frame[f"kode_{lv}"].tolist() if f"kode_{lv}" in frame else [None] * len(frame)
              for lv in ("desa", "kecamatan", "kabupaten")}
    for idx, (lat, lon) in enumerate(zip(lats, lons)):
        if lat is None and lon is None:
            continue
        message = None
        if lat is None or lon is None:
            message = "Koordinat tidak lengkap; tidak digambar di peta."
        elif lat == 0 and lon == 0:
            message = "Koordinat 0,0; tidak digambar di peta."
        elif LAT_RANGE[0] <= lon <= LAT_RANGE[1] and LON_RANGE[0] <= lat <= LON_RANGE[1]:
            message = "Lintang dan bujur tertukar; tidak digambar di peta."
        elif not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
            message = "Koordinat di luar Indonesia; tidak digambar di peta."
        elif g is not None:
            for level in ("desa", "kecamatan", "kabupaten"):
                code = places[level][idx]
                if code and code in g.centroid:
                    far = _km((lat, lon), g.centroid[code])
                    if far > MAX_KM[level]:
                        flipped = _km((-lat, lon), g.centroid[code]) <= MAX_KM[level]
                        name = g.name(level, code)
                        message = (f"Koordinat {angka_km(far)} km dari {level} {name}"
                                   + ("; tanda lintang tampaknya terbalik" if flipped else "")
                                   + "; tidak digambar di peta.")
                    break
        if message:
            out.warnings.append(Problem(int(rows[idx]), "lat/lon", f"{lat}, {lon}", message, "koordinat_mencurigakan"))
            lats[idx] = lons[idx] = None
    frame["lat"] = pd.Series(lats, index=frame.index, dtype=object)
    frame["lon"] = pd.Series(lons, index=frame.index, dtype=object)


def angka_km(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def _dataset_checks(frame: pd.DataFrame, ds: schema.Dataset, out: Validated, bad: pd.Series,
                    g: Gazetteer | None = None) -> None:
    if ds.table == "lahan" and "lat" in frame and "status_verifikasi" in frame:
        # A parcel that exists but has no point cannot be mapped: say so (not for "no land").
        missing = frame["lat"].isna() & frame["lon"].isna() & (frame["status_verifikasi"] != "tidak_ada_lahan")
        for idx in frame.index[missing & ~bad]:
            out.warnings.append(Problem(int(frame.at[idx, "baris"]), "lat/lon", None,
                                        "Koordinat kosong; persil tidak tampil di peta.", "koordinat_kosong"))
    _coordinate_checks(frame, out, g)
    if ds.name == "koperasi":
        ok = frame["kode_desa"].notna() & frame["nama_koperasi"].notna()
        frame["id_koperasi"] = None
        frame.loc[ok, "id_koperasi"] = [koperasi_id(d, n) for d, n in zip(frame.loc[ok, "kode_desa"], frame.loc[ok, "nama_koperasi"])]
        _duplicates(frame, ["minggu", "id_koperasi"], "nama_koperasi", "Koperasi yang sama muncul dua kali dalam satu minggu", out, bad)
    elif ds.table == "lahan":
        _duplicates(frame, ["minggu", "id_lahan"], "id_lahan", "id_lahan yang sama muncul dua kali dalam satu minggu", out, bad)

        if "luas_m2" not in frame:
            return
        small = frame["luas_m2"].map(lambda v: v is not None and not pd.isna(v) and v < 1000)
        for idx in frame.index[small]:
            out.warnings.append(Problem(int(frame.at[idx, "baris"]), "luas_m2", angka(frame.at[idx, "luas_m2"]),
                                        "Luas di bawah 1.000 m² (batas umum untuk gerai).", "lahan_kecil"))
    elif ds.name == "sppg":
        ok = frame["kode_kecamatan"].notna() & frame["nama_sppg"].notna()
        frame["_kunci"] = None
        frame.loc[ok, "_kunci"] = [f"{k}|{str(n).lower()}" for k, n in zip(frame.loc[ok, "kode_kecamatan"], frame.loc[ok, "nama_sppg"])]
        _duplicates(frame, ["minggu", "_kunci"], "nama_sppg", "SPPG yang sama muncul dua kali dalam satu minggu", out, bad)
        del frame["_kunci"]
        big = frame["kapasitas_porsi"].map(lambda v: v is not None and not pd.isna(v) and v > 3000)
        for idx in frame.index[big]:
            out.warnings.append(Problem(int(frame.at[idx, "baris"]), "kapasitas_porsi", angka(frame.at[idx, "kapasitas_porsi"]),
                                        "Kapasitas di atas 3.000 porsi, periksa kembali.", "kapasitas_besar"))


def _duplicates(frame, keys, column, message, out: Validated, bad: pd.Series) -> None:
    valid = frame[keys].notna().all(axis=1) & ~bad
    subset = frame[valid]
    dup = subset.duplicated(subset=keys, keep="first")
    first = subset.groupby(keys, sort=False)["baris"].transform("first")
    for idx in dup.index[dup]:
        bad.at[idx] = True
        out.errors.append(Problem(int(frame.at[idx, "baris"]), column, str(frame.at[idx, column]),
                                  f"{message} (sama dengan baris {int(first.at[idx])}).", "baris_ganda"))
