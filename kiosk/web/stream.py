"""The live stream: check-in events fanned out to dashboards and kiosks (Server-Sent Events).

The hub publishes each event once, from the batcher (the hub's only writer of the log,
so events leave in log order), into an in-memory buffer, and pokes the listeners. An
open stream is a coroutine on the server's event loop, not a worker thread: it waits
for a poke, takes what is new from the buffer and sends it, so hundreds of open screens
cost memory, not the hub's ability to answer. An event is turned into text once, by the
first stream that sends it, not by the batcher: the writer's thread stays short.
Nothing is re-queried per subscriber. A client that reconnects sends `Last-Event-ID`
(the log sequence number) and gets everything after it: from the buffer, or from the
database for what the buffer no longer holds.

A replay costs bounded work (issue 28, item 10: one viewer login replaying a 200k-row log
through 50 streams, each from `after=0`, raised the door's check-in p50 from 3.6 to 97
ms). A client more than REPLAY_LIMIT events behind is sent a `snapshot` event instead of
the rows before the last REPLAY_LIMIT (each session's counts as they stand, and the
position it resumes from, as its id): the dashboard reloads /api/dashboard whenever its
stream opens again (dashboard/stream.js), so it draws the same. What is read from the
database is read REPLAY_ROWS at a time, one stream of a credential at a time (its
`pace`, OpenStreams.pace): fifty streams of one login replay no faster than one.
"""

import asyncio
import contextlib
import json
import threading
import weakref
from collections import deque

# An idle stream sends a heartbeat this often: a dead client is noticed only when a write
# fails, and a page learns the hub is gone when beats stop (kiosk/hub.js LOST_AFTER_MS, 4 s;
# a comment would not reach the page's script, so the beat is an event).
KEEPALIVE_SECONDS = 2
BEAT = "event: beat\ndata: {}\n\n"
RETRY_MS = 1500  # how soon EventSource reconnects after a drop
# Streams are woken at most this often (the first event after a quiet spell at once).
# What a wake-up costs is one write per open stream, and on this machine a write to a
# socket costs ~80 µs (the kernel delivers it to the reader within the call): at 50 ms,
# 200 open screens took 0.45 of the hub's check-in rate; a screen a quarter of a second
# late is still live to the eye.
GATHER_SECONDS = 0.25
# A stream resumed further back than this many events gets a snapshot for the rest: a
# dashboard dropped for a minute at the doors' busiest (about 10 check-ins a second)
# misses some 600.
REPLAY_LIMIT = 2000
REPLAY_ROWS = 500  # read from the database in one round of a replay


class _Event:
    """A published event; its SSE texts are made on first use and shared by every stream:
    the whole event, and the session's counts after it (for streams that want only those)."""

    __slots__ = ("seq", "payload", "_text", "_counts")

    def __init__(self, payload: dict):
        self.seq, self.payload, self._text, self._counts = payload["seq"], payload, None, None

    @property
    def text(self) -> str:
        if self._text is None:  # two streams racing here make the same text: harmless
            self._text = format_event(self.payload)
        return self._text

    @property
    def session(self):
        return self.payload.get("session")

    @property
    def counts(self) -> str:
        if self._counts is None:
            self._counts = format_counts(self.session, self.payload.get("stats"))
        return self._counts


class Broadcaster:
    def __init__(self, last_seq: int = 0, capacity: int = 20000):
        self._lock = threading.Lock()
        self._events = deque(maxlen=capacity)
        self._listeners = []  # called after each publish, from the publishing thread
        self.last_seq = last_seq
        self.first_seq = last_seq + 1  # the oldest seq the buffer can answer for
        self.latest = {}  # session -> {"session", "seq", "stats"}: its counts as they stand

    def listen(self, poke) -> None:
        """Call `poke()` after every publish (it must be thread-safe and quick)."""
        self._listeners.append(poke)

    def publish(self, payload: dict, wake: bool = True) -> None:
        """Add an event; with `wake` False the streams hear of it at the next wake()
        (the batcher publishes a commit's events, then wakes the streams once)."""
        event = _Event(payload)
        with self._lock:
            self._events.append(event)
            self.last_seq = event.seq
            if payload.get("stats") is not None:
                self.latest[event.session] = {"session": event.session, "seq": event.seq,
                                              "stats": payload["stats"]}
            if len(self._events) == self._events.maxlen:
                self.first_seq = self._events[0].seq
        if wake:
            self.wake()

    def counts(self) -> list:
        """Each session's counts as the last event published about it carried them."""
        with self._lock:
            return list(self.latest.values())

    def wake(self) -> None:
        for poke in self._listeners:
            poke()

    def after(self, seq: int):
        """Messages after `seq` from the buffer, or None if it does not reach back."""
        fresh = self.events_after(seq)
        return None if fresh is None else [event.text for event in fresh]

    def events_after(self, seq: int, partial: bool = False):
        """The events after `seq`, oldest first; None if the buffer does not reach back
        that far, unless `partial` (then what it holds)."""
        with self._lock:
            if seq + 1 < self.first_seq and not partial:
                return None
            fresh = []
            for event in reversed(self._events):  # from the newest: O(new), not O(buffer)
                if event.seq <= seq:
                    break
                fresh.append(event)
        fresh.reverse()
        return fresh


class Wakeup:
    """Wakes every coroutine waiting on one event loop; poke() may come from any thread.

    At most once every `every` seconds: the first poke after a quiet spell wakes them at
    once, those that follow within `every` are gathered into one wake-up. Each wake-up
    costs every open stream a pass through its loop and a write, so at hundreds of
    check-ins a second, woken on every commit, 200 open streams cost the hub four times
    the check-ins' own CPU (8.1 against 2.2 ms a check-in)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, every: float = GATHER_SECONDS):
        self.loop, self.every = loop, every
        self._event = asyncio.Event()
        self._pending, self._last = False, float("-inf")

    def poke(self) -> None:
        self.loop.call_soon_threadsafe(self._schedule)

    def _schedule(self) -> None:
        if self._pending:
            return
        self._pending = True
        self.loop.call_later(max(0.0, self._last + self.every - self.loop.time()), self._fire)

    def _fire(self) -> None:
        self._pending, self._last = False, self.loop.time()
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait(self, timeout: float) -> bool:
        """True when poked, False when `timeout` passed first."""
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
            return True
        except TimeoutError:
            return False


def format_event(payload: dict) -> str:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return f"id: {payload['seq']}\nevent: {payload['kind']}\ndata: {data}\n\n"


def format_counts(session, stats) -> str:
    """A session's counts, as an event without an id: only the latest matters, so a
    client that reconnects asks for the counts themselves (a kiosk page does)."""
    data = json.dumps({"session": session, "stats": stats}, ensure_ascii=False,
                      separators=(",", ":"))
    return f"event: counts\ndata: {data}\n\n"


def seq_of(message: str) -> int:
    return int(message.split("\n", 1)[0][4:])


def format_programme(programme: dict) -> str:
    """The session in progress, as an event without an id: it is not in the log, and a
    client resuming with Last-Event-ID gets the current one at once anyway."""
    data = json.dumps(programme, ensure_ascii=False, separators=(",", ":"))
    return f"event: session\ndata: {data}\n\n"


def format_snapshot(broadcaster: Broadcaster, resume: int, skipped: int) -> str:
    """In place of `skipped` events too old to replay: each session's counts as they
    stand (as the last event published since the hub started carried them), with
    `resume` as the id a reconnection sends."""
    data = json.dumps({"seq": resume, "skipped": skipped, "counts": broadcaster.counts()},
                      ensure_ascii=False, separators=(",", ":"))
    return f"id: {resume}\nevent: snapshot\ndata: {data}\n\n"


async def messages(broadcaster: Broadcaster, after: int, load_from_db, wakeup: Wakeup,
                   keepalive: float = KEEPALIVE_SECONDS, going=lambda: True,
                   programme=lambda: None, counts_only: bool = False, pace=None,
                   replay_limit: int = REPLAY_LIMIT):
    """The SSE body as text chunks: everything after `after`, then new events as they
    come, while `going()` says so (checked after every wake-up). `programme()` is the
    session in progress ({"session", "session_name", "open"}): sent first, and again
    whenever it changes.

    `load_from_db(seq)` (blocking; run in a worker thread) returns formatted messages
    after `seq` when the buffer cannot.

    With `counts_only` (a kiosk page, the stage screen: they show a session's counts and
    need to know when they move) a wake-up sends, for each session whose counts changed,
    one `counts` event with the latest: a burst of fifty check-ins is one short message,
    and a refused scan, which changes no count, is none.

    A stream more than `replay_limit` events behind gets a `snapshot` for the older ones
    (format_snapshot); `pace` (an asyncio.Semaphore shared by the streams of one
    credential) is held while the database is read.
    """
    yield f"retry: {RETRY_MS}\n\n"
    last, announced, sent = after, None, {}
    if not counts_only and broadcaster.last_seq - after > replay_limit:
        last = broadcaster.last_seq - replay_limit
        yield format_snapshot(broadcaster, last, last - after)
    while going():
        current = programme()
        if current is not None and current != announced:
            announced = current
            yield format_programme(current)
        if counts_only:
            fresh = broadcaster.events_after(last, partial=True)  # only the latest matters
            batch = _changed_counts(fresh, sent)
            if fresh:
                last = fresh[-1].seq
        else:
            batch = broadcaster.after(last)
            if batch is None:
                async with pace or contextlib.nullcontext():
                    batch = await asyncio.get_running_loop().run_in_executor(
                        None, load_from_db, last)
            if batch:
                last = seq_of(batch[-1])
        if batch:
            yield "".join(batch)
        elif not await wakeup.wait(keepalive) and going():
            yield BEAT


def _changed_counts(fresh: list, sent: dict) -> list:
    """The latest counts text of each session in `fresh` that differs from what was
    `sent` (updated)."""
    latest = {}
    for event in fresh:
        if event.payload.get("stats") is not None:
            latest[event.session] = event
    batch = []
    for session, event in latest.items():
        if sent.get(session) != event.counts:
            sent[session] = event.counts
            batch.append(event.counts)
    return batch


class TooMany(Exception):
    """No more streams for this credential, or for the hub."""


class OpenStreams:
    """Which streams are open, for whom: caps per account and in all, a share of the total
    kept for the doors and the organisers, and a way to end the streams of a credential
    that is no longer valid.

    `key` is what a stream's access rests on (a login's epoch and expiry, a station's
    token): the streams of a key that dies are ended. The cap counts per *account*
    (`key[:2]`: one login name, one station, one share link), so one viewer logged in
    twenty times holds 50 streams, not 1,000. The last `reserved` places go only to
    `privileged` callers (stations and the help desk), so screens in the hall cannot
    shut the doors out.

    The Flask view reserves a place (open) and hands a ticket to the server's event
    loop, which claims it and closes it when the stream ends. Thread-safe.
    """

    def __init__(self, per_credential: int = 50, total: int = 1000, reserved: int | None = None):
        self.per_credential, self.total = per_credential, total
        self.reserved = total // 5 if reserved is None else reserved
        self._lock = threading.Lock()
        self._open = {}  # ticket -> {"key", "after", "live", "counts_only"}
        self._tickets = iter(range(1, 1 << 62))
        self._paces = weakref.WeakValueDictionary()  # account -> its streams' semaphore

    def pace(self, key: tuple) -> asyncio.Semaphore:
        """The semaphore the streams of `key`'s account share while they read the
        database (on the server's loop; kept while one of them holds it)."""
        with self._lock:
            pace = self._paces.get(key[:2])
            if pace is None:
                pace = self._paces[key[:2]] = asyncio.Semaphore(1)
            return pace

    def open(self, key: tuple, after: int, privileged: bool = False,
             counts_only: bool = False) -> str:
        with self._lock:
            room = self.total if privileged else self.total - self.reserved
            if len(self._open) >= room:
                raise TooMany("Hub đang mở quá nhiều luồng trực tiếp; thử lại sau ít phút.")
            account = key[:2]
            if sum(1 for s in self._open.values() if s["key"][:2] == account) \
                    >= self.per_credential:
                raise TooMany(f"Quá {self.per_credential} màn hình đang mở với cùng một "
                              "tài khoản hoặc mã trạm; hãy đóng bớt.")
            ticket = str(next(self._tickets))
            self._open[ticket] = {"key": key, "after": after, "live": True,
                                  "counts_only": counts_only}
            return ticket

    def claim(self, ticket: str) -> dict | None:
        with self._lock:
            return self._open.get(ticket)

    def close(self, ticket: str) -> None:
        with self._lock:
            self._open.pop(ticket, None)

    def keys(self) -> set:
        with self._lock:
            return {s["key"] for s in self._open.values()}

    def end(self, keys: set) -> int:
        """Mark the streams of these credentials to stop; returns how many."""
        with self._lock:
            ended = [s for s in self._open.values() if s["key"] in keys and s["live"]]
            for stream in ended:
                stream["live"] = False
        return len(ended)

    def __len__(self) -> int:
        with self._lock:
            return len(self._open)
