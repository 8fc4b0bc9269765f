"""Targets and deadlines: is the pace of the last weeks enough to reach a target on a registry
metric by its date, and which areas hold it back?

A target is data (the `target` dataset: uploaded, replaced and undone like the others, or set in
the form of the Target & Tenggat page): a registry metric (analytics/metrik.BISA_TARGET), an area
(the country, a provinsi, kab/kota or kecamatan), a value (a count, or a share of the source's
`dasar`: registered koperasi, all SPPG, ...), a deadline, its source and a note. One target per
metric and area counts: the newest not undone.

For a week, `hitung` gives the actual value, the distance left, the weekly pace needed to close it
by the deadline, the recent pace (mean weekly change over the last `minggu_laju` weeks with data),
the date reached at that pace and a status; data/target.toml holds the thresholds. Everything that
shows a target (the page, the deck, the map, Ringkasan, `summary --json`) reads `daftar` or
`capaian`; nothing recomputes a pace.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analytics import db, metrik, periode
from analytics.db import DATA_DIR
from analytics.filters import LEVELS, Filter
from analytics.kamus import TARGET_STATUS

PENGATURAN_FILE = DATA_DIR / "target.toml"
# The levels a target can be set at (a desa target would be one koperasi: a task, not a target).
TINGKAT_TARGET = ("provinsi", "kabupaten", "kecamatan")


class PengaturanTargetError(ValueError):
    """data/target.toml cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Pengaturan:
    minggu_laju: int = 4
    batas_sesuai_jalur: float = 1.0
    batas_berisiko: float = 0.5


def load_pengaturan(path: Path | None = None) -> Pengaturan:
    path = Path(os.environ.get("KDKMP_TARGET") or path or PENGATURAN_FILE)
    values = {}
    if path.is_file():
        with path.open("rb") as fh:
            values = tomllib.load(fh)
    known = {k: v for k, v in values.items() if k in Pengaturan.__dataclass_fields__}
    p = Pengaturan(**known)
    if not isinstance(p.minggu_laju, int) or p.minggu_laju < 1:
        raise PengaturanTargetError(f"{path.name}: minggu_laju harus bilangan bulat 1 atau lebih.")
    if not 0 <= p.batas_berisiko <= p.batas_sesuai_jalur:
        raise PengaturanTargetError(f"{path.name}: harus 0 ≤ batas_berisiko ≤ batas_sesuai_jalur.")
    return p


@dataclass(frozen=True)
class Target:
    metrik: str
    kode_wilayah: str  # '' for the whole country
    jenis: str  # 'jumlah' (a count) or 'bagian' (a share 0–1 of the source's dasar)
    nilai: float
    tenggat: dt.date
    sumber: str | None = None
    catatan: str | None = None
    batch_id: int | None = None

    @property
    def id(self) -> str:
        return f"{self.metrik}@{self.kode_wilayah or 'nasional'}"

    @property
    def tingkat(self) -> str | None:
        return tingkat_kode(self.kode_wilayah)

    @property
    def m(self) -> metrik.Metrik:
        return metrik.METRIK[self.metrik]

    @property
    def bagian(self) -> bool:
        return self.jenis == "bagian"

    def teks(self, value: float | None) -> str:
        """A value of this target (its actual, its target) in Indonesian format."""
        from analytics.format import persen

        if value is None:
            return "–"
        return persen(value) if self.bagian else self.m.teks(value)


def tingkat_kode(kode: str | None) -> str | None:
    """The level of a dotted code ('' or None: the country)."""
    if not kode:
        return None
    return LEVELS[kode.count(".")]


@dataclass(frozen=True)
class Capaian:
    """One target at one week. Paces are per week in the metric's own unit (a share for a share
    target), signed: a metric that should fall has a negative pace needed."""

    minggu: dt.date | None  # the week of `aktual`: the latest with data at or before the week asked
    aktual: float | None  # None: no data yet for the area
    target: float
    selisih: float  # distance left (≥ 0; 0 once reached)
    sisa_minggu: float | None  # weeks from `minggu` to the deadline (≤ 0: passed)
    laju_perlu: float | None  # None: reached, deadline passed, or no data
    laju_kini: float | None  # None: fewer than two weeks with data
    proyeksi: dt.date | None  # the date reached at `laju_kini`; None when it never is
    status: str  # kamus.TARGET_STATUS
    alasan: str  # why: tercapai, tanpa_data, satu_minggu, tenggat_lewat, laju_nol, laju_mundur, laju
    tercapai_pada: dt.date | None = None  # the first week of the run of weeks meeting the target
    rasio: float | None = None  # laju_kini / laju_perlu
    turun: bool = False  # the metric should fall (arah 'turun')

    @property
    def capaian(self) -> float | None:
        """Share of the target reached (the map's value); for a falling metric, target / actual."""
        if self.aktual is None:
            return None
        if self.turun:
            return 1.0 if self.aktual == 0 else self.target / self.aktual
        if self.target == 0 and self.aktual == 0:
            return 1.0
        return None if self.target == 0 else self.aktual / self.target


def _arah(m: metrik.Metrik) -> int:
    return -1 if m.arah == "turun" else 1


def _hari(weeks: float) -> int:
    """Whole days in `weeks`, rounded up (float noise of an exact quotient does not add a day)."""
    return math.ceil(round(weeks * 7, 6))


def hitung(
    seri: list[tuple[dt.date, float]],
    t: Target,
    minggu: dt.date | None,
    pengaturan: Pengaturan | None = None,
) -> Capaian:
    """The target `t` at `minggu` (None: the latest week of `seri`) from the weekly series of its
    metric in its area: (week, value) oldest first, each value in the target's unit."""
    cfg = pengaturan or Pengaturan()
    s = _arah(t.m)
    titik = sorted((periode.as_date(w), v) for w, v in seri if v is not None and (minggu is None or w <= minggu))
    if not titik:
        acuan = minggu or periode.monday(dt.date.today())
        sisa = (t.tenggat - acuan).days / 7
        return Capaian(
            None,
            None,
            t.nilai,
            abs(t.nilai),
            sisa,
            None,
            None,
            None,
            "terlambat" if sisa <= 0 else "berisiko",
            "tanpa_data",
            turun=s < 0,
        )
    kini, aktual = titik[-1]
    sisa = (t.tenggat - kini).days / 7

    def memenuhi(v: float) -> bool:
        return s * (v - t.nilai) >= 0

    laju = None
    jendela = titik[-(cfg.minggu_laju + 1) :]
    if len(jendela) >= 2:
        (w0, v0), (w1, v1) = jendela[0], jendela[-1]
        laju = (v1 - v0) / ((w1 - w0).days / 7)
    if memenuhi(aktual):
        sejak = kini
        for w, v in reversed(titik):
            if not memenuhi(v):
                break
            sejak = w
        return Capaian(kini, aktual, t.nilai, 0.0, sisa, None, laju, None, "tercapai", "tercapai", sejak, turun=s < 0)
    selisih = abs(t.nilai - aktual)
    maju = None if laju is None else s * laju  # pace towards the target (negative: away from it)
    proyeksi = kini + dt.timedelta(days=_hari(selisih / maju)) if maju else None
    if maju is not None and maju < 0:
        proyeksi = None
    if sisa <= 0:
        return Capaian(
            kini, aktual, t.nilai, selisih, sisa, None, laju, proyeksi, "terlambat", "tenggat_lewat", turun=s < 0
        )
    perlu = (t.nilai - aktual) / sisa
    if laju is None:
        return Capaian(kini, aktual, t.nilai, selisih, sisa, perlu, None, None, "berisiko", "satu_minggu", turun=s < 0)
    rasio = laju / perlu
    if rasio >= cfg.batas_sesuai_jalur:
        status = "sesuai_jalur"
    elif rasio >= cfg.batas_berisiko:
        status = "berisiko"
    else:
        status = "terlambat"
    alasan = "laju_nol" if laju == 0 else ("laju_mundur" if maju < 0 else "laju")
    return Capaian(kini, aktual, t.nilai, selisih, sisa, perlu, laju, proyeksi, status, alasan, None, rasio, s < 0)


# --- Reading targets and the series they are measured on -----------------------------------------


def semua(con, f: Filter | None = None) -> list[Target]:
    """The targets that count whose area lies inside the filter (the filter's own area included)."""
    f = f or Filter()
    df = db.run(con, "target/target_aktif", {"kode": f.code})
    return [
        Target(
            r["metrik"],
            r["kode_wilayah"],
            r["jenis"],
            float(r["nilai"]),
            periode.as_date(r["tenggat"]),
            _teks(r["sumber"]),
            _teks(r["catatan"]),
            int(r["batch_id"]),
        )
        for r in df.to_dict("records")
    ]


def _teks(v) -> str | None:
    """A text column's value; a null comes out of DuckDB as None or NaN (NaN is truthy)."""
    return v if isinstance(v, str) and v else None


def _nilai(t: Target, row: dict) -> float | None:
    """The target's measure in one row of metric values: the count, or the share of the dasar."""
    v = row[t.metrik]
    if not t.bagian:
        return float(v)
    dasar = row[metrik.SUMBER[t.m.sumber].dasar]
    return v / dasar if dasar else None


def seri(con, targets: list[Target]) -> dict[str, list[tuple[dt.date, float]]]:
    """Every target's weekly series (id → [(week, value)]): one query per source and level."""
    out: dict[str, list[tuple[dt.date, float]]] = {t.id: [] for t in targets}
    groups: dict[tuple[str, str | None], list[Target]] = {}
    for t in targets:
        groups.setdefault((t.m.sumber, t.tingkat), []).append(t)
    for (sumber, tingkat), ts in groups.items():
        df = metrik.per_minggu(con, sumber, tingkat, sorted({t.kode_wilayah for t in ts}))
        rows = df.to_dict("records")
        for t in ts:
            points = [(r["minggu"], _nilai(t, r)) for r in rows if r["kode"] == t.kode_wilayah]
            out[t.id] = [(w, v) for w, v in points if v is not None]
    return out


KOLOM = (
    "id",
    "metrik",
    "label",
    "kode_wilayah",
    "tingkat",
    "nama",
    "jenis",
    "target",
    "tenggat",
    "sumber",
    "catatan",
    "minggu",
    "aktual",
    "selisih",
    "sisa_minggu",
    "laju_perlu",
    "laju_kini",
    "proyeksi",
    "status",
    "alasan",
    "tercapai_pada",
    "rasio",
    "capaian",
)


def daftar(con, f: Filter | None, minggu: dt.date | None, pengaturan: Pengaturan | None = None) -> pd.DataFrame:
    """Every target inside the filter at `minggu` (None: each at its latest week with data), the
    columns KOLOM, riskiest first: by status (terlambat, berisiko, sesuai jalur, tercapai), then
    the pace ratio, then the deadline."""
    cfg = pengaturan or load_pengaturan()
    targets = semua(con, f)
    series = seri(con, targets)
    names = _nama(con, [t.kode_wilayah for t in targets])
    rows = []
    for t in targets:
        c = hitung(series[t.id], t, minggu, cfg)
        rows.append(
            {
                "id": t.id,
                "metrik": t.metrik,
                "label": t.m.label,
                "kode_wilayah": t.kode_wilayah,
                "tingkat": t.tingkat,
                "nama": names.get(t.kode_wilayah),
                "jenis": t.jenis,
                "target": t.nilai,
                "tenggat": t.tenggat,
                "sumber": t.sumber,
                "catatan": t.catatan,
                "minggu": c.minggu,
                "aktual": c.aktual,
                "selisih": c.selisih,
                "sisa_minggu": c.sisa_minggu,
                "laju_perlu": c.laju_perlu,
                "laju_kini": c.laju_kini,
                "proyeksi": c.proyeksi,
                "status": c.status,
                "alasan": c.alasan,
                "tercapai_pada": c.tercapai_pada,
                "rasio": c.rasio,
                "capaian": c.capaian,
            }
        )
    out = pd.DataFrame(rows, columns=list(KOLOM))
    if out.empty:
        return out
    out["_s"] = out["status"].map({s: i for i, s in enumerate(TARGET_STATUS)})
    out["_r"] = out["rasio"].astype("float64").fillna(-math.inf)
    out = out.sort_values(["_s", "_r", "tenggat", "id"], kind="stable").drop(columns=["_s", "_r"])
    return out.reset_index(drop=True)


def _nama(con, kode: list[str]) -> dict[str, str]:
    kode = sorted({k for k in kode if k})
    if not kode:
        return {}
    df = db.run(con, "target/nama_wilayah", {"kode": kode})
    return dict(zip(df["kode"], df["nama"]))


def cari(targets: list[Target], target_id: str) -> Target | None:
    return next((t for t in targets if t.id == target_id), None)


def dari_baris(row: dict) -> Target:
    """The Target a row of `daftar` is about (no query: the row carries every field that counts)."""
    return Target(
        row["metrik"],
        row["kode_wilayah"],
        row["jenis"],
        float(row["target"]),
        periode.as_date(row["tenggat"]),
        row["sumber"] if isinstance(row["sumber"], str) else None,
        row["catatan"] if isinstance(row["catatan"], str) else None,
    )


def riwayat(con, t: Target, pengaturan: Pengaturan | None = None) -> pd.DataFrame:
    """The burn-up of one target: per week with data its value and the straight line from the
    first week's value to the target on the deadline (columns minggu, aktual, garis)."""
    points = seri(con, [t])[t.id]
    if not points:
        return pd.DataFrame({"minggu": [], "aktual": [], "garis": []})
    (w0, v0) = points[0]
    span = max((t.tenggat - w0).days, 1)
    garis = [v0 + (t.nilai - v0) * min(max((w - w0).days / span, 0), 1) for w, _ in points]
    return pd.DataFrame({"minggu": [w for w, _ in points], "aktual": [v for _, v in points], "garis": garis})


def kontribusi(con, t: Target, minggu: dt.date | None, tingkat: str | None = None) -> pd.DataFrame:
    """The areas one level below the target's area and their share of its gap, largest first.

    An area's own target for the same metric counts when one is set; otherwise its part of the
    parent's target in proportion to its dasar (its registered koperasi, its SPPG, ...): a share
    target asks the same share of every area. Columns: kode, nama, aktual, target, selisih
    (count still missing, ≥ 0) and bagian_selisih (share of all the areas' selisih)."""
    f = Filter.from_code(t.kode_wilayah or None)
    tingkat = tingkat or f.group_level
    sumber = t.m.sumber
    dasar_id = metrik.SUMBER[sumber].dasar
    weeks = [w for w, _ in seri(con, [t])[t.id]]
    kini = periode.latest_at_or_before(weeks, minggu) if weeks else None
    df = metrik.per_wilayah(con, f, sumber, kini, tingkat)
    own = {c.kode_wilayah: c for c in semua(con, f) if c.metrik == t.metrik and c.tingkat == tingkat and c.id != t.id}
    total_dasar = float(df[dasar_id].sum())
    s = _arah(t.m)
    rows = []
    for r in df.to_dict("records"):
        dasar = float(r[dasar_id])
        sendiri = own.get(r["kode"])
        if sendiri is not None:
            goal = sendiri.nilai * dasar if sendiri.bagian else sendiri.nilai
        elif t.bagian:
            goal = t.nilai * dasar
        else:
            goal = t.nilai * dasar / total_dasar if total_dasar else 0.0
        aktual = float(r[t.metrik])
        rows.append(
            {
                "kode": r["kode"],
                "nama": r["nama"],
                "aktual": aktual,
                "target": goal,
                "selisih": max(0.0, s * (goal - aktual)),
                "target_sendiri": sendiri is not None,
            }
        )
    out = pd.DataFrame(rows, columns=["kode", "nama", "aktual", "target", "selisih", "target_sendiri"])
    total = out["selisih"].sum()
    out["bagian_selisih"] = out["selisih"] / total if total else 0.0
    return out.sort_values(["selisih", "nama"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _angka(v, digits: int = 6):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return round(float(v), digits)


def _iso(v) -> str | None:
    if v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    return periode.as_date(v).isoformat()


def as_json(df: pd.DataFrame) -> list[dict]:
    """The `target` list of `summary --json` from `daftar`: values in the metric's unit (a share as
    0–1), paces per week, dates as ISO, riskiest first."""
    return [
        {
            "metrik": r["metrik"],
            "wilayah": r["kode_wilayah"] or None,
            "nama_wilayah": r["nama"] if isinstance(r["nama"], str) else None,
            "jenis": r["jenis"],
            "target": _angka(r["target"]),
            "tenggat": _iso(r["tenggat"]),
            "minggu": _iso(r["minggu"]),
            "aktual": _angka(r["aktual"]),
            "selisih": _angka(r["selisih"]),
            "laju_perlu": _angka(r["laju_perlu"]),
            "laju_kini": _angka(r["laju_kini"]),
            "proyeksi": _iso(r["proyeksi"]),
            "tercapai_pada": _iso(r["tercapai_pada"]),
            "status": r["status"],
            "sumber": r["sumber"] if isinstance(r["sumber"], str) else None,
        }
        for r in df.to_dict("records")
    ]


# --- Setting targets from the page's form -------------------------------------------------------


def atur(
    con,
    metrik_id: str,
    kode_wilayah: str,
    nilai_target: str,
    tenggat: dt.date,
    sumber: str = "",
    catatan: str = "",
    *,
    actor,
    now: dt.datetime | None = None,
):
    """Set one target from the form: the row goes through the same validation and commit as a
    target file (so the same report, replace and undo). Returns (ingest.Prepared, batch id); raises
    ingest.UploadRefused with the report's first error."""
    import csv
    import io

    from analytics import ingest

    now = now or dt.datetime.now().replace(microsecond=0)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["metrik", "kode_wilayah", "nilai_target", "tenggat", "sumber", "catatan"])
    writer.writerow([metrik_id, kode_wilayah or "nasional", nilai_target, tenggat.isoformat(), sumber, catatan])
    data = buf.getvalue().encode("utf-8")
    prepared = ingest.prepare(con, data, "formulir_target.csv", "target", today=now.date(), actor=actor, isolated=False)
    if prepared.rejected or prepared.result.errors:
        problems = prepared.result.errors if prepared.result else []
        first = problems[0] if problems else None
        # The row's own error first: one bad row of one is also "more than 25% of the rows in error".
        pesan = (f"{first.message} ({first.column}: {first.value})" if first else None) or prepared.reason
        pesan = pesan or "Target ditolak."
        raise ingest.UploadRefused(pesan)
    # The time makes each form entry its own upload: the same target typed again after a delete
    # is a new change, not "the same file again".
    prepared.sha256 = hashlib.sha256(data + now.isoformat().encode()).hexdigest()
    return prepared, ingest.commit(con, prepared, user=actor.email, actor=actor, now=now)


def hapus(con, t: Target, *, actor, now: dt.datetime | None = None) -> int:
    """Remove a target: a batch with one row marked `dihapus`, undoable like any upload."""
    from analytics import ingest
    from analytics.ingest.masalah import Validated

    now = now or dt.datetime.now().replace(microsecond=0)
    rows = pd.DataFrame(
        [
            {
                "baris": 1,
                "metrik": t.metrik,
                "kode_wilayah": t.kode_wilayah,
                "jenis": t.jenis,
                "nilai": t.nilai,
                "tenggat": t.tenggat,
                "sumber": t.sumber,
                "catatan": t.catatan,
                "dihapus": True,
                "minggu": periode.monday(now),
                "kode_kabupaten": t.kode_wilayah,
            }
        ]
    )
    sha = hashlib.sha256(f"hapus {t.id} {now.isoformat()}".encode()).hexdigest()
    prepared = ingest.Prepared("hapus_target", sha, "target", None, Validated("target", rows, 1))
    return ingest.commit(con, prepared, user=actor.email, actor=actor, now=now)


# --- The map: "capaian target" per area ---------------------------------------------------------

# The map metric: per area one level below the filter, the actual divided by the area's target
# (its own, or its part of the nearest target above it, as in `kontribusi`). Bands on one hue:
# light = far from the target, dark = reached.
PETA_ID = "capaian_target"


def metrik_peta() -> metrik.Metrik:
    from analytics.kamus import rgb

    biru = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
    return metrik.Metrik(
        PETA_ID,
        "Capaian target",
        "target",
        "",
        satuan="",
        arah="naik",
        penyebut="target_wilayah",
        pita=tuple(metrik.Band(b, rgb(c)) for b, c in zip((0, 0.25, 0.5, 0.75, 1.0), biru)),
        label_peta="Capaian target",
        penjelasan_peta=(
            "Nilai minggu ini dibagi target wilayah itu: targetnya sendiri bila diatur, selain itu bagiannya "
            "dari target wilayah di atasnya, sebanding dengan dasarnya (koperasi terdaftar, total SPPG)."
        ),
    )


def metrik_bertarget(con, f: Filter | None = None) -> list[str]:
    """Metrics with a target inside the filter or on an area above it (the map's choice)."""
    code = (f or Filter()).code or ""
    found = [
        t.metrik
        for t in semua(con)
        if t.kode_wilayah == ""
        or code == t.kode_wilayah
        or code.startswith(t.kode_wilayah + ".")
        or t.kode_wilayah.startswith(code + ".")
        or not code
    ]
    return [m for m in metrik.BISA_TARGET if m in found]


def peta_wilayah(con, f: Filter, metrik_id: str, minggu: dt.date | None) -> pd.DataFrame:
    """Per area one level below the filter (every area of the gazetteer): kode, the metric's value
    as `capaian_target` and the area's target as `target_wilayah` (NaN: no target reaches it)."""
    tingkat = f.group_level
    targets = [t for t in semua(con) if t.metrik == metrik_id]
    code = f.code or ""
    # The nearest target at or above the filter's area: its part for each area below.
    atas = [
        t for t in targets if t.kode_wilayah == "" or code == t.kode_wilayah or code.startswith(t.kode_wilayah + ".")
    ]
    atas.sort(key=lambda t: len(t.kode_wilayah), reverse=True)
    if atas:
        parts = kontribusi(con, atas[0], minggu, tingkat)
        parts = parts[parts["kode"].str.startswith(code)] if code else parts
        goal = dict(zip(parts["kode"], parts["target"]))
    else:
        goal = {}
    m = metrik.METRIK[metrik_id]
    weeks = periode.minggu_data(con, f).get(m.sumber) if m.sumber in ("koperasi", "lahan", "sppg") else None
    kini = periode.latest_at_or_before(weeks, minggu) if weeks else minggu
    df = metrik.per_wilayah(con, f, m.sumber, kini, tingkat)
    dasar = metrik.SUMBER[m.sumber].dasar
    for t in targets:  # the areas' own targets count over any part of a target above
        if t.tingkat == tingkat and t.kode_wilayah.startswith(code):
            row = df[df["kode"] == t.kode_wilayah]
            if len(row):
                goal[t.kode_wilayah] = t.nilai * float(row[dasar].iat[0]) if t.bagian else t.nilai
    return pd.DataFrame(
        {
            "kode": df["kode"],
            PETA_ID: df[metrik_id].astype("float64"),
            "target_wilayah": [goal.get(k, float("nan")) for k in df["kode"]],
        }
    )
