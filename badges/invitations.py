"""Invitations (giấy mời) to the congress, merged from the roster and the sessions: one per
delegate, or one per delegation addressed to its head (badges.db.delegation_heads).

The layout is the model form of a giấy mời, Mẫu 1.7 of Phụ lục III to Nghị định số
30/2020/NĐ-CP (công tác văn thư): the issuing body top left with the number "Số: …/GM-…"
(GM: the abbreviation of Giấy mời in Phụ lục III, mục I); the national title "CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM" and the motto top right, under them the place and the date in
italics; the name of the document "GIẤY MỜI" and the summary (trích yếu); "<cơ quan> trân
trọng kính mời: …", "Tới dự …", the time and place; the signer's authority and post, the
space for the signature and seal, the signer's name; "Nơi nhận" with "Lưu: VT". A4
portrait, margins 20 mm top and bottom, 30 mm left, 15 mm right, a Times New Roman face
(Tinos, metric-compatible), 13 pt (Phụ lục I, phần I: khổ giấy, định lề, phông chữ).
The content ends with "./." as Phụ lục I writes it. The page is laid out by
badges/render/invitation.py; the sources are named in docs/roster.md.

The number and the signer are never invented: they come from the options (or the
settings "invitation_number", "invitation_signer_title", "invitation_signer"); without a
number the clerk's blank "Số: ……/GM-……" is printed, without a signer nothing is. No
Flask here, and nothing of `kiosk/` imported."""

from datetime import datetime

from . import db as store
from . import units
from .render import invitation
from .schedule import HANOI
from .spoken import without_address
from .text import clean, fold, person_key

WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
Refused = invitation.Refused  # the invitations cannot be printed yet: it names what to set


def when(session: dict) -> str:
    """'13 giờ 30 phút, thứ Ba, ngày 15/12/2026': a session's start, Hà Nội time."""
    t = datetime.fromisoformat(session["starts_at"]).astimezone(HANOI)
    return f"{t.hour:02d} giờ {t.minute:02d} phút, {WEEKDAYS[t.weekday()]}, ngày {t:%d/%m/%Y}"


def in_text(organiser: str, event: str) -> str:
    """The issuing body as a sentence writes it: as the event's name spells it when the
    name holds it ('BẢO HIỂM XÃ HỘI VIỆT NAM' is 'Bảo hiểm xã hội Việt Nam' in 'Đại hội
    … ngành Bảo hiểm xã hội Việt Nam …'), else as set."""
    words, said = organiser.split(), event.split()
    for at in range(len(said) - len(words) + 1):
        if [w.casefold() for w in said[at:at + len(words)]] == [w.casefold() for w in words]:
            return " ".join(said[at:at + len(words)])
    return organiser


def head_of(delegation: str) -> str:
    """'Trưởng đoàn BHXH thành phố Hà Nội' for 'Đoàn BHXH thành phố Hà Nội', else
    'Trưởng đoàn đại biểu <delegation>'."""
    if fold(delegation).startswith("doan "):
        return "Trưởng đoàn " + delegation.split(" ", 1)[1]
    return f"Trưởng đoàn đại biểu {delegation}"


def settings(db, number=None, signer_title=None, signer=None) -> dict:
    """The event's settings the invitation needs, with the options over them; a refusal
    naming every one that is missing."""
    kept = store.get_settings(db)
    chosen = {"name": kept.get("name"), "organiser": kept.get("organiser"),
              "place": kept.get("place"), "venue": kept.get("venue"),
              "number": number or kept.get("invitation_number"),
              "signer_title": signer_title or kept.get("invitation_signer_title"),
              "signer": signer or kept.get("invitation_signer")}
    chosen = {k: clean(v) if v else "" for k, v in chosen.items()}
    labels = {"name": "tên Đại hội (name)", "organiser": "cơ quan tổ chức (organiser)",
              "place": "địa danh (place)", "venue": "địa điểm họp (venue)",
              "signer_title": "chức vụ người ký (--signer-title)",
              "signer": "họ tên người ký (--signer)"}
    missing = [label for key, label in labels.items() if not chosen[key]]
    if missing:
        raise Refused("Chưa in được giấy mời: thiếu " + ", ".join(missing) + ".")
    if chosen["number"] and "/GM-" not in chosen["number"].upper():
        raise Refused(f"Số giấy mời '{chosen['number']}' phải có ký hiệu GM (Phụ lục III, "
                      "Nghị định 30/2020/NĐ-CP), ví dụ 125/GM-BHXH.")
    return chosen


def invitations(db, per_delegation=False, **options) -> tuple:
    """(settings, [invitation]): each {"to" (the line after "trân trọng kính mời:"),
    "sessions": [(session, how many of the delegation, or None)], "seat",
    "delegation"}, in the delegations' official order, people by name within each."""
    chosen = settings(db, **options)
    sessions = store.list_sessions(db)
    if not sessions:
        raise Refused("Chưa in được giấy mời: chưa có phiên họp nào (badges sessions --add).")
    people = store.list_delegates(db)
    if not people:
        raise Refused("Chưa in được giấy mời: chưa có đại biểu nào (badges import).")

    def summoned(person):
        return [s for s in sessions if s["categories"] is None
                or person["category_id"] in s["categories"]]
    rank = {name: n for n, name in enumerate(units.order([p["delegation"] for p in people]))}
    people.sort(key=lambda p: (rank[p["delegation"] or ""], person_key(p["name"])))
    if per_delegation:
        made = _per_delegation(db, people, sessions, summoned)
    else:
        made = [{"to": "Đồng chí " + ", ".join(x for x in (without_address(p["name"]),
                                                            clean(p["title"]),
                                                            clean(p["unit"])) if x),
                 "sessions": [(s, None) for s in summoned(p)], "seat": p["seat"] or "",
                 "delegation": p["delegation"] or ""} for p in people]
    return chosen, _with_sessions(made, "đoàn" if per_delegation else "đại biểu")


def _with_sessions(made: list, kind: str) -> list:
    """The invitations with a session to invite to; one to nothing (a letter with an
    empty "Thời gian, địa điểm") is left out and counted ("left_out" on the first), and
    none left is refused."""
    kept = [one for one in made if one["sessions"]]
    if not kept:
        raise Refused(f"Chưa in được giấy mời: không {kind} nào được triệu tập vào phiên họp "
                      "nào (chọn thành phần được triệu tập: badges sessions --set PHIÊN "
                      "--summon …).")
    kept[0]["left_out"] = len(made) - len(kept)
    return kept


def _per_delegation(db, people: list, sessions: list, summoned) -> list:
    """One invitation per delegation holding delegates (the guests', the press's and the
    staff's groups have no head), to its head by name when it has one."""
    counted = {c["id"] for c in store.list_categories(db) if c["is_delegate"]}
    heads = store.delegation_heads(db)
    made = []
    for delegation in dict.fromkeys(p["delegation"] for p in people):
        members = [p for p in people if p["delegation"] == delegation]
        if not delegation or not any(p["category_id"] in counted for p in members):
            continue
        head = heads.get(delegation)
        who = head_of(delegation)
        if head:
            who = "Đồng chí " + ", ".join(x for x in (without_address(head["name"]),
                                                       clean(head["title"]), who) if x)
        counts = [(s, sum(1 for p in members if s in summoned(p))) for s in sessions]
        made.append({"to": who, "members": len(members),
                     "sessions": [(s, n) for s, n in counts if n], "seat": "",
                     "delegation": delegation, "head": bool(head)})
    if not made:
        raise Refused("Chưa in được giấy mời theo đoàn: danh sách chưa có đoàn đại biểu nào "
                      "(cột Đoàn của các đại biểu).")
    return made


def write_pdf(db, out, per_delegation=False, **options) -> dict:
    """The invitations into `out` (a path or a file), a page each; {"count",
    "per_delegation", "without_head": [delegations addressed without a name], "left_out":
    how many were left out as summoned to no session}."""
    chosen, made = invitations(db, per_delegation, **options)
    for one in made:
        one["lines"] = [(f"- {s['name']}" + (f" ({n} đại biểu của Đoàn được triệu tập)"
                                              if n else "") + f": {when(s)}, tại "
                         f"{chosen['venue']}") for s, n in one["sessions"]]
    invitation.build(out, chosen, made, in_text(chosen["organiser"], chosen["name"]))
    return {"count": len(made), "per_delegation": per_delegation,
            "without_head": [i["delegation"] for i in made if i.get("head") is False],
            "left_out": made[0]["left_out"]}  # summoned to no session: nothing to invite to
