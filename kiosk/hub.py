"""The Flask side's handle on the event database."""

from flask import current_app

from . import db as store


def get_db():
    """This server thread's connection to the event database."""
    return store.for_thread(current_app.config["DATABASE"])
