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
    password = password or secrets.token_urlsafe(12)
    store.upsert_organiser(db, username, generate_password_hash(password))
    return password


def check_organiser(db, username: str, password: str) -> bool:
    row = store.organiser(db, username)
    if row is None:
        check_password_hash(generate_password_hash("x"), password)  # same time either way
        return False
    return check_password_hash(row["password_hash"], password)


def app_secret(db) -> str:
    """The Flask session key: generated once per event database, never hard-coded."""
    return store.ensure_secret(db, "flask_secret", secrets.token_hex(32))


def share_token(db) -> str:
    """The secret in the projector's read-only share link (generated once per event)."""
    return store.ensure_secret(db, "share_token", secrets.token_urlsafe(18))


def share_is_live(db, token: str) -> bool:
    return secrets.compare_digest(token, share_token(db))


class LoginGuard:
    """Slows password guessing: after MAX_FAILURES wrong passwords for one login name from
    one address within WINDOW seconds, that pair is refused until the oldest failure is
    WINDOW old. Keyed by address too, so a guesser cannot lock the organisers out from
    their own laptops. In memory: a restart of the hub forgets."""

    MAX_FAILURES = 5
    WINDOW = 600  # seconds

    def __init__(self, clock=time.time):
        self.clock = clock
        self._failures = {}  # (address, name) -> times of recent failures

    def wait_for(self, address: str, username: str) -> float:
        """Seconds before this pair may try again (0: now)."""
        recent = self._recent(self._key(address, username))
        if len(recent) < self.MAX_FAILURES:
            return 0
        return recent[0] + self.WINDOW - self.clock()

    def failed(self, address: str, username: str) -> None:
        key = self._key(address, username)
        self._failures[key] = self._recent(key) + [self.clock()]

    def succeeded(self, address: str, username: str) -> None:
        self._failures.pop(self._key(address, username), None)

    @staticmethod
    def _key(address: str, username: str) -> tuple:
        return address, username.strip().lower()

    def _recent(self, key: tuple) -> list:
        since = self.clock() - self.WINDOW
        return [t for t in self._failures.get(key, []) if t > since]
