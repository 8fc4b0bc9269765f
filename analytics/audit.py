"""The audit trail: who changed what, when (uploads, undo, zone rules, sign-in, checked findings)."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time

from analytics import db

ACTIONS = {
    "unggah": "Unggah data",
    "batalkan": "Batalkan unggahan",
    "hapus_contoh": "Hapus data contoh",
    "muat_contoh": "Muat data contoh",
    "aturan_zona": "Aturan zona berubah",
    "aturan_kualitas": "Aturan kualitas berubah",
    "masuk": "Masuk",
    "gagal_masuk": "Gagal masuk",
    "keluar": "Keluar",
    "kotak_masuk": "Impor kotak masuk",
    "wajib_lapor": "Wajib lapor diatur",
    "kualitas_dicek": "Temuan kualitas sudah dicek",
    "kualitas_buka_lagi": "Temuan kualitas dibuka lagi",
}


def catat_aturan_berubah(con, kunci: str, digest: str, aksi: str, ids: list[str], kerja=None) -> bool:
    """A rules file (zones, data quality) read with a digest other than the one recorded under meta
    `kunci`: in one transaction, `kerja(cur)` (what the new rules change), the new digest, and an
    audit entry `aksi` by "sistem" with the rule ids and the previous digest. False when unchanged,
    also when another server recorded it meanwhile."""
    baca = "select max(nilai) from meta where kunci = $k"
    sebelumnya = con.execute(baca, {"k": kunci}).fetchone()[0]
    if sebelumnya == digest:
        return False

    def catat(cur) -> bool:
        if cur.execute(baca, {"k": kunci}).fetchone()[0] == digest:
            return False
        if kerja is not None:
            kerja(cur)
        cur.execute("delete from meta where kunci = $k", {"k": kunci})
        cur.execute("insert into meta (kunci, nilai) values ($k, $d)", {"k": kunci, "d": digest})
        record(cur, "sistem", aksi, {"sha256": digest, "aturan": ids, "sebelumnya": sebelumnya})
        return True

    return db.transaksi(con, catat)


def record(con, user: str, action: str, details: dict | None = None, now: dt.datetime | None = None) -> None:
    """Append one entry; runs in the caller's transaction when there is one."""
    con.execute(
        "insert into audit (id, waktu, pengguna, aksi, rincian) values ($id, $waktu, $pengguna, $aksi, $rincian)",
        {
            "id": _next_id(),
            "waktu": now or dt.datetime.now().replace(microsecond=0),
            "pengguna": user,
            "aksi": action,
            "rincian": json.dumps(details or {}, ensure_ascii=False, default=str),
        },
    )


_last_id = 0
_id_lock = threading.Lock()


def _next_id() -> int:
    """Microseconds since 1970, strictly increasing in this process (migration 013).

    Unique without a shared counter: one process writes an embedded file, and servers on one lake
    would have to write the same microsecond to meet."""
    global _last_id
    with _id_lock:
        _last_id = max(_last_id + 1, time.time_ns() // 1000)
        return _last_id


def jejak_audit(con, batas: int = 1000):
    """The latest entries, oldest first within the window (DataFrame)."""
    return db.run(con, "jejak_audit", {"batas": batas})
