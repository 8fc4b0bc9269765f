"""Placing rows in the gazetteer: region codes from codes or names (level by level within the
parent, fuzzy where safe), and coordinates checked against the region a row was placed in."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analytics.ingest import schema
from analytics.ingest.masalah import Problem, Validated
from analytics.wilayah import Gazetteer, normalise_code

# Indonesia's bounding box, generously rounded (Sabang–Merauke, Miangas–Rote).
LAT_RANGE = (-11.5, 6.5)
LON_RANGE = (94.5, 141.5)


def _text(v) -> str | None:
    return None if v is None or (isinstance(v, float) and pd.isna(v)) or str(v).strip() == "" else str(v)


_WIDTHS = (2, 5, 8, 13)  # the length of a code of each level, provinsi to desa
_LEVEL_AT = {"provinsi": 0, "kabupaten": 1, "kecamatan": 2, "desa": 3}
_REGION_KEYS = ("kode_desa", "kode_kecamatan", "kode_kabupaten", "provinsi", "kabupaten", "kecamatan", "desa")


def place(frame: pd.DataFrame, ds: schema.Dataset, g: Gazetteer, out: Validated, bad: pd.Series) -> None:
    """kode_provinsi … kode_desa of every row, placed once per distinct region of the file."""
    keys = [c for c in (*_REGION_KEYS, "nama_koperasi") if c in frame]
    n = len(frame)
    levels = ("provinsi", "kabupaten", "kecamatan", "desa")
    codes = {level: np.full(n, None, dtype=object) for level in levels}
    # A canonical desa code places its row by itself (its parents are its prefixes): the whole
    # column is looked up at once and the other columns of those rows are not read.
    canonical = np.zeros(n, dtype=bool)
    if "kode_desa" in frame:
        kode_desa = frame["kode_desa"].to_numpy(dtype=object)
        canonical = frame["kode_desa"].isin(list(g.names["desa"])).to_numpy()
        if canonical.any():
            found = pd.Series(kode_desa[canonical], dtype=object).str
            for level, width in zip(levels, (2, 5, 8, 13)):
                codes[level][canonical] = found.slice(0, width).to_numpy(dtype=object)
    rest = np.flatnonzero(~canonical)
    # The other rows: those with the same region columns are placed once. nama_koperasi counts
    # only for what it says about the desa (kelurahan or desa), when a desa is matched by name.
    columns = [frame[c].to_numpy(dtype=object)[rest].tolist() for c in keys]
    if "nama_koperasi" in frame:
        hints = {}
        columns[-1] = [hints[v] if v in hints else hints.setdefault(v, _jenis_hint(_text(v))) for v in columns[-1]]
    index: dict[tuple, int] = {}
    for row in zip(*columns) if keys else (() for _ in rest):
        index.setdefault(row, len(index))
    matches: dict[tuple, object] = {}  # a kecamatan's name is matched once, not once per desa

    def match(level, name, parent, hint):
        key = (level, name, parent, hint)
        if key not in matches:
            matches[key] = g.match(level, name, parent, hint)
        return matches[key]

    results = []
    for row in index:
        given = dict(zip(keys, (_text(v) for v in row)))
        if "nama_koperasi" in given:
            given["nama_koperasi"] = row[-1]  # the hint itself (see _place_one)
        results.append(_place_one(given, ds, g, match))
    results.append(({}, [], [], [], {"desa": "kode"}))  # what every canonical row gets
    result_of_row = np.full(n, len(results) - 1, dtype=np.int64)
    if len(rest):
        result_of_row[rest] = [index[row] for row in zip(*columns)] if keys else 0
    for level in levels:
        by_result = np.array([placed.get(level) for placed, *_ in results], dtype=object)
        codes[level][rest] = by_result[result_of_row[rest]]
        frame[f"kode_{level}"] = pd.Series(codes[level], index=frame.index, dtype=object)

    # Rows per level and outcome, counted in the order the rows first show them.
    stats: dict[str, dict[str, int]] = {}
    if n:
        counts = np.bincount(result_of_row, minlength=len(results))
        ids, first = np.unique(result_of_row, return_index=True)
        for i in ids[np.argsort(first)]:
            for level, how in results[i][4].items():
                stats.setdefault(level, {}).setdefault(how, 0)
                stats[level][how] += int(counts[i])
    # Notes, errors and warnings row by row, in file order, for the rows that have any.
    noisy = np.array([bool(r[1] or r[2] or r[3]) for r in results], dtype=bool)
    file_rows = frame["baris"].to_numpy()
    for idx in np.flatnonzero(noisy[result_of_row]):
        _, notes, errors, warns, _ = results[result_of_row[idx]]
        file_row = int(file_rows[idx])
        for note in notes:
            out.matched_names.append({"row": file_row, **note})
        for column, value, message, kind in errors:
            bad.iat[idx] = True
            out.errors.append(Problem(file_row, column, value, message, kind))
        for column, value, message, kind in warns:
            out.warnings.append(Problem(file_row, column, value, message, kind))
    out.match_stats = stats


def _place_one(given: dict, ds: schema.Dataset, g: Gazetteer, match=None):
    """Codes for one distinct region tuple, with match notes, errors and warnings."""
    placed: dict[str, str] = {}
    notes, errors, warns = [], [], []
    outcome: dict[str, str] = {}  # level -> how it was placed ('kode', 'tepat', 'mirip', ...)

    def take(code: str, level: str):
        # A code from the gazetteer or normalise_code: every segment at its full width.
        for lv, width in zip(("provinsi", "kabupaten", "kecamatan", "desa"), _WIDTHS[: _LEVEL_AT[level] + 1]):
            placed[lv] = code[:width]

    start = None
    for level, column in (("desa", "kode_desa"), ("kecamatan", "kode_kecamatan"), ("kabupaten", "kode_kabupaten")):
        raw = given.get(column)
        if raw:
            code = normalise_code(raw, level)
            if code is None or not g.exists(level, code):
                errors.append(
                    (column, raw, f"Kode {level} tidak ada dalam daftar Kemendagri 2025.", "kode_tidak_dikenal")
                )
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
                    errors.append(
                        (
                            level,
                            name,
                            "Nama kabupaten/kota tidak dikenal atau ganda; isi juga kolom provinsi.",
                            "nama_tidak_cocok",
                        )
                    )
                    outcome[level] = "tidak_ditemukan"
                    return placed, notes, errors, warns, outcome
                take(code, level)
                outcome[level] = "tepat"
                if g.name(level, code).lower() != name.lower() and g.short.get(code, "").lower() != name.lower():
                    notes.append({"found": name, "matched": g.name(level, code), "kode": code, "level": level})
                    outcome[level] = "dinormalisasi"
                continue
            break
        # `nama_koperasi` arrives as what it says about the desa (see place).
        m = (match or g.match)(level, name, parent, given.get("nama_koperasi") if level == "desa" else None)
        if m.code is None:
            where = f" di {g.name(order[order.index(level) - 1], parent)}" if parent else ""
            if m.how == "ambigu":
                options = ", ".join(f"{n} ({c})" for c, n in m.candidates)
                # Only a dataset that has the code column can be told to use it (a SIMKOPDES
                # export has none: the office fixes the name, or sends the template).
                fix = (
                    "Pakai kolom kode_desa."
                    if ds.column("kode_desa") is not None
                    else "File ini tidak memuat kode desa, jadi baris ini tidak dapat ditempatkan; "
                    "kirim datanya dengan templat yang memuat kolom kode_desa."
                )
                message = f"Nama {level} ganda{where}: {options}. {fix}"
                kind = "nama_ambigu"
            else:
                options = ", ".join(f"{n} ({c})" for c, n in m.candidates)
                message = f"Nama {level} tidak ditemukan{where}." + (
                    f" Yang paling mirip: {options}." if options else ""
                )
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
        errors.append(
            (
                column,
                given.get(column),
                f"Wilayah harus dapat ditempatkan sampai tingkat {ds.region_level}.",
                "wilayah_kurang",
            )
        )
    return placed, notes, errors, warns, outcome


def scope_name(g: Gazetteer, scope: str) -> str:
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


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (haversine)."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


# How far a point may lie from the centroid of the region its row was placed in.
MAX_KM = {"desa": 60.0, "kecamatan": 100.0, "kabupaten": 250.0}


def coordinate_checks(frame: pd.DataFrame, out: Validated, g: Gazetteer | None = None) -> None:
    if "lat" not in frame or "lon" not in frame:
        return
    lats, lons = frame["lat"].tolist(), frame["lon"].tolist()
    rows = frame["baris"].tolist()
    # Every test at once over the column; the message of a row is the first test it fails.
    lat = np.array([np.nan if v is None else v for v in lats], dtype=float)
    lon = np.array([np.nan if v is None else v for v in lons], dtype=float)
    has_lat, has_lon = ~np.isnan(lat), ~np.isnan(lon)
    both = has_lat & has_lon
    with np.errstate(invalid="ignore"):
        zero = both & (lat == 0) & (lon == 0)
        swapped = (
            both & ~zero & (LAT_RANGE[0] <= lon) & (lon <= LAT_RANGE[1]) & (LON_RANGE[0] <= lat) & (lat <= LON_RANGE[1])
        )
        inside = (LAT_RANGE[0] <= lat) & (lat <= LAT_RANGE[1]) & (LON_RANGE[0] <= lon) & (lon <= LON_RANGE[1])
    plain = both & ~zero & ~swapped & inside  # the points to measure against their region
    messages: dict[int, str] = {}
    for idx in np.flatnonzero(has_lat ^ has_lon):
        messages[idx] = "Koordinat tidak lengkap; tidak digambar di peta."
    for idx in np.flatnonzero(zero):
        messages[idx] = "Koordinat 0,0; tidak digambar di peta."
    for idx in np.flatnonzero(swapped):
        messages[idx] = "Lintang dan bujur tertukar; tidak digambar di peta."
    for idx in np.flatnonzero(both & ~zero & ~swapped & ~inside):
        messages[idx] = "Koordinat di luar Indonesia; tidak digambar di peta."
    if g is not None:
        # The centroid of the smallest region the row was placed in that has one.
        c_lat, c_lon = np.full(len(frame), np.nan), np.full(len(frame), np.nan)
        level_of = np.full(len(frame), None, dtype=object)
        code_of = np.full(len(frame), None, dtype=object)
        for level in ("desa", "kecamatan", "kabupaten"):
            if f"kode_{level}" not in frame:
                continue
            codes = frame[f"kode_{level}"].to_numpy(dtype=object)
            todo = np.flatnonzero(plain & (level_of == None))  # noqa: E711 (element-wise)
            for idx in todo:
                code = codes[idx]
                if code and code in g.centroid:
                    c_lat[idx], c_lon[idx] = g.centroid[code]
                    level_of[idx], code_of[idx] = level, code
        limit = np.array([MAX_KM.get(lv, np.inf) if lv else np.inf for lv in level_of], dtype=float)
        # Haversine over the column; rows near or past their limit are measured again exactly below.
        la1, lo1, la2, lo2 = map(np.radians, (lat, lon, c_lat, c_lon))
        with np.errstate(invalid="ignore"):
            h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
            rough = 2 * 6371 * np.arcsin(np.sqrt(h))
            suspect = np.flatnonzero(plain & ~np.isnan(c_lat) & (rough > limit * 0.999))
        for idx in suspect:
            level, code = level_of[idx], code_of[idx]
            point = (lats[idx], lons[idx])
            far = _km(point, g.centroid[code])
            if far > MAX_KM[level]:
                flipped = _km((-point[0], point[1]), g.centroid[code]) <= MAX_KM[level]
                messages[idx] = (
                    f"Koordinat {angka_km(far)} km dari {level} {g.name(level, code)}"
                    + ("; tanda lintang tampaknya terbalik" if flipped else "")
                    + "; tidak digambar di peta."
                )
    for idx in sorted(messages):
        lat_, lon_ = lats[idx], lons[idx]
        out.warnings.append(
            Problem(int(rows[idx]), "lat/lon", f"{lat_}, {lon_}", messages[idx], "koordinat_mencurigakan")
        )
        lats[idx] = lons[idx] = None
    frame["lat"] = pd.Series(lats, index=frame.index, dtype=object)
    frame["lon"] = pd.Series(lons, index=frame.index, dtype=object)


def angka_km(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")
