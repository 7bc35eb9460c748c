"""The `kiosk` command: thin wrappers that parse, call the library and turn its errors
into a Vietnamese message and exit status 1 (what they change, they change through
kiosk/services, as the web pages do). The commands are grouped by where they run: `hub`
(serve, demo, backup, rehearsal), `records` (report, verify-log, purge), `door` (station,
camera, decode), `accounts` (token, organiser, user), `honours` (ceremony), `mc` (script,
presidium), `documents`."""

import click

from badges import clitext

from . import accounts, documents, door, honours, hub, mc, records


@click.group(cls=clitext.Group, context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Check-in at the doors: hub, stations, demo, decoding."""


for module in (hub, records, door, accounts, honours, mc, documents):
    for command in module.COMMANDS:
        main.add_command(command)
