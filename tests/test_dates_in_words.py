"""Dates and times said from the event itself (issue 26): the demo says where its sessions
lie from their real times (it said "Phiên trù bị sáng nay" for a session at 11:53-14:53,
whatever the hour), and the badge's date line comes from the event's sessions (it said
"Hà Nội, ngày 15-16/12/2026" while the demo's sessions were today)."""

import re
from datetime import datetime, timedelta

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from badges import db as store
from badges import importer
from badges.cli import main as badges_main
from badges.schedule import HANOI
from kiosk.cli import demo_event
from kiosk.cli import main as kiosk_main

from helpers import roster_row, write_csv


def first_page_text(pdf_path) -> str:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return re.sub(r"\s+", " ", pdf[0].get_textpage().get_text_range())
    finally:
        pdf.close()


def session(sid, name, starts, ends):
    return {"id": sid, "name": name, "starts_at": starts.isoformat(),
            "ends_at": ends.isoformat(), "categories": None}


NOW = datetime(2026, 12, 4, 12, 10, tzinfo=HANOI)


@pytest.mark.parametrize("starts, says", [
    (NOW.replace(hour=11, minute=53), "Phiên trù bị sáng hôm nay (11:53–14:53)"),
    (NOW.replace(hour=12, minute=0), "Phiên trù bị chiều hôm nay (12:00–15:00)"),
    (NOW.replace(hour=17, minute=59), "Phiên trù bị chiều hôm nay (17:59–20:59)"),
    (NOW.replace(hour=18, minute=0), "Phiên trù bị tối hôm nay (18:00–21:00)"),
    (NOW.replace(day=3, hour=21, minute=5), "Phiên trù bị tối ngày 03/12/2026 (21:05–00:05)"),
    (datetime(2026, 12, 15, 13, 30, tzinfo=HANOI),
     "Phiên trù bị chiều ngày 15/12/2026 (13:30–16:30)"),
], ids=["11:53", "12:00", "17:59", "18:00", "yesterday-21:05", "another-day"])
def test_the_demo_says_when_a_session_is_from_its_start(starts, says):
    sessions = [session("tru-bi", "Phiên trù bị", starts, starts + timedelta(hours=3))]
    late = NOW.replace(hour=23, minute=50)  # late on the 4th: none of them is open
    assert demo_event.schedule_words(sessions, late) == says


def test_the_demo_says_which_session_is_open_now():
    opened = NOW - timedelta(minutes=30)
    sessions = [session("chinh-thuc", "Phiên chính thức", opened, opened + timedelta(hours=4))]
    assert demo_event.schedule_words(sessions, NOW) == \
        "Phiên chính thức sáng hôm nay (11:40–15:40), đang mở điểm danh"


def test_kiosk_demo_says_its_sessions_and_dates_its_badges_as_they_are(tmp_path):
    """Whatever the hour the demo is first run: what it prints and the badges' date line
    agree with the sessions it placed around now."""
    result = CliRunner().invoke(kiosk_main, ["demo", "--dir", str(tmp_path / "d"),
                                             "--no-serve"])
    assert result.exit_code == 0, result.output
    db = store.connect(tmp_path / "d" / "event.db")
    sessions = store.list_sessions(db)
    db.close()
    today = datetime.now(HANOI).date()
    days = set()
    for one in sessions:
        starts = datetime.fromisoformat(one["starts_at"]).astimezone(HANOI)
        ends = datetime.fromisoformat(one["ends_at"]).astimezone(HANOI)
        part = "sáng" if starts.hour < 12 else "chiều" if starts.hour < 18 else "tối"
        day = "hôm nay" if starts.date() == today else f"ngày {starts:%d/%m/%Y}"
        assert f"{one['name']} {part} {day} ({starts:%H:%M}–{ends:%H:%M})" in result.output
        days.add(starts.date())
    assert "Phiên trù bị sáng nay," not in result.output
    first, last = min(days), max(days)  # the preparatory one began five hours before now
    line = (f"ngày {first:%d/%m/%Y}" if first == last else
            f"ngày {first:%d}-{last:%d/%m/%Y}" if first.month == last.month else
            f"ngày {first:%d/%m}-{last:%d/%m/%Y}")
    assert f"Hà Nội, {line}" in first_page_text(tmp_path / "d" / "badges.pdf")


@pytest.mark.parametrize("days, line", [
    ([(2026, 12, 4, 8), (2026, 12, 4, 13)], "Hà Nội, ngày 04/12/2026"),
    ([(2026, 12, 15, 13), (2026, 12, 16, 7)], "Hà Nội, ngày 15-16/12/2026"),
    ([(2026, 12, 15, 13), (2026, 12, 17, 7)], "Hà Nội, ngày 15, 17/12/2026"),
    ([(2026, 11, 30, 13), (2026, 12, 1, 7)], "Hà Nội, ngày 30/11-01/12/2026"),
    ([(2026, 12, 31, 13), (2027, 1, 1, 7)], "Hà Nội, ngày 31/12/2026-01/01/2027"),
], ids=["one-day", "two-days", "a-gap", "two-months", "two-years"])
def test_the_badges_date_line_is_made_from_the_events_sessions(tmp_path, days, line):
    db = store.connect(tmp_path / "event.db")
    assert importer.import_roster(db, write_csv(tmp_path / "roster.csv",
                                                [roster_row(1, "Nguyễn Thị Phượng")])).applied
    for one, (year, month, day, hour) in zip(store.list_sessions(db), days, strict=True):
        starts = datetime(year, month, day, hour, tzinfo=HANOI)
        store.save_session(db, dict(one, starts_at=starts.isoformat(),
                                    ends_at=(starts + timedelta(hours=4)).isoformat()))
    db.close()
    out = tmp_path / "the.pdf"
    result = CliRunner().invoke(badges_main, ["render", "--db", str(tmp_path / "event.db"),
                                              "--out", str(out), "--layout", "a6"])
    assert result.exit_code == 0, result.output
    text = first_page_text(out)
    assert line in text and text.count("Hà Nội, ngày") == 1, text


def test_a_branding_files_date_line_still_wins(tmp_path):
    db = store.connect(tmp_path / "event.db")
    assert importer.import_roster(db, write_csv(tmp_path / "roster.csv",
                                                [roster_row(1, "Nguyễn Thị Phượng")])).applied
    db.close()
    branding = tmp_path / "branding.toml"
    branding.write_text('date_line = "Hà Nội, tháng 12 năm 2026"\n', encoding="utf-8")
    out = tmp_path / "the.pdf"
    result = CliRunner().invoke(badges_main, ["render", "--db", str(tmp_path / "event.db"),
                                              "--out", str(out), "--layout", "a6",
                                              "--branding", str(branding)])
    assert result.exit_code == 0, result.output
    assert "Hà Nội, tháng 12 năm 2026" in first_page_text(out)
