"""The MC's run sheet of a session as it stands now (reports/run_sheet.py lays it out):
the introductions of those in the hall, the presidium, the votes to take, the speakers
and the honours ceremony, each read from where it is kept (services/mc.py, votes.py,
ceremony.py). `kiosk script` prints it."""

from badges.text import fold

from .. import db as store
from ..core import clock
from ..reports import run_sheet
from . import ceremony, mc, votes


def motions(db, session: dict) -> list:
    """[(motion, the vote recorded on it or None)]: the motions to take (the setting
    "motions", else votes.MOTIONS), each with its latest vote, then the other motions
    voted on in the session, in the order taken."""
    planned = store.get_settings(db).get("motions") or list(votes.MOTIONS)
    taken = votes.votes(db, session)
    latest = {fold(v["motion"]): v for v in taken}
    out = [(m, latest.pop(fold(m), None)) for m in planned]
    seen = set()
    for v in taken:
        key = fold(v["motion"])
        if key in latest and key not in seen:
            seen.add(key)
            out.append((v["motion"], latest[key]))
    return out


def sheet(db, session: dict) -> dict:
    """Everything the run sheet prints, read now."""
    return {"event": store.get_settings(db).get("name", ""), "session": session,
            "introductions": mc.introductions(db, session),
            "figures": votes.present_now(db, session["id"]),
            "presidium": mc.presidium(db, session), "motions": motions(db, session),
            "speakers": mc.speakers(db, session),
            "ceremony": ceremony.programme(db, session["id"]), "honours": store.honours(db)}


def write(db, session: dict, out) -> dict:
    """The run sheet into `out` (a path or a file), as of now; what it holds."""
    made = sheet(db, session)
    run_sheet.write_pdf(out, made, clock.utcnow())
    return made
