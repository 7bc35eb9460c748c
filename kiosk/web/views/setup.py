"""Organisers' setup (/admin/setup): the doors' station credentials (issued and shown
once, also as a QR code a phone's camera opens already paired; each one's last contact;
revoked at once), the logins with their roles, and the event (sessions and their times,
who is summoned, categories and colours, the roster upload with the same all-or-nothing
report as `badges import`), the hall (its plan, seats given by protocol), the honours'
order, and the event's settings (names, organiser, place; the report's kind, its Quy
chế and quorum; the vote rule and the planned motions: services/settings.py). Each
change in the audit trail. Reads and writes through kiosk/services only."""

import base64
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import qrcode
import qrcode.image.svg
from flask import Blueprint, current_app, g, jsonify, request, url_for

from ... import accounts, tls
from ...services import event as the_event
from ...services import hall as hall_service
from ...services import logins, settings
from ...services import setup as reads
from .. import trail
from ..access import ORGANISERS, page_for, require
from ..checks import json_body
from ..errors import ApiError
from ..pages import render_page
from ..shared import get_db, shared

bp = Blueprint("setup", __name__)
STATION_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


@bp.get("/admin/setup")
@page_for(*ORGANISERS)
def page(caller):
    return render_page("setup.html", caller=caller, roles=accounts.ROLES)


# --- stations ----------------------------------------------------------------------

@bp.get("/api/admin/stations")
@require(*ORGANISERS)
def stations():
    rows = reads.stations(get_db())
    live = {s["station"]: s for s in shared().doors.status(
        [r["name"] for r in rows if not r["revoked_at"]])}
    return jsonify({"stations": [
        {"name": r["name"], "created_at": r["created_at"], "revoked": bool(r["revoked_at"]),
         "seconds_ago": live.get(r["name"], {}).get("seconds_ago")} for r in rows]})


def pairing_url(token: str) -> str:
    """The kiosk page with this credential, on HTTPS when the hub serves it (a phone's
    camera needs it), else on the address this page was opened at. A page opened on the
    hub itself (127.0.0.1) of a hub that listens on the venue network pairs phones to the
    hub's venue address, which its certificate covers (tls.addresses)."""
    tls_port = current_app.config.get("TLS_PORT")
    if not tls_port or request.is_secure:
        return f"{request.host_url.rstrip('/')}/kiosk?token={token}"
    host = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
    loopback = ("localhost", "127.0.0.1", "[::1]", "::1")
    if host in loopback and current_app.config.get("BIND_HOST") not in loopback:
        venue = [a for a in tls.addresses() if a.count(".") == 3 and not a.startswith("127.")]
        host = venue[0] if venue else host
    return f"https://{host}:{tls_port}/kiosk?token={token}"


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
    token = logins.issue_station(get_db(), name, trail.by())
    link = pairing_url(token)
    return jsonify({"name": name, "token": token, "url": link, "qr": qr_data_url(link),
                    "https": link.startswith("https://")}), 201


@bp.post("/api/admin/stations/<name>/revoke")
@require(*ORGANISERS)
def revoke_station(name):
    logins.revoke_station(get_db(), name, trail.by())
    return jsonify({"name": name, "revoked": True})


# --- logins --------------------------------------------------------------------------

@bp.post("/api/admin/share/renew")
@require(*ORGANISERS)
def renew_share():
    """A new projector share link; the old one, and the projectors opened with it, stop."""
    token = logins.renew_share(get_db(), trail.by())
    return jsonify({"url": url_for("dashboard.share", token=token, _external=True)})


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
    chosen, existed = logins.set_login(get_db(), name, password, role, trail.by())
    answer = {"name": name, "role": role, "ended_sessions": existed}
    if password is None:
        answer["password"] = chosen  # shown once
    return jsonify(answer), 201


@bp.post("/api/admin/users/<name>/remove")
@require(*ORGANISERS)
def remove_user(name):
    logins.remove_login(get_db(), name, trail.by())
    return jsonify({"name": name, "removed": True, "self": name == g.caller.name})


# --- the event: sessions, categories, the roster ------------------------------------

@bp.get("/api/admin/event")
@require(*ORGANISERS)
def event():
    return jsonify(reads.event(get_db()))


@bp.get("/api/admin/settings")
@require(*ORGANISERS)
def event_settings():
    """The event's settings as the page shows them, with what is used when one is unset."""
    return jsonify(settings.current(get_db()))


@bp.post("/api/admin/settings")
@require(*ORGANISERS)
def save_settings():
    """Any of name, short_name, organiser, venue, place, report_kind, rules,
    rules_article, quorum, vote_rule, motions: all checked, then written together (a
    refusal names its field and writes nothing). Answers as GET does."""
    return jsonify(settings.save(get_db(), json_body(), trail.by()))


@bp.post("/api/admin/sessions/<session_id>")
@require(*ORGANISERS)
def save_session(session_id):
    """A session's name, times (Hà Nội) and who is summoned ("all" or category ids); a new
    one when the id is new. Open kiosks follow within seconds."""
    body = json_body()
    summon = body.get("summoned")
    if isinstance(summon, list) and all(isinstance(c, str) for c in summon):
        summon = ",".join(summon)
    elif summon is not None and summon != "all":
        raise ApiError(400, "invalid", "'summoned' phải là \"all\" hoặc danh sách mã thành "
                       "phần.", "summoned")
    texts = {k: body.get(k) for k in ("name", "starts", "ends")}
    for key, value in texts.items():
        if value is not None and not isinstance(value, str):
            raise ApiError(400, "invalid", f"'{key}' phải là chữ.", key)
    row = the_event.save_session(get_db(), session_id, texts["name"], texts["starts"],
                                 texts["ends"], summon, trail.by())
    return jsonify({"id": session_id, "name": row["name"]})


@bp.post("/api/admin/categories")
@require(*ORGANISERS)
def add_category():
    body = json_body()
    made = the_event.add_category(get_db(), body.get("name"), body.get("color", "#37474F"),
                                  body.get("delegate") is True, trail.by())
    return jsonify(made), 201


@bp.post("/api/admin/categories/<cat_id>")
@require(*ORGANISERS)
def recolour(cat_id):
    color = the_event.recolour_category(get_db(), cat_id, json_body().get("color"), trail.by())
    return jsonify({"id": cat_id, "color": color})


@contextmanager
def _uploaded(what: str, stem: str):
    """The request's file (CSV or XLSX) in a temporary folder while the caller reads it:
    (its path, its name as the user knows it)."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ApiError(400, "invalid", f"Chọn tệp {what} (.xlsx hoặc .csv).", "file")
    suffix = Path(upload.filename).suffix.lower()
    if suffix not in (".xlsx", ".csv", ".txt", ".xls", ".xlsm"):
        raise ApiError(415, "invalid", "Chỉ nhận tệp .xlsx hoặc .csv.", "file")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{stem}{suffix}"
        upload.save(path)
        yield path, upload.filename[:100]


@bp.post("/api/admin/roster")
@require(*ORGANISERS)
def upload_roster():
    """A roster file (CSV or XLSX, as offices make them) applied all or nothing, with the
    same report as `badges import`; "add_only" adds without listing anyone as missing."""
    add_only = request.form.get("add_only") in ("1", "true", "on")
    with _uploaded("danh sách", "danh-sach") as (path, shown):
        report = the_event.upload_roster(get_db(), path, shown, add_only, trail.by())
    answer = {"applied": report.applied, "created": report.created, "updated": report.updated,
              "unchanged": report.unchanged, "missing": [
                  {"code": c, "name": n} for c, n in report.missing],
              "errors": [str(p) for p in report.errors[:200]],
              "error_count": len(report.errors), "warnings": [str(p) for p in report.warnings[:50]]}
    return jsonify(answer), 200 if report.applied else 422


# --- the hall ------------------------------------------------------------------------

@bp.get("/api/admin/hall")
@require(*ORGANISERS)
def hall():
    return jsonify(reads.hall(get_db()))


@bp.post("/api/admin/hall/plan")
@require(*ORGANISERS)
def save_hall_plan():
    """The hall's plan from a spreadsheet (a line per row of seats: Khu, Hàng, Số ghế,
    Dành cho) or from counts ({"make": "A:2x20,B:12x30"})."""
    if request.files:
        with _uploaded("sơ đồ hội trường", "so-do") as (path, shown):
            return jsonify(hall_service.save_plan(get_db(), trail.by(), path=path,
                                                  shown_name=shown))
    spec = request.form.get("make") if request.form else json_body().get("make")
    if not isinstance(spec, str) or not spec.strip():
        raise ApiError(400, "invalid", "Cần sơ đồ: chọn tệp, hoặc ghi số hàng và ghế "
                       "(ví dụ A:2x20,B:12x30).", "make")
    return jsonify(hall_service.save_plan(get_db(), trail.by(), spec=spec[:200]))


@bp.post("/api/admin/hall/assign")
@require(*ORGANISERS)
def assign_seats():
    """Seats given by protocol, keeping those set by hand: what was done in a sentence,
    who has none, who was seated, and who was moved from a seat their printed badge may
    show, each named with their code ("line": 'Nguyễn Văn A (CN012): C05-12 → C06-01')."""
    db = get_db()
    outcome = hall_service.assign(db, trail.by())
    return jsonify({
        "summary": outcome.summary(),
        "moved": [{"code": c, "name": outcome.names.get(c), "was": old, "seat": new,
                   "line": line} for (c, old, new), line in zip(outcome.moved, outcome.moves())],
        "seated": [{"code": c, "name": outcome.names.get(c), "seat": seat, "line": line}
                   for (c, seat), line in zip(outcome.seated, outcome.given())],
        "placed": len(outcome.placed), "kept": len(outcome.kept),
        "unplaced": [{"code": c, "name": n} for c, n in outcome.unplaced],
        "outside": [{"code": c, "seat": s} for c, s in outcome.outside],
        "twice": [{"seat": s, "codes": codes} for s, codes in outcome.twice],
        "hall": reads.hall(db)})
