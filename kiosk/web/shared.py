"""The hub's shared objects, built once by `create_app` and reached through `shared()`:
the batcher (the one writer of check-ins), the broadcaster it publishes to, the open
streams, the doors' last contact, the login guard, and on a station its link with the
hub. Plus
`get_db()`, this server thread's own connection for reads.
"""

import secrets
from dataclasses import dataclass, field

from flask import Flask, current_app

from .. import accounts
from .. import db as store
from ..core.batcher import Batcher
from ..core.quota import Quota
from ..station.link import Link
from . import shapes
from .doors import Doors
from .stream import Broadcaster, OpenStreams


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


def of(app: Flask) -> Shared:
    """The shared objects of `app` (outside a request: the station's sync thread)."""
    return app.extensions["kiosk"]


def shared() -> Shared:
    """The shared objects of the app serving this request."""
    return of(current_app)


def get_db():
    """This server thread's connection to the event database."""
    return store.for_thread(current_app.config["DATABASE"])
