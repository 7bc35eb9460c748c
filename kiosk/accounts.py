"""Who is asking: stations by bearer token, organisers by password and session cookie.

Station tokens carry 192 random bits and are stored only as SHA-256; organiser
passwords are stored as salted scrypt hashes (werkzeug). Secrets are generated.
"""

import hashlib
import secrets
import time

from werkzeug.security import check_password_hash, generate_password_hash

from badges.errors import NotFound

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


def set_organiser_password(db, username: str, password: str | None = None) -> str:
    """Create the login or reset its password; a reset ends its open sessions (a new
    session epoch that old cookies do not carry)."""
    password = password or secrets.token_urlsafe(12)
    store.upsert_organiser(db, username, generate_password_hash(password),
                           secrets.token_urlsafe(12))
    return password


_UNKNOWN = generate_password_hash(secrets.token_hex(16))  # hashed once, not per guess


def check_organiser(db, username: str, password: str) -> str | None:
    """The login's session epoch when the password is right, else None (the same work
    either way, so the time does not tell whether the name exists)."""
    row = store.organiser(db, username)
    if row is None:
        check_password_hash(_UNKNOWN, password)
        return None
    return row["session_epoch"] if check_password_hash(row["password_hash"], password) else None


def organiser_epoch(db, username: str) -> str | None:
    """The current session epoch of a login; None when it no longer exists."""
    row = store.organiser(db, username)
    return row["session_epoch"] if row else None


def session_secret(db_path) -> str:
    """The Flask session key: generated once, kept in the keys folder, never in the
    event database and never hard-coded."""
    return keys.read_or_make(keys.folder_for(db_path), "session.key")


def share_token(db) -> str:
    """The secret in the projector's read-only share link (generated once per event)."""
    return store.ensure_secret(db, "share_token", secrets.token_urlsafe(18))


def share_is_live(db, token: str) -> bool:
    return secrets.compare_digest(token, share_token(db))


class LoginGuard:
    """Slows password guessing: after MAX_FAILURES wrong passwords for one login name from
    one address within WINDOW seconds, that pair is refused until the oldest failure is
    WINDOW old; after MAX_PER_ADDRESS failures from one address, whatever the names, that
    address is refused too (guessing across names). Keyed by address, so a guesser cannot
    lock the organisers out from their own laptops. In memory: a restart forgets."""

    MAX_FAILURES = 5
    MAX_PER_ADDRESS = 20
    WINDOW = 600  # seconds

    def __init__(self, clock=time.time):
        self.clock = clock
        self._failures = {}  # (address, name) or (address, None) -> times of recent failures

    def wait_for(self, address: str, username: str) -> float:
        """Seconds before this pair may try again (0: now)."""
        waits = [0.0]
        for key, limit in ((self._key(address, username), self.MAX_FAILURES),
                           ((address, None), self.MAX_PER_ADDRESS)):
            recent = self._recent(key)
            if len(recent) >= limit:
                waits.append(recent[-limit] + self.WINDOW - self.clock())
        return max(waits)

    def failed(self, address: str, username: str) -> None:
        for key in (self._key(address, username), (address, None)):
            self._failures[key] = self._recent(key) + [self.clock()]

    def succeeded(self, address: str, username: str) -> None:
        self._failures.pop(self._key(address, username), None)

    @staticmethod
    def _key(address: str, username: str) -> tuple:
        return address, username.strip().lower()

    def _recent(self, key: tuple) -> list:
        since = self.clock() - self.WINDOW
        return [t for t in self._failures.get(key, []) if t > since]
