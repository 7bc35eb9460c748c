"""The hall and who sits where: a plan of zones, rows and seats (from a spreadsheet, or
made from counts), and seats given by protocol (the rules: badges/placing.py; README
"Seats"): the guests and the sector's leaders in one precedence list from the centre of
the front row, on rows of their own, then each delegation in one block, the delegations
in the official order of units and provinces (badges/units.py). A zone of the plan may
be kept for some categories ("Dành cho").

A seat set by hand (in the roster, at the help desk) is kept, and its seat taken out of
those given; `assign` changes only the seats it gave itself (`seat_auto`) and says who
moved where. Press and staff (ranked below the delegates) get no seat. Every change is
in the roster's sealed log (badges/db/roster_log.py), with the seat.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import db as store
from . import placing
from .errors import BadgesError
from .roster import Columns, read_table
from .text import clean, fold_key

COLUMNS = Columns({
    "zone": ["Khu", "Khu vực", "Khối", "zone"],
    "row": ["Hàng", "Hàng ghế", "Dãy", "row"],
    "seats": ["Số ghế", "Số ghế trong hàng", "Số chỗ", "seats"],
    "reserved": ["Dành cho", "Thành phần", "reserved for"],
}, anchors=("zone",))
MAX_SEATS = 5000
MAX_ROW = 200
ZONE_RE = re.compile(r"^[A-Z]{1,3}$")
MAKE_RE = re.compile(r"^\s*([A-Za-z]{1,3})\s*:\s*(\d{1,3})\s*[x×]\s*(\d{1,3})\s*$")


def label(zone: str, row: int, number: int) -> str:
    """How a seat is written on a badge: 'B03-12' (zone B, row 3, seat 12)."""
    return f"{zone}{row:02d}-{number:02d}"


@dataclass
class Plan:
    rows: list = field(default_factory=list)  # (zone, row, seats, reserved category ids)

    @property
    def size(self) -> int:
        return sum(r[2] for r in self.rows)


def make(spec: str) -> Plan:
    """A plan from counts: 'A:2x20,B:12x30' is zone A (the front) of 2 rows of 20 seats,
    then zone B of 12 rows of 30."""
    plan = Plan()
    for part in filter(None, (p.strip() for p in spec.split(","))):
        found = MAKE_RE.match(part)
        if not found:
            raise BadgesError(f"'{part}' không đúng dạng KHU:HÀNGxGHẾ (ví dụ A:2x20).")
        zone, rows, seats = found.group(1).upper(), int(found.group(2)), int(found.group(3))
        if not (1 <= rows <= MAX_ROW and 1 <= seats <= 99):
            raise BadgesError(f"'{part}': từ 1 đến {MAX_ROW} hàng, mỗi hàng từ 1 đến 99 ghế.")
        plan.rows += [(zone, n, seats, ()) for n in range(1, rows + 1)]
    return _checked(plan)


def read_plan(path, categories: list, sheet=None) -> Plan:
    """A plan from a spreadsheet: a line per row of seats (Khu, Hàng, Số ghế, and
    optionally Dành cho: category names), front to back."""
    table = read_table(path, COLUMNS, sheet, "một sơ đồ hội trường")
    if table.header_errors:
        raise BadgesError(f"{Path(path).name} không phải sơ đồ hội trường: "
                          + "; ".join(message for _, message in table.header_errors))
    by_key = {fold_key(c["name"]): c["id"] for c in categories} | {
        fold_key(c["id"]): c["id"] for c in categories}
    plan, problems = Plan(), []
    for raw in table.rows:
        v = raw.values
        zone = clean(v.get("zone", "")).upper()
        where = f"dòng {raw.number}"
        if not ZONE_RE.match(zone):
            problems.append(f"{where}: khu '{zone[:10]}' phải là 1-3 chữ cái (A, B, AA)")
            continue
        if not (v.get("row", "").isdigit() and 1 <= int(v["row"]) <= MAX_ROW):
            problems.append(f"{where}: hàng '{v.get('row', '')[:10]}' phải là số từ 1 đến "
                            f"{MAX_ROW}")
            continue
        if not (v.get("seats", "").isdigit() and 1 <= int(v["seats"]) <= 99):
            problems.append(f"{where}: số ghế '{v.get('seats', '')[:10]}' phải là số từ 1 "
                            "đến 99")
            continue
        reserved = []
        for name in filter(None, (clean(n) for n in re.split(r"[;,]", v.get("reserved", "")))):
            if fold_key(name) not in by_key:
                problems.append(f"{where}: thành phần '{name[:40]}' không có trong danh mục")
            else:
                reserved.append(by_key[fold_key(name)])
        plan.rows.append((zone, int(v["row"]), int(v["seats"]), tuple(reserved)))
    if problems:
        raise BadgesError("Sơ đồ hội trường có lỗi, chưa lưu gì: " + "; ".join(problems[:10])
                          + (f" (và {len(problems) - 10} lỗi khác)" if len(problems) > 10
                             else ""))
    return _checked(plan)


def _checked(plan: Plan) -> Plan:
    if not plan.rows:
        raise BadgesError("Sơ đồ hội trường không có hàng ghế nào.")
    seen = set()
    for zone, row, _, _ in plan.rows:
        if (zone, row) in seen:
            raise BadgesError(f"Hàng {row} của khu {zone} có hai lần trong sơ đồ.")
        seen.add((zone, row))
    if plan.size > MAX_SEATS:
        raise BadgesError(f"Sơ đồ có {plan.size} ghế, quá {MAX_SEATS}.")
    return plan


def seats_of(plan: Plan) -> list:
    """The plan's seats, front to back, as the hall holds them."""
    seats = []
    for position, (zone, row, count, reserved) in enumerate(plan.rows):
        for number in range(1, count + 1):
            seats.append({"label": label(zone, row, number), "zone": zone, "row": row,
                          "number": number, "row_position": position,
                          "reserved": ",".join(reserved) or None})
    return seats


def save_plan(db, plan: Plan) -> None:
    """The hall's seats replace those held (in the caller's transaction or its own)."""
    with store.immediate(db):
        store.replace_hall(db, seats_of(plan))


@dataclass
class Outcome:
    placed: list = field(default_factory=list)  # (code, seat) given now
    kept: list = field(default_factory=list)  # (code, seat) set by hand, kept
    unplaced: list = field(default_factory=list)  # (code, name): no seat left for them
    outside: list = field(default_factory=list)  # (code, seat) set by hand, not in the plan
    twice: list = field(default_factory=list)  # (seat, [codes]) set by hand to two people
    moved: list = field(default_factory=list)  # (code, old, new): a printed badge shows old
    names: dict = field(default_factory=dict)  # code -> name, of those above

    @property
    def seated(self) -> list:
        """(code, seat) of those given a seat who had none."""
        moved = {code for code, _, _ in self.moved}
        return [(code, seat) for code, seat in self.placed if code not in moved]

    def who(self, code: str) -> str:
        """'Nguyễn Văn A (CN012)'."""
        return f"{self.names.get(code, '')} ({code})".strip()

    def moves(self) -> list:
        """A line per person moved: 'Nguyễn Văn A (CN012): C05-12 → C06-01'."""
        return [f"{self.who(code)}: {old} → {new}" for code, old, new in self.moved]

    def given(self) -> list:
        """A line per person seated who had no seat: 'Nguyễn Văn B (CN013): ghế C06-02'."""
        return [f"{self.who(code)}: ghế {seat}" for code, seat in self.seated]

    def summary(self) -> str:
        """What the assignment did, in a sentence."""
        return (f"Đã xếp chỗ: {len(self.seated)} người nhận ghế, {len(self.moved)} người "
                f"đổi ghế, giữ {len(self.kept)} ghế xếp tay"
                + (f", {len(self.unplaced)} người chưa có chỗ" if self.unplaced else "")
                + ".")


def assign(db) -> Outcome:
    """Give seats by protocol (badges/placing.py), keeping those set by hand; in one
    transaction."""
    with store.immediate(db):
        hall = store.hall_seats(db)
        if not hall:
            raise BadgesError("Chưa có sơ đồ hội trường: lưu sơ đồ trước (trang Thiết lập, "
                              "hoặc badges seats --plan TỆP hay --make 'A:2x20,B:12x30').")
        categories = store.list_categories(db)
        seated = _seated_categories(categories)
        rank = {c["id"]: c["protocol_rank"] for c in categories}
        people = [d for d in store.list_delegates(db) if d["category_id"] in seated]
        labels = {s["label"] for s in hall}
        outcome = Outcome(names={d["code"]: d["name"] for d in people})
        held, holders = {}, {}
        for d in people:
            if d["seat"] and not d["seat_auto"]:
                seat = d["seat"].upper()
                holders.setdefault(seat, []).append(d["code"])
                (outcome.kept if seat in labels else outcome.outside).append(
                    (d["code"], d["seat"]))
                if seat in labels:
                    held.setdefault(seat, d)
        outcome.twice = [(seat, codes) for seat, codes in holders.items() if len(codes) > 1]
        waiting = [d for d in people if not (d["seat"] and not d["seat_auto"])]
        given = placing.place(waiting, held, hall, _protocol_categories(categories), rank)
        for d in waiting:
            seat = given.get(d["id"])
            if seat is None:
                outcome.unplaced.append((d["code"], d["name"]))
            elif seat != d["seat"] or not d["seat_auto"]:
                outcome.placed.append((d["code"], seat))
                if d["seat"] and seat != d["seat"]:
                    outcome.moved.append((d["code"], d["seat"], seat))
            store.set_seat(db, d["id"], seat, auto=seat is not None)
        for d in store.list_delegates(db, include_inactive=True):
            if d["seat_auto"] and (d["category_id"] not in seated or not d["active"]):
                store.set_seat(db, d["id"], None, auto=False)  # no longer seated by us
    return outcome


def _seated_categories(categories: list) -> set:
    """The delegates' categories and those protocol ranks above them (invited guests);
    not those ranked below (press, staff)."""
    delegate_ranks = [c["protocol_rank"] for c in categories if c["is_delegate"]]
    last = max(delegate_ranks, default=0)
    return {c["id"] for c in categories if c["is_delegate"] or c["protocol_rank"] < last}


def _protocol_categories(categories: list) -> set:
    """Those in the one precedence list at the front: the categories ranked above the
    delegates' and the delegates' first (the sector's leaders, in this congress)."""
    first = min((c["protocol_rank"] for c in categories if c["is_delegate"]), default=0)
    return {c["id"] for c in categories if c["protocol_rank"] <= first}
