"""Seats by one precedence list (issue 27, item 7): guests and the sector's leaders ordered
together by the roster's Thứ tự nghi thức from the centre of the front row, on rows of
their own; each delegation in one block, the delegations in the official order of units
and provinces; walk-ins seated by the same rules; who moved where named."""

import re

from click.testing import CliRunner

from badges import db as store
from badges import demo_roster, units
from badges.cli import main as badges_cli
from badges.importer import import_roster
from kiosk import db as kiosk_db

from helpers import HEADER, roster_row, write_csv

# the front of the list as an office writes it: guests and host leaders interleaved
FRONT = [("Nguyễn Văn Hùng", "Khách mời", "Thứ trưởng Bộ Tài chính", 1),
         ("Lê Thị Hạnh", "Lãnh đạo Ngành", "Tổng Giám đốc BHXH Việt Nam", 2),
         ("Trần Quốc Toàn", "Khách mời", "Phó Chủ nhiệm Ủy ban Xã hội của Quốc hội", 3),
         ("Phạm Minh Đức", "Lãnh đạo Ngành", "Phó Tổng Giám đốc", 4),
         ("Đỗ Thu Trang", "Khách mời", "Vụ trưởng Văn phòng Chính phủ", 5),
         ("Vũ Văn Sơn", "Lãnh đạo Ngành", "Phó Tổng Giám đốc", 6),
         ("Hồ Ngọc Lan", "Khách mời", "Phó Chủ tịch UBND thành phố Hà Nội", 7),
         ("Bùi Công Khoa", "Lãnh đạo Ngành", "Trưởng ban Tổ chức cán bộ", 8)]
# delegations as the roster writes them, first listed in this order (not the official one)
TEAMS = ["Đoàn BHXH tỉnh Nghệ An", "Văn phòng BHXH Việt Nam", "Đoàn BHXH TP. Hồ Chí Minh",
         "Đoàn BHXH tỉnh Cà Mau", "Ban Thực hiện chính sách BHYT",
         "Đoàn BHXH thành phố Hà Nội", "Đoàn BHXH tỉnh An Giang", "Đoàn BHXH tỉnh Yên Bái"]
OFFICIAL = ["Văn phòng BHXH Việt Nam", "Ban Thực hiện chính sách BHYT",
            "Đoàn BHXH thành phố Hà Nội", "Đoàn BHXH tỉnh Yên Bái", "Đoàn BHXH tỉnh Nghệ An",
            "Đoàn BHXH TP. Hồ Chí Minh", "Đoàn BHXH tỉnh An Giang", "Đoàn BHXH tỉnh Cà Mau"]
HALL = "A:2x7,B:8x10"


def roster(tmp_path, seats=None):
    """8 guests and leaders in one precedence list, 40 delegates of 8 delegations (the
    collective and individual delegates of each mixed in the file), 2 press; `seats`:
    code -> seat typed in the roster."""
    seats = seats or {}
    rows = [roster_row(n, name, category=category, title=title, delegation=category,
                       seat="") + [order]
            for n, (name, category, title, order) in enumerate(FRONT, 1)]
    for n in range(9, 49):
        category = "Đại biểu tập thể" if n % 3 == 0 else "Đại biểu cá nhân"
        rows.append(roster_row(n, f"Đại Biểu {n:02d}", category=category, seat="",
                               delegation=TEAMS[n % len(TEAMS)]) + [""])
    rows += [roster_row(n, f"Phóng Viên {n}", category="Báo chí", seat="",
                        delegation="Báo chí") + [""] for n in (49, 50)]
    for row in rows:
        row[9] = seats.get(row[1], "")
    return write_csv(tmp_path / "roster.csv", rows, HEADER + ["Thứ tự nghi thức"])


def event(tmp_path, seats=None):
    db_path = tmp_path / "event.db"
    db = kiosk_db.connect(db_path)
    assert import_roster(db, roster(tmp_path, seats)).applied
    db.close()
    return db_path


def seats(db_path, assign=True, make=HALL):
    args = ["seats", "--db", str(db_path)] + (["--make", make] if make else []) + (
        ["--assign"] if assign else [])
    run = CliRunner().invoke(badges_cli, args)
    assert run.exit_code == 0, run.output
    db = kiosk_db.connect(db_path)
    people = {d["code"]: d for d in store.list_delegates(db)}
    db.close()
    return people, run.output


def in_seat_order(people):
    """The seated, front to back, each row from seat 1."""
    def where(seat):
        found = re.match(r"([A-Z]+)(\d+)-(\d+)$", seat)
        return found.group(1), int(found.group(2)), int(found.group(3))
    return sorted((d for d in people.values() if d["seat"]), key=lambda d: where(d["seat"]))


def blocks(people):
    """The delegations in seat order, each as often as it starts a run of seats."""
    runs = []
    for d in in_seat_order(people):
        if d["category_id"] in ("tap-the", "ca-nhan") and (not runs or runs[-1] != d["delegation"]):
            runs.append(d["delegation"])
    return runs


def test_guests_and_leaders_sit_by_one_precedence_list_from_the_front_centre(tmp_path):
    people, _ = seats(event(tmp_path))
    by_order = [people[f"T{n:03d}"]["seat"] for n in range(1, 9)]
    # #1 (a guest) at the centre of the 7-seat front row, #2 (the head of the sector) at
    # their right as seen from the stage (the side of seat 1), #3 at their left, outwards
    assert by_order[:7] == ["A01-04", "A01-03", "A01-05", "A01-02", "A01-06", "A01-01",
                            "A01-07"]
    assert by_order[7] == "A02-04"  # #8 at the centre of the next row
    # their rows hold nobody else: the delegates start on a fresh row (zone B)
    assert all(d["seat"][0] == "B" for d in people.values()
               if d["category_id"] in ("tap-the", "ca-nhan"))
    assert not people["T049"]["seat"] and not people["T050"]["seat"]  # the press works


def test_each_delegation_sits_in_one_block_in_the_official_order(tmp_path):
    people, _ = seats(event(tmp_path))
    assert blocks(people) == OFFICIAL
    # in a delegation, its collective delegates first, then the individual ones
    for team in TEAMS:
        kinds = [d["category_id"] for d in in_seat_order(people) if d["delegation"] == team]
        assert kinds == sorted(kinds, key=["tap-the", "ca-nhan"].index), team


def test_a_walk_in_sits_with_their_delegation_by_the_same_rules(tmp_path):
    """Seats given by the rules, then a walk-in (`badges import --add`) and seats again:
    the walk-in joins their delegation's block and those who made room are named."""
    db_path = event(tmp_path)
    before, _ = seats(db_path)
    walk_in = write_csv(tmp_path / "them.csv", [roster_row(
        51, "Ngô Thị Yến", delegation="Đoàn BHXH tỉnh Nghệ An", seat="")], HEADER)
    added = CliRunner().invoke(badges_cli, ["import", str(walk_in), "--db", str(db_path),
                                            "--add"])
    assert added.exit_code == 0, added.output
    after, said = seats(db_path, make=None)
    assert after["T051"]["seat"][0] == "B" and blocks(after) == OFFICIAL
    moved = [c for c in before if before[c]["seat"] != after[c]["seat"]]
    assert moved and f"{len(moved)} người đổi sang ghế khác" in said
    for code in moved:
        assert (f"  {after[code]['name']} ({code}): {before[code]['seat']} → "
                f"{after[code]['seat']}\n") in said
    assert "  Ngô Thị Yến (T051): ghế " + after["T051"]["seat"] in said
    assert "Đã xếp chỗ: 1 người nhận ghế, " in said


def test_a_walk_in_never_sits_in_the_leaders_row_when_the_roster_typed_every_seat(tmp_path):
    """As the demo's roster does: every seat typed in the list, the second row of guests
    and leaders not full, a seat left empty after Nghệ An's delegation. An individual
    delegate added at the door gets that seat, not an empty one among the leaders."""
    db_path = event(tmp_path)
    given, _ = seats(db_path)  # the seats by the rules, typed into the roster, one apart
    typed = {code: d["seat"] for code, d in given.items() if d["seat"]}
    zone_b = [f"B{row:02d}-{n:02d}" for row in range(1, 9) for n in range(1, 11)]
    delegates = [d for d in in_seat_order(given) if d["seat"][0] == "B"]
    last = max(i for i, d in enumerate(delegates) if d["delegation"] == TEAMS[0])
    for d in delegates[last + 1:]:
        typed[d["code"]] = zone_b[zone_b.index(d["seat"]) + 1]
    hand = tmp_path / "typed"
    hand.mkdir()
    db_path = event(hand, typed)
    people, _ = seats(db_path, assign=False)
    assert all((d["seat"] or None) == typed.get(c) for c, d in people.items())
    walk_in = write_csv(tmp_path / "them.csv", [roster_row(
        51, "Ngô Thị Yến", delegation="Đoàn BHXH tỉnh Nghệ An", seat="")], HEADER)
    assert CliRunner().invoke(badges_cli, ["import", str(walk_in), "--db", str(db_path),
                                           "--add"]).exit_code == 0
    after, said = seats(db_path, make=None)
    seat = after["T051"]["seat"]
    assert not seat.startswith("A"), seat  # A02 has six empty seats beside the #8
    assert {c: d["seat"] or None for c, d in after.items() if c != "T051"} == {
        c: typed.get(c) for c in after if c != "T051"}  # nobody set by hand moved
    assert blocks(after) == OFFICIAL  # beside Nghệ An's own
    assert seat == zone_b[zone_b.index(delegates[last]["seat"]) + 1]
    assert "người đổi sang ghế khác" not in said


def test_the_provinces_are_in_the_catalogues_order_and_read_as_offices_write_them():
    names = [name for _, name, _ in units.PROVINCES]
    codes = [code for code, _, _ in units.PROVINCES]
    assert len(names) == 34 and codes == sorted(codes) and names[0] == "Hà Nội"
    assert names[-1] == "Cà Mau" and names.index("Huế") < names.index("Đà Nẵng")
    for written, province in (("Đoàn BHXH tỉnh Yên Bái", "Lào Cai"),
                              ("Đoàn BHXH TP.HCM", "Hồ Chí Minh"),
                              ("doan bhxh tinh dak lak", "Đắk Lắk"),
                              ("Đoàn BHXH tỉnh Thừa Thiên Huế", "Huế"),
                              ("Đoàn BHXH tỉnh Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
                              ("Đoàn BHXH tỉnh Vĩnh Long", "Vĩnh Long"),
                              ("Đoàn BHXH tỉnh Long An", "Tây Ninh"),
                              ("Đoàn BHXH tỉnh Quảng Ninh", "Quảng Ninh")):
        assert names[units.province_of(written)] == province, written
    assert units.province_of("Văn phòng BHXH Việt Nam") is None


def test_the_demo_roster_types_seats_by_the_same_rules():
    """300 delegates as the demo writes them: every delegation in one block, in the
    official order; the first guest and the first leader side by side at the centre."""
    rows = demo_roster.build(300)
    front = sorted((r for r in rows if r["Thành phần"] in ("Khách mời", "Lãnh đạo Ngành")),
                   key=lambda r: r["Thứ tự nghi thức"])
    assert [r["Thành phần"] for r in front[:2]] == ["Khách mời", "Lãnh đạo Ngành"]
    assert [r["Ghế"] for r in front[:3]] == ["A01-10", "A01-09", "A01-11"]

    def where(seat):
        return seat[0], int(seat[1:3]), int(seat[4:])
    delegates = sorted((r for r in rows if r["Thành phần"] in ("Đại biểu tập thể",
                                                               "Đại biểu cá nhân")),
                       key=lambda r: where(r["Ghế"]))
    runs = [r["Đoàn"] for r in delegates]
    runs = [t for i, t in enumerate(runs) if i == 0 or runs[i - 1] != t]
    assert len(runs) == len(set(runs)) > 20
    assert runs == units.order(runs)


def test_the_setup_page_names_who_was_seated_and_who_moved_where(organiser, kdb):
    """/admin/setup's "Xếp chỗ theo nghi thức" answers with names and seats, as the
    page shows them, and the audit trail's note names the moves too."""
    def post(path, **kw):
        return organiser.post(path, headers={"X-CSRFToken": organiser.csrf}, **kw)

    def patch(code, seat):
        edited = organiser.patch(f"/api/admin/delegates/{code}", json={"seat": seat},
                                 headers={"X-CSRFToken": organiser.csrf})
        assert edited.status_code == 200, edited.get_json()

    name = kiosk_db.delegate_by_code(kdb, "CN010")["name"]
    patch("CN010", "")
    first = post("/api/admin/hall/assign").get_json()
    seat = kiosk_db.delegate_by_code(kdb, "CN010")["seat"]
    assert first["seated"] == [{"code": "CN010", "name": name, "seat": seat,
                                "line": f"{name} (CN010): ghế {seat}"}]
    assert first["summary"].startswith("Đã xếp chỗ: 1 người nhận ghế, 0 người đổi ghế, giữ ")
    patch("CN020", seat)  # the desk gives CN010's seat to someone else, by hand
    second = post("/api/admin/hall/assign").get_json()
    now = kiosk_db.delegate_by_code(kdb, "CN010")["seat"]
    assert now != seat and second["moved"] == [
        {"code": "CN010", "name": name, "was": seat, "seat": now,
         "line": f"{name} (CN010): {seat} → {now}"}]
    assert "1 người đổi ghế" in second["summary"]
    note = kiosk_db.audit_entries(kdb, action="hall.assign")[0]["note"]
    assert f"Đổi ghế: {name} (CN010): {seat} → {now}." in note


def test_on_a_300_person_roster_no_delegation_is_split(tmp_path):
    """The issue's finding: the demo's 300 people with no seat typed, seats given by
    `badges seats --assign` (32 of 36 delegations were split between the collective and
    the individual blocks, in the alphabet's order)."""
    rows = demo_roster.build(300)
    for row in rows:
        row["Ghế"] = ""
    db_path = tmp_path / "event.db"
    db = kiosk_db.connect(db_path)
    assert import_roster(db, demo_roster.write(rows, tmp_path / "roster.xlsx")).applied
    db.close()
    people, said = seats(db_path, make=demo_roster.HALL)
    runs = blocks(people)
    assert len(runs) == len(set(runs)) > 20 and runs == units.order(runs)
    front = sorted((d for d in people.values() if d["protocol_order"]),
                   key=lambda d: d["protocol_order"])
    assert [(d["category_id"], d["seat"]) for d in front[:3]] == [
        ("khach-moi", "A01-10"), ("lanh-dao", "A01-09"), ("khach-moi", "A01-11")]
    assert "  … và " in said  # 280 seated: the first fifty named, the rest counted
