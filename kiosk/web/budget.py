"""What request bodies may hold of the hub's memory while they arrive, by who sends them.

All bodies being read share BODIES_IN_FLIGHT. Within it nobody may take everything:
- bodies without a credential (no station token, no login cookie) share STRANGERS
  between them all, and one address holds at most PER_ADDRESS;
- one credential (a token, a cookie) holds at most PER_CREDENTIAL, one address at most
  PER_ADDRESS: a roster upload (20 MB at most) fits, seventeen 4 MB bodies do not;
- DOORS_RESERVE is kept for small bodies (a check-in, a station's sync) whose credential
  the hub has checked: when strangers and uploads have filled the rest, the doors still
  post.
Measured before (issue 28): 1,034 connections from 11 addresses each announcing 64 KB and
sending nothing held the one shared budget, and 0 of 227 door check-ins were answered.

No Flask and no network here: asgi.py asks `take` before it reads a body and gives the
size back with `give` once it is read. It all runs on the server's one event loop."""

from collections import Counter
from dataclasses import dataclass, field

MB = 1024 * 1024
BODIES_IN_FLIGHT = 64 * MB
STRANGERS = 8 * MB
PER_ADDRESS = 24 * MB
PER_CREDENTIAL = 24 * MB
DOORS_RESERVE = 8 * MB


@dataclass(frozen=True)
class Hold:
    size: int
    address: str
    credential: str | None
    reserve: bool = False


@dataclass
class BodyBudget:
    total: int = BODIES_IN_FLIGHT
    reserve: int = DOORS_RESERVE
    strangers: int = STRANGERS
    per_address: int = PER_ADDRESS
    per_credential: int = PER_CREDENTIAL
    held: int = 0
    held_in_reserve: int = 0
    by_strangers: int = 0
    by_address: Counter = field(default_factory=Counter)
    by_credential: Counter = field(default_factory=Counter)

    def fits_shared(self, size: int, address: str, credential: str | None) -> bool:
        """Whether a body fits the part of the budget anyone may use."""
        if self.held - self.held_in_reserve + size > self.total - self.reserve:
            return False
        if self.by_address[address] + size > self.per_address:
            return False
        if credential is None:
            return self.by_strangers + size <= self.strangers
        return self.by_credential[credential] + size <= self.per_credential

    def fits_reserve(self, size: int, address: str, credential: str) -> bool:
        """Whether a checked credential's small body fits the doors' reserve."""
        return (self.held_in_reserve + size <= self.reserve
                and self.by_address[address] + size <= self.per_address
                and self.by_credential[credential] + size <= self.per_credential)

    def take(self, size: int, address: str, credential: str | None,
             reserve: bool = False) -> Hold:
        self.held += size
        self.held_in_reserve += size if reserve else 0
        self.by_address[address] += size
        if credential is None:
            self.by_strangers += size
        else:
            self.by_credential[credential] += size
        return Hold(size, address, credential, reserve)

    def give(self, hold: Hold) -> None:
        self.held -= hold.size
        self.held_in_reserve -= hold.size if hold.reserve else 0
        self.by_address[hold.address] -= hold.size
        if not self.by_address[hold.address]:
            del self.by_address[hold.address]
        if hold.credential is None:
            self.by_strangers -= hold.size
        else:
            self.by_credential[hold.credential] -= hold.size
            if not self.by_credential[hold.credential]:
                del self.by_credential[hold.credential]


def credential_of(headers: dict) -> str | None:
    """What a request presents as its credential, unchecked: its bearer token or its
    session cookie (a stranger may present a made-up one: only the reserve checks)."""
    bearer = headers.get(b"authorization", b"")
    if bearer:
        return "bearer:" + bearer.decode("latin-1")[-64:]
    for cookie in headers.get(b"cookie", b"").split(b";"):
        name, _, value = cookie.strip().partition(b"=")
        if name == b"session" and value:
            return "cookie:" + value.decode("latin-1")[-64:]
    return None
