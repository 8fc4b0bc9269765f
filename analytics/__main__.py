"""Command line: python -m analytics ingest|summary|demo|undo (see README, "Baris perintah")."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analytics import db, periode


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m analytics", description="Lapisan analitik dasbor KDKMP/MBG.")
    sub = p.add_subparsers(dest="command", required=True)

    ing = sub.add_parser("ingest", help="impor satu file CSV/XLSX")
    ing.add_argument("file", type=Path)
    ing.add_argument(
        "--dataset",
        default="auto",
        choices=["auto", "koperasi", "lahan", "sppg", "bimtek", "simkopdes_lahan", "simkopdes_desa"],
    )
    ing.add_argument("--minggu", type=_date, help="minggu laporan bila file tidak bertanggal (YYYY-MM-DD)")
    _store_options(ing)
    ing.add_argument("--json", action="store_true", help="cetak laporan sebagai JSON")
    ing.add_argument("--partial", action="store_true", help="simpan baris valid walau ada baris bergalat")
    ing.add_argument("--user", default="cli", help="nama pengunggah yang dicatat")

    summ = sub.add_parser("summary", help="ringkasan minggu terbaru untuk satu filter")
    summ.add_argument("--provinsi")
    summ.add_argument("--kabupaten")
    summ.add_argument("--kecamatan")
    summ.add_argument("--minggu", type=_date)
    _store_options(summ)
    summ.add_argument("--json", action="store_true", required=True)

    demo = sub.add_parser("demo", help="muat data contoh (sintetis)")
    _store_options(demo)
    demo.add_argument("--if-empty", action="store_true", help="hanya bila basis data belum berisi data")

    acc = sub.add_parser("pengguna", help="kelola akun (mode password/oidc): tambah, sandi, hapus, daftar")
    acc.add_argument("aksi", choices=["tambah", "sandi", "hapus", "daftar"])
    acc.add_argument("email", nargs="?")
    acc.add_argument("--peran", choices=["pemirsa", "operator", "admin"])
    acc.add_argument("--wilayah", help="kode provinsi (52) atau kabupaten (52.01); kosong: nasional")
    acc.add_argument("--nama", default="")
    acc.add_argument("--file", type=Path, help="file akun (bawaan data/pengguna.toml)")
    acc.add_argument("--sandi-stdin", action="store_true", help="baca kata sandi dari stdin (untuk skrip)")
    acc.add_argument("--tanpa-sandi", action="store_true", help="akun tanpa kata sandi (mode oidc)")

    und = sub.add_parser("undo", help="batalkan satu unggahan")
    und.add_argument("batch_id", type=int)
    _store_options(und)

    dk = sub.add_parser("deck", help="presentasi mingguan sebagai PPTX atau PDF (tanpa browser)")
    dk.add_argument("--provinsi")
    dk.add_argument("--kabupaten")
    dk.add_argument("--kecamatan")
    dk.add_argument("--minggu", type=_date, help="minggu laporan (YYYY-MM-DD); bawaan: minggu terbaru dengan data")
    dk.add_argument("--out", type=Path, required=True, help="FILE.pptx atau FILE.pdf")
    dk.add_argument("--ringkasan", action="store_true", help="ringkasan satu halaman A4 (hanya .pdf)")
    dk.add_argument(
        "--semua-slide",
        action="store_true",
        help="semua slide dalam urutan bawaan, bukan pilihan yang disimpan di data/presentasi.json",
    )
    _store_options(dk)
    _salin_options(sub)
    return p


def _store_options(sub: argparse.ArgumentParser) -> None:
    # A string, not a Path: the store may be `ducklake:postgres:dbname=… host=…` (spec/cli.md).
    sub.add_argument("--db", help="file DuckDB, atau ducklake:postgres:dbname=… host=… port=… user=…")
    sub.add_argument("--lake-data", help="folder data Parquet untuk mode lake (bawaan: KDKMP_LAKE_DATA)")


def _date(text: str):
    try:
        return periode.as_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tanggal '{text}' tidak valid (YYYY-MM-DD)") from None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "pengguna":
        return _accounts(args)
    if args.command in ("salin", "rawat"):
        return _salin_rawat(args)
    try:
        con = db.connect(args.db, lake_data=args.lake_data)
    except db.DatabaseBusy as exc:
        print(str(exc), file=sys.stderr)
        if args.command == "ingest":
            from analytics import kotak_masuk
            from analytics.config import load as load_settings

            target = kotak_masuk.folder(load_settings().kotak_masuk or None)
            print(
                f"Salin file ke {target}/: aplikasi yang berjalan mengimpornya dalam beberapa detik dan "
                f"menulis laporan JSON di sampingnya ({target}/selesai/ atau {target}/ditolak/).",
                file=sys.stderr,
            )
            return 1
        return 2
    try:
        from analytics import kualitas, zona

        zona.aturan.ensure_current(con, zona.aturan.load_rules())
        kualitas.aturan.ensure_current(con, kualitas.load_aturan())
        return {"ingest": _ingest, "summary": _summary, "demo": _demo, "undo": _undo, "deck": _deck}[args.command](
            con, args
        )
    finally:
        con.close()


def _ingest(con, args) -> int:
    from analytics import ingest

    if not args.file.is_file():
        print(f"File {args.file} tidak ada.", file=sys.stderr)
        return 2
    try:
        prepared = ingest.prepare_path(con, args.file, args.dataset, minggu=args.minggu)
        report, batch = ingest.commit_or_report(
            con, prepared, user=args.user, partial=args.partial, hint=" (pakai --partial untuk menyimpan baris valid)"
        )
    except Exception as exc:  # the importer failed, not the file: exit 3, never the 1 of a rejection
        message = " ".join(f"Galat internal pengimpor (bukan kesalahan file): {type(exc).__name__}: {exc}".split())
        print(message[:500], file=sys.stderr)
        if args.json:
            print(json.dumps({"status": "error", "message": message[:500]}, ensure_ascii=False))
        return 3
    status = report["status"]
    if args.json:
        from analytics import kualitas

        report["kualitas"] = kualitas.as_json(ingest.temuan_kualitas_tersimpan(con, prepared)) if batch else []
        print(json.dumps(report, ensure_ascii=False, default=str))
    else:
        print(
            f"{status}: {args.file.name} ({report['dataset']}), {report['rows_read']} baris dibaca, "
            f"{report['rows_committed']} disimpan" + (f", unggahan #{batch}" if batch else "")
        )
        for e in report["errors"][:50]:
            print(f"  galat baris {e['row']} kolom {e['column']} nilai {e['value']!r}: {e['message']}")
        for w in report["warnings"][:50]:
            print(f"  peringatan baris {w['row']} kolom {w['column']} nilai {w['value']!r}: {w['message']}")
    return 0 if status == "committed" else 1


def _summary(con, args) -> int:
    from analytics import ringkasan
    from analytics.filters import Filter
    from analytics.wilayah import Gazetteer

    g = Gazetteer.load(con)
    codes: dict[str, str | None] = {"provinsi": None, "kabupaten": None, "kecamatan": None}
    parent = None
    for level in ("provinsi", "kabupaten", "kecamatan"):
        value = getattr(args, level)
        if value:
            code = g.resolve(level, value, parent)
            if code is None:
                print(f"{level} '{value}' tidak dikenal atau ganda; pakai kode Kemendagri.", file=sys.stderr)
                return 2
            codes[level] = code
            parent = code
    deepest = codes["kecamatan"] or codes["kabupaten"] or codes["provinsi"]
    f = Filter.from_code(deepest)
    from analytics import kualitas, periode, target

    p = ringkasan.picture(con, f, args.minggu)
    temuan = kualitas.per_aturan(con, f, p.minggu["koperasi"])
    out = ringkasan.as_json(p, temuan)
    out["target"] = target.as_json(target.daftar(con, f, periode.monday(args.minggu) if args.minggu else None))
    print(json.dumps(out, ensure_ascii=False))
    return 0


def _demo(con, args) -> int:
    from analytics import demo

    if args.if_empty and con.execute("select count(*) from upload_batch").fetchone()[0] > 0:
        print("Basis data sudah berisi data; data contoh tidak dimuat.")
        return 0
    if demo.is_loaded(con, undone_too=True):
        print("Data contoh sudah dimuat.")
        return 0
    ids = demo.load(con)
    print(f"Data contoh dimuat: {len(ids)} unggahan.")
    return 0


def _accounts(args) -> int:
    """Accounts live in a TOML file, not in the database: the app need not be stopped."""
    import getpass

    from analytics import access

    try:
        accounts = access.load_accounts(args.file)
        path = args.file or access.ACCOUNTS_FILE
        if path.is_file() and path.stat().st_mode & 0o077:
            print(
                f"Peringatan: {path} dapat dibaca pengguna lain (berisi hash kata sandi); jalankan chmod 600 {path}. "
                "Perubahan akun berikutnya menulisnya dengan izin 600.",
                file=sys.stderr,
            )
        if args.aksi == "daftar":
            for a in sorted(accounts.values(), key=lambda a: a.user.email):
                u = a.user
                print(f"{u.email}\t{u.role}\t{u.region or 'nasional'}\t{'sandi' if a.password_hash else 'tanpa sandi'}")
            return 0
        if not args.email:
            print("Email wajib diisi.", file=sys.stderr)
            return 2
        email = args.email.strip().lower()
        if args.aksi == "hapus":
            if accounts.pop(email, None) is None:
                print(f"Akun {email} tidak ada.", file=sys.stderr)
                return 1
            access.save_accounts(accounts, args.file)
            print(f"Akun {email} dihapus.")
            return 0
        current = accounts.get(email)
        if args.aksi == "sandi" and current is None:
            print(f"Akun {email} tidak ada; pakai 'tambah'.", file=sys.stderr)
            return 1
        if args.aksi == "tambah" and not (args.peran or current):
            print("--peran wajib untuk akun baru.", file=sys.stderr)
            return 2
        user = access.User(
            email,
            args.peran or current.user.role,
            (args.wilayah if args.wilayah is not None else (current.user.region if current else None)) or None,
            args.nama or (current.user.name if current else ""),
        )
        access.check_user(user)  # before asking for a password that would be thrown away
        password_hash = current.password_hash if current else None
        if args.aksi == "sandi" or not args.tanpa_sandi:
            password = sys.stdin.readline().rstrip("\n") if args.sandi_stdin else getpass.getpass("Kata sandi: ")
            password_hash = access.hash_password(password)
        accounts[email] = access.Account(user, password_hash)
        access.save_accounts(accounts, args.file)
        access.load_accounts(args.file)  # refuse to leave a file the app cannot read
    except access.AccessError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Akun {email}: {user.role}, {user.region or 'nasional'}.")
    return 0


def _undo(con, args) -> int:
    from analytics import ingest

    try:
        done = ingest.undo(con, args.batch_id, user="cli")
    except ingest.UploadRefused as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(json.dumps(done, ensure_ascii=False))
    return 0


def _deck(con, args) -> int:
    """The Presentasi page's deck without the browser: exit 0 written, 1 no data, 2 usage error."""
    import time

    from analytics import deck
    from analytics.deck import ekspor
    from analytics.filters import Filter
    from analytics.wilayah import Gazetteer

    ext = args.out.suffix.lower()
    if ext not in (".pptx", ".pdf") or (args.ringkasan and ext != ".pdf"):
        print("--out harus berakhiran .pptx atau .pdf (--ringkasan: .pdf).", file=sys.stderr)
        return 2
    started = time.perf_counter()
    parent = None
    deepest = None
    if args.provinsi or args.kabupaten or args.kecamatan:
        g = Gazetteer.load(con)
        for level in ("provinsi", "kabupaten", "kecamatan"):
            value = getattr(args, level)
            if value:
                code = g.resolve(level, value, parent)
                if code is None:
                    print(f"{level} '{value}' tidak dikenal atau ganda; pakai kode Kemendagri.", file=sys.stderr)
                    return 2
                parent = deepest = code
    d = deck.build(con, Filter.from_code(deepest), args.minggu)
    if d.minggu is None:
        print(deck.KOSONG["koperasi"], file=sys.stderr)
        return 1
    slides = d.slides if args.semua_slide else d.urut(deck.pilihan.baca_pilihan())
    try:
        ekspor.tulis(d, args.out, slides, ringkasan=args.ringkasan)
    finally:
        ekspor.penggambar().tutup()
    print(f"{args.out}: {len(slides)} slide, {d.subjudul} ({time.perf_counter() - started:.1f} detik)")
    return 0


def _salin_options(sub) -> None:
    """salin (copy a whole store between file, lake and Parquet folder) and rawat (maintenance)."""
    sal = sub.add_parser("salin", help="salin seluruh isi: file DuckDB, lake, atau folder cadangan Parquet")
    sal.add_argument("--dari", required=True, help="sumber: FILE.duckdb, ducklake:postgres:…, atau FOLDER/")
    sal.add_argument("--ke", required=True, help="tujuan: FILE.duckdb, ducklake:postgres:…, atau FOLDER/")
    sal.add_argument("--lake-data-dari", help="folder data Parquet lake sumber (bawaan: KDKMP_LAKE_DATA)")
    sal.add_argument("--lake-data-ke", help="folder data Parquet lake tujuan (bawaan: KDKMP_LAKE_DATA)")
    sal.add_argument("--timpa", action="store_true", help="ganti seluruh isi tujuan yang sudah berisi data")
    raw = sub.add_parser("rawat", help="perawatan lake (gabung berkas, buang snapshot lama); file: CHECKPOINT")
    _store_options(raw)
    raw.add_argument("--simpan-hari", type=int, default=7, help="simpan snapshot N hari terakhir (bawaan 7)")
    raw.add_argument(
        "--server-berhenti",
        action="store_true",
        help="semua server aplikasi sudah dihentikan: pindahkan juga baris inline ke Parquet, hapus berkas bebas seketika",
    )


def _salin_rawat(args) -> int:
    """Exit 0 done and checked, 1 refused, failed or a count that differs, 2 usage error or busy."""
    import duckdb

    from analytics import salin

    try:
        if args.command == "rawat":
            hasil = salin.rawat(
                args.db, lake_data=args.lake_data, simpan_hari=args.simpan_hari, server_berhenti=args.server_berhenti
            )
        else:
            dari = salin.ujung(args.dari, args.lake_data_dari)
            ke = salin.ujung(args.ke, args.lake_data_ke)
            hasil = salin.salin(dari, ke, timpa=args.timpa)
    except (ValueError, db.DatabaseBusy) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except (salin.SalinDitolak, salin.SalinGagal) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except duckdb.Error as exc:  # rawat: the store could not be opened
        print(f"{type(exc).__name__}: {str(exc).strip().splitlines()[0][:400]}", file=sys.stderr)
        return 1
    print(hasil.teks())
    return 0 if (hasil.cocok if args.command == "salin" else not hasil.gagal) else 1


if __name__ == "__main__":
    sys.exit(main())
