"""The kiosk side of the event database: connections, and every SQL statement of `kiosk`.

The schema extends the `badges` schema in the same SQLite file, with its own migration
set (`schema.py`). Queries live in this package's modules, grouped by what they serve:
`checkins` (the log, presence, search), `access` (stations, organisers, secrets),
`attendance` (dashboard and reports). Callers use them through this module.
"""

import threading

from sqlite_utils import Database

from badges import db as badges_db
from badges.db import immediate, now_iso, one  # noqa: F401  (re-exported for kiosk)

from .access import *  # noqa: F403
from .attendance import *  # noqa: F403
from .checkins import *  # noqa: F403
from .schema import migrations

_local = threading.local()


def connect(path) -> Database:
    """A new connection with both packages' schemas migrated."""
    return badges_db.connect(path, extra_migrations=[migrations])


_writers: dict = {}
_writers_lock = threading.Lock()


def writer(path) -> Database:
    """The process's one connection for check-in decisions.

    Decisions run one at a time under the write lock anyway; giving them a single
    connection keeps its page cache warm (a connection's cache is dropped whenever
    another connection has written), which halves the CPU a check-in costs.
    """
    with _writers_lock:
        if str(path) not in _writers:
            _writers[str(path)] = connect(path)
        return _writers[str(path)]


def writer_lock():
    """Held while using the writer connection outside a decision (one user at a time)."""
    return badges_db.WRITE_LOCK


def for_thread(path) -> Database:
    """This thread's connection to `path`, for reads (server threads reuse theirs)."""
    cache = getattr(_local, "dbs", None)
    if cache is None:
        cache = _local.dbs = {}
    if str(path) not in cache:
        cache[str(path)] = connect(path)
    return cache[str(path)]


