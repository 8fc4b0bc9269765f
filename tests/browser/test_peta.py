"""Peta in Chromium with the network restricted to the app: every request to another origin is
aborted and recorded. The map must draw (a WebGL canvas with non-blank pixels) at national,
province, kabupaten and kecamatan level; clicks on the map narrow the filter. The deck JSON the
browser receives is read from the websocket frames, which gives the payload size; time to first
draw is printed. Screenshots: tests/artifacts/peta_*.png.
"""

from __future__ import annotations

import io
import json
import math
import time

import pytest

from browser.pw import Error as PlaywrightError
from browser.pw import Page, expect
from browser.test_browser import FIRST_RENDER_TIMEOUT, check_and_capture, settle, url_has

pytestmark = pytest.mark.browser

MAP = '[data-testid="stDeckGlJsonChart"]'
CANVAS = f"{MAP} canvas#deckgl-overlay"
# SwiftShader compiles deck.gl's shaders on the CPU: the first frame can take a while.
DRAW_TIMEOUT = 150  # seconds
# Share of map pixels that differ from its most common colour (the blank style's background).
DRAWN = 0.05
# The page icon of ui/shell.py (":material/storefront:") makes Streamlit's frontend fetch an SVG from
# Google Fonts; it is not part of the map and is aborted like every request outside the app.


class Network:
    """Requests the page made, split by whether they stayed on the app's origin; deck JSON received."""

    def __init__(self, page: Page, origin: str):
        self.origin = origin
        self.app: list[str] = []
        self.outside: list[str] = []
        self.decks: list[tuple[float, int, dict]] = []  # (time received, bytes, spec)
        self.selections = 0  # map selections the browser sent to the app
        page.route("**/*", self._route)
        page.on("websocket", self._websocket)

    def _websocket(self, ws) -> None:
        ws.on("framereceived", self._frame)
        ws.on("framesent", self._sent)

    def _sent(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        if b'{"selection":{"indices":{"' in data:
            self.selections += 1

    def _route(self, route) -> None:
        url = route.request.url
        if url == self.origin or url.startswith(self.origin + "/") or url.startswith(("data:", "blob:")):
            self.app.append(url)
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _frame(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        start = data.find(b'{"initialViewState"')
        if start < 0:
            return
        # The JSON is a string field of the protobuf message: decode from its start, stop at its end.
        text = data[start:].decode("utf-8", errors="ignore")
        spec, end = json.JSONDecoder().raw_decode(text)
        self.decks.append((time.monotonic(), len(text[:end].encode("utf-8")), spec))

    def not_the_shell_icon(self) -> list[str]:
        return list(self.outside)

    def deck(self, layer: str, count: int | None = None) -> dict:
        """The latest deck JSON received that has `layer` (with `count` objects, if given)."""
        for _, _, spec in reversed(self.decks):
            sizes = {lp["id"]: len(lp.get("data", [])) for lp in spec["layers"]}
            if layer in sizes and (count is None or sizes[layer] == count):
                return spec
        raise AssertionError(f"no deck with layer {layer!r} ({count}) among {len(self.decks)} received")


def share_drawn(page: Page) -> float:
    from PIL import Image

    img = Image.open(io.BytesIO(page.locator(MAP).screenshot(timeout=30_000))).convert("RGB")
    most = max(img.getcolors(maxcolors=img.width * img.height))[0]
    return 1 - most / (img.width * img.height)


def wait_drawn(page: Page) -> float:
    """Wait for the WebGL map to show something besides its background; the share drawn."""
    expect(page.locator(CANVAS)).to_be_attached(timeout=FIRST_RENDER_TIMEOUT)
    assert page.evaluate(f"() => !!document.querySelector('{CANVAS}').getContext('webgl2')"), "deck.gl has no WebGL2"
    deadline = time.monotonic() + DRAW_TIMEOUT
    share = 0.0
    while time.monotonic() < deadline:
        try:
            share = share_drawn(page)
        except PlaywrightError:  # a screenshot waits for a frame: the first one can be slow
            continue
        if share > DRAWN:
            return share
        page.wait_for_timeout(500)
    raise AssertionError(f"the map stayed blank for {DRAW_TIMEOUT} s (share drawn {share:.3f})")


def pixel(page: Page, view: dict, lat: float, lon: float) -> tuple[float, float]:
    """Where (lat, lon) is on the canvas for deck.gl's initial view (Web Mercator, 512 px world)."""
    box = page.locator(CANVAS).bounding_box()
    scale = 512 * 2 ** view["zoom"]

    def merc(phi: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(phi) / 2))

    x = box["x"] + box["width"] / 2 + (lon - view["longitude"]) / 360 * scale
    y = box["y"] + box["height"] / 2 - (merc(lat) - merc(view["latitude"])) / (2 * math.pi) * scale
    assert box["x"] < x < box["x"] + box["width"] and box["y"] < y < box["y"] + box["height"], (x, y, box)
    return x, y


def click_on_map(page: Page, net: Network, layer: str, count: int, lat: float, lon: float) -> None:
    """Click (lat, lon) on the map whose deck has `count` objects in `layer`, until the click
    reaches the app as a selection.

    deck.gl reads a press as a click only when it ends within 250 ms of the pointer going down,
    measured while its handlers run; picking on SwiftShader under load can take longer, so a
    click is tried again (up to 4 times) when no selection left the browser."""
    view = net.deck(layer, count)["initialViewState"]
    page.locator(CANVAS).scroll_into_view_if_needed()
    x, y = pixel(page, view, lat, lon)
    # deck.gl listens on its view div, as in Streamlit's own pydeck selection tests.
    target = page.locator(f"{MAP} #view-default-view")
    box = target.bounding_box()
    before = net.selections
    for _ in range(4):
        target.click(position={"x": x - box["x"], "y": y - box["y"]})
        deadline = time.monotonic() + 8
        while net.selections == before and time.monotonic() < deadline:
            page.wait_for_timeout(250)
        if net.selections > before:
            return
    raise AssertionError(f"four clicks at ({lat}, {lon}) never selected anything on the map")


def legend(page: Page, text: str) -> None:
    expect(page.get_by_text(text, exact=True)).to_be_visible(timeout=FIRST_RENDER_TIMEOUT)
    settle(page)


def report(capsys, line: str) -> None:
    """Printed past pytest's output capture: the measurements show on every run."""
    with capsys.disabled():
        print(f"\n[peta] {line}", flush=True)


def test_click_from_the_country_down_to_balik_bukit_without_leaving_the_app(page: Page, app, capsys):
    net = Network(page, app.url)
    start = time.monotonic()
    page.goto("/peta")
    legend(page, "Bagian koperasi zona merah per provinsi")
    wait_drawn(page)
    first_draw = time.monotonic() - start
    national = net.deck("wilayah", 38)
    size = next(n for _, n, spec in net.decks if spec is national)
    assert {lp["id"] for lp in national["layers"]} == {"wilayah", "koperasi_heksagon"}
    assert national["mapStyle"] == "app/static/peta_kosong.json"
    assert size < 5 * 1024 * 1024
    report(
        capsys, f"nasional: deck JSON {size / 1024:.0f} KB, gambar pertama {first_draw:.1f} s setelah membuka halaman"
    )
    check_and_capture(page, app, "peta_nasional")

    # Lampung's centroid, then Lampung Barat's, then Balik Bukit's: each click narrows the filter.
    click_on_map(page, net, "wilayah", 38, -4.91731, 105.02166)
    expect(page).to_have_url(url_has(provinsi="18"))
    legend(page, "Bagian koperasi zona merah per kabupaten/kota")
    wait_drawn(page)

    click_on_map(page, net, "wilayah", 15, -5.0235, 104.0744)
    expect(page).to_have_url(url_has(provinsi="18", kabupaten="18.04"))
    legend(page, "Bagian koperasi zona merah per kecamatan")
    wait_drawn(page)
    kabupaten = net.deck("wilayah", 15)
    sppg = next(lp for lp in kabupaten["layers"] if lp["id"] == "sppg")["data"]
    if app.demo:  # 24 SPPG in Lampung Barat, 3 operating: Balik Bukit, Sekincau, Bandar Negeri Suoh
        assert len(sppg) == 24
        operating = [s for s in sppg if "Status: Beroperasi" in s["rincian"]]
        assert sorted(s["kode"] for s in operating) == ["18.04.04", "18.04.08", "18.04.23"]
    check_and_capture(page, app, "peta_kabupaten_lampung_barat")

    click_on_map(page, net, "wilayah", 15, -5.0235, 104.0744)
    expect(page).to_have_url(url_has(provinsi="18", kabupaten="18.04", kecamatan="18.04.04"))
    legend(page, "Bagian koperasi zona merah per desa/kelurahan")
    wait_drawn(page)
    check_and_capture(page, app, "peta_kecamatan_balik_bukit")

    assert any(u.endswith("/app/static/peta_kosong.json") for u in net.app), "the blank style was not loaded"
    assert net.not_the_shell_icon() == [], f"requests outside the app: {net.not_the_shell_icon()}"
    outside = {u: net.outside.count(u) for u in sorted(set(net.outside))}
    report(capsys, f"permintaan ke luar aplikasi (semua dibatalkan): {outside or 'tidak ada'}")


def test_ntb_is_drawn_by_kabupaten_offline(page: Page, app):
    net = Network(page, app.url)
    page.goto("/peta?provinsi=52")
    legend(page, "Bagian koperasi zona merah per kabupaten/kota")
    wait_drawn(page)
    spec = net.deck("wilayah", 10)
    wilayah = next(lp for lp in spec["layers"] if lp["id"] == "wilayah")
    assert sorted(f["properties"]["kode"] for f in wilayah["data"]) == [
        "52.01",
        "52.02",
        "52.03",
        "52.04",
        "52.05",
        "52.06",
        "52.07",
        "52.08",
        "52.71",
        "52.72",
    ]
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    check_and_capture(page, app, "peta_provinsi_ntb")
    assert net.not_the_shell_icon() == [], f"requests outside the app: {net.not_the_shell_icon()}"
