"""Lake mode (issue 12) with real processes: several servers, each its own OS process, on one lake.

Writers are the CLI (`python -m analytics ingest`) run through tests/lake_worker.py, which holds each
one inside its open transaction just before commit until the test lets it go: uploads meet at a
barrier, not after a sleep. Readers are the same helper answering counts and the NTB summary."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading

import pytest
from lake_worker import JUMLAH, SIAP_COMMIT, TANDA, TENGAH_RINGKASAN, jawaban
from test_crash import big_koperasi_file
from test_ingest import checksums

from analytics import db, kualitas, zona
from conftest import FIXTURES, KOPERASI_FILES, OTHER_FILES, ROOT, ingest_file

WORKER = ROOT / "tests" / "lake_worker.py"
MINGGU = "2025-10-27"
# Every wait on a child is bounded: a hung process fails the test instead of the CI job. Generous,
# because the 2-core CI machine runs other suites meanwhile; a normal run needs a few seconds.
BATAS_DETIK = 180


class Proses:
    """A child process whose stdout (JSON lines) and stderr are drained in the background, since a
    pipe nobody reads would block it; the markers of lake_worker.py arrive in queues of their own."""

    def __init__(self, argv: list[str]):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("KDKMP_JEDA_SEBELUM_COMMIT", None)
        self.popen = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group: cleanup reaches the file reader it starts
        )
        # None at the end of a stream: a child that died is reported at once, not after the timeout.
        self.keluaran: queue.Queue[str | None] = queue.Queue()
        self.tanda: dict[str, queue.Queue[int | None]] = {SIAP_COMMIT: queue.Queue(), TENGAH_RINGKASAN: queue.Queue()}
        self.percobaan: list[int] = []  # the commit attempts of a writer, 1, 2, … (2: written again)
        self.galat: list[str] = []
        self._threads = [
            threading.Thread(target=self._drain_stdout, daemon=True),
            threading.Thread(target=self._drain_stderr, daemon=True),
        ]
        for t in self._threads:
            t.start()

    def _drain_stdout(self) -> None:
        for line in self.popen.stdout:
            self.keluaran.put(line)
        self.keluaran.put(None)

    def _drain_stderr(self) -> None:
        for line in self.popen.stderr:
            parts = line.split()
            if len(parts) == 3 and parts[0] == TANDA and parts[1] in self.tanda:
                if parts[1] == SIAP_COMMIT:
                    self.percobaan.append(int(parts[2]))
                self.tanda[parts[1]].put(int(parts[2]))
            else:
                self.galat.append(line)
        for q in self.tanda.values():
            q.put(None)

    def why(self) -> str:
        return f"pid {self.popen.pid}, kode keluar {self.popen.poll()}, stderr:\n{''.join(self.galat)[-3000:]}"

    def tunggu(self, name: str) -> int:
        """Block until the child is held at `name`; how many times it has got there."""
        try:
            n = self.tanda[name].get(timeout=BATAS_DETIK)
        except queue.Empty:
            n = None
        if n is None:
            pytest.fail(f"proses tidak sampai di {name}; {self.why()}")
        return n

    def kirim(self, line: str) -> None:
        self.popen.stdin.write(line + "\n")
        self.popen.stdin.flush()

    def jawaban(self) -> dict:
        """The reader's next answer."""
        try:
            line = self.keluaran.get(timeout=BATAS_DETIK)
        except queue.Empty:
            line = None
        if line is None:
            pytest.fail(f"pembaca tidak menjawab; {self.why()}")
        return json.loads(line)

    def selesai(self) -> int:
        """Wait for the exit (bounded) and for the pipes to be drained; the exit code."""
        try:
            code = self.popen.wait(timeout=BATAS_DETIK)
        except subprocess.TimeoutExpired:
            pytest.fail(f"proses tidak selesai dalam {BATAS_DETIK} s; {self.why()}")
        for t in self._threads:
            t.join(timeout=BATAS_DETIK)
        return code

    def sisa(self) -> list[dict]:
        """The answers not yet taken, after selesai()."""
        return [json.loads(line) for line in self.keluaran.queue if line is not None]

    def laporan(self) -> dict:
        """The CLI's JSON report (its last stdout line), after selesai()."""
        lines = self.sisa()
        assert lines, f"tidak ada laporan JSON; {self.why()}"
        return lines[-1]

    def hentikan(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=BATAS_DETIK)
        for stream in (self.popen.stdin, self.popen.stdout, self.popen.stderr):
            stream.close()


@pytest.fixture
def proses():
    """Start children with proses(argv); any still running at the end is killed, by its own group id."""
    started: list[Proses] = []

    def start(argv: list[str]) -> Proses:
        started.append(Proses(argv))
        return started[-1]

    yield start
    for p in started:
        p.hentikan()


@pytest.fixture(scope="module")
def lake_template(postgres, tmp_path_factory) -> tuple[str, str]:
    """An empty lake, migrated and with the zone and data-quality rules recorded, made once: (catalog
    database, data folder). Made before any child starts: children starting on a new lake would all
    set it up."""
    data = str(tmp_path_factory.mktemp("lake-proses"))
    con = db.connect("ducklake:postgres:" + postgres.create_database("templat_proses"), lake_data=data)
    try:
        zona.aturan.ensure_current(con, zona.aturan.load_rules())
        kualitas.aturan.ensure_current(con, kualitas.load_aturan())
    finally:
        con.close()
    return "templat_proses", data


@pytest.fixture
def lake_url(lake_template, postgres, monkeypatch, request) -> str:
    """A lake of the test's own, copied from the template (conftest's lake_url builds one from
    nothing, seconds slower); copies share the template's data folder, whose files are never rewritten."""
    template, data = lake_template
    monkeypatch.setenv("KDKMP_LAKE_DATA", data)
    name = "proses_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[5:55]
    return "ducklake:postgres:" + postgres.create_database(name, template=template)


@pytest.fixture
def lake(lake_url):
    """A connection to the test's lake: it sets up files and checks what the children did."""
    con = db.connect(lake_url)
    yield con
    con.close()


def ingest_cli(path, lake_url: str) -> list[str]:
    """`python -m analytics ingest FILE --db LAKE --json` through the helper, held before commit."""
    return [sys.executable, str(WORKER), "ingest", str(path), "--db", lake_url, "--json"]


def koperasi_csv(path, con, kabupaten: str, rows: int, progres: int) -> list[str]:
    """A koperasi file for the first `rows` desa of one kabupaten in week MINGGU; their codes."""
    codes = [
        r[0]
        for r in con.execute(
            "select kode from desa where kode like $p order by kode limit $n", {"p": kabupaten + ".%", "n": rows}
        ).fetchall()
    ]
    assert len(codes) == rows
    lines = ["tanggal_laporan,kode_desa,nama_koperasi,badan_hukum,tahap_fisik,progres_fisik_persen"]
    lines += [f"{MINGGU},{c},Koperasi Desa Merah Putih {c},ya,pembangunan,{progres}" for c in codes]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return codes


def held_together(writers: list[Proses]) -> None:
    """Both writers hold an open transaction with all their rows written, then both commit."""
    for w in writers:
        assert w.tunggu(SIAP_COMMIT) == 1
    for w in writers:
        w.kirim("lanjut")


def one_row_per_koperasi_per_week(con) -> None:
    """No koperasi counts twice in a week, every counting row has exactly one zone, and every batch
    has all of its rows (nothing half-written)."""
    assert (
        con.execute(
            "select minggu, id_koperasi, count(*) from koperasi_aktif group by all having count(*) > 1"
        ).fetchall()
        == []
    )
    assert (
        con.execute(
            "select minggu, id_koperasi, count(*) from zona_koperasi group by all having count(*) > 1"
        ).fetchall()
        == []
    )
    assert (
        con.execute(
            """(select minggu, id_koperasi from zona_koperasi except select minggu, id_koperasi from koperasi_aktif)
               union all
               (select minggu, id_koperasi from koperasi_aktif except select minggu, id_koperasi from zona_koperasi)"""
        ).fetchall()
        == []
    )
    assert (
        con.execute(
            """select b.batch_id, b.jumlah_baris, count(k.batch_id)
               from upload_batch as b left join koperasi as k using (batch_id)
               where b.dataset = 'koperasi'
               group by all having count(k.batch_id) <> b.jumlah_baris"""
        ).fetchall()
        == []
    )


def test_an_upload_through_one_process_is_seen_by_a_reader_process_started_before_it(lake, lake_url, proses):
    reader = proses([sys.executable, str(WORKER), "baca", lake_url])
    # upload_batch, batch_cakupan, koperasi, koperasi_aktif, zona_koperasi
    assert reader.jawaban() == {"jumlah": [0, 0, 0, 0, 0]}
    upload = subprocess.run(
        [sys.executable, "-m", "analytics", "ingest", str(FIXTURES / "koperasi_2025-10-27.csv"), "--db", lake_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BATAS_DETIK,
    )
    assert upload.returncode == 0, upload.stderr
    reader.kirim("lagi")
    # Lampung Barat 5 and Lombok Barat 2 koperasi, one batch covering both kabupaten.
    assert reader.jawaban() == {"jumlah": [1, 2, 7, 7, 7]}
    reader.popen.stdin.close()
    assert reader.selesai() == 0, reader.why()


def test_two_processes_uploading_different_kabupaten_at_once_both_land(lake, lake_url, proses, tmp_path):
    lombok = koperasi_csv(tmp_path / "lombok_barat.csv", lake, "52.01", rows=30, progres=40)
    lampung = koperasi_csv(tmp_path / "lampung_barat.csv", lake, "18.04", rows=40, progres=60)
    writers = [proses(ingest_cli(tmp_path / name, lake_url)) for name in ("lombok_barat.csv", "lampung_barat.csv")]
    held_together(writers)
    assert [w.selesai() for w in writers] == [0, 0], [w.why() for w in writers]
    reports = [w.laporan() for w in writers]
    assert [(r["status"], r["rows_committed"]) for r in reports] == [("committed", 30), ("committed", 40)]
    assert sorted(r["batch_id"] for r in reports) == [1, 2]
    # Both held open transactions at once, so the second commit met the first and was written again.
    assert sorted(w.percobaan for w in writers) == [[1], [1, 2]]
    assert lake.execute(
        "select kode_kabupaten, count(*), min(batch_id), max(batch_id) from koperasi_aktif group by all order by 1"
    ).fetchall() == [
        ("18.04", 40, reports[1]["batch_id"], reports[1]["batch_id"]),
        ("52.01", 30, reports[0]["batch_id"], reports[0]["batch_id"]),
    ]
    assert sorted(r[0] for r in lake.execute("select kode_desa from koperasi").fetchall()) == sorted(lombok + lampung)
    assert lake.execute(JUMLAH).fetchone() == (2, 2, 70, 70, 70)
    assert lake.execute("select count(*) from audit where aksi = 'unggah'").fetchone() == (2,)
    one_row_per_koperasi_per_week(lake)


def test_two_processes_uploading_one_kabupaten_and_week_at_once_leave_one_file_counting(
    lake, lake_url, proses, tmp_path
):
    files = {
        "pertama.csv": koperasi_csv(tmp_path / "pertama.csv", lake, "52.01", rows=30, progres=40),
        "kedua.csv": koperasi_csv(tmp_path / "kedua.csv", lake, "52.01", rows=20, progres=70),
    }
    writers = [proses(ingest_cli(tmp_path / name, lake_url)) for name in files]
    held_together(writers)
    codes = [w.selesai() for w in writers]
    reports = [w.laporan() for w in writers]
    committed = [(r["batch_id"], name) for r, name in zip(reports, files) if r["status"] == "committed"]
    refused = [r for r in reports if r["status"] != "committed"]
    # The first to commit wins; the other lands after it as a replacement (it is written again on the
    # new snapshot) or is refused in Indonesian. Either way exactly one file counts, whole.
    assert len(committed) in (1, 2), reports
    for r in refused:
        assert r["batch_id"] is None
        assert any("bertabrakan" in e["message"] or "sudah diunggah" in e["message"] for e in r["errors"]), r
    assert sorted(codes) == sorted(0 if r["status"] == "committed" else 1 for r in reports)
    assert len({b for b, _ in committed}) == len(committed)
    last_batch, last_file = max(committed)
    progres = {"pertama.csv": 40.0, "kedua.csv": 70.0}[last_file]
    assert sorted(
        lake.execute(
            "select kode_desa, progres_fisik_persen, batch_id from koperasi_aktif where minggu = $m", {"m": MINGGU}
        ).fetchall()
    ) == [(c, progres, last_batch) for c in sorted(files[last_file])]
    assert lake.execute("select count(*) from upload_batch").fetchone() == (len(committed),)
    assert lake.execute("select count(*) from koperasi").fetchone() == (sum(len(files[n]) for _, n in committed),)
    one_row_per_koperasi_per_week(lake)


def test_two_processes_uploading_the_same_file_at_once_make_one_batch(lake, lake_url, proses, tmp_path):
    codes = koperasi_csv(tmp_path / "sama.csv", lake, "52.01", rows=30, progres=40)
    writers = [proses(ingest_cli(tmp_path / "sama.csv", lake_url)) for _ in range(2)]
    held_together(writers)
    codes_out = [w.selesai() for w in writers]
    reports = [w.laporan() for w in writers]
    assert sorted(codes_out) == [0, 1], [w.why() for w in writers]
    winner, loser = sorted(reports, key=lambda r: r["status"] != "committed")
    assert (winner["status"], winner["batch_id"], winner["rows_committed"]) == ("committed", 1, 30)
    assert (loser["status"], loser["batch_id"], loser["rows_committed"]) == ("rejected", None, 0)
    assert [e["message"] for e in loser["errors"]] == [
        "File yang sama persis sudah diunggah untuk minggu ini (unggahan #1); tidak ada yang berubah."
    ]
    assert lake.execute("select count(*), count(distinct sha256) from upload_batch").fetchone() == (1, 1)
    assert lake.execute(JUMLAH).fetchone() == (1, 1, len(codes), len(codes), len(codes))
    one_row_per_koperasi_per_week(lake)


def test_kill_9_of_a_writer_mid_commit_leaves_the_previous_snapshot_and_the_next_upload_works(
    lake, lake_url, proses, gazetteer, tmp_path
):
    for f in KOPERASI_FILES[-1:] + OTHER_FILES:
        ingest_file(lake, f, gazetteer)
    before = checksums(lake)
    snapshot = "select max(snapshot_id) from ducklake_snapshots('lake')"
    last_snapshot = lake.execute(snapshot).fetchone()
    n = big_koperasi_file(tmp_path / "besar.csv", lake, rows=2000)
    writer = proses(ingest_cli(tmp_path / "besar.csv", lake_url))
    assert writer.tunggu(SIAP_COMMIT) == 1  # every row written inside the open transaction
    os.kill(writer.popen.pid, signal.SIGKILL)
    assert writer.selesai() == -signal.SIGKILL
    assert lake.execute(snapshot).fetchone() == last_snapshot
    assert checksums(lake) == before
    other = db.connect(lake_url)  # a server that starts afterwards sees the same
    try:
        assert checksums(other) == before
    finally:
        other.close()
    # The next upload, through another process, lands with the next batch id.
    again = subprocess.run(
        [sys.executable, "-m", "analytics", "ingest", str(tmp_path / "besar.csv"), "--db", lake_url, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BATAS_DETIK,
    )
    assert again.returncode == 0, again.stderr
    batch = json.loads(again.stdout)["batch_id"]
    assert batch == before["upload_batch"][0] + 1
    assert lake.execute("select count(*) from koperasi_aktif where batch_id = $b", {"b": batch}).fetchone() == (n,)
    after = checksums(lake)
    for table in ("lahan", "sppg", "bimtek"):
        assert after[table] == before[table]
    one_row_per_koperasi_per_week(lake)


def ntb_file(path, con, rows: int) -> int:
    """A koperasi file for week MINGGU with every NTB desa first, then others up to `rows`: NTB's
    summary changes (Lombok Barat's fixture rows are replaced, nine kabupaten report anew)."""
    codes = [r[0] for r in con.execute("select kode from desa where kode like '52.%' order by kode").fetchall()]
    codes += [
        r[0]
        for r in con.execute(
            "select kode from desa where kode not like '52.%' order by kode limit $n", {"n": rows - len(codes)}
        ).fetchall()
    ]
    lines = ["tanggal_laporan,kode_desa,nama_koperasi,badan_hukum,tahap_fisik,progres_fisik_persen"]
    lines += [f"{MINGGU},{c},Koperasi Desa Merah Putih {c},ya,pembangunan,{i % 100}" for i, c in enumerate(codes)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len({c[:5] for c in codes})


def fresh_answers(reader: Proses, n: int) -> list[dict]:
    """Whatever the reader has queued, then `n` more: the second of those began after this call."""
    answers = []
    while not reader.keluaran.empty():
        line = reader.keluaran.get()
        if line is not None:
            answers.append(json.loads(line))
    return answers + [reader.jawaban() for _ in range(n)]


def test_a_reader_process_keeps_answering_while_a_writer_commits_a_large_upload(
    lake, lake_url, proses, gazetteer, tmp_path
):
    ingest_file(lake, KOPERASI_FILES[-1], gazetteer)  # Lombok Barat's 2 koperasi in NTB, week MINGGU
    kabupaten = ntb_file(tmp_path / "besar.csv", lake, rows=20000)
    before = jawaban(lake, ringkasan_ntb=True)
    reader = proses([sys.executable, str(WORKER), "baca-terus", lake_url])
    writer = proses(ingest_cli(tmp_path / "besar.csv", lake_url))
    assert writer.tunggu(SIAP_COMMIT) == 1
    during = fresh_answers(reader, 2)  # all begun before the commit, the last while it was open
    writer.kirim("lanjut")
    assert writer.selesai() == 0, writer.why()
    since = fresh_answers(reader, 2)
    reader.kirim("berhenti")
    assert reader.selesai() == 0, reader.why()
    later = since[-1:] + reader.sisa()  # begun after the commit
    answers = during + since + later[1:]
    after = jawaban(lake, ringkasan_ntb=True)

    assert reader.galat == []
    assert before["jumlah"] == [1, 2, 7, 7, 7]
    assert after["jumlah"] == [2, 2 + kabupaten, 7 + 20000, 5 + 20000, 5 + 20000]
    assert after["ringkasan"]["koperasi"]["terdaftar"] == 1166
    # The counts are one statement, so one snapshot each; once the commit shows, it stays.
    seen = [
        "sebelum" if a["jumlah"] == before["jumlah"] else "sesudah" if a["jumlah"] == after["jumlah"] else a
        for a in answers
    ]
    assert seen == ["sebelum"] * seen.count("sebelum") + ["sesudah"] * seen.count("sesudah")
    assert len(during) <= seen.count("sebelum") and len(later) <= seen.count("sesudah")
    # The summary is the state before while the writer's transaction is open, and after once it is
    # committed. One begun as the commit landed may mix the two: see the next test.
    assert [a["ringkasan"] == before["ringkasan"] for a in during] == [True] * len(during)
    assert [a["ringkasan"] == after["ringkasan"] for a in later] == [True] * len(later)


def differences(a, b, path: str = "") -> list[str]:
    """The leaf paths where two JSON trees differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(a.keys() | b.keys()) for d in differences(a.get(k), b.get(k), f"{path}.{k}")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def test_a_summary_read_while_another_process_commits_is_from_one_snapshot(lake, lake_url, proses, gazetteer, tmp_path):
    ingest_file(lake, KOPERASI_FILES[-1], gazetteer)
    ntb_file(tmp_path / "ntb.csv", lake, rows=1166)
    before = jawaban(lake, ringkasan_ntb=True)["ringkasan"]
    reader = proses([sys.executable, str(WORKER), "baca-tengah", lake_url])
    writer = proses(ingest_cli(tmp_path / "ntb.csv", lake_url))
    # The summary has read its weeks and headline metrics; the upload's rows are all written.
    assert reader.tunggu(TENGAH_RINGKASAN) == 1
    assert writer.tunggu(SIAP_COMMIT) == 1
    writer.kirim("lanjut")
    assert writer.selesai() == 0, writer.why()
    reader.kirim("lanjut")  # the summary reads the rest after the commit
    answer = reader.jawaban()["ringkasan"]
    assert reader.selesai() == 0, reader.why()
    after = jawaban(lake, ringkasan_ntb=True)["ringkasan"]
    assert after["koperasi"]["terdaftar"] == 1166
    assert differences(answer, before) == [] or differences(answer, after) == [], "campuran: " + "; ".join(
        differences(answer, before)
    )
