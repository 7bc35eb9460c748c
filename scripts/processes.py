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
def running_hub(db_path, *options: str, threads: int = 32, env: dict | None = None):
    """`kiosk serve` on 127.0.0.1 on a free port; yields (base url, pid). `env`: the
    server's environment (a benchmark runs an older checkout by its PYTHONPATH)."""
    port = free_port()
    log = tempfile.TemporaryFile()  # not a pipe: a full pipe would block the server
    proc = subprocess.Popen([kiosk_command(), "serve", "--db", str(db_path), "--port",
                             str(port), "--threads", str(threads), *options],
                            stdout=subprocess.DEVNULL, stderr=log, env=env)
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


class Restartable:
    """A `kiosk` command (hub or station) that can be killed (SIGKILL) and started again
    on the same port and files. `announces`: a text its output prints with the kiosk
    credential (a station's local token), read on every start."""

    def __init__(self, name: str, args: list, base: str, announces: str | None = None):
        self.name, self.args, self.base, self.announces = name, args, base, announces
        self.token = None
        self.proc = None
        self.log = Path(tempfile.mkdtemp(prefix=f"{name}-")) / "output.log"

    def start(self, timeout: float = 60) -> None:
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen([kiosk_command(), *self.args], stdout=log,
                                         stderr=subprocess.STDOUT)
        alive = lambda: self.proc.poll() is None  # noqa: E731
        if self.announces:
            self.token = self._announced(timeout, alive)
        if not HubClient(self.base, timeout=1).wait_ready(timeout, alive):
            raise RuntimeError(f"{self.name} did not start:\n{self.log.read_text()[-2000:]}")

    def _announced(self, timeout, alive) -> str:
        import re
        import time

        seen = len(self.log.read_text())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and alive():
            found = re.search(re.escape(self.announces) + r"(\S+)", self.log.read_text()[seen:])
            if found:
                return found.group(1)
            time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not start:\n{self.log.read_text()[-2000:]}")

    def kill_and_restart(self, pause: float = 1.0) -> None:
        import os
        import signal
        import time

        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        time.sleep(pause)
        self.start()

    def ensure_running(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            self.start()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
