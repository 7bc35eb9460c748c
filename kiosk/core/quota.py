"""How many check-ins a station token may hand the hub to write in a minute: a door
scans one person every second or two, and after an hour offline resends a few hundred;
a stolen token looping /api/sync wrote about 4,600 log rows a second until revoked,
enough to fill a venue laptop's disk. No Flask here.

A token bucket per credential: PER_MINUTE rows a minute, with a burst of the same
size (a door back from an hour offline sends its backlog at once)."""

import threading
import time

PER_MINUTE = 3000


class Quota:
    def __init__(self, per_minute: int = PER_MINUTE, clock=time.monotonic):
        self.per_minute, self.clock = per_minute, clock
        self._left: dict = {}  # credential -> (rows left, when counted)
        self._lock = threading.Lock()

    def take(self, credential: str, rows: int) -> bool:
        """Whether `credential` may have `rows` more written now (taken if so)."""
        with self._lock:
            now = self.clock()
            left, then = self._left.get(credential, (self.per_minute, now))
            left = min(self.per_minute, left + (now - then) * self.per_minute / 60)
            if rows > left:
                self._left[credential] = (left, now)
                return False
            self._left[credential] = (left - rows, now)
            return True
