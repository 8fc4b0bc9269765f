"""The Peta page: areas coloured by fixed bands, koperasi/SPPG/lahan points, hexagons, suspect
coordinates, the view, the payload at national scale, and the page itself through AppTest."""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
import time

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from analytics import db, metrik, peta, zona
from analytics.filters import Filter
from analytics.peta import geometri
from conftest import ROOT
from ui import peta as ui_peta

W4 = dt.date(2025, 10, 27)
MINGGU = {"koperasi": W4, "sppg": W4, "lahan": W4}
KOSONG = {"koperasi": None, "sppg": None, "lahan": None}
LAMPUNG_BARAT = Filter("18", "18.04")
BALIK_BUKIT = Filter("18", "18.04", "18.04.04")
ABU = [205, 205, 205]
MB = 1024 * 1024


@pytest.fixture(scope="module")
def con(loaded_db_file, tmp_path_factory):
    """The hand-written fixtures (read only here)."""
    path = tmp_path_factory.mktemp("peta") / "peta.duckdb"
    shutil.copy(loaded_db_file, path)
    c = db.connect(path)
    yield c
    c.close()


@pytest.fixture(scope="module")
def rules():
    return zona.aturan.load_rules()


def colours(layer) -> dict[str, list[int]]:
    """Area code → fill colour (without alpha) of the area layer."""
    rows = [f["properties"] for f in layer.data] if layer.jenis == "GeoJsonLayer" else layer.data
    return {r["kode"]: r["warna"][:3] for r in rows}


# --- queries ------------------------------------------------------------------------------------


def areas(con, f: Filter):
    """Every area one level below `f` with the registry metrics the map offers (and their
    denominators), each source at the fixture's week."""
    out = None
    for sumber in ("koperasi", "sppg", "kelengkapan"):
        df = metrik.per_wilayah(con, f, sumber, W4)
        ids = [
            c
            for c in df.columns
            if c
            in (
                "terdaftar",
                "zona_hijau",
                "zona_kuning",
                "zona_merah",
                "tahap_tidak_dapat_dibangun",
                "simkopdes_aktif",
                "sppg_total",
                "sppg_beroperasi",
                "kabupaten_diharapkan",
                "kabupaten_melapor",
            )
        ]
        df = df[["kode", "nama", *ids]] if out is None else df[["kode", *ids]]
        out = df if out is None else out.merge(df, on="kode")
    return out


def test_areas_are_every_kecamatan_of_the_kabupaten_with_their_counts(con, gazetteer):
    df = areas(con, LAMPUNG_BARAT)
    assert list(df["kode"]) == sorted(code for code, _ in gazetteer.children("kecamatan", "18.04"))
    counts = [
        "terdaftar",
        "zona_hijau",
        "zona_kuning",
        "zona_merah",
        "tahap_tidak_dapat_dibangun",
        "simkopdes_aktif",
        "sppg_total",
        "sppg_beroperasi",
        "kabupaten_diharapkan",
        "kabupaten_melapor",
    ]
    with_data = df[(df["terdaftar"] > 0) | (df["sppg_total"] > 0)]
    assert with_data[["kode", "nama", *counts]].to_dict("records") == [
        {
            "kode": "18.04.04",
            "nama": "Balik Bukit",
            "terdaftar": 3,
            "zona_hijau": 1,
            "zona_kuning": 1,
            "zona_merah": 1,
            "tahap_tidak_dapat_dibangun": 0,
            "simkopdes_aktif": 3,
            "sppg_total": 2,
            "sppg_beroperasi": 1,
            "kabupaten_diharapkan": 1,
            "kabupaten_melapor": 1,
        },
        {
            "kode": "18.04.08",
            "nama": "Sekincau",
            "terdaftar": 2,
            "zona_hijau": 0,
            "zona_kuning": 1,
            "zona_merah": 1,
            "tahap_tidak_dapat_dibangun": 0,
            "simkopdes_aktif": 0,
            "sppg_total": 1,
            "sppg_beroperasi": 0,
            "kabupaten_diharapkan": 1,
            "kabupaten_melapor": 1,
        },
    ]
    # A kecamatan takes the reporting status of its kabupaten.
    assert set(df["kabupaten_diharapkan"]) == {1} and set(df["kabupaten_melapor"]) == {1}


def test_national_areas_count_the_kabupaten_that_reported(con):
    df = areas(con, Filter())
    assert len(df) == 38
    rows = df.set_index("kode")
    cols = ["terdaftar", "zona_merah", "sppg_total", "sppg_beroperasi", "kabupaten_diharapkan", "kabupaten_melapor"]
    assert rows.loc["18", cols].tolist() == [5, 2, 3, 1, 15, 1]
    assert rows.loc["52", cols].tolist() == [2, 0, 0, 0, 10, 1]
    assert rows.loc["11", ["terdaftar", "kabupaten_diharapkan", "kabupaten_melapor"]].tolist() == [0, 23, 0]


def test_koperasi_are_placed_at_their_land_parcel_or_desa_centroid(con):
    df = peta.peta_koperasi(con, LAMPUNG_BARAT, W4, W4)
    got = df[["nama", "zona", "lat", "lon", "asal", "koordinat_lahan"]].astype(object).where(df.notna(), None)
    assert got.to_dict("records") == [
        {
            "nama": "Koperasi Kelurahan Merah Putih Pasar Liwa",
            "zona": "kuning",
            "lat": -5.0219,
            "lon": 104.0793,
            "asal": "lahan",
            "koordinat_lahan": "ok",
        },
        {
            "nama": "Koperasi Desa Merah Putih Sebarus",
            "zona": "hijau",
            "lat": -5.0221,
            "lon": 104.0908,
            "asal": "lahan",
            "koordinat_lahan": "ok",
        },
        {
            "nama": "Koperasi Desa Merah Putih Gunung Sugih",
            "zona": "merah",
            "lat": -5.03227,
            "lon": 104.10617,
            "asal": "desa",
            "koordinat_lahan": None,
        },
        {
            "nama": "Koperasi Desa Merah Putih Pampangan",
            "zona": "merah",
            "lat": -4.99508,
            "lon": 104.30477,
            "asal": "desa",
            "koordinat_lahan": None,
        },
        # Its parcel (LB-003) lost its swapped coordinates at import: the desa centroid is used.
        {
            "nama": "Koperasi Desa Merah Putih Waspada",
            "zona": "kuning",
            "lat": -5.04672,
            "lon": 104.26872,
            "asal": "desa",
            "koordinat_lahan": "kosong",
        },
    ]
    assert [list(a) for a in df["aturan"]] == [["K1", "K3", "K4"], ["H1"], ["M4"], ["M3"], ["K1", "K2", "K4"]]


def test_sppg_without_coordinates_are_placed_at_the_kecamatan_centroid(con):
    df = peta.peta_sppg(con, LAMPUNG_BARAT, W4)
    assert df[["nama", "status", "lat", "lon", "asal", "koordinat"]].to_dict("records") == [
        {
            "nama": "SPPG Balik Bukit 1",
            "status": "beroperasi",
            "lat": -5.0221,
            "lon": 104.0908,
            "asal": "sppg",
            "koordinat": "ok",
        },
        {
            "nama": "SPPG Balik Bukit 2",
            "status": "persiapan",
            "lat": -5.0235,
            "lon": 104.0744,
            "asal": "kecamatan",
            "koordinat": "kosong",
        },
        {
            "nama": "SPPG Sekincau 1",
            "status": "rencana",
            "lat": -5.04894,
            "lon": 104.29907,
            "asal": "kecamatan",
            "koordinat": "kosong",
        },
    ]


# --- bands and colours --------------------------------------------------------------------------


def test_bands_are_fixed_and_labelled_in_indonesian():
    assert {m: metrik.METRIK[m].label_pita() for m in metrik.PETA[:6]} == {
        "zona_merah": ["di bawah 10%", "10% – di bawah 25%", "25% atau lebih"],
        "zona_hijau": ["di bawah 20%", "20% – di bawah 50%", "50% atau lebih"],
        "tahap_tidak_dapat_dibangun": ["di bawah 5%", "5% – di bawah 10%", "10% – di bawah 20%", "20% atau lebih"],
        "sppg_beroperasi": [
            "di bawah 10%",
            "10% – di bawah 25%",
            "25% – di bawah 50%",
            "50% – di bawah 75%",
            "75% atau lebih",
        ],
        "simkopdes_aktif": ["di bawah 50%", "50% – di bawah 75%", "75% – di bawah 90%", "90% atau lebih"],
        "kabupaten_melapor": ["di bawah 50%", "50% – di bawah 100%", "100%"],
    }
    # Counts are banded in their own unit.
    assert metrik.METRIK["sd_nilai_transaksi"].label_pita() == [
        "di bawah Rp10,0 jt",
        "Rp10,0 jt – di bawah Rp100,0 jt",
        "Rp100,0 jt – di bawah Rp1,0 M",
        "Rp1,0 M – di bawah Rp10,0 M",
        "Rp10,0 M atau lebih",
    ]
    merah = metrik.METRIK["zona_merah"]
    assert [merah.indeks_pita(v) for v in (0.0, 0.0999, 0.10, 0.2499, 0.25, 1.0, None, float("nan"))] == [
        0,
        0,
        1,
        1,
        2,
        2,
        None,
        None,
    ]
    # Every map metric is on one sequential hue, light for little and dark for much: a share is
    # never painted in another zone's colour (few merah must not read as hijau).
    for m in metrik.METRIK.values():
        if m.di_peta:
            terang = [0.299 * r + 0.587 * g + 0.114 * b for r, g, b in (band.warna for band in m.pita)]
            assert terang == sorted(terang, reverse=True), m.id
            assert not {band.warna for band in m.pita} & set(peta.WARNA_ZONA.values()), m.id
    assert [b.warna for b in merah.pita] == [(254, 224, 210), (252, 146, 114), (222, 45, 38)]
    assert [b.warna for b in metrik.METRIK["zona_hijau"].pita] == [(229, 245, 224), (161, 217, 155), (49, 163, 84)]


@pytest.mark.parametrize(
    ("metrik", "balik_bukit", "sekincau", "others"),
    [
        ("zona_merah", [222, 45, 38], [222, 45, 38], ABU),  # 1 of 3, 1 of 2: 25% or more
        ("zona_hijau", [161, 217, 155], [229, 245, 224], ABU),  # 1 of 3: 20–50%; 0 of 2
        ("tahap_tidak_dapat_dibangun", [254, 229, 217], [254, 229, 217], ABU),
        ("sppg_beroperasi", [49, 130, 189], [239, 243, 255], ABU),  # 1 of 2: 50–75%; 0 of 1
        ("simkopdes_aktif", [34, 94, 168], [255, 255, 204], ABU),  # 3 of 3; 0 of 2
        (
            "kabupaten_melapor",
            [49, 130, 189],
            [49, 130, 189],
            [49, 130, 189],
        ),  # Lampung Barat reported: every kecamatan
    ],
)
def test_each_metric_colours_the_kecamatan_by_its_own_share(con, rules, metrik, balik_bukit, sekincau, others):
    p = peta.peta(con, LAMPUNG_BARAT, MINGGU, metrik, {"wilayah"}, rules)
    assert [lp.id for lp in p.lapisan] == ["konteks", "wilayah"]
    got = colours(p.layer("wilayah"))
    assert len(got) == 15
    assert (got.pop("18.04.04"), got.pop("18.04.08")) == (balik_bukit, sekincau)
    assert {tuple(c) for c in got.values()} == {tuple(others)}


def test_area_tooltip_and_legend_say_value_band_and_counts(con, rules):
    p = peta.peta(con, LAMPUNG_BARAT, MINGGU, "zona_merah", {"wilayah"}, rules)
    props = {f["properties"]["kode"]: f["properties"] for f in p.layer("wilayah").data}
    assert props["18.04.04"] == {
        "kode": "18.04.04",
        "judul": "Balik Bukit",
        "warna": [222, 45, 38, 215],
        "rincian": "Bagian koperasi zona merah: 33,3% (1 dari 3 koperasi)\n"
        "Koperasi 3: hijau 1 · kuning 1 · merah 1\nSPPG 2, beroperasi 1",
    }
    assert props["18.04.05"]["rincian"] == "Bagian koperasi zona merah: Tidak ada data"
    assert p.legenda == [
        ("di bawah 10%", (254, 224, 210), 0),
        ("10% – di bawah 25%", (252, 146, 114), 0),
        ("25% atau lebih", (222, 45, 38), 2),
        ("Tidak ada data", (205, 205, 205), 13),
    ]
    assert p.wilayah[p.wilayah["terdaftar"] > 0][["nama", "nilai", "kelas"]].to_dict("records") == [
        {"nama": "Balik Bukit", "nilai": 1 / 3, "kelas": "25% atau lebih"},
        {"nama": "Sekincau", "nilai": 0.5, "kelas": "25% atau lebih"},
    ]


# --- points -------------------------------------------------------------------------------------


def test_points_carry_zone_status_and_why_in_indonesian(con, rules):
    p = peta.peta(con, LAMPUNG_BARAT, MINGGU, "zona_merah", peta.LAPISAN, rules)
    assert [lp.id for lp in p.lapisan] == ["konteks", "wilayah", "koperasi", "lahan", "sppg"]
    kop = p.layer("koperasi").data
    assert [(r["judul"], r["warna"], r["kode"]) for r in kop] == [
        ("Koperasi Kelurahan Merah Putih Pasar Liwa", [242, 183, 5, 235], "18.04.04"),
        ("Koperasi Desa Merah Putih Sebarus", [26, 152, 80, 235], "18.04.04"),
        ("Koperasi Desa Merah Putih Gunung Sugih", [215, 48, 39, 235], "18.04.04"),
        ("Koperasi Desa Merah Putih Pampangan", [215, 48, 39, 235], "18.04.08"),
        ("Koperasi Desa Merah Putih Waspada", [242, 183, 5, 235], "18.04.08"),
    ]
    assert kop[2] == {
        "posisi": [104.10617, -5.03227],
        "judul": "Koperasi Desa Merah Putih Gunung Sugih",
        "rincian": "Desa Gunung Sugih, Kec. Balik Bukit\nZona Merah (perlu intervensi)\n"
        f"Mengapa: {rules.explain('M4')}\nTitik: tengah desa",
        "warna": [215, 48, 39, 235],
        "kode": "18.04.04",
    }
    assert [(r["judul"], r["rincian"]) for r in p.layer("sppg").data] == [
        (
            "SPPG Balik Bukit 1",
            "Kec. Balik Bukit, Desa Sebarus\nStatus: Beroperasi\nKapasitas 3.000 porsi, penerima 2.850",
        ),
        (
            "SPPG Balik Bukit 2",
            "Kec. Balik Bukit\nStatus: Persiapan\n"
            "Titik: tengah kecamatan (koordinat SPPG tidak ada atau tidak dipakai)",
        ),
        (
            "SPPG Sekincau 1",
            "Kec. Sekincau\nStatus: Rencana\nTitik: tengah kecamatan (koordinat SPPG tidak ada atau tidak dipakai)",
        ),
    ]
    assert [r["warna"] for r in p.layer("sppg").data] == [[0, 114, 178, 255], [230, 159, 0, 255], [179, 179, 179, 255]]
    assert p.layer("lahan").data == [
        {
            "posisi": [104.0908, -5.0221],
            "judul": "Lahan LB-001",
            "warna": [0, 114, 178, 255],
            "kode": "18.04.04",
            "rincian": "Koperasi Desa Merah Putih Sebarus\nDesa Sebarus, Kec. Balik Bukit\nVerifikasi: Terverifikasi\n"
            "Tanah kas desa · 1.200 m²",
        },
        {
            "posisi": [104.0793, -5.0219],
            "judul": "Lahan LB-002",
            "warna": [230, 159, 0, 255],
            "kode": "18.04.04",
            "rincian": "Koperasi Kelurahan Merah Putih Pasar Liwa\nDesa Pasar Liwa, Kec. Balik Bukit\n"
            "Verifikasi: Sedang diverifikasi\nAset pemkab · 800 m²",
        },
    ]
    assert p.catatan == {
        "koperasi_tanpa_titik": 0,
        "koperasi_lahan_diabaikan": 0,
        "lahan_koordinat": {"kosong": 1, "tertukar": 0, "di_luar": 0},
        "sppg_koordinat": {"kosong": 2, "tertukar": 0, "di_luar": 0},
        "sppg_tanpa_titik": 0,
    }


def test_suspect_coordinates_are_not_drawn_and_are_counted(loaded_db, rules):
    # The importer already drops such points; rows reaching the database some other way must not be drawn.
    loaded_db.execute("update lahan set lat = 104.0908, lon = -5.0221 where id_lahan = 'LB-001'")  # swapped
    loaded_db.execute("update lahan set lat = 35.68, lon = 139.69 where id_lahan = 'LB-002'")  # Tokyo
    loaded_db.execute("update sppg set lat = 104.0908, lon = -5.0221 where nama_sppg = 'SPPG Balik Bukit 1'")
    p = peta.peta(loaded_db, LAMPUNG_BARAT, MINGGU, "zona_merah", peta.LAPISAN, rules)
    assert p.layer("lahan").data == []
    assert p.catatan["lahan_koordinat"] == {"kosong": 1, "tertukar": 1, "di_luar": 1}
    assert p.catatan["sppg_koordinat"] == {"kosong": 2, "tertukar": 1, "di_luar": 0}
    assert p.catatan["koperasi_lahan_diabaikan"] == 2
    # Drawn at their desa centroid instead.
    assert p.layer("sppg").data[0]["posisi"] == [104.09081, -5.02212]
    assert [r["posisi"] for r in p.layer("koperasi").data[:2]] == [[104.07933, -5.02198], [104.09081, -5.02212]]
    assert ui_peta.catatan(p) == [
        "2 koperasi digambar di titik tengah desa karena koordinat lahannya mencurigakan.",
        "3 SPPG digambar di titik tengah desa/kecamatan: 2 tanpa koordinat, 1 lintang/bujur tertukar.",
        "3 persil lahan tidak digambar: 1 tanpa koordinat, 1 lintang/bujur tertukar, 1 di luar Indonesia.",
    ]
    # "No land" has no parcel to draw: it is not a missing point.
    loaded_db.execute("update lahan set status_verifikasi = 'tidak_ada_lahan' where id_lahan = 'LB-003'")
    p = peta.peta(loaded_db, LAMPUNG_BARAT, MINGGU, "zona_merah", {"lahan"}, rules)
    assert p.catatan["lahan_koordinat"] == {"kosong": 0, "tertukar": 1, "di_luar": 1}


def test_desa_without_polygons_fall_back_to_centroid_points(con, rules):
    # Kecamatan Selemadeg (Tabanan, Bali): no desa polygons are shipped for Bali.
    p = peta.peta(con, Filter.from_code("51.02.01"), KOSONG, "zona_merah", peta.LAPISAN, rules)
    assert [lp.id for lp in p.lapisan] == ["konteks", "wilayah_titik"]
    desa = con.execute("select count(*) from desa where kode_induk = '51.02.01' and lat is not null").fetchone()[0]
    assert len(p.layer("wilayah_titik").data) == desa > 0
    assert {tuple(c) for c in colours(p.layer("wilayah_titik")).values()} == {tuple(ABU)}
    # Balik Bukit has desa polygons (Lampung is one of the three provinces shipped).
    q = peta.peta(con, BALIK_BUKIT, MINGGU, "zona_merah", {"wilayah"}, rules)
    assert [lp.id for lp in q.lapisan] == ["konteks", "wilayah"]
    assert colours(q.layer("wilayah")) == {
        **{kode: ABU for kode in colours(q.layer("wilayah"))},
        "18.04.04.1001": [254, 224, 210],
        "18.04.04.2005": [254, 224, 210],
        "18.04.04.2007": [222, 45, 38],
    }


def test_no_point_layers_at_national_level_only_hexagons(con, rules):
    p = peta.peta(con, Filter(), MINGGU, "zona_merah", peta.LAPISAN, rules)
    assert [lp.id for lp in p.lapisan] == ["wilayah", "koperasi_heksagon"]
    assert sum(int(r["judul"].split()[0]) for r in p.layer("koperasi_heksagon").data) == 7
    # A click on a hexagon leads to the province that holds most of its koperasi.
    assert sorted(r["kode"] for r in p.layer("koperasi_heksagon").data) == ["18", "18", "52"]
    assert p.catatan == {"koperasi_tanpa_titik": 0, "tanpa_titik_nasional": ["lahan", "sppg"]}
    assert ui_peta.catatan(p) == [
        "Titik Lahan tampil setelah Anda memilih provinsi.",
        "Titik SPPG tampil setelah Anda memilih provinsi.",
    ]


def test_each_koperasi_falls_in_the_hexagon_whose_centre_is_nearest(con):
    ukuran, kos = 0.05, math.cos(math.radians(-5))
    rows = con.execute(
        "select kode_desa, d.lat, d.lon from koperasi_aktif join desa as d on d.kode = kode_desa where minggu = $m",
        {"m": W4},
    ).fetchall()
    for kode, lat, lon in rows:
        cell = peta.peta_koperasi_heksagon(con, Filter.from_code(kode), W4, ukuran, kos).to_dict("records")
        assert len(cell) == 1 and cell[0]["koperasi"] == 1
        q, r = cell[0]["q"], cell[0]["r"]

        def dist(q, r, lon=lon, lat=lat):
            x = math.sqrt(3) * (q + r / 2) * ukuran
            y = 1.5 * r * ukuran
            return math.hypot(x - lon * kos, y - lat)

        neighbours = [(q + dq, r + dr) for dq, dr in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1))]
        assert dist(q, r) <= min(dist(*n) for n in neighbours) + 1e-9
        assert dist(q, r) <= ukuran + 1e-9
        assert abs(cell[0]["lon"] * kos - math.sqrt(3) * (q + r / 2) * ukuran) < 1e-9


# --- view, selection, deck ----------------------------------------------------------------------


def test_view_fits_the_bounding_box():
    assert geometri.view_for_bbox((100, -10, 110, 0)) == {
        "latitude": -5.01915,
        "longitude": 105.0,
        "zoom": 5.04,
        "pitch": 0,
        "bearing": 0,
    }


def test_map_zooms_to_the_filter_extent(con, rules):
    views = [
        peta.peta(con, f, MINGGU, "zona_merah", {"wilayah"}, rules).view
        for f in (Filter(), Filter("18"), LAMPUNG_BARAT, BALIK_BUKIT)
    ]
    assert [v["zoom"] for v in views] == sorted(v["zoom"] for v in views)
    assert views[0]["zoom"] < 4 < views[1]["zoom"] < 8 < views[2]["zoom"] < 10 < views[3]["zoom"]
    min_lon, min_lat, max_lon, max_lat = geometri.bbox_geometri(geometri.geometri("kabupaten", "18.04"))
    assert min_lon < views[2]["longitude"] < max_lon and min_lat < views[2]["latitude"] < max_lat


def test_a_click_selects_the_area_of_what_was_clicked():
    feature = {"type": "Feature", "properties": {"kode": "18.04", "judul": "Kab. Lampung Barat"}}
    assert ui_peta.kode_terpilih({"indices": {"wilayah": [3]}, "objects": {"wilayah": [feature]}}) == "18.04"
    assert ui_peta.kode_terpilih({"indices": {"sppg": [0]}, "objects": {"sppg": [{"kode": "18.04.04"}]}}) == "18.04.04"
    assert (
        ui_peta.kode_terpilih(
            {
                "indices": {"koperasi_heksagon": [0]},
                "objects": {"koperasi_heksagon": [{"judul": "5 koperasi", "kode": "18"}]},
            }
        )
        == "18"
    )
    assert ui_peta.kode_terpilih({"indices": {"x": [0]}, "objects": {"x": [{"judul": "tanpa kode"}]}}) is None
    assert ui_peta.kode_terpilih({"indices": {}, "objects": {}}) is None
    assert ui_peta.kode_terpilih(None) is None


def test_deck_requests_nothing_outside_the_app_unless_online(con, rules, tmp_path):
    p = peta.peta(con, LAMPUNG_BARAT, MINGGU, "zona_merah", peta.LAPISAN, rules)
    offline = json.loads(ui_peta.deck(p).to_json())
    assert offline["mapStyle"] == "app/static/peta_kosong.json" and "mapProvider" not in offline
    assert "http" not in json.dumps(offline)
    assert [layer["id"] for layer in offline["layers"]] == ["konteks", "wilayah", "koperasi", "lahan", "sppg"]
    assert offline["layers"][2]["radiusUnits"] == "pixels"  # a literal, not an accessor
    style = json.loads((ROOT / "static" / "peta_kosong.json").read_text(encoding="utf-8"))
    assert style["sources"] == {} and "glyphs" not in style and "sprite" not in style
    online = json.loads(ui_peta.deck(p, online=True).to_json())
    assert (online["mapProvider"], online["mapStyle"]) == ("carto", ui_peta.GAYA_ONLINE)

    settings = tmp_path / "pengaturan.toml"
    assert peta.online_aktif(settings) is False  # no file: off
    settings.write_text("peta_online = true\n", encoding="utf-8")
    assert peta.online_aktif(settings) is True
    assert peta.online_aktif(ROOT / "data" / "pengaturan.toml") is False  # as shipped


# --- national scale -----------------------------------------------------------------------------

NASIONAL = dt.date(2026, 11, 16)


@pytest.fixture(scope="module")
def nasional(empty_db_file, tmp_path_factory):
    """One koperasi per desa of the whole country (83.762), written in SQL over the gazetteer."""
    path = tmp_path_factory.mktemp("nasional") / "nasional.duckdb"
    shutil.copy(empty_db_file, path)
    c = db.connect(path)
    batch = db.next_id(c, "batch_id")
    c.execute(
        """insert into upload_batch (batch_id, dataset, minggu, nama_file, sha256, diunggah_oleh, diunggah_pada,
                     jumlah_baris, kabupaten, contoh)
                 select $b, 'koperasi', $m, 'nasional.csv', 'sintetis', 'uji', timestamp '2026-11-20 08:00',
                        (select count(*) from desa), list(kode order by kode), false
                 from kabupaten""",
        {"b": batch, "m": NASIONAL},
    )
    c.execute(
        """insert into batch_cakupan (batch_id, dataset, minggu, kode_kabupaten)
                 select $b, 'koperasi', $m, kode from kabupaten""",
        {"b": batch, "m": NASIONAL},
    )
    c.execute(
        """insert into koperasi (batch_id, baris, minggu, tanggal_laporan, kode_provinsi, kode_kabupaten,
                     kode_kecamatan, kode_desa, id_koperasi, nama_koperasi, badan_hukum, npwp, nib, masuk_portal,
                     akun_simkopdes, status_lahan, tahap_fisik, progres_fisik_persen, gerai_beroperasi)
                 select $b, row_number() over (order by kode) + 1, $m, $m, left(kode, 2), left(kode, 5),
                        left(kode, 8), kode, kode || '|koperasi desa merah putih ' || lower(nama),
                        'Koperasi Desa Merah Putih ' || nama,
                        hash(kode) % 10 > 0, hash(kode) % 7 > 1, hash(kode) % 5 > 1, hash(kode) % 3 > 0,
                        case hash(kode) % 4 when 0 then 'kendala' when 1 then 'belum' else 'aktif' end,
                        case hash(kode) % 6 when 0 then 'ditolak' when 1 then 'diajukan' else 'terverifikasi' end,
                        case hash(kode) % 8 when 0 then 'tidak_dapat_dibangun' when 1 then 'selesai'
                             when 2 then 'belum_mulai' else 'pembangunan' end,
                        (hash(kode) % 100)::double, hash(kode) % 11 = 0
                 from desa""",
        {"b": batch, "m": NASIONAL},
    )
    zona.aturan.recompute(c, zona.aturan.load_rules())
    yield c
    c.close()


def test_national_map_sends_aggregates_under_5_mb(nasional, rules, capsys):
    minggu = {"koperasi": NASIONAL, "sppg": None, "lahan": None}
    start = time.perf_counter()
    p = peta.peta(nasional, Filter(), minggu, "zona_merah", peta.LAPISAN, rules)
    elapsed = time.perf_counter() - start
    size = ui_peta.ukuran_json(p)
    assert [lp.id for lp in p.lapisan] == ["wilayah", "koperasi_heksagon"]
    drawn = sum(int(r["judul"].split()[0].replace(".", "")) for r in p.layer("koperasi_heksagon").data)
    assert drawn + p.catatan["koperasi_tanpa_titik"] == 83_762
    assert p.catatan["koperasi_tanpa_titik"] == 359  # desa without a centroid in the gazetteer
    assert size < 5 * MB
    with capsys.disabled():
        print(
            f"\n[peta] nasional: {size / MB:.2f} MB deck JSON, {len(p.layer('koperasi_heksagon').data)} "
            f"heksagon, disusun dalam {elapsed:.2f} s"
        )


@pytest.mark.parametrize(("kode", "heksagon"), [("33", True), ("52", False), ("91", False)])
def test_province_maps_stay_under_5_mb(nasional, rules, kode, heksagon):
    # Jawa Tengah has 8.500 desa: hexagons; NTB and Papua are drawn as points.
    minggu = {"koperasi": NASIONAL, "sppg": None, "lahan": None}
    p = peta.peta(nasional, Filter(kode), minggu, "zona_merah", peta.LAPISAN, rules)
    assert (p.layer("koperasi_heksagon") is not None, p.layer("koperasi") is not None) == (heksagon, not heksagon)
    assert ui_peta.ukuran_json(p) < 5 * MB


# --- the page -----------------------------------------------------------------------------------


@pytest.fixture
def app(loaded_store, monkeypatch):
    monkeypatch.setenv("KDKMP_DB", loaded_store)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/7_peta.py").run()
    assert not at.exception
    return at


def deck_json(at) -> dict:
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.json)


def layer_sizes(spec: dict) -> dict[str, int]:
    return {layer["id"]: len(layer.get("data", [])) for layer in spec["layers"]}


def test_peta_page_draws_the_country_offline_then_narrows_with_the_filter(app):
    spec = deck_json(app)
    assert spec["mapStyle"] == "app/static/peta_kosong.json" and "mapProvider" not in spec
    assert "cartocdn" not in app.get("deck_gl_json_chart")[0].proto.json
    assert layer_sizes(spec) == {"wilayah": 38, "koperasi_heksagon": 3}
    notes = "\n".join(c.value for c in app.caption)
    assert "Titik SPPG tampil setelah Anda memilih provinsi." in notes
    assert "Peta luar jaringan: batas wilayah dari gazetir Kemendagri" in notes

    app.selectbox(key="w_provinsi").set_value("18").run()
    app.selectbox(key="w_kabupaten").set_value("18.04").run()
    assert not app.exception
    spec = deck_json(app)
    assert layer_sizes(spec) == {"konteks": 12, "wilayah": 15, "koperasi": 5, "sppg": 3}
    assert spec["initialViewState"]["zoom"] > 9
    legend = next(m.value for m in app.markdown if "Bagian koperasi zona merah per kecamatan" in m.value)
    assert "25% atau lebih" in legend and "(2 wilayah)" in legend and "Beroperasi" in legend
    assert "2 SPPG digambar di titik tengah desa/kecamatan: 2 tanpa koordinat." in "\n".join(
        c.value for c in app.caption
    )


def test_metric_and_layer_choice_change_the_map(app):
    app.selectbox(key="w_provinsi").set_value("18").run()
    app.selectbox(key="w_kabupaten").set_value("18.04").run()
    app.selectbox(key="peta_metrik").set_value("sppg_beroperasi").run()
    app.button_group(key="peta_lapisan").set_value(["wilayah", "lahan"]).run()
    assert not app.exception
    spec = deck_json(app)
    assert layer_sizes(spec) == {"konteks": 12, "wilayah": 15, "lahan": 2}
    wilayah = next(layer for layer in spec["layers"] if layer["id"] == "wilayah")
    fill = {f["properties"]["kode"]: f["properties"]["warna"][:3] for f in wilayah["data"]}
    assert (fill["18.04.04"], fill["18.04.08"], fill["18.04.05"]) == ([49, 130, 189], [239, 243, 255], ABU)


def test_clicking_an_area_on_the_map_narrows_the_shared_filter(app):
    app.selectbox(key="w_provinsi").set_value("18").run()
    app.selectbox(key="w_kabupaten").set_value("18.04").run()
    chart = app.get("deck_gl_json_chart")[0]
    spec = json.loads(chart.proto.json)
    wilayah = next(layer for layer in spec["layers"] if layer["id"] == "wilayah")
    index = next(i for i, f in enumerate(wilayah["data"]) if f["properties"]["kode"] == "18.04.04")
    # What the browser sends when the user clicks Balik Bukit (AppTest has no click for deck.gl charts).
    states = app._tree.get_widget_states()
    states.widgets.append(
        WidgetState(
            id=chart.proto.id,
            string_value=json.dumps(
                {"selection": {"indices": {"wilayah": [index]}, "objects": {"wilayah": [wilayah["data"][index]]}}}
            ),
        )
    )
    app._run(states)
    assert not app.exception
    assert app.query_params == {"provinsi": "18", "kabupaten": "18.04", "kecamatan": "18.04.04"}
    spec = deck_json(app)
    assert spec["initialViewState"]["zoom"] > 10
    assert "Bagian koperasi zona merah per desa/kelurahan" in "".join(m.value for m in app.markdown)


def test_peta_page_without_data_says_what_to_upload(empty_db_file, tmp_path, monkeypatch):
    path = tmp_path / "kosong.duckdb"
    shutil.copy(empty_db_file, path)
    monkeypatch.setenv("KDKMP_DB", str(path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/7_peta.py").run()
    assert not at.exception
    assert at.info[0].value.startswith("Belum ada data koperasi, SPPG, atau lahan untuk filter ini")
    assert layer_sizes(deck_json(at)) == {"wilayah": 38}
