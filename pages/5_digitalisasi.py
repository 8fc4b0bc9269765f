"""Digitalisasi & Pelatihan: SIMKOPDES accounts of the koperasi (and who has problems), the SIMKOPDES
village statistics, and bimtek events and participants."""

import datetime as dt

import streamlit as st

from analytics import bimtek, digitalisasi, kamus, metrik, periode
from analytics.format import angka, persen, rupiah
from ui import charts, kpi, shell, tabel, tanpa_grafik, teks, unduh

ctx = shell.page(teks.HALAMAN["digitalisasi"][0])
shell.breadcrumb(ctx)
p = ctx.picture()
f = ctx.filter
NUM = charts.FORMAT_BILANGAN
KOLOM = teks.DIGITAL_KOLOM


st.markdown(f"**{shell.area_name(ctx.g, f)}**")

# --- SIMKOPDES accounts, from the weekly koperasi data
st.header(teks.DIGITAL_BAGIAN_SIMKOPDES, divider="gray")
kini, lalu = p.minggu["koperasi"], p.minggu_lalu["koperasi"]
if kini is None:
    st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
else:
    st.caption(periode.label(kini) + (f" · {teks.DIBANDING.format(minggu=periode.label(lalu))}" if lalu else ""))
    c = st.columns(4)
    for col, key in zip(c, ("aktif", "kendala", "belum")):
        kpi.tile(col, p, f"simkopdes_{key}", label=kamus.AKUN_LABEL[key])
    kpi.tile(c[3], p, "terdaftar")
    if p["terdaftar"]:
        st.caption(
            f"{persen(p['simkopdes_aktif'] / p['terdaftar'])} koperasi sudah aktif di SIMKOPDES."
            + (
                " " + teks.DIGITAL_TIDAK_DIISI.format(n=angka(p["simkopdes_tidak_diisi"]))
                if p["simkopdes_tidak_diisi"]
                else ""
            )
        )

    tingkat = f.group_level
    st.subheader(teks.DIGITAL_SIMKOPDES_WILAYAH.format(tingkat=teks.TINGKAT[tingkat]))
    per_area = ctx.tanya(digitalisasi.simkopdes_per_wilayah, f, kini)
    left, right = st.columns(2)
    with left:
        shown = per_area.head(40)
        parts = [
            (key, kamus.AKUN_LABEL[key], kamus.AKUN_WARNA[key])
            for key in ("kendala", "belum", "aktif", "tidak_diisi")
            if shown[key].sum() > 0
        ]
        if tanpa_grafik.bilah_satu(per_area, [k for k, _, _ in parts]):
            tanpa_grafik.daftar(per_area, [(k, label) for k, label, _ in parts])
        else:
            shell.grafik_wilayah(
                charts.stacked_by_area(shown, parts, "koperasi"),
                "simkopdes_wilayah",
                shown,
                len(per_area),
                klik=tingkat != "desa",
            )
    with right:
        st.dataframe(
            per_area.drop(columns="kode"),
            hide_index=True,
            column_config={
                "nama": KOLOM["nama"],
                **{
                    c: st.column_config.NumberColumn(KOLOM[c], format=NUM)
                    for c in ("koperasi", "aktif", "kendala", "belum", "tidak_diisi")
                },
            },
        )
        unduh.table_downloads(per_area, "simkopdes_per_wilayah")

    st.subheader(teks.DIGITAL_JUDUL_KENDALA)
    st.caption(teks.DIGITAL_KENDALA_PENJELASAN)
    kendala = ctx.tanya(digitalisasi.koperasi_simkopdes_kendala, f, kini)
    if kendala.empty:
        st.success(teks.DIGITAL_KENDALA_KOSONG, icon=":material/check_circle:")
    else:
        shown = kendala.drop(columns=["kode_desa", "kabupaten"] if f.kabupaten else ["kode_desa"])
        shown = charts.table_text(shown.assign(kendala=shown["kendala"].map(tabel.kendala_dalam_kata)))
        config = {
            **{c: KOLOM[c] for c in ("nama_koperasi", "desa", "kecamatan", "kabupaten", "pendamping", "keterangan")},
            "kendala": teks.DIGITAL_KOLOM_KENDALA_KOPERASI,
        }
        muat = tabel.pas(shown, config)
        st.dataframe(shown, hide_index=True, lazy=True, height=tabel.tinggi(len(shown), muat, 420), **muat)
        unduh.table_downloads(kendala, "koperasi_kendala_simkopdes")

# --- SIMKOPDES village statistics export
st.header(teks.DIGITAL_BAGIAN_STATISTIK, divider="gray")
stat_minggu = p.minggu["simkopdes_desa"]
if stat_minggu is None:
    st.info(teks.KOSONG_SIMKOPDES_DESA, icon=":material/info:")
else:
    st.caption(teks.DIGITAL_STATISTIK_SUMBER.format(minggu=periode.label(stat_minggu)))
    statistik = metrik.dari_sumber("simkopdes_desa")
    for start in range(0, len(statistik), 4):
        for col, m in zip(st.columns(4), statistik[start : start + 4]):
            kpi.tile(col, p, m.id)
    if f.level != "desa":
        tingkat = f.group_level
        st.subheader(teks.DIGITAL_STATISTIK_WILAYAH.format(tingkat=teks.TINGKAT[tingkat]))
        stat = ctx.tanya(metrik.per_wilayah, f, "simkopdes_desa", stat_minggu)
        stat = stat[stat["sd_desa"] > 0].sort_values(["sd_nilai_transaksi", "nama"], ascending=[False, True])
        rupiah_kolom = [m.id for m in statistik if m.format == "rupiah"]
        shown = stat.drop(columns=["kode", "lat", "lon"]).assign(**{c: stat[c].map(rupiah) for c in rupiah_kolom})
        st.dataframe(
            shown,
            hide_index=True,
            column_config={
                "nama": KOLOM["nama"],
                **{
                    m.id: (
                        st.column_config.TextColumn(m.label, alignment="right")
                        if m.format == "rupiah"
                        else st.column_config.NumberColumn(m.label, format=NUM)
                    )
                    for m in statistik
                },
            },
        )
        unduh.table_downloads(stat.drop(columns=["lat", "lon"]), "statistik_desa_simkopdes")

# --- Bimtek
st.header(teks.DIGITAL_BAGIAN_BIMTEK, divider="gray")
bk, bl = p.minggu["bimtek"], p.minggu_lalu["bimtek"]
if bk is None:
    st.info(teks.KOSONG_BIMTEK, icon=":material/info:")
    st.stop()

st.caption(
    teks.BIMTEK_MINGGU.format(minggu=periode.label(bk))
    + (f" {teks.DIBANDING.format(minggu=periode.label(bl))}." if bl else "")
)
c = st.columns(3)
for col, key in zip(c, ("kegiatan", "peserta", "kecamatan")):
    kpi.tile(col, p, f"bimtek_{key}", label=teks.BIMTEK_METRIK[key])

left, right = st.columns(2)
with left:
    tingkat = "kecamatan" if f.group_level == "desa" else f.group_level
    st.subheader(teks.BIMTEK_WILAYAH.format(tingkat=teks.TINGKAT[tingkat]))
    per_area = ctx.tanya(bimtek.bimtek_per_wilayah, f, bk)
    per_area = per_area.assign(nama=per_area["nama"].fillna(teks.TANPA_NAMA_KECAMATAN))
    shown = per_area.head(40)
    if tanpa_grafik.satu_bilah(per_area):
        # A kecamatan (or a desa, whose events are its kecamatan's) is one bar: say it instead.
        baris = per_area.iloc[0]
        if tingkat == "kecamatan" and per_area["kode"].notna().iat[0]:
            baris = baris.copy()
            baris["nama"] = f"Kec. {baris['nama']}"
        st.markdown(tanpa_grafik.kalimat_bimtek_wilayah(baris))
    else:
        shell.grafik_wilayah(
            charts.bimtek_by_area(shown),
            "bimtek_wilayah",
            shown,
            len(per_area),
            klik=f.level not in ("kecamatan", "desa"),
        )
    unduh.table_downloads(per_area, "bimtek_per_wilayah")
with right:
    st.subheader(teks.BIMTEK_PER_MINGGU)
    window = [bk - dt.timedelta(weeks=i) for i in reversed(range(12))]
    per_minggu = ctx.tanya(bimtek.bimtek_per_minggu, f, bk)
    if tanpa_grafik.satu_minggu(per_minggu, window):
        st.markdown(tanpa_grafik.kalimat_satu_minggu(per_minggu, window))
    else:
        st.plotly_chart(
            charts.bimtek_over_time(per_minggu, window),
            config={"displayModeBar": False},
            key="bimtek_mingguan",
        )

st.subheader(teks.BIMTEK_TABEL)
kegiatan = ctx.tanya(bimtek.bimtek_kegiatan, f, bk)
st.caption(teks.BIMTEK_TABEL_PENJELASAN.format(n=bimtek.JUMLAH_MINGGU, minggu=periode.label(bk)))
shown = kegiatan.drop(columns=["minggu", "kabupaten"] if f.kabupaten else ["minggu"]).assign(
    kategori_peserta=kegiatan["kategori_peserta"].map(lambda v: teks.KATEGORI_PESERTA_LABEL.get(v, v))
)
shown = charts.table_text(shown, dates=("tanggal",))
config = {
    **{c: KOLOM[c] for c in ("tanggal", "kabupaten", "kecamatan", "nama_kegiatan", "kategori_peserta")},
    "jumlah_peserta": st.column_config.NumberColumn(KOLOM["jumlah_peserta"], format=NUM),
}
st.dataframe(shown, hide_index=True, lazy=True, **tabel.pas(shown, config))
unduh.table_downloads(kegiatan, "bimtek_kegiatan")
