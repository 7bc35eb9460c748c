"""The kiosk side's one door to the event database: connections, and every SQL
statement `kiosk` runs.

The schema extends the `badges` schema in the same SQLite file, with its own migration
set (`schema.py`). Queries live in this package's modules, grouped by what they serve:
`checkins` (the log, presence, search), `accounts` (stations, organisers, secrets),
`attendance` (dashboard and reports), `backup` (a consistent copy while the hub
runs), `replica` (what a station holds, and its queue towards the hub). The few
`badges.db` reads the kiosk side needs (settings, sessions, categories, badges) are
passed on from here, so no kiosk module outside this package imports `badges.db`.
Callers use all of it through this module.
"""

import threading
from pathlib import Path

from sqlite_utils import Database

from badges import db as badges_db

# re-exported for the kiosk side: the badges package's reads it needs
from badges.db import (  # noqa: F401
    ROSTER_SEALED,
    add_category,
    badge_by_hash,
    count_delegates,
    delegate_by_code,
    get_settings,
    immediate,
    list_categories,
    list_sessions,
    now_iso,
    one,
    recolour_category,
    roster_drift,
    save_session,
)

from .absences import *  # noqa: F403
from .accounts import *  # noqa: F403
from .attendance import *  # noqa: F403
from .audit import *  # noqa: F403
from .backup import *  # noqa: F403
from .checkins import *  # noqa: F403
from .programme import *  # noqa: F403
from .replica import *  # noqa: F403
from .schema import migrations

_local = threading.local()


def connect(path) -> Database:
    """A new connection with both packages' schemas migrated."""
    return badges_db.connect(path, extra_migrations=[migrations])


def unmigrated(path) -> Database:
    """A connection that migrates nothing: for copying a database the hub has migrated
    (two processes migrating at once raced: 'table changes already exists')."""
    import sqlite3

    return Database(sqlite3.connect(Path(path)))


def read_only(path) -> Database:
    """A connection that can only read and migrates nothing: for a file under suspicion."""
    import sqlite3

    return Database(sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True))


def path_of(db: Database) -> str:
    """The file a connection has open."""
    return db.conn.execute("PRAGMA database_list").fetchone()[2]


def for_thread(path) -> Database:
    """This thread's connection to `path`, for reads (server threads reuse theirs)."""
    cache = getattr(_local, "dbs", None)
    if cache is None:
        cache = _local.dbs = {}
    if str(path) not in cache:
        cache[str(path)] = connect(path)
    return cache[str(path)]
