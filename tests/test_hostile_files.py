"""Crafted files against the importer: each ends in a report, within a time and memory budget.

The corpus is written at test time (compression bombs of 16 MB, 256 MB and a declared 4 GB, lying
zip headers, far row numbers, declared dimensions, long lines and cells, blank-line padding, many
columns and sheets, NULs, bad UTF-8). The ones that used to take a server down run through `python -m analytics
ingest` in a subprocess under a 1.5 GB address-space limit, so that a regression fails here
instead of swapping; the others go through `ingest.prepare`, which reads in the same capped child
process as the CLI, the inbox and the upload page."""

from __future__ import annotations

import io
import json
import os
import shutil
import struct
import subprocess
import sys
import time
import zipfile

import pytest

from analytics import ingest
from conftest import ROOT, TODAY

MEMORY_LIMIT = 1536 * 1024 * 1024  # the budget: 1.5 GB, for the CLI and its reader together
SECONDS = 20
HEADER = "tanggal_laporan,kode_desa,nama_koperasi"
ROW = "2025-10-20,18.04.04.2005,Koperasi Desa Merah Putih Sebarus"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# --- The corpus ----------------------------------------------------------------------------------


def _rels(targets: list[tuple[str, str]]) -> str:
    items = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(targets, 1)
    )
    return (
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'
    )


def xlsx(sheets: list[tuple[str, object]], strings: list[str] | None = None) -> bytes:
    """A workbook as Excel lays it out. A sheet is its XML, or a callable writing it in chunks to a
    stream (for sheets too large to hold); `strings` become the shared strings."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        parts = [("/xl/workbook.xml", "sheet.main")] + [
            (f"/xl/worksheets/sheet{i}.xml", "worksheet") for i in range(1, len(sheets) + 1)
        ]
        if strings is not None:
            parts.append(("/xl/sharedStrings.xml", "sharedStrings"))
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{name}" ContentType="{kind}.{part}+xml"/>' for name, part in parts)
            + "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        listed = "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, (name, _) in enumerate(sheets, 1))
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships"><sheets>{listed}</sheets></workbook>',
        )
        targets = [("worksheet", f"worksheets/sheet{i}.xml") for i in range(1, len(sheets) + 1)]
        if strings is not None:
            targets.append(("sharedStrings", "sharedStrings.xml"))
            items = "".join(f"<si><t>{s}</t></si>" for s in strings)
            z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{items}</sst>')
        z.writestr("xl/_rels/workbook.xml.rels", _rels(targets))
        for i, (_, sheet) in enumerate(sheets, 1):
            if callable(sheet):
                with z.open(f"xl/worksheets/sheet{i}.xml", "w") as out:
                    sheet(out)
            else:
                z.writestr(f"xl/worksheets/sheet{i}.xml", sheet)
    return buf.getvalue()


def sheet_xml(rows: str, before: str = "") -> str:
    return f'<worksheet xmlns="{MAIN}">{before}<sheetData>{rows}</sheetData></worksheet>'


def text_row(number: int, values: list[str], columns: str = "ABCDEFGH") -> str:
    cells = "".join(f'<c r="{col}{number}" t="inlineStr"><is><t>{v}</t></is></c>' for col, v in zip(columns, values))
    return f'<row r="{number}">{cells}</row>'


GOOD_ROWS = text_row(1, HEADER.split(",")) + text_row(2, ROW.split(","))


def bomb(megabytes: int) -> bytes:
    """A sheet of `megabytes` of identical rows (no row numbers, so every byte repeats): packed
    several hundred times smaller."""

    def write(out):
        out.write(f'<worksheet xmlns="{MAIN}"><sheetData>{GOOD_ROWS}'.encode())
        row = "<row>" + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in ROW.split(",")) + "</row>"
        chunk = row.encode() * ((1 << 20) // len(row))
        for _ in range(megabytes * (1 << 20) // len(chunk)):
            out.write(chunk)
        out.write(b"</sheetData></worksheet>")

    return xlsx([("Data", write)])


def patch_sizes(data: bytes, member: str, size: int) -> bytes:
    """The same zip with `member` declaring another unpacked size (central directory and local header)."""
    data = bytearray(data)
    end = data.rfind(b"PK\x05\x06")
    entries, _, central = struct.unpack_from("<HII", data, end + 10)
    for _ in range(entries):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, central + 28)
        if data[central + 46 : central + 46 + name_len] == member.encode():
            struct.pack_into("<I", data, central + 24, size)
            local = struct.unpack_from("<I", data, central + 42)[0]
            struct.pack_into("<I", data, local + 22, size)
        central += 46 + name_len + extra_len + comment_len
    return bytes(data)


def lying_sizes() -> bytes:
    """A sheet that unpacks to 100 MB while its headers declare 1 MB."""
    return patch_sizes(bomb(100), "xl/worksheets/sheet1.xml", 1 << 20)


def declared_4gb() -> bytes:
    """An honest small sheet whose headers declare 4 GB unpacked."""
    return patch_sizes(xlsx([("Data", sheet_xml(GOOD_ROWS))]), "xl/worksheets/sheet1.xml", 0xFFFFFFF0)


def many_entries(n: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(n):
            z.writestr(f"xl/media/image{i}.png", b"")
    return buf.getvalue()


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + f']><worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t>'
    "</is></c></row></sheetData></worksheet>"
)

# What took a server down before: through the CLI, each in its own process under the memory limit.
# name, bytes, file name, exit code, status, fragment of the first error message
CLI_PROBES = [
    ("bom_16_mb", lambda: bomb(16), "bom16.xlsx", 1, "rejected", "bom kompresi"),
    ("bom_256_mb", lambda: bomb(256), "bom256.xlsx", 1, "rejected", "setelah dibuka"),
    (
        "baris_nomor_2_miliar",
        lambda: xlsx([("Data", sheet_xml(GOOD_ROWS + '<row r="2000000000"><c r="A2000000000"><v>1</v></c></row>'))]),
        "jauh.xlsx",
        1,
        "rejected",
        "di luar batas Excel",
    ),
    (
        "dimensi_dinyatakan_seluruh_lembar",
        lambda: xlsx([("Data", sheet_xml(GOOD_ROWS, '<dimension ref="A1:XFD1048576"/>'))]),
        "dimensi.xlsx",
        0,
        "committed",
        None,
    ),
    ("satu_baris_40_mb", lambda: b"a," * (20 << 20), "baris.csv", 1, "rejected", "lebih panjang"),
    (
        "satu_sel_40_mb",
        lambda: (HEADER + '\n2025-10-20,18.04.04.2005,"').encode()
        + b"x" * 99
        + (b"\n" + b"x" * 99) * (400_000)
        + b'"\n',
        "sel.csv",
        1,
        "rejected",
        "Baris 2:",
    ),
    (
        "45_mb_baris_kosong_lalu_data",
        lambda: (HEADER + "\n").encode() + b"\n" * (45 << 20) + ROW.encode(),
        "kosong.csv",
        1,
        "rejected",
        "1.048.576 baris",
    ),
    (
        "100000_kolom",
        lambda: (",".join(f"k{i}" for i in range(100_000)) + "\n" + ROW + "\n").encode(),
        "kolom.csv",
        1,
        "rejected",
        "batas 200 kolom",
    ),
    ("kutip_dan_koma_untuk_sniffer", lambda: b',"a' * 30_000 + b"\n", "kutip.csv", 1, "rejected", None),
    (
        "250000_baris",
        lambda: (HEADER + "\n" + "a,b,c\n" * 250_000).encode(),
        "panjang.csv",
        1,
        "rejected",
        "200.000 baris data",
    ),
]

# Refused from their structure alone, cheaply: through ingest.prepare (the same capped reader).
PREPARE_PROBES = [
    ("ukuran_4_gb_dinyatakan", declared_4gb, "besar.xlsx", "setelah dibuka"),
    ("ukuran_dinyatakan_berbohong", lying_sizes, "bohong.xlsx", "bukan file Excel .xlsx"),
    (
        "nilai_di_kolom_xfd",
        lambda: xlsx([("Data", sheet_xml(GOOD_ROWS + '<row r="3"><c r="XFD3"><v>1</v></c></row>'))]),
        "lebar.xlsx",
        "16.384 kolom; batas 200",
    ),
    ("2000_bagian_zip", lambda: many_entries(2000), "bagian.xlsx", "2.001 bagian"),
    ("dtd_billion_laughs", lambda: xlsx([("Data", BILLION_LAUGHS)]), "lol.xlsx", "DTD"),
    ("45_mb_baris_kosong_saja", lambda: b"\r\n" * (22 << 20), "hampa.csv", "File kosong"),
]


# Runs the CLI under the memory limit and reports the largest resident set among the CLI and its
# reader process (RUSAGE_CHILDREN of a fresh process covers exactly those).
_UNDER_LIMIT = """
import json, resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))
proc = subprocess.run(sys.argv[2:], capture_output=True)
print(json.dumps({"code": proc.returncode, "out": proc.stdout.decode("utf-8", "replace"),
                  "err": proc.stderr.decode("utf-8", "replace"),
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024}))
"""


def run_cli(path, db) -> tuple[int, dict | None, str, float, int]:
    """Exit code, JSON report, stdout+stderr, seconds, peak resident memory in MB."""
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            _UNDER_LIMIT,
            str(MEMORY_LIMIT),
            sys.executable,
            "-m",
            "analytics",
            "ingest",
            str(path),
            "--db",
            str(db),
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    report = json.loads(got["out"]) if got["out"].strip().startswith("{") else None
    return got["code"], report, got["out"] + got["err"], seconds, got["peak_mb"]


@pytest.fixture
def cli_db(empty_db_file, tmp_path):
    db = tmp_path / "uji.duckdb"
    shutil.copy(empty_db_file, db)
    return db


@pytest.mark.parametrize("name, build, file_name, code, status, fragment", CLI_PROBES, ids=[p[0] for p in CLI_PROBES])
def test_crafted_file_ends_in_a_report_within_budget_through_the_cli(
    name, build, file_name, code, status, fragment, cli_db, tmp_path
):
    path = tmp_path / file_name
    path.write_bytes(build())
    assert path.stat().st_size <= 50 * 1024 * 1024, "a probe must be under batas_unggah_mb to reach the reader"
    got, report, text, seconds, peak = run_cli(path, cli_db)
    assert "Traceback" not in text, text[-2000:]
    assert (got, report and report["status"]) == (code, status), text[-2000:]
    if fragment:
        assert fragment in report["errors"][0]["message"], report["errors"]
    assert seconds < SECONDS, f"{name}: {seconds:.1f} s"
    assert peak < MEMORY_LIMIT // (1024 * 1024), f"{name}: {peak} MB"
    print(f"\n{name}: {seconds:.1f} s, puncak {peak} MB", end="")


def test_a_reader_that_fails_is_exit_3_with_one_line_not_a_rejection(cli_db, tmp_path):
    settings = tmp_path / "pengaturan.toml"
    settings.write_text('batas_baris = "banyak"\n')  # a broken setting: the reader itself fails
    path = tmp_path / "biasa.csv"
    path.write_text(HEADER + "\n" + ROW + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "analytics", "ingest", str(path), "--db", str(cli_db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KDKMP_SETTINGS": str(settings)},
    )
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("Galat internal pengimpor"), proc.stderr


# --- Through ingest.prepare (the same capped reader, without a CLI start each) ---------------------


@pytest.mark.parametrize("name, build, file_name, fragment", PREPARE_PROBES, ids=[p[0] for p in PREPARE_PROBES])
def test_crafted_file_is_refused_from_its_structure(name, build, file_name, fragment, fresh_db, gazetteer):
    prepared = prepare(fresh_db, gazetteer, build(), file_name)
    assert prepared.rejected and fragment in prepared.reason, prepared.reason


@pytest.mark.parametrize(
    "cap, fragment",
    [("batas_waktu_baca_detik = 1", "lebih dari 1 detik"), ("batas_memori_baca_mb = 150", "lebih dari 150 MB memori")],
)
def test_the_reader_is_stopped_at_its_time_and_memory_caps(cap, fragment, fresh_db, gazetteer, tmp_path, monkeypatch):
    settings = tmp_path / "pengaturan.toml"
    settings.write_text(f"batas_baris = 1048576\n{cap}\n")
    monkeypatch.setenv("KDKMP_SETTINGS", str(settings))
    # A million rows of twenty cells: seconds of work and several hundred MB for the reader.
    data = (",".join(f"k{j}" for j in range(20)) + "\n").encode() + (b"1," * 19 + b"1\n") * 1_000_000
    start = time.perf_counter()
    prepared = ingest.prepare(fresh_db, data, "besar.csv", gazetteer=gazetteer, today=TODAY)
    assert prepared.rejected and fragment in prepared.reason, prepared.reason
    assert time.perf_counter() - start < SECONDS


def prepare(con, gazetteer, data: bytes, name: str, **kw):
    start = time.perf_counter()
    prepared = ingest.prepare(con, data, name, gazetteer=gazetteer, today=TODAY, **kw)
    assert time.perf_counter() - start < SECONDS
    return prepared


def test_nul_and_control_characters_are_removed_with_a_warning_naming_row_and_column(fresh_db, gazetteer):
    filler = "".join(f"2025-10-20,18.04.04.2007,Koperasi Desa Merah Putih Gunung Sugih {i}\n" for i in range(70))
    data = (HEADER + "\n" + filler + "2025-10-20,18.04.04.2005,Koperasi\x00 Desa\x07 Merah Putih Sebarus\n").encode()
    assert data.index(b"\x00") > 4096
    prepared = prepare(fresh_db, gazetteer, data, "nul.csv")
    assert not prepared.rejected, prepared.reason
    warnings = [w for w in prepared.report()["warnings"] if "Karakter kendali" in w["message"]]
    assert [(w["row"], w["column"], w["value"]) for w in warnings] == [
        (72, "nama_koperasi", "Koperasi\\x00 Desa\\x07 Merah Putih Sebarus")
    ]
    assert prepared.result.rows["nama_koperasi"].iloc[-1] == "Koperasi Desa Merah Putih Sebarus"


def test_control_characters_in_many_cells_are_listed_up_to_fifty_then_counted(fresh_db, gazetteer):
    rows = "".join(f"2025-10-20,18.04.04.2005,Kop\x01 {i}\n" for i in range(300))
    prepared = prepare(fresh_db, gazetteer, (HEADER + "\n" + rows).encode(), "banyak.csv")
    notes = [w for w in prepared.report()["warnings"] if "Karakter kendali" in w["message"]]
    assert len(notes) == 51
    assert notes[0]["row"] is None and "250 sel lain" in notes[0]["message"]  # a row-less note sorts first


def test_one_invalid_byte_in_a_utf8_file_is_refused_naming_its_line(fresh_db, gazetteer):
    lines = [HEADER] + [f"2025-10-20,18.04.04.2005,Koperasi Désa {i}" for i in range(10)]
    data = "\n".join(lines).encode("utf-8").replace("Désa 4".encode(), b"D\xe9sa 4")
    prepared = prepare(fresh_db, gazetteer, data, "rusak.csv")
    assert prepared.rejected
    assert "baris 6" in prepared.reason and "UTF-8" in prepared.reason, prepared.reason


def test_a_genuine_windows_1252_file_is_still_read(fresh_db, gazetteer):
    data = (HEADER + ",pendamping\n" + ROW + ",José Muñoz – «ok»\n").encode("cp1252")
    prepared = prepare(fresh_db, gazetteer, data, "ansi.csv")
    assert not prepared.rejected, prepared.reason
    assert prepared.table.encoding == "windows-1252"
    assert prepared.result.rows["pendamping"].tolist() == ["José Muñoz – «ok»"]


def test_a_cell_over_excels_32767_characters_is_refused_naming_row_and_column(fresh_db, gazetteer):
    data = (HEADER + "\n" + ROW + "\n2025-10-20,18.04.04.2005," + "x" * 40_000 + "\n").encode()
    prepared = prepare(fresh_db, gazetteer, data, "sel.csv")
    assert prepared.rejected and "Baris 3 kolom 3" in prepared.reason, prepared.reason
    big = xlsx(
        [("Data", sheet_xml(text_row(1, HEADER.split(",")) + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'))],
        strings=["y" * 40_000],
    )
    prepared = prepare(fresh_db, gazetteer, big, "sel.xlsx")
    assert prepared.rejected and "32.767" in prepared.reason, prepared.reason


def test_excel_escapes_of_control_characters_are_removed_with_a_warning(fresh_db, gazetteer):
    rows = (
        text_row(1, HEADER.split(",")) + '<row r="2"><c r="A2" t="inlineStr"><is><t>2025-10-20</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>18.04.04.2005</t></is></c><c r="C2" t="s"><v>0</v></c></row>'
    )
    prepared = prepare(
        fresh_db, gazetteer, xlsx([("Data", sheet_xml(rows))], strings=["Koperasi_x0000_ Sebarus"]), "escape.xlsx"
    )
    assert not prepared.rejected, prepared.reason
    assert prepared.result.rows["nama_koperasi"].tolist() == ["Koperasi Sebarus"]
    assert [(w["row"], w["column"]) for w in prepared.report()["warnings"]] == [(2, "nama_koperasi")]


def test_the_sheet_with_the_table_is_found_among_hundreds_reading_only_their_first_rows(fresh_db, gazetteer):
    filler = sheet_xml("".join(text_row(r, ["catatan", "lain"]) for r in range(1, 200)))
    sheets = [(f"Catatan {i}", filler) for i in range(300)] + [("Data", sheet_xml(GOOD_ROWS))]
    prepared = prepare(fresh_db, gazetteer, xlsx(sheets), "lembar.xlsx")
    assert not prepared.rejected, prepared.reason
    assert prepared.table.sheet == "Data" and len(prepared.result.rows) == 1


def test_blank_rows_cost_nothing_but_a_footer_is_still_told_from_the_table(fresh_db, gazetteer):
    # Excel's "CSV" of a sheet formatted to row 1,000,000: the blank rows are counted, not kept.
    data = (HEADER + "\n" + ROW + "\n" + ",,\n" * 1_000_000).encode()
    prepared = prepare(fresh_db, gazetteer, data, "excel.csv")
    assert not prepared.rejected and len(prepared.result.rows) == 1, prepared.reason
    # A sheet with formatted empty rows down to Excel's last row, and its one data row there.
    empty = "".join(f'<row r="{r}" s="1" customFormat="1"/>' for r in range(3, 100_000))
    last = (
        '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>2025-10-20</t></is></c>'
        '<c r="B1048576" t="inlineStr"><is><t>18.04.04.2007</t></is></c>'
        '<c r="C1048576" t="inlineStr"><is><t>Koperasi Desa Merah Putih Gunung Sugih</t></is></c></row>'
    )
    prepared = prepare(fresh_db, gazetteer, xlsx([("Data", sheet_xml(GOOD_ROWS + empty + last))]), "format.xlsx")
    assert not prepared.rejected, prepared.reason
    assert prepared.result.rows["baris"].tolist() == [2, 1048576]


def test_alternating_blank_and_data_rows_are_read_in_linear_time(fresh_db, gazetteer):
    # The footer search used to look at every row below every blank row: quadratic.
    data = ("a,b,c,d,e\n" + "1,2,3,4,5\n\n" * 40_000).encode()
    start = time.perf_counter()
    prepared = prepare(fresh_db, gazetteer, data, "selang.csv")
    assert prepared.rejected and "tidak dikenali" in prepared.reason
    assert prepared.table.file_rows[-1] == 80_000 and len(prepared.table.rows) == 40_000
    assert time.perf_counter() - start < 10
