"""Peta: areas coloured by a chosen metric, with koperasi, SPPG and land parcels; works offline.

Click an area (or a point in it) to narrow the shared filter to that area; the map then zooms to
the filter's extent and breaks it down one level further.
"""

import streamlit as st

from analytics import periode, peta, target, zona
from analytics.filters import Filter
from analytics.metrik import METRIK, PETA
from analytics.peta import geometri
from ui import peta as ui_peta
from ui import shell, teks, unduh

ctx = shell.page(teks.PETA_JUDUL)
shell.breadcrumb(ctx)
p = ctx.picture()
minggu = {k: p.minggu.get(k) for k in ("koperasi", "sppg", "lahan", "simkopdes_desa")}


bertarget = ctx.tanya(target.metrik_bertarget, ctx.filter)
pilihan = (*PETA, target.PETA_ID) if bertarget else PETA
label_peta = {**{n: METRIK[n].label_peta for n in PETA}, target.PETA_ID: target.metrik_peta().label_peta}
kiri, kanan = st.columns([2, 3], vertical_alignment="bottom")
metrik = kiri.selectbox(teks.PETA_METRIK, pilihan, format_func=label_peta.get, key="peta_metrik")
target_metrik = None
if metrik == target.PETA_ID:
    target_metrik = kiri.selectbox(
        teks.PETA_TARGET_METRIK, bertarget, format_func=lambda n: METRIK[n].label, key="peta_target_metrik"
    )
lapisan = kanan.pills(
    teks.PETA_LAPISAN,
    peta.LAPISAN,
    selection_mode="multi",
    key="peta_lapisan",
    default=["wilayah", "koperasi", "sppg"],
    format_func=lambda n: teks.PETA_LAPISAN_LABEL[n],
)

st.caption(
    teks.PETA_MINGGU.format(
        **{k: periode.label(v) if v else teks.PETA_TANPA_MINGGU for k, v in minggu.items() if k != "simkopdes_desa"}
    )
)
if all(v is None for v in minggu.values()):
    st.info(teks.PETA_KOSONG, icon=":material/info:")

# Through the cross-session cache like every answer: keyed by the data version (which carries the
# zone rules' digest) and read from one snapshot.
m = ctx.tanya(
    peta.peta, ctx.filter, minggu, metrik, tuple(sorted(lapisan or ())), zona.aturan.load_rules(), target_metrik
)
online = peta.online_aktif()
wilayah = shell.area_name(ctx.g, ctx.filter)

kolom_peta, kolom_legenda = st.columns([4, 1])
with kolom_peta:
    # One widget per filter: a selection made at one level must not drill again at the next.
    event = st.pydeck_chart(
        ui_peta.deck(m, online),
        on_select="rerun",
        selection_mode="single-object",
        key=f"peta_{ctx.filter.code or 'indonesia'}",
        height=geometri.TINGGI_PETA,
        alt=teks.PETA_ALT.format(metrik=m.metrik.label_peta, tingkat=teks.TINGKAT[m.tingkat], wilayah=wilayah),
    )
with kolom_legenda:
    st.markdown(ui_peta.legenda_html(m, lapisan or ()), unsafe_allow_html=True)

notes = [
    teks.PETA_DARING if online else teks.PETA_LUAR_JARINGAN,
    teks.PETA_KLIK if ctx.filter.level != "desa" else teks.PETA_KLIK_DESA,
    *ui_peta.catatan(m),
]
st.caption("  \n".join(notes))

kode = ui_peta.kode_terpilih(event.selection if event else None)
if kode and kode != ctx.filter.code and (ctx.filter.code is None or kode.startswith(ctx.filter.code + ".")):
    shell.set_filter(Filter.from_code(kode))

with st.expander(teks.PETA_TABEL.format(tingkat=teks.TINGKAT[m.tingkat])):
    tabel = m.wilayah.drop(columns=["lat", "lon"])
    kolom = {
        "kode": teks.PETA_KOLOM["kode"],
        "nama": teks.PETA_KOLOM["nama"],
        "nilai": teks.PETA_KOLOM["nilai"],
        "kelas": teks.PETA_KOLOM["kelas"],
        **{c: METRIK[c].label for c in tabel.columns if c in METRIK},
    }
    tabel = tabel[list(kolom)]
    tampil = tabel.assign(nilai=[m.metrik.teks_peta(v) if v == v else "–" for v in tabel["nilai"]]).rename(
        columns=kolom
    )
    st.dataframe(tampil, hide_index=True, width="stretch")
    unduh.table_downloads(
        tabel.rename(columns=kolom), f"peta_{m.metrik.id}_{ctx.filter.code or 'indonesia'}", key="peta_tabel"
    )
