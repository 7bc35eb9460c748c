"""What leaves the hub or resets it, as organisers do it: an attendance export or the
credentials report (personal data: who took it, when, in the audit trail), and the
kiosks' rehearsal turned on or off, and its check-ins cleared."""

import io

from badges import completeness

from .. import db as store
from .. import reports
from ..core import audit, decision, programme

CLEARED_BECAUSE = "Xóa lượt diễn tập"


def export(db, session_id: str, fmt: str, by: tuple, quorum: str | None = None,
           note: str | None = None):
    """(file-like, mimetype, download name) of the export in `fmt` (reports.FORMATS),
    built first (a bad quorum rule raises reports.quorum.BadRule and leaves no trace),
    then recorded as taken: `note` where it went (default: its download name)."""
    data, mimetype, name = reports.build(db, session_id, fmt, quorum)
    with store.immediate(db):  # personal data left the hub: who took it, when
        audit.record(db, *by, f"export.{fmt}", session_id, note=note or name)
    return data, mimetype, name


def export_audit(db, by: tuple):
    """The whole audit trail as CSV (a file-like), recorded as taken."""
    rows = store.audit_entries(db, limit=1_000_000)
    data = io.BytesIO()
    reports.exports.write_audit_csv(rows, data)
    data.seek(0)
    with store.immediate(db):
        audit.record(db, *by, "export.audit", None, note=f"{len(rows)} dòng")
    return data


def export_completeness(db, by: tuple):
    """What the roster still lacks, one sheet per sending unit (badges/completeness.py),
    as a file-like XLSX, recorded as taken (names leave the hub)."""
    found = completeness.gaps(db)
    data = io.BytesIO()
    completeness.write_xlsx(found, data)
    data.seek(0)
    with store.immediate(db):
        audit.record(db, *by, "export.completeness", None,
                     note=f"{len(found)} đại biểu, {len(completeness.by_unit(found))} đơn vị")
    return data


def switch_rehearsal(db, on: bool, by: tuple) -> None:
    programme.switch_rehearsal(db, on, by)


def clear_rehearsal(db, by: tuple, undo_all=None) -> int:
    """Every check-in the rehearsal holds undone (undo rows, as any undo: nothing is
    deleted); how many. `undo_all(ids, who, reason)`: the hub's batcher, the one writer
    of the log while it serves (a list of answers, an error among them for one that
    could not be undone); without it, undone here in one transaction."""
    held = store.live_checkins_of(db, store.REHEARSAL)
    if undo_all is None:
        with store.immediate(db):
            for checkin_id in held:
                decision.undo_within(db, checkin_id, by[0], reason=CLEARED_BECAUSE)
            audit.record(db, *by, "rehearsal.clear", store.REHEARSAL, {"held": len(held)},
                         {"held": 0})
        return len(held)
    answers = undo_all(held, by[0], CLEARED_BECAUSE)
    cleared = sum(1 for answer in answers if not isinstance(answer, BaseException))
    with store.immediate(db):
        audit.record(db, *by, "rehearsal.clear", store.REHEARSAL, {"held": len(held)},
                     {"held": len(held) - cleared})
    for answer in answers:  # one undone meanwhile by the desk is no failure
        if isinstance(answer, decision.CheckinError) and answer.reason == "already_undone":
            continue
        if isinstance(answer, BaseException):
            raise answer
    return len(answers)
