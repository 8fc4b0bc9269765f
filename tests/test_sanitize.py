"""Names from files: stored as bounded plain labels, shown literally in charts."""

import json
import re

import pandas as pd
import pytest

from analytics import audit, deck, ingest, sanitize
from conftest import TODAY
from ui import charts

LINK = '<a href="x">v</a>'
LINK_ESCAPED = '&lt;a href="x"&gt;v&lt;/a&gt;'
HEADER = "tanggal_laporan,kode_desa,nama_koperasi,badan_hukum\n"
ROW = "2025-10-27,18.04.04.2005,Koperasi Desa Merah Putih Sebarus,ya\n"


@pytest.mark.parametrize(
    "name, stored",
    [
        ("laporan.csv", "laporan.csv"),
        ("lapor\nan\t minggu\r\n44.csv", "lapor an minggu 44.csv"),
        ("tagihan\u202evsc.exe\x00", "tagihanvsc.exe"),  # a bidi override would show "exe.csv"
        ("\x00\x1b", "(tanpa nama)"),
        ("a" * 300 + ".xlsx", "a" * 194 + "….xlsx"),
        ("b" * 300, "b" * 199 + "…"),
    ],
)
def test_file_names_become_bounded_plain_labels(name, stored):
    assert sanitize.file_name(name) == stored
    assert len(stored) <= sanitize.FILE_NAME_LIMIT


@pytest.mark.parametrize(
    "text, shown",
    [
        (LINK, LINK_ESCAPED),
        ("Dinas P&K", "Dinas P&amp;K"),
        (
            "<b>tebal</b> & <span style='color:red'>merah</span>",
            "&lt;b&gt;tebal&lt;/b&gt; &amp; &lt;span style='color:red'&gt;merah&lt;/span&gt;",
        ),
        ("Koperasi Sebarus", "Koperasi Sebarus"),
    ],
)
def test_markup_escapes_once_and_only_once(text, shown):
    assert sanitize.markup(text) == shown
    assert sanitize.markup(shown) == shown


def test_a_100000_character_file_name_is_stored_truncated(fresh_db, gazetteer):
    name = "x" * 100_000 + "\n.csv"
    prepared = ingest.prepare(fresh_db, (HEADER + ROW).encode(), name, gazetteer=gazetteer, today=TODAY)
    batch = ingest.commit(fresh_db, prepared, user="uji")
    stored = fresh_db.execute("select nama_file from upload_batch where batch_id = $b", {"b": batch}).fetchone()[0]
    assert stored == "x" * 195 + "….csv"
    assert len(stored) == sanitize.FILE_NAME_LIMIT and "\n" not in stored
    entry = audit.jejak_audit(fresh_db).iloc[-1]
    assert entry["aksi"] == "unggah" and json.loads(entry["rincian"])["file"] == stored


def _shown_text(fig) -> list[str]:
    """Every string of the figure's traces and axes that plotly shows as text."""
    out = []
    for trace in fig.data:
        for prop in ("x", "y", "text", "hovertext", "name"):
            value = trace[prop] if prop in trace else None
            out.extend(
                [value]
                if isinstance(value, str)
                else [v for v in (value if value is not None else ()) if isinstance(v, str)]
            )
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        for prop in ("categoryarray", "tickvals", "ticktext"):
            out.extend(v for v in (axis[prop] or ()) if isinstance(v, str))
    return out


def test_a_verifier_name_with_a_link_is_escaped_in_the_chart_labels():
    data = pd.DataFrame(
        {
            "verifikator": [LINK, LINK, "Budi"],
            "status_verifikasi": ["terverifikasi", "ditolak", "ditolak"],
            "persil": [3, 1, 2],
        }
    )
    fig = charts.stacked_long_bars(
        data,
        "verifikator",
        "status_verifikasi",
        "persil",
        {"terverifikasi": "Terverifikasi", "ditolak": "Ditolak"},
        {"terverifikasi": "#1a9850", "ditolak": "#d73027"},
        "persil",
    )
    assert list(fig.data[0].y) == ["Budi", LINK_ESCAPED]
    assert list(fig.layout.yaxis.categoryarray) == ["Budi", LINK_ESCAPED]
    assert "<a" not in " ".join(_shown_text(fig))
    # The click key (customdata) is left as it was: the page looks rows up by it.
    assert [c[0] for c in fig.data[0].customdata] == ["Budi", LINK]


def test_names_from_files_are_escaped_in_hover_text_and_the_presentation_deck():
    heat = charts.completeness_heatmap(
        pd.DataFrame(
            {
                "nama": ["<b>Kab</b>"],
                "minggu": [pd.Timestamp("2025-10-27")],
                "status": ["terlambat"],
                "diunggah_pada": [pd.NaT],
            }
        )
    )
    assert heat.data[0].y == ("&lt;b&gt;Kab&lt;/b&gt;",)
    assert heat.data[0].customdata[0][0].startswith("&lt;b&gt;Kab&lt;/b&gt;<br>")
    ranked = charts.ranked_bars([LINK], [4], "#333", "persil")
    assert ranked.data[0].y == (LINK_ESCAPED,)
    kendala = deck.grafik_kendala({LINK: 2, "lahan": 1}, None)
    assert LINK_ESCAPED in kendala.data[0].y and "<a" not in " ".join(_shown_text(kendala))


def test_streamlit_escapes_what_it_puts_into_a_map_tooltip():
    """The Peta page's tooltips (analytics/peta.py TOOLTIP: "<b>{judul}</b><br/>{rincian}") are left
    unescaped on purpose: Streamlit's pydeck chart escapes each value it interpolates into an html
    tooltip, so escaping here would show "&amp;". If an upgrade drops that, this test says so."""
    from pathlib import Path

    import streamlit

    bundle = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in (Path(streamlit.__file__).parent / "static").rglob("DeckGlJsonChart*.js")
    )
    assert '{"&":`&amp;`,"<":`&lt;`,">":`&gt;`' in bundle
    assert re.search(r"\.html=[\w$]+\([\w$]+,[\w$]+\.html,!0\)", bundle)  # interpolate(info, html, escape=true)
