"""The one percentage and the one counts shape, for every screen, answer and report.
No Flask here."""

import math

DECIMALS = 1  # a share is shown to one decimal, everywhere (the pages get it as data)


def percent(part: int, whole: int) -> float:
    """`part` of `whole` in per cent, one decimal, a half rounded up as a reader does
    (9 of 16: 56,3 %; round() gave 56,2, the open dashboard 56,3); 0.0 when nobody is
    expected. The same sum as the pages' (dashboard/tally.js percentOf)."""
    scale = 10 ** DECIMALS
    return math.floor(100 * scale * part / whole + 0.5) / scale if whole else 0.0


def counts(session: dict, present: int, expected: int) -> dict:
    """A session's live figures as the kiosk, the stream and /api/stats send them."""
    return {"session": session["id"], "session_name": session["name"], "present": present,
            "expected": expected, "percent": percent(present, expected)}
