"""A process killed in the middle of a large commit leaves the previous state behind."""

import os
import shutil
import signal
import subprocess
import sys

from test_ingest import checksums

from analytics import db
from conftest import ROOT


def big_koperasi_file(path, con, rows: int = 20000):
    codes = [r[0] for r in con.execute("select kode from desa order by kode limit $n", {"n": rows}).fetchall()]
    lines = ["tanggal_laporan,kode_desa,nama_koperasi,badan_hukum,tahap_fisik,progres_fisik_persen"]
    lines += [f"2025-10-27,{c},Koperasi Desa Merah Putih {c},ya,pembangunan,{i % 100}" for i, c in enumerate(codes)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(codes)


def test_killing_the_process_mid_commit_leaves_the_previous_state(loaded_db_file, tmp_path):
    path = tmp_path / "crash.duckdb"
    shutil.copy(loaded_db_file, path)
    con = db.connect(path)
    before = checksums(con)
    n = big_koperasi_file(tmp_path / "besar.csv", con)
    con.close()
    env = {**os.environ, "KDKMP_JEDA_SEBELUM_COMMIT": "60"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "analytics", "ingest", str(tmp_path / "besar.csv"), "--db", str(path)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        for line in proc.stderr:  # wait until the rows are written inside the open transaction
            if "transaksi terbuka" in line:
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    con = db.connect(path)
    after_kill = checksums(con)
    con.close()
    assert after_kill == before
    # The same file commits cleanly afterwards.
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "ingest", str(tmp_path / "besar.csv"), "--db", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    con = db.connect(path)
    try:
        assert con.execute(
            "select count(*) from koperasi_aktif where batch_id = (select max(batch_id) from upload_batch)"
        ).fetchone() == (n,)
    finally:
        con.close()
