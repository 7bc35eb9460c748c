"""Options shared by the `kiosk` commands."""

from badges.cli import db_option

DB_OPTION = db_option("The event database (SQLite file).")
