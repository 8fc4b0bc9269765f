"""What a leader reads: no raw stored value (`tenaga_kerja`, `tidak_ada`), no file path
(`data/zona.toml`) and no English UI word in the rendered text of any page, at a province, a
kabupaten, a kecamatan and a desa filter of the demo data (AppTest)."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from analytics import demo
from conftest import ROOT, salin_demo

PAGES = (
    "pages/1_ringkasan.py",
    "pages/2_zona.py",
    "pages/3_lahan.py",
    "pages/4_sppg.py",
    "pages/5_digitalisasi.py",
    "pages/6_kelengkapan.py",
    "pages/7_peta.py",
    "pages/8_unggah.py",
    "pages/9_presentasi.py",
    "pages/11_kualitas.py",
)
FILTERS = {
    "ntb": {"provinsi": "52"},
    "lampung_barat": {"provinsi": "18", "kabupaten": "18.04"},
    "balik_bukit": {"provinsi": "18", "kabupaten": "18.04", "kecamatan": "18.04.04"},
    "desa": {"provinsi": "18", "kabupaten": "18.04", "kecamatan": "18.04.04", "desa": "18.04.04.2001"},
}
# A stored value or identifier: lower-case words joined by underscores; a file path.
MENTAH = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b[\w./-]+\.(?:toml|json|duckdb)\b")
# English words a page of ours could say (Streamlit's own widget texts are listed in the README).
INGGRIS = re.compile(
    r"\b(?:Upload|Download|Browse|Slides?|slides?|Settings|Search|Loading|Submit|Cancel|Delete|Save|Show|Hide|"
    r"Page|Next|Previous|Back|Week|Total of|Data of)\b"
)
# Where snake_case is the point: the template tab tells an office which column names its files use.
BOLEH = {"pages/8_unggah.py": re.compile(r"^(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+)$")}


@pytest.fixture(scope="module")
def demo_file(demo_db_file, tmp_path_factory):
    return salin_demo(demo_db_file, tmp_path_factory, "label")


def _teks(at: AppTest) -> list[str]:
    """Every text a visitor reads: headings, paragraphs, captions, alerts, tiles, tables, widget labels
    and options (the column names and text cells of every table)."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error"):
        out += [e.value for e in getattr(at, kind)]
    for m in at.metric:
        out += [m.label, str(m.value)]
    for kind in ("dataframe", "table"):
        for e in getattr(at, kind):
            df = e.value
            # A column shows its configured label (st.column_config), else its name; hidden ones nothing.
            config = json.loads(getattr(e.proto, "columns", "") or "{}")
            for c in df.columns:
                cfg = config.get(str(c)) or config.get(f"_pos:{list(df.columns).index(c)}") or {}
                if cfg.get("hidden"):
                    continue
                out.append(str(cfg.get("label") or c))
            for c in df.columns:
                if df[c].dtype == object:
                    out += [str(v) for v in df[c].dropna().head(200)]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for trace in spec.get("data", []):
            out += [str(trace.get("name") or "")]
            for axis in ("x", "y", "text"):
                values = trace.get(axis)
                if isinstance(values, list):
                    out += [v for v in values if isinstance(v, str)]
        layout = spec.get("layout", {})
        for axis in [k for k in layout if k.startswith(("xaxis", "yaxis"))]:
            out += [str(t) for t in layout[axis].get("ticktext", []) or []]
            title = layout[axis].get("title")
            out.append(str(title.get("text", "")) if isinstance(title, dict) else str(title or ""))
    for kind in ("selectbox", "multiselect", "radio", "text_input", "toggle", "checkbox", "button", "expander", "tabs"):
        for e in getattr(at, kind, []):
            label = getattr(e, "label", None)
            if label:
                out.append(str(label))
            if kind in ("selectbox", "multiselect", "radio"):
                out += [str(o) for o in e.options]
    return out


@pytest.mark.parametrize("nama", list(FILTERS))
def test_no_raw_value_or_english_word_on_any_page(demo_file, tmp_path, monkeypatch, nama):
    copy = tmp_path / "app.duckdb"
    shutil.copy(demo_file, copy)
    monkeypatch.setenv("KDKMP_DB", str(copy))
    monkeypatch.setenv("KDKMP_PRESENTASI", str(tmp_path / "presentasi.json"))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(FILTERS[nama])
    at.run()
    found = []
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        boleh = BOLEH.get(page)
        for text in _teks(at):
            for hit in MENTAH.findall(text) + INGGRIS.findall(text):
                if boleh and boleh.match(hit):
                    continue
                found.append((page, hit, text[:90]))
    assert sorted(set(found)) == [], "\n".join(map(str, sorted(set(found))))


def test_kualitas_page_shows_the_planted_demo_findings_in_words(demo_file, tmp_path, monkeypatch):
    """Lampung Selatan holds the demo's planted quality findings (demo.KUALITAS_TERTANAM): the page
    lists exactly those, with rules and values in words."""
    from ui import teks

    copy = tmp_path / "app.duckdb"
    shutil.copy(demo_file, copy)
    monkeypatch.setenv("KDKMP_DB", str(copy))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"provinsi": "18", "kabupaten": "18.01"})
    at.run()
    at.switch_page("pages/11_kualitas.py").run()
    assert not at.exception, at.exception
    assert {m.label: m.value for m in at.metric}["Temuan"] == str(len(demo.KUALITAS_TERTANAM))
    daftar = next(d.value for d in at.dataframe if "nama_objek" in d.value.columns)
    assert sorted(daftar["aturan"]) == sorted(teks.KUALITAS_ATURAN_LABEL[a] for a in demo.KUALITAS_TERTANAM)
    found = [(hit, text[:90]) for text in _teks(at) for hit in MENTAH.findall(text) + INGGRIS.findall(text)]
    assert found == []
    # Ringkasan's action tile counts the same open findings and says where they are.
    at.switch_page("pages/1_ringkasan.py").run()
    assert not at.exception, at.exception
    assert {m.label: m.value for m in at.metric}[teks.KUALITAS_RINGKASAN_METRIK] == str(len(demo.KUALITAS_TERTANAM))
    galat = sum(daftar["tingkat"] == teks.KUALITAS_TINGKAT["galat"])
    rinci = teks.KUALITAS_RINGKASAN_RINCI.format(galat=galat, peringatan=len(daftar) - galat, kabupaten=1)
    assert rinci in [c.value for c in at.caption]
