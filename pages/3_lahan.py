"""Lahan & Kendala: obstacles and their trend, land status by area, parcels, and what cannot be built."""

import pandas as pd
import streamlit as st

from analytics import kamus, lahan, periode
from analytics.format import angka
from ui import charts, shell, tanpa_grafik, teks
from ui.tabel import kendala_dalam_kata, pas, tinggi
from ui.unduh import table_downloads

ctx = shell.page(teks.HALAMAN["lahan"][0])
shell.breadcrumb(ctx)
p = ctx.picture()
kini, lalu = p.minggu["koperasi"], p.minggu_lalu["koperasi"]
minggu_lahan = p.minggu["lahan"]
area = shell.area_name(ctx.g, ctx.filter)
tingkat = ctx.filter.group_level
NUMBER = st.column_config.NumberColumn(format=charts.FORMAT_BILANGAN)
NO_BAR = {"displayModeBar": False}

if kini is None and minggu_lahan is None:
    st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
    st.info(teks.KOSONG_LAHAN, icon=":material/info:")
    st.stop()

st.markdown(f"**{area}** · {periode.label(kini or minggu_lahan)}")


def area_notes(shown: int, total: int) -> str:
    notes = []
    if total > shown:
        notes.append(teks.LAHAN_TERBATAS.format(n=angka(shown), total=angka(total)))
    if tingkat != "desa":
        notes.append(teks.LAHAN_KLIK)
    return " ".join(notes)


def bars_or_list(areas, shown, parts: list[tuple], *, key: str, total: int) -> None:
    """Koperasi per area in stacked bars (`shown`: the areas drawn, `total`: how many there are),
    a click narrowing the filter; the list of `areas` instead when every bar would be one."""
    if tanpa_grafik.bilah_satu(areas, [k for k, _, _ in parts]):
        tanpa_grafik.daftar(areas, [(k, label) for k, label, _ in parts])
        return
    event = st.plotly_chart(
        charts.stacked_area_bars(shown, parts, "koperasi", direct=True),
        config=NO_BAR,
        on_select="rerun",
        selection_mode="points",
        key=key,
    )
    note = area_notes(len(shown), total)
    if note:
        st.caption(note)
    if tingkat != "desa":
        shell.drill(event)


# The action first: the koperasi that cannot be built, listed, then by area and main obstacle.
if kini is not None:
    st.subheader(teks.LAHAN_TDD_JUDUL)
    daftar = ctx.tanya(lahan.koperasi_tidak_dapat_dibangun, ctx.filter, kini)
    if daftar.empty:
        st.success(teks.LAHAN_TDD_KOSONG.format(minggu=periode.label(kini)), icon=":material/check_circle:")
    else:
        st.caption(teks.LAHAN_TDD_PENJELASAN.format(minggu=periode.label(kini), n=angka(len(daftar))))
        st.markdown(f"**{teks.LAHAN_TDD_DAFTAR}**")
        tabel = daftar.assign(
            kendala_utama=daftar["kendala_utama"].map(lambda k: kamus.KENDALA_LABEL.get(k, k)),
            kendala=daftar["kendala"].map(kendala_dalam_kata),
            status_lahan=daftar["status_lahan"]
            .map(lambda s: kamus.STATUS_LAHAN_LABEL.get(s, s))
            .fillna(kamus.STATUS_LAHAN_LABEL["tidak_diisi"]),
            pendamping=daftar["pendamping"].fillna(teks.INTERVENSI_PENDAMPING_KOSONG),
            keterangan=daftar["keterangan"].fillna(""),
        )
        kolom = dict(teks.LAHAN_TDD_KOLOM)
        if ctx.filter.level not in (None, "provinsi"):
            kolom.pop("kabupaten")
        tabel = tabel[list(kolom)].rename(columns=kolom)
        muat = pas(tabel)
        st.dataframe(tabel, hide_index=True, lazy=True, height=tinggi(len(tabel), muat, 420), **muat)
        table_downloads(tabel, f"{teks.LAHAN_TDD_BERKAS}_{ctx.filter.code or 'nasional'}_{kini.isoformat()}")
        per_area = ctx.tanya(lahan.tidak_dapat_dibangun_per_wilayah, ctx.filter, kini)
        st.markdown(f"**{teks.LAHAN_TDD_GRAFIK.format(tingkat=teks.TINGKAT[tingkat])}**")
        codes = list(dict.fromkeys(per_area["kode"]))
        shown = per_area[per_area["kode"].isin(codes[:40])]
        wide = shown.pivot_table(
            index=["kode", "nama"], columns="kendala_utama", values="koperasi", aggfunc="sum", fill_value=0, sort=False
        ).reset_index()
        parts = [(k, label, kamus.KENDALA_WARNA[k]) for k, label in kamus.KENDALA_LABEL.items() if k in wide.columns]
        parts += [(k, k, kamus.ABU) for k in wide.columns if k not in kamus.KENDALA_LABEL and k not in ("kode", "nama")]
        bars_or_list(wide, wide, parts, key="tdd_wilayah", total=len(codes))

# Obstacles this week, ranked, and over the weeks.
st.subheader(teks.LAHAN_KENDALA_JUDUL)
if kini is None:
    st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
else:
    left, right = st.columns(2)
    with left:
        st.caption(teks.LAHAN_KENDALA_PENJELASAN.format(minggu=periode.label(kini)))
        if not p.kendala:
            st.info(teks.LAHAN_KENDALA_KOSONG.format(minggu=periode.label(kini)), icon=":material/info:")
        else:
            names = [kamus.KENDALA_LABEL.get(k, k) for k in p.kendala]
            st.plotly_chart(
                charts.ranked_bars(names, list(p.kendala.values()), kamus.MEREK_WARNA, "koperasi"),
                config=NO_BAR,
                key="kendala_peringkat",
            )
            peringkat = pd.DataFrame(
                {
                    teks.LAHAN_KENDALA_KOLOM["kendala"]: names,
                    teks.LAHAN_KENDALA_KOLOM["koperasi"]: list(p.kendala.values()),
                }
            )
            table_downloads(peringkat, f"kendala_{kini.isoformat()}")
    with right:
        st.caption(teks.LAHAN_KENDALA_TREN)
        tren = ctx.tanya(lahan.kendala_per_minggu, ctx.filter, kini)
        if tren.empty:
            st.info(teks.LAHAN_KENDALA_KOSONG.format(minggu=periode.label(kini)), icon=":material/info:")
        elif tren["minggu"].nunique() < 2:
            st.info(teks.LAHAN_KENDALA_TREN_SATU, icon=":material/info:")
        else:
            st.plotly_chart(
                charts.lines_over_weeks(
                    tren, "kendala", "koperasi", kamus.KENDALA_LABEL, kamus.KENDALA_WARNA, "koperasi"
                ),
                config=NO_BAR,
                key="kendala_tren",
            )
            lebar = tren.pivot_table(index="minggu", columns="kendala", values="koperasi", fill_value=0).reset_index()
            lebar["minggu"] = lebar["minggu"].map(periode.label)
            lebar = lebar.rename(columns={"minggu": "Minggu", **kamus.KENDALA_LABEL})
            table_downloads(lebar, "kendala_per_minggu")

    # Land status of the koperasi per area.
    st.subheader(teks.LAHAN_STATUS_JUDUL.format(tingkat=teks.TINGKAT[tingkat]))
    status = ctx.tanya(lahan.status_lahan_per_wilayah, ctx.filter, kini)
    if status.empty:
        st.info(teks.KOSONG_KOPERASI, icon=":material/info:")
    else:
        st.caption(teks.LAHAN_STATUS_PENJELASAN.format(minggu=periode.label(kini)))
        shown = status.head(40)
        parts = [
            (k, label, kamus.STATUS_LAHAN_WARNA[k])
            for k, label in kamus.STATUS_LAHAN_LABEL.items()
            if k != "tidak_diisi" or status["tidak_diisi"].any()
        ]
        bars_or_list(status, shown, parts, key="status_lahan_wilayah", total=len(status))
        with st.expander(teks.LAHAN_STATUS_TABEL, icon=":material/table:"):
            kolom = {
                "nama": teks.LAHAN_STATUS_KOLOM["nama"],
                **kamus.STATUS_LAHAN_LABEL,
                "koperasi": teks.LAHAN_STATUS_KOLOM["koperasi"],
            }
            tabel = status[list(kolom)].rename(columns=kolom)
            st.dataframe(tabel, hide_index=True, column_config={v: NUMBER for k, v in kolom.items() if k != "nama"})
            table_downloads(tabel, f"status_lahan_per_{tingkat}")

# Parcels (lahan dataset): source × status, small parcels, verifiers.
st.subheader(teks.LAHAN_PERSIL_JUDUL)
if minggu_lahan is None:
    st.info(teks.KOSONG_LAHAN, icon=":material/info:")
else:
    st.caption(teks.LAHAN_PERSIL_MINGGU.format(minggu=periode.label(minggu_lahan)))
    persil = p.lahan  # kpi_lahan: parcels per (status_verifikasi, sumber_lahan)
    batas = angka(lahan.BATAS_LUAS_M2)
    sempit = ctx.tanya(lahan.lahan_sempit, ctx.filter, minggu_lahan)
    m = st.columns(3)
    m[0].metric(teks.LAHAN_METRIK_PERSIL, angka(int(persil["persil"].sum())), border=True)
    m[1].metric(
        teks.LAHAN_METRIK_TERVERIFIKASI,
        angka(int(persil.loc[persil["status_verifikasi"] == "terverifikasi", "persil"].sum())),
        border=True,
    )
    m[2].metric(teks.LAHAN_METRIK_SEMPIT.format(batas=batas), angka(len(sempit)), border=True)

    def persil_per_status(data, kelompok: str, key: str) -> None:
        """Parcels per group by verification status: stacked bars, or lines when bars would be of one."""
        if tanpa_grafik.bilah_sedikit(data, kelompok, "persil"):
            for baris in tanpa_grafik.rincian(
                data, kelompok, "status_verifikasi", "persil", kamus.VERIFIKASI_LABEL, "persil"
            ):
                st.markdown(baris)
            st.caption(teks.PERSIL_DAFTAR_PENJELASAN)
        else:
            st.plotly_chart(
                charts.stacked_long_bars(
                    data,
                    kelompok,
                    "status_verifikasi",
                    "persil",
                    kamus.VERIFIKASI_LABEL,
                    kamus.VERIFIKASI_WARNA,
                    "persil",
                ),
                config=NO_BAR,
                key=key,
            )

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{teks.LAHAN_SUMBER_JUDUL}**")
        urut = persil.assign(total=persil.groupby("sumber_lahan")["persil"].transform("sum"))
        urut = urut.sort_values(["total", "sumber_lahan"], ascending=[False, True])
        urut = urut.assign(sumber=urut["sumber_lahan"].map(lambda s: kamus.SUMBER_LAHAN_LABEL.get(s, s)))
        persil_per_status(urut, "sumber", "persil_sumber")
        tabel = urut.assign(status=urut["status_verifikasi"].map(lambda s: kamus.VERIFIKASI_LABEL.get(s, s)))
        tabel = tabel[["sumber", "status", "persil"]].rename(
            columns={
                "sumber": teks.LAHAN_PERSIL_KOLOM["sumber_lahan"],
                "status": teks.LAHAN_PERSIL_KOLOM["status_verifikasi"],
                "persil": teks.LAHAN_PERSIL_KOLOM["persil"],
            }
        )
        table_downloads(tabel, f"persil_sumber_status_{minggu_lahan.isoformat()}")
    with right:
        st.markdown(f"**{teks.LAHAN_VERIFIKATOR_JUDUL}**")
        verifikator = ctx.tanya(lahan.lahan_per_verifikator, ctx.filter, minggu_lahan)
        verifikator["verifikator"] = verifikator["verifikator"].replace(
            "tidak_diisi", teks.LAHAN_VERIFIKATOR_TIDAK_DIISI
        )
        names = list(dict.fromkeys(verifikator["verifikator"]))
        top = verifikator[verifikator["verifikator"].isin(names[:20])]
        persil_per_status(top, "verifikator", "persil_verifikator")
        if len(names) > 20:
            st.caption(teks.LAHAN_VERIFIKATOR_TERBATAS.format(n=20, total=angka(len(names))))
        tabel = verifikator.pivot_table(
            index="verifikator", columns="status_verifikasi", values="persil", aggfunc="sum", fill_value=0
        ).reindex(names)
        tabel = tabel[[s for s in kamus.VERIFIKASI_LABEL if s in tabel.columns]]
        tabel.insert(0, "jumlah", tabel.sum(axis=1))
        tabel = tabel.reset_index().rename(
            columns={
                "verifikator": teks.LAHAN_PERSIL_KOLOM["verifikator"],
                "jumlah": teks.LAHAN_PERSIL_KOLOM["jumlah"],
                **kamus.VERIFIKASI_LABEL,
            }
        )
        table_downloads(tabel, f"persil_per_verifikator_{minggu_lahan.isoformat()}")

    st.markdown(f"**{teks.LAHAN_SEMPIT_JUDUL.format(batas=batas)}**")
    if sempit.empty:
        st.success(teks.LAHAN_SEMPIT_KOSONG.format(batas=batas), icon=":material/check_circle:")
    else:
        st.caption(teks.LAHAN_SEMPIT_PENJELASAN.format(batas=batas, n=angka(len(sempit))))
        tabel = sempit.assign(
            sumber_lahan=sempit["sumber_lahan"]
            .map(lambda s: kamus.SUMBER_LAHAN_LABEL.get(s, s))
            .fillna(kamus.SUMBER_LAHAN_LABEL["tidak_diisi"]),
            status_verifikasi=sempit["status_verifikasi"]
            .map(lambda s: kamus.VERIFIKASI_LABEL.get(s, s))
            .fillna(kamus.VERIFIKASI_LABEL["tidak_diisi"]),
            verifikator=sempit["verifikator"].fillna(teks.LAHAN_VERIFIKATOR_TIDAK_DIISI),
            keterangan=sempit["keterangan"].fillna(""),
        )
        kolom = {k: v for k, v in teks.LAHAN_PERSIL_KOLOM.items() if k in sempit.columns}
        if ctx.filter.level not in (None, "provinsi"):
            kolom.pop("kabupaten")
        tabel = tabel[list(kolom)].rename(columns=kolom)
        muat = pas(tabel, {kolom["luas_m2"]: NUMBER})
        st.dataframe(tabel, hide_index=True, lazy=True, height=tinggi(len(tabel), muat, 420), **muat)
        table_downloads(tabel, f"persil_di_bawah_{lahan.BATAS_LUAS_M2}_m2_{minggu_lahan.isoformat()}")
