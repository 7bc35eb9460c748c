"""The audit trail from a request: the caller (access.require put it in `g`) recorded as
who did it. Call inside the write transaction of the change it records."""

from flask import g

from ..core import audit


def by() -> tuple:
    """(who, role) of the caller, for a library change that writes its own audit entry."""
    return g.caller.name, g.caller.role


def record(db, action: str, target: str | None = None, before: dict | None = None,
           after: dict | None = None, note: str | None = None) -> None:
    audit.record(db, *by(), action, target, before, after, note)
