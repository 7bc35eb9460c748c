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


def stopped(db_path, signum) -> None:
    """After `kiosk serve`, `kiosk demo` or `kiosk station` stopped: the write-ahead log
    folded into the database so that its one file is whole (a copy of event.db alone held
    66 of 100 check-ins), where that file is said, and the process ended as the signal
    asks: Ctrl+C with the shell's status 130, SIGTERM by that signal (what a service
    manager counts as a clean stop)."""
    import signal
    import sys
    from pathlib import Path

    import click

    from ..db.backup import fold_log

    path = Path(db_path).resolve()
    if fold_log(path):
        click.echo(f"Đã dừng. Mọi dữ liệu nằm trong tệp {path} (chép riêng tệp này là đủ).")
    else:
        click.echo(f"Đã dừng. CSDL: {path}. Một chương trình khác đang mở nó nên nhật ký ghi "
                   f"{path.name}-wal chưa gộp được vào tệp: khi chép, chép cả {path.name}-wal "
                   f"và {path.name}-shm cùng {path.name}.")
    sys.stdout.flush()
    if signum == signal.SIGINT:
        sys.exit(130)
    if signum is not None:
        sys.stderr.flush()
        signal.signal(signum, signal.SIG_DFL)
        signal.raise_signal(signum)
