"""The metric registry: every number the dashboard shows, defined once, as data.

A metric is an SQL aggregate over one source (a dataset's rows that count), with its Indonesian
label and help, unit, number format, which direction is good, where it sits in
`summary --json`, and (for the Peta page) what it is divided by and its colour bands. KPI tiles,
charts, the map, the deck and the CLI ask for a metric by id; nobody re-types the aggregate.

The SQL is assembled here from registry constants only (never from user input): one statement
per source and week, the region filter written once (`_WILAYAH`), every value bound.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from analytics import db, periode
from analytics.filters import LEVELS, Filter
from analytics.format import angka, persen, rupiah
from analytics.kamus import rgb

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Sumber:
    """Rows a metric aggregates: a relation with region code columns down to `terhalus`, one week each."""

    id: str
    relasi: str  # a view, or a parenthesised subquery that may bind $minggu
    terhalus: str  # the finest region level the rows carry
    label: str
    # The metric a share target is a share of (registered koperasi, all SPPG, ...); None: the rows
    # are events or a weekly status (bimtek, reporting), which a target on a date cannot be set on.
    dasar: str | None = None
    # Further values the relation binds, computed for (con, filter, week) by the analytic layer.
    parameter: Callable[..., dict] | None = None
    # Whether the weekly picture (ringkasan.picture, read by every page) holds this source's
    # metrics; False for a source whose parameter is costly to compute (the quality findings).
    di_gambaran: bool = True


def _koperasi_bertemuan(con, f: Filter, minggu) -> dict:
    """$koperasi_bertemuan: the koperasi of the filter's kab/kota with an open data-quality finding
    in the week (analytics.kualitas, the rules of data/kualitas.toml)."""
    from analytics import kualitas

    return {"koperasi_bertemuan": kualitas.koperasi_bertemuan(con, Filter(f.provinsi, f.kabupaten), minggu)}


SUMBER: dict[str, Sumber] = {
    s.id: s
    for s in (
        Sumber("koperasi", "koperasi_zona", "desa", "Koperasi", dasar="terdaftar"),
        Sumber("sppg", "sppg_aktif", "desa", "SPPG", dasar="sppg_total"),
        Sumber("lahan", "lahan_aktif", "desa", "Lahan", dasar="lahan_persil"),
        Sumber("bimtek", "bimtek_aktif", "kecamatan", "Bimtek"),
        Sumber("simkopdes_desa", "simkopdes_desa_aktif", "desa", "Statistik desa SIMKOPDES", dasar="sd_koperasi"),
        # Reporting is per kabupaten/kota (the unit an upload replaces): the kabupaten/kota expected to
        # report koperasi data (kabupaten_wajib_lapor, one definition) and whether each did that week.
        Sumber(
            "kelengkapan",
            """(
        select e.kode_provinsi, e.kode_kabupaten, $minggu::date as minggu, c.kode_kabupaten is not null as melapor
        from kabupaten_wajib_lapor as e
        left join (select distinct kode_kabupaten from cakupan_aktif
                   where dataset = 'koperasi' and minggu = $minggu) as c on c.kode_kabupaten = e.kode_kabupaten
        where e.dataset = 'koperasi')""",
            "kabupaten",
            "Kelengkapan laporan",
        ),
        # Data quality per kabupaten/kota: each koperasi of the week, and whether it has an open
        # finding of the koperasi rules (findings about a desa, an SPPG or a parcel do not count).
        Sumber(
            "kualitas",
            """(
        select k.kode_provinsi, k.kode_kabupaten, k.minggu,
               k.id_koperasi in (select unnest($koperasi_bertemuan::varchar[])) as bertemuan
        from koperasi_aktif as k)""",
            "kabupaten",
            "Kualitas data",
            parameter=_koperasi_bertemuan,
            # every rule of data/kualitas.toml: read by Peta and Kelengkapan only
            di_gambaran=False,
        ),
    )
}


@dataclass(frozen=True)
class Band:
    """Values from `bawah` (inclusive) up to the next band's `bawah` get this colour."""

    bawah: float
    warna: RGB


@dataclass(frozen=True)
class Metrik:
    id: str
    label: str
    sumber: str
    ekspresi: str  # SQL aggregate over the source's rows
    bantuan: str = ""
    satuan: str = "koperasi"
    format: str = "angka"  # 'angka' or 'rupiah'
    arah: str = "naik"  # which change is good news: 'naik', 'turun', or '' (neither)
    json: tuple[str, ...] = ()  # path in `summary --json` (empty: not printed)
    # Peta: the area value is this metric divided by `penyebut` (a metric of the same source), or
    # the metric itself when None; coloured by fixed `pita`. Only metrics with bands are map metrics.
    penyebut: str | None = None
    pita: tuple[Band, ...] = ()
    label_peta: str = ""
    penjelasan_peta: str = ""

    def teks(self, value) -> str:
        """The value in Indonesian format."""
        return rupiah(value) if self.format == "rupiah" else angka(value)

    @property
    def definisi(self) -> str:
        """What the number counts, in one sentence (the Definisi list and the tiles' help)."""
        if self.bantuan or self.penjelasan_peta:
            return self.bantuan or self.penjelasan_peta
        return f"{self.label}: jumlah {self.satuan} pada minggu laporan, dari data {SUMBER[self.sumber].label.lower()}."

    @property
    def di_peta(self) -> bool:
        return bool(self.pita)

    @property
    def bagian(self) -> bool:
        """Whether the map value is a share (0–1) rather than a count."""
        return self.penyebut is not None

    def nilai_peta(self, row: dict) -> float | None:
        if self.penyebut is None:
            v = row[self.id]
            return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)
        bawah = row[self.penyebut]
        return row[self.id] / bawah if bawah else None

    def teks_peta(self, value: float | None) -> str:
        if value is None:
            return "–"
        return persen(value) if self.bagian else self.teks(value)

    def _batas(self, value: float) -> str:
        return persen(value, 0) if self.bagian else self.teks(value)

    def label_pita(self) -> list[str]:
        """'di bawah 10%', '10% – di bawah 25%', '25% atau lebih' (from the fixed bounds)."""
        out = []
        for i, band in enumerate(self.pita):
            nxt = self.pita[i + 1].bawah if i + 1 < len(self.pita) else None
            if i == 0 and nxt is not None:
                out.append(f"di bawah {self._batas(nxt)}")
            elif nxt is None:
                out.append("100%" if self.bagian and band.bawah >= 1 else f"{self._batas(band.bawah)} atau lebih")
            else:
                out.append(f"{self._batas(band.bawah)} – di bawah {self._batas(nxt)}")
        return out

    def indeks_pita(self, value: float | None) -> int | None:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        index = 0
        for i, band in enumerate(self.pita):
            if value >= band.bawah:
                index = i
        return index


# Fixed map bands, every one on a single-hue sequential ColorBrewer scale (light = little, dark =
# much): a share is never painted in the zone colours of another meaning (a kecamatan with no merah
# but 11 of 12 kuning must not look green). The share of merah is in reds, the share of hijau in
# greens: one hue, the zone it counts.
_MERAH3 = (rgb("#fee0d2"), rgb("#fc9272"), rgb("#de2d26"))
_HIJAU3 = (rgb("#e5f5e0"), rgb("#a1d99b"), rgb("#31a354"))
_HIJAU4 = (rgb("#edf8e9"), rgb("#bae4b3"), rgb("#74c476"), rgb("#238b45"))
_BIRU3 = (rgb("#deebf7"), rgb("#9ecae1"), rgb("#3182bd"))
_MERAH4 = (rgb("#fee5d9"), rgb("#fcae91"), rgb("#fb6a4a"), rgb("#cb181d"))
_BIRU5 = (rgb("#eff3ff"), rgb("#bdd7e7"), rgb("#6baed6"), rgb("#3182bd"), rgb("#08519c"))
_HIJAUBIRU4 = (rgb("#ffffcc"), rgb("#a1dab4"), rgb("#41b6c4"), rgb("#225ea8"))
_UNGU5 = (rgb("#f2f0f7"), rgb("#cbc9e2"), rgb("#9e9ac8"), rgb("#756bb1"), rgb("#54278f"))


def _pita(bounds: tuple[float, ...], colours: tuple[RGB, ...]) -> tuple[Band, ...]:
    return tuple(Band(b, c) for b, c in zip(bounds, colours))


_BAGIAN_KOPERASI_SIMKOPDES = _pita((0, 0.25, 0.5, 0.75), _HIJAUBIRU4)


def _k(id_: str, label: str, ekspresi: str, json: tuple[str, ...], **kw) -> Metrik:
    return Metrik(id_, label, "koperasi", ekspresi, json=("koperasi", *json) if json else (), **kw)


# Koperasi: one row per koperasi and week (with its computed zone).
_TAHAP = {
    "belum_mulai": "Belum mulai",
    "persiapan": "Persiapan",
    "pembangunan": "Sedang dibangun",
    "selesai": "Fisik selesai",
    "tidak_dapat_dibangun": "Tidak dapat dibangun",
}
_LAHAN = {
    "tidak_ada": "Lahan tidak ada",
    "diajukan": "Lahan diajukan",
    "verifikasi": "Lahan sedang diverifikasi",
    "terverifikasi": "Lahan terverifikasi",
    "ditolak": "Lahan ditolak",
}
_AKUN = {"aktif": "SIMKOPDES aktif", "kendala": "SIMKOPDES kendala", "belum": "SIMKOPDES belum"}
# The KDKMP funnel: each stage also requires every stage before it.
_CORONG_LAHAN = "badan_hukum and masuk_portal and status_lahan = 'terverifikasi'"

_KOPERASI = (
    _k("terdaftar", "Koperasi terdaftar", "count(*)", ("terdaftar",), bantuan="Koperasi yang dilaporkan minggu ini."),
    _k(
        "zona_merah",
        "Zona merah",
        "count(*) filter (where zona_hitung = 'merah')",
        ("zona", "merah"),
        bantuan="Perlu intervensi serius.",
        arah="turun",
        penyebut="terdaftar",
        pita=_pita((0, 0.10, 0.25), _MERAH3),
        label_peta="Bagian koperasi zona merah",
        penjelasan_peta="Koperasi zona merah dibagi semua koperasi yang melapor: makin gelap, makin banyak yang merah.",
    ),
    _k(
        "zona_kuning",
        "Zona kuning",
        "count(*) filter (where zona_hitung = 'kuning')",
        ("zona", "kuning"),
        bantuan="Perlu pendampingan.",
        arah="turun",
    ),
    _k(
        "zona_hijau",
        "Zona hijau",
        "count(*) filter (where zona_hitung = 'hijau')",
        ("zona", "hijau"),
        bantuan="Siap.",
        penyebut="terdaftar",
        pita=_pita((0, 0.20, 0.50), _HIJAU3),
        label_peta="Bagian koperasi zona hijau",
        penjelasan_peta="Koperasi zona hijau dibagi semua koperasi yang melapor: makin gelap, makin banyak yang hijau.",
    ),
    _k(
        "badan_hukum",
        "Berbadan hukum",
        "count(*) filter (where badan_hukum)",
        ("badan_hukum",),
        bantuan="Badan hukum disahkan AHU.",
    ),
    _k("npwp", "Punya NPWP", "count(*) filter (where npwp)", ("npwp",)),
    _k("nib", "Punya NIB", "count(*) filter (where nib)", ("nib",)),
    _k(
        "masuk_portal",
        "Masuk portal",
        "count(*) filter (where masuk_portal)",
        ("masuk_portal",),
        bantuan="Terdaftar di portal pembangunan nasional.",
    ),
    _k("gerai_beroperasi", "Gerai beroperasi", "count(*) filter (where gerai_beroperasi)", ("gerai_beroperasi",)),
    # Funnel stages are cumulative: the label says "sudah sampai tahap", never the stage's own name
    # (the tile "Sedang dibangun" counts koperasi in that stage now; the funnel counts those that reached it).
    _k(
        "corong_portal",
        "Sudah sampai tahap masuk portal",
        "count(*) filter (where badan_hukum and masuk_portal)",
        (),
        bantuan="Berbadan hukum dan masuk portal.",
    ),
    _k(
        "corong_lahan",
        "Sudah sampai tahap lahan terverifikasi",
        f"count(*) filter (where {_CORONG_LAHAN})",
        (),
        bantuan="Berbadan hukum, masuk portal dan lahannya terverifikasi.",
    ),
    _k(
        "corong_pembangunan",
        "Sudah sampai tahap pembangunan",
        f"count(*) filter (where {_CORONG_LAHAN} and (tahap_fisik in ('pembangunan', 'selesai') or gerai_beroperasi))",
        (),
    ),
    _k(
        "corong_selesai",
        "Sudah sampai tahap fisik selesai",
        f"count(*) filter (where {_CORONG_LAHAN} and (tahap_fisik = 'selesai' or gerai_beroperasi))",
        (),
    ),
    _k(
        "corong_beroperasi",
        "Sudah sampai tahap gerai beroperasi",
        f"count(*) filter (where {_CORONG_LAHAN} and gerai_beroperasi)",
        (),
    ),
    *(
        _k(
            f"tahap_{t}",
            label,
            f"count(*) filter (where tahap_fisik = '{t}')",
            ("tahap_fisik", t),
            arah="turun" if t == "tidak_dapat_dibangun" else "naik",
            bantuan={
                "pembangunan": "Tahap fisik: pembangunan.",
                "tidak_dapat_dibangun": "Lahan harus diselesaikan dulu.",
            }.get(t, ""),
            **(
                {
                    "penyebut": "terdaftar",
                    "pita": _pita((0, 0.05, 0.10, 0.20), _MERAH4),
                    "label_peta": "Bagian koperasi tidak dapat dibangun",
                    "penjelasan_peta": "Tahap fisik 'tidak dapat dibangun' dibagi semua koperasi yang melapor.",
                }
                if t == "tidak_dapat_dibangun"
                else {}
            ),
        )
        for t, label in _TAHAP.items()
    ),
    _k(
        "tahap_tidak_diisi",
        "Tahap fisik tidak diisi",
        "count(*) filter (where tahap_fisik is null)",
        ("tahap_fisik", "tidak_diisi"),
        arah="",
    ),
    *(
        _k(
            f"lahan_{s}",
            label,
            f"count(*) filter (where status_lahan = '{s}')",
            ("status_lahan", s),
            arah="turun" if s in ("tidak_ada", "ditolak") else "naik",
            bantuan=f"Koperasi dengan status lahan '{label[6:].lower()}' di laporan koperasi (bukan jumlah persil).",
        )
        for s, label in _LAHAN.items()
    ),
    _k(
        "lahan_tidak_diisi",
        "Status lahan tidak diisi",
        "count(*) filter (where status_lahan is null)",
        ("status_lahan", "tidak_diisi"),
        arah="",
    ),
    *(
        _k(
            f"simkopdes_{a}",
            label,
            f"count(*) filter (where akun_simkopdes = '{a}')",
            ("akun_simkopdes", a),
            arah="naik" if a == "aktif" else "turun",
            bantuan={"kendala": "Masalah login atau jaringan."}.get(a, ""),
            **(
                {
                    "penyebut": "terdaftar",
                    "pita": _pita((0, 0.5, 0.75, 0.9), _HIJAUBIRU4),
                    "label_peta": "Bagian koperasi dengan SIMKOPDES aktif",
                    "penjelasan_peta": "Akun SIMKOPDES aktif dibagi semua koperasi yang melapor.",
                }
                if a == "aktif"
                else {}
            ),
        )
        for a, label in _AKUN.items()
    ),
    _k(
        "simkopdes_tidak_diisi",
        "Akun SIMKOPDES tidak diisi",
        "count(*) filter (where akun_simkopdes is null)",
        ("akun_simkopdes", "tidak_diisi"),
        arah="",
    ),
)


def _s(id_: str, label: str, ekspresi: str, json: tuple[str, ...], **kw) -> Metrik:
    kw.setdefault("satuan", "SPPG")
    return Metrik(id_, label, "sppg", ekspresi, json=("sppg", *json) if json else (), **kw)


_SPPG = (
    _s(
        "sppg_total",
        "Total SPPG",
        "count(*)",
        ("total",),
        bantuan="Semua SPPG yang dilaporkan, tahap apa pun: rencana, persiapan, beroperasi atau ditutup sementara.",
    ),
    _s(
        "sppg_rencana",
        "Tahap rencana",
        "count(*) filter (where status = 'rencana')",
        ("status", "rencana"),
        arah="",
        bantuan="SPPG yang minggu ini masih berstatus rencana (belum persiapan).",
    ),
    _s(
        "sppg_persiapan",
        "Tahap persiapan",
        "count(*) filter (where status = 'persiapan')",
        ("status", "persiapan"),
        arah="",
        bantuan="SPPG yang minggu ini berstatus persiapan.",
    ),
    _s(
        "sppg_beroperasi",
        "SPPG beroperasi",
        "count(*) filter (where status = 'beroperasi')",
        ("status", "beroperasi"),
        penyebut="sppg_total",
        pita=_pita((0, 0.10, 0.25, 0.50, 0.75), _BIRU5),
        bantuan="SPPG yang minggu ini berstatus beroperasi.",
        label_peta="Bagian SPPG yang beroperasi",
        penjelasan_peta="SPPG berstatus beroperasi dibagi total SPPG yang dilaporkan (tahap apa pun).",
    ),
    _s(
        "sppg_ditutup_sementara",
        "Ditutup sementara",
        "count(*) filter (where status = 'ditutup_sementara')",
        ("status", "ditutup_sementara"),
        arah="turun",
    ),
    _s("sppg_tidak_diisi", "Status tidak diisi", "count(*) filter (where status is null)", (), arah=""),
    # Beneficiaries, local suppliers and capacity of the operating SPPG, and how many gave them.
    _s(
        "sppg_penerima_manfaat",
        "Penerima manfaat",
        "coalesce(sum(penerima_manfaat) filter (where status = 'beroperasi'), 0)::bigint",
        (),
        satuan="orang",
    ),
    _s(
        "sppg_pemasok_lokal",
        "Pemasok lokal",
        "coalesce(sum(pemasok_lokal) filter (where status = 'beroperasi'), 0)::bigint",
        (),
        satuan="pemasok",
    ),
    _s(
        "sppg_kapasitas_porsi",
        "Kapasitas porsi",
        "coalesce(sum(kapasitas_porsi) filter (where status = 'beroperasi'), 0)::bigint",
        (),
        satuan="porsi",
    ),
    _s(
        "sppg_mengisi_penerima",
        "SPPG beroperasi yang mengisi penerima manfaat",
        "count(penerima_manfaat) filter (where status = 'beroperasi')",
        (),
        arah="",
    ),
    _s(
        "sppg_mengisi_pemasok",
        "SPPG beroperasi yang mengisi pemasok lokal",
        "count(pemasok_lokal) filter (where status = 'beroperasi')",
        (),
        arah="",
    ),
)

_LAIN = (
    Metrik(
        "lahan_persil",
        "Persil lahan",
        "lahan",
        "count(*)",
        satuan="persil",
        json=("lahan", "persil"),
        bantuan="Persil calon lokasi gerai di data lahan; satu koperasi dapat punya beberapa persil.",
    ),
    Metrik("bimtek_kegiatan", "Kegiatan bimtek", "bimtek", "count(*)", satuan="kegiatan", json=("bimtek", "kegiatan")),
    Metrik(
        "bimtek_peserta",
        "Peserta bimtek",
        "bimtek",
        "coalesce(sum(jumlah_peserta), 0)::bigint",
        satuan="orang",
        json=("bimtek", "peserta"),
    ),
    Metrik("bimtek_kecamatan", "Kecamatan", "bimtek", "count(distinct kode_kecamatan)", satuan="kecamatan"),
    Metrik(
        "kabupaten_diharapkan",
        "Kab/kota diharapkan",
        "kelengkapan",
        "count(*)",
        satuan="kabupaten/kota",
        arah="",
        json=("kelengkapan", "kabupaten_diharapkan"),
        bantuan="Kabupaten/kota yang ditugaskan melapor data koperasi (diatur admin di halaman Kelengkapan).",
    ),
    Metrik(
        "kabupaten_melapor",
        "Kab/kota melapor",
        "kelengkapan",
        "count(*) filter (where melapor)",
        satuan="kabupaten/kota",
        json=("kelengkapan", "kabupaten_melapor"),
        penyebut="kabupaten_diharapkan",
        pita=_pita((0, 0.5, 1.0), _BIRU3),
        label_peta="Kabupaten/kota yang melapor minggu ini",
        penjelasan_peta="Laporan koperasi dihitung per kabupaten/kota; kecamatan dan desa mengikuti kabupaten/kotanya.",
    ),
)


def _d(id_: str, label: str, kolom: str, **kw) -> Metrik:
    cast = "double" if kw.get("format") == "rupiah" else "bigint"
    return Metrik(
        id_,
        label,
        "simkopdes_desa",
        f"coalesce(sum({kolom}), 0)::{cast}",
        json=("simkopdes_desa", id_.removeprefix("sd_")),
        **kw,
    )


# SIMKOPDES village statistics: one row per desa and week (the export's per-desa counts).
_SIMKOPDES_DESA = (
    Metrik(
        "sd_desa",
        "Desa dengan data",
        "simkopdes_desa",
        "count(distinct kode_desa)",
        satuan="desa",
        json=("simkopdes_desa", "desa"),
        pita=_pita((0, 10, 100, 1000), _UNGU5[1:]),
        label_peta="Desa dengan statistik SIMKOPDES",
        penjelasan_peta="Jumlah desa/kelurahan yang ada di ekspor statistik desa SIMKOPDES.",
    ),
    _d(
        "sd_koperasi",
        "Koperasi (SIMKOPDES)",
        "koperasi",
        pita=_pita((0, 10, 100, 1000), _UNGU5[1:]),
        label_peta="Koperasi tercatat di SIMKOPDES",
        penjelasan_peta="Jumlah koperasi menurut statistik desa SIMKOPDES.",
    ),
    _d(
        "sd_akun",
        "Akun SIMKOPDES",
        "akun",
        satuan="akun",
        penyebut="sd_koperasi",
        pita=_BAGIAN_KOPERASI_SIMKOPDES,
        label_peta="Akun SIMKOPDES per koperasi",
        penjelasan_peta="Jumlah akun dibagi jumlah koperasi menurut statistik desa SIMKOPDES.",
    ),
    _d(
        "sd_npwp",
        "Koperasi dengan NPWP",
        "npwp",
        penyebut="sd_koperasi",
        pita=_BAGIAN_KOPERASI_SIMKOPDES,
        label_peta="Bagian koperasi dengan NPWP (SIMKOPDES)",
        penjelasan_peta="Koperasi dengan NPWP dibagi koperasi menurut statistik desa SIMKOPDES.",
    ),
    _d(
        "sd_nib",
        "Koperasi dengan NIB",
        "nib",
        penyebut="sd_koperasi",
        pita=_BAGIAN_KOPERASI_SIMKOPDES,
        label_peta="Bagian koperasi dengan NIB (SIMKOPDES)",
        penjelasan_peta="Koperasi dengan NIB dibagi koperasi menurut statistik desa SIMKOPDES.",
    ),
    _d(
        "sd_rat",
        "Koperasi dengan RAT",
        "rat",
        penyebut="sd_koperasi",
        pita=_BAGIAN_KOPERASI_SIMKOPDES,
        bantuan="Koperasi yang sudah menyelenggarakan Rapat Anggota Tahunan (statistik desa SIMKOPDES).",
        label_peta="Bagian koperasi dengan RAT (SIMKOPDES)",
        penjelasan_peta="Koperasi yang sudah RAT dibagi koperasi menurut statistik desa SIMKOPDES.",
    ),
    _d(
        "sd_volume_transaksi",
        "Volume transaksi",
        "volume_transaksi",
        satuan="transaksi",
        pita=_pita((0, 100, 1000, 10000, 100000), _UNGU5),
        label_peta="Volume transaksi SIMKOPDES",
        penjelasan_peta="Jumlah transaksi yang tercatat di SIMKOPDES.",
    ),
    _d(
        "sd_nilai_transaksi",
        "Nilai transaksi",
        "nilai_transaksi",
        satuan="rupiah",
        format="rupiah",
        pita=_pita((0, 1e7, 1e8, 1e9, 1e10), _UNGU5),
        label_peta="Nilai transaksi SIMKOPDES",
        penjelasan_peta="Nilai transaksi yang tercatat di SIMKOPDES, dalam rupiah.",
    ),
)

# The data-quality score per kabupaten/kota: the share of its koperasi without an open finding. The
# one definition of the score is these two entries over the source `kualitas`.
_KUALITAS = (
    Metrik(
        "kualitas_dinilai",
        "Koperasi dinilai kualitas datanya",
        "kualitas",
        "count(*)",
        arah="",
        bantuan="Koperasi dalam laporan minggu ini yang diperiksa aturan kualitas data (data/kualitas.toml).",
    ),
    Metrik(
        "kualitas_tanpa_temuan",
        "Koperasi tanpa temuan kualitas",
        "kualitas",
        "count(*) filter (where not bertemuan)",
        penyebut="kualitas_dinilai",
        pita=_pita((0, 0.9, 0.95, 0.99), _HIJAU4),
        label_peta="Skor kualitas data (koperasi tanpa temuan)",
        penjelasan_peta=(
            "Bagian koperasi kab/kota yang tidak punya temuan kualitas data terbuka minggu ini (temuan yang "
            "sudah dicek tidak dihitung); kecamatan dan desa mengikuti kabupaten/kotanya."
        ),
    ),
)

METRIK: dict[str, Metrik] = {m.id: m for m in (*_KOPERASI, *_SPPG, *_LAIN, *_SIMKOPDES_DESA, *_KUALITAS)}

# The KDKMP funnel on Ringkasan, each stage nested in the one before.
CORONG = (
    "terdaftar",
    "badan_hukum",
    "corong_portal",
    "corong_lahan",
    "corong_pembangunan",
    "corong_selesai",
    "corong_beroperasi",
)
# Map metrics in the order the Peta page offers them.
PETA = tuple(m.id for m in METRIK.values() if m.di_peta)
# Metrics a target can be set on (analytics/target): a state reported every week, counted in a
# direction (not a neutral count such as "tidak diisi").
BISA_TARGET = tuple(m.id for m in METRIK.values() if SUMBER[m.sumber].dasar and m.arah)


def dari_sumber(sumber: str) -> list[Metrik]:
    return [m for m in METRIK.values() if m.sumber == sumber]


# --- SQL ------------------------------------------------------------------------------------------

_KODE = {level: f"kode_{level}" for level in LEVELS}


def _dalam_wilayah(sumber: Sumber) -> str:
    """The region filter (the macro of migration 011) over the levels the source carries."""
    levels = LEVELS[: LEVELS.index(sumber.terhalus) + 1]
    kolom = [f"kode_{level}" if level in levels else "null" for level in LEVELS]
    nilai = [f"${level}" if level in levels else "null" for level in LEVELS]
    return f"dalam_wilayah({', '.join(kolom + nilai)})"


def _tingkat_sumber(sumber: Sumber, tingkat: str) -> str:
    """The grouping level, capped at the finest level the source carries."""
    return tingkat if LEVELS.index(tingkat) <= LEVELS.index(sumber.terhalus) else sumber.terhalus


def sql_nilai(sumber_id: str, tingkat: str | None = None) -> str:
    """One statement: every metric of the source for $minggu inside the bound region filter;
    one row in total, or one row per area of `tingkat` (column `kode`)."""
    sumber = SUMBER[sumber_id]
    kolom = [f"{m.ekspresi} as {m.id}" for m in dari_sumber(sumber_id)]
    grup = ""
    if tingkat is not None:
        if tingkat not in LEVELS:
            raise ValueError(f"tingkat tidak dikenal: {tingkat!r}")
        kolom.insert(0, f"{_KODE[_tingkat_sumber(sumber, tingkat)]} as kode")
        grup = "\ngroup by 1"
    return f"select {', '.join(kolom)}\nfrom {sumber.relasi}\nwhere minggu = $minggu and {_dalam_wilayah(sumber)}{grup}"


def sql_per_minggu(sumber_id: str, tingkat: str | None = None) -> str:
    """One statement: every metric of the source for every week, over the whole country (no
    `tingkat`) or per area of `tingkat` whose code is in $kode (column `kode`)."""
    sumber = SUMBER[sumber_id]
    if "$minggu" in sumber.relasi:
        raise ValueError(f"sumber {sumber_id!r} dihitung per minggu terpilih saja")
    kolom = [f"{m.ekspresi} as {m.id}" for m in dari_sumber(sumber_id)]
    if tingkat is None:
        return f"select minggu, {', '.join(kolom)}\nfrom {sumber.relasi}\ngroup by minggu\norder by minggu"
    if LEVELS.index(tingkat) > LEVELS.index(sumber.terhalus):
        raise ValueError(f"tingkat {tingkat!r} lebih halus dari sumber {sumber_id!r}")
    kode = _KODE[tingkat]
    return (
        f"select {kode} as kode, minggu, {', '.join(kolom)}\nfrom {sumber.relasi}\n"
        f"where {kode} in (select unnest($kode::varchar[]))\ngroup by 1, 2\norder by 1, 2"
    )


def per_minggu(con, sumber_id: str, tingkat: str | None, kode: list[str]) -> pd.DataFrame:
    """Every metric of the source per week (and per area `kode` of `tingkat`; '' = the country)."""
    cur = db.cursor(con)
    try:
        if tingkat is None:
            out = cur.execute(sql_per_minggu(sumber_id)).df()
            out.insert(0, "kode", "")
        else:
            out = cur.execute(sql_per_minggu(sumber_id, tingkat), {"kode": list(kode)}).df()
    finally:
        cur.close()
    for m in dari_sumber(sumber_id):
        out[m.id] = [_python(m, v) for v in out[m.id]]
    out["minggu"] = [periode.as_date(v) for v in out["minggu"]]
    return out


def _params(sumber: Sumber, f: Filter, minggu) -> dict:
    levels = LEVELS[: LEVELS.index(sumber.terhalus) + 1]
    # A filter finer than the source narrows to the source's finest level (a desa filter reads
    # bimtek of its kecamatan, kelengkapan of its kabupaten).
    return {"minggu": minggu, **{level: getattr(f, level) for level in levels}}


def _semua_params(con, sumber: Sumber, f: Filter, minggu) -> dict:
    params = _params(sumber, f, minggu)
    return {**params, **sumber.parameter(con, f, minggu)} if sumber.parameter else params


def _nol(sumber_id: str) -> dict[str, int | float]:
    return {m.id: (0.0 if m.format == "rupiah" else 0) for m in dari_sumber(sumber_id)}


def _python(m: Metrik, v) -> int | float:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return 0.0 if m.format == "rupiah" else 0
    return float(v) if m.format == "rupiah" else int(v)


def nilai(con, f: Filter, sumber_id: str, minggu: dt.date | None) -> dict[str, int | float]:
    """Every metric of the source for the filter and week (zeros when the week is None)."""
    if minggu is None:
        return _nol(sumber_id)
    cur = db.cursor(con)
    try:
        row = cur.execute(sql_nilai(sumber_id), _semua_params(con, SUMBER[sumber_id], f, minggu)).fetchone()
    finally:
        cur.close()
    return {m.id: _python(m, v) for m, v in zip(dari_sumber(sumber_id), row)}


def per_wilayah(con, f: Filter, sumber_id: str, minggu: dt.date | None, tingkat: str | None = None) -> pd.DataFrame:
    """Every metric of the source per area of `tingkat` (default: one level below the filter):
    kode, nama and one column per metric, every area of the gazetteer inside the filter (zeros
    where there is no data). Areas finer than the source take their enclosing area's values."""
    tingkat = tingkat or f.group_level
    sumber = SUMBER[sumber_id]
    areas = db.run(con, "wilayah_area", {**f.params(), "tingkat": tingkat})
    ids = [m.id for m in dari_sumber(sumber_id)]
    if minggu is None:
        values = pd.DataFrame(columns=["kode", *ids])
    else:
        cur = db.cursor(con)
        try:
            values = cur.execute(sql_nilai(sumber_id, tingkat), _semua_params(con, sumber, f, minggu)).df()
        finally:
            cur.close()
    grain = _tingkat_sumber(sumber, tingkat)
    width = {"provinsi": 2, "kabupaten": 5, "kecamatan": 8, "desa": 13}[grain]
    areas["_k"] = areas["kode"].str.slice(0, width)
    out = areas.merge(values.rename(columns={"kode": "_k"}), on="_k", how="left").drop(columns="_k")
    for m in dari_sumber(sumber_id):
        out[m.id] = [_python(m, v) for v in out[m.id]]
    return out
