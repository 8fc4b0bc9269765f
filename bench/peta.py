"""Peta at national scale: one koperasi per desa (83,762) and one SPPG per kecamatan (7,285),
written in SQL over the gazetteer; times `analytics.peta.peta()` and measures the deck JSON the
browser would receive, at national, province and kabupaten filters.

    .venv/bin/python bench/peta.py [--db /tmp/peta_bench.duckdb]

Prints a Markdown table. No assertion: it measures (the 5 MB limit is checked in tests/test_peta.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analytics import db, peta, zona  # noqa: E402
from analytics.filters import Filter  # noqa: E402
from ui import peta as ui_peta  # noqa: E402

MINGGU = dt.date(2026, 11, 16)
FILTERS = (Filter(), Filter("33"), Filter("52"), Filter("91"), Filter.from_code("33.01"), Filter.from_code("18.04"))


def build(path: Path) -> None:
    con = db.connect(path)
    for dataset in ("koperasi", "sppg"):
        batch = db.next_id(con, "batch_id")
        con.execute(
            """insert into upload_batch (batch_id, dataset, minggu, nama_file, sha256, diunggah_oleh, diunggah_pada,
                           jumlah_baris, kabupaten, contoh)
                       select $b, $d, $m, $d || '_nasional.csv', 'sintetis', 'bench', timestamp '2026-11-20 08:00', 0,
                              list(kode order by kode), false
                       from kabupaten""",
            {"b": batch, "d": dataset, "m": MINGGU},
        )
        con.execute(
            """insert into batch_cakupan (batch_id, dataset, minggu, kode_kabupaten)
                       select $b, $d, $m, kode from kabupaten""",
            {"b": batch, "d": dataset, "m": MINGGU},
        )
        if dataset == "koperasi":
            con.execute(
                """insert into koperasi (batch_id, baris, minggu, tanggal_laporan, kode_provinsi, kode_kabupaten,
                               kode_kecamatan, kode_desa, id_koperasi, nama_koperasi, badan_hukum, npwp, nib,
                               masuk_portal, akun_simkopdes, status_lahan, tahap_fisik, progres_fisik_persen,
                               gerai_beroperasi)
                           select $b, row_number() over (order by kode) + 1, $m, $m, left(kode, 2), left(kode, 5),
                                  left(kode, 8), kode, kode || '|koperasi desa merah putih ' || lower(nama),
                                  'Koperasi Desa Merah Putih ' || nama,
                                  hash(kode) % 10 > 0, hash(kode) % 7 > 1, hash(kode) % 5 > 1, hash(kode) % 3 > 0,
                                  case hash(kode) % 4 when 0 then 'kendala' when 1 then 'belum' else 'aktif' end,
                                  case hash(kode) % 6 when 0 then 'ditolak' when 1 then 'diajukan'
                                       else 'terverifikasi' end,
                                  case hash(kode) % 8 when 0 then 'tidak_dapat_dibangun' when 1 then 'selesai'
                                       when 2 then 'belum_mulai' else 'pembangunan' end,
                                  (hash(kode) % 100)::double, hash(kode) % 11 = 0
                           from desa""",
                {"b": batch, "m": MINGGU},
            )
        else:
            con.execute(
                """insert into sppg (batch_id, baris, minggu, tanggal_laporan, kode_provinsi, kode_kabupaten,
                               kode_kecamatan, nama_sppg, status, kapasitas_porsi)
                           select $b, row_number() over (order by kode) + 1, $m, $m, left(kode, 2), left(kode, 5),
                                  kode, 'SPPG ' || nama || ' 1',
                                  case hash(kode) % 4 when 0 then 'beroperasi' when 1 then 'persiapan'
                                       else 'rencana' end, 3000
                           from kecamatan""",
                {"b": batch, "m": MINGGU},
            )
    zona.aturan.recompute(con, zona.aturan.load_rules())
    con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "peta_bench.duckdb")
    args = parser.parse_args()
    for p in (args.db, Path(f"{args.db}.wal")):
        if p.exists():
            os.remove(p)
    start = time.perf_counter()
    build(args.db)
    print(f"Data sintetis nasional dibangun dalam {time.perf_counter() - start:.1f} s ({args.db})\n")
    con = db.connect(args.db)
    rules = zona.aturan.load_rules()
    minggu = {"koperasi": MINGGU, "sppg": MINGGU, "lahan": None}
    print("| filter | lapisan (objek) | deck JSON | susun (pertama / lagi) |")
    print("|---|---|---:|---:|")
    for f in FILTERS:
        times = []
        for _ in range(2):
            t = time.perf_counter()
            p = peta.peta(con, f, minggu, "zona_merah", peta.LAPISAN, rules)
            size = ui_peta.ukuran_json(p)
            times.append(time.perf_counter() - t)
        layers = ", ".join(f"{lp.id} {len(lp.data)}" for lp in p.lapisan)
        print(
            f"| {f.code or 'nasional'} | {layers} | {size / 1024 / 1024:.2f} MB | {times[0]:.2f} s / {times[1]:.2f} s |"
        )
    con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
