"""The inbox folder the running app imports from, and the CLI's message while the app holds the database."""
import json
import os
import shutil
import subprocess
import sys
import time

import duckdb

from analytics import inbox
from conftest import FIXTURES, ROOT


def test_inbox_imports_settled_files_and_writes_reports_beside_them(fresh_db, tmp_path):
    box = tmp_path / "kotak"
    box.mkdir()
    shutil.copy(FIXTURES / "koperasi_2025-10-20.csv", box / "minggu43.csv")
    (box / "rusak.csv").write_text("tanggal_laporan,kode_desa,nama_koperasi\n2025-10-20,99.99.99.9999,Kop X\n")
    (box / "catatan.docx").write_text("bukan data")
    old = time.time() - 60
    for p in box.iterdir():
        os.utime(p, (old, old))
    (box / "baru.csv").write_text("masih disalin")  # too fresh: left for the next round
    reports = inbox.process_inbox(fresh_db, box)
    assert [(r["file"], r["status"], r["rows_committed"]) for r in reports] == [
        ("minggu43.csv", "committed", 7), ("rusak.csv", "rejected", 0)]
    assert sorted(p.name for p in (box / "selesai").iterdir()) == ["minggu43.csv", "minggu43.csv.laporan.json"]
    saved = json.loads((box / "ditolak" / "rusak.csv.laporan.json").read_text(encoding="utf-8"))
    assert saved["errors"][0]["message"] == "Kode desa tidak ada dalam daftar Kemendagri 2025."
    assert sorted(p.name for p in box.iterdir() if p.is_file()) == ["baru.csv", "catatan.docx"]
    assert fresh_db.execute("select count(*) from koperasi_aktif").fetchone() == (7,)


def test_cli_ingest_while_the_database_is_held_points_to_the_inbox(empty_db_file, tmp_path):
    db = tmp_path / "dipakai.duckdb"
    shutil.copy(empty_db_file, db)
    holder = duckdb.connect(str(db))  # stands in for the running app
    try:
        proc = subprocess.run([sys.executable, "-m", "analytics", "ingest", str(FIXTURES / "koperasi_2025-10-20.csv"),
                               "--db", str(db), "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        holder.close()
    assert proc.returncode == 1
    assert "sedang dipakai proses lain" in proc.stderr and "kotak" in proc.stderr
