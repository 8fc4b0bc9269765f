"""In Chromium, on the session's demo server: the SPPG, Digitalisasi & Pelatihan and Kelengkapan
Laporan pages at a kabupaten (Lampung Barat 18.04) and a kecamatan (Balik Bukit 18.04.04) filter,
the demo's published figures, and a drill-down by clicking a bar. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import re

import pytest

from browser.pw import Page, expect
from browser.test_browser import check_and_capture, settle

pytestmark = pytest.mark.browser

FIRST_RENDER_TIMEOUT = 60_000
KABUPATEN = "provinsi=18&kabupaten=18.04"
KECAMATAN = "provinsi=18&kabupaten=18.04&kecamatan=18.04.04"


def open_page(page: Page, path: str, heading: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=FIRST_RENDER_TIMEOUT)
    settle(page)


def tile(page: Page, label: str):
    """The value of the first metric tile with this label."""
    name = page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^{re.escape(label)}$"))
    return page.locator('[data-testid="stMetric"]', has=name).first.locator('[data-testid="stMetricValue"]')


def click_top_bar(page: Page, chart_key: str) -> None:
    """Click the topmost visible bar of a horizontal bar chart (the first row of its data)."""
    chart = page.locator(f".st-key-{chart_key}")
    expect(chart.locator(".main-svg").first).to_be_visible()
    chart.scroll_into_view_if_needed()  # a mouse click lands only inside the viewport
    boxes = [b for b in (p.bounding_box() for p in chart.locator("g.point path").all()) if b and b["width"] > 2]
    assert boxes, f"no bars drawn in {chart_key}"
    top = min(boxes, key=lambda b: b["y"])
    page.mouse.click(top["x"] + top["width"] / 2, top["y"] + top["height"] / 2)


def test_sppg_page_at_lampung_barat_then_a_click_on_balik_bukit(page: Page, app):
    open_page(page, f"/sppg?{KABUPATEN}", "SPPG (MBG)")
    if app.demo:
        # Published: Lampung Barat plans 24 SPPG, 3 operate.
        expect(tile(page, "Total SPPG")).to_have_text("24")
        expect(tile(page, "SPPG beroperasi")).to_have_text("3")
        expect(tile(page, "Kecamatan tanpa SPPG")).to_have_text("1")
    expect(page.get_by_role("heading", name="Tahap SPPG per kecamatan")).to_be_visible()
    check_and_capture(page, app, "sppg_kabupaten")

    # Balik Bukit has the most SPPG, so it is the top bar; clicking it narrows the filter.
    click_top_bar(page, "sppg_wilayah")
    expect(page).to_have_url(re.compile(r"kecamatan=18\.04\.04"))
    settle(page)
    expect(page.get_by_role("heading", name="Tahap setiap SPPG di wilayah ini")).to_be_visible()
    if app.demo:
        expect(tile(page, "Total SPPG")).to_have_text("3")
        expect(tile(page, "SPPG beroperasi")).to_have_text("1")
    check_and_capture(page, app, "sppg_kecamatan")


@pytest.mark.parametrize("kecamatan", ["18.04.08", "18.04.23"])
def test_sekincau_and_bandar_negeri_suoh_each_have_one_operating_sppg(page: Page, app, kecamatan):
    if not app.demo:
        pytest.skip("a demo figure")
    open_page(page, f"/sppg?provinsi=18&kabupaten=18.04&kecamatan={kecamatan}", "SPPG (MBG)")
    expect(tile(page, "SPPG beroperasi")).to_have_text("1")


def test_digitalisasi_page_at_lampung_barat_and_balik_bukit(page: Page, app):
    open_page(page, f"/digitalisasi?{KABUPATEN}", "Digitalisasi & Pelatihan")
    if app.demo:
        # Published: 120 koperasi active on SIMKOPDES, 15 with login or network problems.
        expect(tile(page, "Aktif")).to_have_text("120")
        expect(tile(page, "Kendala (login/jaringan)")).to_have_text("15")
    expect(page.get_by_role("heading", name="Koperasi dengan kendala SIMKOPDES")).to_be_visible()
    check_and_capture(page, app, "digitalisasi_kabupaten")

    open_page(page, f"/digitalisasi?{KECAMATAN}", "Digitalisasi & Pelatihan")
    expect(page.get_by_role("heading", name="Akun SIMKOPDES per desa/kelurahan")).to_be_visible()
    check_and_capture(page, app, "digitalisasi_kecamatan")


def test_bimtek_of_lampung_selatan_in_the_latest_week(page: Page, app):
    open_page(page, "/digitalisasi?provinsi=18&kabupaten=18.01", "Digitalisasi & Pelatihan")
    if app.demo:
        # Published: 130 participants from 8 kecamatan.
        expect(tile(page, "Peserta")).to_have_text("130")
        expect(tile(page, "Kecamatan terjangkau")).to_have_text("8")
    expect(page.get_by_role("heading", name="Daftar kegiatan")).to_be_visible()
    check_and_capture(page, app, "digitalisasi_bimtek_lampung_selatan")


def test_kelengkapan_page_at_lampung_barat_and_balik_bukit(page: Page, app):
    for name, query in (("kelengkapan_kabupaten", KABUPATEN), ("kelengkapan_kecamatan", KECAMATAN)):
        open_page(page, f"/kelengkapan?{query}", "Kelengkapan Laporan")
        expect(tile(page, "Koperasi")).to_have_text("1 dari 1")
        expect(page.get_by_role("heading", name="Laporan per kabupaten/kota dan minggu")).to_be_visible()
        check_and_capture(page, app, name)


def test_kelengkapan_page_for_the_whole_country(page: Page, app):
    open_page(page, "/kelengkapan", "Kelengkapan Laporan")
    # One definition of who is expected: the demo assigns the 26 kabupaten/kota it covers.
    expect(page.get_by_text("yang ditugaskan admin untuk setiap jenis data", exact=False)).to_be_visible()
    expect(tile(page, "Koperasi")).to_have_text("26 dari 26")
    check_and_capture(page, app, "kelengkapan_nasional")
