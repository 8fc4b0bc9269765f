"""Another server on the same lake, as a real process, for tests/test_lake_proses.py.

    python tests/lake_worker.py ingest ARGS…         `python -m analytics ingest ARGS…`, held inside its
                                                     open transaction before the first commit
    python tests/lake_worker.py baca URL             one answer at start, then one per line on stdin
    python tests/lake_worker.py baca-terus URL       answers with the NTB summary in a loop, until a
                                                     line arrives on stdin
    python tests/lake_worker.py baca-tengah URL      one answer with the NTB summary, held halfway
                                                     through the summary's queries

Answers are JSON lines on stdout. Where it is held the process prints `TANDA <name> <n>` on stderr
(n counts the times) and goes on when stdin says `lanjut`; any other line or the end of stdin stops
it with nothing written. The hold before commit replaces `ingest._pause_for_crash_test`, which the
importer calls just before each commit attempt: `TANDA siap-commit 2` means the upload met another
server's commit and is being written again. Run with the repository on PYTHONPATH.
"""

from __future__ import annotations

import json
import select
import sys

TANDA = "TANDA"
SIAP_COMMIT = "siap-commit"
TENGAH_RINGKASAN = "tengah-ringkasan"

# One statement, so one snapshot: the numbers an upload changes, read together.
JUMLAH = """select (select count(*) from upload_batch), (select count(*) from batch_cakupan),
    (select count(*) from koperasi), (select count(*) from koperasi_aktif), (select count(*) from zona_koperasi)"""


def hold(name: str):
    """A function that announces `name` on stderr each time it is called and, the first time, waits
    for `lanjut` on stdin."""
    calls = []

    def wait() -> None:
        calls.append(1)
        print(f"{TANDA} {name} {len(calls)}", file=sys.stderr, flush=True)
        if len(calls) == 1 and sys.stdin.readline().strip() != "lanjut":
            raise SystemExit(f"penahan {name} ditutup")

    return wait


def hold_halfway_through_the_summary() -> None:
    """Hold once the summary has read its weeks and metrics, before it reads the kendala counts."""
    from analytics import koperasi

    kendala_koperasi, wait = koperasi.kendala_koperasi, hold(TENGAH_RINGKASAN)

    def held(*args, **kwargs):
        wait()
        return kendala_koperasi(*args, **kwargs)

    koperasi.kendala_koperasi = held


def jawaban(con, ringkasan_ntb: bool = False) -> dict:
    """What a reader sees now: the counts of JUMLAH and, optionally, the NTB summary of the CLI."""
    from analytics import db

    out: dict = {"jumlah": list(db.cursor(con).execute(JUMLAH).fetchone())}
    if ringkasan_ntb:
        from analytics import ringkasan
        from analytics.filters import Filter

        picture = ringkasan.as_json(ringkasan.picture(con, Filter.from_code("52")))
        out["ringkasan"] = json.loads(json.dumps(picture, default=str))
    return out


def _say(answer: dict) -> None:
    print(json.dumps(answer, sort_keys=True), flush=True)


def main(argv: list[str]) -> int:
    mode, rest = argv[0], argv[1:]
    if mode == "ingest":
        from analytics import ingest
        from analytics.__main__ import main as cli

        ingest._pause_for_crash_test = hold(SIAP_COMMIT)
        return cli(["ingest", *rest])
    from analytics import db

    con = db.connect(rest[0])
    try:
        if mode == "baca":
            _say(jawaban(con))
            for _ in sys.stdin:
                _say(jawaban(con))
        elif mode == "baca-terus":
            while not select.select([sys.stdin], [], [], 0)[0]:
                _say(jawaban(con, ringkasan_ntb=True))
        elif mode == "baca-tengah":
            hold_halfway_through_the_summary()
            _say(jawaban(con, ringkasan_ntb=True))
        else:
            raise SystemExit(f"mode {mode!r} tidak dikenal")
        return 0
    finally:
        con.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
