"""Who may see and change what: roles scoped to a region, accounts, password hashes, lock-out.

Roles: `pemirsa` (view), `operator` (view, upload and undo inside their region), `admin`
(everything). A region is a provinsi or kabupaten code; no region means the whole country.
The scope is enforced here, in the analytic layer: filters are clamped into the region and
uploads with rows outside it are refused row by row.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from analytics.db import DATA_DIR
from analytics.filters import CODE_PATTERN, Filter

ROLES = ("pemirsa", "operator", "admin")
PERMISSIONS = {
    "lihat": ("pemirsa", "operator", "admin"),
    "unggah": ("operator", "admin"),
    "batalkan": ("operator", "admin"),
    "aturan": ("admin",),
    "audit": ("admin",),
    "pengguna": ("admin",),
    "hapus_contoh": ("admin",),
}
ACCOUNTS_FILE = DATA_DIR / "pengguna.toml"
MAX_FAILURES = 5
LOCK_MINUTES = 15


class AccessError(ValueError):
    """Not allowed; the message is for the user, in Indonesian."""


@dataclass(frozen=True)
class User:
    email: str
    role: str
    region: str | None = None  # provinsi or kabupaten code; None: the whole country
    name: str = ""

    def can(self, action: str) -> bool:
        return self.role in PERMISSIONS.get(action, ())

    def covers(self, code: str | None) -> bool:
        """Is a region code (any level) inside this user's region?"""
        if self.region is None:
            return True
        if not code:
            return False
        return code == self.region or code.startswith(self.region + ".")


LOCAL_ADMIN = User("admin-lokal", "admin", None, "Administrator lokal")


def clamp(user: User, f: Filter) -> Filter:
    """The filter narrowed into the user's region: a viewer of one province cannot ask for another
    through the URL. A filter inside the region is kept; anything else becomes the region itself."""
    if user.region is None:
        return f
    if f.code and user.covers(f.code):
        return f
    return Filter.from_code(user.region)


def rows_outside(user: User, kabupaten_codes) -> list[int]:
    """Positions of rows whose kabupaten lies outside the user's region."""
    return [i for i, code in enumerate(kabupaten_codes) if code is not None and not user.covers(code)]


def require(user: User, action: str) -> None:
    if not user.can(action):
        raise AccessError(f"Peran '{user.role}' tidak boleh melakukan ini ({action}).")


def require_batch(user: User, kabupaten: list[str]) -> None:
    """An operator may undo only uploads that lie wholly inside their region."""
    require(user, "batalkan")
    outside = [k for k in kabupaten if not user.covers(k)]
    if outside:
        raise AccessError("Unggahan ini mencakup wilayah di luar wewenang Anda: " + ", ".join(outside) + ".")


# --- accounts -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Account:
    user: User
    password_hash: str | None


def load_accounts(path: str | Path | None = None) -> dict[str, Account]:
    """Accounts by lower-case e-mail from the TOML file (see README, "Keamanan")."""
    path = Path(path or ACCOUNTS_FILE)
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        doc = tomllib.load(fh)
    out = {}
    for i, item in enumerate(doc.get("pengguna", []), start=1):
        email = str(item.get("email", "")).strip().lower()
        role = item.get("peran")
        region = item.get("wilayah") or None
        if not email or role not in ROLES:
            raise AccessError(f"Entri pengguna ke-{i} di {path.name}: email kosong atau peran bukan {', '.join(ROLES)}.")
        if region is not None and not (CODE_PATTERN["provinsi"].fullmatch(region) or CODE_PATTERN["kabupaten"].fullmatch(region)):
            raise AccessError(f"Entri pengguna {email}: wilayah '{region}' harus kode provinsi (52) atau kabupaten (52.01).")
        out[email] = Account(User(email, role, region, str(item.get("nama", ""))), item.get("hash"))
    return out


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def save_accounts(accounts: dict[str, Account], path: str | Path | None = None) -> None:
    path = Path(path or ACCOUNTS_FILE)
    lines = ["# Akun dasbor: peran pemirsa/operator/admin, wilayah = kode provinsi/kabupaten (kosong: nasional).",
             "# Dibuat dan diubah dengan: python -m analytics pengguna ...", ""]
    for account in sorted(accounts.values(), key=lambda a: a.user.email):
        u = account.user
        lines.append("[[pengguna]]")
        lines.append(f"email = {_toml_string(u.email)}")
        if u.name:
            lines.append(f"nama = {_toml_string(u.name)}")
        lines.append(f"peran = {_toml_string(u.role)}")
        if u.region:
            lines.append(f"wilayah = {_toml_string(u.region)}")
        if account.password_hash:
            lines.append(f"hash = {_toml_string(account.password_hash)}")
        lines.append("")
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    tmp.replace(path)


def hash_password(password: str) -> str:
    """argon2id with a random salt (argon2-cffi defaults)."""
    from argon2 import PasswordHasher

    if len(password) < 10:
        raise AccessError("Kata sandi minimal 10 karakter.")
    return PasswordHasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return PasswordHasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def locked_until(con, email: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """When MAX_FAILURES failed sign-ins fell within LOCK_MINUTES, the account waits until the
    last failure is LOCK_MINUTES old."""
    now = now or dt.datetime.now()
    since = now - dt.timedelta(minutes=LOCK_MINUTES)
    row = con.cursor().execute(
        "select count(*), max(waktu) from gagal_masuk where email = $e and waktu > $since",
        {"e": email.lower(), "since": since},
    ).fetchone()
    if row[0] >= MAX_FAILURES:
        return row[1] + dt.timedelta(minutes=LOCK_MINUTES)
    return None


def sign_in(con, accounts: dict[str, Account], email: str, password: str, now: dt.datetime | None = None) -> User:
    """Check a password sign-in, counting failures and locking out; raises AccessError."""
    from analytics import audit

    now = now or dt.datetime.now().replace(microsecond=0)
    key = email.strip().lower()
    until = locked_until(con, key, now)
    if until is not None:
        raise AccessError(f"Terlalu banyak percobaan gagal. Coba lagi setelah pukul {until:%H:%M}.")
    account = accounts.get(key)
    ok = account is not None and account.password_hash and verify_password(account.password_hash, password)
    cur = con.cursor()
    if not ok:
        cur.execute("insert into gagal_masuk values ($e, $w)", {"e": key, "w": now})
        audit.record(cur, key or "(kosong)", "gagal_masuk", {"mode": "password"}, now)
        raise AccessError("Email atau kata sandi salah.")
    cur.execute("delete from gagal_masuk where email = $e", {"e": key})
    audit.record(cur, key, "masuk", {"mode": "password"}, now)
    return account.user
