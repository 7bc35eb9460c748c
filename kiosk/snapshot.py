"""What the batcher knows between batches without asking the database again: the live
station credentials, the sessions, each session's counts, and the roster (badges and
delegates: a congress's few hundred rows). No Flask here. Presence is not kept here:
every decision reads it from the database, under the write lock.

It stays true while no other connection writes, and SQLite says cheaply when one has:
`PRAGMA data_version` changes when another connection commits, never for this
connection's own commits. The batcher refreshes inside each batch's write transaction,
so a credential revoked or a roster imported by a CLI command counts from the very
next batch. The batcher's own decisions adjust the counts as they commit.

Request threads read `stations` without a lock: refresh() replaces the dict whole.
"""

from . import checkin, present
from . import db as store
from .outcomes import UNDONE


class Snapshot:
    def __init__(self):
        self.stations = {}  # token hash -> station name, live credentials only
        self._version = None
        self._sessions = {}
        self._counts = {}  # session id -> [present, expected]
        self._roster = None

    def refresh(self, db) -> None:
        """Inside a write transaction: drop everything if another connection wrote."""
        version = store.data_version(db)
        if version != self._version:
            self.stations = store.live_station_tokens(db)
            self._sessions, self._counts, self._roster = {}, {}, None
            self._version = version

    def forget(self) -> None:
        """After a failed batch: trust nothing until the next refresh reloads."""
        self._version = None

    def session(self, db, session_id: str) -> dict | None:
        if session_id not in self._sessions:
            self._sessions[session_id] = store.session(db, session_id)
        return self._sessions[session_id]

    def roster(self, db) -> checkin.Roster:
        if self._roster is None:
            delegates = {row["id"]: row for row in store.all_delegates(db)}
            by_code = {row["code"]: row for row in delegates.values()}
            self._roster = checkin.Roster(store.all_badges(db).get, by_code.get,
                                          delegates.get)
        return self._roster

    def counts(self, db, session: dict) -> dict:
        """The session's counts as the dashboard shows them (see present.counts)."""
        if session["id"] not in self._counts:
            self._counts[session["id"]] = list(store.present_and_expected(db, session))
        return present.counts(session, *self._counts[session["id"]])

    def note(self, outcome) -> None:
        """Count a committed decision: an ok is one more present, an undo one fewer."""
        tally = self._counts.get(outcome.session["id"])
        if tally is None or outcome.replayed:
            return
        if outcome.result == "ok":
            tally[0] += 1
        elif outcome.result == UNDONE:
            tally[0] -= 1
