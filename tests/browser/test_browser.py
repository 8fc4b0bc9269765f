"""End to end, in Chromium: the shared sidebar filter, shared links and an upload through the page.

Streamlit reruns the script asynchronously after every interaction, so the tests wait with
Playwright's auto-waiting `expect(...)` and `settle()` (script no longer running) and never sleep.
"""

from __future__ import annotations

import re

import pytest

from browser.pw import Page, expect

pytestmark = pytest.mark.browser

FIRST_RENDER_TIMEOUT = 60_000  # the first run opens the database and loads the gazetteer


def angka(n: int) -> str:
    """Indonesian thousands separator: 1.166 (written here again, independent of analytics.format)."""
    return f"{n:,}".replace(",", ".")


def url_has(**params: str):
    """A URL regex requiring every `name=value` query parameter (in any order)."""
    look = "".join(rf"(?=.*[?&]{re.escape(k)}={re.escape(v)}(?:&|$))" for k, v in params.items())
    return re.compile(rf"^{look}.*$")


def settle(page: Page) -> None:
    """Wait until the app has finished its rerun: script idle, status widget gone, nothing stale,
    no skeleton placeholder left (a page still drawing shows grey skeleton bars)."""
    # Right after a navigation the app reads 'notRunning' before its first run has even started (that is
    # how kelengkapan_nasional.png came out as placeholders): wait for page content first, and check
    # twice, a few frames apart, so a rerun that starts in between is waited for too.
    expect(page.locator('[data-testid="stMain"] [data-testid="stElementContainer"]').first).to_be_attached()
    for _ in range(2):
        expect(page.locator('[data-testid="stApp"]')).to_have_attribute("data-test-script-state", "notRunning")
        expect(page.locator('[data-testid="stStatusWidget"]')).to_be_hidden()
        expect(page.locator('[data-stale="true"]')).to_have_count(0)
        expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)
        page.wait_for_timeout(250)


def sidebar(page: Page):
    return page.locator('[data-testid="stSidebar"]')


def selectbox(page: Page, label: str):
    return sidebar(page).get_by_role("combobox", name=label, exact=True)


def choose(page: Page, label: str, typed: str, option: str) -> None:
    """Pick an option of a sidebar selectbox as a user does: click, type part of the name, click the option."""
    box = selectbox(page, label)
    expect(box).to_be_enabled()
    box.click()
    box.press_sequentially(typed, delay=20)
    page.get_by_role("option", name=option, exact=True).click()
    expect(box).to_have_value(option)
    settle(page)


def terdaftar(page: Page):
    """The value of the 'Koperasi terdaftar' tile on Ringkasan."""
    label = page.locator('[data-testid="stMetricLabel"]', has_text="Koperasi terdaftar")
    return page.locator('[data-testid="stMetric"]', has=label).locator('[data-testid="stMetricValue"]')


def goto_link(page: Page, label: str, path: str) -> None:
    sidebar(page).get_by_role("link", name=label, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{path}(\?|$)"))
    settle(page)


def check_and_capture(page: Page, app, name: str) -> None:
    """No Streamlit exception box, no uncaught JS error; then a full-page screenshot in tests/artifacts/.

    Streamlit scrolls inside its main container, so the viewport is stretched to the content
    height for the shot (same width) and put back afterwards.
    """
    settle(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert not page.page_errors, f"JavaScript errors on {name}: {page.page_errors}"
    # Charts draw after the script finishes: wait until every plotly chart has its SVG.
    expect(page.locator('[data-testid="stPlotlyChart"]:not(:has(.main-svg))')).to_have_count(0)
    height = page.evaluate(
        """() => Math.max(window.innerHeight,
            ...['stMain', 'stSidebarContent'].map(id => {
                const el = document.querySelector(`[data-testid="${id}"]`);
                return el ? el.scrollHeight : 0;
            }))"""
    )
    viewport = page.viewport_size
    page.set_viewport_size({"width": viewport["width"], "height": min(int(height), 10_000)})
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.screenshot(path=str(app.artifacts / f"{name}.png"), full_page=True)
    page.set_viewport_size(viewport)


def expect_filter(page: Page, provinsi: str, kabupaten: str, kecamatan: str | None = None) -> None:
    expect(selectbox(page, "Provinsi")).to_have_value(provinsi)
    expect(selectbox(page, "Kabupaten/Kota")).to_have_value(kabupaten)
    if kecamatan is not None:
        expect(selectbox(page, "Kecamatan")).to_have_value(kecamatan)


def open_ringkasan(page: Page, path: str = "/") -> None:
    page.goto(path)
    expect(page.locator('[data-testid="stMetric"]').first).to_be_visible(timeout=FIRST_RENDER_TIMEOUT)
    expect(page).to_have_url(re.compile(r"/ringkasan(\?|$)"))
    settle(page)


def test_kecamatan_filter_survives_page_switch(page: Page, app):
    expected = app.terdaftar["kecamatan:18.04.04"]
    assert expected > 0, "the test database has no koperasi in Kecamatan Balik Bukit"

    open_ringkasan(page)
    check_and_capture(page, app, "ringkasan_awal")

    choose(page, "Provinsi", "Lampu", "Lampung")
    expect(page).to_have_url(url_has(provinsi="18"))
    choose(page, "Kabupaten/Kota", "Lampung Bar", "Kab. Lampung Barat")
    expect(page).to_have_url(url_has(provinsi="18", kabupaten="18.04"))
    choose(page, "Kecamatan", "Balik", "Balik Bukit")
    expect(page).to_have_url(url_has(provinsi="18", kabupaten="18.04", kecamatan="18.04.04"))
    expect(terdaftar(page)).to_have_text(angka(expected))

    goto_link(page, "Unggah Data", "unggah")
    expect(page.get_by_role("heading", name="Unggah data mingguan")).to_be_visible()
    expect_filter(page, "Lampung", "Kab. Lampung Barat", "Balik Bukit")
    expect(page).to_have_url(url_has(kecamatan="18.04.04"))
    check_and_capture(page, app, "unggah_kecamatan")

    goto_link(page, "Ringkasan", "ringkasan")
    expect(page.get_by_role("heading", name="Ringkasan mingguan")).to_be_visible()
    expect_filter(page, "Lampung", "Kab. Lampung Barat", "Balik Bukit")
    expect(page).to_have_url(url_has(provinsi="18", kabupaten="18.04", kecamatan="18.04.04"))
    expect(terdaftar(page)).to_have_text(angka(expected))
    expect(page.get_by_text("Kec. Balik Bukit", exact=False).first).to_be_visible()
    check_and_capture(page, app, "ringkasan_kecamatan")


def test_shared_link_opens_filtered_view(page: Page, app):
    expected = app.terdaftar["kabupaten:18.04"]
    assert expected > 0, "the test database has no koperasi in Kabupaten Lampung Barat"
    if app.demo:
        assert expected == 135, "the demo data should have 135 koperasi in Lampung Barat"

    open_ringkasan(page, "/ringkasan?provinsi=18&kabupaten=18.04")
    expect_filter(page, "Lampung", "Kab. Lampung Barat")
    expect(page).to_have_url(url_has(provinsi="18", kabupaten="18.04"))
    expect(terdaftar(page)).to_have_text(angka(expected))
    check_and_capture(page, app, "ringkasan_tautan_kabupaten")


def test_upload_through_page_changes_ringkasan(page: Page, app):
    upload_csv, kabupaten = app.upload_csv, app.upload_kabupaten
    before = app.terdaftar[f"kabupaten:{kabupaten}"]
    after = app.terdaftar[f"kabupaten:{kabupaten}:sesudah"]
    assert before == 0, "Kabupaten Tabanan must not be in the test data before the upload"
    rows = len(upload_csv.read_text(encoding="utf-8").strip().splitlines()) - 1
    assert after == rows

    page.goto("/unggah")
    expect(page.get_by_role("heading", name="Unggah data mingguan")).to_be_visible(timeout=FIRST_RENDER_TIMEOUT)
    settle(page)

    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload_csv))
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(f"{upload_csv.name}: judul kolom di baris")).to_be_visible()
    for label, value in (("Baris dibaca", rows), ("Baris valid", rows), ("Baris bergalat", 0)):
        metric = main.locator(
            '[data-testid="stMetric"]', has=page.locator('[data-testid="stMetricLabel"]', has_text=label)
        )
        expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(angka(value))
    expect(main.get_by_text("Minggu dalam file:")).to_contain_text("Tabanan")
    save = main.get_by_role("button", name=f"Simpan {angka(rows)} baris valid")
    expect(save).to_be_enabled()
    check_and_capture(page, app, "unggah_validasi")

    save.click()
    expect(main.get_by_text(re.compile(rf"Tersimpan sebagai unggahan #\d+: {rows} baris"))).to_be_visible()
    check_and_capture(page, app, "unggah_tersimpan")

    choose(page, "Provinsi", "Bal", "Bali")
    choose(page, "Kabupaten/Kota", "Taba", "Kab. Tabanan")
    expect(page).to_have_url(url_has(provinsi="51", kabupaten=kabupaten))
    goto_link(page, "Ringkasan", "ringkasan")
    expect_filter(page, "Bali", "Kab. Tabanan")
    expect(page).to_have_url(url_has(provinsi="51", kabupaten=kabupaten))
    expect(terdaftar(page)).to_have_text(angka(after))
    check_and_capture(page, app, "ringkasan_unggahan_baru")
