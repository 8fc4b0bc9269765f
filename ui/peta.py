"""The Peta page's drawing: the pydeck Deck of a map built by analytics.peta, the click that
narrows the filter, and the legend and notes beside and under it."""

from __future__ import annotations

import html
import json

from analytics import kamus, peta
from analytics.format import angka
from analytics.metrik import METRIK
from analytics.peta import Peta
from ui import teks


def _hex(rgb) -> str:
    r, g, b = rgb[:3]
    return f"#{r:02x}{g:02x}{b:02x}"


def _baris(swatch: str, label: str, extra: str = "") -> str:
    suffix = f' <span style="color:#666">({html.escape(extra)})</span>' if extra else ""
    return f'<div style="display:flex;align-items:center;gap:8px;margin:3px 0">{swatch}<span>{html.escape(label)}{suffix}</span></div>'


def _kotak(rgb) -> str:
    return (
        f'<span style="flex:none;display:inline-block;width:16px;height:16px;background:{_hex(rgb)};'
        'border:1px solid #777;border-radius:2px"></span>'
    )


def _titik(rgb, size: int = 10, outline: str = "#fff") -> str:
    return (
        f'<span style="flex:none;display:inline-block;width:{size}px;height:{size}px;background:{_hex(rgb)};'
        f'border:1.5px solid {outline};border-radius:50%;box-shadow:0 0 0 1px #999"></span>'
    )


def _cincin(rgb) -> str:
    return (
        f'<span style="flex:none;display:inline-block;width:10px;height:10px;border:2.5px solid {_hex(rgb)};'
        'border-radius:50%"></span>'
    )


def legenda_html(p: peta.Peta, lapisan) -> str:
    """The legend in Indonesian: area bands with how many areas each, then the point layers."""
    lapisan = set(lapisan)
    parts = []
    if "wilayah" in lapisan:
        judul = teks.PETA_LEGENDA_WILAYAH.format(metrik=p.metrik.label_peta, tingkat=teks.TINGKAT[p.tingkat])
        parts.append(f"<div style='font-weight:600;margin-bottom:4px'>{html.escape(judul)}</div>")
        for label, rgb, n in p.legenda:
            parts.append(_baris(_kotak(rgb), label, teks.PETA_LEGENDA_JUMLAH.format(n=angka(n))))
        parts.append(
            f"<div style='color:#666;font-size:0.85em;margin:4px 0 10px'>{html.escape(p.metrik.penjelasan_peta)}</div>"
        )
    if p.layer("koperasi_heksagon") is not None:
        parts.append(
            f"<div style='font-weight:600;margin:8px 0 4px'>"
            f"{html.escape(teks.PETA_LEGENDA_HEKSAGON.format(km=angka(p.lebar_heksagon_km or 0)))}</div>"
        )
        merah = METRIK["zona_merah"]
        for label, band in zip(merah.label_pita(), merah.pita):
            parts.append(_baris(_kotak(band.warna), label))
    if p.layer("koperasi") is not None:
        parts.append(f"<div style='font-weight:600;margin:8px 0 4px'>{html.escape(teks.PETA_LEGENDA_KOPERASI)}</div>")
        for zona, rgb in peta.WARNA_ZONA.items():
            parts.append(_baris(_titik(rgb), kamus.ZONA_LABEL[zona]))
    if p.layer("sppg") is not None:
        parts.append(f"<div style='font-weight:600;margin:8px 0 4px'>{html.escape(teks.PETA_LEGENDA_SPPG)}</div>")
        for label, rgb in peta.STATUS_SPPG.values():
            parts.append(_baris(_titik(rgb, 14), label))
    if p.layer("lahan") is not None:
        parts.append(f"<div style='font-weight:600;margin:8px 0 4px'>{html.escape(teks.PETA_LEGENDA_LAHAN)}</div>")
        for label, rgb in peta.KELOMPOK_LAHAN.values():
            parts.append(_baris(_cincin(rgb), label))
    return "<div style='font-size:0.9rem;line-height:1.3'>" + "".join(parts) + "</div>"


def _rincian_koordinat(counts: dict[str, int]) -> str:
    return ", ".join(teks.PETA_KOORDINAT[k].format(n=angka(n)) for k, n in counts.items() if n)


def catatan(p: peta.Peta) -> list[str]:
    """One sentence per thing not drawn, or drawn away from its own coordinates."""
    c = p.catatan
    out = []
    label = teks.PETA_LAPISAN_LABEL
    for name in c.get("tanpa_titik_nasional", []):
        out.append(teks.PETA_TITIK_NASIONAL.format(lapisan=label[name]))
    for name, n in c.get("terlalu_banyak", {}).items():
        out.append(teks.PETA_TERLALU_BANYAK.format(n=angka(n), lapisan=label[name]))
    if c.get("koperasi_tanpa_titik"):
        out.append(teks.PETA_KOPERASI_TANPA_TITIK.format(n=angka(c["koperasi_tanpa_titik"])))
    if c.get("koperasi_lahan_diabaikan"):
        out.append(teks.PETA_KOPERASI_LAHAN_DIABAIKAN.format(n=angka(c["koperasi_lahan_diabaikan"])))
    sppg = c.get("sppg_koordinat") or {}
    if any(sppg.values()):
        out.append(teks.PETA_SPPG_TITIK_TENGAH.format(n=angka(sum(sppg.values())), rincian=_rincian_koordinat(sppg)))
    if c.get("sppg_tanpa_titik"):
        out.append(teks.PETA_SPPG_TANPA_TITIK.format(n=angka(c["sppg_tanpa_titik"])))
    lahan = c.get("lahan_koordinat") or {}
    if any(lahan.values()):
        out.append(
            teks.PETA_LAHAN_TIDAK_DIGAMBAR.format(n=angka(sum(lahan.values())), rincian=_rincian_koordinat(lahan))
        )
    return out


# Relative to the page URL (…/peta), so it also works under a server.baseUrlPath; Streamlit
# serves the repository's static/ folder at app/static/ (server.enableStaticServing).
GAYA_LOKAL = "app/static/peta_kosong.json"
GAYA_ONLINE = "https://basemaps.cartocdn.com/gl/positron-gl-style/style.json"

TOOLTIP = {
    "html": "<b>{judul}</b><br/>{rincian}",
    "style": {
        "whiteSpace": "pre-line",
        "fontSize": "13px",
        "maxWidth": "340px",
        "backgroundColor": "#263238",
        "color": "#fff",
    },
}


def deck(p: Peta, online: bool = False):
    """The pydeck Deck of a map: no basemap request outside the app unless `online`."""
    import pydeck as pdk
    from pydeck.bindings.json_tools import default_serialize

    class DeckRingkas(pdk.Deck):
        # pydeck indents its JSON by two spaces, which more than triples polygon payloads.
        def to_json(self):
            return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))

    def literal(key, value):
        # pydeck reads every other string as a JavaScript accessor expression ("@@=…").
        return pdk.types.String(value) if key.endswith("_units") and isinstance(value, str) else value

    layers = [
        pdk.Layer(lp.jenis, data=lp.data, id=lp.id, **{k: literal(k, v) for k, v in lp.props.items()})
        for lp in p.lapisan
    ]
    if online:
        style = {"map_style": GAYA_ONLINE, "map_provider": "carto"}
    else:
        # map_provider=None and our own style: Streamlit otherwise fills in a Carto style.
        style = {"map_style": GAYA_LOKAL, "map_provider": None}
    return DeckRingkas(layers=layers, initial_view_state=pdk.ViewState(**p.view), tooltip=TOOLTIP, **style)


def kode_terpilih(selection) -> str | None:
    """The area code of what a click selected (st.pydeck_chart's selection): an area, the area a
    koperasi, SPPG or parcel lies in, or the area holding most of a hexagon's koperasi."""
    if not selection:
        return None
    objects = selection.get("objects") or {}
    for layer_objects in objects.values():
        for obj in layer_objects or []:
            if not isinstance(obj, dict):
                continue
            props = obj.get("properties") if isinstance(obj.get("properties"), dict) else obj
            kode = props.get("kode")
            if kode:
                return str(kode)
    return None


def ukuran_json(p: Peta, online: bool = False) -> int:
    """Bytes of the deck JSON the browser receives."""
    return len(deck(p, online).to_json().encode("utf-8"))
