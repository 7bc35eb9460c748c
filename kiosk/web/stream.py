"""The live stream: check-in events fanned out to dashboards and kiosks (Server-Sent Events).

The hub publishes each event once, from the batcher (the hub's only writer of the log,
so events leave in log order), into an in-memory buffer; each open stream waits on a
condition and sends what is new. An event is turned into text once, by the first
stream that sends it, not by the batcher: the writer's thread stays short.
Nothing is re-queried per subscriber. A client that reconnects sends `Last-Event-ID`
(the log sequence number) and gets everything after it: from the buffer, or from the
database for what the buffer no longer holds.
"""

import json
import threading
from collections import deque

KEEPALIVE_SECONDS = 10  # a dead client is noticed only when a write fails
RETRY_MS = 1500  # how soon EventSource reconnects after a drop


class _Event:
    """A published event; its SSE text is made on first use and shared by every stream."""

    __slots__ = ("seq", "payload", "_text")

    def __init__(self, payload: dict):
        self.seq, self.payload, self._text = payload["seq"], payload, None

    @property
    def text(self) -> str:
        if self._text is None:  # two streams racing here make the same text: harmless
            self._text = format_event(self.payload)
        return self._text


class Broadcaster:
    def __init__(self, last_seq: int = 0, capacity: int = 20000):
        self._cond = threading.Condition()
        self._events = deque(maxlen=capacity)
        self.last_seq = last_seq
        self.first_seq = last_seq + 1  # the oldest seq the buffer can answer for

    def publish(self, payload: dict) -> None:
        event = _Event(payload)
        with self._cond:
            self._events.append(event)
            self.last_seq = event.seq
            if len(self._events) == self._events.maxlen:
                self.first_seq = self._events[0].seq
            self._cond.notify_all()

    def after(self, seq: int):
        """Messages after `seq` from the buffer, or None if it does not reach back."""
        with self._cond:
            if seq + 1 < self.first_seq:
                return None
            fresh = []
            for event in reversed(self._events):  # from the newest: O(new), not O(buffer)
                if event.seq <= seq:
                    break
                fresh.append(event)
        return [event.text for event in reversed(fresh)]

    def wait(self, seq: int, timeout: float) -> bool:
        """Block until an event after `seq` exists (True) or the timeout passes (False)."""
        with self._cond:
            return self._cond.wait_for(lambda: self.last_seq > seq, timeout)


def format_event(payload: dict) -> str:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return f"id: {payload['seq']}\nevent: {payload['kind']}\ndata: {data}\n\n"


def messages(broadcaster: Broadcaster, after: int, load_from_db, keepalive=KEEPALIVE_SECONDS):
    """The SSE body: everything after `after`, then new events as they come, forever.

    `load_from_db(seq)` returns formatted messages after `seq` when the buffer cannot.
    """
    yield f"retry: {RETRY_MS}\n\n"
    last = after
    while True:
        batch = broadcaster.after(last)
        if batch is None:
            batch = load_from_db(last)
        for message in batch:
            yield message
            last = int(message.split("\n", 1)[0][4:])
        if not batch and not broadcaster.wait(last, keepalive):
            yield ": keepalive\n\n"
