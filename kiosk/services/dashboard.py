"""The dashboard's reads: one session's figures as of the last log row (the snapshot a
page replays the stream after), and the doors that hold a live credential. Reads only.
No Flask here."""

from dataclasses import dataclass

from .. import db as store
from ..reports import tally


@dataclass(frozen=True)
class Snapshot:
    figures: tally.Tally  # reports/tally.py, without the report's extras
    last_seq: int  # the log row the figures stand at
    latest: list  # the latest arrivals, newest first
    protocol: list  # the leaders and guests present, in the order of protocol
    rules: dict  # how the page applies an arrival as the hub would (reports/tally.py RULES)


def snapshot(db, session_id: str) -> Snapshot:
    with store.reading(db):  # the figures as of `last_seq`: a page replays what came after
        figures = tally.compute(db, session_id, for_report=False)
        last_seq = store.last_seq(db)
        latest = store.latest_arrivals(db, session_id, tally.LATEST)
    return Snapshot(figures, last_seq, latest, tally.protocol_list(figures), tally.RULES)


def door_names(db) -> list:
    """The stations with a live credential, by name."""
    return store.live_station_names(db)
