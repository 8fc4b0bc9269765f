"""Kualitas Data, in the manner of DHIS2's data-quality app: the findings of the rules in
data/kualitas.toml for the shared filter and week, per rule and per area one level down
(a click narrows the filter), then the rows each kab/kota office must check, as a download."""

import streamlit as st

from analytics import export, kualitas, periode
from analytics.format import angka
from ui import charts, shell, tabel, tanpa_grafik, teks

ctx = shell.page(teks.HALAMAN["kualitas"][0])
shell.breadcrumb(ctx)
f = ctx.filter
KOLOM = teks.KUALITAS_KOLOM

minggu_koperasi = shell.weeks_for(ctx.path, ctx.version, f).get("koperasi", [])
kini = periode.latest_at_or_before(minggu_koperasi, ctx.minggu)
if kini is None:
    st.info(teks.KUALITAS_KOSONG_DATA, icon=":material/info:")
    st.stop()
lalu = periode.previous(minggu_koperasi, kini)
area = shell.area_name(ctx.g, f)
st.markdown(f"**{area}** · {shell.minggu_teks(kini, lalu)}")

rules = kualitas.load_aturan()
# The rules run once per data version: the counts per rule and per area come from the list.
daftar = ctx.tanya(kualitas.daftar, f, kini)
per_aturan = kualitas.hitung_per_aturan(daftar, rules)

terbuka = daftar[~daftar["dicek"]]
per_tingkat = kualitas.terbuka(daftar)  # the counts Ringkasan's tile and the deck say
c1, c2, c3, c4, c5 = st.columns(5)
c1.metric(teks.KUALITAS_METRIK_TEMUAN, angka(len(daftar)), border=True)
for col, tingkat in zip((c2, c3), kualitas.TINGKAT):
    col.metric(
        teks.KUALITAS_TINGKAT[tingkat],
        angka(per_tingkat.dari_tingkat(tingkat)),
        border=True,
        help=teks.KUALITAS_METRIK_TINGKAT_BANTUAN[tingkat],
    )
c4.metric(teks.KUALITAS_METRIK_DICEK, angka(int(daftar["dicek"].sum())), border=True)
c5.metric(
    teks.KUALITAS_METRIK_KOPERASI,
    angka(terbuka["id_koperasi"].dropna().nunique()),
    border=True,
    help=teks.KUALITAS_METRIK_KOPERASI_BANTUAN,
)

if lalu is None:
    st.caption(teks.KUALITAS_TANPA_PEMBANDING)

if daftar.empty:
    st.success(
        teks.KUALITAS_TANPA_TEMUAN.format(wilayah=area, minggu=periode.label(kini)), icon=":material/check_circle:"
    )
else:
    # One after the other across the page: in halves the rules' explanations were cut off.
    st.subheader(teks.KUALITAS_JUDUL_ATURAN)
    shown_rules = per_aturan.assign(
        aturan=per_aturan["aturan"].map(teks.KUALITAS_ATURAN_LABEL),
        tingkat=per_aturan["tingkat"].map(teks.KUALITAS_TINGKAT),
    )
    # The count beside the rule, where the eye starts.
    awal = ["aturan", "temuan"]
    shown_rules = shown_rules[awal + [k for k in shown_rules.columns if k not in awal]]
    config = {
        **{k: KOLOM[k] for k in ("aturan", "tingkat", "penjelasan")},
        **{
            k: st.column_config.NumberColumn(KOLOM[k], format=charts.FORMAT_BILANGAN)
            for k in ("temuan", "dicek", "terbuka")
        },
    }
    st.dataframe(
        shown_rules,
        hide_index=True,
        key="kualitas_per_aturan",
        height="content",  # every rule in view: a dozen rows, none hidden behind a scroll
        **tabel.pas(shown_rules, config),
    )
    tingkat = f.group_level
    st.subheader(teks.KUALITAS_JUDUL_WILAYAH.format(tingkat=teks.TINGKAT[tingkat]))
    per_area = kualitas.hitung_per_wilayah(daftar, tingkat, rules)
    per_area = per_area.assign(nama=[ctx.g.nama_tampil(tingkat, k) or k for k in per_area["kode"]])
    shown = per_area.head(40)
    if tanpa_grafik.satu_bilah(per_area):
        st.markdown(
            teks.KUALITAS_SATU_WILAYAH.format(n=angka(int(per_area["temuan"].iat[0])), wilayah=per_area["nama"].iat[0])
        )
    else:
        shell.grafik_wilayah(
            charts.ranked_bars(shown["nama"].tolist(), shown["temuan"].tolist(), "#d6604d", "temuan"),
            "kualitas_wilayah",
            shown,
            len(per_area),
            klik=tingkat != "desa",
        )
    if tingkat in ("kecamatan", "desa"):
        st.caption(teks.KUALITAS_WILAYAH_PENJELASAN)

    # --- The rows to check, per kab/kota: what each office gets to fix
    st.subheader(teks.KUALITAS_JUDUL_DAFTAR)
    st.caption(teks.KUALITAS_DAFTAR_PENJELASAN)
    rows = tabel.kualitas_dalam_kata(daftar).assign(
        kabupaten=[ctx.g.nama_tampil("kabupaten", k) or k for k in daftar["kode_kabupaten"]],
        kecamatan=[ctx.g.nama_tampil("kecamatan", k) if k else None for k in daftar["kode_kecamatan"]],
        desa=[ctx.g.nama_tampil("desa", k) if k else None for k in daftar["kode_desa"]],
        status=[
            teks.KUALITAS_STATUS_DICEK_SEJAK.format(tanggal=periode.tanggal(r["dicek_minggu"]))
            if r["dicek"] and r["dicek_minggu"] != r["minggu"]
            else teks.KUALITAS_STATUS_DICEK[r["dicek"]]
            for r in daftar.to_dict("records")
        ],
    )[
        [
            "kode_kabupaten",
            "kabupaten",
            "kecamatan",
            "desa",
            "objek",
            "nama_objek",
            "aturan",
            "nilai_lalu",
            "nilai_kini",
            "keterangan",
            "tingkat",
            "status",
            "minggu_lalu",
            "minggu",
            "penjelasan",
            "catatan",
            "dicek_oleh",
            "dicek_pada",
            "kode_desa",
        ]
    ]
    kabupaten = list(dict.fromkeys(rows["kode_kabupaten"]))
    pilih = kabupaten[0]
    if len(kabupaten) > 1:
        pilih = st.selectbox(
            teks.KUALITAS_PILIH_KABUPATEN,
            kabupaten,
            format_func=lambda k: ctx.g.nama_tampil("kabupaten", k) or k,
            key="kualitas_kabupaten",
        )
    satu = rows[rows["kode_kabupaten"] == pilih].drop(columns="kode_kabupaten")
    nama_kabupaten = ctx.g.nama_tampil("kabupaten", pilih) or pilih
    st.markdown(teks.KUALITAS_DAFTAR_KABUPATEN.format(kabupaten=nama_kabupaten, n=angka(len(satu))))
    # On screen the kab/kota is said above the table; its column stays in the download.
    tampil = (
        charts.table_text(satu, dates=("minggu_lalu", "minggu"))
        .assign(dicek_pada=satu["dicek_pada"].map(lambda t: periode.waktu(t) if t else ""))
        .drop(columns="kabupaten")
    )
    st.dataframe(
        tampil, hide_index=True, key="kualitas_daftar", **tabel.pas(tampil, {k: KOLOM[k] for k in tampil.columns})
    )

    # --- An officer marks a finding as checked, with a note (kept and audited), or opens it again
    if ctx.user.can("kualitas_dicek"):
        di_kabupaten = daftar[daftar["kode_kabupaten"] == pilih]
        belum, sudah = di_kabupaten[~di_kabupaten["dicek"]], di_kabupaten[di_kabupaten["dicek"]]

        def nama_temuan(rows, i) -> str:
            return teks.KUALITAS_DICEK_BARIS.format(
                aturan=teks.KUALITAS_ATURAN_LABEL.get(rows.at[i, "aturan"], rows.at[i, "aturan"]),
                objek=rows.at[i, "nama_objek"]
                or ctx.g.nama_tampil("desa", rows.at[i, "kode_desa"] or "")
                or ctx.g.nama_tampil("kabupaten", rows.at[i, "kode_kabupaten"]),
            )

        def form_temuan(
            kunci: str, rows, label: str, kunci_isi: str, tombol: str, tanpa_isi: str, simpan, selesai: str
        ) -> None:
            """Choose one finding of `rows`, write the required text, then `simpan(con, row, text, user)`."""
            with st.form(kunci, clear_on_submit=True):
                pilihan = st.selectbox(
                    teks.KUALITAS_DICEK_PILIH,
                    list(rows.index),
                    format_func=lambda i: nama_temuan(rows, i),
                    key=f"{kunci}_pilih",
                )
                isi = st.text_area(label, key=kunci_isi)
                if st.form_submit_button(tombol):
                    if not isi.strip():
                        st.error(tanpa_isi)
                    else:
                        simpan(ctx.con, rows.loc[pilihan].to_dict(), isi, ctx.user.email)
                        st.toast(selesai)
                        st.rerun()

        with st.expander(teks.KUALITAS_DICEK_JUDUL, icon=":material/task_alt:", expanded=False):
            if belum.empty:
                st.caption(teks.KUALITAS_DICEK_SEMUA)
            else:
                form_temuan(
                    "kualitas_dicek",
                    belum,
                    teks.KUALITAS_DICEK_CATATAN,
                    "kualitas_dicek_catatan",
                    teks.KUALITAS_DICEK_SIMPAN,
                    teks.KUALITAS_DICEK_TANPA_CATATAN,
                    kualitas.tandai_dicek,
                    teks.KUALITAS_DICEK_TERSIMPAN,
                )
        if not sudah.empty:
            with st.expander(teks.KUALITAS_BUKA_JUDUL, icon=":material/undo:", expanded=False):
                form_temuan(
                    "kualitas_buka",
                    sudah,
                    teks.KUALITAS_BUKA_ALASAN,
                    "kualitas_buka_alasan",
                    teks.KUALITAS_BUKA_SIMPAN,
                    teks.KUALITAS_BUKA_TANPA_ALASAN,
                    kualitas.buka_lagi,
                    teks.KUALITAS_BUKA_TERSIMPAN,
                )
    st.download_button(
        teks.KUALITAS_UNDUH.format(kabupaten=nama_kabupaten),
        lambda: export.to_csv_bytes(charts.table_text(satu, dates=("minggu_lalu", "minggu")).rename(columns=KOLOM)),
        file_name=f"kualitas_{pilih}_{kini.isoformat()}.csv",
        mime="text/csv",
        icon=":material/download:",
        key="kualitas_unduh",
    )

# --- The rules themselves, from the rules file
with st.expander(teks.KUALITAS_JUDUL_ATURAN_PENJELASAN, icon=":material/rule:", expanded=daftar.empty):
    for a in rules.aturan:
        st.markdown(
            f"- **{teks.KUALITAS_ATURAN_LABEL[a.id]}** ({teks.KUALITAS_TINGKAT[a.tingkat].lower()}): {a.penjelasan}"
        )
    st.caption(teks.KUALITAS_ATURAN_CATATAN)
