"""The Kemendagri gazetteer in memory: codes, names, and matching uploaded names to codes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb

from analytics import db

LEVELS = db.LEVELS
SEGMENT_WIDTH = {"provinsi": (2,), "kabupaten": (2, 2), "kecamatan": (2, 2, 2), "desa": (2, 2, 2, 4)}

# Longest first so that "Kabupaten Administrasi" wins over "Kabupaten".
_PREFIXES = sorted(
    [
        "provinsi",
        "prov",
        "kabupaten administrasi",
        "kota administrasi",
        "kabupaten",
        "kab",
        "kota",
        "kecamatan",
        "kec",
        "distrik",
        "desa",
        "kelurahan",
        "kel",
        "pekon",
        "nagari",
        "gampong",
        "kampung",
    ],
    key=len,
    reverse=True,
)
_PREFIX_RE = re.compile(r"^(?:" + "|".join(re.escape(p) for p in _PREFIXES) + r")\b\.?\s*", re.I)


def strip_prefix(name: str) -> str:
    text = " ".join(str(name).split())
    stripped = _PREFIX_RE.sub("", text, count=1).strip()
    return stripped or text


def name_key(name: str) -> str:
    """Case-, space-, dot-, hyphen- and apostrophe-insensitive key, prefixes removed."""
    return re.sub(r"[\s.\-'`’\"]", "", strip_prefix(name).lower())


def full_key(name: str) -> str:
    """Like name_key but keeps the kabupaten/kota prefix, with 'Kab.' read as 'Kabupaten'."""
    text = re.sub(r"^kab\b\.?\s*", "kabupaten ", " ".join(str(name).split()).lower())
    return re.sub(r"[\s.\-'`’\"]", "", text)


def normalise_code(raw, level: str = "desa") -> str | None:
    """'5201012001', '52.01.01.2001', '52.1.1.2001' or 5201012001.0 → '52.01.01.2001'.

    Returns None when the text cannot be read as a code of that level.
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    if re.fullmatch(r"\d+\.0", text):
        text = text[:-2]
    widths = SEGMENT_WIDTH[level]
    if "." in text:
        parts = text.split(".")
        if len(parts) != len(widths) or not all(p.isdigit() and 0 < len(p) <= w for p, w in zip(parts, widths)):
            return None
        return ".".join(p.zfill(w) for p, w in zip(parts, widths))
    if not text.isdigit():
        return None
    total = sum(widths)
    if len(text) == total - 1 and level != "provinsi":
        # A spreadsheet dropped nothing at the front (province codes start at 11), but a
        # single-digit desa suffix like '2001' can lose no zero: treat as invalid rather than guess.
        return None
    if len(text) != total:
        return None
    out, pos = [], 0
    for w in widths:
        out.append(text[pos : pos + w])
        pos += w
    return ".".join(out)


@dataclass
class Match:
    code: str | None
    how: str  # 'kode', 'tepat', 'dinormalisasi', 'mirip', 'ambigu', 'tidak_ditemukan'
    candidates: list[tuple[str, str]] = field(default_factory=list)  # (code, name)


@dataclass
class Gazetteer:
    names: dict[str, dict[str, str]]  # level -> code -> official name
    parent: dict[str, dict[str, str]]  # level -> code -> parent code
    by_key: dict[str, dict[tuple[str, str], list[str]]]  # level -> (parent, key) -> codes
    short: dict[str, str]  # kabupaten code -> short name
    jenis: dict[str, str] = field(default_factory=dict)  # desa code -> desa / kelurahan / desa adat
    centroid: dict[str, tuple[float, float]] = field(default_factory=dict)  # any code -> (lat, lon)
    tampil: dict[str, str] = field(default_factory=dict)  # any code -> display name ('Kab. Bima')

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> Gazetteer:
        names, parent, by_key = {}, {}, {}
        cur = db.cursor(con)
        for level in LEVELS:
            if level == "provinsi":
                rows = cur.execute("select kode, nama, '' from provinsi").fetchall()
            elif level == "kabupaten":
                rows = cur.execute("select kode, nama, kode_induk from kabupaten").fetchall()
            elif level == "kecamatan":
                rows = cur.execute("select kode, nama, kode_induk from kecamatan").fetchall()
            else:
                rows = cur.execute("select kode, nama, kode_induk from desa").fetchall()
            names[level] = {code: name for code, name, _ in rows}
            parent[level] = {code: up for code, _, up in rows}
            index: dict[tuple[str, str], list[str]] = {}
            for code, name, up in rows:
                index.setdefault((up, name_key(name)), []).append(code)
                if level == "kabupaten":
                    # "Kota Bima" and "Kabupaten Bima" share the short key "bima": keep the
                    # full form reachable so "Kota Bima" never means the kabupaten.
                    index.setdefault((up, full_key(name)), []).append(code)
            by_key[level] = index
        short = dict(cur.execute("select kode, nama_singkat from kabupaten").fetchall())
        jenis = dict(cur.execute("select kode, jenis from desa").fetchall())
        centroid = {
            k: (la, lo)
            for k, la, lo in cur.execute(
                "select kode, lat, lon from wilayah where lat is not null and lon is not null"
            ).fetchall()
        }
        # The display name is the `wilayah` view's nama_singkat, the one tables and charts show,
        # so a heading and a table never name one area two ways.
        tampil = dict(cur.execute("select kode, nama_singkat from wilayah").fetchall())
        cur.close()
        return cls(names, parent, by_key, short, jenis, centroid, tampil)

    def name(self, level: str, code: str | None) -> str | None:
        return self.names[level].get(code) if code else None

    def nama_tampil(self, level: str, code: str | None) -> str | None:
        """The name a page shows: 'Kab. Lampung Barat', 'Kota Bima', 'Balik Bukit'."""
        if not code:
            return None
        return self.tampil.get(code) or self.names[level].get(code)

    def exists(self, level: str, code: str | None) -> bool:
        return bool(code) and code in self.names[level]

    def children(self, level: str, parent_code: str | None) -> list[tuple[str, str]]:
        """(code, name) of the units of `level` under `parent_code`, sorted by name."""
        up = "" if level == "provinsi" else parent_code
        if not hasattr(self, "_children"):
            index: dict[tuple[str, str], list[tuple[str, str]]] = {}
            for lv in LEVELS:
                for code, name in self.names[lv].items():
                    index.setdefault((lv, self.parent[lv][code]), []).append((code, name))
            for items in index.values():
                items.sort(key=lambda cn: cn[1])
            object.__setattr__(self, "_children", index)
        return list(self._children.get((level, up), []))

    def match(self, level: str, name: str, parent_code: str | None, jenis: str | None = None) -> Match:
        """Place one name at `level` under `parent_code` ('' for provinsi).

        `jenis` ('desa' or 'kelurahan') settles two desa of the same name in one kecamatan.
        """
        up = "" if level == "provinsi" else (parent_code or "")
        raw = " ".join(str(name).split())
        key = name_key(raw)
        index = self.by_key[level]
        hits = index.get((up, full_key(raw))) if level == "kabupaten" else None
        if not hits:
            hits = index.get((up, key), [])
        hits = sorted(set(hits))
        if len(hits) > 1 and level == "desa" and jenis:
            same_kind = [c for c in hits if self.jenis.get(c) == jenis]
            if len(same_kind) == 1:
                return Match(same_kind[0], "dinormalisasi")
        if len(hits) == 1:
            official = self.names[level][hits[0]]
            exact = official.lower() == raw.lower()
            if level == "kabupaten" and not exact:
                exact = self.short[hits[0]].lower() == raw.lower()
            return Match(hits[0], "tepat" if exact else "dinormalisasi")
        if len(hits) > 1:
            return Match(None, "ambigu", [(c, self.names[level][c]) for c in hits])
        return self._fuzzy(level, key, up)

    def _fuzzy(self, level: str, key: str, up: str) -> Match:
        from rapidfuzz import fuzz, process

        pool = {c: name_key(n) for c, n in self.names[level].items() if self.parent[level][c] == up}
        if not pool or not key:
            return Match(None, "tidak_ditemukan")
        scored = process.extract(key, pool, scorer=fuzz.ratio, limit=3)
        candidates = [(code, self.names[level][code]) for _, _, code in scored]
        best = scored[0]
        if best[1] < 85:
            return Match(None, "tidak_ditemukan", candidates)
        # Ambiguity guard: a runner-up within 5 points is too close to call.
        if len(scored) > 1 and scored[1][1] >= best[1] - 5:
            return Match(None, "ambigu", candidates[:2])
        return Match(best[2], "mirip", candidates)

    def resolve(self, level: str, value: str, parent_code: str | None = None) -> str | None:
        """A code or a name typed by a person (CLI, URL) → code, or None when unknown."""
        text = str(value).strip()
        code = normalise_code(text, level)
        if code and self.exists(level, code):
            return code
        if level == "provinsi" or parent_code:
            m = self.match(level, text, parent_code)
            return m.code
        # No parent given: search every parent, and accept only a single hit; the full
        # form ("Kota Bima") is tried before the form without prefix ("Bima").
        for wanted in (full_key(text), name_key(text)):
            found = {c for (up, key), codes in self.by_key[level].items() if key == wanted for c in codes}
            if len(found) == 1:
                return found.pop()
            if found:
                return None
        return None
