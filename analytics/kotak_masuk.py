"""The inbox folder: files dropped there are imported by the running app (DuckDB lets only one
process hold the database, so a scheduled job cannot write while the app is up). With several
servers on one lake, each round of one server holds a PostgreSQL advisory lock on the lake's
catalog: the others skip their round, so a file is imported by exactly one server.

Whoever can write to the inbox must not be able to make the app read or write elsewhere: a
symbolic link is never followed (a linked file is moved to ditolak/ unread; a linked selesai/ or
ditolak/ stops the inbox until it is fixed), a file's size is checked before it is opened, and a
file whose import fails for any reason goes to ditolak/ with a report, so the queue moves on."""

from __future__ import annotations

import json
import logging
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analytics import db, ingest, kualitas
from analytics.config import load as load_settings
from analytics.db import DATA_DIR

log = logging.getLogger(__name__)

DEFAULT_FOLDER = DATA_DIR / "kotak_masuk"
ACCEPTED = (".csv", ".txt", ".xlsx")
DONE, REFUSED = "selesai", "ditolak"
# A file younger than this may still be being copied in.
SETTLE_SECONDS = 2.0
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class InboxUnsafe(RuntimeError):
    """selesai/ or ditolak/ is not a plain folder of the inbox (a symlink, a file): nothing is moved."""


def folder(path: str | Path | None = None) -> Path:
    """The inbox: `path`, else $KDKMP_KOTAK_MASUK, else data/kotak_masuk."""
    return Path(path or os.environ.get("KDKMP_KOTAK_MASUK") or DEFAULT_FOLDER)


def pending(inbox: Path, now: float | None = None) -> list[Path]:
    """Files waiting in the inbox, oldest first, skipping ones still being written. Symbolic links
    are listed too (by their own time, never their target's): they are refused, not left waiting."""
    if not inbox.is_dir():
        return []
    now = now or time.time()
    found = []
    with os.scandir(inbox) as entries:
        for entry in entries:
            if entry.name.startswith((".", "~$")) or not entry.name.lower().endswith(ACCEPTED):
                continue
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode) or now - info.st_mtime < SETTLE_SECONDS:
                continue
            found.append((info.st_mtime, entry.name))
    return [inbox / name for _, name in sorted(found)]


def _subfolder(inbox_fd: int, name: str) -> int:
    """An open descriptor of selesai/ or ditolak/, created when missing; never through a symlink."""
    try:
        os.mkdir(name, dir_fd=inbox_fd)
    except FileExistsError:
        pass
    try:
        return os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=inbox_fd)
    except OSError as exc:
        raise InboxUnsafe(
            f"{name}/ di kotak masuk bukan folder biasa (tautan simbolik atau file); tidak ada "
            f"file yang dipindahkan sampai itu diperbaiki ({exc.strerror})."
        ) from None


def _exists(name: str, dir_fd: int) -> bool:
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        return True
    except FileNotFoundError:
        return False


def _move_with_report(inbox_fd: int, name: str, target: str, report: dict) -> str:
    """Move `name` (the entry itself, a link stays a link) into `target` under a free name and write
    its report beside it; returns the name it got."""
    target_fd = _subfolder(inbox_fd, target)
    try:
        stem, dot, suffix = name.rpartition(".")
        stem, suffix = (stem, dot + suffix) if dot else (name, "")
        moved, n = name, 2
        while _exists(moved, target_fd) or _exists(moved + ".laporan.json", target_fd):
            moved, n = f"{stem}-{n}{suffix}", n + 1
        os.rename(name, moved, src_dir_fd=inbox_fd, dst_dir_fd=target_fd)
        report["file"] = moved
        fd = os.open(moved + ".laporan.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666, dir_fd=target_fd)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(report, fh, ensure_ascii=False, indent=2, default=str)
        return moved
    finally:
        os.close(target_fd)


def _refused(name: str, message: str) -> dict:
    return {
        "status": "rejected",
        "dataset": None,
        "batch_id": None,
        "rows_read": 0,
        "rows_committed": 0,
        "minggu": None,
        "errors": [{"row": None, "column": None, "value": None, "message": message}],
        "warnings": [],
        "matched_names": [],
        "match_rate": {},
        "file": name,
    }


def _import(con, inbox_fd: int, name: str, *, user: str, gazetteer) -> dict:
    """The report of one file; the file is read only when it is a regular file within the size limit."""
    info = os.stat(name, dir_fd=inbox_fd, follow_symlinks=False)
    if stat.S_ISLNK(info.st_mode):
        return _refused(
            name, "File ini tautan simbolik (symlink); kotak masuk tidak mengikutinya. Salin filenya sendiri."
        )
    if not stat.S_ISREG(info.st_mode):
        return _refused(name, "Ini bukan file biasa (pipa, soket, atau perangkat); tidak dibaca.")
    limit_mb = load_settings().batas_unggah_mb
    if info.st_size > limit_mb * 1024 * 1024:
        return _refused(name, f"File {info.st_size / 1024 / 1024:.1f} MB melebihi batas {limit_mb} MB; tidak dibaca.")
    try:
        prepared = ingest.prepare_path(con, name, follow_symlinks=False, dir_fd=inbox_fd, gazetteer=gazetteer)
        report, batch = ingest.commit_or_report(con, prepared, user=user, hint=". Perbaiki file lalu taruh lagi")
    except Exception as exc:  # whatever failed, this file must not hold up the ones behind it
        log.exception("kotak masuk: %s gagal diimpor", name)
        return _refused(
            name,
            f"Galat saat mengimpor file ini ({type(exc).__name__}); tidak ada yang disimpan. "
            "Laporkan ke pengelola bila berulang.",
        )
    # As `ingest --json`: the saved file's data-quality findings, for the office that sent it. The
    # rows are saved by now: a failure here is said in the report, and the import stands.
    report["kualitas"] = []
    if batch is not None:
        try:
            report["kualitas"] = kualitas.as_json(ingest.temuan_kualitas_tersimpan(con, prepared))
        except Exception:
            log.exception("kotak masuk: temuan kualitas %s tidak dapat dihitung", name)
            report["kualitas"] = None
            report["kualitas_pesan"] = (
                "File tersimpan, tetapi temuan kualitas datanya tidak dapat dihitung; lihat halaman Kualitas Data."
            )
    report["file"] = name
    return report


def process_file(con, path: Path, *, user: str = "kotak-masuk", gazetteer=None) -> dict:
    """Import one file like `python -m analytics ingest --json` (no partial commits), then move it
    to selesai/ or ditolak/ with its JSON report beside it. Returns the report. Raises InboxUnsafe
    when selesai/ or ditolak/ is not a plain folder (nothing is moved then)."""
    inbox_fd = os.open(path.parent, os.O_RDONLY | _DIRECTORY)
    try:
        for name in (DONE, REFUSED):  # checked before the import, so a commit is never left unmoved
            os.close(_subfolder(inbox_fd, name))
        report = _import(con, inbox_fd, path.name, user=user, gazetteer=gazetteer)
        target = DONE if report["status"] == "committed" else REFUSED
        _move_with_report(inbox_fd, path.name, target, report)
        return report
    finally:
        os.close(inbox_fd)


# pg_try_advisory_lock key of the inbox round, in the catalog database ("KDKM" in ASCII).
KUNCI_KOTAK_MASUK = 0x4B444B4D


@contextmanager
def giliran(con) -> Iterator[bool]:
    """True while this process may import the inbox. A file: always (one process holds it). A lake
    with a PostgreSQL catalog: while this round holds the advisory lock, on a connection of its own
    that ends with the round (or with the process, so a killed server never keeps the lock)."""
    target = db.lake_target(con)
    prefix = db.LAKE_PREFIX + "postgres:"
    if target is None or not target.startswith(prefix):
        yield True
        return
    import psycopg

    with psycopg.connect(target.removeprefix(prefix), autocommit=True, connect_timeout=10) as pgcon:
        held = pgcon.execute("select pg_try_advisory_lock(%s)", (KUNCI_KOTAK_MASUK,)).fetchone()[0]
        try:
            yield bool(held)
        finally:
            if held:
                pgcon.execute("select pg_advisory_unlock(%s)", (KUNCI_KOTAK_MASUK,))


def process_inbox(
    con, inbox: str | Path | None = None, *, user: str = "kotak-masuk", now: float | None = None
) -> list[dict]:
    """Import every settled file waiting in the inbox; returns their reports in order. A file that
    cannot even be moved is logged and skipped; an unsafe selesai/ or ditolak/ stops the round.
    When another server of the lake is importing this round, nothing is done (an empty list)."""
    if not pending(folder(inbox), now):
        return []  # nothing to do: no need to ask the lake's catalog for the round
    with giliran(con) as mine:
        if not mine:
            return []
        return _round(con, inbox, user=user, now=now)


def _round(con, inbox: str | Path | None, *, user: str, now: float | None) -> list[dict]:
    reports = []
    for path in pending(folder(inbox), now):
        try:
            reports.append(process_file(con, path, user=user))
        except InboxUnsafe as exc:
            log.error("kotak masuk dihentikan: %s", exc)
            reports.append({**_refused(path.name, str(exc)), "status": "error"})
            break
        except OSError as exc:
            log.error("kotak masuk: %s tidak dapat dipindahkan: %s", path.name, exc)
    return reports
