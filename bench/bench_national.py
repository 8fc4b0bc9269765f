"""National-scale benchmark: 83,762 desa × 104 weeks of koperasi data.

    .venv/bin/python bench/bench_national.py [--weeks 104] [--out bench/report-national.md]

1. Builds a database with (weeks - 1) weeks of national history inserted directly in SQL (one
   koperasi per desa, attributes drawn from hashes), with upload batches and coverage per
   kabupaten-week, and computes every zone.
2. Writes the last week as an 83,762-row CSV in the template format and times it through the
   real importer: prepare (read, normalise, validate, place) and commit (rows + zone recompute).
3. Times the Ringkasan questions (summary.picture) at national, province and kabupaten filters.
Prints a Markdown report and writes it to --out. No assertion: it measures.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analytics import db, ingest, summary, zones  # noqa: E402
from analytics.filters import Filter  # noqa: E402
from analytics.wilayah import Gazetteer  # noqa: E402

HISTORY_SQL = """
insert into koperasi (batch_id, baris, minggu, tanggal_laporan, kode_provinsi, kode_kabupaten, kode_kecamatan,
    kode_desa, id_koperasi, nama_koperasi, badan_hukum, npwp, nib, masuk_portal, akun_simkopdes, status_lahan,
    tahap_fisik, progres_fisik_persen, gerai_beroperasi, jumlah_anggota, kendala, zona, pendamping, keterangan)
with w as (
    select i as minggu_ke, ($start::date + (7 * i)::integer) as minggu from range($weeks) t(i)
), d as (
    select kode, nama, split_part(kode, '.', 1) as p,
           split_part(kode, '.', 1) || '.' || split_part(kode, '.', 2) as k, kode_induk as c,
           hash(kode) % 1000 as h
    from desa
)
select b.batch_id, 2 + row_number() over (partition by w.minggu_ke, d.k order by d.kode),
       w.minggu, w.minggu, d.p, d.k, d.c, d.kode,
       d.kode || '|koperasi desa merah putih ' || lower(d.nama), 'Koperasi Desa Merah Putih ' || d.nama,
       (d.h + w.minggu_ke * 7) % 100 > 3, (d.h + w.minggu_ke * 5) % 100 > 15, (d.h + w.minggu_ke * 3) % 100 > 30,
       (d.h + w.minggu_ke * 4) % 100 > 55,
       case when (d.h + w.minggu_ke) % 10 < 7 then 'aktif' when (d.h + w.minggu_ke) % 10 < 9 then 'kendala' else 'belum' end,
       case (d.h + w.minggu_ke) % 6 when 0 then 'tidak_ada' when 1 then 'diajukan' when 2 then 'verifikasi'
            when 5 then 'ditolak' else 'terverifikasi' end,
       case (d.h + w.minggu_ke // 8) % 7 when 0 then 'belum_mulai' when 1 then 'persiapan' when 5 then 'selesai'
            when 6 then 'tidak_dapat_dibangun' else 'pembangunan' end,
       least(100, (d.h % 40) + w.minggu_ke)::double, (d.h + w.minggu_ke) % 25 = 0, 20 + d.h % 200,
       case (d.h + w.minggu_ke) % 5 when 0 then ['lahan'] when 1 then ['lahan', 'cuaca'] when 2 then ['tenaga_kerja']
            else null end,
       null, 'Pendamping ' || (d.h % 97), null
from w cross join d
join bench_batch as b on b.minggu = w.minggu and b.kode_kabupaten = d.k
"""


def timed(label, fn, results):
    t = time.perf_counter()
    value = fn()
    results.append((label, time.perf_counter() - t))
    print(f"{label}: {results[-1][1]:.2f} s", flush=True)
    return value


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--weeks", type=int, default=104)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "report-national.md")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    path = work / "nasional.duckdb"
    results: list[tuple[str, float]] = []
    con = timed("connect + gazetteer", lambda: db.connect(path), results)
    start = dt.date(2024, 11, 25)
    history = args.weeks - 1
    last = start + dt.timedelta(weeks=history)

    def build_history():
        con.execute("begin transaction")
        con.execute("""create temp table bench_batch as
            select row_number() over (order by m, k)::integer + 1000 as batch_id, m as minggu, k as kode_kabupaten
            from (select ($start::date + (7 * i)::integer) as m from range($weeks) t(i)) cross join (select kode as k from kabupaten)""",
                    {"start": start, "weeks": history})
        con.execute("""insert into upload_batch (batch_id, dataset, minggu, nama_file, sha256, diunggah_oleh, diunggah_pada,
                jumlah_baris, kabupaten, contoh)
            select batch_id, 'koperasi', minggu, 'riwayat.csv', md5(batch_id::varchar), 'bench', minggu + 7::integer, 0,
                   [kode_kabupaten], false from bench_batch""")
        con.execute("""insert into batch_cakupan select batch_id, 'koperasi', minggu, kode_kabupaten from bench_batch""")
        con.execute(HISTORY_SQL, {"start": start, "weeks": history})
        con.execute("select setval('batch_id_seq', 100000)")
        con.execute("commit")

    timed(f"history: {history} weeks inserted in SQL", build_history, results)
    rows = con.execute("select count(*) from koperasi").fetchone()[0]
    rules = zones.load_rules()

    def all_zones():
        con.execute("begin transaction")
        zones.recompute(con, rules)
        con.execute("commit")

    timed(f"zones for all {rows:,} history rows", all_zones, results)

    csv_path = work / "nasional_minggu_terakhir.csv"

    def write_file():
        con.execute(f"""copy (
            select $m::date as tanggal_laporan, kode as kode_desa, 'Koperasi Desa Merah Putih ' || nama as nama_koperasi,
                   'ya' as badan_hukum, 'ya' as npwp, case when hash(kode) % 3 = 0 then 'tidak' else 'ya' end as nib,
                   'ya' as masuk_portal, 'aktif' as akun_simkopdes, 'terverifikasi' as status_lahan,
                   'pembangunan' as tahap_fisik, replace((hash(kode) % 1000 / 10.0)::varchar, '.', ',') as progres_fisik_persen,
                   'tidak' as gerai_beroperasi, 50 + hash(kode) % 100 as jumlah_anggota, 'lahan;cuaca' as kendala,
                   '' as zona, 'Pendamping A' as pendamping, '' as keterangan
            from desa order by kode) to '{csv_path}' (header, delimiter ',')""", {"m": last})

    timed("write the national weekly CSV", write_file, results)
    data = csv_path.read_bytes()
    g = Gazetteer.load(con)
    prepared = timed(f"prepare {len(data) / 1e6:.1f} MB national file (read, validate, place)",
                     lambda: ingest.prepare(con, data, csv_path.name, "koperasi", gazetteer=g, today=last + dt.timedelta(days=7)),
                     results)
    assert not prepared.rejected and not prepared.result.errors, prepared.reason
    batch = timed("commit (rows + zone recompute from that week on)",
                  lambda: ingest.commit(con, prepared, user="bench", rules=rules), results)
    upload_total = results[-2][1] + results[-1][1]
    total_rows = con.execute("select count(*) from koperasi").fetchone()[0]
    for label, f in (("nasional", Filter()), ("provinsi Jawa Barat", Filter("32")),
                     ("kabupaten Lampung Barat", Filter.from_code("18.04")),
                     ("kecamatan Balik Bukit", Filter.from_code("18.04.04"))):
        timed(f"Ringkasan picture: {label} (first)", lambda f=f: summary.picture(con, f), results)
        timed(f"Ringkasan picture: {label} (again)", lambda f=f: summary.picture(con, f), results)
    con.close()
    size = path.stat().st_size / 1e6
    lines = [
        "# National-scale benchmark",
        "",
        f"- date: {dt.datetime.now():%Y-%m-%d %H:%M}; machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        f"- koperasi rows: {total_rows:,} ({args.weeks} weeks × 83,762 desa); database file {size:,.0f} MB",
        f"- national weekly file: {prepared.result.rows_read:,} rows, {len(data) / 1e6:.1f} MB, batch #{batch}",
        f"- **upload of the national weekly file (prepare + commit): {upload_total:.1f} s**",
        "",
        "| step | seconds |",
        "|---|---:|",
        *[f"| {label} | {sec:.2f} |" for label, sec in results],
        "",
    ]
    report = "\n".join(lines)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
