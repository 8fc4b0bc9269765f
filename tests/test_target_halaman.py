"""Targets where leaders see them: the Target & Tenggat page (AppTest, with a filter change and the
admin form), the Ringkasan tile, the deck slide and `summary --json`, on the demo's three targets:
the same actual, pace, projected date and status everywhere."""

import json
import shutil
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from analytics import db, deck, target
from analytics.filters import Filter
from conftest import ROOT, salin_demo


@pytest.fixture(scope="module")
def demo_file(demo_db_file, tmp_path_factory):
    return salin_demo(demo_db_file, tmp_path_factory, "target_demo")


@pytest.fixture
def app(demo_file, tmp_path, monkeypatch):
    copy = tmp_path / "demo.duckdb"
    shutil.copy(demo_file, copy)
    monkeypatch.setenv("KDKMP_DB", str(copy))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    assert not at.exception
    return at


def _halaman(at, **filter_) -> AppTest:
    for level in ("provinsi", "kabupaten"):
        if level in filter_:
            at.selectbox(key=f"w_{level}").set_value(filter_[level]).run()
    at.switch_page("pages/12_target.py").run()
    assert not at.exception, at.exception
    return at


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


LAMPUNG_BARAT = (
    "SPPG beroperasi di Kab. Lampung Barat: 3 dari target 24 pada 31 Des 2026. Pada laju 4 minggu terakhir "
    "(0,5 SPPG per minggu) target tercapai 6 Sep 2027, 36 minggu setelah tenggat; dibutuhkan 3,3 SPPG per minggu. "
    "Kekurangan terbesar di Kec. Balik Bukit: 2 dari 21 SPPG yang masih kurang (10%)."
)


def test_page_lists_the_demo_targets_riskiest_first_with_the_sentence_of_the_first(app):
    at = _halaman(app)
    m = _metrics(at)
    assert (m["Target terlambat"], m["Target berisiko"], m["Target sesuai jalur"], m["Target tercapai"]) == (
        "1",
        "0",
        "1",
        "1",
    )
    shown = at.dataframe[0].value
    assert shown.to_dict("records") == [
        {
            "status": "Terlambat",
            "label": "SPPG beroperasi",
            "wilayah": "Kab. Lampung Barat",
            "capaian": "3 / 24",
            "tenggat": "31 Des 2026",
            "laju": "0,5 / 3,3",
            "proyeksi": "6 Sep 2027",
        },
        {
            "status": "Sesuai jalur",
            "label": "Sudah sampai tahap pembangunan",
            "wilayah": "Kota Bandar Lampung",
            "capaian": "37 / 45",
            "tenggat": "31 Mar 2027",
            "laju": "1,2 / 0,4",
            "proyeksi": "31 Des 2026",
        },
        {
            "status": "Tercapai",
            "label": "Sudah sampai tahap pembangunan",
            "wilayah": "Kota Sungai Penuh",
            "capaian": "67 / 65",
            "tenggat": "30 Nov 2026",
            "laju": "4,0 / –",
            "proyeksi": "–",
        },
    ]
    assert any(md.value == f"**{LAMPUNG_BARAT}**" for md in at.markdown)


def test_a_narrower_filter_keeps_only_its_targets(app):
    at = _halaman(app, provinsi="15", kabupaten="15.72")
    m = _metrics(at)
    assert (m["Target terlambat"], m["Target tercapai"]) == ("0", "1")
    assert any(
        md.value == "**Sudah sampai tahap pembangunan di Kota Sungai Penuh: 67 dari target 65 pada 30 Nov 2026. "
        "Target tercapai sejak 16 Nov 2026.**"
        for md in at.markdown
    )


def test_page_deck_and_cli_give_the_same_numbers(app, demo_file):
    at = _halaman(app, provinsi="18", kabupaten="18.04")
    page = [md.value.strip("*") for md in at.markdown if md.value.startswith("**SPPG beroperasi")]
    # The app's process holds its copy; the deck and the CLI read the demo file it was copied from.
    con = db.connect(demo_file)
    try:
        slide = deck.build(con, Filter.from_code("18.04")).slide("target")
    finally:
        con.close()
    assert page == [slide.kalimat] == [LAMPUNG_BARAT]
    assert slide.tabel.baris[0] == ["Kab. Lampung Barat", "3", "24", "21"]
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics",
            "summary",
            "--kabupaten",
            "18.04",
            "--db",
            str(demo_file),
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["target"] == [
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
            "laju_perlu": 3.266667,
            "laju_kini": 0.5,
            "proyeksi": "2027-09-06",
            "tercapai_pada": None,
            "status": "terlambat",
            "sumber": "Rencana SPPG Kabupaten Lampung Barat",
        }
    ]


def test_ringkasan_tile_names_the_target_of_its_area(app):
    app.selectbox(key="w_provinsi").set_value("18").run()
    app.selectbox(key="w_kabupaten").set_value("18.04").run()
    m = _metrics(app)
    assert m["SPPG beroperasi"] == "3"  # the registry's tile keeps its label; the target is under it
    assert "Target 24 pada 31 Des 2026: terlambat" in [c.value for c in app.caption]
    assert not any(k.startswith("Target: ") for k in m)


def test_ringkasan_gives_a_target_without_a_tile_one_of_its_own(app):
    app.selectbox(key="w_provinsi").set_value("15").run()
    app.selectbox(key="w_kabupaten").set_value("15.72").run()
    assert _metrics(app)["Target: Sudah sampai tahap pembangunan"] == "67 / 65"
    assert "Tercapai · tenggat 30 Nov 2026" in [c.value for c in app.caption]


def test_admin_sets_a_target_in_the_form_and_removes_it(app):
    at = _halaman(app, provinsi="52")
    assert "Belum ada target" in at.info[0].value
    at.selectbox(key="target_atur_metrik").set_value("masuk_portal")
    at.text_input[0].input("50%")
    at.text_input[1].input("Rapat koordinasi NTB")
    at.date_input[0].set_value(__import__("datetime").date(2027, 3, 31))
    next(b for b in at.button if b.label == "Simpan target").click().run()
    assert not at.exception, at.exception
    rows = at.dataframe[0].value.to_dict("records")
    assert [(r["label"], r["wilayah"], r["capaian"], r["tenggat"]) for r in rows] == [
        ("Masuk portal", "Nusa Tenggara Barat", "38,9% / 50,0%", "31 Mar 2027")
    ]
    at.button(key="target_hapus").click().run()
    assert not at.exception
    assert "Belum ada target" in at.info[0].value


def test_demo_targets_have_the_three_statuses(demo_file):
    con = db.connect(demo_file)
    try:
        df = target.daftar(con, Filter(), None)
    finally:
        con.close()
    assert sorted(zip(df["kode_wilayah"], df["status"])) == [
        ("15.72", "tercapai"),
        ("18.04", "terlambat"),
        ("18.71", "sesuai_jalur"),
    ]


@pytest.mark.parametrize(
    ("kode", "kalimat_"),
    [
        ("18.04", LAMPUNG_BARAT),
        (
            "18.71",
            "Sudah sampai tahap pembangunan di Kota Bandar Lampung: 37 dari target 45 pada 31 Mar 2027. Pada laju "
            "4 minggu terakhir (1,2 koperasi per minggu) target tercapai 31 Des 2026, 13 minggu sebelum tenggat; "
            "dibutuhkan 0,4 koperasi per minggu.",
        ),
        (
            "15.72",
            "Sudah sampai tahap pembangunan di Kota Sungai Penuh: 67 dari target 65 pada 30 Nov 2026. "
            "Target tercapai sejak 16 Nov 2026.",
        ),
    ],
)
def test_each_demo_target_reads_the_same_on_its_deck_slide_as_in_summary_json(demo_file, kode, kalimat_):
    con = db.connect(demo_file)
    try:
        slide = deck.build(con, Filter.from_code(kode)).slide("target")
        (row,) = target.as_json(target.daftar(con, Filter.from_code(kode), None))
    finally:
        con.close()
    assert slide.kalimat.startswith(kalimat_)
    # The numbers of the sentence are those of summary --json.
    assert f": {row['aktual']:.0f} dari target {row['target']:.0f} pada " in slide.kalimat
    if row["proyeksi"]:
        y, m, d = (int(v) for v in row["proyeksi"].split("-"))
        assert f"target tercapai {d} " in slide.kalimat and str(y) in slide.kalimat
    assert [k.nilai for k in slide.kpi] == [
        int(row["status"] == s) for s in ("terlambat", "berisiko", "sesuai_jalur", "tercapai")
    ]


def test_map_metric_capaian_target_colours_each_area_by_its_share_of_its_target(demo_file):
    from analytics import periode, peta, zona

    con = db.connect(demo_file)
    try:
        minggu = {k: v[-1] if v else None for k, v in periode.minggu_data(con, Filter()).items()}
        minggu["simkopdes_desa"] = None
        assert target.metrik_bertarget(con, Filter.from_code("18")) == ["corong_pembangunan", "sppg_beroperasi"]
        lampung = peta.peta(
            con, Filter.from_code("18"), minggu, target.PETA_ID, (), zona.aturan.load_rules(), "sppg_beroperasi"
        )
        kab = peta.peta(
            con, Filter.from_code("18.04"), minggu, target.PETA_ID, (), zona.aturan.load_rules(), "sppg_beroperasi"
        )
    finally:
        con.close()
    # In Lampung only Lampung Barat has an SPPG target: 3 of 24; the other kab/kota have none.
    nilai = dict(zip(lampung.wilayah["kode"], lampung.wilayah["nilai"]))
    assert nilai["18.04"] == 3 / 24
    assert sum(v == v for v in nilai.values()) == 1
    # Inside it, each kecamatan against its part (its planned SPPG): Balik Bukit 1 of 3.
    per_kecamatan = dict(zip(kab.wilayah["kode"], kab.wilayah["nilai"]))
    assert per_kecamatan["18.04.04"] == 1 / 3
    assert [label for label, _, n in kab.legenda if n] == [
        "di bawah 25%",
        "25% – di bawah 50%",
        "50% – di bawah 75%",
        "Tidak ada data",
    ]
