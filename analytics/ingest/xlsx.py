"""XLSX → rows, streamed and bounded. The zip is checked before anything is unpacked (entries,
unpacked size, compression ratio); no size the file declares is trusted (a <dimension> or a far
row number never allocates anything); sheets are parsed with expat, a DTD is refused, and only
the chosen sheet is read to its end: the others are looked at for their first rows.

openpyxl is used for what it knows well (which number formats are dates, Excel serial → date);
its reader is not used: it pads missing rows and columns up to what the file declares, reads
every sheet's size up front, and is several times slower."""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from xml.parsers import expat

from analytics.ingest.grid import (
    CELL_CHARS,
    CONTROL,
    EXCEL_COLUMNS,
    EXCEL_ROWS,
    Grid,
    Limits,
    ReadError,
    Rows,
    angka,
    check_memory,
    is_blank,
    looks_like_header,
    unescape_excel,
)

# Parts in one file: a workbook has a few per sheet (sheet, its rels, drawings); 1,000 is generous.
ZIP_ENTRIES = 1000
# Unpacked/packed size allowed for a part over ZIP_RATIO_FROM bytes: real sheets stay below 30,
# a compression bomb is far above.
ZIP_RATIO = 100
ZIP_RATIO_FROM = 1 << 20
# How many non-blank rows of each sheet are looked at to find the one with the table.
HEAD_ROWS = 20

NOT_XLSX = (
    "File ini bukan file Excel .xlsx yang dapat dibaca (rusak, atau format lain yang diganti namanya). "
    "Simpan ulang dari Excel sebagai .xlsx atau CSV."
)

_MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
_RELS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
# expat is given "}" as namespace separator: "ns}local" → a small code per element of interest.
ROW, CELL, VALUE, TEXT, INLINE, PHONETIC, SI, SHEET, PR, NUMFMT, XF, CELLXFS = range(12)
_TAGS = {
    f"{ns}}}{local}": code
    for ns in _MAIN
    for local, code in (
        ("row", ROW),
        ("c", CELL),
        ("v", VALUE),
        ("t", TEXT),
        ("is", INLINE),
        ("rPh", PHONETIC),
        ("si", SI),
        ("sheet", SHEET),
        ("workbookPr", PR),
        ("numFmt", NUMFMT),
        ("xf", XF),
        ("cellXfs", CELLXFS),
    )
}
_REL_ID = [f"{ns}}}id" for ns in _RELS]


class _Stop(Exception):
    """Enough rows of this sheet have been seen."""


def _refuse_dtd(*_):
    raise ReadError(
        "File Excel ini berisi deklarasi DTD di dalam XML-nya; ditolak demi keamanan. "
        "Simpan ulang dari Excel sebagai .xlsx."
    )


def _parse(zf: zipfile.ZipFile, name: str, start=None, end=None, chars=None) -> None:
    """Stream one part of the zip through expat; handlers may raise ReadError or _Stop."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    if start:
        parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if chars:
        parser.CharacterDataHandler = chars
    try:
        with zf.open(name) as part:
            while True:
                chunk = part.read(1 << 16)
                parser.Parse(chunk, not chunk)
                if not chunk:
                    break
    except _Stop:
        pass
    except expat.ExpatError as exc:
        raise ReadError(
            f"File Excel rusak: bagian {name} bukan XML yang sah ({expat.ErrorString(exc.code)}, baris {exc.lineno})."
        ) from None
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        raise ReadError(NOT_XLSX) from None


def _open(data: bytes, limits: Limits) -> zipfile.ZipFile:
    # The entry count from the end record, before zipfile builds an object per entry.
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - (1 << 16) - 22))
    if end < 0 or len(data) < end + 22:
        raise ReadError(NOT_XLSX)
    entries = struct.unpack("<H", data[end + 10 : end + 12])[0]
    if entries > ZIP_ENTRIES:
        raise ReadError(
            f"File Excel ini berisi {angka(entries)} bagian di dalam zip-nya; batas {angka(ZIP_ENTRIES)}. "
            "Ini bukan buku kerja biasa."
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, struct.error):
        raise ReadError(NOT_XLSX) from None
    if len(infos) > ZIP_ENTRIES:
        raise ReadError(f"File Excel ini berisi {angka(len(infos))} bagian; batas {angka(ZIP_ENTRIES)}.")
    unpacked = sum(i.file_size for i in infos)
    if unpacked > limits.xlsx_mb * 1024 * 1024:
        raise ReadError(
            f"File Excel ini berisi {angka(round(unpacked / 1024 / 1024))} MB data setelah dibuka; batas "
            f"{angka(limits.xlsx_mb)} MB (pengaturan batas_xlsx_mb). Simpan sebagai CSV, atau bagi filenya."
        )
    for info in infos:
        if info.file_size > ZIP_RATIO_FROM and info.file_size > ZIP_RATIO * max(info.compress_size, 1):
            raise ReadError(
                f"File Excel ini dimampatkan secara tidak wajar ({info.filename}: "
                f"{angka(info.file_size // max(info.compress_size, 1))} kali lipat setelah dibuka); "
                "ditolak sebagai bom kompresi."
            )
    return zf


def _relationships(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id → (type, path in the zip) of the relationships of `part`."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    found = {}

    def start(name, attrs):
        if name == f"{_PACKAGE_RELS}}}Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[attrs.get("Id")] = (attrs.get("Type", ""), path)

    if rels_name in zf.NameToInfo:
        _parse(zf, rels_name, start)
    return found


class _Book:
    """Sheets (name → path), the date system, number formats of cell styles, shared strings."""

    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        workbook = next(
            (p for t, p in _relationships(zf, "").values() if t.endswith("/officeDocument")), "xl/workbook.xml"
        )
        if workbook not in zf.NameToInfo:
            raise ReadError(NOT_XLSX)
        rels = _relationships(zf, workbook)
        self.sheets: list[tuple[str, str]] = []
        self.epoch_1904 = False

        def start(name, attrs):
            code = _TAGS.get(name)
            if code == SHEET:
                if len(self.sheets) >= ZIP_ENTRIES:
                    raise ReadError(f"File Excel ini menyebut lebih dari {angka(ZIP_ENTRIES)} lembar.")
                rel = next((attrs[k] for k in _REL_ID if k in attrs), None)
                kind, path = rels.get(rel, ("", ""))
                if kind.endswith("/worksheet") and path in zf.NameToInfo:
                    # Excel allows 31 characters; a crafted name must not fill every message.
                    self.sheets.append((attrs.get("name", path)[:100], path))
            elif code == PR:
                self.epoch_1904 = attrs.get("date1904", "0").lower() in ("1", "true")

        _parse(zf, workbook, start)
        self.strings_part = next((p for t, p in rels.values() if t.endswith("/sharedStrings")), None)
        self.styles_part = next((p for t, p in rels.values() if t.endswith("/styles")), None)
        self.kinds = self._styles()
        self._strings: list[str] | None = None
        self.dirty_strings: set[int] = set()

    def _styles(self) -> list[str | None]:
        """Per cell style index: 'date', 'timedelta', 'percent' or None."""
        if not self.styles_part or self.styles_part not in self.zf.NameToInfo:
            return []
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        custom: dict[int, str] = {}
        formats: list[int] = []
        inside = [False]

        def start(name, attrs):
            code = _TAGS.get(name)
            if code == NUMFMT:
                try:
                    custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
                except ValueError:
                    pass
            elif code == CELLXFS:
                inside[0] = True
            elif code == XF and inside[0]:
                try:
                    formats.append(int(attrs.get("numFmtId", "0")))
                except ValueError:
                    formats.append(0)

        def end(name):
            if _TAGS.get(name) == CELLXFS:
                inside[0] = False

        _parse(self.zf, self.styles_part, start, end)
        kinds: dict[int, str | None] = {}
        for fmt_id in set(formats):
            fmt = custom.get(fmt_id) if fmt_id >= 164 or fmt_id in custom else BUILTIN_FORMATS.get(fmt_id, "General")
            fmt = fmt or "General"
            kinds[fmt_id] = (
                "timedelta"
                if is_timedelta_format(fmt)
                else "date"
                if is_date_format(fmt)
                else "percent"
                if "%" in fmt
                else None
            )
        return [kinds[f] for f in formats]

    @property
    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = self._shared_strings()
        return self._strings

    def _shared_strings(self) -> list[str]:
        strings: list[str] = []
        if not self.strings_part or self.strings_part not in self.zf.NameToInfo:
            return strings
        parts: list[str] = []
        state = {"text": False, "phonetic": False, "length": 0}

        def start(name, attrs):
            code = _TAGS.get(name)
            if code == TEXT and not state["phonetic"]:
                state["text"] = True
            elif code == PHONETIC:
                state["phonetic"] = True
            elif code == SI:
                parts.clear()
                state["length"] = 0

        def end(name):
            code = _TAGS.get(name)
            if code == TEXT:
                state["text"] = False
            elif code == PHONETIC:
                state["phonetic"] = False
            elif code == SI:
                text = unescape_excel("".join(parts))
                if len(text) > CELL_CHARS:
                    raise ReadError(
                        f"File Excel ini berisi teks {angka(len(text))} karakter dalam satu sel; batas "
                        f"Excel {angka(CELL_CHARS)}."
                    )
                if CONTROL.search(text):
                    self.dirty_strings.add(len(strings))
                strings.append(text)
                if not len(strings) & 4095:
                    check_memory()

        def chars(data):
            if state["text"]:
                parts.append(data)
                state["length"] += len(data)
                if state["length"] > CELL_CHARS:
                    raise ReadError(
                        f"File Excel ini berisi teks lebih dari {angka(CELL_CHARS)} karakter dalam "
                        "satu sel (batas Excel)."
                    )

        _parse(self.zf, self.strings_part, start, end, chars)
        return strings


_COLUMN_CACHE: dict[str, int] = {}


def _column(letters: str) -> int:
    col = _COLUMN_CACHE.get(letters)
    if col is None:
        if not (1 <= len(letters) <= 3 and letters.isascii() and letters.isalpha() and letters.isupper()):
            raise ReadError(f"File Excel rusak: alamat sel '{letters[:20]}' tidak sah.")
        col = 0
        for ch in letters:
            col = col * 26 + ord(ch) - 64
        if col > EXCEL_COLUMNS:
            raise ReadError(f"File Excel rusak: kolom {letters} melewati kolom terakhir Excel (XFD).")
        _COLUMN_CACHE[letters] = col
    return col


def _number(text: str):
    """As openpyxl reads a number cell: int unless it has a point or an exponent."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _sheet(book: _Book, name: str, path: str, limits: Limits, head: int | None = None) -> Rows:
    """The rows of one sheet; with `head`, only until that many non-blank rows were seen."""
    from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

    epoch = MAC_EPOCH if book.epoch_1904 else WINDOWS_EPOCH
    styled = {str(i): kind for i, kind in enumerate(book.kinds) if kind}
    max_columns = limits.columns
    where = f" di lembar '{name}'"
    out = Rows(limits, where)
    row_cells: list[tuple[int, object]] = []
    text: list[str] = []
    # state: row number, cell ref, cell type, cell style, capturing text, inside <rPh>, last column,
    # row number of the previous <row>
    state = [0, None, None, None, False, False, 0, 0]

    def start(tag, attrs):
        code = _TAGS.get(tag)
        if code == CELL:
            state[1] = attrs.get("r")
            state[2] = attrs.get("t", "n")
            state[3] = attrs.get("s")
            text.clear()
        elif code == VALUE or (code == TEXT and not state[5]):
            state[4] = True
        elif code == ROW:
            r = attrs.get("r")
            try:
                number = int(r) if r is not None else state[0] + 1
            except ValueError:
                raise ReadError(f"File Excel rusak: nomor baris '{r[:20]}'{where} tidak sah.") from None
            if not 1 <= number <= EXCEL_ROWS:
                raise ReadError(
                    f"File Excel ini memuat baris nomor {angka(number)}{where}, di luar batas Excel "
                    f"({angka(EXCEL_ROWS)} baris): file ini rusak atau bukan dari Excel."
                )
            state[0] = number
            state[6] = 0
            row_cells.clear()
        elif code == PHONETIC:
            state[5] = True

    def end(tag):
        code = _TAGS.get(tag)
        if code == VALUE or code == TEXT:
            state[4] = False
        elif code == CELL:
            ref = state[1]
            column = _column(ref.rstrip("0123456789").replace("$", "").upper()) if ref else state[6] + 1
            state[6] = column
            raw = "".join(text) if text else None
            kind = state[2]
            value = None
            if raw:
                try:
                    if kind == "s":
                        index = int(raw)
                        value = book.strings[index]
                        if index in book.dirty_strings:
                            value = out.clean(state[0], column - 1, value)
                    elif kind == "n":
                        value = _number(raw)
                        style = styled.get(state[3]) if state[3] else None
                        if style == "percent":
                            value = round(value * 100, 10)
                        elif style is not None:
                            try:
                                value = from_excel(value, epoch, timedelta=style == "timedelta")
                            except (OverflowError, ValueError):
                                value = "#VALUE!"
                    elif kind == "b":
                        value = bool(int(raw))
                    elif kind == "d":
                        from openpyxl.utils.datetime import from_ISO8601

                        value = from_ISO8601(raw)
                    else:  # str, inlineStr, e (an error such as #N/A)
                        value = unescape_excel(raw) if kind == "inlineStr" else raw
                        if len(value) > CELL_CHARS:
                            raise ReadError(
                                f"Baris {angka(state[0])}{where}: isi sel lebih dari "
                                f"{angka(CELL_CHARS)} karakter (batas Excel)."
                            )
                        if CONTROL.search(value):
                            value = out.clean(state[0], column - 1, value)
                except ReadError:
                    raise
                except (ValueError, IndexError, TypeError, OverflowError):
                    raise ReadError(f"File Excel rusak: sel {str(ref)[:20]}{where} tidak dapat dibaca.") from None
            if column > max_columns:
                if value is None or (isinstance(value, str) and not value.strip()):
                    return
                raise out.too_wide(state[0], column)
            row_cells.append((column, value))
        elif code == ROW:
            number = state[0]
            if number > state[7] + 1:  # rows left out of the XML are blank rows
                out.blank(state[7] + 1)
            state[7] = number
            if not row_cells:
                out.blank(number)
                return
            row = [None] * max(c for c, _ in row_cells)
            for column, value in row_cells:
                row[column - 1] = value
            if is_blank(row):
                out.blank(number)
                return
            out.keep(number, row)
            if head is not None and out.filled >= head:
                raise _Stop
        elif code == PHONETIC:
            state[5] = False

    def chars(data):
        if state[4]:
            text.append(data)

    _parse(book.zf, path, start, end, chars)
    return out


def grid(data: bytes, sheet: str | None, limits: Limits) -> Grid:
    book = _Book(_open(data, limits))
    if not book.sheets:
        raise ReadError("File Excel tidak berisi lembar kerja.")
    if sheet:
        chosen = [(n, p) for n, p in book.sheets if n == sheet]
        if not chosen:
            names = ", ".join(n for n, _ in book.sheets[:20]) + (", …" if len(book.sheets) > 20 else "")
            raise ReadError(f"Lembar (sheet) '{sheet[:100]}' tidak ada. Lembar yang ada: {names}.")
        name, path = chosen[0]
    elif len(book.sheets) == 1:
        name, path = book.sheets[0]
    else:
        # The first sheet with a recognisable header near the top, else the first with data.
        heads = [(n, p, _sheet(book, n, p, limits, head=HEAD_ROWS)) for n, p in book.sheets]
        with_data = [(n, p) for n, p, rows in heads if rows.filled]
        if not with_data:
            raise ReadError("File Excel tidak berisi data di lembar mana pun.")
        name, path = next(
            (
                (n, p)
                for n, p, rows in heads
                if rows.filled and any(looks_like_header(r) >= 2 for r in rows.rows[:HEAD_ROWS])
            ),
            with_data[0],
        )
    rows = _sheet(book, name, path, limits)
    if not rows.filled:
        raise ReadError(
            "File Excel tidak berisi data di lembar mana pun." if not sheet else f"Lembar '{sheet}' kosong."
        )
    return rows.grid(sheet=name)
