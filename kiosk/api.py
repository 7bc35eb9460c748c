"""The JSON API: check-ins, camera scans, search, stats, health."""

import re

from flask import Blueprint, current_app, g, jsonify, request

from badges import db as badges_db
from badges.text import fold

from . import checkin, clock, present, scan
from . import db as store
from .access import require
from .errors import ApiError
from .hub import get_db

bp = Blueprint("api", __name__)
ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
METHODS = {"scan", "typed", "search", "camera"}
MAX_CODE = 512


def json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "bad_json", "Nội dung phải là một đối tượng JSON.")
    return body


def session_for(requested) -> dict:
    db = get_db()
    sessions = badges_db.list_sessions(db)
    if requested in (None, ""):
        return clock.current_session(sessions)
    for ses in sessions:
        if ses["id"] == requested:
            return ses
    raise ApiError(400, "unknown_session", f"Không có phiên '{requested}'.")


def id_problem(value, required: bool = False) -> tuple | None:
    if (value is not None or required) and (not isinstance(value, str)
                                            or not ID_RE.match(value)):
        return "bad_id", "id phải gồm 8-64 ký tự chữ, số, '-' hoặc '_'."
    return None


def attempt_problem(body: dict, id_required: bool = False) -> tuple | None:
    """(reason, Vietnamese message) for the first bad field of a check-in sent to the API
    (one at the door, or one a station sends again), or None."""
    problem = id_problem(body.get("id"), id_required)
    if problem:
        return problem
    code = body.get("code")
    if not isinstance(code, str) or len(code) > MAX_CODE:
        return "bad_code", f"'code' phải là chuỗi, tối đa {MAX_CODE} ký tự."
    if body.get("method", "scan") not in METHODS:
        return "bad_method", f"'method' phải là một trong {sorted(METHODS)}."
    return None


def decide(text: str, body: dict, method: str):
    # a named session is checked by the batcher itself; only the default needs a lookup here
    requested = body.get("session")
    session_id = requested if requested else session_for(None)["id"]
    if not isinstance(session_id, str):
        raise ApiError(400, "unknown_session", f"Không có phiên '{session_id}'.")
    problem = id_problem(body.get("id"))  # a camera frame's id comes in the query string
    if problem:
        raise ApiError(400, *problem)
    try:
        result, counts = current_app.extensions["kiosk_batcher"].check_in(
            text, session_id, g.caller.name, method, body.get("id"), g.caller.credential)
    except checkin.CheckinError as exc:
        status = 401 if exc.reason == "unauthorized" else 400
        raise ApiError(status, exc.reason, exc.message) from None
    return present.outcome(result, counts)


@bp.post("/api/checkins")
@require("station", "organiser", rechecked=True)
def post_checkin():
    body = json_body()
    problem = attempt_problem(body)
    if problem:
        raise ApiError(400, *problem)
    return jsonify(decide(body["code"], body, body.get("method", "scan")))


@bp.post("/api/checkins/<checkin_id_>/undo")
@require("organiser")
def undo_checkin(checkin_id_):
    try:
        result, counts = current_app.extensions["kiosk_batcher"].undo(checkin_id_,
                                                                      g.caller.name)
    except checkin.CheckinError as exc:
        raise ApiError(404 if exc.reason == "not_found" else 409, exc.reason,
                       exc.message) from None
    return jsonify(present.outcome(result, counts))


def uploaded_image() -> bytes:
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("image")
        if upload is None:
            raise ApiError(400, "no_image", "Thiếu trường 'image' trong biểu mẫu.")
        return upload.read()
    if not request.mimetype.startswith("image/") and request.mimetype != \
            "application/octet-stream":
        raise ApiError(415, "not_an_image", "Gửi ảnh JPEG hoặc PNG (image/*).")
    return request.get_data()


@bp.post("/api/scan")
@require("station", "organiser")
def post_scan():
    try:
        found = scan.decode_bytes(uploaded_image(), scan.parse_region(request.args.get("region")))
    except scan.NotAnImage:
        raise ApiError(415, "not_an_image", "Không giải mã được ảnh (không phải ảnh?).") from None
    ignore = request.args.get("ignore", "").upper()
    if ignore:
        # the badge the kiosk has just answered for, still held up: no new check-in
        found = [f for f in found if f.text.upper().split(".")[0] != ignore]
    if not found:
        return jsonify({"result": "no_code", "label": "Chưa thấy mã QR"})
    answer = decide(found[0].text, dict(request.args), "camera")
    answer["region"] = list(found[0].region)  # a hint for the next frame
    return jsonify(answer)


@bp.get("/api/delegates")
@require("station", "organiser")
def search():
    query = request.args.get("q", "")[:100]
    words = fold(query).split()
    if not words:
        return jsonify({"query": query, "results": []})
    ses = session_for(request.args.get("session"))
    results = []
    for row in store.search_delegates(get_db(), words, ses["id"]):
        item = present.public_delegate(row)
        item["present_time"] = clock.local_hm(row["present_at"]) if row["present_at"] else None
        results.append(item)
    return jsonify({"query": query, "session": ses["id"], "results": results})


@bp.get("/api/stats")
@require("station", "organiser")
def stats():
    ses = session_for(request.args.get("session"))
    return jsonify(present.stats(get_db(), ses))


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok"})
