"""Access control for views: who may call what.

A caller is a station (bearer token, or the kiosk page's session cookie after it was
opened with the token) or an organiser (login). Cookie-authenticated writes must
carry the CSRF token in the X-CSRFToken header; bearer-token calls need none.
"""

from dataclasses import dataclass
from functools import wraps

from flask import current_app, g, request, session
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError

from . import auth
from .errors import ApiError
from .hub import get_db


@dataclass(frozen=True)
class Caller:
    role: str  # 'station', 'organiser' or 'viewer' (the projector's share link)
    name: str
    by_cookie: bool


def identify():
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        station = auth.station_for_token(get_db(), header[7:].strip())
        return Caller("station", station["name"], False) if station else None
    if session.get("organiser"):
        return Caller("organiser", session["organiser"], True)
    if session.get("viewer") and auth.share_is_live(get_db(), session["viewer"]):
        return Caller("viewer", "projector", True)
    if session.get("station"):
        # the cookie's station must still hold a live token
        if auth.station_is_live(get_db(), session["station"], session.get("token_hash")):
            return Caller("station", session["station"], True)
    return None


def require(*roles):
    """API views: 401 without credentials, 403 with the wrong ones, CSRF on cookie writes."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            caller = identify()
            if caller is None:
                raise ApiError(401, "unauthorized",
                               "Cần mã trạm (Authorization: Bearer ...) hoặc đăng nhập.")
            if caller.role not in roles:
                raise ApiError(403, "forbidden", "Chỉ Ban Tổ chức được thực hiện thao tác này.")
            if caller.by_cookie and request.method not in ("GET", "HEAD", "OPTIONS"):
                try:
                    validate_csrf(request.headers.get("X-CSRFToken", ""),
                                  secret_key=current_app.secret_key)
                except ValidationError:
                    raise ApiError(400, "csrf",
                                   "Thiếu hoặc sai mã CSRF; hãy tải lại trang.") from None
            g.caller = caller
            return view(*args, **kwargs)

        return wrapper

    return decorate
