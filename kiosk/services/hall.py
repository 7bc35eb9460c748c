"""The hall, from the organisers' setup page: its plan saved (from a spreadsheet or from
counts) and seats given by protocol, keeping those set by hand (badges/seating.py, the
same as `badges seats`). Each in one transaction with its audit entry, which says who
and which seats changed; the roster's sealed log holds the same changes of seat."""

from badges import seating
from badges.errors import BadgesError

from .. import db as store
from ..core import audit, clock
from ..reports import seating as seating_chart
from .errors import Refusal, from_the_roster


def save_plan(db, by: tuple, path=None, spec: str | None = None, shown_name: str = "") -> dict:
    """The plan from the file at `path` or from `spec` ('A:2x20,B:12x30') replaces the
    hall's; what the setup page says of the hall now. Seats already given stay as they
    are until the next assignment."""
    try:
        plan = (seating.read_plan(path, store.list_categories(db)) if path is not None
                else seating.make(spec or ""))
    except BadgesError as exc:
        raise Refusal(str(exc).replace(path.name, shown_name) if path else str(exc),
                      "file" if path else "make", "bad_file" if path else "invalid") from None
    with from_the_roster(), store.immediate(db):
        before = store.hall_summary(db)
        seating.save_plan(db, plan)
        after = store.hall_summary(db)
        audit.record(db, *by, "hall.plan", None, _plan_of(before), _plan_of(after),
                     shown_name or spec)
    return after


def _plan_of(summary: dict) -> dict | None:
    """The trail's view of a plan: seats per zone."""
    return {z["zone"]: f"{z['rows']} hàng, {z['seats']} ghế" for z in summary["zones"]} or None


def assign(db, by: tuple) -> seating.Outcome:
    """Seats given by protocol; the trail holds every seat that changed, before and
    after, by code, and its note names who moved where."""
    with from_the_roster(), store.immediate(db):  # no plan: seating's own refusal
        before = store.seats_held(db)
        outcome = seating.assign(db)
        after = store.seats_held(db)
        moved = sorted(code for code in after if after[code] != before.get(code))
        audit.record(db, *by, "hall.assign", None, {c: before.get(c) for c in moved},
                     {c: after[c] for c in moved}, _note(outcome))
    return outcome


def _note(outcome: seating.Outcome) -> str:
    """The trail's note: what was done, and who moved where (the first ten named)."""
    moves = outcome.moves()
    return outcome.summary() + (" Đổi ghế: " + "; ".join(moves[:10])
                                + (f"; … và {len(moves) - 10} người khác" if len(moves) > 10
                                   else "") + "." if moves else "")


def chart(db, session: dict) -> dict:
    """A session's seat chart (reports/seating.layout): every seat, who sits there and
    whether they are in."""
    return seating_chart.layout(store.hall_chart(db, session["id"]), session)


def chart_pdf(db, session: dict, out) -> None:
    """The seat chart of `session` for A3 paper, into `out`, as it stands now."""
    seating_chart.write_pdf(out, store.get_settings(db), session, chart(db, session),
                            clock.utcnow())
