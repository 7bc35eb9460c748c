"""The demo teaches what a congress looks like (issue 27): posts that belong to their
units, emulation flags given to whole units and never to one of their offices, and
Heroes of Labour as rare as they are."""

from badges import awards, demo_awards
from badges import db as store
from badges.text import fold


def test_posts_belong_to_their_units(demo_event):
    db = store.connect(demo_event)
    people = store.list_delegates(db)
    db.close()
    for d in people:
        unit, title = fold(d["unit"] or ""), fold(d["title"] or "")
        if d["category_id"] == "tap-the" and unit.startswith("phong"):  # a Phòng's
            assert "giam doc" not in title, d  # representative: its head or its staff
        if unit.startswith("trung tam"):
            assert "truong ban" not in title, d
        if unit.startswith("ban "):
            assert "giam doc" not in title, d


def test_flags_go_to_whole_units_and_heroes_are_rare(event_path, tmp_path):
    db = store.connect(event_path)
    report = awards.import_awards(db, demo_awards.write(db, tmp_path / "khen-thuong.xlsx"))
    heroes = sum(1 for d in store.list_delegates(db) if "Anh hùng" in (d.get("distinction")
                                                                      or ""))
    db.close()
    assert report.applied, report.errors
    flags = [a for a in report.awards if a["form"].startswith("Cờ thi đua")]
    assert flags and not any(fold(a["collective"]).startswith("phong") for a in flags), flags
    assert len({a["collective"] for a in flags}) == len(flags)  # one flag a unit
    assert heroes <= 2
