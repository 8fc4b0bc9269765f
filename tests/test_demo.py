"""The demo data: loads through the real importer and reproduces the published figures."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analytics import db, demo
from analytics.wilayah import Gazetteer
from conftest import STORAGE_MODES

ROOT = Path(__file__).resolve().parents[1]
LATEST = dt.date(2026, 11, 16)


@pytest.fixture(scope="module", params=STORAGE_MODES)
def demo_db(tmp_path_factory, request):
    """The demo loaded once for this module into a fresh store: a file, then a lake (its figures
    must be the same in both modes)."""
    if request.param == "lake":
        postgres = request.getfixturevalue("postgres")
        target = "ducklake:postgres:" + postgres.create_database("demo_lake")
        con = db.connect(target, lake_data=tmp_path_factory.mktemp("demo-lake"))
    else:
        con = db.connect(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    started = time.perf_counter()
    batches = demo.load(con)
    seconds = time.perf_counter() - started
    # Reported, not asserted: the machines differ too much for a time limit. Printed past the
    # output capture, as capsys.disabled() does, so it shows in a plain `pytest -q` run.
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print(f"\ndemo.load ({request.param}): {len(batches)} unggahan dalam {seconds:.1f} detik")
    yield con
    con.close()


@pytest.fixture(scope="module")
def demo_files(demo_db):
    return demo.build_files(Gazetteer.load(demo_db))


def one(con, sql: str, params: dict | None = None):
    """The single row of a query, as a tuple."""
    cur = db.cursor(con)
    try:
        rows = cur.execute(sql, params or {}).fetchall()
    finally:
        cur.close()
    assert len(rows) == 1, rows
    return rows[0]


def rows(con, sql: str, params: dict | None = None) -> list[tuple]:
    cur = db.cursor(con)
    try:
        return cur.execute(sql, params or {}).fetchall()
    finally:
        cur.close()


def files_digest(files) -> str:
    digest = hashlib.sha256()
    for name, dataset, data in files:
        digest.update(f"{name}\0{dataset}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def test_demo_weeks_are_twelve_mondays_ending_on_16_november_2026():
    assert len(demo.DEMO_WEEKS) == 12
    assert demo.DEMO_WEEKS[-1] == LATEST
    assert all(w.weekday() == 0 for w in demo.DEMO_WEEKS)
    assert [b - a for a, b in zip(demo.DEMO_WEEKS, demo.DEMO_WEEKS[1:])] == [dt.timedelta(days=7)] * 11


def test_demo_batches_are_marked_as_demo(demo_db):
    assert demo.is_loaded(demo_db)
    assert one(
        demo_db, "select count(*) filter (where not contoh), min(diunggah_oleh), max(diunggah_oleh) from upload_batch"
    ) == (0, "data-contoh", "data-contoh")


def test_every_dataset_has_twelve_weeks_of_koperasi_lahan_and_sppg(demo_db):
    weeks = list(demo.DEMO_WEEKS)
    for view in ("koperasi_aktif", "lahan_aktif", "sppg_aktif"):
        assert [r[0] for r in rows(demo_db, f"select distinct minggu from {view} order by 1")] == weeks, view
    assert {r[0] for r in rows(demo_db, "select distinct minggu from bimtek_aktif")} <= set(weeks)


def test_ntb_latest_week_matches_the_published_koperasi_figures(demo_db):
    assert one(
        demo_db,
        """
        select count(*),
               count(*) filter (where masuk_portal),
               count(*) filter (where tahap_fisik = 'pembangunan'),
               count(*) filter (where tahap_fisik = 'tidak_dapat_dibangun')
        from koperasi_aktif where kode_provinsi = '52' and minggu = $m""",
        {"m": LATEST},
    ) == (1166, 454, 249, 176)


def test_ntb_has_49_province_parcels_in_verification(demo_db):
    assert one(
        demo_db,
        """
        select count(*) from lahan_aktif
        where kode_provinsi = '52' and minggu = $m
          and sumber_lahan = 'aset_pemprov' and status_verifikasi = 'sedang_diverifikasi'""",
        {"m": LATEST},
    ) == (49,)
    # Other sources and statuses are there too.
    sources, statuses = one(
        demo_db,
        """
        select count(distinct sumber_lahan), count(distinct status_verifikasi)
        from lahan_aktif where kode_provinsi = '52' and minggu = $m""",
        {"m": LATEST},
    )
    assert sources >= 5 and statuses >= 6


def test_lampung_barat_has_135_koperasi_with_120_active_and_15_troubled_simkopdes_accounts(demo_db):
    assert rows(
        demo_db,
        """
        select akun_simkopdes, count(*) from koperasi_aktif
        where kode_kabupaten = '18.04' and minggu = $m group by 1 order by 1""",
        {"m": LATEST},
    ) == [("aktif", 120), ("kendala", 15)]


def test_lampung_barat_has_24_sppg_of_which_3_operate_one_in_each_named_kecamatan(demo_db):
    assert rows(
        demo_db,
        """
        select kode_kecamatan, count(*) from sppg_aktif
        where kode_kabupaten = '18.04' and minggu = $m and status = 'beroperasi' group by 1 order by 1""",
        {"m": LATEST},
    ) == [("18.04.04", 1), ("18.04.08", 1), ("18.04.23", 1)]
    status = dict(
        rows(
            demo_db,
            """
        select status, count(*) from sppg_aktif
        where kode_kabupaten = '18.04' and minggu = $m group by 1""",
            {"m": LATEST},
        )
    )
    assert sum(status.values()) == 24
    assert status["beroperasi"] == 3
    assert status.get("rencana", 0) + status.get("persiapan", 0) == 21


def test_lampung_barat_kitchens_open_from_persiapan_in_different_weeks(demo_db):
    opened = rows(
        demo_db,
        """
        with riwayat as (
            select nama_sppg, minggu, status,
                   lag(status) over (partition by kode_kecamatan, nama_sppg order by minggu) as sebelumnya
            from sppg_aktif where kode_kabupaten = '18.04'
        )
        select nama_sppg, sebelumnya, minggu from riwayat
        where status = 'beroperasi' and sebelumnya is distinct from 'beroperasi' order by minggu""",
    )
    assert [r[1] for r in opened] == ["persiapan"] * 3
    assert len({r[2] for r in opened}) == 3


def test_lampung_selatan_trained_130_participants_in_8_kecamatan_in_the_latest_week(demo_db):
    kecamatan, peserta, ketua, events = one(
        demo_db,
        """
        select count(distinct kode_kecamatan), sum(jumlah_peserta),
               count(*) filter (where kategori_peserta = 'ketua_koperasi'), count(*)
        from bimtek_aktif where kode_kabupaten = '18.01' and minggu = $m""",
        {"m": LATEST},
    )
    assert (kecamatan, peserta) == (8, 130)
    assert ketua > events / 2
    # Earlier weeks trained elsewhere.
    assert (
        one(demo_db, "select count(distinct kode_kabupaten) from bimtek_aktif where minggu < $m", {"m": LATEST})[0] >= 5
    )


def test_kota_sungai_penuh_has_65_koperasi_being_built(demo_db):
    assert one(
        demo_db,
        """
        select count(*), count(*) filter (where tahap_fisik = 'pembangunan')
        from koperasi_aktif where kode_kabupaten = '15.72' and minggu = $m""",
        {"m": LATEST},
    ) == (69, 65)


def test_only_ntb_lampung_and_kota_sungai_penuh_are_in_the_demo(demo_db):
    assert rows(
        demo_db,
        """
        select kode_provinsi, count(distinct kode_kabupaten) from koperasi_aktif
        where minggu = $m group by 1 order by 1""",
        {"m": LATEST},
    ) == [("15", 1), ("18", 15), ("52", 10)]


def test_every_kabupaten_reports_in_the_latest_week_but_some_missed_earlier_weeks(demo_db):
    per_week = rows(demo_db, "select minggu, count(distinct kode_kabupaten) from koperasi_aktif group by 1 order by 1")
    assert per_week[-1] == (LATEST, 26)
    assert min(n for _, n in per_week) < 26


def test_lahan_is_the_most_frequent_obstacle_in_the_latest_week(demo_db):
    ranked = rows(
        demo_db,
        """
        select k, count(*) from (
            select unnest(kendala) as k from koperasi_aktif where minggu = $m
        ) group by 1 order by 2 desc, 1""",
        {"m": LATEST},
    )
    assert [k for k, _ in ranked[:4]] == ["lahan", "cuaca", "tenaga_kerja", "teknis"]
    assert ranked[0][1] > 2 * ranked[1][1]


def test_all_three_zones_occur_in_ntb(demo_db):
    assert [
        r[0]
        for r in rows(
            demo_db,
            """
        select distinct zona_hitung from koperasi_zona
        where kode_provinsi = '52' and minggu = $m order by 1""",
            {"m": LATEST},
        )
    ] == ["hijau", "kuning", "merah"]


def test_stalled_construction_fires_rule_m4(demo_db):
    stalled, shortest_stall = one(
        demo_db,
        """
        select count(*), min(minggu_tanpa_progres) from koperasi_zona
        where minggu = $m and list_contains(aturan, 'M4')""",
        {"m": LATEST},
    )
    assert stalled >= 1 and shortest_stall >= 3


def test_built_koperasi_are_in_the_portal_with_verified_land(demo_db):
    assert one(
        demo_db,
        """
        select count(*) filter (where tahap_fisik in ('pembangunan', 'selesai')
                                  and not (masuk_portal and status_lahan = 'terverifikasi')),
               count(*) filter (where progres_fisik_persen = 100 and tahap_fisik <> 'selesai'),
               count(*) filter (where gerai_beroperasi and tahap_fisik <> 'selesai')
        from koperasi_aktif""",
    ) == (0, 0, 0)


def test_build_files_gives_the_same_bytes_twice(demo_db, demo_files):
    first = demo_files
    second = demo.build_files(Gazetteer.load(demo_db))
    assert [(name, dataset) for name, dataset, _ in first] == [(name, dataset) for name, dataset, _ in second]
    assert all(a[2] == b[2] for a, b in zip(first, second))


def test_build_files_does_not_depend_on_the_hash_seed(demo_files):
    """Set iteration order changes with PYTHONHASHSEED; the files must not."""
    expected = files_digest(demo_files)
    script = (
        "import hashlib\n"
        "from analytics import db, demo\n"
        "from analytics.wilayah import Gazetteer\n"
        "digest = hashlib.sha256()\n"
        "for name, dataset, data in demo.build_files(Gazetteer.load(db.connect(':memory:'))):\n"
        "    digest.update(f'{name}\\0{dataset}\\0'.encode())\n"
        "    digest.update(data)\n"
        "print(digest.hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == expected


def test_the_demo_has_exactly_its_planted_quality_findings_in_the_latest_week_only(demo_db):
    from analytics import kualitas, ringkasan
    from analytics.filters import Filter

    found = kualitas.temuan(demo_db, Filter(), LATEST)
    assert sorted(found["aturan"]) == sorted(demo.KUALITAS_TERTANAM)
    # One koperasi, parcel or SPPG each, outside the kabupaten/kota whose figures the demo promises.
    dari_koperasi = found["aturan"].isin(kualitas.DARI_LAPORAN_KOPERASI)
    assert found.loc[dari_koperasi, "id_koperasi"].nunique() == dari_koperasi.sum()
    assert found.loc[~dari_koperasi, ["objek", "nama_objek"]].drop_duplicates().shape[0] == (~dari_koperasi).sum()
    assert not set(found["kode_kabupaten"]) & {"18.04", "15.72", "18.71", "52.03"}
    turun = found[found["aturan"] == "progres_turun"].iloc[0]
    assert float(turun["nilai_lalu"]) - float(turun["nilai_kini"]) == pytest.approx(5)
    # The parcel lies 15 to 25 km from its desa (the rule's limit is 10 km); the SPPG reports 0.
    jauh = found[found["aturan"] == "lahan_jauh_dari_desa"].iloc[0]
    assert 15 <= float(jauh["nilai_kini"]) <= 25
    assert found[found["aturan"] == "sppg_tanpa_penerima"].iloc[0]["nilai_kini"] == "0"
    for week in demo.DEMO_WEEKS[:-1]:
        assert kualitas.temuan(demo_db, Filter(), week).empty, week
    # summary --json: the key kualitas as the CLI builds it.
    p = ringkasan.picture(demo_db, Filter(), None)
    out = ringkasan.as_json(p, kualitas.per_aturan(demo_db, Filter(), p.minggu["koperasi"]))["kualitas"]
    assert out["minggu"] == LATEST.isoformat()
    assert out["temuan"] == {a.id: int(a.id in demo.KUALITAS_TERTANAM) for a in kualitas.load_aturan().aturan}
    assert out["terbuka"] == out["temuan"]


def test_the_upload_report_of_the_latest_demo_koperasi_file_finds_the_planted_findings(demo_db, demo_files):
    """Sent again, the latest koperasi file would have exactly the planted findings of the rules a
    koperasi file can trip (those over land and SPPG judge other files); the preview keeps nothing
    (in a file and in a lake: the transaction is rolled back)."""
    from analytics import ingest, kualitas
    from analytics.filters import Filter

    name, dataset, data = next(f for f in demo_files if f[1] == "koperasi" and LATEST.isoformat() in f[0])
    prepared = ingest.prepare(demo_db, data, name, dataset, gazetteer=Gazetteer.load(demo_db), today=demo._TODAY)
    before = one(demo_db, "select count(*), max(batch_id) from upload_batch")
    found = ingest.temuan_kualitas(demo_db, prepared)
    tertanam = [a for a in demo.KUALITAS_TERTANAM if a in kualitas.DARI_LAPORAN_KOPERASI]
    assert tertanam and sorted(found["aturan"]) == sorted(tertanam)
    assert one(demo_db, "select count(*), max(batch_id) from upload_batch") == before
    # Read in one national pass, the same rows as the kab/kota's own findings of those rules.
    (kabupaten,) = set(found["kode_kabupaten"])
    aturan = kualitas.load_aturan().hanya(kualitas.DARI_LAPORAN_KOPERASI)
    sendiri = kualitas.daftar(demo_db, Filter.from_code(kabupaten), LATEST, aturan)
    assert found.to_dict("records") == sendiri.to_dict("records")
