"""The upload corpus: files offices really send, each with the outcome an uploader should get
(tests/fixtures/upload/corpus/expected.toml), and a national file of 100,000 rows."""

import csv
import importlib.util
import io
import time
import tomllib

import pandas as pd
import pytest

from analytics import db, export, ingest
from conftest import FIXTURES, TODAY

CORPUS = FIXTURES / "upload" / "corpus"
CASES = tomllib.loads((CORPUS / "expected.toml").read_text("utf-8"))["case"]

# Every table an upload writes; a refused upload must leave each one as it was.
TABLES = ("upload_batch", "batch_cakupan", "koperasi", "lahan", "sppg", "bimtek", "simkopdes_desa", "zona_koperasi")

# The rows of one batch that count, per storage table.
ACTIVE_ROWS = {
    "koperasi": "select * from koperasi_aktif where batch_id = $b order by baris",
    "lahan": "select * from lahan_aktif where batch_id = $b order by baris",
    "sppg": "select * from sppg_aktif where batch_id = $b order by baris",
    "bimtek": "select * from bimtek_aktif where batch_id = $b order by baris",
    "simkopdes_desa": "select * from simkopdes_desa_aktif where batch_id = $b order by baris",
}


def checksums(con) -> dict:
    return {t: con.execute(f"select count(*), coalesce(sum(hash(t)), 0) from {t} as t").fetchone() for t in TABLES}


def active_rows(con, table: str, batch: int) -> list[dict]:
    cur = db.cursor(con)
    rows = cur.execute(ACTIVE_ROWS[table], {"b": batch}).fetchall()
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in rows]


def expected(value):
    """Manifest value → Python: the string "null" is None; floats compared to 9 decimals."""
    if isinstance(value, list):
        return [expected(v) for v in value]
    if value == "null":
        return None
    return round(value, 9) if isinstance(value, float) else value


def got(value):
    if isinstance(value, (list, tuple)):
        return [got(v) for v in value]
    return round(value, 9) if isinstance(value, float) else value


def triples(problems: list[dict]) -> list[tuple]:
    return [(p["row"], p["column"], p["value"]) for p in problems]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_corpus_file_gets_the_outcome_in_the_manifest(case, loaded_db, gazetteer):
    con = loaded_db
    before = checksums(con)
    name = case["file"]
    prepared = ingest.prepare(
        con,
        (CORPUS / name).read_bytes(),
        name,
        case.get("dataset", "auto"),
        gazetteer=gazetteer,
        today=TODAY,
        minggu=case.get("minggu"),
        sheet=case.get("sheet"),
    )
    report = prepared.report()
    summary = f"reason={prepared.reason!r} errors={report['errors'][:6]}"
    assert checksums(con) == before, "prepare must not write"

    if case["outcome"] == "rejected":
        assert prepared.rejected, f"expected a refusal, got {summary}"
        assert case["reason"] in prepared.reason
        if "errors" in case:
            assert triples(report["errors"]) == [tuple(expected(e)) for e in case["errors"]]
        assert checksums(con) == before
        return

    assert not prepared.rejected, f"expected rows to commit, got {summary}"
    if "detected" in case:
        assert prepared.dataset == case["detected"]
    for attribute, value in case.get("read", {}).items():
        assert getattr(prepared.table, attribute) == value, attribute
    assert triples(report["errors"]) == [tuple(expected(e)) for e in case.get("errors", [])]
    if case.get("warnings") != "any":
        warnings = {(w["row"] or 0, w["column"]) for w in report["warnings"]}
        assert warnings == {tuple(w) for w in case.get("warnings", [])}, report["warnings"]
    if "matched" in case:
        assert [(m["row"], m["found"], m["kode"]) for m in report["matched_names"]] == [
            tuple(m) for m in case["matched"]
        ]

    partial = case.get("partial", False)
    assert partial == bool(prepared.result.errors)
    if partial:
        # Valid rows only on request: a plain commit is refused and writes nothing.
        with pytest.raises(ingest.UploadRefused, match="baris bergalat"):
            ingest.commit(con, prepared)
        assert checksums(con) == before
    batch = ingest.commit(con, prepared, partial=partial)
    stored = active_rows(con, prepared.storage, batch)
    assert len(stored) == case["rows"] == len(prepared.result.rows)
    for column, values in case.get("stored", {}).items():
        assert [got(r[column]) for r in stored] == expected(values), column
    if "export_cells" in case:
        text = export.to_csv_bytes(pd.DataFrame(stored)).decode("utf-8-sig")
        cells = {cell for row in csv.reader(io.StringIO(text)) for cell in row}
        assert set(case["export_cells"]) <= cells, sorted(c for c in cells if c.startswith("'"))
    # The wording last, so that a message to improve does not hide the checks above.
    for row, column, fragment in case.get("error_messages", []):
        messages = [e["message"] for e in report["errors"] if (e["row"], e["column"]) == (row, column)]
        assert any(fragment in m for m in messages), (row, column, fragment, messages)


def test_corpus_has_a_case_for_every_file_and_every_file_is_small():
    files = {p.name for p in CORPUS.iterdir()} - {"expected.toml", "make_corpus.py", "__pycache__"}
    assert files == {c["file"] for c in CASES}
    assert len(files) >= 30
    assert all((CORPUS / f).stat().st_size < 50_000 for f in files)


def _generator():
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_national_file_of_100000_rows_is_prepared_and_committed(fresh_db, gazetteer, tmp_path, capsys):
    codes = sorted(gazetteer.names["desa"])
    path = tmp_path / "koperasi_nasional_2025-10-27.csv"
    path.write_bytes(_generator().large_koperasi_csv(codes, 100_000))
    data = path.read_bytes()

    start = time.perf_counter()
    prepared = ingest.prepare(fresh_db, data, path.name, gazetteer=gazetteer, today=TODAY)
    prepared_at = time.perf_counter()
    assert not prepared.rejected, prepared.reason
    assert prepared.result.errors == [] and prepared.result.warnings == []
    batch = ingest.commit(fresh_db, prepared)
    committed_at = time.perf_counter()
    with capsys.disabled():
        print(
            f"\n100.000 baris ({len(data) / 1e6:.1f} MB): prepare {prepared_at - start:.1f} s, "
            f"commit {committed_at - prepared_at:.1f} s"
        )

    assert fresh_db.execute(
        "select count(*), count(distinct kode_desa), count(distinct kode_kabupaten), min(minggu), max(minggu) "
        "from koperasi_aktif where batch_id = $b",
        {"b": batch},
    ).fetchone() == (100_000, len(codes), 514, pd.Timestamp("2025-10-27").date(), pd.Timestamp("2025-10-27").date())
    assert fresh_db.execute("select count(*) from koperasi_zona where zona_hitung is not null").fetchone() == (100_000,)
