"""What the batcher knows without asking the database again: the live station credentials,
the sessions, the roster (badges and delegates: a congress's few hundred rows), who is
present in each session, how many are expected, and the ids already in the log. No Flask
here.

It stays true while no other connection writes, and SQLite says cheaply when one has:
`PRAGMA data_version` changes when another connection commits, never for this
connection's own commits. Then the `changes` table (schema.WATCHED: a counter per part,
bumped by triggers) says which part was touched, and only that part is read again: a
desk edit reloads the roster, not the 11,000 ids of the log and who is present. The
counters are read again at the end of every batch (inside its write transaction, so
nobody else can write in between), so the batcher's own writes never look like
another's. The batcher refreshes inside each batch's write transaction, so a credential
revoked, a badge reprinted or a roster imported by a CLI command counts from the very
next batch. The batcher's own decisions update the copy as they are made, and their rows
are written in one statement before the commit; if a batch fails, the copy is dropped.
The database stays the arbiter: a second live 'ok' fails its unique index, a repeated id
the log's, whatever this copy said.

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
        self._counted = None  # part -> count as last seen (schema.WATCHED)
        self._ledger = None
        self._sessions = {}

    def refresh(self, db) -> None:
        """Inside a write transaction: read again what another connection changed."""
        version = store.data_version(db)
        if version == self._version:
            return
        self._version = version
        counted, first = store.change_counts(db), self._counted is None
        changed = {part for part, n in counted.items()
                   if first or self._counted.get(part) != n}
        self._counted = counted
        if first or "stations" in changed:
            self.stations = store.live_station_tokens(db)
        if "sessions" in changed:
            self._sessions = {}
        if self._ledger is not None:
            self._ledger.reload(db, changed)

    def settled(self, db) -> None:
        """At the end of a batch, inside its transaction: the counters as this batcher
        leaves them, so its own writes are not taken for another connection's."""
        self._counted = store.change_counts(db)

    def forget(self) -> None:
        """After a failed batch: drop what it held, trust nothing until the next refresh."""
        self._version, self._ledger, self._counted = None, None, None
        self._sessions = {}

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
