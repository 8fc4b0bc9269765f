"""Kelengkapan Laporan, in the manner of DHIS2 reporting rates: per dataset and week, the
kabupaten/kota expected against those that reported, on time or late; the desa covered by the
koperasi data; a kabupaten × week heat table; and who has not reported this week."""

import streamlit as st

from analytics import config, kelengkapan, periode
from analytics.filters import Filter
from analytics.format import angka, persen
from ui import charts, shell, tabel, tanpa_grafik, teks, unduh

ctx = shell.page(teks.HALAMAN["kelengkapan"][0])
shell.breadcrumb(ctx)
f = ctx.filter

# "This week" is the chosen week, or the latest week with data anywhere: a kabupaten that stopped
# reporting must show its missing weeks, not its own last week.
# Weeks with data anywhere (the window's end), keyed by the national data version.
semua = periode.semua_minggu(shell.weeks_for(ctx.path, shell.versi(ctx.path, ctx.con), Filter()))
akhir = ctx.minggu or (semua[0] if semua else None)
if akhir is None:
    st.info(teks.KELENGKAPAN_KOSONG, icon=":material/info:")
    st.stop()

n_minggu = kelengkapan.JUMLAH_MINGGU
laporan = ctx.tanya(tabel.kelengkapan_laporan, f, akhir, n_minggu)
status = laporan.status
rates = ctx.tanya(kelengkapan.kelengkapan_per_minggu, f, akhir, n_minggu)
awal = rates["minggu"].min()
hari = teks.HARI[config.load().hari_batas_lapor - 1]
KOLOM = teks.KELENGKAPAN_KOLOM

st.markdown(
    f"**{shell.area_name(ctx.g, f)}** · "
    + teks.KELENGKAPAN_JENDELA.format(n=n_minggu, awal=periode.label(awal), akhir=periode.label(akhir))
)
st.caption(teks.KELENGKAPAN_BATAS.format(hari=hari))
if f.level is None:
    provinsi = sorted(
        {
            ctx.g.nama_tampil("provinsi", k)
            for k in status.loc[status["dataset"] == "koperasi", "kode_kabupaten"].str.split(".").str[0].unique()
        }
    )
    st.caption(teks.KELENGKAPAN_NASIONAL.format(daftar=", ".join(provinsi)))

# --- The action first: who has not reported this week, every weekly dataset in one list
st.subheader(teks.KELENGKAPAN_BELUM.format(minggu=periode.label(akhir)))
wajib = [d for d in kelengkapan.DATASETS if d not in kelengkapan.BERBASIS_KEGIATAN]
belum = status[
    status["dataset"].isin(wajib) & (status["minggu"] == status["minggu"].max()) & (status["status"] == "tidak_melapor")
]
if belum.empty:
    st.success(teks.KELENGKAPAN_SEMUA_MELAPOR, icon=":material/check_circle:")
else:
    belum = belum.assign(dataset=belum["dataset"].map(teks.KELENGKAPAN_DATASET))[
        ["dataset", "kode_kabupaten", "nama", "batas_lapor"]
    ]
    st.caption(teks.KELENGKAPAN_BELUM_JUMLAH.format(n=angka(belum["kode_kabupaten"].nunique())))
    st.dataframe(charts.table_text(belum, dates=("batas_lapor",)), hide_index=True, column_config=KOLOM)
    unduh.table_downloads(belum.rename(columns=KOLOM), "belum_melapor")

# --- This week, per dataset
st.subheader(teks.KELENGKAPAN_BAGIAN_MINGGU_INI.format(minggu=periode.label(akhir)))
latest = rates[rates["minggu"] == rates["minggu"].max()].set_index("dataset")
previous = rates[rates["minggu"] == sorted(set(rates["minggu"]))[-2]].set_index("dataset") if n_minggu > 1 else None
for col, dataset in zip(st.columns(len(kelengkapan.DATASETS)), kelengkapan.DATASETS):
    row = latest.loc[dataset]
    melapor, diharapkan = int(row["melapor"]), int(row["diharapkan"])
    delta = None
    if previous is not None:
        diff = melapor - int(previous.loc[dataset, "melapor"])
        delta = "0" if diff == 0 else ("+" if diff > 0 else "-") + angka(abs(diff))
    if dataset in kelengkapan.BERBASIS_KEGIATAN:
        col.metric(
            teks.KELENGKAPAN_DATASET[dataset],
            angka(melapor),
            delta=delta,
            border=True,
            delta_arrow="auto" if delta not in (None, "0") else "off",
            help=teks.KELENGKAPAN_KEGIATAN_CATATAN,
        )
        col.caption(teks.KELENGKAPAN_METRIK_KEGIATAN.format(melapor=angka(melapor)))
    else:
        col.metric(
            teks.KELENGKAPAN_DATASET[dataset],
            teks.KELENGKAPAN_METRIK_NILAI.format(melapor=angka(melapor), diharapkan=angka(diharapkan)),
            delta=delta,
            border=True,
            delta_arrow="auto" if delta not in (None, "0") else "off",
        )
        col.caption(
            teks.KELENGKAPAN_METRIK_RINCI.format(
                persen=persen(melapor / diharapkan) if diharapkan else "–",
                tepat=angka(int(row["tepat_waktu"])),
                telat=angka(int(row["terlambat"])),
            )
        )

st.subheader(teks.KELENGKAPAN_TREN)
if tanpa_grafik.semua_lengkap(rates):
    st.markdown(tanpa_grafik.kalimat_semua_lengkap(rates))
else:
    st.plotly_chart(charts.completeness_rates(rates), config={"displayModeBar": False}, key="kelengkapan_tren")
    st.caption(teks.KELENGKAPAN_KEGIATAN_CATATAN)

# --- Heat table kabupaten × week for one dataset
st.subheader(teks.KELENGKAPAN_PETA_PANAS)
dataset = (
    st.segmented_control(
        teks.KELENGKAPAN_PILIH_DATASET,
        kelengkapan.DATASETS,
        default="koperasi",
        key="kelengkapan_dataset",
        format_func=lambda d: teks.KELENGKAPAN_DATASET[d],
    )
    or "koperasi"
)
event_based = dataset in kelengkapan.BERBASIS_KEGIATAN
one = status[status["dataset"] == dataset]
# Up to 40 rows stay readable: beyond that, the least complete kabupaten/kota first.
score = one.assign(kurang=one["status"] != "tepat_waktu").groupby("kode_kabupaten", sort=False)["kurang"].sum()
kabupaten = list(score.index)
if len(kabupaten) > 40:
    kabupaten = sorted(score.sort_values(ascending=False, kind="stable").index[:40])
    st.caption(teks.KELENGKAPAN_PETA_TERBATAS.format(n=40, total=angka(len(score))))
st.plotly_chart(
    charts.completeness_heatmap(one[one["kode_kabupaten"].isin(kabupaten)], event_based),
    config={"displayModeBar": False},
    key="kelengkapan_peta_panas",
)
if event_based:
    st.caption(teks.KELENGKAPAN_KEGIATAN_CATATAN)

with st.expander(teks.KELENGKAPAN_TABEL_LENGKAP, icon=":material/table:"):
    st.dataframe(laporan.lengkap, hide_index=True, lazy=True, height=320, column_config=KOLOM)
    unduh.table_downloads(status, "kelengkapan_laporan")

# --- Beside reporting, the quality of what was reported: the registry's score per kab/kota
st.subheader(teks.KELENGKAPAN_KUALITAS_JUDUL)
minggu_kualitas = periode.latest_at_or_before(shell.weeks_for(ctx.path, ctx.version, f).get("koperasi", []), akhir)
if minggu_kualitas is None:
    st.caption(teks.KUALITAS_KOSONG_DATA)
else:
    per_kabupaten = ctx.tanya(tabel.kelengkapan_kualitas, f, status, minggu_kualitas)
    st.caption(teks.KELENGKAPAN_KUALITAS_PENJELASAN.format(minggu=periode.label(minggu_kualitas)))
    st.dataframe(
        per_kabupaten.drop(columns="kode_kabupaten").assign(
            skor=[persen(v / 100) if v is not None and v == v else "–" for v in per_kabupaten["skor"]]
        ),
        hide_index=True,
        column_config={
            "nama": teks.KELENGKAPAN_KUALITAS_KOLOM["nama"],
            "laporan": teks.KELENGKAPAN_KUALITAS_KOLOM["laporan"],
            "kualitas_dinilai": st.column_config.NumberColumn(
                teks.KELENGKAPAN_KUALITAS_KOLOM["kualitas_dinilai"], format=charts.FORMAT_BILANGAN
            ),
            "kualitas_tanpa_temuan": st.column_config.NumberColumn(
                teks.KELENGKAPAN_KUALITAS_KOLOM["kualitas_tanpa_temuan"], format=charts.FORMAT_BILANGAN
            ),
            "skor": teks.KELENGKAPAN_KUALITAS_KOLOM["skor"],
        },
        key="kelengkapan_kualitas",
    )
    unduh.table_downloads(per_kabupaten.rename(columns=teks.KELENGKAPAN_KUALITAS_KOLOM), "kualitas_per_kabupaten")

# --- Desa covered by the koperasi data
st.subheader(teks.KELENGKAPAN_BAGIAN_DESA)
desa = ctx.tanya(kelengkapan.kelengkapan_desa, f, akhir)
jumlah, tercakup = int(desa["desa"].sum()), int(desa["desa_melapor"].sum())
c1, c2 = st.columns([1, 2])
c1.metric(
    teks.KELENGKAPAN_DESA_METRIK,
    teks.KELENGKAPAN_METRIK_NILAI.format(melapor=angka(tercakup), diharapkan=angka(jumlah)),
    border=True,
)
c1.caption(
    (f"{persen(tercakup / jumlah)} · " if jumlah else "")
    + teks.KELENGKAPAN_DESA_PENJELASAN.format(minggu=periode.label(akhir))
)
with c2:
    shown = desa.assign(persen=(100 * desa["desa_melapor"] / desa["desa"]).fillna(0).round()).drop(columns="kode")
    st.dataframe(
        shown,
        hide_index=True,
        lazy=True,
        column_config={
            "nama": teks.TINGKAT[f.group_level].capitalize(),
            "desa": st.column_config.NumberColumn(KOLOM["desa"], format=charts.FORMAT_BILANGAN),
            "desa_melapor": st.column_config.NumberColumn(KOLOM["desa_melapor"], format=charts.FORMAT_BILANGAN),
            "persen": st.column_config.ProgressColumn(KOLOM["persen"], format="%d%%", min_value=0, max_value=100),
        },
    )
    unduh.table_downloads(desa, "desa_tercakup")

# --- Who is expected to report: one definition, set by an administrator
if ctx.user.can("wajib_lapor"):
    with st.expander(teks.KELENGKAPAN_WAJIB_JUDUL):
        st.caption(teks.KELENGKAPAN_WAJIB_PENJELASAN)
        ditugaskan = kelengkapan.wajib_lapor(ctx.con)
        pilihan = st.segmented_control(
            teks.KELENGKAPAN_PILIH_DATASET,
            kelengkapan.DATASETS,
            default="koperasi",
            format_func=lambda d: teks.KELENGKAPAN_DATASET[d],
            key="wajib_dataset",
        )
        pilihan = pilihan or "koperasi"
        with st.form("wajib_lapor"):
            kode = st.multiselect(
                teks.KELENGKAPAN_WAJIB_PILIH.format(dataset=teks.KELENGKAPAN_DATASET[pilihan]),
                sorted(ctx.g.names["kabupaten"]),
                default=ditugaskan.get(pilihan, []),
                format_func=lambda k: f"{ctx.g.nama_tampil('kabupaten', k)} ({k})",
                placeholder=teks.KELENGKAPAN_WAJIB_SEMUA,
                key=f"wajib_kode_{pilihan}",
            )
            if st.form_submit_button(teks.KELENGKAPAN_WAJIB_SIMPAN):
                kelengkapan.atur_wajib_lapor(ctx.con, pilihan, kode, ctx.user.email)
                st.cache_data.clear()
                st.toast(
                    teks.KELENGKAPAN_WAJIB_TERSIMPAN.format(
                        dataset=teks.KELENGKAPAN_DATASET[pilihan],
                        n=f"{angka(len(kode))} kabupaten/kota" if kode else teks.KELENGKAPAN_WAJIB_SEMUA.lower(),
                    )
                )
                st.rerun()
