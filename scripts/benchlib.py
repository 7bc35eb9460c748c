"""Helpers shared by the benchmark scripts: a hub in a subprocess, timing, CPU, stats."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

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


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def demo_event(count: int = 500) -> Path:
    """A fresh demo event database in a temporary folder."""
    from badges import demo_roster
    from kiosk import db as store

    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    db = store.connect(folder / "event.db")
    demo_roster.populate(db, folder, count)
    db.close()
    return folder / "event.db"


@contextmanager
def hub(db_path: Path, threads: int = 32, *options: str):
    """`kiosk serve` on 127.0.0.1 in a subprocess (benchmarks and the tests' hub: stopping
    it cannot leave threads behind); yields (base url, pid)."""
    port = free_port()
    kiosk = shutil.which("kiosk", path=str(Path(sys.executable).parent)) or "kiosk"
    log = tempfile.TemporaryFile()  # not a pipe: a full pipe would block the server
    proc = subprocess.Popen([kiosk, "serve", "--db", str(db_path), "--port", str(port),
                             "--threads", str(threads), *options],
                            stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    message = log.read().decode()
                    raise RuntimeError(f"hub did not start: {message}") from None
                time.sleep(0.1)
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def event_with_station(station: str, count: int = 500):
    """A fresh demo event, a station token for it, and every delegate's badge payload."""
    from badges import codes
    from badges import db as store
    from kiosk import auth
    from kiosk import db as kiosk_db

    db_path = demo_event(count)
    db = kiosk_db.connect(db_path)
    token = auth.issue_station_token(db, station)
    payloads = [codes.current_payload(db, d) for d in store.list_delegates(db)]
    db.close()
    return db_path, token, payloads
