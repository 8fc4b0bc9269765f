"""The weekly 'coffee morning' deck as data: slides with a title, one auto-written Indonesian
sentence, KPI tiles, a small table and a plotly figure, all built from aggregated query results.

The Presentasi page, the PPTX/PDF export (analytics/deck/ekspor.py) and `python -m analytics deck`
all draw the same `Deck`; nothing here imports Streamlit. The package: texts and limits
(teks.py), the deck as data (model.py), the kept slide choice (pilihan.py), sentence helpers
(kalimat.py), figures (grafik.py), PPTX/PDF export (ekspor.py); the slides are built here.
"""

from __future__ import annotations

import math

import pandas as pd

from analytics import (
    bimtek,
    db,
    demo,
    digitalisasi,
    kamus,
    kelengkapan,
    koperasi,
    kualitas,
    lahan,
    periode,
    ringkasan,
    sppg,
    target,
    zona,
)
from analytics.deck.grafik import (
    grafik_kendala,
    grafik_peta,
    grafik_simkopdes,
    grafik_sppg,
    grafik_target,
    grafik_zona,
)
from analytics.deck.kalimat import (
    BATAS_SEIMBANG,
    daftar,
    dari_menjadi,
    lokasi,
    menjadi,
    pendek,
    singkat_koperasi,
    teratas,
)
from analytics.deck.model import Deck, Kpi, Slide, Tabel, kalimat_sumber, kpi
from analytics.deck.teks import (
    BATAS_INTERVENSI,
    BATAS_TABEL_LAPOR,
    BATAS_TARGET_WILAYAH,
    BATAS_TERBURUK,
    BATAS_WILAYAH,
    DAFTAR_LENGKAP_INTERVENSI,
    DATASET_LAPOR,
    KENDALA_NAMA,
    KOSONG,
    SELURUH_INDONESIA,
    SLIDE_IDS,
    SLIDE_JUDUL,
    TARGET_CATATAN,
    TINGKAT,
    TINGKAT_KOLOM,
)
from analytics.filters import Filter
from analytics.format import angka, persen
from analytics.kamus import nama_area
from analytics.target import kalimat as target_kalimat
from analytics.zona.aturan import Rules, load_rules

# --- the one query of this module that is not a slide -------------------------------------------


def deck_nama_wilayah(con, f: Filter) -> str:
    """'Kec. Ambalawi · Kab. Bima · Nusa Tenggara Barat' (finest first)."""
    if f.level is None:
        return SELURUH_INDONESIA
    df = db.run(con, "deck_nama_wilayah", f.params())
    return " · ".join(("Kec. " + n) if t == "kecamatan" else n for t, n in zip(df["tingkat"], df["nama"]))


def deck_pindah_zona_per_wilayah(con, f: Filter, tingkat: str, minggu, minggu_lalu) -> pd.DataFrame:
    """Koperasi that changed zone per (area, from, to), with arah naik/turun; most first."""
    df = zona.transisi_zona_per_wilayah(con, f, minggu, minggu_lalu, tingkat)
    df["arah"] = [zona.arah(dari, ke) for dari, ke in zip(df["dari"], df["ke"])]
    pindah = df[df["arah"].isin(("naik", "turun")) & df["nama"].notna()]
    return pindah[["kode", "nama", "dari", "ke", "arah", "koperasi"]].reset_index(drop=True)


def deck_wilayah_terburuk(con, f: Filter, tingkat: str, minggu, minggu_lalu) -> pd.DataFrame:
    """Areas (kecamatan or desa) of the filter with their merah counts and zone moves; worst first."""
    if tingkat not in ("kecamatan", "desa"):
        raise ValueError(f"tingkat {tingkat!r}: hanya kecamatan atau desa")
    return db.run(
        con, "deck_wilayah_terburuk", {**f.params(), "tingkat": tingkat, "minggu": minggu, "minggu_lalu": minggu_lalu}
    )


# --- the slides ---------------------------------------------------------------------------------


def _tabel(df: pd.DataFrame, kolom: dict[str, str], angka_kolom=(), lebar=None) -> Tabel:
    """Text cells from the frame's columns `kolom` (name -> header); numbers in Indonesian format."""
    baris = []
    for row in df.to_dict("records"):
        cells = []
        for c in kolom:
            v = row[c]
            if c in angka_kolom:
                cells.append(angka(v) if v is not None and not (isinstance(v, float) and math.isnan(v)) else "–")
            else:
                cells.append("" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v))
        baris.append(cells)
    data = df[list(kolom)].rename(columns=kolom).reset_index(drop=True)
    return Tabel(list(kolom.values()), baris, [c in angka_kolom for c in kolom], data, lebar)


def _baris_tampil(df: pd.DataFrame, disebut, n: int, kolom: str = "kode") -> pd.DataFrame:
    """The first `n` rows of `df` (already in slide order), with every row whose `kolom` is in
    `disebut` kept in: what a sentence names is on its slide. Order of `df` is kept."""
    disebut = set(disebut)
    wajib = df[df[kolom].isin(disebut)]
    sisa = df[~df[kolom].isin(disebut)].head(max(n - len(wajib), 0))
    return df.loc[sorted(set(wajib.index) | set(sisa.index), key=list(df.index).index)]


def _slide_utama(p: ringkasan.Picture) -> Slide:
    k, kl = p.koperasi, p.koperasi_lalu
    ada_sppg = p.minggu["sppg"] is not None and bool(p["sppg_total"])
    kpi_ = [
        kpi(p, n)
        for n in ("terdaftar", "masuk_portal", "tahap_pembangunan", "tahap_tidak_dapat_dibangun", "gerai_beroperasi")
    ]
    if ada_sppg:
        kpi_ += [kpi(p, "sppg_beroperasi"), kpi(p, "sppg_total")]
    gerai_lalu = kl["gerai_beroperasi"] if kl else None
    kalimat = (
        f"Dari {angka(k['terdaftar'])} koperasi terdaftar, {angka(k['masuk_portal'])} masuk portal, "
        f"{angka(k['tahap_pembangunan'])} sedang dibangun dan {angka(k['tahap_tidak_dapat_dibangun'])} "
        f"tidak dapat dibangun; gerai beroperasi {menjadi(k['gerai_beroperasi'], gerai_lalu)}"
    )
    if ada_sppg:
        kalimat += f", SPPG beroperasi {angka(p['sppg_beroperasi'])} dari {angka(p['sppg_total'])} SPPG."
    else:
        kalimat += "; belum ada data SPPG."
    catatan = "" if ada_sppg else KOSONG["sppg"]
    return Slide("utama", SLIDE_JUDUL["utama"], kalimat, kpi=kpi_, catatan=catatan)


def _slide_zona(con, f: Filter, p: ringkasan.Picture) -> Slide:
    kini, lalu = p.minggu["koperasi"], p.minggu_lalu["koperasi"]
    tingkat = f.group_level
    judul = SLIDE_JUDUL["zona"].format(tingkat=TINGKAT[tingkat])
    k, kl = p.koperasi, p.koperasi_lalu
    kpi_ = [kpi(p, f"zona_{z}", kamus.ZONA_PENDEK[z]) for z in ("merah", "kuning", "hijau")]
    per_area = koperasi.zona_per_wilayah(con, f, kini, lalu)
    pindah = (
        deck_pindah_zona_per_wilayah(con, f, tingkat, kini, lalu)
        if lalu
        else pd.DataFrame(columns=["kode", "nama", "dari", "ke", "arah", "koperasi"])
    )

    bagian = [f"Zona merah {dari_menjadi(k['zona_merah'], kl['zona_merah'] if kl else None)} koperasi"]
    disebut: set[str] = set()
    if lalu is not None:
        kalimat_pindah = []
        for arah in ("naik", "turun"):
            rows = pindah[pindah["arah"] == arah]
            if rows.empty:
                continue
            per_ke = rows.groupby("ke")["koperasi"].sum()
            # The largest move in this direction; ties go to the worse zone for turun, better for naik.
            rank = {"merah": 0, "kuning": 1, "hijau": 2}
            ke = max(per_ke.index, key=lambda z: (int(per_ke[z]), rank[z] if arah == "naik" else -rank[z]))
            per_area_ke = rows[rows["ke"] == ke].groupby(["kode", "nama"], as_index=False)["koperasi"].sum()
            names, top = teratas(per_area_ke, "koperasi", lambda r: nama_area(tingkat, r["nama"]))
            if len(names) <= BATAS_SEIMBANG:
                disebut.update(per_area_ke.loc[per_area_ke["koperasi"] == top, "kode"])
            n = int(per_ke[ke])
            kalimat_pindah.append(
                f"{angka(n)} koperasi {arah} ke {ke}, {lokasi(names, top, n, len(per_area_ke), tingkat)}"
            )
        bagian.extend(kalimat_pindah or ["tidak ada koperasi yang pindah zona"])
    kalimat = "; ".join(bagian) + "."

    if per_area.empty:
        return Slide("zona", judul, kalimat, kpi=kpi_, kosong=KOSONG["koperasi"])
    naik = pindah[pindah["arah"] == "naik"].groupby("kode")["koperasi"].sum()
    turun = pindah[pindah["arah"] == "turun"].groupby("kode")["koperasi"].sum()
    shown = _baris_tampil(per_area, disebut, BATAS_WILAYAH).copy()
    shown["wilayah"] = [nama_area(tingkat, n) for n in shown["nama"]]
    if satu_per_wilayah(per_area, ("merah", "kuning", "hijau")):
        return _slide_zona_per_desa(judul, kalimat, kpi_, per_area, disebut, lalu)
    for z in ("merah", "kuning", "hijau"):
        shown[f"{z}_teks"] = [
            (f"{angka(b)} → {angka(a)}" if lalu else angka(a)) for a, b in zip(shown[z], shown[f"{z}_lalu"])
        ]
    shown["naik"] = [int(naik.get(c, 0)) for c in shown["kode"]]
    shown["turun"] = [int(turun.get(c, 0)) for c in shown["kode"]]
    tabel = _tabel(
        shown,
        {
            "wilayah": TINGKAT_KOLOM[tingkat],
            "merah_teks": "Merah",
            "kuning_teks": "Kuning",
            "hijau_teks": "Hijau",
            "naik": "Naik",
            "turun": "Turun",
        },
        angka_kolom=("naik", "turun"),
        lebar=[3, 2, 2, 2, 1.2, 1.2],
    )
    for i in (1, 2, 3):
        tabel.kanan[i] = True
    tabel.data = shown[
        ["kode", "wilayah", "merah", "merah_lalu", "kuning", "kuning_lalu", "hijau", "hijau_lalu", "naik", "turun"]
    ].reset_index(drop=True)
    catatan = (
        "Tabel: minggu lalu → minggu ini; Naik/Turun: koperasi yang pindah ke zona lebih baik/buruk. " if lalu else ""
    ) + (
        f"{len(shown)} dari {angka(len(per_area))} wilayah: zona merah terbanyak dan yang disebut di atas."
        if len(per_area) > len(shown)
        else ""
    )
    return Slide(
        "zona",
        judul,
        kalimat,
        kpi=kpi_,
        grafik=grafik_zona(shown, tingkat),
        grafik_alt=f"Zona koperasi per {TINGKAT[tingkat]}, minggu ini",
        tabel=tabel,
        catatan=catatan.strip(),
    )


def satu_per_wilayah(per_area: pd.DataFrame, kolom) -> bool:
    """Every area holds at most one koperasi (below a kecamatan): a bar chart of it is bars of 1."""
    return len(per_area) > 0 and bool((per_area[list(kolom)].sum(axis=1) <= 1).all())


def _zona_satu(row: dict, akhiran: str = "") -> str | None:
    return next((z for z in ("merah", "kuning", "hijau") if row[f"{z}{akhiran}"]), None)


def _slide_zona_per_desa(judul, kalimat, kpi_, per_area: pd.DataFrame, disebut, lalu) -> Slide:
    """One koperasi per desa: each zone (or move since last week) with its desa, moves first, instead
    of a chart of bars of 1."""
    rank = {"merah": 0, "kuning": 1, "hijau": 2, None: 3}
    groups: dict[tuple, list[str]] = {}
    for r in per_area.sort_values("nama").to_dict("records"):
        kini, dulu = _zona_satu(r), _zona_satu(r, "_lalu") if lalu else None
        if kini is None and dulu is None:
            continue
        moved = bool(lalu) and dulu != kini
        groups.setdefault((not moved, rank[kini], rank[dulu], dulu if moved else None, kini), []).append(r["nama"])
    rows = []
    for (_, _, _, dulu, kini), names in sorted(groups.items(), key=lambda kv: kv[0][:3]):
        zona_teks = f"{_zona_label(dulu)} → {_zona_label(kini)}" if dulu or kini is None else _zona_label(kini)
        rows.append({"zona_teks": f"{zona_teks} ({angka(len(names))})", "desa": ", ".join(names)})
    data = pd.DataFrame(rows, columns=["zona_teks", "desa"])
    tabel = _tabel(data.head(BATAS_WILAYAH), {"zona_teks": "Zona", "desa": TINGKAT_KOLOM["desa"]}, lebar=[2, 6])
    tabel.data = per_area[["kode", "nama", "merah", "merah_lalu", "kuning", "kuning_lalu", "hijau", "hijau_lalu"]]
    catatan = "Satu koperasi per desa/kelurahan: desa per zona, yang pindah zona sejak minggu lalu di atas."
    return Slide("zona", judul, kalimat, kpi=kpi_, tabel=tabel, catatan=catatan)


def _zona_label(zona_: str | None) -> str:
    """'Merah', 'Kuning', 'Hijau' (the vocabulary's words), '–' for none."""
    return kamus.ZONA_PENDEK.get(zona_, zona_) if zona_ else "–"


def _status_lapor(status: str | None) -> str:
    """A kabupaten's reporting status in the vocabulary's words; no row at all is 'Tidak melapor'."""
    return kamus.KELENGKAPAN_STATUS.get(status if isinstance(status, str) else "tidak_melapor", str(status))


def _slide_terburuk(con, f: Filter, p: ringkasan.Picture) -> Slide:
    kini, lalu = p.minggu["koperasi"], p.minggu_lalu["koperasi"]
    tingkat = "desa" if f.level in ("kecamatan", "desa") else "kecamatan"
    judul = SLIDE_JUDUL["terburuk"].format(Tingkat=TINGKAT[tingkat].capitalize())
    data = deck_wilayah_terburuk(con, f, tingkat, kini, lalu)
    if data.empty:
        return Slide("terburuk", judul, "Belum ada koperasi dengan zona untuk filter ini.", kosong=KOSONG["koperasi"])
    disebut: set[str] = set()
    induk_tingkat = "kecamatan" if tingkat == "desa" else "kabupaten"
    # Inside one kabupaten (or kecamatan) every area has the same parent: naming it says nothing.
    dengan_induk = f.level in (None, "provinsi")

    def tempat(row) -> str:
        nama = nama_area(tingkat, row["nama"])
        return f"{nama} ({nama_area(induk_tingkat, row['induk'])})" if dengan_induk else nama

    names, most = teratas(data, "merah", tempat)
    if 0 < most and len(names) <= BATAS_SEIMBANG:
        disebut.update(data.loc[data["merah"] == most, "kode"])
    if most == 0:
        bagian = [f"Tidak ada koperasi zona merah di {TINGKAT[tingkat]} mana pun dalam filter ini"]
    elif len(names) == 1:
        first = data.iloc[0]
        bagian = [
            f"Zona merah terbanyak di {names[0]}: {angka(most)} dari {angka(int(first['koperasi']))} koperasi "
            f"({persen(most / first['koperasi'])})"
        ]
    elif len(names) <= BATAS_SEIMBANG:
        bagian = [f"Zona merah terbanyak di {daftar(names)}, masing-masing {angka(most)} koperasi"]
    else:
        bagian = [
            f"{angka(len(names))} {TINGKAT[tingkat]} sama-sama punya zona merah terbanyak, "
            f"masing-masing {angka(most)} koperasi"
        ]
    if lalu is not None:
        names, most = teratas(data, "turun", tempat)
        if 0 < most and len(names) <= BATAS_SEIMBANG:
            disebut.update(data.loc[data["turun"] == most, "kode"])
        if most == 0:
            bagian.append("tidak ada koperasi yang turun zona")
        elif len(names) == 1:
            bagian.append(f"paling banyak turun zona: {names[0]}, {angka(most)} koperasi")
        elif len(names) <= BATAS_SEIMBANG:
            bagian.append(f"paling banyak turun zona: {daftar(names)}, masing-masing {angka(most)} koperasi")
        else:
            bagian.append(
                f"{angka(len(names))} {TINGKAT[tingkat]} masing-masing punya {angka(most)} koperasi yang turun zona"
            )
    kalimat = "; ".join(bagian) + "."
    if not (data["merah"].any() or data["merah_lalu"].any() or data["turun"].any()):
        return Slide("terburuk", judul, kalimat)  # a table and a map of zeros would say nothing more

    top = _baris_tampil(data, disebut, BATAS_TERBURUK).reset_index(drop=True)
    top["no"] = [str(i + 1) for i in range(len(top))]
    top["merah_teks"] = [
        f"{angka(int(b))} → {angka(int(a))}" if lalu else angka(int(a)) for a, b in zip(top["merah"], top["merah_lalu"])
    ]
    top["bagian"] = [persen(m / k) for m, k in zip(top["merah"], top["koperasi"])]
    induk_label = "Kecamatan" if tingkat == "desa" else "Kab/kota"
    # The parent column only where areas of several parents are listed.
    kolom = {"no": "No", "nama": TINGKAT_KOLOM[tingkat]}
    if dengan_induk or tingkat == "desa" and f.level == "kabupaten":
        kolom["induk"] = induk_label
    kolom.update({"merah_teks": "Merah", "bagian": "% merah", "turun": "Turun"})
    tabel = _tabel(
        top,
        kolom,
        angka_kolom=("turun",),
        lebar=[0.5, 2.2, 2.4, 1.8, 1.3, 1.1] if "induk" in kolom else [0.5, 2.6, 1.8, 1.3, 1.1],
    )
    for i, c in enumerate(kolom):
        if c in ("merah_teks", "bagian"):
            tabel.kanan[i] = True
    tabel.data = top[["kode", "nama", "induk", "koperasi", "merah", "merah_lalu", "turun", "naik"]]
    kode_induk = f.code if f.level in ("provinsi", "kabupaten", "kecamatan") else (f.kecamatan or "")
    fig = None
    if f.level is not None:
        sorot = top[(top["merah"] > 0) & top["lat"].notna() & top["lon"].notna()].head(5)
        fig = grafik_peta(tingkat, kode_induk, data, sorot)
    catatan = "Merah: minggu lalu → minggu ini. " if lalu else ""
    if fig is not None:
        catatan += f"Peta: bagian koperasi zona merah per {TINGKAT[tingkat]}; nomor = 5 teratas di tabel."
    elif f.level is None:
        catatan += "Peta tampil setelah provinsi dipilih."
    return Slide(
        "terburuk",
        judul,
        kalimat,
        grafik=fig,
        grafik_alt=f"Peta bagian koperasi zona merah per {TINGKAT[tingkat]}",
        tabel=tabel,
        catatan=catatan.strip(),
    )


def urut_intervensi(daftar: pd.DataFrame) -> pd.DataFrame:
    """Most urgent first: merah that just turned worse, merah longest, stalled, other falls."""
    if daftar.empty:
        return daftar
    d = daftar.assign(
        _a=~(daftar["merah"] & daftar["turun"]), _b=~daftar["merah"], _c=-daftar["minggu_di_zona"], _d=~daftar["macet"]
    )
    d = d.sort_values(["_a", "_b", "_c", "_d", "kabupaten", "kecamatan", "nama_koperasi"], kind="stable")
    return d.drop(columns=["_a", "_b", "_c", "_d"]).reset_index(drop=True)


def alasan_intervensi(row: dict, rules: Rules, dengan_turun: bool = True) -> str:
    """Short reasons: the merah rules' headlines, a fall from last week's zone, a stall.

    `dengan_turun=False` leaves the fall out where a 'kuning → merah' column already shows it."""
    parts = []
    if row["merah"]:
        ids = [
            str(i) for i in (row["aturan"] or []) if rules.by_id().get(str(i)) and rules.by_id()[str(i)].zona == "merah"
        ]
        parts.extend(pendek(rules.explain(i)) for i in ids)
    if row["turun"] and row["zona_lalu"] and (dengan_turun or not parts):
        parts.append(f"turun dari {row['zona_lalu']}")
    if row["macet"] and not any("macet" in x.lower() for x in parts):
        parts.append(f"macet {angka(row['minggu_tanpa_progres'])} minggu")
    parts = list(dict.fromkeys(parts))
    # One phrase: the later reasons start in lower case ('…; lahan tidak ada'), acronyms stay.
    parts[1:] = [x[0].lower() + x[1:] if len(x) > 1 and x[1].islower() else x for x in parts[1:]]
    return "; ".join(parts)


def _slide_intervensi(con, f: Filter, p: ringkasan.Picture, rules: Rules) -> Slide:
    kini, lalu = p.minggu["koperasi"], p.minggu_lalu["koperasi"]
    daftar = zona.perlu_intervensi(con, f, kini, lalu, rules)
    judul = SLIDE_JUDUL["intervensi"]
    if daftar.empty:
        return Slide("intervensi", judul, "Tidak ada koperasi yang perlu intervensi minggu ini.")
    per_kec = zona.intervensi_per_kecamatan(daftar)
    n, n_kec = len(daftar), len(per_kec)
    # The reasons overlap (a koperasi in merah can also have fallen or stalled): the counts are said
    # so that they do not read as parts adding up to n.
    merah = int(daftar["merah"].sum())
    lain = [
        f"{angka(v)} {label}"
        for v, label in ((int(daftar["turun"].sum()), "turun zona"), (int(daftar["macet"].sum()), "pembangunan macet"))
        if v
    ]
    if merah == n:
        rincian = "semuanya zona merah" + (f", termasuk {' dan '.join(lain)}" if lain else "")
    else:
        jumlah_alasan = merah + int(daftar["turun"].sum()) + int(daftar["macet"].sum())
        rincian = ", ".join(([f"{angka(merah)} zona merah"] if merah else []) + lain) + (
            "; sebagian dengan lebih dari satu alasan" if jumlah_alasan > n else ""
        )
    per_kec = per_kec.assign(jumlah=per_kec["merah"] + per_kec["lainnya"])
    dengan_kab = f.level in (None, "provinsi")
    names, most = teratas(
        per_kec, "jumlah", lambda r: f"Kec. {r['nama']}" + (f", {r['kabupaten']}" if dengan_kab else "")
    )
    urut = urut_intervensi(daftar)
    top = urut.head(BATAS_INTERVENSI).copy()
    kalimat = f"{angka(n)} koperasi perlu intervensi minggu ini di {angka(n_kec)} kecamatan ({rincian})"
    # Where most of them are is said only when the table shows every one of them there: a
    # kecamatan with 10 on a table of 8 would be named without being seen (the terburuk slide
    # names the worst kecamatan with its numbers).
    kec_top = per_kec.loc[per_kec["jumlah"] == most]
    terlihat = all(
        ((top["kecamatan"] == r["nama"]) & (top["kabupaten"] == r["kabupaten"])).sum() == r["jumlah"]
        for r in kec_top.to_dict("records")
    )
    if len(names) <= BATAS_SEIMBANG and terlihat:
        kalimat += "; " + lokasi(names, most, n, n_kec, "kecamatan", satuan="koperasi")
    kalimat += "."
    top["no"] = [str(i + 1) for i in range(len(top))]
    top["singkat"] = [singkat_koperasi(n) for n in top["nama_koperasi"]]
    top["zona_teks"] = [
        f"{_zona_label(zl)} → {_zona_label(z)}" if zl and zl != z else _zona_label(z)
        for z, zl in zip(top["zona"], top["zona_lalu"])
    ]
    top["alasan"] = [alasan_intervensi(r, rules, dengan_turun=False) for r in top.to_dict("records")]
    top["pendamping"] = top["pendamping"].fillna("–")
    kolom = {"no": "No", "singkat": "Koperasi", "kecamatan": "Kecamatan"}
    if dengan_kab:  # inside one kabupaten its name on every row says nothing
        kolom["kabupaten"] = "Kab/kota"
    kolom.update({"zona_teks": "Zona", "alasan": "Alasan", "pendamping": "Pendamping"})
    tabel = _tabel(
        top,
        kolom,
        lebar=[0.4, 2.4, 1.7, 1.9, 1.7, 3.4, 2.4] if dengan_kab else [0.4, 2.4, 1.9, 1.7, 3.6, 2.4],
    )
    # The download holds the whole list, not only the rows that fit the slide.
    semua = urut.assign(
        alasan=[alasan_intervensi(r, rules, dengan_turun=False) for r in urut.to_dict("records")],
        pendamping=urut["pendamping"].fillna("–"),
    )
    tabel.data = semua[
        [
            "kabupaten",
            "kecamatan",
            "desa",
            "nama_koperasi",
            "zona_lalu",
            "zona",
            "alasan",
            "pendamping",
            "minggu_di_zona",
        ]
    ]
    # One line at the note's size: the order (newly merah, longest merah, stalled) is the page's to explain.
    catatan = (
        f"{len(top)} dari {angka(n)} koperasi, paling mendesak dulu"
        + (f"; {DAFTAR_LENGKAP_INTERVENSI}" if n > len(top) else "")
        + ". KDMP/KKMP: Koperasi Desa/Kelurahan Merah Putih."
    )
    return Slide("intervensi", judul, kalimat, tabel=tabel, catatan=catatan)


def _slide_lahan(con, f: Filter, p: ringkasan.Picture) -> Slide:
    k, kl = p.koperasi, p.koperasi_lalu
    judul = SLIDE_JUDUL["lahan"]
    kendala_lalu = koperasi.kendala_koperasi(con, f, p.minggu_lalu["koperasi"]) if kl else None
    kendala = {name: int(v) for name, v in p.kendala.items()}
    tanpa = k["lahan_tidak_ada"] + k["lahan_ditolak"]
    kpi_ = [
        kpi(p, "lahan_terverifikasi"),
        Kpi("Tanpa lahan / ditolak", tanpa, (kl["lahan_tidak_ada"] + kl["lahan_ditolak"]) if kl else None, "turun"),
        kpi(p, "tahap_tidak_dapat_dibangun"),
    ]
    ranked = sorted(((n, v) for n, v in kendala.items() if v), key=lambda kv: (-kv[1], kv[0]))
    if ranked:
        v1 = ranked[0][1]
        tied = [n for n, v in ranked if v == v1]
        if len(tied) == 1:
            n1 = tied[0]
            bagian = f"Kendala terbanyak: {KENDALA_NAMA.get(n1, n1)} pada {angka(v1)} koperasi"
            if kendala_lalu is not None:
                before = int(kendala_lalu.get(n1, 0))
                if v1 != before:
                    bagian += f" ({'naik' if v1 > before else 'turun'} {angka(abs(v1 - before))})"
        else:
            bagian = (
                f"Kendala terbanyak: {daftar([KENDALA_NAMA.get(n, n) for n in tied])}, "
                f"masing-masing pada {angka(v1)} koperasi"
            )
        rest = [(n, v) for n, v in ranked if v < v1]
        if rest:
            n2, v2 = rest[0]
            bagian += f", disusul {KENDALA_NAMA.get(n2, n2)} ({angka(v2)})"
    else:
        bagian = "Tidak ada kendala yang dilaporkan"
    kalimat = (
        f"{bagian}; {angka(k['tahap_tidak_dapat_dibangun'])} koperasi tidak dapat dibangun dan "
        f"{angka(tanpa)} belum punya lahan atau lahannya ditolak."
    )
    grafik = (
        grafik_kendala(kendala, {n: int(v) for n, v in kendala_lalu.items()} if kendala_lalu is not None else None)
        if ranked
        else None
    )

    tabel, tabel_judul, catatan = None, "", ""
    minggu_lahan = p.minggu["lahan"]
    if minggu_lahan is None:
        catatan = KOSONG["lahan"]
    else:
        kini_df = p.lahan.groupby("status_verifikasi")["persil"].sum() if len(p.lahan) else pd.Series(dtype="int64")
        lalu_minggu = p.minggu_lalu["lahan"]
        lalu_df = lahan.kpi_lahan(con, f, lalu_minggu) if lalu_minggu else None
        lalu_s = lalu_df.groupby("status_verifikasi")["persil"].sum() if lalu_df is not None and len(lalu_df) else None
        rows = []
        for status, label in kamus.VERIFIKASI_LABEL.items():
            now = int(kini_df.get(status, 0))
            before = int(lalu_s.get(status, 0)) if lalu_s is not None else None
            if now or before:
                rows.append({"status": label, "persil": now, "lalu": before})
        df = pd.DataFrame(rows, columns=["status", "persil", "lalu"])
        kolom = {"status": "Status verifikasi", "persil": "Persil"}
        if lalu_s is not None:
            kolom["lalu"] = "Minggu lalu"
        tabel = _tabel(df, kolom, angka_kolom=("persil", "lalu"), lebar=[3, 1.3, 1.6][: len(kolom)])
        proses = int(sum(kini_df.get(s, 0) for s in kamus.VERIFIKASI_PROSES))
        kpi_.append(
            Kpi(
                "Persil dalam verifikasi",
                proses,
                int(sum(lalu_s.get(s, 0) for s in kamus.VERIFIKASI_PROSES)) if lalu_s is not None else None,
                "",
            )
        )
        tabel_judul = "Persil lahan per status verifikasi"
        catatan = "Grafik: koperasi per kendala (satu koperasi dapat punya beberapa kendala)."
    return Slide(
        "lahan",
        judul,
        kalimat,
        kpi=kpi_,
        grafik=grafik,
        grafik_alt="Koperasi per kendala",
        tabel=tabel,
        tabel_judul=tabel_judul,
        catatan=catatan,
    )


def _slide_sppg(con, f: Filter, p: ringkasan.Picture) -> Slide:
    judul = SLIDE_JUDUL["sppg"]
    kini = p.minggu["sppg"]
    if kini is None:
        return Slide("sppg", judul, "Belum ada data SPPG untuk filter ini.", kosong=KOSONG["sppg"])
    kpi_ = [
        kpi(p, "sppg_beroperasi"),
        kpi(p, "sppg_total"),
        kpi(p, "sppg_persiapan"),
        kpi(p, "sppg_penerima_manfaat"),
    ]
    beroperasi, total = p["sppg_beroperasi"], p["sppg_total"]
    tingkat = f.group_level
    per_area = sppg.sppg_per_wilayah(con, f, kini)
    kalimat = f"SPPG beroperasi {menjadi(beroperasi, p.lalu('sppg_beroperasi'))} dari {angka(total)} SPPG" + (
        f" ({persen(beroperasi / total)})" if total else ""
    )
    names, most = teratas(per_area, "beroperasi", lambda r: nama_area(tingkat, r["nama"]))
    if most > 0:
        if most * len(names) == beroperasi and len(names) <= BATAS_SEIMBANG:
            kalimat += (
                f"; semuanya di {names[0]}"
                if len(names) == 1 and most > 1
                else f"; yang beroperasi ada di {daftar(names)}"
            )
        elif len(names) == 1:
            best = per_area[per_area["beroperasi"] == most].iloc[0]
            kalimat += f"; terbanyak beroperasi di {names[0]} ({angka(most)} dari {angka(int(best['total']))})"
        elif len(names) <= BATAS_SEIMBANG:
            kalimat += f"; terbanyak beroperasi di {daftar(names)}, masing-masing {angka(most)}"
    kalimat += "."
    per_minggu = sppg.sppg_per_minggu(con, f, kini, 12)
    shown = per_area.sort_values(["beroperasi", "total", "nama"], ascending=[False, False, True]).head(BATAS_WILAYAH)
    shown = shown.assign(
        wilayah=[nama_area(tingkat, n) for n in shown["nama"]],
        bagian=[persen(b / t) if t else "–" for b, t in zip(shown["beroperasi"], shown["total"])],
    )
    tabel = _tabel(
        shown,
        {
            "wilayah": TINGKAT_KOLOM[tingkat],
            "total": "Total SPPG",
            "beroperasi": "Beroperasi",
            "bagian": "% beroperasi",
        },
        angka_kolom=("total", "beroperasi"),
        lebar=[3, 1.4, 1.7, 1.7],
    )
    tabel.kanan[3] = True
    tabel.data = shown[
        ["kode", "wilayah", "total", "rencana", "persiapan", "beroperasi", "ditutup_sementara", "penerima_manfaat"]
    ]
    catatan = "Total SPPG: semua yang dilaporkan, tahap apa pun." + (
        f" Tabel: {len(shown)} dari {angka(len(per_area))} wilayah." if len(per_area) > len(shown) else ""
    )
    return Slide(
        "sppg",
        judul,
        kalimat,
        kpi=kpi_,
        grafik=grafik_sppg(per_minggu) if len(per_minggu) else None,
        grafik_alt="SPPG beroperasi per minggu terhadap rencana",
        tabel=tabel,
        tabel_judul=f"SPPG per {TINGKAT[tingkat]}",
        catatan=catatan,
    )


def _slide_simkopdes(con, f: Filter, p: ringkasan.Picture) -> Slide:
    judul = SLIDE_JUDUL["simkopdes"]
    k, kl = p.koperasi, p.koperasi_lalu
    tingkat = f.group_level
    kpi_ = [
        kpi(p, "simkopdes_aktif"),
        kpi(p, "simkopdes_kendala", "Kendala login/jaringan"),
        kpi(p, "simkopdes_belum", "Belum punya akun"),
    ]
    per_area = digitalisasi.simkopdes_per_wilayah(con, f, p.minggu["koperasi"])
    kalimat = (
        f"SIMKOPDES aktif pada {angka(k['simkopdes_aktif'])} dari {angka(k['terdaftar'])} koperasi"
        + (f" ({persen(k['simkopdes_aktif'] / k['terdaftar'])})" if k["terdaftar"] else "")
        + (
            f", {menjadi(k['simkopdes_aktif'], kl['simkopdes_aktif']).split(' menjadi')[0]}"
            if kl and k["simkopdes_aktif"] != kl["simkopdes_aktif"]
            else ""
        )
    )
    disebut: set[str] = set()
    if k["simkopdes_kendala"]:
        kalimat += f"; {angka(k['simkopdes_kendala'])} berkendala login/jaringan"
        names, most = teratas(per_area, "kendala", lambda r: nama_area(tingkat, r["nama"]))
        if most > 0:
            if len(names) <= BATAS_SEIMBANG:
                disebut.update(per_area.loc[per_area["kendala"] == most, "kode"])
            kalimat += ", " + lokasi(
                names, most, k["simkopdes_kendala"], int((per_area["kendala"] > 0).sum()), tingkat, satuan=""
            )
    kalimat += "."
    if p.minggu["simkopdes_desa"] is not None:
        kalimat += " " + kalimat_sumber(p, "simkopdes_desa")
    urut = per_area.sort_values(["koperasi", "nama"], ascending=[False, True])
    if satu_per_wilayah(per_area, ("aktif", "kendala", "belum")):
        # One koperasi per desa: the desa whose koperasi is not active, instead of bars of 1.
        masalah = per_area[(per_area["kendala"] > 0) | (per_area["belum"] > 0)].sort_values("nama")
        tabel = None
        if len(masalah):
            masalah = masalah.assign(
                wilayah=masalah["nama"],
                akun=[kamus.AKUN_LABEL["kendala" if k else "belum"] for k in masalah["kendala"]],
            )
            shown = _baris_tampil(masalah, disebut, BATAS_WILAYAH)
            tabel = _tabel(shown, {"wilayah": TINGKAT_KOLOM["desa"], "akun": "Akun SIMKOPDES"}, lebar=[3, 3])
            tabel.data = masalah[["kode", "wilayah", "aktif", "kendala", "belum"]]
        return Slide(
            "simkopdes",
            judul,
            kalimat,
            kpi=kpi_,
            tabel=tabel,
            tabel_judul="Desa/kelurahan yang koperasinya belum aktif di SIMKOPDES",
            catatan="Satu koperasi per desa/kelurahan: daftar menggantikan grafik batang.",
        )
    shown = _baris_tampil(urut, disebut, BATAS_WILAYAH)
    grafik = grafik_simkopdes(shown, tingkat) if len(shown) else None
    catatan = "Grafik: koperasi per status akun SIMKOPDES" + (
        f" ({len(shown)} dari {angka(len(per_area))} wilayah: terbesar dan yang disebut di atas)."
        if len(per_area) > len(shown)
        else "."
    )
    return Slide(
        "simkopdes",
        judul,
        kalimat,
        kpi=kpi_,
        grafik=grafik,
        grafik_alt="Akun SIMKOPDES per wilayah",
        catatan=catatan,
    )


def _slide_bimtek(con, f: Filter, p: ringkasan.Picture) -> Slide:
    """Training: this week's events and participants per area, and the total so far."""
    judul = SLIDE_JUDUL["bimtek"]
    kini = p.minggu["koperasi"]
    tingkat = "kecamatan" if f.group_level == "desa" else f.group_level
    per_b = bimtek.bimtek_per_wilayah(con, f, kini)
    minggu_ini = p.minggu["bimtek"] == kini
    kegiatan = int(p["bimtek_kegiatan"]) if minggu_ini else 0
    peserta = int(p["bimtek_peserta"]) if minggu_ini else 0
    kumulatif = int(per_b["peserta_kumulatif"].sum()) if len(per_b) else 0
    kpi_ = [
        Kpi("Kegiatan bimtek minggu ini", kegiatan),
        Kpi("Peserta bimtek minggu ini", peserta),
        Kpi("Peserta bimtek s.d. minggu ini", kumulatif),
    ]
    per_b = per_b.sort_values(["peserta", "peserta_kumulatif", "nama"], ascending=[False, False, True])
    per_b = per_b[per_b["peserta_kumulatif"] > 0]
    if kegiatan:
        kalimat = f"Bimtek minggu ini: {angka(kegiatan)} kegiatan, {angka(peserta)} peserta"
        names, most = teratas(per_b, "peserta", lambda r: nama_area(tingkat, r["nama"] or ""))
        if most > 0 and len(names) <= BATAS_SEIMBANG:
            kalimat += ", " + lokasi(names, most, peserta, int((per_b["peserta"] > 0).sum()), tingkat, satuan="peserta")
    else:
        kalimat = "Belum ada bimtek minggu ini"
    kalimat += f"; {angka(kumulatif)} peserta sejak awal pencatatan."
    shown = per_b.head(BATAS_WILAYAH)
    tabel = None
    if len(shown):
        shown = shown.assign(wilayah=[nama_area(tingkat, n) if n else "–" for n in shown["nama"]])
        tabel = _tabel(
            shown,
            {
                "wilayah": TINGKAT_KOLOM[tingkat],
                "kegiatan": "Kegiatan",
                "peserta": "Peserta",
                "peserta_kumulatif": "Peserta s.d. minggu ini",
            },
            angka_kolom=("kegiatan", "peserta", "peserta_kumulatif"),
            lebar=[3, 1.5, 1.5, 2],
        )
        tabel.data = per_b.assign(wilayah=[nama_area(tingkat, n) if n else "–" for n in per_b["nama"]])[
            ["kode", "wilayah", "kegiatan", "peserta", "kegiatan_kumulatif", "peserta_kumulatif"]
        ]
    catatan = f"{len(shown)} dari {angka(len(per_b))} wilayah." if len(per_b) > len(shown) else ""
    return Slide(
        "bimtek",
        judul,
        kalimat,
        kpi=kpi_,
        tabel=tabel,
        tabel_judul="Bimtek minggu ini dan kumulatif",
        catatan=catatan,
    )


def _kalimat_kualitas(con, f: Filter, kini) -> str:
    """' Temuan kualitas data belum dicek: 4 (3 galat, 1 peringatan) di Kab. Lampung Selatan.' when
    the week's koperasi data has open findings (the Kualitas Data page's list), else ''."""
    t = kualitas.terbuka(kualitas.daftar(con, f, kini)) if kini is not None else None
    if t is None or not t.jumlah:
        return ""
    if len(t.kabupaten) <= BATAS_SEIMBANG:
        nama = dict(db.run(con, "nama_kabupaten", {"kode": list(t.kabupaten)}).values.tolist())
        di = daftar([nama.get(k, k) for k in t.kabupaten])
    else:
        di = f"{angka(len(t.kabupaten))} kabupaten/kota"
    return (
        f" Temuan kualitas data belum dicek: {angka(t.jumlah)} "
        f"({angka(t.galat)} galat, {angka(t.peringatan)} peringatan) di {di}."
    )


def _slide_kelengkapan(con, f: Filter, p: ringkasan.Picture) -> Slide:
    judul = SLIDE_JUDUL["kelengkapan"]
    kini = p.minggu["koperasi"]
    status = kelengkapan.kelengkapan_status(con, f, kini, jumlah_minggu=1)
    status = status[status["dataset"].isin(list(DATASET_LAPOR))]
    kpi_ = []
    for ds, label in DATASET_LAPOR.items():
        rows = status[status["dataset"] == ds]
        melapor = int((rows["status"] != "tidak_melapor").sum())
        kpi_.append(Kpi(f"{label} melapor", melapor, teks=f"{angka(melapor)} dari {angka(len(rows))}"))
    kop = status[status["dataset"] == "koperasi"]
    diharapkan = len(kop)
    melapor = int((kop["status"] != "tidak_melapor").sum())
    terlambat = int((kop["status"] == "terlambat").sum())
    belum = kop[kop["status"] == "tidak_melapor"]["nama"].tolist()
    kalimat = f"{angka(melapor)} dari {angka(diharapkan)} kabupaten/kota mengirim data koperasi minggu ini"
    if melapor:
        kalimat += ", semuanya tepat waktu" if not terlambat else f", {angka(terlambat)} terlambat"
    if belum:
        kalimat += "; belum melapor: " + (daftar(belum) if len(belum) <= 5 else f"{angka(len(belum))} kabupaten/kota")
    kalimat += "." + _kalimat_kualitas(con, f, kini)
    if status.empty:
        return Slide("kelengkapan", judul, kalimat, kpi=kpi_)
    wide = status.pivot_table(index=["kode_kabupaten", "nama"], columns="dataset", values="status", aggfunc="first")
    wide = wide.reindex(columns=list(DATASET_LAPOR)).reset_index()
    rank = {"tidak_melapor": 0, "terlambat": 1, "tepat_waktu": 2}
    wide["_r"] = [min(rank.get(v, 0) if isinstance(v, str) else 0 for v in r) for r in wide[list(DATASET_LAPOR)].values]
    wide = wide.sort_values(["_r", "nama"]).drop(columns="_r").reset_index(drop=True)
    shown = wide.head(BATAS_TABEL_LAPOR).copy()
    for ds in DATASET_LAPOR:
        shown[f"{ds}_teks"] = [_status_lapor(v) for v in shown[ds]]
    tabel = _tabel(
        shown,
        {"nama": TINGKAT_KOLOM["kabupaten"], **{f"{ds}_teks": label for ds, label in DATASET_LAPOR.items()}},
        lebar=[3, 1.6, 1.6, 1.6],
    )
    # The download says the same words as the slide, not the stored 'tepat_waktu'.
    tabel.data = wide.assign(**{ds: [_status_lapor(v) for v in wide[ds]] for ds in DATASET_LAPOR})
    catatan = "Yang belum melapor atau terlambat di atas." + (
        f" {len(shown)} dari {angka(len(wide))} kabupaten/kota." if len(wide) > len(shown) else ""
    )
    return Slide(
        "kelengkapan",
        judul,
        kalimat,
        kpi=kpi_,
        tabel=tabel,
        tabel_judul="Laporan per kabupaten/kota minggu ini",
        catatan=catatan,
    )


def _slide_target(con, f: Filter, minggu) -> Slide | None:
    """The targets in the filter, riskiest first: the riskiest one's sentence (pace, projected
    date, the area with the largest gap) and burn-up, and a table of them all. None without targets."""
    daftar = target.daftar(con, f, minggu)
    if daftar.empty:
        return None
    rows = daftar.to_dict("records")
    utama = rows[0]
    t = target.dari_baris(utama)
    bawah = Filter.from_code(utama["kode_wilayah"] or None).group_level
    kontribusi = target.kontribusi(con, t, minggu) if utama["status"] != "tercapai" else None
    jumlah = {s: sum(r["status"] == s for r in rows) for s in kamus.TARGET_STATUS}
    kpi_ = [Kpi(kamus.TARGET_STATUS_LABEL[s], jumlah[s], baik="") for s in kamus.TARGET_STATUS]
    # One point: the riskiest target and the areas holding it back; the others in a line below.
    tabel = None
    if kontribusi is not None and (kontribusi["selisih"] > 0).any():
        # The target's own area first (what the sentence opens with), then the areas below it.
        kurang = kontribusi[kontribusi["selisih"] > 0].head(BATAS_TARGET_WILAYAH)
        kurang = kurang.assign(
            wilayah=[nama_area(bawah, n) for n in kurang["nama"]],
            aktual_=[angka(v) for v in kurang["aktual"]],
            target_=[angka(v) for v in kurang["target"]],
            selisih_=[angka(v) for v in kurang["selisih"]],
        )
        total = pd.DataFrame(
            [
                {
                    "kode": utama["kode_wilayah"],
                    "wilayah": target_kalimat.nama_wilayah(utama),
                    "aktual": utama["aktual"],
                    "target": utama["target"],
                    "selisih": kontribusi["selisih"].sum(),
                    "bagian_selisih": 1.0,
                    "aktual_": target_kalimat.nilai(utama, utama["aktual"]),
                    "target_": target_kalimat.nilai(utama, utama["target"]),
                    "selisih_": angka(kontribusi["selisih"].sum()),
                }
            ]
        )
        kurang = pd.concat([total, kurang], ignore_index=True)
        tabel = _tabel(
            kurang,
            {
                "wilayah": "Wilayah",
                "aktual_": "Capaian",
                "target_": "Target",
                "selisih_": "Masih kurang",
            },
            lebar=[3, 1.5, 1.7, 1.7],
        )
        tabel.kanan[1:] = [True, True, True]
        tabel.data = kurang[["kode", "wilayah", "aktual", "target", "selisih", "bagian_selisih"]]
    # One line: the other targets are counted in the tiles and listed on the page.
    n_kurang = int((kontribusi["selisih"] > 0).sum()) if kontribusi is not None else 0
    catatan = " ".join(
        [
            *(
                [f"Tabel: {BATAS_TARGET_WILAYAH} dari {angka(n_kurang)} {TINGKAT[bawah]} yang masih kurang."]
                if n_kurang > BATAS_TARGET_WILAYAH
                else []
            ),
            TARGET_CATATAN.format(n=target.load_pengaturan().minggu_laju),
        ]
    )
    riwayat = target.riwayat(con, t)
    return Slide(
        "target",
        SLIDE_JUDUL["target"],
        target_kalimat.kalimat(utama, kontribusi, bawah),
        kpi=kpi_,
        grafik=grafik_target(riwayat, utama) if len(riwayat) else None,
        grafik_alt=f"Capaian per minggu terhadap jalur ke target: {utama['label']}, {target_kalimat.nama_wilayah(utama)}",
        tabel=tabel,
        tabel_judul=f"{TINGKAT_KOLOM[bawah]} dengan kekurangan terbesar",
        catatan=catatan,
    )


def build(con, f: Filter, minggu=None, *, rules: Rules | None = None, contoh: bool | None = None) -> Deck:
    """The deck for the filter and the latest week with koperasi data at or before `minggu`."""
    p = ringkasan.picture(con, f, minggu)
    wilayah = deck_nama_wilayah(con, f)
    contoh = demo.is_loaded(con) if contoh is None else contoh
    kini = p.minggu["koperasi"]
    if kini is None:
        slides = [
            Slide(
                i,
                SLIDE_JUDUL[i].format(tingkat=TINGKAT[f.group_level], Tingkat="Kecamatan"),
                "Belum ada data koperasi untuk filter ini.",
                kosong=KOSONG["koperasi"],
            )
            for i in SLIDE_IDS
        ]
        return Deck(f, wilayah, None, None, slides, contoh)
    rules = rules or load_rules()
    slides = [
        _slide_utama(p),
        # Targets at the week asked for (None: each at its latest), as on the page and in the CLI.
        _slide_target(con, f, periode.monday(minggu) if minggu else None),
        _slide_zona(con, f, p),
        _slide_terburuk(con, f, p),
        _slide_intervensi(con, f, p, rules),
        _slide_lahan(con, f, p),
        _slide_sppg(con, f, p) if p.minggu["sppg"] is not None and p["sppg_total"] else None,
        _slide_simkopdes(con, f, p),
        _slide_bimtek(con, f, p) if p.minggu["bimtek"] is not None else None,
        _slide_kelengkapan(con, f, p),
    ]
    # A slide for every dataset with data in the filter, none for a dataset without.
    slides = [s for s in slides if s is not None]
    return Deck(f, wilayah, kini, p.minggu_lalu["koperasi"], slides, contoh)
