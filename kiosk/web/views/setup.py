"""Organisers' setup (/admin/setup): the doors' station credentials (issued and shown
once, also as a QR code a phone's camera opens already paired; each one's last contact;
revoked at once) and the logins with their roles. Each change in the audit trail."""

import base64
import re

import qrcode
import qrcode.image.svg
from flask import Blueprint, current_app, g, jsonify, redirect, request, url_for

from badges.errors import BadgesError, NotFound

from ... import accounts
from ... import db as store
from .. import trail
from ..access import ORGANISERS, identify, require
from ..checks import json_body
from ..errors import ApiError
from ..pages import render_page
from ..shared import get_db, shared

bp = Blueprint("setup", __name__)
STATION_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


@bp.get("/admin/setup")
def page():
    caller = identify()
    if caller is None or caller.role not in ORGANISERS:
        return redirect(url_for("screen.login", next=request.path))
    return render_page("setup.html", caller=caller, roles=accounts.ROLES,
                       categories=store.list_categories(get_db()))


# --- stations ----------------------------------------------------------------------

@bp.get("/api/admin/stations")
@require(*ORGANISERS)
def stations():
    rows = store.stations(get_db())
    live = {s["station"]: s for s in shared().doors.status(
        [r["name"] for r in rows if not r["revoked_at"]])}
    return jsonify({"stations": [
        {"name": r["name"], "created_at": r["created_at"], "revoked": bool(r["revoked_at"]),
         "seconds_ago": live.get(r["name"], {}).get("seconds_ago")} for r in rows]})


def pairing_url(token: str) -> str:
    """The kiosk page with this credential, on HTTPS when the hub serves it (a phone's
    camera needs it), else on the address this page was opened at."""
    host = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
    tls_port = current_app.config.get("TLS_PORT")
    base = f"https://{host}:{tls_port}" if tls_port and not request.is_secure \
        else request.host_url.rstrip("/")
    return f"{base}/kiosk?token={token}"


def qr_data_url(text: str) -> str:
    """A QR code of `text` as an SVG data address (the page's img-src allows data:)."""
    svg = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


@bp.post("/api/admin/stations")
@require(*ORGANISERS)
def issue_station():
    """A new credential (any earlier one of that station stops working): shown in this
    answer only, never again."""
    name = json_body().get("name")
    if not isinstance(name, str) or not STATION_NAME.match(name):
        raise ApiError(400, "invalid", "Tên trạm: chữ thường không dấu, số và '-', tối đa 32 "
                       "ký tự (ví dụ cua-chinh-1).", "name")
    db = get_db()
    with store.immediate(db):
        token = accounts.issue_station_token(db, name)
        trail.record(db, "station.issue", name)
    link = pairing_url(token)
    return jsonify({"name": name, "token": token, "url": link, "qr": qr_data_url(link),
                    "https": link.startswith("https://")}), 201


@bp.post("/api/admin/stations/<name>/revoke")
@require(*ORGANISERS)
def revoke_station(name):
    db = get_db()
    try:
        with store.immediate(db):
            accounts.revoke_station(db, name)
            trail.record(db, "station.revoke", name)
    except NotFound as exc:
        raise ApiError(404, "not_found", str(exc)) from None
    return jsonify({"name": name, "revoked": True})


# --- logins --------------------------------------------------------------------------

@bp.get("/api/admin/users")
@require(*ORGANISERS)
def users():
    return jsonify({"users": [{"name": u["username"], "role": u["role"],
                               "created_at": u["created_at"]}
                              for u in accounts.list_users(get_db())]})


@bp.post("/api/admin/users")
@require(*ORGANISERS)
def set_user():
    """A login created, or its password reset (and its role changed); a generated
    password is in this answer only."""
    body = json_body()
    name, role, password = body.get("name"), body.get("role"), body.get("password") or None
    if not isinstance(name, str):
        raise ApiError(400, "invalid", "Cần tên đăng nhập.", "name")
    if role not in accounts.ROLES:
        raise ApiError(400, "invalid", "Chọn một vai trò: " + ", ".join(accounts.ROLES) + ".",
                       "role")
    if password is not None and not isinstance(password, str):
        raise ApiError(400, "invalid", "Mật khẩu phải là chữ.", "password")
    db = get_db()
    try:
        with store.immediate(db):
            was = accounts.login_state(db, name)
            if was and was["role"] == "organiser" and role != "organiser":
                _keep_an_organiser(db, name)
            chosen = accounts.set_password(db, name, password, role)
            trail.record(db, "user.set", name, {"role": was["role"] if was else None},
                         {"role": role}, "mật khẩu đặt lại")
    except BadgesError as exc:
        raise ApiError(400, "invalid", str(exc).capitalize(),
                       "password" if "mật khẩu" in str(exc) else "name") from None
    answer = {"name": name, "role": role, "ended_sessions": was is not None}
    if password is None:
        answer["password"] = chosen  # shown once
    return jsonify(answer), 201


@bp.post("/api/admin/users/<name>/remove")
@require(*ORGANISERS)
def remove_user(name):
    db = get_db()
    try:
        with store.immediate(db):
            was = accounts.login_state(db, name)
            if was and was["role"] == "organiser":
                _keep_an_organiser(db, name)
            accounts.remove_user(db, name)
            trail.record(db, "user.remove", name, {"role": was["role"] if was else None},
                         {"role": None})
    except NotFound as exc:
        raise ApiError(404, "not_found", str(exc)) from None
    return jsonify({"name": name, "removed": True, "self": name == g.caller.name})


def _keep_an_organiser(db, leaving: str) -> None:
    others = [u for u in accounts.list_users(db)
              if u["role"] == "organiser" and u["username"] != leaving]
    if not others:
        raise ApiError(409, "last_organiser", "Đây là tài khoản Ban Tổ chức cuối cùng: tạo "
                       "một tài khoản Ban Tổ chức khác trước.")
