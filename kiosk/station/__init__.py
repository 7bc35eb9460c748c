"""An entrance station: the kiosk on this laptop, deciding from its own replica, and
syncing with the hub whenever the network allows. No Flask here: `kiosk station`
serves the same web app as the hub, with `UPSTREAM` set.

`sync` (the rounds: push the outbox, pull the replica), `link` (how the station stands
with the hub, shown on its kiosk page), `camera` (`kiosk camera`: a USB camera's frames
decoded by kiosk.qr and posted as check-ins). The hub's side is `kiosk.web.views.sync`.
"""

from ..client import Offline, Refused
from .link import Link
from .sync import Upstream, keep_in_sync, prepare, pull, push, sync_once

__all__ = ["Link", "Offline", "Refused", "Upstream", "keep_in_sync", "prepare", "pull", "push",
           "sync_once"]
