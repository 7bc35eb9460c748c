"""The hub's side of the entrance stations, as a service: the replica a door verifies
badges with (sealed: core/roster_copy.py), which of its answered check-ins this hub
still holds, whether the hub's roster is behind a door's, and a door's sealed roster
taken back (a spare started from an older backup) in one transaction with its audit
entry. No Flask here."""

from .. import db as store
from ..core import audit, roster_copy
from ..core.refusal import Refusal
from .errors import Invalid


def replica(db, have: str | None) -> dict:
    """{"version", "mark", "presence"} and, unless the door already `have`s this version,
    the roster and its seal."""
    with store.reading(db):
        roster, mark = store.roster(db), store.roster_mark(db)
        presence = store.live_presence_rows(db)
    version = roster_copy.version(roster)
    body = {"version": version, "mark": mark, "presence": presence}
    if have != version:
        body.update(roster)
        body["seal"] = roster_copy.seal(store.get_secret(db, "badge_key"), mark, version)
    return body


def missing(db, ids: list) -> list:
    """Which of these check-in ids this hub's log lacks."""
    have = store.ids_held(db, ids)
    return [i for i in ids if i not in have]


def behind(db, mark) -> bool:
    """Whether this hub's roster is older than a door's (its mark, if it sent one)."""
    return isinstance(mark, int) and mark > store.roster_mark(db)


def sessions(db) -> list:
    return store.list_sessions(db)


class Clash(Refusal):
    """The door's roster gives an id this hub has since given to someone else."""
    reason = "roster_conflict"


def restore_roster(db, copy: dict, station: str) -> dict:
    """{"applied", "mark"}: the door's copy taken back when it is this event's, sealed,
    and newer than what the hub holds; a copy no newer changes nothing."""
    if not roster_copy.genuine(store.get_secret(db, "badge_key"), copy):
        raise Invalid("Bản danh sách của trạm không đúng dấu của hub này: không nhận.", "seal")
    with store.immediate(db):
        if int(copy["mark"]) <= store.roster_mark(db):
            return {"applied": False, "mark": store.roster_mark(db)}
        clash = store.roster_conflicts(db, copy["roster"].get("delegates") or [])
        if clash:
            raise Clash(f"Hub đã cấp mã số của đại biểu {', '.join(clash[:5])} cho người khác "
                        "từ bản sao lưu: cần Ban Tổ chức xem lại trước khi nhận danh sách của "
                        "trạm.")
        store.restore_roster(db, copy["roster"], int(copy["mark"]))
        audit.record(db, station, "station", "roster.restored", None, None,
                     {"mark": int(copy["mark"])},
                     f"danh sách đại biểu đến mốc {copy['mark']} lấy lại từ trạm {station}")
    return {"applied": True, "mark": store.roster_mark(db)}
