"""In Chromium, on the session's demo server: the Target & Tenggat page at Lampung Barat (the
demo's SPPG target, behind), a click on the kecamatan with the largest gap, and the whole country.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re

import pytest

from browser.pw import Page, expect
from browser.test_browser import check_and_capture, settle
from browser.test_sppg_digital_kelengkapan import click_top_bar, open_page, tile

pytestmark = pytest.mark.browser


def test_target_page_at_lampung_barat_then_a_click_on_the_largest_gap(page: Page, app):
    open_page(page, "/target?provinsi=18&kabupaten=18.04", "Target & Tenggat")
    if not app.demo:
        expect(page.get_by_text("Belum ada target")).to_be_visible()
        return
    expect(tile(page, "Target terlambat")).to_have_text("1")
    expect(
        page.get_by_text(
            "SPPG beroperasi di Kab. Lampung Barat: 3 dari target 24 pada 31 Des 2026. Pada laju 4 minggu terakhir "
            "(0,5 SPPG per minggu) target tercapai 6 Sep 2027"
        )
    ).to_be_visible()
    # The burn-up draws the weekly actual and the line to the target.
    burn_up = page.locator(".st-key-target_burn_up")
    expect(burn_up.locator(".main-svg").first).to_be_visible()
    expect(burn_up.locator("text.legendtext", has_text="Tenggat")).to_have_count(1)
    expect(burn_up.locator(".xtick text", has_text="31 Des 2026")).to_have_count(1)
    check_and_capture(page, app, "target_kabupaten")

    # Balik Bukit misses the most (2 of its 3 planned SPPG): the top bar narrows the filter to it.
    click_top_bar(page, "target_kontribusi")
    expect(page).to_have_url(re.compile(r"kecamatan=18\.04\.04"))
    settle(page)
    expect(page.get_by_text("Belum ada target untuk")).to_be_visible()


def test_target_page_for_the_whole_country(page: Page, app):
    open_page(page, "/target", "Target & Tenggat")
    if app.demo:
        expect(tile(page, "Target sesuai jalur")).to_have_text("1")
        expect(tile(page, "Target tercapai")).to_have_text("1")
    check_and_capture(page, app, "target_nasional")
