"""Zona & Intervensi and Lahan & Kendala in Chromium: a kabupaten and a kecamatan filter, clicks on
chart bars that narrow the filter, and a click on the zone-move matrix. Screenshots go to
tests/artifacts/ (zona_*.png, lahan_*.png).
"""

from __future__ import annotations

import re

import pytest

from browser.pw import Page, expect
from browser.test_browser import FIRST_RENDER_TIMEOUT, check_and_capture, settle, url_has

pytestmark = pytest.mark.browser

# Where bar `label` of the chart with key `key` is: the middle of its first (this-week) segment.
BAR_POSITION = """([key, label]) => {
  const chart = document.querySelector(`.st-key-${key} .js-plotly-plot`);
  if (!chart) return null;
  const tick = [...chart.querySelectorAll('.yaxislayer-above .ytick text')]
      .find(t => t.textContent.trim() === label);
  if (!tick) return null;
  tick.scrollIntoView({block: 'center'});
  const t = tick.getBoundingClientRect();
  const y = t.top + t.height / 2;
  const bars = [...chart.querySelectorAll('.barlayer .point path')].map(p => p.getBoundingClientRect())
      .filter(r => r.width > 2 && r.height > 2 && r.top - 20 <= y && r.bottom + 20 >= y)
      .sort((a, b) => a.top - b.top);
  const bar = bars[0];
  return bar ? {x: bar.left + Math.min(bar.width / 2, 20), y: bar.top + bar.height / 2} : null;
}"""


def open_page(page: Page, path: str, heading: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=FIRST_RENDER_TIMEOUT)
    settle(page)


def click_bar(page: Page, key: str, label: str) -> None:
    """Click the bar of `label` in the chart `key`, as a user does with the mouse."""
    expect(page.locator(f".st-key-{key} .js-plotly-plot .barlayer .point path").first).to_be_attached()
    position = page.evaluate(BAR_POSITION, [key, label])
    assert position, f"no bar labelled {label!r} in chart {key!r}"
    page.mouse.click(position["x"], position["y"])
    settle(page)


def cells(page: Page, title: str) -> list[str]:
    """The visible cells of the one st.dataframe with a column headed `title`."""
    # Glide's grid draws on a canvas; its accessible table carries the text of the visible cells.
    frame = page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator('[role="columnheader"]', has_text=title)
    )
    expect(frame).to_have_count(1)
    return frame.locator('[role="gridcell"]').all_text_contents()


def intervention_section(page: Page):
    heading = page.get_by_role("heading", name="Perlu intervensi minggu ini", exact=True)
    expect(heading).to_be_visible()
    return page.locator('[data-testid="stMain"]')


def test_zona_and_lahan_at_a_kabupaten(page: Page, app):
    open_page(page, "/zona?provinsi=18&kabupaten=18.04", "Zona & Intervensi")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name="Zona per kecamatan")).to_be_visible()
    expect(intervention_section(page).get_by_text(re.compile(r"koperasi di \d+ kecamatan"))).to_be_visible()

    # A click on a cell of the zone-move matrix chooses that cell below it.
    matrix = page.locator(".st-key-peta_transisi .textpoint text")
    expect(matrix).to_have_count(16)
    same = matrix.nth(5)  # row kuning, column kuning
    count = same.text_content()
    same.scroll_into_view_if_needed()
    box = same.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    settle(page)
    expect(page.locator(".st-key-sel_transisi").get_by_role("combobox")).to_have_value(
        f"Kuning → Kuning ({count} koperasi)"
    )
    check_and_capture(page, app, "zona_kabupaten")

    open_page(page, "/lahan?provinsi=18&kabupaten=18.04", "Lahan & Kendala")
    for heading in ("Kendala koperasi", "Status lahan koperasi per kecamatan", "Persil lahan"):
        expect(main.get_by_role("heading", name=heading)).to_be_visible()
    check_and_capture(page, app, "lahan_kabupaten")


def test_zona_and_lahan_at_a_kecamatan(page: Page, app):
    # In the demo data Balik Bukit has merah koperasi in September, none in the latest week.
    week = "&minggu=2026-09-07" if app.demo else ""
    open_page(page, f"/zona?provinsi=18&kabupaten=18.04&kecamatan=18.04.04{week}", "Zona & Intervensi")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_role("heading", name="Zona per desa/kelurahan")).to_be_visible()
    if app.demo:
        expect(main.get_by_text(re.compile(r"Kec\. Balik Bukit .*: \d+ koperasi di 1 kecamatan"))).to_be_visible()
        listed = cells(page, "Masuk daftar karena")
        assert listed and "Balik Bukit" in listed
    rules = main.locator('[data-testid="stExpander"]', has_text="Cara zona ditentukan")
    rules.get_by_text("Cara zona ditentukan (aturan yang berlaku)").click()
    expect(rules.get_by_text("merah › hijau › kuning")).to_be_visible()
    expect(rules.locator('[role="gridcell"]', has_text=re.compile(r"^M4$"))).to_have_count(1)
    check_and_capture(page, app, "zona_kecamatan")

    open_page(page, "/lahan?provinsi=18&kabupaten=18.04&kecamatan=18.04.04", "Lahan & Kendala")
    expect(main.get_by_role("heading", name="Status lahan koperasi per desa/kelurahan")).to_be_visible()
    check_and_capture(page, app, "lahan_kecamatan")


def test_balik_bukit_intervention_list_is_three_clicks_from_the_province(page: Page, app):
    open_page(page, "/zona?provinsi=18", "Zona & Intervensi")
    # Two clicks on bars of the zone chart (the issue allows three): kabupaten, then kecamatan.
    click_bar(page, "zona_wilayah", "Kab. Lampung Barat")
    expect(page).to_have_url(url_has(provinsi="18", kabupaten="18.04"))
    expect(page.get_by_role("heading", name="Zona per kecamatan")).to_be_visible()
    click_bar(page, "zona_wilayah", "Balik Bukit")
    expect(page).to_have_url(url_has(provinsi="18", kabupaten="18.04", kecamatan="18.04.04"))
    # The list (or the note that nobody needs help) is now about Balik Bukit alone.
    section = intervention_section(page)
    expect(
        section.get_by_text(
            re.compile(
                r"(Kec\. Balik Bukit .*: \d+ koperasi di 1 kecamatan)"
                r"|(Tidak ada koperasi yang perlu intervensi di Kec\. Balik Bukit)"
            )
        )
    ).to_be_visible()
    check_and_capture(page, app, "zona_tiga_klik")
