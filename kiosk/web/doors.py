"""When each station last reached the hub: which door is quiet, which has lost the network.

Kept in memory, not in the database: it is a live status (a write per request would
also make the batcher reload its snapshot). A hub restarted knows nothing until the
stations call again, which they do every few seconds.
"""

import time

# Seconds without a call before the dashboard flags a door: a kiosk page on the hub asks
# for its count every 30 s, a station syncs every few seconds.
QUIET_AFTER = 60
CLOCK_OFF_AFTER = 60  # seconds a station's clock may be off before the dashboard says so


class Doors:
    def __init__(self, clock=time.time):
        self.clock = clock
        self._seen = {}  # station name -> clock() at its last authenticated call
        self._offsets = {}  # station name -> seconds its clock is ahead of the hub's

    def seen(self, name: str, offset=None) -> None:
        self._seen[name] = self.clock()  # request threads: one dict store each
        if offset is not None:
            self._offsets[name] = offset.total_seconds()

    def status(self, names: list) -> list:
        """For each live station: seconds since its last call (None: not since start)."""
        now, seen = self.clock(), dict(self._seen)
        offsets = dict(self._offsets)
        return [{"station": name,
                 "seconds_ago": round(now - seen[name]) if name in seen else None,
                 "quiet": name not in seen or now - seen[name] > QUIET_AFTER,
                 "clock_offset": round(offsets[name]) if name in offsets else None,
                 "clock_off": abs(offsets.get(name, 0)) > CLOCK_OFF_AFTER}
                for name in names]
