"""Who sits where by protocol, worked out from the hall and the people alone (no database):
badges/seating.py gives these seats (`badges seats --assign`, the setup page), and the
demo's roster types them (badges/demo_roster.py).

Front to back, in two parts:

1. **The guests and the sector's leaders in one precedence list** (the categories ranked
   above the delegates, and the delegates' first): by the roster's Thứ tự nghi thức,
   those without one after them (by category rank, then name). #1 sits at the centre of
   the first row, #2 at the right of #1 as seen from the stage, #3 at the left of #1,
   #4 at the right of #2, and so on outwards, alternately; then the next row the same
   way. "As seen from the stage" ("xét từ phía trên khán đài xuống"): the right of
   someone standing on the stage and facing the hall, the side where each row's seat 1
   is (seats are numbered from the stage's right; on the ushers' chart, the stage at the
   top, it is the left of the page). For #1, seated facing the stage, #2 is at their
   left hand. The rows they sit in hold nobody else, and a row where one of them sits by
   hand is theirs too.
2. **The delegates, each delegation in one block** (its collective and individual
   delegates together, by category rank, then Thứ tự nghi thức, then name), the
   delegations in the official order (badges/units.py), each on the next run of free
   seats in the seat order (a row from seat 1, then the next row), never in part 1's
   rows. A delegation one of whose members sits by hand (a seat typed in the roster or
   changed at the desk) is seated first, on the free seats nearest to them (to the
   middle one of several), so that a walk-in or a late registration sits beside their
   own delegation.

Rows kept by the plan ("Dành cho") for some categories are used first by those
categories, then the rows kept for nobody; a row kept only for others is never used.
"""

from . import units
from .text import clean, person_key


def place(waiting: list, held: dict, seats: list, front: set, rank: dict) -> dict:
    """person id -> seat label, for the `waiting` (dicts with "id", "category_id",
    "protocol_order", "delegation", "name"; roster order); `held`: seat label -> the
    person set there by hand; `seats`: the hall's ("label", "row_position", "number",
    "reserved"); `front`: part 1's categories; `rank`: category -> protocol rank."""
    rows = {}
    for seat in seats:
        rows.setdefault(seat["row_position"], []).append(seat)
    for row in rows.values():
        row.sort(key=lambda s: s["number"])
    given, taken = {}, set(held)
    theirs = _front([p for p in waiting if p["category_id"] in front], rows, held, front,
                    given, taken, rank)
    rest = [p for p in waiting if p["category_id"] not in front]
    categories = {p["category_id"] for p in rest} | {
        p["category_id"] for p in held.values() if p["category_id"] not in front}
    area = [s for position in _pool(rows, categories) if position not in theirs
            for s in rows[position]]
    everyone = sorted([*waiting, *held.values()], key=lambda p: p["id"])
    _delegations(rest, area, held, front, given, taken, rank,
                 units.order([_team(p) for p in everyone if p["category_id"] not in front]))
    return given


def _pool(rows: dict, categories: set) -> list:
    """Row positions for these categories: those kept for them, then those kept for
    nobody, each front to back."""
    def kept(position):
        return set(filter(None, (rows[position][0]["reserved"] or "").split(",")))
    order = sorted(rows)
    return ([p for p in order if kept(p) & categories]
            + [p for p in order if not kept(p)])


def _front(people, rows, held, front, given, taken, rank) -> set:
    """Part 1 (the module's docstring): the row positions that are theirs."""
    theirs = {s["row_position"] for row in rows.values() for s in row
              if s["label"] in held and held[s["label"]]["category_id"] in front}
    others = {s["row_position"] for row in rows.values() for s in row
              if s["label"] in held and held[s["label"]]["category_id"] not in front}
    queue = sorted(people, key=lambda p: (p["protocol_order"] is None,
                                          p["protocol_order"] or 0, rank[p["category_id"]],
                                          person_key(p["name"])))
    for position in _pool(rows, front):
        if not queue:
            break
        if position in others:
            continue
        free = [s for s in _centre_out(rows[position]) if s["label"] not in taken]
        for seat, person in zip(free, queue):
            given[person["id"]] = seat["label"]
            taken.add(seat["label"])
            theirs.add(position)
        queue = queue[len(free):]
    return theirs


def _centre_out(seats: list) -> list:
    """The centre seat, then the next at the stage's right of it (lower numbers: seat 1
    is at the stage's right), then at its left, alternately."""
    middle = (len(seats) - 1) // 2
    order = [seats[middle]]
    for step in range(1, len(seats)):
        for index in (middle - step, middle + step):
            if 0 <= index < len(seats):
                order.append(seats[index])
    return order


def _team(person) -> str:
    return clean(person.get("delegation") or "")


def _delegations(people, area, held, front, given, taken, rank, order) -> None:
    """Part 2 (the module's docstring), on `area`, the delegates' seats in seat order."""
    free = {i for i, s in enumerate(area) if s["label"] not in taken}
    anchors = {}
    for i, seat in enumerate(area):
        person = held.get(seat["label"])
        if person is not None and person["category_id"] not in front:
            anchors.setdefault(_team(person), []).append(i)
    groups = {}
    for person in people:
        groups.setdefault(_team(person), []).append(person)
    cursor = 0
    for anchored in (True, False):
        for team in order:
            members = groups.get(team)
            if not members or bool(anchors.get(team)) != anchored:
                continue
            members.sort(key=lambda p: (rank[p["category_id"]], p["protocol_order"] is None,
                                        p["protocol_order"] or 0, person_key(p["name"])))
            if anchored:
                middle = sorted(anchors[team])[(len(anchors[team]) - 1) // 2]
                chosen = sorted(sorted(free, key=lambda i: (abs(i - middle), i))[:len(members)])
            else:
                chosen = _run(free, len(members), cursor)
                cursor = max([cursor - 1, *chosen]) + 1
            for i, person in zip(chosen, members):
                given[person["id"]] = area[i]["label"]
                free.discard(i)


def _run(free: set, count: int, cursor: int) -> list:
    """`count` free seats next to each other in the seat order, the first such run from
    `cursor` on (else from the start); with none long enough, the first free ones from
    `cursor` on, then those before it."""
    ordered = sorted(free)
    for start in (cursor, 0):
        run = []
        for i in (i for i in ordered if i >= start):
            run = run + [i] if run and run[-1] == i - 1 else [i]
            if len(run) == count:
                return run
    after = [i for i in ordered if i >= cursor]
    return (after + [i for i in ordered if i < cursor])[:count]
