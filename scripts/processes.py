"""Kiosk servers in their own processes, for the tests, the benchmarks and the soak:
stopping one cannot leave threads behind, and its CPU can be measured apart."""

import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.client import HubClient  # noqa: E402
from kiosk.web.server import free_port  # noqa: E402


def kiosk_command() -> str:
    """The `kiosk` entry point of this interpreter's environment."""
    return shutil.which("kiosk", path=str(Path(sys.executable).parent)) or "kiosk"


@contextmanager
def running_hub(db_path, *options: str, threads: int = 32):
    """`kiosk serve` on 127.0.0.1 on a free port; yields (base url, pid)."""
    port = free_port()
    log = tempfile.TemporaryFile()  # not a pipe: a full pipe would block the server
    proc = subprocess.Popen([kiosk_command(), "serve", "--db", str(db_path), "--port",
                             str(port), "--threads", str(threads), *options],
                            stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        if not HubClient(base, timeout=1).wait_ready(30, alive=lambda: proc.poll() is None):
            log.seek(0)
            raise RuntimeError(f"hub did not start: {log.read().decode()}")
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
