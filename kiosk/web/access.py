"""Access control for views: who may call what.

A caller is a station (bearer token, or the kiosk page's session cookie after it was
opened with the token), a login with its role (organiser, desk, volunteer, viewer), or
the projector's share link. Cookie-authenticated writes must
carry the CSRF token in the X-CSRFToken header; bearer-token calls need none. A login's
cookie counts only while the account exists and its session epoch is the cookie's: a
password reset or a removed account ends it at the next request.

A station's credential is looked up in the database on every request, except on the
check-in route: there the batcher checks it again inside the transaction that records
the check-in, so the request may go on the batcher's list of live credentials and a
revoked token is still refused before anything is written.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from flask import current_app, g, redirect, request, session, url_for
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError

from badges.profile import FIELDS as PROFILE

from .. import accounts
from .. import db as store
from ..client import STATION_TIME
from ..core import clock
from .errors import ApiError
from .shared import get_db, shared

# Who may do what. A view names one of these groups; the table-driven test
# (tests/test_roles.py) holds every route against every role.
AT_THE_DOOR = ("station", "organiser", "desk", "volunteer")  # check in, search, counts
HELP_DESK = ("organiser", "desk")  # undo, phone numbers, the doors' status
ORGANISERS = ("organiser",)  # exports of personal data
# A delegation's head (issue 31), signed in by the delegation's link: its own people only
# (services/delegation.py); on the live stream, the counts only (views/live.py)
HEADS = ("head",)
WATCHING = AT_THE_DOOR + ("viewer", "share") + HEADS  # the live stream
COUNTS = ("organiser", "desk", "viewer", "share")  # the dashboard's figures
PERSONAL_DATA = HELP_DESK  # who sees phone numbers

# Who may see each field of a delegate (docs/security.md "Personal data"). What a badge
# shows (code, name, title, unit, delegation, seat, category) is for everyone at the door
# (shapes.PUBLIC_FIELDS); contact details for the help desk, who phone the absent; the
# profile the composition is made of for organisers only, ethnicity and Party membership
# being sensitive (Nghị định 356/2025/NĐ-CP, Điều 4). Stations, their replica, volunteers,
# viewers and share links never get more than the badge's fields.
FIELDS = {
    "phone": PERSONAL_DATA, "email": PERSONAL_DATA, "distinction": PERSONAL_DATA,
    "gender": ORGANISERS, "birth_year": ORGANISERS, "education": ORGANISERS,
    "ethnicity": ORGANISERS, "party": ORGANISERS,
}


def profile_fields_for(role: str) -> tuple:
    """The profile fields (badges/profile.py) `role` may see, and so edit."""
    return tuple(f for f in PROFILE if role in FIELDS[f])


def fields_for(role: str, row) -> dict:
    """The personal fields of `row` that `role` may see."""
    return {name: row.get(name) for name, roles in FIELDS.items() if role in roles}
# how long a login lasts: a working day for those who see personal data
LOGIN_HOURS = {"organiser": 12, "desk": 12, "volunteer": 72, "viewer": 72}


def login_lifetime(role: str) -> timedelta:
    return timedelta(hours=LOGIN_HOURS.get(role, 12))


@dataclass(frozen=True)
class Caller:
    # 'station' (a bearer token or the kiosk cookie it opened), a login's role
    # ('organiser', 'desk', 'volunteer', 'viewer'), 'share' (the projector link), or
    # 'head' (a delegation's link; `name` the delegation)
    role: str
    name: str
    by_cookie: bool
    credential: str | None = None  # a station's token hash (the batcher checks it), a head's link's
    epoch: str | None = None  # a login's session epoch
    clock_offset: object = None  # a station's clock ahead of the hub's (timedelta), if sent


def identify(rechecked: bool = False):
    """Who is asking, or None. `rechecked`: the batcher will check a station's
    credential again before recording anything, so its list of live ones will do."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return _station(None, accounts.token_hash(header[7:].strip()), False, rechecked)
    if session.get("user"):
        state = accounts.login_state(get_db(), session["user"])
        if state is None or state["epoch"] != session.get("epoch"):
            return None  # removed, or its password reset since this cookie was made
        until = session.get("until")
        if not isinstance(until, int) or until < clock.utcnow().timestamp() or \
                until > (clock.utcnow() + login_lifetime(state["role"])).timestamp():
            return None  # expired (or a role made shorter-lived since): log in again
        return Caller(state["role"], session["user"], True, epoch=state["epoch"])
    if session.get("viewer") and accounts.share_is_live(get_db(), session["viewer"]):
        return Caller("share", "projector", True)
    if session.get("head") and session.get("head_hash"):
        # a delegation head's phone: its link must still be the delegation's live one
        if store.delegation_of_link(get_db(), session["head_hash"]) != session["head"]:
            return None
        return Caller("head", session["head"], True, session["head_hash"])
    if session.get("station") and session.get("token_hash"):
        # the cookie's station must still hold the token the page was opened with
        return _station(session["station"], session["token_hash"], True, rechecked)
    return None


def _station(name, hashed, by_cookie, rechecked):
    known = shared().batcher.snapshot.stations.get(hashed) if rechecked else None
    if known is None:
        row = accounts.station_by_hash(get_db(), hashed)
        known = row["name"] if row else None
    if known is None or name not in (None, known):
        return None
    offset = station_offset()
    shared().doors.seen(known, offset)
    return Caller("station", known, by_cookie, hashed, clock_offset=offset)


def station_offset():
    """How far the calling station's clock is ahead of the hub's (a timedelta; negative:
    behind), from the X-Station-Time header its sync rounds send; None without one."""
    sent = clock.parse_aware(request.headers.get(STATION_TIME, "")[:40])
    return sent - clock.utcnow() if sent is not None else None


def require(*roles, rechecked=False):
    """API views: 401 without credentials, 403 with the wrong ones, CSRF on cookie writes.
    `rechecked`: the view records through the batcher, which checks the credential."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            caller = identify(rechecked)
            if caller is None:
                raise ApiError(401, "unauthorized",
                               "Cần mã trạm (Authorization: Bearer ...) hoặc đăng nhập.")
            if caller.role not in roles:
                raise ApiError(403, "forbidden", "Tài khoản này không được thực hiện thao tác "
                               "này.")
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


def page_for(*roles):
    """Pages (HTML): a caller without one of `roles` goes to the login form, which brings
    them back here; the view gets the caller as its first argument."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            caller = identify()
            if caller is None or caller.role not in roles:
                return redirect(url_for("screen.login", next=request.path))
            g.caller = caller
            return view(caller, *args, **kwargs)

        wrapper.roles = roles  # read by opens(): the one statement of who sees the page
        return wrapper

    return decorate


def opens(role: str, endpoint: str) -> bool:
    """Whether `role` may open the page at `endpoint`, as its view's page_for says (the
    navigation bar shows only those: web/nav.py)."""
    view = current_app.view_functions.get(endpoint)
    return role in getattr(view, "roles", ())


def credential_key(caller: Caller) -> tuple:
    """What a caller's access rests on: the key its open streams are counted and ended by."""
    if caller.role == "share":
        return ("share", session["viewer"])
    if caller.role in ("station", "head"):  # a head's: its link's hash
        return (caller.role, caller.name, caller.credential)
    return ("user", caller.name, caller.epoch, caller.role, session.get("until"))


def dead_credentials(db_path, keys: set) -> set:
    """Those of `keys` (credential_key) that no longer give access: a revoked station
    token, a removed login or a reset password, a share link that changed."""
    db = store.for_thread(db_path)
    tokens = store.live_station_tokens(db)
    dead = set()
    for key in keys:
        role = key[0]
        if role == "station":
            ok = tokens.get(key[2]) == key[1]
        elif role == "head":  # a delegation's link revoked, or issued anew
            ok = store.delegation_of_link(db, key[2]) == key[1]
        elif role == "user":
            ok = (accounts.login_state(db, key[1]) == {"epoch": key[2], "role": key[3]}
                  and key[4] >= clock.utcnow().timestamp())
        else:
            ok = accounts.share_is_live(db, key[1])
        if not ok:
            dead.add(key)
    return dead
