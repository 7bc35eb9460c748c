"""The honours ceremony, as it stands at this moment: stage batches made from who is in
the hall. No SQL and no Flask here: the caller passes the honours list
(store.honours), who is present in the session, the presenters, what was handed and the
line-up already frozen.

Batches follow the order of the forms (badges/awards.py: the law's, or the organisers'),
each batch one form and at most `per_batch` people on stage. Within a form, recipients
come in the order of the decision's list, as the certificates lie on the trays:
collectives first, then individuals, each in the list's own order (its row). A form's
batches are split evenly (11 at 10 a batch make 6 + 5, the larger first). Whoever walks
on stage must be in the hall: the recipient, or for a collective its representative, or
for an absent recipient the delegate the desk named to receive on their behalf (nhận
thay). An award with nobody present to receive it is not called, nor one already handed
over to the delegation: they are listed apart ("vắng mặt"), with what the desk decided.

The stage is stable. A batch marked handed ("đã trao") is kept as it was handed; from the
moment a batch is handed, the batch on stage and the next are frozen too (the `lineup`,
written when a batch is handed), whoever comes or goes after. A late arrival joins a
later batch of their form, or, when every batch of their form is handed or frozen, a
supplementary batch ("Lượt bổ sung") placed after the frozen ones.

A presenter is set for a form (part 0) or for one batch of it (its part, 1 = the form's
first batch), never for a batch number: the numbers move, the form does not.
"""

import math

from badges import awards as forms
from badges.text import vietnamese_key

DEFAULT_PER_BATCH = 10
MAX_PER_BATCH = 50
WHOLE_FORM = 0  # the part a presenter of every batch of a form is kept under


def programme(honours: list, present: set, per_batch: int = DEFAULT_PER_BATCH,
              order: list | None = None, presenters: dict | None = None,
              handed: dict | None = None, lineup: list | None = None,
              handovers: dict | None = None, earlier: dict | None = None) -> dict:
    """{"batches": [...], "not_present": [...]}, each batch {"number", "award", "form_key",
    "part", "supplementary", "frozen", "handed", "presenter", "presenter_for",
    "recipients": [{"award_id", "code", "name", "title", "unit", "seat", "collective",
    "present", "on_behalf_of"}]} where `code` is the delegate who walks on stage.

    `presenters`: (form key, part) -> name (part WHOLE_FORM: every batch of the form);
    `handed` (store.handed): award id -> who went on stage, in which batch; `lineup`
    (store.lineup): the rows of the batches handed or frozen, each {"batch", "position",
    "award_id", "form", "part", "supplementary", "continues", "presenter", and the walker's
    fields}; `handovers`: award id -> the handover to the delegation (not called);
    `earlier`: batch number -> presenter, as kept before presenters followed forms (read for
    handed batches only)."""
    presenters, handed, handovers = presenters or {}, handed or {}, handovers or {}
    ranked = forms.ordered_forms([h["form"] for h in honours], order)
    index = {forms.form_key(name): n for n, name in enumerate(ranked)}
    by_id = {award["id"]: award for award in honours}
    fixed = _fixed_batches(by_id, handed, lineup or [], present, earlier or {})
    placed = {r["award_id"] for b in fixed for r in b["recipients"]}
    closed = _closed_forms(fixed, index)
    for batch in fixed:
        del batch["continues"]
    waiting = {key: [] for key in index}
    for award in sorted(honours, key=decision_order):
        if award["id"] not in placed and award["id"] not in handed:
            waiting[forms.form_key(award["form"])].append(award)
    later, supplementary, absent = [], [], []
    for name in ranked:
        key = forms.form_key(name)
        called = []
        for award in waiting[key]:
            walker = None if award["id"] in handovers else _walker(award, present)
            if walker is None:
                absent.append(_absent(award, name, award["delegate_id"] in present))
            else:
                called.append(walker)
        for group in split_evenly(called, per_batch):
            (supplementary if key in closed else later).append({
                "award": name, "form_key": key, "handed": False, "frozen": False,
                "supplementary": key in closed, "recipients": group})
    batches = fixed + supplementary + later
    _number_and_present(batches, presenters)
    return {"batches": batches, "not_present": absent}


def split_evenly(people: list, per_batch: int) -> list:
    """`people` in ceil(n / per_batch) consecutive groups whose sizes differ by one at most,
    the larger first: 11 at 10 a batch are 6 + 5, as the ushers line them up."""
    if not people:
        return []
    count = math.ceil(len(people) / per_batch)
    size, larger = divmod(len(people), count)
    groups, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < larger else 0)
        groups.append(people[start:end])
        start = end
    return groups


def decision_order(award: dict) -> tuple:
    """The order of the decision's list within a form: collectives first, then
    individuals, each in the list's own order (its row)."""
    return (not award.get("collective"), award["row"], award["id"])


def _number_and_present(batches: list, presenters: dict) -> None:
    """Numbers for the batches not yet fixed (after the last fixed one), each batch's part
    of its form, and its presenter: the one kept when it was handed, else its part's, else
    its form's."""
    number = max((b["number"] for b in batches if "number" in b), default=0)
    parts = {}
    for batch in batches:
        if "number" not in batch:
            number += 1
            batch["number"] = number
        part = batch.get("part") or parts.get(batch["form_key"], 0) + 1
        batch["part"] = parts[batch["form_key"]] = part
        if batch["handed"]:
            batch.setdefault("presenter", None)
            batch["presenter_for"] = "batch" if batch["presenter"] else None
            continue
        own = presenters.get((batch["form_key"], batch["part"]))
        whole = presenters.get((batch["form_key"], WHOLE_FORM))
        batch["presenter"] = own or whole
        batch["presenter_for"] = "part" if own else "form" if whole else None


def _closed_forms(fixed: list, index: dict) -> set:
    """The forms whose every batch is handed or frozen: a late arrival of one of them goes
    to a supplementary batch. A form the ceremony has passed is closed; the form of the
    last fixed batches is closed unless more of it was still to come when it was frozen."""
    if not fixed:
        return set()
    horizon = max(index.get(b["form_key"], -1) for b in fixed)
    last = {}
    for batch in fixed:
        last[batch["form_key"]] = batch
    return {key for key, n in index.items()
            if n < horizon or (n == horizon and not last.get(key, {}).get("continues", True))}


def _fixed_batches(by_id: dict, handed: dict, lineup: list, present: set,
                   earlier: dict) -> list:
    """The batches handed or frozen, in their numbers' order, as they were lined up: from
    the line-up's rows, and for a batch handed before line-ups were kept, from what was
    handed (its recipients in the decision's order)."""
    batches = {}
    for row in sorted(lineup, key=lambda r: (r["batch"], r["position"])):
        award = by_id.get(row["award_id"])
        if award is None:
            continue
        batch = batches.setdefault(row["batch"], {
            "number": row["batch"], "award": row["form"],
            "form_key": forms.form_key(row["form"]), "part": row["part"],
            "supplementary": bool(row["supplementary"]), "frozen": True, "handed": True,
            "presenter": row["presenter"], "continues": bool(row["continues"]),
            "recipients": []})
        done = handed.get(award["id"])
        batch["handed"] = batch["handed"] and done is not None
        batch["recipients"].append(_fixed_walker(award, done or row, present))
    known = {r["award_id"] for b in batches.values() for r in b["recipients"]}
    for award in sorted((by_id[i] for i in handed if i in by_id and i not in known),
                        key=decision_order):
        done = handed[award["id"]]
        batch = batches.setdefault(done["batch"], {
            "number": done["batch"], "award": forms.canonical(award["form"]),
            "form_key": forms.form_key(award["form"]), "supplementary": False, "frozen": True,
            "handed": True, "presenter": earlier.get(done["batch"]), "continues": True,
            "recipients": []})
        batch["recipients"].append(_fixed_walker(award, done, present))
    for batch in batches.values():
        if not batch["handed"]:
            batch["presenter"] = None  # a frozen batch's presenter is its form's, until handed
    return [batches[n] for n in sorted(batches)]


def _fixed_walker(award: dict, walked: dict, present: set) -> dict:
    """A recipient of a batch handed or frozen: `walked` the delegate who went (or goes) on
    stage for `award`."""
    proxy = walked["walker_id"] != award["delegate_id"]
    return {"award_id": award["id"], "code": walked["code"], "name": walked["name"],
            "title": walked["title"], "unit": walked["unit"], "seat": walked["seat"],
            "collective": award["collective"], "present": walked["walker_id"] in present,
            "on_behalf_of": {"code": award["code"], "name": award["name"]} if proxy else None}


def protocol(award: dict) -> tuple:
    """Protocol order (the roster's protocol column, none last, the category's rank, the
    list's own order): the handover rolls' order within a delegation."""
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


def _absent(award: dict, form: str, present: bool = False) -> dict:
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
            "present": present, "decision": state,
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
