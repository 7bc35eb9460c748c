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
"""

import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

PER_ADDRESS = 100
HEADER_SECONDS = 10.0
BODY_SECONDS = 60.0
HEADER_BYTES = 64 * 1024


def error_bytes(status: int, reason: str, message: str, phrase: str) -> bytes:
    """A complete HTTP answer carrying the one JSON error shape, closing the connection."""
    body = json.dumps({"error": {"status": status, "reason": reason, "message": message}},
                      ensure_ascii=False).encode()
    return (f"HTTP/1.1 {status} {phrase}\r\ncontent-type: application/json\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n").encode() + body


class GuardedHttp(HttpToolsProtocol):
    open_by_address: dict = {}  # IP -> open connections, on the server's one event loop

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._deadline = None
        self._header_bytes = 0
        self._address = self.client[0] if self.client else None
        count = self.open_by_address.get(self._address, 0) + 1
        self.open_by_address[self._address] = count
        if count > PER_ADDRESS:
            transport.close()
            return
        self._arm(HEADER_SECONDS)

    def connection_lost(self, exc) -> None:
        self._disarm()
        left = self.open_by_address.get(self._address, 1) - 1
        if left > 0:
            self.open_by_address[self._address] = left
        else:
            self.open_by_address.pop(self._address, None)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._header_bytes is not None:  # these bytes did not finish the headers
            self._header_bytes += len(data)
            if self._header_bytes > HEADER_BYTES:
                self._refuse(431, "headers_too_large", "Phần đầu yêu cầu quá lớn.",
                             "Request Header Fields Too Large")

    def send_400_response(self, msg: str) -> None:
        self._refuse(400, "bad_request", "Yêu cầu HTTP không hợp lệ.", "Bad Request")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._header_bytes is None:  # a pipelined or kept-alive request begins
            self._header_bytes = 0

    def on_headers_complete(self) -> None:
        self._header_bytes = None
        self._arm(BODY_SECONDS)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._header_bytes = 0
            self._arm(HEADER_SECONDS)

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
