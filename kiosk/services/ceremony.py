"""The honours ceremony as the organisers and the desk run it: the programme of a session
as it stands now (core/ceremony.py), the leader who presents each batch, and for an
absent recipient, who receives on their behalf (nhận thay) or that the award is kept for
a later handover. Each decision in one transaction with its audit entry."""

from badges import awards as forms
from badges import codes

from .. import db as store
from ..core import audit
from ..core import ceremony as rules
from .errors import Invalid, Missing, Refusal

MAX_PRESENTER = 200


def per_batch_of(db, asked=None) -> int:
    """How many on stage at once: `asked` (a request's), else the event's setting
    "ceremony_per_batch", else 10. Invalid outside 1..50."""
    value = asked if asked not in (None, "") else store.get_settings(db).get(
        "ceremony_per_batch", rules.DEFAULT_PER_BATCH)
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= rules.MAX_PER_BATCH:
        raise Invalid(f"Số người mỗi lượt lên sân khấu phải từ 1 đến {rules.MAX_PER_BATCH}.",
                      "per_batch")
    return number


MAX_FORMS = 100


def settings(db) -> dict:
    """{"order": the forms in the order they are handed (the organisers', else the
    law's, badges/awards.py), "per_batch"}, for the setup page."""
    chosen = store.get_settings(db).get("award_order") or []
    named = [h["form"] for h in store.honours(db)]
    return {"order": forms.ordered_forms(chosen + named, chosen), "per_batch": per_batch_of(db)}


def set_settings(db, order, per_batch, by: tuple) -> dict:
    """The organisers' order of the forms (one name each, highest first; empty: the
    law's) and how many go on stage at once."""
    if not isinstance(order, list) or len(order) > MAX_FORMS or not all(
            isinstance(name, str) and 0 < len(name.strip()) <= 200 for name in order):
        raise Invalid(f"Thứ tự trao: mỗi dòng một hình thức khen thưởng (tối đa {MAX_FORMS}).",
                      "order")
    number = per_batch_of(db, per_batch)
    order = [" ".join(name.split()) for name in order]
    keys = [forms.form_key(name) for name in order]
    if len(set(keys)) != len(keys):
        raise Invalid("Thứ tự trao có một hình thức ghi hai lần.", "order")
    with store.immediate(db):
        was = settings(db)
        store.set_ceremony_settings(db, order, number)
        audit.record(db, *by, "ceremony.settings", None, was,
                     {"order": order, "per_batch": number})
    return settings(db)


def programme(db, session_id: str, per_batch=None) -> dict:
    """The session's stage batches from who is checked in now, and the absent apart
    (each with its handover to the delegation, once recorded)."""
    made = rules.programme(store.honours(db), set(store.live_presences(db, session_id)),
                           per_batch_of(db, per_batch),
                           store.get_settings(db).get("award_order"),
                           store.presenters(db, session_id), store.handed(db, session_id))
    given = store.handovers(db)
    for award in made["not_present"]:
        award["handed_over_to"] = (given.get(award["award_id"]) or {}).get("received_by")
    return made


def handover_rolls(db, delegation: str | None = None) -> dict:
    """The awards not handed on stage, per delegation (one when named), with the
    handovers recorded: delegation -> awards."""
    rolls = rules.for_delegations(store.honours(db), store.handed(db), store.handovers(db))
    if delegation is None:
        return rolls
    if delegation not in rolls:
        raise Missing(f"Đoàn '{delegation}' không có khen thưởng nào chờ bàn giao.")
    return {delegation: rolls[delegation]}


def hand_over(db, award_id: int, received_by, by: tuple) -> dict:
    """An award not handed on stage, given to the head of the recipient's delegation:
    who received it (as they sign the roll)."""
    if not isinstance(received_by, str) or not received_by.strip() or \
            len(received_by) > MAX_PRESENTER:
        raise Invalid(f"Ghi họ tên người nhận (tối đa {MAX_PRESENTER} ký tự).", "received_by")
    received_by = " ".join(received_by.split())
    with store.immediate(db):
        award = store.award(db, award_id)
        if award is None:
            raise Missing(f"Không có khen thưởng số {award_id}.")
        if award_id in store.handed(db):
            raise Refusal(f"{award['form']} của {award['collective'] or award['name']} đã "
                          "được trao trên sân khấu.")
        was = store.handovers(db).get(award_id)
        store.record_handover(db, award_id, received_by, by[0])
        audit.record(db, *by, "award.handover", award["code"],
                     {"received_by": was["received_by"] if was else None},
                     {"received_by": received_by, "award": award["form"]})
    return {"award_id": award_id, "received_by": received_by}


def hand(db, session_id: str, number: int, by: tuple, per_batch=None) -> dict:
    """The batch on stage marked handed ("đã trao"): it must be the first batch still to
    hand (a tap on the wrong one is refused); kept as it is, with who went on stage."""
    with store.immediate(db):
        made = programme(db, session_id, per_batch)
        waiting = [b for b in made["batches"] if not b["handed"]]
        if not waiting:
            raise Refusal("Mọi lượt của phiên này đã trao xong.")
        batch = waiting[0]
        if batch["number"] != number:
            raise Refusal(f"Lượt đang trên sân khấu là lượt {batch['number']} "
                          f"({batch['award']}), không phải lượt {number}.", "batch")
        walkers = {r["award_id"]: store.delegate_by_code(db, r["code"])["id"]
                   for r in batch["recipients"]}
        store.hand(db, session_id, number, walkers, by[0])
        audit.record(db, *by, "ceremony.handed", f"{session_id}#{number}", None,
                     {"award": batch["award"], "recipients": [r["code"] for r in
                                                              batch["recipients"]]})
    return batch


def set_presenter(db, session_id: str, batch: int, presenter, by: tuple) -> None:
    """The leader who presents batch `batch` ("đồng chí … lên trao"); empty clears it."""
    if not isinstance(presenter, str) or len(presenter) > MAX_PRESENTER:
        raise Invalid(f"Ghi tên người trao (tối đa {MAX_PRESENTER} ký tự).", "presenter")
    if not isinstance(batch, int) or batch < 1:
        raise Invalid("Số lượt trao phải là số từ 1.", "batch")
    presenter = " ".join(presenter.split())
    with store.immediate(db):
        if store.session(db, session_id) is None:
            raise Invalid(f"Không có phiên '{session_id}'.", "session")
        was = store.presenters(db, session_id).get(batch)
        store.set_presenter(db, session_id, batch, presenter or None, by[0])
        audit.record(db, *by, "ceremony.presenter", f"{session_id}#{batch}",
                     {"presenter": was}, {"presenter": presenter or None})


def receive_for(db, award_id: int, proxy_code, by: tuple) -> dict:
    """For an absent recipient's award: `proxy_code` the delegate who receives on their
    behalf (nhận thay), or None to keep the award for a later handover."""
    with store.immediate(db):
        award = store.award(db, award_id)
        if award is None:
            raise Missing(f"Không có khen thưởng số {award_id}.")
        proxy = None
        if proxy_code is not None:
            proxy = store.delegate_by_code(db, codes.normalise_code(str(proxy_code)))
            if proxy is None or not proxy["active"]:
                raise Invalid(f"Không có đại biểu mã '{proxy_code}' trong danh sách.", "proxy")
            if proxy["id"] == award["delegate_id"]:
                raise Invalid("Người nhận thay phải là người khác.", "proxy")
        was = award["absence"]
        store.decide_absence(db, award_id, proxy["id"] if proxy else None, by[0])
        audit.record(db, *by, "award.absent", award["code"],
                     {"proxy": was["proxy_code"] if was else None, "award": award["form"]},
                     {"proxy": proxy["code"] if proxy else None, "award": award["form"]},
                     "nhận thay" if proxy else "giữ lại để trao sau")
    return {"award_id": award_id, "proxy": proxy["code"] if proxy else None}
