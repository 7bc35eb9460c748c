"""The one percentage and the one counts shape, for every screen, answer and report.
No Flask here."""


DECIMALS = 1  # a share is shown to one decimal, everywhere (the pages get it as data)


def percent(part: int, whole: int) -> float:
    """`part` of `whole` in per cent, one decimal; 0.0 when nobody is expected."""
    return round(100 * part / whole, DECIMALS) if whole else 0.0


def counts(session: dict, present: int, expected: int) -> dict:
    """A session's live figures as the kiosk, the stream and /api/stats send them."""
    return {"session": session["id"], "session_name": session["name"], "present": present,
            "expected": expected, "percent": percent(present, expected)}
