"""Two app servers behind nginx on one lake (`make run-cluster`, analytics/klaster.py).

The cluster is started as `make run-cluster` starts it (`python -m analytics.klaster --n 2`), on the
session's PostgreSQL (tests/conftest.py `postgres`) with a fresh lake, so it starts no PostgreSQL of
its own, and it loads the demo into that lake. Checked here: a visitor keeps its server (the
`kdkmp_server` cookie) and moves to the other while its server is down; an upload through the page
on one server shows in a session on the other server after a rerun; the CLI works on the same lake
while both servers run and agrees with the page; SIGTERM stops nginx and both servers.

Only the upload test needs Chromium. Without nginx or PostgreSQL everything here is skipped with
the reason printed; without Chromium the browser test is skipped, unless KDKMP_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest

from analytics import klaster as klaster_modul
from analytics import metrik
from analytics.format import angka
from bench import beban
from browser.conftest import ARTIFACTS, _free_port

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 900  # seconds: the demo into a new lake, then two servers, on a busy shared machine
PAGE_TIMEOUT = 300  # seconds for a first view (a server's first session opens the lake)
CLI_TIMEOUT = 600
NTB = "52"
# The Ringkasan tiles compared with `summary --json` (as tests/test_metrik.py compares them in-process).
RINGKASAN = (
    "terdaftar",
    "badan_hukum",
    "masuk_portal",
    "tahap_pembangunan",
    "tahap_tidak_dapat_dibangun",
    "gerai_beroperasi",
    "kabupaten_melapor",
    "kabupaten_diharapkan",
    "sppg_beroperasi",
    "sppg_total",
)
KEY = re.compile(rf"{klaster_modul.COOKIE}=([0-9a-f]{{32}});")


@dataclass
class Klaster:
    folder: Path
    env: dict[str, str]
    proc: subprocess.Popen
    log: Path

    @property
    def status(self) -> dict:
        """status.json as the cluster last wrote it (a restarted server has a new pid)."""
        return json.loads((self.folder / "status.json").read_text(encoding="utf-8"))

    @property
    def url(self) -> str:
        return self.status["url"]

    @property
    def servers(self) -> list[str]:
        """The servers as nginx names them in X-Kdkmp-Server: 127.0.0.1:PORT."""
        return [f"127.0.0.1:{s['port']}" for s in self.status["servers"]]

    def cli(self, *args: str) -> str:
        cmd = [sys.executable, "-m", "analytics", *args]
        done = subprocess.run(cmd, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=CLI_TIMEOUT)
        assert done.returncode == 0, f"`{' '.join(args)}` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def klaster(postgres, tmp_path_factory):
    if not Path(klaster_modul.NGINX).is_file():
        pytest.skip(f"nginx tidak terpasang ({klaster_modul.NGINX}; paket Debian `nginx`): uji klaster dilewati")
    lake = "ducklake:postgres:" + postgres.create_database("uji_klaster")
    data = tmp_path_factory.mktemp("klaster-lake")
    # Not under tmp_path (private to root): nginx's workers run as www-data and must reach its folder.
    folder = Path(tempfile.mkdtemp(prefix="kdkmp-klaster-"))
    folder.chmod(0o755)
    env = {**os.environ, "KDKMP_DB": lake, "KDKMP_LAKE_DATA": str(data), "PYTHONUNBUFFERED": "1"}
    # nginx's port from KDKMP_TEST_PORTS when set, like the other browser tests' server; the app
    # servers take ports the kernel hands out.
    nginx_port = _free_port()
    log = folder / "klaster.out"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "analytics.klaster", "--n", "2", "--port", str(nginx_port), "--folder", str(folder)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    k = Klaster(folder, env, proc, log)
    pids: list[int] = []
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not (folder / "status.json").exists():
            assert proc.poll() is None, f"the cluster exited ({proc.returncode}) before it was ready:\n{k.tail()}"
            assert time.monotonic() < deadline, f"the cluster was not ready after {START_TIMEOUT} s:\n{k.tail()}"
            time.sleep(0.5)
        yield k
    finally:
        if (folder / "status.json").exists():
            last = k.status
            pids = [last["nginx"]["pid"], *(s["pid"] for s in last["servers"])]
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=180)
        left = [pid for pid in pids if _alive(pid)]
        text = k.tail()
        # The logs (cluster, servers, nginx) stay in tests/artifacts/klaster/ for a failure's reader.
        logs = ARTIFACTS / "klaster"
        shutil.rmtree(logs, ignore_errors=True)
        logs.mkdir(parents=True)
        for log_file in [*folder.glob("*.log"), *folder.glob("*.out"), *(folder / "nginx").glob("*.log")]:
            shutil.copy(log_file, logs / log_file.name)
        shutil.rmtree(folder, ignore_errors=True)
        assert code == 0, f"the cluster exited with {code} on SIGTERM:\n{text}"
        assert left == [], f"still running after the cluster stopped: {left}\n{text}"


def _get(url: str, cookie: str | None = None) -> tuple[str, str]:
    """(the server that answered, the sticky key the response set) for one request through nginx."""
    request = urllib.request.Request(url, headers={"Cookie": f"{klaster_modul.COOKIE}={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as resp:
        # After a failed try nginx lists every server it tried: the last one answered.
        server = resp.headers[klaster_modul.HEADER].split(", ")[-1]
        cookies = " ".join(resp.headers.get_all("Set-Cookie") or [])
    found = KEY.search(cookies + ";")
    return server, found.group(1) if found else ""


# --------------------------------------------------------------------------------------------
# Without a browser


def test_the_cluster_runs_two_servers_on_the_given_lake_and_starts_no_postgres(klaster):
    status = klaster.status
    assert status["postgres"] is None
    assert not (klaster.folder / "pg").exists()
    assert status["lake"] == {"KDKMP_DB": klaster.env["KDKMP_DB"], "KDKMP_LAKE_DATA": klaster.env["KDKMP_LAKE_DATA"]}
    assert len(set(klaster.servers)) == 2
    secret = klaster.folder / "rahasia"
    assert secret.stat().st_mode & 0o777 == 0o600


def test_cli_summary_and_deck_work_while_two_servers_run_and_agree_with_the_page(klaster, tmp_path):
    # Ringkasan of NTB as each server draws it, and through nginx (whichever server it picks).
    urls = [f"http://{s}" for s in klaster.servers] + [klaster.url]
    shown = []
    for url in urls:
        view, elements = beban.elemen_halaman(url, "ringkasan", f"provinsi={NTB}", batas_waktu=PAGE_TIMEOUT)
        assert view.ok, (url, view.galat)
        shown.append({e.metric.label: e.metric.body for e in elements if e.WhichOneof("type") == "metric"})
    assert shown[0] == shown[1] == shown[2]

    summary = json.loads(klaster.cli("summary", "--provinsi", NTB, "--json"))
    assert summary["koperasi"]["terdaftar"] == 1166  # the demo's published NTB figure
    for mid in RINGKASAN:
        m = metrik.METRIK[mid]
        value = summary
        for key in m.json:
            value = value[key]
        assert shown[0][m.label] == m.teks(value), mid

    out = tmp_path / "ntb.pptx"
    klaster.cli("deck", "--provinsi", NTB, "--out", str(out), "--semua-slide")
    from pptx import Presentation

    text = "\n".join(
        shape.text_frame.text
        for slide in Presentation(str(out)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    k = summary["koperasi"]
    assert f"Dari {angka(k['terdaftar'])} koperasi terdaftar, {angka(k['masuk_portal'])} masuk portal" in text


# --------------------------------------------------------------------------------------------
# In Chromium


def _context_on(chromium, url: str):
    """A browser context (its own cookie jar) and the server nginx gave it."""
    from browser.conftest import VIEWPORT

    context = chromium.new_context(viewport=VIEWPORT, base_url=url, locale="id-ID")
    resp = context.request.get("/_stcore/health")
    assert resp.ok
    server = resp.headers[klaster_modul.HEADER.lower()].split(", ")[-1]
    return context, server


def _page(context):
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.page_errors = []  # checked by check_and_capture
    pg.on("pageerror", lambda exc: pg.page_errors.append(str(exc)))
    return pg


def _access_log(path: Path) -> list[tuple[str, str, str]]:
    """(path, sticky key, server that answered) of every request in the cluster's nginx log."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.search(r'"\S+ (\S+) [^"]*" \d+ \d+ kunci=(\S+) server=(.*) waktu=', line)
        if m:
            found.append((m.group(1), m.group(2), m.group(3).split(", ")[-1]))
    return found


def _served_by(response) -> str:
    return response.headers[klaster_modul.HEADER.lower()].split(", ")[-1]


@pytest.mark.browser
def test_upload_through_one_server_shows_on_the_other_after_a_rerun(klaster, chromium):
    from playwright.sync_api import expect

    from browser.conftest import UPLOAD_CSV, UPLOAD_KABUPATEN
    from browser.test_browser import FIRST_RENDER_TIMEOUT, check_and_capture, settle, terdaftar

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots = SimpleNamespace(artifacts=ARTIFACTS)
    rows = len(UPLOAD_CSV.read_text(encoding="utf-8").strip().splitlines()) - 1
    context_a, server_a = _context_on(chromium, klaster.url)
    # Each new context draws a new random key; two servers: a second one appears within a few tries.
    context_b = None
    for _ in range(16):
        context, server_b = _context_on(chromium, klaster.url)
        if server_b != server_a:
            context_b = context
            break
        context.close()
    assert context_b is not None, f"16 new browser contexts were all sent to {server_a}"
    keys = {}
    for name, context in (("a", context_a), ("b", context_b)):
        (cookie,) = [c for c in context.cookies() if c["name"] == klaster_modul.COOKIE]
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
        keys[name] = cookie["value"]

    try:
        # B, on the other server, looks at Kabupaten Tabanan: no koperasi there yet.
        page_b = _page(context_b)
        resp = page_b.goto(f"/ringkasan?provinsi=51&kabupaten={UPLOAD_KABUPATEN}")
        assert _served_by(resp) == server_b
        expect(page_b.get_by_text("Belum ada data koperasi untuk filter ini")).to_be_visible(
            timeout=FIRST_RENDER_TIMEOUT * 5
        )
        check_and_capture(page_b, shots, "klaster_b_sebelum_unggah")

        # A uploads the Tabanan file through the page on its server.
        page_a = _page(context_a)
        resp = page_a.goto("/unggah")
        assert _served_by(resp) == server_a
        main = page_a.locator('[data-testid="stMain"]')
        expect(page_a.get_by_role("heading", name="Unggah data mingguan")).to_be_visible(
            timeout=FIRST_RENDER_TIMEOUT * 5
        )
        settle(page_a)
        page_a.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(UPLOAD_CSV))
        save = main.get_by_role("button", name=f"Simpan {angka(rows)} baris valid")
        expect(save).to_be_enabled(timeout=120_000)
        save.click()
        expect(main.get_by_text(re.compile(rf"Tersimpan sebagai unggahan #\d+: {rows} baris"))).to_be_visible(
            timeout=120_000
        )
        check_and_capture(page_a, shots, "klaster_a_unggah_tersimpan")

        # B reruns its page (the "r" key, same session, same server) and sees the new koperasi.
        page_b.get_by_role("heading", name="Ringkasan mingguan").click()  # the focus off any input
        page_b.keyboard.press("r")
        expect(terdaftar(page_b)).to_have_text(angka(rows), timeout=120_000)
        page_b.evaluate("() => document.activeElement && document.activeElement.blur()")  # no focus ring
        page_b.mouse.move(1, 1)  # nor the heading's hover link in the picture
        check_and_capture(page_b, shots, "klaster_b_sesudah_unggah")
        assert _served_by(page_b.reload()) == server_b
        expect(terdaftar(page_b)).to_have_text(angka(rows), timeout=120_000)

        # B's server dies. The page reconnects through nginx, which sends B's key to the other
        # server. Streamlit resumes an idle page's session on reconnecting instead of rerunning
        # it, and the other server has no such session: the page stays as it was until the next
        # interaction, which runs it there with the browser's widget values (the filter).
        frames = []
        page_b.on("websocket", lambda ws: ws.on("framereceived", lambda _: frames.append(ws)))
        (down,) = [s for s in klaster.status["servers"] if f"127.0.0.1:{s['port']}" == server_b]
        os.kill(down["pid"], signal.SIGKILL)
        deadline = time.monotonic() + 120
        while not frames:
            assert time.monotonic() < deadline, (
                f"the page did not run again after its server stopped:\n{klaster.tail()}"
            )
            page_b.get_by_role("heading", name="Ringkasan mingguan").click()
            page_b.keyboard.press("r")
            page_b.wait_for_timeout(2000)
        settle(page_b)
        expect(terdaftar(page_b)).to_have_text(angka(rows), timeout=120_000)
        page_b.evaluate("() => document.activeElement && document.activeElement.blur()")
        page_b.mouse.move(1, 1)
        check_and_capture(page_b, shots, "klaster_b_setelah_servernya_mati")
    finally:
        context_a.close()
        context_b.close()

    # nginx logs a websocket when it closes, so the log is read after the contexts closed: every
    # request of A (page, websocket, upload) went to A's server; B's went to B's server until it
    # died, then B's websocket went to A's server.
    log = Path(klaster.status["nginx"]["access_log"])
    deadline = time.monotonic() + 60
    while True:
        requests = _access_log(log)
        streams = {
            name: [server for path, key, server in requests if key == keys[name] and path == "/_stcore/stream"]
            for name in keys
        }
        if (streams["a"] and server_a in streams["b"]) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert streams["a"] == [server_a]
    # B: the first page and its reload on B's server, then the reconnection on A's.
    assert streams["b"][-1] == server_a and set(streams["b"][:-1]) == {server_b}, streams["b"]
    a = [(path, server) for path, key, server in requests if key == keys["a"]]
    assert {server for _, server in a} == {server_a}
    assert any(path.startswith("/_stcore/upload_file/") for path, _ in a)


# Last: it stops a server (the cluster starts it again).
def _whole(klaster) -> None:
    """Until both servers answer and nginx sends visitors to both (a server stopped by an earlier
    test has been started again, and nginx no longer counts it as failed)."""
    deadline = time.monotonic() + PAGE_TIMEOUT
    seen: set[str] = set()
    while seen != set(klaster.servers):
        assert time.monotonic() < deadline, f"nginx sent new visitors only to {seen}:\n{klaster.tail()}"
        try:
            seen.add(_get(f"{klaster.url}/_stcore/health")[0])
        except OSError:  # 502 while no server of the ring answers
            pass
        time.sleep(0.2)


def test_a_visitor_keeps_its_server_and_moves_to_the_other_while_it_is_down(klaster):
    _whole(klaster)
    first, key = _get(f"{klaster.url}/_stcore/health")
    assert first in klaster.servers and key
    assert {_get(f"{klaster.url}/_stcore/health", key) for _ in range(6)} == {(first, key)}
    # A cookie that is not one of ours is replaced by a fresh key.
    assert _get(f"{klaster.url}/_stcore/health", "x; y")[1] not in ("", key)

    (down,) = [s for s in klaster.status["servers"] if f"127.0.0.1:{s['port']}" == first]
    os.kill(down["pid"], signal.SIGKILL)
    other = _get(f"{klaster.url}/_stcore/health", key)
    assert other[0] != first and other[0] in klaster.servers
    assert other[1] == key, "the visitor keeps its key, so it comes back when its server is up"

    # The cluster starts the server again on its port; nginx tries it again after fail_timeout.
    deadline = time.monotonic() + PAGE_TIMEOUT
    while _get(f"{klaster.url}/_stcore/health", key)[0] != first:
        assert time.monotonic() < deadline, f"the visitor did not return to {first}:\n{klaster.tail()}"
        time.sleep(1)
    assert klaster.status["servers"][down["nomor"] - 1]["pid"] != down["pid"]
