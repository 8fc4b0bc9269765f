"""`streamlit run` with every script run profiled and every DuckDB query of the run recorded.

    KDKMP_PROFIL=/tmp/profil .venv/bin/python bench/profil.py run app.py --server.port 8502

Per script run (one BackMsg: a view or a rerun) it writes NNNN.prof (cProfile, the script
thread, Streamlit's own end-of-run work included) and NNNN.pkl: the run's wall seconds and its
queries (SQL, parameters, seconds from execute() to the end of the fetch that follows, rows).
The queries are caught by wrapping the connection analytics.db.connect() returns, so the app's
code runs unchanged. bench_national.py uses it on the benchmark database; profiling slows the
Python part, so times for the report come from a plain server.
"""

from __future__ import annotations

import cProfile
import itertools
import os
import pickle
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = Path(os.environ.get("KDKMP_PROFIL", "profil"))
_run = threading.local()  # .queries: the list of the script run in progress on this thread
_counter = itertools.count(1)
_FETCH = (
    "df",
    "fetchdf",
    "fetch_df",
    "fetchall",
    "fetchone",
    "fetchmany",
    "fetchnumpy",
    "to_arrow_table",
    "arrow",
    "pl",
)


def tunggu_berkas(directory: Path, n: int, timeout: float = 120) -> list[Path]:
    """The first `n` runs this profiler wrote to `directory` (NNNN.pkl, in order), once they exist."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(directory.glob("*.pkl"))
        if len(files) >= n:
            return files
        time.sleep(0.1)
    raise RuntimeError(f"profiler wrote {len(list(directory.glob('*.pkl')))} runs, expected {n}")


class Rekam:
    """A DuckDB connection or cursor that records each execute() with the fetch after it."""

    def __init__(self, target):
        self._target = target
        self._last: dict | None = None

    def __getattr__(self, name):
        value = getattr(self._target, name)
        if name in _FETCH:

            def fetch(*args, **kwargs):
                start = time.perf_counter()
                out = value(*args, **kwargs)
                if self._last is not None:
                    self._last["detik"] += time.perf_counter() - start
                    self._last["baris"] = len(out) if hasattr(out, "__len__") and not isinstance(out, tuple) else 1
                    self._last = None
                return out

            return fetch
        return value

    def cursor(self):
        return Rekam(self._target.cursor())

    def execute(self, sql, parameters=None, *args, **kwargs):
        start = time.perf_counter()
        if parameters is None:
            self._target.execute(sql, *args, **kwargs)
        else:
            self._target.execute(sql, parameters, *args, **kwargs)
        record = {"sql": sql, "params": parameters, "detik": time.perf_counter() - start, "baris": None}
        queries = getattr(_run, "queries", None)
        if queries is not None:
            queries.append(record)
        self._last = record
        return self

    def __enter__(self):
        self._target.__enter__()
        return self

    def __exit__(self, *exc):
        return self._target.__exit__(*exc)


def _install() -> None:
    from streamlit.runtime.scriptrunner import script_runner

    from analytics import db

    connect = db.connect

    def recording_connect(*args, **kwargs):
        inner = connect(*args, **kwargs)
        wrapper = Rekam(inner)
        if db.lake_target(inner):  # db.cursor() repeats the lake's USE for connections it knows
            db._LAKES[wrapper] = db.lake_target(inner)
        return wrapper

    db.connect = recording_connect
    run_script = script_runner.ScriptRunner._run_script

    def profiled(self, rerun_data):
        n = next(_counter)
        _run.queries = []
        prof = cProfile.Profile()
        start = time.perf_counter()
        prof.enable()
        try:
            return run_script(self, rerun_data)
        finally:
            prof.disable()
            wall = time.perf_counter() - start
            queries, _run.queries = _run.queries, None
            prof.dump_stats(OUT / f"{n:04d}.prof")
            tmp = OUT / f"{n:04d}.pkl.tmp"
            with open(tmp, "wb") as fh:
                pickle.dump({"detik": wall, "page_name": rerun_data.page_name, "queries": queries}, fh)
            tmp.rename(OUT / f"{n:04d}.pkl")  # complete when it appears

    script_runner.ScriptRunner._run_script = profiled


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    _install()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
