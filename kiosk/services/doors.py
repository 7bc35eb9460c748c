"""What the doors give back to a hub: a sealed roster newer than the hub's own (a spare
started from an older backup, core/roster_copy.py), checked and taken back in one
transaction with its audit entry. No Flask here."""

from .. import db as store
from ..core import audit, roster_copy
from ..core.refusal import Refusal
from .errors import Invalid


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
