"""What every page's template is given: the event, its sessions and the one in progress,
and the rules the page's script shares with Python (the badge payload pattern, the
outcome labels), so that the script does not keep copies of its own."""

from flask import render_template

from badges.codes import PAYLOAD_RE

from .. import db as store
from ..core import outcomes, programme
from . import shapes
from .shared import get_db


def render_page(template: str, **extra):
    """`template` rendered with the page context and `extra`."""
    db = get_db()
    sessions, now = programme.offered(db)
    return render_template(
        template, event=store.get_settings(db), sessions=shapes.sessions(sessions),
        current=now["id"], rehearsal=bool(now["rehearsal"]), payload_pattern=PAYLOAD_RE.pattern,
        short_labels=outcomes.short_labels(), **extra)
