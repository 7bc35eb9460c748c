"""How this station stands with the hub, for its kiosk page (`/api/link`)."""

from dataclasses import asdict, dataclass


@dataclass
class Link:
    """Updated by the sync thread every round, read by request threads."""

    online: bool | None = None  # None: no round finished yet
    waiting: int = 0  # check-ins decided here that the hub has not answered yet
    last_contact: str | None = None  # when a round last went through (UTC ISO)

    def as_dict(self) -> dict:
        return asdict(self)
