"""File bytes → rows of cells, within limits: the part of reading that touches untrusted bytes.

No pandas here: this module runs in the reading child process (analytics/ingest/child.py), which
starts fast because it imports little. Every loop over the file has a bound: rows, columns, the
length of a line and of a cell; blank rows are counted, never stored (a run of them is kept as one
empty marker, because a footer is told from the table by the blank row above it)."""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field

from analytics.ingest import schema

# Excel's own limits: no file saved by Excel goes past them.
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
CELL_CHARS = 32_767
# One physical line of a CSV (a 200-column row of long names is far below this).
LINE_CHARS = 1 << 20
# Warnings about removed control characters listed one by one; the rest are counted in one line.
NOTES_LISTED = 50
# Lines named in the message about bytes that are not UTF-8.
BAD_LINES_LISTED = 10

# C0 controls except tab, line feed and carriage return (kept: a quoted cell may span lines),
# DEL and the C1 controls. Removed from every value, with a warning naming row and column.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BLANK_TEXT = re.compile(r"[\s,;|\ufeff]*")
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


class MemoryWatch:
    """Near an address-space cap, CPython and glibc can spin on failing small allocations instead
    of raising MemoryError: the reading child checks its own size now and then and raises at
    `share` of the cap, while there is still room to answer."""

    def __init__(self, cap_bytes: int, share: float = 0.85):
        self.limit = cap_bytes * share
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.statm = open("/proc/self/statm", "rb", buffering=0)

    def check(self, extra: int = 0) -> None:
        self.statm.seek(0)
        if int(self.statm.read().split()[0]) * self.page + extra > self.limit:
            raise MemoryError


_watch: MemoryWatch | None = None


def watch_memory(cap_bytes: int) -> None:
    """Called in the reading child only (the app's own size has nothing to do with the cap)."""
    global _watch
    try:
        _watch = MemoryWatch(cap_bytes)
    except (OSError, ValueError, AttributeError):  # no /proc (not Linux): the hard cap alone
        _watch = None


def check_memory(extra: int = 0) -> None:
    """MemoryError when the reading child, plus `extra` bytes about to be allocated, nears its cap."""
    if _watch is not None:
        _watch.check(extra)


class ReadError(ValueError):
    """The file cannot be read as a table; the message is for the uploader."""


class ReaderCrash(RuntimeError):
    """The reader itself failed (a bug, not the file): the CLI exits 3, never 1."""


@dataclass(frozen=True)
class Limits:
    """How much of a file is read; see Settings in analytics/config.py for what each means."""

    rows: int = 200_000
    columns: int = 200
    xlsx_mb: int = 150
    memory_mb: int = 1024
    seconds: int = 60

    @classmethod
    def from_settings(cls, settings) -> Limits:
        return cls(
            settings.batas_baris,
            settings.batas_kolom,
            settings.batas_xlsx_mb,
            settings.batas_memori_baca_mb,
            settings.batas_waktu_baca_detik,
        )


@dataclass
class Grid:
    rows: list[list]  # cell values; [] marks a run of blank rows
    numbers: list[int]  # 1-based row in the file (or sheet) of each
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    # (row, column index from 0 or None, value shown, message): what reading changed in a value.
    notes: list[tuple] = field(default_factory=list)


@dataclass
class Layout:
    """A grid read as a table: its header row found, the footer under it left out, one list of
    values per column (None for an empty cell) and the file row of every record."""

    headers: list[str]
    columns: list[list]
    file_rows: list[int]
    header_row: int
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    footer_rows: list[int] = field(default_factory=list)
    notes: list[tuple] = field(default_factory=list)  # (row, column name, value shown, message)
    text: bool = False  # every cell a str, "" when empty (a CSV)


def angka(n: int) -> str:
    """1234567 → '1.234.567' (analytics.format is not imported here, to keep the child small)."""
    return f"{n:,}".replace(",", ".")


def shown(value: str, limit: int = 80) -> str:
    """A value for a message: control characters written as \\xNN, cut to `limit` characters."""
    text = CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value[: limit * 2])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unescape_excel(text: str) -> str:
    """Excel writes characters XML cannot hold as _xHHHH_ (and a literal '_x' as _x005F_x)."""
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


class Rows:
    """Collects the rows of one table within the limits, and cleans control characters."""

    def __init__(self, limits: Limits, where: str = ""):
        self.limits = limits
        self.where = where  # " di lembar 'Data'" for a sheet
        self.rows: list[list] = []
        self.numbers: list[int] = []
        self.filled = 0
        self.notes: list[tuple] = []
        self.cleaned = 0

    def blank(self, number: int) -> None:
        if self.rows and self.rows[-1]:
            self.rows.append([])
            self.numbers.append(number)

    def keep(self, number: int, row: list) -> None:
        self.filled += 1
        if not self.filled & 511:
            check_memory()
        if self.filled > self.limits.rows:
            raise ReadError(
                f"File berisi lebih dari {angka(self.limits.rows)} baris data{self.where} (batas "
                f"pengaturan batas_baris). Bagi file menjadi beberapa bagian."
            )
        self.rows.append(row)
        self.numbers.append(number)

    def clean(self, number: int, column: int, value: str) -> str:
        """`value` without control characters; the first removals are listed as warnings."""
        self.cleaned += 1
        if self.cleaned <= NOTES_LISTED:
            self.notes.append((number, column, shown(value), "Karakter kendali (mis. NUL) dihapus dari nilai ini."))
        return CONTROL.sub("", value)

    def grid(self, **info) -> Grid:
        notes = self.notes
        if self.cleaned > NOTES_LISTED:
            notes = notes + [
                (None, None, None, f"Karakter kendali juga dihapus dari {angka(self.cleaned - NOTES_LISTED)} sel lain.")
            ]
        return Grid(self.rows, self.numbers, notes=notes, **info)

    def too_wide(self, number: int, width: int) -> ReadError:
        return ReadError(
            f"Baris {angka(number)}{self.where} berisi {angka(width)} kolom; batas "
            f"{angka(self.limits.columns)} kolom (pengaturan batas_kolom)."
        )


# --- Header row ----------------------------------------------------------------------------------


def looks_like_header(cells) -> int:
    """How many cells are column names known to any dataset."""
    count = 0
    for cell in cells:
        if cell is None or str(cell).strip() == "":
            continue
        for ds in schema.DATASETS.values():
            if schema.canonical_header(cell, ds):
                count += 1
                break
    return count


def find_header(grid: list[list]) -> int:
    """Index of the header row: the first of the top 20 rows naming ≥ 2 known columns."""
    for i, row in enumerate(grid[:20]):
        if looks_like_header(row) >= 2:
            return i
    for i, row in enumerate(grid[:20]):
        if any(c is not None and str(c).strip() for c in row):
            return i
    raise ReadError("File kosong: tidak ada baris judul kolom maupun data.")


def is_blank(row) -> bool:
    return not any(c is not None and str(c).strip() for c in row)


def _filled(row) -> int:
    return sum(1 for c in row if c is not None and str(c).strip())


def _footer_start(body: list[tuple[int, list]], width: int) -> int | None:
    """Index in `body` of the blank row above a footer (place, date, signature, NIP: every row of it
    fills at most two cells), or None. One pass from the end, so that a file of alternating data
    and blank rows costs no more than any other."""
    if width <= 3:
        return None
    found, rest, small = None, False, True
    for k in range(len(body) - 1, 0, -1):
        row = body[k][1]
        if is_blank(row):
            if rest and small:
                found = k
        else:
            rest = True
            small = small and _filled(row) <= 2
            if not small:
                break
    return found


def layout(grid: Grid) -> Layout:
    """`grid.numbers[i]` is the file row of grid.rows[i] (physical lines differ when a cell holds a newline)."""
    rows, numbers = grid.rows, grid.numbers
    h = find_header(rows)
    raw_headers = list(rows[h])
    first_data = h + 1
    # A two-row header (group titles merged over sub-columns, e.g. "Wilayah" over
    # Kabupaten/Kecamatan/Desa): the lower row names a column where it has a value.
    if first_data < len(rows) and looks_like_header(rows[first_data]) >= 2:
        lower = list(rows[first_data])
        width2 = max(len(raw_headers), len(lower))
        raw_headers += [None] * (width2 - len(raw_headers))
        lower += [None] * (width2 - len(lower))
        raw_headers = [lo if lo is not None and str(lo).strip() else up for up, lo in zip(raw_headers, lower)]
        first_data += 1
    width = max([len(raw_headers)] + [len(r) for r in rows[first_data:]])
    headers = []
    for j in range(width):
        cell = raw_headers[j] if j < len(raw_headers) else None
        text = "" if cell is None else " ".join(str(cell).split())
        headers.append(text or f"kolom_{j + 1}")
    body = list(zip(numbers[first_data:], rows[first_data:]))
    footer_from = _footer_start(body, width)
    footer = [] if footer_from is None else [n for n, r in body[footer_from:] if not is_blank(r)]
    if footer_from is not None:
        body = body[:footer_from]
    kept = [row for _, row in body if row]
    file_rows = [i for i, row in body if row]
    # A CSV holds only text: an empty cell is "" there (one string per column for the trip back
    # from the child process); other cells are None when empty.
    text = grid.encoding is not None
    empty = "" if text else None
    check_memory(extra=len(kept) * width * 16)  # the columns, and the tuples they are copied from
    padded = (row if len(row) == width else row + [empty] * (width - len(row)) for row in kept)
    columns = [list(col) for col in zip(*padded)] if kept else [[] for _ in range(width)]
    for j, col in enumerate(columns):
        check_memory()
        if text:
            columns[j] = [c if c.strip() else "" for c in col]
        else:
            columns[j] = [None if c is None or (c.__class__ is str and not c.strip()) else c for c in col]
    notes = [
        (row, headers[col] if col is not None and col < width else None, value, message)
        for row, col, value, message in grid.notes
    ]
    return Layout(
        headers, columns, file_rows, numbers[h], grid.encoding, grid.delimiter, grid.sheet, footer, notes, text
    )


# --- Text files ----------------------------------------------------------------------------------


def _bad_utf8(text: str, bom: bool = False) -> ReadError:
    """The lines holding bytes that are not UTF-8 (decoded as U+FFFD in `text`)."""
    lines, line, pos = [], 1, 0
    start = text.find("\ufffd")
    while start >= 0 and len(lines) < BAD_LINES_LISTED:
        line += text.count("\n", pos, start)
        if not lines or lines[-1] != line:
            lines.append(line)
        pos = start
        start = text.find("\ufffd", start + 1)
    more = " dan baris lain" if start >= 0 else ""
    where = ", ".join(angka(n) for n in lines)
    return ReadError(
        f"File ini {'bertanda UTF-8 (BOM) ' if bom else ''}hampir seluruhnya UTF-8, tetapi ada bita yang "
        f"bukan UTF-8 di baris {where}{more}. Perbaiki baris itu, atau simpan ulang file sebagai "
        "'CSV UTF-8'."
    )


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding. A file that is UTF-8 but for a few bytes is refused
    with the lines of those bytes; a file with no UTF-8 sequence at all is Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise _bad_utf8(data[3:].decode("utf-8", errors="replace"), bom=True) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ReadError(
                f"File UTF-16 ini rusak (bita ke-{angka(exc.start + 1)} tidak dapat dibaca). "
                "Simpan ulang file dari Excel sebagai CSV."
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if non_ascii - invalid >= invalid:
        # As many characters decoded as UTF-8 as bytes that did not: a UTF-8 file with damage, not a
        # Windows-1252 one (whose accents almost never form UTF-8 sequences).
        raise _bad_utf8(text)
    return data.decode("cp1252", errors="replace"), "windows-1252"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first 50 lines into the most rows of one width (> 1), the
    widest on a tie. csv.Sniffer is not used: its regular expressions take minutes on a crafted
    line of quotes and commas."""
    sample = "\n".join(text[:65536].splitlines()[:50])
    best, best_score = None, (0, 0)
    for delimiter in ",;\t|":
        try:
            widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row]
        except csv.Error:
            continue
        if not widths:
            continue
        width = max(set(widths), key=lambda w: (widths.count(w), w))
        score = (widths.count(width), width)
        if width > 1 and score > best_score:
            best, best_score = delimiter, score
    if best:
        return best
    counts = {d: sample.count(d) for d in ",;\t|"}
    return max(counts, key=counts.get) if max(counts.values()) > 0 else ","


def _lines(data: bytes, encoding: str):
    """Physical lines, decoded as they are read (the whole text is never held twice)."""
    codec = {"windows-1252": "cp1252"}.get(encoding, encoding)
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=codec, errors="replace", newline="")
    number = 0
    while True:
        line = stream.readline(LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > LINE_CHARS:
            raise ReadError(
                f"Baris {angka(number)} lebih panjang dari {angka(LINE_CHARS)} karakter: ini bukan "
                "tabel CSV yang dapat dibaca."
            )
        yield line


def csv_grid(data: bytes, limits: Limits) -> Grid:
    text, encoding = decode(data)
    if _BLANK_TEXT.fullmatch(text):
        raise ReadError("File kosong.")
    if "\x00" in text[:4096]:
        raise ReadError("File ini bukan teks CSV (berisi data biner). Unggah CSV atau XLSX.")
    delimiter = sniff_delimiter(text)
    dirty = CONTROL.search(text) is not None
    del text
    out = Rows(limits)
    reader = csv.reader(_lines(data, encoding), delimiter=delimiter)
    # csv.reader counts physical lines, so a quoted newline keeps later row numbers honest:
    # a record starts on the line after the previous record ended.
    previous_end, records = 0, 0
    try:
        for row in reader:
            number = previous_end + 1
            previous_end = reader.line_num
            records += 1
            if records > EXCEL_ROWS:
                raise ReadError(
                    f"File berisi lebih dari {angka(EXCEL_ROWS)} baris (termasuk baris kosong), batas "
                    "baris Excel. Hapus baris kosong di bawah tabel."
                )
            joined = "".join(row)
            if not joined.strip():
                out.blank(number)
                continue
            if len(row) > limits.columns:
                while row and not row[-1].strip():
                    row.pop()
                if len(row) > limits.columns:
                    raise out.too_wide(number, len(row))
            if len(joined) > CELL_CHARS and max(map(len, row)) > CELL_CHARS:
                column = next(j for j, c in enumerate(row) if len(c) > CELL_CHARS)
                raise ReadError(
                    f"Baris {angka(number)} kolom {column + 1}: isi sel {angka(len(row[column]))} "
                    f"karakter, melebihi {angka(CELL_CHARS)} karakter (batas satu sel Excel)."
                )
            if dirty and CONTROL.search(joined):
                row = [out.clean(number, j, c) if CONTROL.search(c) else c for j, c in enumerate(row)]
            out.keep(number, row)
    except csv.Error as exc:
        reason = str(exc)
        if "field larger than field limit" in reason:
            reason = f"isi satu sel lebih dari {angka(csv.field_size_limit())} karakter"
        raise ReadError(f"Baris {angka(previous_end + 1)}: CSV tidak dapat dibaca ({reason}).") from None
    return out.grid(encoding=encoding, delimiter=delimiter)


def is_xlsx(data: bytes, file_name: str) -> bool:
    return data[:2] == b"PK" or file_name.lower().endswith((".xlsx", ".xlsm"))


def read_grid(data: bytes, file_name: str, sheet: str | None = None, limits: Limits | None = None) -> Grid:
    """The rows of a CSV or XLSX file, within `limits`; raises ReadError with a message for the uploader."""
    limits = limits or Limits()
    if not data:
        raise ReadError("File kosong (0 bita).")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReadError("Format .xls lama tidak didukung. Simpan ulang sebagai .xlsx atau CSV.")
    if is_xlsx(data, file_name):
        from analytics.ingest import xlsx

        return xlsx.grid(data, sheet, limits)
    return csv_grid(data, limits)
