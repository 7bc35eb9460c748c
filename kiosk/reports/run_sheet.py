"""The MC's run sheet (kịch bản dẫn chương trình) of a session as it stands at the moment it
is printed (the moment is printed on it): the opening, the introductions of those in the
hall, the presidium's list and its invitation, the votes to take (with the figures once
recorded, blanks before), the speakers, the honours ceremony (reports/mc_lines.py, as
`kiosk ceremony` prints it) and the closing. The sentences are run_sheet_lines.py's. A4,
Tinos like the other papers, "Trang x/y" at the foot of every page. No Flask here."""

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from ..core import clock
from . import mc_lines
from . import run_sheet_lines as lines
from .ceremony import _heading
from .pages import FACES, numbered, register, styles, text


def write_pdf(out, sheet: dict, at) -> None:
    """`sheet`: services/run_sheet.sheet(); `at`: the moment it stands at (aware)."""
    register()
    s = styles()
    moment = at.astimezone(clock.HANOI)
    stamp = f"Tính đến {moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"
    session = sheet["session"]["name"]
    story = [Paragraph(text(sheet["event"]).upper(), s["centre_bold"]),
             Paragraph("KỊCH BẢN DẪN CHƯƠNG TRÌNH", s["title"]),
             Paragraph(f"{text(session)} — {stamp}", s["date"]), Spacer(1, 6 * mm)]
    intro = sheet["introductions"]
    parts = [("I. KHAI MẠC", lines.opening(sheet["event"], session)),
             ("II. GIỚI THIỆU ĐẠI BIỂU", lines.introductions(
                 intro["present"], len(intro["absent"]), sheet["figures"])),
             ("III. ĐOÀN CHỦ TỊCH, ĐOÀN THƯ KÝ", lines.presidium(sheet["presidium"])),
             ("IV. BIỂU QUYẾT", [line for motion, taken in sheet["motions"]
                                 for line in lines.vote(motion, taken, sheet["figures"][1])]),
             ("V. THAM LUẬN", lines.speakers(sheet["speakers"]))]
    for heading, said in parts:
        story += [Paragraph(heading, s["heading"])] + _lines(said, s)
    story += [Paragraph("VI. LỄ TRAO KHEN THƯỞNG", s["heading"])] + _ceremony(sheet, s)
    story += [Paragraph("VII. BẾ MẠC", s["heading"])] + _lines(lines.closing(session), s)
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=15 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm,
                            title=f"Kịch bản dẫn chương trình - {session}")
    doc.build(story, canvasmaker=numbered(FACES["regular"]))


def _lines(said: list, s) -> list:
    out = []
    for kind, words in said:
        if kind == "note":
            out.append(Paragraph(f"<i>({text(words)})</i>", s["base"]))
        elif kind in ("name", "blank"):
            out.append(Paragraph(text(words), s["base"]))
        else:
            out.append(Paragraph(text(words), s["body"]))
    return out + [Spacer(1, 3 * mm)]


def _ceremony(sheet: dict, s) -> list:
    """The ceremony's script as `kiosk ceremony` prints it, its batches from who is in."""
    made = sheet["ceremony"]
    if not made["batches"]:
        return _lines([("note", "Chưa có người nhận khen thưởng nào có mặt lúc in.")], s)
    out = _lines([("say", "Tiếp theo chương trình, Đại hội tiến hành trao tặng các hình "
                          "thức khen thưởng cho các tập thể, cá nhân có thành tích xuất sắc.")],
                 s)
    for batch in mc_lines.script(made["batches"], sheet["honours"]):
        out += [Paragraph(f"<b>{text(_heading(batch))}</b>", s["base"])]
        out += _lines(batch["lines"], s)
    return out
