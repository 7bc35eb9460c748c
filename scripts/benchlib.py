"""Helpers shared by the benchmark scripts: a hub in a subprocess, timing, CPU, stats."""

import os
import socket
import sys
import tempfile
import threading
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
    stream a kiosk page or the stage holds (?only=counts), or a dashboard's (every event)."""

    def __init__(self, base, tokens, count, path="/api/stream?only=counts", per_token=40,
                 address=lambda n: f"127.0.0.{2 + n % 4}"):
        url = urlparse(base)
        self.stop, self.bytes, self.socks = threading.Event(), [0], []
        for n in range(count):
            sock = socket.create_connection((url.hostname, url.port), timeout=10,
                                            source_address=(address(n), 0))
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer "
                         f"{tokens[n // per_token]}\r\n\r\n".encode())
            self.socks.append(sock)
        self.threads = [threading.Thread(target=self._read, args=(sock,), daemon=True)
                        for sock in self.socks]
        for thread in self.threads:
            thread.start()

    def _read(self, sock):
        sock.settimeout(0.5)
        while not self.stop.is_set():
            try:
                got = sock.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return
            if not got:
                return
            self.bytes[0] += len(got)

    def close(self):
        self.stop.set()
        for thread in self.threads:
            thread.join()
        for sock in self.socks:
            sock.close()
