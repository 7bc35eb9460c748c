"""Who may use the hub, as an organiser changes it: a station's credential issued (shown
once) or revoked, a login created or reset, or removed; never the last organiser's.
Each in one transaction with its audit entry. The credentials themselves (hashes, the
login guard) are kiosk/accounts.py's."""

from badges.errors import NotFound

from .. import accounts
from .. import db as store
from ..core import audit
from .errors import Invalid, Missing, Refusal


def issue_station(db, name: str, by: tuple) -> str:
    """A new credential for station `name`; any earlier one stops working."""
    with store.immediate(db):
        token = accounts.issue_station_token(db, name)
        audit.record(db, *by, "station.issue", name)
    return token


def revoke_station(db, name: str, by: tuple) -> None:
    with store.immediate(db):
        try:
            accounts.revoke_station(db, name)
        except NotFound as exc:
            raise Missing(str(exc)) from None
        audit.record(db, *by, "station.revoke", name)


def renew_share(db, by: tuple) -> str:
    """The projector's share link made anew (a link handed around, a screen left in the
    wrong room): the old one stops working; the new secret."""
    with store.immediate(db):
        token = accounts.renew_share_token(db)
        audit.record(db, *by, "share.renew", "projector")
    return token


def set_login(db, name: str, password: str | None, role: str, by: tuple) -> tuple:
    """Create a login or reset it (password, role); (the password, whether it existed)."""
    with store.immediate(db):
        was = accounts.login_state(db, name)
        if was and was["role"] == "organiser" and role != "organiser":
            _keep_an_organiser(db, name)
        try:
            chosen = accounts.set_password(db, name, password, role)
        except accounts.BadLogin as exc:
            raise Invalid(str(exc).capitalize(), exc.field) from None
        audit.record(db, *by, "user.set", name, {"role": was["role"] if was else None},
                     {"role": role}, "mật khẩu đặt lại")
    return chosen, was is not None


def remove_login(db, name: str, by: tuple) -> None:
    with store.immediate(db):
        was = accounts.login_state(db, name)
        if was and was["role"] == "organiser":
            _keep_an_organiser(db, name)
        try:
            accounts.remove_user(db, name)
        except NotFound as exc:
            raise Missing(str(exc)) from None
        audit.record(db, *by, "user.remove", name, {"role": was["role"] if was else None},
                     {"role": None})


def _keep_an_organiser(db, leaving: str) -> None:
    if not any(u["role"] == "organiser" and u["username"] != leaving
               for u in accounts.list_users(db)):
        raise Refusal("Đây là tài khoản Ban Tổ chức cuối cùng: tạo một tài khoản Ban Tổ chức "
                      "khác trước.", reason="last_organiser")
