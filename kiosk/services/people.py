"""The help desk's changes to the roster: a walk-in added (its code and badge issued),
an edit, a withdrawal with its reason and its reversal, a lost badge reissued. Each in
one transaction with its audit entry."""

from badges import codes, people

from .. import db as store
from ..core import audit
from . import lookups
from .desk import reason_given
from .errors import Invalid, from_the_roster

EDITABLE = people.EDITABLE


def add(db, fields: dict, same_name_ok: bool, by: tuple) -> dict:
    """A walk-in or a late registration: the delegate row, with `payload` (the badge's QR
    text). SameName when an active delegate has that name, unless `same_name_ok`."""
    with from_the_roster(), store.immediate(db):
        person = people.add(db, fields, same_name_ok)
        audit.record(db, *by, "delegate.add", person["code"], None, fields)
    return person


def edit(db, code: str, fields: dict, by: tuple, profile_fields: tuple = ()) -> tuple:
    """Some fields changed, of the profile only those in `profile_fields`; (before,
    after) of those that did (the trail withholds the personal values, core/audit.py)."""
    with from_the_roster(), store.immediate(db):
        before, after = people.edit(db, code, fields, profile_fields)
        if after:
            audit.record(db, *by, "delegate.edit", codes.normalise_code(code), before, after)
    return before, after


def withdraw(db, code: str, reason, by: tuple) -> dict:
    """Out of the list: refused at every door, out of the counts; says why."""
    reason = reason_given(reason, "withdraw")
    return _set_active(db, code, False, by, reason)


def restore(db, code: str, by: tuple) -> dict:
    return _set_active(db, code, True, by, None)


def _set_active(db, code: str, active: bool, by: tuple, reason: str | None) -> dict:
    code = codes.normalise_code(code)
    with from_the_roster(), store.immediate(db):
        before, after = people.set_active(db, code, active)
        audit.record(db, *by, "delegate.withdraw" if not active else "delegate.restore",
                     code, before, after, reason)
    return after


def reissue(db, code: str, by: tuple) -> str:
    """A lost badge: every earlier version revoked, the next one issued; the code."""
    with from_the_roster(), store.immediate(db):
        before = lookups.delegate(db, code)
        codes.revoke(db, code)
        audit.record(db, *by, "badge.reissue", before["code"],
                     {"badge_version": before["badge_version"]},
                     {"badge_version": before["badge_version"] + 1})
    return before["code"]


def set_head(db, code: str, head: bool, by: tuple) -> dict:
    """Delegate `code` made the head of their delegation (`head`), whoever was no longer;
    or no longer its head. A withdrawn delegate, or one without a delegation, cannot be."""
    with store.immediate(db):
        person = lookups.delegate(db, code, active=True)
        if not person["delegation"]:
            raise Invalid(f"{person['name']} ({person['code']}) không thuộc đoàn nào (cột "
                          "Đoàn), nên không làm trưởng đoàn được.", "code")
        if person["delegation"] not in store.delegations(db):
            raise Invalid(f"'{person['delegation']}' không phải đoàn đại biểu (khách mời, báo "
                          "chí, ban tổ chức không có trưởng đoàn).", "code")
        was = lookups.delegation_head(db, person["delegation"])
        if head:
            store.set_head(db, person["delegation"], person["id"])
        elif was is not None and was["id"] == person["id"]:
            store.set_head(db, person["delegation"], None)
        now = lookups.delegation_head(db, person["delegation"])
        if (was or {}).get("code") != (now or {}).get("code"):
            audit.record(db, *by, "delegation.head", person["code"],
                         {"delegation": person["delegation"], "head": (was or {}).get("code")},
                         {"delegation": person["delegation"], "head": (now or {}).get("code")})
    return {"delegation": person["delegation"],
            "head": {"code": now["code"], "name": now["name"]} if now else None}


def heads(db) -> list:
    """Every delegation with its head (None where nobody is marked), in the official
    order of delegations."""
    held = store.delegation_heads(db)
    return [{"delegation": name, "head": {"code": held[name]["code"], "name": held[name]["name"]}
             if name in held else None} for name in lookups.delegations(db)]

