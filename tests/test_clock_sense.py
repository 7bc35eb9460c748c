"""A door keeps its own time when the hub's is implausible for the event (issue 28): a
spare three hours slow made a correct door file 20 of 20 check-ins under a session that
had ended, and a laptop in another time zone is seven hours off. The rule: take the
hub's time when the clocks agree within ten minutes, or when the hub's time is as good
for the event as the door's; keep the door's when a session is open by the door's clock
and none by the hub's."""

from datetime import UTC, datetime, timedelta

from kiosk.core import clock

SESSIONS = [
    {"id": "tru-bi", "name": "Phiên trù bị", "starts_at": "2026-12-15T06:30:00+00:00",
     "ends_at": "2026-12-15T10:00:00+00:00"},
    {"id": "chinh-thuc", "name": "Phiên chính thức", "starts_at": "2026-12-16T00:30:00+00:00",
     "ends_at": "2026-12-16T05:00:00+00:00"},
]
DOOR = datetime(2026, 12, 16, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội: the official session


def plausible(hub_off: timedelta) -> bool:
    return clock.hub_time_plausible(SESSIONS, DOOR + hub_off, DOOR, DOOR)


def test_a_hub_a_few_minutes_off_is_followed():
    assert plausible(timedelta(minutes=3)) and plausible(timedelta(minutes=-9))


def test_a_spare_three_hours_slow_or_in_another_zone_is_not():
    assert not plausible(timedelta(hours=-3) - timedelta(hours=2))  # before check-in opens
    assert not plausible(timedelta(hours=7))  # a laptop set to UTC+14, say: after the end


def test_a_door_whose_own_clock_is_wrong_follows_the_hub():
    """The door is the one that is off (no session open by its clock): the hub's time,
    inside the session, wins, as before."""
    door_wrong = DOOR + timedelta(hours=-7)
    assert clock.hub_time_plausible(SESSIONS, DOOR, door_wrong, door_wrong)
