"""Parse one cell of a given kind. Each parser returns (value, problem) where problem is None or
an Indonesian description of what was expected."""

from __future__ import annotations

import datetime as dt
import re

from analytics.periode import BULAN, BULAN_SINGKAT

YES = {"ya", "y", "1", "true", "benar", "sudah", "ada", "yes", "iya"}
NO = {"tidak", "t", "0", "false", "salah", "belum", "tidak_ada", "no", "n", "tdk"}
EMPTY = {"", "-", "null", "none", "nan", "n/a", "na", "#n/a"}

_MONTHS = {m.lower(): i + 1 for i, m in enumerate(BULAN)}
_MONTHS.update({m.lower(): i + 1 for i, m in enumerate(BULAN_SINGKAT)})
_MONTHS.update(
    {
        "agt": 8,
        "agus": 8,
        "okt": 10,
        "des": 12,
        "sept": 9,
        "pebruari": 2,
        "nop": 11,
        "nopember": 11,
        "january": 1,
        "february": 2,
        "march": 3,
        "may": 5,
        "june": 6,
        "july": 7,
        "august": 8,
        "october": 10,
        "december": 12,
        "oct": 10,
        "dec": 12,
        "aug": 8,
    }
)


def is_empty(raw) -> bool:
    return raw is None or str(raw).strip().lower() in EMPTY


def parse_bool(raw):
    key = str(raw).strip().lower()
    if key in YES:
        return True, None
    if key in NO:
        return False, None
    return None, "ya atau tidak (ya/tidak/y/t/1/0/sudah/belum)"


def enum_key(raw) -> str:
    return re.sub(r"[\s_\-]+", "_", str(raw).strip().lower()).strip("_")


def parse_enum(raw, values):
    key = enum_key(raw)
    if key in values:
        return key, None
    squeezed = key.replace("_", "")
    for v in values:
        if v.replace("_", "") == squeezed:
            return v, None
    return None, "salah satu dari: " + ", ".join(values)


def parse_enum_list(raw, values):
    parts = [p for p in re.split(r"[;,/]", str(raw)) if p.strip()]
    out, bad = [], []
    for p in parts:
        v, problem = parse_enum(p, values)
        if problem:
            bad.append(p.strip())
        elif v not in out:
            out.append(v)
    if bad:
        return None, "nilai dari: " + ", ".join(values) + " (beberapa dipisah ; atau ,)"
    return out, None


def parse_date(raw):
    if isinstance(raw, dt.datetime):
        return raw.date(), None
    if isinstance(raw, dt.date):
        return raw, None
    text = str(raw).strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?", text)
    if m:
        y, mo, d = map(int, m.groups())
        return _date(y, mo, d)
    m = re.fullmatch(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})", text)
    if m:
        d, mo, y = map(int, m.groups())
        if mo > 12 and d <= 12:
            return None, f"tanggal dengan urutan hari/bulan/tahun, misalnya 20/10/2025 (tidak ada bulan {mo})"
        return _date(y, mo, d)
    m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text)
    if m and m.group(2).lower() in _MONTHS:
        return _date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    if re.fullmatch(r"\d{5}(?:\.0)?", text):  # an Excel serial date that lost its format
        serial = int(float(text))
        if 30000 < serial < 60000:
            return dt.date(1899, 12, 30) + dt.timedelta(days=serial), None
    return None, "tanggal seperti 2025-10-20, 20/10/2025, 20-10-2025 atau 20 Oktober 2025"


def _date(y, mo, d):
    try:
        return dt.date(y, mo, d), None
    except ValueError:
        return None, "tanggal yang ada di kalender"


def parse_number(raw, integer: bool, dot_thousands: bool = False):
    """Indonesian or English notation. For integers a dot groups thousands (1.166 = 1166);
    with `dot_thousands` also for decimals (areas: 2.500 m² is two and a half thousand)."""
    if isinstance(raw, bool):
        return None, "angka"
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
        if text.endswith("%"):
            text = text[:-1]
        if integer:
            if re.fullmatch(r"-?\d{1,3}(?:[.,]\d{3})+", text):
                text = re.sub(r"[.,]", "", text)
            elif re.fullmatch(r"-?\d+[.,]0+", text):
                text = re.split(r"[.,]", text)[0]
        else:
            if dot_thousands and re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", text):
                text = text.replace(".", "")
            elif re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+,\d+", text):  # 1.234,5
                text = text.replace(".", "").replace(",", ".")
            elif re.fullmatch(r"-?\d{1,3}(?:,\d{3})+\.\d+", text):  # 1,234.5
                text = text.replace(",", "")
            elif re.fullmatch(r"-?\d+,\d+", text):
                text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            return None, "bilangan bulat" if integer else "angka (desimal dengan koma atau titik)"
    if integer:
        if value != int(value):
            return None, "bilangan bulat"
        return int(value), None
    return value, None


def parse(raw, kind: str, values=()):
    """Dispatch by column kind; the value is None for an empty cell."""
    if is_empty(raw):
        return None, None
    if kind == "text":
        return " ".join(str(raw).split()), None
    if kind == "date":
        return parse_date(raw)
    if kind == "bool":
        return parse_bool(raw)
    if kind == "enum":
        return parse_enum(raw, values)
    if kind == "enum_list":
        return parse_enum_list(raw, values)
    if kind == "int":
        value, problem = parse_number(raw, integer=True)
        if problem is None and value < 0:
            return None, "bilangan bulat ≥ 0"
        return value, problem
    if kind == "amount":  # money or counts that may be fractional, never negative
        value, problem = parse_number(raw, integer=False, dot_thousands=True)
        if problem is None and value < 0:
            return None, "angka ≥ 0"
        return value, problem
    if kind == "float":
        value, problem = parse_number(raw, integer=False, dot_thousands=True)
        if problem is None and value <= 0:
            return None, "angka > 0"
        return value, problem
    if kind == "percent":
        value, problem = parse_number(raw, integer=False)
        if problem is None and not 0 <= value <= 100:
            return None, "persen antara 0 dan 100"
        return value, problem
    if kind in ("lat", "lon"):
        return parse_number(raw, integer=False)
    raise ValueError(f"unknown column kind {kind}")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_all(raws: list, kind: str, values=()) -> list[tuple]:
    """parse() over many distinct cells, with shortcuts for the commonest shapes (plain text,
    yes/no words, ASCII whole numbers, ISO dates) that give exactly what parse() gives."""
    out = []
    append = out.append
    for raw in raws:
        if raw.__class__ is str:
            key = raw.strip().lower()
            if key in EMPTY:
                append((None, None))
                continue
            if kind == "text":
                append((" ".join(raw.split()), None))
                continue
            if kind == "bool" and (key in YES or key in NO):
                append((key in YES, None))
                continue
            if kind == "int" and raw.isascii() and raw.isdigit() and len(raw) <= 15:
                append((int(raw), None))
                continue
            if kind == "date" and len(raw) == 10 and _ISO_DATE.fullmatch(raw):
                try:
                    append((dt.date.fromisoformat(raw), None))
                    continue
                except ValueError:
                    pass
        append(parse(raw, kind, values))
    return out
