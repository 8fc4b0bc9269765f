"""Placing rows in the gazetteer: region codes from codes or names (level by level within the
parent, fuzzy where safe), and coordinates checked against the region a row was placed in."""

from __future__ import annotations

import math

import pandas as pd

from analytics.ingest import schema
from analytics.ingest.masalah import Problem, Validated
from analytics.wilayah import Gazetteer, normalise_code

# Indonesia's bounding box, generously rounded (Sabang–Merauke, Miangas–Rote).
LAT_RANGE = (-11.5, 6.5)
LON_RANGE = (94.5, 141.5)


def _text(v) -> str | None:
    return None if v is None or (isinstance(v, float) and pd.isna(v)) or str(v).strip() == "" else str(v)


def place(frame: pd.DataFrame, ds: schema.Dataset, g: Gazetteer, out: Validated, bad: pd.Series) -> None:
    keys = [
        c
        for c in (
            "kode_desa",
            "kode_kecamatan",
            "kode_kabupaten",
            "provinsi",
            "kabupaten",
            "kecamatan",
            "desa",
            "nama_koperasi",
        )
        if c in frame
    ]
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
        m = g.match(level, name, parent, _jenis_hint(given.get("nama_koperasi")) if level == "desa" else None)
        if m.code is None:
            where = f" di {g.name(order[order.index(level) - 1], parent)}" if parent else ""
            if m.how == "ambigu":
                options = ", ".join(f"{n} ({c})" for c, n in m.candidates)
                message = f"Nama {level} ganda{where}: {options}. Pakai kolom kode_desa."
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
    places = {
        lv: frame[f"kode_{lv}"].tolist() if f"kode_{lv}" in frame else [None] * len(frame)
        for lv in ("desa", "kecamatan", "kabupaten")
    }
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
                        message = (
                            f"Koordinat {angka_km(far)} km dari {level} {name}"
                            + ("; tanda lintang tampaknya terbalik" if flipped else "")
                            + "; tidak digambar di peta."
                        )
                    break
        if message:
            out.warnings.append(Problem(int(rows[idx]), "lat/lon", f"{lat}, {lon}", message, "koordinat_mencurigakan"))
            lats[idx] = lons[idx] = None
    frame["lat"] = pd.Series(lats, index=frame.index, dtype=object)
    frame["lon"] = pd.Series(lons, index=frame.index, dtype=object)


def angka_km(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")
