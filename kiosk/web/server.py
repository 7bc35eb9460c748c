"""Serving the hub: uvicorn runs the event loop (connections, live streams), the Flask
app answers every request on a pool of worker threads (web/asgi.py), and every
connection goes through the limits of web/connections.py. Runs on Linux and Windows.

With TLS (kiosk/tls.py) the same app is served twice on one loop: plain HTTP for
scanner-only tablets and the stations, HTTPS for phones and tablets whose browsers
allow the camera only there.
"""

import asyncio
import signal
import socket
import ssl
import threading
from contextlib import contextmanager

import uvicorn

from .asgi import HubASGI
from .connections import HEADER_SECONDS, PER_ADDRESS, TOTAL, GuardedHttp, TlsGate

DEFAULT_THREADS = 32  # worker threads for requests; open streams do not use them
MAX_CONNECTIONS = TOTAL  # connections.py answers 503 past it, in the JSON shape


def raise_file_limit(wanted: int = 65536) -> int:
    """Raise this process's open-file limit towards what the system allows (a desktop's
    1,024 let 1,100 silent connections to the HTTPS port stop every check-in); the limit
    now in force."""
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return wanted if soft == resource.RLIM_INFINITY else soft


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def serve(app, host: str, port: int, threads: int = DEFAULT_THREADS,
          per_address: int = PER_ADDRESS, header_seconds: float = HEADER_SECONDS,
          tls=None, tls_port: int | None = None,
          max_connections: int = MAX_CONNECTIONS) -> int | None:
    """Serve until stopped; the signal that stopped it (SIGINT: Ctrl+C, SIGTERM), once
    every request in flight has finished, for the caller to close up the database and
    end as that signal asks. `tls`: the certificate files (tls.Files) for HTTPS on
    `tls_port`, beside plain HTTP on `port`."""
    hub = HubASGI(app, threads)
    allowed = raise_file_limit()
    total = min(max_connections, max(64, allowed - 256))  # room for the database, logs
    http = GuardedHttp.with_limits(per_address, header_seconds, total)
    common = {"host": host,
              "lifespan": "off", "log_level": "warning", "access_log": False,
              "server_header": False, "timeout_keep_alive": 5,
              "timeout_graceful_shutdown": 2,  # the streams are ended first (end_streams)
              "limit_concurrency": None, "backlog": 2048,
              # no forwarding header is believed: uvicorn trusts X-Forwarded-For from
              # 127.0.0.1 by default, so a flood from the hub's own machine named any
              # address it liked and was never locked out
              "proxy_headers": False}
    configs = [uvicorn.Config(hub, port=port, http=http, **common)]
    if tls is not None:  # the handshake behind the same limits (connections.TlsGate)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(tls.cert), str(tls.key))
        configs.append(uvicorn.Config(hub, port=tls_port, **common,
                                      http=TlsGate.with_context(http, context)))
    servers = [Stopping(config, hub.end_streams) for config in configs]
    received = []
    with _noting_signals(servers, received):
        with asyncio.Runner(loop_factory=configs[0].get_loop_factory()) as runner:
            runner.run(_together(servers))
    hub.pool.shutdown(wait=True)  # a check-in being written is written before we return
    return received[0] if received else None


class Stopping(uvicorn.Server):
    """uvicorn's server, which on a stopping signal first ends what would not end by
    itself: the open live streams (a kiosk page left open at every door). Left to the
    graceful shutdown's timeout, uvicorn cancelled them and printed a traceback."""

    def __init__(self, config, end_streams):
        super().__init__(config)
        self.end_streams = end_streams

    def handle_exit(self, sig, frame) -> None:
        self.end_streams()
        super().handle_exit(sig, frame)


STOPPING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGBREAK")
                 if hasattr(signal, name))


@contextmanager
def _noting_signals(servers: list, received: list):
    """While serving, a stopping signal is noted in `received` instead of ending the
    process (uvicorn shuts down gracefully on one, then raises it again: it comes here)
    and stops the servers, even one not yet listening."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def note(signum, frame):
        received.append(signum)
        for server in servers:
            server.should_exit = True

    before = {sig: signal.signal(sig, note) for sig in STOPPING}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


async def _together(servers: list) -> None:
    """Run the servers on one loop; when one stops (a signal, an error), stop them all."""
    tasks = [asyncio.create_task(server.serve()) for server in servers]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for server in servers:
        server.should_exit = True
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        task.result()
