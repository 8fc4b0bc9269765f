"""Presentasi in Chromium: a kabupaten and a kecamatan filter, keyboard navigation, full screen, every
slide of the NTB and Lampung Barat decks inside the screen at 1280×720, 1366×768 and 1920×1080 with
chart type that grows with the screen, and
the NTB demo deck presented and exported to PPTX and PDF from the page (timed). Screenshots and the
exported PDF's pages go to tests/artifacts/ (presentasi_*.png).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from analytics.deck.grafik import LAYAR_DASAR, skala_layar
from analytics.deck.teks import UKURAN_HURUF
from browser.pw import Page, expect
from browser.test_browser import FIRST_RENDER_TIMEOUT, check_and_capture, settle

pytestmark = pytest.mark.browser

# The server started by the session fixture inherits the environment: the slide choice made in
# these tests goes to a scratch file, never to the repository's data/presentasi.json.
os.environ.setdefault("KDKMP_PRESENTASI", str(Path(tempfile.mkdtemp(prefix="presentasi-uji-")) / "presentasi.json"))

NTB_JUDUL = [
    "Angka utama minggu ini",
    "Zona koperasi per kabupaten/kota",
    "Kecamatan dengan zona merah terbanyak",
    "Perlu intervensi minggu ini",
    "Lahan dan kendala",
    "SPPG: realisasi terhadap rencana",
    "Adopsi SIMKOPDES",
    "Pelatihan (bimtek)",
    "Kelengkapan laporan",
]


def drawn(page: Page) -> None:
    """The slide is a fragment: its reruns leave the app 'notRunning' while its elements still load."""
    settle(page)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)


def open_presentasi(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", name="Presentasi mingguan", exact=True)).to_be_visible(
        timeout=FIRST_RENDER_TIMEOUT
    )
    expect(page.locator(".st-key-slaid_judul")).to_be_visible(timeout=FIRST_RENDER_TIMEOUT)
    drawn(page)


def position(page: Page):
    return page.locator(".st-key-pres_posisi")


def press(page: Page, key: str) -> None:
    # Shortcuts reach the buttons when no input has the focus: click on the slide first, as a presenter does.
    page.locator(".st-key-slaid_judul").click()
    page.keyboard.press(key)
    drawn(page)


def test_presentasi_at_a_kabupaten_and_a_kecamatan(page: Page, app):
    open_presentasi(page, "/presentasi?provinsi=18&kabupaten=18.04")
    expect(position(page)).to_have_text("Salindia 1 dari 9")
    expect(page.locator(".st-key-slaid_kalimat")).to_contain_text("koperasi terdaftar")
    check_and_capture(page, app, "presentasi_kabupaten")

    press(page, "ArrowRight")
    expect(position(page)).to_have_text("Salindia 2 dari 9")
    # Lampung Barat has a target (its 24 SPPG): the slide after the headline says whether it is met.
    expect(page.locator(".st-key-slaid_judul")).to_have_text("Target & tenggat")
    expect(page.locator(".st-key-slaid .js-plotly-plot")).to_have_count(1)
    press(page, "PageDown")  # what a presenter's clicker sends
    expect(position(page)).to_have_text("Salindia 3 dari 9")
    expect(page.locator(".st-key-slaid_judul")).to_have_text("Zona koperasi per kecamatan")
    press(page, "ArrowLeft")
    expect(position(page)).to_have_text("Salindia 2 dari 9")

    page.locator(".st-key-pres_penuh").get_by_text("Layar penuh").click()
    drawn(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator(".st-key-pres_ekspor")).to_be_hidden()
    page.screenshot(path=str(app.artifacts / "presentasi_layar_penuh.png"))
    press(page, "Home")
    expect(position(page)).to_have_text("Salindia 1 dari 9")
    page.locator(".st-key-pres_penuh").get_by_text("Layar penuh").click()
    settle(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()

    # Auto-advance: the slide fragment reruns by itself and moves on.
    page.locator(".st-key-pres_otomatis").get_by_text("Maju otomatis").click()
    drawn(page)
    detik = page.locator(".st-key-pres_detik input")
    detik.fill("5")
    detik.press("Enter")
    drawn(page)
    expect(position(page)).to_have_text("Salindia 2 dari 9", timeout=20_000)
    page.locator(".st-key-pres_otomatis").get_by_text("Maju otomatis").click()
    drawn(page)

    open_presentasi(page, "/presentasi?provinsi=18&kabupaten=18.04&kecamatan=18.04.04")
    press(page, "ArrowRight")
    expect(page.locator(".st-key-slaid_judul")).to_have_text("Zona koperasi per desa/kelurahan")
    # One koperasi per desa: the zones are a list, not a chart of bars of 1.
    expect(page.locator(".st-key-slaid .js-plotly-plot")).to_have_count(0)
    expect(page.locator(".st-key-slaid table")).to_have_count(1)
    expect(page.locator(".st-key-slaid th")).to_have_text(["Zona", "Desa/kel."])
    check_and_capture(page, app, "presentasi_kecamatan")


LAYAR = [(1280, 720), (1366, 768), (1920, 1080)]
DECK_UJI = {"ntb": "provinsi=52", "lampung_barat": "provinsi=18&kabupaten=18.04"}

# Bottom of everything drawn inside the slide box, and of its body (chart, table) against the top of
# its foot (note, footer): content that spills out of the box or under the foot shows here.
_UKUR = """() => {
  const slide = document.querySelector('.st-key-slaid');
  let bawah = 0;
  slide.querySelectorAll('*').forEach(e => {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden') bawah = Math.max(bawah, r.bottom);
  });
  let isi = 0;
  slide.querySelectorAll('.st-key-slaid_isi table, .st-key-slaid_isi .js-plotly-plot').forEach(e => {
    isi = Math.max(isi, e.getBoundingClientRect().bottom);
  });
  const kaki = document.querySelector('.st-key-slaid_bawah').getBoundingClientRect().top;
  return {bawah, isi, kaki};
}"""


@pytest.mark.parametrize(("lebar", "tinggi"), LAYAR, ids=[f"{w}x{h}" for w, h in LAYAR])
def test_every_slide_fits_the_screen_in_full_screen(chromium, app, lebar, tinggi):
    """NTB and Lampung Barat, every slide in full screen: the slide box lies inside the viewport,
    nothing spills out of it and the chart or table ends above the note. The slides are walked with
    ←/→ and PageDown while a toggle (an input) has the focus, where Streamlit's own shortcuts are ignored."""
    context = chromium.new_context(viewport={"width": lebar, "height": tinggi}, base_url=app.url, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(30_000)
    huruf_grafik = round(UKURAN_HURUF * skala_layar(round(min(tinggi, lebar * 9 / 16))), 1)
    assert huruf_grafik > UKURAN_HURUF or tinggi == LAYAR_DASAR
    try:
        for nama, query in DECK_UJI.items():
            open_presentasi(page, f"/presentasi?{query}")
            page.locator(".st-key-pres_penuh").get_by_text("Layar penuh").click()
            drawn(page)
            expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
            jumlah = int(position(page).inner_text().split()[-1])
            assert jumlah == {"ntb": 9, "lampung_barat": 9}[nama]
            for i in range(1, jumlah + 1):
                expect(position(page)).to_have_text(f"Salindia {i} dari {jumlah}")
                box = page.locator(".st-key-slaid").bounding_box()
                judul = page.locator(".st-key-slaid_judul").inner_text()
                where = f"{nama} {lebar}×{tinggi} salindia {i} ({judul})"
                assert box["x"] >= 0 and box["y"] >= 0, where
                assert box["x"] + box["width"] <= lebar and box["y"] + box["height"] <= tinggi, where
                ukur = page.evaluate(_UKUR)
                assert ukur["bawah"] <= box["y"] + box["height"] + 1, (where, ukur, box)
                assert ukur["isi"] <= ukur["kaki"] + 1, (where, ukur)
                # The chart's type grows with the screen as the slide's text does (plotly sets px, not rem).
                tick = page.locator(
                    ".st-key-slaid .js-plotly-plot .xtick text, .st-key-slaid .js-plotly-plot .ytick text"
                )
                if tick.count():
                    expect(tick.first).to_have_css("font-size", f"{huruf_grafik:g}px")
                page.screenshot(path=str(app.artifacts / f"presentasi_layar_{nama}_{lebar}x{tinggi}_{i}.png"))
                if i < jumlah:
                    page.locator(".st-key-pres_otomatis input").focus()  # an input has the focus
                    page.keyboard.press("ArrowRight" if i % 2 else "PageDown")
                    drawn(page)
            page.locator(".st-key-pres_penuh input").focus()
            page.keyboard.press("PageUp")
            drawn(page)
            expect(position(page)).to_have_text(f"Salindia {jumlah - 1} dari {jumlah}")
            page.keyboard.press("Home")
            drawn(page)
            expect(position(page)).to_have_text(f"Salindia 1 dari {jumlah}")
            page.locator(".st-key-pres_penuh").get_by_text("Layar penuh").click()
            drawn(page)
    finally:
        context.close()


def _say(request, text: str) -> None:
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print(f"\n{text}", flush=True)


def _download(page: Page, key: str, target: Path) -> float:
    started = time.perf_counter()
    with page.expect_download(timeout=120_000) as info:
        page.locator(f".st-key-{key} button").click()
    info.value.save_as(target)
    return time.perf_counter() - started


def test_ntb_deck_is_presented_and_exported_from_the_page(page: Page, app, tmp_path, request):
    from pptx import Presentation

    started = time.perf_counter()
    open_presentasi(page, "/presentasi?provinsi=52")
    shown = time.perf_counter() - started
    expect(page.locator(".st-key-slaid_kalimat")).to_contain_text(
        "Dari 1.166 koperasi terdaftar, 454 masuk portal, 249 sedang dibangun dan 176 tidak dapat dibangun"
    )
    check_and_capture(page, app, "presentasi_ntb")
    pptx_s = _download(page, "pres_pptx", tmp_path / "ntb.pptx")
    pdf_s = _download(page, "pres_pdf", tmp_path / "ntb.pdf")
    ringkasan_s = _download(page, "pres_ringkasan", tmp_path / "ringkasan.pdf")
    total = time.perf_counter() - started
    _say(
        request,
        f"Presentasi NTB: slide pertama {shown:.1f} s, PPTX {pptx_s:.1f} s, PDF {pdf_s:.1f} s, "
        f"ringkasan {ringkasan_s:.1f} s; dari membuka halaman sampai semua terunduh {total:.1f} s",
    )

    prs = Presentation(io.BytesIO((tmp_path / "ntb.pptx").read_bytes()))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert titles == ["Laporan Mingguan KDKMP & MBG"] + NTB_JUDUL
    headline = " ".join(sh.text_frame.text for sh in prs.slides[1].shapes if sh.has_text_frame)
    for figure in ("1.166", "454", "249", "176", "Minggu 47 · 16–22 Nov 2026"):
        assert figure in headline
    assert (tmp_path / "ntb.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "ringkasan.pdf").read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        for old in app.artifacts.glob("presentasi_ntb_pdf-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(tmp_path / "ntb.pdf"), str(app.artifacts / "presentasi_ntb_pdf")],
            check=True,
            timeout=120,
        )
        assert len(list(app.artifacts.glob("presentasi_ntb_pdf-*.png"))) == len(NTB_JUDUL) + 1
