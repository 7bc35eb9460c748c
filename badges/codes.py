"""Badge codes: issue, parse, verify and revoke.

A badge's QR code holds `CODE.SECRET`:
  CODE   the delegate's short human-readable code (A-Z, 0-9, '-'; at most 16 characters),
  SECRET 26 base32 characters: the first 128 bits of HMAC-SHA256(badge_key, "CODE:VERSION").

The hub keeps `badge_key` (a random 256-bit key generated with the event) and can
re-derive any badge to reprint it. Verifiers, the hub and offline stations alike, hold
only SHA-256 of each issued payload, with its delegate, version and revocation time:
a stolen station database lets nobody mint a badge, because that would need a SHA-256
preimage or the key. Revoking marks every earlier version revoked and derives the next
version, so a lost badge stops working as soon as the station has synced.

All characters are in the QR alphanumeric set, so a payload fits QR version 4 at
error-correction level H (30% of the symbol recoverable).
"""

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

from . import db as store
from .errors import NotFound, no_delegate
from .text import fold

SECRET_CHARS = 26
CODE_MAX = 16
_CODE = f"[A-Z0-9][A-Z0-9-]{{0,{CODE_MAX - 1}}}"
CODE_RE = re.compile(f"^{_CODE}$")
PAYLOAD_RE = re.compile(f"^({_CODE})\\.([A-Z2-7]{{{SECRET_CHARS}}})$")


@dataclass(frozen=True)
class Verdict:
    """What a scanned text is. kind: valid, revoked, forged, unknown, malformed, typed."""

    kind: str
    code: str | None = None
    delegate_id: int | None = None
    version: int | None = None


def normalise_code(text: str) -> str:
    """A delegate code as typed or read from a roster: 'đb 01' -> 'DB-01'."""
    folded = fold(text).upper()
    return re.sub(r"[\s_/]+", "-", folded).strip("-")


def secret_for(key_hex: str, code: str, version: int) -> str:
    mac = hmac.new(bytes.fromhex(key_hex), f"{code}:{version}".encode(), hashlib.sha256)
    return base64.b32encode(mac.digest()[:16]).decode().rstrip("=")


def payload_for(key_hex: str, code: str, version: int) -> str:
    return f"{code}.{secret_for(key_hex, code, version)}"


def payload_hash(payload: str) -> str:
    return hashlib.sha256(payload.encode()).hexdigest()


def clean_scan(text: str) -> str:
    """What a scanner or a person typed: trimmed, upper-cased (scanners with Caps Lock on)."""
    return (text or "").strip().upper()


def code_of(text: str) -> str:
    """The delegate code part of a scanned payload ('CN012.K7Q…' -> 'CN012'), or of a
    bare code as it was read."""
    return clean_scan(text).split(".", 1)[0]


def issue(db, delegate: dict) -> str:
    """Record the badge of `delegate`'s current version; return its payload."""
    payload = payload_for(store.get_secret(db, "badge_key"), delegate["code"],
                          delegate["badge_version"])
    if store.badge_by_hash(db, payload_hash(payload)) is None:
        store.insert_badge(db, delegate["id"], delegate["badge_version"], payload_hash(payload))
    return payload


def current_payload(db, delegate: dict) -> str:
    key = store.get_secret(db, "badge_key")
    return payload_for(key, delegate["code"], delegate["badge_version"])


def revoke(db, code: str) -> str:
    """Invalidate every badge of the delegate with `code` and issue the next one."""
    with store.immediate(db):
        delegate = store.delegate_by_code(db, normalise_code(code))
        if delegate is None:
            raise NotFound(no_delegate(code))
        store.revoke_badges(db, delegate["id"])
        delegate["badge_version"] += 1
        store.set_badge_version(db, delegate["id"], delegate["badge_version"])
        return issue(db, delegate)


def shape(code: str) -> str:
    """What a code looks like: letters as A, digits as 9 ('CN210' -> 'AA999')."""
    return re.sub("[A-Z]", "A", re.sub("[0-9]", "9", code))


def verify(lookup_badge, lookup_code, text: str, shapes=None) -> Verdict:
    """Classify a scanned or typed text.

    `lookup_badge(hash)` returns a badge row or None; `lookup_code(code)` returns a
    delegate row or None. Both stores (hub database, station replica) provide them.
    `shapes()`: the shapes of the codes on the list; a bare code not on it is `unknown`
    (a well-formed code: send the person to the help desk) only when it has one of
    them, else `malformed` (a URL, a word, garbage: scan again).
    """
    scanned = clean_scan(text)
    match = PAYLOAD_RE.match(scanned)
    if match is None:
        code = normalise_code(scanned)
        if not scanned or "." in scanned or not CODE_RE.match(code):
            return Verdict("malformed")
        delegate = lookup_code(code)
        if delegate is None:
            well_formed = shapes is None or shape(code) in shapes()
            return Verdict("unknown", code) if well_formed else Verdict("malformed")
        return Verdict("typed", code, delegate["id"], delegate["badge_version"])
    code = match.group(1)
    badge = lookup_badge(payload_hash(scanned))
    if badge is None:
        delegate = lookup_code(code)
        return Verdict("forged" if delegate else "unknown", code)
    kind = "revoked" if badge["revoked_at"] else "valid"
    return Verdict(kind, code, badge["delegate_id"], badge["version"])


def verify_in_db(db, text: str) -> Verdict:
    return verify(lambda h: store.badge_by_hash(db, h),
                  lambda c: store.delegate_by_code(db, c), text)
