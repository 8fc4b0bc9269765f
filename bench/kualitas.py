"""What the data-quality findings (data/kualitas.toml) add to the national weekly koperasi upload
(issue 14): the preview on the Unggah page and the report of `ingest --json`.

    .venv/bin/python bench/kualitas.py [--kecil] [--ulang N] [--laporan bench/report-kualitas.md]

Copies the cached national database (bench/nasional.py) to its own work file, then uploads the
last week's national koperasi file three ways (JALUR), N times each, every time on a fresh copy:
without findings (ingest.prepare, ingest.commit); as the Unggah page does (the preview
ingest.temuan_kualitas before the commit: the store as if the file were saved, in temporary views,
nothing written); as `ingest --json` does (ingest.temuan_kualitas_tersimpan after the commit, and
kualitas.daftar nationally, the Kualitas Data page's list). The extra time of the findings is the
whole upload of a way minus the whole upload without. No assertion: it measures, and writes the
medians to the report.
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
# Three ways through one upload, each on a fresh copy of the cached database (so each starts with
# DuckDB's cache equally cold): without findings; the Unggah page (the preview's findings before
# the commit); `ingest --json` (the findings read after the commit).
JALUR = {
    "tanpa": ("prepare", "commit"),
    "halaman": ("prepare", "pratinjau_kualitas", "commit"),
    "cli": ("prepare", "commit", "kualitas_tersimpan"),
}


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def satu_putaran(basis, rules, today, jalur: str) -> tuple[dict[str, float], dict]:
    """One upload of the national koperasi file along `jalur` (JALUR), timed step by step."""
    for p in (KERJA, Path(f"{KERJA}.wal")):
        p.unlink(missing_ok=True)
    shutil.copy(basis.db, KERJA)
    # The copy's 0.9 GB go to disk before the clock starts, not during the next run's steps.
    os.sync()
    con = db.connect(KERJA)
    try:
        g = Gazetteer.load(con)
        path = basis.files["koperasi"]
        t: dict[str, float] = {}
        info: dict = {}
        prepared, t["prepare"] = _timed(
            ingest.prepare, con, path.read_bytes(), path.name, "auto", gazetteer=g, today=today
        )
        info = {"baris": prepared.result.rows_read, "kabupaten": len(prepared.kabupaten)}
        if "pratinjau_kualitas" in JALUR[jalur]:
            pratinjau, t["pratinjau_kualitas"] = _timed(ingest.temuan_kualitas, con, prepared, rules=rules)
            info["temuan_pratinjau"] = pratinjau.to_dict("records")
        _, t["commit"] = _timed(
            ingest.commit, con, prepared, user="bench", partial=bool(prepared.result.errors), rules=rules
        )
        if "kualitas_tersimpan" in JALUR[jalur]:
            tersimpan, t["kualitas_tersimpan"] = _timed(ingest.temuan_kualitas_tersimpan, con, prepared)
            info["temuan_tersimpan"] = tersimpan.to_dict("records")
            daftar, t["daftar_nasional"] = _timed(kualitas.daftar, con, Filter(), prepared.weeks[-1])
            info["temuan_nasional"] = len(daftar)
        t["jumlah"] = sum(t[k] for k in JALUR[jalur])
        t["setelah_prepare"] = t["jumlah"] - t["prepare"]
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
    runs: dict[str, list[dict[str, float]]] = {j: [] for j in JALUR}
    info: dict = {}
    for i in range(args.ulang):
        for jalur in JALUR:
            t, found = satu_putaran(basis, rules, today, jalur)
            runs[jalur].append(t)
            info.update(found)
            print(f"run {i + 1} {jalur}: " + ", ".join(f"{k} {v:.2f} s" for k, v in t.items()), flush=True)

    def med(jalur: str, step: str) -> float:
        return statistics.median(r[step] for r in runs[jalur])

    tanpa = med("tanpa", "jumlah")
    # The extra: what a way does after the file is read and validated (the same code in every way,
    # whose run-to-run noise of a few tenths would otherwise swamp the difference) minus the commit.
    halaman = med("halaman", "setelah_prepare") - med("tanpa", "setelah_prepare")
    cli = med("cli", "setelah_prepare") - med("tanpa", "setelah_prepare")
    sama = info["temuan_pratinjau"] == info["temuan_tersimpan"]
    load = os.getloadavg()
    basis_kata = (
        f"the small one (every desa, {ukuran.minggu_koperasi} weeks of koperasi history)"
        if args.kecil
        else "the national one (every desa, 104 weeks)"
    )
    semua = kualitas.load_aturan()
    lines = [
        "# What data-quality findings add to the national weekly koperasi upload",
        "",
        f"Measured {dt.datetime.now():%Y-%m-%d %H:%M} with `bench/kualitas.py"
        + (" --kecil" if args.kecil else "")
        + f" --ulang {args.ulang}` (median of {args.ulang} runs of each way, each run on a fresh copy of the "
        f"cached database); DuckDB {duckdb.__version__}, Python {platform.python_version()}, {os.cpu_count()} "
        f"cores (load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the end).",
        "",
        f"Database: {basis_kata}; the file: the last week's national koperasi file, {info['baris']:,} rows in "
        f"{info['kabupaten']} kab/kota; {len(semua.aturan)} rules of data/kualitas.toml "
        f"({len(semua.hanya(kualitas.DARI_LAPORAN_KOPERASI).aturan)} of them for a koperasi file), "
        f"{len(info['temuan_tersimpan'])} findings in the file.",
        "",
        "The **extra** is what a way does after the file is read and validated (`prepare`, the same code in "
        "every way) minus the commit without findings, in medians, each run on its own fresh copy. The steps "
        "alone do not add up to it: the preview reads the previous week first and pays for reading it from "
        "disk, and the commit of a previewed file writes the zones the preview computed instead of computing "
        "them again.",
        "",
        "| way | prepare | findings before the commit | commit | findings after the commit | whole upload | "
        "**extra** |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| without findings | {med('tanpa', 'prepare'):.2f} s | | {med('tanpa', 'commit'):.2f} s | | "
        f"{tanpa:.2f} s | |",
        f"| Unggah page (`ingest.temuan_kualitas`, the preview) | {med('halaman', 'prepare'):.2f} s | "
        f"{med('halaman', 'pratinjau_kualitas'):.2f} s | {med('halaman', 'commit'):.2f} s | | "
        f"{med('halaman', 'jumlah'):.2f} s | **{halaman:+.2f} s** |",
        f"| `ingest --json` (`ingest.temuan_kualitas_tersimpan`) | {med('cli', 'prepare'):.2f} s | | "
        f"{med('cli', 'commit'):.2f} s | {med('cli', 'kualitas_tersimpan'):.2f} s | {med('cli', 'jumlah'):.2f} s | "
        f"**{cli:+.2f} s** |",
        "",
        f"The preview and the reading after the commit gave {'the same' if sama else 'DIFFERENT'} findings. "
        f"The Kualitas Data page's national list (`kualitas.daftar`, every rule, all datasets, "
        f"{info['temuan_nasional']} findings) took {med('cli', 'daftar_nasional'):.2f} s after the commit.",
        "",
        "Every run (seconds):",
        "",
        "| run | way | "
        + " | ".join(k for k in ("prepare", "pratinjau_kualitas", "commit", "kualitas_tersimpan", "jumlah"))
        + " |",
        "|---|---|" + "---:|" * 5,
        *(
            f"| {i + 1} | {jalur} | "
            + " | ".join(
                f"{r[k]:.2f}" if k in r else ""
                for k in ("prepare", "pratinjau_kualitas", "commit", "kualitas_tersimpan", "jumlah")
            )
            + " |"
            for jalur in JALUR
            for i, r in enumerate(runs[jalur])
        ),
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
