"""The hub's shared objects, built once by `create_app` and reached through `shared()`:
the batcher (the one writer of check-ins), the broadcaster it publishes to, the open
streams, the doors' last contact, the login guard, on a station its link with the hub,
and the hook that tells the server's loop a write made through the web may have moved
the programme the streams announce. Plus `get_db()`, this server thread's own
connection for reads.
"""

import secrets
from dataclasses import dataclass, field

from flask import Flask, current_app, request

from .. import accounts
from .. import db as store
from ..core.batcher import Batcher
from ..core.quota import Quota
from ..station.link import Link
from . import shapes
from .doors import Doors
from .stream import Broadcaster, OpenStreams


class Moved:
    """Called (from a worker thread) after a write made through the web that may move what
    the streams announce: the ceremony's, the hall's or the MC's counter, the rehearsal,
    the schedule. Each listener must be thread-safe and quick: the server's loop listens
    (asgi.HubASGI._recheck, through loop.call_soon_threadsafe) and reads the programme
    again at once, where it would otherwise wait for its next round (RECHECK_SECONDS).
    Nobody listens under a test client or `flask run`: then it does nothing."""

    def __init__(self):
        self._listeners = []

    def listen(self, hook) -> None:
        self._listeners.append(hook)

    def __call__(self) -> None:
        for hook in self._listeners:
            hook()


# Blueprints whose writes move none of what the programme announces: the doors'
# check-ins and syncs (the batcher publishes those itself, in bursts), signing in and out
QUIET = {"api", "upstream", "screen"}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass
class Shared:
    batcher: Batcher
    broadcaster: Broadcaster
    streams: OpenStreams  # the live streams open now, capped per credential and in all
    doors: Doors
    logins: accounts.LoginGuard
    link: Link | None  # on an entrance station only
    # the check-ins a station token may have written in a minute (/api/sync)
    sync_quota: Quota = field(default_factory=Quota)
    # made anew each time this server starts: a station that sees a new one asks what
    # this hub still holds of what it was answered (a database restored from a backup
    # cannot bring back the instance it came from)
    instance: str = field(default_factory=lambda: secrets.token_hex(8))
    moved: Moved = field(default_factory=Moved)  # a web write: the programme, read again


def init_app(app: Flask) -> None:
    """Build the shared objects for `app`; the batcher publishes what it decides."""
    path = app.config["DATABASE"]
    db = store.connect(path)
    broadcaster = Broadcaster(store.last_seq(db))
    db.close()

    def publish(outcome, counts):
        """Add a freshly decided check-in or undo to what the streams send; they are woken
        once for the batch (after_batch)."""
        if not outcome.replayed and outcome.seq is not None:
            broadcaster.publish(shapes.event_of(outcome, counts), wake=False)

    station = bool(app.config.get("UPSTREAM"))
    app.extensions["kiosk"] = Shared(
        batcher=Batcher(path, publish, outbox=station, after_batch=broadcaster.wake),
        broadcaster=broadcaster,
        streams=OpenStreams(app.config["STREAMS_PER_CREDENTIAL"], app.config["STREAMS_TOTAL"]),
        doors=Doors(), logins=accounts.LoginGuard(), link=Link() if station else None)

    @app.after_request
    def announce(response):
        """A write the web accepted (committed by now): the streams announce what it moved
        at once, not at the loop's next round."""
        if request.method in WRITES and response.status_code < 400 \
                and request.blueprint not in QUIET:
            of(app).moved()
        return response


def of(app: Flask) -> Shared:
    """The shared objects of `app` (outside a request: the station's sync thread)."""
    return app.extensions["kiosk"]


def shared() -> Shared:
    """The shared objects of the app serving this request."""
    return of(current_app)


def get_db():
    """This server thread's connection to the event database."""
    return store.for_thread(current_app.config["DATABASE"])
