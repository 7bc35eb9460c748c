"""Everything at the doors: check-in, hub, stations, dashboard and reports.

`flask --app kiosk run` serves the hub for development (database: $KIOSK_DB).
"""

import badges  # noqa: F401 — first: it keeps numpy's OpenBLAS to one thread (see there)


def create_app(config=None):
    from .app import create_app as factory

    return factory(config)
