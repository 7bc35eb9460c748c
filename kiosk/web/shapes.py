"""The JSON shapes of what the hub sends: check-in answers, stream events, public
delegate fields (never phone or email), a session's counts."""

from badges.colours import ink_on

from .. import db as store
from ..core import clock, outcomes
from ..core.counts import counts as session_counts

PUBLIC_FIELDS = ("code", "name", "title", "unit", "delegation", "seat", "category",
                 "category_color")


def public_delegate(row) -> dict | None:
    if row is None:
        return None
    shown = {k: row.get(k) for k in PUBLIC_FIELDS}
    shown["category_ink"] = ink_on(shown["category_color"])  # the chip's words, legible
    return shown


def stats(db, session: dict) -> dict:
    return session_counts(session, *store.present_and_expected(db, session))


def outcome(result, counts: dict) -> dict:
    """The answer to a check-in or undo; `counts` comes from stats() after its commit."""
    text, colour = outcomes.label(result.result)
    body = {"id": result.id, "result": result.result, "label": text, "color": colour,
            "at": result.at, "time": clock.local_hm(result.at), "station": result.station,
            "delegate": public_delegate(result.delegate), "replayed": result.replayed,
            "stats": counts}
    if result.first:  # a duplicate: when and where it came in
        body["first"] = dict(result.first, time=clock.local_hm(result.first["at"]))
    if result.result in outcomes.OUTSIDE_WINDOW:  # when the session's check-in opens, ends
        body["window"] = clock.window_text(result.session)
    body["next"] = outcomes.next_step(result.result, body.get("first") or body.get("window"))
    body["hold"] = outcomes.HOLD.get(colour, "short")
    return body


def sessions(rows: list) -> list:
    """Sessions (store.list_sessions) as a page shows them: no category lists."""
    return [{"id": s["id"], "name": s["name"], "starts_at": s["starts_at"],
             "ends_at": s["ends_at"]} for s in rows]


def event(row: dict, counts: dict) -> dict:
    """A log row as the live stream sends it: public fields and the session's counts as
    they stand now (a resumed stream's events all carry the latest)."""
    text, colour = outcomes.label(row["result"])
    delegate = public_delegate(row) if row["code"] else None
    return {"seq": row["seq"], "id": row["id"], "kind": row["kind"], "result": row["result"],
            "label": text, "color": colour, "session": row["session_id"], "at": row["at"],
            "time": clock.local_hm(row["at"]), "station": row["station"],
            "undoes": row["undoes"], "delegate": delegate, "stats": counts}


def event_of(result, counts: dict) -> dict:
    """The same event as event(), built from a fresh decision without a query."""
    text, colour = outcomes.label(result.result)
    kind = "undo" if result.undoes else "scan"
    return {"seq": result.seq, "id": result.id, "kind": kind, "result": result.result,
            "label": text, "color": colour, "session": result.session["id"],
            "at": result.at, "time": clock.local_hm(result.at), "station": result.station,
            "undoes": result.undoes, "delegate": public_delegate(result.delegate),
            "stats": counts}
