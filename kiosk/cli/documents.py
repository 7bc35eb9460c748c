"""`kiosk documents`: the documents and souvenirs for the delegations (issue 31 item 4):
define an item, list what remains to hand out, print the roll to sign."""

import click

from badges.cli import fail

from ..core.refusal import Refusal
from .options import DB_OPTION, cli_actor


@click.command()
@DB_OPTION
@click.option("--add", "name", metavar="NAME", help="Define an item (e.g. 'Kỷ yếu Đại hội').")
@click.option("--per", type=click.Choice(["delegate", "delegation"]),
              help="With --add: one for each delegate, or one for each delegation.")
@click.option("--count", type=int, help="With --add: how many were prepared.")
@click.option("--roll", type=click.Path(dir_okay=False),
              help="Write the roll to sign, a delegation a page (PDF).")
@click.option("--delegation", help="With --roll: only this delegation's page.")
def documents(db_path, name, per, count, roll, delegation):
    """Documents and souvenirs for the delegations: --add NAME --per delegate|delegation
    --count N defines one; --roll FILE.pdf prints the roll; alone, lists each item with
    prepared, due, handed and remaining."""
    import io
    from pathlib import Path

    from .. import db as store
    from ..services import documents as items

    if not Path(db_path).exists():
        fail(f"Không có {db_path}.")
    if name is not None and (per is None or count is None):
        fail("--add cần cả --per delegate|delegation và --count N.")
    db = store.connect(db_path)
    try:
        if name is not None:
            made = items.add_item(db, name, per, count, cli_actor())
            click.echo(f"Đã khai báo '{made['name']}': {made['prepared']} "
                       f"({items.PER[made['per']].lower()}).")
        if roll is not None:
            out = io.BytesIO()  # a refused roll leaves no file behind
            pages = items.write_roll(db, out, delegation)
            Path(roll).write_bytes(out.getvalue())
            click.echo(f"Đã ghi {roll}: {pages} đoàn.")
    except Refusal as exc:
        fail(exc.message)
    if name is None and roll is None:
        for item in items.items(db):
            click.echo(f"{item['id']}\t{item['name']}\t{item['per_label']}\tchuẩn bị "
                       f"{item['prepared']}\tphải phát {item['due']}\tđã phát "
                       f"{item['handed']}\tcòn {item['remaining']}"
                       + (f"\tphát thừa {item['over']}" if item["over"] else ""))


COMMANDS = [documents]
