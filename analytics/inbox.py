"""The inbox folder: files dropped there are imported by the running app (DuckDB lets only one
process hold the database, so a scheduled job cannot write while the app is up)."""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from analytics import ingest
from analytics.db import DATA_DIR

DEFAULT_FOLDER = DATA_DIR / "kotak_masuk"
ACCEPTED = (".csv", ".txt", ".xlsx")
# A file younger than this may still be being copied in.
SETTLE_SECONDS = 2.0


def folder(path: str | Path | None = None) -> Path:
    """The inbox: `path`, else $KDKMP_KOTAK_MASUK, else data/kotak_masuk."""
    return Path(path or os.environ.get("KDKMP_KOTAK_MASUK") or DEFAULT_FOLDER)


def pending(inbox: Path, now: float | None = None) -> list[Path]:
    """Files waiting in the inbox, oldest first, skipping ones still being written."""
    if not inbox.is_dir():
        return []
    now = now or time.time()
    found = [p for p in inbox.iterdir()
             if p.is_file() and p.suffix.lower() in ACCEPTED and not p.name.startswith((".", "~$"))
             and now - p.stat().st_mtime >= SETTLE_SECONDS]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def _unique(target: Path) -> Path:
    if not target.exists():
        return target
    stem, suffix, n = target.stem, target.suffix, 2
    while (target.parent / f"{stem}-{n}{suffix}").exists():
        n += 1
    return target.parent / f"{stem}-{n}{suffix}"


def process_file(con, path: Path, *, user: str = "kotak-masuk", gazetteer=None) -> dict:
    """Import one file like `python -m analytics ingest --json` (no partial commits), then move it
    to selesai/ or ditolak/ with its JSON report beside it. Returns the report."""
    prepared = ingest.prepare(con, path.read_bytes(), path.name, gazetteer=gazetteer)
    report, _ = ingest.commit_or_report(con, prepared, user=user, hint=". Perbaiki file lalu taruh lagi")
    status = report["status"]
    destination = path.parent / ("selesai" if status == "committed" else "ditolak")
    destination.mkdir(exist_ok=True)
    moved = _unique(destination / path.name)
    shutil.move(str(path), moved)
    report["file"] = moved.name
    moved.with_name(moved.name + ".laporan.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return report


def process_inbox(con, inbox: str | Path | None = None, *, user: str = "kotak-masuk", now: float | None = None) -> list[dict]:
    """Import every settled file waiting in the inbox; returns their reports in order."""
    reports = []
    for path in pending(folder(inbox), now):
        reports.append(process_file(con, path, user=user))
    return reports
