"""SPPG (MBG): planned vs preparing vs operating by area and over time, the kecamatan still without
an SPPG, the sites, beneficiaries and local suppliers."""

import streamlit as st

from analytics import kamus, sppg
from analytics.format import angka
from ui import charts, kpi, shell, tabel, tanpa_grafik, teks, unduh

ctx = shell.page(teks.HALAMAN["sppg"][0])
shell.breadcrumb(ctx)
p = ctx.picture()
f = ctx.filter

kini, lalu = p.minggu["sppg"], p.minggu_lalu["sppg"]
if kini is None:
    st.info(teks.KOSONG_SPPG, icon=":material/info:")
    st.stop()

st.markdown(f"**{shell.area_name(ctx.g, f)}** · {shell.minggu_teks(kini, lalu)}")


for col, key in zip(st.columns(4), ("total", "rencana", "persiapan", "beroperasi")):
    kpi.tile(col, p, f"sppg_{key}")
if p["sppg_ditutup_sementara"] or p["sppg_tidak_diisi"]:
    st.caption(
        f"{kamus.STATUS_SPPG_LABEL['ditutup_sementara']}: {angka(p['sppg_ditutup_sementara'])} · "
        f"{kamus.STATUS_SPPG_LABEL['tidak_diisi']}: {angka(p['sppg_tidak_diisi'])}"
    )

PARTS = [
    (key, kamus.STATUS_SPPG_LABEL[key], kamus.STATUS_SPPG_WARNA[key])
    for key in ("beroperasi", "persiapan", "rencana", "ditutup_sementara", "tidak_diisi")
]
lokasi = ctx.tanya(sppg.sppg_lokasi, f, kini)
per_area = None

left, right = st.columns(2)
with left:
    tingkat = f.group_level
    if tingkat == "desa":
        # Below a kecamatan the sites themselves are the breakdown: a few kitchens, one bar each,
        # read better as a list by stage.
        st.subheader(teks.SPPG_JUDUL_LOKASI)
        if lokasi.empty:
            st.markdown(teks.SPPG_LOKASI_KOSONG)
        else:
            tanpa_grafik.daftar(
                tanpa_grafik.sppg_per_tahap(lokasi, [k for k, _, _ in PARTS]),
                [(k, label) for k, label, _ in PARTS],
                satuan="SPPG",
                penjelasan=teks.SPPG_LOKASI_DAFTAR_PENJELASAN,
            )
    else:
        st.subheader(teks.SPPG_JUDUL_WILAYAH.format(tingkat=teks.TINGKAT[tingkat]))
        per_area = ctx.tanya(sppg.sppg_per_wilayah, f, kini)
        shown = per_area.head(40)
        parts = [part for part in PARTS if shown[part[0]].sum() > 0]
        shell.grafik_wilayah(charts.stacked_by_area(shown, parts, "SPPG"), "sppg_wilayah", shown, len(per_area))

with right:
    st.subheader(teks.SPPG_JUDUL_MINGGUAN)
    per_minggu = ctx.tanya(sppg.sppg_per_minggu, f, kini)
    planned = int(per_minggu["total"].iat[-1])
    label = teks.SPPG_GARIS_RENCANA.format(minggu=charts.week_short(per_minggu["minggu"].iat[-1]), n=angka(planned))
    st.plotly_chart(
        charts.sppg_over_time(per_minggu, planned, label), config={"displayModeBar": False}, key="sppg_mingguan"
    )
    st.caption(teks.SPPG_MINGGUAN_PENJELASAN)

NUM = charts.FORMAT_BILANGAN
KOLOM = teks.SPPG_KOLOM

left, right = st.columns(2)
with left:
    st.subheader(teks.SPPG_JUDUL_TANPA)
    tanpa = ctx.tanya(sppg.kecamatan_tanpa_sppg, f, kini)
    st.metric(teks.SPPG_TANPA_METRIK, angka(len(tanpa)), border=True)
    if f.level is None and len(tanpa):
        provinsi = sorted({ctx.g.nama_tampil("provinsi", k.split(".")[0]) for k in tanpa["kode_kabupaten"]})
        st.caption(teks.SPPG_TANPA_NASIONAL.format(daftar=", ".join(provinsi)))
    if tanpa.empty:
        st.caption(teks.SPPG_TANPA_SEMUA_ADA)
    else:
        belum = int((~tanpa["kabupaten_melapor"]).sum())
        if belum:
            st.caption(teks.SPPG_TANPA_BELUM_MELAPOR.format(n=angka(belum)))
        with st.expander(teks.SPPG_TANPA_DAFTAR, expanded=len(tanpa) <= 10):
            st.dataframe(
                tanpa[["kecamatan", "kabupaten", "kabupaten_melapor"]],
                hide_index=True,
                column_config={c: KOLOM[c] for c in ("kecamatan", "kabupaten", "kabupaten_melapor")},
            )
            unduh.table_downloads(tanpa, "kecamatan_tanpa_sppg")

with right:
    st.subheader(teks.SPPG_JUDUL_MANFAAT)
    # Two tiles a row: in half the page three tiles cut a six-digit number to '157.…'.
    for keys in (("penerima_manfaat", "pemasok_lokal"), ("kapasitas_porsi",)):
        for col, key in zip(st.columns(2), keys):
            kpi.tile(col, p, f"sppg_{key}")
    st.caption(
        teks.SPPG_MANFAAT_PENJELASAN.format(
            beroperasi=angka(p["sppg_beroperasi"]),
            isi_penerima=angka(p["sppg_mengisi_penerima"]),
            isi_pemasok=angka(p["sppg_mengisi_pemasok"]),
        )
    )

# Full width: in half the page the last columns (pemasok lokal) were cut off.
if per_area is not None and len(per_area):
    by_area = per_area[["kode", "nama", "total", "beroperasi", "penerima_manfaat", "pemasok_lokal"]]
    by_area = by_area.drop(columns="kode")
    config = {
        "nama": KOLOM["nama"],
        "total": KOLOM["total"],
        **{
            k: st.column_config.NumberColumn(KOLOM[k], format=NUM)
            for k in ("beroperasi", "penerima_manfaat", "pemasok_lokal")
        },
    }
    st.markdown(f"**{teks.SPPG_TABEL_WILAYAH.format(tingkat=teks.TINGKAT[f.group_level])}**")
    st.dataframe(by_area, hide_index=True, **tabel.pas(by_area, config))
    unduh.table_downloads(per_area, "sppg_per_wilayah")

st.subheader(teks.SPPG_JUDUL_TABEL)
shown_sites = lokasi.drop(columns=["kode_kecamatan", "kode_desa"]).assign(
    status=lokasi["status"].map(lambda s: kamus.STATUS_SPPG_LABEL.get(s, kamus.STATUS_SPPG_LABEL["tidak_diisi"]))
)
if f.kabupaten:
    shown_sites = shown_sites.drop(columns="kabupaten")
# The numbers before the date: where the table is wider than the page, the date is what scrolls.
shown_sites = shown_sites[[k for k in shown_sites.columns if k != "tanggal_operasi"] + ["tanggal_operasi"]]
shown_sites = charts.table_text(shown_sites, dates=("tanggal_operasi",))
config = {
    **{k: v for k, v in KOLOM.items() if k in shown_sites.columns},
    **{
        k: st.column_config.NumberColumn(KOLOM[k], format=NUM)
        for k in ("kapasitas_porsi", "penerima_manfaat", "pemasok_lokal")
    },
}
st.dataframe(shown_sites, hide_index=True, lazy=True, placeholder="–", **tabel.pas(shown_sites, config))
unduh.table_downloads(lokasi, "sppg")
