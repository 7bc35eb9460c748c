"""The live stream endpoint: every decided check-in and undo, as Server-Sent Events."""

from flask import Blueprint, Response, current_app, request

from ... import db as store
from .. import shapes, stream
from ..access import require
from ..errors import ApiError
from ..shared import shared

bp = Blueprint("live", __name__)


def _loader(path):
    """Formatted events after a seq, from the database: for a client that comes back
    after more than the broadcaster's buffer holds."""
    def load(after: int) -> list:
        db = store.for_thread(path)
        sessions = {}
        messages = []
        for row in store.events_after(db, after):
            if row["session_id"] not in sessions:
                sessions[row["session_id"]] = store.session(db, row["session_id"])
            payload = shapes.event(db, row, sessions[row["session_id"]])
            messages.append(stream.format_event(payload))
        return messages

    return load


@bp.get("/api/stream")
@require("station", "organiser", "viewer")
def events():
    broadcaster = shared().broadcaster
    raw = request.headers.get("Last-Event-ID") or request.args.get("after")
    if raw is None:
        after = broadcaster.last_seq  # a new client starts from now
    elif raw.isdigit():
        after = int(raw)
    else:
        raise ApiError(400, "bad_event_id", "Last-Event-ID phải là số thứ tự sự kiện.")
    body = stream.messages(broadcaster, after, _loader(current_app.config["DATABASE"]),
                           current_app.config["STREAM_KEEPALIVE"])
    return Response(body, mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
