"""`python -m analytics` as cli.md describes it: exit codes and JSON."""

import json
import shutil
import subprocess
import sys

from conftest import FIXTURES, ROOT


def cli(*args, check_json=True):
    proc = subprocess.run(
        [sys.executable, "-m", "analytics", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    out = json.loads(proc.stdout) if check_json and proc.stdout.strip().startswith("{") else proc.stdout
    return proc.returncode, out, proc.stderr


def test_ingest_commits_and_prints_the_json_report(empty_db_file, tmp_path):
    db = tmp_path / "cli.duckdb"
    shutil.copy(empty_db_file, db)
    code, out, _ = cli("ingest", FIXTURES / "koperasi_2025-10-27.csv", "--db", db, "--json")
    assert code == 0
    assert {k: out[k] for k in ("status", "dataset", "batch_id", "rows_read", "rows_committed", "minggu")} == {
        "status": "committed",
        "dataset": "koperasi",
        "batch_id": 1,
        "rows_read": 7,
        "rows_committed": 7,
        "minggu": "2025-10-27",
    }
    assert out["errors"] == [] and out["matched_names"] == []


def test_ingest_with_errors_is_rejected_with_exit_1_unless_partial(empty_db_file, tmp_path):
    db = tmp_path / "cli.duckdb"
    shutil.copy(empty_db_file, db)
    bad = tmp_path / "sebagian.csv"
    bad.write_text(
        "tanggal_laporan,kode_desa,nama_koperasi\n"
        + "".join(f"2025-10-27,18.04.04.{c},Kop {c}\n" for c in ("2005", "2007", "2009", "2010"))
        + "2025-10-27,18.04.04.9999,Kop X\n"
    )
    code, out, _ = cli("ingest", bad, "--db", db, "--json")
    assert code == 1 and out["status"] == "rejected" and out["rows_committed"] == 0
    assert out["errors"][0] == {
        "row": 6,
        "column": "kode_desa",
        "value": "18.04.04.9999",
        "message": "Kode desa tidak ada dalam daftar Kemendagri 2025.",
    }
    code, out, _ = cli("ingest", bad, "--db", db, "--json", "--partial")
    assert code == 0 and out["rows_committed"] == 4


def test_ingest_usage_error_exits_2(tmp_path):
    code, _, err = cli("ingest", tmp_path / "tidak-ada.csv", "--db", tmp_path / "x.duckdb", check_json=False)
    assert code == 2 and "tidak ada" in err


def test_summary_and_undo(loaded_store):
    db = loaded_store
    code, out, _ = cli("summary", "--kabupaten", "Lampung Barat", "--db", db, "--json")
    assert code == 0
    assert out["filter"] == {"provinsi": "18", "kabupaten": "18.04", "kecamatan": None}
    assert out["koperasi"]["terdaftar"] == 5 and out["sppg"]["status"]["beroperasi"] == 1
    code, out, _ = cli("summary", "--provinsi", "52", "--minggu", "2025-10-13", "--db", db, "--json")
    assert out["koperasi"]["minggu"] == "2025-10-06" and out["koperasi"]["terdaftar"] == 2
    # Undo the last koperasi upload (batch 4, week 2025-10-27): the summary falls back a week.
    code, out, _ = cli("undo", "4", "--db", db)
    assert code == 0 and out["kabupaten"] == ["18.04", "52.01"]
    code, out, _ = cli("summary", "--kabupaten", "18.04", "--db", db, "--json")
    assert out["koperasi"]["minggu"] == "2025-10-20" and out["koperasi"]["terdaftar"] == 5


def test_summary_with_an_unknown_name_exits_2(loaded_db_file):
    code, _, err = cli("summary", "--kabupaten", "Atlantis", "--db", loaded_db_file, "--json", check_json=False)
    assert code == 2 and "tidak dikenal" in err


def test_ingest_takes_a_simkopdes_export_with_its_week(empty_db_file, tmp_path):
    db = tmp_path / "cli.duckdb"
    shutil.copy(empty_db_file, db)
    code, out, _ = cli(
        "ingest",
        FIXTURES / "upload" / "simkopdes_statistik_desa.csv",
        "--dataset",
        "simkopdes_desa",
        "--minggu",
        "2025-10-29",
        "--db",
        db,
        "--json",
    )
    assert code == 0
    assert (out["status"], out["dataset"], out["rows_committed"], out["minggu"]) == (
        "committed",
        "simkopdes_desa",
        5,
        "2025-10-27",
    )
