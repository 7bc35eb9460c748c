"""Where the check-in decision reads and writes. No Flask here.

`Ledger` is the database itself, row by row (the triggers keep presence): for a writer
that is not a batcher (`kiosk rehearsal clear` at the terminal, the tests' direct
check-ins through decision.check_in). `MemoryLedger` is the batcher's copy, held by
`snapshot.Snapshot`, on the hub and on a station alike: reads from memory, the batch's
rows written in one statement by flush(). Both answer the same questions, so the
decision does not know which one it has.
"""

from badges import codes

from .. import db as store
from . import chain


class Ledger:
    """Where a decision reads badges, delegates, presence and earlier ids, and where it
    records its row. This one is the database itself, row by row (the triggers keep
    presence); the hub's batcher reads from memory and writes the batch's rows in one
    statement (MemoryLedger below)."""

    def __init__(self, db):
        self.db = db

    def earlier(self, checkin_id: str):
        """The log row with this id, if a check-in already has it."""
        return store.checkin_by_id(self.db, checkin_id)

    def record(self, entry: dict, outcome) -> None:
        """Append `entry` to the log and give `outcome` its seq."""
        outcome.seq = chain.append_checkins(self.db, [entry])

    def flush(self) -> None:
        """Write whatever record() has held back (nothing here)."""

    def badge(self, secret_hash: str):
        return store.badge_by_hash(self.db, secret_hash)

    def delegate_by_code(self, code: str):
        return store.delegate_by_code(self.db, code)

    def code_shapes(self) -> set:
        """The shapes of the codes on the list (codes.shape): what a well-formed code is."""
        return {codes.shape(code) for code in store.all_codes(self.db)}

    def delegate(self, delegate_id: int):
        """The delegate with its category's name and colour."""
        return store.delegate(self.db, delegate_id)

    def live_presence(self, delegate_id: int, session_id: str):
        return store.live_presence(self.db, delegate_id, session_id)

    def admitted(self, entry: dict) -> None:
        """An 'ok' was written."""

    def released(self, presence: dict) -> None:
        """An undo was written for this presence row."""



class MemoryLedger(Ledger):
    """The decisions' reads from memory (presence per session loaded on first use); their
    rows held until flush() writes the lot in one statement."""

    def __init__(self, db):
        super().__init__(db)
        self._roster(db)
        self._badges = store.all_badges(db)
        self._ids, self._last_seq = store.checkin_ids_after(db, 0)
        self._held = {}  # id -> (entry, outcome), in decision order
        self._present = {}  # session id -> {delegate id: {"at", "station"}}

    def _roster(self, db):
        self._delegates = {row["id"]: row for row in store.all_delegates(db)}
        self._by_code = {row["code"]: row for row in self._delegates.values()}
        self._expected = {}  # session id -> delegates summoned
        self._shapes = None  # of the codes on the list, made on first use

    def reload(self, db, changed: set) -> None:
        """Read again the parts another connection changed (snapshot.refresh)."""
        if "roster" in changed or "sessions" in changed:
            self._roster(db)
        if "badges" in changed:
            self._badges = store.all_badges(db)
        if "log" in changed:  # rows another connection appended: their ids
            fresh, self._last_seq = store.checkin_ids_after(db, self._last_seq)
            self._ids |= fresh
        if "presence" in changed or "log" in changed:
            self._present = {}

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
        last = chain.append_checkins(self.db, [entry for entry, _ in held])
        self._last_seq = max(self._last_seq, last)
        for offset, (_, outcome) in enumerate(held):
            outcome.seq = last - len(held) + 1 + offset
        self._held = {}

    def badge(self, secret_hash):
        return self._badges.get(secret_hash)

    def delegate_by_code(self, code):
        return self._by_code.get(code)

    def code_shapes(self):
        if self._shapes is None:
            self._shapes = {codes.shape(code) for code in self._by_code}
        return self._shapes

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
