"""Targets and deadlines (analytics/target, issue 13): the pace and projection of hand-written weekly
series, target files through the importer (replace, undo, delete, the form, who may set them),
and the three demo targets in `summary --json`."""

from __future__ import annotations

import datetime as dt
import math
import shutil

import pytest
from test_cli import cli

from analytics import db, ingest, target
from analytics.access import User
from analytics.filters import Filter
from analytics.target import Capaian, Pengaturan, Target
from conftest import STORAGE_MODES, TODAY

D = dt.date
# Mondays of the hand-written series.
W0908, W0915, W0929 = D(2025, 9, 8), D(2025, 9, 15), D(2025, 9, 29)
W1006, W1013, W1020, W1027, W1103 = D(2025, 10, 6), D(2025, 10, 13), D(2025, 10, 20), D(2025, 10, 27), D(2025, 11, 3)
# Deadlines 4 and 8 weeks after the latest week 3 Nov 2025.
EMPAT_MINGGU, DELAPAN_MINGGU = D(2025, 12, 1), D(2025, 12, 29)


def gerai(nilai: float, tenggat: dt.date) -> Target:
    return Target("gerai_beroperasi", "18.04", "jumlah", nilai, tenggat)


# --- hitung: exact values on hand-written series ---------------------------------------------------


def test_constant_pace_over_the_last_four_weeks_is_on_track_with_its_projection():
    # 29 Sep's 0 lies outside the four weeks: pace (18 - 10) / 4 = 2 a week. 12 left over the 8 weeks
    # to 29 Dec: 1.5 needed, ratio 2 / 1.5 ≥ 1. At 2 a week the 12 take 6 weeks: 15 Dec.
    seri = [(W0929, 0), (W1006, 10), (W1013, 12), (W1020, 14), (W1027, 16), (W1103, 18)]
    assert target.hitung(seri, gerai(30, DELAPAN_MINGGU), None) == Capaian(
        minggu=W1103,
        aktual=18,
        target=30,
        selisih=12,
        sisa_minggu=8.0,
        laju_perlu=1.5,
        laju_kini=2.0,
        proyeksi=D(2025, 12, 15),
        status="sesuai_jalur",
        alasan="laju",
        tercapai_pada=None,
        rasio=2.0 / 1.5,
    )


def test_a_past_week_ignores_the_weeks_after_it():
    # At 20 Oct: pace (14 - 0) / 3 weeks from 29 Sep; 16 left over 10 weeks (70 days to 29 Dec)
    # needs 1.6; ratio (14/3) / 1.6 ≥ 1; the 16 take 16 / (14/3) weeks = 24 days (rounded up).
    seri = [(W0929, 0), (W1006, 10), (W1013, 12), (W1020, 14), (W1027, 16), (W1103, 18)]
    assert target.hitung(seri, gerai(30, DELAPAN_MINGGU), W1020) == Capaian(
        minggu=W1020,
        aktual=14,
        target=30,
        selisih=16,
        sisa_minggu=10.0,
        laju_perlu=1.6,
        laju_kini=14 / 3,
        proyeksi=D(2025, 11, 13),
        status="sesuai_jalur",
        alasan="laju",
        tercapai_pada=None,
        rasio=(14 / 3) / 1.6,
    )


def test_zero_pace_never_reaches_the_target_and_is_late():
    # 5 every week: pace 0, no projection (no division by zero); 5 left in 4 weeks needs 1.25.
    seri = [(W1013, 5), (W1020, 5), (W1027, 5), (W1103, 5)]
    assert target.hitung(seri, gerai(10, EMPAT_MINGGU), None) == Capaian(
        W1103, 5, 10, 5, 4.0, 1.25, 0.0, None, "terlambat", "laju_nol", None, 0.0
    )


def test_a_pace_away_from_the_target_is_late_without_a_projection():
    # 8 → 6 in two weeks: -1 a week; 4 left in 4 weeks needs 1; ratio -1.
    seri = [(W1020, 8), (W1027, 7), (W1103, 6)]
    assert target.hitung(seri, gerai(10, EMPAT_MINGGU), None) == Capaian(
        W1103, 6, 10, 4, 4.0, 1.0, -1.0, None, "terlambat", "laju_mundur", None, -1.0
    )


def test_a_passed_deadline_not_reached_is_late_with_the_date_the_pace_would_reach_it():
    # Deadline Fri 31 Oct, 3 days before the week of 3 Nov: -3/7 weeks left, no pace needed.
    # At 2 a week the 4 left take 2 weeks: 17 Nov.
    seri = [(W1027, 4), (W1103, 6)]
    assert target.hitung(seri, gerai(10, D(2025, 10, 31)), None) == Capaian(
        W1103, 6, 10, 4, -3 / 7, None, 2.0, D(2025, 11, 17), "terlambat", "tenggat_lewat", None, None
    )


def test_a_met_target_is_reached_since_the_first_week_of_its_last_run():
    # ≥ 10 on 13 Oct, below on 20 Oct, then ≥ 10 from 27 Oct: reached on 27 Oct. Pace (12 - 9) / 4.
    seri = [(W1006, 9), (W1013, 11), (W1020, 9), (W1027, 10), (W1103, 12)]
    assert target.hitung(seri, gerai(10, EMPAT_MINGGU), None) == Capaian(
        W1103, 12, 10, 0.0, 4.0, None, 0.75, None, "tercapai", "tercapai", W1027, None
    )


def test_a_met_target_stays_reached_after_its_deadline():
    seri = [(W1027, 10), (W1103, 11)]
    assert target.hitung(seri, gerai(10, D(2025, 10, 1)), None) == Capaian(
        W1103, 11, 10, 0.0, -33 / 7, None, 1.0, None, "tercapai", "tercapai", W1027, None
    )


@pytest.mark.parametrize(
    ("tenggat", "sisa", "status"),
    [(EMPAT_MINGGU, 4.0, "berisiko"), (D(2025, 11, 3), 0.0, "terlambat")],
)
def test_an_area_without_data_is_at_risk_until_its_deadline_then_late(tenggat, sisa, status):
    assert target.hitung([], gerai(10, tenggat), W1103) == Capaian(
        None, None, 10, 10, sisa, None, None, None, status, "tanpa_data"
    )


def test_data_only_after_the_week_asked_counts_as_no_data():
    assert target.hitung([(W1103, 4)], gerai(10, EMPAT_MINGGU), W1027) == Capaian(
        None, None, 10, 10, 5.0, None, None, None, "berisiko", "tanpa_data"
    )


def test_one_week_of_data_is_at_risk_with_the_pace_needed_but_no_pace():
    # 6 left in 4 weeks: 1.5 a week needed.
    assert target.hitung([(W1103, 4)], gerai(10, EMPAT_MINGGU), None) == Capaian(
        W1103, 4, 10, 6, 4.0, 1.5, None, None, "berisiko", "satu_minggu"
    )


def test_pace_across_weeks_without_data_is_divided_by_calendar_weeks():
    # The last 5 weeks with data (8 Sep is the 6th) span 15 Sep → 3 Nov = 7 calendar weeks, not 4:
    # (12 - 3) / 7 a week. 9 left in 8 weeks needs 9/8; at 9/7 a week they take 7 weeks (22 Dec).
    seri = [(W0908, 0), (W0915, 3), (W0929, 5), (W1013, 9), (W1020, 10), (W1103, 12)]
    assert target.hitung(seri, gerai(21, DELAPAN_MINGGU), None) == Capaian(
        W1103, 12, 21, 9, 8.0, 9 / 8, 9 / 7, D(2025, 12, 22), "sesuai_jalur", "laju", None, (9 / 7) / (9 / 8)
    )


def test_a_falling_metric_counts_a_fall_as_progress():
    # Zona merah 20 → 14 in three weeks: -2 a week; 9 to lose in 8 weeks needs -9/8; ratio 16/9.
    # At 2 a week the 9 take 4.5 weeks = 31.5 days, rounded up to 32: 5 Dec.
    t = Target("zona_merah", "18.04", "jumlah", 5, DELAPAN_MINGGU)
    seri = [(W1013, 20), (W1020, 18), (W1027, 17), (W1103, 14)]
    c = target.hitung(seri, t, None)
    assert c == Capaian(
        W1103, 14, 5, 9, 8.0, -9 / 8, -2.0, D(2025, 12, 5), "sesuai_jalur", "laju", None, -2.0 / (-9 / 8), turun=True
    )
    # Reached share of a falling target: target / actual (14 against 5 is far from it, not 280%).
    assert c.capaian == 5 / 14


def test_a_falling_metric_that_rises_goes_backwards():
    t = Target("zona_merah", "18.04", "jumlah", 5, EMPAT_MINGGU)
    assert target.hitung([(W1027, 8), (W1103, 9)], t, None) == Capaian(
        W1103, 9, 5, 4, 4.0, -1.0, 1.0, None, "terlambat", "laju_mundur", None, -1.0, turun=True
    )


def test_a_falling_metric_reaches_its_target_at_or_below_it():
    # Tidak dapat dibangun 3 → 1 → 0 against a target of 0: reached in the week it hit 0.
    t = Target("tahap_tidak_dapat_dibangun", "18.04", "jumlah", 0, EMPAT_MINGGU)
    c = target.hitung([(W1020, 3), (W1027, 1), (W1103, 0)], t, None)
    assert c == Capaian(W1103, 0, 0, 0.0, 4.0, None, -1.5, None, "tercapai", "tercapai", W1103, None, turun=True)
    assert c.capaian == 1.0
    # Still one above a target of 0: none of it reached.
    assert target.hitung([(W1027, 3), (W1103, 1)], t, None).capaian == 0.0


def test_a_share_target_is_computed_in_shares():
    # 25% → 50% of koperasi green in two weeks: 0.125 a week; 0.25 left in 4 weeks needs 0.0625.
    t = Target("zona_hijau", "18.04", "bagian", 0.75, EMPAT_MINGGU)
    c = target.hitung([(W1020, 0.25), (W1027, 0.375), (W1103, 0.5)], t, None)
    assert c == Capaian(W1103, 0.5, 0.75, 0.25, 4.0, 0.0625, 0.125, D(2025, 11, 17), "sesuai_jalur", "laju", None, 2.0)
    assert c.capaian == 0.5 / 0.75


# Pace 1 a week (7 → 9 over the last 2 weeks; 29 Sep's 0 is outside `minggu_laju` = 2), 5 left in
# 4 weeks needs 1.25: ratio 1 / 1.25 = 0.8 exactly.
SERI_RASIO = [(W0929, 0), (W1020, 7), (W1027, 8), (W1103, 9)]
TEPAT = 1 / 1.25
DI_ATAS = math.nextafter(TEPAT, 1)


@pytest.mark.parametrize(
    ("batas_sesuai_jalur", "batas_berisiko", "status"),
    [
        (TEPAT, 0.4, "sesuai_jalur"),  # at batas_sesuai_jalur
        (DI_ATAS, 0.4, "berisiko"),  # just below it
        (0.9, TEPAT, "berisiko"),  # at batas_berisiko
        (0.9, DI_ATAS, "terlambat"),  # just below batas_berisiko
    ],
)
def test_status_follows_the_thresholds_of_the_settings(batas_sesuai_jalur, batas_berisiko, status):
    cfg = Pengaturan(minggu_laju=2, batas_sesuai_jalur=batas_sesuai_jalur, batas_berisiko=batas_berisiko)
    assert target.hitung(SERI_RASIO, gerai(14, EMPAT_MINGGU), None, cfg) == Capaian(
        W1103, 9, 14, 5, 4.0, 1.25, 1.0, D(2025, 12, 8), status, "laju", None, 0.8
    )


def test_the_shipped_settings_are_the_defaults():
    assert target.load_pengaturan() == Pengaturan(minggu_laju=4, batas_sesuai_jalur=1.0, batas_berisiko=0.5)


def test_settings_file_overrides_and_checks(tmp_path, monkeypatch):
    path = tmp_path / "target.toml"
    path.write_text("minggu_laju = 2\nbatas_berisiko = 0.25\n")
    monkeypatch.setenv("KDKMP_TARGET", str(path))
    assert target.load_pengaturan() == Pengaturan(minggu_laju=2, batas_sesuai_jalur=1.0, batas_berisiko=0.25)
    path.write_text("batas_sesuai_jalur = 0.5\nbatas_berisiko = 0.75\n")
    with pytest.raises(target.PengaturanTargetError, match="batas_berisiko ≤ batas_sesuai_jalur"):
        target.load_pengaturan()
    path.write_text("minggu_laju = 0\n")
    with pytest.raises(target.PengaturanTargetError, match="minggu_laju"):
        target.load_pengaturan()


# --- Target files through the importer -------------------------------------------------------------

ADMIN = User("admin@pusat.go.id", "admin")
ADMIN_LAMPUNG = User("admin@lampung.go.id", "admin", "18")
OPERATOR = User("operator@lampungbarat.go.id", "operator", "18.04")
HEADER = "metrik,kode_wilayah,provinsi,kabupaten,kecamatan,nilai_target,tenggat,sumber,catatan\n"


def prepare(con, gazetteer, rows: str, name: str = "target.csv", actor=None) -> ingest.Prepared:
    data = (HEADER + rows).encode("utf-8")
    return ingest.prepare(con, data, name, "target", gazetteer=gazetteer, today=TODAY, actor=actor)


def simpan(con, gazetteer, rows: str, name: str = "target.csv", actor=ADMIN) -> int:
    prepared = prepare(con, gazetteer, rows, name, actor)
    assert not prepared.rejected and not prepared.result.errors, prepared.report()
    return ingest.commit(con, prepared, actor=actor)


def tersimpan(con, batch: int) -> list[tuple]:
    """The rows of one target batch as stored."""
    cur = db.cursor(con)
    try:
        return cur.execute(
            "select baris, metrik, kode_wilayah, jenis, nilai, tenggat, sumber, catatan, dihapus from target "
            "where batch_id = $b order by baris",
            {"b": batch},
        ).fetchall()
    finally:
        cur.close()


# Every way of naming a metric (id, label), an area (code, names down to kecamatan, empty or
# 'nasional' for the country) and a value (a count, a share with %), on the fixtures' weeks.
FILE_SAH = (
    "badan_hukum,18.04,,,,6,2025-12-22,Rapat koordinasi,Dua lagi\n"
    "Zona hijau,,Lampung,Lampung Barat,,50%,2025-12-29,,\n"
    "Gerai beroperasi,,Nusa Tenggara Barat,Lombok Barat,,2,2025-12-01,,\n"
    "Tidak dapat dibangun,18.04,,,,0,2025-12-29,,\n"
    "zona_merah,,Lampung,Lampung Barat,Balik Bukit,0,2025-12-01,,\n"
    "terdaftar,,,,,10,2025-12-29,,\n"
    "sppg_beroperasi,nasional,,,,80 %,2025-12-29,,\n"
)


def test_a_valid_target_file_is_stored_with_metrics_areas_and_values_resolved(loaded_db, gazetteer):
    batch = simpan(loaded_db, gazetteer, FILE_SAH)
    assert target.semua(loaded_db) == [
        Target("badan_hukum", "18.04", "jumlah", 6.0, D(2025, 12, 22), "Rapat koordinasi", "Dua lagi", batch),
        Target("gerai_beroperasi", "52.01", "jumlah", 2.0, D(2025, 12, 1), None, None, batch),
        Target("sppg_beroperasi", "", "bagian", 0.8, D(2025, 12, 29), None, None, batch),
        Target("tahap_tidak_dapat_dibangun", "18.04", "jumlah", 0.0, D(2025, 12, 29), None, None, batch),
        Target("terdaftar", "", "jumlah", 10.0, D(2025, 12, 29), None, None, batch),
        Target("zona_hijau", "18.04", "bagian", 0.5, D(2025, 12, 29), None, None, batch),
        Target("zona_merah", "18.04.04", "jumlah", 0.0, D(2025, 12, 1), None, None, batch),
    ]
    # Only the targets inside a filter.
    assert [t.id for t in target.semua(loaded_db, Filter.from_code("18.04"))] == [
        "badan_hukum@18.04",
        "tahap_tidak_dapat_dibangun@18.04",
        "zona_hijau@18.04",
        "zona_merah@18.04.04",
    ]


def json_target(metrik, wilayah, nama, jenis, nilai, tenggat, aktual, selisih, perlu, kini, proyeksi, status, **kw):
    """One entry of `summary --json`'s `target` list (the fixtures' latest week is 27 Oct 2025)."""
    return {
        "metrik": metrik,
        "wilayah": wilayah,
        "nama_wilayah": nama,
        "jenis": jenis,
        "target": nilai,
        "tenggat": tenggat,
        "minggu": kw.get("minggu", "2025-10-27"),
        "aktual": aktual,
        "selisih": selisih,
        "laju_perlu": perlu,
        "laju_kini": kini,
        "proyeksi": proyeksi,
        "tercapai_pada": kw.get("tercapai_pada"),
        "status": status,
        "sumber": kw.get("sumber"),
    }


def test_targets_are_measured_on_the_stored_weeks_of_their_area_riskiest_first(loaded_db, gazetteer):
    simpan(loaded_db, gazetteer, FILE_SAH)
    # The fixtures per week 6, 13, 20, 27 Oct (Lombok Barat skipped 13 Oct; SPPG only on 27 Oct).
    assert target.as_json(target.daftar(loaded_db, None, None, Pengaturan())) == [
        # Gerai in Lombok Barat 1, 1, 1 (no report on 13 Oct): pace 0; 1 left in 5 weeks needs 0.2.
        json_target("gerai_beroperasi", "52.01", "Kab. Lombok Barat", "jumlah", 2.0, "2025-12-01", 1.0, 1.0, 0.2,
                    0.0, None, "terlambat"),
        # Zona merah in Balik Bukit stays 1 against 0: pace 0, -1 in 5 weeks needed.
        json_target("zona_merah", "18.04.04", "Balik Bukit", "jumlah", 0.0, "2025-12-01", 1.0, 1.0, -0.2, 0.0,
                    None, "terlambat"),
        # 1 of 3 SPPG operate, one week only: 0.8 - 1/3 left in 9 weeks.
        json_target("sppg_beroperasi", None, None, "bagian", 0.8, "2025-12-29", 0.333333, 0.466667, 0.051852,
                    None, None, "berisiko"),
        # The country's koperasi 6, 4, 7, 7: (7 - 6) / 3 a week, exactly the 3 / 9 needed: reached on the
        # deadline, the ratio 1 is on track.
        json_target("terdaftar", None, None, "jumlah", 10.0, "2025-12-29", 7.0, 3.0, 0.333333, 0.333333,
                    "2025-12-29", "sesuai_jalur"),
        # Badan hukum 3, 3, 4, 4: 1/3 a week against 2 / 8 needed; the 2 take 6 weeks.
        json_target("badan_hukum", "18.04", "Kab. Lampung Barat", "jumlah", 6.0, "2025-12-22", 4.0, 2.0, 0.25,
                    0.333333, "2025-12-08", "sesuai_jalur", sumber="Rapat koordinasi"),
        # Zona hijau 0/4, 0/4, 1/5, 1/5 of the koperasi: 0.2 / 3 a week, twice the 0.3 / 9 needed;
        # 0.3 at that pace takes 4.5 weeks, 32 days.
        json_target("zona_hijau", "18.04", "Kab. Lampung Barat", "bagian", 0.5, "2025-12-29", 0.2, 0.3, 0.033333,
                    0.066667, "2025-11-28", "sesuai_jalur"),
        # Tidak dapat dibangun 1, 1, 1, 0 against 0: reached on 27 Oct.
        json_target("tahap_tidak_dapat_dibangun", "18.04", "Kab. Lampung Barat", "jumlah", 0.0, "2025-12-29", 0.0,
                    0.0, None, -0.333333, None, "tercapai", tercapai_pada="2025-10-27"),
    ]  # fmt: skip
    # An earlier week: the Lampung Barat ones inside the kab/kota filter, as they stood on 13 Oct, every
    # one without a change since 6 Oct (pace 0, ratio 0): by deadline, then by id.
    df = target.daftar(loaded_db, Filter.from_code("18.04"), D(2025, 10, 13), Pengaturan())
    assert df[["id", "minggu", "aktual", "tenggat", "status", "alasan"]].to_dict("records") == [
        {"id": i, "minggu": W1013, "aktual": a, "tenggat": tenggat, "status": "terlambat", "alasan": "laju_nol"}
        for i, a, tenggat in (
            ("zona_merah@18.04.04", 1.0, D(2025, 12, 1)),
            ("badan_hukum@18.04", 3.0, D(2025, 12, 22)),
            ("tahap_tidak_dapat_dibangun@18.04", 1.0, D(2025, 12, 29)),
            ("zona_hijau@18.04", 0.0, D(2025, 12, 29)),
        )
    ]


def test_target_file_errors_name_row_column_and_value(fresh_db, gazetteer):
    prepared = prepare(
        fresh_db,
        gazetteer,
        "jumlah_koperasi_hebat,18.04,,,,24,2026-12-31,,\n"  # 2: unknown metric
        "bimtek_peserta,18.04,,,,24,2026-12-31,,\n"  # 3: an event count
        "tahap_tidak_diisi,18.04,,,,24,2026-12-31,,\n"  # 4: a 'tidak diisi' count
        "sppg_beroperasi,18.04,,,,dua puluh,2026-12-31,,\n"  # 5
        "sppg_beroperasi,18.04,,,,120%,2026-12-31,,\n"  # 6
        "sppg_beroperasi,18.04,,,,-3,2026-12-31,,\n"  # 7
        "sppg_beroperasi,18.04,,,,24,31/02/2026,,\n"  # 8
        "sppg_beroperasi,18.04.04.2005,,,,24,2026-12-31,,\n"  # 9: a desa
        "sppg_beroperasi,99.99,,,,24,2026-12-31,,\n"  # 10
        "sppg_beroperasi,,,Atlantis,,24,2026-12-31,,\n"  # 11: unknown name
        "terdaftar,18.04,,,,80%,2026-12-31,,\n"  # 12: a share of itself
        "gerai_beroperasi,18.04,,,,3,2026-12-31,,\n"  # 13
        "Gerai beroperasi,,Lampung,Lampung Barat,,4,2026-12-31,,\n",  # 14: the same target again
    )
    assert prepared.report()["errors"] == [
        {
            "row": 2,
            "column": "metrik",
            "value": "jumlah_koperasi_hebat",
            "message": "Diharapkan kode atau label metrik dasbor (lihat halaman Target & Tenggat).",
        },
        *(
            {
                "row": row,
                "column": "metrik",
                "value": value,
                "message": "Diharapkan metrik keadaan mingguan yang punya arah naik atau turun (bukan kegiatan, "
                "kelengkapan laporan, atau jumlah 'tidak diisi').",
            }
            for row, value in ((3, "bimtek_peserta"), (4, "tahap_tidak_diisi"))
        ),
        {
            "row": 5,
            "column": "nilai_target",
            "value": "dua puluh",
            "message": "Diharapkan jumlah (24) atau bagian dengan tanda persen (80%).",
        },
        {"row": 6, "column": "nilai_target", "value": "120%", "message": "Diharapkan bagian paling besar 100%."},
        {"row": 7, "column": "nilai_target", "value": "-3", "message": "Diharapkan nilai 0 atau lebih."},
        {"row": 8, "column": "tenggat", "value": "31/02/2026", "message": "Diharapkan tanggal yang ada di kalender."},
        {
            "row": 9,
            "column": "kode_wilayah",
            "value": "18.04.04.2005",
            "message": "Diharapkan target paling rendah di tingkat kecamatan, bukan desa.",
        },
        {
            "row": 10,
            "column": "kode_wilayah",
            "value": "99.99",
            "message": "Diharapkan kode Kemendagri provinsi (18), kab/kota (18.04) atau kecamatan (18.04.04).",
        },
        {
            "row": 11,
            "column": "kabupaten",
            "value": "Atlantis",
            "message": "Diharapkan nama kabupaten yang dikenal (isi juga provinsi bila namanya ada di beberapa "
            "provinsi).",
        },
        {
            "row": 12,
            "column": "nilai_target",
            "value": "80%",
            "message": "Diharapkan jumlah: koperasi terdaftar adalah dasar bagian itu sendiri.",
        },
        {
            "row": 14,
            "column": "metrik",
            "value": "Gerai beroperasi",
            "message": "Target metrik dan wilayah yang sama sudah ada di baris 13.",
        },
    ]
    # 12 of 13 rows in error: the file is refused, and nothing can be committed.
    assert prepared.reason == "12 dari 13 baris bergalat (lebih dari 25%). Perbaiki file lalu unggah ulang."
    with pytest.raises(ingest.UploadRefused):
        ingest.commit(fresh_db, prepared)
    assert target.semua(fresh_db) == []


def test_a_past_deadline_is_a_warning_and_the_target_is_stored(fresh_db, gazetteer):
    prepared = prepare(fresh_db, gazetteer, "gerai_beroperasi,18.04,,,,3,2025-10-31,,\n")
    assert prepared.report()["errors"] == []
    assert prepared.report()["warnings"] == [
        {"row": 2, "column": "tenggat", "value": "31 Okt 2025", "message": "Tenggat sudah lewat."}
    ]
    batch = ingest.commit(fresh_db, prepared, actor=ADMIN)
    assert target.semua(fresh_db) == [
        Target("gerai_beroperasi", "18.04", "jumlah", 3.0, D(2025, 10, 31), None, None, batch)
    ]


def test_the_burn_up_runs_from_the_first_week_to_the_target_on_the_deadline(loaded_db, gazetteer):
    simpan(loaded_db, gazetteer, "badan_hukum,18.04,,,,6,2025-12-22,,\n")
    t = target.cari(target.semua(loaded_db), "badan_hukum@18.04")
    # 3 on 6 Oct to 6 on 22 Dec (77 days): the line rises 3 × 7/77 a week.
    assert target.riwayat(loaded_db, t).to_dict("records") == [
        {"minggu": W1006, "aktual": 3.0, "garis": 3.0},
        {"minggu": W1013, "aktual": 3.0, "garis": 3 + 3 * (7 / 77)},
        {"minggu": W1020, "aktual": 4.0, "garis": 3 + 3 * (14 / 77)},
        {"minggu": W1027, "aktual": 4.0, "garis": 3 + 3 * (21 / 77)},
    ]


def test_kontribusi_shares_the_gap_by_dasar_and_counts_an_areas_own_target(loaded_db, gazetteer):
    simpan(
        loaded_db,
        gazetteer,
        "badan_hukum,18.04,,,,6,2025-12-22,,\n"
        "zona_hijau,18.04,,,,50%,2025-12-29,,\n"
        "zona_hijau,18.04.04,,,,3,2025-12-29,,\n"
        "zona_merah,18.04,,,,0,2025-12-22,,\n",
    )
    targets = target.semua(loaded_db)

    def kontribusi(target_id):
        df = target.kontribusi(loaded_db, target.cari(targets, target_id), None)
        # Lampung Barat's other 13 kecamatan have no koperasi: no part of any target, no gap.
        assert len(df) == 15 and df.iloc[2:][["aktual", "target", "selisih"]].abs().sum().sum() == 0
        return df.head(2).to_dict("records")

    def baris(kode, nama, aktual, goal, selisih, sendiri, bagian):
        return {
            "kode": kode,
            "nama": nama,
            "aktual": aktual,
            "target": goal,
            "selisih": selisih,
            "target_sendiri": sendiri,
            "bagian_selisih": bagian,
        }

    # On 27 Oct Balik Bukit has 3 koperasi (3 berbadan hukum, 1 green, 1 red), Sekincau 2 (1, 0, 1).
    # 6 berbadan hukum split 3 : 2 by registered koperasi: 3.6 and 2.4.
    sekincau, balik_bukit = 6 * 2 / 5 - 1, 6 * 3 / 5 - 3
    assert kontribusi("badan_hukum@18.04") == [
        baris("18.04.08", "Sekincau", 1.0, 6 * 2 / 5, sekincau, False, sekincau / (sekincau + balik_bukit)),
        baris("18.04.04", "Balik Bukit", 3.0, 6 * 3 / 5, balik_bukit, False, balik_bukit / (sekincau + balik_bukit)),
    ]
    # Half green everywhere, except Balik Bukit's own target of 3.
    assert kontribusi("zona_hijau@18.04") == [
        baris("18.04.04", "Balik Bukit", 1.0, 3.0, 2.0, True, 2 / 3),
        baris("18.04.08", "Sekincau", 0.0, 1.0, 1.0, False, 1 / 3),
    ]
    # A falling metric: the gap is what is above the area's part (0).
    assert kontribusi("zona_merah@18.04") == [
        baris("18.04.04", "Balik Bukit", 1.0, 0.0, 1.0, False, 0.5),
        baris("18.04.08", "Sekincau", 1.0, 0.0, 1.0, False, 0.5),
    ]


FILE_AWAL = (
    "sppg_beroperasi,18.04,,,,24,2026-12-31,Rencana SPPG,Semua\n"
    "gerai_beroperasi,18.04,,,,10,2026-06-30,,\n"
    "zona_hijau,52.01,,,,80%,2026-12-31,,\n"
)


def test_a_new_upload_replaces_only_its_targets_and_undo_brings_the_old_ones_back(loaded_db, gazetteer):
    awal = simpan(loaded_db, gazetteer, FILE_AWAL)
    sebelum = target.semua(loaded_db)
    assert sebelum == [
        Target("gerai_beroperasi", "18.04", "jumlah", 10.0, D(2026, 6, 30), None, None, awal),
        Target("sppg_beroperasi", "18.04", "jumlah", 24.0, D(2026, 12, 31), "Rencana SPPG", "Semua", awal),
        Target("zona_hijau", "52.01", "bagian", 0.8, D(2026, 12, 31), None, None, awal),
    ]
    ganti = simpan(loaded_db, gazetteer, "SPPG beroperasi,,Lampung,Lampung Barat,,30,2027-06-30,,\n", "ganti.csv")
    assert target.semua(loaded_db) == [
        sebelum[0],
        Target("sppg_beroperasi", "18.04", "jumlah", 30.0, D(2027, 6, 30), None, None, ganti),
        sebelum[2],
    ]
    assert ingest.undo(loaded_db, ganti, actor=ADMIN) == {
        "batch_id": ganti,
        "dataset": "target",
        "minggu": "2025-11-03",
        "kabupaten": ["18.04"],
    }
    assert target.semua(loaded_db) == sebelum


def test_the_same_target_file_twice_changes_nothing(loaded_db, gazetteer):
    awal = simpan(loaded_db, gazetteer, FILE_AWAL)
    with pytest.raises(ingest.UploadRefused, match=f"sudah diunggah.*#{awal}"):
        simpan(loaded_db, gazetteer, FILE_AWAL)
    assert {t.batch_id for t in target.semua(loaded_db)} == {awal}


def test_a_deleted_target_stops_counting_and_undo_of_the_delete_brings_it_back(loaded_db, gazetteer):
    simpan(loaded_db, gazetteer, FILE_AWAL)
    sebelum = target.semua(loaded_db)
    hijau = target.cari(sebelum, "zona_hijau@52.01")
    batch = target.hapus(loaded_db, hijau, actor=ADMIN, now=dt.datetime(2025, 11, 4, 10))
    assert target.semua(loaded_db) == sebelum[:2]
    assert tersimpan(loaded_db, batch) == [(1, "zona_hijau", "52.01", "bagian", 0.8, D(2026, 12, 31), None, None, True)]
    ingest.undo(loaded_db, batch, actor=ADMIN)
    assert target.semua(loaded_db) == sebelum


def test_a_national_target_can_be_deleted_and_set_again_in_the_form(loaded_db):
    _, batch = target.atur(
        loaded_db, "zona_merah", "", "3", D(2026, 3, 31), actor=ADMIN, now=dt.datetime(2025, 11, 4, 9)
    )
    merah = Target("zona_merah", "", "jumlah", 3.0, D(2026, 3, 31), None, None, batch)
    assert target.semua(loaded_db) == [merah]
    target.hapus(loaded_db, merah, actor=ADMIN, now=dt.datetime(2025, 11, 4, 10))
    assert target.semua(loaded_db) == []
    # The same entry typed again later is a new change, not "the same file again".
    _, lagi = target.atur(
        loaded_db, "zona_merah", "", "3", D(2026, 3, 31), actor=ADMIN, now=dt.datetime(2025, 11, 4, 11)
    )
    assert target.semua(loaded_db) == [Target("zona_merah", "", "jumlah", 3.0, D(2026, 3, 31), None, None, lagi)]


def test_the_form_stores_a_target_exactly_as_a_file_row_would(loaded_db, gazetteer):
    berkas = simpan(loaded_db, gazetteer, "sppg_beroperasi,18.04,,,,24,2026-12-31,Rencana SPPG,Semua\n")
    prepared, formulir = target.atur(
        loaded_db,
        "sppg_beroperasi",
        "18.04",
        "30",
        D(2027, 6, 30),
        "Rencana baru",
        "Enam tambahan",
        actor=ADMIN,
        now=dt.datetime(2025, 11, 4, 9),
    )
    assert prepared.report(formulir, "committed")["errors"] == []
    # Replaces the file's target as a second file would, and undo brings the file's back.
    baru = Target("sppg_beroperasi", "18.04", "jumlah", 30.0, D(2027, 6, 30), "Rencana baru", "Enam tambahan", formulir)
    assert target.semua(loaded_db) == [baru]
    assert tersimpan(loaded_db, formulir) == [
        (2, "sppg_beroperasi", "18.04", "jumlah", 30.0, D(2027, 6, 30), "Rencana baru", "Enam tambahan", False)
    ]
    cur = db.cursor(loaded_db)
    try:
        assert cur.execute(
            "select dataset, nama_file, diunggah_oleh, kabupaten from upload_batch where batch_id = $b", {"b": formulir}
        ).fetchone() == ("target", "formulir_target.csv", "admin@pusat.go.id", ["18.04"])
    finally:
        cur.close()
    ingest.undo(loaded_db, formulir, actor=ADMIN)
    assert target.semua(loaded_db) == [
        Target("sppg_beroperasi", "18.04", "jumlah", 24.0, D(2026, 12, 31), "Rencana SPPG", "Semua", berkas)
    ]


def test_the_form_refuses_with_the_rows_own_error(loaded_db):
    with pytest.raises(ingest.UploadRefused) as refused:
        target.atur(loaded_db, "sppg_tidak_diisi", "18.04", "3", D(2026, 3, 31), actor=ADMIN)
    assert str(refused.value) == (
        "Diharapkan metrik keadaan mingguan yang punya arah naik atau turun (bukan kegiatan, kelengkapan laporan, "
        "atau jumlah 'tidak diisi'). (metrik: sppg_tidak_diisi)"
    )
    assert target.semua(loaded_db) == []


def test_an_operator_cannot_set_delete_or_undo_targets(loaded_db, gazetteer):
    awal = simpan(loaded_db, gazetteer, FILE_AWAL)
    sebelum = target.semua(loaded_db)
    # Inside the operator's own kab/kota, still refused: targets are set by an administrator.
    prepared = prepare(loaded_db, gazetteer, "gerai_beroperasi,18.04,,,,12,2026-06-30,,\n", actor=OPERATOR)
    assert prepared.report()["errors"] == []
    refusal = "Peran 'operator' tidak boleh mengatur target; target diatur admin."
    with pytest.raises(ingest.UploadRefused, match=refusal):
        ingest.commit(loaded_db, prepared, actor=OPERATOR)
    with pytest.raises(ingest.UploadRefused, match=refusal):
        target.atur(loaded_db, "gerai_beroperasi", "18.04", "12", D(2026, 6, 30), actor=OPERATOR)
    with pytest.raises(ingest.UploadRefused, match=refusal):
        target.hapus(loaded_db, target.cari(sebelum, "gerai_beroperasi@18.04"), actor=OPERATOR)
    with pytest.raises(ingest.UploadRefused, match=r"Peran 'operator' tidak boleh melakukan ini \(target\)"):
        ingest.undo(loaded_db, awal, actor=OPERATOR)
    assert target.semua(loaded_db) == sebelum


def test_an_admin_of_a_province_cannot_set_targets_outside_it(loaded_db, gazetteer):
    awal = simpan(loaded_db, gazetteer, FILE_AWAL)
    sebelum = target.semua(loaded_db)
    prepared = prepare(
        loaded_db,
        gazetteer,
        "gerai_beroperasi,18.04,,,,12,2026-06-30,,\n"
        "gerai_beroperasi,52.01,,,,5,2026-06-30,,\n"
        "gerai_beroperasi,,,,,500,2026-06-30,,\n",
        actor=ADMIN_LAMPUNG,
    )
    assert prepared.report()["errors"] == [
        {"row": 3, "column": "kode_wilayah", "value": "52.01", "message": "Di luar wilayah Anda."},
        {"row": 4, "column": "kode_wilayah", "value": "nasional", "message": "Di luar wilayah Anda."},
    ]
    with pytest.raises(ingest.UploadRefused):
        ingest.commit(loaded_db, prepared, actor=ADMIN_LAMPUNG)
    with pytest.raises(ingest.UploadRefused, match=r"^Di luar wilayah Anda. \(kode_wilayah: 52.01\)$"):
        target.atur(loaded_db, "gerai_beroperasi", "52.01", "5", D(2026, 6, 30), actor=ADMIN_LAMPUNG)
    with pytest.raises(ingest.UploadRefused, match="di luar wewenang Anda: 52.01"):
        target.hapus(loaded_db, target.cari(sebelum, "zona_hijau@52.01"), actor=ADMIN_LAMPUNG)
    # The batch names Lombok Barat too: the Lampung administrator cannot undo it.
    with pytest.raises(ingest.UploadRefused, match="di luar wewenang Anda: 52.01"):
        ingest.undo(loaded_db, awal, actor=ADMIN_LAMPUNG)
    assert target.semua(loaded_db) == sebelum
    # Inside Lampung: allowed.
    _, batch = target.atur(loaded_db, "gerai_beroperasi", "18.04", "12", D(2026, 6, 30), actor=ADMIN_LAMPUNG)
    assert target.cari(target.semua(loaded_db), "gerai_beroperasi@18.04") == Target(
        "gerai_beroperasi", "18.04", "jumlah", 12.0, D(2026, 6, 30), None, None, batch
    )


def test_a_target_file_is_recognised_by_its_headers_in_the_cli(empty_db_file, tmp_path):
    store = tmp_path / "cli.duckdb"
    shutil.copy(empty_db_file, store)
    berkas = tmp_path / "target lampung barat.csv"
    berkas.write_text("Metrik;Kode wilayah;Target;Batas waktu;Keterangan\nSPPG beroperasi;18.04;24;31/12/2099;Semua\n")
    code, out, err = cli("ingest", berkas, "--db", store, "--json")
    assert code == 0, err
    assert {k: out[k] for k in ("status", "dataset", "batch_id", "rows_read", "rows_committed", "errors")} == {
        "status": "committed",
        "dataset": "target",
        "batch_id": 1,
        "rows_read": 1,
        "rows_committed": 1,
        "errors": [],
    }
    code, out, err = cli("summary", "--db", store, "--json")
    assert code == 0, err
    # No SPPG data yet: at risk until the deadline, no week, no pace.
    assert out["target"] == [
        {
            "metrik": "sppg_beroperasi",
            "wilayah": "18.04",
            "nama_wilayah": "Kab. Lampung Barat",
            "jenis": "jumlah",
            "target": 24.0,
            "tenggat": "2099-12-31",
            "minggu": None,
            "aktual": None,
            "selisih": 24.0,
            "laju_perlu": None,
            "laju_kini": None,
            "proyeksi": None,
            "tercapai_pada": None,
            "status": "berisiko",
            "sumber": None,
        }
    ]


# --- The demo's three targets --------------------------------------------------------------------


@pytest.fixture(scope="module", params=STORAGE_MODES)
def demo_store(request, tmp_path_factory):
    """The demo loaded through the CLI into a store of this module's own (a file, then a lake)."""
    env = pytest.MonkeyPatch()
    if request.param == "lake":
        postgres = request.getfixturevalue("postgres")
        store = "ducklake:postgres:" + postgres.create_database("demo_target")
        env.setenv("KDKMP_LAKE_DATA", str(tmp_path_factory.mktemp("demo-target-lake")))
    else:
        store = str(tmp_path_factory.mktemp("demo-target") / "demo.duckdb")
    code, out, err = cli("demo", "--db", store, check_json=False)
    assert code == 0, err
    assert out == "Data contoh dimuat: 47 unggahan.\n"
    yield store
    env.undo()


def test_summary_json_of_the_demo_has_its_three_targets_riskiest_first(demo_store):
    code, out, err = cli("summary", "--db", demo_store, "--json")
    assert code == 0, err
    # The demo's latest week is 16 Nov 2026. Lampung Barat: 3 of 24 SPPG operate, 0.5 more a week
    # over the last 4 weeks (1 → 3); 21 left in the 45 days to 31 Dec need 21 / (45/7) a week; at 0.5
    # a week the 21 take 42 weeks: 6 Sep 2027. Bandar Lampung: 37 of 45, 1.25 a week; 8 left in 135
    # days need 8 / (135/7); at 1.25 they take 6.4 weeks = 44.8 days, 45: 31 Dec 2026. Sungai Penuh:
    # 67 against 65 in the latest week, the first that met it.
    assert out["target"] == [
        {
            "metrik": "sppg_beroperasi",
            "wilayah": "18.04",
            "nama_wilayah": "Kab. Lampung Barat",
            "jenis": "jumlah",
            "target": 24.0,
            "tenggat": "2026-12-31",
            "minggu": "2026-11-16",
            "aktual": 3.0,
            "selisih": 21.0,
            "laju_perlu": round(21 / (45 / 7), 6),
            "laju_kini": 0.5,
            "proyeksi": "2027-09-06",
            "tercapai_pada": None,
            "status": "terlambat",
            "sumber": "Rencana SPPG Kabupaten Lampung Barat",
        },
        {
            "metrik": "corong_pembangunan",
            "wilayah": "18.71",
            "nama_wilayah": "Kota Bandar Lampung",
            "jenis": "jumlah",
            "target": 45.0,
            "tenggat": "2027-03-31",
            "minggu": "2026-11-16",
            "aktual": 37.0,
            "selisih": 8.0,
            "laju_perlu": round(8 / (135 / 7), 6),
            "laju_kini": 1.25,
            "proyeksi": "2026-12-31",
            "tercapai_pada": None,
            "status": "sesuai_jalur",
            "sumber": "Kesepakatan Pemkot Bandar Lampung dan Pemprov Lampung",
        },
        {
            "metrik": "corong_pembangunan",
            "wilayah": "15.72",
            "nama_wilayah": "Kota Sungai Penuh",
            "jenis": "jumlah",
            "target": 65.0,
            "tenggat": "2026-11-30",
            "minggu": "2026-11-16",
            "aktual": 67.0,
            "selisih": 0.0,
            "laju_perlu": None,
            "laju_kini": 4.0,
            "proyeksi": None,
            "tercapai_pada": "2026-11-16",
            "status": "tercapai",
            "sumber": "Inpres 17/2025",
        },
    ]
    # Inside Lampung only the two Lampung targets.
    code, out, err = cli("summary", "--provinsi", "Lampung", "--db", demo_store, "--json")
    assert code == 0, err
    assert [(t["metrik"], t["wilayah"]) for t in out["target"]] == [
        ("sppg_beroperasi", "18.04"),
        ("corong_pembangunan", "18.71"),
    ]


def test_lampung_barat_sppg_gap_is_shared_among_kecamatan_by_their_planned_sppg(demo_store):
    con = db.connect(demo_store)
    try:
        t = target.cari(target.semua(con), "sppg_beroperasi@18.04")
        df = target.kontribusi(con, t, None)
    finally:
        con.close()
    # Each kecamatan's part of 24 is its own planned SPPG (24 × its SPPG / 24); the gaps add up to 21.
    rencana = [
        ("18.04.04", "Balik Bukit", 1, 3),
        ("18.04.10", "Batu Brak", 0, 2),
        ("18.04.21", "Batu Ketulis", 0, 2),
        ("18.04.06", "Belalau", 0, 2),
        ("18.04.15", "Gedung Surian", 0, 2),
        ("18.04.18", "Kebun Tebu", 0, 2),
        ("18.04.11", "Sukau", 0, 2),
        ("18.04.23", "Bandar Negeri Suoh", 1, 2),
        ("18.04.22", "Lumbok Seminung", 0, 1),
        ("18.04.20", "Pagar Dewa", 0, 1),
        ("18.04.08", "Sekincau", 1, 2),
        ("18.04.05", "Sumber Jaya", 0, 1),
        ("18.04.09", "Suoh", 0, 1),
        ("18.04.07", "Way Tenong", 0, 1),
        ("18.04.19", "Air Hitam", 0, 0),
    ]
    assert df.to_dict("records") == [
        {
            "kode": kode,
            "nama": nama,
            "aktual": float(aktual),
            "target": float(sppg),
            "selisih": float(sppg - aktual),
            "target_sendiri": False,
            "bagian_selisih": (sppg - aktual) / 21,
        }
        for kode, nama, aktual, sppg in rencana
    ]
    assert df["selisih"].sum() == 21.0
