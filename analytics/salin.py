"""Moving a whole store between modes, backups, and lake maintenance (issue 12, item 5).

`salin` copies every table of the schema between an embedded DuckDB file, a lake
(`ducklake:postgres:…`) and a folder of Parquet files (a backup: one file per table and
`manifest.json`). Both ends are opened with db.connect, so the destination has the current schema;
the destination is written in one transaction (a folder: under a temporary name, renamed at the
end); afterwards rows and a content hash of every table are compared on both sides.

`rawat` keeps a lake small: inlined rows to Parquet, small files merged, old snapshots expired,
files nobody references any more deleted. An embedded file only needs a CHECKPOINT.

No Streamlit: the CLI (`python -m analytics salin|rawat`) and the tests call this.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from analytics import db
from analytics.format import angka

MANIFEST = "manifest.json"
FORMAT_CADANGAN = "kdkmp-cadangan"
# Filled by db.connect from the shipped CSVs at every end: compared, never copied.
WILAYAH = db.LEVELS
# Written by every migration run; each end keeps its own.
TIDAK_DISALIN = {"schema_version", *WILAYAH}
# Rows a store writes by itself when it is first opened: they do not make a destination "full".
# penghitung is seeded by migration 012, meta holds the zone-rule digest and the gazetteer load,
# and the first zone computation audits itself as 'sistem'.
ISI_SENDIRI = {"penghitung": "true", "meta": "true", "audit": "pengguna = 'sistem' and aksi = 'aturan_zona'"}
BARIS_PER_BATCH = 100_000


class SalinDitolak(RuntimeError):
    """Refused before anything was written; the message says why, in Indonesian."""


class SalinGagal(RuntimeError):
    """Writing failed and was undone: the destination is as it was before."""


@dataclass(frozen=True)
class Ujung:
    """One end of a copy: an embedded file, a lake or a folder of Parquet files."""

    jenis: str  # "file" | "lake" | "folder"
    alamat: str
    lake_data: str | None = None

    @property
    def label(self) -> str:
        """How the end is named in messages and the manifest (a lake's password left out)."""
        if self.jenis == "lake":
            alamat = re.sub(r"password=\S*", "password=…", self.alamat)
            return f"lake {alamat} (data {self.lake_data})"
        return f"{self.jenis} {Path(self.alamat).resolve()}"


def ujung(alamat: str, lake_data: str | None = None) -> Ujung:
    """What `alamat` names: `ducklake:…` a lake (its data folder `lake_data` or KDKMP_LAKE_DATA), an
    existing folder or a path ending in / a Parquet folder, a file or a name ending in .duckdb/.db
    an embedded file. Anything else is a usage error (ValueError): a typo must not make a file."""
    alamat = str(alamat)
    if db.is_lake(alamat):
        data = lake_data or os.environ.get("KDKMP_LAKE_DATA")
        if not data:
            raise ValueError(
                f"Lake {alamat} butuh folder data Parquet-nya: --lake-data-dari / --lake-data-ke DIR, "
                "atau KDKMP_LAKE_DATA."
            )
        return Ujung("lake", alamat, str(data))
    path = Path(alamat)
    if path.is_dir() or alamat.endswith(("/", os.sep)):
        return Ujung("folder", alamat)
    if path.is_file() or path.suffix in (".duckdb", ".db"):
        return Ujung("file", alamat)
    raise ValueError(
        f"'{alamat}' bukan file DuckDB, lake, atau folder: akhiri nama file dengan .duckdb, nama folder "
        "cadangan dengan /, atau pakai ducklake:postgres:dbname=… host=… port=… user=…"
    )


@dataclass(frozen=True)
class Ringkas:
    """Rows of a table and the sum of one hash per row over all its columns (by name); hash None:
    not comparable (a manifest written by another DuckDB version, whose hash() may differ)."""

    baris: int
    hash: str | None

    def json(self) -> dict:
        return {"baris": self.baris, "hash": self.hash}


@dataclass(frozen=True)
class Banding:
    tabel: str
    sumber: Ringkas
    tujuan: Ringkas

    @property
    def cocok(self) -> bool:
        a, b = self.sumber, self.tujuan
        return a.baris == b.baris and (a.hash is None or b.hash is None or a.hash == b.hash)


@dataclass
class Hasil:
    """A finished copy: per table what the source and the destination hold afterwards."""

    dari: Ujung
    ke: Ujung
    tabel: list[Banding]
    wilayah: list[Banding]
    detik: float

    @property
    def cocok(self) -> bool:
        return all(b.cocok for b in self.tabel + self.wilayah)

    @property
    def baris(self) -> int:
        return sum(b.tujuan.baris for b in self.tabel)

    def teks(self) -> str:
        lines = [f"Salin {self.dari.label}", f"   ke {self.ke.label}", ""]
        lines.append(f"{'tabel':<20}{'sumber':>12}{'tujuan':>12}  isi")

        def row(b: Banding) -> str:
            isi = "sama" if b.cocok else ("BEDA" if b.sumber.baris == b.tujuan.baris else "BEDA JUMLAH")
            return f"{b.tabel:<20}{angka(b.sumber.baris):>12}{angka(b.tujuan.baris):>12}  {isi}"

        lines += [row(b) for b in self.tabel]
        lines.append("wilayah (dimuat dari CSV bawaan di kedua sisi, tidak disalin):")
        lines += [row(b) for b in self.wilayah]
        lines.append("")
        ringkas = f"{len(self.tabel)} tabel, {angka(self.baris)} baris dalam {angka(self.detik, 1)} detik"
        if self.cocok:
            lines.append(f"{ringkas}: jumlah baris dan hash isi setiap tabel sama di kedua sisi.")
        else:
            beda = ", ".join(b.tabel for b in self.tabel + self.wilayah if not b.cocok)
            lines.append(f"{ringkas}. TIDAK COCOK: {beda}.")
        return "\n".join(lines)


def _q(name: str) -> str:
    """A quoted identifier. Names come from the schema's own catalog, never from outside."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    """A quoted string for the few statements that take no bound parameters (COPY, read_parquet)."""
    return "'" + str(text).replace("'", "''") + "'"


def _versi_kode() -> int:
    return max(v for v, _ in db.migrations())


class _Terbuka:
    """One end opened through db.connect. A folder gets an in-memory database: the current schema
    (what a restore will create) and the engine that reads and writes its Parquet files."""

    def __init__(self, u: Ujung, *, sumber: bool) -> None:
        self.ujung = u
        self.folder = Path(u.alamat) if u.jenis == "folder" else None
        self.manifest: dict | None = None
        if sumber and u.jenis == "file" and not Path(u.alamat).is_file():
            raise SalinDitolak(f"Sumber {u.label} tidak ada.")
        if sumber and self.folder is not None:
            try:
                self.manifest = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise SalinDitolak(f"{u.label} bukan folder cadangan: {MANIFEST} tidak ada.") from None
            if self.manifest.get("format") != FORMAT_CADANGAN:
                raise SalinDitolak(f"{self.folder / MANIFEST} bukan manifest cadangan dasbor ini.")
        if self.folder is not None:
            self.con = db.connect(":memory:")
            return
        try:
            self.con = db.connect(u.alamat, lake_data=u.lake_data)
        except duckdb.Error as exc:  # e.g. a lake attached with another data folder than its own
            pesan = str(exc).strip().splitlines()[0][:400]
            raise SalinDitolak(f"{'Sumber' if sumber else 'Tujuan'} {u.label} tidak dapat dibuka: {pesan}") from exc

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return db.cursor(self.con)

    def relasi(self, tabel: str) -> str:
        """What to select from for one table at this end."""
        if self.folder is not None:
            return f"read_parquet({_literal(self.folder / f'{tabel}.parquet')})"
        return _q(tabel)

    def versi(self) -> int:
        if self.manifest is not None:
            return int(self.manifest["versi_skema"])
        return int(self.con.execute("select coalesce(max(versi), 0) from schema_version").fetchone()[0])

    def tabel(self) -> list[str]:
        """The tables this end holds (a folder: its manifest's), without the gazetteer."""
        if self.manifest is not None:
            return sorted(self.manifest["tabel"])
        rows = db.cursor(self.con).execute(
            """select table_name from duckdb_tables()
            where database_name = current_database() and schema_name = 'main' and not temporary"""
        )
        return sorted(r[0] for r in rows.fetchall() if r[0] not in TIDAK_DISALIN)

    def wilayah(self) -> dict[str, Ringkas]:
        if self.manifest is not None:
            return {t: _dari_manifest(self.manifest, v) for t, v in self.manifest["wilayah"].items()}
        cur = self.cursor()
        return {t: _ringkas(cur, _q(t), _kolom(cur, _q(t))) for t in WILAYAH}

    def close(self) -> None:
        self.con.close()


def _dari_manifest(manifest: dict, entry: dict) -> Ringkas:
    """A manifest's entry; its hash only when the same DuckDB version wrote it (hash() may change)."""
    same = manifest.get("duckdb") == duckdb.__version__
    return Ringkas(int(entry["baris"]), entry["hash"] if same else None)


def _kolom(cur, relasi: str) -> list[str]:
    return [d[0] for d in cur.execute(f"select * from {relasi} limit 0").description]


def _ringkas(cur, relasi: str, kolom: list[str]) -> Ringkas:
    """Row count and the sum of a hash of every row. Columns in name order, so the two ends agree
    whatever order their columns were added in; DuckDB's hash is the same in every process."""
    cols = ", ".join(_q(c) for c in sorted(kolom))
    n, h = cur.execute(f"select count(*), coalesce(sum(hash({cols})), 0)::varchar from {relasi}").fetchone()
    return Ringkas(int(n), str(h))


def _berisi(cur, tabel: list[str]) -> dict[str, int]:
    """Tables of a store with rows that count as data, and how many."""
    found = {}
    for name in tabel:
        own = ISI_SENDIRI.get(name, "false")
        n = cur.execute(f"select count(*) from {_q(name)} where not ({own})").fetchone()[0]
        if n:
            found[name] = int(n)
    return found


def _berisi_sumber(src: _Terbuka, tabel: list[str]) -> bool:
    """False for a source without data: with --timpa a mistyped source would empty the destination."""
    if src.manifest is not None:
        return any(src.manifest["tabel"][t]["baris"] for t in tabel if t not in ISI_SENDIRI)
    return bool(_berisi(src.cursor(), tabel))


def _periksa(src: _Terbuka, dst: _Terbuka, *, timpa: bool) -> tuple[list[str], dict[str, list[str]]]:
    """Everything that can refuse the copy before a byte is written; the tables and their columns."""
    kode = _versi_kode()
    for t, peran in ((src, "Sumber"), (dst, "Tujuan")):
        versi = t.versi()
        if versi != kode:
            saran = (
                "pakai versi program yang membuatnya untuk menyalin ke file, lalu buka file itu dengan program ini"
                if versi < kode
                else "perbarui program ini dulu"
            )
            raise SalinDitolak(f"{peran} {t.ujung.label} berskema versi {versi}, program ini versi {kode}: {saran}.")
    tabel = dst.tabel()
    if set(src.tabel()) != set(tabel):
        hanya_src = sorted(set(src.tabel()) - set(tabel))
        hanya_dst = sorted(set(tabel) - set(src.tabel()))
        raise SalinDitolak(f"Tabel berbeda: hanya di sumber {hanya_src}, hanya di tujuan {hanya_dst}.")
    src_cur, dst_cur = src.cursor(), dst.cursor()
    kolom = {}
    for name in tabel:
        if src.manifest is not None and not (src.folder / f"{name}.parquet").is_file():
            raise SalinDitolak(f"Cadangan tidak lengkap: {name}.parquet tidak ada di {src.folder}.")
        # A folder's in-memory database holds the current schema under the table's name.
        kolom[name] = _kolom(dst_cur, _q(name))
        try:
            di_src = _kolom(src_cur, src.relasi(name))
        except duckdb.Error as exc:
            pesan = str(exc).strip().splitlines()[0][:300]
            raise SalinDitolak(f"Tabel {name} sumber tidak dapat dibaca: {pesan}. Tidak ada yang disalin.") from exc
        if set(di_src) != set(kolom[name]):
            raise SalinDitolak(f"Kolom tabel {name} berbeda: sumber {sorted(di_src)}, tujuan {sorted(kolom[name])}.")
    a, b = src.wilayah(), dst.wilayah()
    beda = [t for t in WILAYAH if t not in a or not Banding(t, a[t], b[t]).cocok]
    if beda:
        raise SalinDitolak(
            f"Daftar wilayah ({', '.join(beda)}) sumber berbeda dengan tujuan: kode desa data sumber bisa tidak "
            "dikenal di tujuan. Salin dengan versi program yang sama di kedua sisi."
        )
    if not _berisi_sumber(src, tabel):
        raise SalinDitolak(f"Sumber {src.ujung.label} tidak berisi data; tidak ada yang disalin.")
    if not timpa:
        if dst.folder is not None:
            if dst.folder.exists() and (not dst.folder.is_dir() or any(dst.folder.iterdir())):
                raise SalinDitolak(
                    f"Folder tujuan {dst.folder} tidak kosong. Tidak ada yang disalin; pakai --timpa untuk menggantinya."
                )
        else:
            _tolak_bila_berisi(dst, dst.cursor(), tabel)
    return tabel, kolom


def _tolak_bila_berisi(dst: _Terbuka, cur, tabel: list[str]) -> None:
    isi = _berisi(cur, tabel)
    if isi:
        daftar = ", ".join(f"{t} {angka(n)} baris" for t, n in isi.items())
        raise SalinDitolak(
            f"Tujuan {dst.ujung.label} sudah berisi data ({daftar}). Tidak ada yang disalin; pakai --timpa "
            "untuk mengganti seluruh isinya."
        )


def salin(dari: Ujung, ke: Ujung, *, timpa: bool = False) -> Hasil:
    """Copy every table from `dari` to `ke` and compare both sides afterwards.

    SalinDitolak: refused before writing (schema versions, tables or gazetteer differ, destination
    not empty without `timpa`, source empty). SalinGagal: the write failed and was rolled back."""
    _tolak_bila_sama(dari, ke)
    mulai = time.perf_counter()
    src = _Terbuka(dari, sumber=True)
    try:
        dst = _Terbuka(ke, sumber=False)
        try:
            tabel, kolom = _periksa(src, dst, timpa=timpa)
            src_cur = src.cursor()
            # One read transaction: a lake that servers keep writing is copied as one snapshot.
            src_cur.execute("begin transaction")
            try:
                sebelum = _ringkas_sumber(src, src_cur, tabel, kolom)
                if src.manifest is not None:
                    tertulis = {t: _dari_manifest(src.manifest, src.manifest["tabel"][t]) for t in tabel}
                    rusak = [t for t in tabel if not Banding(t, sebelum[t], tertulis[t]).cocok]
                    if rusak:
                        raise SalinDitolak(
                            f"Cadangan {src.folder} rusak: isi {', '.join(rusak)} tidak sesuai {MANIFEST}. "
                            "Tidak ada yang disalin."
                        )
                if dst.folder is not None:
                    _tulis_folder(dst.folder, src, src_cur, tabel, kolom, sebelum, timpa=timpa)
                else:
                    _tulis_basis_data(dst, src, src_cur, tabel, kolom, timpa=timpa)
            finally:
                src_cur.execute("rollback")
                src_cur.close()
            dst_cur = dst.cursor()
            banding = [Banding(t, sebelum[t], _ringkas(dst_cur, dst.relasi(t), kolom[t])) for t in tabel]
            a, b = src.wilayah(), dst.wilayah()
            wilayah = [Banding(t, a[t], b[t]) for t in WILAYAH]
            return Hasil(dari, ke, banding, wilayah, time.perf_counter() - mulai)
        finally:
            dst.close()
    finally:
        src.close()


def _ringkas_sumber(src: _Terbuka, cur, tabel: list[str], kolom: dict[str, list[str]]) -> dict[str, Ringkas]:
    """Every table of the source read once before writing: an unreadable table (a damaged backup
    file) refuses the copy while the destination is still untouched."""
    hasil = {}
    for name in tabel:
        try:
            hasil[name] = _ringkas(cur, src.relasi(name), kolom[name])
        except duckdb.Error as exc:
            pesan = str(exc).strip().splitlines()[0][:300]
            raise SalinDitolak(f"Tabel {name} sumber tidak dapat dibaca: {pesan}. Tidak ada yang disalin.") from exc
    return hasil


def _tolak_bila_sama(a: Ujung, b: Ujung) -> None:
    if a.jenis != b.jenis:
        return
    if a.jenis == "lake":
        if a.alamat == b.alamat:
            raise SalinDitolak("Sumber dan tujuan adalah lake yang sama.")
        if Path(a.lake_data).resolve() == Path(b.lake_data).resolve():
            # A lake's maintenance deletes the files its catalog does not know: the other lake's.
            raise SalinDitolak(
                f"Dua lake tidak boleh berbagi folder data ({a.lake_data}): beri tujuan folder lain dengan --lake-data-ke."
            )
    elif Path(a.alamat).resolve() == Path(b.alamat).resolve():
        raise SalinDitolak("Sumber dan tujuan sama.")


def _tulis_basis_data(
    dst: _Terbuka, src: _Terbuka, src_cur, tabel: list[str], kolom: dict[str, list[str]], *, timpa: bool
) -> None:
    """Replace every table of an embedded file or a lake in one transaction (db.transaksi: a lake's
    conflict is tried again, any error rolls everything back), streaming the source through Arrow."""
    sekarang = ["(memeriksa tujuan)"]

    def kerja(cur) -> None:
        if not timpa:
            _tolak_bila_berisi(dst, cur, tabel)  # again inside: another process may have written meanwhile
        sekarang[0] = "(menghapus isi lama)"
        for name in tabel:
            cur.execute(f"delete from {_q(name)}")
        for name in tabel:
            sekarang[0] = name
            cols = ", ".join(_q(c) for c in kolom[name])
            reader = src_cur.execute(f"select {cols} from {src.relasi(name)}").to_arrow_reader(BARIS_PER_BATCH)
            cur.register("salin_sumber", reader)
            try:
                cur.execute(f"insert into {_q(name)} ({cols}) select {cols} from salin_sumber")
            finally:
                cur.unregister("salin_sumber")
        sekarang[0] = "(urutan id)"
        _majukan_urutan(cur)
        sekarang[0] = "(commit)"

    try:
        db.transaksi(dst.con, kerja)
    except db.Bertabrakan as exc:
        raise SalinGagal(
            f"Tujuan {dst.ujung.label} terus diubah proses lain selama penyalinan; tidak ada yang tersimpan."
        ) from exc
    except duckdb.Error as exc:
        pesan = str(exc).strip().splitlines()[0][:400]
        raise SalinGagal(
            f"Penyalinan gagal di tabel {sekarang[0]}: {pesan}. Transaksi dibatalkan: tujuan tidak berubah."
        ) from exc


def _majukan_urutan(cur) -> None:
    """Move every sequence a column default draws from past the copied ids (DuckDB 1.5 has no
    setval), so a default id never meets a copied one. A lake has no sequences."""
    rows = cur.execute(
        """select c.table_name, c.column_name, c.column_default
        from duckdb_columns() as c
        where c.database_name = current_database() and c.column_default like 'nextval(%'"""
    ).fetchall()
    for table, column, default in rows:
        match = re.fullmatch(r"nextval\('([A-Za-z0-9_]+)'\)", default)
        if not match:
            continue
        seq = match.group(1)
        top = cur.execute(f"select max({_q(column)}) from {_q(table)}").fetchone()[0]
        start, last = cur.execute(
            """select start_value, last_value from duckdb_sequences()
            where database_name = current_database() and sequence_name = $s""",
            {"s": seq},
        ).fetchone()
        behind = int(top or 0) - (last if last is not None else start - 1)
        if behind > 0:
            cur.execute(f"select max(nextval({_literal(seq)})) from range($n)", {"n": behind})


def _tulis_folder(
    folder: Path,
    src: _Terbuka,
    src_cur,
    tabel: list[str],
    kolom: dict[str, list[str]],
    ringkas: dict[str, Ringkas],
    *,
    timpa: bool,
) -> None:
    """One Parquet file per table and the manifest, written under a temporary name beside the
    folder and renamed into place at the end: a failure leaves no half backup."""
    folder = folder.resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    sementara = folder.parent / f".{folder.name}.salin-{os.getpid()}"
    shutil.rmtree(sementara, ignore_errors=True)
    sementara.mkdir()
    try:
        for name in tabel:
            cols = ", ".join(_q(c) for c in kolom[name])
            target = _literal(sementara / f"{name}.parquet")
            src_cur.execute(
                f"copy (select {cols} from {src.relasi(name)}) to {target} (format parquet, compression zstd)"
            )
        manifest = {
            "format": FORMAT_CADANGAN,
            "versi_skema": src.versi(),
            "dibuat_pada": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "sumber": src.ujung.label,
            "duckdb": duckdb.__version__,
            "tabel": {t: ringkas[t].json() for t in tabel},
            "wilayah": {t: r.json() for t, r in src.wilayah().items()},
        }
        (sementara / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        lama = None
        if folder.exists():
            if timpa:
                lama = folder.parent / f".{folder.name}.lama-{os.getpid()}"
                folder.rename(lama)
            else:
                folder.rmdir()  # checked empty before
        sementara.rename(folder)
        if lama is not None:
            shutil.rmtree(lama)
    except (duckdb.Error, OSError) as exc:
        shutil.rmtree(sementara, ignore_errors=True)
        pesan = str(exc).strip().splitlines()[0][:400]
        raise SalinGagal(f"Menulis cadangan ke {folder} gagal: {pesan}. Folder tujuan tidak berubah.") from exc


# ---------------------------------------------------------------------------------------------
# rawat: maintenance


# Files that no snapshot references any more are deleted once they have been unreferenced this
# long, so a query an app server started on them can finish (app queries take seconds; a `salin`
# from the lake holds its snapshot for minutes). With the servers stopped they go at once.
JEDA_HAPUS = "1 hour"
# Files in the data folder the catalog never knew: left by a write that failed, or being written
# right now by an upload that has not committed yet. Only old ones go.
JEDA_YATIM = "1 day"


@dataclass(frozen=True)
class Keadaan:
    """What the store holds on disk: snapshots (a lake), data files and their bytes."""

    snapshot: int | None
    berkas: int | None
    byte: int | None


@dataclass
class Perawatan:
    jenis: str
    label: str
    sebelum: Keadaan
    sesudah: Keadaan
    langkah: list[tuple[str, int]] = field(default_factory=list)
    gagal: list[str] = field(default_factory=list)
    detik: float = 0.0
    server_berhenti: bool = False

    def teks(self) -> str:
        def n(v) -> str:
            return "–" if v is None else angka(v)

        def mb(v) -> str:
            return "–" if v is None else angka(v / 1e6, 2)

        lines = [f"Rawat {self.label}", ""]
        if self.jenis == "file":
            lines.append(
                "CHECKPOINT selesai: isi WAL dipindah ke file. Hanya ini yang diperlukan file embedded "
                "(tidak ada snapshot atau berkas data terpisah)."
            )
        else:
            lines += [f"{angka(jumlah):>8}  {label}" for label, jumlah in self.langkah]
            if not self.server_berhenti:
                lines.append(
                    "Baris inline tidak dipindah ke Parquet dan berkas yang baru dibebaskan dihapus pada perawatan "
                    "berikutnya: keduanya hanya dengan --server-berhenti (lihat README)."
                )
        lines += [
            "",
            f"{'':<22}{'sebelum':>12}{'sesudah':>12}",
            f"{'snapshot':<22}{n(self.sebelum.snapshot):>12}{n(self.sesudah.snapshot):>12}",
            f"{'berkas data':<22}{n(self.sebelum.berkas):>12}{n(self.sesudah.berkas):>12}",
            f"{'ukuran (MB)':<22}{mb(self.sebelum.byte):>12}{mb(self.sesudah.byte):>12}",
            "",
            f"Selesai dalam {angka(self.detik, 1)} detik." + (f" GAGAL: {'; '.join(self.gagal)}" if self.gagal else ""),
        ]
        return "\n".join(lines)


def rawat(
    target: str | None = None,
    *,
    lake_data: str | None = None,
    simpan_hari: int = 7,
    server_berhenti: bool = False,
) -> Perawatan:
    """Maintenance of a lake (or a CHECKPOINT of an embedded file); a step that keeps meeting other
    commits is reported, not fatal. Safe while app servers run unless `server_berhenti`, which also
    moves inlined rows to Parquet and deletes freed files at once: only with every server stopped
    (DuckLake 1.5.5: a server that read inlined rows before a flush fails on its next query and
    stays broken until it restarts; duckdb/ducklake#1305, #1413)."""
    if simpan_hari < 0:
        raise ValueError("--simpan-hari tidak boleh negatif.")
    target = str(target) if target is not None else db.default_path()
    mulai = time.perf_counter()
    con = db.connect(target, lake_data=lake_data)
    try:
        if not db.in_lake(con):
            path = Path(target)
            sebelum = _keadaan_file(path)
            con.execute("checkpoint")
            hasil = Perawatan("file", f"file {path.resolve()}", sebelum, _keadaan_file(path))
        else:
            hasil = _rawat_lake(con, target, simpan_hari, server_berhenti)
    finally:
        con.close()
    hasil.detik = time.perf_counter() - mulai
    return hasil


def _keadaan_file(path: Path) -> Keadaan:
    files = [p for p in (path, path.with_name(path.name + ".wal")) if p.is_file()]
    return Keadaan(None, len(files), sum(p.stat().st_size for p in files))


def _rawat_lake(con, target: str, simpan_hari: int, server_berhenti: bool) -> Perawatan:
    cur = db.cursor(con)
    row = cur.execute(
        "select value from ducklake_options($lake) where option_name = 'data_path'", {"lake": db.LAKE}
    ).fetchone()
    folder = Path(row[0]) if row and row[0] and "://" not in row[0] else None
    label = re.sub(r"password=\S*", "password=…", target) + (f" (data {folder})" if folder else "")

    def keadaan() -> Keadaan:
        snapshot = cur.execute("select count(*) from ducklake_snapshots($lake)", {"lake": db.LAKE}).fetchone()[0]
        if folder is None or not folder.is_dir():
            return Keadaan(int(snapshot), None, None)
        files = [p for p in folder.rglob("*") if p.is_file()]
        return Keadaan(int(snapshot), len(files), sum(p.stat().st_size for p in files))

    jeda = "0 seconds" if server_berhenti else JEDA_HAPUS
    # (what is counted, the DuckLake 1.5.5 function, the result column summed; None: its rows)
    langkah = (
        ("baris inline dipindah ke Parquet", "ducklake_flush_inlined_data($lake)", "rows_flushed"),
        ("berkas kecil digabung", "ducklake_merge_adjacent_files($lake)", "files_processed"),
        ("berkas dengan baris terhapus ditulis ulang", "ducklake_rewrite_data_files($lake)", "files_processed"),
        (
            f"snapshot lebih tua dari {simpan_hari} hari kedaluwarsa",
            "ducklake_expire_snapshots($lake, older_than => now() - to_days($hari))",
            None,
        ),
        (
            "berkas yang tidak dirujuk lagi dihapus",
            f"ducklake_cleanup_old_files($lake, older_than => now() - interval '{jeda}')",
            None,
        ),
        (
            "berkas yatim (tulis yang gagal) dihapus",
            f"ducklake_delete_orphaned_files($lake, older_than => now() - interval '{JEDA_YATIM}')",
            None,
        ),
    )
    if not server_berhenti:
        langkah = langkah[1:]
    sebelum = keadaan()
    hasil = Perawatan("lake", label, sebelum, sebelum, server_berhenti=server_berhenti)
    for nama, fungsi, jumlah in langkah:
        params = {"lake": db.LAKE, "hari": simpan_hari} if "$hari" in fungsi else {"lake": db.LAKE}
        try:
            n = _dengan_ulang(cur, fungsi, params, jumlah)
        except duckdb.Error as exc:
            hasil.gagal.append(f"{nama}: {str(exc).strip().splitlines()[0][:300]}")
            continue
        hasil.langkah.append((nama, n))
    hasil.sesudah = keadaan()
    cur.close()
    return hasil


def _dengan_ulang(cur, fungsi: str, params: dict, jumlah: str | None, coba: int = 3) -> int:
    """One maintenance step: the sum of its `jumlah` column, or its number of rows. A commit that
    meets an app server's commit is tried again. The rows are fetched, never counted in SQL:
    `count(*)` over these functions is answered without running them (checked on 1.5.5)."""
    sql = f"select {_q(jumlah) if jumlah else 1} from {fungsi}"  # no time-zone column: that needs pytz
    for attempt in range(1, coba + 1):
        try:
            return int(sum(r[0] or 0 for r in cur.execute(sql, params).fetchall()))
        except duckdb.TransactionException as exc:
            if "conflict" not in str(exc).lower() or attempt == coba:
                raise
            time.sleep(0.5 * attempt)
    raise AssertionError("unreachable")
