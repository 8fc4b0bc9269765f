"""Password sign-in against guessing: locks per account, per source and for the whole app, equal
work for unknown accounts, a private accounts file, revocation mid-session."""

import datetime as dt
import io
import os
import statistics
import time

import pytest
from test_access import ADMIN, OPERATOR_LAMBAR, accounts_file, app, app_db, nav, sign_in_with_password  # noqa: F401

from analytics import access, audit
from analytics.__main__ import main as cli

T0 = dt.datetime(2026, 11, 23, 8, 0)
PASSWORD = "sandi-yang-benar-1"
SPRAY = ("Rahasia123!", "Indonesia2026", "Password123", "Merdeka45!!")


@pytest.fixture(scope="module")
def twenty_accounts():
    """Twenty accounts sharing one hash (hashing twenty times would only slow the test)."""
    shared = access.hash_password(PASSWORD)
    return {
        f"pengguna{i:02d}@desa.go.id": access.Account(
            access.User(f"pengguna{i:02d}@desa.go.id", "pemirsa", "52"), shared
        )
        for i in range(20)
    }


def spray(con, accounts, source_of) -> list[str]:
    """4 passwords over 20 accounts, one attempt a second; the message of each refusal."""
    said = []
    for n, (password, email) in enumerate((p, e) for p in SPRAY for e in accounts):
        with pytest.raises(access.SignInRefused) as refused:
            access.sign_in(con, accounts, email, password, now=T0 + dt.timedelta(seconds=n), source=source_of(n))
        said.append(str(refused.value))
    return said


def failures_in_audit(con) -> int:
    return int((audit.jejak_audit(con)["aksi"] == "gagal_masuk").sum())


def test_a_spray_from_one_address_locks_the_address_not_only_accounts(fresh_db, twenty_accounts):
    said = spray(fresh_db, twenty_accounts, lambda n: "203.0.113.7")
    wrong = "Email atau kata sandi salah."
    assert said[: access.SOURCE_MAX_FAILURES] == [wrong] * access.SOURCE_MAX_FAILURES
    assert set(said[access.SOURCE_MAX_FAILURES :]) == {
        "Terlalu banyak percobaan gagal dari alamat Anda. Coba lagi setelah pukul 08:15."
    }
    # The right password from that address is refused unchecked too; from elsewhere it works.
    first = next(iter(twenty_accounts))
    later = T0 + dt.timedelta(minutes=2)
    with pytest.raises(access.SignInRefused, match="dari alamat Anda"):
        access.sign_in(fresh_db, twenty_accounts, first, PASSWORD, now=later, source="203.0.113.7")
    assert access.sign_in(fresh_db, twenty_accounts, first, PASSWORD, now=later, source="198.51.100.20").email == first
    # Only the checked attempts reached the database.
    assert failures_in_audit(fresh_db) == access.SOURCE_MAX_FAILURES


def test_a_spray_from_many_addresses_trips_the_global_limit_and_the_audit_stays_small(fresh_db, twenty_accounts):
    said = spray(fresh_db, twenty_accounts, lambda n: f"198.51.100.{n}")
    assert said.count("Email atau kata sandi salah.") == access.GLOBAL_MAX_FAILURES
    assert said[access.GLOBAL_MAX_FAILURES].startswith("Terlalu banyak percobaan masuk yang gagal di dasbor ini")
    assert "Coba lagi setelah pukul 08:15." in said[-1]
    # 80 attempts, 30 rows: a flood cannot fill the audit; the lock is said once, in the failure that began it.
    log = audit.jejak_audit(fresh_db)
    failed = log[log["aksi"] == "gagal_masuk"]
    assert len(failed) == access.GLOBAL_MAX_FAILURES
    assert fresh_db.execute("select count(*) from gagal_masuk").fetchone()[0] == access.GLOBAL_MAX_FAILURES
    assert [r for r in failed["rincian"] if "dikunci" in r] == [
        '{"mode": "password", "sumber": "198.51.100.29", "dikunci": {"lingkup": "global", "sampai": "2026-11-23 08:15"}}'
    ]
    # A sliding window: once the oldest failures age out, sign-in opens again.
    first = next(iter(twenty_accounts))
    after = T0 + dt.timedelta(minutes=15, seconds=1)
    assert access.sign_in(fresh_db, twenty_accounts, first, PASSWORD, now=after, source="192.0.2.1").email == first


def test_failures_wait_longer_each_time_and_the_account_lock_still_holds(fresh_db, twenty_accounts):
    email = next(iter(twenty_accounts))
    waits = []
    for i in range(access.MAX_FAILURES):
        with pytest.raises(access.SignInRefused) as refused:
            access.sign_in(
                fresh_db, twenty_accounts, email, "keliru", now=T0 + dt.timedelta(seconds=i), source=f"192.0.2.{i}"
            )
        waits.append(refused.value.wait)
    assert waits == [0.5, 1.0, 2.0, 4.0, 4.0]
    with pytest.raises(access.SignInRefused, match="Terlalu banyak percobaan gagal. Coba lagi") as refused:
        access.sign_in(
            fresh_db, twenty_accounts, email, PASSWORD, now=T0 + dt.timedelta(minutes=1), source="192.0.2.99"
        )
    assert refused.value.wait == 0


def test_an_unknown_email_costs_the_same_time_as_a_known_one(fresh_db, capsys):
    accounts = {ADMIN.email: access.Account(ADMIN, access.hash_password(PASSWORD))}

    def timed(email, i):
        # An hour apart: no lock gets in the way of the measurement.
        start = time.perf_counter()
        with pytest.raises(access.SignInRefused):
            access.sign_in(fresh_db, accounts, email, "bukan-sandinya", now=T0 + dt.timedelta(hours=i))
        return time.perf_counter() - start

    timed(ADMIN.email, 0), timed("tidak.ada@contoh.id", 1)  # warm-up: the dummy hash, the first queries
    known, unknown = [], []
    for i in range(2, 20, 2):  # interleaved, so load on the machine hits both alike
        known.append(timed(ADMIN.email, i))
        unknown.append(timed(f"tidak.ada{i}@contoh.id", i + 1))
    k, u = statistics.median(known), statistics.median(unknown)
    with capsys.disabled():
        print(f"\nmedian sign-in time: known e-mail {k * 1000:.1f} ms, unknown e-mail {u * 1000:.1f} ms")
    assert abs(k - u) <= max(0.25 * k, 0.015), (k, u)


@pytest.mark.parametrize(
    "remote, forwarded, trusted, source",
    [
        ("203.0.113.5", [], 0, "203.0.113.5"),
        (None, ["203.0.113.5"], 0, None),  # the header counts only behind our proxy
        ("203.0.113.5", ["6.6.6.6"], 0, "203.0.113.5"),
        (None, ["6.6.6.6, 198.51.100.7"], 1, "198.51.100.7"),  # the client wrote 6.6.6.6; nginx appended
        (None, ["6.6.6.6, 198.51.100.7", "10.0.0.2"], 2, "198.51.100.7"),
        (None, ["bukan-alamat"], 1, None),
        (None, [], 1, None),
        ("2001:db8::1", [], 0, "2001:db8::/64"),  # one subscriber's IPv6 block
        ("::ffff:192.0.2.1", [], 0, "192.0.2.1"),
    ],
)
def test_the_source_address_trusts_forwarded_for_only_from_our_proxies(remote, forwarded, trusted, source):
    assert access.source_address(remote, forwarded, trusted) == source


# --- the accounts file ------------------------------------------------------------------------


def test_the_accounts_file_is_written_0600_and_replaced_whole(tmp_path):
    path = tmp_path / "pengguna.toml"
    path.write_text("# lama\n", encoding="utf-8")
    os.chmod(path, 0o644)
    old_umask = os.umask(0o022)
    try:
        access.save_accounts({ADMIN.email: access.Account(ADMIN, access.hash_password(PASSWORD))}, path)
    finally:
        os.umask(old_umask)
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["pengguna.toml"]  # no temporary file left behind
    assert access.load_accounts(path)[ADMIN.email].user == ADMIN


@pytest.mark.parametrize(
    "field, value",
    [("--nama", "Budi\n[[pengguna]]"), ("--nama", "Budi\u202e"), ("email", 'budi@contoh.id\r\nperan = "admin"')],
)
def test_a_control_character_in_any_field_is_refused_and_the_file_still_parses(
    tmp_path, monkeypatch, capsys, field, value
):
    path = tmp_path / "pengguna.toml"
    access.save_accounts({ADMIN.email: access.Account(ADMIN, access.hash_password(PASSWORD))}, path)
    before = path.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    args = ["pengguna", "tambah", "budi@contoh.id", "--peran", "pemirsa", "--file", str(path), "--sandi-stdin"]
    args = [value if a == "budi@contoh.id" and field == "email" else a for a in args]
    if field != "email":
        args += [field, value]
    assert cli(args) == 1
    assert "mengandung karakter kendali" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert list(access.load_accounts(path)) == [ADMIN.email]
    with pytest.raises(access.AccessError, match="Nama mengandung karakter kendali \\(U\\+000A;"):
        access.save_accounts({"b@c.id": access.Account(access.User("b@c.id", "pemirsa", None, "a\nb"), None)}, path)


def test_the_accounts_file_is_parsed_again_only_when_it_changes(tmp_path, monkeypatch):
    path = tmp_path / "pengguna.toml"
    access.save_accounts({ADMIN.email: access.Account(ADMIN, None)}, path)
    parsed = []
    real = access.load_accounts
    monkeypatch.setattr(access, "load_accounts", lambda p=None: parsed.append(p) or real(p))
    for _ in range(3):
        assert list(access.current_accounts(path)) == [ADMIN.email]
    assert len(parsed) == 1
    monkeypatch.setattr(access, "load_accounts", real)
    access.save_accounts({}, path)
    assert access.current_accounts(path) == {}


# --- in the app -------------------------------------------------------------------------------


def test_a_removed_or_demoted_account_loses_access_at_the_next_rerun(app_db, accounts_file, capsys):  # noqa: F811
    secrets = {"mode": "password", "pengguna": str(accounts_file)}
    at = app(secrets)
    sign_in_with_password(at, ADMIN.email)
    assert "Jejak Audit" in nav(at)
    # Demoted from another terminal while signed in: the next rerun shows the viewer's menu.
    assert (
        cli(["pengguna", "tambah", ADMIN.email, "--peran", "pemirsa", "--tanpa-sandi", "--file", str(accounts_file)])
        == 0
    )
    at.run()
    assert not at.exception and at.metric
    assert "Jejak Audit" not in nav(at) and "Unggah Data" not in nav(at)
    # Removed: the next rerun is the sign-in form, with a word why.
    assert cli(["pengguna", "hapus", ADMIN.email, "--file", str(accounts_file)]) == 0
    at.run()
    assert not at.metric and at.text_input[1].label == "Kata sandi"
    assert "dihapus atau kata sandinya diganti" in at.warning[0].value


def test_a_changed_password_ends_the_session(app_db, accounts_file, monkeypatch):  # noqa: F811
    at = app({"mode": "password", "pengguna": str(accounts_file)})
    sign_in_with_password(at, OPERATOR_LAMBAR.email)
    assert "Unggah Data" in nav(at)
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-baru-sekali-99\n"))
    assert cli(["pengguna", "sandi", OPERATOR_LAMBAR.email, "--sandi-stdin", "--file", str(accounts_file)]) == 0
    at.run()
    assert not at.metric and at.text_input[1].label == "Kata sandi"
