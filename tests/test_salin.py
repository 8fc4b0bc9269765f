"""salin (a whole store between a file, a lake and a Parquet backup folder) and rawat (maintenance)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest

from analytics import db, ingest, ringkasan, salin
from analytics.filters import Filter
from conftest import FIXTURES, KOPERASI_FILES, OTHER_FILES, ROOT, ingest_file

FILTERS = (Filter(), Filter.from_code("52"), Filter.from_code("52.01"), Filter.from_code("18.04"))
SIMKOPDES = FIXTURES / "upload" / "simkopdes_statistik_desa.csv"


def tables(con) -> list[str]:
    """The schema's tables; the gazetteer by name (in a lake it lives in the process's memory)."""
    rows = db.cursor(con).execute(
        "select table_name from duckdb_tables() where database_name = current_database() and schema_name = 'main'"
    )
    return sorted({r[0] for r in rows.fetchall()} | set(db.LEVELS))


def answers(con) -> dict:
    """What a copy must keep: the pictures of a few filters, the audit trail, zone history, counts."""
    cur = db.cursor(con)
    return {
        "ringkasan": [ringkasan.as_json(ringkasan.picture(con, f)) for f in FILTERS],
        "audit": cur.execute("select * from audit order by id").fetchall(),
        "zona": cur.execute("select * from zona_koperasi order by all").fetchall(),
        "penghitung": cur.execute("select * from penghitung order by all").fetchall(),
        "baris": {t: cur.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables(con)},
    }


def answers_of(target: str) -> dict:
    con = db.connect(target)
    try:
        return answers(con)
    finally:
        con.close()


def copy(dari: str, ke: str, **kwargs) -> salin.Hasil:
    hasil = salin.salin(salin.ujung(dari), salin.ujung(ke), **kwargs)
    assert hasil.cocok, hasil.teks()
    return hasil


@pytest.fixture
def asal(loaded_db_file, tmp_path) -> str:
    """A private copy of the fixture database (4 weeks of koperasi, SPPG, lahan, bimtek)."""
    path = tmp_path / "asal.duckdb"
    shutil.copy(loaded_db_file, path)
    return str(path)


def test_file_to_lake_to_backup_folder_to_file_keeps_every_answer(asal, lake_url, tmp_path):
    expected = answers_of(asal)
    assert expected["baris"]["koperasi"] > 0 and expected["audit"]
    folder = f"{tmp_path}/cadangan/"
    pulih = str(tmp_path / "pulih.duckdb")

    first = copy(asal, lake_url)
    # Every table of the schema is copied except the gazetteer (loaded from the CSVs at each end,
    # compared) and schema_version (each end's own migrations).
    assert {b.tabel for b in first.tabel} == set(expected["baris"]) - {"schema_version", *db.LEVELS}
    assert [b.tabel for b in first.wilayah] == list(db.LEVELS)
    assert all(b.sumber.baris == b.tujuan.baris == expected["baris"][b.tabel] for b in first.tabel)
    copy(lake_url, folder)
    copy(folder, pulih)

    assert answers_of(lake_url) == expected
    assert answers_of(pulih) == expected
    manifest = json.loads((tmp_path / "cadangan" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["versi_skema"] == max(v for v, _ in db.migrations())
    assert manifest["sumber"].startswith("lake ducklake:postgres:")
    assert {t: v["baris"] for t, v in manifest["tabel"].items()} == {b.tabel: b.tujuan.baris for b in first.tabel}
    assert sorted(p.name for p in (tmp_path / "cadangan").iterdir()) == sorted(
        ["manifest.json", *(f"{b.tabel}.parquet" for b in first.tabel)]
    )


def test_a_destination_with_data_is_refused_and_left_untouched(asal, empty_db_file, gazetteer, tmp_path):
    tujuan = tmp_path / "tujuan.duckdb"
    shutil.copy(empty_db_file, tujuan)
    con = db.connect(tujuan)
    ingest_file(con, KOPERASI_FILES[0], gazetteer)
    before = answers(con)
    con.close()

    with pytest.raises(salin.SalinDitolak, match=r"sudah berisi data \(audit 1 baris, batch_cakupan .*--timpa"):
        salin.salin(salin.ujung(asal), salin.ujung(str(tujuan)))
    assert answers_of(str(tujuan)) == before

    folder = tmp_path / "cadangan"
    folder.mkdir()
    (folder / "catatan.txt").write_text("punya orang lain")
    with pytest.raises(salin.SalinDitolak, match="tidak kosong"):
        salin.salin(salin.ujung(asal), salin.ujung(str(folder)))
    assert [p.name for p in folder.iterdir()] == ["catatan.txt"]

    # --timpa replaces the whole content.
    copy(asal, str(tujuan), timpa=True)
    assert answers_of(str(tujuan)) == answers_of(asal)
    copy(asal, str(folder), timpa=True)
    assert not (folder / "catatan.txt").exists()


def test_a_copy_that_fails_half_way_leaves_the_destination_empty(asal, lake_url, tmp_path):
    copy(asal, lake_url)
    lake = db.connect(lake_url)
    # A lake has no primary keys: a batch row stored twice (two writers appending the same row)
    # stays there, and a file refuses it. upload_batch is copied after audit, koperasi, meta, …
    lake.execute("insert into upload_batch select * from upload_batch where batch_id = 1")
    lake.close()
    tujuan = str(tmp_path / "tujuan.duckdb")

    with pytest.raises(salin.SalinGagal, match="tabel upload_batch: .*tujuan tidak berubah"):
        salin.salin(salin.ujung(lake_url), salin.ujung(tujuan))

    after = answers_of(tujuan)
    copied_before = [t for t in after["baris"] if t < "upload_batch" and t not in ("schema_version", *db.LEVELS)]
    assert "koperasi" in copied_before and "audit" in copied_before
    # Nothing of the tables written before the failure remains; only what a new store holds by itself.
    kept = {t for t, n in after["baris"].items() if n and t not in ("schema_version", *db.LEVELS)}
    assert kept <= {"penghitung", "meta"}
    assert after["penghitung"] == [("batch_id", 0)]


def test_a_damaged_backup_is_refused_before_anything_is_written(asal, tmp_path):
    folder = f"{tmp_path}/cadangan/"
    copy(asal, folder)
    tujuan = str(tmp_path / "tujuan.duckdb")
    manifest = tmp_path / "cadangan" / "manifest.json"
    good = manifest.read_text(encoding="utf-8")
    edited = json.loads(good)
    edited["tabel"]["sppg"]["baris"] += 1  # a file that lost a row
    manifest.write_text(json.dumps(edited), encoding="utf-8")
    with pytest.raises(salin.SalinDitolak, match=r"rusak: isi sppg tidak sesuai manifest.json"):
        salin.salin(salin.ujung(folder), salin.ujung(tujuan))
    manifest.write_text(good, encoding="utf-8")
    damaged = tmp_path / "cadangan" / "koperasi.parquet"
    damaged.write_bytes(damaged.read_bytes()[:200])
    with pytest.raises(salin.SalinDitolak, match="koperasi sumber tidak dapat dibaca"):
        salin.salin(salin.ujung(folder), salin.ujung(tujuan))
    assert answers_of(tujuan)["baris"]["upload_batch"] == 0


def test_the_same_store_or_two_lakes_on_one_data_folder_are_refused(asal, tmp_path, monkeypatch):
    monkeypatch.setenv("KDKMP_LAKE_DATA", str(tmp_path / "lake"))
    with pytest.raises(salin.SalinDitolak, match="Sumber dan tujuan sama"):
        salin.salin(salin.ujung(asal), salin.ujung(str(tmp_path / "." / "asal.duckdb")))
    a = salin.ujung("ducklake:postgres:dbname=satu host=127.0.0.1")
    b = salin.ujung("ducklake:postgres:dbname=dua host=127.0.0.1")
    with pytest.raises(salin.SalinDitolak, match="tidak boleh berbagi folder data"):
        salin.salin(a, b)
    monkeypatch.delenv("KDKMP_LAKE_DATA")
    with pytest.raises(ValueError, match="--lake-data-dari / --lake-data-ke"):
        salin.ujung("ducklake:postgres:dbname=satu host=127.0.0.1")


def test_after_a_copy_uploads_continue_with_the_next_batch_id_and_the_audit(asal, lake_url, gazetteer, tmp_path):
    pulih = str(tmp_path / "pulih.duckdb")
    copy(asal, lake_url)
    copy(lake_url, pulih)
    for target in (pulih, lake_url):
        con = db.connect(target)
        try:
            top = con.execute("select max(batch_id) from upload_batch").fetchone()[0]
            audit_rows = con.execute("select count(*) from audit").fetchone()[0]
            batch = ingest_file(con, SIMKOPDES, gazetteer, dataset="simkopdes_desa", minggu=dt.date(2025, 10, 29))
            assert batch == top + 1
            ingest.undo(con, batch)
            assert con.execute("select aksi from audit order by id desc limit 2").fetchall() == [
                ("batalkan",),
                ("unggah",),
            ]
            assert con.execute("select count(*), count(distinct id) from audit").fetchone() == (
                audit_rows + 2,
                audit_rows + 2,
            )
        finally:
            con.close()


def test_rawat_merges_a_lakes_files_and_leaves_every_answer_unchanged(lake_url, gazetteer):
    lake = db.connect(lake_url)
    # A real week's files are larger than the inlining limit (10 rows) and land in Parquet files;
    # the fixtures are small, so inlining is switched off to get what such uploads leave behind.
    lake.execute("call ducklake_set_option('lake', 'data_inlining_row_limit', 0)")
    for f in KOPERASI_FILES + OTHER_FILES:
        ingest_file(lake, f, gazetteer)
    expected = answers(lake)
    lake.close()

    hasil = salin.rawat(lake_url, simpan_hari=0, server_berhenti=True)

    assert hasil.gagal == [], hasil.teks()
    assert hasil.sesudah.berkas <= hasil.sebelum.berkas, hasil.teks()
    assert hasil.sesudah.snapshot < hasil.sebelum.snapshot
    langkah = dict(hasil.langkah)
    assert langkah["berkas kecil digabung"] > 0 and langkah["berkas yang tidak dirujuk lagi dihapus"] > 0
    assert answers_of(lake_url) == expected


def test_readers_on_another_connection_keep_working_while_rawat_runs(lake_url, gazetteer):
    lake = db.connect(lake_url)
    try:
        lake.execute("call ducklake_set_option('lake', 'data_inlining_row_limit', 0)")
        for f in KOPERASI_FILES + OTHER_FILES:
            ingest_file(lake, f, gazetteer)
        expected = [ringkasan.as_json(ringkasan.picture(lake, f)) for f in FILTERS]
        # Another process, as from cron while the app servers keep serving.
        proc = subprocess.Popen(
            [sys.executable, "-m", "analytics", "rawat", "--db", lake_url],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        reads = 0
        while proc.poll() is None or reads == 0:
            assert [ringkasan.as_json(ringkasan.picture(lake, f)) for f in FILTERS] == expected
            reads += 1
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, out + err
        assert "berkas kecil digabung" in out
        assert [ringkasan.as_json(ringkasan.picture(lake, f)) for f in FILTERS] == expected
    finally:
        lake.close()


def cli(*args):
    proc = subprocess.run(
        [sys.executable, "-m", "analytics", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_cli_salin_to_a_lake_a_backup_and_back_prints_the_counts(asal, lake_url, tmp_path):
    data = tmp_path / "lake-lain"  # named by the options, not KDKMP_LAKE_DATA
    code, out, err = cli("salin", "--dari", asal, "--ke", lake_url, "--lake-data-ke", data)
    assert code == 0, err
    assert "koperasi" in out and "BEDA" not in out and "sama di kedua sisi" in out
    assert any(data.rglob("*.parquet"))

    folder = f"{tmp_path}/cadangan/"
    # Without --lake-data-dari the lake would be attached with KDKMP_LAKE_DATA, not its own folder.
    code, _, err = cli("salin", "--dari", lake_url, "--ke", folder)
    assert code == 1 and "tidak dapat dibuka" in err and not (tmp_path / "cadangan").exists()
    code, out, err = cli("salin", "--dari", lake_url, "--lake-data-dari", data, "--ke", folder)
    assert code == 0, err
    code, _, err = cli("salin", "--dari", lake_url, "--lake-data-dari", data, "--ke", folder)
    assert code == 1 and "tidak kosong" in err
    code, out, err = cli("salin", "--dari", folder, "--ke", tmp_path / "pulih.duckdb")
    assert code == 0, err
    assert answers_of(str(tmp_path / "pulih.duckdb")) == answers_of(asal)

    code, _, err = cli("salin", "--dari", asal, "--ke", tmp_path / "tanpa-akhiran")
    assert code == 2 and "akhiri nama file dengan .duckdb" in err


def test_cli_rawat_on_a_file_is_a_checkpoint(asal):
    code, out, err = cli("rawat", "--db", asal)
    assert code == 0, err
    assert "CHECKPOINT selesai" in out and "Hanya ini yang diperlukan" in out
