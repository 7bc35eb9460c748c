"""The kiosk tables: check-in log, presence, stations, organisers."""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from badges.sealing import GENESIS, seal

migrations = Migrations("kiosk")


@migrations()
def m001_checkins(db: Database):
    db.execute("""
        CREATE TABLE checkins (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of arrival at this database
            id TEXT NOT NULL UNIQUE,                -- globally unique, chosen by the client
            kind TEXT NOT NULL,                     -- 'scan' or 'undo'
            at TEXT NOT NULL,                       -- when it happened (UTC ISO 8601)
            station TEXT NOT NULL,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            result TEXT NOT NULL,
            delegate_id INTEGER REFERENCES delegates(id),
            method TEXT,                            -- scan, typed, search, camera
            scanned TEXT,                           -- what was read, for refused scans only
            undoes TEXT,                            -- id of the check-in an undo reverses
            actor TEXT,
            received_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX checkins_session ON checkins(session_id, result)")
    # Presence: who is in, per session. One live row per delegate and session is the
    # backstop that makes a second 'ok' impossible whatever the code above does.
    db.execute("""
        CREATE TABLE presence (
            checkin_id TEXT PRIMARY KEY REFERENCES checkins(id),
            delegate_id INTEGER NOT NULL REFERENCES delegates(id),
            session_id TEXT NOT NULL REFERENCES sessions(id),
            at TEXT NOT NULL,
            station TEXT NOT NULL,
            undone_at TEXT,
            undo_id TEXT
        )""")
    db.execute("""CREATE UNIQUE INDEX presence_live ON presence(delegate_id, session_id)
                  WHERE undone_at IS NULL""")
    db.execute("CREATE INDEX presence_session ON presence(session_id) WHERE undone_at IS NULL")
    db.execute("""CREATE TRIGGER checkins_append_only_update BEFORE UPDATE ON checkins
                  BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END""")
    db.execute("""CREATE TRIGGER checkins_append_only_delete BEFORE DELETE ON checkins
                  BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END""")
    db["stations"].create({"name": str, "token_hash": str, "created_at": str,
                           "revoked_at": str, "last_seen": str}, pk="name")
    db["stations"].create_index(["token_hash"], unique=True)
    db["organisers"].create({"username": str, "password_hash": str, "created_at": str},
                            pk="username")


@migrations()
def m002_presence_follows_the_log(db: Database):
    """Presence is derived from the log by the database itself: an 'ok' row adds the
    delegate, an 'undo' row takes them out. The code writes the log only, and a second
    live 'ok' fails the unique index, so it cannot even enter the log."""
    db.execute("""CREATE TRIGGER presence_on_ok AFTER INSERT ON checkins
                  WHEN NEW.kind = 'scan' AND NEW.result = 'ok'
                  BEGIN
                    INSERT INTO presence (checkin_id, delegate_id, session_id, at, station)
                    VALUES (NEW.id, NEW.delegate_id, NEW.session_id, NEW.at, NEW.station);
                  END""")
    db.execute("""CREATE TRIGGER presence_on_undo AFTER INSERT ON checkins
                  WHEN NEW.kind = 'undo'
                  BEGIN
                    UPDATE presence SET undone_at = NEW.at, undo_id = NEW.id
                    WHERE checkin_id = NEW.undoes;
                  END""")


@migrations()
def m003_station_tables(db: Database):
    """A station's own tables (empty on the hub): what it must still send to the hub, the
    hub's answers, and who the hub says is present (as last pulled)."""
    db.execute("""
        CREATE TABLE outbox (
            id TEXT PRIMARY KEY,          -- the check-in's id, the same at the hub
            code TEXT NOT NULL,           -- what was scanned: the hub decides again
            session_id TEXT NOT NULL,
            method TEXT NOT NULL,
            at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE synced (
            id TEXT PRIMARY KEY,
            hub_result TEXT NOT NULL,
            synced_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE hub_presence (
            delegate_id INTEGER NOT NULL,
            session_id TEXT NOT NULL,
            at TEXT NOT NULL,
            station TEXT NOT NULL,
            PRIMARY KEY (delegate_id, session_id)
        )""")


@migrations()
def m004_sessions_end_with_a_password_reset(db: Database):
    """A login's session epoch, changed by every password reset: cookies carrying an older
    one are refused. The session key leaves the database for the keys folder."""
    db.execute("ALTER TABLE organisers ADD COLUMN session_epoch TEXT")
    db.execute("UPDATE organisers SET session_epoch = lower(hex(randomblob(9)))")
    db.execute("DELETE FROM secrets WHERE name = 'flask_secret'")


@migrations()
def m005_station_time_kept_beside_the_hubs(db: Database):
    """When the hub did not keep a station's time for a check-in as it was sent (its clock
    was off, or the time impossible), the station's own time, as sent, for the record."""
    db.execute("ALTER TABLE checkins ADD COLUMN station_at TEXT")


@migrations()
def m006_confirmed_codes_reach_the_hub_as_confirmed(db: Database):
    """A station's check-in of a bare delegate code that its volunteer confirmed: the hub,
    deciding it again, must know that a person looked."""
    db.execute("ALTER TABLE outbox ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 0")


@migrations()
def m007_logins_have_roles(db: Database):
    """Logins are not all organisers: organiser, desk (the help desk), volunteer (the
    kiosk page only), viewer (the projector). Existing logins stay organisers."""
    db.execute("ALTER TABLE organisers RENAME TO users")
    db.execute("ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'organiser'")


@migrations()
def m008_an_undo_says_why(db: Database):
    """The help desk's reason for reversing a check-in, in the log beside the undo."""
    db.execute("ALTER TABLE checkins ADD COLUMN reason TEXT")


APPEND_ONLY = """CREATE TRIGGER {table}_append_only_{verb} BEFORE {VERB} ON {table}
                 BEGIN SELECT RAISE(ABORT, 'the {what} is append-only'); END"""


@migrations()
def m009_logs_are_hash_chained(db: Database):
    """The check-in log sealed row by row (core/chain.py), the rows already there too;
    and the audit trail: every organiser and desk action, who, when, what from what to
    what, append-only and sealed the same way."""
    db.execute("ALTER TABLE checkins ADD COLUMN hash TEXT")
    db.execute("DROP TRIGGER checkins_append_only_update")
    columns = ("seq", "id", "kind", "at", "station", "session_id", "result", "delegate_id",
               "method", "scanned", "undoes", "actor", "station_at", "reason", "received_at")
    previous = GENESIS
    for row in db.execute(f"SELECT {', '.join(columns)} FROM checkins ORDER BY seq").fetchall():
        previous = seal(previous, dict(zip(columns, row)))
        db.execute("UPDATE checkins SET hash = ? WHERE seq = ?", [previous, row[0]])
    db.execute(APPEND_ONLY.format(table="checkins", verb="update", VERB="UPDATE",
                                  what="check-in log"))
    db.execute("""
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,          -- UTC ISO 8601
            actor TEXT NOT NULL,       -- the login (or 'kiosk CLI' for a command)
            role TEXT NOT NULL,
            action TEXT NOT NULL,      -- e.g. 'delegate.edit', 'badge.reissue'
            target TEXT,               -- what it acted on: a delegate code, a station, a user
            before TEXT,               -- JSON: the fields that changed, as they were
            after TEXT,                -- JSON: as they became
            note TEXT,                 -- a reason given, a file name
            hash TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX audit_target ON audit(target)")
    for verb in ("update", "delete"):
        db.execute(APPEND_ONLY.format(table="audit", verb=verb, VERB=verb.upper(),
                                      what="audit trail"))


@migrations()
def m010_absences_and_substitutes(db: Database):
    """Absences with a reason (vắng có lý do), for one session or all, recorded ahead or
    on the day; and substitutes (đại biểu thay thế): a summoned delegate replaced by a
    named person once an organiser approves, the original withdrawn, the substitute a
    delegate of their own."""
    db.execute("""
        CREATE TABLE absences (
            id INTEGER PRIMARY KEY,
            delegate_id INTEGER NOT NULL REFERENCES delegates(id),
            session_id TEXT REFERENCES sessions(id),  -- NULL: every session
            reason TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            cancelled_at TEXT
        )""")
    db.execute("""CREATE UNIQUE INDEX absences_live ON absences(delegate_id,
                  COALESCE(session_id, '*')) WHERE cancelled_at IS NULL""")
    db.execute("""
        CREATE TABLE substitutions (
            id INTEGER PRIMARY KEY,
            original_id INTEGER NOT NULL REFERENCES delegates(id),
            substitute_id INTEGER REFERENCES delegates(id),  -- made on approval
            name TEXT NOT NULL,            -- the substitute as requested
            title TEXT, unit TEXT, phone TEXT,
            reason TEXT NOT NULL,
            requested_by TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            approved_by TEXT, approved_at TEXT,
            refused_by TEXT, refused_at TEXT
        )""")
    db.execute("""CREATE UNIQUE INDEX substitutions_open ON substitutions(original_id)
                  WHERE refused_at IS NULL""")


# What the hub's batcher holds in memory, by part: a write from another connection (a
# desk edit, a roster upload, a revoked station) bumps the part it touched, and the
# batcher reloads that part only (it reloaded everything: with an 11,000-row log, five
# desk edits a second raised check-in p99 from 11 to 118 ms).
WATCHED = {"roster": ("delegates", "categories"), "badges": ("badges",),
           "sessions": ("sessions", "settings"), "stations": ("stations",),
           "presence": ("presence", "hub_presence"), "log": ("checkins",)}


@migrations()
def m011_changes_are_counted_by_part(db: Database):
    db.execute("CREATE TABLE changes (part TEXT PRIMARY KEY, count INTEGER NOT NULL)")
    for part, tables in WATCHED.items():
        counted(db, part, tables)


def counted(db: Database, part: str, tables, new: bool = True) -> None:
    """Triggers that bump `part`'s counter in `changes` on every write to `tables` (a new
    part's counter made first, unless `new` is False)."""
    if new:
        db.execute("INSERT INTO changes (part, count) VALUES (?, 0)", [part])
    for table in tables:
        for verb in ("INSERT", "UPDATE", "DELETE"):
            db.execute(f"""CREATE TRIGGER {table}_{verb.lower()}_counted AFTER {verb}
                           ON {table} BEGIN UPDATE changes SET count = count + 1
                           WHERE part = '{part}'; END""")


@migrations()
def m012_the_ceremony(db: Database):
    """The honours ceremony (core/ceremony.py): who presents each batch of a session; for
    an award whose recipient is absent, who receives it on their behalf (nhận thay) or
    that it is kept for a later handover; and the awards handed on stage, in which
    batch, to whom. Each says who decided and when."""
    db.execute("""CREATE TABLE ceremony_presenters (
            session_id TEXT NOT NULL, batch INTEGER NOT NULL, presenter TEXT NOT NULL,
            set_by TEXT NOT NULL, set_at TEXT NOT NULL, PRIMARY KEY (session_id, batch))""")
    db.execute("""CREATE TABLE award_absences (
            award_id INTEGER PRIMARY KEY REFERENCES awards(id),
            proxy_id INTEGER REFERENCES delegates(id),  -- NULL: kept for a later handover
            decided_by TEXT NOT NULL, decided_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE awards_handed (
            award_id INTEGER PRIMARY KEY REFERENCES awards(id),
            session_id TEXT NOT NULL, batch INTEGER NOT NULL,
            walker_id INTEGER NOT NULL REFERENCES delegates(id),  -- who went on stage
            handed_by TEXT NOT NULL, handed_at TEXT NOT NULL)""")
    # the stage screens hear of every change through the streams' announcement
    counted(db, "ceremony", ("awards", "ceremony_presenters", "award_absences",
                             "awards_handed"))


@migrations()
def m013_awards_handed_over_to_delegations(db: Database):
    """An award not handed on stage, given afterwards to the head of the recipient's
    delegation: who received it, recorded by whom, when."""
    db.execute("""CREATE TABLE award_handovers (
            award_id INTEGER PRIMARY KEY REFERENCES awards(id),
            received_by TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL)""")
    counted(db, "ceremony", ("award_handovers",), new=False)


@migrations()
def m014_composition_kept_after_the_purge(db: Database):
    """The composition of each session (reports/composition.py) as it stood when `kiosk
    purge` removed the fields it is made of: the credentials report reads it from here."""
    db.execute("""CREATE TABLE kept_composition (session_id TEXT PRIMARY KEY,
                  figures TEXT NOT NULL, kept_at TEXT NOT NULL)""")


@migrations()
def m015_the_hall_is_counted(db: Database):
    """The hall's plan counts its changes, so that the ushers' screens hear of a new plan
    (and, through the roster's counter, of seats given) in the streams' announcement."""
    counted(db, "hall", ("hall_seats",))


@migrations()
def m016_the_stage_is_lined_up_by_form(db: Database):
    """The stage is stable (core/ceremony.py): from the moment a batch is handed, the batch
    on stage and the next are frozen as they were shown, one row an award (who walks for
    it, the form, the part of the form, whether a supplementary batch, whether more of
    the form was to come, and once handed its presenter). A presenter is kept with a
    form (part 0) or one part of it, not with a batch's number, which can move; the
    presenters kept by number before stay readable for the batches handed."""
    db.execute("""CREATE TABLE ceremony_lineup (
            session_id TEXT NOT NULL, batch INTEGER NOT NULL, position INTEGER NOT NULL,
            award_id INTEGER NOT NULL REFERENCES awards(id),
            walker_id INTEGER NOT NULL REFERENCES delegates(id),
            form TEXT NOT NULL, part INTEGER NOT NULL,
            supplementary INTEGER NOT NULL DEFAULT 0, continues INTEGER NOT NULL DEFAULT 0,
            presenter TEXT, frozen_by TEXT NOT NULL, frozen_at TEXT NOT NULL,
            PRIMARY KEY (session_id, batch, position), UNIQUE (session_id, award_id))""")
    db.execute("""CREATE TABLE ceremony_form_presenters (
            session_id TEXT NOT NULL, form_key TEXT NOT NULL, part INTEGER NOT NULL,
            form TEXT NOT NULL, presenter TEXT NOT NULL, set_by TEXT NOT NULL,
            set_at TEXT NOT NULL, PRIMARY KEY (session_id, form_key, part))""")
    counted(db, "ceremony", ("ceremony_lineup", "ceremony_form_presenters"), new=False)


@migrations()
def m018_delegation_links(db: Database):
    """A sign-in link per delegation for its head (issue 31): the SHA-256 of its secret
    (NULL once revoked), who issued it and when."""
    db.execute("""CREATE TABLE delegation_links (
            delegation TEXT PRIMARY KEY, token_hash TEXT UNIQUE,
            issued_by TEXT NOT NULL, issued_at TEXT NOT NULL, revoked_at TEXT)""")


@migrations()
def m017_the_mc_run_sheet(db: Database):
    """What the MC reads besides the honours (services/mc.py): the guests and leaders
    marked introduced ("đã giới thiệu") in a session and when the list was read; the
    presidium and the secretariat in their order; each vote taken, with the delegates
    present when it was recorded; the session's speakers with their reserves. The MC's
    screens hear of every change through the streams' announcement ("mc")."""
    db.execute("""CREATE TABLE mc_introduced (
            session_id TEXT NOT NULL, delegate_id INTEGER NOT NULL REFERENCES delegates(id),
            marked_by TEXT NOT NULL, marked_at TEXT NOT NULL,
            PRIMARY KEY (session_id, delegate_id))""")
    db.execute("""CREATE TABLE mc_read (session_id TEXT PRIMARY KEY, read_by TEXT NOT NULL,
            read_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE presidium (
            body TEXT NOT NULL CHECK (body IN ('chu-tich', 'thu-ky')),
            position INTEGER NOT NULL, delegate_id INTEGER NOT NULL REFERENCES delegates(id),
            set_by TEXT NOT NULL, set_at TEXT NOT NULL, PRIMARY KEY (body, position),
            UNIQUE (body, delegate_id))""")
    db.execute("""CREATE TABLE votes (
            id INTEGER PRIMARY KEY, session_id TEXT NOT NULL, motion TEXT NOT NULL,
            votes_for INTEGER NOT NULL CHECK (votes_for >= 0),
            against INTEGER NOT NULL CHECK (against >= 0),
            abstain INTEGER NOT NULL CHECK (abstain >= 0),
            present INTEGER NOT NULL, summoned INTEGER NOT NULL, rule TEXT NOT NULL,
            passed INTEGER NOT NULL, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            CHECK (votes_for + against + abstain <= present))""")
    db.execute("""CREATE TABLE speakers (
            session_id TEXT NOT NULL, position INTEGER NOT NULL,
            delegate_id INTEGER NOT NULL REFERENCES delegates(id), topic TEXT NOT NULL,
            minutes INTEGER NOT NULL CHECK (minutes > 0),
            reserve_id INTEGER REFERENCES delegates(id),
            set_by TEXT NOT NULL, set_at TEXT NOT NULL, PRIMARY KEY (session_id, position))""")
    counted(db, "mc", ("mc_introduced", "mc_read", "presidium", "votes", "speakers"))



@migrations()
def m020_documents_and_souvenirs(db: Database):
    """The documents and souvenirs handed to the delegations (tài liệu, kỷ yếu, quà lưu
    niệm; issue 31 item 4): each item as the organisers define it, per delegate or per
    delegation, with the count prepared; each handing out to a delegation (how many, who
    received them, who marked it, when), never more than due or prepared
    (services/documents.py decides; the CHECKs are the backstop)."""
    db.execute("""CREATE TABLE document_items (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
            per TEXT NOT NULL CHECK (per IN ('delegate', 'delegation')),
            prepared INTEGER NOT NULL CHECK (prepared >= 0),
            added_by TEXT NOT NULL, added_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE document_handouts (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES document_items(id),
            delegation TEXT NOT NULL, count INTEGER NOT NULL CHECK (count > 0),
            received_by TEXT NOT NULL, handed_by TEXT NOT NULL, role TEXT NOT NULL,
            handed_at TEXT NOT NULL)""")
    db.execute("CREATE INDEX document_handouts_item ON document_handouts(item_id, delegation)")
