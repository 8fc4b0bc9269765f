"""The national benchmark database: every dataset at national scale, built once and cached.

    .venv/bin/python bench/nasional.py [--rebuild]      # build (or reuse) and print the paths

| dataset | what is generated |
|---|---|
| koperasi | one per desa (83,762) × 104 weekly reports |
| sppg | 30,000 sites spread over the kecamatan, weekly status over the last 52 weeks |
| lahan | one candidate parcel for ~95 % of desa (~79,600), weekly over the last 52 weeks |
| bimtek | 4,000 events over the 104 weeks |
| simkopdes_desa | the SIMKOPDES village statistics of every desa, every 4 weeks over the last 52 |

Every week but the last is written with bulk SQL into the very tables the importer fills, with
one upload batch and its coverage per (dataset, week, kabupaten) as an office upload makes:
going through `ingest.prepare`/`commit` would take about 6 s per national weekly koperasi file
alone (see the report), i.e. hours for 104 weeks × five datasets. The last week of every dataset
is written as a file in its upload format (templates; the SIMKOPDES export as downloaded, placed
by names) for bench_national.py to time through the real importer.

The result is cached under bench/cache/ (git-ignored), keyed by the sizes, BUILD, the migrations
and the zone rules; a rerun reuses it. Values are drawn from hashes of the codes, so every build holds the same data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analytics import db, zona  # noqa: E402

# Bump when the generated data changes: a new cache file is built beside the old one.
BUILD = 1
# A snapshot run (bench_national.py --rev) keeps using the checkout's cache.
CACHE = Path(os.environ.get("KDKMP_BENCH_CACHE") or ROOT / "bench" / "cache")
MINGGU_AKHIR = dt.date(2026, 11, 16)  # the last week, as in the demo
DATASETS = ("koperasi", "lahan", "sppg", "bimtek", "simkopdes_desa")


@dataclass(frozen=True)
class Ukuran:
    minggu_koperasi: int = 104
    minggu_lain: int = 52  # sppg, lahan and the SIMKOPDES statistics
    sppg: int = 30_000
    bimtek: int = 4_000
    simkopdes_setiap: int = 4  # weeks between two SIMKOPDES exports

    @property
    def awal(self) -> dt.date:
        return MINGGU_AKHIR - dt.timedelta(weeks=self.minggu_koperasi - 1)

    @property
    def awal_lain(self) -> dt.date:
        return MINGGU_AKHIR - dt.timedelta(weeks=self.minggu_lain - 1)

    @property
    def kunci(self) -> str:
        return f"k{self.minggu_koperasi}-m{self.minggu_lain}-s{self.sppg}-t{self.bimtek}-d{self.simkopdes_setiap}"


def skema() -> str:
    """A digest of the migrations and zone rules: a database built under others is built again
    (migrations are applied once per version number, so an edited one cannot be replayed)."""
    digest = hashlib.sha256()
    for _, path in db.migrations():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(zona.aturan.load_rules().digest.encode())
    return digest.hexdigest()[:10]


# A few weeks and sites only: the same pipeline in seconds.
KECIL = Ukuran(minggu_koperasi=6, minggu_lain=4, sppg=2_000, bimtek=100, simkopdes_setiap=2)


@dataclass(frozen=True)
class Basis:
    """The cached history database and the last week's files beside it."""

    db: Path
    files: dict[str, Path]  # dataset → file of the last week, in upload order
    dibangun: bool = False  # built by this call (else read from the cache)


# --------------------------------------------------------------------------------------------
# Rows of every week (the last included), one select per dataset. Each returns the storage
# table's columns (without batch_id and baris) plus `urut`, the order of rows inside a file.
# `mk` is the week's index; `h` a hash of the row's identity that drives every attribute.

KOPERASI = """
with w as (
    select i as mk, ($awal::date + (7 * i)::integer) as minggu from range($minggu) t(i)
), d as (
    select kode, nama, kode_induk as kode_kecamatan, split_part(kode, '.', 1) as kode_provinsi,
           left(kode, 5) as kode_kabupaten, hash(kode) as h
    from desa
), s as (
    -- t: weeks since the koperasi entered construction preparation (negative: not yet)
    select w.mk, w.minggu, d.*, (w.mk + (d.h % 60)::integer - 30) as t,
           (w.mk + (d.h % 100)::integer) as adm
    from w cross join d
), tahap as (
    select *,
           case when h % 17 = 0 and t >= 0 then 'tidak_dapat_dibangun'
                when t < 0 then 'belum_mulai' when t < 15 then 'persiapan'
                when t < 75 then 'pembangunan' else 'selesai' end as tahap_fisik
    from s
)
select minggu, minggu + ((h // 7) % 5)::integer as tanggal_laporan, kode_provinsi, kode_kabupaten,
       kode_kecamatan, kode as kode_desa,
       -- the importer's koperasi_id(): code and the name lowercased with punctuation as spaces
       kode || '|' || trim(regexp_replace(lower('Koperasi Desa Merah Putih ' || nama), '[^0-9a-z]+', ' ', 'g'))
           as id_koperasi,
       'Koperasi Desa Merah Putih ' || nama as nama_koperasi,
       adm > 20 as badan_hukum, adm > 35 as npwp, adm > 50 as nib, t >= 5 as masuk_portal,
       case when adm <= 60 then 'belum' when h % 10 < 8 then 'aktif' else 'kendala' end as akun_simkopdes,
       case when h % 23 = 0 then 'ditolak' when t < -15 then 'tidak_ada' when t < -5 then 'diajukan'
            when t < 0 then 'verifikasi' else 'terverifikasi' end as status_lahan,
       tahap_fisik,
       case when tahap_fisik = 'pembangunan' then
                -- one koperasi in eleven stalls at 30 %: rule M4 fires for it
                case when h % 11 = 0 then least(30.0, (t - 15) * 1.6) else least(99.0, (t - 15) * 1.6) end
            when tahap_fisik = 'selesai' then 100.0 else 0.0 end as progres_fisik_persen,
       tahap_fisik = 'selesai' and t > 85 as gerai_beroperasi,
       (20 + h % 200 + mk)::integer as jumlah_anggota,
       case when tahap_fisik = 'tidak_dapat_dibangun' then ['lahan']
            when (h + mk) % 7 = 0 then ['cuaca']
            when (h + mk) % 13 = 0 then ['tenaga_kerja', 'pembiayaan']
            when akun_simkopdes = 'kendala' then ['jaringan'] end as kendala,
       null::varchar as zona,
       'Pendamping ' || kode_kecamatan || '-' || (h % 3)::varchar as pendamping,
       null::varchar as keterangan,
       kode as urut
from tahap
"""

SPPG = """
with w as (
    select i as mk, ($awal::date + (7 * i)::integer) as minggu from range($minggu) t(i)
), kec as (
    select kode, kode_induk, nama, lat, lon, (row_number() over (order by kode) - 1)::ubigint as nomor
    from kecamatan
), tempat as (
    -- the kecamatan of each site, computed once: an equi-join, not a comparison per pair
    select s.i, hash(s.i * 7 + 3) % n.n as nomor
    from range($jumlah) s(i) cross join (select count(*)::ubigint as n from kecamatan) as n
), situs as (
    select t.i, k.kode as kode_kecamatan, k.kode_induk as kode_kabupaten, split_part(k.kode, '.', 1) as kode_provinsi,
           k.nama, k.lat, k.lon, hash(t.i) as h,
           row_number() over (partition by k.kode order by t.i) as ke
    from tempat as t
    join kec as k on k.nomor = t.nomor
), jadwal as (
    select *, (h % 40)::integer as mulai, (h % 40 + 2 + (h // 40) % 8)::integer as siap,
           (h % 40 + 5 + (h // 40) % 8 + (h // 320) % 12)::integer as operasi
    from situs
)
select w.minggu, w.minggu + ((j.h // 11) % 5)::integer as tanggal_laporan, j.kode_provinsi, j.kode_kabupaten,
       j.kode_kecamatan, null::varchar as kode_desa, 'SPPG ' || j.nama || ' ' || j.ke::varchar as nama_sppg,
       case when w.mk < j.siap then 'rencana' when w.mk < j.operasi then 'persiapan'
            when (j.h + w.mk) % 53 = 0 then 'ditutup_sementara' else 'beroperasi' end as status,
       case when w.mk >= j.operasi then $awal::date + 7 * j.operasi end as tanggal_operasi,
       round(j.lat + (((j.h // 7) % 2001)::integer - 1000) / 50000.0, 5) as lat,
       round(j.lon + (((j.h // 13) % 2001)::integer - 1000) / 50000.0, 5) as lon,
       3000 as kapasitas_porsi,
       case when w.mk >= j.operasi then (2000 + j.h % 1000)::integer end as penerima_manfaat,
       case when w.mk >= j.operasi then (3 + (j.h // 3) % 25)::integer end as pemasok_lokal,
       j.kode_kecamatan || lpad(j.ke::varchar, 4, '0') as urut
from w join jadwal as j on w.mk >= j.mulai
"""

LAHAN = """
with w as (
    select i as mk, ($awal::date + (7 * i)::integer) as minggu from range($minggu) t(i)
), p as (
    select kode, kode_induk, nama, lat, lon, hash(kode || '/lahan') as h
    from desa
    where hash(kode || '/lahan') % 100 < 95
), s as (
    select w.mk, w.minggu, p.*, w.mk - (p.h % 30)::integer as umur from w join p on w.mk >= (p.h % 30)::integer
)
select minggu, minggu + ((h // 5) % 5)::integer as tanggal_laporan, 'L-' || replace(kode, '.', '') as id_lahan,
       split_part(kode, '.', 1) as kode_provinsi, left(kode, 5) as kode_kabupaten, kode_induk as kode_kecamatan,
       kode as kode_desa, 'Koperasi Desa Merah Putih ' || nama as nama_koperasi,
       case when h % 20 < 10 then 'tanah_kas_desa' when h % 20 < 13 then 'aset_pemkab' when h % 20 = 13 then 'aset_pemkot'
            when h % 20 = 14 then 'aset_pemprov' when h % 20 = 15 then 'aset_pusat_bumn' when h % 20 = 16 then 'hibah'
            when h % 20 = 17 then 'sewa' else 'lainnya' end as sumber_lahan,
       (400 + (h // 20) % 4600)::double as luas_m2,
       case when umur < 3 then 'diajukan' when umur < 6 then 'sedang_diverifikasi'
            else ['terverifikasi', 'terverifikasi', 'terverifikasi', 'terverifikasi', 'terverifikasi', 'selesai',
                  'ditolak', 'perlu_verifikasi_lanjutan', 'dipertimbangkan', 'tidak_ada_lahan'][1 + ((h // 7) % 10)::integer]
       end as status_verifikasi,
       ['TNI', 'Agrinas', 'Business Assistant', 'Koperasi', 'Pemda'][1 + ((h // 11) % 5)::integer] as verifikator,
       case when h % 50 <> 0 then round(lat + (((h // 3) % 801)::integer - 400) / 100000.0, 5) end as lat,
       case when h % 50 <> 0 then round(lon + (((h // 17) % 801)::integer - 400) / 100000.0, 5) end as lon,
       case when h % 9 = 0 then ['lahan'] when h % 9 = 1 then ['administrasi'] end as kendala,
       null::varchar as keterangan,
       kode as urut
from s
"""

BIMTEK = """
with kab as (
    select kode, kode_induk, (row_number() over (order by kode) - 1)::ubigint as nomor from kabupaten
), kec as (
    select kode, kode_induk, (row_number() over (partition by kode_induk order by kode) - 1)::ubigint as nomor,
           count(*) over (partition by kode_induk) as n
    from kecamatan
), e as (
    select i, hash(i * 13 + 1) as h, hash(i * 13 + 1) % n.n as nomor
    from range($jumlah) t(i) cross join (select count(*)::ubigint as n from kabupaten) as n
), ev as (
    select e.i, e.h, k.kode as kode_kabupaten, k.kode_induk as kode_provinsi, ((e.h // 1000) % $minggu)::integer as mk,
           ['ketua_koperasi', 'pengurus', 'pengawas', 'pendamping', 'lainnya'][1 + ((e.h // 13) % 5)::integer] as kategori
    from e join kab as k on k.nomor = e.nomor
)
select $awal::date + 7 * ev.mk as minggu, $awal::date + (7 * ev.mk + (ev.h // 7) % 5)::integer as tanggal,
       ev.kode_provinsi, ev.kode_kabupaten, c.kode as kode_kecamatan,
       'Bimtek ' || replace(ev.kategori, '_', ' ') || ' angkatan ' || (1 + ev.i % 9)::varchar as nama_kegiatan,
       (10 + (ev.h // 100) % 50)::integer as jumlah_peserta, ev.kategori as kategori_peserta,
       lpad(ev.i::varchar, 6, '0') as urut
from ev
left join kec as c on c.kode_induk = ev.kode_kabupaten and c.nomor = (ev.h // 3) % c.n
"""

SIMKOPDES_DESA = """
with w as (
    select i as mk, ($awal::date + (7 * i)::integer) as minggu, (i // $setiap) as ke
    from range($minggu) t(i)
    where (i + 1) % $setiap = $minggu % $setiap
), d as (
    select kode, kode_induk, hash(kode || '/simkopdes') as h, (row_number() over (order by kode))::integer as nomor
    from desa
), s as (
    select w.minggu, w.ke, d.*, (d.h % 16 <= w.ke + 2) as berakun from w cross join d
)
select minggu, split_part(kode, '.', 1) as kode_provinsi, left(kode, 5) as kode_kabupaten,
       kode_induk as kode_kecamatan, kode as kode_desa, (90000000 + nomor)::varchar as id_desa_simkopdes,
       1 as koperasi, berakun::integer as akun, (berakun and h % 5 > 0)::integer as npwp,
       (berakun and h % 20 > 4)::integer as nib, (berakun and ke >= 6 and h % 3 = 0)::integer as rat,
       case when berakun then ((h // 7) % 200) * (ke + 1) else 0 end::bigint as volume_transaksi,
       case when berakun then ((h // 7) % 200) * (ke + 1) * (15000 + h % 50000) else 0 end::double as nilai_transaksi,
       case when berakun then 500000 + (h // 11) % 5000000 else 0 end::double as simpanan_total,
       kode as urut
from s
"""

# The storage table, its columns (as in the importer's INSERT), the select above, and its weeks.
_SUMBER = {
    "koperasi": ("koperasi", KOPERASI, "awal"),
    "lahan": ("lahan", LAHAN, "awal_lain"),
    "sppg": ("sppg", SPPG, "awal_lain"),
    "bimtek": ("bimtek", BIMTEK, "awal"),
    "simkopdes_desa": ("simkopdes_desa", SIMKOPDES_DESA, "awal_lain"),
}


def _params(dataset: str, u: Ukuran) -> dict:
    _, _, awal = _SUMBER[dataset]
    minggu = u.minggu_koperasi if awal == "awal" else u.minggu_lain
    return {
        "awal": getattr(u, awal),
        "minggu": minggu,
        "jumlah": u.sppg if dataset == "sppg" else u.bimtek,
        "setiap": u.simkopdes_setiap,
        "akhir": MINGGU_AKHIR,
        "ds": dataset,
    }


def _run(con, sql: str, params: dict):
    """Execute with the parameters the statement names (DuckDB refuses unused ones)."""
    return con.execute(sql, {k: v for k, v in params.items() if re.search(rf"\${k}\b", sql)})


def _columns(con, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_name = $t order by ordinal_position",
        {"t": table},
    ).fetchall()
    return [r[0] for r in rows if r[0] not in ("batch_id", "baris")]


def _history(con, dataset: str, u: Ukuran) -> int:
    """Every week before the last: one batch per (week, kabupaten) with its coverage and rows."""
    table, sql, _ = _SUMBER[dataset]
    params = _params(dataset, u)
    cols = _columns(con, table)
    first = con.execute("select coalesce(max(batch_id), 0) from upload_batch").fetchone()[0] + 1
    con.execute("begin transaction")
    _run(
        con,
        f"create or replace temp table bench_batch as select (row_number() over (order by minggu, kode_kabupaten) "
        f"+ {int(first) - 1})::integer as batch_id, minggu, kode_kabupaten, n from "
        f"(select minggu, kode_kabupaten, count(*) as n from ({sql}) where minggu < $akhir group by all)",
        params,
    )
    # Uploaded between Thursday and the next Wednesday: most on time, some late (kelengkapan).
    _run(
        con,
        """insert into upload_batch (batch_id, dataset, minggu, nama_file, sha256, diunggah_oleh, diunggah_pada,
            jumlah_baris, kabupaten, contoh, sumber)
        select batch_id, $ds, minggu, $ds || '_' || kode_kabupaten || '_' || strftime(minggu, '%Y-%m-%d') || '.csv',
               md5(batch_id::varchar), 'bench', minggu + to_days((3 + hash(kode_kabupaten) % 7)::integer) + interval 9 hour,
               n, [kode_kabupaten], false, case when $ds = 'simkopdes_desa' then 'simkopdes_desa' else 'templat' end
        from bench_batch""",
        params,
    )
    _run(
        con,
        "insert into batch_cakupan (batch_id, dataset, minggu, kode_kabupaten) "
        "select batch_id, $ds, minggu, kode_kabupaten from bench_batch",
        params,
    )
    select = ", ".join(f"r.{c}" for c in cols)
    _run(
        con,
        f"""insert into {table} (batch_id, baris, {", ".join(cols)})
        select b.batch_id, (row_number() over (partition by r.minggu, r.kode_kabupaten order by r.urut) + 1)::integer,
               {select}
        from ({sql}) as r
        join bench_batch as b on b.minggu = r.minggu and b.kode_kabupaten = r.kode_kabupaten""",
        params,
    )
    con.execute("drop table bench_batch")
    # Uploads after the history take their ids from the counter (migration 012): past these.
    con.execute(
        "update penghitung set nilai = greatest(nilai, (select max(batch_id) from upload_batch)) where nama = 'batch_id'"
    )
    con.execute("commit")
    return con.execute(f"select count(*) from {table}").fetchone()[0]


# The last week as upload files: template columns, Indonesian yes/no words and decimal commas.
_FILE = {
    "koperasi": """select tanggal_laporan, kode_desa, nama_koperasi,
            case when badan_hukum then 'ya' else 'tidak' end as badan_hukum,
            case when npwp then 'ya' else 'tidak' end as npwp, case when nib then 'ya' else 'tidak' end as nib,
            case when masuk_portal then 'ya' else 'tidak' end as masuk_portal, akun_simkopdes, status_lahan, tahap_fisik,
            replace(progres_fisik_persen::varchar, '.', ',') as progres_fisik_persen,
            case when gerai_beroperasi then 'ya' else 'tidak' end as gerai_beroperasi, jumlah_anggota,
            array_to_string(kendala, ';') as kendala, pendamping
        from ({sql}) where minggu = $akhir order by urut""",
    "lahan": """select id_lahan, tanggal_laporan, kode_desa, nama_koperasi, sumber_lahan,
            replace(luas_m2::varchar, '.', ',') as luas_m2, status_verifikasi, verifikator, lat, lon,
            array_to_string(kendala, ';') as kendala
        from ({sql}) where minggu = $akhir order by urut""",
    "sppg": """select tanggal_laporan, kode_kecamatan, nama_sppg, status, tanggal_operasi, lat, lon, kapasitas_porsi,
            penerima_manfaat, pemasok_lokal
        from ({sql}) where minggu = $akhir order by urut""",
    "bimtek": """select b.tanggal, b.kode_kabupaten, c.nama as kecamatan, b.nama_kegiatan, b.jumlah_peserta,
            b.kategori_peserta
        from ({sql}) as b left join kecamatan as c on c.kode = b.kode_kecamatan
        where b.minggu = $akhir order by b.urut""",
    # The SIMKOPDES export as downloaded: names only (placed by the importer's name matching).
    "simkopdes_desa": """select split_part(s.kode_desa, '.', 1)::integer as province_id, upper(p.nama) as province,
            replace(s.kode_kabupaten, '.', '')::integer as district_id,
            upper(case when k.jenis = 'kota' then 'Kota ' else 'Kab. ' end || k.nama_singkat) as district,
            replace(s.kode_kecamatan, '.', '')::integer as subdistrict_id, c.nama as subdistrict,
            s.id_desa_simkopdes as village_id, d.nama as village, s.koperasi as cooperatives,
            s.akun as accounts_count, s.npwp as npwp_count, s.nib as nib_count, s.rat as rat_count,
            s.volume_transaksi as transaction_volume, s.nilai_transaksi::bigint as transaction_value,
            s.simpanan_total::bigint as savings_total_amount
        from ({sql}) as s
        join desa as d on d.kode = s.kode_desa
        join kecamatan as c on c.kode = s.kode_kecamatan
        join kabupaten as k on k.kode = s.kode_kabupaten
        join provinsi as p on p.kode = s.kode_provinsi
        where s.minggu = $akhir order by s.urut""",
}


def _write_file(con, dataset: str, u: Ukuran, path: Path) -> int:
    _, sql, _ = _SUMBER[dataset]
    query = _FILE[dataset].format(sql=sql)
    # COPY takes no bound parameters: the rows go through a temp table first.
    _run(con, f"create or replace temp table bench_file as {query}", _params(dataset, u))
    con.execute(f"copy bench_file to '{path}' (header, delimiter ',')")
    n = con.execute("select count(*) from bench_file").fetchone()[0]
    con.execute("drop table bench_file")
    return n


def _files(directory: Path) -> dict[str, Path]:
    return {ds: directory / f"{ds}_nasional_{MINGGU_AKHIR.isoformat()}.csv" for ds in DATASETS}


def _log(text: str) -> None:
    print(text, flush=True)


def build(u: Ukuran | None = None, *, rebuild: bool = False, log=_log) -> Basis:
    """The cached history database and last-week files, built when missing (minutes)."""
    u = u or Ukuran()
    directory = CACHE / f"nasional-{u.kunci}-b{BUILD}-{skema()}"
    path = directory / "riwayat.duckdb"
    files = _files(directory)
    done = directory / "SELESAI"
    if done.exists() and not rebuild:
        log(f"cache: {path} ({path.stat().st_size / 1e6:,.0f} MB)")
        return Basis(path, files)
    # Caches of the same sizes under another build or schema are stale: a few GB each.
    for old in CACHE.glob(f"nasional-{u.kunci}-*"):
        log(f"removing the stale cache {old.name}")
        shutil.rmtree(old)
    directory.mkdir(parents=True)
    log(f"building {directory} (minutes; later runs reuse it)")
    start = time.perf_counter()
    con = db.connect(path)
    for dataset in DATASETS:
        t = time.perf_counter()
        rows = _history(con, dataset, u)
        log(f"  {dataset}: {rows:,} rows of history in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    zona.aturan.ensure_current(con, zona.aturan.load_rules())
    log(f"  zones of every koperasi row: {time.perf_counter() - t:.1f} s")
    for dataset, file in files.items():
        n = _write_file(con, dataset, u, file)
        log(f"  last week file {file.name}: {n:,} rows, {file.stat().st_size / 1e6:.1f} MB")
    con.execute("checkpoint")
    con.close()
    done.write_text(f"built {dt.datetime.now():%Y-%m-%d %H:%M} in {time.perf_counter() - start:.0f} s\n")
    log(f"built {path} in {time.perf_counter() - start:.0f} s ({path.stat().st_size / 1e6:,.0f} MB)")
    return Basis(path, files, dibangun=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rebuild", action="store_true", help="build again even when a cache exists")
    ap.add_argument("--kecil", action="store_true", help=f"a small database ({KECIL}) to try the pipeline")
    args = ap.parse_args()
    basis = build(KECIL if args.kecil else Ukuran(), rebuild=args.rebuild)
    print(basis.db)
    for f in basis.files.values():
        print(f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
