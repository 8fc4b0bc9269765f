"""Upload, zone-recompute and demo timings on the national benchmark database, quicker to
iterate on than `make bench --tanpa-beban` (issue 11, item 4).

    .venv/bin/python bench/unggah.py [--dataset koperasi,lahan] [--tanpa-ulang] [--tanpa-demo]
        [--profil DIR]

Copies the cached national database (bench/nasional.py) to its own work file, then times each
last-week national file through ingest.prepare and ingest.commit, a zone recompute of all
history, and `python -m analytics demo` on a fresh database. With --profil, a cProfile of each
prepare, commit and the recompute is written to DIR. No assertion: it measures.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analytics import db, ingest, zona  # noqa: E402
from analytics.wilayah import Gazetteer  # noqa: E402
from bench import nasional  # noqa: E402
from bench.bench_national import muat_demo  # noqa: E402

KERJA = nasional.CACHE / "unggah-kerja.duckdb"


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its finished children (the reader)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(label: str, profil: Path | None, fn, *args, **kwargs):
    """(value, wall seconds, CPU seconds): on a shared machine the CPU time varies less."""
    prof = cProfile.Profile() if profil else None
    cpu = _cpu()
    start = time.perf_counter()
    if prof:
        prof.enable()
    value = fn(*args, **kwargs)
    if prof:
        prof.disable()
        prof.dump_stats(profil / f"{label}.prof")
    return value, time.perf_counter() - start, _cpu() - cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dataset", default=",".join(nasional.DATASETS), help="datasets to upload, comma-separated")
    ap.add_argument("--tanpa-ulang", action="store_true", help="skip the recompute of all history")
    ap.add_argument("--tanpa-demo", action="store_true", help="skip the demo load")
    ap.add_argument("--kecil", action="store_true", help="the small database")
    ap.add_argument("--profil", type=Path, help="write a cProfile of each step to this folder")
    ap.add_argument(
        "--urut",
        action="store_true",
        help="store the work copy's koperasi history week by week first, as weekly uploads leave it "
        "(the cache holds it in generation order, so a one-week scan reads every row group)",
    )
    args = ap.parse_args()
    if args.profil:
        args.profil.mkdir(parents=True, exist_ok=True)
    basis = nasional.build(nasional.KECIL if args.kecil else nasional.Ukuran())
    for p in (KERJA, Path(f"{KERJA}.wal")):
        p.unlink(missing_ok=True)
    shutil.copy(basis.db, KERJA)
    con = db.connect(KERJA)
    if args.urut:
        start = time.perf_counter()
        con.execute("create temp table urut as select * from koperasi order by minggu, batch_id, baris")
        con.execute("delete from koperasi")
        con.execute("insert into koperasi select * from urut")
        con.execute("drop table urut")
        con.execute("checkpoint")
        print(f"koperasi history stored week by week: {time.perf_counter() - start:.1f} s", flush=True)
    g = Gazetteer.load(con)
    rules = zona.aturan.load_rules()
    today = nasional.MINGGU_AKHIR + dt.timedelta(days=7)
    wanted = args.dataset.split(",")
    for dataset, path in basis.files.items():
        if dataset not in wanted:
            continue
        data = path.read_bytes()
        prepared, t_prepare, c_prepare = _timed(
            f"{dataset}-prepare",
            args.profil,
            ingest.prepare,
            con,
            data,
            path.name,
            "auto",
            minggu=nasional.MINGGU_AKHIR,
            gazetteer=g,
            today=today,
        )
        if prepared.rejected:
            print(f"{dataset}: rejected: {prepared.reason}")
            continue
        r = prepared.result
        _, t_commit, c_commit = _timed(
            f"{dataset}-commit",
            args.profil,
            ingest.commit,
            con,
            prepared,
            user="bench",
            partial=bool(r.errors),
            rules=rules,
        )
        print(
            f"{dataset:15} {r.rows_read:>7,} rows  prepare {t_prepare:5.2f} s  commit {t_commit:5.2f} s  "
            f"total {t_prepare + t_commit:5.2f} s  (CPU {c_prepare:.2f} + {c_commit:.2f} s; "
            f"{len(r.error_rows)} rows in error, {len(r.warnings)} warnings)",
            flush=True,
        )
    if not args.tanpa_ulang:

        def ulang():
            con.execute("begin transaction")
            n = zona.aturan.recompute(con, rules)
            con.execute("commit")
            return n

        n, t, c = _timed("recompute", args.profil, ulang)
        print(f"recompute of all history: {t:5.2f} s (CPU {c:.1f} s; {n:,} zone rows)", flush=True)
    con.close()
    if not args.tanpa_demo:
        cpu = _cpu()
        took = muat_demo()
        print(f"demo load on a fresh database: {took:5.2f} s (CPU {_cpu() - cpu:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
