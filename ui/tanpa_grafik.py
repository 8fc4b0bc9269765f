"""Charts that would say nothing, and what is shown instead.

Below a kecamatan there is about one koperasi per desa: a bar chart per desa is a row of bars of 1
that says nothing a list does not say better, so it becomes a list (each category with the desa in
it). A reporting chart whose every line is 100 % and a weekly chart with a single week of data
become one sentence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import kelengkapan, periode
from analytics.format import angka
from ui import teks

_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|~$"})


def bilah_satu(data: pd.DataFrame, kolom: list[str]) -> bool:
    """Whether every area of `data` holds at most one in `kolom` together: bars of 1."""
    kolom = [k for k in kolom if k in data.columns]
    return len(data) > 0 and bool(kolom) and bool((data[kolom].sum(axis=1) <= 1).all())


def kelompok(data: pd.DataFrame, parts: list[tuple[str, str]], label: str = "nama") -> list[tuple[str, list[str]]]:
    """(category label, the areas in it) for each category of `parts` ((column, label)) that has any,
    in the order of `parts`; areas by name."""
    out = []
    for kolom, nama in parts:
        if kolom not in data.columns:
            continue
        areas = sorted(str(n) for n, v in zip(data[label], data[kolom]) if v)
        if areas:
            out.append((nama, areas))
    return out


def daftar(
    data: pd.DataFrame,
    parts: list[tuple[str, str]],
    satuan: str = "koperasi",
    label: str = "nama",
    penjelasan: str = teks.DESA_DAFTAR_PENJELASAN,
) -> None:
    """Each category with its count and the desa in it, one line each (instead of bars of 1)."""
    for nama, areas in kelompok(data, parts, label):
        names = ", ".join(a.translate(_MARKDOWN) for a in areas)
        st.markdown(f"**{nama.translate(_MARKDOWN)}** ({len(areas)} {satuan}): {names}")
    st.caption(penjelasan)


def sppg_per_tahap(lokasi: pd.DataFrame, tahap: list[str]) -> pd.DataFrame:
    """kelompok's input from sppg_lokasi rows: 'SPPG Balik Bukit 1 (Sebarus)' with a 1 under its
    stage, for a list of kitchens by stage instead of a chart with one bar per kitchen."""
    status = lokasi["status"].fillna("tidak_diisi")
    where = lokasi["desa"].fillna(lokasi["kecamatan"])
    nama = [n if pd.isna(w) else f"{n} ({w})" for n, w in zip(lokasi["nama_sppg"], where)]
    return pd.DataFrame({"nama": nama, **{t: (status == t).astype(int).to_numpy() for t in tahap}})


def satu_bilah(data: pd.DataFrame) -> bool:
    """One area only: a chart of one bar (a kecamatan's own bimtek at kecamatan and desa level)."""
    return len(data) == 1


def kalimat_bimtek_wilayah(baris) -> str:
    """The sentence that replaces a one-bar participants chart."""
    return teks.BIMTEK_SATU_WILAYAH.format(
        wilayah=baris["nama"],
        peserta=angka(int(baris["peserta"])),
        kegiatan=angka(int(baris["kegiatan"])),
        peserta_kumulatif=angka(int(baris["peserta_kumulatif"])),
        kegiatan_kumulatif=angka(int(baris["kegiatan_kumulatif"])),
    )


def semua_lengkap(rates: pd.DataFrame) -> bool:
    """Whether every dataset due each week reported in full every week (`melapor` = `diharapkan` > 0 on
    every row of kelengkapan.kelengkapan_per_minggu but the event-based ones): the chart would be
    identical lines at 100 %."""
    wajib = rates[~rates["dataset"].isin(kelengkapan.BERBASIS_KEGIATAN)]
    return len(wajib) > 0 and bool(((wajib["diharapkan"] > 0) & (wajib["melapor"] >= wajib["diharapkan"])).all())


def kalimat_semua_lengkap(rates: pd.DataFrame) -> str:
    """The sentence that replaces such a chart, with what the event-based datasets did."""
    weeks = sorted(rates["minggu"])
    names = [
        teks.KELENGKAPAN_DATASET[d] for d in dict.fromkeys(rates["dataset"]) if d not in kelengkapan.BERBASIS_KEGIATAN
    ]
    datasets = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]
    out = teks.KELENGKAPAN_SEMUA_LENGKAP.format(
        datasets=datasets, awal=periode.label(weeks[0]), akhir=periode.label(weeks[-1])
    )
    for dataset in kelengkapan.BERBASIS_KEGIATAN:
        rows = rates[rates["dataset"] == dataset]
        if len(rows):
            n = int((rows["melapor"] > 0).sum())
            kalimat = teks.KELENGKAPAN_KEGIATAN_MINGGU if n else teks.KELENGKAPAN_KEGIATAN_TIDAK_ADA
            out += " " + kalimat.format(dataset=teks.KELENGKAPAN_DATASET[dataset], n=angka(n), total=angka(len(rows)))
    return out


def satu_minggu(per_minggu: pd.DataFrame, window: list) -> bool:
    """Whether at most one week of `window` has participants: one bar on a 12-week axis."""
    weeks = {periode.monday(m) for m, n in zip(per_minggu["minggu"], per_minggu["peserta"]) if n}
    return len(weeks & {periode.monday(m) for m in window}) <= 1


def kalimat_satu_minggu(per_minggu: pd.DataFrame, window: list) -> str:
    rows = per_minggu[per_minggu["peserta"] > 0]
    if rows.empty:
        return teks.BIMTEK_TANPA_MINGGU.format(n=len(window))
    return teks.BIMTEK_SATU_MINGGU.format(
        minggu=periode.label(rows["minggu"].iat[0]),
        n=len(window),
        kegiatan=angka(int(rows["kegiatan"].sum())),
        peserta=angka(int(rows["peserta"].sum())),
    )


def corong_satu(stages: list[tuple[str, int]]) -> bool:
    """A funnel of at most one koperasi (a desa): bars of 1 and 0."""
    return bool(stages) and stages[0][1] <= 1


def kalimat_corong(stages: list[tuple[str, int]]) -> str:
    """The funnel of one koperasi as a checklist of its stages (markdown)."""
    if not stages or not stages[0][1]:
        return teks.CORONG_KOSONG
    baris = [f"- {label}: {teks.CORONG_YA if nilai else teks.CORONG_BELUM}" for label, nilai in stages[1:]]
    return teks.CORONG_SATU + "\n" + "\n".join(baris)


def bilah_sedikit(data: pd.DataFrame, kategori: str, nilai: str) -> bool:
    """Whether a long frame (category, stack, value) would draw one bar, or bars of at most one."""
    total = data.groupby(kategori, sort=False)[nilai].sum()
    total = total[total > 0]
    return len(total) > 0 and (len(total) == 1 or bool((total <= 1).all()))


def rincian(
    data: pd.DataFrame, kategori: str, tumpuk: str, nilai: str, labels: dict[str, str], satuan: str
) -> list[str]:
    """One markdown line per category, in first-seen order: '**Tanah kas desa** (3 persil): Terverifikasi 2,
    Ditolak 1' (segments in the order of `labels`)."""
    urut = {k: i for i, k in enumerate(labels)}
    out = []
    for nama, rows in data[data[nilai] > 0].groupby(kategori, sort=False):
        rows = rows.sort_values(tumpuk, key=lambda s: s.map(lambda v: urut.get(v, len(urut))))
        bagian = ", ".join(f"{labels.get(s, s)} {angka(int(v))}" for s, v in zip(rows[tumpuk], rows[nilai]))
        n = angka(int(rows[nilai].sum()))
        out.append(f"**{str(nama).translate(_MARKDOWN)}** ({n} {satuan}): {bagian}")
    return out
