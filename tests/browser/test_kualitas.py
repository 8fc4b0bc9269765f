"""In Chromium, on the session's demo server: the Kualitas Data page for the whole country shows the
demo's planted findings (as `summary --json` counted them before the server started), an officer
marks one as checked with a note, then opens it again with a reason. Screenshots go to
tests/artifacts/."""

from __future__ import annotations

import pytest

from analytics import demo
from browser.pw import Page, expect
from browser.test_browser import angka, check_and_capture, settle
from browser.test_sppg_digital_kelengkapan import open_page, tile
from ui import teks

pytestmark = pytest.mark.browser


def test_kualitas_page_shows_the_planted_findings_then_checks_and_reopens_one(page: Page, app):
    if not app.demo:
        pytest.skip("the planted findings are the demo's")
    temuan = app.kualitas["temuan"]
    assert {a for a, n in temuan.items() if n} == set(demo.KUALITAS_TERTANAM)
    total = sum(temuan.values())

    open_page(page, f"/kualitas?minggu={app.kualitas['minggu']}", teks.HALAMAN["kualitas"][0])
    main = page.locator('[data-testid="stMain"]')
    expect(tile(page, teks.KUALITAS_METRIK_TEMUAN)).to_have_text(angka(total))
    expect(tile(page, teks.KUALITAS_METRIK_DICEK)).to_have_text("0")
    expect(main.get_by_role("heading", name=teks.KUALITAS_JUDUL_DAFTAR)).to_be_visible()
    check_and_capture(page, app, "kualitas_nasional")

    # Mark the first open finding of the chosen kab/kota as checked, with a note.
    main.get_by_text(teks.KUALITAS_DICEK_JUDUL).click()
    catatan = main.get_by_label(teks.KUALITAS_DICEK_CATATAN)
    catatan.fill("Dicek dengan kantor kab/kota: angka sudah benar.")
    main.get_by_role("button", name=teks.KUALITAS_DICEK_SIMPAN).click()
    settle(page)
    expect(tile(page, teks.KUALITAS_METRIK_DICEK)).to_have_text("1")
    expect(tile(page, teks.KUALITAS_METRIK_TEMUAN)).to_have_text(angka(total))
    check_and_capture(page, app, "kualitas_dicek")

    # Open it again: a reason is required.
    main.get_by_text(teks.KUALITAS_BUKA_JUDUL).click()
    main.get_by_label(teks.KUALITAS_BUKA_ALASAN).fill("Kantor kab/kota belum mengoreksi file.")
    main.get_by_role("button", name=teks.KUALITAS_BUKA_SIMPAN).click()
    settle(page)
    expect(tile(page, teks.KUALITAS_METRIK_DICEK)).to_have_text("0")
    expect(main.get_by_text(teks.KUALITAS_BUKA_JUDUL)).to_have_count(0)


def test_upload_report_of_the_latest_demo_koperasi_file_shows_its_planted_findings(page: Page, app, tmp_path):
    """The demo's latest koperasi file sent again: before saving, the validation report lists the
    planted findings of the rules a koperasi file can trip, and nothing else."""
    if not app.demo:
        pytest.skip("the planted findings are the demo's")
    from analytics import db, kualitas
    from analytics.wilayah import Gazetteer

    name, _, data = [f for f in demo.build_files(Gazetteer.load(db.connect(":memory:"))) if f[1] == "koperasi"][-1]
    assert app.kualitas["minggu"] in name
    path = tmp_path / name
    path.write_bytes(data)
    n = sum(v for a, v in app.kualitas["temuan"].items() if a in kualitas.DARI_LAPORAN_KOPERASI)
    assert n == len([a for a in demo.KUALITAS_TERTANAM if a in kualitas.DARI_LAPORAN_KOPERASI])

    open_page(page, "/unggah", teks.UNGGAH_JUDUL)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(teks.KUALITAS_UNGGAH_JUDUL.format(n=angka(n)))).to_be_visible(timeout=60_000)
    check_and_capture(page, app, "unggah_temuan_kualitas")
