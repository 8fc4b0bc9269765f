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


@pytest.fixture
def loaded_db(loaded_db_file, tmp_path):
    """A private copy of the fixture database, free to change."""
    path = tmp_path / "terisi.duckdb"
    shutil.copy(loaded_db_file, path)
    con = db.connect(path)
    yield con
    con.close()


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
    name = "uji_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    dsn = postgres.create_database(name)
    monkeypatch.setenv("KDKMP_LAKE_DATA", str(tmp_path / "lake"))
    return f"ducklake:postgres:{dsn}"
