"""Request checks shared by the API's blueprints: a JSON body, a check-in's fields, a
session named in the request. Each refusal is an `ApiError` with its reason code."""

import json
import re

from flask import request

from ..services import lookups
from .errors import ApiError
from .shared import get_db

ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
SENT_METHODS = {"scan", "typed", "search", "camera", "desk"}  # what a door may send
MAX_CODE = 512
MAX_SESSION = 64


def json_body() -> dict:
    """The request's JSON object. Refused before anything else sees it: not JSON, nested
    too deep to parse, or text that is not Unicode (a lone surrogate such as "\\ud800",
    which JSON allows and no database column can hold)."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        body = None
    if not isinstance(body, dict):
        raise ApiError(400, "bad_json", "Nội dung phải là một đối tượng JSON.")
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, RecursionError):
        raise ApiError(400, "bad_json", "Nội dung JSON có ký tự không hợp lệ "
                       "hoặc lồng nhau quá sâu.") from None
    return body


def session_for(requested) -> dict:
    """The session named in a request, or the one in progress by the schedule
    (services/lookups.py refuses an unknown one)."""
    return lookups.session_or_current(get_db(), requested)


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
    method = body.get("method", "scan")
    if not isinstance(method, str) or method not in SENT_METHODS:
        return "bad_method", f"'method' phải là một trong {sorted(SENT_METHODS)}."
    session = body.get("session")
    if session is not None and (not isinstance(session, str) or len(session) > MAX_SESSION):
        return "unknown_session", "'session' phải là mã phiên (chuỗi)."
    for flag in ("confirm", "confirmed"):
        if not isinstance(body.get(flag, False), bool):
            return "bad_confirm", f"'{flag}' phải là true hoặc false."
    return None
