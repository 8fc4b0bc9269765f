"""Zone rules: each rule of data/zona.toml, the rules file checks, recomputation."""

import datetime as dt

import pytest

from analytics import zona

W3, W4 = dt.date(2025, 10, 20), dt.date(2025, 10, 27)


def zone_of(con, desa: str, minggu) -> tuple[str, list[str], int]:
    row = con.execute(
        "select zona_hitung, aturan, minggu_tanpa_progres from koperasi_zona where kode_desa = $d and minggu = $m",
        {"d": desa, "m": minggu},
    ).fetchone()
    return row[0], list(row[1]), row[2]


def test_finished_legal_active_koperasi_is_hijau_by_rule_h1(loaded_db):
    assert zone_of(loaded_db, "18.04.04.2005", W4) == ("hijau", ["H1"], 0)


def test_cannot_be_built_without_land_is_merah_by_rules_m1_and_m2(loaded_db):
    assert zone_of(loaded_db, "18.04.04.1001", W3) == ("merah", ["M1", "M2"], 0)


def test_no_legal_entity_is_merah_by_rule_m3(loaded_db):
    assert zone_of(loaded_db, "18.04.08.2001", W4)[:2] == ("merah", ["M3"])


def test_construction_without_progress_for_three_weeks_is_merah_by_rule_m4(loaded_db):
    # Gunung Sugih stays at 30% from the first week: 2 weeks without progress in week 3, 3 in week 4.
    assert zone_of(loaded_db, "18.04.04.2007", W3) == ("kuning", ["K4"], 2)
    assert zone_of(loaded_db, "18.04.04.2007", W4) == ("merah", ["M4"], 3)


def test_kuning_lists_every_kuning_rule_that_fired(loaded_db):
    assert zone_of(loaded_db, "18.04.08.2006", W4)[:2] == ("kuning", ["K1", "K2", "K4"])


def test_supplied_zona_is_kept_beside_the_computed_one(loaded_db):
    row = loaded_db.execute(
        "select zona, zona_hitung from koperasi_zona where kode_desa = '18.04.04.2007' and minggu = $m", {"m": W4}
    ).fetchone()
    assert row == ("kuning", "merah")


def write_rules(tmp_path, text: str):
    path = tmp_path / "zona.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_koperasi_matching_no_rule_gets_the_default_zone_and_reason(loaded_db, tmp_path):
    rules = zona.aturan.load_rules(
        write_rules(
            tmp_path,
            """
zona_bawaan = "kuning"
penjelasan_bawaan = "Belum dinilai."
[[aturan]]
id = "X1"
zona = "merah"
penjelasan = "Anggota kurang dari 30."
kondisi = { kolom = "jumlah_anggota", maksimal = 29 }
""",
        )
    )
    assert zona.aturan.ensure_current(loaded_db, rules) is True
    assert zone_of(loaded_db, "18.04.08.2001", W4)[:2] == ("merah", ["X1"])
    assert zone_of(loaded_db, "18.04.04.2005", W4)[:2] == ("kuning", ["BAWAAN"])
    assert rules.explain("BAWAAN") == "Belum dinilai."
    # Unchanged rules: nothing to do.
    assert zona.aturan.ensure_current(loaded_db, rules) is False


@pytest.mark.parametrize(
    "text, message",
    [
        (
            '[[aturan]]\nid="A"\nzona="ungu"\npenjelasan="x"\nkondisi={kolom="npwp", sama_dengan=true}',
            "bukan hijau/kuning/merah",
        ),
        (
            '[[aturan]]\nid="A"\nzona="merah"\npenjelasan="x"\nkondisi={kolom="drop table", sama_dengan=1}',
            "tidak dikenal",
        ),
        ('[[aturan]]\nid="A"\nzona="merah"\npenjelasan="x"\nkondisi={kolom="npwp", sama_dengan="ya"}', "true/false"),
        ('[[aturan]]\nid="A"\nzona="merah"\nkondisi={kolom="npwp", sama_dengan=true}', "tidak punya 'penjelasan'"),
        ("[[aturan", "tidak dapat dibaca"),
    ],
)
def test_a_wrong_rules_file_is_refused_with_an_indonesian_message(tmp_path, text, message):
    with pytest.raises(zona.aturan.RuleError, match=message):
        zona.aturan.load_rules(write_rules(tmp_path, text))


def test_shipped_rules_file_loads_with_merah_hijau_kuning_rules():
    rules = zona.aturan.load_rules()
    assert [r.id for r in rules.rules] == ["M1", "M2", "M3", "M4", "H1", "K1", "K2", "K3", "K4"]
    assert rules.urutan == ("merah", "hijau", "kuning")


def test_weeks_before_construction_do_not_count_as_a_stall(fresh_db, gazetteer):
    from analytics import ingest
    from conftest import TODAY

    header = "tanggal_laporan,kode_desa,nama_koperasi,badan_hukum,tahap_fisik,progres_fisik_persen\n"
    for day, tahap in (
        ("2025-09-29", "persiapan"),
        ("2025-10-06", "persiapan"),
        ("2025-10-13", "persiapan"),
        ("2025-10-20", "pembangunan"),
        ("2025-10-27", "pembangunan"),
    ):
        text = header + f"{day},18.04.04.2005,Kop Sebarus,ya,{tahap},0\n"
        assert ingest.ingest_bytes(fresh_db, text.encode(), f"{day}.csv", gazetteer=gazetteer, today=TODAY)[1]
    assert zone_of(fresh_db, "18.04.04.2005", W3) == ("kuning", ["K4"], 0)
    assert zone_of(fresh_db, "18.04.04.2005", W4) == ("kuning", ["K4"], 1)


@pytest.mark.parametrize("days", [("2025-10-06", "2025-10-13"), ("2025-08-04", "2025-08-11")])
def test_a_stall_continues_across_a_gap_in_the_reports(fresh_db, gazetteer, days):
    from analytics import ingest
    from conftest import TODAY

    # Reported in two weeks, then silent for 1 or 10 weeks, then again: the upload of the last
    # week continues the streak from the koperasi's last row, however long ago (the week before
    # is searched first, then the weeks before it, then all of history).
    header = "tanggal_laporan,kode_desa,nama_koperasi,badan_hukum,tahap_fisik,progres_fisik_persen\n"
    for day in (*days, "2025-10-27"):
        text = header + f"{day},18.04.04.2005,Kop Sebarus,ya,pembangunan,40\n"
        assert ingest.ingest_bytes(fresh_db, text.encode(), f"{day}.csv", gazetteer=gazetteer, today=TODAY)[1]
    assert zone_of(fresh_db, "18.04.04.2005", W4) == ("kuning", ["K4"], 2)
    fresh_db.execute("begin transaction")
    zona.aturan.recompute(fresh_db, zona.aturan.load_rules())
    fresh_db.execute("commit")
    assert zone_of(fresh_db, "18.04.04.2005", W4) == ("kuning", ["K4"], 2)
