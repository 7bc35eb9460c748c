"""Secrets kept apart from the event database: a folder beside it, readable by its owner
only (`event.db` -> `event.keys/`), or `$KIOSK_KEYS`. A backup of the database
(`kiosk backup`) therefore carries no key to forge a session cookie with. No Flask here.

What lives there: `session.key` (signs the hub's cookies), on a station `local-token`
(the kiosk page's credential, kept across restarts so an open page stays paired).
"""

import os
import secrets
from pathlib import Path


def folder_for(db_path) -> Path:
    """The keys folder of an event database (created owner-only on first use)."""
    chosen = os.environ.get("KIOSK_KEYS")
    path = Path(chosen) if chosen else Path(db_path).with_suffix(".keys")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def read(folder: Path, name: str) -> str | None:
    try:
        return (folder / name).read_text(encoding="ascii").strip() or None
    except FileNotFoundError:
        return None


def write(folder: Path, name: str, value: str) -> str:
    """Store `value` owner-only, replacing any earlier one in one rename."""
    partial = folder / f".{name}.partial"
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as f:
        f.write(value + "\n")
    os.replace(partial, folder / name)
    return value


def read_or_make(folder: Path, name: str, make=lambda: secrets.token_hex(32)) -> str:
    return read(folder, name) or write(folder, name, make())
