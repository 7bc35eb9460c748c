"""What `kiosk demo` gives the MC to try (issue 30): the preparatory session that took place
earlier today, with its delegates checked in and its vote on the programme recorded; a
presidium and a secretariat; three speakers of the official session, each with a
reserve. Made once, when the demo event is created, through the same services the pages
and `kiosk presidium` use (audited as the demo)."""

from datetime import timedelta

from .. import db as store
from ..core import clock, decision
from ..services import mc, votes

BY = ("kiosk demo", "cli")
TOPICS = ("Chuyển đổi số trong giải quyết và chi trả chế độ bảo hiểm xã hội",
          "Phát triển người tham gia bảo hiểm xã hội tự nguyện ở địa bàn miền núi",
          "Giảm nợ đóng bảo hiểm xã hội, bảo hiểm y tế tại doanh nghiệp")


def populate(db) -> None:
    people = [dict(r) for r in db.query(
        "SELECT code, category_id FROM delegates WHERE active = 1 AND category_id NOT IN "
        "('bao-chi', 'ban-to-chuc') ORDER BY protocol_order IS NULL, protocol_order, code")]
    delegates = [p["code"] for p in people if p["category_id"] in ("tap-the", "ca-nhan")]
    _preparatory(db, [p["code"] for n, p in enumerate(people) if n % 14 != 13])
    # the sector's leaders preside, with the heads of two delegations; the guests sit in
    # the front row, not on the stage
    leaders = [p["code"] for p in people if p["category_id"] == "lanh-dao"]
    heads = [r["code"] for name, r in store.delegation_heads(db).items()
             if name.startswith("Đoàn ")]
    mc.set_presidium(db, {"chu-tich": leaders[:3] + heads[:2], "thu-ky": delegates[:2]}, BY)
    official = mc.session_of(db, "chinh-thuc")
    picked = delegates[10:16]
    mc.set_speakers(db, official, [
        {"code": code, "topic": topic, "minutes": 8 + 2 * n, "reserve": reserve}
        for n, (code, reserve, topic) in enumerate(zip(picked[0::2], picked[1::2], TOPICS))],
        BY)


def _preparatory(db, codes: list) -> None:
    """Those of `codes` the preparatory session summons checked in before its start, then
    its vote on the programme: all but two of those present for it, two abstaining."""
    session = store.session(db, "tru-bi")
    if session is None:
        return
    summoned = session["categories"]
    codes = [c for c in codes if summoned is None
             or store.delegate_by_code(db, c)["category_id"] in summoned]
    start = clock.parse(session["starts_at"])
    for n, code in enumerate(codes):
        at = clock.iso(start - timedelta(minutes=30) + timedelta(seconds=4 * n))
        decision.check_in(db, code, session["id"], "cua-chinh-1", "typed", at=at,
                          confirmed=True)
    present, _ = votes.present_now(db, session["id"])
    if present > 2:
        votes.record(db, session, votes.MOTIONS[0],
                     {"for": present - 2, "against": 0, "abstain": 2}, BY)
