"""National benchmark (issue 11): every dataset at national scale, the weekly national files
through the real importer, and each page's server time per view beside the raw DuckDB time of
the queries it sends, for one session and for 10 and 20 concurrent sessions.

    make bench            # = .venv/bin/python bench/bench_national.py
    .venv/bin/python bench/bench_national.py [--kecil] [--rebuild] [--halaman ringkasan,zona,…]
        [--query "" --query provinsi=33] [--sesi target|10,20] [--ulang 3] [--tanpa-beban] [--tanpa-demo]
        [--out bench/report-nasional.md]

1. The database (bench/nasional.py): 83,762 koperasi × 104 weeks, 30,000 SPPG sites and ~80,000
   land parcels weekly over a year, 4,000 bimtek events, SIMKOPDES statistics of every desa every
   4 weeks. Built once (minutes) and cached under bench/cache/; copied to
   bench/cache/nasional-kerja.duckdb for each run.
2. The last week of every dataset as national files through ingest.prepare/commit, timed; then a
   zone recompute of all history (what a rule change costs) and, for reference, the demo load.
3. A server under bench/profil.py: each page at each filter opened in one session (first view),
   then rerun once (warm); per run a cProfile of the script thread and the DuckDB queries sent.
   The first view's queries are replayed on a plain read-only DuckDB connection: the raw time.
4. A plain server driven by bench/beban.py: per page and filter one session (first view + warm
   reruns), then 10 and 20 new sessions at once; p50/p95/max, throughput, peak RSS.
Writes the Markdown report to --out (git-ignored) and prints it. No assertion: it measures.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import importlib.metadata
import os
import pickle
import platform
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from analytics import db, ingest, ringkasan, zona  # noqa: E402
from analytics.filters import Filter  # noqa: E402
from analytics.wilayah import Gazetteer  # noqa: E402
from bench import beban, nasional  # noqa: E402
from bench.profil import tunggu_berkas  # noqa: E402

KERJA = nasional.CACHE / "nasional-kerja.duckdb"  # the default database of `make load`
KERJA_KECIL = nasional.CACHE / "kecil-kerja.duckdb"
LOGS = nasional.CACHE / "log"  # the servers' logs of the last run (tracebacks under the error codes)
HALAMAN = ("ringkasan", "zona", "lahan", "sppg", "digitalisasi", "kelengkapan", "peta", "presentasi")
# Jawa Tengah (the province with the most desa, 8,562), national, Lampung Barat, Kec. Sekincau.
QUERY = ("provinsi=33", "", "provinsi=18&kabupaten=18.04", "provinsi=18&kabupaten=18.04&kecamatan=18.04.08")
# The session counts the issue sets targets for: 20 on every page at a province, 50 on Ringkasan
# nationally, and the 10 on Zona nationally that the issue measured before (22 s median).
SESI_TARGET = {("", "ringkasan"): [50], ("", "zona"): [10]}
SESI_PROVINSI = [20]


def sesi_untuk(halaman: str, query: str, pilihan: str) -> list[int]:
    """Concurrent sessions to load a page with: `--sesi target` (the issue's), or the same list for all."""
    if pilihan != "target":
        return [int(n) for n in pilihan.split(",") if n.strip()]
    if query == QUERY[0]:
        return SESI_PROVINSI
    return SESI_TARGET.get((query, halaman), [])


# Opens the database connection and the gazetteer before anything is measured.
PEMANASAN = ("ringkasan", "provinsi=18&kabupaten=18.04&kecamatan=18.04.04")
TIMEOUT = 900.0
LANGKAH_ZONA = "zone recompute of all history (a rule change)"
LANGKAH_DEMO = "demo load on a fresh database (python -m analytics demo)"


@dataclass
class Langkah:
    label: str
    detik: float
    catatan: str = ""


@dataclass
class Skenario:
    halaman: str
    query: str
    raw_n: int = 0  # queries of the first view replayed
    raw_detik: float | None = None  # their raw DuckDB time, summed
    raw_lewat: int = 0  # statements not replayable (writes, registered frames)
    raw_df_detik: float | None = None  # the same, fetched as DataFrames
    raw_query: list[tuple[str, float, float, int | None]] = field(default_factory=list)  # name, arrow s, df s, rows
    hangat_query: list[tuple[str, float, int | None]] = field(default_factory=list)  # warm rerun: name, s, rows
    db_hangat_n: int = 0  # queries during the warm rerun
    db_hangat_detik: float = 0.0  # their time inside the page (profiled server)
    profil: Path | None = None  # cProfile of the warm rerun
    profil_detik: float = 0.0
    pertama: float | None = None  # first view, one session
    hangat: list[float] = field(default_factory=list)  # reruns, one session
    kb: float = 0.0
    beban: dict[int, beban.Hasil] = field(default_factory=dict)
    galat: list[str] = field(default_factory=list)
    dihentikan: int | None = None  # the session count at which the memory guard stopped the server
    pertama_queries: list[dict] = field(default_factory=list, repr=False)  # of the first view, to replay

    @property
    def nama(self) -> str:
        return f"{self.halaman} · {label_query(self.query)}"


def label_query(query: str) -> str:
    return "nasional" if not query else query


def _log(text: str) -> None:
    print(text, flush=True)


def timed(steps: list[Langkah], label: str, fn, note=lambda value: ""):
    start = time.perf_counter()
    value = fn()
    steps.append(Langkah(label, time.perf_counter() - start, note(value)))
    _log(f"{label}: {steps[-1].detik:.2f} s {steps[-1].catatan}")
    return value


# --------------------------------------------------------------------------------------------
# 1–2: database and uploads


def siapkan_kerja(basis: nasional.Basis, target: Path) -> Path:
    for p in (target, Path(f"{target}.wal")):
        p.unlink(missing_ok=True)
    shutil.copy(basis.db, target)
    return target


def unggah(con, basis: nasional.Basis) -> list[dict]:
    """Each last-week national file through prepare and commit, as the page and the CLI do."""
    g = Gazetteer.load(con)
    rules = zona.aturan.load_rules()
    today = nasional.MINGGU_AKHIR + dt.timedelta(days=7)
    out = []
    for dataset, path in basis.files.items():
        data = path.read_bytes()
        start = time.perf_counter()
        prepared = ingest.prepare(con, data, path.name, "auto", minggu=nasional.MINGGU_AKHIR, gazetteer=g, today=today)
        t_prepare = time.perf_counter() - start
        if prepared.rejected:
            raise RuntimeError(f"{path.name} rejected: {prepared.reason}")
        result = prepared.result
        start = time.perf_counter()
        batch = ingest.commit(con, prepared, user="bench", partial=bool(result.errors), rules=rules)
        t_commit = time.perf_counter() - start
        row = {
            "dataset": dataset,
            "detected": prepared.dataset,
            "mb": len(data) / 1e6,
            "rows": result.rows_read,
            "valid": len(result.rows),
            "errors": len(result.error_rows),
            "warnings": len(result.warnings),
            "prepare": t_prepare,
            "commit": t_commit,
            "batch": batch,
        }
        out.append(row)
        _log(
            f"upload {dataset} ({row['rows']:,} rows): {t_prepare:.1f} + {t_commit:.1f} s, {row['errors']} rows with errors, "
            f"{row['warnings']} warnings"
        )
    return out


def zona_ulang(con) -> int:
    """What a zone-rule change costs: every zone of all history recomputed in one transaction."""
    con.execute("begin transaction")
    n = zona.aturan.recompute(con, zona.aturan.load_rules())
    con.execute("commit")
    return n


def muat_demo() -> float:
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as tmp:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "analytics", "demo", "--db", str(Path(tmp) / "demo.duckdb")],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start


def isi(con) -> dict[str, int]:
    tables = ("koperasi", "zona_koperasi", "lahan", "sppg", "bimtek", "simkopdes_desa", "upload_batch")
    return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}


# --------------------------------------------------------------------------------------------
# 3: profile and raw queries


def profilkan(path: Path, skenario: list[Skenario], directory: Path, opsi: dict[str, str]) -> None:
    launcher = [sys.executable, str(ROOT / "bench" / "profil.py")]
    with beban.Server(
        path,
        command=launcher,
        env={"KDKMP_PROFIL": str(directory)},
        start_timeout=180,
        log=LOGS / "profil.log",
        opsi=opsi,
    ) as server:
        asyncio.run(beban.sesi(server.url, *PEMANASAN, batas_waktu=TIMEOUT))
        n = len(tunggu_berkas(directory, 1))
        for s in skenario:
            views = asyncio.run(beban.sesi(server.url, s.halaman, s.query, ulang=1, batas_waktu=TIMEOUT))
            s.galat += [f"profil: {g}" for v in views for g in v.galat]
            files = tunggu_berkas(directory, n + 2)
            cold, warm = files[n], files[n + 1]
            n += 2
            with open(cold, "rb") as fh:
                s.pertama_queries = pickle.load(fh)["queries"]
            with open(warm, "rb") as fh:
                run = pickle.load(fh)
            s.db_hangat_n = len(run["queries"])
            s.db_hangat_detik = sum(q["detik"] for q in run["queries"])
            s.hangat_query = [(nama_query(q["sql"]), q["detik"], q.get("baris")) for q in run["queries"]]
            s.profil, s.profil_detik = warm.with_suffix(".prof"), run["detik"]
            _log(
                f"profile {s.nama}: warm rerun {run['detik']:.2f} s under the profiler, "
                f"{s.db_hangat_n} queries {s.db_hangat_detik:.2f} s"
            )


def _replayable(sql: str) -> bool:
    body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines()).strip().lower()
    return body.startswith(("select", "with", "from"))


def nama_query(sql: str) -> str:
    """The analytics/queries file a statement came from, else its first words."""
    if not hasattr(nama_query, "peta"):
        nama_query.peta = {
            p.read_text(encoding="utf-8"): p.relative_to(db.QUERY_DIR).with_suffix("").as_posix()
            for p in db.QUERY_DIR.rglob("*.sql")
        }
    return nama_query.peta.get(sql) or " ".join(sql.split())[:60]


def _terbaik(con, q: dict, ulang: int, fetch: str) -> float:
    best = None
    for _ in range(ulang):
        cur = con.cursor()
        start = time.perf_counter()
        rel = cur.sql(q["sql"], params=q["params"])
        rel.to_arrow_table() if fetch == "arrow" else rel.df()
        took = time.perf_counter() - start
        cur.close()
        best = took if best is None else min(best, took)
    return best


def replay(path: Path, skenario: list[Skenario], ulang: int = 3) -> None:
    """Every query of the page's first view on a plain read-only connection, best of `ulang`:
    fetched as Arrow (the engine) and as a pandas DataFrame (what analytics.db.run returns)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        for s in skenario:
            skipped = 0
            for q in s.pertama_queries:
                if not _replayable(q["sql"]):
                    skipped += 1
                    continue
                try:
                    arrow, df = _terbaik(con, q, ulang, "arrow"), _terbaik(con, q, ulang, "df")
                except duckdb.Error:
                    skipped += 1
                    continue
                s.raw_query.append((nama_query(q["sql"]), arrow, df, q.get("baris")))
            s.raw_n, s.raw_lewat = len(s.raw_query), skipped
            s.raw_detik = sum(r[1] for r in s.raw_query)
            s.raw_df_detik = sum(r[2] for r in s.raw_query)
            _log(
                f"raw DuckDB {s.nama}: {s.raw_n} queries {s.raw_detik * 1000:.0f} ms as Arrow, "
                f"{s.raw_df_detik * 1000:.0f} ms as DataFrames ({skipped} not replayed)"
            )
    finally:
        con.close()


# The profile's time by where it is spent. cProfile's own time per function ("tottime"); a C
# function (file "~") other than DuckDB's and gc.collect counts for the module that called it.
# DuckDB's methods are pybind11 functions, which cProfile does not see as calls: their time is
# the own time of whoever called them, here the profiler's recorder (bench/profil.py), whose
# Python is a few lines per query.
KATEGORI = (
    ("DuckDB (query + fetch)", ("_duckdb", "duckdb/", str(ROOT / "bench"))),
    ("gc.collect (runner.postScriptGC)", ("gc.collect",)),
    ("plotly figures", ("/plotly/", "_plotly_utils", "/narwhals/")),
    ("pydeck", ("/pydeck/",)),
    ("pandas / numpy", ("/pandas/", "/numpy/")),
    ("pyarrow", ("/pyarrow/",)),
    ("protobuf", ("/google/protobuf/",)),
    ("json", ("/json/",)),
    ("streamlit (elements, state, runner)", ("/streamlit/",)),
    ("analytics/ (Python)", (str(ROOT / "analytics"),)),
    ("ui/ and pages/", (str(ROOT / "ui"), str(ROOT / "pages"), str(ROOT / "app.py"))),
)


def kategori(func: tuple[str, int, str]) -> str | None:
    text = f"{func[0]}:{func[2]}"
    for name, marks in KATEGORI:
        if any(m in text for m in marks):
            return name
    return None if func[0] == "~" else "other Python"


def bagi_profil(path: Path) -> tuple[dict[str, float], float]:
    stats = pstats.Stats(str(path)).stats
    shares: dict[str, float] = {}
    total = 0.0
    for func, (_cc, _nc, tt, _ct, callers) in stats.items():
        total += tt
        name = kategori(func)
        if name is not None:
            shares[name] = shares.get(name, 0.0) + tt
            continue
        spread = sum(c[2] for c in callers.values()) or 0.0
        for caller, c in callers.items():
            part = tt * (c[2] / spread) if spread else tt / len(callers)
            owner = kategori(caller) or "other C functions"
            shares[owner] = shares.get(owner, 0.0) + part
        if not callers:
            shares["other C functions"] = shares.get("other C functions", 0.0) + tt
    return shares, total


def teratas(path: Path, n: int = 15) -> list[tuple[float, float, int, str]]:
    """The project's functions and Streamlit's element calls by cumulative time."""
    stats = pstats.Stats(str(path)).stats
    rows = []
    for (file, line, name), (_cc, nc, _tt, ct, _callers) in stats.items():
        own = file.startswith(str(ROOT)) and not file.startswith(str(ROOT / "bench")) and "site-packages" not in file
        element = "/streamlit/elements/" in file and not name.startswith("_")
        if own or element:
            where = os.path.relpath(file, ROOT) if own else "streamlit/" + file.split("/streamlit/", 1)[1]
            rows.append((ct, _tt, nc, f"{where}:{line} {name}"))
    rows.sort(reverse=True)
    return rows[:n]


# --------------------------------------------------------------------------------------------
# 4: load


class _Server:
    """The plain server of the load pass, started again after the memory guard killed it."""

    def __init__(self, path: Path, logs: Path, opsi: dict[str, str]):
        self.path, self.logs, self.opsi, self.server, self.mulai_ulang = path, logs, opsi, None, -1

    def siap(self) -> beban.Server:
        if self.server is None or not self.server.hidup:
            if self.server is not None:
                self.server.__exit__()
            self.mulai_ulang += 1
            self.server = beban.Server(
                self.path, start_timeout=180, log=self.logs / f"beban-{self.mulai_ulang}.log", opsi=self.opsi
            ).__enter__()
            beban.jalankan(self.server.url, [PEMANASAN], 1, pid=self.server.pid, batas_waktu=TIMEOUT)
        return self.server

    def close(self) -> None:
        if self.server is not None:
            self.server.__exit__()


def bebani(
    path: Path,
    skenario: list[Skenario],
    sesi: str,
    ulang: int,
    batas_rss: int | None,
    logs: Path,
    opsi: dict[str, str],
) -> tuple[int, int, int]:
    """The load pass. Returns the server's RSS after the warm-up view, the peak over the pass
    (bytes) and how often the memory guard made the server start again."""
    servers = _Server(path, logs, opsi)
    try:
        rss_siap, puncak = beban.rss_tree(servers.siap().pid), 0
        for s in skenario:
            for n in [1, *sesi_untuk(s.halaman, s.query, sesi)]:
                if s.dihentikan:
                    continue  # more sessions than the guard already stopped can only take more
                server = servers.siap()
                h = beban.jalankan(
                    server.url,
                    [(s.halaman, s.query)],
                    n,
                    ulang if n == 1 else 0,
                    pid=server.pid,
                    batas_waktu=TIMEOUT,
                    batas_rss=batas_rss,
                    saat_lewat=[server.bunuh],
                )
                s.beban[n] = h
                puncak = max(puncak, h.rss_puncak)
                if h.lewat_batas:
                    s.dihentikan = n
                s.galat += [f"{n} sesi: {g}" for v in h.tampilan for g in v.galat if g != beban.BATAL]
                t = [v.detik for v in h.tampilan if v.ok and v.ke == 0]
                if n == 1:
                    first = [v for v in h.tampilan if v.ke == 0]
                    s.pertama = t[0] if t else None
                    s.hangat = [v.detik for v in h.tampilan if v.ke > 0 and v.ok]
                    s.kb = first[0].byte / 1024 if first else 0.0
                    _log(
                        f"{s.nama}: first view {_s(s.pertama)} s, warm "
                        f"{_s(beban.persentil(s.hangat, 0.5) if s.hangat else None)} s"
                    )
                else:
                    _log(
                        f"{s.nama}: {n} sessions p50 {_s(beban.persentil(t, 0.5))} s, p95 {_s(beban.persentil(t, 0.95))} s, "
                        f"max {_s(max(t, default=None))} s, peak RSS {h.rss_puncak / 2**20:,.0f} MB"
                        + (" - STOPPED by the memory guard" if h.lewat_batas else "")
                    )
        return rss_siap, puncak, servers.mulai_ulang
    finally:
        servers.close()


# --------------------------------------------------------------------------------------------
# Report


def _s(x: float | None, digits: int = 2) -> str:
    return "–" if x is None or x != x else f"{x:.{digits}f}"


def _ms(x: float | None) -> str:
    return "–" if x is None else f"{x * 1000:,.0f}"


def _lat(h: beban.Hasil | None, batas_mb: float = 0, dihentikan: int | None = None) -> str:
    if h is None:
        return f"not run (guard at {dihentikan})" if dihentikan else "–"
    if h.lewat_batas:
        return f"stopped: RSS > {batas_mb / 1024:.0f} GB"
    t = [v.detik for v in h.tampilan if v.ok]
    failed = len(h.tampilan) - len(t)
    text = f"{_s(beban.persentil(t, 0.5), 1)} / {_s(beban.persentil(t, 0.95), 1)} / {_s(max(t, default=None), 1)}"
    return text + (f" ({failed} failed)" if failed else "")


def _baris_sasaran(apa: str, nilai: float | None, batas: float, satuan: str = "s", catatan: str = "") -> str:
    if nilai is None:
        return f"| {apa} | – | ≤ {batas:g} {satuan} | not measured | {catatan} |"
    teks = f"{nilai:,.0f} {satuan}" if satuan == "MB" else f"{nilai:.2f} {satuan}"
    return f"| {apa} | {teks} | ≤ {batas:g} {satuan} | {'met' if nilai <= batas else 'NOT met'} | {catatan} |"


def sasaran(
    uploads: list[dict], steps: list[Langkah], skenario: list[Skenario], rss: tuple[int, int, int] | None
) -> list[str]:
    """The issue's targets beside what this run measured, one line each."""
    rows = []
    for r in uploads:
        if r["dataset"] == "koperasi":
            rows.append(
                _baris_sasaran("national weekly koperasi file: prepare + commit", r["prepare"] + r["commit"], 3)
            )
    langkah = {st.label: st.detik for st in steps}
    rows.append(_baris_sasaran("zone recompute of all history", langkah.get(LANGKAH_ZONA), 5))
    rows.append(_baris_sasaran("demo load on a fresh database", langkah.get(LANGKAH_DEMO), 5))
    for s in skenario:
        warm = beban.persentil(s.hangat, 0.5) if s.hangat else None
        rows.append(_baris_sasaran(f"{s.nama}: warm rerun (median)", warm, 0.15))
    for s in skenario:
        rows.append(_baris_sasaran(f"{s.nama}: first view", s.pertama, 2 if s.halaman == "presentasi" else 1))
    for s in skenario:
        for n, h in sorted(s.beban.items()):
            if n <= 1:
                continue
            t = [v.detik for v in h.tampilan if v.ok]
            gagal = len(h.tampilan) - len(t)
            batas = 3 if (s.halaman, s.query, n) == ("ringkasan", "", 50) else 2
            rows.append(
                _baris_sasaran(
                    f"{s.nama}: {n} sessions at once, p95",
                    beban.persentil(t, 0.95) if t and not h.lewat_batas else None,
                    batas,
                    catatan=(f"{gagal} failed; " if gagal else "") + f"peak RSS {h.rss_puncak / 2**20:,.0f} MB",
                )
            )
    if rss:
        rows.append(
            _baris_sasaran("server memory, peak over the load pass", rss[1] / 2**20, 1536, "MB", "process tree")
        )
    met = sum(" | met | " in r for r in rows)
    return [
        "## Targets of issue 11",
        "",
        f"{met} of {len(rows)} met. Times are server time per view (BackMsg to script_finished over the websocket).",
        "",
        "| what | measured | target | | note |",
        "|---|---:|---:|---|---|",
        *rows,
        "",
    ]


def kode_diukur() -> str:
    if os.environ.get("KDKMP_BENCH_REV"):
        return f"commit {os.environ['KDKMP_BENCH_REV'][:12]} (a snapshot, --rev)"
    git = lambda *a: subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True).stdout.strip()  # noqa: E731
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    return f"the working tree at {git('rev-parse', '--short=12', 'HEAD')}" + (
        " with uncommitted changes" if dirty else ""
    )


def laporan(
    args,
    u: nasional.Ukuran,
    steps: list[Langkah],
    uploads: list[dict],
    counts: dict[str, int],
    size_mb: float,
    skenario: list[Skenario],
    sesi: str,
    rss: tuple[int, int, int] | None,
    load_start: str,
) -> str:
    sesi = sorted({n for s in skenario for n in s.beban if n > 1})
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in ("streamlit", "duckdb", "pandas", "plotly"))
    lines = [
        "# National benchmark (issue 11)",
        "",
        f"- code measured: {kode_diukur()}" + (f"; Streamlit options {args.opsi}" if args.opsi else ""),
        f"- {dt.datetime.now():%Y-%m-%d %H:%M}; {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {versions}",
        f"- load average when the run started: {load_start} (the machine is shared: other processes take CPU, "
        "so times carry noise of tens of percent)",
        f"- database: {size_mb:,.0f} MB after the uploads ({'small test size' if args.kecil else 'national size'}: "
        f"koperasi {u.minggu_koperasi} weeks, SPPG/lahan {u.minggu_lain} weeks)",
        "",
        *sasaran(uploads, steps, skenario, rss),
        "| table | rows |",
        "|---|---:|",
        *[f"| {t} | {n:,} |" for t, n in counts.items()],
        "",
        "## Uploads and recomputes",
        "",
        "| dataset | file | rows | errors | warnings | prepare s | commit s | total s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *[
            f"| {r['dataset']} | {r['mb']:.1f} MB | {r['rows']:,} | {r['errors']:,} | {r['warnings']:,} | "
            f"{r['prepare']:.1f} | {r['commit']:.1f} | {r['prepare'] + r['commit']:.1f} |"
            for r in uploads
        ],
        "",
        "| step | seconds | note |",
        "|---|---:|---|",
        *[f"| {st.label} | {st.detik:.2f} | {st.catatan} |" for st in steps],
        "",
    ]
    if any(s.pertama is not None or s.raw_detik is not None for s in skenario):
        head = " | ".join(f"{n} sessions p50 / p95 / max s" for n in sesi)
        lines += [
            "## Pages: raw DuckDB against the page's server time per view",
            "",
            "Raw DuckDB: every query the page's first view sent, replayed on a plain read-only connection (best of 3), "
            "summed, fetched as Arrow (the engine) / as pandas DataFrames (what analytics.db.run hands the page). Server time: from the rerun BackMsg to script_finished over the websocket "
            "(bench/beban.py). First view: a new session (after a warm-up view that opened the database; pages at "
            "the same filter share cached data, in the order below). Warm rerun: the same session again, median. "
            "In-page DB: the queries of the warm rerun and their time inside the page (profiled server). Peak RSS: "
            "the server's process tree during that run.",
            "",
            f"| page · filter | raw DuckDB ms, Arrow / DataFrame (queries) | first view s | warm rerun s | ratio warm / raw | "
            f"in-page DB in warm rerun | KB sent | {head} | peak RSS MB |",
            "|---|---:|---:|---:|---:|---:|---:|" + "---:|" * len(sesi) + "---:|",
        ]
        for s in skenario:
            warm = beban.persentil(s.hangat, 0.5) if s.hangat else None
            ratio = (warm / s.raw_detik) if warm and s.raw_detik else None
            peak = max((h.rss_puncak for h in s.beban.values()), default=0)
            lines.append(
                f"| {s.nama} | {_ms(s.raw_detik)} / {_ms(s.raw_df_detik)} ({s.raw_n}) | {_s(s.pertama)} | {_s(warm)} | "
                f"{_s(ratio, 1 if ratio and ratio < 10 else 0) + '×' if ratio else '–'} | {s.db_hangat_n} q, {_ms(s.db_hangat_detik)} ms | {s.kb:,.0f} | "
                + " | ".join(_lat(s.beban.get(n), args.batas_rss_mb, s.dihentikan) for n in sesi)
                + f" | {peak / 2**20:,.0f} |"
            )
        if rss:
            lines += [
                "",
                f"Server RSS after the warm-up view: {rss[0] / 2**20:,.0f} MB; peak over the whole load pass: "
                f"{rss[1] / 2**20:,.0f} MB. Memory guard: the server is killed when its process tree passes "
                f"{args.batas_rss_mb:,.0f} MB (--batas-rss-mb; this machine is shared), "
                f"{rss[2]} time(s) in this run; larger session counts of that page are then not run.",
            ]
        through = [f"{s.nama} ×{n}: {h.throughput:.2f}/s" for s in skenario for n, h in s.beban.items() if n > 1]
        if through:
            lines += [
                "",
                "Throughput (views per second while N sessions open the page at once): " + "; ".join(through) + ".",
            ]
        seen: dict[tuple[str, str], int] = {}
        for s in skenario:
            for g in s.galat:
                key = (s.nama, re.sub(r"kode [0-9a-f]{6}", "kode …", g.split(": ", 1)[-1]))
                seen[key] = seen.get(key, 0) + 1
        if seen:
            lines += [
                "",
                f"Errors seen (views; tracebacks in the server logs under {LOGS}):",
                *[f"- {nama}: {n}× {g}" for (nama, g), n in list(seen.items())[:20]],
            ]
        lines.append("")
    profiled = [s for s in skenario if s.profil and s.profil.exists()]
    if profiled:
        names = [name for name, _ in KATEGORI] + ["other Python", "other C functions"]
        split = {s.nama: bagi_profil(s.profil) for s in profiled}
        used = [n for n in names if any(split[s.nama][0].get(n, 0) > 0.005 * split[s.nama][1] for s in profiled)]
        lines += [
            "## Where a warm rerun spends its time (cProfile of the script thread)",
            "",
            "Share of the profiled warm rerun per library (own time; C functions other than DuckDB's count for their "
            "caller). The profiler slows Python code, so Python shares read high and the total is above the plain "
            "server's time.",
            "",
            "| page · filter | profiled s | " + " | ".join(used) + " |",
            "|---|---:|" + "---:|" * len(used),
        ]
        for s in profiled:
            shares, total = split[s.nama]
            lines.append(
                f"| {s.nama} | {total:.2f} | "
                + " | ".join(f"{100 * shares.get(n, 0) / total:.0f} %" if total else "–" for n in used)
                + " |"
            )
        slowest = max(profiled, key=lambda s: beban.persentil(s.hangat, 0.5) if s.hangat else s.profil_detik)
        lines += [
            "",
            "### The slowest queries of each page (first view, replayed raw)",
            "",
            "| page · filter | query | rows | Arrow ms | DataFrame ms |",
            "|---|---|---:|---:|---:|",
        ]
        for s in skenario:
            for name, arrow, df, rows in sorted(s.raw_query, key=lambda r: -r[2])[:3]:
                lines.append(
                    f"| {s.nama} | `{name}` | {'' if rows is None else f'{rows:,}'} | {arrow * 1000:,.0f} | "
                    f"{df * 1000:,.0f} |"
                )
        lines += [
            "",
            f"### Slowest warm rerun: {slowest.nama}",
            "",
            "Its queries as the page ran them (profiled server; execute + fetch into pandas):",
            "",
            "| query | rows | s |",
            "|---|---:|---:|",
            *[
                f"| `{name}` | {'' if rows is None else f'{rows:,}'} | {t:.2f} |"
                for name, t, rows in slowest.hangat_query
            ],
            "",
            "Its functions by cumulative time (the project's, and Streamlit's element calls):",
        ]
        lines += ["", "| cumulative s | own s | calls | function |", "|---:|---:|---:|---|"]
        lines += [f"| {ct:.3f} | {tt:.3f} | {nc:,} | `{name}` |" for ct, tt, nc, name in teratas(slowest.profil, 25)]
        lines.append("")
    return "\n".join(lines)


def _dari_snapshot(args) -> int:
    """Run this benchmark from `git archive` of --rev (nothing in the working tree or the index
    changes); caches and the report stay in this checkout."""
    sha = subprocess.run(
        ["git", "rev-parse", "--verify", f"{args.rev}^{{commit}}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    target = nasional.CACHE / "kode" / sha[:12]
    for old in (nasional.CACHE / "kode").glob("*"):
        if old != target:
            shutil.rmtree(old)  # snapshots of other commits
    if not (target / "bench" / "bench_national.py").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", sha], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    _log(f"measuring commit {sha[:12]} from {target}")
    argv = [a for a in sys.argv[1:]]
    if "--out" not in argv:
        argv += ["--out", str(args.out)]
    env = {**os.environ, "KDKMP_BENCH_REV": sha, "KDKMP_BENCH_CACHE": str(nasional.CACHE)}
    return subprocess.run([sys.executable, str(target / "bench" / "bench_national.py"), *argv], env=env).returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kecil", action="store_true", help="a small database: the whole pipeline in a few minutes")
    ap.add_argument("--rebuild", action="store_true", help="build the cached database again")
    ap.add_argument("--halaman", default=",".join(HALAMAN), help="pages, comma separated")
    ap.add_argument("--query", action="append", help=f"filters as query strings (default: {QUERY})")
    ap.add_argument(
        "--sesi",
        default="target",
        help="concurrent sessions, comma separated, for every page; 'target' (default): the issue's "
        "(20 on each page at the province filter, 50 on Ringkasan and 10 on Zona nationally)",
    )
    ap.add_argument("--ulang", type=int, default=3, help="warm reruns in the one-session run")
    ap.add_argument("--tanpa-beban", action="store_true", help="skip the profile and load passes (steps 3–4)")
    ap.add_argument("--tanpa-demo", action="store_true", help="skip timing the demo load")
    ap.add_argument(
        "--batas-rss-mb",
        type=float,
        default=8192,
        help="memory guard: kill the server when its process tree passes this RSS (default 8192)",
    )
    ap.add_argument(
        "--opsi",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Streamlit option for the servers, e.g. runner.postScriptGC=false (repeatable)",
    )
    ap.add_argument(
        "--rev",
        help="measure this commit (e.g. HEAD) from a snapshot under bench/cache/kode/ instead of "
        "the working tree, which may be mid-edit",
    )
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "report-nasional.md")
    args = ap.parse_args()
    if args.rev and not os.environ.get("KDKMP_BENCH_REV"):
        return _dari_snapshot(args)
    load_start = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    u = nasional.KECIL if args.kecil else nasional.Ukuran()
    sesi = args.sesi
    skenario = [Skenario(h.strip(), q.lstrip("?")) for q in (args.query or QUERY) for h in args.halaman.split(",")]
    steps: list[Langkah] = []

    basis = timed(
        steps,
        "national database: build, or reuse the cache",
        lambda: nasional.build(u, rebuild=args.rebuild),
        lambda b: "built now" if b.dibangun else f"cached {b.db.parent.name}",
    )
    path = timed(
        steps, "copy the cache to the work database", lambda: siapkan_kerja(basis, KERJA_KECIL if args.kecil else KERJA)
    )
    con = db.connect(path)
    uploads = unggah(con, basis)
    rows = timed(steps, LANGKAH_ZONA, lambda: zona_ulang(con), lambda n: f"{n:,} zone rows")
    for label, f in (
        ("nasional", Filter()),
        ("provinsi Jawa Tengah", Filter("33")),
        ("kabupaten Lampung Barat", Filter.from_code("18.04")),
    ):
        timed(steps, f"analytic layer: ringkasan.picture {label} (first)", lambda f=f: ringkasan.picture(con, f))
        timed(steps, f"analytic layer: ringkasan.picture {label} (again)", lambda f=f: ringkasan.picture(con, f))
    counts = isi(con)
    con.execute("checkpoint")
    con.close()
    del rows
    size_mb = path.stat().st_size / 1e6
    if not args.tanpa_demo:
        timed(steps, LANGKAH_DEMO, muat_demo)

    rss = None
    opsi = dict(o.split("=", 1) for o in args.opsi)
    if not args.tanpa_beban:
        shutil.rmtree(LOGS, ignore_errors=True)
        LOGS.mkdir(parents=True)
        with tempfile.TemporaryDirectory(prefix="bench-profil-") as tmp:
            profilkan(path, skenario, Path(tmp), opsi)
            replay(path, skenario)
            # Keep the profiles beside the report (git-ignored) for a closer look with pstats/snakeviz.
            keep = nasional.CACHE / "profil"
            shutil.rmtree(keep, ignore_errors=True)
            keep.mkdir(parents=True)
            for s in skenario:
                if s.profil:
                    target = keep / f"{s.halaman}-{label_query(s.query).replace('=', '').replace('&', '-')}.prof"
                    shutil.copy(s.profil, target)
                    s.profil = target
        rss = bebani(path, skenario, sesi, args.ulang, int(args.batas_rss_mb * 2**20) or None, LOGS, opsi)

    report = laporan(args, u, steps, uploads, counts, size_mb, skenario, sesi, rss, load_start)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    _log(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
