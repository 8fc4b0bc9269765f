"""Reads an uploaded file in a child process under a memory cap and a time cap, so that the worst
a crafted file can do is be refused: the app, the inbox watcher and the CLI stay up.

The child imports only the reader (analytics.ingest.grid and .xlsx: no pandas, no duckdb), gets
the bytes pickled on stdin and writes back one pickled answer: ("ok", Layout), ("rejected",
message), ("memory", None) or ("crash", one line)."""

from __future__ import annotations

import array
import gc
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path

from analytics.ingest.grid import (
    Layout,
    Limits,
    ReaderCrash,
    ReadError,
    angka,
    is_xlsx,
    layout,
    read_grid,
    watch_memory,
)

ROOT = Path(__file__).resolve().parents[2]
# A text file this small cannot cost more than a few MB and a second within the reader's own limits
# (lines, cells, rows, columns): it is read in the calling process, which saves the child's start
# (0.2 s) on the many small weekly files. An XLSX always goes to the child: a small one can unpack big.
IN_PROCESS_TEXT = 1 << 20

# Runs analytics.ingest.child without analytics/ingest/__init__.py, whose imports (pandas, duckdb)
# would add a second to every upload; the reader needs none of them.
_BOOT = """
import sys, types
sys.path.insert(0, sys.argv[1])
package = types.ModuleType("analytics.ingest")
package.__path__ = [sys.argv[1] + "/analytics/ingest"]
sys.modules["analytics.ingest"] = package
from analytics.ingest.child import serve
serve(int(sys.argv[2]), int(sys.argv[3]))
"""


def _too_big(limits: Limits) -> str:
    return (
        f"File ini memerlukan lebih dari {angka(limits.memory_mb)} MB memori untuk dibaca (batas pengaturan "
        "batas_memori_baca_mb). Periksa isinya, atau bagi menjadi beberapa file."
    )


def _too_slow(limits: Limits) -> str:
    return (
        f"Membaca file ini memakan lebih dari {angka(limits.seconds)} detik (batas pengaturan "
        "batas_waktu_baca_detik); pembacaan dihentikan. Periksa isinya, atau bagi menjadi beberapa file."
    )


# Joins the cells of a text column for the trip back: a control character, so never in a value
# (grid.CONTROL removes them all while reading).
_SEPARATOR = "\x1f"


def _pack(shape: Layout) -> Layout:
    """A column of text becomes one string, the row numbers one array: pickling a million separate
    strings costs more than reading them did."""
    if shape.text:
        shape.columns = [_SEPARATOR.join(col) for col in shape.columns]
    shape.file_rows = array.array("q", shape.file_rows)
    return shape


def _unpack(shape: Layout) -> Layout:
    if shape.text:
        n = len(shape.file_rows)
        shape.columns = [col.split(_SEPARATOR) if n else [] for col in shape.columns]
    shape.file_rows = shape.file_rows.tolist()
    return shape


def read_isolated(data: bytes, file_name: str, sheet: str | None, limits: Limits) -> Layout:
    """layout(read_grid(...)) in a child process; raises ReadError (the file) or ReaderCrash (the reader)."""
    if not sys.executable or (len(data) <= IN_PROCESS_TEXT and not is_xlsx(data, file_name)):
        return layout(read_grid(data, file_name, sheet, limits))
    payload = pickle.dumps((data, file_name, sheet, limits), protocol=pickle.HIGHEST_PROTOCOL)
    # One thread per math library: their per-thread reservations would count against the cap.
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", _BOOT, str(ROOT), str(limits.memory_mb), str(limits.seconds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
    except OSError as exc:
        raise ReaderCrash(f"proses pembaca tidak dapat dijalankan: {exc}") from exc
    try:
        out, err = proc.communicate(payload, timeout=limits.seconds + 5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise ReadError(_too_slow(limits)) from None
    del payload
    try:
        status, value = pickle.loads(out)
    except Exception:  # no answer: the child died
        status, value = None, None
    if status == "ok":
        return _unpack(value)
    if status == "rejected":
        raise ReadError(value)
    if status == "memory":
        raise ReadError(_too_big(limits))
    if status == "crash":
        raise ReaderCrash(value)
    if proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise ReadError(_too_slow(limits) if proc.returncode == -signal.SIGXCPU else _too_big(limits))
    last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"kode keluar {proc.returncode}"]
    if proc.returncode is not None and proc.returncode < 0:
        # Killed by another signal while reading (a crash inside a C library on this file).
        raise ReadError(f"File ini menghentikan proses pembaca (sinyal {-proc.returncode}); file ditolak.")
    raise ReaderCrash(f"proses pembaca gagal: {last[0][:300]}")


def serve(memory_mb: int, seconds: int) -> None:
    """The child: caps itself, reads one request from stdin, writes one answer to stdout."""
    # A short life with millions of new objects and no cycles: the collector would only halve the speed.
    gc.disable()
    try:
        import resource

        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 2))
        watch_memory(cap)
    except (ImportError, ValueError, OSError):  # no resource module (Windows): the time cap still holds
        pass
    try:
        data, file_name, sheet, limits = pickle.load(sys.stdin.buffer)
        answer = ("ok", _pack(layout(read_grid(data, file_name, sheet, limits))))
    except ReadError as exc:
        answer = ("rejected", str(exc))
    except MemoryError:
        answer = ("memory", None)
    except Exception as exc:  # a bug of the reader, reported as such (the CLI exits 3)
        answer = ("crash", f"{type(exc).__name__}: {str(exc)[:300]}")
    data = None
    try:
        out = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        answer = None
        out = pickle.dumps(("memory", None))
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
