"""The inbox folder the running app imports from, and the CLI's message while the app holds the database."""

import json
import os
import shutil
import subprocess
import sys
import time

import duckdb

from analytics import kotak_masuk
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
    reports = kotak_masuk.process_inbox(fresh_db, box)
    assert [(r["file"], r["status"], r["rows_committed"]) for r in reports] == [
        ("minggu43.csv", "committed", 7),
        ("rusak.csv", "rejected", 0),
    ]
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
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "analytics",
                "ingest",
                str(FIXTURES / "koperasi_2025-10-20.csv"),
                "--db",
                str(db),
                "--json",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.close()
    assert proc.returncode == 1
    assert "sedang dipakai proses lain" in proc.stderr and "kotak" in proc.stderr


def _settle(box):
    """Make every entry of the inbox look copied a minute ago (links by their own time)."""
    old = time.time() - 60
    for p in box.iterdir():
        os.utime(p, (old, old), follow_symlinks=False)


def test_a_symlink_is_never_followed_but_moved_unread_to_ditolak(fresh_db, tmp_path):
    box = tmp_path / "kotak"
    box.mkdir()
    elsewhere = tmp_path / "rahasia"
    elsewhere.mkdir()
    shutil.copy(FIXTURES / "koperasi_2025-10-20.csv", elsewhere / "milik_orang_lain.csv")
    (box / "salinan.csv").symlink_to(elsewhere / "milik_orang_lain.csv")
    (box / "passwd.csv").symlink_to("/etc/passwd")
    _settle(box)
    reports = kotak_masuk.process_inbox(fresh_db, box)
    assert sorted((r["file"], r["status"]) for r in reports) == [
        ("passwd.csv", "rejected"),
        ("salinan.csv", "rejected"),
    ]
    for name in ("passwd.csv", "salinan.csv"):
        moved = box / "ditolak" / name
        assert moved.is_symlink()  # the link itself was moved, its target untouched
        text = (box / "ditolak" / f"{name}.laporan.json").read_text(encoding="utf-8")
        assert "tautan simbolik" in text and "root:" not in text and "Koperasi" not in text
    assert (elsewhere / "milik_orang_lain.csv").is_file()
    assert fresh_db.execute("select count(*) from upload_batch").fetchone() == (0,)


def test_a_symlinked_ditolak_folder_stops_the_inbox_without_writing_outside(fresh_db, tmp_path):
    box = tmp_path / "kotak"
    box.mkdir()
    outside = tmp_path / "luar"
    outside.mkdir()
    (box / "ditolak").symlink_to(outside, target_is_directory=True)
    (box / "rusak.csv").write_text("tanggal_laporan,kode_desa,nama_koperasi\n2025-10-20,99.99.99.9999,Kop X\n")
    _settle(box)
    reports = kotak_masuk.process_inbox(fresh_db, box)
    assert [(r["file"], r["status"]) for r in reports] == [("rusak.csv", "error")]
    assert "ditolak/" in reports[0]["errors"][0]["message"]
    assert list(outside.iterdir()) == []
    assert (box / "rusak.csv").is_file()  # left where it was until the folder is fixed


def test_a_file_that_fails_to_import_goes_to_ditolak_and_the_queue_goes_on(fresh_db, tmp_path, monkeypatch):
    box = tmp_path / "kotak"
    box.mkdir()
    (box / "racun.csv").write_text("apa saja\n")
    shutil.copy(FIXTURES / "koperasi_2025-10-20.csv", box / "baik.csv")
    old = time.time() - 60
    os.utime(box / "racun.csv", (old - 10, old - 10))  # the poison is first in the queue
    os.utime(box / "baik.csv", (old, old))
    real = kotak_masuk.ingest.prepare_path

    def prepare_path(con, name, *args, **kwargs):
        if str(name).endswith("racun.csv"):
            raise RuntimeError("pembaca rusak")
        return real(con, name, *args, **kwargs)

    monkeypatch.setattr(kotak_masuk.ingest, "prepare_path", prepare_path)
    reports = kotak_masuk.process_inbox(fresh_db, box)
    assert [(r["file"], r["status"]) for r in reports] == [("racun.csv", "rejected"), ("baik.csv", "committed")]
    saved = json.loads((box / "ditolak" / "racun.csv.laporan.json").read_text(encoding="utf-8"))
    assert "Galat saat mengimpor" in saved["errors"][0]["message"] and "RuntimeError" in saved["errors"][0]["message"]
    assert (box / "selesai" / "baik.csv").is_file()
    assert fresh_db.execute("select count(*) from koperasi_aktif").fetchone() == (7,)


def test_a_file_over_the_size_limit_is_refused_without_being_read(fresh_db, tmp_path, monkeypatch):
    box = tmp_path / "kotak"
    box.mkdir()
    with open(box / "raksasa.csv", "wb") as fh:
        fh.truncate(2 * 1024**3)  # 2 GB, sparse: nothing is written to disk

    def never(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(kotak_masuk.ingest, "prepare_path", never)
    _settle(box)
    reports = kotak_masuk.process_inbox(fresh_db, box)
    assert [(r["file"], r["status"]) for r in reports] == [("raksasa.csv", "rejected")]
    assert reports[0]["errors"][0]["message"] == "File 2048.0 MB melebihi batas 50 MB; tidak dibaca."
    assert (box / "ditolak" / "raksasa.csv").stat().st_size == 2 * 1024**3


def test_on_a_lake_one_server_imports_the_inbox_while_another_holds_its_round(lake_url, tmp_path):
    """Two servers on one lake share one inbox: a round held by the other server (its PostgreSQL
    advisory lock, on a session of its own) makes this one skip; the next round imports the file."""
    from analytics import db

    box = tmp_path / "kotak"
    box.mkdir()
    shutil.copy(FIXTURES / "koperasi_2025-10-20.csv", box / "minggu43.csv")
    old = time.time() - 60
    os.utime(box / "minggu43.csv", (old, old))
    server_a, server_b = db.connect(lake_url), db.connect(lake_url)
    try:
        with kotak_masuk.giliran(server_a) as mine:
            assert mine
            assert kotak_masuk.process_inbox(server_b, box) == []
            assert (box / "minggu43.csv").exists()
        reports = kotak_masuk.process_inbox(server_b, box)
        assert [(r["file"], r["status"], r["rows_committed"]) for r in reports] == [("minggu43.csv", "committed", 7)]
        assert server_a.execute("select count(*) from koperasi_aktif").fetchone() == (7,)
        with kotak_masuk.giliran(server_a) as mine:
            assert mine  # server B's round let go of the lock
    finally:
        server_a.close()
        server_b.close()
