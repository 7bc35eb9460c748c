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

from .. import db as store
from .counts import counts
from .ledger import MemoryLedger


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

    def ledger(self, db) -> MemoryLedger:
        if self._ledger is None:
            self._ledger = MemoryLedger(db)
        return self._ledger

    def counts(self, db, session: dict) -> dict:
        """The session's counts as every screen shows them (counts.counts)."""
        return counts(session, *self.ledger(db).present_and_expected(session))
