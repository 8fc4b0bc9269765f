"""Sign-in: the mode comes from `.streamlit/secrets.toml` ([kdkmp] mode = local | oidc | password).

- local (default): one local administrator; refused unless the server listens on loopback.
- oidc: Streamlit's st.login with any OpenID Connect provider configured under [auth]; users are
  identified by e-mail and must be listed in the accounts file with a role and region.
- password: accounts with argon2 hashes in the accounts file; lock-out after repeated failures
  per account, per source address and over the whole app (analytics.access.sign_in).

Every rerun checks the signed-in user against the accounts file again (parsed only when it
changed), so a removed or demoted account loses its rights at once.
"""

from __future__ import annotations

import time

import streamlit as st

from analytics import access, audit, db
from ui import teks

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def settings() -> dict:
    try:
        return dict(st.secrets.get("kdkmp", {}))
    except Exception:  # no secrets file at all: local mode
        return {}


def mode() -> str:
    value = str(settings().get("mode", "local")).strip().lower()
    if value not in ("local", "oidc", "password"):
        st.error(teks.MODE_TIDAK_DIKENAL.format(mode=value))
        st.stop()
    return value


def accounts() -> dict[str, access.Account]:
    try:
        return access.current_accounts(settings().get("pengguna") or None)
    except access.AccessError as exc:
        st.error(str(exc))
        st.stop()


def _remember(con, user: access.User, how: str) -> access.User:
    if st.session_state.get("pengguna") != user:
        st.session_state["pengguna"] = user
        if how != "local":
            audit.record(db.cursor(con), user.email, "masuk", {"mode": how})
    return user


def current_user(con) -> access.User:
    """The signed-in user, or a sign-in screen and st.stop()."""
    how = mode()
    if how == "local":
        address = st.get_option("server.address") or ""
        if address not in LOOPBACK:
            st.error(teks.LOKAL_BUKAN_LOOPBACK.format(alamat=address or "semua antarmuka (0.0.0.0)"))
            st.stop()
        return _remember(con, access.LOCAL_ADMIN, how)
    if how == "oidc":
        return _oidc(con)
    return _password(con)


def _oidc(con) -> access.User:
    if not st.user.get("is_logged_in"):
        st.title(teks.APP_JUDUL)
        st.write(teks.MASUK_OIDC_PETUNJUK)
        provider = settings().get("penyedia") or None
        if st.button(teks.MASUK_TOMBOL, type="primary", icon=":material/login:"):
            st.login(provider)
        st.stop()
    email = str(st.user.get("email") or "").strip().lower()
    account = accounts().get(email)
    if account is None:
        # Once per session, not on every rerun: the audit is not a counter.
        if st.session_state.get("oidc_ditolak") != email:
            st.session_state["oidc_ditolak"] = email
            audit.record(
                db.cursor(con), email or "(tanpa email)", "gagal_masuk", {"mode": "oidc", "alasan": "tidak terdaftar"}
            )
        st.error(teks.AKUN_TIDAK_TERDAFTAR.format(email=email))
        if st.button(teks.KELUAR):
            st.logout()
        st.stop()
    return _remember(con, account.user, "oidc")


def source() -> str | None:
    """The visitor's address (see access.source_address). X-Forwarded-For is read only when
    `[kdkmp] proxy_tepercaya` says how many proxies of ours stand in front of the app."""
    try:
        trusted = max(0, int(settings().get("proxy_tepercaya", 0) or 0))
    except (TypeError, ValueError):
        trusted = 0
    forwarded = st.context.headers.get_all("X-Forwarded-For") if trusted else []
    return access.source_address(st.context.ip_address, forwarded, trusted)


def _password(con) -> access.User:
    user = st.session_state.get("pengguna")
    if isinstance(user, access.User):
        current = access.revalidate(accounts(), user, st.session_state.get("pengguna_sidik"))
        if current is not None:
            if current != user:  # demoted, moved to another region or renamed: applies now
                st.session_state["pengguna"] = current
            return current
        audit.record(db.cursor(con), user.email, "keluar", {"alasan": "akun dihapus atau kata sandi diganti"})
        for key in ("pengguna", "pengguna_sidik"):
            st.session_state.pop(key, None)
        st.warning(teks.AKUN_DICABUT, icon=":material/lock:")
    st.title(teks.APP_JUDUL)
    with st.form("masuk"):
        email = st.text_input(teks.MASUK_EMAIL, max_chars=access.EMAIL_MAX)
        password = st.text_input(teks.MASUK_SANDI, type="password", max_chars=1024)
        submitted = st.form_submit_button(teks.MASUK_TOMBOL, type="primary")
    if submitted:
        known = accounts()
        try:
            user = access.sign_in(con, known, email, password, source=source())
        except access.SignInRefused as exc:
            time.sleep(exc.wait)  # held back in this session only; the locks stop parallel guessing
            st.error(str(exc))
        else:
            st.session_state["pengguna"] = user
            st.session_state["pengguna_sidik"] = access.fingerprint(known[user.email])
            st.rerun()
    st.stop()


def sign_out(con, user: access.User) -> None:
    audit.record(db.cursor(con), user.email, "keluar", {})
    for key in ("pengguna", "pengguna_sidik"):
        st.session_state.pop(key, None)
    if mode() == "oidc":
        st.logout()
    st.rerun()
