"""The hub as an ASGI application: every request goes to the Flask app on a pool of
worker threads, and the live streams run on the event loop.

A request's body is read on the loop (at most the app's MAX_CONTENT_LENGTH; past it
Flask answers 413), the app runs on a worker thread and its whole answer comes back in
one hop. Measured here with scripts/bench_checkin.py on the same code, without uvloop:
through a2wsgi (three thread hops a request) 871 check-ins/s at 1.26 ms of hub CPU
each, `/healthz` 1,429-1,543/s; through this bridge 1,386/s at 0.74 ms, `/healthz`
2,681-3,423/s (with uvloop: 1,747/s at 0.60 ms, `/healthz` 3,775/s). The Flask app
never streams a response of its own: the one stream is handed over, below.

The Flask view `/api/stream` does everything a request needs (credentials, caps, the
one error shape) and answers with an empty body and a ticket in the `X-Kiosk-Stream`
header; here that header is taken out and the stream takes over the response, as a
coroutine, so an open dashboard holds no worker thread. Every few seconds the
credentials behind the open streams are checked again: a revoked station token, a
removed account or a password reset ends its streams.
"""

import asyncio
import io
import json
import sys
from concurrent.futures import ThreadPoolExecutor

from .. import db as store
from ..core import programme
from . import access, budget, shapes, stream
from .shared import of

HANDOFF = "X-Kiosk-Stream"
_HANDOFF = HANDOFF.lower().encode()
RECHECK_SECONDS = 2.0
# A body larger than this is read only once the headers show a live credential that may
# post (access.AT_THE_DOOR: a station, an organiser's, the desk's or a volunteer's
# login): 300 strangers each sending 4 MB took the hub from 109 MB to 1,260 MB. What
# bodies being read may hold, and by whom: budget.py.
OPEN_BODY = 64 * 1024


def _load_after(path):
    """Formatted events after a seq, from the database (a worker thread calls it)."""
    def load(after: int) -> list:
        db = store.for_thread(path)
        counts, messages = {}, []  # a session's counts as they stand: one query a session
        for row in store.events_after(db, after, stream.REPLAY_ROWS):
            if row["session_id"] not in counts:
                counts[row["session_id"]] = shapes.stats(db, store.session(db,
                                                                           row["session_id"]))
            messages.append(stream.format_event(shapes.event(row, counts[row["session_id"]])))
        return messages

    return load


def environ_for(scope: dict, body: bytes, length: int) -> dict:
    """The WSGI environ (PEP 3333) of an ASGI request: text as latin-1 "bytes as str"."""
    environ = {
        "REQUEST_METHOD": scope["method"], "SCRIPT_NAME": "",
        "PATH_INFO": scope["path"].encode("utf-8", "surrogateescape").decode("latin-1"),
        "QUERY_STRING": scope["query_string"].decode("latin-1"),
        "SERVER_PROTOCOL": f"HTTP/{scope['http_version']}",
        "SERVER_NAME": (scope.get("server") or ("localhost", 80))[0],
        "SERVER_PORT": str((scope.get("server") or ("localhost", 80))[1] or 0),
        "REMOTE_ADDR": (scope.get("client") or ("", 0))[0],
        "wsgi.version": (1, 0), "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
        "wsgi.multithread": True, "wsgi.multiprocess": False, "wsgi.run_once": False,
    }
    for name, value in scope["headers"]:
        key = name.decode("latin-1").upper().replace("-", "_")
        key = key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else "HTTP_" + key
        text = value.decode("latin-1")
        environ[key] = environ[key] + "," + text if key in environ else text
    environ["CONTENT_LENGTH"] = str(length)  # the body as read (chunked ones included)
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    return environ


def run_wsgi(app, environ) -> tuple:
    """Call the WSGI app on this (worker) thread; its whole answer."""
    started, chunks = [], []

    def start_response(status, headers, exc_info=None):
        started[:] = [status, headers]
        return chunks.append

    result = app(environ, start_response)
    try:
        chunks.extend(result)
    finally:
        getattr(result, "close", lambda: None)()
    status, headers = started
    return int(status.split(" ", 1)[0]), headers, b"".join(chunks)


async def _refuse(send, status: int, reason: str, message: str) -> None:
    """An answer in the one JSON error shape, sent without reading the request's body;
    the connection is closed after it."""
    body = json.dumps({"error": {"status": status, "reason": reason, "message": message}},
                      ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"connection", b"close"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def programme_of(path) -> dict:
    """The session in progress (programme.announcement), for the streams."""
    return programme.announcement(store.for_thread(path))


class HubASGI:
    def __init__(self, flask_app, threads: int = 32):
        self.shared = of(flask_app)
        self.app = flask_app
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="wsgi")
        self.limit = flask_app.config["MAX_CONTENT_LENGTH"]
        self.path = flask_app.config["DATABASE"]
        self.keepalive = flask_app.config["STREAM_KEEPALIVE"]
        self.wakeup = None
        self.programme = None  # the session in progress, as the streams announce it
        self.budget = budget.BodyBudget()  # request bodies being read now (on the loop)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":  # no websockets, no lifespan events here
            return
        if self.wakeup is None:
            self._start()
        ticket = None

        async def send_unless_handed_over(message):
            nonlocal ticket
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                if _HANDOFF in headers:  # the stream's length is not that empty body's
                    ticket = headers[_HANDOFF].decode()
                    message = dict(message, headers=[
                        (k, v) for k, v in message["headers"]
                        if k not in (_HANDOFF, b"content-length")])
                await send(message)
            elif ticket is None:  # a handed-over response's empty body: the stream follows
                await send(message)

        await self._answer(scope, receive, send_unless_handed_over)
        if ticket is not None:
            await self._stream(ticket, receive, send)

    async def _answer(self, scope, receive, send):
        loop = asyncio.get_running_loop()
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length", b"")
        size = int(declared) if declared.isdigit() else (
            self.limit if b"transfer-encoding" in headers else 0)
        hold = None
        if size:
            hold = await self._hold(scope, headers, min(size, self.limit + 1))
            if hold is None:
                await _refuse(send, 503, "busy", "Hub đang nhận quá nhiều dữ liệu cùng lúc; "
                              "thử lại sau giây lát.")
                return
            if hold == "unauthorized":
                await _refuse(send, 401, "unauthorized", "Cần mã trạm hoặc đăng nhập trước "
                              "khi gửi dữ liệu lớn.")
                return
        try:
            body, length = await self._body(scope, receive)
        finally:
            if hold is not None:
                self.budget.give(hold)
        status, headers, content = await loop.run_in_executor(
            self.pool, run_wsgi, self.app, environ_for(scope, body, length))
        await send({"type": "http.response.start", "status": status,
                    "headers": [(k.lower().encode("latin-1"), v.encode("latin-1"))
                                for k, v in headers]})
        await send({"type": "http.response.body", "body": content})

    async def _hold(self, scope, headers: dict, size: int):
        """A share of the body budget for this request (budget.Hold), "unauthorized" for a
        large body without a credential that may write, or None when its share is full.
        A credential is checked (a worker thread) for a large body, and for a small one
        when the budget is under pressure: a made-up token is then a stranger's."""
        address = (scope.get("client") or ("?", 0))[0]
        claimed = budget.credential_of(headers)
        pressed = self.budget.held > self.budget.total // 4
        if size > OPEN_BODY or (claimed and pressed):
            role = await asyncio.get_running_loop().run_in_executor(
                self.pool, self._role, environ_for(scope, b"", 0))
            if size > OPEN_BODY and role not in access.AT_THE_DOOR:  # those who post
                return "unauthorized"
            claimed = claimed if role else None
        if self.budget.fits_shared(size, address, claimed):
            return self.budget.take(size, address, claimed)
        if claimed and pressed and size <= OPEN_BODY \
                and self.budget.fits_reserve(size, address, claimed):  # checked just above
            return self.budget.take(size, address, claimed, reserve=True)
        return None

    def _role(self, environ) -> str | None:
        """The role of a request's live credential, if any (a worker thread runs it; the
        body is not read)."""
        with self.app.request_context(environ):
            caller = access.identify()
            return caller.role if caller is not None else None

    async def _body(self, scope, receive) -> tuple:
        """(body, length): the request body, read up to the app's limit. Past it the body
        is not kept and the length says so, for Flask to answer 413 in the one error shape."""
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            return b"", int(declared)  # refused by the header alone, nothing read
        parts, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            parts.append(message.get("body", b""))
            size += len(parts[-1])
            more = message.get("more_body", False)
            if size > self.limit:
                return b"", size
        return b"".join(parts), size

    def end_streams(self) -> None:
        """Every open stream told to end (the hub is stopping): each sends its last chunk
        and the connection closes, as a revoked credential's does (a signal handler may
        call it: the wake-up goes through the loop)."""
        streams = self.shared.streams
        if streams.end(streams.keys()) and self.wakeup is not None:
            self.wakeup.poke()

    def _start(self):
        """On the first request, on the server's loop: wake-ups and the credential check."""
        self.wakeup = stream.Wakeup(asyncio.get_running_loop())
        self.shared.broadcaster.listen(self.wakeup.poke)
        asyncio.get_running_loop().create_task(self._recheck())

    async def _stream(self, ticket, receive, send):
        streams = self.shared.streams
        spec = streams.claim(ticket)
        gone = asyncio.Event()

        async def watch():  # the client's side closing is the only thing it can send now
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()
            self.wakeup.poke()

        watcher = asyncio.get_running_loop().create_task(watch())
        try:
            if spec is not None:
                if self.programme is None:
                    self.programme = await asyncio.get_running_loop().run_in_executor(
                        None, programme_of, self.path)
                body = stream.messages(self.shared.broadcaster, spec["after"],
                                       _load_after(self.path), self.wakeup, self.keepalive,
                                       going=lambda: spec["live"] and not gone.is_set(),
                                       programme=lambda: self.programme,
                                       counts_only=spec["counts_only"],
                                       pace=streams.pace(spec["key"]))
                async for text in body:
                    await send({"type": "http.response.body", "body": text.encode(),
                                "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            watcher.cancel()
            streams.close(ticket)

    async def _recheck(self):
        """Every few seconds while streams are open, and at once after a write made
        through the web (shared.Moved): end the streams whose credential died, and tell
        them all when the programme moves (another session by the clock, a schedule
        changed, a ceremony, seating or MC change). The round remains for what the
        command line writes. `RECHECK_SECONDS` in the app's config sets the round."""
        loop = asyncio.get_running_loop()
        moved = asyncio.Event()

        def nudge():  # from a worker thread, after a web write
            try:
                loop.call_soon_threadsafe(moved.set)
            except RuntimeError:  # the loop is closed: the hub is stopping
                pass

        self.shared.moved.listen(nudge)
        every = self.app.config.get("RECHECK_SECONDS", RECHECK_SECONDS)
        while True:
            await self._until(moved, every)
            moved.clear()  # a write while the programme is read: one more round
            keys = self.shared.streams.keys()
            if not keys:
                continue
            try:
                dead = await loop.run_in_executor(None, access.dead_credentials, self.path,
                                                  keys)
                programme = await loop.run_in_executor(None, programme_of, self.path)
            except Exception:  # the database busy for a moment: next round
                continue
            ended = dead and self.shared.streams.end(dead)
            if ended or programme != self.programme:
                self.programme = programme
                self.wakeup.poke()

    @staticmethod
    async def _until(moved: asyncio.Event, seconds: float) -> None:
        """Until a web write says the programme may have moved, or `seconds` passed."""
        try:
            await asyncio.wait_for(moved.wait(), seconds)
        except TimeoutError:
            pass
