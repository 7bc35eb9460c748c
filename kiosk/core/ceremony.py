"""The honours ceremony, as it stands at this moment: stage batches made from who is in
the hall. No SQL and no Flask here: the caller passes the honours list
(store.honours), who is present in the session, and the presenters.

Batches follow the order of the forms (badges/awards.py: the law's, or the organisers'),
each batch one form and at most `per_batch` people on stage, recipients in protocol order
within their form (the roster's protocol column, then the category's rank, then the
list's own order). Whoever walks on stage must be in the hall: the recipient, or for a
collective its representative, or for an absent recipient the delegate the desk named
to receive on their behalf (nhận thay). An award with nobody present to receive it is
not called: it is listed apart ("vắng mặt"), with what the desk decided, if anything. A
batch marked handed ("đã trao") is kept as it was handed, whoever comes or goes after.
"""

from badges import awards as forms
from badges.text import vietnamese_key

DEFAULT_PER_BATCH = 10
MAX_PER_BATCH = 50


def programme(honours: list, present: set, per_batch: int = DEFAULT_PER_BATCH,
              order: list | None = None, presenters: dict | None = None,
              handed: dict | None = None) -> dict:
    """{"batches": [...], "not_present": [...]}, each batch {"number", "award",
    "presenter", "handed", "recipients": [{"code", "name", "title", "unit", "seat",
    "collective", "present", "on_behalf_of"}]} where `code` is the delegate who walks on
    stage. `handed` (store.handed): the batches already handed, kept as they were, first;
    the rest are numbered after them."""
    presenters, handed = presenters or {}, handed or {}
    batches = _handed_batches(honours, handed, presenters)
    ranked = forms.ordered_forms([h["form"] for h in honours], order)
    by_form = {forms.form_key(name): [] for name in ranked}
    for award in honours:
        if award["id"] not in handed:
            by_form[forms.form_key(award["form"])].append(award)
    absent = []
    for name in ranked:
        called = []
        for award in sorted(by_form[forms.form_key(name)], key=protocol):
            walker = _walker(award, present)
            if walker is None:
                absent.append(_absent(award, name))
            else:
                called.append(walker)
        for start in range(0, len(called), per_batch):
            number = len(batches) + 1
            batches.append({"number": number, "award": name, "handed": False,
                            "presenter": presenters.get(number),
                            "recipients": called[start:start + per_batch]})
    return {"batches": batches, "not_present": absent}


def _handed_batches(honours: list, handed: dict, presenters: dict) -> list:
    batches = {}
    for award in sorted((a for a in honours if a["id"] in handed), key=protocol):
        done = handed[award["id"]]
        batch = batches.setdefault(done["batch"], {
            "number": done["batch"], "award": forms.canonical(award["form"]), "handed": True,
            "presenter": presenters.get(done["batch"]), "recipients": []})
        proxy = done["walker_id"] != award["delegate_id"]
        batch["recipients"].append({
            "award_id": award["id"], "code": done["code"], "name": done["name"],
            "title": done["title"], "unit": done["unit"], "seat": done["seat"],
            "collective": award["collective"], "present": True,
            "on_behalf_of": {"code": award["code"], "name": award["name"]} if proxy else None})
    return [batches[n] for n in sorted(batches)]


def protocol(award: dict) -> tuple:
    """Protocol order within a form: the roster's protocol column (none last), the
    category's rank, the list's own order."""
    order = award.get("protocol_order")
    return (order is None, order or 0, award.get("protocol_rank") or 0, award["row"],
            award["id"])


def _walker(award: dict, present: set) -> dict | None:
    """Who walks on stage for this award, or None when nobody present can."""
    if award["delegate_id"] in present and award.get("active", 1):
        return {"award_id": award["id"], "code": award["code"], "name": award["name"],
                "title": award["title"], "unit": award["unit"], "seat": award["seat"],
                "collective": award["collective"], "present": True, "on_behalf_of": None}
    decided = award.get("absence")
    if decided and decided["proxy_id"] in present:
        return {"award_id": award["id"], "code": decided["proxy_code"],
                "name": decided["proxy_name"], "title": decided["proxy_title"],
                "unit": decided["proxy_unit"], "seat": decided["proxy_seat"],
                "collective": award["collective"], "present": True,
                "on_behalf_of": {"code": award["code"], "name": award["name"]}}
    return None


def _absent(award: dict, form: str) -> dict:
    decided = award.get("absence")
    if decided is None:
        state = "undecided"
    elif decided["proxy_id"] is None:
        state = "kept"
    else:
        state = "proxy_absent"  # the delegate named to receive is not in the hall either
    return {"award_id": award["id"], "award": form, "code": award["code"],
            "name": award["name"], "title": award["title"], "unit": award["unit"],
            "delegation": award.get("delegation"), "collective": award["collective"],
            "present": False, "decision": state,
            "proxy": {"code": decided["proxy_code"], "name": decided["proxy_name"]}
            if decided and decided["proxy_id"] else None}


def summary(honours: list, handed: dict, order: list | None = None,
            handovers: dict | None = None) -> list:
    """Per form, in ceremony order: how many awards, handed on stage to their recipient,
    received on behalf (nhận thay), handed over to the delegation afterwards, kept for
    a later handover, and still to hand."""
    handovers = handovers or {}
    rows = {forms.form_key(name): {"award": name, "total": 0, "on_stage": 0, "on_behalf": 0,
                                   "handed_over": 0, "kept": 0, "waiting": 0}
            for name in forms.ordered_forms([h["form"] for h in honours], order)}
    for award in honours:
        row = rows[forms.form_key(award["form"])]
        row["total"] += 1
        done, decided = handed.get(award["id"]), award.get("absence")
        if done is not None:
            row["on_stage" if done["walker_id"] == award["delegate_id"] else "on_behalf"] += 1
        elif award["id"] in handovers:
            row["handed_over"] += 1
        elif decided is not None and decided["proxy_id"] is None:
            row["kept"] += 1
        else:
            row["waiting"] += 1
    return list(rows.values())


def for_delegations(honours: list, handed: dict, handovers: dict) -> dict:
    """The awards not handed on stage, by the recipient's delegation (in Vietnamese
    order), each with its handover if recorded: the handover rolls."""
    rolls = {}
    for award in sorted(honours, key=protocol):
        if award["id"] in handed:
            continue
        rolls.setdefault(award.get("delegation") or "—", []).append(
            dict(award, handover=handovers.get(award["id"])))
    return {name: rolls[name] for name in sorted(rolls, key=vietnamese_key)}
