"""Who is asking: stations by bearer token, organisers by password and session cookie.

Station tokens carry 192 random bits and are stored only as SHA-256; organiser
passwords are stored as salted scrypt hashes (werkzeug). Secrets are generated.
"""

import hashlib
import secrets
import threading
import time

from werkzeug.security import check_password_hash, generate_password_hash

from badges.errors import BadgesError, NotFound

from . import db as store
from . import keys


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_station_token(db, name: str) -> str:
    """A new credential for station `name`; any earlier one stops working."""
    token = secrets.token_urlsafe(24)
    store.upsert_station(db, name, token_hash(token))
    return token


def revoke_station(db, name: str) -> None:
    if not store.revoke_station(db, name):
        raise NotFound(f"Không có trạm '{name}' đang hoạt động.")


def station_for_token(db, token: str):
    if not token:
        return None
    return store.station_by_token_hash(db, token_hash(token))


def station_by_hash(db, hashed: str):
    """The station whose live credential hashes to `hashed`, or None."""
    return store.station_by_token_hash(db, hashed)


# Logins and what they are for (web/access.py says which role may use which route):
ROLES = {
    "organiser": "Ban Tổ chức: mọi việc",
    "desk": "Bàn hỗ trợ: tra cứu, khách vãng lai, in lại thẻ, hủy lượt, thay thế, vắng",
    "volunteer": "Tình nguyện viên: chỉ màn hình điểm danh, không có thông tin cá nhân",
    "viewer": "Trình chiếu: chỉ số liệu",
}
MIN_PASSWORD = 10


class BadLogin(BadgesError):
    """A login's name, role or password breaks the rules; `field` says which."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def set_password(db, username: str, password: str | None = None, role: str | None = None) -> str:
    """Create a login (with `role`, default organiser) or reset its password (and its
    role, when given); a reset ends its open sessions: a new session epoch that old
    cookies do not carry. Returns the password (generated when none is given)."""
    if role is not None and role not in ROLES:
        raise BadLogin("role", f"vai trò '{role}' không có; chọn một trong {', '.join(ROLES)}.")
    if not username or len(username) > 64 or username != username.strip():
        raise BadLogin("name", "tên đăng nhập phải có 1-64 ký tự, không có khoảng trắng ở hai "
                       "đầu.")
    if password is not None and len(password) < MIN_PASSWORD:
        raise BadLogin("password", f"mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.")
    existing = store.user(db, username)
    role = role or (existing["role"] if existing else "organiser")
    password = password or secrets.token_urlsafe(12)
    store.upsert_user(db, username, generate_password_hash(password), secrets.token_urlsafe(12),
                      role)
    return password


def set_organiser_password(db, username: str, password: str | None = None) -> str:
    """`kiosk organiser`: an organiser login, created or reset."""
    return set_password(db, username, password, "organiser")


def remove_user(db, username: str) -> None:
    if not store.delete_user(db, username):
        raise NotFound(f"Không có tài khoản '{username}'.")


def list_users(db) -> list:
    return store.users(db)


_UNKNOWN = generate_password_hash(secrets.token_hex(16))  # hashed once, not per guess


def check_login(db, username: str, password: str) -> dict | None:
    """{"epoch", "role"} when the password is right, else None (the same work either
    way, so the time does not tell whether the name exists)."""
    row = store.user(db, username)
    if row is None:
        check_password_hash(_UNKNOWN, password)
        return None
    if not check_password_hash(row["password_hash"], password):
        return None
    return {"epoch": row["session_epoch"], "role": row["role"]}


def login_state(db, username: str) -> dict | None:
    """A login's current {"epoch", "role"}; None when it no longer exists."""
    row = store.user(db, username)
    return {"epoch": row["session_epoch"], "role": row["role"]} if row else None


def session_secret(db_path) -> str:
    """The Flask session key: generated once, kept in the keys folder, never in the
    event database and never hard-coded."""
    return keys.read_or_make(keys.folder_for(db_path), "session.key")


def share_token(db) -> str:
    """The secret in the projector's read-only share link (generated once per event)."""
    return store.ensure_secret(db, "share_token", secrets.token_urlsafe(18))


def share_is_live(db, token: str) -> bool:
    return secrets.compare_digest(token, share_token(db))


def renew_share_token(db) -> str:
    """A new secret for the share link: the old link, and every projector opened with it,
    stop at once (their streams within RECHECK_SECONDS)."""
    share_token(db)
    fresh = secrets.token_urlsafe(18)
    store.replace_secret(db, "share_token", fresh)
    return fresh


class LoginGuard:
    """Slows password guessing: after MAX_FAILURES wrong passwords for one login name from
    one address within WINDOW seconds, that pair is refused until the oldest failure is
    WINDOW old; after MAX_PER_ADDRESS failures from one address, whatever the names, that
    address is refused too (guessing across names). Keyed by address, so a guesser cannot
    lock the organisers out from their own laptops. In memory: a restart forgets."""

    MAX_FAILURES = 5
    MAX_PER_ADDRESS = 20
    WINDOW = 600  # seconds
    # Hub-wide, a password is hashed (about 120 ms of CPU, known name or not) at most HASHES
    # times at once and once more every REFILL seconds for addresses that have not logged in
    # here within TRUSTED_FOR: a flood of wrong passwords from many addresses (issue 28:
    # each cost 120 ms) is then refused before the hash, the same for any name, and an
    # organiser's laptop that has logged in before is not shut out by it.
    HASHES = 40  # twice what one address may fail: one guesser alone shuts nobody out
    REFILL = 2.0  # seconds
    TRUSTED_FOR = 12 * 3600

    def __init__(self, clock=time.time):
        self.clock = clock
        self._failures = {}  # (address, name) or (address, None) -> times of recent failures
        self._lock = threading.Lock()
        self._hashes = (float(self.HASHES), None)  # (hashes left, when counted)
        self._trusted = {}  # address -> when it last logged in

    def wait_for(self, address: str, username: str) -> float:
        """Seconds before this pair may try again (0: now)."""
        waits = [0.0]
        for key, limit in ((self._key(address, username), self.MAX_FAILURES),
                           ((address, None), self.MAX_PER_ADDRESS)):
            recent = self._recent(key)
            if len(recent) >= limit:
                waits.append(recent[-limit] + self.WINDOW - self.clock())
        return max(waits)

    def hash_wait(self, address: str) -> float:
        """Seconds before a password from `address` may be hashed, hub-wide (0: now, and
        one hash is counted). Asked only when wait_for is 0, before the hash."""
        with self._lock:
            now = self.clock()
            if now - self._trusted.get(address, -self.TRUSTED_FOR) < self.TRUSTED_FOR:
                return 0.0
            left, then = self._hashes
            left = min(float(self.HASHES), left + (now - (then or now)) / self.REFILL)
            if left < 1:
                self._hashes = (left, now)
                return (1 - left) * self.REFILL
            self._hashes = (left - 1, now)
            return 0.0

    def failed(self, address: str, username: str) -> None:
        for key in (self._key(address, username), (address, None)):
            self._failures[key] = self._recent(key) + [self.clock()]

    def succeeded(self, address: str, username: str) -> None:
        self._failures.pop(self._key(address, username), None)
        with self._lock:
            self._trusted[address] = self.clock()

    @staticmethod
    def _key(address: str, username: str) -> tuple:
        return address, username.strip().lower()

    def _recent(self, key: tuple) -> list:
        since = self.clock() - self.WINDOW
        return [t for t in self._failures.get(key, []) if t > since]
