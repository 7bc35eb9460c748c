"""The roster as the help desk's pages read it: its categories, what it still lacks by
sending unit (badges/completeness.py), and badges printed A6 a page for the desk's
printer (badges/printing.py). Reads only; an unknown code is Missing. No Flask here."""

from badges import completeness, printing

from .. import db as store
from .errors import from_the_roster


def categories(db) -> list:
    return store.list_categories(db)


def gaps_by_unit(db) -> list:
    """[{"unit", "count"}]: how many of each sending unit's people lack something."""
    return [{"unit": unit, "count": len(people)} for unit, people in
            completeness.by_unit(completeness.gaps(db)).items()]


def a6_badges(db, out, code) -> None:
    """The badges of `code` (one, or a list), A6 a page, as a PDF into `out`."""
    with from_the_roster():
        printing.render_badges(db, out, code=code, layout="a6")
