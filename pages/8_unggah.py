"""Unggah Data: upload a weekly file, read the validation report, then commit or cancel; history and undo."""

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import export, ingest, laporan, periode, target, unggahan
from analytics.format import angka
from analytics.ingest import schema
from ui import charts, shell, tabel, teks

ctx = shell.page(teks.UNGGAH_JUDUL)
shell.require(ctx, "unggah")
st.write(teks.UNGGAH_PETUNJUK)

KIND_LABEL = {
    "kolom_wajib_hilang": "Kolom wajib tidak ada",
    "wajib_kosong": "Kolom wajib kosong",
    "kode_tidak_dikenal": "Kode wilayah tidak dikenal",
    "nama_tidak_cocok": "Nama wilayah tidak ditemukan",
    "nama_ambigu": "Nama wilayah ganda",
    "wilayah_kurang": "Wilayah kurang lengkap",
    "tanggal_masa_depan": "Tanggal di masa depan",
    "baris_ganda": "Baris ganda",
    "kolom_tidak_dikenal": "Kolom tidak dikenal",
    "kolom_ganda": "Kolom ganda",
    "koordinat_mencurigakan": "Koordinat mencurigakan",
    "lahan_kecil": "Lahan di bawah 1.000 m²",
    "kapasitas_besar": "Kapasitas SPPG besar",
    "tanpa_data": "Tanpa data",
    "di_luar_wilayah": "Di luar wilayah Anda",
    "catatan_kaki": "Baris di bawah tabel diabaikan",
    "koordinat_kosong": "Koordinat kosong",
    "metrik_tidak_dikenal": "Metrik tidak dikenal",
    "metrik_tanpa_target": "Metrik tanpa target",
    "nilai_target_tidak_valid": "Nilai target tidak valid",
    "bagian_dari_dasar": "Bagian dari dasarnya sendiri",
    "date_tidak_valid": "Tanggal tidak valid",
    "wilayah_tidak_dikenal": "Wilayah tidak dikenal",
    "tenggat_lewat": "Tenggat sudah lewat",
    "jumlah_pecahan": "Jumlah bukan bilangan bulat",
}

tab_upload, tab_history, tab_templates = st.tabs(["Unggah", teks.UNGGAH_RIWAYAT, teks.UNGGAH_TEMPLAT])

with tab_upload:
    if st.session_state.get("pesan_unggah"):
        st.success(st.session_state.pop("pesan_unggah"), icon=":material/check_circle:")
    options = ["auto", *schema.DATASETS]
    c1, c2 = st.columns([3, 2])
    dataset = c1.selectbox(
        teks.UNGGAH_DATASET,
        options,
        format_func=lambda d: teks.UNGGAH_OTOMATIS if d == "auto" else teks.DATASET_LABEL[d],
    )
    # SIMKOPDES exports carry no date: the uploader says which week they describe.
    this_monday = periode.monday(dt.date.today())
    minggu = c2.date_input(
        teks.UNGGAH_MINGGU,
        value=this_monday,
        max_value=this_monday + dt.timedelta(days=6),
        format="DD/MM/YYYY",
        help=teks.UNGGAH_MINGGU_BANTUAN,
    )
    # A new key empties the uploader after a save or a cancel.
    uploader_key = f"berkas_{st.session_state.get('unggah_ke', 0)}"
    uploaded = st.file_uploader(teks.UNGGAH_FILE, type=["csv", "txt", "xlsx"], key=uploader_key)
    if uploaded is not None:
        data = uploaded.getvalue()
        cache_key = (uploaded.name, len(data), dataset, hash(data), minggu)
        if st.session_state.get("siap_kunci") != cache_key:
            bar = st.progress(0.0, text="Membaca file…")
            st.session_state["siap"] = ingest.prepare(
                ctx.con,
                data,
                uploaded.name,
                dataset,
                gazetteer=ctx.g,
                minggu=periode.monday(minggu),
                progress=lambda share, text: bar.progress(share, text=text),
                actor=ctx.user,
            )
            bar.empty()
            st.session_state["siap_kunci"] = cache_key
        prepared: ingest.Prepared = st.session_state["siap"]
        table = prepared.table
        if table is not None:
            info = [f"judul kolom di baris {table.header_row}"]
            if table.encoding:
                info.append(f"pengodean {table.encoding}")
            if table.delimiter:
                info.append(
                    "pemisah " + {",": "koma", ";": "titik koma", "\t": "tab", "|": "garis tegak"}[table.delimiter]
                )
            if table.sheet:
                info.append(f"lembar '{table.sheet}'")
            # Plain text, not Markdown: the file and sheet names come from the uploader.
            st.text(f"{prepared.file_name}: " + ", ".join(info) + ".")
            st.markdown(f"**{teks.UNGGAH_PRATINJAU}**")
            pratinjau = table.rows.head(10).astype("string")
            st.dataframe(pratinjau.rename(columns=schema.label_kolom), hide_index=True)
        r = prepared.result
        temuan = None  # the quality findings of a koperasi file, below
        if r is not None:
            st.markdown(f"**Jenis data:** {teks.DATASET_LABEL[prepared.dataset]}")
            c = st.columns(3)
            c[0].metric("Baris dibaca", angka(r.rows_read), border=True)
            c[1].metric("Baris valid", angka(len(r.rows)), border=True)
            c[2].metric("Baris bergalat", angka(len(r.error_rows)), border=True)
            if prepared.dataset == "target":
                st.caption(
                    teks.UNGGAH_TARGET_WILAYAH.format(
                        daftar=", ".join(
                            ctx.g.name(target.tingkat_kode(k), k) if k else teks.SELURUH_INDONESIA
                            for k in prepared.kabupaten
                        )
                    )
                )
            elif prepared.weeks:
                st.caption(
                    "Minggu dalam file: "
                    + ", ".join(periode.label(w) for w in prepared.weeks)
                    + f" · kabupaten/kota: {', '.join(ctx.g.nama_tampil('kabupaten', k) for k in prepared.kabupaten)}"
                )
            if prepared.dataset in schema.UNDATED:
                st.info(
                    teks.UNGGAH_TANPA_TANGGAL.format(
                        minggu=periode.label(prepared.weeks[-1]) if prepared.weeks else "–"
                    ),
                    icon=":material/calendar_month:",
                )
            if r.match_stats:
                st.markdown(f"**{teks.UNGGAH_KECOCOKAN}**")
                st.dataframe(laporan.match_rate_table(r.match_stats, r.rows_read), hide_index=True)
            for title, problems, icon in (
                ("Galat", r.errors, ":material/error:"),
                ("Peringatan", r.warnings, ":material/warning:"),
            ):
                for kind, items in laporan.grouped(problems).items():
                    with st.expander(f"{title}: {KIND_LABEL.get(kind, kind)} ({angka(len(items))})", icon=icon):
                        st.dataframe(
                            pd.DataFrame(
                                [
                                    {
                                        "baris": p.row,
                                        "kolom": p.column,
                                        "nilai ditemukan": p.value,
                                        "yang diharapkan / pesan": p.message,
                                    }
                                    for p in items[:500]
                                ]
                            ),
                            hide_index=True,
                        )
            if r.matched_names:
                with st.expander(f"Nama wilayah dicocokkan ({angka(len(r.matched_names))})", icon=":material/link:"):
                    st.dataframe(
                        pd.DataFrame(
                            [
                                {
                                    "baris": m["row"],
                                    "tingkat": teks.TINGKAT.get(m.get("level"), m.get("level")),
                                    # Named as every table names it ('Kab. Lampung Barat'), not the gazetteer's
                                    # official 'Kabupaten Lampung Barat' beside the sidebar's short form.
                                    "ditemukan → dicocokkan ke (kode)": (
                                        f"{m['found']} → "
                                        f"{ctx.g.nama_tampil(m.get('level') or 'desa', m['kode']) or m['matched']}"
                                        f" ({m['kode']})"
                                    ),
                                }
                                for m in r.matched_names[:500]
                            ]
                        ),
                        hide_index=True,
                    )
        if prepared.dataset == "koperasi" and not prepared.rejected:
            # What the rules of data/kualitas.toml would find once saved: warnings only.
            if st.session_state.get("siap_kualitas_kunci") != cache_key:
                st.session_state["siap_kualitas"] = ingest.temuan_kualitas(ctx.con, prepared)
                st.session_state["siap_kualitas_kunci"] = cache_key
            temuan = st.session_state["siap_kualitas"]
            if temuan.empty:
                st.caption(teks.KUALITAS_UNGGAH_BERSIH)
            else:
                with st.expander(
                    teks.KUALITAS_UNGGAH_JUDUL.format(n=angka(len(temuan))), icon=":material/rule:", expanded=True
                ):
                    st.caption(teks.KUALITAS_UNGGAH_PENJELASAN)
                    # What fired and the values to fix first, as on Kualitas Data; the explanation last.
                    kolom = ["baris", "objek", "nama_objek", "kabupaten", "desa", "aturan", "nilai_lalu"]
                    kolom += ["nilai_kini", "keterangan", "tingkat", "minggu_lalu", "minggu", "penjelasan", "kode_desa"]
                    shown = tabel.kualitas_dalam_kata(temuan).assign(
                        baris=pd.array(laporan.baris_temuan(prepared, temuan), dtype="Int64"),
                        kabupaten=[ctx.g.nama_tampil("kabupaten", k) or k for k in temuan["kode_kabupaten"]],
                        desa=[ctx.g.nama_tampil("desa", k) if k else None for k in temuan["kode_desa"]],
                    )[kolom]
                    shown = charts.table_text(shown, dates=("minggu_lalu", "minggu"))
                    st.dataframe(
                        shown,
                        hide_index=True,
                        key="unggah_kualitas",
                        **tabel.pas(shown, {k: teks.KUALITAS_KOLOM[k] for k in kolom}),
                    )
        st.download_button(
            teks.UNGGAH_LAPORAN_CSV,
            # Built when clicked: the findings' file rows are located again only then.
            lambda: export.to_csv_bytes(laporan.validation_table(prepared, temuan)),
            file_name=f"laporan-validasi-{prepared.file_name}.csv",
            mime="text/csv",
        )
        if prepared.rejected:
            st.error(teks.UNGGAH_DITOLAK.format(alasan=prepared.reason), icon=":material/block:")
        else:
            partial = bool(r.errors)
            b1, b2 = st.columns([1, 4])
            if b1.button(teks.UNGGAH_SIMPAN.format(n=angka(len(r.rows))), type="primary"):
                try:
                    batch = ingest.commit(ctx.con, prepared, partial=partial, actor=ctx.user)
                except ingest.UploadRefused as exc:
                    st.warning(str(exc))
                else:
                    # No cache to clear: answers are keyed by the data version inside their filter,
                    # which this commit changed for the filters holding its kabupaten/kota only.
                    for key in ("siap", "siap_kunci", "siap_kualitas", "siap_kualitas_kunci"):
                        st.session_state.pop(key, None)
                    st.session_state["unggah_ke"] = st.session_state.get("unggah_ke", 0) + 1
                    st.session_state["pesan_unggah"] = teks.UNGGAH_TERSIMPAN.format(
                        batch=batch, n=angka(len(r.rows)), minggu=periode.label(prepared.weeks[-1])
                    )
                    st.rerun()
            if b2.button(teks.UNGGAH_BATAL):
                st.session_state.pop("siap", None)
                for key in ("siap_kunci", "siap_kualitas", "siap_kualitas_kunci"):
                    st.session_state.pop(key, None)
                st.session_state["unggah_ke"] = st.session_state.get("unggah_ke", 0) + 1
                st.rerun()

with tab_history:
    history = unggahan.riwayat_unggahan(ctx.con)
    if history.empty:
        st.info("Belum ada unggahan.")
    else:
        shown = pd.DataFrame(
            {
                "#": history["batch_id"],
                "data": history["dataset"],
                "minggu": history["minggu"].map(periode.label),
                "file": history["nama_file"],
                "oleh": history["diunggah_oleh"],
                "waktu": [periode.waktu(w) for w in history["diunggah_pada"]],
                "baris": history["jumlah_baris"],
                "kabupaten/kota": history["kabupaten"].map(
                    lambda ks: ", ".join(ctx.g.short.get(k, k) or teks.SELURUH_INDONESIA for k in ks)
                ),
                "status": [
                    ("dibatalkan" if pd.notna(d) else "berlaku" if b else "digantikan") + (" · contoh" if c else "")
                    for d, b, c in zip(history["dibatalkan_pada"], history["berlaku"], history["contoh"])
                ],
            }
        )
        st.dataframe(shown, hide_index=True)
        undoable = [
            b
            for b, ks, gone in zip(history["batch_id"], history["kabupaten"], history["dibatalkan_pada"])
            if pd.isna(gone) and all(ctx.user.covers(k) for k in ks)
        ]
        if undoable:
            c1, c2 = st.columns([2, 3])
            chosen = c1.selectbox("Unggahan yang dibatalkan", undoable, format_func=lambda b: f"#{b}")
            if c2.button(teks.UNGGAH_URUNGKAN, icon=":material/undo:"):
                try:
                    done = ingest.undo(ctx.con, int(chosen), actor=ctx.user)
                except ingest.UploadRefused as exc:
                    st.error(str(exc))
                else:
                    st.session_state["pesan_unggah"] = teks.UNGGAH_DIURUNGKAN.format(batch=done["batch_id"])
                    st.rerun()

with tab_templates:
    for name in schema.TEMPLATES:
        st.markdown(f"**{teks.DATASET_LABEL[name]}**")
        st.download_button(
            f"Unduh templat_{name}.csv",
            unggahan.template_csv(name),
            file_name=f"template_{name}.csv",
            mime="text/csv",
            key=f"tpl_{name}",
        )
        st.dataframe(pd.DataFrame(unggahan.template_columns(name)), hide_index=True)
