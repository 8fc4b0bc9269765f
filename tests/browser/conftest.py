"""Fixtures for the end-to-end browser tests: a private database, the Streamlit server on a free
port, and Playwright driving Debian's Chromium (/usr/bin/chromium; `playwright install` is never used).

When Chromium is missing or cannot start, the browser tests are skipped with the reason printed,
unless KDKMP_REQUIRE_BROWSER=1 (set by .ci/run): then they fail, so CI cannot go green without them.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "browser"
ARTIFACTS = ROOT / "tests" / "artifacts"  # git-ignored

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1440, "height": 900}

# Used only while analytics/demo.py does not exist yet: a few koperasi of Lampung Barat.
DEV_CSV = FIXTURES / "koperasi_lampung_barat_dev.csv"
# Uploaded through the page by the tests: Kabupaten Tabanan (Bali), a kabupaten and week not in the data.
UPLOAD_CSV = FIXTURES / "koperasi_tabanan_unggah.csv"
UPLOAD_KABUPATEN = "51.02"

SERVER_START_TIMEOUT = 60  # seconds until /_stcore/health answers ok
CLI_TIMEOUT = 600  # the demo load takes about half a minute


def _unavailable(request, reason: str) -> None:
    """Skip (printing why) or, when CI demands the browser tests, fail."""
    if os.environ.get("KDKMP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"Browser tests are required (KDKMP_REQUIRE_BROWSER=1) but cannot run: {reason}", pytrace=False)
    # Printed past pytest's output capture so it shows without -rs.
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print(f"\n[tests/browser] skipping the browser tests: {reason}", file=sys.stderr, flush=True)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium(request):
    """One Chromium for the session; each test gets its own context (see `page`)."""
    if not Path(CHROMIUM).exists():
        _unavailable(request, f"{CHROMIUM} not found (install it with `apt-get install -y chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(request, f"the playwright package cannot be imported ({exc}); install requirements-dev.txt")
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=60_000)
    except Exception as exc:  # noqa: BLE001 - any launch failure means "no browser here"
        pw.stop()
        _unavailable(request, f"Playwright cannot launch {CHROMIUM}: {str(exc).strip().splitlines()[0]}")
    yield browser
    browser.close()
    pw.stop()


def _env(db_file: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["KDKMP_DB"] = str(db_file)
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _cli(db_file: Path, *args: str) -> str:
    """Run `python -m analytics ARGS --db DB_FILE` in its own process; its stdout."""
    cmd = [sys.executable, "-m", "analytics", *args, "--db", str(db_file)]
    done = subprocess.run(cmd, cwd=ROOT, env=_env(db_file), capture_output=True, text=True, timeout=CLI_TIMEOUT)
    if done.returncode != 0:
        pytest.fail(f"`{' '.join(cmd[1:])}` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}", pytrace=False)
    return done.stdout


def _terdaftar(db_file: Path, *filter_args: str) -> int:
    out = json.loads(_cli(db_file, "summary", *filter_args, "--json"))
    return int(out["koperasi"]["terdaftar"])


def _free_port() -> int:
    """A free port, from KDKMP_TEST_PORTS (e.g. '8700-8799', a range agreed on a shared machine) when set."""
    span = os.environ.get("KDKMP_TEST_PORTS")
    candidates = range(int(span.split("-")[0]), int(span.split("-")[1]) + 1) if span else [0]
    for port in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError(f"no free port in {span}")


@dataclass
class App:
    url: str
    db_file: Path
    log_file: Path
    demo: bool
    upload_csv: Path = UPLOAD_CSV
    upload_kabupaten: str = UPLOAD_KABUPATEN
    artifacts: Path = ARTIFACTS
    # "Koperasi terdaftar" of the latest week, computed by the CLI before the server started.
    terdaftar: dict[str, int] = field(default_factory=dict)
    # The national data-quality findings of the latest week (`summary --json`, key kualitas), before
    # the server started.
    kualitas: dict = field(default_factory=dict)

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_file.read_text(encoding="utf-8", errors="replace") if self.log_file.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def _build_database(tmp: Path) -> tuple[Path, bool, dict[str, int], dict]:
    """A fresh database (demo data when analytics/demo.py exists), the expected counts and the
    national data-quality findings."""
    db_file = tmp / "kdkmp.duckdb"
    demo = (ROOT / "analytics" / "demo.py").exists()
    if demo:
        _cli(db_file, "demo")
    else:
        _cli(db_file, "ingest", str(DEV_CSV))
    kualitas = json.loads(_cli(db_file, "summary", "--json"))["kualitas"]
    expected = {
        "kecamatan:18.04.04": _terdaftar(db_file, "--kecamatan", "18.04.04"),
        "kabupaten:18.04": _terdaftar(db_file, "--kabupaten", "18.04"),
        f"kabupaten:{UPLOAD_KABUPATEN}": _terdaftar(db_file, "--kabupaten", UPLOAD_KABUPATEN),
    }
    # What Ringkasan must show after the page upload: the same file ingested into a copy.
    scratch = tmp / "sesudah_unggah.duckdb"
    shutil.copy(db_file, scratch)
    _cli(scratch, "ingest", str(UPLOAD_CSV), "--user", "uji-browser")
    expected[f"kabupaten:{UPLOAD_KABUPATEN}:sesudah"] = _terdaftar(scratch, "--kabupaten", UPLOAD_KABUPATEN)
    scratch.unlink()
    return db_file, demo, expected, kualitas


def _wait_healthy(proc: subprocess.Popen, url: str, app: App) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    last = ""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"Streamlit exited with code {proc.returncode} before it was healthy:\n{app.log_tail()}", pytrace=False
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                body = resp.read().decode("utf-8", "replace").strip()
                if resp.status == 200 and body == "ok":
                    return
                last = f"HTTP {resp.status}: {body!r}"
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
            last = str(exc)
        time.sleep(0.25)
    pytest.fail(f"Streamlit not healthy after {SERVER_START_TIMEOUT} s ({last}):\n{app.log_tail()}", pytrace=False)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture(scope="session")
def app(tmp_path_factory) -> App:
    """The dashboard served from a private database; the server process is the only one holding it."""
    tmp = tmp_path_factory.mktemp("browser")
    db_file, demo, expected, kualitas = _build_database(tmp)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    app = App(
        url=url, db_file=db_file, log_file=tmp / "streamlit.log", demo=demo, terdaftar=expected, kualitas=kualitas
    )
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    with open(app.log_file, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=_env(db_file), stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(proc, url, app)
        yield app
    finally:
        _stop(proc)


@pytest.fixture
def page(chromium, app):
    """A fresh browser context per test (no cookies, no Streamlit session carried over)."""
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=30_000)
    context = chromium.new_context(viewport=VIEWPORT, base_url=app.url, locale="id-ID")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.page_errors = []  # uncaught JavaScript errors, checked by the tests
    pg.on("pageerror", lambda exc: pg.page_errors.append(str(exc)))
    try:
        yield pg
    finally:
        context.close()
