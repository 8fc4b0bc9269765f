"""The importer: read → normalise → validate → commit in one transaction; replace and undo."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from analytics import ingest, zona
from conftest import FIXTURES, TODAY, ingest_file

HEADER = "tanggal_laporan,kode_desa,nama_koperasi,badan_hukum,akun_simkopdes,tahap_fisik,progres_fisik_persen,jumlah_anggota,kendala"


def prepare(con, text: str | bytes, gazetteer, name="uji.csv", **kw):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return ingest.prepare(con, data, name, kw.pop("dataset", "auto"), gazetteer=gazetteer, today=TODAY, **kw)


def checksums(con) -> dict:
    """Content fingerprint of every table an upload writes."""
    out = {}
    for table in ("upload_batch", "batch_cakupan", "koperasi", "lahan", "sppg", "bimtek", "zona_koperasi"):
        out[table] = con.execute(f"select count(*), coalesce(sum(hash(t)), 0) from {table} as t").fetchone()
    return out


def counts(con, minggu="2025-10-27"):
    return con.execute(
        "select kode_kabupaten, count(*) from koperasi_aktif where minggu = $m group by all order by 1", {"m": minggu}
    ).fetchall()


def test_canonical_file_is_committed_with_every_row(fresh_db, gazetteer):
    batch = ingest_file(fresh_db, FIXTURES / "koperasi_2025-10-27.csv", gazetteer)
    assert counts(fresh_db) == [("18.04", 5), ("52.01", 2)]
    row = fresh_db.execute(
        "select dataset, minggu, nama_file, jumlah_baris, kabupaten, length(sha256) from upload_batch where batch_id = $b",
        {"b": batch},
    ).fetchone()
    assert row == ("koperasi", dt.date(2025, 10, 27), "koperasi_2025-10-27.csv", 7, ["18.04", "52.01"], 64)


def test_upload_replaces_only_the_kabupaten_in_the_file_and_undo_restores(fresh_db, gazetteer):
    ingest_file(fresh_db, FIXTURES / "koperasi_2025-10-27.csv", gazetteer)
    update = HEADER + "\n2025-10-29,18.04.04.2005,Koperasi Desa Merah Putih Sebarus,ya,aktif,selesai,100,95,\n"
    prepared, batch = ingest.ingest_bytes(fresh_db, update.encode(), "koreksi.csv", gazetteer=gazetteer, today=TODAY)
    assert batch is not None
    # Lampung Barat now holds the one corrected row; Lombok Barat is untouched.
    assert counts(fresh_db) == [("18.04", 1), ("52.01", 2)]
    ingest.undo(fresh_db, batch)
    assert counts(fresh_db) == [("18.04", 5), ("52.01", 2)]
    with pytest.raises(ingest.UploadRefused, match="sudah dibatalkan"):
        ingest.undo(fresh_db, batch)


def test_same_file_twice_changes_nothing_the_second_time(fresh_db, gazetteer):
    path = FIXTURES / "koperasi_2025-10-27.csv"
    first = ingest_file(fresh_db, path, gazetteer)
    before = checksums(fresh_db)
    prepared = prepare(fresh_db, path.read_bytes(), gazetteer, name=path.name)
    with pytest.raises(ingest.UploadRefused, match=f"sudah diunggah.*#{first}"):
        ingest.commit(fresh_db, prepared)
    assert checksums(fresh_db) == before


def test_a_failure_mid_commit_leaves_the_previous_state(fresh_db, gazetteer, monkeypatch):
    ingest_file(fresh_db, FIXTURES / "koperasi_2025-10-20.csv", gazetteer)
    before = checksums(fresh_db)
    prepared = prepare(fresh_db, (FIXTURES / "koperasi_2025-10-27.csv").read_bytes(), gazetteer)

    def boom(*args, **kwargs):
        raise RuntimeError("listrik padam")

    monkeypatch.setattr(zona.aturan, "recompute", boom)
    with pytest.raises(RuntimeError):
        ingest.commit(fresh_db, prepared)
    assert checksums(fresh_db) == before


def test_rejected_file_leaves_the_database_unchanged(fresh_db, gazetteer):
    ingest_file(fresh_db, FIXTURES / "koperasi_2025-10-20.csv", gazetteer)
    before = checksums(fresh_db)
    bad = (
        HEADER
        + "\n2025-10-27,99.99.99.9999,Kop X,ya,aktif,selesai,100,1,\n2025-10-27,18.04.04.2005,,ya,aktif,selesai,100,1,\n"
    )
    prepared, batch = ingest.ingest_bytes(fresh_db, bad.encode(), "rusak.csv", gazetteer=gazetteer, today=TODAY)
    assert batch is None and prepared.rejected
    assert checksums(fresh_db) == before


def test_errors_name_the_file_row_column_and_value(fresh_db, gazetteer):
    rows = [
        "2025-10-27,18.04.04.2005,Kop A,ya,aktif,selesai,100,10,",
        "2025-10-27,18.04.04.2007,Kop B,mungkin,aktif,selesai,100,10,",
        "2025-10-27,18.04.04.2009,Kop C,ya,aktif,selesai,150,10,",
        "2025-10-27,18.04.04.2010,Kop D,ya,aktif,selesai,100,-4,",
        "2099-01-05,18.04.04.2011,Kop E,ya,aktif,selesai,100,10,",
        "2025-10-27,18.04.04.2012,Kop F,ya,aktif,dibongkar,100,10,",
        "2025-10-27,18.04.04.2005,Kop A,ya,aktif,selesai,100,10,",
        *[
            f"2025-10-27,18.04.04.{c},Kop {c},ya,aktif,selesai,100,10,"
            for c in ("1001", "1003", "2002", "2004", "2006", "2008")
        ],
        "31/02/2025,18.04.04.2008,Kop G,ya,aktif,selesai,100,10,",
        "2025-10-27,18.04.08.2001,Kop H,ya,aktif,selesai,100,10,bencana",
    ]
    prepared = prepare(fresh_db, HEADER + "\n" + "\n".join(rows) + "\n", gazetteer)
    got = [(e["row"], e["column"], e["value"]) for e in prepared.report()["errors"]]
    assert got == [
        (3, "badan_hukum", "mungkin"),
        (4, "progres_fisik_persen", "150"),
        (5, "jumlah_anggota", "-4"),
        (6, "tanggal_laporan", "2099-01-05"),
        (7, "tahap_fisik", "dibongkar"),
        (8, "nama_koperasi", "Kop A"),
        (15, "tanggal_laporan", "31/02/2025"),
        (16, "kendala", "bencana"),
    ]
    messages = {e["row"]: e["message"] for e in prepared.report()["errors"]}
    assert messages[3] == "Diharapkan ya atau tidak (ya/tidak/y/t/1/0/sudah/belum)."
    assert messages[6] == "Tanggal di masa depan: minggu laporan belum dimulai."
    assert messages[15] == "Diharapkan tanggal yang ada di kalender."
    assert messages[8] == "Koperasi yang sama muncul dua kali dalam satu minggu (sama dengan baris 2)."
    # 8 of 15 rows bad: more than a quarter, so the whole file is refused.
    assert prepared.rejected and "8 dari 15 baris" in prepared.reason


def test_missing_required_column_rejects_the_file(fresh_db, gazetteer):
    prepared = prepare(fresh_db, "tanggal_laporan,kode_desa\n2025-10-27,18.04.04.2005\n", gazetteer, dataset="koperasi")
    assert prepared.rejected and prepared.reason == "Kolom wajib tidak ada: nama_koperasi."


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "File kosong (0 bita)."),
        (b"\n\n", "File kosong."),
        (HEADER.encode() + b"\n", "File hanya berisi baris judul, tanpa data."),
        (b"\x00\x01\x02binary\x00", "bukan teks CSV"),
        (b"a,b,c\n1,2,3\n", "Jenis data tidak dikenali"),
    ],
)
def test_unreadable_or_empty_files_are_rejected_with_a_reason(fresh_db, gazetteer, content, reason):
    prepared = prepare(fresh_db, content, gazetteer)
    assert prepared.rejected and reason in prepared.reason


def test_semicolons_bom_and_indonesian_numbers_are_read(fresh_db, gazetteer):
    text = (
        "\ufeffTanggal Laporan;Kode Desa;Nama Koperasi;Badan Hukum;Progres Fisik Persen;Jumlah Anggota\n"
        "20 Oktober 2025;1804042005;Koperasi Sebarus;Sudah;45,5;1.166\n"
    )
    prepared = prepare(fresh_db, text, gazetteer)
    assert not prepared.rejected and prepared.result.errors == []
    row = prepared.result.rows.iloc[0]
    assert (
        row["kode_desa"],
        row["badan_hukum"],
        row["progres_fisik_persen"],
        row["jumlah_anggota"],
        row["minggu"],
    ) == ("18.04.04.2005", True, 45.5, 1166, dt.date(2025, 10, 20))
    assert prepared.table.delimiter == ";" and prepared.table.encoding == "utf-8-sig"


def test_windows_1252_names_are_decoded(fresh_db, gazetteer):
    text = "tanggal_laporan,kode_desa,nama_koperasi\n2025-10-27,18.04.04.2005,Koperasi Caf\xe9 Sebarus\n"
    prepared = prepare(fresh_db, text.encode("cp1252"), gazetteer)
    assert prepared.result.rows.iloc[0]["nama_koperasi"] == "Koperasi Café Sebarus"
    assert prepared.table.encoding == "windows-1252"


def test_names_with_prefixes_are_matched_and_reported(fresh_db, gazetteer):
    text = (
        "tanggal_laporan,provinsi,kab/kota,kec,desa/kelurahan,nama_koperasi\n"
        "2025-10-27,Lampung,Kab. Lampung Barat,Kec. Balik Bukit,Pekon Sebarus,Kop Sebarus\n"
        "2025-10-27,Lampung,Lampung Barat,Balikbukit,Gunung Sugih,Kop GS\n"
    )
    prepared = prepare(fresh_db, text, gazetteer)
    assert prepared.result.errors == []
    assert list(prepared.result.rows["kode_desa"]) == ["18.04.04.2005", "18.04.04.2007"]
    assert prepared.report()["matched_names"] == [
        {"row": 2, "found": "Kab. Lampung Barat", "matched": "Kabupaten Lampung Barat", "kode": "18.04"},
        {"row": 2, "found": "Kec. Balik Bukit", "matched": "Balik Bukit", "kode": "18.04.04"},
        {"row": 2, "found": "Pekon Sebarus", "matched": "Sebarus", "kode": "18.04.04.2005"},
        {"row": 3, "found": "Balikbukit", "matched": "Balik Bukit", "kode": "18.04.04"},
    ]


def test_unknown_desa_name_is_an_error_with_candidates(fresh_db, gazetteer):
    text = (
        "tanggal_laporan,kabupaten,kecamatan,desa,nama_koperasi\n"
        "2025-10-27,Lampung Barat,Balik Bukit,Kampung Antah Berantah,Kop X\n"
    )
    prepared = prepare(fresh_db, text, gazetteer)
    (error,) = prepared.report()["errors"]
    assert (error["row"], error["column"], error["value"]) == (2, "desa", "Kampung Antah Berantah")
    assert error["message"].startswith("Nama desa tidak ditemukan di Balik Bukit.")


def test_xlsx_with_a_title_block_above_the_header(fresh_db, gazetteer):
    wb = Workbook()
    ws = wb.active
    ws.append(["LAPORAN MINGGUAN KDKMP KABUPATEN LAMPUNG BARAT"])
    ws.append(["Minggu 44"])
    ws.append([])
    ws.append(["Tanggal Laporan", "Kode Desa", "Nama Koperasi", "Progres (%)"])
    ws.append([dt.datetime(2025, 10, 27), 1804042005, "Kop Sebarus", 40])
    buf = io.BytesIO()
    wb.save(buf)
    prepared = prepare(fresh_db, buf.getvalue(), gazetteer, name="laporan.xlsx")
    assert prepared.table.header_row == 4
    assert prepared.result.errors == []
    row = prepared.result.rows.iloc[0]
    assert (row["baris"], row["kode_desa"], row["progres_fisik_persen"], row["minggu"]) == (
        5,
        "18.04.04.2005",
        40.0,
        dt.date(2025, 10, 27),
    )


def test_partial_commit_keeps_only_valid_rows(fresh_db, gazetteer):
    text = (
        HEADER
        + "\n"
        + "\n".join(
            [
                "2025-10-27,18.04.04.2005,Kop A,ya,aktif,selesai,100,10,",
                "2025-10-27,18.04.04.2007,Kop B,ya,aktif,selesai,100,10,",
                "2025-10-27,18.04.04.2009,Kop C,ya,aktif,selesai,100,10,",
                "2025-10-27,18.04.04.2010,Kop D,ya,aktif,selesai,100,10,",
                "2025-10-27,18.04.04.2011,Kop E,ya,aktif,selesai,ratus,10,",
            ]
        )
        + "\n"
    )
    prepared = prepare(fresh_db, text, gazetteer)
    assert not prepared.rejected
    with pytest.raises(ingest.UploadRefused, match="1 baris bergalat"):
        ingest.commit(fresh_db, prepared)
    ingest.commit(fresh_db, prepared, partial=True)
    assert counts(fresh_db) == [("18.04", 4)]


def test_coordinates_swapped_or_outside_indonesia_are_warnings_and_not_kept(fresh_db, gazetteer):
    prepared = prepare(fresh_db, (FIXTURES / "lahan_2025-10-27.csv").read_bytes(), gazetteer)
    (warn_small, warn_swap) = sorted(prepared.report()["warnings"], key=lambda w: w["row"])
    assert (warn_small["row"], warn_small["column"]) == (3, "luas_m2")
    assert (warn_swap["row"], warn_swap["column"], warn_swap["message"]) == (
        4,
        "lat/lon",
        "Lintang dan bujur tertukar; tidak digambar di peta.",
    )
    rows = prepared.result.rows.set_index("id_lahan")
    assert rows.loc["LB-003", "lat"] is None and rows.loc["LB-003", "luas_m2"] == 2500.0


def test_remove_demo_deletes_only_demo_batches(fresh_db, gazetteer):
    ingest_file(fresh_db, FIXTURES / "koperasi_2025-10-20.csv", gazetteer)
    ingest_file(fresh_db, FIXTURES / "koperasi_2025-10-27.csv", gazetteer, demo=True)
    assert ingest.remove_demo(fresh_db) == 1
    assert fresh_db.execute("select count(*), count(distinct minggu) from koperasi_zona").fetchone() == (7, 1)
    assert fresh_db.execute("select count(*) from zona_koperasi").fetchone() == (7,)


def test_data_version_changes_only_for_filters_the_upload_or_undo_touches(fresh_db, gazetteer):
    """Page caches are keyed by it: an upload from Lampung Barat leaves NTB's cached answers valid."""
    from analytics import unggahan
    from analytics.filters import Filter

    ingest_file(fresh_db, FIXTURES / "koperasi_2025-10-27.csv", gazetteer)
    filters = {
        "nasional": Filter(),
        "lampung": Filter("18"),
        "lampung_barat": Filter("18", "18.04"),
        "kecamatan": Filter("18", "18.04", "18.04.04"),
        "ntb": Filter("52"),
        "lombok_barat": Filter("52", "52.01"),
    }
    before = {k: unggahan.versi_data(fresh_db, f) for k, f in filters.items()}
    update = HEADER + "\n2025-10-29,18.04.04.2005,Koperasi Desa Merah Putih Sebarus,ya,aktif,selesai,100,95,\n"
    _, batch = ingest.ingest_bytes(fresh_db, update.encode(), "koreksi.csv", gazetteer=gazetteer, today=TODAY)
    after = {k: unggahan.versi_data(fresh_db, f) for k, f in filters.items()}
    changed = {k for k in filters if after[k] != before[k]}
    assert changed == {"nasional", "lampung", "lampung_barat", "kecamatan"}
    ingest.undo(fresh_db, batch)
    undone = {k: unggahan.versi_data(fresh_db, f) for k, f in filters.items()}
    assert {k for k in filters if undone[k] != after[k]} == {"nasional", "lampung", "lampung_barat", "kecamatan"}
    # Who is expected to report is one national setting: every filter's answers may change.
    from analytics import kelengkapan

    kelengkapan.atur_wajib_lapor(fresh_db, "koperasi", ["52.01"], "admin")
    assigned = {k: unggahan.versi_data(fresh_db, f) for k, f in filters.items()}
    assert all(assigned[k] != undone[k] for k in filters)
