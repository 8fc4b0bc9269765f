"""SPPG, Digitalisasi & Pelatihan and Kelengkapan Laporan: every query with whole expected results,
and the three pages through AppTest.

Most queries run on the shared fixture database (`loaded_db`). Reporting on time or late needs upload
times that are not "now", so those tests build their own database from tests/fixtures/sppg_digital/
with `diunggah_pada` set explicitly. SIMKOPDES village statistics are inserted with SQL until their
importer exists.
"""

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import bimtek, db, digitalisasi, ingest, kelengkapan, metrik, sppg
from analytics.filters import Filter
from conftest import FIXTURES, ROOT, TODAY

W1, W2, W3, W4 = (dt.date(2025, 10, 6), dt.date(2025, 10, 13), dt.date(2025, 10, 20), dt.date(2025, 10, 27))
LAMPUNG_BARAT = Filter("18", "18.04")
BALIK_BUKIT = Filter("18", "18.04", "18.04.04")
SEKINCAU = Filter("18", "18.04", "18.04.08")
OWN = FIXTURES / "sppg_digital"
LB = "Kab. Lampung Barat"
# Lampung Barat's kecamatan in the gazetteer, in code order.
KECAMATAN_LAMPUNG_BARAT = [
    ("18.04.04", "Balik Bukit"),
    ("18.04.05", "Sumber Jaya"),
    ("18.04.06", "Belalau"),
    ("18.04.07", "Way Tenong"),
    ("18.04.08", "Sekincau"),
    ("18.04.09", "Suoh"),
    ("18.04.10", "Batu Brak"),
    ("18.04.11", "Sukau"),
    ("18.04.15", "Gedung Surian"),
    ("18.04.18", "Kebun Tebu"),
    ("18.04.19", "Air Hitam"),
    ("18.04.20", "Pagar Dewa"),
    ("18.04.21", "Batu Ketulis"),
    ("18.04.22", "Lumbok Seminung"),
    ("18.04.23", "Bandar Negeri Suoh"),
]


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain Python values (dates as date, missing as None) for whole-result comparisons."""
    out = []
    for row in df.to_dict("records"):
        clean = {}
        for k, v in row.items():
            if v is None or (not isinstance(v, (list, str)) and pd.isna(v)):
                v = None
            elif isinstance(v, pd.Timestamp):
                v = v.to_pydatetime()
                v = v.date() if k in ("minggu", "tanggal", "tanggal_operasi", "batas_lapor") else v
            elif hasattr(v, "item"):
                v = v.item()
            clean[k] = v
        out.append(clean)
    return out


# ------------------------------------------------------------------------------------------------
# SPPG


def test_sppg_by_kecamatan_with_beneficiaries_of_operating_kitchens(loaded_db):
    assert records(sppg.sppg_per_wilayah(loaded_db, LAMPUNG_BARAT, W4)) == [
        {
            "kode": "18.04.04",
            "nama": "Balik Bukit",
            "total": 2,
            "rencana": 0,
            "persiapan": 1,
            "beroperasi": 1,
            "ditutup_sementara": 0,
            "tidak_diisi": 0,
            "penerima_manfaat": 2850,
            "pemasok_lokal": 12,
        },
        {
            "kode": "18.04.08",
            "nama": "Sekincau",
            "total": 1,
            "rencana": 1,
            "persiapan": 0,
            "beroperasi": 0,
            "ditutup_sementara": 0,
            "tidak_diisi": 0,
            "penerima_manfaat": 0,
            "pemasok_lokal": 0,
        },
    ]


def test_sppg_by_province_nationally(loaded_db):
    df = sppg.sppg_per_wilayah(loaded_db, Filter(), W4)
    assert records(df[["kode", "nama", "total", "beroperasi"]]) == [
        {"kode": "18", "nama": "Lampung", "total": 3, "beroperasi": 1},
    ]


def test_sppg_by_week_counts_each_status(loaded_db):
    assert records(sppg.sppg_per_minggu(loaded_db, LAMPUNG_BARAT, W4)) == [
        {"minggu": W4, "total": 3, "rencana": 1, "persiapan": 1, "beroperasi": 1, "ditutup_sementara": 0},
    ]
    # Weeks after the chosen one are left out.
    assert sppg.sppg_per_minggu(loaded_db, LAMPUNG_BARAT, W3).empty


def test_sppg_sites_with_place_names(loaded_db):
    assert records(sppg.sppg_lokasi(loaded_db, LAMPUNG_BARAT, W4)) == [
        {
            "nama_sppg": "SPPG Balik Bukit 1",
            "kabupaten": LB,
            "kecamatan": "Balik Bukit",
            "desa": "Sebarus",
            "status": "beroperasi",
            "tanggal_operasi": dt.date(2025, 9, 1),
            "kapasitas_porsi": 3000,
            "penerima_manfaat": 2850,
            "pemasok_lokal": 12,
            "kode_kecamatan": "18.04.04",
            "kode_desa": "18.04.04.2005",
        },
        {
            "nama_sppg": "SPPG Balik Bukit 2",
            "kabupaten": LB,
            "kecamatan": "Balik Bukit",
            "desa": None,
            "status": "persiapan",
            "tanggal_operasi": None,
            "kapasitas_porsi": None,
            "penerima_manfaat": None,
            "pemasok_lokal": None,
            "kode_kecamatan": "18.04.04",
            "kode_desa": None,
        },
        {
            "nama_sppg": "SPPG Sekincau 1",
            "kabupaten": LB,
            "kecamatan": "Sekincau",
            "desa": None,
            "status": "rencana",
            "tanggal_operasi": None,
            "kapasitas_porsi": None,
            "penerima_manfaat": None,
            "pemasok_lokal": None,
            "kode_kecamatan": "18.04.08",
            "kode_desa": None,
        },
    ]
    assert sppg.sppg_lokasi(loaded_db, SEKINCAU, W4)["nama_sppg"].tolist() == ["SPPG Sekincau 1"]


def test_sppg_beneficiaries_count_only_operating_kitchens_and_who_gave_them(loaded_db):
    keys = (
        "sppg_beroperasi",
        "sppg_mengisi_penerima",
        "sppg_penerima_manfaat",
        "sppg_mengisi_pemasok",
        "sppg_pemasok_lokal",
        "sppg_kapasitas_porsi",
    )
    manfaat = metrik.nilai(loaded_db, LAMPUNG_BARAT, "sppg", W4)
    assert {k: manfaat[k] for k in keys} == {
        "sppg_beroperasi": 1,
        "sppg_mengisi_penerima": 1,
        "sppg_penerima_manfaat": 2850,
        "sppg_mengisi_pemasok": 1,
        "sppg_pemasok_lokal": 12,
        "sppg_kapasitas_porsi": 3000,
    }
    sekincau = metrik.nilai(loaded_db, SEKINCAU, "sppg", W4)
    assert {sekincau[k] for k in keys} == {0}


def test_kecamatan_without_sppg_are_the_gazetteer_minus_those_with_any_sppg(loaded_db):
    expected = [
        {"kode": kode, "kecamatan": nama, "kode_kabupaten": "18.04", "kabupaten": LB, "kabupaten_melapor": True}
        for kode, nama in KECAMATAN_LAMPUNG_BARAT
        if kode not in ("18.04.04", "18.04.08")
    ]
    assert records(sppg.kecamatan_tanpa_sppg(loaded_db, LAMPUNG_BARAT, W4)) == expected
    assert sppg.kecamatan_tanpa_sppg(loaded_db, SEKINCAU, W4).empty
    assert records(sppg.kecamatan_tanpa_sppg(loaded_db, Filter("18", "18.04", "18.04.19"), W4)) == [
        {
            "kode": "18.04.19",
            "kecamatan": "Air Hitam",
            "kode_kabupaten": "18.04",
            "kabupaten": LB,
            "kabupaten_melapor": True,
        }
    ]


def test_kecamatan_without_sppg_nationally_only_in_provinces_with_sppg_data(loaded_db):
    df = sppg.kecamatan_tanpa_sppg(loaded_db, Filter(), W4)
    # Lampung is the only province with SPPG data; NTB is not counted.
    assert set(df["kode"].str[:2]) == {"18"}
    assert len(df) == loaded_db.execute("select count(*) from kecamatan where kode like '18.%'").fetchone()[0] - 2
    # A kabupaten that sent no SPPG file that week is flagged: its kitchens may be unreported.
    assert df[df["kode_kabupaten"] == "18.01"]["kabupaten_melapor"].eq(False).all()


# ------------------------------------------------------------------------------------------------
# SIMKOPDES accounts


def test_simkopdes_accounts_by_kecamatan_most_problems_first(loaded_db):
    assert records(digitalisasi.simkopdes_per_wilayah(loaded_db, LAMPUNG_BARAT, W4)) == [
        {"kode": "18.04.08", "nama": "Sekincau", "koperasi": 2, "aktif": 0, "kendala": 1, "belum": 1, "tidak_diisi": 0},
        {
            "kode": "18.04.04",
            "nama": "Balik Bukit",
            "koperasi": 3,
            "aktif": 3,
            "kendala": 0,
            "belum": 0,
            "tidak_diisi": 0,
        },
    ]


def test_simkopdes_accounts_by_desa_below_a_kecamatan(loaded_db):
    df = digitalisasi.simkopdes_per_wilayah(loaded_db, SEKINCAU, W4)
    assert records(df) == [
        {
            "kode": "18.04.08.2006",
            "nama": "Waspada",
            "koperasi": 1,
            "aktif": 0,
            "kendala": 1,
            "belum": 0,
            "tidak_diisi": 0,
        },
        {
            "kode": "18.04.08.2001",
            "nama": "Pampangan",
            "koperasi": 1,
            "aktif": 0,
            "kendala": 0,
            "belum": 1,
            "tidak_diisi": 0,
        },
    ]


def test_koperasi_with_simkopdes_problems_list_for_the_field_officer(loaded_db):
    assert records(digitalisasi.koperasi_simkopdes_kendala(loaded_db, LAMPUNG_BARAT, W4)) == [
        {
            "nama_koperasi": "Koperasi Desa Merah Putih Waspada",
            "desa": "Waspada",
            "kecamatan": "Sekincau",
            "kabupaten": LB,
            "pendamping": "Agus Salim",
            "kendala": "cuaca, tenaga_kerja",
            "keterangan": None,
            "kode_desa": "18.04.08.2006",
        },
    ]
    assert digitalisasi.koperasi_simkopdes_kendala(loaded_db, BALIK_BUKIT, W4).empty
    # Waspada was first reported in the third week.
    assert digitalisasi.koperasi_simkopdes_kendala(loaded_db, LAMPUNG_BARAT, W2).empty


# ------------------------------------------------------------------------------------------------
# SIMKOPDES village statistics (rows inserted directly until the importer exists)


def add_simkopdes_desa(con, minggu, kabupaten: str, rows: list[tuple], *, undone: bool = False) -> int:
    """One SIMKOPDES village-statistics batch: rows are (kode_desa, koperasi, akun, npwp, nib, rat,
    volume_transaksi, nilai_transaksi)."""
    batch = db.next_id(con, "batch_id")
    con.execute(
        """insert into upload_batch (batch_id, dataset, minggu, nama_file, sha256, diunggah_oleh, diunggah_pada,
           jumlah_baris, kabupaten, dibatalkan_pada)
           values ($b, 'simkopdes_desa', $m, 'statistik_desa.csv', $sha, 'uji', $t, $n, [$kab], $undone)""",
        {
            "b": batch,
            "m": minggu,
            "sha": f"{minggu}-{kabupaten}-{undone}",
            "t": dt.datetime.combine(minggu, dt.time(12)),
            "n": len(rows),
            "kab": kabupaten,
            "undone": dt.datetime(2025, 11, 1) if undone else None,
        },
    )
    con.execute(
        "insert into batch_cakupan values ($b, 'simkopdes_desa', $m, $kab)", {"b": batch, "m": minggu, "kab": kabupaten}
    )
    for i, (desa, *values) in enumerate(rows, start=1):
        kec, prov = desa.rsplit(".", 1)[0], desa.split(".")[0]
        con.execute(
            """insert into simkopdes_desa (batch_id, baris, minggu, kode_provinsi, kode_kabupaten, kode_kecamatan,
               kode_desa, koperasi, akun, npwp, nib, rat, volume_transaksi, nilai_transaksi)
               values ($b, $i, $m, $prov, $kab, $kec, $desa, $koperasi, $akun, $npwp, $nib, $rat, $volume, $nilai)""",
            {
                "b": batch,
                "i": i,
                "m": minggu,
                "prov": prov,
                "kab": kabupaten,
                "kec": kec,
                "desa": desa,
                **dict(zip(("koperasi", "akun", "npwp", "nib", "rat", "volume", "nilai"), values)),
            },
        )
    return batch


@pytest.fixture
def simkopdes_db(loaded_db):
    """The fixture database plus SIMKOPDES village statistics: Lampung Barat in weeks 3 and 4, and
    an undone batch for Lombok Barat that must not count."""
    add_simkopdes_desa(loaded_db, W3, "18.04", [("18.04.04.2005", 1, 1, 1, 1, 0, 100, 10_000_000.0)])
    add_simkopdes_desa(
        loaded_db,
        W4,
        "18.04",
        [
            ("18.04.04.2005", 1, 1, 1, 1, 0, 120, 15_500_000.0),
            ("18.04.04.2007", 1, 1, 0, 1, 1, 30, 2_250_000.5),
            ("18.04.08.2001", 1, 0, 0, 0, 0, 0, 0.0),
            ("18.04.08.2006", 1, None, None, None, None, None, None),
        ],
    )
    add_simkopdes_desa(loaded_db, W4, "52.01", [("52.01.01.1004", 1, 1, 1, 1, 1, 999, 1e9)], undone=True)
    return loaded_db


def test_weeks_with_simkopdes_village_statistics(simkopdes_db):
    assert digitalisasi.minggu_simkopdes_desa(simkopdes_db, LAMPUNG_BARAT) == [W3, W4]
    assert digitalisasi.minggu_simkopdes_desa(simkopdes_db, Filter("52")) == []
    assert digitalisasi.minggu_simkopdes_desa(simkopdes_db, Filter()) == [W3, W4]


def test_simkopdes_village_statistics_summed_over_the_filter(simkopdes_db):
    assert metrik.nilai(simkopdes_db, LAMPUNG_BARAT, "simkopdes_desa", W4) == {
        "sd_desa": 4,
        "sd_koperasi": 4,
        "sd_akun": 2,
        "sd_npwp": 1,
        "sd_nib": 2,
        "sd_rat": 1,
        "sd_volume_transaksi": 150,
        "sd_nilai_transaksi": 17_750_000.5,
    }
    assert metrik.nilai(simkopdes_db, Filter("52"), "simkopdes_desa", W4) == {
        "sd_desa": 0,
        "sd_koperasi": 0,
        "sd_akun": 0,
        "sd_npwp": 0,
        "sd_nib": 0,
        "sd_rat": 0,
        "sd_volume_transaksi": 0,
        "sd_nilai_transaksi": 0.0,
    }


def test_simkopdes_village_statistics_by_kecamatan(simkopdes_db):
    def with_data(f, minggu):
        df = metrik.per_wilayah(simkopdes_db, f, "simkopdes_desa", minggu).drop(columns=["lat", "lon"])
        return records(df[df["sd_desa"] > 0])

    assert with_data(LAMPUNG_BARAT, W4) == [
        {
            "kode": "18.04.04",
            "nama": "Balik Bukit",
            "sd_desa": 2,
            "sd_koperasi": 2,
            "sd_akun": 2,
            "sd_npwp": 1,
            "sd_nib": 2,
            "sd_rat": 1,
            "sd_volume_transaksi": 150,
            "sd_nilai_transaksi": 17_750_000.5,
        },
        {
            "kode": "18.04.08",
            "nama": "Sekincau",
            "sd_desa": 2,
            "sd_koperasi": 2,
            "sd_akun": 0,
            "sd_npwp": 0,
            "sd_nib": 0,
            "sd_rat": 0,
            "sd_volume_transaksi": 0,
            "sd_nilai_transaksi": 0.0,
        },
    ]
    assert with_data(Filter(), W3) == [
        {
            "kode": "18",
            "nama": "Lampung",
            "sd_desa": 1,
            "sd_koperasi": 1,
            "sd_akun": 1,
            "sd_npwp": 1,
            "sd_nib": 1,
            "sd_rat": 0,
            "sd_volume_transaksi": 100,
            "sd_nilai_transaksi": 10_000_000.0,
        },
    ]
    # Every kecamatan of the gazetteer is an area, with zeros where the export has no desa.
    assert len(metrik.per_wilayah(simkopdes_db, LAMPUNG_BARAT, "simkopdes_desa", W4)) == len(KECAMATAN_LAMPUNG_BARAT)


# ------------------------------------------------------------------------------------------------
# Bimtek


def test_bimtek_by_kecamatan_this_week_and_up_to_it(loaded_db):
    assert records(bimtek.bimtek_per_wilayah(loaded_db, LAMPUNG_BARAT, W4)) == [
        {
            "kode": "18.04.04",
            "nama": "Balik Bukit",
            "kegiatan": 1,
            "peserta": 12,
            "kegiatan_kumulatif": 1,
            "peserta_kumulatif": 12,
        },
        {
            "kode": "18.04.08",
            "nama": "Sekincau",
            "kegiatan": 1,
            "peserta": 8,
            "kegiatan_kumulatif": 1,
            "peserta_kumulatif": 8,
        },
    ]
    # Below a kecamatan the breakdown stays at the kecamatan.
    assert bimtek.bimtek_per_wilayah(loaded_db, BALIK_BUKIT, W4)["kode"].tolist() == ["18.04.04"]


def test_bimtek_by_week_and_participant_category(loaded_db):
    assert records(bimtek.bimtek_per_minggu(loaded_db, LAMPUNG_BARAT, W4)) == [
        {"minggu": W4, "kategori_peserta": "ketua_koperasi", "kegiatan": 1, "peserta": 12},
        {"minggu": W4, "kategori_peserta": "pengurus", "kegiatan": 1, "peserta": 8},
    ]


def test_bimtek_events_newest_first(loaded_db):
    assert records(bimtek.bimtek_kegiatan(loaded_db, LAMPUNG_BARAT, W4)) == [
        {
            "tanggal": dt.date(2025, 10, 29),
            "minggu": W4,
            "kabupaten": LB,
            "kecamatan": "Sekincau",
            "nama_kegiatan": "Bimtek Pengurus Sekincau",
            "kategori_peserta": "pengurus",
            "jumlah_peserta": 8,
        },
        {
            "tanggal": dt.date(2025, 10, 28),
            "minggu": W4,
            "kabupaten": LB,
            "kecamatan": "Balik Bukit",
            "nama_kegiatan": "Bimtek Ketua Koperasi Balik Bukit",
            "kategori_peserta": "ketua_koperasi",
            "jumlah_peserta": 12,
        },
    ]
    assert bimtek.bimtek_kegiatan(loaded_db, LAMPUNG_BARAT, W3).empty


# ------------------------------------------------------------------------------------------------
# Kelengkapan laporan


def commit_at(con, gazetteer, name: str, at: dt.datetime) -> int:
    """Upload a file of tests/fixtures/sppg_digital as if at `at`."""
    path = OWN / name
    prepared = ingest.prepare(con, path.read_bytes(), path.name, gazetteer=gazetteer, today=TODAY)
    assert not prepared.rejected and not prepared.result.errors, prepared.report()
    return ingest.commit(con, prepared, now=at)


@pytest.fixture(scope="module")
def timed_db_file(empty_db_file, tmp_path_factory, gazetteer) -> Path:
    """Uploads with known times (cut-off: end of the Monday after each week, hari_batas_lapor = 1).

    W1 (6–12 Okt): koperasi Lampung Barat Sunday 12 Okt (on time), corrected on 25 Okt (late, but the
    first upload counts); koperasi Lombok Barat Monday 13 Okt 23:59:59 (on time, at the edge);
    sppg Lampung Barat Wednesday 15 Okt (late). W2 (13–19 Okt): koperasi Lampung Barat Tuesday
    21 Okt 00:00 (late, at the edge); sppg Lampung Barat on time but undone (missing); bimtek
    Lampung Barat on time. No lahan.
    """
    path = tmp_path_factory.mktemp("tepat_waktu") / "kelengkapan.duckdb"
    shutil.copy(empty_db_file, path)
    con = db.connect(path)
    try:
        commit_at(con, gazetteer, "koperasi_lampung_barat_2025-10-06.csv", dt.datetime(2025, 10, 12, 18, 0))
        commit_at(con, gazetteer, "koperasi_lombok_barat_2025-10-06.csv", dt.datetime(2025, 10, 13, 23, 59, 59))
        commit_at(con, gazetteer, "sppg_lampung_barat_2025-10-06.csv", dt.datetime(2025, 10, 15, 8, 0))
        commit_at(con, gazetteer, "koperasi_lampung_barat_2025-10-13.csv", dt.datetime(2025, 10, 21, 0, 0))
        undone = commit_at(con, gazetteer, "sppg_lampung_barat_2025-10-13.csv", dt.datetime(2025, 10, 17, 9, 0))
        ingest.undo(con, undone)
        commit_at(con, gazetteer, "bimtek_lampung_barat_2025-10-13.csv", dt.datetime(2025, 10, 16, 10, 0))
        commit_at(con, gazetteer, "koperasi_lampung_barat_2025-10-06_koreksi.csv", dt.datetime(2025, 10, 25, 9, 0))
    finally:
        con.close()
    return path


@pytest.fixture
def timed_db(timed_db_file, tmp_path):
    path = tmp_path / "kelengkapan.duckdb"
    shutil.copy(timed_db_file, path)
    con = db.connect(path)
    yield con
    con.close()


def status_row(dataset, minggu, batas, diunggah, status, kode="18.04", nama=LB):
    return {
        "dataset": dataset,
        "minggu": minggu,
        "kode_kabupaten": kode,
        "nama": nama,
        "batas_lapor": batas,
        "diunggah_pada": diunggah,
        "status": status,
    }


def test_reports_are_on_time_until_the_end_of_the_cut_off_day_of_the_next_week(timed_db):
    mon1, mon2 = dt.date(2025, 10, 13), dt.date(2025, 10, 20)
    assert records(kelengkapan.kelengkapan_status(timed_db, LAMPUNG_BARAT, W2, 2, hari_batas_lapor=1)) == [
        # The correction of 25 Okt does not make the report of W1 late: the first upload counts.
        status_row("koperasi", W1, mon1, dt.datetime(2025, 10, 12, 18, 0), "tepat_waktu"),
        status_row("koperasi", W2, mon2, dt.datetime(2025, 10, 21, 0, 0), "terlambat"),
        status_row("lahan", W1, mon1, None, "tidak_melapor"),
        status_row("lahan", W2, mon2, None, "tidak_melapor"),
        status_row("sppg", W1, mon1, dt.datetime(2025, 10, 15, 8, 0), "terlambat"),
        # Undone: as if never sent.
        status_row("sppg", W2, mon2, None, "tidak_melapor"),
        status_row("bimtek", W1, mon1, None, "tidak_melapor"),
        status_row("bimtek", W2, mon2, dt.datetime(2025, 10, 16, 10, 0), "tepat_waktu"),
    ]


def test_a_later_cut_off_day_turns_a_wednesday_upload_on_time(timed_db):
    df = kelengkapan.kelengkapan_status(timed_db, LAMPUNG_BARAT, W1, 1, hari_batas_lapor=3)
    assert records(df[df["dataset"] == "sppg"]) == [
        status_row("sppg", W1, dt.date(2025, 10, 15), dt.datetime(2025, 10, 15, 8, 0), "tepat_waktu")
    ]


def test_cut_off_day_defaults_to_the_setting(timed_db, tmp_path, monkeypatch):
    settings = tmp_path / "pengaturan.toml"
    settings.write_text("hari_batas_lapor = 3\n", encoding="utf-8")
    monkeypatch.setenv("KDKMP_SETTINGS", str(settings))
    df = kelengkapan.kelengkapan_status(timed_db, LAMPUNG_BARAT, W1, 1)
    assert df[df["dataset"] == "sppg"]["status"].tolist() == ["tepat_waktu"]
    with pytest.raises(ValueError):
        kelengkapan.kelengkapan_status(timed_db, LAMPUNG_BARAT, W1, 1, hari_batas_lapor=8)


def test_every_kabupaten_of_the_province_is_expected(timed_db):
    df = kelengkapan.kelengkapan_status(timed_db, Filter("52"), W1, 1, hari_batas_lapor=1)
    koperasi = df[df["dataset"] == "koperasi"]
    assert len(koperasi) == 10
    assert records(koperasi[koperasi["status"] != "tidak_melapor"]) == [
        status_row(
            "koperasi",
            W1,
            dt.date(2025, 10, 13),
            dt.datetime(2025, 10, 13, 23, 59, 59),
            "tepat_waktu",
            kode="52.01",
            nama="Kab. Lombok Barat",
        )
    ]


def test_reporting_rate_per_dataset_and_week(timed_db):
    def rate(dataset, minggu, diharapkan, melapor, tepat, telat):
        return {
            "dataset": dataset,
            "minggu": minggu,
            "diharapkan": diharapkan,
            "melapor": melapor,
            "tepat_waktu": tepat,
            "terlambat": telat,
        }

    assert records(kelengkapan.kelengkapan_per_minggu(timed_db, Filter("52"), W2, 2, hari_batas_lapor=1)) == [
        rate("koperasi", W1, 10, 1, 1, 0),
        rate("koperasi", W2, 10, 0, 0, 0),
        rate("lahan", W1, 10, 0, 0, 0),
        rate("lahan", W2, 10, 0, 0, 0),
        rate("sppg", W1, 10, 0, 0, 0),
        rate("sppg", W2, 10, 0, 0, 0),
        rate("bimtek", W1, 10, 0, 0, 0),
        rate("bimtek", W2, 10, 0, 0, 0),
    ]
    # Nationally, with nothing assigned: every kabupaten/kota of the gazetteer is expected.
    assert records(kelengkapan.kelengkapan_per_minggu(timed_db, Filter(), W2, 2, hari_batas_lapor=1)) == [
        rate("koperasi", W1, 514, 2, 2, 0),
        rate("koperasi", W2, 514, 1, 0, 1),
        rate("lahan", W1, 514, 0, 0, 0),
        rate("lahan", W2, 514, 0, 0, 0),
        rate("sppg", W1, 514, 1, 0, 1),
        rate("sppg", W2, 514, 0, 0, 0),
        rate("bimtek", W1, 514, 0, 0, 0),
        rate("bimtek", W2, 514, 1, 1, 0),
    ]
    # An administrator assigns koperasi to the kabupaten/kota of Lampung (15) and NTB (10); the
    # other datasets keep the default.
    lampung_ntb = [
        k for (k,) in timed_db.execute("select kode from kabupaten where kode_induk in ('18', '52')").fetchall()
    ]
    kelengkapan.atur_wajib_lapor(timed_db, "koperasi", lampung_ntb, "admin@contoh.go.id")
    assert records(kelengkapan.kelengkapan_per_minggu(timed_db, Filter(), W2, 2, hari_batas_lapor=1))[:2] == [
        rate("koperasi", W1, 25, 2, 2, 0),
        rate("koperasi", W2, 25, 1, 0, 1),
    ]
    assert kelengkapan.wajib_lapor(timed_db) == {"koperasi": sorted(lampung_ntb), "lahan": [], "sppg": [], "bimtek": []}
    # The same figure everywhere it is shown: the registry's kelengkapan metrics read the same view.
    assert metrik.nilai(timed_db, Filter(), "kelengkapan", W2) == {"kabupaten_diharapkan": 25, "kabupaten_melapor": 1}
    assert len(kelengkapan.kelengkapan_kabupaten(timed_db, Filter(), W2)) == 25
    # A dataset assigned only outside the filter still has its weeks, with nobody expected.
    kelengkapan.atur_wajib_lapor(timed_db, "lahan", ["52.01"], "admin@contoh.go.id")
    lampung = records(kelengkapan.kelengkapan_per_minggu(timed_db, Filter("18"), W2, 2, hari_batas_lapor=1))
    assert [r for r in lampung if r["dataset"] == "lahan"] == [
        rate("lahan", W1, 0, 0, 0, 0),
        rate("lahan", W2, 0, 0, 0, 0),
    ]
    with pytest.raises(ValueError, match="tidak ada di gazetir"):
        kelengkapan.atur_wajib_lapor(timed_db, "koperasi", ["99.99"], "admin@contoh.go.id")
    assert len(kelengkapan.wajib_lapor(timed_db)["koperasi"]) == 25


def test_the_window_has_every_week_even_without_data(loaded_db):
    df = kelengkapan.kelengkapan_per_minggu(loaded_db, Filter("52"), W4, 4)
    koperasi = df[df["dataset"] == "koperasi"]
    assert koperasi["minggu"].map(lambda m: m.date() if hasattr(m, "date") else m).tolist() == [W1, W2, W3, W4]
    # NTB did not report in the second week (the fixture uploads are all "now", so late).
    assert koperasi["melapor"].tolist() == [1, 0, 1, 1]
    assert koperasi["terlambat"].tolist() == [1, 0, 1, 1]


def test_desa_covered_by_the_koperasi_data_least_covered_first(loaded_db):
    df = kelengkapan.kelengkapan_desa(loaded_db, BALIK_BUKIT, W4)
    covered = {"18.04.04.1001", "18.04.04.2005", "18.04.04.2007"}
    assert len(df) == 12
    assert df["desa"].tolist() == [1] * 12
    assert df[df["desa_melapor"] == 1]["kode"].tolist() == sorted(covered)
    assert df["kode"].tolist()[-3:] == sorted(covered)
    by_kecamatan = kelengkapan.kelengkapan_desa(loaded_db, LAMPUNG_BARAT, W4)
    assert records(by_kecamatan[by_kecamatan["desa_melapor"] > 0]) == [
        {"kode": "18.04.04", "nama": "Balik Bukit", "desa": 12, "desa_melapor": 3},
        {"kode": "18.04.08", "nama": "Sekincau", "desa": 5, "desa_melapor": 2},
    ]
    # Nationally every province is expected (no assignment); the covered ones sort last.
    nasional = kelengkapan.kelengkapan_desa(loaded_db, Filter(), W4)
    assert len(nasional) == 38
    assert nasional[["kode", "nama", "desa_melapor"]].tail(2).to_dict("records") == [
        {"kode": "52", "nama": "Nusa Tenggara Barat", "desa_melapor": 2},
        {"kode": "18", "nama": "Lampung", "desa_melapor": 5},
    ]
    # Assigned to Lampung and NTB only, the national table has just those two.
    kelengkapan.atur_wajib_lapor(loaded_db, "koperasi", ["18.04", "52.01"], "admin@contoh.go.id")
    nasional = kelengkapan.kelengkapan_desa(loaded_db, Filter(), W4)
    assert nasional[["kode", "nama", "desa_melapor"]].to_dict("records") == [
        {"kode": "52", "nama": "Nusa Tenggara Barat", "desa_melapor": 2},
        {"kode": "18", "nama": "Lampung", "desa_melapor": 5},
    ]


def test_filter_values_are_bound_not_spliced(loaded_db):
    hostile = Filter("18' or 1=1 --", None)
    assert sppg.sppg_per_wilayah(loaded_db, hostile, W4).empty
    assert digitalisasi.koperasi_simkopdes_kendala(loaded_db, hostile, W4).empty
    assert kelengkapan.kelengkapan_status(loaded_db, hostile, W4, 1, hari_batas_lapor=1).empty


# ------------------------------------------------------------------------------------------------
# Pages (AppTest from the entry point)


@pytest.fixture
def app_db(loaded_store, tmp_path, monkeypatch):
    path = loaded_store
    monkeypatch.setenv("KDKMP_DB", path)
    # The cut-off day the page tests expect (Senin), whatever data/pengaturan.toml says.
    settings = tmp_path / "pengaturan.toml"
    settings.write_text("hari_batas_lapor = 1\n", encoding="utf-8")
    monkeypatch.setenv("KDKMP_SETTINGS", str(settings))
    monkeypatch.chdir(ROOT)
    return path


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def choose(at: AppTest, **levels) -> None:
    for level, code in levels.items():
        at.selectbox(key=f"w_{level}").set_value(code).run()
        assert not at.exception, at.exception


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_sppg_page_narrows_from_the_country_to_a_kecamatan(app_db):
    at = open_page("pages/4_sppg.py")
    assert at.title[0].value == "SPPG (MBG)"
    m = metrics(at)
    assert (m["Total SPPG"], m["SPPG beroperasi"], m["Penerima manfaat"], m["Pemasok lokal"]) == (
        "3",
        "1",
        "2.850",
        "12",
    )
    # Nationally the kecamatan without SPPG are counted in Lampung only (the one province with SPPG data).
    assert "Lampung" in " ".join(c.value for c in at.caption)
    choose(at, provinsi="18", kabupaten="18.04")
    m = metrics(at)
    assert (m["Total SPPG"], m["Tahap rencana"], m["Tahap persiapan"], m["Kecamatan tanpa SPPG"]) == (
        "3",
        "1",
        "1",
        "13",
    )
    choose(at, kecamatan="18.04.08")
    m = metrics(at)
    assert (m["Total SPPG"], m["SPPG beroperasi"], m["Kecamatan tanpa SPPG"]) == ("1", "0", "0")
    assert [s.value for s in at.subheader][:1] == ["Tahap setiap SPPG di wilayah ini"]
    sites = at.dataframe[-1].value
    assert sites["nama_sppg"].tolist() == ["SPPG Sekincau 1"] and sites["kapasitas_porsi"].isna().tolist() == [True]
    # An empty number stays a number (sortable) and reads '–' in the browser.
    assert at.dataframe[-1].proto.placeholder == "–"


def test_sppg_page_without_sppg_data_says_how_to_provide_it(app_db):
    at = open_page("pages/4_sppg.py")
    choose(at, provinsi="52")
    assert at.info[0].value.startswith("Belum ada data SPPG untuk filter ini.")


def test_digitalisasi_page_lists_koperasi_with_simkopdes_problems(app_db):
    at = open_page("pages/5_digitalisasi.py")
    choose(at, provinsi="18", kabupaten="18.04")
    m = metrics(at)
    assert (m["Aktif"], m["Kendala (login/jaringan)"], m["Belum punya akun"]) == ("3", "1", "1")
    assert (m["Kegiatan"], m["Peserta"], m["Kecamatan terjangkau"]) == ("2", "20", "2")
    frames = [d.value for d in at.dataframe]
    kendala = next(df for df in frames if "nama_koperasi" in df.columns)
    assert kendala["nama_koperasi"].tolist() == ["Koperasi Desa Merah Putih Waspada"]
    assert kendala["pendamping"].tolist() == ["Agus Salim"]
    assert any(i.value.startswith("Belum ada statistik desa SIMKOPDES untuk filter ini.") for i in at.info)
    choose(at, kecamatan="18.04.04")
    m = metrics(at)
    assert (m["Aktif"], m["Kendala (login/jaringan)"], m["Peserta"]) == ("3", "0", "12")
    assert any("Tidak ada koperasi dengan kendala SIMKOPDES" in s.value for s in at.success)


def test_digitalisasi_page_shows_simkopdes_village_statistics(app_db):
    con = db.connect(app_db)
    try:
        add_simkopdes_desa(con, W4, "18.04", [("18.04.04.2005", 1, 1, 1, 1, 0, 120, 15_500_000.0)])
    finally:
        con.close()
    at = open_page("pages/5_digitalisasi.py")
    choose(at, provinsi="18")
    m = metrics(at)
    assert (m["Akun SIMKOPDES"], m["Volume transaksi"], m["Nilai transaksi"]) == ("1", "120", "Rp15,5 jt")
    assert (m["Koperasi dengan RAT"], m["Desa dengan data"]) == ("0", "1")


def test_kelengkapan_page_counts_kabupaten_that_reported(app_db):
    at = open_page("pages/6_kelengkapan.py")
    m = metrics(at)
    # Nothing assigned: every kabupaten/kota of the gazetteer is expected to report.
    assert (m["Koperasi"], m["SPPG"]) == ("2 dari 514", "1 dari 514")
    # Assigned to Lampung (15) and NTB (10); Lampung Barat and Lombok Barat reported koperasi.
    con = db.connect(app_db)
    try:
        kabupaten = [
            k for (k,) in con.execute("select kode from kabupaten where kode_induk in ('18', '52')").fetchall()
        ]
        for dataset in ("koperasi", "sppg"):
            kelengkapan.atur_wajib_lapor(con, dataset, kabupaten, "admin@contoh.go.id")
    finally:
        con.close()
    at = open_page("pages/6_kelengkapan.py")
    m = metrics(at)
    assert (m["Koperasi"], m["SPPG"], m["Bimtek (berbasis kegiatan)"]) == ("2 dari 25", "1 dari 25", "1")
    assert any("Lampung, Nusa Tenggara Barat" in c.value for c in at.caption)
    choose(at, provinsi="52")
    m = metrics(at)
    assert m["Koperasi"] == "1 dari 10"
    # Who has not reported comes first, every weekly dataset in one list.
    belum = next(
        d.value for d in at.dataframe if list(d.value.columns) == ["dataset", "kode_kabupaten", "nama", "batas_lapor"]
    )
    koperasi = belum[belum["dataset"] == "Koperasi"]
    assert len(koperasi) == 9 and "Kab. Lombok Barat" not in koperasi["nama"].tolist()
    assert koperasi["batas_lapor"].tolist()[0] == "3 Nov 2025"
    assert len(belum[belum["dataset"] == "SPPG"]) == 10
    at.segmented_control(key="kelengkapan_dataset").set_value("sppg").run()
    assert not at.exception
    assert m["Desa/kelurahan dengan laporan koperasi"].endswith("dari 1.166")
