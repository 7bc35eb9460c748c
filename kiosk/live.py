"""The live stream endpoint and the hook that publishes each decided check-in."""

from flask import Blueprint, Response, current_app, request

from . import db as store
from . import present, stream
from .access import require
from .batcher import Batcher
from .errors import ApiError

bp = Blueprint("live", __name__)


def broadcaster() -> stream.Broadcaster:
    return current_app.extensions["kiosk_stream"]


def install(app) -> None:
    """The stream's broadcaster and the batcher whose decisions it publishes."""
    db = store.connect(app.config["DATABASE"])
    hub = app.extensions["kiosk_stream"] = stream.Broadcaster(store.last_seq(db))
    db.close()

    def after(outcome, counts):
        """Send a freshly decided check-in or undo to every open stream."""
        if not outcome.replayed and outcome.seq is not None:
            hub.publish(present.event_of(outcome, counts))

    app.extensions["kiosk_batcher"] = Batcher(app.config["DATABASE"], after,
                                              outbox=bool(app.config.get("UPSTREAM")))


def _loader(path):
    def load(after: int) -> list:
        db = store.for_thread(path)
        sessions = {}
        messages = []
        for row in store.events_after(db, after):
            if row["session_id"] not in sessions:
                sessions[row["session_id"]] = store.session(db, row["session_id"])
            payload = present.event(db, row, sessions[row["session_id"]])
            messages.append(stream.format_event(payload))
        return messages

    return load


@bp.get("/api/stream")
@require("station", "organiser", "viewer")
def events():
    raw = request.headers.get("Last-Event-ID") or request.args.get("after")
    if raw is None:
        after = broadcaster().last_seq  # a new client starts from now
    elif raw.isdigit():
        after = int(raw)
    else:
        raise ApiError(400, "bad_event_id", "Last-Event-ID phải là số thứ tự sự kiện.")
    body = stream.messages(broadcaster(), after, _loader(current_app.config["DATABASE"]),
                           current_app.config["STREAM_KEEPALIVE"])
    return Response(body, mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
