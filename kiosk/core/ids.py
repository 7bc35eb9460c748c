"""Check-in ids: unique across the hub and every station, and ordered by time.

The layout is UUIDv7's (RFC 9562): 48 bits of Unix milliseconds, then random bits. A
time-ordered id lands at the right edge of the log's id index (and presence's), so a
batch of check-ins dirties one index page instead of one random page per row: fewer
pages written to the WAL per commit. The random bits come from a generator seeded
once from the OS: ids must not collide, they are not secrets (undo needs a login).
"""

import random
import time

_random = random.Random()  # seeded from os.urandom


def new_id() -> str:
    """32 hex digits: milliseconds, version 7, 12 random bits, variant, 62 random bits."""
    ms = time.time_ns() // 1_000_000
    value = ((ms & (2**48 - 1)) << 80 | 0x7 << 76 | _random.getrandbits(12) << 64
             | 0b10 << 62 | _random.getrandbits(62))
    return f"{value:032x}"
