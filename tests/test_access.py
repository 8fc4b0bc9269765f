"""Sign-in modes, roles scoped to a region, the audit trail, and hardening."""

import datetime as dt
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from analytics import access, audit, ingest
from analytics.filters import Filter
from conftest import ROOT, TODAY

VIEWER_LAMPUNG = access.User("pemirsa@lampung.go.id", "pemirsa", "18")
OPERATOR_LAMBAR = access.User("operator@lampungbarat.go.id", "operator", "18.04")
ADMIN = access.User("admin@ntb.go.id", "admin", None)
NTB_ROW = "2025-10-27,52.01.01.1004,Koperasi Kelurahan Merah Putih Dasan Geres,ya\n"
LAMBAR_ROW = "2025-10-27,18.04.04.2005,Koperasi Desa Merah Putih Sebarus,ya\n"
HEADER = "tanggal_laporan,kode_desa,nama_koperasi,badan_hukum\n"


@pytest.mark.parametrize(
    "user, asked, kept",
    [
        (VIEWER_LAMPUNG, Filter("52"), Filter("18")),
        (VIEWER_LAMPUNG, Filter(), Filter("18")),
        (VIEWER_LAMPUNG, Filter.from_code("18.04.04"), Filter.from_code("18.04.04")),
        (OPERATOR_LAMBAR, Filter.from_code("18.01"), Filter.from_code("18.04")),
        (OPERATOR_LAMBAR, Filter("18"), Filter.from_code("18.04")),
        (ADMIN, Filter("52"), Filter("52")),
    ],
)
def test_filters_are_clamped_into_the_users_region(user, asked, kept):
    assert access.clamp(user, asked) == kept


def test_operator_upload_with_rows_outside_the_region_is_refused_row_by_row(fresh_db, gazetteer):
    lambar = "".join(f"2025-10-27,18.04.04.{c},Koperasi {c},ya\n" for c in ("2005", "2007", "2008", "2009"))
    data = (HEADER + lambar + NTB_ROW).encode()
    prepared = ingest.prepare(fresh_db, data, "campur.csv", gazetteer=gazetteer, today=TODAY, actor=OPERATOR_LAMBAR)
    assert [(e["row"], e["column"], e["value"], e["message"]) for e in prepared.report()["errors"]] == [
        (6, "kabupaten", "Kabupaten Lombok Barat", "Di luar wilayah Anda (Kabupaten Lampung Barat).")
    ]
    # Even a partial commit cannot carry the NTB row, and a report prepared without the scope
    # is refused at commit: the analytic layer checks again.
    unscoped = ingest.prepare(fresh_db, data, "campur.csv", gazetteer=gazetteer, today=TODAY)
    with pytest.raises(ingest.UploadRefused, match="di luar wewenang Anda: 52.01"):
        ingest.commit(fresh_db, unscoped, actor=OPERATOR_LAMBAR)
    batch = ingest.commit(fresh_db, prepared, partial=True, actor=OPERATOR_LAMBAR)
    assert fresh_db.execute(
        "select kabupaten, diunggah_oleh from upload_batch where batch_id = $b", {"b": batch}
    ).fetchone() == (["18.04"], "operator@lampungbarat.go.id")


def test_viewer_cannot_upload_and_operator_cannot_undo_outside_the_region(fresh_db, gazetteer):
    prepared = ingest.prepare(fresh_db, (HEADER + NTB_ROW).encode(), "ntb.csv", gazetteer=gazetteer, today=TODAY)
    with pytest.raises(ingest.UploadRefused, match="tidak boleh mengunggah"):
        ingest.commit(fresh_db, prepared, actor=VIEWER_LAMPUNG)
    batch = ingest.commit(fresh_db, prepared, actor=ADMIN)
    with pytest.raises(ingest.UploadRefused, match="di luar wewenang"):
        ingest.undo(fresh_db, batch, actor=OPERATOR_LAMBAR)
    assert ingest.undo(fresh_db, batch, actor=ADMIN)["batch_id"] == batch


def test_audit_trail_records_uploads_undo_and_sign_in_in_order(fresh_db, gazetteer, tmp_path):
    prepared = ingest.prepare(fresh_db, (HEADER + LAMBAR_ROW).encode(), "lambar.csv", gazetteer=gazetteer, today=TODAY)
    batch = ingest.commit(fresh_db, prepared, actor=OPERATOR_LAMBAR)
    ingest.undo(fresh_db, batch, actor=ADMIN)
    accounts = {OPERATOR_LAMBAR.email: access.Account(OPERATOR_LAMBAR, access.hash_password("sandi-yang-panjang"))}
    access.sign_in(fresh_db, accounts, OPERATOR_LAMBAR.email, "sandi-yang-panjang")
    log = audit.jejak_audit(fresh_db)
    assert [(r.pengguna, r.aksi) for r in log.itertuples()][-3:] == [
        ("operator@lampungbarat.go.id", "unggah"),
        ("admin@ntb.go.id", "batalkan"),
        ("operator@lampungbarat.go.id", "masuk"),
    ]
    assert f'"batch_id": {batch}' in log["rincian"].iat[-3] and '"kabupaten": ["18.04"]' in log["rincian"].iat[-3]


def test_password_sign_in_locks_out_after_five_failures(fresh_db):
    accounts = {ADMIN.email: access.Account(ADMIN, access.hash_password("benar-sekali-123"))}
    t0 = dt.datetime(2026, 11, 23, 8, 0)
    for i in range(access.MAX_FAILURES):
        with pytest.raises(access.AccessError, match="salah"):
            access.sign_in(fresh_db, accounts, ADMIN.email, "keliru", now=t0 + dt.timedelta(minutes=i))
    with pytest.raises(access.AccessError, match="Terlalu banyak percobaan gagal. Coba lagi setelah pukul 08:19"):
        access.sign_in(fresh_db, accounts, ADMIN.email, "benar-sekali-123", now=t0 + dt.timedelta(minutes=5))
    later = t0 + dt.timedelta(minutes=20)
    assert access.sign_in(fresh_db, accounts, ADMIN.email, "benar-sekali-123", now=later) == ADMIN


def test_accounts_file_round_trip_and_bad_entries(tmp_path):
    path = tmp_path / "pengguna.toml"
    accounts = {OPERATOR_LAMBAR.email: access.Account(OPERATOR_LAMBAR, access.hash_password("x" * 12))}
    access.save_accounts(accounts, path)
    loaded = access.load_accounts(path)
    assert loaded[OPERATOR_LAMBAR.email].user == OPERATOR_LAMBAR
    assert access.verify_password(loaded[OPERATOR_LAMBAR.email].password_hash, "x" * 12)
    path.write_text('[[pengguna]]\nemail = "a@b"\nperan = "raja"\n', encoding="utf-8")
    with pytest.raises(access.AccessError, match="peran bukan"):
        access.load_accounts(path)


# --- the app in each mode --------------------------------------------------------------------


@pytest.fixture
def accounts_file(tmp_path):
    path = tmp_path / "pengguna.toml"
    access.save_accounts(
        {
            u.email: access.Account(u, access.hash_password("sandi-uji-12345"))
            for u in (VIEWER_LAMPUNG, OPERATOR_LAMBAR, ADMIN)
        },
        path,
    )
    return path


@pytest.fixture
def app_db(loaded_db_file, tmp_path, monkeypatch):
    db = tmp_path / "app.duckdb"
    shutil.copy(loaded_db_file, db)
    monkeypatch.setenv("KDKMP_DB", str(db))
    monkeypatch.chdir(ROOT)
    return db


def app(secrets=None, user=None, query=None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if secrets:
        at.secrets["kdkmp"] = secrets
    if user is not None:
        at.user = user
    if query:
        at.query_params.update(query)
    at.run()
    return at


def nav(at) -> list[str]:
    return [p.label for p in at.sidebar.get("page_link")]


def test_local_mode_is_one_administrator(app_db):
    at = app()
    assert not at.exception
    assert "Unggah Data" in nav(at) and "Jejak Audit" in nav(at)
    assert "Mode pengguna tunggal" in " ".join(c.value for c in at.sidebar.caption)


def test_local_mode_refuses_a_non_loopback_address(app_db):
    from streamlit import config

    old = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        at = app()
    finally:
        config.set_option("server.address", old)
    assert "Mode lokal hanya boleh melayani 127.0.0.1" in at.error[0].value
    assert not at.metric


def sign_in_with_password(at, email, password="sandi-uji-12345"):
    at.text_input[0].input(email)
    at.text_input[1].input(password)
    at.button[0].click().run()
    return at


def test_password_mode_viewer_sees_no_upload_page_and_stays_in_the_province(app_db, accounts_file):
    at = app({"mode": "password", "pengguna": str(accounts_file)}, query={"provinsi": "52"})
    assert not at.metric and at.text_input[1].label == "Kata sandi"
    sign_in_with_password(at, VIEWER_LAMPUNG.email)
    assert not at.exception
    assert "Unggah Data" not in nav(at) and "Jejak Audit" not in nav(at)
    # The shared link asked for NTB; a Lampung viewer sees Lampung.
    assert at.selectbox(key="w_provinsi").value == "18"
    assert {m.label: m.value for m in at.metric}["Koperasi terdaftar"] == "5"
    at.switch_page("pages/8_unggah.py").run()
    assert "tidak tersedia untuk peran pemirsa" in at.error[0].value


def test_password_mode_wrong_password_is_refused(app_db, accounts_file):
    at = app({"mode": "password", "pengguna": str(accounts_file)})
    sign_in_with_password(at, ADMIN.email, "salah-sandi")
    assert at.error[0].value == "Email atau kata sandi salah."


def test_password_mode_operator_has_upload_but_no_audit(app_db, accounts_file):
    at = app({"mode": "password", "pengguna": str(accounts_file)})
    sign_in_with_password(at, OPERATOR_LAMBAR.email)
    assert "Unggah Data" in nav(at) and "Jejak Audit" not in nav(at)
    assert at.selectbox(key="w_kabupaten").value == "18.04" and at.selectbox(key="w_kabupaten").disabled


def test_oidc_mode_asks_to_sign_in_then_maps_the_email_to_a_role(app_db, accounts_file):
    secrets = {"mode": "oidc", "pengguna": str(accounts_file)}
    at = app(secrets, user={"is_logged_in": False})
    assert at.button[0].label == "Masuk" and not at.metric
    at = app(secrets, user={"is_logged_in": True, "email": ADMIN.email})
    assert not at.exception and "Jejak Audit" in nav(at)
    at = app(secrets, user={"is_logged_in": True, "email": "orang.lain@contoh.id"})
    assert "belum terdaftar" in at.error[0].value


def test_audit_page_shows_the_sessions_actions_in_order(app_db, accounts_file):
    at = app({"mode": "password", "pengguna": str(accounts_file)})
    sign_in_with_password(at, ADMIN.email)
    at.switch_page("pages/10_audit.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["aksi"].iat[0] == "Masuk" and table["pengguna"].iat[0] == ADMIN.email


@pytest.mark.parametrize("hostile", ["' or 1=1 --", "52; drop table koperasi", "<script>alert(1)</script>"])
def test_hostile_url_values_match_nothing_and_break_nothing(app_db, hostile):
    at = app(query={"provinsi": hostile, "kabupaten": hostile, "minggu": hostile})
    assert not at.exception
    assert at.selectbox(key="w_provinsi").value is None
    assert {m.label: m.value for m in at.metric}["Koperasi terdaftar"] == "7"
