"""What the MC reads, from who is in the hall now: the introductions of the guests and the
sector's leaders (giới thiệu đại biểu) in the roster's one precedence list, the
presidium and the secretariat (Đoàn Chủ tịch, Đoàn Thư ký) in their order, and the
speakers (tham luận) with their reserves and their minutes against the session's end.
The votes are services/votes.py's. Each change in one transaction with its audit entry.

Only the guests (Khách mời) and the sector's leaders (Lãnh đạo Ngành) are introduced:
the press and the organising staff never. Titles and units are given as they are read
aloud, abbreviations written out (badges/spoken.py)."""

from datetime import timedelta

from badges import spoken

from .. import db as store
from ..core import audit, clock
from ..db import mc as kept
from ..reports import name_plates, presidium_list
from ..reports.tally import PROTOCOL_CATEGORIES, protocol_key
from . import lookups
from .errors import Invalid

BODIES = {"chu-tich": "Đoàn Chủ tịch", "thu-ky": "Đoàn Thư ký"}
MAX_BODY = 40
MAX_SPEAKERS = 60
MAX_TOPIC = 300
MAX_MINUTES = 240


def session_of(db, requested) -> dict:
    """The session a request or a command names (None or "": the one in progress), or a
    refusal (400, unknown_session) naming it."""
    return lookups.session_or_current(db, requested)


def person(db, code, field: str) -> dict:
    """An active delegate by badge code, or a refusal naming `field` (a code that is not
    text, such as null, is refused as such, not looked up as 'None')."""
    if not isinstance(code, str):
        raise Invalid("Mã đại biểu phải là chữ (ví dụ \"CN001\").", field)
    return lookups.delegate(db, code, field, Invalid, active=True)


def said(row: dict) -> dict:
    """A person as the MC names them: code, name, title and unit read aloud, seat."""
    return {"code": row["code"], "name": spoken.without_address(row["name"]),
            "title": spoken.aloud(row.get("title") or ""),
            "unit": spoken.aloud(row.get("unit") or ""), "seat": row.get("seat") or ""}


# --- introductions ---------------------------------------------------------------

def introductions(db, session: dict) -> dict:
    """{"present": [...], "absent": [...]}: the session's guests and leaders in the
    precedence order, each said as the MC reads it, with "introduced" (marked
    "đã giới thiệu") and "new" (arrived after the list was read and not yet
    introduced: "mới đến"); "read_at" when the list was marked read."""
    summoned = session["categories"]
    rows = sorted((r for r in store.attendance(db, session["id"])
                   if r["category_id"] in PROTOCOL_CATEGORIES
                   and (summoned is None or r["category_id"] in summoned)), key=protocol_key)
    marked, read = kept.introduced(db, session["id"]), kept.read_at(db, session["id"])
    present, absent = [], []
    for number, row in enumerate(rows, 1):
        one = {**said(row), "order": number, "category": row["category"]}
        if row["present_at"]:
            done = row["id"] in marked
            present.append({**one, "arrived": clock.local_hm(row["present_at"]),
                            "introduced": done, "new": read is not None and not done})
        else:
            absent.append(one)
    return {"session": session["id"], "session_name": session["name"],
            "read_at": clock.local_hm(read) if read else None,
            "present": present, "absent": absent}


def mark_read(db, session: dict, by: tuple) -> dict:
    """The list read out: everyone present now marked introduced, and the moment kept
    (whoever arrives after it is "mới đến")."""
    with store.immediate(db):
        now = introductions(db, session)
        ids = [store.delegate_by_code(db, p["code"])["id"] for p in now["present"]]
        kept.mark_introduced(db, session["id"], ids, by[0])
        kept.mark_read(db, session["id"], by[0])
        audit.record(db, *by, "mc.read", session["id"], None,
                     {"introduced": [p["code"] for p in now["present"]]})
    return introductions(db, session)


def mark(db, session: dict, code, introduced, by: tuple) -> dict:
    """One guest or leader marked introduced ("đã giới thiệu"), or the mark taken off."""
    if not isinstance(introduced, bool):
        raise Invalid("'introduced' phải là true hoặc false.", "introduced")
    who = person(db, code, "code")
    if who["category_id"] not in PROTOCOL_CATEGORIES:
        raise Invalid(f"{who['name']} không thuộc khách mời hay lãnh đạo Ngành: không có "
                      "trong danh sách giới thiệu.", "code")
    with store.immediate(db):
        was = who["id"] in kept.introduced(db, session["id"])
        if introduced:
            kept.mark_introduced(db, session["id"], [who["id"]], by[0])
        else:
            kept.unmark_introduced(db, session["id"], who["id"])
        audit.record(db, *by, "mc.introduced", who["code"], {"introduced": was},
                     {"introduced": introduced, "session": session["id"]})
    return introductions(db, session)


# --- the presidium and the secretariat -------------------------------------------

def presidium(db, session: dict | None = None) -> dict:
    """{"chu-tich": [...], "thu-ky": [...]}: each member said as read, numbered in order,
    with "present" in `session` when one is given; "withdrawn": the members withdrawn at
    the desk since they were chosen ("đã rút", with their "body" and "position"), apart:
    never printed, seated or read as if present until the organisers replace them."""
    here = set(store.live_presences(db, session["id"])) if session else set()
    active = {d["id"] for d in store.list_delegates(db)}
    out = {body: [] for body in BODIES}
    out["withdrawn"] = []
    for row in kept.presidium(db):
        one = {**said(row), "position": row["position"], "present": row["delegate_id"] in here}
        if row["delegate_id"] in active:
            out[row["body"]].append({**one, "position": len(out[row["body"]]) + 1})
        else:
            out["withdrawn"].append({**one, "body": row["body"], "present": False,
                                     "note": "đã rút"})
    out["stage"] = on_stage(out["chu-tich"])
    return out


def left_out(bodies: dict) -> list:
    """What the organisers are told of members withdrawn since they were chosen: a
    sentence each, naming the body (the plates, the list, the stage leave them out)."""
    return [f"{m['name']} ({m['code']}), {BODIES[m['body']]} #{m['position']}, đã rút khỏi "
            "danh sách: không in, không xếp chỗ; đề cử người thay nếu cần."
            for m in bodies["withdrawn"]]


def on_stage(members: list) -> list:
    """The presidium's row on stage as the hall sees it, left to right: #1 at the centre,
    #2 at its right, #3 at its left, and so on outwards (issue 30, item 2; no published
    rule was found, see docs/mc.md)."""
    row = []
    for n, member in enumerate(members):
        if n % 2:
            row.append(member["code"])  # even numbers (#2, #4…) to the right
        else:
            row.insert(0, member["code"])
    return row


def set_presidium(db, bodies: dict, by: tuple) -> dict:
    """The bodies named in `bodies` ({"chu-tich": [codes], "thu-ky": [codes]}, in
    order; a body not named is kept) replaced, in one transaction. A member withdrawn at
    the desk since they were chosen and still listed is left out ("left_out" says who),
    not a reason to refuse the save; one newly named who is withdrawn is refused."""
    if not isinstance(bodies, dict) or not bodies or set(bodies) - set(BODIES):
        raise Invalid("Gửi \"chu-tich\" và/hoặc \"thu-ky\": danh sách mã đại biểu theo thứ tự.",
                      "presidium")
    with store.immediate(db):  # read, decide and write at once
        was = presidium(db)
        chosen, dropped = _chosen(db, bodies, {m["code"]: m for m in was["withdrawn"]})
        _one_body_each(chosen, was)
        stored = kept.presidium(db)  # as stored: the withdrawn among them
        held = {b: [r["code"] for r in stored if r["body"] == b] for b in chosen}
        for body, members in chosen.items():
            kept.set_body(db, body, [m["id"] for m in members], by[0])
        audit.record(db, *by, "presidium.set", None, held,
                     {b: [m["code"] for m in chosen[b]] for b in chosen})
    return {**presidium(db), "left_out": left_out({"withdrawn": dropped})}


def _chosen(db, bodies: dict, gone: dict) -> tuple:
    """({body: [members]}, [members withdrawn since, left out]) of a request's lists."""
    chosen, dropped = {}, []
    for body, listed in bodies.items():
        if not isinstance(listed, list) or len(listed) > MAX_BODY:
            raise Invalid(f"{BODIES[body]}: một danh sách mã đại biểu (tối đa {MAX_BODY}).",
                          body)
        members = []
        for code in listed:
            typed = lookups.code(code) if isinstance(code, str) else code
            if typed in gone:
                dropped.append(gone[typed])
            else:
                members.append(member(db, code, body))
        if len({m["id"] for m in members}) != len(members):
            raise Invalid(f"{BODIES[body]} có một người ghi hai lần.", body)
        chosen[body] = members
    return chosen, dropped


NOT_IN_PRESIDIUM = {"bao-chi": "phóng viên báo chí", "ban-to-chuc": "cán bộ Ban Tổ chức"}


def member(db, code, body: str) -> dict:
    """A member for `body`: an active delegate, neither press nor staff (docs/mc.md: no
    published rule bars the guests; the press and the staff serve the congress)."""
    who = person(db, code, body)
    if who["category_id"] in NOT_IN_PRESIDIUM:
        raise Invalid(f"{who['name']} ({who['code']}) là {NOT_IN_PRESIDIUM[who['category_id']]}"
                      f": không đề cử vào {BODIES[body]}.", body)
    return who


def _one_body_each(chosen: dict, was: dict) -> None:
    """Nobody in both the presidium and the secretariat (a body not named: as kept)."""
    codes_of = {b: {m["code"] for m in chosen[b]} if b in chosen else
                {m["code"] for m in was[b]} for b in BODIES}
    both = codes_of["chu-tich"] & codes_of["thu-ky"]
    if both:
        body = "thu-ky" if "thu-ky" in chosen else "chu-tich"
        raise Invalid(f"{', '.join(sorted(both))}: một người không ở cả Đoàn Chủ tịch và "
                      "Đoàn Thư ký.", body)


# --- speakers ----------------------------------------------------------------------

def speakers(db, session: dict, now=None) -> dict:
    """The session's speakers in order: each said as read, "present", its reserve (with
    "present"), "propose_reserve" when the speaker is not in the hall and the reserve
    is, "starts_after" (minutes after the first begins); "total" minutes, the session's
    end ("ends", Hà Nội time) and "minutes_left" from `now` to it, "over" when the
    speeches would not fit."""
    here = set(store.live_presences(db, session["id"]))
    listed, elapsed = [], 0
    for row in kept.speakers(db, session["id"]):
        reserve = None
        if row["reserve_id"] is not None:
            reserve = {**said({k[8:]: row[k] for k in row if k.startswith("reserve_")}),
                       "present": row["reserve_id"] in here}
        present = row["delegate_id"] in here
        listed.append({**said(row), "position": row["position"], "topic": row["topic"],
                       "minutes": row["minutes"], "starts_after": elapsed,
                       "present": present, "reserve": reserve,
                       "propose_reserve": not present and bool(reserve and reserve["present"])})
        elapsed += row["minutes"]
    ends = clock.parse(session["ends_at"]) if session.get("ends_at") else None
    left = max(0, int((ends - (now or clock.utcnow())) / timedelta(minutes=1))) if ends else None
    return {"speakers": listed, "total": elapsed,
            "ends": clock.local_hm(session["ends_at"]) if ends else None,
            "minutes_left": left, "over": left is not None and elapsed > left}


def set_speakers(db, session: dict, listed, by: tuple) -> dict:
    """The session's speakers replaced: [{"code", "topic", "minutes", "reserve"}] in
    order (an empty list clears them)."""
    if not isinstance(listed, list) or len(listed) > MAX_SPEAKERS:
        raise Invalid(f"\"speakers\": một danh sách (tối đa {MAX_SPEAKERS} người).", "speakers")
    rows = [_speaker(db, n, item) for n, item in enumerate(listed, 1)]
    with store.immediate(db):
        was = [s["code"] for s in speakers(db, session)["speakers"]]
        kept.set_speakers(db, session["id"], rows, by[0])
        audit.record(db, *by, "speakers.set", session["id"], {"speakers": was},
                     {"speakers": [row["code"] for row in rows]})
    return speakers(db, session)


def _speaker(db, n: int, item) -> dict:
    if not isinstance(item, dict):
        raise Invalid(f"Người phát biểu thứ {n}: cần \"code\", \"topic\", \"minutes\".",
                      "speakers")
    who = person(db, item.get("code"), "code")
    topic = item.get("topic")
    if not isinstance(topic, str) or not topic.strip() or len(topic) > MAX_TOPIC:
        raise Invalid(f"Người phát biểu thứ {n} ({who['name']}): ghi tên bài tham luận "
                      f"(tối đa {MAX_TOPIC} ký tự).", "topic")
    minutes = item.get("minutes")
    if type(minutes) is not int or not 0 < minutes <= MAX_MINUTES:
        raise Invalid(f"Người phát biểu thứ {n} ({who['name']}): số phút phải là số nguyên "
                      f"từ 1 đến {MAX_MINUTES}.", "minutes")
    reserve = item.get("reserve")
    reserve = person(db, reserve, "reserve") if reserve not in (None, "") else None
    if reserve is not None and reserve["id"] == who["id"]:
        raise Invalid(f"Người dự phòng của {who['name']} phải là người khác.", "reserve")
    return {"delegate_id": who["id"], "code": who["code"], "topic": " ".join(topic.split()),
            "minutes": minutes, "reserve_id": reserve["id"] if reserve else None}


# --- the presidium on paper: name plates and the list put to the vote -------------

MAX_GUESTS = 60
NO_PRESIDIUM = ("Chưa có Đoàn Chủ tịch, Đoàn Thư ký: đặt bằng 'kiosk presidium --chair MÃ "
                "--secretary MÃ' hoặc trang Thiết lập.")


def write_plates(db, out, guests: int = 0, session: dict | None = None) -> dict:
    """Name plates (reports/name_plates.py) into `out`: the presidium and the secretariat
    in order, then the first `guests` of the precedence list in the hall in `session`
    now (the front row). {"members", "guests"}: the plates of each."""
    if type(guests) is not int or not 0 <= guests <= MAX_GUESTS:
        raise Invalid(f"Số biển tên khách mời: từ 0 đến {MAX_GUESTS}.", "guests")
    bodies = presidium(db)
    members = bodies["chu-tich"] + bodies["thu-ky"]
    seated = {m["code"] for m in members + bodies["withdrawn"]}
    front = [p for p in (introductions(db, session)["present"] if guests and session else [])
             if p["code"] not in seated][:guests]  # a member has their plate already
    if not members and not front:
        raise Invalid(NO_PRESIDIUM, "presidium")
    name_plates.write_pdf(out, members + front)
    return {"members": len(members), "guests": len(front), "left_out": left_out(bodies)}


def write_list(db, out) -> dict:
    """The list put to the vote (reports/presidium_list.py) into `out`, as of now."""
    bodies = presidium(db)
    if not bodies["chu-tich"] and not bodies["thu-ky"]:
        raise Invalid(NO_PRESIDIUM, "presidium")
    presidium_list.write_pdf(out, store.get_settings(db).get("name", ""), bodies,
                             clock.utcnow())
    return {**bodies, "left_out": left_out(bodies)}
