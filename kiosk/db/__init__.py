"""The kiosk side of the event database: connections, and every SQL statement of `kiosk`.

The schema extends the `badges` schema in the same SQLite file, with its own migration
set (`schema.py`). Queries live in this package's modules, grouped by what they serve:
`checkins` (the log, presence, search), `access` (stations, organisers, secrets),
`attendance` (dashboard and reports), `backup` (a consistent copy while the hub
runs), `replica` (what a station holds, and its queue towards the hub). Callers use
them through this module.
"""

import threading

from sqlite_utils import Database

from badges import db as badges_db
from badges.db import immediate, now_iso, one  # noqa: F401  (re-exported for kiosk)

from .access import *  # noqa: F403
from .attendance import *  # noqa: F403
from .backup import *  # noqa: F403
from .checkins import *  # noqa: F403
from .replica import *  # noqa: F403
from .schema import migrations

_local = threading.local()


def connect(path) -> Database:
    """A new connection with both packages' schemas migrated."""
    return badges_db.connect(path, extra_migrations=[migrations])


def for_thread(path) -> Database:
    """This thread's connection to `path`, for reads (server threads reuse theirs)."""
    cache = getattr(_local, "dbs", None)
    if cache is None:
        cache = _local.dbs = {}
    if str(path) not in cache:
        cache[str(path)] = connect(path)
    return cache[str(path)]


