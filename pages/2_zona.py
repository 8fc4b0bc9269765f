"""Zona & Intervensi, the action first: who needs help this week, who moved zone, then zones per area
beside last week and the rules."""

import pandas as pd
import streamlit as st

from analytics import kamus, koperasi, periode, zona
from analytics.format import angka
from ui import charts, intervensi, shell, tanpa_grafik, teks
from ui.tabel import pas, tinggi
from ui.unduh import table_downloads

ctx = shell.page(teks.HALAMAN["zona"][0])
shell.breadcrumb(ctx)
p = ctx.picture()
rules = zona.aturan.load_rules()
kini, lalu = p.minggu["koperasi"], p.minggu_lalu["koperasi"]
area = shell.area_name(ctx.g, ctx.filter)
tingkat = ctx.filter.group_level


explain = intervensi.penjelas(rules)


if kini is None:
    st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
    st.stop()

st.markdown(f"**{area}** · {shell.minggu_teks(kini, lalu)}")

# Who needs intervention this week, grouped by kecamatan.
st.subheader(teks.INTERVENSI_JUDUL)
st.caption(teks.INTERVENSI_PENJELASAN.format(batas=rules.batas_macet))
hasil = ctx.tanya(intervensi.intervensi, ctx.filter, kini, lalu, rules)
if hasil.tampil.empty:
    st.success(teks.INTERVENSI_KOSONG.format(wilayah=area, minggu=periode.label(kini)), icon=":material/check_circle:")
else:
    per_kecamatan = hasil.per_kecamatan
    st.markdown(
        teks.INTERVENSI_RINGKAS.format(
            wilayah=area,
            minggu=periode.label(kini),
            n=angka(len(hasil.tampil)),
            kecamatan=angka(len(per_kecamatan)),
            merah=angka(hasil.merah),
            turun=angka(hasil.turun),
            macet=angka(hasil.macet),
        )
    )
    # A fragment: searching the list reruns the list only, not the whole page.

    @st.fragment
    def daftar_intervensi() -> None:
        tampil = hasil.tampil
        teks_cari = st.text_input(
            teks.INTERVENSI_CARI, key="cari_intervensi", help=teks.INTERVENSI_CARI_BANTUAN, icon=":material/search:"
        )
        tampil = zona.cari(tampil, teks_cari)
        if teks_cari.strip():
            st.caption(
                teks.INTERVENSI_DITEMUKAN.format(
                    n=angka(len(tampil)), total=angka(len(hasil.tampil)), teks=teks_cari.strip()
                )
            )
        kolom = dict(teks.INTERVENSI_KOLOM)
        if ctx.filter.level not in (None, "provinsi"):
            kolom.pop("kabupaten")  # one kabupaten only: the column would repeat itself
        tabel = tampil[list(kolom)].rename(columns=kolom)
        pinned = {kolom[k]: st.column_config.TextColumn(pinned=True) for k in ("kabupaten", "kecamatan") if k in kolom}
        muat = pas(
            tabel,
            {kolom["minggu_di_zona"]: st.column_config.NumberColumn(format=charts.FORMAT_BILANGAN), **pinned},
        )
        st.dataframe(tabel, hide_index=True, lazy=True, height=tinggi(len(tabel), muat, 560), **muat)
        nama_berkas = f"{teks.INTERVENSI_BERKAS}_{ctx.filter.code or 'nasional'}_{kini.isoformat()}"
        with st.container(horizontal=True, gap="small"):
            table_downloads(tabel, nama_berkas)

            def halaman_cetak() -> bytes:
                """Built only when the button is clicked: a national list can be tens of thousands of rows."""
                cetak = tampil.assign(kelompok=tampil["kode_kecamatan"])
                return zona.daftar_cetak(
                    cetak,
                    teks.INTERVENSI_CETAK_JUDUL.format(wilayah=area),
                    teks.INTERVENSI_CETAK_SUB.format(
                        minggu=periode.label(kini), n=angka(len(cetak)), kecamatan=angka(cetak["kelompok"].nunique())
                    ),
                    {k: v for k, v in teks.INTERVENSI_KOLOM.items() if k not in ("kabupaten", "kecamatan")},
                    kelompok="kelompok",
                    kelompok_label=lambda first, n: teks.INTERVENSI_CETAK_KELOMPOK.format(
                        kecamatan=first["kecamatan"], kabupaten=first["kabupaten"], n=angka(n)
                    ),
                    catatan=teks.INTERVENSI_CETAK_CATATAN.format(batas=rules.batas_macet),
                    lebar={
                        "desa": 13,
                        "nama_koperasi": 20,
                        "zona_label": 8,
                        "sebab": 13,
                        "alasan": 25,
                        "pendamping": 13,
                        "minggu_di_zona": 8,
                    },
                ).encode("utf-8")

            st.download_button(
                teks.INTERVENSI_CETAK,
                halaman_cetak,
                file_name=f"{nama_berkas}.html",
                mime="text/html",
                icon=":material/print:",
                help=teks.INTERVENSI_CETAK_BANTUAN,
                key="cetak_intervensi",
                disabled=tampil.empty,
            )

    daftar_intervensi()

    if len(per_kecamatan) > 1:
        with st.expander(teks.INTERVENSI_PER_KECAMATAN, expanded=len(per_kecamatan) <= 15, icon=":material/bar_chart:"):
            top = per_kecamatan.head(25)
            if ctx.filter.level in (None, "provinsi"):
                # Kecamatan names repeat across kabupaten: say which one.
                top = top.assign(nama=top["nama"] + " · " + top["kabupaten"])
            parts = [
                (k, teks.INTERVENSI_SERI[k], colour)
                for k, colour in (("merah", kamus.ZONA_WARNA["merah"]), ("lainnya", kamus.INTERVENSI_LAIN_WARNA))
                if top[k].any()
            ]
            event = st.plotly_chart(
                charts.stacked_area_bars(top, parts, "koperasi"),
                config={"displayModeBar": False},
                on_select="rerun",
                selection_mode="points",
                key="intervensi_kecamatan",
            )
            notes = [teks.INTERVENSI_KLIK]
            if len(per_kecamatan) > len(top):
                notes.insert(0, teks.INTERVENSI_TERBATAS.format(n=angka(len(top)), total=angka(len(per_kecamatan))))
            st.caption(" ".join(notes))
            shell.drill(event)

# Zone moves since the previous week with data.
# A fragment: choosing a move reruns this part only, not the whole page.


@st.fragment
def pindah_zona() -> None:
    st.subheader(teks.TRANSISI_JUDUL)
    if lalu is None:
        st.info(teks.TANPA_PEMBANDING, icon=":material/info:")
        return
    grid = ctx.tanya(zona.transisi_zona, ctx.filter, kini, lalu)
    st.caption(teks.TRANSISI_PENJELASAN.format(minggu=periode.label(kini), minggu_lalu=periode.label(lalu)))

    RANK = {"merah": 0, "kuning": 1, "hijau": 2}

    def move_order(cell: str) -> tuple:
        """Worse moves first, then gone, new, better, unchanged."""
        dari, ke = cell.split(">")
        if dari in RANK and ke in RANK:
            kind = 0 if RANK[ke] < RANK[dari] else (3 if RANK[ke] > RANK[dari] else 4)
        else:
            kind = 1 if ke == "hilang" else 2
        return kind, RANK.get(ke, 3), RANK.get(dari, 3)

    cells = sorted((f"{d}>{k}" for d in grid.index for k in grid.columns if grid.loc[d, k] > 0), key=move_order)

    def cell_clicked() -> None:
        """A click on the matrix chooses that cell in the selectbox (before the script reruns)."""
        state = st.session_state.get("peta_transisi")
        points = state.selection.points if state and state.selection else []
        if points and points[0].get("customdata") in cells:
            st.session_state["sel_transisi"] = points[0]["customdata"]

    # Open on a change (the worst first), never on "Kuning → Kuning": unchanged cells stay choosable.
    changes = [c for c in cells if c.split(">")[0] != c.split(">")[1]]
    if st.session_state.get("sel_transisi") not in cells:
        st.session_state["sel_transisi"] = changes[0] if changes else None
    left, right = st.columns([2, 3], vertical_alignment="center")
    with left:
        st.plotly_chart(
            charts.zone_moves(grid, teks.TRANSISI_DARI, teks.TRANSISI_KE, st.session_state["sel_transisi"]),
            config={"displayModeBar": False},
            on_select=cell_clicked,
            selection_mode="points",
            key="peta_transisi",
        )
    if not cells:
        right.info(teks.TRANSISI_KOSONG, icon=":material/info:")
        return

    def cell_label(cell: str) -> str:
        dari, ke = cell.split(">")
        return teks.TRANSISI_OPSI.format(
            dari=teks.TRANSISI_DARI[dari], ke=teks.TRANSISI_KE[ke], n=angka(int(grid.loc[dari, ke]))
        )

    if not changes:
        right.success(teks.TRANSISI_TANPA_PINDAH, icon=":material/check_circle:")
    chosen = right.selectbox(
        teks.TRANSISI_PILIH, cells, format_func=cell_label, key="sel_transisi", placeholder=teks.TRANSISI_PILIH_SEL
    )
    if chosen is None:
        return
    dari, ke = chosen.split(">")
    rows = ctx.tanya(zona.koperasi_transisi, ctx.filter, kini, lalu, dari, ke)
    rows = rows.assign(
        perpindahan=f"{teks.TRANSISI_DARI[dari]} → {teks.TRANSISI_KE[ke]}",
        alasan=rows["aturan"].map(explain),
        pendamping=rows["pendamping"].fillna(teks.INTERVENSI_PENDAMPING_KOSONG),
    )
    kolom = dict(teks.TRANSISI_KOLOM)
    if ctx.filter.level not in (None, "provinsi"):
        kolom.pop("kabupaten")
    tabel = rows[list(kolom)].rename(columns=kolom)
    muat = pas(tabel)
    st.dataframe(tabel, hide_index=True, lazy=True, height=tinggi(len(tabel), muat, 420), **muat)
    table_downloads(tabel, f"pindah_zona_{dari}_{ke}_{kini.isoformat()}")


pindah_zona()

# Zones per area, this week beside last week; a click opens the area.
st.subheader(teks.BAGIAN_ZONA_WILAYAH.format(tingkat=teks.TINGKAT[tingkat]))
per_area = ctx.tanya(koperasi.zona_per_wilayah, ctx.filter, kini, lalu)
if per_area.empty:
    st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
else:
    shown = per_area.head(40)
    if tanpa_grafik.bilah_satu(per_area, ["merah", "kuning", "hijau"]):
        tanpa_grafik.daftar(per_area, [(z, kamus.ZONA_LABEL[z]) for z in ("merah", "kuning", "hijau")])
    else:
        event = st.plotly_chart(
            charts.zones_by_area_paired(shown),
            config={"displayModeBar": False},
            on_select="rerun",
            selection_mode="points",
            key="zona_wilayah",
        )
        notes = [
            teks.ZONA_WILAYAH_PENJELASAN.format(minggu=periode.label(kini), minggu_lalu=periode.label(lalu))
            if lalu
            else teks.ZONA_WILAYAH_TANPA_LALU.format(minggu=periode.label(kini))
        ]
        if len(per_area) > len(shown):
            notes.append(teks.ZONA_TERBATAS.format(n=angka(len(shown)), total=angka(len(per_area))))
        if tingkat != "desa":
            notes.append(teks.ZONA_KLIK)
            shell.drill(event)
        st.caption(" ".join(notes))
    with st.expander(teks.ZONA_TABEL_WILAYAH, icon=":material/table:"):
        tabel = per_area.copy()
        tabel["jumlah"] = tabel[["merah", "kuning", "hijau"]].sum(axis=1)
        tabel["persen_merah"] = (100 * tabel["merah"] / tabel["jumlah"]).round(1)
        tabel["persen_hijau"] = (100 * tabel["hijau"] / tabel["jumlah"]).round(1)
        tabel = tabel[list(teks.ZONA_KOLOM_WILAYAH)].rename(columns=teks.ZONA_KOLOM_WILAYAH)
        number = st.column_config.NumberColumn(format=charts.FORMAT_BILANGAN)
        share = st.column_config.NumberColumn(format="%d%%")
        st.dataframe(
            tabel,
            hide_index=True,
            column_config={
                label: share if key.startswith("persen") else number
                for key, label in teks.ZONA_KOLOM_WILAYAH.items()
                if key != "nama"
            },
        )
        table_downloads(tabel, f"zona_per_{tingkat}")

with st.expander(teks.ATURAN_JUDUL, icon=":material/rule:"):
    st.markdown(
        teks.ATURAN_URUTAN.format(
            urutan=" › ".join(rules.urutan), bawaan=rules.zona_bawaan, penjelasan_bawaan=rules.penjelasan_bawaan
        )
    )
    aturan = pd.DataFrame(
        [{"id": r.id, "zona": kamus.ZONA_PENDEK[r.zona], "penjelasan": r.penjelasan} for r in rules.rules],
        columns=list(teks.ATURAN_KOLOM),
    ).rename(columns=teks.ATURAN_KOLOM)
    st.dataframe(aturan, hide_index=True, **pas(aturan))
    st.caption(teks.ATURAN_SUMBER)
    table_downloads(aturan, "aturan_zona")
