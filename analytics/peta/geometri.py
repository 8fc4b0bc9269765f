"""Area polygons from the shipped gazetteer (data/wilayah/*.geojson), simplified for the zoom,
their bounding boxes and the view that fits them. No Streamlit, no pydeck."""

from __future__ import annotations

import json
import math
from functools import cache, lru_cache

from analytics import db
from analytics.filters import Filter

# The view is computed for a map of about this size in pixels (the page's map column).
LEBAR_PETA, TINGGI_PETA = 820, 560


@lru_cache(maxsize=16)
def poligon_berkas(nama_file: str) -> dict[str, dict]:
    """kode → GeoJSON geometry of one shipped file, parsed once per process."""
    with (db.WILAYAH_DIR / nama_file).open(encoding="utf-8") as fh:
        doc = json.load(fh)
    return {feat["properties"]["kode"]: feat["geometry"] for feat in doc["features"]}


@cache
def berkas_tingkat(tingkat: str, kode_provinsi: str | None) -> str | None:
    """The GeoJSON file with the polygons of `tingkat` (desa polygons exist for a few provinces)."""
    if tingkat != "desa":
        return f"{tingkat}.geojson"
    if not kode_provinsi:
        return None
    found = sorted(db.WILAYAH_DIR.glob(f"desa_{kode_provinsi}_*.geojson"))
    return found[0].name if found else None


def geometri(tingkat: str, kode: str) -> dict | None:
    """The polygon of one area, or None when the gazetteer ships none for it."""
    nama_file = berkas_tingkat(tingkat, kode[:2])
    return poligon_berkas(nama_file).get(kode) if nama_file else None


def _sederhana_cincin(ring: list, tol: float) -> list:
    """Douglas-Peucker on one closed ring; the first and last point stay."""
    if len(ring) <= 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = ring[a][:2], ring[b][:2]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        far, far_i = 0.0, -1
        for i in range(a + 1, b):
            px, py = ring[i][0], ring[i][1]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else math.hypot(px - ax, py - ay)
            if d > far:
                far, far_i = d, i
        if far > tol:
            keep[far_i] = True
            stack.extend(((a, far_i), (far_i, b)))
    return [pt for pt, k in zip(ring, keep) if k]


def _kecil(ring: list, tol: float) -> bool:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return max(max(xs) - min(xs), max(ys) - min(ys)) < 2 * tol


@lru_cache(maxsize=4096)
def sederhana(tingkat: str, kode: str, tol: float) -> dict | None:
    """The polygon of one area simplified to `tol` degrees, islands smaller than about two
    tolerances dropped (the largest part always stays): fewer vertices to send and to pick."""
    geom = geometri(tingkat, kode)
    if geom is None or tol <= 0:
        return geom
    polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    largest = max(polygons, key=lambda poly: len(poly[0]))
    out = []
    for poly in polygons:
        if poly is not largest and _kecil(poly[0], tol):
            continue
        rings = [_sederhana_cincin(poly[0], tol)]
        rings += [_sederhana_cincin(h, tol) for h in poly[1:] if not _kecil(h, tol)]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            out.append(rings)
    if not out:
        return geom
    return {"type": "Polygon", "coordinates": out[0]} if len(out) == 1 else {"type": "MultiPolygon", "coordinates": out}


def toleransi(zoom: float) -> float:
    """Half a pixel in degrees at `zoom`, when that is coarser than the shipped polygons (~0.001°);
    else 0 (no simplification)."""
    tol = 0.5 * 360 / (512 * 2**zoom)
    return round(tol, 6) if tol >= 0.0015 else 0.0


def _koordinat(geom: dict):
    def walk(c):
        if c and isinstance(c[0], (int, float)):
            yield c
        else:
            for part in c:
                yield from walk(part)

    return walk(geom["coordinates"])


def bbox_geometri(geom: dict) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of a Polygon or MultiPolygon."""
    lons, lats = zip(*((c[0], c[1]) for c in _koordinat(geom)))
    return min(lons), min(lats), max(lons), max(lats)


@lru_cache(maxsize=1024)
def batas(f: Filter, lat: float | None = None, lon: float | None = None) -> tuple[float, float, float, float]:
    """Bounding box of the filter: its own polygon; Indonesia for no filter; a small box around
    the centroid (`lat`, `lon`) of a desa without a polygon."""
    if f.level is None:
        boxes = [bbox_geometri(g) for g in poligon_berkas("provinsi.geojson").values()]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    geom = geometri(f.level, f.code)
    if geom is not None:
        return bbox_geometri(geom)
    if lat is not None and lon is not None:
        return lon - 0.02, lat - 0.02, lon + 0.02, lat + 0.02
    # No polygon and no centroid: fall back to the parent's extent.
    return batas(f.up())


def _merc_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def view_for_bbox(bbox, lebar: int = LEBAR_PETA, tinggi: int = TINGGI_PETA, tepi: float = 0.08) -> dict:
    """Centre and zoom that fit the box in a `lebar` × `tinggi` pixel map (deck.gl: 512 px world at zoom 0)."""
    min_lon, min_lat, max_lon, max_lat = bbox
    dlon = max(max_lon - min_lon, 1e-4)
    dy = max(_merc_y(max_lat) - _merc_y(min_lat), 1e-6)
    usable = 1 - 2 * tepi
    zoom_x = math.log2(lebar * usable * 360 / (512 * dlon))
    zoom_y = math.log2(tinggi * usable * 2 * math.pi / (512 * dy))
    zoom = max(2.0, min(zoom_x, zoom_y, 15.0))
    mid_y = (_merc_y(max_lat) + _merc_y(min_lat)) / 2
    lat = math.degrees(2 * math.atan(math.exp(mid_y)) - math.pi / 2)
    return {
        "latitude": round(lat, 5),
        "longitude": round((min_lon + max_lon) / 2, 5),
        "zoom": round(zoom, 2),
        "pitch": 0,
        "bearing": 0,
    }
