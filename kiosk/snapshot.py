"""What the batcher knows without asking the database again: the live station
credentials, the sessions, the roster (badges and delegates: a congress's few hundred
rows), who is present in each session, how many are expected, and the ids already in
the log. No Flask here.

It stays true while no other connection writes, and SQLite says cheaply when one has:
`PRAGMA data_version` changes when another connection commits, never for this
connection's own commits. The batcher refreshes inside each batch's write transaction,
so a credential revoked, a badge reprinted or a roster imported by a CLI command counts
from the very next batch. The batcher's own decisions update the copy as they are
made, and their rows are written in one statement before the commit; if a batch fails,
the copy is dropped. The database stays the arbiter: a second live 'ok' fails its
unique index, a repeated id the log's, whatever this copy said.

Request threads read `stations` without a lock: refresh() replaces the dict whole.
Everything else is touched by the batcher's thread only.
"""

from . import checkin, present
from . import db as store


class Snapshot:
    def __init__(self):
        self.stations = {}  # token hash -> station name, live credentials only
        self._version = None
        self._ledger = None
        self._sessions = {}

    def refresh(self, db) -> None:
        """Inside a write transaction: drop everything if another connection wrote."""
        version = store.data_version(db)
        if version != self._version:
            self.stations = store.live_station_tokens(db)
            self._ledger, self._sessions = None, {}
            self._version = version

    def forget(self) -> None:
        """After a failed batch: drop what it held, trust nothing until the next refresh."""
        self._version, self._ledger = None, None

    def session(self, db, session_id: str) -> dict | None:
        if session_id not in self._sessions:
            self._sessions[session_id] = store.session(db, session_id)
        return self._sessions[session_id]

    def ledger(self, db) -> "MemoryLedger":
        if self._ledger is None:
            self._ledger = MemoryLedger(db)
        return self._ledger

    def counts(self, db, session: dict) -> dict:
        """The session's counts as the dashboard shows them (see present.counts)."""
        return present.counts(session, *self.ledger(db).present_and_expected(session))


class MemoryLedger(checkin.Ledger):
    """The decisions' reads from memory (presence per session loaded on first use); their
    rows held until flush() writes the lot in one statement."""

    def __init__(self, db):
        super().__init__(db)
        self._delegates = {row["id"]: row for row in store.all_delegates(db)}
        self._by_code = {row["code"]: row for row in self._delegates.values()}
        self._badges = store.all_badges(db)
        self._ids = store.checkin_ids(db)
        self._held = {}  # id -> (entry, outcome), in decision order
        self._present = {}  # session id -> {delegate id: {"at", "station"}}
        self._expected = {}  # session id -> delegates summoned

    def earlier(self, checkin_id):
        if checkin_id in self._held:  # decided in this very batch: write it, then read it
            self.flush()
        return super().earlier(checkin_id) if checkin_id in self._ids else None

    def record(self, entry, outcome):
        self._held[entry["id"]] = (entry, outcome)
        self._ids.add(entry["id"])

    def flush(self):
        if not self._held:
            return
        held = list(self._held.values())
        last = store.insert_checkins(self.db, [entry for entry, _ in held])
        for offset, (_, outcome) in enumerate(held):
            outcome.seq = last - len(held) + 1 + offset
        self._held = {}

    def badge(self, secret_hash):
        return self._badges.get(secret_hash)

    def delegate_by_code(self, code):
        return self._by_code.get(code)

    def delegate(self, delegate_id):
        return self._delegates.get(delegate_id)

    def live_presence(self, delegate_id, session_id):
        return self._in(session_id).get(delegate_id)

    def admitted(self, entry):
        self._in(entry["session_id"])[entry["delegate_id"]] = {"at": entry["at"],
                                                               "station": entry["station"]}

    def released(self, presence):
        self._in(presence["session_id"]).pop(presence["delegate_id"], None)

    def present_and_expected(self, session: dict) -> tuple:
        if session["id"] not in self._expected:
            self._expected[session["id"]] = store.present_and_expected(self.db, session)[1]
        return len(self._in(session["id"])), self._expected[session["id"]]

    def _in(self, session_id) -> dict:
        if session_id not in self._present:
            self._present[session_id] = store.live_presences(self.db, session_id)
        return self._present[session_id]
