"""A deterministic synthetic roster for this congress, written as CSV or XLSX."""

import csv
import random
from pathlib import Path

from . import demo_data as W
from .errors import BadgesError
from .text import fold

HEADERS = ["STT", "Mã đại biểu", "Họ và tên", "Chức vụ", "Đơn vị", "Đoàn", "Thành phần",
           "Số điện thoại", "Email", "Ghế", "Thứ tự nghi thức", "Giới tính", "Năm sinh",
           "Dân tộc", "Đảng viên", "Trình độ", "Danh hiệu", "Trưởng đoàn"]
PROFILE = ("Giới tính", "Năm sinh", "Dân tộc", "Đảng viên", "Trình độ", "Danh hiệu")
DELEGATE_CATEGORIES = ("Lãnh đạo Ngành", "Đại biểu tập thể", "Đại biểu cá nhân")
MINORITIES = ["Tày", "Thái", "Mường", "Khmer", "Nùng", "Mông", "Dao", "Ê Đê"]
EDUCATION = ["Tiến sĩ", "Thạc sĩ", "Thạc sĩ", "Đại học", "Đại học", "Đại học", "Cao đẳng"]
# Share of each category (name, code prefix, fraction of the roster).
SHARES = [("Khách mời", "KM", 0.06), ("Lãnh đạo Ngành", "LD", 0.04),
          ("Báo chí", "BC", 0.04), ("Ban Tổ chức", "TC", 0.04),
          ("Đại biểu tập thể", "TT", 0.40), ("Đại biểu cá nhân", "CN", 0.42)]
# Two names every demo roster holds, so anyone can try the examples of the README.
FIXED_NAMES = ["Nguyễn Thị Phượng", "Tôn Nữ Hoàng Khánh Ngọc"]


def person_name(rng: random.Random) -> str:
    family = rng.choices([f for f, _ in W.FAMILY], weights=[w for _, w in W.FAMILY])[0]
    if family == "Tôn Nữ" or rng.random() < 0.45:
        return f"{family} {rng.choice(W.MIDDLE_F)} {rng.choice(W.GIVEN_F)}"
    return f"{family} {rng.choice(W.MIDDLE_M)} {rng.choice(W.GIVEN_M)}"


def provincial_unit(province: str) -> str:
    kind = "thành phố" if province in W.CITIES else "tỉnh"
    return f"BHXH {kind} {province}"


def contact(rng: random.Random, name: str) -> tuple:
    phone = "0" + rng.choice("3579") + "".join(rng.choice("0123456789") for _ in range(8))
    parts = fold(name).split()
    email = f"{parts[-1]}.{''.join(p[0] for p in parts[:-1])}{rng.randint(1, 99)}@example.org"
    return (phone if rng.random() < 0.9 else ""), (email if rng.random() < 0.75 else "")


def build(count: int, seed: int = 2026) -> list:
    """`count` roster rows as dicts keyed by HEADERS, grouped by delegation."""
    if count < 1:
        raise BadgesError("--count phải lớn hơn 0.")
    rng = random.Random(seed)
    sizes = [max(1, round(count * share)) if count >= 20 else 0 for _, _, share in SHARES]
    sizes[-1] = count - sum(sizes[:-1])
    rows = []
    for (category, prefix, _), size in zip(SHARES, sizes):
        for i in range(size):
            rows.append(_row(rng, category, prefix, i))
    for row, fixed in zip(rows[-len(FIXED_NAMES):], FIXED_NAMES):
        row["Họ và tên"] = fixed
        row["Số điện thoại"], row["Email"] = contact(rng, fixed)
    _assign_seats(rows)
    _profiles(rows, random.Random(seed + 1))  # a stream of its own: names, seats unchanged
    _heads(rows)
    for number, row in enumerate(rows, start=1):
        row["STT"] = number
    return rows


def _heads(rows: list) -> None:
    """An x in "Trưởng đoàn" for each delegation's head: the highest post it holds
    (Tổng Giám đốc, Giám đốc, Phó Giám đốc, Trưởng ban/phòng, …), the first of the list
    where two hold it."""
    chosen = {}
    for row in rows:
        row["Trưởng đoàn"] = ""
        if row["Thành phần"] not in DELEGATE_CATEGORIES:
            continue
        held = chosen.get(row["Đoàn"])
        if held is None or _rank(row["Chức vụ"]) < _rank(held["Chức vụ"]):
            chosen[row["Đoàn"]] = row
    for row in chosen.values():
        row["Trưởng đoàn"] = "x"


def _row(rng, category, prefix, i) -> dict:
    name = person_name(rng)
    phone, email = contact(rng, name)
    row = {"Mã đại biểu": f"{prefix}{i + 1:03d}", "Họ và tên": name, "Thành phần": category,
           "Số điện thoại": phone, "Email": email, "Thứ tự nghi thức": ""}
    if category == "Khách mời":
        title, unit = W.GUESTS[i % len(W.GUESTS)]
        row.update({"Chức vụ": title, "Đơn vị": unit, "Đoàn": "Khách mời"})
    elif category == "Lãnh đạo Ngành":
        row.update({"Chức vụ": W.LEADER_TITLES[min(i, len(W.LEADER_TITLES) - 1)],
                    "Đơn vị": "Bảo hiểm xã hội Việt Nam", "Đoàn": "Lãnh đạo Ngành"})
    elif category == "Báo chí":
        row.update({"Chức vụ": rng.choice(W.PRESS_TITLES), "Đơn vị": rng.choice(W.PRESS),
                    "Đoàn": "Báo chí"})
    elif category == "Ban Tổ chức":
        row.update({"Chức vụ": rng.choice(W.STAFF_TITLES), "Đơn vị": "Bảo hiểm xã hội Việt Nam",
                    "Đoàn": "Ban Tổ chức"})
    else:
        row.update(_delegate(rng, category))
    return row


def _delegate(rng, category) -> dict:
    """A delegate's post and unit, the post one that unit has (a Ban has a Trưởng ban, a
    Trung tâm a Giám đốc, a Phòng a Trưởng phòng). The draws are the same in number as
    before titles were matched to units: the demo's names and codes stay what the tests
    know."""
    if rng.random() < 0.12:
        unit = rng.choice(W.CENTRAL_UNITS)
        return {"Chức vụ": rng.choice(W.central_titles(unit)),
                "Đơn vị": unit, "Đoàn": "Các đơn vị Trung ương"}
    province = rng.choice(W.CITIES * 3 + W.PROVINCES)
    unit = provincial_unit(province)
    titles = W.PROVINCIAL_TITLES
    if category == "Đại biểu tập thể":  # the representative of a Phòng, by its post there
        unit = f"{rng.choice(W.PROVINCIAL_TEAMS)}, {unit}"
        titles = W.TEAM_TITLES
    return {"Chức vụ": rng.choice(titles), "Đơn vị": unit,
            "Đoàn": f"Đoàn {provincial_unit(province)}"}


HEAD_POSTS = ["Tổng Giám đốc", "Phó Tổng Giám đốc", "Giám đốc", "Phó Giám đốc", "Trưởng ban",
              "Giám đốc Trung tâm", "Chánh Văn phòng", "Trưởng phòng"]


def _rank(title: str) -> int:
    return HEAD_POSTS.index(title) if title in HEAD_POSTS else len(HEAD_POSTS)


def _profiles(rows: list, rng: random.Random) -> None:
    """The delegates' profile, as offices fill it in: about one cell in thirty left empty
    (the completeness list finds them), a few written their own way ("x", "ThS")."""
    for row in rows:
        for column in PROFILE:
            row[column] = ""
        if row["Thành phần"] not in DELEGATE_CATEGORIES:
            continue
        words = row["Họ và tên"].split()
        woman = words[-1] in W.GIVEN_F and words[-1] not in W.GIVEN_M or "Thị" in words \
            or "Nữ" in words  # as person_name drew it
        leader = row["Thành phần"] == "Lãnh đạo Ngành"
        values = {
            "Giới tính": "Nữ" if woman else "Nam",
            "Năm sinh": rng.randint(1964, 1978) if leader else rng.randint(1962, 2001),
            "Dân tộc": rng.choice(MINORITIES) if rng.random() < 0.14 else "Kinh",
            "Đảng viên": rng.choice(["Có", "x"]) if leader or rng.random() < 0.82 else "Không",
            "Trình độ": rng.choice(EDUCATION[:3] if leader else EDUCATION),
            # a sector's delegates: a few national emulation fighters, a Hero rarely
            "Danh hiệu": rng.choices(["", "Chiến sĩ thi đua toàn quốc", "Anh hùng Lao động"],
                                     weights=[93.8, 6, 0.2])[0],
        }
        if values["Trình độ"] == "Thạc sĩ" and rng.random() < 0.3:
            values["Trình độ"] = "ThS"
        for column, value in values.items():
            row[column] = "" if column != "Danh hiệu" and rng.random() < 0.03 else value


def _precedence(rows: list) -> None:
    """One precedence list for guests and host leaders, as an office writes it: the
    first guest, the head of the sector beside them, then two guests to a leader."""
    guests = [r for r in rows if r["Thành phần"] == "Khách mời"]
    leaders = [r for r in rows if r["Thành phần"] == "Lãnh đạo Ngành"]
    order = guests[:1] + leaders[:1]
    for i in range(max(len(guests), 2 * len(leaders))):
        order += guests[1 + 2 * i:3 + 2 * i] + leaders[1 + i:2 + i]
    for number, row in enumerate(order, start=1):
        row["Thứ tự nghi thức"] = number


def _assign_seats(rows: list) -> None:
    """The seats the roster types, given by the rules of `badges seats --assign`
    (badges/placing.py) in the demo's hall: guests and leaders in one precedence list
    from the centre of zone A, each delegation in one block in the official order."""
    from . import placing, seating

    order = {"Khách mời": 0, "Lãnh đạo Ngành": 1, "Các đơn vị Trung ương": 2}
    rows.sort(key=lambda r: (order.get(r["Đoàn"], 3), r["Đoàn"], r["Mã đại biểu"]))
    _precedence(rows)
    rank = {"Khách mời": 1, "Lãnh đạo Ngành": 2, "Đại biểu tập thể": 3, "Đại biểu cá nhân": 4}
    people = [{"id": i, "category_id": r["Thành phần"], "name": r["Họ và tên"],
               "protocol_order": r["Thứ tự nghi thức"] or None, "delegation": r["Đoàn"]}
              for i, r in enumerate(rows) if r["Thành phần"] in rank]
    given = placing.place(people, {}, seating.seats_of(seating.make(HALL)),
                          {"Khách mời", "Lãnh đạo Ngành"}, rank)
    for i, row in enumerate(rows):
        row["Ghế"] = given.get(i, "")


def write(rows: list, out) -> Path:
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".csv":
        with open(out, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=HEADERS)
            writer.writeheader()
            writer.writerows(rows)
    elif suffix == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Danh sách đại biểu"
        sheet.append(HEADERS)
        for row in rows:
            sheet.append([row[h] for h in HEADERS])
        sheet.freeze_panes = "A2"
        book.save(out)
    else:
        raise BadgesError(f"{out.name}: chỉ ghi được .csv hoặc .xlsx.")
    return out


# The demo's hall: zone A for guests and leaders, then blocks of six rows of twenty for
# the delegations (and room to spare), where _assign_seats gives the roster's seats
HALL = "A:3x20,B:6x20,C:6x20,D:6x20,E:6x20,F:6x20"


def populate(db, folder, count: int = 500, seed: int = 2026):
    """Write a demo roster into `folder` and import it into `db`, with the demo's hall
    plan; the import report."""
    from . import seating
    from .importer import import_roster

    report = import_roster(db, write(build(count, seed), Path(folder) / "roster.xlsx"))
    seating.save_plan(db, seating.make(HALL))
    return report
