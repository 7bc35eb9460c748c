"""One blueprint per module: `api` (check-ins, camera frames, search, stats, health),
`live` (the event stream), `upstream` (the stations' side), `screen` (the kiosk page and the
login), `dashboard` (the organisers' dashboard, the projector and the downloads),
`admin` (the help desk), `people` (the desk's changes to the roster), `records` (the
check-in log and the audit trail), `setup` (organisers: stations, logins, the event),
`paper` (the signing roll and its back-entry), `ceremony` (the honours on stage), `hall`
(the seat chart for the ushers), `delegation` (a delegation head's phone: /doan), `mc` (the
MC's introductions, presidium, votes and speakers)."""

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from . import (
    admin,
    api,
    ceremony,
    dashboard,
    delegation,
    hall,
    live,
    mc,
    paper,
    people,
    records,
    screen,
    setup,
    upstream,
)

# JSON endpoints check CSRF themselves, for cookie callers only (access.require)
JSON_BLUEPRINTS = (api.bp, live.bp, upstream.bp, admin.bp, people.bp, records.bp, setup.bp,
                   paper.bp, ceremony.bp, hall.bp, delegation.bp,
                   mc.bp)


def init_app(app: Flask, csrf: CSRFProtect) -> None:
    for blueprint in JSON_BLUEPRINTS:
        csrf.exempt(blueprint)
    for blueprint in (api.bp, live.bp, screen.bp, dashboard.bp, upstream.bp, admin.bp, people.bp,
                      records.bp, setup.bp, paper.bp, ceremony.bp, hall.bp, delegation.bp,
                      mc.bp):
        app.register_blueprint(blueprint)
