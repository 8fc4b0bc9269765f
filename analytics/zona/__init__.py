"""Zones and intervention: who moved zone since last week, and who needs help this week. The
rules that decide a zone, and the zone computation, are in analytics/zona/aturan.py.

One function per .sql file, plus small pure helpers the page and the printable list share.
"""

from __future__ import annotations

import html
import numbers

import pandas as pd

from analytics import db
from analytics.filters import Filter
from analytics.zona.aturan import Rules, load_rules

# Rows and columns of the zone-move matrix: 'baru' was not reported last week, 'hilang' is not this week.
DARI = ("merah", "kuning", "hijau", "baru")
KE = ("merah", "kuning", "hijau", "hilang")


def _lists(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """DuckDB lists arrive as numpy arrays; plain lists compare and print as users expect."""
    df[column] = df[column].map(lambda v: [str(x) for x in v] if hasattr(v, "__len__") else None).astype(object)
    return df


def transisi_zona_per_wilayah(con, f: Filter, minggu, minggu_lalu, tingkat: str | None = None) -> pd.DataFrame:
    """Koperasi per (area at `tingkat`, zone last week, zone this week): kode, nama, dari, ke, koperasi;
    most first. Without `tingkat` the whole filter is one area (kode and nama None).

    The one zone-move query: the matrix, the naik/turun/tetap/baru counts and the deck's moves per
    area are sums of its rows, so they cannot disagree."""
    return db.run(
        con,
        "transisi_zona_per_wilayah",
        {**f.params(), "tingkat": tingkat, "minggu": minggu, "minggu_lalu": minggu_lalu},
    )


def transisi_zona(con, f: Filter, minggu, minggu_lalu) -> pd.DataFrame:
    """Koperasi per (zone last week, zone this week): a 4×4 frame, rows DARI, columns KE."""
    df = transisi_zona_per_wilayah(con, f, minggu, minggu_lalu)
    grid = pd.DataFrame(0, index=list(DARI), columns=list(KE), dtype="int64")
    for dari, ke, n in zip(df["dari"], df["ke"], df["koperasi"]):
        grid.loc[dari, ke] += int(n)
    return grid


def arah(dari: str, ke: str) -> str | None:
    """How a koperasi's zone moved: 'naik' (better), 'turun' (worse), 'tetap', 'baru' (not reported
    last week), or None when it is no longer reported ('hilang')."""
    if ke == "hilang":
        return None
    if dari == "baru":
        return "baru"
    # DARI and KE list the zones worst first.
    kini, lalu = KE.index(ke), DARI.index(dari)
    return "tetap" if kini == lalu else "naik" if kini > lalu else "turun"


def koperasi_transisi(con, f: Filter, minggu, minggu_lalu, dari: str, ke: str) -> pd.DataFrame:
    """The koperasi of one cell of the matrix, with desa, kecamatan and the rules that fired."""
    df = db.run(
        con, "koperasi_transisi", {**f.params(), "minggu": minggu, "minggu_lalu": minggu_lalu, "dari": dari, "ke": ke}
    )
    return _lists(df, "aturan")


def perlu_intervensi(con, f: Filter, minggu, minggu_lalu, rules: Rules | None = None) -> pd.DataFrame:
    """Koperasi that are merah, turned worse, or stalled this week, ordered by kabupaten and kecamatan.

    Stalled: at least as many weeks of data without construction progress as the zone rules ask
    (Rules.batas_macet, rule M4 as shipped); with no such rule nobody counts as stalled."""
    batas_macet = (rules or load_rules()).batas_macet
    df = db.run(
        con,
        "perlu_intervensi",
        {**f.params(), "minggu": minggu, "minggu_lalu": minggu_lalu, "batas_macet": batas_macet},
    )
    return _lists(df, "aturan")


def intervensi_per_kecamatan(daftar: pd.DataFrame) -> pd.DataFrame:
    """Counts of the intervention list per kecamatan (kode, nama, merah, lainnya), most first.

    The list is already the week's answer, so grouping it again needs no second query.
    """
    if daftar.empty:
        return pd.DataFrame({"kode": [], "nama": [], "kabupaten": [], "merah": [], "lainnya": []})
    g = daftar.assign(lainnya=~daftar["merah"]).groupby(["kode_kecamatan", "kecamatan", "kabupaten"], as_index=False)
    out = g.agg(merah=("merah", "sum"), lainnya=("lainnya", "sum"))
    out = out.rename(columns={"kode_kecamatan": "kode", "kecamatan": "nama"})
    out[["merah", "lainnya"]] = out[["merah", "lainnya"]].astype("int64")
    out["jumlah"] = out["merah"] + out["lainnya"]
    return (
        out.sort_values(["jumlah", "merah", "nama"], ascending=[False, False, True])
        .drop(columns="jumlah")
        .reset_index(drop=True)
    )


def alasan(aturan, rules: Rules) -> str:
    """The rules that fired, in the rules file's own Indonesian sentences."""
    if aturan is None:
        return ""
    return " ".join(rules.explain(str(rule_id)) for rule_id in aturan)


def cari(daftar: pd.DataFrame, teks: str, kolom=("nama_koperasi", "desa", "pendamping")) -> pd.DataFrame:
    """Rows whose koperasi, desa or pendamping contains `teks` (case-insensitive; blank keeps all)."""
    needle = (teks or "").strip().casefold()
    if not needle or daftar.empty:
        return daftar
    hit = pd.Series(False, index=daftar.index)
    for column in kolom:
        hit |= daftar[column].fillna("").astype(str).str.casefold().str.contains(needle, regex=False)
    return daftar[hit]


_CETAK_CSS = """
@page { size: A4 portrait; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Source Sans Pro", Arial, sans-serif; font-size: 10pt; color: #111;
       margin: 0 auto; max-width: 186mm; line-height: 1.35; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
p.sub { margin: 0 0 4mm; color: #333; }
h2 { font-size: 12pt; margin: 5mm 0 1.5mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #111;
     break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
th, td { border: 0.5pt solid #777; padding: 1mm 1.4mm; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
th { background: #eee; font-size: 9pt; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
td.zona { white-space: nowrap; font-weight: 600; }
p.catatan { margin-top: 5mm; font-size: 9pt; color: #333; }
@media print { body { max-width: none; } }
"""


def daftar_cetak(
    daftar: pd.DataFrame,
    judul: str,
    subjudul: str,
    kolom: dict[str, str],
    kelompok: str = "kecamatan",
    kelompok_label=None,
    catatan: str = "",
    lebar: dict[str, int] | None = None,
) -> str:
    """A printable HTML page (A4): one table per group (kecamatan), every value escaped.

    `kolom` maps the frame's columns to their headers, in order. Groups keep the order in which
    they first appear; `kelompok_label(first_row, n)` gives each group's heading from its first row
    (a dict) and its number of rows (default: the group's value). `lebar` gives column widths in
    percent, so every group's table lines up with the others.
    """
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="id"><head><meta charset="utf-8">',
        f"<title>{e(judul)}</title><style>{_CETAK_CSS}</style></head><body>",
        f"<h1>{e(judul)}</h1>",
        f'<p class="sub">{e(subjudul)}</p>',
    ]
    columns = ""
    if lebar:
        columns = "<colgroup>" + "".join(f'<col style="width:{int(lebar.get(c, 10))}%">' for c in kolom) + "</colgroup>"
    head = "<thead><tr>" + "".join(f"<th>{e(label)}</th>" for label in kolom.values()) + "</tr></thead>"
    # One pass over the rows, so a national list of tens of thousands stays quick.
    # factorize numbers the groups in order of first appearance; a stable sort keeps row order.
    codes, _ = pd.factorize(daftar[kelompok], use_na_sentinel=False)
    order = codes.argsort(kind="stable")
    sizes = pd.Series(codes).value_counts().to_dict()
    current = None
    for code, row in zip(codes[order], daftar.iloc[order].to_dict("records")):
        if code != current:
            if current is not None:
                parts.append("</tbody></table>")
            current = code
            heading = kelompok_label(row, sizes[code]) if kelompok_label else str(row[kelompok])
            parts.append(f"<h2>{e(heading)}</h2>")
            parts.append(f"<table>{columns}{head}<tbody>")
        cells = []
        for column in kolom:
            value = row[column]
            text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            css = ' class="num"' if isinstance(value, numbers.Number) and not isinstance(value, bool) else ""
            if column.startswith("zona"):
                css = ' class="zona"'
            cells.append(f"<td{css}>{e(text)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    if current is not None:
        parts.append("</tbody></table>")
    if catatan:
        parts.append(f'<p class="catatan">{e(catatan)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts)
