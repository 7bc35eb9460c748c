"""The awards nobody received on stage: for an absent recipient, who receives on their
behalf (nhận thay) or that the award is kept; a kept award handed over to the head of
the recipient's delegation after the ceremony; and the rolls those heads sign (PDF).
Each decision in one transaction with its audit entry; a decision that contradicts what
is recorded (an award handed, lined up on stage, handed over; a proxy walking twice) is
refused. No Flask here."""

from badges import awards as forms

from .. import db as store
from ..core import audit, clock
from ..core import ceremony as rules
from ..db import ceremony as lined
from ..reports import handover as roll_report
from . import lookups
from .errors import Invalid, Missing, Refusal

MAX_NAME = 200


def handover_rolls(db, delegation: str | None = None) -> dict:
    """The awards not handed on stage, per delegation (one when named), with the
    handovers recorded: delegation -> awards."""
    rolls = rules.for_delegations(store.honours(db), store.handed(db), store.handovers(db))
    if delegation is None:
        return rolls
    if delegation not in rolls:
        raise Missing(f"Đoàn '{delegation}' không có khen thưởng nào chờ bàn giao.")
    return {delegation: rolls[delegation]}


def hand_over(db, award_id: int, received_by, by: tuple, delegation: str | None = None) -> dict:
    """An award not handed on stage, given to the head of the recipient's delegation:
    who received it (as they sign the roll). The desk records any award not on stage;
    a head (`delegation`, issue 31 item 3) confirms "Đã nhận" only for an award of their
    own delegation (else 403 `forbidden`) that is kept for handover: the recipient absent,
    nobody receiving on their behalf, not handed over yet (else 409 `not_kept`)."""
    if not isinstance(received_by, str) or not received_by.strip() or \
            len(received_by) > MAX_NAME:
        raise Invalid(f"Ghi họ tên người nhận (tối đa {MAX_NAME} ký tự).", "received_by")
    received_by = " ".join(received_by.split())
    with store.immediate(db):
        award = store.award(db, award_id)
        if award is None:
            raise Missing(f"Không có khen thưởng số {award_id}.")
        was = store.handovers(db).get(award_id)
        if delegation is not None:
            _kept_for(db, award, was, delegation)
        _not_on_stage(db, award)
        store.record_handover(db, award_id, received_by, by[0])
        audit.record(db, *by, "award.handover", award["code"],
                     {"received_by": was["received_by"] if was else None},
                     {"received_by": received_by, "award": award["form"]},
                     "trưởng đoàn xác nhận đã nhận" if delegation is not None else None)
    return {"award_id": award_id, "received_by": received_by}


class NotKept(Refusal):
    """An award a head cannot sign for: handed on stage, received on the recipient's
    behalf, handed over already, or not (yet) kept for handover."""
    reason = "not_kept"


def _kept_for(db, award: dict, was: dict | None, delegation: str) -> None:
    """Refused unless the award is of `delegation` and kept for handover (the state
    services/delegation.py's page calls "kept")."""
    recipient = store.delegate_by_code(db, award["code"])
    if recipient is None or recipient["delegation"] != delegation:
        raise Refusal(f"Khen thưởng số {award['id']} không thuộc {delegation}: trưởng đoàn "
                      "chỉ ký nhận khen thưởng của đoàn mình.", "award", "forbidden")
    done = store.handed(db).get(award["id"])
    if done is not None:
        raise NotKept(f"{_on_stage(award, done)}{NOTHING_LEFT}", "award")
    if was is not None:
        raise NotKept(f"{_whose(award)} đã bàn giao cho đoàn ({was['received_by']}).", "award")
    if award["absence"] is None:
        raise NotKept(f"{_whose(award)} chưa được giữ lại để bàn giao: người nhận chưa được "
                      "ghi vắng mặt ở lễ trao.", "award")
    if award["absence"]["proxy_code"] is not None:
        raise NotKept(f"{_whose(award)} đã có người nhận thay trên sân khấu "
                      f"({award['absence']['proxy_code']}){NOTHING_LEFT}", "award")


NOTHING_LEFT = "; không có gì để bàn giao."


class NotCheckedIn(Refusal):
    """The proxy proposed has not checked in to the session: the desk confirms (they may
    be in the hall without having passed a door) or names someone else."""
    reason = "not_checked_in"


def receive_for(db, award_id: int, proxy_code, by: tuple, session: dict,
                confirmed: bool = False) -> dict:
    """For an absent recipient's award: `proxy_code` the delegate who receives on their
    behalf (nhận thay), or None to keep the award for a later handover. A proxy who has
    not checked in to `session` is refused with NotCheckedIn unless `confirmed`: who
    walks for an absent recipient must be in the hall (issue 27, item 6)."""
    with store.immediate(db):
        award = store.award(db, award_id)
        if award is None:
            raise Missing(f"Không có khen thưởng số {award_id}.")
        proxy, absent = None, False
        if proxy_code is not None:
            proxy = lookups.delegate(db, proxy_code, "proxy", Invalid, active=True)
            if proxy["id"] == award["delegate_id"]:
                raise Invalid("Người nhận thay phải là người khác.", "proxy")
        _not_on_stage(db, award)
        if proxy is not None:
            if award_id in store.handovers(db):
                raise Refusal(f"{_whose(award)} đã bàn giao cho đoàn; không mời lên sân khấu "
                              "nữa.", "proxy")
            _walks_once(db, award, proxy)
            absent = proxy["id"] not in store.live_presences(db, session["id"])
            if absent and not confirmed:
                raise NotCheckedIn(f"Đồng chí {proxy['name']} ({proxy['code']}) chưa điểm "
                                   f"danh vào {session['name']}, có thể chưa có mặt trong "
                                   "hội trường. Xác nhận vẫn chọn người này nhận thay, hoặc "
                                   "chọn người khác.", "proxy")
        was = award["absence"]
        store.decide_absence(db, award_id, proxy["id"] if proxy else None, by[0])
        audit.record(db, *by, "award.absent", award["code"],
                     {"proxy": was["proxy_code"] if was else None, "award": award["form"]},
                     {"proxy": proxy["code"] if proxy else None, "award": award["form"]},
                     _note(proxy, absent))
    return {"award_id": award_id, "proxy": proxy["code"] if proxy else None}


def _note(proxy: dict | None, absent: bool) -> str:
    """The trail's note of a decision for an absent recipient."""
    if proxy is None:
        return "giữ lại để trao sau"
    return "nhận thay (chưa điểm danh, đã xác nhận)" if absent else "nhận thay"


def _whose(award: dict) -> str:
    return f"{award['form']} của {award['collective'] or award['name']}"


def _on_stage(award: dict, done: dict) -> str:
    return f"{_whose(award)} đã được trao trên sân khấu (lượt {done['batch']})"


def _not_on_stage(db, award: dict) -> None:
    """Refused for an award handed on stage, or lined up in a batch on stage or next: what
    is recorded there stands."""
    done = store.handed(db).get(award["id"])
    if done is not None:
        raise Refusal(f"{_on_stage(award, done)}.")
    lined_up = next((r for r in lined.lineup(db) if r["award_id"] == award["id"]), None)
    if lined_up is not None:
        raise Refusal(f"{_whose(award)} đã xếp vào lượt {lined_up['batch']} đang lên sân "
                      "khấu hoặc sắp lên; không đổi được nữa.")


def _walks_once(db, award: dict, proxy: dict) -> None:
    """A proxy walks once in a form's batches: not for two awards of one form, nor for an
    award of a form they receive themselves."""
    key, handed = forms.form_key(award["form"]), store.handed(db)
    for other in store.honours(db):
        if other["id"] == award["id"] or other["id"] in handed or \
                forms.form_key(other["form"]) != key:
            continue
        if proxy["id"] in (other["delegate_id"], (other["absence"] or {}).get("proxy_id")):
            for_whom = "bản thân" if other["delegate_id"] == proxy["id"] else \
                (other["collective"] or other["name"])
            raise Refusal(f"Đồng chí {proxy['name']} đã lên nhận {other['form']} cho "
                          f"{for_whom}; một người không lên hai lần trong một lượt: chọn "
                          "người khác nhận thay.", "proxy")


def rolls_pdf(db, delegation: str | None, out) -> None:
    """The handover rolls (one delegation's when named: refused when it has nothing to
    hand over), for the heads to sign, into `out`."""
    roll_report.write_pdf(out, store.get_settings(db), handover_rolls(db, delegation),
                       clock.utcnow())
