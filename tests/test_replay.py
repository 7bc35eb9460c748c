"""A stream resumed from far back costs the hub bounded work (issue 28, item 10: one viewer
login replaying a 200k-row log through 50 streams, each from `after=0`, raised the door's
check-in p50 from 3.6 to 97 ms). Further back than the replay limit, a stream gets a
snapshot (each session's counts as they stand, and where it resumes) instead of the rows;
what it does replay from the database is read a bounded number of rows a round, one stream
of a credential at a time, and every stream still gets every event after that point."""

import asyncio
import threading
import time

from kiosk.core import chain
from kiosk.web import asgi, stream
from kiosk.web.stream import OpenStreams

from helpers import run_async


class Log:
    """The database side of a replay: events up to `top` (those the buffer no longer
    holds), `rows` a round; who reads at once, by credential, and how many rows."""

    def __init__(self, top: int, rows: int = 50):
        self.top, self.rows = top, rows
        self.lock = threading.Lock()
        self.reading, self.most, self.asked = {}, {}, []

    def loader(self, who: str):
        def load(after: int) -> list:
            with self.lock:
                self.reading[who] = self.reading.get(who, 0) + 1
                self.most[who] = max(self.most.get(who, 0), self.reading[who])
                self.asked.append((who, after))
            time.sleep(0.002)  # a read takes a moment: unpaced streams would overlap here
            with self.lock:
                self.reading[who] -= 1
            return [stream.format_event({"seq": n, "kind": "scan"})
                    for n in range(after + 1, min(after + self.rows, self.top) + 1)]
        return load


def hub_at(last_seq: int, published: int = 2) -> stream.Broadcaster:
    """A hub restarted at `last_seq` (its buffer empty), then `published` check-ins."""
    hub = stream.Broadcaster(last_seq=last_seq)
    for n in range(1, published + 1):
        hub.publish({"seq": last_seq + n, "kind": "scan", "result": "ok",
                     "session": "chinh-thuc", "stats": {"present": n, "expected": 500}},
                    wake=False)
    return hub


async def replay(hub, after, load, until, **options) -> list:
    """The messages of one stream from `after` until it has sent the event `until`."""
    wakeup = stream.Wakeup(asyncio.get_running_loop())
    body = stream.messages(hub, after, load, wakeup, keepalive=0.5, **options)
    got = []
    async for text in body:  # a chunk holds one message or a batch of them
        got += [m + "\n\n" for m in text.split("\n\n") if m]
        if f"\n\nid: {until}\n" in "\n\n" + text:
            break
    await body.aclose()
    return got


def ids(messages: list) -> list:
    return [int(m.split("\n", 1)[0][4:]) for m in messages if m.startswith("id: ")]


def test_a_stream_further_back_than_the_limit_gets_a_snapshot_not_the_rows():
    hub, log = hub_at(10_000), Log(10_000)
    got = run_async(asyncio.wait_for(
        replay(hub, 0, log.loader("viewer"), 10_002, replay_limit=100), 10))
    snapshot = got[1]
    assert snapshot.startswith("id: 9902\nevent: snapshot\n")
    assert '"skipped":9902' in snapshot
    assert '"counts":[{"session":"chinh-thuc","seq":10002,"stats":{"present":2' in snapshot
    # then every event after the point it resumes from, once, in order
    assert ids(got) == list(range(9902, 10_003))
    assert min(after for _, after in log.asked) == 9902  # nothing older was read
    assert sum(1 for _ in log.asked) == 2  # 98 rows, 50 a round


def test_a_stream_within_the_limit_gets_every_row_and_no_snapshot():
    hub, log = hub_at(300), Log(300)
    got = run_async(asyncio.wait_for(replay(hub, 0, log.loader("viewer"), 302), 10))
    assert "event: snapshot" not in "".join(got)
    assert ids(got) == list(range(1, 303))


def test_fifty_streams_of_one_credential_read_the_database_one_at_a_time():
    hub, log = hub_at(1_000), Log(1_000)
    streams = OpenStreams()

    async def many():
        viewer, desk = ("user", "xem"), ("user", "ban-ho-tro")
        runs = [replay(hub, 0, log.loader(who[1]), 1_002, pace=streams.pace(who))
                for who in [viewer] * 50 + [desk] * 5]
        return await asyncio.gather(*runs)

    everyone = run_async(asyncio.wait_for(many(), 60))
    assert all(ids(got) == list(range(1, 1_003)) for got in everyone)  # the same events
    assert log.most == {"xem": 1, "ban-ho-tro": 1}  # one read at a time per credential


def test_a_round_of_a_replay_reads_a_bounded_number_of_rows(app, kdb, event_path):
    from kiosk import db as store

    rows = [{"id": f"r{n}", "kind": "scan", "at": "2026-12-04T08:00:00+07:00",
             "station": "cua-1", "session_id": "chinh-thuc", "result": "unknown",
             "method": "scan", "scanned": "XX"} for n in range(stream.REPLAY_ROWS + 100)]
    with store.immediate(kdb):
        chain.append_checkins(kdb, rows)
    first = asgi._load_after(str(event_path))(0)
    assert ids(first) == list(range(1, stream.REPLAY_ROWS + 1))
