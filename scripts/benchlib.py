"""Helpers shared by the benchmark scripts: a hub in a subprocess, timing, CPU, stats."""

import os
import socket
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values, q):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def demo_event(count: int = 500) -> Path:
    """A fresh demo event database in a temporary folder."""
    from badges import demo_roster
    from kiosk import db as store

    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    db = store.connect(folder / "event.db")
    demo_roster.populate(db, folder, count)
    sessions_open_now(db)  # a scan outside its session's window counts no one
    db.close()
    return folder / "event.db"


def sessions_open_now(database, hours: float = 8) -> None:
    """Both default sessions with their check-in window open now and for `hours` (a
    scan outside its session's window is `not_open` or `closed`): the preparatory one
    began half an hour ago, the official one starts in half an hour (its window opened
    an hour and a half ago, EARLY being two hours)."""
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC).replace(microsecond=0)
    for sid, starts in (("tru-bi", now - timedelta(minutes=30)),
                        ("chinh-thuc", now + timedelta(minutes=30))):
        database.execute("UPDATE sessions SET starts_at = ?, ends_at = ? WHERE id = ?",
                         [starts.isoformat(), (starts + timedelta(hours=hours)).isoformat(),
                          sid])
    database.conn.commit()


def hub(db_path: Path, threads: int = 32, *options: str, env: dict | None = None):
    """`kiosk serve` in its own process, so that its CPU is measured apart from the
    load's; a context manager yielding (base url, pid)."""
    from processes import running_hub

    return running_hub(db_path, *options, threads=threads, env=env)


def event_with_station(station: str, count: int = 500):
    """A fresh demo event, a station token for it, and every delegate's badge payload."""
    from badges import codes
    from kiosk import accounts
    from kiosk import db as store

    db_path = demo_event(count)
    db = store.connect(db_path)
    token = accounts.issue_station_token(db, station)
    payloads = [codes.current_payload(db, d) for d in store.list_delegates(db)]
    db.close()
    return db_path, token, payloads


STREAM_PATHS = {"counts": "/api/stream?only=counts", "full": "/api/stream"}


class Streams:
    """N open live streams (/api/stream), as screens hold them, reading and dropping what
    the hub sends: spread over station credentials (50 streams an account at most) and
    the loopback addresses 127.0.0.2-5 (100 connections an address). `path` is the
    stream a kiosk page or the stage holds (?only=counts), or a dashboard's (every event).

    The streams are read by a process of their own, one thread waiting on all of them
    (epoll): in the real hall they are other devices. (A thread a stream in the bench's
    own process made 200 threads wake at every write and take the interpreter from the
    clients measuring latency: the bench's p99 then measured the bench.)"""

    def __init__(self, base, tokens, count, path="/api/stream?only=counts", per_token=40,
                 address=lambda n: f"127.0.0.{2 + n % 4}"):
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._stop, ready = context.Event(), context.Event()
        self._total = context.Value("q", 0)
        self.bytes = [0]
        requests = [(address(n), tokens[n // per_token]) for n in range(count)]
        self._reader = context.Process(target=_read_streams, daemon=True, args=(
            base, path, requests, ready, self._stop, self._total))
        self._reader.start()
        if not ready.wait(60):
            raise RuntimeError("the streams did not open within 60 s")

    def close(self):
        self._stop.set()
        self._reader.join(10)
        self.bytes[0] = self._total.value


def _read_streams(base, path, requests, ready, stop, total):
    """In the readers' process: open each stream, then read them all until `stop`,
    counting the bytes into `total`."""
    import selectors

    url = urlparse(base)
    waiting = selectors.DefaultSelector()
    for source, token in requests:
        sock = socket.create_connection((url.hostname, url.port), timeout=10,
                                        source_address=(source, 0))
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer "
                     f"{token}\r\n\r\n".encode())
        sock.setblocking(False)
        waiting.register(sock, selectors.EVENT_READ)
    ready.set()
    got = 0
    while not stop.is_set():
        for key, _ in waiting.select(0.2):
            try:
                data = key.fileobj.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if not data:
                waiting.unregister(key.fileobj)
                key.fileobj.close()
            got += len(data)
    total.value = got
    for key in list(waiting.get_map().values()):
        key.fileobj.close()
