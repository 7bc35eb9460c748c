"""Group commit: the hub's check-ins and undos, decided one at a time on one thread but
committed together. No Flask here.

Every request thread hands its attempt to the batcher and waits. The batcher takes
every attempt waiting, decides them in order inside one BEGIN IMMEDIATE transaction,
commits once (one fsync for the lot), then lets `after` publish each outcome with the
session's counts (in log order: this thread is the hub's only writer of the log), and
wakes the requests. Station credentials, sessions and counts come from a `Snapshot`
that is checked against the database at the start of every batch. An attempt is
answered only after its commit, so every acknowledged check-in is durable. If the
batch's commit fails, nothing of it was acknowledged and each attempt is committed again
on its own: the one that cannot be written gets its error, the others are recorded.
"""

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import db as store
from . import decision
from .refusal import no_session
from .snapshot import Snapshot

MAX_BATCH = 64
log = logging.getLogger(__name__)


@dataclass
class _Attempt:
    action: Callable  # (db) -> Outcome; raises CheckinError before writing
    outcome: object = None
    counts: dict | None = None
    error: BaseException | None = None
    # held until the attempt is answered: a bare lock is the cheapest one-shot signal
    _pending: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        self._pending.acquire()

    def answered(self):
        self._pending.release()

    def wait(self):
        self._pending.acquire()


class Batcher:
    def __init__(self, db_path, after=lambda outcome, counts: None, outbox=False,
                 after_batch=lambda: None):
        self.db_path, self.after, self.after_batch = db_path, after, after_batch
        self.outbox = outbox  # a station: queue each new attempt for the hub, same transaction
        self._queued = []
        self.snapshot = Snapshot()
        self._queue = queue.SimpleQueue()
        self._thread = None
        self._start_lock = threading.Lock()

    def check_in(self, attempt: decision.Attempt, credential=None):
        """Decide one attempt (waiting for its batch); returns (outcome, counts).

        `credential` is the hash of the station token the request came with: the
        attempt is refused ('unauthorized') unless it is still the station's live one.
        """
        def action(db):
            self._authorise(attempt.station, credential)
            outcome = decision.decide_within(db, attempt, self._session(db, attempt.session_id),
                                             self.snapshot.ledger(db))
            if self.outbox and not outcome.replayed:
                self._queued.append({"id": outcome.id, "code": attempt.text,
                                     "session_id": attempt.session_id, "method": attempt.method,
                                     "at": outcome.at, "confirmed": int(attempt.confirmed)})
            return outcome

        return self._submit(action)

    def undo(self, checkin_id, actor, reason=None, role=None):
        """Reverse a check-in (waiting for its batch); returns (outcome, counts). With
        `role`, a person's undo: recorded in the audit trail too."""
        return self._submit(self._undoing(checkin_id, actor, reason, role))

    def undo_all(self, checkin_ids, actor, reason=None) -> list:
        """Reverse several check-ins, all queued at once so that they share batches;
        returns each one's (outcome, counts) or the error it met."""
        return self._submit_all([self._undoing(i, actor, reason) for i in checkin_ids])

    def _undoing(self, checkin_id, actor, reason, role=None):
        return lambda db: decision.undo_within(db, checkin_id, actor,
                                               ledger=self.snapshot.ledger(db), reason=reason,
                                               role=role)

    def _authorise(self, station, credential):
        if credential is not None and self.snapshot.stations.get(credential) != station:
            raise decision.CheckinError("unauthorized",
                                       "Mã trạm không còn hiệu lực (đã bị thu hồi?).")

    def _session(self, db, session_id):
        session = self.snapshot.session(db, session_id)
        if session is None:
            raise decision.CheckinError("unknown_session", no_session(session_id))
        return session

    def _submit(self, action):
        answer = self._submit_all([action])[0]
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def _submit_all(self, actions) -> list:
        """Queue every action at once (they share batches), wait for them all; each one's
        (outcome, counts), or the error it met."""
        if self._thread is None:
            self._start()
        attempts = [_Attempt(action) for action in actions]
        for attempt in attempts:
            self._queue.put(attempt)
        for attempt in attempts:
            attempt.wait()
        return [attempt.error or (attempt.outcome, attempt.counts) for attempt in attempts]

    def _start(self):
        with self._start_lock:  # the thread starts with the first attempt, not the app
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="checkin-batcher",
                                                daemon=True)
                self._thread.start()

    def _run(self):
        db = store.connect(self.db_path)
        while True:
            batch = [self._queue.get()]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._commit_isolated(db, batch)
            except BaseException as exc:  # rolled back: nothing acknowledged, nobody left waiting
                for attempt in batch:
                    attempt.error = attempt.error or exc
            for attempt in batch:
                attempt.answered()

    def _commit_isolated(self, db, batch):
        """Commit the batch; if that fails, each attempt again on its own, so that one
        that cannot be written is answered alone and the others are recorded."""
        try:
            self._commit(db, batch)
            return
        except Exception as exc:
            if len(batch) == 1:
                batch[0].error = batch[0].error or exc
                return
            log.warning("a batch of %d failed (%r); committing its attempts one by one",
                        len(batch), exc)
        for attempt in batch:
            attempt.outcome = attempt.error = None
            try:
                self._commit(db, [attempt])
            except Exception as exc:  # rolled back: this attempt was not acknowledged
                attempt.error = exc

    def _commit(self, db, batch):
        try:
            with store.immediate(db):
                self.snapshot.refresh(db)
                for attempt in batch:
                    try:
                        attempt.outcome = attempt.action(db)
                    except decision.CheckinError as exc:  # refused before writing anything
                        attempt.error = exc
                self.snapshot.ledger(db).flush()  # the batch's rows, in one statement
                if self._queued:
                    store.queue_outbox(db, self._queued)
                self.snapshot.settled(db)
        except BaseException:
            self.snapshot.forget()
            raise
        finally:
            self._queued = []
        decided = [attempt for attempt in batch if attempt.outcome is not None]
        # Committed: from here on a failure must not turn a recorded check-in into an
        # error answer, so counts and publishing are best effort.
        for attempt in decided:
            try:
                attempt.counts = self.snapshot.counts(db, attempt.outcome.session)
                self.after(attempt.outcome, attempt.counts)
            except Exception:
                log.exception("publishing check-in %s failed", attempt.outcome.id)
                attempt.counts = attempt.counts or {}
        try:  # the commit's events go out together: one wake-up of the streams a batch
            self.after_batch()
        except Exception:
            log.exception("publishing a batch failed")
