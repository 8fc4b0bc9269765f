"""A throwaway local PostgreSQL 15 cluster: the DuckLake catalog for tests and `make run-cluster`.

PostgreSQL refuses to run as root, so when this process is root the server runs as an ordinary
user (`postgres`, which the Debian package creates, or `KDKMP_PG_OS_USER`). The cluster listens on
127.0.0.1 only, on a free port, with `trust` authentication: it is for one machine and is removed
afterwards. Nothing here needs a Python PostgreSQL driver; it drives the server's own binaries.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

BIN_DIRS = (Path("/usr/lib/postgresql/15/bin"),)
DEFAULT_OS_USER = "postgres"
ROLE = "kdkmp"


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL binaries are not installed (Debian package `postgresql`)."""


def bin_dir() -> Path | None:
    """Where initdb and pg_ctl live, or None when PostgreSQL is not installed."""
    for candidate in BIN_DIRS:
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


@dataclass(frozen=True)
class Cluster:
    """A running cluster: where it lives and how to reach it."""

    directory: Path
    host: str
    port: int
    user: str
    dbname: str
    bin: Path
    os_user: str | None

    def dsn(self, dbname: str | None = None) -> str:
        """libpq key=value parameters, the form `ducklake:postgres:` takes."""
        return f"dbname={dbname or self.dbname} host={self.host} port={self.port} user={self.user}"

    def create_database(self, dbname: str, *, template: str | None = None) -> str:
        """A new database in this cluster (one per test keeps lakes apart); its dsn. Empty, or a copy
        of `template` (a database nobody is connected to): a test's private copy of a loaded lake."""
        copy = ["-T", template] if template else []
        self._run("createdb", "-h", self.host, "-p", str(self.port), "-U", self.user, *copy, dbname)
        return self.dsn(dbname)

    def stop(self, *, remove: bool = True) -> None:
        """Stop the server (fast shutdown) and, by default, delete its directory."""
        self._run("pg_ctl", "stop", "-D", str(self.directory / "data"), "-m", "fast", "-w")
        if remove:
            shutil.rmtree(self.directory, ignore_errors=True)

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return _run_as(self.os_user, [str(self.bin / program), *args], check=check)


def start(directory: str | Path, *, dbname: str = "kdkmp", durable: bool = False) -> Cluster:
    """Initialise a cluster in `directory` (created; must be empty or absent), start it on a free
    loopback port and create `dbname`. `durable=False` turns fsync off: for tests only."""
    binaries = _binaries()
    directory = Path(directory).resolve()
    os_user = _server_os_user()
    _prepare(directory, os_user)
    _run_as(
        os_user,
        [str(binaries / "initdb"), "-D", str(directory / "data"), "-U", ROLE, "--auth=trust", "--no-locale",
         "-E", "UTF8"],
    )  # fmt: skip
    cluster = _launch(binaries, directory, os_user, dbname, durable)
    cluster.create_database(dbname)
    return cluster


def exists(directory: str | Path) -> bool:
    """True when `start` initialised a cluster in `directory` before (its data folder is there)."""
    return (Path(directory) / "data" / "PG_VERSION").is_file()


def start_existing(directory: str | Path, *, dbname: str = "kdkmp", durable: bool = True) -> Cluster:
    """Start again the cluster that `start` made in `directory`, keeping its data, on a free port.

    A server still running there (left by a run that was killed) is taken over as it is: its port
    comes from its postmaster.pid. `dbname` is created when missing (a first run stopped between
    initdb and createdb)."""
    binaries = _binaries()
    directory = Path(directory).resolve()
    if not exists(directory):
        raise FileNotFoundError(f"{directory} tidak berisi klaster PostgreSQL (data/PG_VERSION tidak ada).")
    os_user = _server_os_user()
    _prepare(directory, os_user)
    data = directory / "data"
    running = _run_as(os_user, [str(binaries / "pg_ctl"), "status", "-D", str(data)], check=False)
    if running.returncode == 0:
        cluster = Cluster(directory, "127.0.0.1", _running_port(data), ROLE, dbname, binaries, os_user)
    else:
        cluster = _launch(binaries, directory, os_user, dbname, durable)
    made = cluster._run(
        "createdb", "-h", cluster.host, "-p", str(cluster.port), "-U", cluster.user, dbname, check=False
    )
    if made.returncode != 0 and "already exists" not in made.stderr:
        raise RuntimeError(f"createdb {dbname} failed ({made.returncode}):\n{made.stdout}{made.stderr}")
    return cluster


def _binaries() -> Path:
    binaries = bin_dir()
    if binaries is None:
        raise PostgresUnavailable("PostgreSQL tidak terpasang (paket Debian `postgresql`).")
    return binaries


def _prepare(directory: Path, os_user: str | None) -> None:
    """The cluster's folder and socket folder, owned by the server's user when that is not us."""
    for d in (directory, directory / "sock"):
        d.mkdir(parents=True, exist_ok=True)
        if os_user is not None:
            shutil.chown(d, user=os_user, group=pwd.getpwnam(os_user).pw_gid)


def _launch(binaries: Path, directory: Path, os_user: str | None, dbname: str, durable: bool) -> Cluster:
    """pg_ctl start on a free loopback port; the Cluster (its database is not created here)."""
    options = f"-c listen_addresses=127.0.0.1 -k {directory / 'sock'}"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    # A free port can be taken between the probe and the server's bind: try a few.
    for _ in range(5):
        port = _free_port()
        done = _run_as(
            os_user,
            [str(binaries / "pg_ctl"), "start", "-D", str(directory / "data"), "-w", "-t", "30",
             "-l", str(directory / "server.log"), "-o", f"{options} -p {port}"],
            check=False,
        )  # fmt: skip
        if done.returncode == 0:
            return Cluster(directory, "127.0.0.1", port, ROLE, dbname, binaries, os_user)
    log = (directory / "server.log").read_text(errors="replace")[-2000:]
    raise RuntimeError(f"PostgreSQL did not start in {directory}:\n{log}")


def _running_port(data: Path) -> int:
    """The port of the server running on `data`: line 4 of postmaster.pid."""
    lines = (data / "postmaster.pid").read_text().splitlines()
    return int(lines[3])


def _server_os_user() -> str | None:
    """None when this process may run the server itself (not root); otherwise the user to run it as."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get("KDKMP_PG_OS_USER", DEFAULT_OS_USER)
    try:
        pwd.getpwnam(name)
    except KeyError:
        raise PostgresUnavailable(
            f"PostgreSQL tidak boleh berjalan sebagai root dan pengguna {name!r} tidak ada "
            "(buat dengan `useradd -m kdkmp-pg` lalu set KDKMP_PG_OS_USER=kdkmp-pg)."
        ) from None
    return name


def _run_as(os_user: str | None, argv: list[str], *, check: bool = True) -> subprocess.CompletedProcess:
    if os_user is not None:
        argv = ["runuser", "-u", os_user, "--", *argv]
    # cwd=/: the server's user may not be allowed into the caller's working directory. A session of
    # its own: a Ctrl-C meant for the caller's terminal must not reach the server, which the caller
    # stops itself (and in its own order).
    done = subprocess.run(argv, capture_output=True, text=True, cwd="/", check=False, start_new_session=True)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
