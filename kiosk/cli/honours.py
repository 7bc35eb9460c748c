"""`kiosk ceremony`: the honours ceremony's papers as the programme stands now."""

from pathlib import Path

import click

from badges.cli import fail

from ..core.refusal import Refusal
from .options import DB_OPTION


@click.command()
@DB_OPTION
@click.option("--session", "session_id", help="Session id (default: the one in progress).")
@click.option("--per-batch", help="At most this many on stage at once (default: the "
              "event's setting ceremony_per_batch, else 10).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The PDF to write.")
def ceremony(db_path, session_id, per_batch, out):
    """The MC's script and the ushers' sheet of the honours ceremony: batches of the
    recipients checked in now, in the order of the forms; the absent apart."""
    from .. import db as store
    from ..core import clock
    from ..reports import ceremony as papers
    from ..services import ceremony as honours
    from ..services import lookups

    if not Path(db_path).exists():
        fail(f"Không có {db_path}.")
    db = store.connect(db_path)
    try:
        session = lookups.session_or_current(db, session_id)
    except Refusal as exc:
        fail(exc.message)
    try:
        made = honours.programme(db, session["id"], per_batch)
    except Refusal as exc:
        fail(exc.message)
    settings = store.get_settings(db)
    papers.write_pdf(out, {"name": settings.get("name", "")}, session, made,
                     clock.utcnow(), settings.get("ceremony_gather", ""), store.honours(db))
    called = sum(len(b["recipients"]) for b in made["batches"])
    click.echo(f"Đã ghi {out}: {len(made['batches'])} lượt, {called} người lên sân khấu, "
               f"{len(made['not_present'])} khen thưởng vắng mặt (phiên {session['id']}).")


COMMANDS = [ceremony]
