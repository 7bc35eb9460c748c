"""`kiosk demo`: a ready-to-try event with 500 synthetic delegates and their badges."""

from dataclasses import dataclass
from pathlib import Path

from badges import demo_roster, printing

from .. import accounts
from .. import db as store

ORGANISER = "bantochuc"
STATION = "cua-chinh-1"


@dataclass
class Demo:
    db_path: Path
    pdf_path: Path
    password: str
    token: str
    created: bool


def prepare(folder, count: int = 500) -> Demo:
    """Create (or reuse) the demo event in `folder`; issue fresh credentials each time."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    db_path, pdf_path = folder / "event.db", folder / "badges.pdf"
    db = store.connect(db_path)
    created = db["delegates"].count == 0
    if created:
        report = demo_roster.populate(db, folder, count)
        assert report.applied, report.errors
    if created or not pdf_path.exists():
        printing.render_badges(db, pdf_path)
    password = accounts.set_organiser_password(db, ORGANISER)
    token = accounts.issue_station_token(db, STATION)
    db.close()
    return Demo(db_path, pdf_path, password, token, created)
