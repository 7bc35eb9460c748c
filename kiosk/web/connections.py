"""Limits on connections, so that one address cannot shut the doors for the others.

uvicorn's HTTP protocol (httptools), with three limits added where it takes bytes from
the network, before the application sees a request:
- at most PER_ADDRESS open connections from one IP address (the venue's doors each have
  their own address); past it a new connection is closed at once;
- a request's headers must arrive within HEADER_SECONDS of the connection opening (or
  of the previous response), and its body within BODY_SECONDS of its headers, never
  pausing more than BODY_IDLE_SECONDS: a client trickling a byte at a time, or announcing
  a body it never sends, is cut off (uvicorn's keep-alive timer restarts with every byte,
  so it alone does not stop that);
- at most HEADER_BYTES of request line and headers.
A request the parser refuses is answered with the hub's one JSON error shape.

And in all: at most `total` connections (below the process's open-file limit, which
`serve` raises to what the system allows). Past three quarters of it, an address that
already holds more than LIGHT connections is refused a new one (503, the JSON shape):
the doors, the desk and the organisers' screens hold one to a few each, so twenty
addresses each holding a hundred half-open sockets no longer shut them out (95 % of
legitimate check-ins answered 503 in plain text before).

On the HTTPS port the same limits hold before the TLS handshake (TlsGate): a connection
is counted, and capped per address, from its first byte, and its handshake must end
within HEADER_SECONDS. asyncio counts nothing before a handshake and waits 60 s for one,
so 1,100 silent connections to the HTTPS port once held every descriptor of a hub at
1,024 open files and stopped the check-ins on the plain port.
"""

import asyncio
import json
import ssl

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

PER_ADDRESS = 100
TOTAL = 2000
LIGHT = 4  # connections an address may hold and still be let in when the hub is crowded
HEADER_SECONDS = 10.0
BODY_SECONDS = 60.0
BODY_IDLE_SECONDS = 5.0  # a body that stops flowing holds its share of the budget no longer
HEADER_BYTES = 32 * 1024  # counted per read of up to 64 KB that does not end them


def error_bytes(status: int, reason: str, message: str, phrase: str) -> bytes:
    """A complete HTTP answer carrying the one JSON error shape, closing the connection."""
    body = json.dumps({"error": {"status": status, "reason": reason, "message": message}},
                      ensure_ascii=False).encode()
    return (f"HTTP/1.1 {status} {phrase}\r\ncontent-type: application/json\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n").encode() + body


class GuardedHttp(HttpToolsProtocol):
    open_by_address: dict = {}  # IP -> open connections, on the server's one event loop
    open_total = [0]  # all of them (a list: shared by the subclasses with_limits makes)
    per_address, header_seconds, total = PER_ADDRESS, HEADER_SECONDS, TOTAL
    made = False  # uvloop may tell a TLS connection's protocol it is lost when its
    # handshake failed, before it was ever made
    precounted = False  # counted by TlsGate before its handshake

    @classmethod
    def with_limits(cls, per_address: int, header_seconds: float, total: int = TOTAL) -> type:
        """This protocol with other limits (`kiosk serve --per-address --header-seconds
        --max-connections`)."""
        return type("GuardedHttp", (cls,), {"per_address": per_address,
                                            "header_seconds": header_seconds, "total": total})

    @classmethod
    def admit(cls, address) -> str | None:
        """Count a new connection from `address`: None when it may go on, "full" when its
        address holds too many, "busy" when the hub is crowded. Every call is matched by
        one `release`."""
        count = cls.open_by_address.get(address, 0) + 1
        cls.open_by_address[address] = count
        cls.open_total[0] += 1
        if count > cls.per_address:
            return "full"
        crowded = cls.open_total[0] > cls.total * 3 // 4 and count > LIGHT
        return "busy" if crowded or cls.open_total[0] > cls.total else None

    @classmethod
    def release(cls, address) -> None:
        left = cls.open_by_address.get(address, 1) - 1
        if left > 0:
            cls.open_by_address[address] = left
        else:
            cls.open_by_address.pop(address, None)
        cls.open_total[0] -= 1

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self.made = True
        self._deadline = None
        self._header_bytes = 0
        self._address = self.client[0] if self.client else None
        refused = None if self.precounted else self.admit(self._address)
        if refused == "full":
            transport.close()
            return
        if refused == "busy":
            transport.write(error_bytes(503, "busy", "Hub đang có quá nhiều kết nối; thử lại "
                                        "sau giây lát.", "Service Unavailable"))
            transport.close()
            return
        self._arm(self.header_seconds)

    def connection_lost(self, exc) -> None:
        if not self.made:
            return
        self._disarm()
        self.release(self._address)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.transport.is_closing():
            return
        super().data_received(data)
        if self._header_bytes is not None:  # these bytes did not finish the headers
            self._header_bytes += len(data)
            if self._header_bytes > HEADER_BYTES:
                self._headers_too_large()

    def on_url(self, url: bytes) -> None:
        self._header_bytes = (self._header_bytes or 0) + len(url)
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_bytes = (self._header_bytes or 0) + len(name) + len(value)
        super().on_header(name, value)

    def _headers_too_large(self) -> None:
        self._refuse(431, "headers_too_large", "Phần đầu yêu cầu quá lớn.",
                     "Request Header Fields Too Large")

    def send_400_response(self, msg: str) -> None:
        self._refuse(400, "bad_request", "Yêu cầu HTTP không hợp lệ.", "Bad Request")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._header_bytes is None:  # a pipelined or kept-alive request begins
            self._header_bytes = 0

    def on_headers_complete(self) -> None:
        if (self._header_bytes or 0) > HEADER_BYTES:  # arrived in one read: count it here
            self._headers_too_large()
        self._header_bytes = None
        if self.transport.is_closing():
            return  # refused: the app never sees it
        self._body_ends = self.loop.time() + BODY_SECONDS
        self._arm(BODY_IDLE_SECONDS)
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self.transport.is_closing():
            # each piece gives the body a few more seconds, never past BODY_SECONDS in all
            self._arm(min(BODY_IDLE_SECONDS, max(0.0, self._body_ends - self.loop.time())))
            super().on_body(body)

    def on_message_complete(self) -> None:
        self._disarm()
        if not self.transport.is_closing():
            super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._header_bytes = 0
            self._arm(self.header_seconds)

    def _refuse(self, status, reason, message, phrase) -> None:
        if not self.transport.is_closing():
            self.transport.write(error_bytes(status, reason, message, phrase))
            self.transport.close()

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()


class TlsGate(asyncio.Protocol):
    """The HTTPS port: each connection is counted and capped like any other from its first
    byte, then its socket is handed to the event loop's own TLS server code with the
    header deadline for its handshake; the HTTP protocol takes the count over when the
    handshake ends. (The socket is handed over before anything is read from it: uvloop
    starts reading when this returns, so a TLS layer started later loses the hello.)"""
    http: type = GuardedHttp
    context: ssl.SSLContext | None = None

    @classmethod
    def with_context(cls, http: type, context: ssl.SSLContext) -> type:
        """This gate, handing connections to `http` (GuardedHttp.with_limits) over
        `context` (the hub's certificate)."""
        return type("TlsGate", (cls,), {"http": http, "context": context})

    def __init__(self, config, server_state, app_state, _loop=None) -> None:
        self._protocol = self.http(config=config, server_state=server_state,
                                   app_state=app_state, _loop=_loop)
        self._protocol.precounted = True
        self._loop = _loop or asyncio.get_event_loop()

    def connection_made(self, transport) -> None:
        peer = transport.get_extra_info("peername")
        address = peer[0] if peer else None
        if self.http.admit(address) is not None:
            self.http.release(address)
            transport.abort()
            return
        try:
            sock = transport.get_extra_info("socket").dup()
        except OSError:
            self.http.release(address)
            transport.abort()
            return
        transport.abort()  # this copy closes; the handshake reads from the other
        self._loop.create_task(self._handshake(sock, address))

    async def _handshake(self, sock, address) -> None:
        try:
            await self._loop.connect_accepted_socket(
                lambda: self._protocol, sock, ssl=self.context,
                ssl_handshake_timeout=self.http.header_seconds)
        except (TimeoutError, OSError, ssl.SSLError):
            sock.close()
        except asyncio.CancelledError:  # the hub stops
            sock.close()
            raise
        finally:
            if not self._protocol.made:  # the handshake failed: the count ends here
                self.http.release(address)
