"""Options shared by the `kiosk` commands."""

from badges.cli import db_option

DB_OPTION = db_option("The event database (SQLite file).")


def cli_actor() -> tuple:
    """Who a command acts as in the audit trail: the system user at the hub's terminal."""
    import getpass

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"{user} (dòng lệnh)", "cli"
