"""Serving the hub: uvicorn runs the event loop (connections, live streams), the Flask
app answers every request on a pool of worker threads (web/asgi.py), and every
connection goes through the limits of web/connections.py. Runs on Linux and Windows."""

import socket

import uvicorn

from .asgi import HubASGI
from .connections import HEADER_SECONDS, PER_ADDRESS, GuardedHttp

DEFAULT_THREADS = 32  # worker threads for requests; open streams do not use them
MAX_CONNECTIONS = 2000  # past this uvicorn answers 503 (per address: connections.py)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def serve(app, host: str, port: int, threads: int = DEFAULT_THREADS,
          per_address: int = PER_ADDRESS, header_seconds: float = HEADER_SECONDS) -> None:
    protocol = GuardedHttp.with_limits(per_address, header_seconds)
    config = uvicorn.Config(HubASGI(app, threads), host=host, port=port, http=protocol,
                            lifespan="off", log_level="warning", access_log=False,
                            server_header=False, timeout_keep_alive=5,
                            timeout_graceful_shutdown=2,  # open streams never end by themselves
                            limit_concurrency=MAX_CONNECTIONS, backlog=2048)
    uvicorn.Server(config).run()
