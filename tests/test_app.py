"""The pages through Streamlit's AppTest, from the entry point, on the fixture database."""

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT


@pytest.fixture
def app(loaded_store, monkeypatch):
    monkeypatch.setenv("KDKMP_DB", loaded_store)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_ringkasan_opens_from_the_entry_point_with_national_numbers(app):
    m = metrics(app)
    assert (m["Koperasi terdaftar"], m["Masuk portal"], m["Hijau"], m["Merah"], m["SPPG beroperasi"]) == (
        "7",
        "3",
        "2",
        "2",
        "1",
    )
    assert "Minggu 44 · 27 Okt–2 Nov 2025" in app.markdown[0].value


def test_filter_change_narrows_ringkasan_and_the_url(app):
    app.selectbox(key="w_provinsi").set_value("18").run()
    app.selectbox(key="w_kabupaten").set_value("18.04").run()
    app.selectbox(key="w_kecamatan").set_value("18.04.08").run()
    assert not app.exception
    m = metrics(app)
    assert (m["Koperasi terdaftar"], m["Kuning"], m["Merah"], m["Kendala"]) == ("2", "1", "1", "1")
    assert app.query_params == {"provinsi": "18", "kabupaten": "18.04", "kecamatan": "18.04.08"}


def test_choosing_a_parent_clears_the_children(app):
    app.selectbox(key="w_provinsi").set_value("18").run()
    app.selectbox(key="w_kabupaten").set_value("18.04").run()
    app.selectbox(key="w_provinsi").set_value("52").run()
    assert app.selectbox(key="w_kabupaten").value is None
    assert metrics(app)["Koperasi terdaftar"] == "2"


def test_earlier_week_shows_its_own_numbers_and_change(app):
    weeks = app.selectbox(key="w_minggu").options
    assert len(weeks) == 5  # terbaru + 4 weeks
    app.selectbox(key="w_minggu").set_value(__import__("datetime").date(2025, 10, 13)).run()
    m = metrics(app)
    assert m["Koperasi terdaftar"] == "4"
    assert app.query_params["minggu"] == "2025-10-13"


def test_filter_is_kept_on_page_switch(app):
    app.selectbox(key="w_provinsi").set_value("52").run()
    app.switch_page("pages/8_unggah.py").run()
    assert not app.exception
    assert app.selectbox(key="w_provinsi").value == "52"
    app.switch_page("pages/1_ringkasan.py").run()
    assert app.selectbox(key="w_provinsi").value == "52"
    assert metrics(app)["Koperasi terdaftar"] == "2"


def test_a_shared_link_opens_the_filtered_view(loaded_store, monkeypatch):
    monkeypatch.setenv("KDKMP_DB", loaded_store)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"provinsi": "18", "kabupaten": "18.04", "kecamatan": "18.04.04"})
    at.run()
    assert not at.exception
    assert metrics(at)["Koperasi terdaftar"] == "3"
    assert at.selectbox(key="w_kecamatan").value == "18.04.04"


def test_empty_database_says_what_is_missing(empty_db_file, tmp_path, monkeypatch):
    db = tmp_path / "kosong.duckdb"
    shutil.copy(empty_db_file, db)
    monkeypatch.setenv("KDKMP_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert "Belum ada data koperasi" in at.info[0].value


def test_upload_page_validates_then_commits(app):
    app.switch_page("pages/8_unggah.py").run()
    assert not app.exception
    assert [t.label for t in app.tabs] == ["Unggah", "Riwayat unggahan", "Templat file"]
    # History lists the seven fixture uploads, newest first.
    history = app.dataframe[0].value
    assert list(history["#"]) == [7, 6, 5, 4, 3, 2, 1]


def test_kualitas_page_opens_and_finds_nothing_on_the_shared_fixtures(app):
    app.switch_page("pages/11_kualitas.py").run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Kualitas Data"
    assert app.success[0].value.startswith("Tidak ada temuan kualitas data di Seluruh Indonesia")
