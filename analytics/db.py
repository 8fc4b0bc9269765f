"""Connection, migrations, gazetteer loading and the one way to run a named query."""

from __future__ import annotations

import contextlib
import contextvars
import os
import random
import threading
import time
import weakref
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
WILAYAH_DIR = DATA_DIR / "wilayah"
QUERY_DIR = Path(__file__).resolve().parent / "queries"
MIGRATION_DIR = Path(__file__).resolve().parent / "migrations"

LEVELS = ("provinsi", "kabupaten", "kecamatan", "desa")


LAKE_PREFIX = "ducklake:"
# The DuckLake database inside a connection in lake mode (see docs/lake-notes.md).
LAKE = "lake"


# Connections whose default database is a lake, with the lake they attached. A DuckDB cursor starts
# in the connection's in-memory main database, not in the one USE chose, so cursor() repeats the USE.
_LAKES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class DatabaseBusy(RuntimeError):
    """The database file is held by another process (usually the running app)."""


class Bertabrakan(RuntimeError):
    """A lake transaction met another server's commit BATAS_COBA times in a row."""


# A lake (several servers on one store) refuses the second of two transactions that wrote the same
# table at once (docs/lake-notes.md); the work is then done again on the new snapshot, this many
# times at most.
BATAS_COBA = 4
T = TypeVar("T")


def default_path() -> str:
    """KDKMP_DB, or the app's file. A string: a lake target is not a filesystem path."""
    return os.environ.get("KDKMP_DB") or str(DATA_DIR / "kdkmp.duckdb")


def is_lake(target: str | Path) -> bool:
    """True for a shared store `ducklake:postgres:dbname=… host=… port=… user=…` (spec/cli.md)."""
    return str(target).startswith(LAKE_PREFIX)


def connect(path: str | Path | None = None, *, lake_data: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open (or create) the database, bring the schema up to date and load the gazetteer.

    `path` is a DuckDB file or a lake (`ducklake:postgres:…`, whose Parquet files go to
    `lake_data`, default KDKMP_LAKE_DATA)."""
    target = str(path) if path is not None else str(default_path())
    if is_lake(target):
        con = _connect_lake(target, lake_data)
    else:
        con = _connect_file(target)
    from analytics.config import load as load_settings

    con.execute(f"set memory_limit = '{int(load_settings().memori_duckdb_mb)}MB'")
    migrate(con)
    if is_lake(target):
        _local_gazetteer(con)
    load_gazetteer(con)
    return con


# Lake mode: where unqualified names resolve. The lake first (data, views, macros), then the
# process's own memory, where the gazetteer lives (migrations/lake/wilayah.sql).
_SEARCH_PATH = f"set search_path = '{LAKE}.main,memory.main'"


def _local_gazetteer(con: duckdb.DuckDBPyConnection) -> None:
    """The four gazetteer tables in the connection's in-memory database, for load_gazetteer()."""
    for statement in _statements((MIGRATION_DIR / "lake" / "wilayah.sql").read_text(encoding="utf-8")):
        con.execute(statement.replace("create table ", "create table if not exists memory.main.", 1))
    con.execute(_SEARCH_PATH)


def _connect_file(target: str) -> duckdb.DuckDBPyConnection:
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(target)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusy(
                f"Basis data {target} sedang dipakai proses lain (misalnya aplikasi yang berjalan). "
                "Hentikan aplikasi dulu, atau taruh file di folder kotak masuk (lihat README)."
            ) from exc
        raise


def _connect_lake(target: str, data_path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached as `lake` and made the default database.

    The extensions come from the pinned wheels (requirements.txt), never from a download."""
    data = data_path or os.environ.get("KDKMP_LAKE_DATA")
    if not data:
        raise ValueError("Mode lake butuh folder data: set KDKMP_LAKE_DATA (atau --lake-data DIR).")
    Path(data).mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    for extension in lake_extensions():
        con.execute(f"load '{extension}'")
    # ATTACH takes no bound parameters; the target and folder come from the operator's config.
    attach = f"attach '{_quoted(target)}' as {LAKE} (data_path '{_quoted(str(data))}')"
    for attempt in range(1, BATAS_COBA + 1):
        try:
            con.execute(attach)
            break
        except duckdb.Error as exc:
            # Two servers attaching a new lake at once both create its catalog tables in
            # PostgreSQL; the slower one fails on "already exists" and attaches the finished lake.
            if "already exists" not in str(exc) or attempt == BATAS_COBA:
                raise
            time.sleep(random.uniform(0.1, 0.5))
    con.execute(f"use {LAKE}")
    _LAKES[con] = target
    return con


# Inside one_snapshot(con): (con, the cursor of the block's read transaction).
_SNAPSHOT: contextvars.ContextVar = contextvars.ContextVar("kdkmp_snapshot", default=None)


class _Lent:
    """The block's cursor lent to one query: closing it leaves the read transaction open."""

    def __init__(self, cur):
        self._cur = cur

    def close(self) -> None:
        pass

    def __getattr__(self, name):
        return getattr(self._cur, name)


@contextlib.contextmanager
def one_snapshot(con: duckdb.DuckDBPyConnection):
    """Every query through cursor(con) inside the block reads one committed state (one read
    transaction): another server's commit meanwhile shows in the next block, never in half of this
    one. A nested block shares the outer one. Per thread (a context variable), like cursors."""
    if _SNAPSHOT.get() is not None:
        yield
        return
    cur = cursor(con)
    cur.execute("begin transaction")
    token = _SNAPSHOT.set((con, cur))
    try:
        yield
    finally:
        _SNAPSHOT.reset(token)
        try:
            cur.execute("rollback")
        finally:
            cur.close()


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor (one per query or transaction, for threads) on the same default database as `con`;
    inside one_snapshot(con), that block's."""
    held = _SNAPSHOT.get()
    if held is not None and held[0] is con:
        return _Lent(held[1])
    cur = con.cursor()
    if con in _LAKES:
        cur.execute(f"use {LAKE}")
        cur.execute(_SEARCH_PATH)
    return cur


def lake_extensions() -> list[Path]:
    """The postgres scanner and ducklake extension files inside their pip wheels, in load order."""
    site = Path(duckdb.__file__).resolve().parents[1]
    found = []
    for package, name in (
        ("duckdb_extension_postgres_scanner", "postgres_scanner"),
        ("duckdb_extension_ducklake", "ducklake"),
    ):
        path = site / package / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
        if not path.is_file():
            raise FileNotFoundError(
                f"{path} tidak ada: pasang paket {package.replace('_', '-')}=={duckdb.__version__} (requirements.txt)."
            )
        found.append(path)
    return found


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def lake_target(con: duckdb.DuckDBPyConnection) -> str | None:
    """The `ducklake:…` target a connection attached, None for a file."""
    return _LAKES.get(con)


def snapshot(con: duckdb.DuckDBPyConnection) -> int | None:
    """The lake's latest snapshot id, None for a file. Every commit of any server makes a new one,
    and it costs one catalog lookup where the data version (unggahan.versi_data) scans tables."""
    if not in_lake(con):
        return None
    cur = cursor(con)
    try:
        return int(cur.execute(f"select max(snapshot_id) from ducklake_snapshots('{LAKE}')").fetchone()[0])
    finally:
        cur.close()


def in_lake(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the connection's default database is a lake."""
    return lake_target(con) is not None


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    # No primary key: a lake has none, and only migrate() writes here.
    con.execute("create table if not exists schema_version (versi integer not null, diterapkan_pada timestamp)")
    return _stored_version(con)


def migrations(lake: bool = False) -> list[tuple[int, Path]]:
    """(version, file) in order. In a lake, migrations/lake/NNN_*.sql replaces the file of the same
    number: the few that DuckLake refuses as written (primary keys, sequences)."""
    found = {}
    for p in sorted(MIGRATION_DIR.glob("*.sql")):
        found[int(p.name.split("_", 1)[0])] = p
    if lake:
        for p in sorted((MIGRATION_DIR / "lake").glob("[0-9]*.sql")):
            found[int(p.name.split("_", 1)[0])] = p
    return sorted(found.items())


def next_id(con: duckdb.DuckDBPyConnection, nama: str) -> int:
    """The next value of counter `nama` (table penghitung). Call inside the caller's transaction:
    two lake transactions that both take an id conflict at commit instead of sharing it."""
    con.execute("update penghitung set nilai = nilai + 1 where nama = $n", {"n": nama})
    return int(con.execute("select nilai from penghitung where nama = $n", {"n": nama}).fetchone()[0])


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration newer than the stored version, each in its own transaction. Two servers
    starting on one new lake: the second's migration conflicts, and its retry finds it applied."""
    transaksi(con, schema_version)
    current = schema_version(con)
    for version, path in migrations(lake=in_lake(con)):
        if version <= current:
            continue

        def apply(cur, version=version, path=path) -> None:
            if _stored_version(cur) >= version:
                return  # another server applied it meanwhile
            for statement in _statements(path.read_text(encoding="utf-8")):
                cur.execute(statement)
            cur.execute("insert into schema_version values ($v, current_timestamp)", {"v": version})

        transaksi(con, apply)
        current = version
    return current


def _stored_version(cur) -> int:
    return int(cur.execute("select coalesce(max(versi), 0) from schema_version").fetchone()[0])


def transaksi(
    con: duckdb.DuckDBPyConnection,
    kerja: Callable[[duckdb.DuckDBPyConnection], T],
    *,
    coba: int | None = None,
) -> T:
    """kerja(cur) in one transaction on a fresh cursor, committed; the one way this code writes.

    Writers of one process take turns (WRITE_LOCK). In a lake, a commit that meets another server's
    commit is rolled back and kerja runs again from the start on the new snapshot (so its checks
    see what the other server wrote), at most `coba` times, then Bertabrakan. Any other error rolls
    back and is raised: nothing of kerja remains."""
    coba = coba or BATAS_COBA
    for attempt in range(1, coba + 1):
        try:
            with WRITE_LOCK:
                cur = cursor(con)
                try:
                    cur.execute("begin transaction")
                    hasil = kerja(cur)
                    cur.execute("commit")
                    return hasil
                except BaseException:
                    try:
                        cur.execute("rollback")
                    except duckdb.Error:
                        pass  # a failed commit has already ended the transaction
                    raise
                finally:
                    cur.close()
        except duckdb.TransactionException as exc:
            if "conflict" not in str(exc).lower():
                raise
            if attempt == coba:
                raise Bertabrakan(f"transaksi bertabrakan {coba} kali berturut-turut") from exc
        time.sleep(random.uniform(0.05, 0.3) * attempt)
    raise AssertionError("unreachable: the last attempt returns or raises")


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
    """Fill the four wilayah tables from the shipped CSVs, once. Codes stay text. In a lake they are
    the process's own (migrations/lake/wilayah.sql), so nothing here is shared with other servers."""
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
    return _named(con, name, params, lambda result: result.df())


def baris(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> tuple | None:
    """The first row of a named query as a tuple, without building a DataFrame (for tiny answers
    read on every rerun)."""
    return _named(con, name, params, lambda result: result.fetchone())


def _named(con: duckdb.DuckDBPyConnection, name: str, params: dict | None, fetch):
    """analytics/queries/<name>.sql on a fresh cursor with the parameters it names, then `fetch`."""
    return _teks(con, query_text(name), params, fetch, name)


def run_text(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> pd.DataFrame:
    """run() for a query composed in the analytic layer (not a file): the parameters it names are
    bound, the rest ignored."""
    return _teks(con, sql, params, lambda result: result.df(), "composed")


def _teks(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None, fetch, name: str):
    cur = cursor(con)
    try:
        wanted = _param_names(sql)
        bound = {k: v for k, v in (params or {}).items() if k in wanted}
        missing = wanted - bound.keys()
        if missing:
            raise KeyError(f"query {name!r} needs parameters {sorted(missing)}")
        return fetch(cur.execute(sql, bound))
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
