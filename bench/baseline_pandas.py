"""Plain-pandas baseline of the Ringkasan and Zona questions (issue 11: the product's queries must
be at least 10x faster than this over the same data).

    cp bench/cache/nasional-kerja.duckdb /tmp/baseline.duckdb
    .venv/bin/python bench/baseline_pandas.py --db /tmp/baseline.duckdb
        [--wilayah "" --wilayah 33 …] [--ulang 3] [--out bench/report-pandas.md]

1. Load, once, as a pandas analyst would: the koperasi rows that count (view koperasi_aktif),
   zona_koperasi and the gazetteer, read with DuckDB (read-only) into Arrow and then pandas (the
   default string dtype; list columns stay Arrow lists). Timed, with RSS, apart from the questions.
2. Answer each question in pandas alone, per filter, best of --ulang: the koperasi weeks (this
   week and the previous week with data), every koperasi metric of the registry for both weeks,
   the zone moves (pindah_zona), zones per area, perlu_intervensi and the zone-move matrix.
3. The big frames are dropped; the same questions through the analytic layer on
   analytics.db.connect(--db) (which opens read-write and migrates: use a copy), best of --ulang.
4. Every pandas answer is checked against the analytic layer's (rows, order keys, every value).
   A mismatch is printed loudly, marked in the report, and the exit status is 1.

Writes the Markdown table to --out and prints it. The default --db is the national benchmark's
working copy (bench/bench_national.py, `make bench` builds it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.metadata
import math
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analytics import db, koperasi, metrik, periode, zona  # noqa: E402
from analytics.filters import Filter  # noqa: E402
from analytics.zona.aturan import Rules, load_rules  # noqa: E402

DB_BAWAAN = ROOT / "bench" / "cache" / "nasional-kerja.duckdb"
OUT_BAWAAN = ROOT / "bench" / "report-pandas.md"
# National, Jawa Tengah (the province with the most desa), Lampung Barat, one of its kecamatan.
WILAYAH_BAWAAN = ("", "33", "18.04", "18.04.08")
TARGET = 10.0  # issue 11: the product at least 10x faster than this baseline

# The load: only the columns the questions read.
MUAT = {
    "koperasi": """select minggu, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa, id_koperasi,
        nama_koperasi, badan_hukum, npwp, nib, masuk_portal, gerai_beroperasi, akun_simkopdes, status_lahan,
        tahap_fisik, pendamping
        from koperasi_aktif""",
    "zona": """select minggu, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa, id_koperasi,
        zona_hitung, aturan, minggu_tanpa_progres
        from zona_koperasi""",
    "provinsi": "select kode, nama from provinsi",
    "kabupaten": "select kode, nama_singkat, jenis from kabupaten",
    "kecamatan": "select kode, nama from kecamatan",
    "desa": "select kode, nama from desa",
}

# The vocabularies of the koperasi CSV (shared spec), written out here so that the pandas answer
# does not lean on the registry it is checked against.
ZONA = ("hijau", "kuning", "merah")
PERINGKAT = {"merah": 0, "kuning": 1, "hijau": 2}  # worst first
TAHAP = ("belum_mulai", "persiapan", "pembangunan", "selesai", "tidak_dapat_dibangun")
STATUS_LAHAN = ("tidak_ada", "diajukan", "verifikasi", "terverifikasi", "ditolak")
AKUN = ("aktif", "kendala", "belum")
DARI = ("merah", "kuning", "hijau", "baru")
KE = ("merah", "kuning", "hijau", "hilang")


# --- memory ---------------------------------------------------------------------------------------


def _status_kb(key: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def rss_mb() -> float:
    return _status_kb("VmRSS") / 1024


def puncak_rss_mb() -> float:
    return _status_kb("VmHWM") / 1024


def reset_puncak_rss() -> bool:
    """Start a new peak-RSS window (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


# --- load -----------------------------------------------------------------------------------------


@dataclass
class Data:
    """The frames the pandas answers read."""

    koperasi: pd.DataFrame  # koperasi_aktif: one row per koperasi and week that counts
    zona: pd.DataFrame  # zona_koperasi: the computed zone per koperasi and week
    nama: dict[str, pd.Series]  # per level: kode -> the name charts and lists show


@dataclass
class Muatan:
    detik: dict[str, float]
    baris: dict[str, int]
    rss_mb: float  # resident after the load
    puncak_mb: float  # peak during the load


def _ke_pandas(table: pa.Table) -> pd.DataFrame:
    # One Arrow chunk per column: DuckDB hands over ~68 record batches, and pandas' string columns
    # keep them, which makes every boolean selection on the big frames ~25x slower (pyarrow take).
    # Dates as datetime64 (not Python objects); a list column stays an Arrow list rather than
    # one numpy array per row (8.7 M of them for zona_koperasi.aturan).
    return table.combine_chunks().to_pandas(
        date_as_object=False, types_mapper=lambda t: pd.ArrowDtype(t) if pa.types.is_list(t) else None
    )


def muat(path: Path) -> tuple[Data, Muatan]:
    reset_puncak_rss()
    detik, frames = {}, {}
    con = duckdb.connect(str(path), read_only=True)
    try:
        for name, sql in MUAT.items():
            start = time.perf_counter()
            frames[name] = _ke_pandas(con.sql(sql).to_arrow_table())
            detik[name] = time.perf_counter() - start
    finally:
        con.close()
    kab = frames["kabupaten"].set_index("kode")
    # "Kab. Bima" and "Kota Bima" stay apart, as in the wilayah view.
    jenis = kab["jenis"].map({"kota": "Kota "}).fillna("Kab. ")
    nama = {
        "provinsi": frames["provinsi"].set_index("kode")["nama"],
        "kabupaten": jenis + kab["nama_singkat"],
        "kecamatan": frames["kecamatan"].set_index("kode")["nama"],
        "desa": frames["desa"].set_index("kode")["nama"],
    }
    data = Data(frames["koperasi"], frames["zona"], nama)
    baris = {name: len(df) for name, df in frames.items()}
    return data, Muatan(detik, baris, rss_mb(), puncak_rss_mb())


# --- the questions, in pandas ---------------------------------------------------------------------


def di_wilayah(df: pd.DataFrame, f: Filter) -> pd.DataFrame:
    """Rows inside the filter. Codes are hierarchical, so the finest chosen level decides."""
    if f.level is None:
        return df
    return df[df[f"kode_{f.level}"] == f.code]


def _pada(df: pd.DataFrame, minggu: dt.date) -> pd.DataFrame:
    return df[df["minggu"] == pd.Timestamp(minggu)]


def _ya(s: pd.Series) -> pd.Series:
    """True where the value is true; a missing value is not (SQL's filter clause)."""
    return s.eq(True)


def minggu_koperasi(d: Data, f: Filter) -> tuple[dt.date | None, dt.date | None]:
    """This week and the previous week with koperasi data inside the filter."""
    weeks = np.sort(di_wilayah(d.koperasi, f)["minggu"].unique())
    kini = weeks[-1] if len(weeks) else None
    lalu = weeks[-2] if len(weeks) > 1 else None
    return tuple(None if w is None else pd.Timestamp(w).date() for w in (kini, lalu))


def nilai_koperasi(d: Data, f: Filter, minggu: dt.date) -> dict[str, int]:
    """The koperasi numbers of one week: registered, zones, documents, funnel, stages, land, SIMKOPDES."""
    z = _pada(d.zona, minggu)[["id_koperasi", "zona_hitung"]]
    k = di_wilayah(_pada(d.koperasi, minggu), f).merge(z, on="id_koperasi", how="left")
    badan_hukum, masuk_portal, gerai = _ya(k["badan_hukum"]), _ya(k["masuk_portal"]), _ya(k["gerai_beroperasi"])
    tahap = k["tahap_fisik"]
    lahan = badan_hukum & masuk_portal & k["status_lahan"].eq("terverifikasi")
    out = {
        "terdaftar": len(k),
        **{f"zona_{z}": int(k["zona_hitung"].eq(z).sum()) for z in ("merah", "kuning", "hijau")},
        "badan_hukum": int(badan_hukum.sum()),
        "npwp": int(_ya(k["npwp"]).sum()),
        "nib": int(_ya(k["nib"]).sum()),
        "masuk_portal": int(masuk_portal.sum()),
        "gerai_beroperasi": int(gerai.sum()),
        "corong_portal": int((badan_hukum & masuk_portal).sum()),
        "corong_lahan": int(lahan.sum()),
        "corong_pembangunan": int((lahan & (tahap.isin(["pembangunan", "selesai"]) | gerai)).sum()),
        "corong_selesai": int((lahan & (tahap.eq("selesai") | gerai)).sum()),
        "corong_beroperasi": int((lahan & gerai).sum()),
    }
    for prefix, column, values in (
        ("tahap", "tahap_fisik", TAHAP),
        ("lahan", "status_lahan", STATUS_LAHAN),
        ("simkopdes", "akun_simkopdes", AKUN),
    ):
        counts = k[column].value_counts()
        out.update({f"{prefix}_{v}": int(counts.get(v, 0)) for v in values})
        out[f"{prefix}_tidak_diisi"] = int(k[column].isna().sum())
    return out


def nilai_dua_minggu(d: Data, f: Filter, kini, lalu) -> tuple[dict, dict | None]:
    return nilai_koperasi(d, f, kini), (nilai_koperasi(d, f, lalu) if lalu else None)


def transisi_zona(d: Data, f: Filter, kini, lalu) -> pd.DataFrame:
    """Koperasi per (zone last week, zone this week): a 4x4 frame, rows DARI, columns KE."""
    cols = ["id_koperasi", "zona_hitung"]
    sekarang = di_wilayah(_pada(d.zona, kini), f)[cols]
    sebelum = di_wilayah(_pada(d.zona, lalu), f)[cols] if lalu else sekarang.iloc[0:0]
    m = sekarang.merge(sebelum, on="id_koperasi", how="outer", suffixes=("_kini", "_lalu"), indicator=True)
    dari = m["zona_hitung_lalu"].where(m["_merge"] != "left_only", "baru")
    ke = m["zona_hitung_kini"].where(m["_merge"] != "right_only", "hilang")
    grid = pd.crosstab(dari.rename("dari"), ke.rename("ke"))
    return grid.reindex(index=list(DARI), columns=list(KE), fill_value=0).astype("int64")


def pindah_zona(d: Data, f: Filter, kini, lalu) -> dict[str, int]:
    """This week's koperasi by zone move: naik, turun, tetap, baru."""
    grid = transisi_zona(d, f, kini, lalu)
    hitung = dict.fromkeys(("naik", "turun", "tetap", "baru"), 0)
    for dari in DARI:
        for ke in ("merah", "kuning", "hijau"):  # 'hilang' is not this week's koperasi
            if dari == "baru":
                jenis = "baru"
            elif PERINGKAT[ke] == PERINGKAT[dari]:
                jenis = "tetap"
            else:
                jenis = "naik" if PERINGKAT[ke] > PERINGKAT[dari] else "turun"
            hitung[jenis] += int(grid.loc[dari, ke])
    return hitung


def zona_per_wilayah(d: Data, f: Filter, kini, lalu) -> pd.DataFrame:
    """Zone counts per area one level below the filter, this week and last; most merah first."""
    tingkat = f.group_level
    kode = f"kode_{tingkat}"
    minggu = d.zona["minggu"]
    pilih = minggu == pd.Timestamp(kini)
    if lalu:
        pilih |= minggu == pd.Timestamp(lalu)
    z = di_wilayah(d.zona[pilih], f)

    def per_area(w) -> pd.DataFrame:
        rows = _pada(z, w) if w else z.iloc[0:0]
        return rows.groupby([kode, "zona_hitung"]).size().unstack(fill_value=0).reindex(columns=ZONA, fill_value=0)

    t = per_area(kini).join(per_area(lalu).add_suffix("_lalu"), how="left").fillna(0).astype("int64")
    t = t[t[list(ZONA)].sum(axis=1) > 0].rename_axis("kode").reset_index()
    t.insert(1, "nama", t["kode"].map(d.nama[tingkat]))
    t = t[t["nama"].notna()]  # only areas of the gazetteer (the SQL's inner join)
    t = t[["kode", "nama", "hijau", "kuning", "merah", "hijau_lalu", "kuning_lalu", "merah_lalu"]]
    return t.sort_values(["merah", "nama"], ascending=[False, True], kind="stable").reset_index(drop=True)


def perlu_intervensi(d: Data, f: Filter, kini, lalu, batas_macet: int | None) -> pd.DataFrame:
    """Koperasi that are merah, turned worse, or stalled this week, with weeks in their zone."""
    zona_kini = _pada(d.zona, kini)[["id_koperasi", "zona_hitung", "aturan", "minggu_tanpa_progres"]]
    k = di_wilayah(_pada(d.koperasi, kini), f).merge(zona_kini, on="id_koperasi", how="left")
    if lalu:
        zona_lalu = _pada(d.zona, lalu)[["id_koperasi", "zona_hitung"]].rename(columns={"zona_hitung": "zona_lalu"})
        k = k.merge(zona_lalu, on="id_koperasi", how="left")
    else:
        k["zona_lalu"] = None
    k["merah"] = k["zona_hitung"].eq("merah")
    # A missing zone compares as false (the SQL's coalesce).
    k["turun"] = (k["zona_hitung"].map(PERINGKAT) < k["zona_lalu"].map(PERINGKAT)).fillna(False).astype(bool)
    membangun = k["tahap_fisik"].eq("pembangunan")
    k["macet"] = (membangun & (k["minggu_tanpa_progres"] >= batas_macet)) if batas_macet is not None else False
    p = k[k["merah"] | k["turun"] | k["macet"]]

    # Weeks of data in a row with the current zone: every week after the last one with another.
    riwayat = d.zona[d.zona["id_koperasi"].isin(p["id_koperasi"]) & (d.zona["minggu"] <= pd.Timestamp(kini))]
    riwayat = riwayat[["id_koperasi", "minggu", "zona_hitung"]].merge(
        p[["id_koperasi", "zona_hitung"]], on="id_koperasi", suffixes=("", "_kini")
    )
    lain = riwayat["zona_hitung"] != riwayat["zona_hitung_kini"]
    sejak = riwayat["minggu"].where(lain).groupby(riwayat["id_koperasi"]).transform("max")
    lama = riwayat[sejak.isna() | (riwayat["minggu"] > sejak)].groupby("id_koperasi").size()

    out = pd.DataFrame(
        {
            "kode_kabupaten": p["kode_kabupaten"],
            "kabupaten": p["kode_kabupaten"].map(d.nama["kabupaten"]),
            "kode_kecamatan": p["kode_kecamatan"],
            "kecamatan": p["kode_kecamatan"].map(d.nama["kecamatan"]),
            "desa": p["kode_desa"].map(d.nama["desa"]),
            "id_koperasi": p["id_koperasi"],
            "nama_koperasi": p["nama_koperasi"],
            "zona": p["zona_hitung"],
            "zona_lalu": p["zona_lalu"],
            "merah": p["merah"],
            "turun": p["turun"],
            "macet": p["macet"],
            "minggu_tanpa_progres": p["minggu_tanpa_progres"],
            "aturan": p["aturan"],
            "pendamping": p["pendamping"],
            "minggu_di_zona": p["id_koperasi"].map(lama).astype("int64"),
        }
    )
    out["_peringkat"] = out["zona"].map(PERINGKAT)
    out = out.sort_values(
        ["kabupaten", "kecamatan", "_peringkat", "minggu_di_zona", "desa", "nama_koperasi"],
        ascending=[True, True, True, False, True, True],
        kind="stable",
    )
    return out.drop(columns="_peringkat").reset_index(drop=True)


# --- the questions, through the analytic layer ------------------------------------------------------


def duck_minggu(con, f: Filter) -> tuple[dt.date | None, dt.date | None]:
    return periode.pilih_minggu(periode.minggu_data(con, f)["koperasi"])


def duck_nilai(con, f: Filter, kini, lalu) -> tuple[dict, dict | None]:
    return metrik.nilai(con, f, "koperasi", kini), (metrik.nilai(con, f, "koperasi", lalu) if lalu else None)


# --- comparing ------------------------------------------------------------------------------------


def _py(v):
    """One value as plain Python, so both sides compare alike (NA -> None, arrays -> lists)."""
    if isinstance(v, np.ndarray | list | tuple):
        return [str(x) for x in v]
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, np.generic):
        return v.item()
    return v


def _rows(df: pd.DataFrame) -> list[tuple]:
    return [tuple(_py(v) for v in row) for row in df.itertuples(index=False, name=None)]


def beda_frame(ours: pd.DataFrame, theirs: pd.DataFrame, urut: list[str], kunci: str) -> list[str]:
    """Differences between two result frames: columns, row count, the order of the sort keys
    (ties may come in any order), then every value row by row, matched on `kunci`."""
    if list(ours.columns) != list(theirs.columns):
        return [f"columns differ: pandas {list(ours.columns)} vs DuckDB {list(theirs.columns)}"]
    if len(ours) != len(theirs):
        return [f"row counts differ: pandas {len(ours):,} vs DuckDB {len(theirs):,}"]
    problems = []
    a, b = _rows(ours[urut]), _rows(theirs[urut])
    if a != b:
        i = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
        problems.append(f"order differs at row {i}: pandas {a[i]} vs DuckDB {b[i]}")
    a = _rows(ours.sort_values(kunci, kind="stable"))
    b = _rows(theirs.sort_values(kunci, kind="stable"))
    for x, y in zip(a, b):
        if x != y:
            diff = {c: (u, v) for c, u, v in zip(ours.columns, x, y) if u != v}
            problems.append(f"values differ ({kunci}={x[list(ours.columns).index(kunci)]}): {diff}")
            break
    return problems


def beda_nilai(ours, theirs) -> list[str]:
    if ours == theirs:
        return []
    if isinstance(ours, dict) and isinstance(theirs, dict):
        keys = sorted(set(ours) | set(theirs))
        return [f"{k}: pandas {ours.get(k)} vs DuckDB {theirs.get(k)}" for k in keys if ours.get(k) != theirs.get(k)]
    return [f"pandas {ours} vs DuckDB {theirs}"]


def beda_nilai_dua(ours, theirs) -> list[str]:
    return [f"this week: {x}" for x in beda_nilai(ours[0], theirs[0])] + [
        f"previous week: {x}" for x in beda_nilai(ours[1], theirs[1])
    ]


def beda_grid(ours: pd.DataFrame, theirs: pd.DataFrame) -> list[str]:
    return beda_nilai(ours.astype("int64").to_dict(), theirs.astype("int64").to_dict())


# --- the run --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pertanyaan:
    id: str
    label: str  # page · question, as in the report
    pandas: Callable  # (data, filter, kini, lalu, rules) -> answer
    duckdb: Callable  # (con, filter, kini, lalu, rules) -> answer
    beda: Callable[[object, object], list[str]]
    baris: Callable[[object], str]  # the answer's size, for the report


PERTANYAAN = (
    Pertanyaan(
        "nilai",
        "Ringkasan · metrik koperasi (minggu ini + lalu)",
        lambda d, f, k, lalu, r: nilai_dua_minggu(d, f, k, lalu),
        lambda con, f, k, lalu, r: duck_nilai(con, f, k, lalu),
        beda_nilai_dua,
        lambda a: f"2 × {len(a[0])}",
    ),
    Pertanyaan(
        "pindah_zona",
        "Ringkasan · pindah zona",
        lambda d, f, k, lalu, r: pindah_zona(d, f, k, lalu),
        lambda con, f, k, lalu, r: koperasi.pindah_zona(con, f, k, lalu),
        beda_nilai,
        lambda a: f"{len(a)}",
    ),
    Pertanyaan(
        "zona_per_wilayah",
        "Ringkasan, Zona · zona per wilayah",
        lambda d, f, k, lalu, r: zona_per_wilayah(d, f, k, lalu),
        lambda con, f, k, lalu, r: koperasi.zona_per_wilayah(con, f, k, lalu),
        lambda a, b: beda_frame(a, b, ["merah", "nama"], "kode"),
        lambda a: f"{len(a):,}",
    ),
    Pertanyaan(
        "perlu_intervensi",
        "Zona · perlu intervensi",
        lambda d, f, k, lalu, r: perlu_intervensi(d, f, k, lalu, r.batas_macet),
        lambda con, f, k, lalu, r: zona.perlu_intervensi(con, f, k, lalu, r),
        lambda a, b: beda_frame(
            a, b, ["kabupaten", "kecamatan", "zona", "minggu_di_zona", "desa", "nama_koperasi"], "id_koperasi"
        ),
        lambda a: f"{len(a):,}",
    ),
    Pertanyaan(
        "transisi_zona",
        "Zona · transisi zona",
        lambda d, f, k, lalu, r: transisi_zona(d, f, k, lalu),
        lambda con, f, k, lalu, r: zona.transisi_zona(con, f, k, lalu),
        beda_grid,
        lambda a: f"4 × 4 ({int(a.to_numpy().sum()):,} koperasi)",
    ),
)
MINGGU_LABEL = "Ringkasan, Zona · minggu data koperasi"


@dataclass
class Hasil:
    """One side's answers and best times per filter and question."""

    detik: dict[tuple[str, str], float] = field(default_factory=dict)
    jawaban: dict[tuple[str, str], object] = field(default_factory=dict)


def terbaik(fn: Callable[[], object], ulang: int) -> tuple[float, object]:
    best, value = math.inf, None
    for _ in range(ulang):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return best, value


def jawab(source, filters: dict[str, Filter], rules: Rules, ulang: int, pakai_pandas: bool) -> Hasil:
    """Every question for every filter on one side, the weeks first (the others need them)."""
    hasil = Hasil()
    for kode, f in filters.items():
        minggu = minggu_koperasi if pakai_pandas else duck_minggu
        detik, weeks = terbaik(partial(minggu, source, f), ulang)
        hasil.detik[kode, "minggu"], hasil.jawaban[kode, "minggu"] = detik, weeks
        kini, lalu = weeks
        if kini is None:
            continue
        for q in PERTANYAAN:
            fn = q.pandas if pakai_pandas else q.duckdb
            detik, answer = terbaik(partial(fn, source, f, kini, lalu, rules), ulang)
            hasil.detik[kode, q.id], hasil.jawaban[kode, q.id] = detik, answer
            print(f"  {'pandas' if pakai_pandas else 'duckdb'} {kode or 'nasional'} {q.id}: {detik * 1000:,.0f} ms")
    return hasil


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def _ram_gb() -> float:
    with open("/proc/meminfo", encoding="ascii") as fh:
        return int(fh.readline().split()[1]) / 2**20


def label_filter(f: Filter, nama: dict[str, str]) -> str:
    if f.level is None:
        return "nasional"
    return f"{f.level} {f.code} ({nama.get(f.code, '?')})"


def _ms(detik: float | None) -> str:
    return "–" if detik is None else f"{detik * 1000:,.0f}"


def laporan(
    args,
    filters: dict[str, Filter],
    nama_filter: dict[str, str],
    muatan: Muatan,
    puncak_pandas_mb: float,
    pd_hasil: Hasil,
    duck_hasil: Hasil,
    beda: dict[tuple[str, str], list[str]],
    catatan: list[str],
    duck_setup: str,
) -> str:
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in ("pandas", "numpy", "pyarrow", "duckdb"))
    muat_detik = sum(muatan.detik.values())
    lines = [
        "# Plain-pandas baseline of the Ringkasan and Zona questions (issue 11)",
        "",
        f"- {dt.datetime.now():%Y-%m-%d %H:%M}; {platform.machine()}, {os.cpu_count()} cores, "
        f"{_ram_gb():.0f} GB RAM, shared (load average at start {os.getloadavg()[0]:.1f}); "
        f"Python {platform.python_version()}; {versions}",
        f"- Commit {_git('rev-parse', '--short', 'HEAD')}"
        + (" (analytics/ has uncommitted changes)" if _git("status", "--porcelain", "analytics") else ""),
        f"- Database {args.db} ({Path(args.db).stat().st_size / 2**30:.1f} GB): "
        f"{muatan.baris['koperasi']:,} koperasi rows that count, {muatan.baris['zona']:,} zona_koperasi rows, "
        f"{muatan.baris['desa']:,} desa",
        f"- pandas load (DuckDB read-only → Arrow, chunks combined → pandas; the columns the questions read): "
        f"{muat_detik:.1f} s ("
        + ", ".join(f"{name} {s:.1f} s" for name, s in muatan.detik.items() if s >= 0.05)
        + f"); RSS after the load {muatan.rss_mb / 1024:.1f} GB, peak during the load {muatan.puncak_mb / 1024:.1f} GB; "
        f"peak RSS while answering {puncak_pandas_mb / 1024:.1f} GB",
        f"- Times are the best of {args.ulang}. pandas: the question alone on the loaded frames (week and "
        "region selection and the koperasi × zone join included). DuckDB: the analytic-layer function on "
        f"`analytics.db.connect()` ({duck_setup}; DataFrame fetch included). Ratio = pandas / DuckDB; "
        f"**bold** where DuckDB is not at least {TARGET:.0f}× faster.",
        "- The weeks row: DuckDB's `periode.minggu_data` also finds the lahan, SPPG and bimtek weeks; "
        "the pandas answer reads koperasi only.",
        "",
    ]
    salah = [(k, q, msgs) for (k, q), msgs in beda.items() if msgs]
    if salah:
        lines += ["**MISMATCH: the pandas answer differs from the analytic layer's:**", ""]
        lines += [f"- {label_filter(filters[k], nama_filter)} · {q}: {'; '.join(m)}" for k, q, m in salah]
        lines.append("")
    lines += [
        "| question | filter | rows | pandas ms | DuckDB ms | ratio | same answer |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    labels = {"minggu": MINGGU_LABEL, **{q.id: q.label for q in PERTANYAAN}}
    rows_of = {q.id: q.baris for q in PERTANYAAN}
    rows_of["minggu"] = lambda a: " / ".join(f"{w:%d %b}" for w in a if w)
    for kode, f in filters.items():
        total_pd = total_duck = 0.0
        for qid in labels:
            key = (kode, qid)
            if key not in pd_hasil.detik or key not in duck_hasil.detik:
                continue
            a, b = pd_hasil.detik[key], duck_hasil.detik[key]
            total_pd, total_duck = total_pd + a, total_duck + b
            ratio = a / b
            ratio_text = f"{ratio:,.1f}×" if ratio >= TARGET else f"**{ratio:,.2f}×**"
            same = "yes" if not beda.get(key) else "**NO**"
            lines.append(
                f"| {labels[qid]} | {label_filter(f, nama_filter)} | {rows_of[qid](pd_hasil.jawaban[key])} "
                f"| {_ms(a)} | {_ms(b)} | {ratio_text} | {same} |"
            )
        if total_duck:
            ratio = total_pd / total_duck
            ratio_text = f"{ratio:,.1f}×" if ratio >= TARGET else f"**{ratio:,.2f}×**"
            lines.append(
                f"| *all of the above* | {label_filter(f, nama_filter)} | | {_ms(total_pd)} | {_ms(total_duck)} "
                f"| {ratio_text} | |"
            )
    if catatan:
        lines += ["", *catatan]
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=DB_BAWAAN, help="benchmark database (a copy: it is migrated)")
    ap.add_argument(
        "--wilayah",
        action="append",
        help='region code of a filter, repeatable; "" is national (default: "", 33, 18.04, 18.04.08)',
    )
    ap.add_argument("--ulang", type=int, default=3, help="runs per question; the best counts")
    ap.add_argument("--out", type=Path, default=OUT_BAWAAN, help="where the Markdown report goes")
    args = ap.parse_args()
    filters = {code: Filter.from_code(code) for code in (args.wilayah or WILAYAH_BAWAAN)}
    rules = load_rules()

    print(f"Loading {args.db} into pandas …", flush=True)
    data, muatan = muat(args.db)
    print(f"  {sum(muatan.detik.values()):.1f} s, RSS {muatan.rss_mb:,.0f} MB (peak {muatan.puncak_mb:,.0f} MB)")
    nama_filter = {f.code: data.nama[f.level][f.code] for f in filters.values() if f.level}
    reset_ok = reset_puncak_rss()
    pd_hasil = jawab(data, filters, rules, args.ulang, pakai_pandas=True)
    puncak_pandas = puncak_rss_mb()
    del data
    gc.collect()

    con = db.connect(args.db)
    try:
        duck_setup = ", ".join(
            f"{name} {con.execute('select current_setting($n)', {'n': name}).fetchone()[0]}"
            for name in ("threads", "memory_limit")
        )
        duck_hasil = jawab(con, filters, rules, args.ulang, pakai_pandas=False)
    finally:
        con.close()

    beda: dict[tuple[str, str], list[str]] = {}
    checks = {"minggu": beda_nilai, **{q.id: q.beda for q in PERTANYAAN}}
    for key in duck_hasil.jawaban.keys() | pd_hasil.jawaban.keys():
        if key not in pd_hasil.jawaban or key not in duck_hasil.jawaban:
            beda[key] = ["only one side answered"]
            continue
        try:
            beda[key] = checks[key[1]](pd_hasil.jawaban[key], duck_hasil.jawaban[key])
        except Exception as exc:  # a comparison that cannot even run is a mismatch too
            beda[key] = [f"comparison failed: {exc!r}"]
    catatan = [] if reset_ok else ["(The peak RSS while answering includes the load: VmHWM could not be reset.)"]
    report = laporan(args, filters, nama_filter, muatan, puncak_pandas, pd_hasil, duck_hasil, beda, catatan, duck_setup)
    args.out.write_text(report, encoding="utf-8")
    print()
    print(report)
    salah = {k: v for k, v in beda.items() if v}
    if salah:
        print("=" * 80, file=sys.stderr)
        print(
            f"MISMATCH in {len(salah)} answer(s): the pandas baseline does not answer the same question:",
            file=sys.stderr,
        )
        for (kode, qid), msgs in sorted(salah.items()):
            print(f"  {kode or 'nasional'} · {qid}:", file=sys.stderr)
            for m in msgs[:10]:
                print(f"      {m}", file=sys.stderr)
        print("=" * 80, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
