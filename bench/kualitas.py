"""What the data-quality findings (data/kualitas.toml) add to the national weekly koperasi upload
(issue 14): the preview on the Unggah page and the report of `ingest --json`.

    .venv/bin/python bench/kualitas.py [--kecil] [--ulang N] [--laporan bench/report-kualitas.md]

Copies the cached national database (bench/nasional.py) to its own work file, then for the last
week's national koperasi file times, N times on a fresh copy each: ingest.prepare, the preview
ingest.temuan_kualitas (rows written, zones recomputed and rolled back), ingest.commit, and
ingest.temuan_kualitas_tersimpan after the commit; and kualitas.daftar nationally (the Kualitas
Data page's list). No assertion: it measures, and writes the medians to the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from analytics import db, ingest, kualitas, zona  # noqa: E402
from analytics.filters import Filter  # noqa: E402
from analytics.wilayah import Gazetteer  # noqa: E402
from bench import nasional  # noqa: E402

KERJA = nasional.CACHE / "kualitas-kerja.duckdb"
LANGKAH = ("prepare", "pratinjau_kualitas", "commit", "kualitas_tersimpan", "daftar_nasional")


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def satu_putaran(basis, rules, today) -> tuple[dict[str, float], dict]:
    for p in (KERJA, Path(f"{KERJA}.wal")):
        p.unlink(missing_ok=True)
    shutil.copy(basis.db, KERJA)
    con = db.connect(KERJA)
    try:
        g = Gazetteer.load(con)
        path = basis.files["koperasi"]
        t: dict[str, float] = {}
        prepared, t["prepare"] = _timed(
            ingest.prepare, con, path.read_bytes(), path.name, "auto", gazetteer=g, today=today
        )
        pratinjau, t["pratinjau_kualitas"] = _timed(ingest.temuan_kualitas, con, prepared, rules=rules)
        _, t["commit"] = _timed(
            ingest.commit, con, prepared, user="bench", partial=bool(prepared.result.errors), rules=rules
        )
        tersimpan, t["kualitas_tersimpan"] = _timed(ingest.temuan_kualitas_tersimpan, con, prepared)
        daftar, t["daftar_nasional"] = _timed(kualitas.daftar, con, Filter(), prepared.weeks[-1])
        info = {
            "baris": prepared.result.rows_read,
            "kabupaten": len(prepared.kabupaten),
            "temuan_pratinjau": len(pratinjau),
            "temuan_tersimpan": len(tersimpan),
            "temuan_nasional": len(daftar),
            "sama": pratinjau.to_dict("records") == tersimpan.to_dict("records"),
        }
        return t, info
    finally:
        con.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kecil", action="store_true", help="the small database (every desa, 6 weeks of history)")
    ap.add_argument("--ulang", type=int, default=3, help="runs, each on a fresh copy (median reported)")
    ap.add_argument("--laporan", type=Path, default=ROOT / "bench" / "report-kualitas.md")
    args = ap.parse_args()
    ukuran = nasional.KECIL if args.kecil else nasional.Ukuran()
    start = time.perf_counter()
    basis = nasional.build(ukuran)
    dibangun = time.perf_counter() - start
    rules = zona.aturan.load_rules()
    today = nasional.MINGGU_AKHIR + dt.timedelta(days=7)
    runs, info = [], {}
    for i in range(args.ulang):
        t, info = satu_putaran(basis, rules, today)
        runs.append(t)
        print(f"run {i + 1}: " + ", ".join(f"{k} {v:.2f} s" for k, v in t.items()) + f"  {info}", flush=True)
    med = {k: statistics.median(r[k] for r in runs) for k in LANGKAH}
    unggah = med["prepare"] + med["commit"]
    load = os.getloadavg()
    lines = [
        "# What data-quality findings add to the national weekly koperasi upload",
        "",
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} with `bench/kualitas.py"
        + (" --kecil" if args.kecil else "")
        + f" --ulang {args.ulang}` (median of {args.ulang} runs, each on a fresh copy of the cached database); "
        f"DuckDB {duckdb.__version__}, Python {platform.python_version()}, {os.cpu_count()} cores shared with "
        f"other work (load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the end).",
        "",
        f"Database: {'the small one (every desa, ' + str(ukuran.minggu_koperasi) + ' weeks of koperasi history)' if args.kecil else 'the national one (every desa, 104 weeks)'}"
        f"; the file: the last week's national koperasi file, {info['baris']:,} rows in {info['kabupaten']} kab/kota, "
        f"{len(kualitas.load_aturan().aturan)} rules of data/kualitas.toml "
        f"({len(kualitas.load_aturan().hanya(kualitas.DARI_LAPORAN_KOPERASI).aturan)} of them for a koperasi file).",
        "",
        "| step | median | what it is |",
        "|---|---:|---|",
        f"| prepare | {med['prepare']:.2f} s | read, normalise, validate (the upload without findings) |",
        f"| commit | {med['commit']:.2f} s | write the rows and recompute the week's zones |",
        f"| **upload without findings** | **{unggah:.2f} s** | prepare + commit |",
        f"| preview findings (`ingest.temuan_kualitas`) | {med['pratinjau_kualitas']:.2f} s | Unggah page: "
        f"write + zones in a rolled-back transaction, then the rules ({info['temuan_pratinjau']} findings) |",
        f"| findings after the commit (`ingest.temuan_kualitas_tersimpan`) | {med['kualitas_tersimpan']:.2f} s | "
        f"`ingest --json`: the rules only ({info['temuan_tersimpan']} findings) |",
        f"| Kualitas Data list, national (`kualitas.daftar`) | {med['daftar_nasional']:.2f} s | every rule, "
        f"all datasets ({info['temuan_nasional']} findings) |",
        "",
        f"**Extra time of the findings:** +{med['pratinjau_kualitas']:.2f} s on the Unggah page "
        f"(+{100 * med['pratinjau_kualitas'] / unggah:.0f} % of the upload), "
        f"+{med['kualitas_tersimpan']:.2f} s for `ingest --json` "
        f"(+{100 * med['kualitas_tersimpan'] / unggah:.0f} %). The preview and the post-commit reading "
        f"gave {'the same' if info['sama'] else 'DIFFERENT'} findings.",
        "",
        "Every run:",
        "",
        "| run | " + " | ".join(LANGKAH) + " |",
        "|---|" + "---:|" * len(LANGKAH),
        *(f"| {i + 1} | " + " | ".join(f"{r[k]:.2f}" for k in LANGKAH) + " |" for i, r in enumerate(runs)),
        "",
        f"Building the cached database (when missing) took {dibangun:.0f} s of this run.",
        "",
    ]
    args.laporan.write_text("\n".join(lines), encoding="utf-8")
    print(f"written {args.laporan}")
    for p in (KERJA, Path(f"{KERJA}.wal")):
        p.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
