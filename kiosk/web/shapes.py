"""The JSON shapes of what the hub sends: check-in answers, stream events, public
delegate fields (never phone or email), a session's counts."""

from badges.colours import ink_on

from .. import db as store
from ..core import clock, outcomes
from ..core.counts import counts as session_counts
from ..reports import tally

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


def checkin(fields: dict, counts: dict) -> dict:
    """The one shape of a check-in or undo as the hub sends it, whoever asks: the stream's
    event and the answer to the request (outcome()) are both this. `fields`: seq, id,
    kind ("scan", "undo"), result, session (id), at, station, undoes and delegate (its
    public fields, or None); `counts`: the session's as they stand after it. With `time`
    and `bucket` (the dashboard chart's, reports/tally.py bucket_of) in Hà Nội time, a page
    places the event without a rule of its own."""
    text, colour = outcomes.label(fields["result"])
    hm = clock.local_hm(fields["at"])
    return {"seq": fields["seq"], "id": fields["id"], "kind": fields["kind"],
            "result": fields["result"], "label": text, "color": colour,
            "session": fields["session"], "at": fields["at"],
            "time": hm, "bucket": tally.bucket_of(hm),
            "station": fields["station"],
            "undoes": fields["undoes"], "delegate": fields["delegate"], "stats": counts}


def outcome(result, counts: dict) -> dict:
    """The answer to a check-in or undo (the event of event_of(), without the stream's
    seq, kind, session and undoes) with what the door says next; `counts` comes from
    stats() after its commit."""
    made = event_of(result, counts)
    body = {k: made[k] for k in ("id", "result", "label", "color", "at", "time", "station",
                                 "delegate")}
    body.update(replayed=result.replayed, stats=counts)
    if result.first:  # a duplicate: when and where it came in
        body["first"] = dict(result.first, time=clock.local_hm(result.first["at"]))
    if result.result in outcomes.OUTSIDE_WINDOW:  # when the session's check-in opens, ends
        body["window"] = clock.window_text(result.session)
    body["next"] = outcomes.next_step(result.result, body.get("first") or body.get("window"))
    body["hold"] = outcomes.HOLD.get(body["color"], "short")
    return body


def sessions(rows: list) -> list:
    """Sessions (store.list_sessions) as a page shows them: no category lists."""
    return [{"id": s["id"], "name": s["name"], "starts_at": s["starts_at"],
             "ends_at": s["ends_at"]} for s in rows]


def event(row: dict, counts: dict) -> dict:
    """A log row as the live stream sends it: public fields and the session's counts as
    they stand now (a resumed stream's events all carry the latest)."""
    return checkin(dict(row, session=row["session_id"],
                        delegate=public_delegate(row) if row["code"] else None), counts)


def event_of(result, counts: dict) -> dict:
    """The same event as event(), built from a fresh decision without a query."""
    return checkin({"seq": result.seq, "id": result.id,
                    "kind": "undo" if result.undoes else "scan", "result": result.result,
                    "session": result.session["id"] if result.session else None, "at": result.at,
                    "station": result.station, "undoes": result.undoes,
                    "delegate": public_delegate(result.delegate)}, counts)
