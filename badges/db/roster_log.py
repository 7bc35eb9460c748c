"""The roster's sealed log: every change to what the counts are made of, written by the
database itself.

Every change to a delegate's counted fields, a category's or a session's appends a row
to `roster_log`, sealed onto a hash chain like the check-in log, from a trigger. The
trigger calls roster_seal, which every connection of ours registers (badges/db
connect); a connection without it (the sqlite3 shell) cannot change these tables until it
drops the triggers, and then the tables no longer match their log, which `kiosk
verify-log` reports (roster_drift). (A delegate's category changed in place once raised
the quorum and left verify-log passing.)
"""

from sqlite_utils import Database

from ..sealing import GENESIS, seal

LOGGED = {  # table -> (kind, key, the fields logged)
    "delegates": ("delegate", "id", ("code", "name", "unit", "delegation", "category_id",
                                     "active", "seat")),  # seat: since m006
    "categories": ("category", "id", ("name", "is_delegate")),
    "sessions": ("session", "id", ("name", "starts_at", "ends_at", "categories",
                                   "rehearsal")),
}
ROSTER_SEALED = ("seq", "kind", "ref", "fields")  # what a roster_log row's hash covers


def roster_seal(previous, seq, kind, ref, fields) -> str:
    """A roster_log row's hash (SQLite calls it from the triggers)."""
    return seal(previous or GENESIS, {"seq": seq, "kind": kind, "ref": ref, "fields": fields})


def _logged_fields(table: str, row: str) -> str:
    """SQL for the logged fields of `row` (NEW, OLD or an alias) of `table`, as JSON."""
    _, _, fields = LOGGED[table]
    return "json_object(" + ", ".join(f"'{f}', {row}.{f}" for f in fields) + ")"


def _append_to_roster_log(table: str, row: str, fields_sql: str, source: str = "") -> str:
    """SQL appending one sealed roster_log row for `row` of `table` (NEW or OLD in a
    trigger; an alias that `source` selects), numbered after the last number ever given,
    so that a row removed from the end leaves a gap. (SQLite writes the AUTOINCREMENT
    counter back when a statement ends: within one statement of many rows, the rows
    logged so far say more.)"""
    kind, key, _ = LOGGED[table]
    return sealed_append("roster_log", kind, f"CAST({row}.{key} AS TEXT)", fields_sql, source)


def sealed_append(log: str, kind: str, ref_sql: str, fields_sql: str, source: str = "") -> str:
    """SQL appending one row to the sealed log `log` (roster_log, and the kiosk's
    ceremony_log): numbered after the last number ever given, its hash from roster_seal
    over the row before's."""
    return f"""INSERT INTO {log} (seq, kind, ref, fields, hash)
               SELECT n, kind, ref, f, roster_seal(prev, n, kind, ref, f)
               FROM (SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence
                                          WHERE name = '{log}'), 0),
                                (SELECT COALESCE(MAX(seq), 0) FROM {log})) + 1 AS n,
                            (SELECT hash FROM {log} ORDER BY seq DESC LIMIT 1) AS prev,
                            '{kind}' AS kind, {ref_sql} AS ref, {fields_sql} AS f {source})"""


def create(db: Database) -> None:
    """The log, append-only, opened with a row for each row the logged tables hold."""
    db.execute("""CREATE TABLE roster_log (seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  kind TEXT NOT NULL, ref TEXT NOT NULL, fields TEXT, hash TEXT NOT NULL)""")
    for verb in ("UPDATE", "DELETE"):
        db.execute(f"""CREATE TRIGGER roster_log_append_only_{verb.lower()} BEFORE {verb}
                       ON roster_log BEGIN SELECT RAISE(ABORT, 'the roster log is
                       append-only'); END""")
    for table in LOGGED:
        log_table(db, table)


def log_table(db: Database, table: str, replace: bool = False) -> None:
    """The triggers that log `table`'s changes (made anew with `replace`, when the fields
    logged grow), and a log row for each row already there, as it stands."""
    if replace:
        for verb in ("insert", "update", "delete"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_logged_{verb}")
    new, old = _logged_fields(table, "NEW"), _logged_fields(table, "OLD")
    db.execute(f"""CREATE TRIGGER {table}_logged_insert AFTER INSERT ON {table}
                   BEGIN {_append_to_roster_log(table, "NEW", new)}; END""")
    db.execute(f"""CREATE TRIGGER {table}_logged_update AFTER UPDATE ON {table}
                   WHEN {new} IS NOT {old}
                   BEGIN {_append_to_roster_log(table, "NEW", new)}; END""")
    db.execute(f"""CREATE TRIGGER {table}_logged_delete AFTER DELETE ON {table}
                   BEGIN {_append_to_roster_log(table, "OLD", "NULL")}; END""")
    key = LOGGED[table][1]  # the rows already there open the log
    append = _append_to_roster_log(table, "t", _logged_fields(table, "t"),
                                   f"FROM {table} t WHERE t.{key} = ?")
    for (ident,) in db.execute(f"SELECT {key} FROM {table} ORDER BY rowid").fetchall():
        db.execute(append, [ident])


def roster_drift(db: Database) -> list:
    """Rows of the counted tables that differ from the last entry of their log (changed
    with the triggers dropped), and logged rows gone from their table: (kind, ref, what
    the table holds, what the log says), JSON text or None."""
    drift = []
    for table, (kind, key, _) in LOGGED.items():
        drift += db.execute(f"""
            WITH last AS (SELECT ref, fields FROM roster_log r WHERE kind = ? AND seq =
                          (SELECT MAX(seq) FROM roster_log WHERE kind = r.kind
                           AND ref = r.ref))
            SELECT ?, CAST(t.{key} AS TEXT), {_logged_fields(table, "t")}, last.fields
            FROM {table} t LEFT JOIN last ON last.ref = CAST(t.{key} AS TEXT)
            WHERE last.fields IS NULL OR last.fields IS NOT {_logged_fields(table, "t")}
            UNION ALL
            SELECT ?, last.ref, NULL, last.fields FROM last
            WHERE last.fields IS NOT NULL AND NOT EXISTS
                  (SELECT 1 FROM {table} t WHERE CAST(t.{key} AS TEXT) = last.ref)""",
            [kind, kind, kind]).fetchall()
    return [tuple(row) for row in drift]
