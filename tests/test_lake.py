"""Lake mode (issue 12): a DuckLake with its catalog in a throwaway PostgreSQL answers like a file."""

from __future__ import annotations

import pytest

from analytics import audit, db, ingest, ringkasan
from analytics.filters import Filter
from conftest import KOPERASI_FILES, OTHER_FILES, ingest_file

# Every table and view of the schema with its columns, and the shared macros, in this database.
# A lake server keeps the gazetteer in its own memory (migrations/lake/wilayah.sql), so a lake's
# tables are those of its catalog plus those four.
COLUMNS = """select table_name, column_name, data_type
    from duckdb_columns()
    where database_name in (current_database(), 'memory') and schema_name = 'main'
    order by all"""
MACROS = """select function_name, function_type
    from duckdb_functions()
    where database_name = current_database() and function_type in ('macro', 'table_macro')
    order by all"""


def test_the_lake_schema_has_the_columns_and_macros_of_the_file(lake_url, fresh_db):
    lake = db.connect(lake_url)
    try:
        assert db.schema_version(lake) == db.schema_version(fresh_db)
        assert lake.execute(COLUMNS).fetchall() == fresh_db.execute(COLUMNS).fetchall()
        assert lake.execute(MACROS).fetchall() == fresh_db.execute(MACROS).fetchall()
        assert (
            lake.execute("select count(*) from desa").fetchone()
            == fresh_db.execute("select count(*) from desa").fetchone()
        )
    finally:
        lake.close()


def test_fixtures_uploaded_to_a_lake_give_the_same_summary_as_the_file(lake_url, loaded_db_file, gazetteer):
    lake = db.connect(lake_url)
    loaded_db = db.connect(loaded_db_file)
    try:
        batches = [ingest_file(lake, f, gazetteer) for f in KOPERASI_FILES + OTHER_FILES]
        assert batches == list(range(1, len(batches) + 1))
        for f in (Filter(), Filter.from_code("52"), Filter.from_code("52.01")):
            assert ringkasan.as_json(ringkasan.picture(lake, f)) == ringkasan.as_json(ringkasan.picture(loaded_db, f))
        # A second connection (another app server) sees the same commits.
        other = db.connect(lake_url)
        assert other.execute("select count(*) from koperasi_aktif").fetchone() == (
            loaded_db.execute("select count(*) from koperasi_aktif").fetchone()
        )
        other.close()
        ingest.undo(lake, batches[-1])
        assert lake.execute("select count(*) from upload_batch where dibatalkan_pada is not null").fetchone() == (1,)
    finally:
        loaded_db.close()
        lake.close()


def test_an_upload_that_meets_another_servers_commit_is_written_again_on_the_new_snapshot(
    lake_url, gazetteer, monkeypatch
):
    """Two servers saving at once: DuckLake refuses the second transaction; it lands on the retry."""
    lake = db.connect(lake_url)
    other = db.connect(lake_url)  # another app server on the same lake
    try:
        first = ingest_file(lake, KOPERASI_FILES[0], gazetteer)
        calls = []

        def the_other_server_commits_meanwhile() -> None:
            calls.append(1)
            if len(calls) == 1:  # only while the first attempt is open
                other.execute("begin transaction")
                other.execute("update penghitung set nilai = nilai + 1 where nama = 'batch_id'")
                other.execute("commit")

        monkeypatch.setattr(ingest, "_pause_for_crash_test", the_other_server_commits_meanwhile)
        second = ingest_file(lake, OTHER_FILES[0], gazetteer)
        assert len(calls) == 2  # a conflict, then a second attempt that committed
        assert second == first + 2  # the other server's id is not reused
        assert lake.execute("select count(*) from upload_batch").fetchone() == (2,)
        assert other.execute("select count(*) from upload_batch").fetchone() == (2,)
    finally:
        other.close()
        lake.close()


def test_an_upload_that_keeps_meeting_conflicts_is_refused_whole(lake_url, gazetteer, monkeypatch):
    lake = db.connect(lake_url)
    other = db.connect(lake_url)
    try:
        ingest_file(lake, KOPERASI_FILES[0], gazetteer)
        before = lake.execute("select count(*) from koperasi").fetchone()

        def always() -> None:
            other.execute("begin transaction")
            other.execute("update penghitung set nilai = nilai + 1 where nama = 'batch_id'")
            other.execute("commit")

        monkeypatch.setattr(ingest, "_pause_for_crash_test", always)
        monkeypatch.setattr(db, "BATAS_COBA", 2)
        with pytest.raises(ingest.UploadRefused, match="bertabrakan"):
            ingest_file(lake, OTHER_FILES[0], gazetteer)
        assert lake.execute("select count(*) from upload_batch").fetchone() == (1,)
        assert lake.execute("select count(*) from koperasi").fetchone() == before
    finally:
        other.close()
        lake.close()


def test_two_servers_starting_on_a_new_lake_migrate_and_load_the_gazetteer_once(lake_url):
    """Both connect at once: one applies each migration and loads the gazetteer, the other's
    conflicting transaction is retried and finds the work done (appends alone never conflict)."""
    import threading

    start = threading.Barrier(2)
    opened, errors = [], []

    def server() -> None:
        try:
            start.wait()
            opened.append(db.connect(lake_url))
        except Exception as exc:  # reported below with the assertion
            errors.append(exc)

    threads = [threading.Thread(target=server) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    try:
        assert errors == []
        con = opened[0]
        versions = [v for v, _ in db.migrations(lake=True)]
        assert con.execute("select count(*), count(distinct versi), max(versi) from schema_version").fetchone() == (
            len(versions),
            len(versions),
            versions[-1],
        )
        desa = sum(1 for _ in open(db.WILAYAH_DIR / "desa.csv", encoding="utf-8")) - 1
        assert con.execute("select count(*), count(distinct kode) from desa").fetchone() == (desa, desa)
    finally:
        for con in opened:
            con.close()


def test_audit_entries_in_a_lake_have_ids_in_the_order_they_were_written(lake_url, gazetteer):
    lake = db.connect(lake_url)
    try:
        batch = ingest_file(lake, KOPERASI_FILES[0], gazetteer)
        ingest.undo(lake, batch)
        trail = audit.jejak_audit(lake)
        assert trail["id"].notna().all() and trail["id"].is_unique
        assert list(trail["aksi"])[-2:] == ["unggah", "batalkan"]
    finally:
        lake.close()


def test_a_commit_on_one_server_makes_a_new_lake_snapshot_for_the_other(lake_url, gazetteer):
    """The app reads the data version once per lake snapshot (ui/shell.versi): any server's commit
    must move the snapshot every other server sees, and nothing else may."""
    a, b = db.connect(lake_url), db.connect(lake_url)
    try:
        before = db.snapshot(b)
        assert db.snapshot(b) == before  # reading makes no snapshot
        ingest_file(a, KOPERASI_FILES[0], gazetteer)
        assert db.snapshot(b) > before
        assert db.snapshot(a) == db.snapshot(b)
    finally:
        a.close()
        b.close()


def test_a_file_has_no_snapshot(fresh_db):
    assert db.snapshot(fresh_db) is None
