"""Connection, migrations, gazetteer loading and the one way to run a named query."""

from __future__ import annotations

import os
import threading
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
WILAYAH_DIR = DATA_DIR / "wilayah"
QUERY_DIR = Path(__file__).resolve().parent / "queries"
MIGRATION_DIR = Path(__file__).resolve().parent / "migrations"

LEVELS = ("provinsi", "kabupaten", "kecamatan", "desa")


class DatabaseBusy(RuntimeError):
    """The database file is held by another process (usually the running app)."""


def default_path() -> Path:
    return Path(os.environ.get("KDKMP_DB") or DATA_DIR / "kdkmp.duckdb")


def connect(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open (or create) the database, bring the schema up to date and load the gazetteer."""
    target = str(path) if path is not None else str(default_path())
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(target)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusy(
                f"Basis data {target} sedang dipakai proses lain (misalnya aplikasi yang berjalan). "
                "Hentikan aplikasi dulu, atau taruh file di folder kotak masuk (lihat README)."
            ) from exc
        raise
    from analytics.config import load as load_settings

    con.execute(f"set memory_limit = '{int(load_settings().memori_duckdb_mb)}MB'")
    migrate(con)
    load_gazetteer(con)
    return con


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute("create table if not exists schema_version (versi integer primary key, diterapkan_pada timestamp)")
    row = con.execute("select coalesce(max(versi), 0) from schema_version").fetchone()
    return int(row[0])


def migrations() -> list[tuple[int, Path]]:
    found = []
    for p in sorted(MIGRATION_DIR.glob("*.sql")):
        found.append((int(p.name.split("_", 1)[0]), p))
    return found


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration newer than the stored version, each in its own transaction."""
    current = schema_version(con)
    for version, path in migrations():
        if version <= current:
            continue
        con.execute("begin transaction")
        try:
            for statement in _statements(path.read_text(encoding="utf-8")):
                con.execute(statement)
            con.execute("insert into schema_version values ($v, current_timestamp)", {"v": version})
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        current = version
    return current


def _statements(sql: str) -> list[str]:
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


# all_varchar keeps '11.10' from becoming 11.1; lat/lon are cast explicitly.
_GAZ_INSERT = {
    "provinsi": """insert into provinsi (kode, nama, lat, lon)
        select kode, nama, try_cast(lat as double), try_cast(lon as double)
        from read_csv($path, all_varchar = true, header = true)""",
    "kabupaten": """insert into kabupaten (kode, kode_induk, nama, nama_singkat, jenis, lat, lon)
        select kode, kode_induk, nama, nama_singkat, jenis,
               try_cast(lat as double), try_cast(lon as double)
        from read_csv($path, all_varchar = true, header = true)""",
    "kecamatan": """insert into kecamatan (kode, kode_induk, nama, lat, lon)
        select kode, kode_induk, nama, try_cast(lat as double), try_cast(lon as double)
        from read_csv($path, all_varchar = true, header = true)""",
    "desa": """insert into desa (kode, kode_induk, nama, jenis, lat, lon)
        select kode, kode_induk, nama, jenis, try_cast(lat as double), try_cast(lon as double)
        from read_csv($path, all_varchar = true, header = true)""",
}


def load_gazetteer(con: duckdb.DuckDBPyConnection, directory: Path = WILAYAH_DIR) -> None:
    """Fill the four wilayah tables from the shipped CSVs, once. Codes stay text."""
    if con.execute("select count(*) from provinsi").fetchone()[0] > 0:
        return
    con.execute("begin transaction")
    try:
        for level in LEVELS:
            con.execute(_GAZ_INSERT[level], {"path": str(directory / f"{level}.csv")})
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


@cache
def query_text(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r}")
    return path.read_text(encoding="utf-8")


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> pd.DataFrame:
    """Run analytics/queries/<name>.sql with bound parameters on a fresh cursor."""
    sql = query_text(name)
    cur = con.cursor()
    try:
        wanted = _param_names(sql)
        bound = {k: v for k, v in (params or {}).items() if k in wanted}
        missing = wanted - bound.keys()
        if missing:
            raise KeyError(f"query {name!r} needs parameters {sorted(missing)}")
        return cur.execute(sql, bound).df()
    finally:
        cur.close()


def baris(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> tuple | None:
    """The first row of a named query as a tuple, without building a DataFrame (for tiny answers
    read on every rerun)."""
    sql = query_text(name)
    cur = con.cursor()
    try:
        return cur.execute(sql, {k: v for k, v in (params or {}).items() if k in _param_names(sql)}).fetchone()
    finally:
        cur.close()


@cache
def _param_names(sql: str) -> frozenset[str]:
    import re

    body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return frozenset(re.findall(r"\$([a-z_][a-z0-9_]*)", body))


# A lock for callers that share one connection between threads only through cursors but
# must serialise writes (uploads, undo, demo) so two sessions never write at once.
WRITE_LOCK = threading.Lock()
