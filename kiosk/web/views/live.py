"""The live stream endpoint: every decided check-in and undo, as Server-Sent Events;
with `?only=counts`, only each session's counts when they change (kiosk pages, the stage).

This view checks the request and reserves the stream; the event loop then sends it
(web/asgi.py), so an open screen holds no worker thread.
"""

from flask import Blueprint, Response, g, request

from ..access import HEADS, HELP_DESK, WATCHING, credential_key, require
from ..asgi import HANDOFF
from ..errors import ApiError
from ..shared import shared
from ..stream import TooMany

bp = Blueprint("live", __name__)
MAX_SEQ_DIGITS = 18  # a log sequence fits in SQLite's 64-bit integer


@bp.get("/api/stream")
@require(*WATCHING)
def events():
    raw = request.headers.get("Last-Event-ID") or request.args.get("after")
    if raw is None:
        after = shared().broadcaster.last_seq  # a new client starts from now
    elif raw.isascii() and raw.isdigit() and len(raw) <= MAX_SEQ_DIGITS:
        after = int(raw)
    else:
        raise ApiError(400, "bad_event_id", "Last-Event-ID phải là số thứ tự sự kiện.")
    only = request.args.get("only")
    if only not in (None, "counts"):
        raise ApiError(400, "bad_stream_kind", "Luồng chỉ có một dạng rút gọn: only=counts.")
    try:
        ticket = shared().streams.open(credential_key(g.caller), after,
                                       privileged=g.caller.role in ("station", *HELP_DESK),
                                       # a head's phone: counts only, no one else's names
                                       counts_only=only == "counts" or g.caller.role in HEADS)
    except TooMany as exc:
        raise ApiError(503, "too_many_streams", str(exc)) from None
    return Response(b"", mimetype="text/event-stream",
                    headers={HANDOFF: ticket, "Cache-Control": "no-cache",
                             "X-Accel-Buffering": "no"})
