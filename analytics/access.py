"""Who may see and change what: roles scoped to a region, accounts, password hashes, lock-out.

Roles: `pemirsa` (view), `operator` (view, upload and undo inside their region), `admin`
(everything). A region is a provinsi or kabupaten code; no region means the whole country.
The scope is enforced here, in the analytic layer: filters are clamped into the region and
uploads with rows outside it are refused row by row.

Password sign-in resists guessing: failures are counted per account, per source address and
over the whole app, each with its own lock; an unknown account costs the same argon2 check as a
known one; an attempt refused by a lock is not checked and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
import secrets
import tempfile
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

from analytics import db, sanitize
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
    "wajib_lapor": ("admin",),
    "target": ("admin",),
    "kualitas_dicek": ("operator", "admin"),
}
ACCOUNTS_FILE = DATA_DIR / "pengguna.toml"
# Failed sign-ins within LOCK_MINUTES that lock: one account, one source address, the whole app.
# A spray of 4 passwords over 20 accounts trips the source lock at 10 and the global one at 30.
MAX_FAILURES = 5
SOURCE_MAX_FAILURES = 10
GLOBAL_MAX_FAILURES = 30
LOCK_MINUTES = 15
# Seconds a failed attempt waits before its answer, after the 1st, 2nd, 3rd... recent failure of
# its account or source.
DELAYS = (0.5, 1.0, 2.0, 4.0)
EMAIL_MAX = 254


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
        try:
            doc = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise AccessError(f"File akun {path.name} tidak terbaca: {exc}.") from None
    out = {}
    for i, item in enumerate(doc.get("pengguna", []), start=1):
        email = str(item.get("email", "")).strip().lower()
        role = item.get("peran")
        region = item.get("wilayah") or None
        if not email or role not in ROLES:
            raise AccessError(
                f"Entri pengguna ke-{i} di {path.name}: email kosong atau peran bukan {', '.join(ROLES)}."
            )
        if region is not None and not (
            CODE_PATTERN["provinsi"].fullmatch(region) or CODE_PATTERN["kabupaten"].fullmatch(region)
        ):
            raise AccessError(
                f"Entri pengguna {email}: wilayah '{region}' harus kode provinsi (52) atau kabupaten (52.01)."
            )
        out[email] = Account(User(email, role, region, str(item.get("nama", ""))), item.get("hash"))
    return out


_parsed: dict[Path, tuple[tuple, dict[str, Account]]] = {}
_parsed_lock = threading.Lock()


def current_accounts(path: str | Path | None = None) -> dict[str, Account]:
    """`load_accounts`, parsed again only when the file changed (its mtime, size or inode): the app
    asks on every rerun, so a removed or demoted user loses access at once."""
    path = Path(path or ACCOUNTS_FILE)
    try:
        st = path.stat()
    except FileNotFoundError:
        return {}
    stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
    with _parsed_lock:
        hit = _parsed.get(path)
    if hit is None or hit[0] != stamp:
        hit = (stamp, load_accounts(path))
        with _parsed_lock:
            _parsed[path] = hit
    return dict(hit[1])


def fingerprint(account: Account) -> str:
    """Changes when the account's password does: a session keeps it and ends when it changes."""
    return hashlib.sha256((account.password_hash or "").encode()).hexdigest()[:16]


def revalidate(accounts: dict[str, Account], user: User, seen: str | None) -> User | None:
    """The signed-in user as the accounts file says now (a demotion applies at once), or None when
    the account is gone or its password was changed since `seen` (its fingerprint at sign-in)."""
    account = accounts.get(user.email)
    if account is None or (seen is not None and fingerprint(account) != seen):
        return None
    return account.user


def _check_text(label: str, value: str) -> None:
    hidden = sanitize.hidden_characters(value)
    if hidden:
        raise AccessError(
            f"{label} mengandung karakter kendali ({', '.join(hidden)}; mis. baris baru atau tab): "
            "tidak disimpan. Tulis ulang tanpa karakter itu."
        )


def check_user(user: User) -> None:
    """Refuse what would break the accounts file or hide in it: control characters in any field,
    an unknown role, a region that is not a provinsi or kabupaten code."""
    _check_text("Email", user.email)
    _check_text("Nama", user.name)
    _check_text("Peran", user.role)
    _check_text("Wilayah", user.region or "")
    if not user.email.strip():
        raise AccessError("Email wajib diisi.")
    if user.role not in ROLES:
        raise AccessError(f"Peran '{user.role}' bukan {', '.join(ROLES)}.")
    if user.region and not (
        CODE_PATTERN["provinsi"].fullmatch(user.region) or CODE_PATTERN["kabupaten"].fullmatch(user.region)
    ):
        raise AccessError(f"Wilayah '{user.region}' harus kode provinsi (52) atau kabupaten (52.01).")


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _accounts_text(accounts: dict[str, Account]) -> str:
    lines = [
        "# Akun dasbor: peran pemirsa/operator/admin, wilayah = kode provinsi/kabupaten (kosong: nasional).",
        "# Dibuat dan diubah dengan: python -m analytics pengguna ...",
        "",
    ]
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
    return "\n".join(lines)


def save_accounts(accounts: dict[str, Account], path: str | Path | None = None) -> None:
    """Write the accounts file readable by its owner only (0600). The new text goes to a private
    temporary file beside it, is parsed back and compared, and only then replaces the old file:
    a bad entry leaves the old file in place."""
    path = Path(path or ACCOUNTS_FILE)
    for account in accounts.values():
        check_user(account.user)
        _check_text("Hash kata sandi", account.password_hash or "")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # mode 0600
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(_accounts_text(accounts))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        expected = {
            a.user.email.strip().lower(): (a.user.role, a.user.region or None, a.user.name, a.password_hash or None)
            for a in accounts.values()
        }
        back = {
            e: (a.user.role, a.user.region, a.user.name, a.password_hash or None) for e, a in load_accounts(tmp).items()
        }
        if back != expected:
            raise AccessError("File akun yang baru tidak terbaca kembali sama persis; file lama tidak diubah.")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:  # the rename itself survives a crash
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


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


_dummy: list[str] = []


def _dummy_hash() -> str:
    """A hash of a random password with the same parameters as real ones: an unknown account, or one
    without a password, is checked against it so that it costs the same time as a known one."""
    if not _dummy:
        from argon2 import PasswordHasher

        _dummy.append(PasswordHasher().hash(secrets.token_urlsafe(24)))
    return _dummy[0]


# --- sign-in --------------------------------------------------------------------------------


class SignInRefused(AccessError):
    """A refused password sign-in; `wait` is how long the answer should be held back (seconds)."""

    def __init__(self, message: str, wait: float = 0.0):
        super().__init__(message)
        self.wait = wait


def source_address(remote_ip: str | None, forwarded_for=(), trusted_proxies: int = 0) -> str | None:
    """The visitor's address for counting failures. With `trusted_proxies` proxies in front (nginx
    appending to X-Forwarded-For), it is the N-th entry from the right, the address the outermost
    trusted proxy saw; entries further left are written by the client and never trusted. Without
    them it is the connection's address. IPv6 addresses count per /64 (one subscriber's block).
    None when unknown (a local connection): the per-account and global limits still apply."""
    candidate = remote_ip
    if trusted_proxies > 0:
        hops = [h.strip() for value in forwarded_for or () for h in str(value).split(",") if h.strip()]
        if len(hops) >= trusted_proxies:
            candidate = hops[-trusted_proxies]
    try:
        address = ipaddress.ip_address(str(candidate or "").strip().strip("[]"))
    except ValueError:
        return None
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


@dataclass(frozen=True)
class Lock:
    scope: str  # akun | sumber | global
    until: dt.datetime

    def message(self) -> str:
        when = f"{self.until:%H:%M}"
        if self.scope == "akun":
            return f"Terlalu banyak percobaan gagal. Coba lagi setelah pukul {when}."
        if self.scope == "sumber":
            return f"Terlalu banyak percobaan gagal dari alamat Anda. Coba lagi setelah pukul {when}."
        return (
            f"Terlalu banyak percobaan masuk yang gagal di dasbor ini; masuk dengan kata sandi ditahan "
            f"sementara. Coba lagi setelah pukul {when}."
        )


def lockout(con, email: str, source: str | None = None, now: dt.datetime | None = None) -> Lock | None:
    """The lock that applies to an attempt now, if any. An account or source address waits
    LOCK_MINUTES after its last failure once it has MAX_FAILURES / SOURCE_MAX_FAILURES within
    LOCK_MINUTES; the whole app allows at most GLOBAL_MAX_FAILURES within any LOCK_MINUTES."""
    now = now or dt.datetime.now()
    window = dt.timedelta(minutes=LOCK_MINUTES)
    since = now - window
    cur = db.cursor(con)
    n, last = cur.execute(
        "select count(*), max(waktu) from gagal_masuk where email = $e and waktu > $since",
        {"e": email.lower(), "since": since},
    ).fetchone()
    if n >= MAX_FAILURES:
        return Lock("akun", last + window)
    if source:
        n, last = cur.execute(
            "select count(*), max(waktu) from gagal_masuk where sumber = $s and waktu > $since",
            {"s": source, "since": since},
        ).fetchone()
        if n >= SOURCE_MAX_FAILURES:
            return Lock("sumber", last + window)
    row = cur.execute(
        "select waktu from gagal_masuk where waktu > $since order by waktu desc limit 1 offset $k",
        {"since": since, "k": GLOBAL_MAX_FAILURES - 1},
    ).fetchone()
    if row is not None:
        return Lock("global", row[0] + window)
    return None


def _delay(con, email: str, source: str | None, now: dt.datetime) -> float:
    since = now - dt.timedelta(minutes=LOCK_MINUTES)
    n = (
        db.cursor(con)
        .execute(
            "select greatest(count(*) filter (where email = $e), count(*) filter (where sumber = $s)) "
            "from gagal_masuk where waktu > $since",
            {"e": email, "s": source, "since": since},
        )
        .fetchone()[0]
    )
    return DELAYS[min(n, len(DELAYS)) - 1] if n else 0.0


# One check at a time: argon2 takes 64 MiB and a tenth of a second per check, so parallel
# attempts queue here instead of exhausting memory, and the counts a lock reads stay exact.
_attempt = threading.Lock()


def sign_in(
    con,
    accounts: dict[str, Account],
    email: str,
    password: str,
    now: dt.datetime | None = None,
    source: str | None = None,
) -> User:
    """Check a password sign-in from `source` (see `source_address`); raises SignInRefused, whose
    `wait` the caller sleeps before answering. A locked attempt is refused before any check and
    writes nothing, so failures reach the database (gagal_masuk and the audit) at most
    GLOBAL_MAX_FAILURES times per LOCK_MINUTES."""
    from analytics import audit

    now = now or dt.datetime.now().replace(microsecond=0)
    key = sanitize.strip_hidden(str(email or "")).strip().lower()[:EMAIL_MAX]
    dummy = _dummy_hash()
    with _attempt:
        lock = lockout(con, key, source, now)
        if lock is not None:
            raise SignInRefused(lock.message())
        account = accounts.get(key)
        stored = account.password_hash if account is not None else None
        # The same argon2 work whether or not the account exists or has a password.
        ok = verify_password(stored or dummy, password) and stored is not None
        cur = db.cursor(con)
        if ok:
            cur.execute("delete from gagal_masuk where email = $e", {"e": key})
            audit.record(cur, key, "masuk", {"mode": "password"}, now)
            return account.user
        cur.execute("delete from gagal_masuk where waktu <= $old", {"old": now - dt.timedelta(days=1)})
        cur.execute(
            "insert into gagal_masuk (email, waktu, sumber) values ($e, $w, $s)", {"e": key, "w": now, "s": source}
        )
        details = {"mode": "password"}
        if source:
            details["sumber"] = source
        lock = lockout(con, key, source, now)
        if lock is not None:  # this failure starts a lock: said once, in its own entry
            details["dikunci"] = {"lingkup": lock.scope, "sampai": f"{lock.until:%Y-%m-%d %H:%M}"}
        audit.record(cur, key or "(kosong)", "gagal_masuk", details, now)
        wait = _delay(con, key, source, now)
    raise SignInRefused("Email atau kata sandi salah.", wait)
