"""Ringkasan: the weekly headline numbers for the filter, each against the previous week."""

import pandas as pd
import streamlit as st

from analytics import kamus, kualitas, periode, target, zona
from analytics.format import angka, persen
from analytics.metrik import CORONG, METRIK, SUMBER
from analytics.target import kalimat
from ui import charts, intervensi, kpi, shell, tanpa_grafik, teks

ctx = shell.page(teks.RINGKASAN_JUDUL)
shell.breadcrumb(ctx)
p = ctx.picture()

kini, lalu = p.minggu["koperasi"], p.minggu_lalu["koperasi"]
if kini is None:
    st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
    st.stop()

st.markdown(f"**{shell.area_name(ctx.g, ctx.filter)}** · {shell.minggu_teks(kini, lalu)}")
# Targets set on this very area: its tiles name them, and they open the page (Target & Tenggat).
targets = ctx.tanya(target.daftar, ctx.filter, ctx.minggu)
di_sini = {r["metrik"]: r for r in targets.to_dict("records") if r["kode_wilayah"] == (ctx.filter.code or "")}


# The registry metrics drawn as tiles on this page.
TILE = {
    "tahap_tidak_dapat_dibangun",
    "terdaftar",
    "badan_hukum",
    "masuk_portal",
    "lahan_terverifikasi",
    "tahap_pembangunan",
    "gerai_beroperasi",
    "zona_hijau",
    "zona_kuning",
    "zona_merah",
    "simkopdes_aktif",
    "simkopdes_kendala",
    "simkopdes_belum",
    "sppg_beroperasi",
    "sppg_total",
    "kabupaten_melapor",
    "kabupaten_diharapkan",
}


def tile(column, name: str, label: str | None = None) -> None:
    if name not in TILE:
        raise ValueError(f"{name} tidak ada di TILE")
    kpi.tile(column, p, name, label=label, target=di_sini.get(name))


# The action first: who needs intervention, who cannot be built, who has not reported, which rows
# cannot be true.
st.subheader(teks.BAGIAN_TINDAKAN)
rules = zona.aturan.load_rules()
hasil = ctx.tanya(intervensi.intervensi, ctx.filter, kini, lalu, rules)
belum = p.kelengkapan[~p.kelengkapan["melapor"]]
aksi = st.columns(4)
aksi[0].metric(
    teks.INTERVENSI_METRIK,
    angka(len(hasil.tampil)),
    border=True,
    help=teks.INTERVENSI_PENJELASAN.format(batas=rules.batas_macet),
)
aksi[0].caption(
    teks.INTERVENSI_METRIK_RINCI.format(merah=angka(hasil.merah), turun=angka(hasil.turun), macet=angka(hasil.macet))
)
aksi[0].page_link("pages/2_zona.py", label=teks.LIHAT_DAFTAR, icon=":material/arrow_forward:")
tile(aksi[1], "tahap_tidak_dapat_dibangun")
aksi[1].page_link("pages/3_lahan.py", label=teks.LIHAT_DAFTAR, icon=":material/arrow_forward:")
aksi[2].metric(
    teks.BELUM_MELAPOR_METRIK,
    angka(len(belum)),
    border=True,
    help=METRIK["kabupaten_diharapkan"].bantuan,
)
if len(belum) == 0:
    aksi[2].caption(teks.SEMUA_MELAPOR)
elif len(belum) <= 15:
    aksi[2].caption(teks.BELUM_MELAPOR.format(daftar=", ".join(belum["nama"])))
aksi[2].page_link("pages/6_kelengkapan.py", label=teks.LIHAT_DAFTAR, icon=":material/arrow_forward:")
# The same list as the Kualitas Data page (one cached answer for both), its open findings.
terbuka = kualitas.terbuka(ctx.tanya(kualitas.daftar, ctx.filter, kini))
aksi[3].metric(teks.KUALITAS_RINGKASAN_METRIK, angka(terbuka.jumlah), border=True, help=teks.KUALITAS_RINGKASAN_BANTUAN)
aksi[3].caption(
    teks.KUALITAS_RINGKASAN_RINCI.format(
        galat=angka(terbuka.galat), peringatan=angka(terbuka.peringatan), kabupaten=angka(len(terbuka.kabupaten))
    )
    if terbuka.jumlah
    else teks.KUALITAS_RINGKASAN_NIHIL
)
aksi[3].page_link("pages/11_kualitas.py", label=teks.LIHAT_DAFTAR, icon=":material/arrow_forward:")

# Targets on metrics without a tile here get tiles of their own.
lain = [r for m, r in di_sini.items() if m not in TILE]
if lain:
    st.subheader(teks.BAGIAN_TARGET)
    for col, r in zip(st.columns(4), lain[:4]):
        col.metric(
            teks.TARGET_TILE.format(label=r["label"]),
            f"{kalimat.nilai(r, r['aktual'])} / {kalimat.nilai(r, r['target'])}",
            border=True,
            help=kalimat.kalimat(r),
        )
        col.caption(
            teks.TARGET_RINGKAS.format(
                status=kamus.TARGET_STATUS_LABEL[r["status"]], tenggat=periode.tanggal(r["tenggat"])
            )
        )
    st.page_link("pages/12_target.py", label=teks.LIHAT_TARGET, icon=":material/arrow_forward:")

st.subheader(teks.BAGIAN_KOPERASI)
for row in (
    ("terdaftar", "badan_hukum", "masuk_portal"),
    ("lahan_terverifikasi", "tahap_pembangunan", "gerai_beroperasi"),
):
    for col, name in zip(st.columns(3), row):
        tile(col, name)

left, right = st.columns(2)
with left:
    st.subheader(teks.BAGIAN_ZONA)
    z = st.columns(3)
    for col, zona in zip(z, ("hijau", "kuning", "merah")):
        tile(col, f"zona_{zona}", label=kamus.ZONA_PENDEK[zona])
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
        tile(col, name, label=label)
    if p["terdaftar"]:
        st.caption(f"{persen(p['simkopdes_aktif'] / p['terdaftar'])} koperasi sudah aktif di SIMKOPDES.")

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
            f"{periode.label(p.minggu['sppg'])}: {angka(p['sppg_rencana'])} rencana, "
            f"{angka(p['sppg_persiapan'])} persiapan, {angka(p['sppg_beroperasi'])} beroperasi"
            + (f", {angka(p['sppg_penerima_manfaat'])} penerima manfaat." if p["sppg_penerima_manfaat"] else ".")
        )
with right:
    st.subheader(teks.BAGIAN_KELENGKAPAN)
    c = st.columns(2)
    tile(c[0], "kabupaten_melapor")
    tile(c[1], "kabupaten_diharapkan")

left, right = st.columns(2)
with left:
    st.subheader(teks.BAGIAN_CORONG)
    stages = [(METRIK[key].label, p[key]) for key in CORONG]
    if tanpa_grafik.corong_satu(stages):
        st.markdown(tanpa_grafik.kalimat_corong(stages))
    else:
        st.plotly_chart(charts.funnel(stages), config={"displayModeBar": False}, key="corong")
        st.caption(teks.CORONG_PENJELASAN)
with right:
    tingkat = ctx.filter.group_level
    st.subheader(teks.BAGIAN_ZONA_WILAYAH.format(tingkat=teks.TINGKAT[tingkat]))
    from analytics import koperasi

    per_area = ctx.tanya(koperasi.zona_per_wilayah, ctx.filter, kini, lalu)
    if per_area.empty:
        st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
    elif tanpa_grafik.bilah_satu(per_area, ["merah", "kuning", "hijau"]):
        tanpa_grafik.daftar(per_area, [(z, kamus.ZONA_LABEL[z]) for z in ("merah", "kuning", "hijau")])
    else:
        shown = per_area.head(40)
        shell.grafik_wilayah(
            charts.zones_by_area(shown),
            "zona_wilayah",
            shown,
            len(per_area),
            klik=tingkat != "desa",
            terbatas=teks.ZONA_TERBATAS,
        )

# Every label of the registry with its definition: one word per concept, defined once.
with st.expander(teks.DEFINISI_JUDUL, icon=":material/menu_book:"):
    st.caption(teks.DEFINISI_PENJELASAN)
    definisi = pd.DataFrame(
        [{"label": m.label, "definisi": m.definisi, "sumber": SUMBER[m.sumber].label} for m in METRIK.values()]
    ).rename(columns=teks.DEFINISI_KOLOM)
    st.dataframe(
        definisi,
        hide_index=True,
        column_config={teks.DEFINISI_KOLOM["definisi"]: st.column_config.TextColumn(width="large")},
    )
