"""Shared fixtures: databases built through the same connect() and importer the app uses."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from analytics import db, ingest, pg
from analytics.wilayah import Gazetteer

ROOT = Path(__file__).resolve().parents[1]
# The app's inbox watcher must never read the developer's data/kotak_masuk during tests.
os.environ.setdefault("KDKMP_KOTAK_MASUK", tempfile.mkdtemp(prefix="kotak-masuk-uji-"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2025, 11, 3)
KOPERASI_FILES = sorted(FIXTURES.glob("koperasi_*.csv"))
OTHER_FILES = [FIXTURES / "sppg_2025-10-27.csv", FIXTURES / "lahan_2025-10-27.csv", FIXTURES / "bimtek_2025-10-27.csv"]


@pytest.fixture(scope="session")
def empty_db_file(tmp_path_factory) -> Path:
    """A migrated database with the gazetteer, built once and copied per test."""
    path = tmp_path_factory.mktemp("template") / "kosong.duckdb"
    con = db.connect(path)
    con.close()
    return path


@pytest.fixture(scope="session")
def gazetteer(empty_db_file) -> Gazetteer:
    con = db.connect(empty_db_file)
    try:
        return Gazetteer.load(con)
    finally:
        con.close()


@pytest.fixture
def fresh_db(empty_db_file, tmp_path):
    """An empty database of one's own (gazetteer loaded)."""
    path = tmp_path / "uji.duckdb"
    shutil.copy(empty_db_file, path)
    con = db.connect(path)
    yield con
    con.close()


def ingest_file(con, path: Path, gazetteer: Gazetteer, **kwargs):
    prepared, batch = ingest.ingest_bytes(con, path.read_bytes(), path.name, gazetteer=gazetteer, today=TODAY, **kwargs)
    assert batch is not None, prepared.report()
    return batch


@pytest.fixture(scope="session")
def loaded_db_file(empty_db_file, tmp_path_factory, gazetteer) -> Path:
    """The hand-written fixtures (4 weeks of koperasi, one week of SPPG, lahan, bimtek)."""
    path = tmp_path_factory.mktemp("terisi") / "fixtures.duckdb"
    shutil.copy(empty_db_file, path)
    con = db.connect(path)
    for f in KOPERASI_FILES + OTHER_FILES:
        ingest_file(con, f, gazetteer)
    con.close()
    return path


@pytest.fixture(scope="session")
def demo_db_file(empty_db_file, tmp_path_factory) -> Path:
    """The demo loaded once per session into a DuckDB file that nobody opens: a module copies it
    (salin_demo) instead of loading the demo again (10 s each)."""
    from analytics import demo

    path = tmp_path_factory.mktemp("demo-sesi") / "demo.duckdb"
    shutil.copy(empty_db_file, path)
    con = db.connect(path)
    try:
        demo.load(con)
    finally:
        con.close()
    return path


def salin_demo(demo_db_file: Path, tmp_path_factory, name: str) -> Path:
    """A copy of the session's demo file of one's own, free to change."""
    path = tmp_path_factory.mktemp(name) / "demo.duckdb"
    shutil.copy(demo_db_file, path)
    return path


# The two storage modes (README "Lebih dari satu server"): every test that takes `loaded_db` or
# `loaded_store` runs once on a DuckDB file and once on a lake with its catalog in PostgreSQL.
STORAGE_MODES = ("berkas", "lake")


@pytest.fixture(params=STORAGE_MODES)
def loaded_store(request, loaded_db_file, tmp_path, monkeypatch) -> str:
    """The fixture data in a store of one's own, free to change: a copy of the loaded file, or a copy
    of the loaded lake (its catalog database copied in PostgreSQL; the Parquet files it names are
    never rewritten, so copies share them). A `KDKMP_DB` target; KDKMP_LAKE_DATA is set for a lake."""
    if request.param == "berkas":
        path = tmp_path / "terisi.duckdb"
        shutil.copy(loaded_db_file, path)
        return str(path)
    template, data = request.getfixturevalue("loaded_lake_template")
    postgres = request.getfixturevalue("postgres")
    name = "salinan_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:40]
    name += f"_{next(_copies)}"
    monkeypatch.setenv("KDKMP_LAKE_DATA", data)
    return "ducklake:postgres:" + postgres.create_database(name, template=template)


_copies = iter(range(1, 1_000_000))


@pytest.fixture
def loaded_db(loaded_store):
    """A connection to `loaded_store` (each storage mode in turn)."""
    con = db.connect(loaded_store)
    yield con
    con.close()


@pytest.fixture(scope="session")
def loaded_lake_template(postgres, gazetteer, tmp_path_factory) -> tuple[str, str]:
    """The fixtures uploaded once to a lake: (catalog database name, data folder), copied per test."""
    data = str(tmp_path_factory.mktemp("lake-terisi"))
    target = "ducklake:postgres:" + postgres.create_database("templat_terisi")
    con = db.connect(target, lake_data=data)
    try:
        for f in KOPERASI_FILES + OTHER_FILES:
            ingest_file(con, f, gazetteer)
    finally:
        con.close()
    return "templat_terisi", data


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL 15 cluster for the session (the lake's catalog), on a loopback port."""
    if pg.bin_dir() is None:
        pytest.skip("PostgreSQL tidak terpasang (paket Debian `postgresql`): uji mode lake dilewati")
    # Not under tmp_path: pytest's folder is private to root, and the server runs as another user.
    cluster = pg.start(tempfile.mkdtemp(prefix="kdkmp-pg-"))
    yield cluster
    cluster.stop()


@pytest.fixture
def lake_url(postgres, tmp_path, monkeypatch, request) -> str:
    """An empty lake of one's own: a new catalog database, Parquet files under tmp_path."""
    name = "uji_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:40]
    dsn = postgres.create_database(f"{name}_{next(_copies)}")
    monkeypatch.setenv("KDKMP_LAKE_DATA", str(tmp_path / "lake"))
    return f"ducklake:postgres:{dsn}"
