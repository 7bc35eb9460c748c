"""The event's settings the organisers set on /admin/setup (services/settings.py): a
key's value written as JSON into the settings table the badges schema made, as every
other setting is (badges.db get_settings reads them back)."""

import json

from sqlite_utils import Database


def put_settings(db: Database, values: dict) -> None:
    """Each key of `values` set to its value (JSON), inside the caller's transaction."""
    db.conn.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                        [(key, json.dumps(value, ensure_ascii=False))
                         for key, value in values.items()])
