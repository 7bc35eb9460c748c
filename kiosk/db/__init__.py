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
from contextlib import contextmanager
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
    delegation_heads,
    get_secret,
    get_settings,
    immediate,
    list_categories,
    list_delegates,
    list_sessions,
    now_iso,
    one,
    recolour_category,
    replace_secret,
    roster_drift,
    save_session,
    set_head,
)

from .absences import (  # noqa: F401
    absence_reasons,
    absences_of,
    add_absence,
    add_substitution,
    approve_substitution,
    cancel_absence,
    refuse_substitution,
    substitution,
    substitutions,
)
from .accounts import (  # noqa: F401
    change_counts,
    data_version,
    delete_user,
    ensure_secret,
    latest_station_name,
    live_station_names,
    live_station_tokens,
    revoke_station,
    station_by_token_hash,
    stations,
    upsert_station,
    upsert_user,
    user,
    users,
)
from .attendance import (  # noqa: F401
    EVENT_SELECT,
    attendance,
    events_after,
    last_seq,
    latest_arrivals,
    log_choices,
    log_entries,
    refused_counts,
)
from .audit import (  # noqa: F401
    AUDIT_SEALED,
    audit_entries,
    insert_audit,
    latest_records,
)
from .backup import (  # noqa: F401
    BackupFailed,
    backup_to,
)
from .ceremony import (  # noqa: F401
    award,
    ceremony_version,
    decide_absence,
    hand,
    handed,
    handovers,
    honours,
    presenters,
    record_handover,
    set_ceremony_settings,
)
from .ceremony_log import ceremony_drift  # noqa: F401
from .checkins import (  # noqa: F401
    CHECKIN_COLUMNS,
    INSERT_CHECKINS,
    LIVE,
    ROW_MARKS,
    SEALED,
    WRITTEN,
    all_badges,
    all_codes,
    all_delegates,
    chain_end,
    checkin_by_id,
    checkin_ids_after,
    count_present,
    delegate,
    desk_lookup,
    insert_checkins,
    late_for_head,
    live_presence,
    live_presences,
    presence_against_log,
    presence_by_checkin,
    presence_of,
    present_and_expected,
    sealed_rows,
    search_delegates,
    session,
)
from .delegations import (  # noqa: F401
    delegation_of_link,
    delegations,
    members,
    revoke_delegation_link,
    set_delegation_link,
    substitutions_asked,
)
from .documents import (  # noqa: F401
    add_document_item,
    delegation_sizes,
    document_item,
    document_items,
    hand_documents,
    handed_documents,
    handouts,
    take_back_handout,
)
from .hall import hall_chart, hall_summary, seating_version, seats_held  # noqa: F401
from .privacy import (  # noqa: F401
    PURGED,
    compact,
    keep_composition,
    kept_composition,
    purge_personal,
)
from .programme import (  # noqa: F401
    REHEARSAL,
    live_checkins_of,
    rehearsal_on,
    rehearsal_session,
    set_rehearsal,
)
from .replica import (  # noqa: F401
    ROSTER_PARTS,
    apply_replica,
    door_copy,
    hand_over,
    hub_result_of,
    ids_held,
    keep_door_copy,
    known_hub,
    live_presence_rows,
    mark_synced,
    outbox,
    queue_outbox,
    requeue,
    restore_roster,
    roster,
    roster_conflicts,
    roster_mark,
    set_known_hub,
    synced_ids,
)
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


@contextmanager
def reading(db: Database):
    """Several reads from one state of the database (a read transaction; the writers go
    on meanwhile, WAL): a snapshot's figures and the log position they stand at agree."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        db.conn.execute("COMMIT")


def for_thread(path) -> Database:
    """This thread's connection to `path`, for reads (server threads reuse theirs)."""
    cache = getattr(_local, "dbs", None)
    if cache is None:
        cache = _local.dbs = {}
    if str(path) not in cache:
        cache[str(path)] = connect(path)
    return cache[str(path)]
