"""When each station last reached the hub: which door is quiet, which has lost the network.

Kept in memory, not in the database: it is a live status (a write per request would
also make the batcher reload its snapshot). A hub restarted knows nothing until the
stations call again, which they do every few seconds.
"""

import threading
import time

# Seconds without a call before the dashboard flags a door: a kiosk page on the hub asks
# for its count every 30 s, a station syncs every few seconds.
QUIET_AFTER = 60
CLOCK_OFF_AFTER = 60  # seconds a station's clock may be off before the dashboard says so


class Doors:
    """`say`: where the hub's console is told about clocks (kiosk serve gives click.echo):
    the first door's clock beside the hub's, and each door whose clock goes more than
    CLOCK_OFF_AFTER from the hub's (a spare 3 h slow filed every check-in of a correct door
    under a session that had ended, and nothing said so; issue 28, item 3)."""

    def __init__(self, clock=time.time, say=None):
        self.clock, self.say = clock, say
        self._seen = {}  # station name -> clock() at its last authenticated call
        self._offsets = {}  # station name -> seconds its clock is ahead of the hub's
        self._off = set()  # stations whose clock the console has been told is off
        self._told = False  # whether the console has heard of any door's clock
        self._lock = threading.Lock()

    def seen(self, name: str, offset=None) -> None:
        self._seen[name] = self.clock()  # request threads: one dict store each
        if offset is not None:
            seconds = offset.total_seconds()
            self._offsets[name] = seconds
            if self.say and (not self._told or (abs(seconds) > CLOCK_OFF_AFTER)
                             != (name in self._off)):
                self._tell(name, seconds)

    def _tell(self, name: str, seconds: float) -> None:
        """One line on the console when a door's clock is first known or crosses the limit."""
        off = abs(seconds) > CLOCK_OFF_AFTER
        with self._lock:
            if self._told and off == (name in self._off):
                return  # another request of this door's said it
            self._told = True
            (self._off.add if off else self._off.discard)(name)
        if off:
            self.say(f"CẢNH BÁO: đồng hồ máy hub {apart(-seconds)} so với trạm '{name}'. "
                     "Một trong hai máy sai giờ: so với điện thoại rồi chỉnh máy sai "
                     "(lượt điểm danh được tính vào phiên theo giờ).")
        else:
            self.say(f"Trạm '{name}' báo giờ: khớp với máy hub (lệch {abs(round(seconds))} "
                     "giây).")

    def status(self, names: list) -> list:
        """For each live station: seconds since its last call (None: not since start),
        its clock against the hub's, and `clock_note`, what the doors panel says of it."""
        now, seen = self.clock(), dict(self._seen)
        offsets = dict(self._offsets)
        hub_wrong = hub_clock(offsets) is not None
        return [{"station": name,
                 "seconds_ago": round(now - seen[name]) if name in seen else None,
                 "quiet": name not in seen or now - seen[name] > QUIET_AFTER,
                 "clock_offset": round(offsets[name]) if name in offsets else None,
                 "clock_off": abs(offsets.get(name, 0)) > CLOCK_OFF_AFTER,
                 "clock_note": None if hub_wrong or abs(offsets.get(name, 0)) <= CLOCK_OFF_AFTER
                 else f"đồng hồ {apart(offsets[name])} so với hub, hãy chỉnh giờ máy"}
                for name in names]

    def hub_note(self) -> str | None:
        """What the doors panel says when it is the hub's clock that is wrong, else None."""
        seconds = hub_clock(dict(self._offsets))
        if seconds is None:
            return None
        return (f"Đồng hồ máy hub {apart(-seconds)} so với mọi trạm: chỉnh giờ máy hub "
                "(lượt điểm danh được tính vào phiên theo giờ).")


def hub_clock(offsets: dict) -> float | None:
    """How far the doors are ahead of the hub when it is the hub that is wrong: two doors
    or more report their clock, every one is off by more than CLOCK_OFF_AFTER, and they
    agree with each other within it. (One door off alone: that door is wrong; one door
    only: either may be, and the door's line says so.)"""
    known = sorted(offsets.values())
    if len(known) < 2 or known[-1] - known[0] > CLOCK_OFF_AFTER \
            or not all(abs(s) > CLOCK_OFF_AFTER for s in known):
        return None
    return known[len(known) // 2]


def apart(seconds: float) -> str:
    """'chậm 3 giờ 0 phút' / 'nhanh 2 phút 5 giây': how far a clock is from another."""
    way = "nhanh" if seconds > 0 else "chậm"
    left = abs(round(seconds))
    hours, minutes, secs = left // 3600, left // 60 % 60, left % 60
    said = f"{hours} giờ {minutes} phút" if hours else f"{minutes} phút {secs} giây"
    return f"{way} {said}"
