"""Several app servers on one shared store behind nginx: `make run-cluster N=2`.

    python -m analytics.klaster --n 2 [--port 8500] [--folder var/klaster]

nginx on 127.0.0.1:PORT → N Streamlit servers on loopback ports → one DuckLake (catalog in
PostgreSQL, Parquet files in a folder). With KDKMP_DB already a lake (`ducklake:postgres:…`) that
lake and KDKMP_LAKE_DATA are used; otherwise a durable PostgreSQL is started (or started again)
under FOLDER/pg and the Parquet files go to FOLDER/lake. The demo is loaded when the lake is empty.

Sticky sessions with open-source nginx: a visitor's first response sets the cookie
`kdkmp_server` to a random key (nginx's $request_id) and the upstream is chosen by a consistent
hash of that key, so every later request of that browser (the page, its websocket, its uploads)
reaches the same server; when that server is down the hash ring moves the visitor to the next one.
A Streamlit session lives in one server's memory, so without this a websocket and the upload it
announces could land on different servers.

Everything at run time lives under FOLDER (git-ignored): status.json (url, ports, pids) while the
cluster runs, the servers' logs, the nginx configuration, pid, logs and temp folders, the cookie
secret shared by the servers (`rahasia`, mode 600, unless STREAMLIT_SERVER_COOKIE_SECRET is set).
Ctrl-C or SIGTERM stops nginx, then the servers, then a PostgreSQL started here (its data kept).
"""

from __future__ import annotations

import argparse
import ctypes
import fcntl
import json
import os
import pwd
import secrets
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from analytics import db, pg

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "var" / "klaster"
NGINX = "/usr/sbin/nginx"
COOKIE = "kdkmp_server"  # the sticky key's cookie
HEADER = "X-Kdkmp-Server"  # the server that answered (nginx's $upstream_addr), for tests and bench
SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"  # Streamlit's own name for server.cookieSecret
START_TIMEOUT = 180.0  # seconds for a server (or nginx) to answer /_stcore/health; the machine may be busy
RESTART_AFTER = 10.0  # a server that stops is started again, at most once per this many seconds
PR_SET_PDEATHSIG = 1


class KlasterError(RuntimeError):
    """The cluster cannot start; the message says why (in Indonesian, for the operator)."""


@dataclass
class Server:
    nomor: int
    port: int
    log: Path
    proc: subprocess.Popen | None = None
    mulai: float = 0.0  # monotonic time of the last start

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def hidup(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


@dataclass
class Klaster:
    """N servers and nginx over one lake. `start()`, then `tunggu()` until a signal, then `stop()`."""

    n: int
    port: int = 8500
    folder: Path = FOLDER
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    out: TextIO = sys.stdout
    servers: list[Server] = field(default_factory=list)
    nginx: subprocess.Popen | None = None
    postgres: pg.Cluster | None = None
    lake: str = ""
    lake_data: str = ""
    _kunci: int | None = None

    # ----------------------------------------------------------------------------------------
    # Start

    def start(self) -> Klaster:
        if self.n < 1:
            raise KlasterError("Jumlah server (--n) minimal 1.")
        if not Path(NGINX).is_file():
            raise KlasterError(f"{NGINX} tidak ada: pasang paket Debian `nginx` (apt-get install nginx).")
        self.folder = Path(self.folder).resolve()
        _folder(self.folder)
        self._lock()
        try:
            if self.port == 0:
                self.port = _free_port()
            elif not _port_free(self.port):
                raise KlasterError(f"Port {self.port} sudah dipakai; pilih yang lain dengan --port.")
            self._store()
            self._demo()
            secret = cookie_secret(self.folder, self.env)
            for i in range(self.n):
                server = Server(i + 1, _free_port(), self.folder / f"server-{i + 1}.log")
                self._run_server(server, secret)
                self.servers.append(server)
            for server in self.servers:
                self._wait_healthy(server, secret)
            self._start_nginx()
            self._write_status()
        except BaseException:
            self.stop()
            raise
        return self

    def _lock(self) -> None:
        """One cluster per folder: its pid files, logs and PostgreSQL are not shareable."""
        fd = os.open(self.folder / "kunci", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise KlasterError(f"Klaster lain sedang berjalan di {self.folder}.") from None
        self._kunci = fd

    def _store(self) -> None:
        target = self.env.get("KDKMP_DB", "")
        if db.is_lake(target):
            data = self.env.get("KDKMP_LAKE_DATA", "")
            if not data:
                raise KlasterError("KDKMP_DB adalah lake, tetapi KDKMP_LAKE_DATA (folder data Parquet) kosong.")
            # As given: the lake compares it with the path it stored when it was created.
            self.lake, self.lake_data = target, data
            self._say(f"Lake yang ada dipakai: {self.lake}")
            return
        if target:
            self._say(f"KDKMP_DB={target} bukan lake; klaster memakai PostgreSQL di {self.folder / 'pg'}.")
        directory = self.folder / "pg"
        if pg.exists(directory):
            self._say(f"PostgreSQL di {directory} dijalankan lagi…")
            self.postgres = pg.start_existing(directory, durable=True)
        else:
            self._say(f"PostgreSQL baru di {directory}…")
            self.postgres = pg.start(directory, durable=True)
        self.lake = f"{db.LAKE_PREFIX}postgres:{self.postgres.dsn()}"
        self.lake_data = str(self.folder / "lake")

    def _child_env(self) -> dict[str, str]:
        return {
            **self.env,
            "KDKMP_DB": self.lake,
            "KDKMP_LAKE_DATA": self.lake_data,
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            "PYTHONUNBUFFERED": "1",
        }

    def _demo(self) -> None:
        """The demo data into an empty lake (as `make run` does); also migrates a new lake once,
        before any server opens it."""
        self._say("Memeriksa lake (data contoh dimuat bila kosong)…")
        done = subprocess.run(
            [sys.executable, "-m", "analytics", "demo", "--if-empty"],
            cwd=ROOT,
            env=self._child_env(),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise KlasterError(
                f"`python -m analytics demo --if-empty` gagal ({done.returncode}):\n{done.stderr[-3000:]}"
            )
        self._say(done.stdout.strip())

    def _run_server(self, server: Server, secret: str) -> None:
        # Every server watches the inbox folder; analytics/kotak_masuk.py lets one of them import
        # per round (an advisory lock in the lake's PostgreSQL).
        env = {**self._child_env(), SECRET_ENV: secret}
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.address", "127.0.0.1", "--server.port", str(server.port), "--server.headless", "true",
        ]  # fmt: skip
        with open(server.log, "a", encoding="utf-8") as log:
            server.proc = _spawn(command, cwd=ROOT, env=env, stdout=log)
        server.mulai = time.monotonic()

    def _wait_healthy(self, server: Server, secret: str) -> None:
        """Until /_stcore/health answers; a server that exits first (its port taken between the
        probe and its bind, say) is started again on another port, twice at most."""
        for _ in range(3):
            if _healthy(server.url, server.proc, START_TIMEOUT):
                return
            if server.hidup:
                break
            server.port = _free_port()
            self._run_server(server, secret)
        raise KlasterError(f"Server {server.nomor} tidak sehat ({server.url}):\n{_tail(server.log)}")

    def _start_nginx(self) -> None:
        home = self.folder / "nginx"
        conf = write_nginx_conf(home, self.port, [s.port for s in self.servers], max_body_mb=_max_upload_mb() + 1)
        self.nginx = _spawn(
            [NGINX, "-p", str(home), "-c", str(conf), "-e", str(home / "error.log"), "-g", "daemon off;"],
            cwd=home,
            env=self.env,
            stdout=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{self.port}"
        if not _healthy(url, self.nginx, START_TIMEOUT):
            raise KlasterError(f"nginx tidak menjawab di {url}:\n{_tail(home / 'error.log')}")

    # ----------------------------------------------------------------------------------------
    # Running

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def status(self) -> dict:
        return {
            "url": self.url,
            "port": self.port,
            "pid": os.getpid(),
            "servers": [
                {
                    "nomor": s.nomor,
                    "url": s.url,
                    "port": s.port,
                    "pid": s.proc.pid if s.proc else None,
                    "log": str(s.log),
                }
                for s in self.servers
            ],
            "nginx": {
                "pid": self.nginx.pid if self.nginx else None,
                "conf": str(self.folder / "nginx" / "nginx.conf"),
                "access_log": str(self.folder / "nginx" / "access.log"),
                "error_log": str(self.folder / "nginx" / "error.log"),
            },
            "postgres": {"dsn": self.postgres.dsn(), "folder": str(self.postgres.directory)} if self.postgres else None,
            "lake": {"KDKMP_DB": self.lake, "KDKMP_LAKE_DATA": self.lake_data},
        }

    def _write_status(self) -> None:
        path = self.folder / "status.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.status(), indent=1, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    def cetak(self) -> None:
        self._say(f"\nDasbor: {self.url}  (nginx, sesi lengket lewat cookie {COOKIE})")
        for s in self.servers:
            self._say(f"  server {s.nomor}: {s.url}  pid {s.proc.pid}  log {s.log}")
        self._say(f"  KDKMP_DB={self.lake!r} KDKMP_LAKE_DATA={self.lake_data!r}  (untuk CLI pada lake yang sama)")
        self._say("Ctrl-C menghentikan nginx, server dan PostgreSQL (datanya tetap).")

    def tunggu(self, berhenti: threading.Event) -> int:
        """Watch the children until `berhenti` is set: a server that stopped is started again (its
        open sessions are gone; nginx sends its visitors to another server meanwhile). Exit code:
        0 when asked to stop, 1 when nginx died."""
        secret = cookie_secret(self.folder, self.env)
        while not berhenti.wait(1.0):
            if self.nginx is not None and self.nginx.poll() is not None:
                self._say(
                    f"nginx berhenti (kode {self.nginx.returncode}):\n{_tail(self.folder / 'nginx' / 'error.log')}"
                )
                return 1
            for s in self.servers:
                if not s.hidup and time.monotonic() - s.mulai >= RESTART_AFTER:
                    self._say(
                        f"server {s.nomor} berhenti (kode {s.proc.returncode}); dijalankan lagi di port {s.port}."
                    )
                    self._run_server(s, secret)
                    self._write_status()
        return 0

    # ----------------------------------------------------------------------------------------
    # Stop

    def stop(self) -> None:
        """nginx first (no new requests reach a stopping server), then the servers, then PostgreSQL."""
        if self.nginx is not None:
            _end(self.nginx, signal.SIGTERM, 10)
            self.nginx = None
        for s in self.servers:
            if s.proc is not None and s.proc.poll() is None:
                s.proc.terminate()
        for s in self.servers:
            if s.proc is not None:
                _end(s.proc, None, 20)
        if self.postgres is not None:
            self.postgres.stop(remove=False)
            self.postgres = None
        (self.folder / "status.json").unlink(missing_ok=True)
        if self._kunci is not None:
            os.close(self._kunci)
            self._kunci = None

    def _say(self, text: str) -> None:
        if text:
            print(text, file=self.out, flush=True)


# --------------------------------------------------------------------------------------------
# nginx


def write_nginx_conf(home: Path, port: int, upstreams: list[int], *, max_body_mb: int) -> Path:
    """nginx.conf for the cluster; every path nginx writes is under `home`."""
    home.mkdir(parents=True, exist_ok=True)
    os.chmod(home, 0o755)
    worker = _worker_user(home)
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in upstreams)
    temps = "\n".join(
        f"    {kind}_temp_path {home / (kind + '_temp')};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = f"""# Written by analytics/klaster.py on every start; edits are lost.
{f"user {worker};" if worker else "# not root: workers run as this user"}
worker_processes 1;
pid {home / "nginx.pid"};
error_log {home / "error.log"} warn;

events {{
    worker_connections 1024;
}}

http {{
{temps}
    log_format kdkmp '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                     'kunci=$kunci server=$upstream_addr waktu=$request_time';
    access_log {home / "access.log"} kdkmp;

    # Streamlit's own limit is server.maxUploadSize (.streamlit/config.toml); nginx must allow it.
    client_max_body_size {max_body_mb}m;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}

    # The sticky key: the visitor's cookie when it is one of ours, else this request's random id
    # (16 random bytes as hex), which the response then sets as the cookie.
    map $cookie_{COOKIE} $kunci {{
        "~^[0-9a-f]{{32}}$" $cookie_{COOKIE};
        default            $request_id;
    }}

    upstream kdkmp {{
        # Consistent hashing: a key keeps its server while that server is up; when it is marked
        # failed (max_fails within fail_timeout) the key moves to the next server on the ring.
        hash $kunci consistent;
{servers}
    }}

    server {{
        listen 127.0.0.1:{port};

        location / {{
            proxy_pass http://kdkmp;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # A Streamlit page is one websocket that stays open while the tab is open.
            proxy_read_timeout 12h;
            proxy_send_timeout 12h;

            add_header Set-Cookie "{COOKIE}=$kunci; Path=/; HttpOnly; SameSite=Lax" always;
            add_header {HEADER} $upstream_addr always;
        }}
    }}
}}
"""
    path = home / "nginx.conf"
    path.write_text(conf, encoding="utf-8")
    return path


def _worker_user(home: Path) -> str | None:
    """The `user` of nginx's workers when we are root (None otherwise: the directive is for root).

    The workers write request bodies (uploads) and large responses into the temp folders under
    `home`, which nginx's master creates and hands to them; they must be able to reach `home`.
    www-data when every folder above it is open to others, else root."""
    if os.geteuid() != 0:
        return None
    for candidate in ("www-data", "nobody"):
        try:
            pwd.getpwnam(candidate)
        except KeyError:
            continue
        reachable = all(os.stat(p).st_mode & stat.S_IXOTH for p in [home, *home.parents])
        return candidate if reachable else "root"
    return "root"


def _max_upload_mb() -> int:
    """Streamlit's server.maxUploadSize from .streamlit/config.toml (Streamlit's default 200)."""
    path = ROOT / ".streamlit" / "config.toml"
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return 200
    return int(config.get("server", {}).get("maxUploadSize", 200))


# --------------------------------------------------------------------------------------------
# Helpers


def cookie_secret(folder: Path, env: dict[str, str] | None = None) -> str:
    """One server.cookieSecret for every server, so a sign-in cookie (oidc mode) signed by one is
    valid on all: STREAMLIT_SERVER_COOKIE_SECRET when set, else FOLDER/rahasia (made once, 600)."""
    given = (env if env is not None else os.environ).get(SECRET_ENV)
    if given:
        return given
    path = Path(folder) / "rahasia"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    return path.read_text(encoding="ascii").strip()


def _folder(path: Path) -> None:
    # 755: PostgreSQL (as its own user) and nginx's workers must be able to pass through it.
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o755)


def _die_with_parent(parent: int) -> None:
    """In the child before exec: SIGTERM when the cluster process dies, even by SIGKILL, so no
    server or nginx outlives it."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _spawn(command: list[str], *, cwd: Path, env: dict[str, str], stdout) -> subprocess.Popen:
    parent = os.getpid()
    # A session of its own: a terminal's Ctrl-C reaches only this process, which stops the
    # children itself, nginx first.
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=lambda: _die_with_parent(parent),
    )


def _end(proc: subprocess.Popen, sig: signal.Signals | None, timeout: float) -> None:
    if proc.poll() is None and sig is not None:
        proc.send_signal(sig)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def _healthy(url: str, proc: subprocess.Popen | None, timeout: float) -> bool:
    """True once GET url/_stcore/health answers "ok"; False when `proc` exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200 and resp.read().strip() == b"ok":
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.25)
    return False


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m analytics.klaster", description="Beberapa server dasbor di belakang nginx, satu lake."
    )
    ap.add_argument("--n", type=int, default=2, help="jumlah server Streamlit (bawaan 2)")
    ap.add_argument("--port", type=int, default=8500, help="port nginx di 127.0.0.1 (bawaan 8500; 0: port bebas)")
    ap.add_argument("--folder", type=Path, default=FOLDER, help="folder keadaan berjalan (bawaan var/klaster)")
    args = ap.parse_args(argv)

    berhenti = threading.Event()
    starting = True

    def on_signal(signum, frame):
        first = not berhenti.is_set()
        berhenti.set()
        if starting and first:  # mid-start (the demo load takes a while): unwind, start() stops what it began
            raise KeyboardInterrupt

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    klaster = Klaster(args.n, args.port, args.folder)
    try:
        klaster.start()
    except KlasterError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    starting = False
    try:
        klaster.cetak()
        return klaster.tunggu(berhenti)
    finally:
        # Signals during the shutdown itself are ignored: it is already happening.
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        klaster.stop()
        print("Klaster berhenti.", flush=True)


if __name__ == "__main__":
    sys.exit(main())
