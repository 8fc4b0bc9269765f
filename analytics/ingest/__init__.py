"""Upload pipeline: read → normalise → validate → commit, the commit in one transaction."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from analytics import audit, db, periode, sanitize, zona
from analytics.config import load as load_settings
from analytics.ingest import schema
from analytics.ingest import validate as validation
from analytics.ingest.child import read_isolated
from analytics.ingest.grid import Limits, ReaderCrash, layout, read_grid
from analytics.ingest.masalah import Validated
from analytics.ingest.read import ReadError, Table
from analytics.ingest.read import table as _table
from analytics.wilayah import Gazetteer

__all__ = [
    "Prepared",
    "ReadError",
    "ReaderCrash",
    "prepare",
    "prepare_path",
    "read_file",
    "commit",
    "commit_all",
    "undo",
    "remove_demo",
    "UploadRefused",
]

MEMORY_MESSAGE = "Memori tidak cukup untuk memeriksa file ini. Bagi menjadi beberapa file yang lebih kecil."


class UploadRefused(ValueError):
    """The upload cannot be committed; the message is for the uploader."""


@dataclass(frozen=True)
class ZonaPratinjau:
    """The zones of a koperasi file as its upload preview computed them (zona_koperasi's columns, the
    file's kab/kota from its first week on), with what they were computed on: the store's data
    version (analytics/queries/versi_data.sql, nationally) and the zone rules. commit() writes them
    instead of computing them again when both are still the same inside its transaction."""

    versi: tuple
    aturan_zona: str
    baris: pa.Table


@dataclass
class Prepared:
    file_name: str
    sha256: str
    dataset: str | None
    table: Table | None
    result: Validated | None
    read_error: str | None = None
    # The zones the upload preview (temuan_kualitas) computed for this file, kept for its commit.
    zona_pratinjau: ZonaPratinjau | None = field(default=None, repr=False, compare=False)
    _arrow: pa.Table | None = field(default=None, repr=False, compare=False)

    def arrow(self) -> pa.Table:
        """The valid rows as the typed Arrow table the store's insert reads (_typed), built once for
        the preview and the commit."""
        if self._arrow is None:
            self._arrow = _typed(self.result.rows, self.dataset)
        return self._arrow

    @property
    def rejected(self) -> bool:
        return self.read_error is not None or self.result is None or self.result.rejected

    @property
    def reason(self) -> str | None:
        if self.read_error:
            return self.read_error
        return self.result.rejected_reason if self.result else None

    @property
    def storage(self) -> str | None:
        """The dataset whose table and coverage the rows go to."""
        return schema.DATASETS[self.dataset].table if self.dataset in schema.DATASETS else self.dataset

    @property
    def weeks(self) -> list[dt.date]:
        if self.result is None or self.result.rows.empty:
            return []
        return sorted(set(self.result.rows["minggu"]))

    @property
    def kabupaten(self) -> list[str]:
        if self.result is None or self.result.rows.empty:
            return []
        return sorted(set(self.result.rows["kode_kabupaten"]))

    def report(self, batch_id: int | None = None, status: str | None = None) -> dict:
        """The JSON report of cli.md."""
        r = self.result
        errors = [p.as_dict() for p in r.errors] if r else []
        if self.read_error:
            errors = [{"row": None, "column": None, "value": None, "message": self.read_error}]
        weeks = self.weeks
        return {
            "status": status or ("rejected" if self.rejected else "valid"),
            "dataset": self.dataset,
            "batch_id": batch_id,
            "rows_read": r.rows_read if r else 0,
            "rows_committed": len(r.rows) if (r is not None and batch_id is not None) else 0,
            "minggu": weeks[-1].isoformat() if weeks else None,
            "errors": errors,
            "warnings": [p.as_dict() for p in r.warnings] if r else [],
            "matched_names": [
                {"row": m["row"], "found": m["found"], "matched": m["matched"], "kode": m["kode"]}
                for m in (r.matched_names if r else [])
            ],
            # Rows per level by how their region was placed (kode, tepat, dinormalisasi, mirip, ...).
            "match_rate": r.match_stats if r else {},
        }


def prepare(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    file_name: str,
    dataset: str = "auto",
    *,
    minggu: dt.date | None = None,
    gazetteer: Gazetteer | None = None,
    today: dt.date | None = None,
    sheet: str | None = None,
    progress=None,
    actor=None,
    isolated: bool = True,
) -> Prepared:
    """Read and validate without touching the database. `progress(share, text)` is told how far
    it has come (for a progress bar).

    The file is read in a child process under the memory and time caps of the settings
    (`isolated=False` reads in this process, for files the app wrote itself). A file that cannot
    be read, or needs too much, comes back rejected with a message; ReaderCrash means the reader
    itself failed."""
    # The name is only a label (stored in upload_batch and the audit, shown on the page): no
    # control characters, bounded length.
    file_name = sanitize.file_name(file_name)
    settings = load_settings()
    sha = hashlib.sha256(data).hexdigest()
    limit = settings.batas_unggah_mb * 1024 * 1024
    if len(data) > limit:
        return Prepared(file_name, sha, None, None, None, _too_large(len(data), settings.batas_unggah_mb))
    if progress:
        progress(0.05, "Membaca file…")
    limits = Limits.from_settings(settings)
    try:
        shape = (
            read_isolated(data, file_name, sheet, limits)
            if isolated
            else layout(read_grid(data, file_name, sheet, limits))
        )
        table = _table(shape)
        del shape
    except ReadError as exc:
        return Prepared(file_name, sha, None if dataset == "auto" else dataset, None, None, str(exc))
    except MemoryError:
        return Prepared(file_name, sha, None if dataset == "auto" else dataset, None, None, MEMORY_MESSAGE)
    if dataset == "auto":
        detected = schema.detect(table.headers)
        if detected is None:
            return Prepared(
                file_name,
                sha,
                None,
                table,
                None,
                "Jenis data tidak dikenali dari judul kolom. Pilih dataset, atau pakai templat "
                "(kolom wajib: koperasi → nama_koperasi; lahan → id_lahan; sppg → nama_sppg; "
                "bimtek → nama_kegiatan dan jumlah_peserta; target → metrik, nilai_target dan tenggat).",
            )
        dataset = detected
    if dataset not in schema.DATASETS:
        return Prepared(file_name, sha, dataset, table, None, f"Dataset '{dataset}' tidak dikenal.")
    if dataset == "target":
        from analytics.ingest import target as target_file

        result = target_file.validate(
            table,
            gazetteer or Gazetteer.load(con),
            today=today,
            error_share_limit=settings.batas_baris_galat,
            scope=actor.region if actor is not None else None,
        )
        return Prepared(file_name, sha, dataset, table, result)
    if dataset in schema.UNDATED and minggu is None:
        # A SIMKOPDES export has no date: it counts for the week it is uploaded in.
        minggu = periode.monday(today or dt.date.today())
    try:
        result = validation.validate(
            table,
            dataset,
            gazetteer or Gazetteer.load(con),
            today=today,
            minggu_default=minggu,
            error_share_limit=settings.batas_baris_galat,
            progress=progress,
            scope=actor.region if actor is not None else None,
        )
    except MemoryError:
        return Prepared(file_name, sha, dataset, None, None, MEMORY_MESSAGE)
    if progress:
        progress(1.0, "Selesai diperiksa.")
    return Prepared(file_name, sha, dataset, table, result)


def _too_large(size: int, limit_mb: int) -> str:
    return f"File {size / 1024 / 1024:.1f} MB melebihi batas {limit_mb} MB."


def read_file(path: str | Path, *, follow_symlinks: bool = True, dir_fd: int | None = None) -> bytes:
    """The bytes of a file, refused (ReadError) before reading when it is over `batas_unggah_mb`,
    is not a regular file, or is a symbolic link while `follow_symlinks` is false."""
    limit_mb = load_settings().batas_unggah_mb
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (0 if follow_symlinks else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags, dir_fd=dir_fd)
    except OSError as exc:
        if not follow_symlinks and exc.errno == errno.ELOOP:  # what O_NOFOLLOW answers for a link
            raise ReadError("File ini tautan simbolik (symlink); tidak dibaca.") from None
        raise ReadError(f"File tidak dapat dibuka ({exc.strerror}).") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("Ini bukan file biasa (folder, pipa, atau perangkat); tidak dibaca.")
        limit = limit_mb * 1024 * 1024
        if info.st_size > limit:
            raise ReadError(_too_large(info.st_size, limit_mb))
        data = fh.read(limit + 1)
    if len(data) > limit:  # grew while it was read
        raise ReadError(_too_large(len(data), limit_mb))
    return data


def prepare_path(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    dataset: str = "auto",
    *,
    follow_symlinks: bool = True,
    dir_fd: int | None = None,
    **kwargs,
) -> Prepared:
    """prepare() for a file on disk: its size is checked before a byte of it is read."""
    name = sanitize.file_name(Path(path).name)
    try:
        data = read_file(path, follow_symlinks=follow_symlinks, dir_fd=dir_fd)
    except ReadError as exc:
        return Prepared(name, "", None if dataset == "auto" else dataset, None, None, str(exc))
    return prepare(con, data, name, dataset, **kwargs)


def already_loaded(con: duckdb.DuckDBPyConnection, prepared: Prepared) -> int | None:
    """The batch id of an identical file already counting for the same dataset and week."""
    cur = db.cursor(con)
    try:
        return _already_loaded(cur, prepared)
    finally:
        cur.close()


def _already_loaded(cur, prepared: Prepared) -> int | None:
    """already_loaded() on the caller's cursor: inside its transaction, on its snapshot."""
    weeks = prepared.weeks
    if not weeks:
        return None
    row = cur.execute(
        "select batch_id from upload_batch where sha256 = $sha and dataset = $ds and minggu = $m "
        "and dibatalkan_pada is null order by batch_id desc limit 1",
        {"sha": prepared.sha256, "ds": prepared.storage, "m": weeks[-1]},
    ).fetchone()
    return row[0] if row else None


_INSERT = {
    "koperasi": """insert into koperasi (batch_id, baris, minggu, tanggal_laporan, kode_provinsi, kode_kabupaten,
        kode_kecamatan, kode_desa, id_koperasi, nama_koperasi, badan_hukum, npwp, nib, masuk_portal, akun_simkopdes,
        status_lahan, tahap_fisik, progres_fisik_persen, gerai_beroperasi, jumlah_anggota, kendala, zona,
        pendamping, keterangan)
        select $batch, baris, minggu::date, tanggal_laporan::date, kode_provinsi, kode_kabupaten, kode_kecamatan,
        kode_desa, id_koperasi, nama_koperasi, badan_hukum, npwp, nib, masuk_portal, akun_simkopdes, status_lahan,
        tahap_fisik, progres_fisik_persen, gerai_beroperasi, jumlah_anggota,
        case when kendala is null then null else string_split(kendala, ';') end, zona, pendamping, keterangan
        from unggahan""",
    "lahan": """insert into lahan (batch_id, baris, minggu, tanggal_laporan, id_lahan, kode_provinsi, kode_kabupaten,
        kode_kecamatan, kode_desa, nama_koperasi, sumber_lahan, luas_m2, status_verifikasi, verifikator, lat, lon,
        kendala, keterangan)
        select $batch, baris, minggu::date, tanggal_laporan::date, id_lahan, kode_provinsi, kode_kabupaten,
        kode_kecamatan, kode_desa, nama_koperasi, sumber_lahan, luas_m2, status_verifikasi, verifikator, lat, lon,
        case when kendala is null then null else string_split(kendala, ';') end, keterangan
        from unggahan""",
    "sppg": """insert into sppg (batch_id, baris, minggu, tanggal_laporan, kode_provinsi, kode_kabupaten,
        kode_kecamatan, kode_desa, nama_sppg, status, tanggal_operasi, lat, lon, kapasitas_porsi, penerima_manfaat,
        pemasok_lokal)
        select $batch, baris, minggu::date, tanggal_laporan::date, kode_provinsi, kode_kabupaten, kode_kecamatan,
        kode_desa, nama_sppg, status, tanggal_operasi::date, lat, lon, kapasitas_porsi, penerima_manfaat,
        pemasok_lokal
        from unggahan""",
    "bimtek": """insert into bimtek (batch_id, baris, minggu, tanggal, kode_provinsi, kode_kabupaten, kode_kecamatan,
        nama_kegiatan, jumlah_peserta, kategori_peserta)
        select $batch, baris, minggu::date, tanggal::date, kode_provinsi, kode_kabupaten, kode_kecamatan,
        nama_kegiatan, jumlah_peserta, kategori_peserta
        from unggahan""",
    "target": """insert into target (batch_id, baris, metrik, kode_wilayah, jenis, nilai, tenggat, sumber, catatan,
        dihapus)
        select $batch, baris, metrik, kode_wilayah, jenis, nilai, tenggat, sumber, catatan, coalesce(dihapus, false)
        from unggahan""",
    "simkopdes_desa": """insert into simkopdes_desa (batch_id, baris, minggu, kode_provinsi, kode_kabupaten,
        kode_kecamatan, kode_desa, id_desa_simkopdes, koperasi, akun, npwp, nib, rat, volume_transaksi,
        nilai_transaksi, simpanan_total)
        select $batch, baris, minggu::date, kode_provinsi, kode_kabupaten, kode_kecamatan, kode_desa,
        id_desa_simkopdes, koperasi, akun, npwp, nib, rat, volume_transaksi, nilai_transaksi, simpanan_total
        from unggahan""",
}

_ARROW = {
    "bool": pa.bool_(),
    "int": pa.int64(),
    "float": pa.float64(),
    "percent": pa.float64(),
    "lat": pa.float64(),
    "lon": pa.float64(),
    "amount": pa.float64(),
    "date": pa.date32(),
}


_TARGET_ARROW = {
    "baris": pa.int64(),
    "metrik": pa.string(),
    "kode_wilayah": pa.string(),
    "jenis": pa.string(),
    "nilai": pa.float64(),
    "tenggat": pa.date32(),
    "sumber": pa.string(),
    "catatan": pa.string(),
    "dihapus": pa.bool_(),
    "minggu": pa.date32(),
    "kode_kabupaten": pa.string(),
}


def _typed(rows: pd.DataFrame, dataset: str) -> pa.Table:
    """The validated frame as an Arrow table with the column types DuckDB reads without guessing
    (converted in C, not cell by cell); columns of the storage table that the source format
    lacks come as empty."""
    if dataset == "target":
        rows = rows.assign(dihapus=rows["dihapus"] if "dihapus" in rows else False)
        return pa.Table.from_arrays(
            [pa.array(rows[c].tolist(), t, from_pandas=True) for c, t in _TARGET_ARROW.items()],
            names=list(_TARGET_ARROW),
        )
    ds = schema.DATASETS[dataset]
    target = schema.DATASETS.get(ds.table, ds)
    n = len(rows)
    names = list(rows.columns) + [c.name for c in target.columns if c.name not in rows]
    arrays = []
    for column in names:
        spec = ds.column(column) or target.column(column)
        values = rows[column].tolist() if column in rows else [None] * n
        if column == "minggu" or (spec is not None and spec.kind == "date"):
            arrays.append(pa.array(values, pa.date32(), from_pandas=True))
        elif column == "baris":
            arrays.append(pa.array(values, pa.int64()))
        elif spec is not None and spec.kind == "enum_list":
            joined = [";".join(v) if isinstance(v, list) and v else None for v in values]
            arrays.append(pa.array(joined, pa.string()))
        elif spec is not None and spec.kind in _ARROW:
            arrays.append(pa.array(values, _ARROW[spec.kind], from_pandas=True))
        else:
            try:
                arrays.append(pa.array(values, pa.string(), from_pandas=True))
            except (pa.ArrowTypeError, pa.ArrowInvalid):  # a value that is not text yet
                text = [None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in values]
                arrays.append(pa.array(text, pa.string()))
    return pa.Table.from_arrays(arrays, names=names)


def commit(
    con: duckdb.DuckDBPyConnection,
    prepared: Prepared,
    *,
    user: str = "admin-lokal",
    partial: bool = False,
    demo: bool = False,
    rules: zona.aturan.Rules | None = None,
    now: dt.datetime | None = None,
    actor=None,
) -> int:
    """Write the valid rows as one batch, replacing the same (dataset, week, kabupaten).

    With `actor` (an analytics.access.User) the role and region are enforced here too.

    One transaction: either everything lands (rows, coverage, zones) or nothing does.
    Returns the new batch id.
    """
    return commit_all(con, [(prepared, now)], user=user, partial=partial, demo=demo, rules=rules, actor=actor)[0]


def commit_all(
    con: duckdb.DuckDBPyConnection,
    uploads: list[tuple[Prepared, dt.datetime | None]],
    *,
    user: str = "admin-lokal",
    partial: bool = False,
    demo: bool = False,
    rules: zona.aturan.Rules | None = None,
    actor=None,
) -> list[int]:
    """commit() for several files (each with its upload time, None: now) in one transaction, the
    zones recomputed once after the last: all of them land or none does. Returns the batch ids."""
    koperasi = [p for p, _ in uploads if p.dataset == "koperasi"]
    rules = rules or (zona.aturan.load_rules() if koperasi else None)

    # A single previewed koperasi file brings its zones: written as they are when nothing that
    # counts changed since the preview (checked inside the transaction, so again on a retry).
    pratinjau = koperasi[0].zona_pratinjau if len(koperasi) == 1 else None
    if pratinjau is not None and pratinjau.aturan_zona != rules.digest:
        pratinjau = None

    def write(cur) -> list[int]:
        zona_siap = pratinjau is not None and _versi_data(cur) == pratinjau.versi
        # The checks run inside the transaction, so again on each attempt: after a conflict the
        # other server's commit is visible, and it may have been this very file.
        checked = user
        for prepared, _ in uploads:
            checked = _allowed(cur, prepared, user=user, partial=partial, actor=actor)
        batches = [
            _write(cur, prepared, checked, demo, now or dt.datetime.now().replace(microsecond=0))
            for prepared, now in uploads
        ]
        if koperasi:
            kabupaten = sorted({k for p in koperasi for k in p.kabupaten})
            dari = min(min(p.weeks) for p in koperasi)
            if zona_siap:
                zona.aturan.simpan_hasil(cur, kabupaten, dari, pratinjau.baris)
            else:
                zona.aturan.recompute(cur, rules, kabupaten, dari)
        _pause_for_crash_test()
        return batches

    return _simpan(con, write, BERTABRAKAN)


def temuan_kualitas(
    con: duckdb.DuckDBPyConnection,
    prepared: Prepared,
    *,
    rules: zona.aturan.Rules | None = None,
    aturan=None,
) -> pd.DataFrame:
    """The data-quality findings (analytics.kualitas.daftar) the valid rows of a koperasi file would
    have in its kab/kota and weeks once saved: warnings for the validation report, never a refusal.

    Nothing is written to the store: inside one read transaction, temporary views show the store as
    it would be with this file (_seolah_tersimpan), so the rules see the file against the stored
    previous week exactly as after a commit. Empty for other datasets and for a file with nothing
    to save."""
    from analytics import kualitas
    from analytics.filters import Filter

    # Only the rules a koperasi file can trip: those over SPPG and land reports judge other files.
    aturan = (aturan or kualitas.load_aturan()).hanya(kualitas.DARI_LAPORAN_KOPERASI)
    if prepared.dataset != "koperasi" or prepared.rejected or prepared.result.rows.empty:
        return kualitas.daftar(con, Filter(), None, aturan)
    rules = rules or zona.aturan.load_rules()
    if db._SNAPSHOT.get() is not None:
        raise RuntimeError(
            "temuan_kualitas shadows the store in a read transaction of its own; call it outside one_snapshot"
        )
    with db.one_snapshot(con):
        cur = db.cursor(con)
        versi = _versi_data(cur)
        _seolah_tersimpan(cur, prepared, rules)
        prepared.zona_pratinjau = ZonaPratinjau(
            versi, rules.digest, cur.execute("select * from pratinjau_zona").to_arrow_table()
        )
        return _temuan_file(con, prepared, aturan)


def _versi_data(cur) -> tuple:
    """The national data version (analytics/queries/versi_data.sql) read on `cur`, in its transaction."""
    return tuple(cur.execute(db.query_text("versi_data"), {"provinsi": None, "kabupaten": None}).fetchone())


def _seolah_tersimpan(cur, prepared: Prepared, rules: zona.aturan.Rules) -> None:
    """On `cur` (a read transaction's cursor; temporary objects belong to it alone), temporary views
    named like the store's cakupan_aktif, koperasi_aktif and zona_koperasi that show the store as if
    the koperasi file were saved: its (week, kab/kota) replaced by its rows, and the zones of those
    kab/kota recomputed from its first week on, as commit() would. DuckDB resolves a name to a
    temporary object first, in queries, macros and the store's own views alike, so every query on
    `cur` reads the file; other cursors never see it, and the transaction's end drops it all."""
    asli = cur.execute(
        "select database_name from duckdb_views() where view_name = 'koperasi_aktif' and not temporary"
    ).fetchone()[0]
    asli = f'"{asli}".main'
    rows = prepared.arrow()
    cur.register("unggahan", rows)
    try:
        cur.execute(f"create temp table pratinjau_koperasi as select * from {asli}.koperasi limit 0")
        cur.execute(
            _INSERT["koperasi"].replace("insert into koperasi ", "insert into pratinjau_koperasi ", 1), {"batch": -1}
        )
        cur.execute(
            "create temp table pratinjau_cakupan as select distinct minggu::date as minggu, kode_kabupaten from unggahan"
        )
    finally:
        cur.unregister("unggahan")
    cur.execute(
        f"""create temp view cakupan_aktif as
        select c.* from {asli}.cakupan_aktif as c
        where not (c.dataset = 'koperasi' and exists (
            select 1 from pratinjau_cakupan as p where p.minggu = c.minggu and p.kode_kabupaten = c.kode_kabupaten))
        union all
        select 'koperasi' as dataset, minggu, kode_kabupaten, -1 as batch_id from pratinjau_cakupan"""
    )
    # The store's koperasi_aktif now reads the view above, so the replaced rows drop out of it.
    cur.execute(
        f"create temp view koperasi_aktif as select * from {asli}.koperasi_aktif union all by name "
        "select * from pratinjau_koperasi"
    )
    dari = min(prepared.weeks)
    cur.execute(f"create temp table pratinjau_zona as select * from {asli}.zona_koperasi limit 0")
    cur.execute(
        f"""create temp view zona_koperasi as
        select * from {asli}.zona_koperasi
        where not (minggu >= date '{dari.isoformat()}' and kode_kabupaten in (select kode_kabupaten from pratinjau_cakupan))
        union all by name
        select * from pratinjau_zona"""
    )
    zona.aturan.recompute(cur, rules, prepared.kabupaten, dari, ke="pratinjau_zona")


def temuan_kualitas_tersimpan(con: duckdb.DuckDBPyConnection, prepared: Prepared, *, aturan=None) -> pd.DataFrame:
    """The data-quality findings of a koperasi file just saved (its kab/kota and weeks, the rules a
    koperasi file can trip): what temuan_kualitas showed before the commit, read without writing.
    Empty for other datasets and for a file that was not saved."""
    from analytics import kualitas
    from analytics.filters import Filter

    aturan = (aturan or kualitas.load_aturan()).hanya(kualitas.DARI_LAPORAN_KOPERASI)
    if prepared.dataset != "koperasi" or prepared.rejected or prepared.result.rows.empty:
        return kualitas.daftar(con, Filter(), None, aturan)
    with db.one_snapshot(con):
        return _temuan_file(con, prepared, aturan)


def _temuan_file(con, prepared: Prepared, aturan) -> pd.DataFrame:
    """kualitas.daftar for the file's kab/kota and weeks as the store holds them now."""
    from analytics import kualitas
    from analytics.filters import Filter

    frames = []
    for minggu in prepared.weeks:
        # Each kab/kota is compared with its own previous week. Those whose previous week is
        # the national one are read in one national pass (the same rows, far fewer queries for
        # a file of many kab/kota); the others one by one.
        lalu = db.run(con, "kualitas/minggu_lalu_kabupaten", {"minggu": minggu, "kabupaten": prepared.kabupaten})
        lalu = {k: periode.as_date(m) for k, m in zip(lalu["kode_kabupaten"], lalu["minggu_lalu"])}
        nasional = kualitas.minggu_lalu(con, Filter(), minggu)
        sama = [k for k in prepared.kabupaten if lalu.get(k) == nasional]
        if len(sama) > 1:
            semua = kualitas.daftar(con, Filter(), minggu, aturan)
            frames.append(semua[semua["kode_kabupaten"].isin(sama)])
        sendiri = [k for k in prepared.kabupaten if len(sama) <= 1 or k not in sama]
        frames += [kualitas.daftar(con, Filter.from_code(k), minggu, aturan) for k in sendiri]
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
    # Week by week, kab/kota by kab/kota, each in kualitas.daftar's order.
    order = {m: i for i, m in enumerate(prepared.weeks)}
    out = out.assign(_m=out["minggu"].map(order)).sort_values(["_m", "kode_kabupaten"], kind="stable")
    return out.drop(columns="_m").reset_index(drop=True)


BERTABRAKAN = (
    "Unggahan ini bertabrakan dengan unggahan lain yang disimpan pada saat yang sama, {n} kali berturut-turut. "
    "Tidak ada yang tersimpan dari file ini; simpan lagi sebentar lagi."
)
PERUBAHAN_BERTABRAKAN = (
    "Perubahan ini bertabrakan dengan perubahan lain yang disimpan pada saat yang sama, {n} kali berturut-turut. "
    "Tidak ada yang berubah; coba lagi sebentar lagi."
)


def _simpan(con, kerja, pesan: str = PERUBAHAN_BERTABRAKAN):
    """db.transaksi, with a lake's repeated conflicts refused in the upload page's words."""
    try:
        return db.transaksi(con, kerja)
    except db.Bertabrakan as exc:
        raise UploadRefused(pesan.format(n=db.BATAS_COBA)) from exc


def _allowed(cur, prepared: Prepared, *, user: str, partial: bool, actor) -> str:
    """The user the upload is recorded for; UploadRefused when it may not be committed."""
    if prepared.rejected:
        raise UploadRefused(prepared.reason or "File ditolak.")
    result = prepared.result
    if actor is not None:
        if not actor.can("unggah"):
            raise UploadRefused(f"Peran '{actor.role}' tidak boleh mengunggah data.")
        if prepared.dataset == "target" and not actor.can("target"):
            raise UploadRefused(f"Peran '{actor.role}' tidak boleh mengatur target; target diatur admin.")
        outside = [k or "nasional" for k in prepared.kabupaten if not actor.covers(k)]
        if outside:
            raise UploadRefused("File memuat wilayah di luar wewenang Anda: " + ", ".join(outside) + ".")
        user = actor.email
    if result.errors and not partial:
        raise UploadRefused(
            f"{len(result.error_rows)} baris bergalat. Perbaiki file, atau impor hanya baris yang valid."
        )
    if result.rows.empty:
        raise UploadRefused("Tidak ada baris valid untuk disimpan.")
    same = _already_loaded(cur, prepared)
    if same is not None:
        raise UploadRefused(
            f"File yang sama persis sudah diunggah untuk minggu ini (unggahan #{same}); tidak ada yang berubah."
        )
    return user


def _write(cur, prepared: Prepared, user: str, demo: bool, now: dt.datetime) -> int:
    """The batch, its coverage, its rows and its audit entry, in the caller's transaction."""
    rows = prepared.arrow()
    coverage = rows.select(["minggu", "kode_kabupaten"]).group_by(["minggu", "kode_kabupaten"]).aggregate([])
    batch = db.next_id(cur, "batch_id")
    cur.execute(
        """insert into upload_batch (batch_id, dataset, minggu, nama_file, sha256, diunggah_oleh, diunggah_pada,
           jumlah_baris, kabupaten, contoh, sumber)
           values ($batch, $ds, $minggu, $file, $sha, $user, $now, $n, $kab, $demo, $sumber)""",
        {
            "batch": batch,
            "ds": prepared.storage,
            "minggu": prepared.weeks[-1],
            "file": prepared.file_name,
            "sha": prepared.sha256,
            "user": user,
            "now": now,
            "n": len(rows),
            "kab": prepared.kabupaten,
            "demo": demo,
            "sumber": "templat" if prepared.storage == prepared.dataset else prepared.dataset,
        },
    )
    # A target upload replaces targets by (metrik, kode_wilayah), not a week of kab/kota: no coverage.
    if prepared.storage != "target":
        cur.register("cakupan_baru", coverage)
        cur.execute(
            "insert into batch_cakupan (batch_id, dataset, minggu, kode_kabupaten) "
            "select $batch, $ds, minggu::date, kode_kabupaten from cakupan_baru",
            {"batch": batch, "ds": prepared.storage},
        )
        cur.unregister("cakupan_baru")
    cur.register("unggahan", rows)
    cur.execute(_INSERT[prepared.storage], {"batch": batch})
    cur.unregister("unggahan")
    audit.record(
        cur,
        user,
        "muat_contoh" if demo else "unggah",
        {
            "batch_id": batch,
            "dataset": prepared.dataset,
            "file": prepared.file_name,
            "baris": len(rows),
            "minggu": [w.isoformat() for w in prepared.weeks],
            "kabupaten": prepared.kabupaten,
        },
        now,
    )
    return batch


def _pause_for_crash_test() -> None:
    """With KDKMP_JEDA_SEBELUM_COMMIT=seconds, wait inside the open transaction so a test can
    kill the process mid-commit and check that nothing of the upload remains."""
    import os
    import sys
    import time

    pause = os.environ.get("KDKMP_JEDA_SEBELUM_COMMIT")
    if pause:
        print("KDKMP: transaksi terbuka", file=sys.stderr, flush=True)
        time.sleep(float(pause))


def undo(
    con: duckdb.DuckDBPyConnection,
    batch_id: int,
    *,
    user: str = "admin-lokal",
    rules: zona.aturan.Rules | None = None,
    actor=None,
) -> dict:
    """Stop counting one batch; what it replaced counts again. Its rows stay in history.
    With `actor`, an operator may undo only uploads inside their region."""
    cur = db.cursor(con)
    row = cur.execute(
        "select dataset, dibatalkan_pada from upload_batch where batch_id = $b", {"b": batch_id}
    ).fetchone()
    if row is None:
        raise UploadRefused(f"Unggahan #{batch_id} tidak ada.")
    if row[1] is not None:
        raise UploadRefused(f"Unggahan #{batch_id} sudah dibatalkan pada {periode.waktu(row[1])}.")
    dataset = row[0]
    cover = cur.execute(
        "select min(minggu), list(distinct kode_kabupaten order by kode_kabupaten) from batch_cakupan where batch_id = $b",
        {"b": batch_id},
    ).fetchone()
    if dataset == "target":  # no weekly coverage: the week it was uploaded in and the areas it named
        cover = cur.execute(
            "select minggu, kabupaten from upload_batch where batch_id = $b", {"b": batch_id}
        ).fetchone()
    if actor is not None:
        from analytics import access

        try:
            if dataset == "target":
                access.require(actor, "target")
            access.require_batch(actor, [k or "nasional" for k in cover[1]])
        except access.AccessError as exc:
            raise UploadRefused(str(exc)) from exc
        user = actor.email
    cur.close()

    def cancel(cur) -> None:
        if cur.execute("select dibatalkan_pada from upload_batch where batch_id = $b", {"b": batch_id}).fetchone()[0]:
            raise UploadRefused(f"Unggahan #{batch_id} baru saja dibatalkan oleh pengguna lain.")
        audit.record(
            cur,
            user,
            "batalkan",
            {"batch_id": batch_id, "dataset": dataset, "minggu": cover[0], "kabupaten": list(cover[1])},
        )
        cur.execute(
            "update upload_batch set dibatalkan_pada = $now, dibatalkan_oleh = $user where batch_id = $b",
            {"now": dt.datetime.now().replace(microsecond=0), "user": user, "b": batch_id},
        )
        if dataset == "koperasi":
            zona.aturan.recompute(cur, rules or zona.aturan.load_rules(), list(cover[1]), cover[0])

    _simpan(con, cancel)
    return {"batch_id": batch_id, "dataset": dataset, "minggu": cover[0].isoformat(), "kabupaten": list(cover[1])}


def remove_demo(con: duckdb.DuckDBPyConnection, user: str = "admin-lokal") -> int:
    """Delete every demo batch and its rows in one transaction; returns the batches removed."""

    def remove(cur) -> int:
        ids = [r[0] for r in cur.execute("select batch_id from upload_batch where contoh").fetchall()]
        kabupaten = [
            r[0]
            for r in cur.execute(
                "select distinct kode_kabupaten from batch_cakupan where batch_id in (select unnest($ids::integer[]))",
                {"ids": ids},
            ).fetchall()
        ]
        for statement in (
            "delete from koperasi where batch_id in (select unnest($ids::integer[]))",
            "delete from lahan where batch_id in (select unnest($ids::integer[]))",
            "delete from sppg where batch_id in (select unnest($ids::integer[]))",
            "delete from bimtek where batch_id in (select unnest($ids::integer[]))",
            "delete from simkopdes_desa where batch_id in (select unnest($ids::integer[]))",
            "delete from target where batch_id in (select unnest($ids::integer[]))",
            "delete from batch_cakupan where batch_id in (select unnest($ids::integer[]))",
            "delete from upload_batch where batch_id in (select unnest($ids::integer[]))",
        ):
            cur.execute(statement, {"ids": ids})
        # The demo's assignment of who is expected to report leaves with it.
        cur.execute("delete from wajib_lapor where contoh")
        if kabupaten:
            zona.aturan.recompute(cur, zona.aturan.load_rules(), kabupaten)
        audit.record(cur, user, "hapus_contoh", {"unggahan": len(ids)})
        return len(ids)

    return _simpan(con, remove)


def commit_or_report(
    con, prepared: Prepared, *, user: str, partial: bool = False, hint: str = ""
) -> tuple[dict, int | None]:
    """Commit when allowed (no errors, or `partial`) and return the JSON report of cli.md with the
    batch id; when nothing is committed, the reason stands among the report's errors. `hint` ends
    the message about rows in error (what the caller can do about them)."""
    batch, note = None, prepared.reason
    if not prepared.rejected and (not prepared.result.errors or partial):
        try:
            batch = commit(con, prepared, user=user, partial=partial)
        except UploadRefused as exc:
            note = str(exc)
    elif not prepared.rejected:
        note = f"{len(prepared.result.error_rows)} baris bergalat; tidak ada yang disimpan{hint}."
    status = "committed" if batch is not None else "rejected"
    report = prepared.report(batch, status)
    if note and batch is None and not any(e["message"] == note for e in report["errors"]):
        report["errors"].append({"row": None, "column": None, "value": None, "message": note})
    return report, batch


def ingest_bytes(
    con,
    data: bytes,
    file_name: str,
    dataset: str = "auto",
    *,
    user: str = "admin-lokal",
    partial: bool = False,
    demo: bool = False,
    minggu=None,
    gazetteer=None,
    today=None,
    rules=None,
) -> tuple[Prepared, int | None]:
    """prepare + commit when allowed; returns (prepared, batch id or None)."""
    prepared = prepare(con, data, file_name, dataset, minggu=minggu, gazetteer=gazetteer, today=today)
    if prepared.rejected or (prepared.result.errors and not partial):
        return prepared, None
    return prepared, commit(con, prepared, user=user, partial=partial, demo=demo, rules=rules)
