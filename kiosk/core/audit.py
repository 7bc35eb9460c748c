"""The audit trail: every organiser and desk action (an edit, a walk-in, a reissued
badge, a substitute, an absence, an undo, a credential, an export of personal data),
who did it, when, and what changed from what to what. Rows are sealed onto their own
hash chain (chain.py) in the same transaction as the change they record.

Personal fields (contact details, the profile) are recorded as changed, never with their
values: a sealed row cannot be emptied afterwards without breaking the chain, and `kiosk
purge` must leave no phone number behind (README "Personal data")."""

import json

from .. import db as store
from .chain import GENESIS, seal

PERSONAL = store.PURGED["delegates"]  # what is personal is one list: the purge empties it
WITHHELD = "‹dữ liệu cá nhân›"


def changes(before: dict, after: dict) -> tuple:
    """(before, after) narrowed to the fields that differ."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def record(db, actor: str, role: str, action: str, target: str | None = None,
           before: dict | None = None, after: dict | None = None,
           note: str | None = None) -> int:
    """Append one entry inside the caller's write transaction; its seq."""
    seq, previous = store.chain_end(db, "audit")
    fields = {"seq": seq + 1, "at": store.now_iso(), "actor": actor, "role": role,
              "action": action, "target": target, "before": _json(_withheld(before)),
              "after": _json(_withheld(after)), "note": note}
    store.insert_audit(db, {**fields, "hash": seal(previous or GENESIS, fields)})
    return seq + 1


def _withheld(values: dict | None) -> dict | None:
    if values is None:
        return None
    return {k: WITHHELD if k in PERSONAL and v not in (None, "") else v
            for k, v in values.items()}


def _json(value):
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
