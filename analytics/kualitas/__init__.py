"""Data quality: findings of the rules in data/kualitas.toml for a filter and week, each week
compared with the previous week with koperasi data in the filter. The rules themselves are in
analytics/kualitas/aturan.py; each rule's check is analytics/queries/kualitas/<id>.sql.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from analytics import audit, db, periode
from analytics.filters import Filter
from analytics.kualitas.aturan import (
    DARI_LAPORAN_KOPERASI,
    DIKENAL,
    KEADAAN,
    OBJEK,
    TINGKAT,
    AturanKualitas,
    AturanKualitasError,
    load_aturan,
)

__all__ = [
    "DARI_LAPORAN_KOPERASI",
    "KOLOM",
    "OBJEK",
    "TINGKAT",
    "AturanKualitas",
    "AturanKualitasError",
    "as_json",
    "daftar",
    "koperasi_bertemuan",
    "kunci",
    "load_aturan",
    "tandai_dicek",
    "buka_lagi",
    "per_aturan",
    "per_wilayah",
    "hitung_per_aturan",
    "hitung_per_wilayah",
    "temuan",
    "terbuka",
    "Terbuka",
]

# The columns every rule's query returns, in this order. `objek` is what a finding is about
# (aturan.OBJEK: koperasi, kabupaten, desa, sppg, lahan) and `nama_objek` names it (the koperasi,
# the SPPG, the parcel's id_lahan; empty for a kab/kota or a desa, which the codes name). Rules over
# SPPG, land or SIMKOPDES give in `minggu` the week of the rows they read, and `minggu_lalu` /
# `nilai_lalu` hold what the row is compared with (SIMKOPDES's week and count).
KOLOM = (
    "aturan",
    "kode_kabupaten",
    "kode_kecamatan",
    "kode_desa",
    "id_koperasi",
    "nama_koperasi",
    "minggu",
    "minggu_lalu",
    "nilai_lalu",
    "nilai_kini",
    "keterangan",
    "objek",
    "nama_objek",
)


# What kualitas.daftar adds about checking: the finding's key, whether it was marked as checked
# ("sudah dicek", table kualitas_dicek of migrations 016 and 018), the note, who, when and in which week.
KOLOM_DICEK = ("kunci", "dicek", "catatan", "dicek_oleh", "dicek_pada", "dicek_minggu")


def kunci(row: dict) -> str:
    """What a finding is about, as text; with its rule and week it names one finding. A koperasi by
    its id, a kab/kota or desa by its code, an SPPG by kecamatan and name, a parcel by kab/kota and
    id_lahan."""
    objek = row["objek"]
    if objek == "koperasi":
        return row["id_koperasi"]
    if objek == "kabupaten":
        return row["kode_kabupaten"]
    if objek == "desa":
        return row["kode_desa"]
    if objek == "sppg":
        return f"{row['kode_kecamatan']}/{row['nama_objek']}"
    return f"{row['kode_kabupaten']}/{row['nama_objek']}"


def _dengan_dicek(con, f: Filter, df: pd.DataFrame) -> pd.DataFrame:
    """The findings with KOLOM_DICEK: checked ones carry their note, who and when, and the week the
    check was made in (`dicek_minggu`). A check holds for its own week's finding; for a rule over
    the state of a week (KEADAAN) it also holds in later weeks while the finding's values
    (nilai_lalu, nilai_kini) are those it was checked on."""
    df = df.assign(kunci=pd.Series([kunci(r) for r in df.to_dict("records")], index=df.index, dtype=object))
    cek: dict[tuple, list[dict]] = {}
    if not df.empty:
        weeks = sorted({m for m in df["minggu"] if m is not None})
        found = db.run(con, "kualitas/dicek", {"provinsi": f.provinsi, "kabupaten": f.kabupaten, "minggu": weeks})
        for c in found.to_dict("records"):
            c["minggu"] = periode.as_date(c["minggu"])
            cek.setdefault((c["aturan"], c["kunci"]), []).append(c)
    kosong = dict.fromkeys(("catatan", "dicek_oleh", "dicek_pada", "dicek_minggu"))
    rows = []
    for r in df.to_dict("records"):
        calon = [
            c
            for c in cek.get((r["aturan"], r["kunci"]), [])
            if c["minggu"] == r["minggu"]
            or (
                r["aturan"] in KEADAAN
                and r["minggu"] is not None
                and c["minggu"] < r["minggu"]
                and (c["nilai_lalu"], c["nilai_kini"]) == (r["nilai_lalu"], r["nilai_kini"])
                and c["nilai_kini"] is not None
            )
        ]
        # Its own week's check first, then the latest earlier one.
        c = max(calon, key=lambda c: (c["minggu"] == r["minggu"], c["minggu"]), default=None)
        rows.append(
            kosong
            if c is None
            else {
                "catatan": c["catatan"],
                "dicek_oleh": c["dicek_oleh"],
                "dicek_pada": pd.Timestamp(c["dicek_pada"]).to_pydatetime(),
                "dicek_minggu": c["minggu"],
            }
        )
    extra = pd.DataFrame(rows, index=df.index, columns=list(kosong), dtype=object)
    out = pd.concat([df, extra], axis=1)
    out["dicek"] = out["catatan"].notna()
    return out.where(out.notna(), None).astype({"dicek": bool})


def tandai_dicek(con, temuan_: dict, catatan: str, pengguna: str, *, now: dt.datetime | None = None) -> None:
    """Mark one finding (a row of kualitas.daftar or temuan) as checked, with a note; audited. A
    finding checked again keeps the latest note."""
    catatan = (catatan or "").strip()
    if not catatan:
        raise ValueError("Catatan pengecekan wajib diisi.")
    now = now or dt.datetime.now().replace(microsecond=0)
    row = {
        "aturan": temuan_["aturan"],
        "kunci": kunci(temuan_),
        "minggu": periode.as_date(temuan_["minggu"]),
        "kode_kabupaten": temuan_["kode_kabupaten"],
        "nilai_lalu": temuan_.get("nilai_lalu"),
        "nilai_kini": temuan_.get("nilai_kini"),
    }

    def tulis(cur) -> None:
        cur.execute(
            "delete from kualitas_dicek where aturan = $aturan and kunci = $kunci and minggu = $minggu",
            {k: row[k] for k in ("aturan", "kunci", "minggu")},
        )
        cur.execute(
            "insert into kualitas_dicek (aturan, kunci, minggu, kode_kabupaten, catatan, dicek_oleh, dicek_pada, "
            "nilai_lalu, nilai_kini) "
            "values ($aturan, $kunci, $minggu, $kode_kabupaten, $catatan, $oleh, $pada, $nilai_lalu, $nilai_kini)",
            {**row, "catatan": catatan, "oleh": pengguna, "pada": now},
        )
        audit.record(cur, pengguna, "kualitas_dicek", {**row, "catatan": catatan}, now)

    db.transaksi(con, tulis)


def buka_lagi(con, temuan_: dict, alasan: str, pengguna: str, *, now: dt.datetime | None = None) -> None:
    """Take back the "sudah dicek" of one finding (a checked row of kualitas.daftar): it is open
    again and counts in the quality score. A check carried from an earlier week (`dicek_minggu`) is
    taken back where it was made, so in every week it held. The reason is required and audited
    with the note that is taken back."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValueError("Alasan membuka kembali temuan wajib diisi.")
    now = now or dt.datetime.now().replace(microsecond=0)
    minggu = temuan_.get("dicek_minggu") or temuan_["minggu"]
    row = {"aturan": temuan_["aturan"], "kunci": kunci(temuan_), "minggu": periode.as_date(minggu)}

    def tulis(cur) -> None:
        found = cur.execute(
            "select catatan from kualitas_dicek where aturan = $aturan and kunci = $kunci and minggu = $minggu", row
        ).fetchone()
        if found is None:
            raise ValueError("Temuan ini belum ditandai sudah dicek.")
        cur.execute("delete from kualitas_dicek where aturan = $aturan and kunci = $kunci and minggu = $minggu", row)
        details = {**row, "kode_kabupaten": temuan_["kode_kabupaten"], "catatan_lama": found[0], "alasan": alasan}
        audit.record(cur, pengguna, "kualitas_buka_lagi", details, now)

    db.transaksi(con, tulis)


def minggu_lalu(con, f: Filter, minggu: dt.date) -> dt.date | None:
    """The previous week with koperasi data in the filter before `minggu`."""
    return periode.previous(periode.minggu_data(con, f)["koperasi"], minggu)


# The week pair the rules over one koperasi read (migration 016), written once per evaluation: in
# the combined query every such rule reads the materialised CTE instead of the macro.
_DUA_MINGGU = "koperasi_dua_minggu($minggu, $minggu_lalu, $provinsi, $kabupaten, $kecamatan, $desa)"
# The order of the findings within one rule (every rule's own `order by` says the same).
_URUTAN = ["kode_kabupaten", "kode_kecamatan", "kode_desa", "id_koperasi", "nama_objek"]


def _parameter_sendiri(text: str, rule_id: str) -> str:
    """The rule's query with its own parameters (its `aturan` and those of DIKENAL) renamed
    `$<id>__<name>`, so two rules with a parameter of the same name can share one query."""
    own = {"aturan", *DIKENAL[rule_id]}
    return re.sub(r"\$([a-z_][a-z0-9_]*)", lambda m: f"${rule_id}__{m[1]}" if m[1] in own else m[0], text)


@cache
def _kueri_gabungan(ids: tuple[str, ...]) -> str:
    """One query for the rules `ids`: each rule's query (analytics/queries/kualitas/<id>.sql) with
    its own parameters renamed `$<id>__<name>`, the union of all of them with the rule's position in
    `_urutan`, and the week pair read once. One pass instead of one query per rule: at national scale
    the week pair is most of each rule's cost."""
    branches = []
    for i, rule_id in enumerate(ids):
        text = "\n".join(line.split("--", 1)[0] for line in db.query_text(f"kualitas/{rule_id}").splitlines())
        text = text.replace(_DUA_MINGGU, "dua_minggu")
        text = _parameter_sendiri(text, rule_id)
        branches.append(f"select {i} as _urutan, * from ({text.strip()})")
    union = "\nunion all by name\n".join(branches)
    if "dua_minggu" not in union:
        return union
    return f"with dua_minggu as materialized (select * from {_DUA_MINGGU})\n{union}"


def temuan(con, f: Filter, minggu: dt.date | str | None, aturan: AturanKualitas | None = None) -> pd.DataFrame:
    """Every finding of every rule for the filter in `minggu` (against the previous week with data),
    rule by rule in the file's order: the columns KOLOM. Empty (with KOLOM) when `minggu` is None.
    All rules run as one query (_kueri_gabungan)."""
    aturan = aturan or load_aturan()
    kosong = pd.DataFrame({k: pd.Series(dtype=object) for k in KOLOM})
    if minggu is None or not aturan.aturan:
        return kosong
    minggu = periode.monday(minggu)
    with db.one_snapshot(con):
        lalu = minggu_lalu(con, f, minggu)
        params = {**f.params(), "minggu": minggu, "minggu_lalu": lalu}
        for a in aturan.aturan:
            params.update({f"{a.id}__{k}": v for k, v in {**a.parameter, "aturan": a.id}.items()})
        out = db.run_text(con, _kueri_gabungan(tuple(a.id for a in aturan.aturan)), params)
    if out.empty:
        return kosong
    out = out.sort_values(["_urutan", *_URUTAN], kind="stable", na_position="last")[list(KOLOM)]
    out = out.reset_index(drop=True)
    for column in ("minggu", "minggu_lalu"):
        out[column] = out[column].map(lambda v: None if pd.isna(v) else periode.as_date(v)).astype(object)
    return out.astype(object).where(out.notna(), None)


def koperasi_bertemuan(con, f: Filter, minggu: dt.date | str | None, aturan: AturanKualitas | None = None) -> list[str]:
    """The koperasi (id_koperasi) of the filter with an open (not checked) finding in `minggu`,
    sorted: what the quality score (metrik `kualitas_tanpa_temuan`) counts against."""
    df = _dengan_dicek(con, f, temuan(con, f, minggu, aturan))
    return sorted(set(df.loc[~df["dicek"], "id_koperasi"].dropna()))


def per_aturan(con, f: Filter, minggu: dt.date | str | None, aturan: AturanKualitas | None = None) -> pd.DataFrame:
    """One row per rule of the file, in its order: aturan, tingkat, penjelasan, temuan (count, 0 when
    none), dicek (of those, marked as checked) and terbuka (the rest)."""
    aturan = aturan or load_aturan()
    return hitung_per_aturan(_dengan_dicek(con, f, temuan(con, f, minggu, aturan)), aturan)


def hitung_per_aturan(df: pd.DataFrame, aturan: AturanKualitas) -> pd.DataFrame:
    """per_aturan from findings already read with their checks (kualitas.daftar's rows): a page that
    has the list counts it without running the rules again."""
    counts = df["aturan"].value_counts().to_dict()
    checked = df.loc[df["dicek"], "aturan"].value_counts().to_dict()
    out = pd.DataFrame(
        {
            "aturan": [a.id for a in aturan.aturan],
            "tingkat": [a.tingkat for a in aturan.aturan],
            "penjelasan": [a.penjelasan for a in aturan.aturan],
            "temuan": pd.Series([int(counts.get(a.id, 0)) for a in aturan.aturan], dtype="int64"),
            "dicek": pd.Series([int(checked.get(a.id, 0)) for a in aturan.aturan], dtype="int64"),
        }
    )
    out["terbuka"] = out["temuan"] - out["dicek"]
    return out


# How many dot-separated parts a Kemendagri code has at each level (18 · 18.04 · 18.04.04 · 18.04.04.2005).
_BAGIAN_KODE = {"provinsi": 1, "kabupaten": 2, "kecamatan": 3, "desa": 4}


def _kode_wilayah(row, level: str) -> str | None:
    """The code of the area at `level` a finding belongs to; None when the finding is placed above
    it (lonjakan_zona below the kab/kota, an SPPG without a desa at desa level)."""
    n = _BAGIAN_KODE[level]
    kode = row["kode_desa"] or row["kode_kecamatan"] or row["kode_kabupaten"]
    return ".".join(kode.split(".")[:n]) if kode and len(kode.split(".")) >= n else None


@dataclass(frozen=True)
class Terbuka:
    """The open findings (not marked as checked) of a `daftar` answer, as Kualitas Data's severity
    tiles, Ringkasan's action tile and the deck's reporting slide say them."""

    galat: int
    peringatan: int
    kabupaten: tuple[str, ...]  # their kab/kota codes, the most findings first (then by code)

    @property
    def jumlah(self) -> int:
        return self.galat + self.peringatan

    def dari_tingkat(self, tingkat: str) -> int:
        """The open findings of one severity (kualitas.TINGKAT)."""
        return {"galat": self.galat, "peringatan": self.peringatan}[tingkat]


def terbuka(daftar_: pd.DataFrame) -> Terbuka:
    """Count the open findings of kualitas.daftar's rows by severity and kab/kota."""
    df = daftar_[~daftar_["dicek"].astype(bool)]
    per_kab = df.groupby("kode_kabupaten").size().reset_index(name="n")
    per_kab = per_kab.sort_values(["n", "kode_kabupaten"], ascending=[False, True], kind="stable")
    return Terbuka(
        galat=int((df["tingkat"] == "galat").sum()),
        peringatan=int((df["tingkat"] == "peringatan").sum()),
        kabupaten=tuple(per_kab["kode_kabupaten"]),
    )


def per_wilayah(con, f: Filter, minggu: dt.date | str | None, aturan: AturanKualitas | None = None) -> pd.DataFrame:
    """Open findings (not marked as checked) per area one level below the filter (f.group_level):
    kode, galat, peringatan, temuan (their sum), the most findings first. A kab/kota-wide finding
    (no desa) is counted at provinsi and kabupaten level only."""
    aturan = aturan or load_aturan()
    return hitung_per_wilayah(_dengan_dicek(con, f, temuan(con, f, minggu, aturan)), f.group_level, aturan)


def hitung_per_wilayah(df: pd.DataFrame, level: str, aturan: AturanKualitas) -> pd.DataFrame:
    """per_wilayah at `level` from findings already read with their checks (kualitas.daftar's rows)."""
    df = df[~df["dicek"].astype(bool)]
    kolom = ["kode", "galat", "peringatan", "temuan"]
    if df.empty:
        return pd.DataFrame({k: pd.Series(dtype=object if k == "kode" else "int64") for k in kolom})
    tingkat = {a.id: a.tingkat for a in aturan.aturan}
    df = df.assign(
        kode=[_kode_wilayah(r, level) for r in df.to_dict("records")],
        tingkat=df["aturan"].map(tingkat),
    ).dropna(subset=["kode"])
    out = df.pivot_table(index="kode", columns="tingkat", values="aturan", aggfunc="count", fill_value=0)
    out = out.reindex(columns=list(TINGKAT), fill_value=0).reset_index()
    out.columns.name = None
    out["temuan"] = out["galat"] + out["peringatan"]
    out = out.astype({"galat": "int64", "peringatan": "int64", "temuan": "int64"})
    return out.sort_values(["temuan", "kode"], ascending=[False, True], kind="stable").reset_index(drop=True)[kolom]


def daftar(con, f: Filter, minggu: dt.date | str | None, aturan: AturanKualitas | None = None) -> pd.DataFrame:
    """The rows to check: every finding with its rule's severity and explanation (columns
    `tingkat`, `penjelasan` after `aturan`) and whether it was checked (KOLOM_DICEK), per kab/kota
    and desa, galat before peringatan."""
    aturan = aturan or load_aturan()
    df = _dengan_dicek(con, f, temuan(con, f, minggu, aturan))
    by_id = aturan.by_id()
    df.insert(1, "tingkat", df["aturan"].map(lambda a: by_id[a].tingkat).astype(object))
    df.insert(2, "penjelasan", df["aturan"].map(lambda a: by_id[a].penjelasan).astype(object))
    if df.empty:
        return df
    urutan = {a.id: i for i, a in enumerate(aturan.aturan)}
    kunci = df.assign(
        _t=df["tingkat"].map(TINGKAT.index),
        _a=df["aturan"].map(urutan),
        _k=df["kode_kabupaten"].fillna(""),
        _d=df["kode_desa"].fillna(""),
    )
    kunci = kunci.sort_values(["_k", "_t", "_a", "_d"], kind="stable")
    return kunci.drop(columns=["_t", "_a", "_k", "_d"]).reset_index(drop=True)


# The keys of each finding in the JSON reports of an import (`ingest --json`, the inbox's
# .laporan.json): kualitas.daftar's columns, codes kept.
KUNCI_JSON = (
    "aturan",
    "tingkat",
    "kode_kabupaten",
    "kode_kecamatan",
    "kode_desa",
    "objek",
    "id_koperasi",
    "nama_objek",
    "minggu",
    "minggu_lalu",
    "nilai_lalu",
    "nilai_kini",
    "keterangan",
)


def as_json(df: pd.DataFrame) -> list[dict]:
    """kualitas.daftar rows as the import reports print them: dates as YYYY-MM-DD."""
    return [
        {k: (r[k].isoformat() if k in ("minggu", "minggu_lalu") and r[k] is not None else r[k]) for k in KUNCI_JSON}
        for r in df.to_dict("records")
    ]
