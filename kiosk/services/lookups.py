"""The lookups that refuse, each written once beside the data it reads: a session by
id (or the one in progress), a delegate by code, whether a session summons a delegate.
The views, the desk's and the ceremony's actions ask here, so a refusal has one wording
and one reason code. No Flask here.

Twins the layers keep apart: the check-in path (core/decision.py, core/batcher.py) refuses
an unknown session and a delegate not summoned with its own CheckinError, below this
package; the reports (reports/tally.py, reports/seating.py) filter the summoned alike."""

from badges import codes, units
from badges.errors import no_delegate

from .. import db as store
from ..core import programme
from ..core.refusal import Refusal, no_session
from .errors import Missing, UnknownSession


class Withdrawn(Refusal):
    """A delegate withdrawn at the desk ("rút khỏi danh sách"): on the roster, but not to
    be acted for until restored (409, a state forbids it; never 'no such code')."""
    reason = "withdrawn"


def withdrawn(person: dict) -> str:
    """The one wording of a delegate withdrawn at the desk, wherever they are refused."""
    return (f"Đại biểu {person['name']} ({person['code']}) đã rút khỏi danh sách; khôi phục "
            "tại bàn hỗ trợ nếu cần.")


def session(db, session_id, rehearsal: bool = True) -> dict:
    """The session `session_id` (the rehearsal's too unless `rehearsal` is False), or
    UnknownSession."""
    for row in store.list_sessions(db, rehearsal=rehearsal):
        if row["id"] == session_id:
            return row
    raise UnknownSession(no_session(session_id), "session")


def session_or_current(db, requested) -> dict:
    """The session a request names, or (none named) the one kiosks check into now."""
    if requested in (None, ""):
        return programme.current(db)
    return session(db, requested)


def sessions(db, rehearsal: bool = False) -> list:
    return store.list_sessions(db, rehearsal=rehearsal)


def code(text) -> str:
    """A badge code as typed, as the roster holds it (badges/codes.py)."""
    return codes.normalise_code(text)


def delegate(db, code, field: str | None = None, kind=Missing, active: bool = False) -> dict:
    """The delegate with badge code `code` (as typed: normalised here), or `kind` (Missing,
    or Invalid where a form's field names them); `active`: a withdrawn one is refused as
    withdrawn (Withdrawn, naming them), not as an unknown code."""
    person = store.delegate_by_code(db, codes.normalise_code("" if code is None else str(code)))
    if person is None:
        raise kind(no_delegate(code), field)
    if active and not person["active"]:
        raise Withdrawn(withdrawn(person), field)
    return person


def summoned(session_row: dict, category_id) -> bool:
    """Whether a session calls a delegate of `category_id` (`categories` None: everyone)."""
    return session_row["categories"] is None or category_id in session_row["categories"]


def delegations(db) -> list:
    """The delegations of delegates on the roster, in the official order (badges/units.py)."""
    return units.order(store.delegations(db))


def delegation_head(db, delegation: str) -> dict | None:
    """The head (trưởng đoàn) of `delegation` as the roster or the organisers marked them,
    or None."""
    return store.delegation_heads(db).get(delegation)

