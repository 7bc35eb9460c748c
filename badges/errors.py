"""Errors raised by the badges package. The CLI turns them into a message and exit 1."""


class BadgesError(Exception):
    """A problem the user can fix; the message is Vietnamese and names what is wrong."""


class RosterFileError(BadgesError):
    """The roster file cannot be read at all (wrong type, not UTF-8, empty, no header)."""


class NotFound(BadgesError):
    """A delegate, category or session named by the user does not exist."""


def no_delegate(code) -> str:
    """The one wording of a badge code nobody holds (badges and the kiosk's lookups)."""
    return f"Không có đại biểu mã '{code}'."
