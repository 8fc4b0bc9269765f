"""The Peta page's map: areas coloured by a metric, koperasi/SPPG/lahan points, hexagons.

Pure Python over DuckDB and the shipped gazetteer polygons; `peta()` returns everything the
page draws (deck.gl layer specs, the view, the legend, what was left off the map); ui/peta.py
turns it into a pydeck Deck. Polygons and views live in analytics/peta/geometri.py. One function
per query in analytics/queries/peta_*.sql.

The map needs no internet: boundaries come from data/wilayah/*.geojson and the base style is a
blank style served by the app itself (static/peta_kosong.json), unless `peta_online = true` in
data/pengaturan.toml switches on the Carto basemap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from analytics import db, kamus, metrik, target
from analytics.filters import Filter
from analytics.format import angka, persen
from analytics.ingest.tempat import LAT_RANGE, LON_RANGE
from analytics.kamus import rgb
from analytics.metrik import METRIK, Metrik
from analytics.peta import geometri as geo
from analytics.ringkasan import minggu_sumber
from analytics.zona.aturan import Rules

# More points than this in one layer are drawn as hexagons (koperasi) or left off (SPPG, lahan):
# the deck JSON then stays far below 5 MB even for the largest province.
BATAS_TITIK = 3000

RGB = tuple[int, int, int]
# Outlines are drawn but not picked: picking the stroke paths too made a press take longer than
# deck.gl's 250 ms click window on a software-rendered (GPU-less) browser, and clicks were lost.
_GARIS_TIDAK_DIPILIH = {
    "GeoJsonLayer": {"polygons-stroke": {"pickable": False}},
    "PolygonLayer": {"stroke": {"pickable": False}},
}


# Colours and labels of zones and statuses come from the vocabulary (analytics/kamus.py), as RGB.
WARNA_ZONA: dict[str, RGB] = {z: rgb(kamus.ZONA_WARNA[z]) for z in kamus.ZONA}
TANPA_DATA: RGB = rgb(kamus.TANPA_DATA_WARNA)
LABEL_TANPA_DATA = kamus.TANPA_DATA_LABEL
STATUS_SPPG = {
    s: (kamus.STATUS_SPPG_LABEL[s], rgb(kamus.STATUS_SPPG_WARNA[s]))
    for s in ("rencana", "persiapan", "beroperasi", "ditutup_sementara")
}
# Land parcels are drawn in three groups; the tooltip gives the exact status.
KELOMPOK_LAHAN = {k: (label, rgb(warna)) for k, (label, warna) in kamus.KELOMPOK_LAHAN.items()}
# The layers a user can switch on and off.
LAPISAN = ("wilayah", "koperasi", "sppg", "lahan")


# --- settings -------------------------------------------------------------------------------


def online_aktif(path: Path | None = None) -> bool:
    """`peta_online` in data/pengaturan.toml (or KDKMP_SETTINGS): an online basemap; off by default."""
    from analytics.config import load

    return bool(load(path).peta_online)


# --- queries --------------------------------------------------------------------------------


def _bbox_params() -> dict:
    return {"lat_min": LAT_RANGE[0], "lat_max": LAT_RANGE[1], "lon_min": LON_RANGE[0], "lon_max": LON_RANGE[1]}


# Besides the chosen metric, every area's tooltip gives its koperasi by zone and its SPPG.
KONTEKS = {
    "koperasi": ("terdaftar", "zona_hijau", "zona_kuning", "zona_merah"),
    "sppg": ("sppg_total", "sppg_beroperasi"),
}


def peta_wilayah(con, f: Filter, minggu: dict, m: Metrik, target_metrik: str | None = None) -> pd.DataFrame:
    """Every area one level below the filter: kode, nama, centroid, the registry metric `m` (and
    its denominator) and the tooltip's context counts, each at its source's week. For the map
    metric "capaian target" (analytics.target.metrik_peta), the values of `target_metrik`."""
    out = None
    wanted: dict[str, list[str]] = {s: list(ids) for s, ids in KONTEKS.items()}
    if m.sumber == "target":
        if target_metrik is None:
            raise ValueError("capaian target butuh metrik target")
        konteks = peta_wilayah(con, f, minggu, METRIK["terdaftar"])
        return konteks.merge(target.peta_wilayah(con, f, target_metrik, None), on="kode", how="left")
    wanted.setdefault(m.sumber, []).extend(i for i in (m.id, m.penyebut) if i and i not in wanted.get(m.sumber, ()))
    for sumber, ids in wanted.items():
        df = metrik.per_wilayah(con, f, sumber, minggu.get(minggu_sumber(sumber)))
        df = df[["kode", "nama", "lat", "lon", *ids]] if out is None else df[["kode", *ids]]
        out = df if out is None else out.merge(df, on="kode", how="left")
    return out


def peta_koperasi(con, f: Filter, minggu, minggu_lahan) -> pd.DataFrame:
    """Koperasi with zone, rules fired and point (land parcel when usable, else desa centroid)."""
    return db.run(
        con, "peta_koperasi", {**f.params(), **_bbox_params(), "minggu": minggu, "minggu_lahan": minggu_lahan}
    )


def peta_koperasi_heksagon(con, f: Filter, minggu, ukuran: float, kos: float) -> pd.DataFrame:
    """Koperasi counts per hexagon (circumradius `ukuran` degrees; longitude scaled by `kos`), with
    the area one level below the filter that holds most of them."""
    return db.run(
        con,
        "peta_koperasi_heksagon",
        {**f.params(), "tingkat": f.group_level, "minggu": minggu, "ukuran": ukuran, "kos": kos},
    )


def peta_sppg(con, f: Filter, minggu_sppg) -> pd.DataFrame:
    """SPPG with status and point (own when usable, else desa or kecamatan centroid)."""
    return db.run(con, "peta_sppg", {**f.params(), **_bbox_params(), "minggu_sppg": minggu_sppg})


def peta_lahan(con, f: Filter, minggu_lahan) -> pd.DataFrame:
    """Land parcels with their point and whether it can be drawn."""
    return db.run(con, "peta_lahan", {**f.params(), **_bbox_params(), "minggu_lahan": minggu_lahan})


# --- the map --------------------------------------------------------------------------------


@dataclass
class Lapisan:
    """One deck.gl layer: its type, id, rows and the other props (pydeck keyword names)."""

    jenis: str
    id: str
    data: list
    props: dict = field(default_factory=dict)


@dataclass
class Peta:
    filter: Filter
    tingkat: str
    metrik: Metrik
    lapisan: list[Lapisan]
    view: dict
    wilayah: pd.DataFrame  # one row per area: kode, nama, counts, nilai, kelas (band label)
    legenda: list[tuple[str, RGB, int]]  # (band label, colour, number of areas)
    catatan: dict  # what was not drawn or drawn elsewhere, counted (see `peta`)
    heksagon: bool = False
    lebar_heksagon_km: float | None = None  # across the flats

    def layer(self, layer_id: str) -> Lapisan | None:
        return next((lp for lp in self.lapisan if lp.id == layer_id), None)


def _none(v):
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return None
    return v


def _rincian_wilayah(m: Metrik, row: dict, nilai: float | None) -> str:
    teks = m.teks_peta(nilai) if nilai is not None else LABEL_TANPA_DATA
    if m.sumber == "target":
        teks = (
            f"{teks} ({angka(row[m.id])} dari target {angka(row[m.penyebut])})"
            if nilai is not None
            else "tidak ada target untuk wilayah ini"
        )
    elif nilai is not None and m.penyebut:
        penyebut = METRIK[m.penyebut]
        teks += f" ({m.teks(row[m.id])} dari {penyebut.teks(row[m.penyebut])} {penyebut.satuan})"
    lines = [f"{m.label_peta}: {teks}"]
    if row["terdaftar"]:
        lines.append(
            f"Koperasi {angka(row['terdaftar'])}: hijau {angka(row['zona_hijau'])} · "
            f"kuning {angka(row['zona_kuning'])} · merah {angka(row['zona_merah'])}"
        )
    if row["sppg_total"]:
        lines.append(f"SPPG {angka(row['sppg_total'])}, beroperasi {angka(row['sppg_beroperasi'])}")
    return "\n".join(lines)


def _tabel_wilayah(m: Metrik, df: pd.DataFrame) -> tuple[pd.DataFrame, list[int | None]]:
    labels = m.label_pita()
    nilai, kelas, idx = [], [], []
    for row in df.to_dict("records"):
        v = m.nilai_peta(row)
        i = m.indeks_pita(v)
        nilai.append(v)
        idx.append(i)
        kelas.append(labels[i] if i is not None else LABEL_TANPA_DATA)
    out = df.copy()
    out["nilai"] = pd.Series(nilai, index=df.index, dtype="float64")
    out["kelas"] = kelas
    return out, idx


def _lapisan_wilayah(
    m: Metrik, tabel: pd.DataFrame, idx: list[int | None], tingkat: str, alpha: int, tol: float
) -> list[Lapisan]:
    """Polygons of the areas coloured by band; areas without a polygon as centroid points."""
    fitur, titik = [], []
    for row, i in zip(tabel.to_dict("records"), idx):
        warna = list(m.pita[i].warna if i is not None else TANPA_DATA) + [alpha]
        nilai = _none(row["nilai"])
        props = {"kode": row["kode"], "judul": row["nama"], "rincian": _rincian_wilayah(m, row, nilai), "warna": warna}
        geom = geo.sederhana(tingkat, row["kode"], tol)
        if geom is not None:
            fitur.append({"type": "Feature", "geometry": geom, "properties": props})
        elif _none(row["lat"]) is not None and _none(row["lon"]) is not None:
            titik.append({**props, "posisi": [round(row["lon"], 5), round(row["lat"], 5)]})
    out = []
    if fitur:
        out.append(
            Lapisan(
                "GeoJsonLayer",
                "wilayah",
                fitur,
                {
                    "stroked": True,
                    "filled": True,
                    "pickable": True,
                    "auto_highlight": True,
                    "get_fill_color": "properties.warna",
                    "get_line_color": [90, 90, 90, 220],
                    "line_width_min_pixels": 1,
                    "highlight_color": [255, 255, 255, 90],
                    "_sub_layer_props": _GARIS_TIDAK_DIPILIH["GeoJsonLayer"],
                },
            )
        )
    if titik:
        out.append(
            Lapisan(
                "ScatterplotLayer",
                "wilayah_titik",
                titik,
                {
                    "get_position": "posisi",
                    "get_fill_color": "warna",
                    "get_line_color": [90, 90, 90, 220],
                    "stroked": True,
                    "filled": True,
                    "radius_units": "pixels",
                    "get_radius": 9,
                    "line_width_units": "pixels",
                    "get_line_width": 1,
                    "pickable": True,
                    "auto_highlight": True,
                },
            )
        )
    return out


def _konteks(f: Filter, bbox, tol: float) -> Lapisan | None:
    """Neighbouring areas of the filter's own level as plain land, so a province is not an island."""
    if f.level is None:
        return None
    nama_file = geo.berkas_tingkat(f.level, f.provinsi)
    if not nama_file:
        return None
    min_lon, min_lat, max_lon, max_lat = bbox
    pad_lon, pad_lat = (max_lon - min_lon) * 0.6, (max_lat - min_lat) * 0.6
    view = (min_lon - pad_lon, min_lat - pad_lat, max_lon + pad_lon, max_lat + pad_lat)
    fitur = []
    for kode in geo.poligon_berkas(nama_file):
        b = _bbox_cached(nama_file, kode)
        if b[0] <= view[2] and b[2] >= view[0] and b[1] <= view[3] and b[3] >= view[1]:
            fitur.append({"type": "Feature", "geometry": geo.sederhana(f.level, kode, tol), "properties": {}})
    return Lapisan(
        "GeoJsonLayer",
        "konteks",
        fitur,
        {
            "stroked": True,
            "filled": True,
            "pickable": False,
            "get_fill_color": [236, 233, 225, 255],
            "get_line_color": [170, 170, 170, 255],
            "line_width_min_pixels": 1,
        },
    )


@cache
def _bbox_cached(nama_file: str, kode: str):
    return geo.bbox_geometri(geo.poligon_berkas(nama_file)[kode])


_PANJANG_KODE = {"provinsi": 2, "kabupaten": 5, "kecamatan": 8, "desa": 13}


def _kode_area(tingkat: str, *kode) -> str | None:
    """The code at `tingkat` of the area a point lies in (from its finest known code), so a click
    on a point narrows the filter like a click on its area."""
    for k in kode:
        k = _none(k)
        if k and len(k) >= _PANJANG_KODE[tingkat]:
            return k[: _PANJANG_KODE[tingkat]]
    return None


def _alasan(rules: Rules, aturan) -> str:
    ids = list(aturan) if aturan is not None else []
    # Each explanation is a sentence of its own.
    return " ".join(rules.explain(i) for i in ids)


# Point radius in pixels: smaller at province level, where points crowd.
_RADIUS = {"koperasi": (3.5, 5), "sppg": (6, 8), "lahan": (4.5, 6)}


def _radius(layer: str, tingkat: str) -> float:
    return _RADIUS[layer][0 if tingkat == "kabupaten" else 1]


def _lapisan_koperasi(df: pd.DataFrame, rules: Rules, tingkat: str) -> Lapisan:
    rows = []
    for r in df.to_dict("records"):
        if _none(r["lat"]) is None or _none(r["lon"]) is None:
            continue
        zona = _none(r["zona"])
        lines = [f"Desa {r['desa']}, Kec. {r['kecamatan']}", f"Zona {kamus.ZONA_LABEL.get(zona, 'belum dihitung')}"]
        alasan = _alasan(rules, r["aturan"])
        if alasan:
            lines.append(f"Mengapa: {alasan}")
        if r["asal"] == "desa":
            lines.append("Titik: tengah desa")
        rows.append(
            {
                "posisi": [round(r["lon"], 5), round(r["lat"], 5)],
                "judul": r["nama"],
                "rincian": "\n".join(lines),
                "warna": list(WARNA_ZONA.get(zona, TANPA_DATA)) + [235],
                "kode": _kode_area(tingkat, r["kode_desa"]),
            }
        )
    return Lapisan(
        "ScatterplotLayer",
        "koperasi",
        rows,
        {
            "get_position": "posisi",
            "get_fill_color": "warna",
            "get_line_color": [255, 255, 255, 255],
            "stroked": True,
            "filled": True,
            "radius_units": "pixels",
            "get_radius": _radius("koperasi", tingkat),
            "line_width_units": "pixels",
            "get_line_width": 1,
            "pickable": True,
            "auto_highlight": True,
        },
    )


def _lapisan_sppg(df: pd.DataFrame, tingkat: str) -> Lapisan:
    rows = []
    for r in df.to_dict("records"):
        if _none(r["lat"]) is None or _none(r["lon"]) is None:
            continue
        label, warna = STATUS_SPPG.get(_none(r["status"]), ("Status tidak diisi", TANPA_DATA))
        tempat = f"Kec. {r['kecamatan']}" + (f", Desa {r['desa']}" if _none(r["desa"]) else "")
        lines = [tempat, f"Status: {label}"]
        if _none(r["kapasitas_porsi"]) is not None:
            lines.append(
                f"Kapasitas {angka(r['kapasitas_porsi'])} porsi"
                + (f", penerima {angka(r['penerima_manfaat'])}" if _none(r["penerima_manfaat"]) is not None else "")
            )
        if r["asal"] != "sppg":
            lines.append(f"Titik: tengah {r['asal']} (koordinat SPPG tidak ada atau tidak dipakai)")
        rows.append(
            {
                "posisi": [round(r["lon"], 5), round(r["lat"], 5)],
                "judul": r["nama"],
                "rincian": "\n".join(lines),
                "warna": list(warna) + [255],
                "kode": _kode_area(tingkat, r["kode_desa"], r["kode_kecamatan"]),
            }
        )
    return Lapisan(
        "ScatterplotLayer",
        "sppg",
        rows,
        {
            "get_position": "posisi",
            "get_fill_color": "warna",
            "get_line_color": [255, 255, 255, 255],
            "stroked": True,
            "filled": True,
            "radius_units": "pixels",
            "get_radius": _radius("sppg", tingkat),
            "line_width_units": "pixels",
            "get_line_width": 2,
            "pickable": True,
            "auto_highlight": True,
        },
    )


def _lapisan_lahan(df: pd.DataFrame, tingkat: str) -> Lapisan:
    rows = []
    for r in df.to_dict("records"):
        if r["koordinat"] != "ok":
            continue
        status = _none(r["status_verifikasi"])
        label, kelompok = (
            kamus.VERIFIKASI_LABEL.get(status, "Status tidak diisi"),
            kamus.VERIFIKASI_KELOMPOK.get(status),
        )
        warna = KELOMPOK_LAHAN[kelompok][1] if kelompok else TANPA_DATA
        lines = []
        if _none(r["nama_koperasi"]):
            lines.append(r["nama_koperasi"])
        if _none(r["desa"]):
            lines.append(f"Desa {r['desa']}, Kec. {r['kecamatan']}")
        lines.append(f"Verifikasi: {label}")
        rincian = []
        if _none(r["sumber_lahan"]):
            rincian.append(kamus.SUMBER_LAHAN_LABEL.get(r["sumber_lahan"], r["sumber_lahan"]))
        if _none(r["luas_m2"]) is not None:
            rincian.append(f"{angka(r['luas_m2'])} m²")
        if rincian:
            lines.append(" · ".join(rincian))
        rows.append(
            {
                "posisi": [round(r["lon"], 5), round(r["lat"], 5)],
                "judul": f"Lahan {r['id_lahan']}",
                "rincian": "\n".join(lines),
                "warna": list(warna) + [255],
                "kode": _kode_area(tingkat, r["kode_desa"], r["kode_kecamatan"], r["kode_kabupaten"]),
            }
        )
    return Lapisan(
        "ScatterplotLayer",
        "lahan",
        rows,
        {
            "get_position": "posisi",
            "get_line_color": "warna",
            "filled": False,
            "stroked": True,
            "radius_units": "pixels",
            "get_radius": _radius("lahan", tingkat),
            "line_width_units": "pixels",
            "get_line_width": 2.5,
            "pickable": True,
            "auto_highlight": True,
        },
    )


def ukuran_heksagon(bbox) -> tuple[float, float]:
    """(circumradius in degrees of latitude, cosine of the middle latitude) for the filter's extent:
    about 150 hexagons across the longer side, never under ~1 km."""
    min_lon, min_lat, max_lon, max_lat = bbox
    kos = math.cos(math.radians((min_lat + max_lat) / 2))
    span = max((max_lon - min_lon) * kos, max_lat - min_lat)
    return max(span / 150, 0.01), kos


def _lapisan_heksagon(df: pd.DataFrame, ukuran: float, kos: float) -> Lapisan:
    merah = METRIK["zona_merah"]
    rows = []
    for r in df.to_dict("records"):
        if _none(r["q"]) is None:
            continue
        share = r["merah"] / r["koperasi"]
        warna = merah.pita[merah.indeks_pita(share)].warna
        polygon = []
        for k in range(6):
            a = math.radians(60 * k + 30)
            polygon.append([round(r["lon"] + ukuran * math.cos(a) / kos, 4), round(r["lat"] + ukuran * math.sin(a), 4)])
        rows.append(
            {
                "polygon": polygon,
                "judul": f"{angka(r['koperasi'])} koperasi",
                "rincian": f"Hijau {angka(r['hijau'])} · kuning {angka(r['kuning'])} · merah {angka(r['merah'])}\n"
                f"Bagian zona merah: {persen(share)}",
                "warna": list(warna) + [215],
                "kode": _none(r["kode"]),
            }
        )
    return Lapisan(
        "PolygonLayer",
        "koperasi_heksagon",
        rows,
        {
            "get_polygon": "polygon",
            "get_fill_color": "warna",
            "get_line_color": [255, 255, 255, 200],
            "stroked": True,
            "filled": True,
            "line_width_min_pixels": 0.5,
            "pickable": True,
            "auto_highlight": True,
            "_sub_layer_props": _GARIS_TIDAK_DIPILIH["PolygonLayer"],
        },
    )


def _hitung_koordinat(series: pd.Series) -> dict[str, int]:
    counts = series.value_counts()
    return {k: int(counts.get(k, 0)) for k in ("kosong", "tertukar", "di_luar")}


def peta(con, f: Filter, minggu: dict, metrik: str, lapisan, rules: Rules, target_metrik: str | None = None) -> Peta:
    """Everything the Peta page draws for the filter.

    `minggu` maps dataset → its week (None: no data); `lapisan` is a subset of LAPISAN.
    Points are drawn once the filter is a province or narrower: koperasi as points up to
    BATAS_TITIK, as hexagons beyond that and for the whole country; SPPG and lahan as points up
    to BATAS_TITIK (beyond that they are counted in `catatan['terlalu_banyak']`).

    `catatan` counts what is not where its own coordinates say: koperasi without a point
    (`koperasi_tanpa_titik`), land coordinates of a koperasi that were ignored
    (`koperasi_lahan_diabaikan`), SPPG drawn at a centroid by reason (`sppg_koordinat`), SPPG with
    no point at all (`sppg_tanpa_titik`), parcels not drawn by reason (`lahan_koordinat`), and
    layers left off (`tanpa_titik_nasional`, `terlalu_banyak`).
    """
    lapisan = set(lapisan)
    m = target.metrik_peta() if metrik == target.PETA_ID else METRIK[metrik]
    tingkat = f.group_level
    wilayah = peta_wilayah(con, f, minggu, m, target_metrik)
    centroid = None
    if f.level == "desa":
        row = wilayah[wilayah["kode"] == f.desa]
        if len(row):
            centroid = (_none(row["lat"].iat[0]), _none(row["lon"].iat[0]))
    bbox = geo.batas(f, *(centroid or (None, None)))
    tabel, idx = _tabel_wilayah(m, wilayah)
    catatan: dict = {}
    points: list[Lapisan] = []
    heksagon, ukuran_km = False, None

    kop_minggu = minggu.get("koperasi")
    if "koperasi" in lapisan and kop_minggu is not None:
        total = int(wilayah["terdaftar"].sum())
        if f.level is None or total > BATAS_TITIK:
            ukuran, kos = ukuran_heksagon(bbox)
            hx = peta_koperasi_heksagon(con, f, kop_minggu, ukuran, kos)
            tanpa = hx[hx["q"].isna()]
            catatan["koperasi_tanpa_titik"] = int(tanpa["koperasi"].sum()) if len(tanpa) else 0
            points.append(_lapisan_heksagon(hx, ukuran, kos))
            heksagon, ukuran_km = True, round(ukuran * math.sqrt(3) * 111.32)
        else:
            kop = peta_koperasi(con, f, kop_minggu, minggu.get("lahan"))
            catatan["koperasi_tanpa_titik"] = int(kop["asal"].isna().sum())
            catatan["koperasi_lahan_diabaikan"] = int(kop["koordinat_lahan"].isin(["tertukar", "di_luar"]).sum())
            points.append(_lapisan_koperasi(kop, rules, tingkat))
    for name, week in (("lahan", minggu.get("lahan")), ("sppg", minggu.get("sppg"))):
        if name not in lapisan or week is None:
            continue
        if f.level is None:
            catatan.setdefault("tanpa_titik_nasional", []).append(name)
            continue
        df = peta_lahan(con, f, week) if name == "lahan" else peta_sppg(con, f, week)
        if len(df) > BATAS_TITIK:
            catatan.setdefault("terlalu_banyak", {})[name] = len(df)
            continue
        if name == "lahan":
            # "Tidak ada lahan" has no parcel to draw: not a missing point.
            ada = df[~((df["koordinat"] == "kosong") & (df["status_verifikasi"] == "tidak_ada_lahan"))]
            catatan["lahan_koordinat"] = _hitung_koordinat(ada["koordinat"])
            points.append(_lapisan_lahan(df, tingkat))
        else:
            catatan["sppg_koordinat"] = _hitung_koordinat(df["koordinat"])
            catatan["sppg_tanpa_titik"] = int(df["asal"].isna().sum())
            points.append(_lapisan_sppg(df, tingkat))

    layers: list[Lapisan] = []
    view = geo.view_for_bbox(bbox)
    tol = geo.toleransi(view["zoom"])
    konteks = _konteks(f, bbox, tol)
    if konteks is not None:
        layers.append(konteks)
    if "wilayah" in lapisan:
        layers.extend(_lapisan_wilayah(m, tabel, idx, tingkat, alpha=150 if points else 215, tol=tol))
    layers.extend(points)

    labels = m.label_pita()
    legenda = [(labels[i], band.warna, sum(1 for j in idx if j == i)) for i, band in enumerate(m.pita)]
    tanpa = sum(1 for j in idx if j is None)
    if tanpa:
        legenda.append((LABEL_TANPA_DATA, TANPA_DATA, tanpa))
    return Peta(f, tingkat, m, layers, view, tabel, legenda, catatan, heksagon, ukuran_km)
