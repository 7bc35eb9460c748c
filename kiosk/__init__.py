"""Everything at the doors: check-in, hub, stations, dashboard and reports.

`flask --app kiosk run` serves the hub for development (database: $KIOSK_DB).
"""


def create_app(config=None):
    from .app import create_app as factory

    return factory(config)
