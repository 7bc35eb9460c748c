"""The JSON API: check-ins, camera scans, search, stats, health."""

from flask import Blueprint, current_app, g, jsonify, request

from ...core import clock, decision
from ...qr import images
from ...services import search as finding
from .. import shapes
from ..access import AT_THE_DOOR, HELP_DESK, require
from ..checks import attempt_problem, id_problem, json_body, session_for
from ..errors import ApiError
from ..shared import get_db, shared

bp = Blueprint("api", __name__)


def record_attempt(text: str, body: dict, method: str) -> dict:
    """Hand a check-in to the batcher and shape its answer."""
    # a named session is checked by the batcher itself (attempt_problem: a string); only
    # the default needs a lookup here
    session_id = body.get("session") or session_for(None)["id"]
    problem = id_problem(body.get("id"))  # a camera frame's id comes in the query string
    if problem:
        raise ApiError(400, *problem)
    attempt = decision.Attempt(text, session_id, g.caller.name, method, body.get("id"),
                               confirmed=body.get("confirm") is True)
    result, counts = shared().batcher.check_in(attempt, g.caller.credential)
    return shapes.outcome(result, counts)


@bp.post("/api/checkins")
@require(*AT_THE_DOOR, rechecked=True)
def post_checkin():
    body = json_body()
    problem = attempt_problem(body)
    if problem:
        raise ApiError(400, *problem)
    return jsonify(record_attempt(body["code"], body, body.get("method", "scan")))


@bp.post("/api/checkins/<checkin_id_>/undo")
@require(*HELP_DESK)
def undo_checkin(checkin_id_):
    reason = (json_body() if request.content_length else {}).get("reason")
    if reason is not None and (not isinstance(reason, str) or len(reason) > 200):
        raise ApiError(400, "bad_reason", "'reason' phải là chuỗi, tối đa 200 ký tự.")
    if not (reason or "").strip():  # the record says why a person was taken off the count
        raise ApiError(400, "reason_required",
                       "Ghi lý do hủy lượt (ví dụ: quét nhầm người) trước khi hủy.")
    result, counts = shared().batcher.undo(checkin_id_, g.caller.name,
                                           reason.strip() if reason else None,
                                           role=g.caller.role)
    return jsonify(shapes.outcome(result, counts))


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
@require(*AT_THE_DOOR)
def post_scan():
    try:
        hint = images.parse_region(request.args.get("region"))
        found, seen = images.decode_bytes(uploaded_image(), hint)
    except images.NotAnImage:
        raise ApiError(415, "not_an_image", "Không giải mã được ảnh (không phải ảnh?).") from None
    except images.TooLarge as exc:
        raise ApiError(413, "image_too_large", f"{str(exc).capitalize()}.") from None
    except images.Busy:
        raise ApiError(503, "decoder_busy", "Hub đang bận giải mã ảnh khác; thử lại.") from None
    ignore = request.args.get("ignore", "").upper()
    if ignore:
        # the badge the kiosk has just answered for, still held up: no new check-in
        found = [f for f in found if finding.code_of(f.text) != ignore]
    if not found:
        # seen: something code-like was in the frame; a kiosk sends frames less often
        # while nothing is
        return jsonify({"result": "no_code", "label": "Chưa thấy mã QR", "seen": seen})
    answer = record_attempt(found[0].text, dict(request.args), "camera")
    answer["region"] = list(found[0].region)  # a hint for the next frame
    return jsonify(answer)


SEARCH_SHOWN = 20  # names a kiosk lists at once; "total" says how many matched


@bp.get("/api/delegates")
@require(*AT_THE_DOOR)
def search():
    query = request.args.get("q", "")[:100]
    words = finding.words_of(query)
    if not words:
        return jsonify({"query": query, "results": []})
    ses = session_for(request.args.get("session"))
    found, total = finding.at_the_door(get_db(), words, ses["id"], SEARCH_SHOWN)
    results = []
    for row in found:
        item = shapes.public_delegate(row)
        item["present_time"] = clock.local_hm(row["present_at"]) if row["present_at"] else None
        results.append(item)
    # how many matched in all, so the page can say that more are not shown
    return jsonify({"query": query, "session": ses["id"], "results": results,
                    "total": total})


@bp.get("/api/stats")
@require(*AT_THE_DOOR)
def stats():
    ses = session_for(request.args.get("session"))
    return jsonify(shapes.stats(get_db(), ses))


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok"})


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for it on every page; a tab among many is found by it."""
    return current_app.send_static_file("favicon.ico")
