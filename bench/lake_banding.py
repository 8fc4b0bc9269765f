"""Each page in lake mode against embedded: the server's time for a view and the time of its
queries, the same demo data in both stores, side by side (issue 12: target lake ≤ 1.5×).

    .venv/bin/python bench/lake_banding.py                 # throwaway PostgreSQL, demo in both
    .venv/bin/python bench/lake_banding.py --berkas data/kdkmp.duckdb \\
        --lake "ducklake:postgres:dbname=kdkmp host=127.0.0.1 port=5432 user=kdkmp" --lake-data /srv/lake

Per store, one server runs under bench/profil.py (every DuckDB query of a script run is recorded
with its seconds); each page at each filter is opened in a session of its own (first view: its
questions are not cached yet) and rerun once (warm: answers come from the cross-session cache).
"Query s" is the sum of the run's queries, execute to fetch; "view s" is the server's whole run.
The report goes to bench/report-lake.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import pickle
import platform
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import beban  # noqa: E402
from bench.profil import tunggu_berkas  # noqa: E402

HALAMAN = ("ringkasan", "zona", "lahan", "sppg", "digitalisasi", "kelengkapan", "peta", "presentasi")
QUERY = ("", "provinsi=52", "provinsi=18&kabupaten=18.04")
BATAS_WAKTU = 300.0


@dataclass
class Ukur:
    """One page at one filter in one store."""

    view_s: float = 0.0  # server's run, first view
    query_s: float = 0.0  # its queries
    query_n: int = 0
    hangat_view_s: float = 0.0  # the rerun
    hangat_query_s: float = 0.0
    galat: list[str] = field(default_factory=list)


def _baca(path: Path) -> dict:
    with open(path, "rb") as fh:
        return pickle.load(fh)


def ukur_store(target: str, label: str, env: dict[str, str], logs: Path) -> dict[tuple[str, str], Ukur]:
    """Every page at every filter on one store, under the profiling server."""
    out: dict[tuple[str, str], Ukur] = {}
    with tempfile.TemporaryDirectory(prefix=f"banding-{label}-") as tmp:
        directory = Path(tmp)
        launcher = [sys.executable, str(ROOT / "bench" / "profil.py")]
        with beban.Server(
            Path(target),
            command=launcher,
            env={**env, "KDKMP_PROFIL": str(directory)},
            start_timeout=300,
            log=logs / f"lake_banding-{label}.log",
        ) as server:
            # Opens the connection, migrates and loads the gazetteer: paid once per process.
            asyncio.run(beban.sesi(server.url, "ringkasan", "provinsi=11", batas_waktu=BATAS_WAKTU))
            n = len(tunggu_berkas(directory, 1))
            for halaman in HALAMAN:
                for query in QUERY:
                    views = asyncio.run(beban.sesi(server.url, halaman, query, ulang=1, batas_waktu=BATAS_WAKTU))
                    files = tunggu_berkas(directory, n + 2)
                    cold, warm = _baca(files[n]), _baca(files[n + 1])
                    n += 2
                    u = Ukur(
                        view_s=cold["detik"],
                        query_s=sum(q["detik"] for q in cold["queries"]),
                        query_n=len(cold["queries"]),
                        hangat_view_s=warm["detik"],
                        hangat_query_s=sum(q["detik"] for q in warm["queries"]),
                        galat=[g for v in views for g in v.galat],
                    )
                    out[(halaman, query)] = u
                    print(
                        f"{label:6} {halaman:12} {query or 'nasional':28} view {u.view_s:6.2f} s  "
                        f"query {u.query_s:6.2f} s ({u.query_n})  rerun {u.hangat_view_s:5.2f} s",
                        flush=True,
                    )
    return out


def muat_demo(target: str, lake_data: str | None) -> float:
    from analytics import db, demo

    started = time.perf_counter()
    con = db.connect(target, lake_data=lake_data)
    try:
        if con.execute("select count(*) from upload_batch").fetchone()[0] == 0:
            demo.load(con)
    finally:
        con.close()
    return time.perf_counter() - started


def _r(a: float, b: float) -> str:
    return f"{b / a:.1f}×" if a > 0 else "–"


def laporan(berkas: dict, lake: dict, catatan: list[str]) -> str:
    lines = [
        "# Lake mode against embedded, per page (issue 12)",
        "",
        *catatan,
        "",
        "First view: a session of its own opens the page (its questions not cached yet). Rerun: the same "
        "session again (answers from the cross-session cache, keyed by the data version). Query s: the sum of "
        "the run's DuckDB queries, execute to fetch (bench/profil.py); view s: the server's whole script run.",
        "",
        "| page | filter | file view s | file query s (n) | lake view s | lake query s (n) | query lake/file "
        "| view lake/file | file rerun s | lake rerun s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rasio_q, rasio_v = [], []
    for key in berkas:
        b, k = berkas[key], lake[key]
        halaman, query = key
        rasio_q.append(k.query_s / b.query_s if b.query_s else 0)
        rasio_v.append(k.view_s / b.view_s if b.view_s else 0)
        galat = "; ".join(b.galat + k.galat)
        lines.append(
            f"| {halaman} | {query or 'nasional'} | {b.view_s:.2f} | {b.query_s:.2f} ({b.query_n}) | {k.view_s:.2f} "
            f"| {k.query_s:.2f} ({k.query_n}) | {_r(b.query_s, k.query_s)} | {_r(b.view_s, k.view_s)} "
            f"| {b.hangat_view_s:.2f} | {k.hangat_view_s:.2f} |" + (f" galat: {galat}" if galat else "")
        )
    tq = sum(v.query_s for v in lake.values()) / max(sum(v.query_s for v in berkas.values()), 1e-9)
    tv = sum(v.view_s for v in lake.values()) / max(sum(v.view_s for v in berkas.values()), 1e-9)
    met = sum(1 for r in rasio_q if r <= 1.5)
    lines += [
        "",
        f"- Sum over all first views: queries {tq:.1f}× in the lake, views {tv:.1f}×.",
        f"- Pages·filters whose first-view query time in the lake is within 1.5× of the file: {met} of {len(rasio_q)}.",
        f"- Median query ratio {sorted(rasio_q)[len(rasio_q) // 2]:.1f}×, median view ratio "
        f"{sorted(rasio_v)[len(rasio_v) // 2]:.1f}×.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--berkas", help="a DuckDB file (default: the demo in a new file)")
    ap.add_argument("--lake", help="a lake ducklake:postgres:… (default: the demo in a throwaway PostgreSQL)")
    ap.add_argument("--lake-data", help="the lake's data folder (default KDKMP_LAKE_DATA)")
    ap.add_argument("--laporan", default=str(ROOT / "bench" / "report-lake.md"))
    args = ap.parse_args(argv)

    from analytics import pg

    work = Path(tempfile.mkdtemp(prefix="lake-banding-"))
    cluster = None
    catatan = [
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} on {platform.node()} ({os.cpu_count()} cores), "
        f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}. Command: "
        f"`{' '.join(['.venv/bin/python', 'bench/lake_banding.py', *(argv or sys.argv[1:])])}`."
    ]
    try:
        berkas = args.berkas or str(work / "demo.duckdb")
        lake_data = args.lake_data or os.environ.get("KDKMP_LAKE_DATA") or str(work / "lake")
        if args.lake:
            lake = args.lake
        else:
            cluster = pg.start(tempfile.mkdtemp(prefix="kdkmp-pg-"))
            lake = "ducklake:postgres:" + cluster.dsn()
        if not args.berkas:
            catatan.append(f"- Demo loaded into the file in {muat_demo(berkas, None):.1f} s.")
        if not args.lake:
            catatan.append(f"- Demo loaded into the lake in {muat_demo(lake, lake_data):.1f} s.")
        env = {"KDKMP_LAKE_DATA": lake_data}
        hasil_berkas = ukur_store(berkas, "berkas", env, work)
        hasil_lake = ukur_store(lake, "lake", env, work)
        text = laporan(hasil_berkas, hasil_lake, catatan)
        Path(args.laporan).write_text(text, encoding="utf-8")
        print(text)
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
