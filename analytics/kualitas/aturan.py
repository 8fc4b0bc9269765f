"""The data-quality rules of data/kualitas.toml: loaded and checked like the zone rules.

The file chooses which known rules run, their explanation, severity and parameters; what a rule
checks is its query, analytics/queries/kualitas/<id>.sql, with every parameter bound.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from analytics import audit
from analytics.config import load as load_settings
from analytics.ingest.schema import STATUS_LAHAN, STATUS_SPPG, TAHAP_FISIK

TINGKAT = ("galat", "peringatan")


@dataclass(frozen=True)
class Param:
    """One parameter a rule's query binds: a list of values from `pilihan`, or a number in [min, max]."""

    jenis: str  # "daftar" | "angka" | "bulat"
    pilihan: tuple[str, ...] = ()
    minimal: float | None = None
    maksimal: float | None = None


# The rules the dashboard knows: id -> the parameters its query binds, each required.
DIKENAL: dict[str, dict[str, Param]] = {
    "tahap_mundur": {"urutan": Param("daftar", TAHAP_FISIK)},
    "lahan_mundur": {"urutan": Param("daftar", STATUS_LAHAN)},
    "progres_turun": {"selisih_minimal": Param("angka", minimal=0, maksimal=100)},
    "gerai_belum_selesai": {"tahap_boleh": Param("daftar", TAHAP_FISIK)},
    "bangun_tanpa_lahan": {"tahap": Param("daftar", TAHAP_FISIK), "status_lahan": Param("daftar", STATUS_LAHAN)},
    "nib_tanpa_badan_hukum": {},
    "koperasi_hilang": {},
    "lonjakan_zona": {
        "batas_bagian": Param("angka", minimal=0, maksimal=1),
        "minimal_koperasi": Param("bulat", minimal=1),
    },
    "koperasi_beda_simkopdes": {},
    "sppg_tanpa_penerima": {"status": Param("daftar", STATUS_SPPG)},
    "lahan_jauh_dari_desa": {"batas_km": Param("angka", minimal=0)},
}

# What a known rule's finding is about ('koperasi', a whole 'kabupaten', a 'desa', an 'sppg', a land
# parcel 'lahan'), and so which upload it judges: the rules over SPPG and land parcels say nothing
# about a koperasi file, and the upload preview of a koperasi file leaves them out.
OBJEK: dict[str, str] = {
    **dict.fromkeys(
        (
            "tahap_mundur",
            "lahan_mundur",
            "progres_turun",
            "gerai_belum_selesai",
            "bangun_tanpa_lahan",
            "nib_tanpa_badan_hukum",
            "koperasi_hilang",
        ),
        "koperasi",
    ),
    "lonjakan_zona": "kabupaten",
    "koperasi_beda_simkopdes": "desa",
    "sppg_tanpa_penerima": "sppg",
    "lahan_jauh_dari_desa": "lahan",
}
# The rules whose finding is a state of the week (what it is, not how it changed since last week): a
# finding checked as "sudah dicek" stays checked in later weeks while its values are the same
# (kualitas._dengan_dicek). A rule over a change between two weeks finds a new event every week.
KEADAAN = frozenset(
    {
        "gerai_belum_selesai",
        "bangun_tanpa_lahan",
        "nib_tanpa_badan_hukum",
        "koperasi_beda_simkopdes",
        "sppg_tanpa_penerima",
        "lahan_jauh_dari_desa",
    }
)
# The columns of the weekly file whose values a rule's finding shows (its nilai_kini), for the
# upload report's "kolom". The rules over a koperasi missing from the file, a whole kab/kota or a
# desa's count have no column of a row to name.
KOLOM_FILE = {
    "tahap_mundur": ("tahap_fisik",),
    "lahan_mundur": ("status_lahan",),
    "progres_turun": ("progres_fisik_persen",),
    "gerai_belum_selesai": ("gerai_beroperasi", "tahap_fisik"),
    "bangun_tanpa_lahan": ("tahap_fisik", "status_lahan"),
    "nib_tanpa_badan_hukum": ("nib", "badan_hukum"),
    "sppg_tanpa_penerima": ("status", "penerima_manfaat"),
    "lahan_jauh_dari_desa": ("lat", "lon"),
}
# The rules a koperasi file can trip (the rest read SPPG or land reports).
DARI_LAPORAN_KOPERASI = frozenset(a for a, o in OBJEK.items() if o in ("koperasi", "kabupaten", "desa"))


class AturanKualitasError(ValueError):
    """The quality rules file is wrong; the message says where, in Indonesian."""


@dataclass(frozen=True)
class Aturan:
    id: str
    tingkat: str
    penjelasan: str
    parameter: dict = field(default_factory=dict)

    @property
    def kueri(self) -> str:
        """The named query (analytics/queries/kualitas/<id>.sql)."""
        return f"kualitas/{self.id}"


@dataclass(frozen=True)
class AturanKualitas:
    aturan: tuple[Aturan, ...]
    digest: str

    def by_id(self) -> dict[str, Aturan]:
        return {a.id: a for a in self.aturan}

    def hanya(self, ids) -> AturanKualitas:
        """The rules of this file whose id is in `ids`, in the file's order."""
        return AturanKualitas(tuple(a for a in self.aturan if a.id in ids), self.digest)


def load_aturan(path: str | Path | None = None) -> AturanKualitas:
    """Read and check the rules file (default: Settings.aturan_kualitas)."""
    path = Path(path or load_settings().aturan_kualitas)
    raw = path.read_bytes()
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AturanKualitasError(f"File aturan kualitas {path.name} tidak dapat dibaca: {exc}") from exc
    items = doc.get("aturan", [])
    if not isinstance(items, list):
        raise AturanKualitasError("'aturan' harus daftar [[aturan]].")
    out: list[Aturan] = []
    seen: set[str] = set()
    for i, item in enumerate(items, start=1):
        out.append(_aturan(item, i, seen))
    return AturanKualitas(tuple(out), hashlib.sha256(raw).hexdigest())


def _aturan(item, i: int, seen: set[str]) -> Aturan:
    if not isinstance(item, dict):
        raise AturanKualitasError(f"Aturan ke-{i} harus berupa tabel TOML.")
    for key in ("id", "tingkat", "penjelasan"):
        if key not in item:
            raise AturanKualitasError(f"Aturan ke-{i} tidak punya '{key}'.")
    extra = set(item) - {"id", "tingkat", "penjelasan", "parameter"}
    if extra:
        raise AturanKualitasError(f"Aturan ke-{i}: kunci {', '.join(sorted(extra))} tidak dikenal.")
    rule_id = str(item["id"])
    if rule_id not in DIKENAL:
        raise AturanKualitasError(f"Aturan kualitas '{rule_id}' tidak dikenal. Yang dikenal: {', '.join(DIKENAL)}.")
    if rule_id in seen:
        raise AturanKualitasError(f"Aturan kualitas '{rule_id}' ditulis dua kali.")
    seen.add(rule_id)
    if item["tingkat"] not in TINGKAT:
        raise AturanKualitasError(f"Aturan {rule_id}: tingkat '{item['tingkat']}' bukan galat/peringatan.")
    penjelasan = item["penjelasan"]
    if not isinstance(penjelasan, str) or not penjelasan.strip():
        raise AturanKualitasError(f"Aturan {rule_id}: penjelasan harus kalimat yang tidak kosong.")
    return Aturan(rule_id, item["tingkat"], penjelasan.strip(), _parameter(rule_id, item.get("parameter", {})))


def _parameter(rule_id: str, given) -> dict:
    if not isinstance(given, dict):
        raise AturanKualitasError(f"Aturan {rule_id}: 'parameter' harus berupa tabel TOML.")
    spec = DIKENAL[rule_id]
    unknown = set(given) - set(spec)
    if unknown:
        boleh = ", ".join(spec) or "tidak ada"
        raise AturanKualitasError(
            f"Aturan {rule_id}: parameter {', '.join(sorted(unknown))} tidak dikenal. Yang boleh: {boleh}."
        )
    out = {}
    for name, p in spec.items():
        if name not in given:
            raise AturanKualitasError(f"Aturan {rule_id}: parameter '{name}' wajib diisi.")
        out[name] = _nilai(rule_id, name, p, given[name])
    return out


def _nilai(rule_id: str, name: str, p: Param, value):
    where = f"Aturan {rule_id}: parameter '{name}'"
    if p.jenis == "daftar":
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise AturanKualitasError(f"{where} harus daftar nilai teks yang tidak kosong.")
        bad = [v for v in value if v not in p.pilihan]
        if bad:
            raise AturanKualitasError(
                f"{where}: nilai {', '.join(bad)} tidak dikenal. Yang boleh: {', '.join(p.pilihan)}."
            )
        if len(set(value)) != len(value):
            raise AturanKualitasError(f"{where}: ada nilai yang ditulis dua kali.")
        return list(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AturanKualitasError(f"{where} harus angka.")
    if p.jenis == "bulat" and not isinstance(value, int):
        raise AturanKualitasError(f"{where} harus bilangan bulat.")
    if (p.minimal is not None and value < p.minimal) or (p.maksimal is not None and value > p.maksimal):
        batas = f"{p.minimal:g}" + (f" sampai {p.maksimal:g}" if p.maksimal is not None else " atau lebih")
        raise AturanKualitasError(f"{where} harus {batas}.")
    return value


def ensure_current(con, aturan: AturanKualitas) -> bool:
    """Record the rules file's digest when it changed since any process last recorded it, audited as
    "Aturan kualitas berubah". The findings are computed when asked, from the file; the digest is part
    of the data version (queries/versi_data.sql), so the pages' cached findings follow the new rules
    at their next rerun. Called where the zone rules are checked: a server opening its store and
    every CLI command."""
    return audit.catat_aturan_berubah(
        con, "aturan_kualitas_sha256", aturan.digest, "aturan_kualitas", [a.id for a in aturan.aturan]
    )
