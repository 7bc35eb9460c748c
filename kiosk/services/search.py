"""Finding people: the kiosk's search by name without diacritics, code, unit or
delegation (with who is in for a session), the help desk's lookup (each found person's
arrivals per session and absences, beside the sessions), and the code a scanned text
carries. Reads only. No Flask here."""

from badges.codes import code_of as _code_of
from badges.text import fold, name_first

from .. import db as store

DESK_SHOWN = 30  # people the desk's card list holds at once


def words_of(query: str) -> list:
    """A query as the search matches it: folded (no diacritics), split into words."""
    return fold(query).split()


def at_the_door(db, words: list, session_id: str, shown: int) -> tuple:
    """(at most `shown` active delegates holding every word, own names first, each with
    `present_at` for the session; how many matched in all)."""
    found = store.search_delegates(db, words, session_id)
    return name_first(found, words, shown), len(found)


def at_the_desk(db, words: list) -> dict:
    """The desk's lookup: `people` (active or withdrawn, own names first, at most
    DESK_SHOWN), `arrivals` (delegate id -> session id -> presence row), `absences`
    (delegate id -> its absences) and the real `sessions`."""
    found = name_first(store.desk_lookup(db, words), words, DESK_SHOWN)
    ids = [d["id"] for d in found]
    arrivals, absences = {}, {}
    for row in store.presence_of(db, ids) if found else []:
        arrivals.setdefault(row["delegate_id"], {})[row["session_id"]] = row
    for a in store.absences_of(db, ids) if found else []:
        absences.setdefault(a["delegate_id"], []).append(a)
    return {"people": found, "arrivals": arrivals, "absences": absences,
            "sessions": store.list_sessions(db)}


def code_of(text: str) -> str:
    """The badge code a scanned text carries (badges/codes.py)."""
    return _code_of(text)
