"""Data-quality rules (data/kualitas.toml): each rule on hand-written weeks, the rules file
checks, and the `kualitas` key of `summary --json`."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from test_cli import cli

from analytics import audit, db, ingest, kualitas, periode, unggahan
from analytics.filters import Filter
from analytics.ingest.validate import koperasi_id
from analytics.kualitas.aturan import AturanKualitasError, load_aturan
from conftest import FIXTURES, ROOT, TODAY, ingest_file, salin_demo
from ui import teks

KINI, LALU = dt.date(2025, 10, 27), dt.date(2025, 10, 20)
KUALITAS_FILES = sorted((FIXTURES / "kualitas").glob("koperasi_*.csv"))
# The SPPG and land reports and the SIMKOPDES village statistics the other rules read (SIMKOPDES
# carries no date: its week is in the file name here).
LAIN_FILES = sorted(p for p in (FIXTURES / "kualitas").glob("*.csv") if not p.name.startswith("koperasi_"))
SIMKOPDES_FILES = [p for p in LAIN_FILES if p.name.startswith("simkopdes_")]
SPPG_LAHAN_FILES = [p for p in LAIN_FILES if not p.name.startswith("simkopdes_")]
ATURAN_KOPERASI = (
    "tahap_mundur",
    "lahan_mundur",
    "progres_turun",
    "gerai_belum_selesai",
    "bangun_tanpa_lahan",
    "nib_tanpa_badan_hukum",
    "koperasi_hilang",
    "lonjakan_zona",
    "koperasi_beda_simkopdes",
)
ATURAN = (*ATURAN_KOPERASI, "sppg_tanpa_penerima", "lahan_jauh_dari_desa")


def minggu_file(path) -> dict:
    """ingest kwargs: the week of a SIMKOPDES export, from its file name."""
    if path.name.startswith("simkopdes_"):
        return {"minggu": dt.date.fromisoformat(path.stem.rsplit("_", 1)[1])}
    return {}


def isi(con, gazetteer) -> None:
    """Every file of tests/fixtures/kualitas into `con`."""
    for path in KUALITAS_FILES + LAIN_FILES:
        ingest_file(con, path, gazetteer, **minggu_file(path))


def finding(
    aturan,
    desa,
    nama,
    lalu,
    kini,
    minggu_lalu=LALU,
    kabupaten="18.04",
    keterangan=None,
    objek="koperasi",
    nama_objek=None,
    kecamatan=None,
) -> dict:
    koperasi = objek == "koperasi"
    return {
        "aturan": aturan,
        "kode_kabupaten": kabupaten,
        "kode_kecamatan": kecamatan or (desa[:8] if desa else None),
        "kode_desa": desa,
        "id_koperasi": koperasi_id(desa, nama) if koperasi else None,
        "nama_koperasi": nama,
        "minggu": KINI,
        "minggu_lalu": minggu_lalu,
        "nilai_lalu": lalu,
        "nilai_kini": kini,
        "keterangan": keterangan,
        "objek": objek,
        "nama_objek": nama if koperasi else nama_objek,
    }


# The one finding each rule must give on tests/fixtures/kualitas (two weeks of Lampung Barat and
# one of Lombok Barat). The other rows are the cases that must not fire: a stage or land status
# outside the order (tidak_dapat_dibangun → belum_mulai, tidak_ada → diajukan), land going forward,
# progress rising or empty, a gerai on a finished site, persiapan on land tidak_ada, an empty
# badan_hukum, and a koperasi of a kab/kota that did not report this week.
EXPECTED = {
    "tahap_mundur": [finding("tahap_mundur", "18.04.04.2005", "Kop Sebarus", "selesai", "pembangunan")],
    "lahan_mundur": [finding("lahan_mundur", "18.04.04.1001", "Kop Pasar Liwa", "terverifikasi", "diajukan")],
    "progres_turun": [finding("progres_turun", "18.04.04.2007", "Kop Gunung Sugih", "60", "50")],
    "gerai_belum_selesai": [
        finding("gerai_belum_selesai", "18.04.04.2004", "Kop Padang Cahya", None, "pembangunan", minggu_lalu=None)
    ],
    "bangun_tanpa_lahan": [
        finding("bangun_tanpa_lahan", "18.04.04.2008", "Kop Wates", None, "pembangunan / ditolak", minggu_lalu=None)
    ],
    "nib_tanpa_badan_hukum": [
        finding(
            "nib_tanpa_badan_hukum",
            "18.04.04.2010",
            "Kop Sukarame",
            None,
            "nib ya / badan_hukum tidak",
            minggu_lalu=None,
        )
    ],
    "koperasi_hilang": [finding("koperasi_hilang", "18.04.04.2012", "Kop Sedampah Indah", "ada", "tidak ada")],
    # 10 koperasi of Lampung Barat are in both weeks; 5 changed zone (0.5 > 0.3, 10 >= 10).
    "lonjakan_zona": [
        finding(
            "lonjakan_zona",
            None,
            None,
            "10",
            "5",
            keterangan="5 dari 10 koperasi pindah zona",
            objek="kabupaten",
        )
    ],
    # SIMKOPDES of 20 Oct (the latest at or before 27 Oct; that of 3 Nov is not read) counts 2
    # koperasi in Wates, the weekly file 1. Way Mengaku: 0 in both. Sedampah Indah: in neither.
    "koperasi_beda_simkopdes": [
        finding(
            "koperasi_beda_simkopdes",
            "18.04.04.2008",
            None,
            "2",
            "1",
            keterangan="SIMKOPDES 2 koperasi, laporan mingguan 1",
            objek="desa",
        )
    ],
    # SPPG Balik Bukit 2 (placed down to the kecamatan) operates with penerima_manfaat empty; Balik
    # Bukit 1 had 0 last week only, Balik Bukit 3 is in persiapan.
    "sppg_tanpa_penerima": [
        finding(
            "sppg_tanpa_penerima",
            None,
            None,
            None,
            "kosong",
            minggu_lalu=None,
            keterangan="status beroperasi, penerima manfaat kosong",
            objek="sppg",
            nama_objek="SPPG Balik Bukit 2",
            kecamatan="18.04.04",
        )
    ],
    # KL-002 lies 20 km north of Wates' centroid; KL-001 is 1 km from Sebarus'; KL-003 has no point.
    "lahan_jauh_dari_desa": [
        finding(
            "lahan_jauh_dari_desa",
            "18.04.04.2008",
            "Kop Wates",
            None,
            "20.0",
            minggu_lalu=None,
            keterangan="20,0 km dari titik tengah desa",
            objek="lahan",
            nama_objek="KL-002",
        )
    ],
}


@pytest.fixture
def kualitas_db(fresh_db, gazetteer):
    isi(fresh_db, gazetteer)
    return fresh_db


def rules_file(tmp_path, text: str):
    path = tmp_path / "kualitas.toml"
    path.write_text(text, encoding="utf-8")
    return path


def one_rule(tmp_path, rule_id: str, parameter: str = "", tingkat: str = "galat"):
    body = f'[[aturan]]\nid = "{rule_id}"\ntingkat = "{tingkat}"\npenjelasan = "Uji."\n'
    if parameter:
        body += f"parameter = {{ {parameter} }}\n"
    return load_aturan(rules_file(tmp_path, body))


def test_shipped_rules_file_lists_every_known_rule_with_a_severity():
    rules = load_aturan()
    assert [a.id for a in rules.aturan] == list(ATURAN)
    assert {a.tingkat for a in rules.aturan} <= {"galat", "peringatan"}
    assert rules.by_id()["lonjakan_zona"].parameter == {"batas_bagian": 0.3, "minimal_koperasi": 10}


@pytest.mark.parametrize("rule_id", ATURAN)
def test_each_rule_finds_exactly_its_planted_row(kualitas_db, rule_id):
    df = kualitas.temuan(kualitas_db, Filter(), KINI)
    assert df[df["aturan"] == rule_id].to_dict("records") == EXPECTED[rule_id]


def test_all_findings_come_rule_by_rule_in_the_files_order(kualitas_db):
    df = kualitas.temuan(kualitas_db, Filter(), KINI)
    assert list(df.columns) == list(kualitas.KOLOM)
    assert df.to_dict("records") == [row for rule_id in ATURAN for row in EXPECTED[rule_id]]


def test_a_lake_gives_the_same_findings(lake_url, gazetteer):
    con = db.connect(lake_url)
    try:
        isi(con, gazetteer)
        assert kualitas.temuan(con, Filter(), KINI).to_dict("records") == [
            row for rule_id in ATURAN for row in EXPECTED[rule_id]
        ]
    finally:
        con.close()


def test_per_aturan_counts_every_rule_with_its_explanation_and_severity(kualitas_db):
    df = kualitas.per_aturan(kualitas_db, Filter(), KINI)
    rules = load_aturan()
    assert df.to_dict("records") == [
        {"aturan": a.id, "tingkat": a.tingkat, "penjelasan": a.penjelasan, "temuan": 1, "dicek": 0, "terbuka": 1}
        for a in rules.aturan
    ]


def test_findings_stay_inside_the_filter(kualitas_db):
    assert kualitas.temuan(kualitas_db, Filter.from_code("52.01"), KINI).empty
    assert kualitas.temuan(kualitas_db, Filter.from_code("18.04.04.2005"), KINI)["aturan"].tolist() == ["tahap_mundur"]


def test_the_first_week_has_nothing_to_compare_only_the_rules_over_the_week_itself(kualitas_db):
    # 20 Oct: SIMKOPDES counts 2 koperasi in Wates and none in Sedampah Indah (1 each in the file),
    # and SPPG Balik Bukit 1 operated with 0 beneficiaries.
    df = kualitas.temuan(kualitas_db, Filter(), LALU)
    assert list(zip(df["aturan"], df["kode_desa"], df["nama_objek"], df["nilai_lalu"], df["nilai_kini"])) == [
        ("koperasi_beda_simkopdes", "18.04.04.2008", None, "2", "1"),
        ("koperasi_beda_simkopdes", "18.04.04.2012", None, "0", "1"),
        ("sppg_tanpa_penerima", "18.04.04.2005", "SPPG Balik Bukit 1", None, "0"),
    ]
    assert kualitas.per_aturan(kualitas_db, Filter(), None)["temuan"].tolist() == [0] * len(ATURAN)


def test_a_missing_koperasi_of_a_kabupaten_that_did_not_report_is_no_finding(kualitas_db):
    # Gerung Utara (52.01) was there last week; Lombok Barat sent no file this week.
    df = kualitas.temuan(kualitas_db, Filter(), KINI)
    assert "52.01" not in set(df["kode_kabupaten"])


@pytest.mark.parametrize(
    ("parameter", "fires"),
    [
        ("batas_bagian = 0.49, minimal_koperasi = 10", True),
        ("batas_bagian = 0.5, minimal_koperasi = 10", False),  # more than the share, not equal to it
        ("batas_bagian = 0.1, minimal_koperasi = 11", False),  # too few koperasi to judge
    ],
)
def test_zone_jump_share_and_minimum_come_from_the_rules_file(kualitas_db, tmp_path, parameter, fires):
    rules = one_rule(tmp_path, "lonjakan_zona", parameter)
    assert len(kualitas.temuan(kualitas_db, Filter(), KINI, rules)) == int(fires)


def test_progress_drop_within_the_allowed_margin_is_no_finding(kualitas_db, tmp_path):
    assert kualitas.temuan(
        kualitas_db, Filter(), KINI, one_rule(tmp_path, "progres_turun", "selisih_minimal = 10")
    ).empty
    assert (
        len(kualitas.temuan(kualitas_db, Filter(), KINI, one_rule(tmp_path, "progres_turun", "selisih_minimal = 9.5")))
        == 1
    )


def test_stage_order_comes_from_the_rules_file(kualitas_db, tmp_path):
    # With tidak_dapat_dibangun placed last, Kubu Perahu's move to belum_mulai goes backwards too.
    rules = one_rule(
        tmp_path,
        "tahap_mundur",
        'urutan = ["belum_mulai", "persiapan", "pembangunan", "selesai", "tidak_dapat_dibangun"]',
    )
    df = kualitas.temuan(kualitas_db, Filter(), KINI, rules)
    assert df["kode_desa"].tolist() == ["18.04.04.2002", "18.04.04.2005"]


def test_the_fixture_weeks_of_the_other_tests_have_no_finding(loaded_db):
    # The four hand-written weeks in tests/fixtures are consistent; in a file and in a lake.
    for minggu in (dt.date(2025, 10, 13), dt.date(2025, 10, 20), dt.date(2025, 10, 27)):
        assert kualitas.temuan(loaded_db, Filter(), minggu).empty, minggu


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[aturan]]\nid = "tahap_terbang"\ntingkat = "galat"\npenjelasan = "x"\n',
            "Aturan kualitas 'tahap_terbang' tidak dikenal",
        ),
        (
            '[[aturan]]\nid = "koperasi_hilang"\ntingkat = "fatal"\npenjelasan = "x"\n',
            "tingkat 'fatal' bukan galat/peringatan",
        ),
        ('[[aturan]]\nid = "koperasi_hilang"\ntingkat = "galat"\n', "tidak punya 'penjelasan'"),
        (
            '[[aturan]]\nid = "koperasi_hilang"\ntingkat = "galat"\npenjelasan = "x"\n'
            '[[aturan]]\nid = "koperasi_hilang"\ntingkat = "galat"\npenjelasan = "y"\n',
            "ditulis dua kali",
        ),
        (
            '[[aturan]]\nid = "lonjakan_zona"\ntingkat = "galat"\npenjelasan = "x"\n',
            "parameter 'batas_bagian' wajib diisi",
        ),
        (
            '[[aturan]]\nid = "lonjakan_zona"\ntingkat = "galat"\npenjelasan = "x"\n'
            "parameter = { batas_bagian = 1.5, minimal_koperasi = 10 }\n",
            "parameter 'batas_bagian' harus 0 sampai 1",
        ),
        (
            '[[aturan]]\nid = "tahap_mundur"\ntingkat = "galat"\npenjelasan = "x"\nparameter = { urutan = ["dibongkar"] }\n',
            "nilai dibongkar tidak dikenal",
        ),
        (
            '[[aturan]]\nid = "koperasi_hilang"\ntingkat = "galat"\npenjelasan = "x"\nparameter = { batas = 1 }\n',
            "parameter batas tidak dikenal",
        ),
        (
            '[[aturan]]\nid = "lahan_jauh_dari_desa"\ntingkat = "galat"\npenjelasan = "x"\nparameter = { batas_km = -1 }\n',
            "parameter 'batas_km' harus 0 atau lebih",
        ),
        (
            '[[aturan]]\nid = "sppg_tanpa_penerima"\ntingkat = "galat"\npenjelasan = "x"\nparameter = { status = ["buka"] }\n',
            "nilai buka tidak dikenal",
        ),
        ("aturan = [", "tidak dapat dibaca"),
    ],
)
def test_a_wrong_rules_file_is_refused_with_an_indonesian_message(tmp_path, text, message):
    with pytest.raises(AturanKualitasError, match=message):
        load_aturan(rules_file(tmp_path, text))


def test_summary_json_has_the_findings_per_rule(empty_db_file, tmp_path, gazetteer):
    # Uploaded through the library (the CLI's ingest is tested below), read through the CLI.
    target = tmp_path / "cli.duckdb"
    shutil.copy(empty_db_file, target)
    con = db.connect(target)
    try:
        for path in KUALITAS_FILES + LAIN_FILES:
            ingest_file(con, path, gazetteer, **minggu_file(path))
    finally:
        con.close()
    code, out, _ = cli("summary", "--kabupaten", "18.04", "--db", target, "--json")
    assert code == 0
    assert out["kualitas"] == {
        "minggu": "2025-10-27",
        "minggu_lalu": "2025-10-20",
        "temuan": dict.fromkeys(ATURAN, 1),
        "terbuka": dict.fromkeys(ATURAN, 1),
    }
    code, out, _ = cli("summary", "--kabupaten", "52.01", "--db", target, "--json")
    assert out["kualitas"] == {
        "minggu": "2025-10-20",
        "minggu_lalu": None,
        "temuan": dict.fromkeys(ATURAN, 0),
        "terbuka": dict.fromkeys(ATURAN, 0),
    }


def test_the_rules_file_path_comes_from_the_settings(tmp_path, monkeypatch):
    path = rules_file(tmp_path, '[[aturan]]\nid = "koperasi_hilang"\ntingkat = "peringatan"\npenjelasan = "Hilang."\n')
    settings = tmp_path / "pengaturan.toml"
    settings.write_text(f'aturan_kualitas = "{path.as_posix()}"\n', encoding="utf-8")
    monkeypatch.setenv("KDKMP_SETTINGS", str(settings))
    assert [(a.id, a.tingkat, a.penjelasan) for a in load_aturan().aturan] == [
        ("koperasi_hilang", "peringatan", "Hilang.")
    ]


def test_a_changed_rules_file_is_audited_once_and_changes_the_data_version(kualitas_db, tmp_path):
    def audited():
        rows = db.run_text(kualitas_db, "select rincian from audit where aksi = 'aturan_kualitas' order by id")
        return [json.loads(r) for r in rows["rincian"]]

    shipped = load_aturan()
    assert kualitas.aturan.ensure_current(kualitas_db, shipped) is True
    versi = unggahan.versi_data(kualitas_db, Filter())
    assert kualitas.aturan.ensure_current(kualitas_db, shipped) is False  # unchanged: nothing written
    assert unggahan.versi_data(kualitas_db, Filter()) == versi

    edited = one_rule(tmp_path, "progres_turun", "selisih_minimal = 10")
    assert kualitas.aturan.ensure_current(kualitas_db, edited) is True
    assert unggahan.versi_data(kualitas_db, Filter()) != versi  # cached findings are asked again
    assert audited() == [
        {"sha256": shipped.digest, "aturan": [a.id for a in shipped.aturan], "sebelumnya": None},
        {"sha256": edited.digest, "aturan": ["progres_turun"], "sebelumnya": shipped.digest},
    ]
    assert audit.ACTIONS["aturan_kualitas"] == "Aturan kualitas berubah"


def test_findings_per_kecamatan_and_per_kabupaten_by_severity(kualitas_db):
    # Lampung Barat: seven galat rows in Balik Bukit (the SPPG placed at kecamatan level among them)
    # and three peringatan there; lonjakan_zona has no desa or kecamatan.
    assert kualitas.per_wilayah(kualitas_db, Filter("18"), KINI).to_dict("records") == [
        {"kode": "18.04", "galat": 7, "peringatan": 4, "temuan": 11}
    ]
    assert kualitas.per_wilayah(kualitas_db, Filter("18", "18.04"), KINI).to_dict("records") == [
        {"kode": "18.04.04", "galat": 7, "peringatan": 3, "temuan": 10}
    ]
    # At desa level the SPPG without a desa is not counted; Wates has three findings.
    per_desa = kualitas.per_wilayah(kualitas_db, Filter("18", "18.04", "18.04.04"), KINI)
    assert int(per_desa["temuan"].sum()) == 9
    assert per_desa.iloc[0].to_dict() == {"kode": "18.04.04.2008", "galat": 1, "peringatan": 2, "temuan": 3}
    assert kualitas.per_wilayah(kualitas_db, Filter("52"), KINI).empty


def test_counts_from_the_list_equal_the_counts_that_run_the_rules(kualitas_db):
    # The Kualitas Data page runs the rules once (daftar) and counts from the list.
    aturan = load_aturan()
    # One finding checked, so the counts of checks are not all zero.
    first = kualitas.daftar(kualitas_db, Filter(), KINI).iloc[0].to_dict()
    kualitas.tandai_dicek(kualitas_db, first, "Sudah dicek di lapangan.", "op@x.id")
    for f in (Filter(), Filter("18"), Filter("18", "18.04"), Filter.from_code("18.04.04")):
        daftar = kualitas.daftar(kualitas_db, f, KINI)
        pd.testing.assert_frame_equal(
            kualitas.hitung_per_aturan(daftar, aturan), kualitas.per_aturan(kualitas_db, f, KINI)
        )
        pd.testing.assert_frame_equal(
            kualitas.hitung_per_wilayah(daftar, f.group_level, aturan), kualitas.per_wilayah(kualitas_db, f, KINI)
        )
    assert kualitas.per_aturan(kualitas_db, Filter(), KINI)["dicek"].sum() == 1


def test_list_to_check_carries_severity_and_explanation_galat_first(kualitas_db):
    df = kualitas.daftar(kualitas_db, Filter("18", "18.04"), KINI)
    rules = load_aturan().by_id()
    urutan = [a for t in ("galat", "peringatan") for a in ATURAN if rules[a].tingkat == t]
    assert df["aturan"].tolist() == urutan
    assert df["tingkat"].tolist() == [rules[a].tingkat for a in urutan]
    assert df["penjelasan"].tolist() == [rules[a].penjelasan for a in urutan]
    assert kualitas.daftar(kualitas_db, Filter("52"), KINI).empty


# ------------------------------------------------------------------------------------------------
# At upload: the findings a koperasi file would have, before it is saved


def state(con) -> tuple:
    return (
        con.execute("select count(*) from upload_batch").fetchone()[0],
        con.execute("select count(*) from koperasi").fetchone()[0],
        con.execute("select count(*) from zona_koperasi").fetchone()[0],
        con.execute("select nilai from penghitung where nama = 'batch_id'").fetchone()[0],
    )


def test_upload_preview_finds_what_the_commit_would_and_keeps_nothing(fresh_db, gazetteer):
    pratinjau_sama_dengan_simpan(fresh_db, gazetteer)


def test_a_lake_previews_the_same_findings_without_writing(lake_url, gazetteer):
    con = db.connect(lake_url)
    try:
        pratinjau_sama_dengan_simpan(con, gazetteer)
    finally:
        con.close()


def test_the_validation_report_names_the_file_row_column_and_value_of_each_finding(fresh_db, gazetteer):
    from analytics import laporan

    lalu_file, kini_file = KUALITAS_FILES
    for path in [lalu_file, *SIMKOPDES_FILES]:
        ingest_file(fresh_db, path, gazetteer, **minggu_file(path))
    # The office's file names its columns its own way (a tolerated variation): the report uses its names.
    lines = kini_file.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("tahap_fisik", "Tahap Fisik").replace("progres_fisik_persen", "Progres Fisik (%)")
    prepared = ingest.prepare(fresh_db, "\n".join(lines).encode(), "kantor.csv", gazetteer=gazetteer, today=TODAY)
    temuan = ingest.temuan_kualitas(fresh_db, prepared)
    report = laporan.validation_table(prepared, temuan)
    found = report[report["jenis"].str.startswith("temuan kualitas")]
    assert len(found) == len(temuan) == len(ATURAN_KOPERASI)

    def line_of(name: str) -> int:  # the file's row as the report counts it: the header is row 1
        return next(i for i, line in enumerate(lines, start=1) if f",{name}," in line)

    def row(rule: str) -> dict:
        i = temuan.index[temuan["aturan"] == rule][0]
        return found.loc[found.index[list(temuan.index).index(i)]].to_dict()

    sebarus = row("tahap_mundur")
    assert (sebarus["jenis"], sebarus["baris"], sebarus["kolom"], sebarus["nilai"]) == (
        "temuan kualitas (galat)",
        line_of("Kop Sebarus"),
        "Tahap Fisik",
        "pembangunan",
    )
    assert (
        sebarus["pesan"].startswith("Kop Sebarus: Tahap fisik mundur")
        and "Nilai pembanding: selesai." in sebarus["pesan"]
    )
    progres = row("progres_turun")
    assert (progres["kolom"], progres["nilai"]) == ("Progres Fisik (%)", "50")
    assert progres["baris"] == line_of("Kop Gunung Sugih")
    # A koperasi missing from the file and a rule over the whole kab/kota have no row or column.
    for rule in ("koperasi_hilang", "lonjakan_zona"):
        assert pd.isna(row(rule)["baris"]) and pd.isna(row(rule)["kolom"]), rule
    # A desa's count (SIMKOPDES): the desa's first row of the week, no column to name.
    desa = row("koperasi_beda_simkopdes")
    kode = temuan.loc[temuan["aturan"] == "koperasi_beda_simkopdes", "kode_desa"].iat[0]
    assert desa["baris"] == next(i for i, line in enumerate(lines, start=1) if f",{kode}," in line)


def test_preview_of_a_corrected_file_replaces_the_saved_week(fresh_db, gazetteer):
    # The week is saved with its findings; the office fixes one row and previews the file again:
    # the preview reads the file in place of the saved week, not beside it.
    lalu_file, kini_file = KUALITAS_FILES
    for path in [lalu_file, *SIMKOPDES_FILES, *SPPG_LAHAN_FILES, kini_file]:
        ingest_file(fresh_db, path, gazetteer, **minggu_file(path))
    saved = ingest.temuan_kualitas_tersimpan(
        fresh_db, ingest.prepare(fresh_db, kini_file.read_bytes(), kini_file.name, gazetteer=gazetteer, today=TODAY)
    )
    assert "tahap_mundur" in set(saved["aturan"])
    # Kop Sebarus went from selesai back to pembangunan: the office corrects it to selesai.
    text = kini_file.read_text(encoding="utf-8")
    assert text.count("Kop Sebarus,ya,ya,ya,ya,aktif,terverifikasi,pembangunan,") == 1
    fixed = text.replace(
        "Kop Sebarus,ya,ya,ya,ya,aktif,terverifikasi,pembangunan,",
        "Kop Sebarus,ya,ya,ya,ya,aktif,terverifikasi,selesai,",
    )
    prepared = ingest.prepare(fresh_db, fixed.encode(), "perbaikan.csv", gazetteer=gazetteer, today=TODAY)
    found = ingest.temuan_kualitas(fresh_db, prepared)
    sebarus = (saved["aturan"] == "tahap_mundur") & (saved["nama_koperasi"] == "Kop Sebarus")
    assert sebarus.sum() == 1
    # Its zone may change with it, and so the kab/kota's count of zone moves (lonjakan_zona).
    lonjakan = saved["aturan"] == "lonjakan_zona"
    assert found[found["aturan"] != "lonjakan_zona"].to_dict("records") == saved[~sebarus & ~lonjakan].to_dict(
        "records"
    )
    # The saved week is untouched.
    assert ingest.temuan_kualitas_tersimpan(fresh_db, prepared).to_dict("records") == saved.to_dict("records")


def zona_tersimpan(con) -> list[tuple]:
    return con.execute("select * from zona_koperasi order by minggu, id_koperasi").fetchall()


def test_the_commit_of_a_previewed_file_writes_the_previews_zones_unless_the_store_changed(
    fresh_db, gazetteer, monkeypatch
):
    from analytics import zona

    lalu_file, kini_file = KUALITAS_FILES
    for path in [lalu_file, *SIMKOPDES_FILES]:
        ingest_file(fresh_db, path, gazetteer, **minggu_file(path))
    rules = zona.aturan.load_rules()
    dihitung = []
    recompute = zona.aturan.recompute
    monkeypatch.setattr(zona.aturan, "recompute", lambda *a, **k: dihitung.append(k.get("ke")) or recompute(*a, **k))

    prepared = ingest.prepare(fresh_db, kini_file.read_bytes(), kini_file.name, gazetteer=gazetteer, today=TODAY)
    ingest.temuan_kualitas(fresh_db, prepared)
    assert dihitung == ["pratinjau_zona"] and prepared.zona_pratinjau.baris.num_rows > 0
    ingest.commit(fresh_db, prepared)
    assert dihitung == ["pratinjau_zona"]  # the commit computed no zone
    # The zones written are those a recompute gives.
    written = zona_tersimpan(fresh_db)
    db.transaksi(fresh_db, lambda cur: recompute(cur, rules, prepared.kabupaten, min(prepared.weeks)))
    assert zona_tersimpan(fresh_db) == written

    # Another upload between the preview and the commit: the commit computes the zones itself.
    ingest.undo(fresh_db, int(fresh_db.execute("select max(batch_id) from upload_batch").fetchone()[0]))
    again = ingest.prepare(fresh_db, kini_file.read_bytes(), "lagi.csv", gazetteer=gazetteer, today=TODAY)
    ingest.temuan_kualitas(fresh_db, again)
    sppg = next(p for p in SPPG_LAHAN_FILES if p.name.startswith("sppg_"))
    ingest_file(fresh_db, sppg, gazetteer)
    dihitung.clear()
    ingest.commit(fresh_db, again)
    assert dihitung == [None]
    assert zona_tersimpan(fresh_db) == written


def pratinjau_sama_dengan_simpan(con, gazetteer) -> None:
    lalu_file, kini_file = KUALITAS_FILES
    for path in [lalu_file, *SIMKOPDES_FILES, *SPPG_LAHAN_FILES]:
        ingest_file(con, path, gazetteer, **minggu_file(path))
    prepared = ingest.prepare(con, kini_file.read_bytes(), kini_file.name, gazetteer=gazetteer, today=TODAY)
    before = state(con)
    found = ingest.temuan_kualitas(con, prepared)
    assert state(con) == before
    # The rules a koperasi file can trip: not those over the SPPG and land reports already stored.
    assert sorted(found["aturan"]) == sorted(ATURAN_KOPERASI)
    # Exactly the findings of the file's kab/kota and week once it is saved.
    ingest.commit(con, prepared)
    saved = pd.concat([kualitas.daftar(con, Filter.from_code(k), KINI) for k in prepared.kabupaten], ignore_index=True)
    saved = saved[saved["aturan"].isin(ATURAN_KOPERASI)].reset_index(drop=True)
    assert found.to_dict("records") == saved.to_dict("records")
    # After the commit the same findings are read without writing (the `ingest --json` report).
    assert ingest.temuan_kualitas_tersimpan(con, prepared).to_dict("records") == saved.to_dict("records")
    # A file of another dataset, or of a week with nothing to compare, has no findings.
    sppg = FIXTURES / "sppg_2025-10-27.csv"
    if sppg.is_file():
        other = ingest.prepare(con, sppg.read_bytes(), sppg.name, gazetteer=gazetteer, today=TODAY)
        assert ingest.temuan_kualitas(con, other).empty


# ------------------------------------------------------------------------------------------------
# Page "Kualitas Data" (AppTest from the entry point) on tests/fixtures/kualitas


@pytest.fixture
def kualitas_store(empty_db_file, tmp_path, gazetteer, monkeypatch):
    path = tmp_path / "kualitas.duckdb"
    shutil.copy(empty_db_file, path)
    con = db.connect(path)
    isi(con, gazetteer)
    expected = {
        f: kualitas.per_aturan(con, f, KINI)
        for f in (Filter(), Filter("18", "18.04"), Filter("18", "18.04", "18.04.04"))
    }
    con.close()
    monkeypatch.setenv("KDKMP_DB", str(path))
    monkeypatch.chdir(ROOT)
    return expected


def open_kualitas() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/11_kualitas.py").run()
    assert not at.exception, at.exception
    return at


def shown_counts(at: AppTest) -> dict:
    m = {x.label: x.value for x in at.metric}
    per_rule = next(d.value for d in at.dataframe if "penjelasan" in d.value.columns and "temuan" in d.value.columns)
    return m, dict(zip(per_rule["aturan"], per_rule["temuan"]))


def test_kualitas_page_counts_equal_the_findings_per_rule_and_narrow_with_the_filter(kualitas_store):
    at = open_kualitas()
    assert at.title[0].value == "Kualitas Data"
    for f in (Filter(), Filter("18", "18.04")):
        if f.level:
            for level in ("provinsi", "kabupaten"):
                at.selectbox(key=f"w_{level}").set_value(getattr(f, level)).run()
                assert not at.exception, at.exception
        expected = kualitas_store[f]
        m, per_rule = shown_counts(at)
        # Each rule by its name in words (ui/teks.py), with the count kualitas.per_aturan gives.
        assert per_rule == dict(zip(expected["aturan"].map(teks.KUALITAS_ATURAN_LABEL), expected["temuan"]))
        assert m["Temuan"] == str(int(expected["temuan"].sum()))
        galat = int(expected.loc[expected["tingkat"] == "galat", "temuan"].sum())
        assert m[teks.KUALITAS_TINGKAT["galat"]] == str(galat)
    # Below Lampung Barat the bars are its kecamatan; the list is Lampung Barat's, with labels and dates.
    assert "Temuan per kecamatan" in [s.value for s in at.subheader]
    daftar = next(d.value for d in at.dataframe if "nama_objek" in d.value.columns)
    assert len(daftar) == len(ATURAN)
    sebarus = daftar[daftar["nama_objek"] == "Kop Sebarus"].iloc[0]
    assert (sebarus["minggu_lalu"], sebarus["nilai_lalu"], sebarus["minggu"], sebarus["nilai_kini"]) == (
        "20 Okt 2025",
        "Selesai",
        "27 Okt 2025",
        "Pembangunan",
    )
    assert daftar[daftar["nama_objek"] == "Kop Sukarame"]["nilai_kini"].tolist() == ["Punya NIB / belum berbadan hukum"]
    # A finding about an SPPG or a land parcel names it, with its kind and kecamatan.
    sppg = daftar[daftar["nama_objek"] == "SPPG Balik Bukit 2"].iloc[0]
    assert (sppg["objek"], sppg["kecamatan"], sppg["desa"], sppg["nilai_kini"]) == ("SPPG", "Balik Bukit", "", "Kosong")
    assert daftar[daftar["nama_objek"] == "KL-002"][["objek", "desa"]].values.tolist() == [["Lahan", "Wates"]]
    assert at.dataframe[-1].proto.columns  # column labels are set
    assert [b.proto.label for b in at.get("download_button")] == ["Unduh daftar Kab. Lampung Barat (CSV)"]


def test_kualitas_page_without_findings_says_so_in_a_sentence(kualitas_store):
    at = open_kualitas()
    at.selectbox(key="w_provinsi").set_value("52").run()
    assert not at.exception, at.exception
    assert at.success[0].value.startswith("Tidak ada temuan kualitas data di Nusa Tenggara Barat")
    assert not at.get("plotly_chart")


def test_upload_page_shows_the_findings_of_a_koperasi_file_before_saving(
    empty_db_file, tmp_path, gazetteer, monkeypatch
):
    path = tmp_path / "unggah.duckdb"
    shutil.copy(empty_db_file, path)
    con = db.connect(path)
    lalu_file, kini_file = KUALITAS_FILES
    for file in [lalu_file, *SIMKOPDES_FILES]:
        ingest_file(con, file, gazetteer, **minggu_file(file))
    con.close()
    monkeypatch.setenv("KDKMP_DB", str(path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/8_unggah.py").run()
    at.get("file_uploader")[0].upload(kini_file.name, kini_file.read_bytes(), "text/csv")
    at.run()
    assert not at.exception, at.exception
    assert f"Temuan kualitas data bila file ini disimpan ({len(ATURAN_KOPERASI)})" in [
        e.proto.label for e in at.expander
    ]
    shown = next(d.value for d in at.dataframe if "penjelasan" in d.value.columns)
    assert sorted(shown["aturan"]) == sorted(teks.KUALITAS_ATURAN_LABEL[a] for a in ATURAN_KOPERASI)
    assert set(shown["tingkat"]) == {"Galat", "Peringatan"}
    # A warning, not a refusal: the file can still be saved, and nothing was saved yet.
    assert any(b.label.startswith("Simpan") for b in at.button)
    con = db.connect(path)
    try:
        assert con.execute("select count(*) from upload_batch").fetchone()[0] == 1 + len(SIMKOPDES_FILES)
    finally:
        con.close()


# ------------------------------------------------------------------------------------------------
# The weekly koperasi file against the real SIMKOPDES village statistics (../shared, never copied)

SIMKOPDES_ASLI = ROOT.parent / "shared" / "data" / "simkopdes"


@pytest.mark.parametrize("name", ["kopdes_stats_village_lampung.csv", "kopdes_stats_village_ntb.csv"])
def test_a_weekly_file_built_from_real_simkopdes_counts_differs_exactly_where_planted(fresh_db, gazetteer, name):
    path = SIMKOPDES_ASLI / name
    if not path.is_file():
        print(f"SKIP: {path} tidak ada (sampel SIMKOPDES asli hanya tersedia di ../shared)")
        pytest.skip(f"{path} is absent: the real SIMKOPDES samples live only in ../shared")
    ingest_file(fresh_db, path, gazetteer, minggu=LALU, partial=True)
    counts = fresh_db.execute(
        "select kode_kabupaten, kode_desa, sum(koperasi)::integer from simkopdes_desa_aktif "
        "where koperasi is not null group by all order by kode_desa"
    ).fetchall()
    assert len(counts) > 500
    per_desa = {desa: n for _, desa, n in counts}
    # Planted: one koperasi fewer in the first desa that has one, one more in the next, and one in
    # a desa of the same kab/kota that SIMKOPDES does not list (or lists with 0).
    berisi = [d for d, n in per_desa.items() if n >= 1]
    kurang, lebih = berisi[0], berisi[1]
    kabupaten = sorted({k for k, _, _ in counts})
    desa_kabupaten = fresh_db.execute(
        "select kode from desa where left(kode, 5) in (select unnest($k::varchar[])) order by kode", {"k": kabupaten}
    ).fetchall()
    kosong = next(d for (d,) in desa_kabupaten if per_desa.get(d, 0) == 0)
    laporan = {**per_desa, kurang: per_desa[kurang] - 1, lebih: per_desa[lebih] + 1, kosong: 1}
    rows = ["tanggal_laporan,kode_desa,nama_koperasi"]
    for desa, n in laporan.items():
        rows += [f"{KINI.isoformat()},{desa},Koperasi Merah Putih {desa} {i}" for i in range(1, n + 1)]
    data = ("\n".join(rows) + "\n").encode()
    prepared, batch = ingest.ingest_bytes(fresh_db, data, "koperasi_asli.csv", gazetteer=gazetteer, today=TODAY)
    assert batch is not None and not prepared.result.errors, prepared.report()
    df = kualitas.temuan(fresh_db, Filter(), KINI, load_aturan().hanya({"koperasi_beda_simkopdes"}))
    assert sorted(zip(df["kode_desa"], df["nilai_lalu"], df["nilai_kini"], df["minggu_lalu"])) == sorted(
        [
            (kurang, str(per_desa[kurang]), str(per_desa[kurang] - 1), LALU),
            (lebih, str(per_desa[lebih]), str(per_desa[lebih] + 1), LALU),
            (kosong, "0", "1", LALU),
        ]
    )


# ------------------------------------------------------------------------------------------------
# The quality score per kab/kota: a registry metric (map and Kelengkapan)


def test_quality_score_is_the_share_of_koperasi_without_a_finding_per_kabupaten(kualitas_db):
    from analytics import metrik

    # Lampung Barat reports 10 koperasi on 27 Oct; six have a finding of their own (Sedampah Indah,
    # missing, is not in the week; the desa, SPPG, parcel and kab/kota findings are no koperasi's).
    want = {"kualitas_dinilai": 10, "kualitas_tanpa_temuan": 4}
    assert metrik.nilai(kualitas_db, Filter("18", "18.04"), "kualitas", KINI) == want
    # A desa filter reads its kab/kota, as reporting does.
    assert metrik.nilai(kualitas_db, Filter("18", "18.04", "18.04.04", "18.04.04.2011"), "kualitas", KINI) == want
    per_kabupaten = metrik.per_wilayah(kualitas_db, Filter("18"), "kualitas", KINI).set_index("kode")
    assert per_kabupaten.loc["18.04", ["kualitas_dinilai", "kualitas_tanpa_temuan"]].tolist() == [10, 4]
    assert int(per_kabupaten["kualitas_dinilai"].sum()) == 10
    m = metrik.METRIK["kualitas_tanpa_temuan"]
    assert m.id in metrik.PETA and m.penyebut == "kualitas_dinilai"
    assert m.teks_peta(m.nilai_peta(per_kabupaten.loc["18.04"].to_dict())) == "40,0%"
    assert metrik.nilai(kualitas_db, Filter("52"), "kualitas", LALU) == {
        "kualitas_dinilai": 1,
        "kualitas_tanpa_temuan": 1,
    }


# ------------------------------------------------------------------------------------------------
# "Sudah dicek": an officer marks a finding as checked, with a note


def test_a_checked_finding_keeps_its_note_who_and_when_and_is_no_longer_open(kualitas_db):
    from analytics import metrik

    f = Filter("18", "18.04")
    daftar = kualitas.daftar(kualitas_db, f, KINI)
    assert not daftar["dicek"].any()
    progres = daftar[daftar["aturan"] == "progres_turun"].iloc[0].to_dict()
    sppg = daftar[daftar["aturan"] == "sppg_tanpa_penerima"].iloc[0].to_dict()
    pada = dt.datetime(2025, 10, 28, 9, 30)
    kualitas.tandai_dicek(kualitas_db, progres, "Salah ketik, dikoreksi kab.", "operator@lampungbarat.go.id", now=pada)
    kualitas.tandai_dicek(kualitas_db, sppg, "  Sudah ditelepon  ", "operator@lampungbarat.go.id", now=pada)
    # Checked again: the latest note stands, one row.
    kualitas.tandai_dicek(kualitas_db, progres, "Dikoreksi pada unggahan berikut.", "admin@kdkmp.go.id", now=pada)
    after = kualitas.daftar(kualitas_db, f, KINI)
    dicek = after[after["dicek"]]
    assert dicek[["aturan", "kunci", "catatan", "dicek_oleh", "dicek_pada"]].to_dict("records") == [
        {
            "aturan": "progres_turun",
            "kunci": koperasi_id("18.04.04.2007", "Kop Gunung Sugih"),
            "catatan": "Dikoreksi pada unggahan berikut.",
            "dicek_oleh": "admin@kdkmp.go.id",
            "dicek_pada": pada,
        },
        {
            "aturan": "sppg_tanpa_penerima",
            "kunci": "18.04.04/SPPG Balik Bukit 2",
            "catatan": "Sudah ditelepon",
            "dicek_oleh": "operator@lampungbarat.go.id",
            "dicek_pada": pada,
        },
    ]
    # Shown as checked, not counted as open: per rule, per area and in the quality score.
    per_aturan = kualitas.per_aturan(kualitas_db, f, KINI).set_index("aturan")
    assert per_aturan.loc["progres_turun", ["temuan", "dicek", "terbuka"]].tolist() == [1, 1, 0]
    assert per_aturan.loc["tahap_mundur", ["temuan", "dicek", "terbuka"]].tolist() == [1, 0, 1]
    assert kualitas.per_wilayah(kualitas_db, f, KINI).to_dict("records") == [
        {"kode": "18.04.04", "galat": 5, "peringatan": 3, "temuan": 8}
    ]
    assert metrik.nilai(kualitas_db, f, "kualitas", KINI)["kualitas_tanpa_temuan"] == 5
    # Another week's finding of the same koperasi is not checked by this.
    assert kualitas.daftar(kualitas_db, f, LALU)["dicek"].tolist() == [False, False, False]
    # Audited, once per marking.
    got = kualitas_db.execute(
        "select pengguna, rincian from audit where aksi = 'kualitas_dicek' order by id"
    ).fetchall()
    assert [g[0] for g in got] == ["operator@lampungbarat.go.id"] * 2 + ["admin@kdkmp.go.id"]
    assert '"catatan": "Sudah ditelepon"' in got[1][1]


def test_a_check_of_a_state_holds_in_later_weeks_while_its_values_stay(kualitas_db):
    from analytics.kualitas.aturan import KEADAAN

    f = Filter("18", "18.04")
    lalu = kualitas.daftar(kualitas_db, f, LALU)
    kini = kualitas.daftar(kualitas_db, f, KINI)
    # The desa whose SIMKOPDES count differs in both weeks, with the same counts (a state), and a
    # rule over a change between two weeks.
    assert "koperasi_beda_simkopdes" in KEADAAN and "progres_turun" not in KEADAAN
    sama = lalu[lalu["aturan"] == "koperasi_beda_simkopdes"].merge(
        kini[kini["aturan"] == "koperasi_beda_simkopdes"], on=["kunci", "nilai_lalu", "nilai_kini"]
    )
    assert len(sama) == 1, (lalu.to_dict("records"), kini.to_dict("records"))
    row = lalu[(lalu["aturan"] == "koperasi_beda_simkopdes") & (lalu["kunci"] == sama["kunci"].iat[0])]
    kualitas.tandai_dicek(kualitas_db, row.iloc[0].to_dict(), "Desa ini memang punya dua koperasi.", "op@x.id")
    after = kualitas.daftar(kualitas_db, f, KINI)
    carried = after[(after["aturan"] == "koperasi_beda_simkopdes") & (after["kunci"] == sama["kunci"].iat[0])]
    assert carried[["dicek", "catatan", "dicek_minggu"]].to_dict("records") == [
        {"dicek": True, "catatan": "Desa ini memang punya dua koperasi.", "dicek_minggu": LALU}
    ]
    assert after["dicek"].sum() == 1
    # Its values change (the weekly file now counts differently): open again.
    changed = {**carried.iloc[0].to_dict(), "nilai_kini": "3"}
    assert not kualitas._dengan_dicek(kualitas_db, f, pd.DataFrame([changed])[list(kualitas.KOLOM)])["dicek"].iat[0]
    # A change between two weeks is a new event every week: its check never carries.
    turun = kini[kini["aturan"] == "progres_turun"].iloc[0].to_dict()
    earlier = {**turun, "minggu": LALU}
    kualitas.tandai_dicek(kualitas_db, earlier, "Dicek minggu lalu.", "op@x.id")
    assert (
        not kualitas.daftar(kualitas_db, f, KINI)
        .set_index(["aturan", "kunci"])
        .loc[("progres_turun", turun["kunci"]), "dicek"]
    )
    # Opened again in the later week: the check is taken back where it was made.
    kualitas.buka_lagi(kualitas_db, carried.iloc[0].to_dict(), "Ternyata hanya satu koperasi.", "admin@x.id")
    assert (
        not kualitas.daftar(kualitas_db, f, LALU)
        .set_index(["aturan", "kunci"])
        .loc[("koperasi_beda_simkopdes", sama["kunci"].iat[0]), "dicek"]
    )


def test_a_check_without_a_note_is_refused(kualitas_db):
    row = kualitas.daftar(kualitas_db, Filter(), KINI).iloc[0].to_dict()
    with pytest.raises(ValueError, match="Catatan pengecekan wajib diisi"):
        kualitas.tandai_dicek(kualitas_db, row, "   ", "operator@lampungbarat.go.id")
    assert kualitas_db.execute("select count(*) from kualitas_dicek").fetchone() == (0,)


def test_a_checked_finding_can_be_opened_again_with_a_reason(kualitas_db):
    f = Filter("18", "18.04")
    row = kualitas.daftar(kualitas_db, f, KINI).iloc[0].to_dict()
    with pytest.raises(ValueError, match="belum ditandai sudah dicek"):
        kualitas.buka_lagi(kualitas_db, row, "Salah tandai.", "admin@kdkmp.go.id")
    kualitas.tandai_dicek(kualitas_db, row, "Sudah benar.", "operator@lampungbarat.go.id")
    checked = kualitas.daftar(kualitas_db, f, KINI).iloc[0].to_dict()
    assert checked["dicek"]
    with pytest.raises(ValueError, match="Alasan membuka kembali temuan wajib diisi"):
        kualitas.buka_lagi(kualitas_db, checked, "  ", "admin@kdkmp.go.id")
    kualitas.buka_lagi(kualitas_db, checked, "Ternyata belum dikoreksi.", "admin@kdkmp.go.id")
    after = kualitas.daftar(kualitas_db, f, KINI)
    assert not after["dicek"].any()
    assert kualitas.per_aturan(kualitas_db, f, KINI)["dicek"].sum() == 0
    (pengguna, rincian) = kualitas_db.execute(
        "select pengguna, rincian from audit where aksi = 'kualitas_buka_lagi'"
    ).fetchone()
    assert pengguna == "admin@kdkmp.go.id"
    assert '"catatan_lama": "Sudah benar."' in rincian and '"alasan": "Ternyata belum dikoreksi."' in rincian


def test_a_lake_keeps_checked_findings_too(lake_url, gazetteer):
    con = db.connect(lake_url)
    try:
        isi(con, gazetteer)
        row = kualitas.daftar(con, Filter(), KINI).iloc[0].to_dict()
        kualitas.tandai_dicek(con, row, "Dicek.", "operator@lampungbarat.go.id")
        after = kualitas.daftar(con, Filter(), KINI)
        assert after["dicek"].tolist() == [True] + [False] * (len(after) - 1)
    finally:
        con.close()


def test_kualitas_page_marks_a_finding_as_checked_with_a_note(kualitas_store):
    at = open_kualitas()
    for level, kode in (("provinsi", "18"), ("kabupaten", "18.04")):
        at.selectbox(key=f"w_{level}").set_value(kode).run()
    assert {m.label: m.value for m in at.metric}["Sudah dicek"] == "0"
    at.text_area(key="kualitas_dicek_catatan").input("Dicek dengan kantor kab, dikoreksi minggu depan.")
    next(b for b in at.button if b.label == "Tandai sudah dicek").click().run()
    assert not at.exception, at.exception
    m = {x.label: x.value for x in at.metric}
    assert m["Sudah dicek"] == "1" and m["Temuan"] == str(len(ATURAN))
    daftar = next(d.value for d in at.dataframe if "nama_objek" in d.value.columns)
    dicek = daftar[daftar["status"] == "Sudah dicek"]
    assert len(dicek) == 1
    assert dicek.iloc[0]["catatan"] == "Dicek dengan kantor kab, dikoreksi minggu depan."
    assert dicek.iloc[0]["dicek_oleh"]


def test_kualitas_page_opens_a_checked_finding_again(kualitas_store):
    at = open_kualitas()
    for level, kode in (("provinsi", "18"), ("kabupaten", "18.04")):
        at.selectbox(key=f"w_{level}").set_value(kode).run()
    assert not any(e.label == teks.KUALITAS_BUKA_JUDUL for e in at.expander)
    at.text_area(key="kualitas_dicek_catatan").input("Sudah benar.")
    next(b for b in at.button if b.label == teks.KUALITAS_DICEK_SIMPAN).click().run()
    assert {m.label: m.value for m in at.metric}["Sudah dicek"] == "1"
    # Without a reason: refused, still checked.
    next(b for b in at.button if b.label == teks.KUALITAS_BUKA_SIMPAN).click().run()
    assert teks.KUALITAS_BUKA_TANPA_ALASAN in [e.value for e in at.error]
    at.text_area(key="kualitas_buka_alasan").input("Ternyata belum dikoreksi.")
    next(b for b in at.button if b.label == teks.KUALITAS_BUKA_SIMPAN).click().run()
    assert not at.exception, at.exception
    assert {m.label: m.value for m in at.metric}["Sudah dicek"] == "0"
    assert not any(e.label == teks.KUALITAS_BUKA_JUDUL for e in at.expander)


def test_kualitas_page_says_since_when_a_carried_check_holds(kualitas_store):
    con = db.connect(os.environ["KDKMP_DB"])
    try:
        lalu = kualitas.daftar(con, Filter("18", "18.04"), LALU)
        beda = lalu[lalu["aturan"] == "koperasi_beda_simkopdes"]
        kualitas.tandai_dicek(con, beda.iloc[0].to_dict(), "Dua koperasi memang ada.", "op@x.id")
    finally:
        con.close()
    at = open_kualitas()
    for level, kode in (("provinsi", "18"), ("kabupaten", "18.04")):
        at.selectbox(key=f"w_{level}").set_value(kode).run()
    daftar = next(d.value for d in at.dataframe if "nama_objek" in d.value.columns)
    status = daftar.loc[daftar["catatan"] == "Dua koperasi memang ada.", "status"].tolist()
    assert status == [teks.KUALITAS_STATUS_DICEK_SEJAK.format(tanggal="20 Okt 2025")]


def test_kelengkapan_page_shows_the_quality_score_beside_the_report(kualitas_store):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"provinsi": "18", "kabupaten": "18.04", "minggu": KINI.isoformat()})
    at.run()
    at.switch_page("pages/6_kelengkapan.py").run()
    assert not at.exception, at.exception
    assert teks.KELENGKAPAN_KUALITAS_JUDUL in [s.value for s in at.subheader]
    skor = next(d.value for d in at.dataframe if "skor" in d.value.columns)
    assert skor.to_dict("records") == [
        {
            "nama": "Kab. Lampung Barat",
            # uploaded in the tests' "today", after the week's cut-off day
            "laporan": "Terlambat",
            "kualitas_dinilai": 10,
            "kualitas_tanpa_temuan": 4,
            "skor": "40,0%",
        }
    ]


def test_kelengkapan_lists_the_kab_kota_with_the_lowest_quality_score_first(demo_db_file, tmp_path_factory):
    from analytics import kelengkapan
    from ui import tabel

    con = db.connect(salin_demo(demo_db_file, tmp_path_factory, "kualitas-urut"))
    try:
        minggu = max(periode.minggu_data(con, Filter())["koperasi"])
        status = kelengkapan.kelengkapan_status(con, Filter(), minggu, 1)
        skor = tabel.kelengkapan_kualitas(con, Filter(), status, minggu)
    finally:
        con.close()
    # The demo's planted koperasi findings are in Kab. Lampung Selatan: the one score below 100%.
    assert skor["nama"].iat[0] == "Kab. Lampung Selatan" and skor["skor"].iat[0] < 100
    assert (skor["skor"].iloc[1:] == 100).all() and len(skor) == 26


def test_ingest_json_reports_the_quality_findings_of_the_saved_file(empty_db_file, tmp_path):
    target = tmp_path / "cli.duckdb"
    shutil.copy(empty_db_file, target)
    for path in SIMKOPDES_FILES:
        assert (
            cli("ingest", path, "--db", target, "--json", "--minggu", minggu_file(path)["minggu"].isoformat())[1][
                "kualitas"
            ]
            == []
        )
    lalu_file, kini_file = KUALITAS_FILES
    code, out, _ = cli("ingest", lalu_file, "--db", target, "--json")
    assert code == 0
    # The first week: only SIMKOPDES's counts to compare with (Wates 2 against 1, Sedampah Indah 0 against 1).
    assert [(t["aturan"], t["kode_desa"], t["nilai_lalu"], t["nilai_kini"]) for t in out["kualitas"]] == [
        ("koperasi_beda_simkopdes", "18.04.04.2008", "2", "1"),
        ("koperasi_beda_simkopdes", "18.04.04.2012", "0", "1"),
    ]
    code, out, _ = cli("ingest", kini_file, "--db", target, "--json")
    assert code == 0 and sorted(t["aturan"] for t in out["kualitas"]) == sorted(ATURAN_KOPERASI)
    sebarus = next(t for t in out["kualitas"] if t["aturan"] == "tahap_mundur")
    assert sebarus == {
        "aturan": "tahap_mundur",
        "tingkat": "galat",
        "kode_kabupaten": "18.04",
        "kode_kecamatan": "18.04.04",
        "kode_desa": "18.04.04.2005",
        "objek": "koperasi",
        "id_koperasi": koperasi_id("18.04.04.2005", "Kop Sebarus"),
        "nama_objek": "Kop Sebarus",
        "minggu": "2025-10-27",
        "minggu_lalu": "2025-10-20",
        "nilai_lalu": "selesai",
        "nilai_kini": "pembangunan",
        "keterangan": None,
    }
    # Another dataset's file has none.
    sppg = next(p for p in SPPG_LAHAN_FILES if p.name.startswith("sppg_"))
    assert cli("ingest", sppg, "--db", target, "--json")[1]["kualitas"] == []


def test_the_inbox_report_carries_the_quality_findings_like_ingest_json(fresh_db, gazetteer, tmp_path):
    from analytics import kotak_masuk

    lalu_file, kini_file = KUALITAS_FILES
    for path in [lalu_file, *SIMKOPDES_FILES]:
        ingest_file(fresh_db, path, gazetteer, **minggu_file(path))
    box = tmp_path / "kotak"
    box.mkdir()
    shutil.copy(kini_file, box / kini_file.name)
    (box / "rusak.csv").write_text("tanggal_laporan,kode_desa,nama_koperasi\n2025-10-27,99.99.99.9999,Kop X\n")
    old = time.time() - 60
    for p in box.iterdir():
        os.utime(p, (old, old))
    reports = {r["file"]: r for r in kotak_masuk.process_inbox(fresh_db, box)}
    saved = json.loads((box / "selesai" / f"{kini_file.name}.laporan.json").read_text(encoding="utf-8"))
    assert sorted(t["aturan"] for t in saved["kualitas"]) == sorted(ATURAN_KOPERASI)
    assert saved["kualitas"] == reports[kini_file.name]["kualitas"]
    assert saved["kualitas"] == kualitas.as_json(kualitas.daftar(fresh_db, Filter(), KINI))
    assert reports["rusak.csv"]["kualitas"] == []  # nothing saved, nothing judged
