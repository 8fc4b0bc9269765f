"""Every query on the hand-written fixtures, asserting whole results."""

import datetime as dt

from analytics import kelengkapan, koperasi, lahan, metrik, periode, ringkasan
from analytics.filters import Filter

W1, W2, W3, W4 = (dt.date(2025, 10, 6), dt.date(2025, 10, 13), dt.date(2025, 10, 20), dt.date(2025, 10, 27))
LAMPUNG_BARAT = Filter("18", "18.04")
BALIK_BUKIT = Filter("18", "18.04", "18.04.04")


def test_weeks_with_data_per_dataset(loaded_db):
    assert periode.minggu_data(loaded_db, Filter()) == {
        "koperasi": [W1, W2, W3, W4],
        "lahan": [W4],
        "sppg": [W4],
        "bimtek": [W4],
    }
    # NTB did not report in the second week.
    assert periode.minggu_data(loaded_db, Filter("52"))["koperasi"] == [W1, W3, W4]


def test_previous_week_is_the_previous_week_with_data_for_the_filter(loaded_db):
    assert periode.pilih_minggu(periode.minggu_data(loaded_db, Filter("52"))["koperasi"]) == (W4, W3)
    assert periode.pilih_minggu(periode.minggu_data(loaded_db, Filter("52"))["koperasi"], W3) == (W3, W1)


def test_kpi_koperasi_counts_the_latest_week(loaded_db):
    k = metrik.nilai(loaded_db, Filter(), "koperasi", W4)
    assert k == {
        "terdaftar": 7,
        "badan_hukum": 6,
        "npwp": 6,
        "nib": 5,
        "masuk_portal": 3,
        "gerai_beroperasi": 2,
        "lahan_terverifikasi": 3,
        "corong_portal": 3,
        "corong_lahan": 3,
        "corong_pembangunan": 3,
        "corong_selesai": 2,
        "corong_beroperasi": 2,
        "tahap_belum_mulai": 1,
        "tahap_persiapan": 3,
        "tahap_pembangunan": 1,
        "tahap_selesai": 2,
        "tahap_tidak_dapat_dibangun": 0,
        "tahap_tidak_diisi": 0,
        "lahan_tidak_ada": 0,
        "lahan_diajukan": 3,
        "lahan_verifikasi": 1,
        "lahan_ditolak": 0,
        "lahan_tidak_diisi": 0,
        "simkopdes_aktif": 5,
        "simkopdes_kendala": 1,
        "simkopdes_belum": 1,
        "simkopdes_tidak_diisi": 0,
        "zona_hijau": 2,
        "zona_kuning": 3,
        "zona_merah": 2,
    }


def test_kpi_koperasi_for_a_kecamatan(loaded_db):
    k = metrik.nilai(loaded_db, BALIK_BUKIT, "koperasi", W3)
    assert (k["terdaftar"], k["tahap_tidak_dapat_dibangun"], k["zona_hijau"], k["zona_kuning"], k["zona_merah"]) == (
        3,
        1,
        1,
        1,
        1,
    )


def test_kpi_koperasi_is_all_zero_without_a_week(loaded_db):
    assert set(metrik.nilai(loaded_db, Filter(), "koperasi", None).values()) == {0}


def test_kendala_counts_each_obstacle_once_per_koperasi(loaded_db):
    assert koperasi.kendala_koperasi(loaded_db, Filter(), W4) == {
        "cuaca": 2,
        "lahan": 2,
        "tenaga_kerja": 2,
        "administrasi": 1,
    }


def test_zone_moves_against_the_previous_week(loaded_db):
    assert koperasi.pindah_zona(loaded_db, Filter(), W4, W3) == {"naik": 1, "turun": 1, "tetap": 5, "baru": 0}
    # Waspada first reported in the third week.
    assert koperasi.pindah_zona(loaded_db, LAMPUNG_BARAT, W3, W2) == {"naik": 1, "turun": 0, "tetap": 3, "baru": 1}


def test_zones_by_kecamatan_with_last_week_beside(loaded_db):
    df = koperasi.zona_per_wilayah(loaded_db, LAMPUNG_BARAT, W4, W3)
    assert df.to_dict("records") == [
        {
            "kode": "18.04.04",
            "nama": "Balik Bukit",
            "hijau": 1,
            "kuning": 1,
            "merah": 1,
            "hijau_lalu": 1,
            "kuning_lalu": 1,
            "merah_lalu": 1,
        },
        {
            "kode": "18.04.08",
            "nama": "Sekincau",
            "hijau": 0,
            "kuning": 1,
            "merah": 1,
            "hijau_lalu": 0,
            "kuning_lalu": 1,
            "merah_lalu": 1,
        },
    ]


def test_zones_by_province_nationally(loaded_db):
    df = koperasi.zona_per_wilayah(loaded_db, Filter(), W4, W3)
    assert df[["kode", "nama", "hijau", "kuning", "merah"]].to_dict("records") == [
        {"kode": "18", "nama": "Lampung", "hijau": 1, "kuning": 2, "merah": 2},
        {"kode": "52", "nama": "Nusa Tenggara Barat", "hijau": 1, "kuning": 1, "merah": 0},
    ]


def test_kpi_sppg_by_status(loaded_db):
    assert metrik.nilai(loaded_db, LAMPUNG_BARAT, "sppg", W4) == {
        "sppg_total": 3,
        "sppg_rencana": 1,
        "sppg_persiapan": 1,
        "sppg_beroperasi": 1,
        "sppg_ditutup_sementara": 0,
        "sppg_tidak_diisi": 0,
        "sppg_penerima_manfaat": 2850,
        "sppg_pemasok_lokal": 12,
        "sppg_kapasitas_porsi": 3000,
        "sppg_mengisi_penerima": 1,
        "sppg_mengisi_pemasok": 1,
    }
    assert metrik.nilai(loaded_db, Filter("18", "18.04", "18.04.08"), "sppg", W4)["sppg_total"] == 1


def test_kpi_lahan_by_status_and_source(loaded_db):
    assert lahan.kpi_lahan(loaded_db, Filter(), W4).to_dict("records") == [
        {"status_verifikasi": "sedang_diverifikasi", "sumber_lahan": "aset_pemkab", "persil": 1},
        {"status_verifikasi": "sedang_diverifikasi", "sumber_lahan": "aset_pemprov", "persil": 1},
        {"status_verifikasi": "terverifikasi", "sumber_lahan": "tanah_kas_desa", "persil": 1},
    ]


def test_kpi_bimtek_counts_events_participants_and_kecamatan(loaded_db):
    assert metrik.nilai(loaded_db, LAMPUNG_BARAT, "bimtek", W4) == {
        "bimtek_kegiatan": 2,
        "bimtek_peserta": 20,
        "bimtek_kecamatan": 2,
    }
    assert metrik.nilai(loaded_db, BALIK_BUKIT, "bimtek", W4) == {
        "bimtek_kegiatan": 1,
        "bimtek_peserta": 12,
        "bimtek_kecamatan": 1,
    }


def test_completeness_lists_every_kabupaten_of_the_province(loaded_db):
    df = kelengkapan.kelengkapan_kabupaten(loaded_db, Filter("52"), W2)
    assert len(df) == 10 and not df["melapor"].any()
    df = kelengkapan.kelengkapan_kabupaten(loaded_db, Filter("52"), W4)
    assert df[df["melapor"]]["nama"].tolist() == ["Kab. Lombok Barat"]


def test_summary_json_for_lampung_barat(loaded_db):
    out = ringkasan.as_json(ringkasan.picture(loaded_db, LAMPUNG_BARAT))
    assert out["filter"] == {"provinsi": "18", "kabupaten": "18.04", "kecamatan": None}
    k = out["koperasi"]
    assert k["minggu"] == "2025-10-27"
    assert (k["terdaftar"], k["zona"], k["pindah_zona"]) == (
        5,
        {"hijau": 1, "kuning": 2, "merah": 2},
        {"naik": 1, "turun": 1, "tetap": 3, "baru": 0},
    )
    assert k["akun_simkopdes"] == {"aktif": 3, "kendala": 1, "belum": 1, "tidak_diisi": 0}
    assert out["sppg"] == {
        "minggu": "2025-10-27",
        "total": 3,
        "status": {"rencana": 1, "persiapan": 1, "beroperasi": 1, "ditutup_sementara": 0},
    }
    assert out["bimtek"] == {"minggu": "2025-10-27", "kegiatan": 2, "peserta": 20}
    assert out["kelengkapan"] == {"kabupaten_diharapkan": 1, "kabupaten_melapor": 1}
    assert out["lahan"]["persil"] == 3 and out["lahan"]["sumber_lahan"]["aset_pemprov"] == 1


def test_summary_at_an_earlier_week(loaded_db):
    out = ringkasan.as_json(ringkasan.picture(loaded_db, Filter(), at=dt.date(2025, 10, 15)))
    assert out["koperasi"]["minggu"] == "2025-10-13"
    assert out["koperasi"]["terdaftar"] == 4
    assert out["sppg"]["minggu"] is None and out["sppg"]["total"] == 0


def test_filter_values_are_bound_not_spliced(loaded_db):
    hostile = Filter("52' or 1=1 --", None)
    assert metrik.nilai(loaded_db, hostile, "koperasi", W4)["terdaftar"] == 0
    assert periode.minggu_data(loaded_db, hostile)["koperasi"] == []
