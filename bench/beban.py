"""Load tool: N concurrent real Streamlit sessions, each driven through Streamlit's own websocket
protocol as a browser drives it, for any page and filter.

    .venv/bin/python bench/beban.py --url http://127.0.0.1:8501 --halaman zona --query provinsi=18 --sesi 20
    .venv/bin/python bench/beban.py --db bench/cache/nasional-kerja.duckdb --halaman ringkasan,zona \\
        --query "" --query "provinsi=18&kabupaten=18.04" --sesi 10 --ulang 2
    make load ARGS="--halaman lahan --query provinsi=33 --sesi 20"

A session connects to ws://HOST:PORT/_stcore/stream (subprotocol "streamlit", as the browser),
sends a BackMsg whose rerun_script carries the page's url name and the query string (what the
browser sends when it opens /zona?provinsi=18), and reads ForwardMsgs until script_finished.
With --ulang K it then reruns the page K times in the same session (the page's script hash and
the query string the page wrote back, no widget change: what pressing "R" does). A view's time
runs from sending the BackMsg to receiving script_finished, so it is the server's time for the
view. An exception element, an st.error box, page_not_found or a compile error count as errors.

--url attaches to a running server (its process is found through /proc by the port, or give
--pid, repeatable: the RSS of every pid's process tree is summed); --klaster DIR attaches to a
cluster started by `make run-cluster` (analytics/klaster.py: its nginx url, and the pids of nginx
and every server from DIR/status.json); --db starts one server on a free port over that database
file and stops it afterwards. Prints p50/p95/max per page and query (first view and reruns
apart), throughput and the peak RSS of the server processes' trees, sampled from /proc every
50 ms. A memory guard (--batas-rss-mb, 8 GB by default) cancels the sessions, and kills a server
it started, when that RSS passes the limit: one national page under 20 sessions was seen to take
16 GB of this shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]
# The url names of the pages (ui/shell.PAGES); "" is the entry point, which opens Ringkasan.
HALAMAN = ("ringkasan", "zona", "lahan", "sppg", "digitalisasi", "kelengkapan", "peta", "unggah", "presentasi", "audit")
BATAS_WAKTU = 600.0  # seconds one view may take before it counts as failed
_SELESAI = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)
BATAL = "cancelled: the server's RSS passed the limit"  # the memory guard stopped the sessions


@dataclass
class Tampilan:
    """One view: from the rerun BackMsg to script_finished."""

    halaman: str
    query: str
    sesi: int
    ke: int  # 0: the session's first view; 1, 2, …: reruns in the same session
    detik: float = 0.0
    pesan: int = 0  # ForwardMsgs received
    byte: int = 0
    selesai: bool = False  # script_finished FINISHED_SUCCESSFULLY arrived
    galat: list[str] = field(default_factory=list)
    judul: str = ""  # the page's st.title, to tell which page ran
    server: str = ""  # behind the cluster's nginx: the server that took the websocket (X-Kdkmp-Server)

    @property
    def ok(self) -> bool:
        return self.selesai and not self.galat


# --------------------------------------------------------------------------------------------
# The protocol


def _rerun(query: str, *, halaman: str = "", page_hash: str = "", url: str = "") -> bytes:
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_name = halaman
    state.page_script_hash = page_hash
    # What the browser adds about itself (ui code may read st.context).
    state.context_info.timezone = "Asia/Jakarta"
    state.context_info.timezone_offset = -420
    state.context_info.locale = "id-ID"
    state.context_info.url = url
    state.context_info.is_embedded = False
    state.context_info.color_scheme = "light"
    return msg.SerializeToString()


def _read(fm: ForwardMsg, view: Tampilan, state: dict, elemen: list | None = None) -> bool:
    """Take one ForwardMsg in; True when the view's run has finished. New elements are appended to
    `elemen` when given (to read what a page shows)."""
    kind = fm.WhichOneof("type")
    if kind == "new_session":
        state["hash"] = fm.new_session.page_script_hash
    elif kind == "navigation" and fm.navigation.page_script_hash:
        # The browser keeps this one as the current page (new_session's can be a stale alias).
        state["hash"] = fm.navigation.page_script_hash
    elif kind == "page_info_changed":
        state["query"] = fm.page_info_changed.query_string
    elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
        element = fm.delta.new_element
        if elemen is not None:
            elemen.append(element)
        what = element.WhichOneof("type")
        if what == "heading" and element.heading.tag == "h1" and not view.judul:
            view.judul = element.heading.body
        elif what == "exception":
            view.galat.append(f"exception {element.exception.type}: {element.exception.message}"[:500])
        elif what == "alert" and element.alert.format == Alert.ERROR:
            view.galat.append(f"st.error: {element.alert.body}"[:500])
    elif kind == "page_not_found":
        view.galat.append(f"page_not_found: {fm.page_not_found.page_name}")
    elif kind == "session_event" and fm.session_event.HasField("script_compilation_exception"):
        view.galat.append(f"compile: {fm.session_event.script_compilation_exception.message}"[:500])
    elif kind == "script_finished":
        if fm.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
            view.galat.append("script_finished: FINISHED_WITH_COMPILE_ERROR")
        if fm.script_finished in _SELESAI:
            view.selesai = fm.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
            return True
    return False


async def sesi(
    base_url: str,
    halaman: str,
    query: str,
    nomor: int = 0,
    ulang: int = 0,
    batas_waktu: float = BATAS_WAKTU,
    mulai: asyncio.Event | None = None,
    elemen: list | None = None,
) -> list[Tampilan]:
    """One browser session: open `halaman` with `query`, then rerun it `ulang` times (the elements
    each view draws are appended to `elemen` when given)."""
    parts = urlparse(base_url)
    ws_url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
    views: list[Tampilan] = []
    state = {"hash": "", "query": query}
    try:
        async with connect(
            ws_url,
            subprotocols=["streamlit"],
            max_size=None,
            ping_interval=None,
            open_timeout=batas_waktu,
            close_timeout=2,
        ) as ws:
            # nginx lists every server it tried; the last one took the connection.
            server = (ws.response.headers.get("X-Kdkmp-Server") or "").split(", ")[-1] if ws.response else ""
            if mulai is not None:
                await mulai.wait()
            for ke in range(1 + ulang):
                view = Tampilan(halaman, query, nomor, ke, server=server)
                views.append(view)
                page_url = f"{base_url.rstrip('/')}/{halaman}" + (f"?{state['query']}" if state["query"] else "")
                frame = (
                    _rerun(query, halaman=halaman, url=page_url)
                    if ke == 0
                    else _rerun(state["query"], page_hash=state["hash"], url=page_url)
                )
                start = time.perf_counter()
                await ws.send(frame)
                deadline = start + batas_waktu
                while True:
                    data = await asyncio.wait_for(ws.recv(), max(0.001, deadline - time.perf_counter()))
                    view.pesan += 1
                    view.byte += len(data)
                    fm = ForwardMsg()
                    fm.ParseFromString(data)
                    if _read(fm, view, state, elemen):
                        break
                view.detik = time.perf_counter() - start
    except (TimeoutError, Exception, asyncio.CancelledError) as exc:  # noqa: BLE001 - a result too
        if not views:
            views.append(Tampilan(halaman, query, nomor, 0))
        reason = BATAL if isinstance(exc, asyncio.CancelledError) else f"{type(exc).__name__}: {exc}"
        views[-1].galat.append(reason[:500])
    return views


class _Batal:
    """Cancels the running sessions from the memory sampler's thread."""

    def __init__(self):
        self.loop: asyncio.AbstractEventLoop | None = None
        self.tasks: list[asyncio.Task] = []

    def __call__(self) -> None:
        if self.loop is not None:
            self.loop.call_soon_threadsafe(lambda: [t.cancel() for t in self.tasks])


async def _bersamaan(
    base_url: str, skenario: list[tuple[str, str]], n: int, ulang: int, batas_waktu: float, batal: _Batal | None = None
) -> list[Tampilan]:
    mulai = asyncio.Event()
    tasks = [
        asyncio.create_task(
            sesi(base_url, *skenario[i % len(skenario)], nomor=i, ulang=ulang, batas_waktu=batas_waktu, mulai=mulai)
        )
        for i in range(n)
    ]
    if batal is not None:
        batal.loop, batal.tasks = asyncio.get_running_loop(), tasks
    # Every session connects first; then all ask for their page at the same moment.
    await asyncio.sleep(0.2 + 0.01 * n)
    mulai.set()
    return [v for views in await asyncio.gather(*tasks) for v in views]


# --------------------------------------------------------------------------------------------
# Memory of the server's process tree, from /proc


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _tree(pid: int | Sequence[int]) -> set[int]:
    """`pid` (or several) and all their descendants, each once."""
    tree, seen, todo = _children(), set(), [pid] if isinstance(pid, int) else list(pid)
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.add(p)
            todo.extend(tree.get(p, ()))
    return seen


def rss_tree(pid: int | Sequence[int]) -> int:
    """Resident bytes of `pid` and all its descendants (Chromium started by kaleido, say); of
    several pids, every process in any of their trees counted once."""
    return sum(_rss(p) for p in _tree(pid))


def cpu_tree(pid: int | Sequence[int]) -> float:
    """CPU seconds (user + system) used so far by `pid`'s tree: each live process's own time plus
    the time of its children that have ended (a PostgreSQL backend that closed, say). The change
    over a run is the work the run cost, whatever else the shared machine was doing."""
    ticks = 0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def pid_on_port(port: int) -> int | None:
    """The process listening on a local TCP port (ours only: other users' fds are unreadable)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="ascii") as fh:
                next(fh)
                for line in fh:
                    cols = line.split()
                    if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                        inodes.add(cols[9])
        except OSError:
            continue
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            for fd in os.listdir(f"/proc/{entry}/fd"):
                link = os.readlink(f"/proc/{entry}/fd/{fd}")
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    return int(entry)
        except OSError:
            continue
    return None


class Memori:
    """Samples rss_tree(pid) (one pid or several) in a thread while in the with-block; `puncak` is
    the peak. Past `batas` bytes it calls each of `saat_lewat` once and sets `lewat` (a guard for a
    shared machine: one heavy page under 20 sessions was seen to take 16 GB)."""

    def __init__(self, pid: int | Sequence[int] | None, setiap: float = 0.05, batas: int | None = None, saat_lewat=()):
        self.pid, self.setiap, self.puncak, self.awal, self.cpu = pid, setiap, 0, 0, 0.0
        self.batas, self.saat_lewat, self.lewat = batas, list(saat_lewat), False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.puncak = max(self.puncak, rss_tree(self.pid))
            if self.batas and self.puncak > self.batas and not self.lewat:
                self.lewat = True
                for fn in self.saat_lewat:
                    fn()
            self._stop.wait(self.setiap)

    def __enter__(self) -> Memori:
        if self.pid:
            self.awal = self.puncak = rss_tree(self.pid)
            self._cpu = cpu_tree(self.pid)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
            self.puncak = max(self.puncak, rss_tree(self.pid))
            self.cpu = cpu_tree(self.pid) - self._cpu


# --------------------------------------------------------------------------------------------
# A server of our own


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run app.py` on a free loopback port over `db`, stopped on exit.

    The inbox points at an empty private folder, so no file lying in data/kotak_masuk is
    imported into the database under test. `command` replaces `-m streamlit` (the profiler's
    launcher takes the same arguments); `opsi` are Streamlit options, e.g. {"runner.postScriptGC": "false"}."""

    def __init__(
        self,
        db: Path,
        *,
        log: Path | None = None,
        command: list[str] | None = None,
        env: dict[str, str] | None = None,
        start_timeout: float = 120,
        opsi: dict[str, str] | None = None,
    ):
        self.db, self.start_timeout = Path(db), start_timeout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._tmp = tempfile.TemporaryDirectory(prefix="beban-")
        self.log = Path(log) if log else Path(self._tmp.name) / "streamlit.log"
        self.command = [
            *(command or [sys.executable, "-m", "streamlit"]),
            "run",
            "app.py",
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            *[arg for name, value in (opsi or {}).items() for arg in (f"--{name}", value)],
        ]
        self.env = {
            **os.environ,
            "KDKMP_DB": str(self.db),
            "KDKMP_KOTAK_MASUK": str(Path(self._tmp.name) / "kotak_masuk"),
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        self.proc: subprocess.Popen | None = None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> Server:
        with open(self.log, "w", encoding="utf-8") as fh:
            self.proc = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=fh, stderr=subprocess.STDOUT)
        deadline, last = time.monotonic() + self.start_timeout, ""
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited ({self.proc.returncode}) before it was healthy:\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200 and resp.read().strip() == b"ok":
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
                last = str(exc)
            time.sleep(0.25)
        self.__exit__()
        raise RuntimeError(f"streamlit not healthy after {self.start_timeout:.0f} s ({last}):\n{self.log_tail()}")

    @property
    def hidup(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def bunuh(self) -> None:
        """Stop at once (the memory guard): SIGKILL, as a runaway server may not heed SIGTERM soon."""
        if self.hidup:
            self.proc.kill()
            self.proc.wait(timeout=30)  # reaped, so `hidup` is false for whoever looks next

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=20)
        self._tmp.cleanup()


# --------------------------------------------------------------------------------------------
# Running and summing up


@dataclass
class Hasil:
    tampilan: list[Tampilan]
    detik: float  # wall time of the whole run
    rss_awal: int  # bytes, before the run
    rss_puncak: int  # bytes, the peak during the run
    lewat_batas: bool = False  # stopped by the memory guard
    cpu: float = 0.0  # CPU seconds the server processes used during the run
    cpu_lain: float | None = None  # CPU seconds of the other processes named (the lake's PostgreSQL)
    cpu_klien: float = 0.0  # CPU seconds of this load tool itself (it shares the machine with the server)

    @property
    def throughput(self) -> float:
        return sum(v.ok for v in self.tampilan) / self.detik if self.detik else 0.0

    @property
    def galat(self) -> list[Tampilan]:
        return [v for v in self.tampilan if not v.ok]


def jalankan(
    base_url: str,
    skenario: list[tuple[str, str]],
    sesi_: int = 1,
    ulang: int = 0,
    *,
    pid: int | Sequence[int] | None = None,
    batas_waktu: float = BATAS_WAKTU,
    batas_rss: int | None = None,
    saat_lewat=(),
    pid_lain: Sequence[int] = (),
) -> Hasil:
    """`sesi_` sessions at once, session i on skenario[i % len(skenario)] (page, query string).
    `pid`: the server process(es) whose RSS and CPU are measured (default: the one listening on the
    url's port); `pid_lain`: other processes whose CPU is reported apart (the lake's PostgreSQL).

    When the server's RSS passes `batas_rss` bytes the sessions are cancelled and each of
    `saat_lewat` is called (e.g. Server.bunuh)."""
    if pid is None:
        pid = pid_on_port(urlparse(base_url).port or 80)
    batal = _Batal()
    lain = cpu_tree(list(pid_lain)) if pid_lain else None
    klien = time.process_time()
    with Memori(pid, batas=batas_rss, saat_lewat=[*saat_lewat, batal]) as mem:
        start = time.perf_counter()
        views = _run(_bersamaan(base_url, skenario, sesi_, ulang, batas_waktu, batal))
        wall = time.perf_counter() - start
    klien = time.process_time() - klien
    if lain is not None:
        lain = cpu_tree(list(pid_lain)) - lain
    return Hasil(views, wall, mem.awal, mem.puncak, mem.lewat, mem.cpu, lain, klien)


def _run(coro):
    """asyncio.run, also from a thread whose event loop is already running (Playwright's sync API
    leaves one running in the test session): then on a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    out: dict = {}

    def target() -> None:
        try:
            out["value"] = asyncio.run(coro)
        except BaseException as exc:  # handed to the caller below
            out["error"] = exc

    thread = threading.Thread(target=target, name="beban")
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


def elemen_halaman(
    base_url: str, halaman: str, query: str = "", batas_waktu: float = BATAS_WAKTU
) -> tuple[Tampilan, list]:
    """One session's first view of a page: the view and every element it drew (protobuf
    `Element`s, e.g. `.metric.label` / `.metric.body` of the KPI tiles)."""
    elemen: list = []
    views = _run(sesi(base_url, halaman, query, batas_waktu=batas_waktu, elemen=elemen))
    return views[0], elemen


def persentil(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


@dataclass
class Ringkas:
    halaman: str
    query: str
    jenis: str  # "pertama" (a session's first view) or "ulang" (reruns)
    n: int
    ok: int
    p50: float
    p95: float
    maks: float
    kb: float  # mean kilobytes sent per view


def ringkas(views: list[Tampilan]) -> list[Ringkas]:
    groups: dict[tuple[str, str, str], list[Tampilan]] = {}
    for v in views:
        groups.setdefault((v.halaman, v.query, "pertama" if v.ke == 0 else "ulang"), []).append(v)
    out = []
    for (halaman, query, jenis), vs in groups.items():
        t = [v.detik for v in vs if v.ok]
        out.append(
            Ringkas(
                halaman,
                query,
                jenis,
                len(vs),
                len(t),
                persentil(t, 0.5),
                persentil(t, 0.95),
                max(t) if t else float("nan"),
                sum(v.byte for v in vs) / len(vs) / 1024,
            )
        )
    return out


def laporan(hasil: Hasil) -> str:
    lines = [
        "| halaman | query | tampilan | n | ok | p50 s | p95 s | max s | KB/tampilan |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in ringkas(hasil.tampilan):
        lines.append(
            f"| {r.halaman or '(awal)'} | {r.query or '(nasional)'} | {r.jenis} | {r.n} | {r.ok} | "
            f"{r.p50:.2f} | {r.p95:.2f} | {r.maks:.2f} | {r.kb:,.0f} |"
        )
    lines += [
        "",
        f"- wall {hasil.detik:.1f} s, throughput {hasil.throughput:.2f} views/s",
        f"- server RSS (process tree): {hasil.rss_awal / 2**20:,.0f} MB before, peak {hasil.rss_puncak / 2**20:,.0f} MB"
        if hasil.rss_puncak
        else "- server RSS: unknown (no pid)",
    ]
    ok = sum(v.ok for v in hasil.tampilan)
    if hasil.rss_puncak and ok:
        lines.append(f"- server CPU: {hasil.cpu:.1f} s, {1000 * hasil.cpu / ok:.0f} ms per view")
    if hasil.cpu_lain is not None and ok:
        lines.append(f"- PostgreSQL CPU: {hasil.cpu_lain:.1f} s, {1000 * hasil.cpu_lain / ok:.0f} ms per view")
    if ok:
        lines.append(
            f"- load tool CPU (this process): {hasil.cpu_klien:.1f} s, {1000 * hasil.cpu_klien / ok:.0f} ms per view"
        )
    per_server: dict[str, int] = {}
    for v in hasil.tampilan:
        if v.server and v.ke == 0:
            per_server[v.server] = per_server.get(v.server, 0) + 1
    if per_server:
        lines.append(
            "- sessions per server (X-Kdkmp-Server): "
            + ", ".join(f"{server} {n}" for server, n in sorted(per_server.items()))
        )
    if hasil.lewat_batas:
        lines.append("- STOPPED: the server's RSS passed the limit (--batas-rss-mb); the sessions were cancelled")
    for v in hasil.galat[:10]:
        lines.append(
            f"- GAGAL {v.halaman}?{v.query} sesi {v.sesi} ke {v.ke}: {'; '.join(v.galat) or 'no script_finished'}"
        )
    return "\n".join(lines)


def _halaman(text: str) -> list[str]:
    names = [h.strip() for h in text.split(",")]
    unknown = [h for h in names if h not in HALAMAN and h != ""]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown page(s) {unknown}; pages: {', '.join(HALAMAN)}")
    return names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--url", help="a running server, e.g. http://127.0.0.1:8501")
    where.add_argument(
        "--db",
        type=Path,
        help="start a server over this database file (default when no --url: bench/cache/nasional-kerja.duckdb)",
    )
    where.add_argument(
        "--klaster",
        type=Path,
        metavar="DIR",
        help="a running `make run-cluster` (its folder, e.g. var/klaster): nginx's url, the pids of nginx and every server",
    )
    ap.add_argument(
        "--pid",
        type=int,
        action="append",
        help="a server's pid, for its memory (repeatable: the RSS is summed; default: found by the port)",
    )
    ap.add_argument("--halaman", type=_halaman, default=["ringkasan"], help="pages, comma separated")
    ap.add_argument(
        "--query",
        action="append",
        help="query string, e.g. provinsi=18&kabupaten=18.04 (repeatable; default: national)",
    )
    ap.add_argument("--sesi", type=int, default=10, help="concurrent sessions (default 10)")
    ap.add_argument("--ulang", type=int, default=0, help="reruns per session after its first view")
    ap.add_argument(
        "--pemanasan",
        action="store_true",
        help="one session per page and query first (warm caches), not counted; with --klaster on every server "
        "directly (each server has its own caches, and nginx would warm only the one it picks)",
    )
    ap.add_argument("--batas-waktu", type=float, default=BATAS_WAKTU, help="seconds a view may take")
    ap.add_argument(
        "--batas-rss-mb",
        type=float,
        default=8192,
        help="stop when the server's process tree passes this RSS (default 8192; 0: no limit); a server "
        "started by --db is killed, with --url only the sessions stop",
    )
    ap.add_argument("--log", type=Path, help="with --db: the server's log file (default: a temporary one)")
    ap.add_argument(
        "--opsi",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="with --db: a Streamlit option for the server, e.g. runner.postScriptGC=false (repeatable)",
    )
    ap.add_argument("--json", type=Path, help="also write every view as JSON here")
    args = ap.parse_args(argv)
    skenario = [(h, q.lstrip("?")) for h in args.halaman for q in (args.query or [""])]
    server = None
    pid_lain: list[int] = []
    if args.url:
        url, pid = args.url, args.pid
        warm = [url]
    elif args.klaster:
        status = json.loads((args.klaster / "status.json").read_text(encoding="utf-8"))
        url = status["url"]
        pid = args.pid or [status["nginx"]["pid"], *(s["pid"] for s in status["servers"])]
        print(f"klaster {url}: nginx and {len(status['servers'])} servers (pids {pid})", flush=True)
        if status["postgres"]:  # started by the cluster: its postmaster (line 1 of postmaster.pid)
            pidfile = Path(status["postgres"]["folder"]) / "data" / "postmaster.pid"
            pid_lain = [int(pidfile.read_text().split()[0])]
        warm = [s["url"] for s in status["servers"]]
    else:
        db = args.db or ROOT / "bench" / "cache" / "nasional-kerja.duckdb"
        if not db.exists():
            ap.error(f"{db} does not exist: run `make bench` first, or give --db or --url")
        server = Server(db, log=args.log, opsi=dict(o.split("=", 1) for o in args.opsi)).__enter__()
        url, pid = server.url, server.pid
        warm = [url]
        print(f"server {url} (pid {pid}) over {db}", flush=True)
    guard = {"batas_rss": int(args.batas_rss_mb * 2**20) or None, "saat_lewat": [server.bunuh] if server else []}
    try:
        if args.pemanasan:
            for target in warm:
                for h, q in skenario:
                    jalankan(target, [(h, q)], 1, pid=pid, batas_waktu=args.batas_waktu, **guard)
        hasil = jalankan(
            url, skenario, args.sesi, args.ulang, pid=pid, batas_waktu=args.batas_waktu, pid_lain=pid_lain, **guard
        )
    finally:
        if server:
            server.__exit__()
    print(laporan(hasil))
    if args.json:
        args.json.write_text(json.dumps([asdict(v) for v in hasil.tampilan], indent=1), encoding="utf-8")
    return 0 if not hasil.galat else 1


if __name__ == "__main__":
    sys.exit(main())
