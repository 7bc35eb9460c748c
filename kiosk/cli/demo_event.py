"""`kiosk demo`: a ready-to-try event with 500 synthetic delegates, their badges and an
honours list for the ceremony (khen-thuong.xlsx, imported as `badges awards` would).

Run again (the next morning, say), it reuses what it made: the same organiser password
and station credential (kept in the event's keys folder, apart from the data), so an
open kiosk stays paired and the printed login still works. Its sessions are placed
around the moment it is first started (the preparatory one earlier today, the
official one open now) and moved again only when no session's check-in is open any
more; `badges sessions` sets the congress's real dates.
"""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from badges import awards, demo_awards, demo_roster, printing

from .. import accounts, keys
from .. import db as store
from ..core import clock
from . import demo_mc

ORGANISER = "bantochuc"
STATION = "cua-chinh-1"


@dataclass
class Demo:
    db_path: Path
    pdf_path: Path
    password: str
    token: str
    created: bool
    kept: bool = False  # the credentials of an earlier run, still valid
    moved: bool = False  # the sessions were placed around now
    schedule: str = ""  # where the sessions lie, in words (schedule_words)


def prepare(folder, count: int = 500) -> Demo:
    """Create (or reuse) the demo event in `folder`, with working credentials."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    db_path, pdf_path = folder / "event.db", folder / "badges.pdf"
    db = store.connect(db_path)
    created = db["delegates"].count == 0
    if created:
        report = demo_roster.populate(db, folder, count)
        assert report.applied, report.errors
    moved = _place_sessions(db)
    if created:  # the MC's presidium, speakers and a vote (demo_mc.py)
        demo_mc.populate(db)
    if created or moved or not pdf_path.exists():  # the badges' date line: the sessions'
        printing.render_badges(db, pdf_path)
    if not store.honours(db):  # the honours list, so that the ceremony can be tried
        honours = awards.import_awards(db, demo_awards.write(db, folder / "khen-thuong.xlsx"))
        assert honours.applied, honours.errors
    secrets = keys.folder_for(db_path)
    password, token = keys.read(secrets, "demo-password"), keys.read(secrets, "demo-token")
    kept = bool(password and token and accounts.check_login(db, ORGANISER, password)
                and accounts.station_for_token(db, token))
    if not kept:
        password = keys.write(secrets, "demo-password",
                              accounts.set_organiser_password(db, ORGANISER))
        token = keys.write(secrets, "demo-token", accounts.issue_station_token(db, STATION))
    schedule = schedule_words(store.list_sessions(db), clock.utcnow())
    db.close()
    return Demo(db_path, pdf_path, password, token, created, kept, moved, schedule)


def part_of_day(moment) -> str:
    """'sáng' before noon, 'chiều' to 18:00, 'tối' after (Hà Nội time)."""
    hour = moment.astimezone(clock.HANOI).hour
    return "sáng" if hour < 12 else "chiều" if hour < 18 else "tối"


def schedule_words(sessions: list, now) -> str:
    """Where the sessions lie, said from their real times: 'Phiên trù bị chiều hôm nay
    (14:46–17:46); Phiên chính thức tối hôm nay (19:16–23:46), đang mở điểm danh'; a day
    other than today by its date."""
    today = now.astimezone(clock.HANOI).date()
    said = []
    for session in sessions:
        starts = clock.parse(session["starts_at"]).astimezone(clock.HANOI)
        ends = clock.parse(session["ends_at"]).astimezone(clock.HANOI)
        day = "hôm nay" if starts.date() == today else f"ngày {starts:%d/%m/%Y}"
        open_now = ", đang mở điểm danh" if clock.window(session, now) == "open" else ""
        said.append(f"{session['name']} {part_of_day(starts)} {day} "
                    f"({starts:%H:%M}–{ends:%H:%M}){open_now}")
    return "; ".join(said)


def _place_sessions(db) -> bool:
    """The preparatory session earlier today, the official one open now, unless some
    session's check-in is open now or later today (the organisers' own schedule)."""
    now = clock.utcnow().replace(second=0, microsecond=0)
    sessions = store.list_sessions(db)
    if any(clock.window(s, now) == "open" or now < clock.parse(s["starts_at"])
           < now + timedelta(hours=12) for s in sessions):
        return False
    times = {"tru-bi": (now - timedelta(hours=5), now - timedelta(hours=2)),
             "chinh-thuc": (now - timedelta(minutes=30), now + timedelta(hours=4))}
    for ses in sessions:
        if ses["id"] in times:
            starts, ends = times[ses["id"]]
            store.save_session(db, dict(ses, starts_at=clock.iso(starts), ends_at=clock.iso(ends)))
    return True
