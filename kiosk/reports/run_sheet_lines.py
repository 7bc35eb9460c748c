"""What the MC reads through a session besides the honours, as sentences (the layout is
reports/run_sheet.py's, the ceremony's own lines reports/mc_lines.py's). No Flask, no
SQL, no PDF here. Each part is a list of (kind, text): "say" (read aloud), "name" (a
person on a list, numbered), "note" (a direction to the MC, not read), "blank" (a line
the MC fills in by hand).

The sequence is the one the research notes found (docs/mc.md, "Sources"): the programme
announced, the flag salute and the national anthem, the reason for the meeting and the
introductions of the delegates, then the reports and the speeches, the awards, and the
closing with the flag salute again (Nghị định 145/2013/NĐ-CP as summarised by
thuvienphapluat.vn; whether that part of it is still in force is unconfirmed); the
presidium's and the secretariat's list approved at the congress ("Thông qua danh sách
Đoàn Chủ tịch và Thư ký Đại hội", the national emulation congress IX's programme,
infonet.vn); the call to the flag and its orders ("Nghiêm! Chào cờ!", "Thôi") and the
thanks at the close as the congress guidance reproduced by 2dance.vn gives them. The
sentences are ours. Only people in the hall are named: the introductions of the
present, the members of the presidium and the speakers who have come; the others are
counted in a note, never named."""

BLANK = "……"


def opening(event: str, session: str) -> list:
    return [
        ("note", "Trước giờ khai mạc 5 phút."),
        ("say", "Kính thưa các vị đại biểu, khách quý! Đã đến giờ làm việc, Ban Tổ chức "
                "đề nghị các đồng chí đại biểu ổn định chỗ ngồi để Đại hội bắt đầu."),
        ("say", "Xin trân trọng kính mời các vị đại biểu, khách quý cùng toàn thể Đại hội "
                "đứng dậy làm lễ chào cờ."),
        ("say", "Nghiêm! Chào cờ — Chào!"),
        ("note", "Quốc ca."),
        ("say", "Thôi! Xin mời các vị đại biểu, khách quý ngồi."),
        ("say", f"Kính thưa các vị đại biểu, khách quý, thưa toàn thể Đại hội! Hôm nay, {event} "
                f"tiến hành {session}."),
    ]


def introductions(present: list, absent: int, figures: tuple) -> list:
    """The guests and leaders in the hall (said as read, in precedence order); `absent`
    how many of the list are not (a note, no names); `figures` (delegates present,
    summoned)."""
    lines = [("note", f"Chỉ giới thiệu người đã vào hội trường lúc in ({len(present)} người"
                      f"; {absent} người trong danh sách chưa đến). Người đến sau: xem màn "
                      "hình /mc, mục “mới đến”.")]
    if present:
        lines.append(("say", "Về dự Đại hội hôm nay, thay mặt Ban Tổ chức, tôi xin trân "
                             "trọng giới thiệu:"))
        lines += [("name", f"{n}. Đồng chí {spoken(p)}.") for n, p in enumerate(present, 1)]
    present_delegates, summoned = figures
    lines += [
        ("say", "Cùng dự Đại hội có các đồng chí đại biểu đại diện cho các tập thể, cá nhân "
                "điển hình tiên tiến trong phong trào thi đua yêu nước của toàn Ngành."),
        ("note", f"Lúc in: {present_delegates}/{summoned} đại biểu chính thức có mặt."),
        ("say", "Xin nhiệt liệt chào mừng các vị đại biểu, khách quý cùng toàn thể Đại hội!"),
    ]
    return lines


def spoken(p: dict) -> str:
    """'Nguyễn Văn A, Phó Tổng Giám đốc, Bảo hiểm xã hội Việt Nam' (parts as read)."""
    return ", ".join(part for part in (p["name"], p.get("title"), p.get("unit")) if part)


def presidium(bodies: dict) -> list:
    """The presidium's and the secretariat's lists, to be approved, then invited up."""
    names = {"chu-tich": "Đoàn Chủ tịch", "thu-ky": "Đoàn Thư ký"}
    lines = []
    for body, title in names.items():
        here = [p for p in bodies[body] if p["present"]]
        away = len(bodies[body]) - len(here)
        if not bodies[body]:
            lines.append(("note", f"Chưa lập danh sách {title}."))
            continue
        lines.append(("say", f"Ban Tổ chức xin giới thiệu danh sách {title} Đại hội gồm "
                             f"{len(here)} đồng chí:"))
        lines += [("name", f"{n}. Đồng chí {spoken(p)}.") for n, p in enumerate(here, 1)]
        if away:
            lines.append(("note", f"{away} đồng chí trong danh sách {title} chưa có mặt lúc "
                                  "in: không đọc tên; hỏi Ban Tổ chức trước khi giới thiệu."))
    seated = {p["code"]: p["name"] for p in bodies["chu-tich"] if p["present"]}
    row = [seated[code] for code in bodies.get("stage", []) if code in seated]
    if row:
        lines.append(("note", "Chỗ ngồi của Đoàn Chủ tịch trên sân khấu, nhìn từ hội trường, "
                              f"từ trái sang phải: {' — '.join(row)}."))
    if bodies["chu-tich"] or bodies["thu-ky"]:
        lines += [("say", "Đề nghị Đại hội biểu quyết thông qua danh sách Đoàn Chủ tịch, "
                          "Đoàn Thư ký Đại hội."),
                  ("note", "Biểu quyết: xem phần “Biểu quyết” bên dưới."),
                  ("say", "Xin trân trọng kính mời các đồng chí có tên trong Đoàn Chủ tịch, "
                          "Đoàn Thư ký lên làm việc.")]
    return lines


def vote(motion: str, taken: dict | None, summoned: int) -> list:
    """One vote: the call, and the result as recorded, or blanks for the figures."""
    lines = [("say", f"Đề nghị Đại hội biểu quyết: {motion}."),
             ("say", "Đồng chí nào tán thành, xin giơ thẻ đại biểu. Đồng chí nào không tán "
                     "thành? Đồng chí nào không biểu quyết?")]
    if taken:
        verdict = "thông qua" if taken["passed"] else "không thông qua"
        lines.append(("say", f"Kết quả: {taken['minutes']}; Đại hội {verdict} "
                             f"(quy định: {taken['rule']} số đại biểu có mặt)."))
    else:
        lines.append(("blank", f"Kết quả: {BLANK}/{summoned} đại biểu có mặt, tán thành "
                               f"{BLANK} ({BLANK}%); không tán thành {BLANK}; không biểu "
                               f"quyết {BLANK}."))
    return lines


def speakers(made: dict) -> list:
    """The speakers in order: a speaker not in the hall is not named; the reserve in the
    hall is invited instead."""
    if not made["speakers"]:
        return [("note", "Chưa có danh sách tham luận.")]
    lines = [("say", "Tiếp theo chương trình, Đại hội nghe các báo cáo tham luận của các "
                     "điển hình tiên tiến.")]
    for s in made["speakers"]:
        who, note = s, None
        if not s["present"]:
            if s["propose_reserve"]:
                who, note = s["reserve"], (f"Người tham luận thứ {s['position']} chưa có mặt "
                                           "lúc in: mời người dự phòng.")
            else:
                lines.append(("note", f"Người tham luận thứ {s['position']} chưa có mặt lúc "
                                      f"in ({s['minutes']} phút): hỏi Ban Tổ chức."))
                continue
        if note:
            lines.append(("note", note))
        lines.append(("say", f"Xin trân trọng kính mời đồng chí {spoken(who)} trình bày tham "
                             f"luận “{s['topic']}” ({s['minutes']} phút)."))
    ends = f"; phiên kết thúc lúc {made['ends']}" if made.get("ends") else ""
    lines.append(("note", f"Tổng thời gian tham luận {made['total']} phút{ends}."))
    return lines


def closing(session: str) -> list:
    return [
        ("say", f"Kính thưa các vị đại biểu, khách quý, thưa toàn thể Đại hội! {session} đã "
                "hoàn thành chương trình đề ra."),
        ("say", "Xin trân trọng kính mời các vị đại biểu, khách quý cùng toàn thể Đại hội "
                "đứng dậy làm lễ chào cờ bế mạc."),
        ("say", "Nghiêm! Chào cờ — Chào!"),
        ("note", "Quốc ca."),
        ("say", "Thôi! Trân trọng cảm ơn các vị đại biểu, khách quý cùng toàn thể Đại hội!"),
    ]
