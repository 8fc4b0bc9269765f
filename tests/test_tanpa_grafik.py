"""Charts that would say nothing (issue 15, item 5): below a kecamatan, bars of 1 become a list of desa
per category; a reporting chart of identical 100 % lines and a weekly chart with one week of data
become a sentence. The rules on small frames, then the pages at a kecamatan filter (AppTest)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import kamus
from conftest import ROOT
from ui import tanpa_grafik

ZONA = [("merah", "Merah"), ("kuning", "Kuning"), ("hijau", "Hijau")]


def _zona(rows):
    return pd.DataFrame(rows, columns=["kode", "nama", "merah", "kuning", "hijau"])


def test_one_koperasi_per_desa_is_a_list_of_desa_per_zone():
    per_desa = _zona([("1", "Sebarus", 0, 0, 1), ("2", "Gunung Sugih", 1, 0, 0), ("3", "Pasar Liwa", 0, 1, 0)])
    assert tanpa_grafik.bilah_satu(per_desa, ["merah", "kuning", "hijau"])
    assert tanpa_grafik.kelompok(per_desa, ZONA) == [
        ("Merah", ["Gunung Sugih"]),
        ("Kuning", ["Pasar Liwa"]),
        ("Hijau", ["Sebarus"]),
    ]
    # Desa of the gazetteer without a koperasi (zeros) are left out of the list, and do not make a chart.
    with_empty = pd.concat([per_desa, _zona([("4", "Way Mengaku", 0, 0, 0)])])
    assert tanpa_grafik.bilah_satu(with_empty, ["merah", "kuning", "hijau"])
    assert [n for _, names in tanpa_grafik.kelompok(with_empty, ZONA) for n in names] == [
        "Gunung Sugih",
        "Pasar Liwa",
        "Sebarus",
    ]


def test_an_area_with_two_keeps_the_chart():
    per_kecamatan = _zona([("1", "Balik Bukit", 1, 1, 1), ("2", "Sekincau", 1, 0, 0)])
    assert not tanpa_grafik.bilah_satu(per_kecamatan, ["merah", "kuning", "hijau"])
    assert not tanpa_grafik.bilah_satu(_zona([]), ["merah", "kuning", "hijau"])


MINGGU = [dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 16)]


def _rates(rows):
    return pd.DataFrame(rows, columns=["dataset", "minggu", "diharapkan", "melapor"])


def test_every_weekly_dataset_at_100_percent_is_a_sentence_and_bimtek_is_counted_apart():
    rates = _rates(
        [(d, m, 1, 1) for d in ("koperasi", "lahan", "sppg") for m in MINGGU]
        + [("bimtek", m, 1, int(m == MINGGU[1])) for m in MINGGU]
    )
    assert tanpa_grafik.semua_lengkap(rates)
    assert tanpa_grafik.kalimat_semua_lengkap(rates) == (
        "Koperasi, Lahan dan SPPG dilaporkan lengkap (100%) oleh semua kabupaten/kota yang diharapkan, setiap "
        "minggu dari Minggu 45 · 2–8 Nov 2026 sampai Minggu 47 · 16–22 Nov 2026. "
        "Bimtek (berbasis kegiatan): ada kegiatan yang dilaporkan pada 1 dari 3 minggu."
    )
    late = rates.copy()
    late.loc[(late["dataset"] == "lahan") & (late["minggu"] == MINGGU[2]), "melapor"] = 0
    assert not tanpa_grafik.semua_lengkap(late)
    assert not tanpa_grafik.semua_lengkap(_rates([("koperasi", MINGGU[0], 0, 0)]))  # nobody expected
    quiet = rates.assign(melapor=[0 if d == "bimtek" else v for d, v in zip(rates["dataset"], rates["melapor"])])
    assert tanpa_grafik.kalimat_semua_lengkap(quiet).endswith(
        "Bimtek (berbasis kegiatan): tidak ada kegiatan dalam 3 minggu ini."
    )


def _bimtek(rows):
    return pd.DataFrame(rows, columns=["minggu", "kategori_peserta", "peserta", "kegiatan"])


def test_one_week_of_training_on_a_twelve_week_axis_is_a_sentence():
    window = [MINGGU[2] - dt.timedelta(weeks=i) for i in reversed(range(12))]
    one = _bimtek([(MINGGU[1], "pengurus", 20, 2), (MINGGU[1], "anggota", 15, 1)])
    assert tanpa_grafik.satu_minggu(one, window)
    assert tanpa_grafik.kalimat_satu_minggu(one, window) == (
        "Bimtek hanya pada Minggu 46 · 9–15 Nov 2026 dalam 12 minggu terakhir: 3 kegiatan, 35 peserta."
    )
    two = pd.concat([one, _bimtek([(MINGGU[2], "pengurus", 5, 1)])])
    assert not tanpa_grafik.satu_minggu(two, window)
    assert tanpa_grafik.kalimat_satu_minggu(_bimtek([]), window) == "Tidak ada bimtek dalam 12 minggu terakhir."


@pytest.fixture
def kecamatan(loaded_store, monkeypatch):
    """Kec. Balik Bukit of the hand-written fixtures: three koperasi in three desa."""
    monkeypatch.setenv("KDKMP_DB", loaded_store)
    monkeypatch.chdir(ROOT)

    def open_page(page: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params.update({"provinsi": "18", "kabupaten": "18.04", "kecamatan": "18.04.04"})
        at.run()
        at.switch_page(page).run()
        assert not at.exception
        return at

    return open_page


@pytest.mark.parametrize("page", ["pages/1_ringkasan.py", "pages/2_zona.py"])
def test_zones_per_desa_are_listed_not_drawn(kecamatan, page):
    at = kecamatan(page)
    texts = [m.value for m in at.markdown]
    assert f"**{kamus.ZONA_LABEL['merah']}** (1 koperasi): Gunung Sugih" in texts, texts
    assert tanpa_grafik.teks.DESA_DAFTAR_PENJELASAN in [c.value for c in at.caption]


TAHAP = ["beroperasi", "persiapan", "rencana", "ditutup_sementara", "tidak_diisi"]


def test_a_few_kitchens_are_listed_by_stage_with_their_desa():
    lokasi = pd.DataFrame(
        {
            "nama_sppg": ["SPPG Balik Bukit 1", "SPPG Balik Bukit 2", "SPPG Balik Bukit 3"],
            "kecamatan": ["Balik Bukit"] * 3,
            "desa": ["Sebarus", None, "Way Mengaku"],
            "status": ["beroperasi", "persiapan", None],
        }
    )
    parts = [(t, kamus.STATUS_SPPG_LABEL[t]) for t in TAHAP]
    assert tanpa_grafik.kelompok(tanpa_grafik.sppg_per_tahap(lokasi, TAHAP), parts) == [
        (kamus.STATUS_SPPG_LABEL["beroperasi"], ["SPPG Balik Bukit 1 (Sebarus)"]),
        (kamus.STATUS_SPPG_LABEL["persiapan"], ["SPPG Balik Bukit 2 (Balik Bukit)"]),  # no desa: its kecamatan
        (kamus.STATUS_SPPG_LABEL["tidak_diisi"], ["SPPG Balik Bukit 3 (Way Mengaku)"]),
    ]


def _bimtek_wilayah(rows):
    return pd.DataFrame(
        rows, columns=["kode", "nama", "kegiatan", "peserta", "kegiatan_kumulatif", "peserta_kumulatif"]
    )


def test_training_in_one_area_is_a_sentence_and_two_areas_keep_the_chart():
    satu = _bimtek_wilayah([("18.04.04", "Kec. Balik Bukit", 2, 1240, 9, 3500)])
    assert tanpa_grafik.satu_bilah(satu)
    assert tanpa_grafik.kalimat_bimtek_wilayah(satu.iloc[0]) == (
        "Semua bimtek di filter ini tercatat di Kec. Balik Bukit: 1.240 peserta dari 2 kegiatan minggu ini, "
        "3.500 peserta dari 9 kegiatan sampai minggu ini."
    )
    dua = _bimtek_wilayah([("18.04.04", "Balik Bukit", 1, 12, 1, 12), ("18.04.08", "Sekincau", 1, 8, 1, 8)])
    assert not tanpa_grafik.satu_bilah(dua)
    assert not tanpa_grafik.satu_bilah(dua.head(0))


def _chart_keys(at: AppTest) -> list[str]:
    return [el.proto.id for el in at.get("plotly_chart")]


def test_kitchens_of_a_kecamatan_are_listed_not_drawn(kecamatan):
    at = kecamatan("pages/4_sppg.py")
    texts = [m.value for m in at.markdown]
    beroperasi = kamus.STATUS_SPPG_LABEL["beroperasi"]
    assert f"**{beroperasi}** (1 SPPG): SPPG Balik Bukit 1 (Sebarus)" in texts, texts
    assert tanpa_grafik.teks.SPPG_LOKASI_DAFTAR_PENJELASAN in [c.value for c in at.caption]
    assert not any("sppg_lokasi" in k for k in _chart_keys(at))


def test_training_of_a_kecamatan_is_a_sentence_not_one_bar(kecamatan):
    at = kecamatan("pages/5_digitalisasi.py")
    texts = [m.value for m in at.markdown]
    assert any(t.startswith("Semua bimtek di filter ini tercatat di Kec. Balik Bukit: 12 peserta") for t in texts), (
        texts
    )
    assert not any("bimtek_wilayah" in k for k in _chart_keys(at))


def test_the_funnel_of_one_koperasi_is_a_checklist():
    stages = [("Koperasi terdaftar", 1), ("Berbadan hukum", 1), ("Masuk portal", 0)]
    assert tanpa_grafik.corong_satu(stages)
    assert tanpa_grafik.kalimat_corong(stages) == (
        "Satu koperasi di wilayah ini, tahap yang sudah dicapai:\n- Berbadan hukum: sudah\n- Masuk portal: belum"
    )
    assert tanpa_grafik.kalimat_corong([("Koperasi terdaftar", 0)]) == tanpa_grafik.teks.CORONG_KOSONG
    assert not tanpa_grafik.corong_satu([("Koperasi terdaftar", 2), ("Berbadan hukum", 1)])


def _persil(rows):
    return pd.DataFrame(rows, columns=["sumber", "status_verifikasi", "persil"])


def test_one_parcel_source_is_a_line_and_several_keep_the_chart():
    satu = _persil([("Tanah kas desa", "terverifikasi", 2), ("Tanah kas desa", "ditolak", 1)])
    assert tanpa_grafik.bilah_sedikit(satu, "sumber", "persil")
    assert tanpa_grafik.rincian(satu, "sumber", "status_verifikasi", "persil", kamus.VERIFIKASI_LABEL, "persil") == [
        f"**Tanah kas desa** (3 persil): {kamus.VERIFIKASI_LABEL['terverifikasi']} 2, "
        f"{kamus.VERIFIKASI_LABEL['ditolak']} 1"
    ]
    satuan = _persil([("Tanah kas desa", "terverifikasi", 1), ("Hibah", "ditolak", 1), ("Sewa", "diajukan", 0)])
    assert tanpa_grafik.bilah_sedikit(satuan, "sumber", "persil")
    banyak = _persil([("Tanah kas desa", "terverifikasi", 2), ("Hibah", "ditolak", 1)])
    assert not tanpa_grafik.bilah_sedikit(banyak, "sumber", "persil")
    assert not tanpa_grafik.bilah_sedikit(banyak.head(0), "sumber", "persil")
