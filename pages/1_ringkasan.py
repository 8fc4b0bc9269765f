"""Ringkasan: the weekly headline numbers for the filter, each against the previous week."""

import streamlit as st

from analytics import kamus, periode
from analytics.format import angka, persen
from analytics.metrik import CORONG, METRIK
from ui import charts, kpi, shell, teks

ctx = shell.page(teks.RINGKASAN_JUDUL)
shell.breadcrumb(ctx)
p = ctx.picture()

kini, lalu = p.minggu["koperasi"], p.minggu_lalu["koperasi"]
if kini is None:
    st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
    st.stop()

st.markdown(f"**{shell.area_name(ctx.g, ctx.filter)}** · {shell.minggu_teks(kini, lalu)}")

st.subheader(teks.BAGIAN_KOPERASI)
for row in (
    ("terdaftar", "badan_hukum", "masuk_portal"),
    ("tahap_pembangunan", "tahap_tidak_dapat_dibangun", "gerai_beroperasi"),
):
    for col, name in zip(st.columns(3), row):
        kpi.tile(col, p, name)

left, right = st.columns(2)
with left:
    st.subheader(teks.BAGIAN_ZONA)
    z = st.columns(3)
    for col, zona in zip(z, ("hijau", "kuning", "merah")):
        kpi.tile(col, p, f"zona_{zona}", label=kamus.ZONA_PENDEK[zona])
    moves = p.pindah_zona
    if lalu:
        st.caption(
            teks.PINDAH_ZONA.format(naik=angka(moves["naik"]), turun=angka(moves["turun"]), baru=angka(moves["baru"]))
        )
with right:
    st.subheader(teks.BAGIAN_SIMKOPDES)
    s = st.columns(3)
    for col, name, label in zip(
        s, ("simkopdes_aktif", "simkopdes_kendala", "simkopdes_belum"), ("Aktif", "Kendala", "Belum")
    ):
        kpi.tile(col, p, name, label=label)
    if p["terdaftar"]:
        st.caption(f"{persen(p['simkopdes_aktif'] / p['terdaftar'])} koperasi sudah aktif di SIMKOPDES.")

left, right = st.columns(2)
with left:
    st.subheader(teks.BAGIAN_SPPG)
    if p.minggu["sppg"] is None:
        st.info(teks.KOSONG_SPPG, icon=":material/info:")
    else:
        s = st.columns(2)
        kpi.tile(s[0], p, "sppg_beroperasi")
        kpi.tile(s[1], p, "sppg_total")
        st.caption(
            f"{periode.label(p.minggu['sppg'])}: {angka(p['sppg_rencana'])} rencana, "
            f"{angka(p['sppg_persiapan'])} persiapan, {angka(p['sppg_beroperasi'])} beroperasi"
            + (f", {angka(p['sppg_penerima_manfaat'])} penerima manfaat." if p["sppg_penerima_manfaat"] else ".")
        )
with right:
    st.subheader(teks.BAGIAN_KELENGKAPAN)
    c = st.columns(2)
    kpi.tile(c[0], p, "kabupaten_melapor")
    kpi.tile(c[1], p, "kabupaten_diharapkan")
    belum = p.kelengkapan[~p.kelengkapan["melapor"]]
    if len(belum) == 0:
        st.caption(teks.SEMUA_MELAPOR)
    elif len(belum) <= 15:
        st.caption(teks.BELUM_MELAPOR.format(daftar=", ".join(belum["nama"])))
    else:
        st.caption(teks.BELUM_MELAPOR.format(daftar=f"{angka(len(belum))} kabupaten/kota"))

left, right = st.columns(2)
with left:
    st.subheader(teks.BAGIAN_CORONG)
    stages = [(METRIK[key].label, p[key]) for key in CORONG]
    st.plotly_chart(charts.funnel(stages), config={"displayModeBar": False}, key="corong")
    st.caption(teks.CORONG_PENJELASAN)
with right:
    tingkat = ctx.filter.group_level
    st.subheader(teks.BAGIAN_ZONA_WILAYAH.format(tingkat=teks.TINGKAT[tingkat]))
    from analytics import koperasi

    per_area = ctx.tanya(koperasi.zona_per_wilayah, ctx.filter, kini, lalu)
    if per_area.empty:
        st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
    else:
        shown = per_area.head(40)
        event = st.plotly_chart(
            charts.zones_by_area(shown),
            config={"displayModeBar": False},
            on_select="rerun",
            selection_mode="points",
            key="zona_wilayah",
        )
        if len(per_area) > len(shown):
            st.caption(f"{len(shown)} dari {angka(len(per_area))} wilayah dengan zona merah terbanyak.")
        if tingkat != "desa":
            st.caption("Klik batang untuk melihat wilayah itu.")
        if tingkat != "desa":
            shell.drill(event, shown)
