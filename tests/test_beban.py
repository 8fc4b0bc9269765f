"""Smoke run of the load tool (bench/beban.py): real Streamlit sessions over the websocket
protocol against the app served on the demo data. Whether every view finishes cleanly is
checked; how fast is not (that is `make bench`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import beban

ROOT = Path(__file__).resolve().parents[1]
PAGES = (("ringkasan", "provinsi=18&kabupaten=18.04"), ("zona", "provinsi=52"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app over a fresh demo database on a free port (the approach of tests/browser/conftest.py)."""
    db_file = tmp_path_factory.mktemp("beban") / "kdkmp.duckdb"
    env = {**os.environ, "KDKMP_DB": str(db_file)}
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "demo", "--db", str(db_file)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with beban.Server(db_file) as s:
        yield s


def test_three_sessions_per_page_finish_every_view_without_an_error(server):
    hasil = beban.jalankan(server.url, list(PAGES), 3 * len(PAGES), ulang=1, pid=server.pid, batas_waktu=120)

    problems = [(v.halaman, v.ke, v.galat, v.selesai) for v in hasil.tampilan if not v.ok]
    assert problems == [], server.log_tail()
    # Every session saw its page twice (first view and a rerun), on the page it asked for.
    seen = sorted((v.halaman, v.sesi, v.ke) for v in hasil.tampilan)
    assert seen == sorted((PAGES[i % 2][0], i, ke) for i in range(6) for ke in (0, 1))
    titles = {h: {v.judul for v in hasil.tampilan if v.halaman == h} for h, _ in PAGES}
    assert all(len(t) == 1 and "" not in t for t in titles.values()), titles
    assert titles["ringkasan"] != titles["zona"]
    assert hasil.rss_puncak > 0
