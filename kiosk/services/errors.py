"""The services' refusals: the one family (core/refusal.py), by kind, and the badges
library's errors turned into them."""

from contextlib import contextmanager

from badges import people
from badges.errors import BadgesError, NotFound

from ..core.refusal import Refusal


class Invalid(Refusal):
    """The input is wrong: `field` says which."""
    reason = "invalid"


class Missing(Refusal):
    """Nobody (nothing) by that name or code."""
    reason = "not_found"


class UnknownSession(Refusal):
    """No session by that id."""
    reason = "unknown_session"


class SameName(Refusal):
    """Someone of that name is already on the roster (the desk confirms to add anyway)."""
    reason = "same_name"


@contextmanager
def from_the_roster():
    """The badges library's errors as refusals: a field at fault, nobody with that code,
    the same name already there, or a state that forbids it."""
    try:
        yield
    except people.Invalid as exc:
        raise Invalid(str(exc), exc.field) from None
    except NotFound as exc:
        raise Missing(str(exc)) from None
    except people.AlreadyThere as exc:
        raise SameName(str(exc), "name") from None
    except BadgesError as exc:
        raise Refusal(str(exc)) from None
