"""Serving the hub with waitress, a production WSGI server that runs on any OS."""

import socket

from waitress import serve as waitress_serve

# Each open dashboard or kiosk stream holds a thread; leave room for API calls.
DEFAULT_THREADS = 64


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def serve(app, host: str, port: int, threads: int = DEFAULT_THREADS) -> None:
    waitress_serve(app, host=host, port=port, threads=threads, ident="kiosk",
                   channel_timeout=60, connection_limit=500,
                   max_request_body_size=app.config["MAX_CONTENT_LENGTH"])
