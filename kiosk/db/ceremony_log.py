"""The ceremony's sealed log: every change to the honours list, to what the ceremony
recorded (a batch handed, a proxy or an award kept, a handover, the stage's lineup, a
presenter) and to the composition figures kept after the purge, written by the database
itself (issue 28, item 12: `kiosk verify-log` did not cover them).

The same rule as the roster's log (badges/db/roster_log.py): a trigger appends a row to
`ceremony_log`, sealed onto a hash chain by roster_seal, which every connection of ours
registers; a plain `sqlite3` shell cannot change these tables without dropping the
triggers first, and then the tables no longer match their log (`drift`). A row's `ref`
is its key as a JSON array (several tables are keyed by a session, a batch and a place).
Frozen with m019 (kiosk/db/schema.py): a field added later needs a migration that makes
the triggers anew.
"""

from sqlite_utils import Database

from badges.db.roster_log import sealed_append

LOGGED = {  # table -> (key columns, the fields logged)
    "awards": (("id",), ("row", "form", "decision", "decided_on", "delegate_id",
                         "collective", "note")),
    "ceremony_presenters": (("session_id", "batch"), ("presenter", "set_by", "set_at")),
    "award_absences": (("award_id",), ("proxy_id", "decided_by", "decided_at")),
    "awards_handed": (("award_id",), ("session_id", "batch", "walker_id", "handed_by",
                                      "handed_at")),
    "award_handovers": (("award_id",), ("received_by", "recorded_by", "recorded_at")),
    "ceremony_lineup": (("session_id", "batch", "position"),
                        ("award_id", "walker_id", "form", "part", "supplementary",
                         "continues", "presenter", "frozen_by", "frozen_at")),
    "ceremony_form_presenters": (("session_id", "form_key", "part"),
                                 ("form", "presenter", "set_by", "set_at")),
    "kept_composition": (("session_id",), ("figures", "kept_at")),
}


def _ref(table: str, row: str) -> str:
    return "json_array(" + ", ".join(f"{row}.{k}" for k in LOGGED[table][0]) + ")"


def _fields(table: str, row: str) -> str:
    return "json_object(" + ", ".join(f"'{f}', {row}.{f}" for f in LOGGED[table][1]) + ")"


def _append(table: str, row: str, fields_sql: str, source: str = "") -> str:
    """SQL appending one sealed row for `row` of `table`, numbered after the last number
    ever given (a row removed from the end leaves a gap), as the roster's log does."""
    return sealed_append("ceremony_log", table, _ref(table, row), fields_sql, source)


def create(db: Database) -> None:
    """The log, append-only, its triggers, and a row for each row the tables hold."""
    db.execute("""CREATE TABLE ceremony_log (seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  kind TEXT NOT NULL, ref TEXT NOT NULL, fields TEXT, hash TEXT NOT NULL)""")
    db.execute("CREATE INDEX ceremony_log_ref ON ceremony_log(kind, ref, seq)")
    for verb in ("UPDATE", "DELETE"):
        db.execute(f"""CREATE TRIGGER ceremony_log_append_only_{verb.lower()} BEFORE {verb}
                       ON ceremony_log BEGIN SELECT RAISE(ABORT, 'the ceremony log is
                       append-only'); END""")
    for table in LOGGED:
        new, old = _fields(table, "NEW"), _fields(table, "OLD")
        moved = f"WHERE {_ref(table, 'OLD')} IS NOT {_ref(table, 'NEW')}"
        db.execute(f"""CREATE TRIGGER {table}_ceremony_logged_insert AFTER INSERT ON {table}
                       BEGIN {_append(table, "NEW", new)}; END""")
        db.execute(f"""CREATE TRIGGER {table}_ceremony_logged_update AFTER UPDATE ON {table}
                       WHEN {new} IS NOT {old} OR {_ref(table, 'NEW')} IS NOT
                            {_ref(table, 'OLD')}
                       BEGIN {_append(table, "OLD", "NULL", moved)};
                             {_append(table, "NEW", new)}; END""")
        db.execute(f"""CREATE TRIGGER {table}_ceremony_logged_delete AFTER DELETE ON {table}
                       BEGIN {_append(table, "OLD", "NULL")}; END""")
        keys = " AND ".join(f"t.{k} IS ?" for k in LOGGED[table][0])
        append = _append(table, "t", _fields(table, "t"), f"FROM {table} t WHERE {keys}")
        for key in db.execute(f"SELECT {', '.join(LOGGED[table][0])} FROM {table} "
                              "ORDER BY rowid").fetchall():
            db.execute(append, list(key))


def ceremony_drift(db: Database) -> list:
    """Rows of the logged tables that differ from the last entry of their log (changed
    with the triggers dropped), and logged rows gone from their table: (table, ref, what
    the table holds, what the log says), JSON text or None. Empty for a file from before
    the log (m019): nothing to compare."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'ceremony_log'").fetchone():
        return []
    drift = []
    for table in LOGGED:
        ref, fields = _ref(table, "t"), _fields(table, "t")
        drift += db.execute(f"""
            WITH last AS (SELECT ref, fields FROM ceremony_log r WHERE kind = ? AND seq =
                          (SELECT MAX(seq) FROM ceremony_log WHERE kind = r.kind
                           AND ref = r.ref))
            SELECT ?, {ref}, {fields}, last.fields
            FROM {table} t LEFT JOIN last ON last.ref = {ref}
            WHERE last.fields IS NULL OR last.fields IS NOT {fields}
            UNION ALL
            SELECT ?, last.ref, NULL, last.fields FROM last
            WHERE last.fields IS NOT NULL AND NOT EXISTS
                  (SELECT 1 FROM {table} t WHERE {ref} = last.ref)""",
            [table, table, table]).fetchall()
    return [tuple(row) for row in drift]
