"""The pages people look at: the kiosk screen and the organisers' login."""

import math

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    send_from_directory,
    session,
    url_for,
)

from ... import accounts, keys
from ...core import clock
from .. import access, nav
from ..access import AT_THE_DOOR, identify
from ..pages import render_page
from ..shared import get_db, shared

bp = Blueprint("screen", __name__)
# the organisers' and the desk's pages draw their navigation bar from this (_nav.html)
bp.add_app_template_global(nav.links, "nav_links")

# Where each caller works: the page a login lands on (unless `next` names one within the
# site) and the one "/" leads to. The projector's link and login see the projector.
HOME = {"organiser": "admin.page", "desk": "admin.page", "volunteer": "screen.kiosk",
        "viewer": "dashboard.projector", "station": "screen.kiosk",
        "share": "dashboard.projector", "head": "delegation.page"}


@bp.get("/")
def index():
    caller = identify()
    if caller is None:
        return redirect(url_for("screen.login"))
    return redirect(url_for(HOME[caller.role]))


@bp.get("/kiosk")
def kiosk():
    token = request.args.get("token")
    if token:
        # Opened with a station credential: remember it in the session cookie and
        # drop it from the address bar so it does not linger in history.
        station = accounts.station_for_token(get_db(), token)
        if station is None:
            return render_template("need_credential.html", bad_token=True), 401
        session.clear()
        session.permanent = True
        session.update(station=station["name"], token_hash=accounts.token_hash(token))
        return redirect(url_for("screen.kiosk"))
    caller = identify()
    if caller is None:
        return render_template("need_credential.html", bad_token=False), 401
    if caller.role not in AT_THE_DOOR:  # the projector's link or login: its own page
        return redirect(url_for("dashboard.projector"))
    return render_page(
        "kiosk.html", caller=caller,
        reset_ms=int(current_app.config["KIOSK_RESET_SECONDS"] * 1000),
        upstream=current_app.config.get("UPSTREAM"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", error=None)
    guard = shared().logins
    username, address = request.form.get("username", ""), request.remote_addr or ""
    wait = guard.wait_for(address, username)
    if wait > 0:
        error = f"Sai mật khẩu quá nhiều lần; thử lại sau {math.ceil(wait / 60)} phút."
        return render_template("login.html", error=error), 429
    wait = guard.hash_wait(address)  # refused before the hash, whatever the name
    if wait > 0:
        error = (f"Máy chủ đang nhận quá nhiều lượt đăng nhập sai; thử lại sau "
                 f"{math.ceil(wait)} giây.")
        return render_template("login.html", error=error), 429
    login = accounts.check_login(get_db(), username, request.form.get("password", ""))
    if login is None:
        guard.failed(address, username)
        return render_template("login.html", error="Sai tên đăng nhập hoặc mật khẩu."), 401
    guard.succeeded(address, username)
    session.clear()
    session.permanent = True
    # a login that sees personal data lasts a working day, checked on every request
    # (access.identify); the kiosk and the projector keep the cookie's three days
    until = clock.utcnow() + access.login_lifetime(login["role"])
    session.update(user=username, epoch=login["epoch"], until=int(until.timestamp()))
    return redirect(_local_path(request.args.get("next")) or url_for(HOME[login["role"]]))


def _local_path(target: str | None) -> str | None:
    """`next` only within this site: a login must not send anyone elsewhere. No control
    character or space at all: a browser drops a tab or a newline from an address, so
    '/\\t/evil.example' would become '//evil.example', another site."""
    if target and target.startswith("/") and not target.startswith("//") \
            and "\\" not in target and not any(ord(c) <= 32 or ord(c) == 127 for c in target):
        return target
    return None


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("screen.login"))


@bp.get("/ca.pem")
def ca_certificate():
    """The event's own certificate authority (public), for a phone to trust once so that
    the hub's HTTPS address opens and its camera works (kiosk/tls.py)."""
    path = keys.folder_for(current_app.config["DATABASE"]) / "tls-ca.pem"
    if not path.exists():
        abort(404)
    return send_file(path, mimetype="application/x-x509-ca-cert", as_attachment=True,
                     download_name="diem-danh-ca.crt")


@bp.get("/fonts/<name>")
def font(name):
    """The interface font, served from the installed package: no CDN at the venue."""
    import fontpkg_be_vietnam_pro as bvp

    if name not in ("BeVietnamPro-Regular.ttf", "BeVietnamPro-Bold.ttf"):
        abort(404)
    return send_from_directory(bvp.ROOT / "files", name, max_age=86400)
