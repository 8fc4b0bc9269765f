"""Ringkasan: the weekly headline numbers for the filter, each against the previous week."""
import streamlit as st

from analytics import weeks
from analytics.format import angka, persen
from analytics.metrics import FUNNEL, METRICS
from ui import charts, shell, teks

ctx = shell.page(teks.RINGKASAN_JUDUL)
shell.breadcrumb(ctx)
p = ctx.picture()

kini, lalu = p.minggu["koperasi"], p.minggu_lalu["koperasi"]
if kini is None:
    st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
    st.stop()

st.markdown(
    f"**{shell.area_name(ctx.g, ctx.filter)}** · {weeks.label(kini)}"
    + (f" · {teks.DIBANDING.format(minggu=weeks.label(lalu))}" if lalu else f" · {teks.TANPA_PEMBANDING}")
)

melapor = int(p.kelengkapan["melapor"].sum()) if len(p.kelengkapan) else 0
melapor_lalu = int(p.kelengkapan_lalu["melapor"].sum()) if len(p.kelengkapan_lalu) else 0
SOURCES = {
    "kpi_koperasi": (p.koperasi, p.koperasi_lalu if lalu else None),
    "kpi_sppg": (p.sppg, p.sppg_lalu if p.minggu_lalu["sppg"] else None),
    "kpi_bimtek": (p.bimtek, p.bimtek_lalu if p.minggu_lalu["bimtek"] else None),
    "kelengkapan_kabupaten": ({"melapor": melapor}, {"melapor": melapor_lalu} if lalu else None),
}


def tile(column, name: str, label: str | None = None) -> None:
    m = METRICS[name]
    now, before = SOURCES[m.source]
    value = now[m.column]
    delta = None
    if before is not None:
        diff = value - before[m.column]
        delta = ("+" if diff > 0 else "-" if diff < 0 else "") + angka(abs(diff))
        if diff == 0:
            delta = "0"
    column.metric(
        label or m.label, angka(value), delta=delta, border=True,
        delta_color="inverse" if m.better == "turun" else "normal",
        help=m.help or None,
        delta_arrow="auto" if delta not in (None, "0") else "off",
    )


st.subheader(teks.BAGIAN_KOPERASI)
for row in (("terdaftar", "badan_hukum", "masuk_portal"),
            ("tahap_pembangunan", "tahap_tidak_dapat_dibangun", "gerai_beroperasi")):
    for col, name in zip(st.columns(3), row):
        tile(col, name)

left, right = st.columns(2)
with left:
    st.subheader(teks.BAGIAN_ZONA)
    z = st.columns(3)
    for col, name, label in zip(z, ("zona_hijau", "zona_kuning", "zona_merah"), ("Hijau", "Kuning", "Merah")):
        tile(col, name, label)
    moves = p.pindah_zona
    if lalu:
        st.caption(teks.PINDAH_ZONA.format(naik=angka(moves["naik"]), turun=angka(moves["turun"]), baru=angka(moves["baru"])))
with right:
    st.subheader(teks.BAGIAN_SIMKOPDES)
    s = st.columns(3)
    for col, name, label in zip(s, ("simkopdes_aktif", "simkopdes_kendala", "simkopdes_belum"),
                                ("Aktif", "Kendala", "Belum")):
        tile(col, name, label)
    terdaftar = p.koperasi["terdaftar"]
    if terdaftar:
        st.caption(f"{persen(p.koperasi['simkopdes_aktif'] / terdaftar)} koperasi sudah aktif di SIMKOPDES.")

left, right = st.columns(2)
with left:
    st.subheader(teks.BAGIAN_SPPG)
    if p.minggu["sppg"] is None:
        st.info(teks.KOSONG_SPPG, icon=":material/info:")
    else:
        s = st.columns(2)
        tile(s[0], "sppg_beroperasi")
        tile(s[1], "sppg_total")
        st.caption(
            f"{weeks.label(p.minggu['sppg'])}: {angka(p.sppg['rencana'])} rencana, "
            f"{angka(p.sppg['persiapan'])} persiapan, {angka(p.sppg['beroperasi'])} beroperasi"
            + (f", {angka(p.sppg['penerima_manfaat'])} penerima manfaat." if p.sppg["penerima_manfaat"] else ".")
        )
with right:
    st.subheader(teks.BAGIAN_KELENGKAPAN)
    diharapkan = len(p.kelengkapan)
    c = st.columns(2)
    tile(c[0], "kabupaten_melapor")
    c[1].metric("Kab/kota diharapkan", angka(diharapkan), border=True)
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
    stages = [(label, p.koperasi[key]) for key, label in FUNNEL]
    st.plotly_chart(charts.funnel(stages), config={"displayModeBar": False}, key="corong")
    st.caption(teks.CORONG_PENJELASAN)
with right:
    tingkat = ctx.filter.group_level
    st.subheader(teks.BAGIAN_ZONA_WILAYAH.format(tingkat=teks.TINGKAT[tingkat]))
    from analytics import koperasi

    per_area = koperasi.zona_per_wilayah(ctx.con, ctx.filter, kini, lalu)
    if per_area.empty:
        st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
    else:
        shown = per_area.head(40)
        event = st.plotly_chart(charts.zones_by_area(shown), config={"displayModeBar": False},
                                on_select="rerun", selection_mode="points", key="zona_wilayah")
        if len(per_area) > len(shown):
            st.caption(f"{len(shown)} dari {angka(len(per_area))} wilayah dengan zona merah terbanyak.")
        if tingkat != "desa":
            st.caption("Klik batang untuk melihat wilayah itu.")
        points = event.selection.points if event and event.selection else []
        if points and tingkat != "desa":
            # Bars are drawn bottom-up from the reversed frame: map the label back to its code.
            label = points[0].get("y")
            chosen = shown[shown["nama"] == label]
            if len(chosen) == 1:
                from analytics.filters import Filter

                shell.set_filter(Filter.from_code(chosen["kode"].iat[0]))
