"""Presentasi: the weekly 'coffee morning' deck for the current filter and week, readable on a
projector, with the same deck as PPTX, PDF and a one-page A4 summary.

Keyboard: one listener on the page (KUNCI, a small script with no data in it) turns ←/→,
PageUp/PageDown (what a presenter's clicker sends) and Home into clicks on the navigation buttons,
whichever element has the focus: Streamlit's own button shortcuts are ignored while an input has
it. In a text field outside full screen the arrow keys and Home keep moving the caret.
Fitting the screen: in full screen the root font size follows the viewport (a 16:9 slide's type
scales with its height, as on a projector), the slide is a flex column exactly one viewport tall,
and its chart takes the height left under the title, sentence and tiles (plotly `height="stretch"`);
no CSS zoom, which garbles plotly's hit areas. Plotly sets its type in px, so a small component
(UKUR_LAYAR) reports the screen's height and the chart's fonts are multiplied by the same factor
as the root font size (deck.grafik.skala_huruf).
Auto-advance: the slide is an st.fragment with run_every, so only the slide reruns.
The order and the hidden slides are kept in st.session_state and in data/presentasi.json
(analytics.deck.Pilihan), not in the URL: ui.shell rewrites the query string to the filter on
every run, and the exports and the CLI read the same file, so the office's choice holds everywhere.
"""

import threading
import time

import plotly.graph_objects as go
import streamlit as st

from analytics import deck as deck_mod
from analytics.deck import ekspor
from analytics.deck.grafik import skala_huruf, skala_layar
from ui import shell, teks, unduh

ctx = shell.page(teks.PRESENTASI_JUDUL)
shell.breadcrumb(ctx)

# Only styling here: no data is ever put into this HTML.
CSS = """<style>
.st-key-slaid { background: #ffffff; color: #111111; border: 2px solid #c5ccd6; border-radius: 10px;
  padding: 1.4rem 2rem 1rem 2rem; }
.st-key-slaid [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }
.st-key-slaid > * > [data-testid="stVerticalBlock"] { flex: 0 0 auto !important; }
.st-key-slaid_judul p { font-size: 2.5rem; font-weight: 800; line-height: 1.15; color: #0b2545; margin: 0; }
.st-key-slaid_kalimat { border-left: 0.5rem solid #1f3a5f; padding-left: 1rem; }
.st-key-slaid_kalimat p { font-size: 1.6rem; font-weight: 700; line-height: 1.3; color: #111111; margin: 0; }
[class*="st-key-slaid_kelompok"] p { font-size: 1.3rem; font-weight: 700; color: #0b2545; margin: 0.2rem 0 0 0; }
.st-key-slaid [data-testid="stMetric"] { background: #f4f6f8; border-color: #9aa5b1; }
.st-key-slaid [data-testid="stMetricLabel"] p { font-size: 1.15rem; color: #333333; }
.st-key-slaid [data-testid="stMetricLabel"] * { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; }
.st-key-slaid [data-testid="stMetricValue"] { font-size: clamp(1.8rem, 2.6vw, 2.5rem); font-weight: 800; color: #111111; }
.st-key-slaid [data-testid="stMetricValue"] * { overflow: visible !important; text-overflow: clip !important; }
.st-key-slaid [data-testid="stMetricDelta"] { font-size: 1.15rem; font-weight: 700; }
.st-key-slaid_besar [data-testid="stMetricValue"] { font-size: clamp(2.2rem, 3.3vw, 3.6rem); }
.st-key-slaid table { font-size: 1.1rem; color: #111111; }
.st-key-slaid td, .st-key-slaid th { padding: 0.3rem 0.5rem !important; }
.st-key-slaid_tabel_intervensi table { font-size: 0.95rem; }
.st-key-slaid th { background: #0b2545 !important; color: #ffffff !important; font-weight: 700; }
.st-key-slaid_catatan p { font-size: 1rem; color: #444444; font-style: italic; }
.st-key-slaid_kaki p { font-size: 0.95rem; color: #555555; }
.st-key-pres_posisi p { font-size: 1.15rem; font-weight: 700; margin: 0.35rem 0.5rem 0 0.5rem; }
</style>"""
# Full screen: no sidebar, header, page title, breadcrumb, exports; the slide fills the height.
PENUH = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], .st-key-pres_ekspor, .st-key-pres_data, .st-key-pres_atur,
h1:not(.st-key-slaid *), [data-testid="stBadge"]:not(.st-key-slaid *), div:has(> .st-key-crumb_0) { display: none !important; }
html { font-size: calc(min(100vh, 56.25vw) / 45) !important; }
[data-testid="stMainBlockContainer"] { padding: 0.4rem 1rem 0 1rem !important; max-width: 100% !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.4rem; }
.st-key-slaid { height: calc(100vh - 6rem) !important; box-sizing: border-box;
  padding: 0.6rem 1.4rem 0.3rem 1.4rem !important; flex: 0 0 auto !important; flex-wrap: nowrap !important; }
.st-key-slaid > *, .st-key-slaid > * > [data-testid="stVerticalBlock"] { flex: 0 0 auto !important; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]
  { display: none !important; }
.st-key-slaid > :has(.st-key-slaid_isi) { flex: 1 1 0 !important; min-height: min-content !important; }
.st-key-slaid_isi, .st-key-slaid_isi > :has([data-testid="stHorizontalBlock"]),
.st-key-slaid_isi [data-testid="stHorizontalBlock"],
.st-key-slaid_isi [data-testid="stColumn"], .st-key-slaid_isi [data-testid="stColumn"] > [data-testid="stVerticalBlock"]
  { height: 100% !important; min-height: min-content !important; }
.st-key-slaid_isi [data-testid="stColumn"] > [data-testid="stVerticalBlock"] > :has(.stPlotlyChart),
.st-key-slaid_isi > :has(.stPlotlyChart) { flex: 1 1 0 !important; min-height: 0 !important; }
.st-key-slaid_isi .stPlotlyChart, .st-key-slaid_isi [data-testid="stFullScreenFrame"]:has(.stPlotlyChart)
  { height: 100% !important; }
.st-key-slaid_judul p { font-size: 2.2rem; }
.st-key-slaid_kalimat p { font-size: 1.45rem; line-height: 1.25; }
.st-key-slaid [data-testid="stMetric"] { padding: 0.25rem 0.8rem; }
.st-key-slaid [data-testid="stMetricLabel"] p, .st-key-slaid [data-testid="stMetricDelta"] { font-size: 1rem; }
.st-key-slaid th { white-space: nowrap; }
.st-key-slaid_besar [data-testid="stMetricValue"] { font-size: 3rem; }
.st-key-slaid table { font-size: 1.5rem; line-height: 1.15; }
.st-key-slaid_tabel_intervensi table { font-size: 1.5rem; }
.st-key-slaid td, .st-key-slaid th { padding: 0.05rem 0.45rem !important; }
.st-key-slaid [data-testid="stMetricValue"] { font-size: 1.9rem; line-height: 1.1; }
.st-key-slaid_catatan p, .st-key-slaid_kaki p { font-size: 0.9rem; line-height: 1.3; }
.st-key-slaid_penuh { display: none !important; }
</style>"""
# ←/→, PageUp/PageDown and Home click the navigation buttons whatever has the focus. Installed once per
# browser tab; it looks the buttons up at each key press, so it does nothing on the other pages.
KUNCI = """<script>
(function () {
  const doc = window.parent ? window.parent.document : document;
  if (doc.__kdkmpPresentasi) return;
  doc.__kdkmpPresentasi = true;
  const tombol = {ArrowRight: "pres_berikutnya", PageDown: "pres_berikutnya", ArrowLeft: "pres_sebelumnya",
    PageUp: "pres_sebelumnya", Home: "pres_awal"};
  doc.addEventListener("keydown", function (e) {
    const key = tombol[e.key];
    if (!key || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const button = doc.querySelector(".st-key-" + key + " button");
    if (!button) return;
    const t = e.target;
    const teks = t && (t.isContentEditable || t.tagName === "TEXTAREA" ||
      (t.tagName === "INPUT" && !["checkbox", "radio", "button", "submit", "range"].includes(t.type)));
    const penuh = !!doc.querySelector(".st-key-slaid_penuh");
    if (teks && !penuh && !e.key.startsWith("Page")) return;
    e.preventDefault();
    e.stopPropagation();
    if (!button.disabled) button.click();
  }, true);
})();
</script>"""
# Full screen: the height of the screen's 16:9 area, sent back on load and after each resize, so
# the charts' type (plotly sets it in px, not rem) grows with the screen as the slide's text does.
# Sends only a value that differs from the one the page already has (`data`): no rerun loop.
UKUR_LAYAR = """
export default function (component) {
  const { data, setStateValue } = component;
  const w = window;
  const ukur = () => Math.round(Math.min(w.innerHeight, w.innerWidth * 9 / 16));
  w.__kdkmpLayar = { kirim: setStateValue, punya: data && data.tinggi };
  const kirim = () => {
    const s = w.__kdkmpLayar, px = ukur();
    if (px !== s.punya) { s.punya = px; s.kirim("tinggi", px); }
  };
  kirim();
  if (!w.__kdkmpLayarDengar) {
    w.__kdkmpLayarDengar = true;
    let tunda;
    w.addEventListener("resize", () => { clearTimeout(tunda); tunda = setTimeout(kirim, 250); });
  }
}
"""
layar = st.components.v2.component("kdkmp_layar_presentasi", js=UKUR_LAYAR)
st.html(CSS)
st.html(KUNCI, unsafe_allow_javascript=True)

_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|~$"})


def md(text: str) -> str:
    """Text shown through st.markdown/st.table as itself (names can hold * _ $ …)."""
    return str(text).translate(_MARKDOWN)


@st.cache_data(show_spinner="Menyusun presentasi…", max_entries=32)
def susun(path: str, version: str, f, minggu, contoh: bool) -> deck_mod.Deck:
    return deck_mod.build(shell.connection(path), f, minggu, contoh=contoh)


@st.cache_resource(show_spinner=False)
def nyalakan_penggambar() -> bool:
    """Start the kept Chromium in the background now, so the first export does not wait for it."""

    def start():
        try:
            ekspor.penggambar().siap()
        except ekspor.GambarGagal:
            pass  # the exports then carry a note in place of each chart

    threading.Thread(target=start, name="kaleido-siap", daemon=True).start()
    return True


p = ctx.picture()
if p.minggu["koperasi"] is None:
    st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
    st.stop()

nyalakan_penggambar()
deck = susun(ctx.path, ctx.version, ctx.filter, ctx.minggu, ctx.demo)
if "pres_pilihan" not in st.session_state:
    st.session_state["pres_pilihan"] = deck_mod.pilihan.baca_pilihan()
pilihan: deck_mod.pilihan.Pilihan = st.session_state["pres_pilihan"]
st.session_state.setdefault("pres_penuh", False)
st.session_state.setdefault("pres_otomatis", False)
st.session_state.setdefault("pres_detik", 20)
penuh = bool(st.session_state["pres_penuh"])
if penuh:
    st.html(PENUH)


def _simpan(baru: deck_mod.pilihan.Pilihan) -> None:
    st.session_state["pres_pilihan"] = baru
    deck_mod.pilihan.simpan_pilihan(baru)


def _pindah(slide_id: str) -> None:
    st.session_state["pres_slide"] = slide_id
    st.session_state["pres_waktu"] = time.monotonic()


def _geser(slide_id: str, langkah: int) -> None:
    _simpan(st.session_state["pres_pilihan"].geser(slide_id, langkah))


def _tampil(slide_id: str) -> None:
    _simpan(st.session_state["pres_pilihan"].tampil(slide_id, st.session_state[f"pres_tampil_{slide_id}"]))


def _bawaan() -> None:
    _simpan(deck_mod.pilihan.Pilihan())


def _otomatis() -> None:
    st.session_state["pres_waktu"] = time.monotonic()


def kpi_tile(column, k: deck_mod.Kpi) -> None:
    arrow = {"naik": "up", "turun": "down"}.get(k.perubahan.split(" ")[0], "off")
    column.metric(
        k.label,
        k.nilai_teks,
        delta=k.perubahan or None,
        border=True,
        delta_color={"baik": "green", "buruk": "red"}.get(k.nada, "gray"),
        delta_arrow=arrow,
    )


def tabel(slide_id: str, t: deck_mod.Tabel) -> None:
    frame = t.frame().map(md)
    frame.columns = [md(c) for c in frame.columns]
    # Numbers right-aligned: CSS built from the slide id (one of deck.SLIDE_IDS) and column positions
    # only, never from data; scoped to this slide's table, since the style of an earlier slide stays.
    key = f"slaid_tabel_{slide_id}"
    rules = "".join(
        f".st-key-{key} td:nth-child({i + 1}), .st-key-{key} th:nth-child({i + 1}) {{ text-align: right !important; }}"
        for i, right in enumerate(t.kanan)
        if right
    )
    if rules:
        st.html(f"<style>{rules}</style>")
    with st.container(key=key):
        st.table(frame, hide_index=True)


# Outside full screen charts stay short enough for the page; in full screen they take the slide's
# height left under the title, sentence and tiles (the CSS in PENUH), whatever the screen.
TINGGI_GRAFIK = 430


def grafik(s: deck_mod.Slide) -> None:
    fig = go.Figure(s.grafik)
    if penuh:
        fig = skala_huruf(fig, skala_layar(st.session_state.get("pres_tinggi_layar")))
        fig.update_layout(height=None, autosize=True)
        tinggi = "stretch"
    else:
        tinggi = min(fig.layout.height or TINGGI_GRAFIK, TINGGI_GRAFIK)
        fig.update_layout(height=tinggi)
    st.plotly_chart(
        fig,
        key=f"pres_grafik_{s.id}",
        config={"displayModeBar": False, "responsive": True},
        alt=s.grafik_alt,
        theme=None,
        height=tinggi,
    )


def isi(s: deck_mod.Slide) -> None:
    """The slide's body: chart left and table right, or either alone."""
    if s.grafik is not None and s.tabel is not None:
        left, right = st.columns([1, 1.4], gap="medium")
        with left:
            grafik(s)
        with right:
            # In full screen the table's header says enough beside a chart: its title would cost a row.
            if s.tabel_judul and s.tabel_judul != s.judul and not penuh:
                st.markdown(f"**{md(s.tabel_judul)}**")
            tabel(s.id, s.tabel)
    elif s.grafik is not None:
        grafik(s)
    else:
        if s.tabel_judul and s.tabel_judul != s.judul:
            st.markdown(f"**{md(s.tabel_judul)}**")
        tabel(s.id, s.tabel)


def tampil_slide(s: deck_mod.Slide) -> None:
    with st.container(key="slaid_judul"):
        st.markdown(md(s.judul))
    with st.container(key="slaid_kalimat"):
        st.markdown(md(s.kalimat))
    if s.kosong:
        st.info(s.kosong, icon=":material/info:")
    if s.id == "utama" and s.kpi:
        with st.container(key="slaid_besar"):
            kop = [k for k in s.kpi if k.sumber != "sppg"]
            sppg = s.kpi[len(kop) :]
            with st.container(key="slaid_kelompok"):
                st.markdown(teks.PRES_KELOMPOK_KOPERASI)
            for col, k in zip(st.columns(len(kop)), kop):
                kpi_tile(col, k)
            if sppg:
                with st.container(key="slaid_kelompok_sppg"):
                    st.markdown(teks.PRES_KELOMPOK_SPPG)
                for col, k in zip(st.columns(len(kop)), sppg):
                    kpi_tile(col, k)
    elif s.kpi:
        for col, k in zip(st.columns(len(s.kpi)), s.kpi):
            kpi_tile(col, k)
    if s.grafik is not None or s.tabel is not None:
        with st.container(key="slaid_isi"):
            isi(s)
    # The note and the footer: one line each at the foot of the slide.
    with st.container(key="slaid_bawah", gap="small"):
        if s.catatan:
            with st.container(key="slaid_catatan"):
                st.markdown(md(s.catatan))
        with st.container(key="slaid_kaki"):
            kaki = deck.subjudul + (f" · {deck.pembanding}" if deck.minggu_lalu else "")
            st.markdown(md(kaki + (f" · {teks.DEMO_BADGE}" if deck.contoh else "")))


otomatis = bool(st.session_state["pres_otomatis"])
detik = int(st.session_state["pres_detik"])


@st.fragment(run_every=detik if otomatis else None)
def presentasi() -> None:
    slides = deck.urut(st.session_state["pres_pilihan"])
    ids = [s.id for s in slides]
    current = st.session_state.get("pres_slide")
    i = ids.index(current) if current in ids else 0
    if st.session_state["pres_otomatis"]:
        now = time.monotonic()
        last = st.session_state.setdefault("pres_waktu", now)
        if now - last >= int(st.session_state["pres_detik"]) - 0.5:
            i = (i + 1) % len(ids)
            st.session_state["pres_waktu"] = now
    st.session_state["pres_slide"] = ids[i]
    s = slides[i]

    if penuh:
        with st.container(key="slaid_penuh"):  # tells KUNCI the page is in full screen; hidden by PENUH
            st.html("<span></span>")
            hasil = layar(
                key="pres_layar",
                data={"tinggi": st.session_state.get("pres_tinggi_layar")},
                default={"tinggi": None},
                on_tinggi_change=lambda: None,
            )
            st.session_state["pres_tinggi_layar"] = hasil.tinggi
    with st.container(key="slaid"):
        tampil_slide(s)

    prev_id, next_id = ids[max(i - 1, 0)], ids[min(i + 1, len(ids) - 1)]
    with st.container(horizontal=True, vertical_alignment="center", key="pres_navigasi"):
        st.button(
            teks.PRES_AWAL,
            key="pres_awal",
            icon=":material/first_page:",
            on_click=_pindah,
            args=(ids[0],),
            disabled=i == 0,
        )
        st.button(
            teks.PRES_SEBELUMNYA,
            key="pres_sebelumnya",
            icon=":material/arrow_back:",
            on_click=_pindah,
            args=(prev_id,),
            disabled=i == 0,
        )
        with st.container(key="pres_posisi", width="content"):
            st.markdown(teks.PRES_POSISI.format(n=i + 1, total=len(ids)))
        st.button(
            teks.PRES_BERIKUTNYA,
            key="pres_berikutnya",
            icon=":material/arrow_forward:",
            type="primary",
            on_click=_pindah,
            args=(next_id,),
            disabled=i == len(ids) - 1,
        )
    if not st.session_state["pres_penuh"]:
        st.caption(teks.PRES_KEYBOARD)

    with st.expander(teks.PRES_DATA_SLIDE, key="pres_data", icon=":material/download:"):
        if s.tabel is None and s.grafik is None:
            st.caption(teks.PRES_TANPA_DATA_SLIDE)
        else:
            st.caption(teks.PRES_DATA_SLIDE_PENJELASAN)
            nama = f"presentasi_{s.id}"
            if s.tabel is not None:
                unduh.table_downloads(s.tabel.data, nama, key=f"pres_{s.id}")
            if s.grafik is not None:
                unduh.chart_png(s.grafik, nama, key=f"pres_{s.id}")


presentasi()

with st.container(horizontal=True, vertical_alignment="center", key="pres_kendali"):
    st.toggle(teks.PRES_LAYAR_PENUH, key="pres_penuh", help=teks.PRES_LAYAR_PENUH_BANTUAN)
    st.toggle(teks.PRES_OTOMATIS, key="pres_otomatis", help=teks.PRES_OTOMATIS_BANTUAN, on_change=_otomatis)
    if st.session_state["pres_otomatis"]:
        st.number_input(teks.PRES_DETIK, min_value=5, max_value=300, step=5, key="pres_detik", width=150)
    with st.popover(teks.PRES_ATUR, icon=":material/tune:", key="pres_atur"):
        st.caption(teks.PRES_ATUR_PENJELASAN)
        judul = {s.id: s.judul for s in deck.slides}
        urutan = [i for i in pilihan.urutan if i in judul]
        for n, slide_id in enumerate(urutan):
            with st.container(horizontal=True, vertical_alignment="center"):
                st.session_state[f"pres_tampil_{slide_id}"] = slide_id not in pilihan.sembunyi
                st.checkbox(md(judul[slide_id]), key=f"pres_tampil_{slide_id}", on_change=_tampil, args=(slide_id,))
                st.button(
                    "",
                    key=f"pres_naik_{slide_id}",
                    icon=":material/arrow_upward:",
                    help=teks.PRES_NAIKKAN,
                    on_click=_geser,
                    args=(slide_id, -1),
                    disabled=n == 0,
                    type="tertiary",
                )
                st.button(
                    "",
                    key=f"pres_turun_{slide_id}",
                    icon=":material/arrow_downward:",
                    help=teks.PRES_TURUNKAN,
                    on_click=_geser,
                    args=(slide_id, 1),
                    disabled=n == len(urutan) - 1,
                    type="tertiary",
                )
        st.button(teks.PRES_BAWAAN, key="pres_bawaan", icon=":material/restart_alt:", on_click=_bawaan)

slides_terpilih = deck.urut(pilihan)
nama_berkas = f"presentasi_{ctx.filter.code or 'nasional'}_{deck.minggu.isoformat()}"
with st.container(horizontal=True, vertical_alignment="center", key="pres_ekspor"):
    st.markdown(f"**{teks.PRES_UNDUH}**", help=teks.PRES_UNDUH_BANTUAN)
    st.download_button(
        teks.PRES_UNDUH_PPTX,
        lambda: ekspor.pptx_bytes(deck, slides_terpilih),
        file_name=f"{nama_berkas}.pptx",
        icon=":material/slideshow:",
        key="pres_pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        on_click="ignore",
    )
    st.download_button(
        teks.PRES_UNDUH_PDF,
        lambda: ekspor.pdf_bytes(deck, slides_terpilih),
        file_name=f"{nama_berkas}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="pres_pdf",
        on_click="ignore",
    )
    st.download_button(
        teks.PRES_UNDUH_RINGKASAN,
        lambda: ekspor.ringkasan_pdf_bytes(deck, slides_terpilih),
        file_name=f"ringkasan_{ctx.filter.code or 'nasional'}_{deck.minggu.isoformat()}.pdf",
        mime="application/pdf",
        icon=":material/description:",
        key="pres_ringkasan",
        on_click="ignore",
    )
