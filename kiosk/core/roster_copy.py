"""A door's copy of the roster, sealed by the hub, so that a spare hub started from an
older backup takes back what the doors already knew before it decides anything they send.

Seen in a drill (issue 28): a spare from a backup made before the desk's work answered
the walk-ins the door had let in as `unknown`, made the new badges of reissued cards
`forged` and the lost cards the door had refused `ok`; and the doors then took its older
roster. The check-in ids came back whole; the people did not.

So each roster the hub sends a door carries its mark (the roster log's last number: it
only grows) and a seal, HMAC-SHA256 under a key derived from the event's badge key
(which a door never holds). A door keeps the roster with its mark and seal, and:
- never applies a roster with a lower mark than its own;
- sends its mark with every sync; a hub whose mark is lower refuses to decide
  (`roster_behind`), and the door sends it the sealed copy, which the hub checks and
  applies before the door sends its check-ins again.
A stolen door credential cannot make a roster: without the badge key it cannot seal one.
No Flask and no SQL here."""

import hashlib
import hmac
import json


def version(roster: dict) -> str:
    """The roster's version: the hash of its canonical JSON (what a door sends back is
    checked against it, after the round trip through JSON)."""
    text = json.dumps(roster, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def seal(badge_key: str, mark: int, roster_version: str) -> str:
    key = hmac.new(badge_key.encode(), b"roster-copy", hashlib.sha256).digest()
    return hmac.new(key, f"{mark}:{roster_version}".encode(), hashlib.sha256).hexdigest()


def genuine(badge_key: str, copy: dict) -> bool:
    """Whether a door's copy ({"mark", "version", "seal", "roster"}) is a roster this
    event's hub sealed, unchanged since."""
    try:
        made = version(copy["roster"])
        return made == copy["version"] and hmac.compare_digest(
            seal(badge_key, int(copy["mark"]), made), str(copy["seal"]))
    except (KeyError, TypeError, ValueError):
        return False
