"""The rule that seals a row onto a hash chain (kiosk/core/chain.py says why). It lives
with the storage, at the bottom, because the schemas' migrations seal the rows that were
there before, and the database itself seals the roster's log (db.py, m003)."""

import hashlib
import json

GENESIS = "0" * 64


def seal(previous: str, fields: dict) -> str:
    """The hash of a row (its fields, seq included, hash excluded) after `previous`."""
    kept = {key: value for key, value in fields.items() if value is not None}
    body = json.dumps(kept, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(f"{previous}\n{body}".encode()).hexdigest()
