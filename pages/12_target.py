"""Target & Tenggat: will the targets in the filter be met by their deadlines at the pace of the
last weeks, and which areas hold them back? Riskiest first; for one target its burn-up and the
areas one level down with the largest gap (a click narrows the filter). Admins set targets here."""

import datetime as dt

import streamlit as st

from analytics import ingest, kamus, metrik, periode, target
from analytics.filters import Filter
from analytics.format import angka
from analytics.target import grafik, kalimat
from ui import charts, shell, tabel, teks

ctx = shell.page(teks.HALAMAN["target"][0])
shell.breadcrumb(ctx)
f = ctx.filter
KOLOM = teks.TARGET_KOLOM
cfg = target.load_pengaturan()
area = shell.area_name(ctx.g, f)

daftar = ctx.tanya(target.daftar, f, ctx.minggu, cfg)
if daftar.empty:
    st.info(teks.TARGET_KOSONG.format(wilayah=area), icon=":material/info:")
else:
    # --- The action first: how many targets are late or at risk
    for col, status in zip(st.columns(len(kamus.TARGET_STATUS)), kamus.TARGET_STATUS):
        col.metric(
            teks.TARGET_STATUS_METRIK.format(status=kamus.TARGET_STATUS_LABEL[status].lower()),
            angka(int((daftar["status"] == status).sum())),
            border=True,
        )

    st.subheader(teks.TARGET_JUDUL_DAFTAR)
    rows = [r for r in daftar.to_dict("records")]
    tampil = daftar.assign(
        status=[kamus.TARGET_STATUS_LABEL[s] for s in daftar["status"]],
        wilayah=[kalimat.nama_wilayah(r) for r in rows],
        capaian=[f"{kalimat.nilai(r, r['aktual'])} / {kalimat.nilai(r, r['target'])}" for r in rows],
        laju=[f"{kalimat.angka_laju(r, r['laju_kini'])} / {kalimat.angka_laju(r, r['laju_perlu'])}" for r in rows],
        proyeksi=[periode.tanggal(v) if v is not None and v == v else "–" for v in daftar["proyeksi"]],
        tenggat=[periode.tanggal(v) for v in daftar["tenggat"]],
    )[["status", "label", "wilayah", "capaian", "tenggat", "laju", "proyeksi"]]
    config = {k: {"label": KOLOM[k], "help": teks.TARGET_KOLOM_BANTUAN.get(k)} for k in tampil}
    st.dataframe(tampil, hide_index=True, key="target_daftar", **tabel.pas(tampil, config))

    # --- One target: its sentence, burn-up and the areas holding it back
    pilih = st.selectbox(
        teks.TARGET_PILIH,
        daftar["id"].tolist(),
        format_func=lambda i: (
            lambda r: f"{kamus.TARGET_STATUS_LABEL[r['status']]} · {r['label']} · {kalimat.nama_wilayah(r)}"
        )(daftar[daftar["id"] == i].iloc[0]),
        key="target_pilih",
    )
    row = daftar[daftar["id"] == pilih].iloc[0].to_dict()
    t = target.dari_baris(row)
    bawah = Filter.from_code(row["kode_wilayah"] or None).group_level
    kontribusi = ctx.tanya(target.kontribusi, t, ctx.minggu) if row["status"] != "tercapai" else None
    st.markdown(f"**{kalimat.kalimat(row, kontribusi, bawah)}**")
    if row.get("catatan"):
        st.caption(teks.TARGET_CATATAN.format(catatan=row["catatan"]))

    kiri, kanan = st.columns([3, 2])
    with kiri:
        st.subheader(teks.TARGET_JUDUL_GRAFIK)
        riwayat = ctx.tanya(target.riwayat, t)
        st.plotly_chart(
            grafik.burn_up(riwayat, row, charts.FONT).update_layout(height=380),
            config={"displayModeBar": False},
            key="target_burn_up",
        )
    with kanan:
        st.subheader(teks.TARGET_JUDUL_KONTRIBUSI.format(tingkat=teks.TARGET_TINGKAT_BAWAH[bawah]))
        if kontribusi is None or not (kontribusi["selisih"] > 0).any():
            st.success(teks.TARGET_KONTRIBUSI_KOSONG, icon=":material/check_circle:")
        else:
            kurang = kontribusi[kontribusi["selisih"] > 0].head(15)
            nilai = [round(v, 1) for v in kurang["selisih"]]
            if bawah == "desa" or all(v <= 1 for v in nilai):
                st.dataframe(
                    kurang.assign(selisih=[angka(v, 1) for v in kurang["selisih"]])[["nama", "selisih"]],
                    hide_index=True,
                    column_config={k: KOLOM[k] for k in ("nama", "selisih")},
                )
            else:
                event = st.plotly_chart(
                    charts.ranked_bars(
                        kurang["nama"].tolist(),
                        nilai,
                        kamus.TARGET_STATUS_WARNA[row["status"]],
                        metrik.METRIK[row["metrik"]].satuan,
                    ),
                    config={"displayModeBar": False},
                    on_select="rerun",
                    selection_mode="points",
                    key="target_kontribusi",
                )
                shell.drill(event, kurang)
            dasar = metrik.METRIK[metrik.SUMBER[t.m.sumber].dasar].label
            st.caption(teks.TARGET_KONTRIBUSI_PENJELASAN.format(dasar=dasar))

with st.expander(teks.TARGET_JUDUL_CARA, icon=":material/info:"):
    dasar_daftar = ", ".join(
        f"{metrik.METRIK[s.dasar].label.lower()} ({s.label.lower()})" for s in metrik.SUMBER.values() if s.dasar
    )
    st.markdown(
        teks.TARGET_CARA.format(
            n=cfg.minggu_laju,
            sesuai=f"{angka(cfg.batas_sesuai_jalur * 100)}%",
            berisiko=f"{angka(cfg.batas_berisiko * 100)}%",
            dasar_daftar=dasar_daftar,
        )
    )

# --- Admins set and remove targets here (the same validation, replace and undo as a target file)
if ctx.user.can("target"):
    with st.expander(teks.TARGET_JUDUL_ATUR, icon=":material/flag:"):
        if f.level == "desa":
            st.info(teks.TARGET_ATUR_DESA)
        else:
            st.markdown(teks.TARGET_ATUR_WILAYAH.format(wilayah=area))
            with st.form("target_atur"):
                pilihan = list(metrik.BISA_TARGET)
                m_id = st.selectbox(
                    teks.TARGET_ATUR_METRIK,
                    pilihan,
                    format_func=lambda i: metrik.METRIK[i].label,
                    key="target_atur_metrik",
                )
                nilai_target = st.text_input(teks.TARGET_ATUR_NILAI, help=teks.TARGET_ATUR_NILAI_BANTUAN)
                tenggat = st.date_input(
                    teks.TARGET_ATUR_TENGGAT, value=dt.date.today() + dt.timedelta(days=90), format="DD/MM/YYYY"
                )
                sumber = st.text_input(teks.TARGET_ATUR_SUMBER)
                catatan = st.text_input(teks.TARGET_ATUR_CATATAN)
                if st.form_submit_button(teks.TARGET_ATUR_SIMPAN, type="primary"):
                    try:
                        _, batch = target.atur(
                            ctx.con, m_id, f.code or "", nilai_target, tenggat, sumber, catatan, actor=ctx.user
                        )
                        st.toast(teks.TARGET_ATUR_TERSIMPAN.format(batch=batch), icon=":material/check_circle:")
                        st.rerun()
                    except ingest.UploadRefused as exc:
                        st.error(str(exc), icon=":material/error:")
            if not daftar.empty and st.button(teks.TARGET_ATUR_HAPUS, icon=":material/delete:", key="target_hapus"):
                batch = target.hapus(ctx.con, t, actor=ctx.user)
                st.toast(teks.TARGET_ATUR_TERHAPUS.format(batch=batch), icon=":material/check_circle:")
                st.rerun()
