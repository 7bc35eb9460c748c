"""A TCP proxy on 127.0.0.1 whose link can be cut: every open connection dropped and new
ones refused until it heals. Stands for the venue's Wi-Fi between a door and the hub."""

import asyncio
import socket
import threading
import time


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cuttable:
    def __init__(self, target_port: int):
        self.target, self.port = target_port, _free_port()
        self.loop = asyncio.new_event_loop()
        self._server, self._links = None, set()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._call(self._listen())

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(10)

    async def _listen(self):
        self._server = await asyncio.start_server(self._pipe, "127.0.0.1", self.port,
                                                  reuse_address=True)

    async def _pipe(self, reader, writer):
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target)
        except OSError:
            writer.close()
            return
        pair = (writer, up_writer)
        self._links.add(pair)

        async def copy(source, sink):
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except (OSError, asyncio.CancelledError):
                pass
            finally:
                sink.close()

        await asyncio.gather(copy(reader, up_writer), copy(up_reader, writer))
        self._links.discard(pair)

    async def _cut(self):
        if self._server is not None:
            self._server.close()
            self._server = None
        for pair in list(self._links):
            for writer in pair:
                writer.transport.abort()
        self._links.clear()

    def drop(self) -> None:
        """Cut the link until heal()."""
        self._call(self._cut())

    def cut(self, seconds: float) -> None:
        """Drop the link now and restore it after `seconds` (this call waits)."""
        self.drop()
        time.sleep(seconds)
        self.heal()

    def heal(self) -> None:
        if self._server is None:
            self._call(self._listen())

    def close(self) -> None:
        self._call(self._cut())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        self.loop.close()
