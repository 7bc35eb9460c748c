"""The honours ceremony as the organisers and the desk run it: the programme of a session
as it stands now (core/ceremony.py), a batch handed as the stage screen showed it, the
leader who presents each form (or part of one), and for an absent recipient, who
receives on their behalf (nhận thay) or that the award is kept for a later handover. Each
decision in one transaction with its audit entry; a decision that contradicts what is
recorded (an award handed, lined up on stage, handed over; a proxy walking twice) is
refused."""

import re

from badges import awards as forms
from badges.text import clean

from .. import db as store
from ..core import audit
from ..core import ceremony as rules
from ..db import ceremony as lined
from . import lookups
from .errors import Invalid, Refusal

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
    """The session's stage batches: those handed and those frozen as they were lined up,
    then the rest from who is checked in now; the absent apart (each with its handover to
    the delegation, once recorded)."""
    given = store.handovers(db)
    handed = store.handed(db)  # every session's: an award handed in one is not called again
    honours = [a for a in store.honours(db)
               if a["id"] not in handed or handed[a["id"]]["session_id"] == session_id]
    made = rules.programme(honours, set(store.live_presences(db, session_id)),
                           per_batch_of(db, per_batch),
                           store.get_settings(db).get("award_order"),
                           lined.form_presenters(db, session_id),
                           {i: h for i, h in handed.items() if h["session_id"] == session_id},
                           lined.lineup(db, session_id),
                           given, store.presenters(db, session_id))
    heads = {}
    for award in made["not_present"]:
        award["handed_over_to"] = (given.get(award["award_id"]) or {}).get("received_by")
        award["head"] = _head(db, heads, award)
    return made


def _head(db, heads: dict, award: dict) -> dict | None:
    """The head of the recipient's delegation ({"code", "name"}), the proxy the stage
    screen offers first (issue 27, item 6); None when the delegation has none, or the
    head is the recipient. `heads` keeps each delegation's, asked once."""
    delegation = award.get("delegation")
    if delegation not in heads:
        found = lookups.delegation_head(db, delegation) if delegation else None
        heads[delegation] = {"code": found["code"], "name": found["name"]} if found else None
    head = heads[delegation]
    return head if head and head["code"] != award["code"] else None


def hand(db, session_id: str, number: int, shown, by: tuple, per_batch=None) -> dict:
    """The batch on stage marked handed ("đã trao"), as the screen showed it: `shown` its
    recipients (award ids or the codes of those who walk), in the screen's order. Refused
    when the batch on stage is another, or no longer what was shown (a check-in or a
    decision came between the screen and the tap). The batch is kept as it was handed,
    and the batch now on stage and the next are frozen. Returns the programme as it
    stands after, computed once."""
    shown = _shown(shown)
    with store.immediate(db):
        made = programme(db, session_id, per_batch)
        waiting = [b for b in made["batches"] if not b["handed"]]
        if not waiting:
            raise Refusal("Mọi lượt của phiên này đã trao xong.", "batch")
        batch = waiting[0]
        if batch["number"] != number:
            raise Refusal(f"Lượt đang trên sân khấu là lượt {batch['number']} "
                          f"({batch['award']}), không phải lượt {number}.", "batch")
        if not _as_shown(batch["recipients"], shown):
            raise Refusal(f"Lượt {number} ({batch['award']}) đã thay đổi từ lúc màn hình hiện "
                          "ra (có người vừa đến hoặc vừa đổi người nhận). Màn hình đã tải lại: "
                          "xem lại danh sách rồi bấm lại.", "recipients")
        walkers = {r["award_id"]: store.delegate_by_code(db, r["code"])["id"]
                   for r in batch["recipients"]}
        store.hand(db, session_id, number, walkers, by[0])
        _freeze(db, session_id, waiting, walkers, by[0])
        lined.keep_presenter(db, session_id, number, batch["presenter"])
        batch["handed"] = True
        batch["presenter_for"] = "batch" if batch["presenter"] else None
        audit.record(db, *by, "ceremony.handed", f"{session_id}#{number}", None,
                     {"award": batch["award"], "recipients": [r["code"] for r in
                                                              batch["recipients"]]})
    return made


FROZEN = 3  # the batch handed, the batch then on stage and the next


def _freeze(db, session_id: str, waiting: list, walkers: dict, actor: str) -> None:
    """Line up, as they are shown, the batch being handed and the two after it (those not
    lined up already), each saying whether more of its form comes after them."""
    later = {b["form_key"] for b in waiting[FROZEN:]}
    new = [b for b in waiting[:FROZEN] if not b["frozen"]]
    for batch in new:
        batch["frozen"], batch["continues"] = True, batch["form_key"] in later
        for r in batch["recipients"]:
            r["walker_id"] = walkers.get(r["award_id"]) or \
                store.delegate_by_code(db, r["code"])["id"]
    lined.freeze(db, session_id, new, actor)
    for batch in new:
        del batch["continues"]
        for r in batch["recipients"]:
            del r["walker_id"]


def _shown(shown) -> list:
    """What the screen showed of a batch: award ids or codes, one a recipient."""
    if not isinstance(shown, list) or not 0 < len(shown) <= rules.MAX_PER_BATCH or not all(
            (isinstance(x, int) and not isinstance(x, bool)) or
            (isinstance(x, str) and 0 < len(x) <= 40) for x in shown):
        raise Invalid("Gửi danh sách người nhận như màn hình đang hiện (\"recipients\": mã "
                      "khen thưởng hoặc mã đại biểu, theo thứ tự).", "recipients")
    return [x if isinstance(x, int) else x.strip().upper() for x in shown]


def _as_shown(recipients: list, shown: list) -> bool:
    """Whether a batch's recipients are, one by one, those the screen showed."""
    return len(recipients) == len(shown) and all(
        x == (r["award_id"] if isinstance(x, int) else r["code"])
        for r, x in zip(recipients, shown, strict=True))


# "Đồng chí", "đ/c" typed before a name: the script says "đồng chí" itself
COMRADE = re.compile(r"^(?:đồng\s*chí|đ\s*/\s*c)(?=\W|$)[\s.:,;-]*", re.IGNORECASE)
MAX_BATCH = 10_000


def plain_name(presenter: str) -> str:
    """A presenter's name as kept: NFC, spaces collapsed, without a typed "Đồng chí"."""
    name = clean(presenter)
    while (bare := COMRADE.sub("", name, count=1)) != name:
        name = bare
    return name


def set_presenter(db, session_id: str, batch, presenter, by: tuple, per_batch=None) -> dict:
    """The leader who presents the batch numbered `batch` as shown now ("đồng chí … lên
    trao"), kept with its form: the whole form when the form is one batch, else that part
    of it. Empty clears it. Returns {"batch", "award", "part", "presenter"}."""
    if not isinstance(presenter, str) or len(presenter) > MAX_PRESENTER:
        raise Invalid(f"Ghi tên người trao (tối đa {MAX_PRESENTER} ký tự).", "presenter")
    if type(batch) is not int or not 1 <= batch <= MAX_BATCH:
        raise Invalid("Số lượt trao phải là một số nguyên từ 1.", "batch")
    name = plain_name(presenter)
    if presenter.strip() and not name:
        raise Invalid("Ghi họ tên người trao sau chữ “Đồng chí”.", "presenter")
    with store.immediate(db):
        lookups.session(db, session_id)
        made = programme(db, session_id, per_batch)
        found = next((b for b in made["batches"] if b["number"] == batch), None)
        if found is None:
            raise Invalid(f"Không có lượt {batch}: phiên này có {len(made['batches'])} lượt.",
                          "batch")
        if found["handed"]:
            raise Refusal(f"Lượt {batch} ({found['award']}) đã trao; người trao đã ghi theo "
                          "lượt đó.", "batch")
        key = found["form_key"]
        whole = sum(b["form_key"] == key for b in made["batches"]) == 1
        part = rules.WHOLE_FORM if whole else found["part"]
        was = lined.form_presenters(db, session_id)
        if whole:  # the form's own presenter, not shadowed by one kept for a part before
            lined.set_form_presenter(db, session_id, key, found["part"], found["award"],
                                     None, by[0])
        lined.set_form_presenter(db, session_id, key, part, found["award"], name or None,
                                 by[0])
        audit.record(db, *by, "ceremony.presenter", f"{session_id}#{batch}",
                     {"presenter": was.get((key, part))},
                     {"presenter": name or None, "award": found["award"], "part": part})
    return {"batch": batch, "award": found["award"], "part": part, "presenter": name or None}
