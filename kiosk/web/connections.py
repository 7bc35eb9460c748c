"""Limits on connections, so that one address cannot shut the doors for the others.

uvicorn's HTTP protocol (httptools), with three limits added where it takes bytes from
the network, before the application sees a request:
- at most PER_ADDRESS open connections from one IP address (the venue's doors each have
  their own address); past it a new connection is closed at once;
- a request's headers must arrive within HEADER_SECONDS of the connection opening (or
  of the previous response), and its body within BODY_SECONDS of its headers: a client
  trickling a byte at a time is cut off (uvicorn's keep-alive timer restarts with every
  byte, so it alone does not stop that);
- at most HEADER_BYTES of request line and headers.
A request the parser refuses is answered with the hub's one JSON error shape.

And in all: at most `total` connections (below the process's open-file limit, which
`serve` raises to what the system allows). Past three quarters of it, an address that
already holds more than LIGHT connections is refused a new one (503, the JSON shape):
the doors, the desk and the organisers' screens hold one to a few each, so twenty
addresses each holding a hundred half-open sockets no longer shut them out (95 % of
legitimate check-ins answered 503 in plain text before).
"""

import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

PER_ADDRESS = 100
TOTAL = 2000
LIGHT = 4  # connections an address may hold and still be let in when the hub is crowded
HEADER_SECONDS = 10.0
BODY_SECONDS = 60.0
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

    @classmethod
    def with_limits(cls, per_address: int, header_seconds: float, total: int = TOTAL) -> type:
        """This protocol with other limits (`kiosk serve --per-address --header-seconds
        --max-connections`)."""
        return type("GuardedHttp", (cls,), {"per_address": per_address,
                                            "header_seconds": header_seconds, "total": total})

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._deadline = None
        self._header_bytes = 0
        self._address = self.client[0] if self.client else None
        count = self.open_by_address.get(self._address, 0) + 1
        self.open_by_address[self._address] = count
        self.open_total[0] += 1
        if count > self.per_address:
            transport.close()
            return
        crowded = self.open_total[0] > self.total * 3 // 4 and count > LIGHT
        if crowded or self.open_total[0] > self.total:
            transport.write(error_bytes(503, "busy", "Hub đang có quá nhiều kết nối; thử lại "
                                        "sau giây lát.", "Service Unavailable"))
            transport.close()
            return
        self._arm(self.header_seconds)

    def connection_lost(self, exc) -> None:
        self._disarm()
        left = self.open_by_address.get(self._address, 1) - 1
        if left > 0:
            self.open_by_address[self._address] = left
        else:
            self.open_by_address.pop(self._address, None)
        self.open_total[0] -= 1
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
        self._arm(BODY_SECONDS)
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self.transport.is_closing():
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
