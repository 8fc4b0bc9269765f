"""Demo data: twelve weeks of synthetic uploads over the real gazetteer.

The areas are the whole of Nusa Tenggara Barat (52), the whole of Lampung (18) and Kota Sungai
Penuh (15.72): one koperasi per desa/kelurahan, their land parcels, SPPG kitchens and bimtek
events. The latest week reproduces published figures (NTB 1.166 koperasi, 454 in the portal,
249 being built, 176 that cannot be built, 49 parcels of the province in verification;
Lampung Barat 135 koperasi, 120 SIMKOPDES accounts active and 15 with problems, 24 SPPG of which
3 operate; 8 kecamatan of Lampung Selatan trained with 130 participants; 65 koperasi of Kota
Sungai Penuh being built). Everything else is drawn from one seeded `random.Random`, so the
files are the same bytes on every run, and they go through the same prepare/commit pipeline as
an upload.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
from dataclasses import dataclass, field

import duckdb

from analytics import db, ingest, kelengkapan, zona
from analytics.ingest import schema
from analytics.wilayah import Gazetteer

SEED = 20261116
DEMO_WEEKS: tuple[dt.date, ...] = tuple(dt.date(2026, 11, 16) - dt.timedelta(weeks=11 - i) for i in range(12))
USER = "data-contoh"

_LAST = len(DEMO_WEEKS) - 1
_NEVER = 99  # an event week that never comes
_TODAY = DEMO_WEEKS[-1] + dt.timedelta(days=7)

# Final tahap counts of the latest week per area. The NTB and Kota Sungai Penuh figures are
# published; 'persiapan_portal' are the koperasi in preparation already entered in the portal.
_FINAL = {
    "52": {
        "tidak_dapat_dibangun": 176,
        "selesai": 58,
        "pembangunan": 249,
        "persiapan_portal": 147,
        "persiapan": 183,
        "belum_mulai": 353,
    },
    "18": {
        "tidak_dapat_dibangun": 190,
        "selesai": 110,
        "pembangunan": 590,
        "persiapan_portal": 260,
        "persiapan": 560,
        "belum_mulai": 940,
    },
    "15.72": {
        "tidak_dapat_dibangun": 1,
        "selesai": 2,
        "pembangunan": 65,
        "persiapan_portal": 1,
        "persiapan": 0,
        "belum_mulai": 0,
    },
}
_LAMPUNG_BARAT = "18.04"
_LAMPUNG_BARAT_AKUN = {"aktif": 120, "kendala": 15}
_NTB_PEMPROV_IN_VERIFICATION = 49
# Lampung Barat SPPG: (kecamatan, how many); the first SPPG of the first three operates.
_LAMPUNG_BARAT_SPPG_OPERATING = ("18.04.04", "18.04.08", "18.04.23")
_LAMPUNG_BARAT_SPPG_TOTAL = 24
_LAMPUNG_SELATAN = "18.01"
_LAMPUNG_SELATAN_BIMTEK = (8, 130)  # distinct kecamatan, participants in the latest week
# Kabupaten-weeks without a koperasi report, so reporting completeness has gaps to show.
_MISSING_REPORTS = (("52.06", 4), ("52.06", 5), ("18.11", 7))
# Offices that write their own zone in the `zona` column.
_OFFICE_ZONE_KABUPATEN = ("18.04", "18.71", "52.03")


def _in_area(code: str) -> bool:
    return code.split(".")[0] in ("52", "18") or code == "15.72" or code.startswith("15.72.")


def _province(code: str) -> str:
    return "15.72" if code.startswith("15.72") else code.split(".")[0]


# --------------------------------------------------------------------------------------------
# Regions


@dataclass(frozen=True)
class _Desa:
    kode: str
    nama: str
    jenis: str
    lat: float | None
    lon: float | None


@dataclass
class _Regions:
    g: Gazetteer
    kabupaten: list[str]
    kecamatan: dict[str, list[str]]  # kabupaten -> kecamatan codes
    desa: dict[str, list[_Desa]]  # kecamatan -> desa
    kecamatan_centroid: dict[str, tuple[float, float] | None]
    _names: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)

    def names(self, kode_desa: str) -> tuple[str, str, str, str]:
        """Provinsi, kabupaten, kecamatan and desa names of a desa, for the name columns."""
        found = self._names.get(kode_desa)
        if found is None:
            parts = kode_desa.split(".")
            codes = [".".join(parts[: i + 1]) for i in range(len(parts))]
            found = tuple(self.g.name(level, c) or "" for level, c in zip(db.LEVELS, codes))
            self._names[kode_desa] = found
        return found

    def centre(self, d: _Desa) -> tuple[float | None, float | None]:
        """The desa centroid, or its kecamatan's when the gazetteer has none for the desa."""
        if d.lat is not None and d.lon is not None:
            return d.lat, d.lon
        return self.kecamatan_centroid.get(d.kode.rsplit(".", 1)[0]) or (None, None)

    def is_kota(self, kabupaten: str) -> bool:
        return (self.g.name("kabupaten", kabupaten) or "").startswith("Kota ")


def _float(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _regions(g: Gazetteer) -> _Regions:
    info: dict[str, tuple[str, float | None, float | None]] = {}
    with open(db.WILAYAH_DIR / "desa.csv", newline="", encoding="utf-8") as fh:
        header = next(fh)
        # Skip the other provinces before parsing: the file has 83,000 desa.
        lines = [line for line in fh if line.startswith(("52.", "18.", "15.72."))]
    for row in csv.DictReader([header, *lines]):
        info[row["kode"]] = (row["jenis"], _float(row["lat"]), _float(row["lon"]))
    centroid: dict[str, tuple[float, float] | None] = {}
    with open(db.WILAYAH_DIR / "kecamatan.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if _in_area(row["kode"]):
                lat, lon = _float(row["lat"]), _float(row["lon"])
                centroid[row["kode"]] = (lat, lon) if lat is not None and lon is not None else None
    kabupaten = sorted(c for c in g.names["kabupaten"] if _in_area(c))
    kecamatan: dict[str, list[str]] = {k: [] for k in kabupaten}
    for code in sorted(g.names["kecamatan"]):
        up = g.parent["kecamatan"][code]
        if up in kecamatan:
            kecamatan[up].append(code)
    desa: dict[str, list[_Desa]] = {c: [] for codes in kecamatan.values() for c in codes}
    for code in sorted(g.names["desa"]):
        up = g.parent["desa"][code]
        if up in desa:
            jenis, lat, lon = info.get(code, ("desa", None, None))
            desa[up].append(_Desa(code, g.names["desa"][code], jenis, lat, lon))
    return _Regions(g, kabupaten, kecamatan, desa, centroid)


def _near(rng: random.Random, lat: float | None, lon: float | None, spread: float) -> tuple[str, str]:
    if lat is None or lon is None:
        return "", ""
    return f"{lat + rng.uniform(-spread, spread):.5f}", f"{lon + rng.uniform(-spread, spread):.5f}"


# --------------------------------------------------------------------------------------------
# Koperasi


@dataclass
class _Koperasi:
    desa: _Desa
    kabupaten: str
    kecamatan: str
    area: str
    nama: str
    final: str = "belum_mulai"
    portal: bool = False
    akun: str = "belum"
    tdd_kind: str = ""  # 'tanpa_lahan', 'ditolak' or 'teknis' for tidak_dapat_dibangun
    first: int = 0  # first week reported (a koperasi registered during the window)
    # Week index (0 = first demo week; negative = before it) from which each thing holds: a
    # tahap_fisik or status_lahan value, 'portal', 'badan_hukum', 'npwp', 'nib', 'gerai',
    # 'akun' (account made, kendala until 'aktif'), 'jeda'..'jeda_selesai' (a paused site).
    ev: dict[str, int] = field(default_factory=dict)
    progress: dict[int, float] = field(default_factory=dict)
    stalled_from: int = _NEVER  # week from which progress stops for good
    stall_reason: str = ""
    anggota: list[int] = field(default_factory=list)
    chance: dict[str, float] = field(default_factory=dict)  # one uniform per kendala
    pendamping: str = ""
    office_noise: float = 1.0

    def at(self, name: str) -> int:
        return self.ev.get(name, _NEVER)

    def tahap(self, w: int) -> str:
        if w >= self.at("tidak_dapat_dibangun"):
            return "tidak_dapat_dibangun"
        for stage in ("selesai", "pembangunan", "persiapan"):
            if w >= self.at(stage):
                return stage
        return "belum_mulai"

    def status_lahan(self, w: int) -> str:
        for status in ("ditolak", "terverifikasi", "verifikasi", "diajukan"):
            if w >= self.at(status):
                return status
        return "tidak_ada"

    def stalled(self, w: int) -> bool:
        return w >= self.stalled_from or self.at("jeda") <= w < self.at("jeda_selesai")

    def akun_simkopdes(self, w: int) -> str:
        if w >= self.at("aktif"):
            return "aktif"
        if w >= self.at("akun"):
            return "kendala"
        return "belum"


def _draw(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _curve(rng: random.Random, steps: int, end: float) -> list[float]:
    """`steps` strictly rising values ending near `end` (construction progress)."""
    increments = [rng.uniform(0.6, 1.4) for _ in range(steps)]
    total = sum(increments)
    out, acc = [], 0.0
    for inc in increments:
        acc += inc
        out.append(round(end * acc / total, 1))
    return out


def _land_events(rng: random.Random, status: str, latest: int) -> dict[str, int]:
    """Event weeks that leave the land at `status` by week `latest` (earlier events before it)."""
    ev: dict[str, int] = {}
    if status == "tidak_ada":
        return ev
    if status == "ditolak":
        ev["ditolak"] = rng.randint(latest - 5, latest)
        ev["verifikasi"] = ev["ditolak"] - rng.randint(1, 3)
    elif status == "terverifikasi":
        ev["terverifikasi"] = rng.randint(-4, latest)
        ev["verifikasi"] = ev["terverifikasi"] - rng.randint(1, 4)
    elif status == "verifikasi":
        ev["verifikasi"] = rng.randint(-3, latest)
    if "verifikasi" in ev:
        ev["diajukan"] = ev["verifikasi"] - rng.randint(1, 3)
    else:
        ev["diajukan"] = rng.randint(-3, latest)
    return ev


def _built_land(rng: random.Random, start: int) -> dict[str, int]:
    """Land verified, and the koperasi in the portal, before construction starts at `start`."""
    ev = {"terverifikasi": start - rng.randint(1, 4)}
    ev["verifikasi"] = ev["terverifikasi"] - rng.randint(1, 4)
    ev["diajukan"] = ev["verifikasi"] - rng.randint(1, 3)
    ev["portal"] = start - rng.randint(0, 3)
    ev["persiapan"] = start - rng.randint(2, 6)
    return ev


def _timeline(rng: random.Random, k: _Koperasi) -> None:
    ev: dict[str, int] = {}
    final = k.final
    if final == "selesai":
        done = rng.randint(-2, _LAST)
        steps = rng.randint(6, 14)
        start = done - steps
        ev.update(_built_land(rng, start), pembangunan=start, selesai=done)
        if rng.random() < 0.55:
            ev["gerai"] = done + rng.randint(0, 3)
        curve = _curve(rng, steps, rng.uniform(86, 97))
        for w in range(max(start, 0), min(done, _LAST + 1)):
            k.progress[w] = curve[w - start]
    elif final == "pembangunan":
        start = rng.randint(-3, _LAST)
        ev.update(_built_land(rng, start), pembangunan=start)
    elif final == "persiapan":
        ev["persiapan"] = rng.randint(-5, _LAST)
        if k.portal:
            ev["portal"] = rng.randint(-6, _LAST)
            status = _draw(rng, {"terverifikasi": 0.6, "verifikasi": 0.4})
        else:
            status = _draw(rng, {"terverifikasi": 0.25, "verifikasi": 0.35, "diajukan": 0.3, "ditolak": 0.1})
        ev.update(_land_events(rng, status, _LAST))
    elif final == "belum_mulai":
        status = _draw(
            rng, {"tidak_ada": 0.3, "diajukan": 0.35, "verifikasi": 0.25, "terverifikasi": 0.05, "ditolak": 0.05}
        )
        ev.update(_land_events(rng, status, _LAST))
    else:  # tidak_dapat_dibangun
        k.tdd_kind = _draw(rng, {"tanpa_lahan": 0.45, "ditolak": 0.45, "teknis": 0.10})
        if k.tdd_kind == "tanpa_lahan":
            ev["tidak_dapat_dibangun"] = rng.randint(-8, _LAST)
        elif k.tdd_kind == "ditolak":
            # The regression story: land proposed, verified, rejected, then declared unbuildable.
            rejected = rng.randint(-3, _LAST - 1)
            ev["ditolak"] = rejected
            ev["tidak_dapat_dibangun"] = min(_LAST, rejected + rng.randint(1, 2))
            ev["verifikasi"] = rejected - rng.randint(1, 3)
            ev["diajukan"] = ev["verifikasi"] - rng.randint(1, 3)
            ev["persiapan"] = ev["verifikasi"] - rng.randint(0, 3)
        else:
            ev["tidak_dapat_dibangun"] = rng.randint(-2, _LAST)
            ev.update(_land_events(rng, "terverifikasi", ev["tidak_dapat_dibangun"] - 1))
            ev["persiapan"] = ev["terverifikasi"] - rng.randint(0, 2)

    if k.akun == "aktif":
        ev["aktif"] = rng.randint(-10, _LAST)
        ev["akun"] = ev["aktif"] - (rng.randint(1, 4) if rng.random() < 0.3 else 0)
    elif k.akun == "kendala":
        ev["akun"] = rng.randint(-6, _LAST)

    # Legal entity, then NPWP, then NIB; a koperasi in the portal or on SIMKOPDES has its legal
    # entity first.
    legal = rng.randint(-16, _LAST + 6)
    if "portal" in ev:
        legal = min(legal, ev["portal"] - rng.randint(1, 6))
    if "akun" in ev:
        legal = min(legal, ev["akun"])
    if legal <= _LAST:
        ev["badan_hukum"] = legal
        npwp = legal + rng.randint(0, 8) if rng.random() < 0.93 else _NEVER
        nib = npwp + rng.randint(0, 8) if npwp != _NEVER and rng.random() < 0.9 else _NEVER
        if final == "selesai":
            npwp, nib = min(npwp, ev["selesai"]), min(nib, ev["selesai"])
        ev["npwp"], ev["nib"] = npwp, nib

    if k.first > 0:  # registered during the window: nothing happened before
        ev = {name: max(week, k.first) for name, week in ev.items()}
    k.ev = ev

    members = rng.randint(9, 30) if k.first > 0 else rng.randint(20, 180)
    growth = rng.randint(0, 4)
    k.anggota = []
    for _ in DEMO_WEEKS:
        k.anggota.append(members)
        members += rng.randint(0, growth)
    k.chance = {name: rng.random() for name in schema.KENDALA}
    k.office_noise = rng.random()


def _build_progress(rng: random.Random, k: _Koperasi, stalls: set[int]) -> None:
    """Weekly progress of a koperasi still building at the end; no rise in the `stalls` weeks."""
    start = k.at("pembangunan")
    weeks = range(start, _LAST + 1)
    advancing = sum(1 for w in weeks if w not in stalls)
    curve = _curve(rng, advancing + rng.randint(1, 8), 97.0)
    i = -1
    for w in weeks:
        if w not in stalls:
            i += 1
        if w >= 0:
            k.progress[w] = curve[max(i, 0)]


def _final_states(rng: random.Random, members: list[_Koperasi], counts: dict[str, int]) -> None:
    """Give exactly `counts` final states: land trouble by one score, progress by another."""
    assert sum(counts.values()) == len(members), (sum(counts.values()), len(members))
    kabupaten = sorted({k.kabupaten for k in members})
    land_trouble = {kab: rng.gauss(0, 0.6) for kab in kabupaten}
    performance = {kab: rng.gauss(0, 0.8) for kab in kabupaten}
    scored = [(land_trouble[k.kabupaten] + rng.gauss(0, 1), k) for k in members]
    scored.sort(key=lambda sk: -sk[0])
    n = counts["tidak_dapat_dibangun"]
    for _, k in scored[:n]:
        k.final = "tidak_dapat_dibangun"
    rest = [(performance[k.kabupaten] + rng.gauss(0, 1), k) for _, k in scored[n:]]
    rest.sort(key=lambda sk: -sk[0])
    order = [
        s for s in ("selesai", "pembangunan", "persiapan_portal", "persiapan", "belum_mulai") for _ in range(counts[s])
    ]
    for state, (_, k) in zip(order, rest):
        k.final = "persiapan" if state == "persiapan_portal" else state
        k.portal = state in ("selesai", "pembangunan", "persiapan_portal")


_NAMES = {
    "52": (
        (
            "Lalu Ahmad",
            "Lalu Muhammad",
            "Lalu Hendra",
            "Muhammad",
            "Ahmad",
            "Abdul",
            "Zulkifli",
            "Syamsul",
            "Hairul",
            "Suparman",
            "Imran",
            "Junaidi",
            "Taufik",
            "Arif",
        ),
        (
            "Fauzi",
            "Hakim",
            "Rahman",
            "Maulana",
            "Hidayat",
            "Saputra",
            "Ramdhani",
            "Mahsun",
            "Azhar",
            "Sahabuddin",
            "Hamdani",
            "Jayadi",
        ),
        ("Baiq Nurul", "Baiq Rina", "Baiq Siti", "Siti", "Nur", "Sri", "Fitri", "Rahmi", "Dewi", "Ida"),
        (
            "Hidayati",
            "Aminah",
            "Hasanah",
            "Wahyuni",
            "Rahmawati",
            "Marlina",
            "Yuliani",
            "Sukmawati",
            "Fadilah",
            "Mardiana",
        ),
    ),
    "other": (
        (
            "Agus",
            "Budi",
            "Dedi",
            "Eko",
            "Fajar",
            "Hendri",
            "Irwan",
            "Joko",
            "Rudi",
            "Slamet",
            "Wahyu",
            "Yusuf",
            "Rizky",
            "Andi",
            "Herman",
            "Doni",
        ),
        (
            "Saputra",
            "Pratama",
            "Setiawan",
            "Wijaya",
            "Susanto",
            "Hidayat",
            "Kurniawan",
            "Nugroho",
            "Santoso",
            "Effendi",
            "Gunawan",
            "Firmansyah",
            "Ramadhan",
            "Syahputra",
        ),
        (
            "Ani",
            "Dewi",
            "Fitri",
            "Indah",
            "Lestari",
            "Maya",
            "Novi",
            "Rina",
            "Sari",
            "Tuti",
            "Yanti",
            "Nia",
            "Desi",
            "Ratna",
        ),
        (
            "Rahmawati",
            "Lestari",
            "Handayani",
            "Wulandari",
            "Permatasari",
            "Safitri",
            "Puspitasari",
            "Anggraini",
            "Kusumawati",
            "Oktaviani",
            "Marlina",
        ),
    ),
}


def _person(rng: random.Random, area: str, taken: set[str]) -> str:
    male_first, male_last, female_first, female_last = _NAMES["52" if area == "52" else "other"]
    for _ in range(50):
        if rng.random() < 0.55:
            name = f"{rng.choice(male_first)} {rng.choice(male_last)}"
        else:
            name = f"{rng.choice(female_first)} {rng.choice(female_last)}"
        if name not in taken:
            break
    taken.add(name)
    return name


def _plan_koperasi(rng: random.Random, reg: _Regions) -> list[_Koperasi]:
    koperasi: list[_Koperasi] = []
    lampung_barat = [d.kode for kec in reg.kecamatan[_LAMPUNG_BARAT] for d in reg.desa[kec]]
    without = rng.choice(lampung_barat)  # the one desa of Lampung Barat without a koperasi yet
    for kab in reg.kabupaten:
        taken: set[str] = set()
        for kec in reg.kecamatan[kab]:
            group: list[_Koperasi] = []
            for d in reg.desa[kec]:
                if d.kode == without:
                    continue
                label = "Kelurahan" if d.jenis == "kelurahan" else "Desa"
                group.append(_Koperasi(d, kab, kec, _province(kab), f"Koperasi {label} Merah Putih {d.nama}"))
            # One pendamping covers a handful of neighbouring desa of the kecamatan.
            i = 0
            while i < len(group):
                size = rng.randint(4, 8)
                name = _person(rng, group[i].area, taken)
                for k in group[i : i + size]:
                    k.pendamping = name
                i += size
            koperasi.extend(group)

    for area, counts in _FINAL.items():
        _final_states(rng, [k for k in koperasi if k.area == area], counts)

    akun_odds = {kab: (rng.uniform(0.55, 0.85), rng.uniform(0.06, 0.14)) for kab in reg.kabupaten}
    lb_akun = [a for a, n in _LAMPUNG_BARAT_AKUN.items() for _ in range(n)]
    rng.shuffle(lb_akun)
    lb_iter = iter(lb_akun)
    for k in koperasi:
        if k.kabupaten == _LAMPUNG_BARAT:
            k.akun = next(lb_iter)
        elif k.final == "selesai":
            k.akun = "aktif" if rng.random() < 0.92 else "kendala"
        else:
            aktif, kendala = akun_odds[k.kabupaten]
            r = rng.random()
            k.akun = "aktif" if r < aktif else "kendala" if r < aktif + kendala else "belum"
        if k.final == "belum_mulai" and rng.random() < 0.06:
            k.first = rng.randint(1, 9)
        _timeline(rng, k)

    # Construction: most sites rise every week; a few stall for good (rule M4 fires), a few
    # stall for three or four weeks and then resume.
    for area in _FINAL:
        building = [k for k in koperasi if k.area == area and k.final == "pembangunan"]
        early = [k for k in building if k.at("pembangunan") <= _LAST - 5]
        stalled = {id(k) for k in rng.sample(early, max(2, round(0.03 * len(building))))}
        paused = {
            id(k)
            for k in rng.sample(
                [k for k in early if id(k) not in stalled and k.at("pembangunan") <= 2],
                max(1, round(0.02 * len(building))),
            )
        }
        for k in building:
            stalls: set[int] = set()
            if id(k) in stalled:
                k.stalled_from = rng.randint(max(k.at("pembangunan") + 1, _LAST - 7), _LAST - 3)
                k.stall_reason = _draw(rng, {"cuaca": 4, "tenaga_kerja": 3, "teknis": 2, "pembiayaan": 1})
                stalls = set(range(k.stalled_from, _LAST + 1))
            elif id(k) in paused:
                begin = rng.randint(max(k.at("pembangunan") + 1, 1), _LAST - 5)
                stalls = set(range(begin, begin + rng.randint(3, 4)))
                k.stall_reason = _draw(rng, {"cuaca": 3, "tenaga_kerja": 2, "teknis": 2})
                k.ev["jeda"], k.ev["jeda_selesai"] = begin, max(stalls) + 1
            _build_progress(rng, k, stalls)
    return koperasi


def _kendala(k: _Koperasi, w: int, tahap: str, lahan: str, legal: bool, akun: str) -> list[str]:
    c = k.chance
    found = []
    if tahap == "tidak_dapat_dibangun" and k.tdd_kind != "teknis":
        found.append("lahan")
    elif lahan in ("tidak_ada", "ditolak"):
        if c["lahan"] < 0.85:
            found.append("lahan")
    elif lahan in ("diajukan", "verifikasi"):
        if c["lahan"] < 0.45:
            found.append("lahan")
    elif tahap in ("belum_mulai", "persiapan") and c["lahan"] < 0.05:
        found.append("lahan")
    stalled = k.stalled(w)
    if tahap == "pembangunan":
        # The rainy season starts in November: weather troubles more sites week by week.
        if c["cuaca"] < 0.10 + 0.03 * w or (stalled and k.stall_reason == "cuaca"):
            found.append("cuaca")
        if c["tenaga_kerja"] < 0.18 or (stalled and k.stall_reason == "tenaga_kerja"):
            found.append("tenaga_kerja")
        if c["teknis"] < 0.10 or (stalled and k.stall_reason == "teknis"):
            found.append("teknis")
        if stalled and k.stall_reason == "pembiayaan":
            found.append("pembiayaan")
    elif tahap == "persiapan":
        if c["cuaca"] < 0.04:
            found.append("cuaca")
        if c["tenaga_kerja"] < 0.04:
            found.append("tenaga_kerja")
        if c["teknis"] < 0.04:
            found.append("teknis")
    if tahap == "tidak_dapat_dibangun" and k.tdd_kind == "teknis":
        found.append("teknis" if c["teknis"] < 0.5 else "pembiayaan")
    if c["administrasi"] < (0.01 if legal else 0.15):
        found.append("administrasi")
    if "pembiayaan" not in found and c["pembiayaan"] < 0.015:
        found.append("pembiayaan")
    if akun == "kendala" and c["jaringan"] < 0.25:
        found.append("jaringan")
    if c["lainnya"] < 0.01:
        found.append("lainnya")
    return found


def _office_zone(k: _Koperasi, row: dict) -> str:
    """The zone an office writes: the rules without M4 (it does not track stalls), and now and
    then a judgement of its own."""
    if (
        row["tahap_fisik"] == "tidak_dapat_dibangun"
        or row["status_lahan"] in ("tidak_ada", "ditolak")
        or row["badan_hukum"] == "tidak"
    ):
        zone = "merah"
    elif (row["badan_hukum"], row["npwp"], row["nib"], row["akun_simkopdes"]) == ("ya", "ya", "ya", "aktif") and (
        row["tahap_fisik"] == "selesai" or row["gerai_beroperasi"] == "ya"
    ):
        zone = "hijau"
    else:
        zone = "kuning"
    if k.office_noise < 0.04:
        zone = {"merah": "kuning", "kuning": "merah", "hijau": "kuning"}[zone]
    return zone


def _yn(flag: bool) -> str:
    return "ya" if flag else "tidak"


_NOTE_UNBUILDABLE = {
    "tanpa_lahan": "Desa tidak memiliki lahan yang memenuhi syarat",
    "ditolak": "Lahan ditolak verifikator; belum ada lahan pengganti",
    "teknis": "Lokasi tidak layak secara teknis",
}
_NOTE_STALLED = {
    "cuaca": "Pekerjaan terhenti karena hujan dan banjir",
    "tenaga_kerja": "Pekerjaan terhenti: tukang kurang",
    "teknis": "Pekerjaan terhenti: revisi desain",
    "pembiayaan": "Pekerjaan terhenti: pencairan dana tertunda",
}


def _koperasi_row(k: _Koperasi, w: int, reg: _Regions, tanggal: dt.date) -> dict:
    tahap = k.tahap(w)
    lahan = k.status_lahan(w)
    legal = w >= k.at("badan_hukum")
    akun = k.akun_simkopdes(w)
    gerai = tahap == "selesai" and w >= k.at("gerai")
    if tahap == "pembangunan":
        progres = k.progress[w]
    elif tahap == "selesai":
        progres = 100.0
    elif tahap == "persiapan":
        progres = 0.0
    else:
        progres = None
    provinsi, kabupaten, kecamatan, desa = reg.names(k.desa.kode)
    if tahap == "tidak_dapat_dibangun":
        note = _NOTE_UNBUILDABLE[k.tdd_kind]
    elif tahap == "pembangunan" and k.stalled(w):
        note = _NOTE_STALLED[k.stall_reason]
    elif lahan == "ditolak":
        note = "Lahan ditolak, mengajukan lahan pengganti"
    elif gerai and w == k.at("gerai"):
        note = "Gerai mulai beroperasi minggu ini"
    elif tahap == "selesai" and w == k.at("selesai"):
        note = "Serah terima bangunan"
    else:
        note = ""
    row = {
        "tanggal_laporan": tanggal.isoformat(),
        "kode_desa": k.desa.kode,
        "provinsi": provinsi,
        "kabupaten": kabupaten,
        "kecamatan": kecamatan,
        "desa": desa,
        "nama_koperasi": k.nama,
        "badan_hukum": _yn(legal),
        "npwp": _yn(w >= k.at("npwp")),
        "nib": _yn(w >= k.at("nib")),
        "masuk_portal": _yn(w >= k.at("portal")),
        "akun_simkopdes": akun,
        "status_lahan": lahan,
        "tahap_fisik": tahap,
        "progres_fisik_persen": "" if progres is None else f"{progres:g}",
        "gerai_beroperasi": _yn(gerai),
        "jumlah_anggota": str(k.anggota[w]),
        "kendala": ";".join(_kendala(k, w, tahap, lahan, legal, akun)),
        "zona": "",
        "pendamping": k.pendamping,
        "keterangan": note,
    }
    if k.kabupaten in _OFFICE_ZONE_KABUPATEN:
        row["zona"] = _office_zone(k, row)
    return row


# --------------------------------------------------------------------------------------------
# Lahan


@dataclass
class _Parcel:
    id_lahan: str
    koperasi: _Koperasi
    sumber: str = ""
    luas: float | None = None
    verifikator: str = ""
    lat: str = ""
    lon: str = ""
    later: str = "sedang_diverifikasi"  # where a long verification ends up
    later_from: int = _NEVER
    reason: str = ""

    def status(self, w: int) -> str | None:
        k = self.koperasi
        if k.tdd_kind == "tanpa_lahan":
            return "tidak_ada_lahan" if w >= k.at("tidak_dapat_dibangun") else None
        lahan = k.status_lahan(w)
        if lahan == "tidak_ada":
            return None
        if lahan == "verifikasi":
            return self.later if w >= self.later_from else "sedang_diverifikasi"
        if lahan == "terverifikasi":
            return "selesai" if k.tahap(w) == "selesai" else "terverifikasi"
        return lahan  # diajukan, ditolak


_PREFIX = {"52": "NTB", "18": "LPG", "15.72": "SPN"}
_SUMBER = {
    "tanah_kas_desa": 55,
    "aset_pemkab": 14,
    "aset_pemprov": 8,
    "aset_pusat_bumn": 4,
    "hibah": 10,
    "sewa": 6,
    "lainnya": 3,
}
_VERIFIKATOR = {"TNI": 30, "Agrinas": 25, "Business Assistant": 25, "Koperasi": 10, "Pemda": 10}
_REJECTED = (
    "Status tanah masih sengketa",
    "Luas tidak memenuhi syarat",
    "Akses jalan tidak memadai",
    "Lokasi rawan banjir",
    "Dokumen kepemilikan tidak lengkap",
)


def _plan_parcels(rng: random.Random, koperasi: list[_Koperasi], reg: _Regions) -> list[_Parcel]:
    parcels: list[_Parcel] = []
    seq: dict[str, int] = {}
    for k in koperasi:
        if k.tdd_kind != "tanpa_lahan" and k.at("diajukan") > _LAST:
            continue
        kab = k.kabupaten.replace(".", "")
        seq[kab] = seq.get(kab, 0) + 1
        p = _Parcel(f"{_PREFIX[k.area]}-{kab}-{seq[kab]:04d}", k)
        p.verifikator = _draw(rng, _VERIFIKATOR)
        if k.tdd_kind != "tanpa_lahan":
            r = rng.random()
            p.luas = round(rng.uniform(400, 990), -1) if r < 0.02 else round(rng.uniform(1000, 5000), -1)
            p.lat, p.lon = _near(rng, *reg.centre(k.desa), 0.008)
            if k.at("verifikasi") <= _LAST:
                p.later_from = k.at("verifikasi") + rng.randint(2, 5)
                p.later = _draw(
                    rng, {"sedang_diverifikasi": 0.6, "dipertimbangkan": 0.2, "perlu_verifikasi_lanjutan": 0.2}
                )
            p.reason = rng.choice(_REJECTED)
        parcels.append(p)

    # Sources: exactly 49 parcels of NTB from the province are still in verification at the end.
    in_verification = [p for p in parcels if p.koperasi.area == "52" and p.status(_LAST) == "sedang_diverifikasi"]
    assert len(in_verification) >= _NTB_PEMPROV_IN_VERIFICATION, len(in_verification)
    pemprov = {p.id_lahan for p in rng.sample(in_verification, _NTB_PEMPROV_IN_VERIFICATION)}
    verifying = {p.id_lahan for p in in_verification}
    others = {s: n for s, n in _SUMBER.items() if s != "aset_pemprov"}
    for p in parcels:
        if p.luas is None:
            continue
        if p.id_lahan in pemprov:
            p.sumber = "aset_pemprov"
        else:
            p.sumber = _draw(rng, others if p.id_lahan in verifying else _SUMBER)
        if p.sumber == "aset_pemkab" and reg.is_kota(p.koperasi.kabupaten):
            p.sumber = "aset_pemkot"
    return parcels


def _parcel_row(p: _Parcel, w: int, status: str, reg: _Regions, tanggal: dt.date) -> dict:
    k = p.koperasi
    provinsi, kabupaten, kecamatan, desa = reg.names(k.desa.kode)
    kendala, note = "", ""
    if status in ("ditolak", "tidak_ada_lahan"):
        kendala = "lahan"
        note = p.reason if status == "ditolak" else "Tidak ada lahan yang memenuhi syarat"
    elif status == "perlu_verifikasi_lanjutan":
        kendala = "administrasi"
        note = "Perlu surat keterangan riwayat tanah"
    verified = status != "diajukan"
    return {
        "id_lahan": p.id_lahan,
        "tanggal_laporan": tanggal.isoformat(),
        "kode_desa": k.desa.kode,
        "provinsi": provinsi,
        "kabupaten": kabupaten,
        "kecamatan": kecamatan,
        "desa": desa,
        "nama_koperasi": k.nama,
        "sumber_lahan": p.sumber,
        "luas_m2": "" if p.luas is None else f"{p.luas:g}",
        "status_verifikasi": status,
        "verifikator": p.verifikator if verified else "",
        "lat": p.lat,
        "lon": p.lon,
        "kendala": kendala,
        "keterangan": note,
    }


# --------------------------------------------------------------------------------------------
# SPPG


@dataclass
class _Sppg:
    kabupaten: str
    kecamatan: str
    desa: _Desa
    nama: str
    appears: int = 0
    persiapan: int = _NEVER
    beroperasi: int = _NEVER
    closed: tuple[int, int] = (_NEVER, _NEVER)
    kapasitas: int = 3000
    served_share: float = 0.9
    suppliers: int = 5
    lat: str = ""
    lon: str = ""
    tanggal_operasi: dt.date | None = None

    def status(self, w: int) -> str | None:
        if w < self.appears:
            return None
        if self.closed[0] <= w < self.closed[1]:
            return "ditutup_sementara"
        if w >= self.beroperasi:
            return "beroperasi"
        if w >= self.persiapan:
            return "persiapan"
        return "rencana"


def _plan_sppg(rng: random.Random, reg: _Regions) -> list[_Sppg]:
    kitchens: list[_Sppg] = []

    def add(kab: str, kec: str, n: int) -> list[_Sppg]:
        places = [d for d in reg.desa[kec] if d.lat is not None] or reg.desa[kec]
        name = reg.g.name("kecamatan", kec)
        made = []
        for i in range(1, n + 1):
            d = rng.choice(places)
            s = _Sppg(kab, kec, d, f"SPPG {name} {i}")
            s.kapasitas = rng.randint(20, 30) * 100 if rng.random() < 0.8 else rng.randint(10, 19) * 100
            s.served_share = rng.uniform(0.85, 0.98)
            s.suppliers = rng.randint(4, 18)
            s.lat, s.lon = _near(rng, *reg.centre(d), 0.01)
            made.append(s)
        kitchens.extend(made)
        return made

    def operate(s: _Sppg, week: int) -> None:
        s.beroperasi = week
        s.persiapan = week - rng.randint(3, 8)
        s.appears = min(0, s.persiapan - rng.randint(1, 4))
        s.tanggal_operasi = DEMO_WEEKS[0] + dt.timedelta(weeks=week, days=rng.randint(0, 4))

    for kab in reg.kabupaten:
        kecamatan = reg.kecamatan[kab]
        if kab == _LAMPUNG_BARAT:
            _plan_lampung_barat(rng, kecamatan, add, operate)
            continue
        for kec in kecamatan:
            n = _draw(rng, {"0": 0.25, "1": 0.45, "2": 0.22, "3": 0.08})
            for s in add(kab, kec, int(n)):
                final = _draw(rng, {"beroperasi": 0.2, "persiapan": 0.3, "rencana": 0.5})
                if final == "beroperasi":
                    operate(s, -rng.randint(1, 30) if rng.random() < 0.55 else rng.randint(1, _LAST))
                elif final == "persiapan":
                    s.persiapan = rng.randint(-6, _LAST)
                    s.appears = max(0, s.persiapan - rng.randint(1, 5)) if rng.random() < 0.2 else 0
                else:
                    s.appears = rng.randint(1, _LAST) if rng.random() < 0.25 else 0
    # Two kitchens that operated before the window close for a week or two, then reopen.
    long_running = [s for s in kitchens if s.beroperasi < 0 and s.kabupaten != _LAMPUNG_BARAT]
    for s in rng.sample(long_running, 2):
        begin = rng.randint(3, 8)
        s.closed = (begin, begin + rng.randint(1, 2))
    return kitchens


def _plan_lampung_barat(rng: random.Random, kecamatan: list[str], add, operate) -> None:
    """24 SPPG; the first of Balik Bukit, Sekincau and Bandar Negeri Suoh opens in the window."""
    counts = {kec: 0 for kec in kecamatan}
    counts.update({"18.04.04": 3, "18.04.08": 2, "18.04.23": 2})
    rest = [kec for kec in kecamatan if kec not in _LAMPUNG_BARAT_SPPG_OPERATING]
    empty = rng.choice(rest)  # one kecamatan has no SPPG planned yet
    rest = [kec for kec in rest if kec != empty]
    remaining = _LAMPUNG_BARAT_SPPG_TOTAL - sum(counts.values())
    for kec in rest:
        counts[kec] = 1
    for kec in rng.sample(rest, remaining - len(rest)):
        counts[kec] += 1
    weeks = sorted(rng.sample(range(2, _LAST), len(_LAMPUNG_BARAT_SPPG_OPERATING)))
    opening = dict(zip(rng.sample(list(_LAMPUNG_BARAT_SPPG_OPERATING), len(weeks)), weeks))
    for kec in kecamatan:
        for i, s in enumerate(add(_LAMPUNG_BARAT, kec, counts[kec])):
            if i == 0 and kec in opening:
                operate(s, opening[kec])
            elif rng.random() < 0.4:
                s.persiapan = rng.randint(-4, _LAST)
            else:
                s.appears = rng.randint(2, _LAST) if rng.random() < 0.25 else 0


def _sppg_row(s: _Sppg, w: int, status: str, reg: _Regions, tanggal: dt.date) -> dict:
    provinsi, kabupaten, kecamatan, desa = reg.names(s.desa.kode)
    running = status in ("beroperasi", "ditutup_sementara")
    weeks_open = w - s.beroperasi
    served = round(s.kapasitas * s.served_share * min(1.0, 0.6 + 0.1 * weeks_open)) if status == "beroperasi" else 0
    return {
        "tanggal_laporan": tanggal.isoformat(),
        "kode_desa": s.desa.kode,
        "provinsi": provinsi,
        "kabupaten": kabupaten,
        "kecamatan": kecamatan,
        "desa": desa,
        "nama_sppg": s.nama,
        "status": status,
        "tanggal_operasi": s.tanggal_operasi.isoformat() if running else "",
        "lat": s.lat,
        "lon": s.lon,
        "kapasitas_porsi": str(s.kapasitas),
        "penerima_manfaat": str(served) if running else "",
        "pemasok_lokal": str(min(40, s.suppliers + max(0, weeks_open) // 3)) if running else "",
    }


# --------------------------------------------------------------------------------------------
# Bimtek

_KATEGORI = {"ketua_koperasi": 50, "pengurus": 20, "pengawas": 12, "pendamping": 10, "lainnya": 8}
_KEGIATAN = {
    "ketua_koperasi": "Bimtek Ketua Koperasi",
    "pengurus": "Bimtek Pengurus Koperasi",
    "pengawas": "Bimtek Pengawas Koperasi",
    "pendamping": "Pelatihan Pendamping Koperasi",
    "lainnya": "Sosialisasi Koperasi Desa Merah Putih",
}


def _plan_bimtek(rng: random.Random, reg: _Regions) -> dict[int, list[dict]]:
    events: dict[int, list[dict]] = {w: [] for w in range(len(DEMO_WEEKS))}
    batch: dict[str, int] = {}

    def event(w: int, kab: str, kec: str, kategori: str, peserta: int) -> None:
        batch[kab] = batch.get(kab, 0) + 1
        day = DEMO_WEEKS[w] + dt.timedelta(days=rng.randint(0, 4))
        events[w].append(
            {
                "tanggal": day.isoformat(),
                "kode_kabupaten": kab,
                "provinsi": reg.g.name("provinsi", kab.split(".")[0]),
                "kabupaten": reg.g.name("kabupaten", kab),
                "kecamatan": reg.g.name("kecamatan", kec),
                "nama_kegiatan": f"{_KEGIATAN[kategori]} Kec. {reg.g.name('kecamatan', kec)} Angkatan {batch[kab]}",
                "jumlah_peserta": str(peserta),
                "kategori_peserta": kategori,
            }
        )

    # Earlier weeks: a few kabupaten train each week (not Lampung Selatan, whose turn is last).
    others = [kab for kab in reg.kabupaten if kab != _LAMPUNG_SELATAN]
    for w in range(len(DEMO_WEEKS)):
        if w in (0, 6):
            continue
        for kab in rng.sample(others, rng.randint(1, 3)):
            for kec in rng.sample(reg.kecamatan[kab], min(len(reg.kecamatan[kab]), rng.randint(1, 4))):
                kategori = _draw(rng, _KATEGORI)
                peserta = len(reg.desa[kec]) if kategori == "ketua_koperasi" else rng.randint(10, 40)
                event(w, kab, kec, kategori, max(5, peserta - rng.randint(0, 2)))

    # The latest week: the chairs of eight kecamatan of Lampung Selatan, one per desa bar a few
    # absentees, plus one session for board members that brings the total to 130.
    n_kec, total = _LAMPUNG_SELATAN_BIMTEK
    kecamatan = reg.kecamatan[_LAMPUNG_SELATAN]
    for _ in range(1000):
        chosen = sorted(rng.sample(kecamatan, n_kec))
        chairs = [max(3, len(reg.desa[kec]) - rng.randint(0, 2)) for kec in chosen]
        if 6 <= total - sum(chairs) <= 30:
            break
    else:
        raise AssertionError("no Lampung Selatan bimtek plan adds up")
    for kec, peserta in zip(chosen, chairs):
        event(_LAST, _LAMPUNG_SELATAN, kec, "ketua_koperasi", peserta)
    event(_LAST, _LAMPUNG_SELATAN, rng.choice(chosen), "pengurus", total - sum(chairs))
    return events


# --------------------------------------------------------------------------------------------
# Files


def _csv(dataset: str, rows: list[dict]) -> bytes:
    columns = [c.name for c in schema.DATASETS[dataset].columns]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    # Optional template columns the demo does not fill (e.g. kode_kecamatan) stay empty.
    writer.writerows([row.get(c, "") for c in columns] for row in rows)
    return buffer.getvalue().encode("utf-8")


def build_files(gazetteer: Gazetteer) -> list[tuple[str, str, bytes]]:
    """The demo uploads as (file name, dataset, CSV bytes), oldest week first.

    One koperasi, lahan and sppg file per week, a bimtek file for each week with events, and the targets.
    """
    rng = random.Random(SEED)
    reg = _regions(gazetteer)
    koperasi = _plan_koperasi(rng, reg)
    parcels = _plan_parcels(rng, koperasi, reg)
    kitchens = _plan_sppg(rng, reg)
    bimtek = _plan_bimtek(rng, reg)
    # Each office reports on its own day, Thursday to Saturday.
    report_day = {
        (kab, w): DEMO_WEEKS[w] + dt.timedelta(days=rng.choice((3, 4, 4, 4, 5)))
        for kab in reg.kabupaten
        for w in range(len(DEMO_WEEKS))
    }
    missing = set(_MISSING_REPORTS)

    files = []
    for w, week in enumerate(DEMO_WEEKS):
        reported = [k for k in koperasi if k.first <= w and (k.kabupaten, w) not in missing]
        rows = [_koperasi_row(k, w, reg, report_day[k.kabupaten, w]) for k in reported]
        if w == _LAST:
            _plant_quality_findings(reported, rows, missing)
        files.append((f"contoh_koperasi_{week.isoformat()}.csv", "koperasi", _csv("koperasi", rows)))
        rows = []
        for p in parcels:
            status = p.status(w)
            if status is not None:
                rows.append(_parcel_row(p, w, status, reg, report_day[p.koperasi.kabupaten, w]))
        if w == _LAST:
            _plant_far_parcel(rows, reg)
        files.append((f"contoh_lahan_{week.isoformat()}.csv", "lahan", _csv("lahan", rows)))
        rows = []
        for s in kitchens:
            status = s.status(w)
            if status is not None:
                rows.append(_sppg_row(s, w, status, reg, report_day[s.kabupaten, w]))
        if w == _LAST:
            _plant_kitchen_without_beneficiaries(rows)
        files.append((f"contoh_sppg_{week.isoformat()}.csv", "sppg", _csv("sppg", rows)))
        if bimtek[w]:
            files.append((f"contoh_bimtek_{week.isoformat()}.csv", "bimtek", _csv("bimtek", bimtek[w])))
    files.append(("contoh_target.csv", "target", _csv("target", TARGET)))
    return files


# Targets that tell the seed stories on the demo's own timeline (its latest week is 16 Nov 2026):
# Kota Sungai Penuh's 65 desa where gerai are built under Inpres 17/2025 (reached that week),
# gerai of Kota Bandar Lampung on city and provincial land by the end of March (on track), and
# Lampung Barat's 24 planned SPPG all operating by the end of the year (3 operate: far behind).
TARGET = [
    {
        "metrik": "corong_pembangunan",
        "kode_wilayah": "15.72",
        "nilai_target": "65",
        "tenggat": "2026-11-30",
        "sumber": "Inpres 17/2025",
        "catatan": "Gerai dibangun di 65 desa/kelurahan Kota Sungai Penuh",
    },
    {
        "metrik": "corong_pembangunan",
        "kode_wilayah": "18.71",
        "nilai_target": "45",
        "tenggat": "2027-03-31",
        "sumber": "Kesepakatan Pemkot Bandar Lampung dan Pemprov Lampung",
        "catatan": "Gerai di atas lahan aset pemkot dan pemprov mulai dibangun paling lambat akhir Maret",
    },
    {
        "metrik": "sppg_beroperasi",
        "kode_wilayah": "18.04",
        "nilai_target": "24",
        "tenggat": "2026-12-31",
        "sumber": "Rencana SPPG Kabupaten Lampung Barat",
        "catatan": "Seluruh 24 SPPG yang direncanakan beroperasi",
    },
]


# The data-quality findings (data/kualitas.toml) planted in the latest week, one each, so the page
# Kualitas Data, the upload report and `summary --json` have something to show. All leave every
# published figure and every zone as they are: a progress figure typed lower than last week's and
# an NIB on a koperasi without badan hukum (already red by M3, so its zone does not change), in the
# koperasi file; a land parcel whose point lies about 20 km from its desa, in the lahan file; and an
# operating SPPG that reports 0 beneficiaries, in the sppg file. Only the first two are in a
# koperasi file (kualitas.DARI_LAPORAN_KOPERASI): the upload report of a koperasi file shows those.
KUALITAS_TERTANAM = ("progres_turun", "nib_tanpa_badan_hukum", "lahan_jauh_dari_desa", "sppg_tanpa_penerima")
# Kabupaten/kota whose figures the demo promises (and those whose office types a zone): not used.
_TANPA_TANAMAN = {"18.04", "15.72", *_OFFICE_ZONE_KABUPATEN}


def _plant_quality_findings(reported: list[_Koperasi], rows: list[dict], missing: set) -> None:
    """Edit the latest week's rows of the first koperasi (in plan order) fit for each planted finding."""
    w = _LAST
    fits = [
        (k, row)
        for k, row in zip(reported, rows)
        if k.kabupaten not in _TANPA_TANAMAN and k.first <= w - 2 and (k.kabupaten, w - 1) not in missing
    ]
    # Progress that rose last week and is typed 5 points lower than last week's this week (one
    # week without progress, far from the three that make M4).
    for k, row in fits:
        if (
            all(k.tahap(v) == "pembangunan" and not k.stalled(v) for v in (w - 2, w - 1, w))
            and k.progress[w - 1] > k.progress[w - 2]
            and k.progress[w - 1] >= 10
        ):
            row["progres_fisik_persen"] = f"{k.progress[w - 1] - 5:g}"
            break
    for k, row in fits:
        if row["badan_hukum"] == "tidak" and row["nib"] == "tidak" and k.tahap(w) != "tidak_dapat_dibangun":
            row["nib"] = "ya"
            break


# How far the planted land parcel is moved from its desa centroid (the rule's batas_km is 10).
_JAUH_KM = (15.0, 25.0)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km, as the SQL macro jarak_km computes it."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _plant_far_parcel(rows: list[dict], reg: _Regions) -> None:
    """Edit the latest week's row of the first parcel (in plan order) with a point and a desa centroid:
    its point goes to the centroid of another desa of its kab/kota between 15 and 25 km away (the
    one nearest 20 km), so it stays on land and inside its kab/kota."""
    by_code = {d.kode: d for desas in reg.desa.values() for d in desas}
    for row in rows:
        d = by_code[row["kode_desa"]]
        kabupaten = d.kode.rsplit(".", 2)[0]
        if kabupaten in _TANPA_TANAMAN or not row["lat"] or d.lat is None or d.lon is None:
            continue
        others = [
            (abs(km - 20), o.kode, o)
            for kec in reg.kecamatan[kabupaten]
            for o in reg.desa[kec]
            if o.lat is not None and o.lon is not None
            for km in [_km((d.lat, d.lon), (o.lat, o.lon))]
            if _JAUH_KM[0] <= km <= _JAUH_KM[1]
        ]
        if others:
            far = min(others)[2]
            row["lat"], row["lon"] = f"{far.lat:.5f}", f"{far.lon:.5f}"
            return
    raise AssertionError("no land parcel to plant lahan_jauh_dari_desa")


def _plant_kitchen_without_beneficiaries(rows: list[dict]) -> None:
    """Edit the latest week's row of the first operating SPPG (in plan order) outside the promised
    kab/kota: it reports 0 beneficiaries. Only the beneficiaries total of its area changes; the
    SPPG counts per status (and those that filled in the figure) stay."""
    for row in rows:
        if row["status"] == "beroperasi" and row["kode_desa"].rsplit(".", 2)[0] not in _TANPA_TANAMAN:
            row["penerima_manfaat"] = "0"
            return
    raise AssertionError("no SPPG to plant sppg_tanpa_penerima")


class DemoDataError(RuntimeError):
    """A demo file did not validate cleanly: the generator and the importer disagree."""


def load(con: duckdb.DuckDBPyConnection, gazetteer: Gazetteer | None = None) -> list[int]:
    """Ingest every demo file as a demo batch; returns the batch ids.

    On a database that already holds the demo, the first commit refuses the identical file
    (ingest.UploadRefused): check is_loaded() first, or remove it with ingest.remove_demo().
    """
    g = gazetteer or Gazetteer.load(con)
    rules = zona.aturan.load_rules()
    order = {name: i for i, name in enumerate(("koperasi", "lahan", "sppg", "bimtek", "target"))}
    uploads = []
    for file_name, dataset, data in build_files(g):
        prepared = ingest.prepare(con, data, file_name, dataset, today=_TODAY, gazetteer=g)
        if prepared.rejected or prepared.result.errors:
            problems = prepared.result.errors[:5] if prepared.result else []
            raise DemoDataError(f"{file_name}: {prepared.reason or ''} {[p.as_dict() for p in problems]}")
        # Uploaded on the Saturday of the reporting week, in a fixed order, so the demo's
        # history reads the same on every machine.
        week = prepared.weeks[-1]
        uploads.append((prepared, dt.datetime.combine(week + dt.timedelta(days=5), dt.time(15, order[dataset] * 5))))
    # One transaction for every file, the zones computed once over the twelve weeks: the demo is
    # loaded whole or not at all.
    batches = ingest.commit_all(con, uploads, user=USER, demo=True, rules=rules)
    _assign_reporters(con, batches)
    return batches


def _assign_reporters(con: duckdb.DuckDBPyConnection, batches: list[int]) -> None:
    """The demo expects a report from the kabupaten/kota it covers, per dataset (kept when an
    administrator already assigned that dataset)."""
    assigned = kelengkapan.wajib_lapor(con)
    cur = db.cursor(con)
    try:
        rows = cur.execute(
            "select distinct dataset, kode_kabupaten from batch_cakupan where batch_id in (select unnest($ids::integer[]))",
            {"ids": batches},
        ).fetchall()
    finally:
        cur.close()
    # Bimtek is event-based (no report is due every week): it keeps the default.
    for dataset in (d for d in kelengkapan.DATASETS if d not in kelengkapan.BERBASIS_KEGIATAN):
        covered = [kode for ds, kode in rows if ds == dataset]
        if covered and not assigned.get(dataset):
            kelengkapan.atur_wajib_lapor(
                con, dataset, covered, USER, contoh=True, now=dt.datetime.combine(_TODAY, dt.time(16))
            )


def is_loaded(con: duckdb.DuckDBPyConnection, *, undone_too: bool = False) -> bool:
    """Whether a demo batch counts (the badge), or with `undone_too` whether one was ever loaded."""
    cur = db.cursor(con)
    try:
        return bool(
            cur.execute(
                "select count(*) > 0 from upload_batch where contoh and ($semua or dibatalkan_pada is null)",
                {"semua": undone_too},
            ).fetchone()[0]
        )
    finally:
        cur.close()
