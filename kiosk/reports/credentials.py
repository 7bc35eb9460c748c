"""The credentials report (báo cáo thẩm tra tư cách đại biểu): A4, Vietnamese, laid out as
Nghị định 30/2020/NĐ-CP lays out an administrative document: set in Tinos (metric-
compatible with Times New Roman, vendored in fonts/ by scripts/vendor-tinos) at 13 pt,
margins 20/20/30/15 mm, the superior and the issuing body top left and the national
motto top right, the italic place and date, the title, the figures as of a stated time,
whether the congress may proceed under its quorum rule, the absent delegates, the
recipients and a signature block in the name of the same issuing body; page numbers
centred at the top from page 2 on."""

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from badges.text import person_key

from .. import db as store
from ..core import chain, clock
from ..core.counts import percent
from . import composition
from .quorum import Quorum
from .tally import HONOURS_HEADER, HONOURS_KEYS

FONTS = Path(__file__).resolve().parent / "fonts"
FACES = {"regular": "Tinos-Regular", "bold": "Tinos-Bold", "italic": "Tinos-Italic",
         "bold_italic": "Tinos-BoldItalic"}
SIZE = 13  # points: the body text (13-14 in the decree)
ISSUER = "Ban Thẩm tra tư cách đại biểu"  # who issues the report, and signs it
COLUMNS = [76 * mm, 89 * mm]  # the issuing body's side and the motto's, 165 mm in all


def text(value) -> str:
    """Data as Paragraph text: reportlab reads its input as markup, so `<`, `>` and `&`
    in a name or a unit are escaped (shown as typed, never read as tags)."""
    return escape(str(value or ""))


def _register() -> None:
    if FACES["regular"] in pdfmetrics.getRegisteredFontNames():
        return
    for name in FACES.values():
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(FACES["regular"], normal=FACES["regular"],
                                  bold=FACES["bold"], italic=FACES["italic"],
                                  boldItalic=FACES["bold_italic"])


def _styles():
    base = ParagraphStyle("base", fontName=FACES["regular"], fontSize=SIZE, leading=SIZE * 1.3)
    body = ParagraphStyle("body", parent=base, alignment=TA_JUSTIFY, firstLineIndent=10 * mm,
                          spaceAfter=3)
    return {
        "base": base,
        "body": body,
        "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
        "centre_bold": ParagraphStyle("cb", parent=base, alignment=TA_CENTER,
                                      fontName=FACES["bold"]),
        "motto": ParagraphStyle("motto", parent=base, alignment=TA_CENTER,
                                fontName=FACES["bold"], fontSize=12),
        "body_name": ParagraphStyle("bn", parent=base, alignment=TA_CENTER, fontSize=12),
        "issuer": ParagraphStyle("issuer", parent=base, alignment=TA_CENTER,
                                 fontName=FACES["bold"], fontSize=12),
        "date": ParagraphStyle("date", parent=base, alignment=TA_CENTER,
                               fontName=FACES["italic"]),
        "title": ParagraphStyle("title", parent=base, alignment=TA_CENTER,
                                fontName=FACES["bold"], fontSize=14, leading=18,
                                spaceBefore=6),
        "subtitle": ParagraphStyle("st", parent=base, alignment=TA_CENTER,
                                   fontName=FACES["bold"], fontSize=14, leading=18),
        "heading": ParagraphStyle("h", parent=base, fontName=FACES["bold"], spaceBefore=8,
                                  spaceAfter=4),
        "subheading": ParagraphStyle("sh", parent=base, fontName=FACES["italic"],
                                     spaceBefore=4, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=base, fontSize=11.5, leading=14,
                               alignment=TA_LEFT),
        "small": ParagraphStyle("small", parent=base, fontSize=11, leading=13),
        "small_bi": ParagraphStyle("sbi", parent=base, fontSize=12, leading=14,
                                   fontName=FACES["bold_italic"]),
    }


def _header(event, issuer, as_of, s):
    day = as_of.astimezone(clock.HANOI)
    place = event.get("place", "Hà Nội")
    left = [Paragraph(text(event["organiser"]).upper(), s["body_name"]),
            Paragraph(f"<u>{text(issuer).upper()}</u>", s["issuer"]),
            Spacer(1, 2 * mm),
            Paragraph("Số: ……/BC-BTTTCĐB", s["centre"])]
    right = [Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s["motto"]),
             Paragraph("<u>Độc lập - Tự do - Hạnh phúc</u>", s["centre_bold"]),
             Spacer(1, 2 * mm),
             Paragraph(f"{text(place)}, ngày {day.day:02d} tháng {day.month:02d} năm "
                       f"{day.year}", s["date"])]
    table = Table([[left, right]], colWidths=COLUMNS)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def cut_off(moment: datetime) -> str:
    """'08 giờ 15 phút, ngày 16 tháng 12 năm 2026': the time the figures stand at."""
    t = moment.astimezone(clock.HANOI)
    return (f"{t.hour:02d} giờ {t.minute:02d} phút, ngày {t.day:02d} tháng {t.month:02d} "
            f"năm {t.year}")


def _page_number(canvas, doc):
    """From page 2 on: the number centred in the top margin (Nghị định 30/2020)."""
    canvas.saveState()
    canvas.setFont(FACES["regular"], SIZE)
    canvas.drawCentredString(A4[0] / 2 + (doc.leftMargin - doc.rightMargin) / 2,
                             A4[1] - 12 * mm, str(doc.page))
    canvas.restoreState()


def _pct(part, whole) -> str:
    """Vietnamese style, with a decimal comma: '93,2%'."""
    return f"{percent(part, whole):.1f}%".replace(".", ",") if whole else "—"


def _grid(data, widths):
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), FACES["regular"]),
        ("FONTSIZE", (0, 0), (-1, -1), 11.5),
        ("FONTNAME", (0, 0), (-1, 0), FACES["bold"]),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E3E8F0")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
    ]))
    return table


def write_pdf(db, figures, out, quorum: str | None = None,
              as_of: datetime | None = None) -> None:
    """The report of `figures` (reports/tally.py) into `out`. quorum: the rule ('>1/2',
    '>=2/3'), else the event's setting; as_of: the time the figures stand at (now)."""
    _register()
    s = _styles()
    event = store.get_settings(db)
    issuer = event.get("credentials_body") or ISSUER
    rule = Quorum.parse(quorum or event.get("quorum"))
    as_of = as_of or clock.utcnow()
    rows = figures.delegates_only
    summoned, present = len(rows), figures.delegates_present
    absent = sorted((r for r in rows if not r["present_at"]), key=lambda r: person_key(r["name"]))
    may_proceed = rule.met(present, summoned)
    verdict = ("Đại hội <b>đủ điều kiện tiến hành</b>." if may_proceed else
               f"Đại hội <b>chưa đủ điều kiện tiến hành</b> (cần ít nhất "
               f"{rule.needed(summoned)} đại biểu có mặt).")
    story = [_header(event, issuer, as_of, s), Spacer(1, 8 * mm),
             Paragraph("BÁO CÁO", s["title"]),
             Paragraph("Kết quả thẩm tra tư cách đại biểu", s["subtitle"]),
             Paragraph(text(event["name"]), s["centre_bold"]),
             Paragraph(f"({text(figures.session['name'])})", s["centre"]),
             Spacer(1, 6 * mm),
             Paragraph(f"Tính đến {cut_off(as_of)}:", s["body"]),
             Paragraph(f"- Tổng số đại biểu được triệu tập: <b>{summoned}</b> đại biểu.",
                       s["body"]),
             Paragraph(f"- Số đại biểu có mặt: <b>{present}</b> đại biểu, đạt "
                       f"<b>{_pct(present, summoned)}</b>.", s["body"]),
             Paragraph(f"- Số đại biểu vắng mặt: <b>{summoned - present}</b> đại biểu "
                       f"({_pct(summoned - present, summoned)}), trong đó có lý do: "
                       f"<b>{sum(1 for r in absent if r['absence_reason'])}</b>, không có lý "
                       f"do: <b>{sum(1 for r in absent if not r['absence_reason'])}</b>.",
                       s["body"]),
             Paragraph(f"Theo quy định, Đại hội được tiến hành khi có {rule.phrase()} tổng "
                       f"số đại biểu được triệu tập có mặt. Với {present}/{summoned} đại "
                       f"biểu có mặt, {verdict}", s["body"]),
             Paragraph("1. Theo thành phần", s["heading"])]
    data = [["Thành phần", "Triệu tập", "Có mặt", "Tỷ lệ", "Vắng"]]
    for cat in figures.by_category:
        if cat["is_delegate"]:
            data.append([Paragraph(text(cat["name"]), s["cell"]), cat["expected"], cat["present"],
                         _pct(cat["present"], cat["expected"]), cat["missing"]])
    data.append([Paragraph("<b>Tổng cộng</b>", s["cell"]), summoned, present,
                 _pct(present, summoned), summoned - present])
    story.append(_grid(data, [65 * mm, 25 * mm, 25 * mm, 25 * mm, 25 * mm]))
    story.append(Paragraph("2. Danh sách đại biểu vắng mặt", s["heading"]))
    excused = [r for r in absent if r["absence_reason"]]
    unexcused = [r for r in absent if not r["absence_reason"]]
    if not absent:
        story.append(Paragraph("Không có đại biểu vắng mặt.", s["base"]))
    for label, group, with_reason in (("a) Vắng mặt có lý do", excused, True),
                                      ("b) Vắng mặt không có lý do", unexcused, False)):
        if not absent:
            break
        story.append(Paragraph(f"{label}: {len(group)} đại biểu", s["subheading"]))
        if not group:
            continue
        if with_reason:
            data = [["STT", "Họ và tên", "Chức vụ, đơn vị", "Đoàn", "Lý do"]]
            for number, r in enumerate(group, start=1):
                data.append([number] + [Paragraph(text(v), s["cell"]) for v in (
                    r["name"], ", ".join(x for x in (r["title"], r["unit"]) if x),
                    r["delegation"], r["absence_reason"])])
        else:
            data = [["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Đoàn"]]
            for number, r in enumerate(group, start=1):
                data.append([number] + [Paragraph(text(r[k]), s["cell"])
                                        for k in ("name", "title", "unit", "delegation")])
        story.append(_grid(data, [11 * mm, 40 * mm, 44 * mm, 32 * mm, 38 * mm] if with_reason
                           else [11 * mm, 40 * mm, 32 * mm, 44 * mm, 38 * mm]))
    story.append(Paragraph("3. Đại biểu thay thế", s["heading"]))
    if figures.substitutes:
        data = [["STT", "Đại biểu thay thế", "Thay cho", "Lý do", "Có mặt"]]
        for number, r in enumerate(figures.substitutes, start=1):
            data.append([number] + [Paragraph(text(v), s["cell"]) for v in (
                ", ".join(x for x in (r["name"], r["title"]) if x),
                ", ".join(x for x in (r["original_name"], r["original_title"],
                                      r["original_unit"]) if x),
                r["reason"], "Có" if r["present_at"] else "Vắng")])
        story.append(_grid(data, [11 * mm, 45 * mm, 50 * mm, 39 * mm, 20 * mm]))
    else:
        story.append(Paragraph("Không có đại biểu thay thế.", s["base"]))
    number = 4
    if figures.honours:
        story += _honours(figures.honours, s, number)
        number += 1
    if figures.composition:
        story += _composition(figures.composition, s, number)
    # the signatures and the logs' heads stay together: a page with only the heads on it
    # would be a page nobody signed
    story.append(KeepTogether([Spacer(1, 10 * mm), _signatures(issuer, s), _chain_note(db, s)]))
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm,
                            title=f"Báo cáo thẩm tra tư cách đại biểu - {figures.session['name']}",
                            author=issuer)
    doc.build(story, onLaterPages=_page_number)


def _honours(rows: list, s, number: int) -> list:
    """The honours of the congress so far, per form, in the order they are handed."""
    data = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in HONOURS_HEADER]]
    for row in rows:
        data.append([Paragraph(text(row["award"]), s["cell"])] + [row[k] for k in HONOURS_KEYS])
    data.append([Paragraph("<b>Tổng cộng</b>", s["cell"])]
                + [sum(r[k] for r in rows) for k in HONOURS_KEYS])
    return [Paragraph(f"{number}. Khen thưởng tại Đại hội", s["heading"]),
            _grid(data, [45 * mm, 18 * mm, 22 * mm, 19 * mm, 22 * mm, 20 * mm, 19 * mm])]


def _composition(figures: dict, s, number: int) -> list:
    """The composition of the delegates summoned and of those present (reports/
    composition.py), group by group, then the oldest and the youngest, then per
    delegation."""
    summoned, present = figures["summoned"], figures["present"]
    story = [Paragraph(f"{number}. Cơ cấu đại biểu", s["heading"])]
    stated = any(line["label"] != composition.NOT_STATED and line["summoned"]
                 for group in figures["groups"] for line in group["lines"])
    if not stated:
        return story + [Paragraph("Danh sách đại biểu chưa có thông tin về cơ cấu (giới tính, "
                                  "năm sinh, dân tộc, đảng viên, trình độ, danh hiệu).",
                                  s["base"])]
    story.append(Paragraph(f"Trong số {summoned} đại biểu được triệu tập và {present} đại "
                           "biểu có mặt:", s["body"]))
    data = [["Cơ cấu", "Triệu tập", "Tỷ lệ", "Có mặt", "Tỷ lệ"]]
    headings = []
    for group in figures["groups"]:
        if not group["lines"]:
            continue
        headings.append(len(data))
        data.append([Paragraph(f"<b>{text(group['title'])}</b>", s["cell"]), "", "", "", ""])
        for line in group["lines"]:
            data.append([Paragraph(text(line["label"]), s["cell"]), line["summoned"],
                         _pct(line["summoned"], summoned), line["present"],
                         _pct(line["present"], present)])
    table = _grid(data, [65 * mm, 25 * mm, 25 * mm, 25 * mm, 25 * mm])
    table.setStyle(TableStyle([("SPAN", (0, row), (-1, row)) for row in headings]))
    story.append(table)
    ends = []
    for key, words in (("oldest", "cao tuổi nhất"), ("youngest", "trẻ tuổi nhất")):
        person = figures[key]
        if person:
            where = ", ".join(x for x in (person["unit"], person["delegation"]) if x)
            ends.append(f"đại biểu {words} là {text(person['name'])}"
                        + (f" ({text(where)})" if where else "") + f", {person['age']} tuổi")
    if ends:
        average = str(figures["average_age"]).replace(".", ",")
        story.append(Paragraph("Trong số đại biểu có mặt, " + "; ".join(ends)
                               + f"; tuổi bình quân {average}.", s["body"]))
    data = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in (
        "Đoàn", "Triệu tập", "Có mặt", "Nữ", "Dân tộc thiểu số", "Đảng viên", "Có danh hiệu")]]
    for row in figures["by_delegation"]:
        data.append([Paragraph(text(row["delegation"]), s["cell"])]
                    + [row[k] for k in ("summoned", "present", "women", "minorities", "party",
                                        "distinguished")])
    story += [Paragraph("Theo đoàn (nữ, dân tộc thiểu số, đảng viên, có danh hiệu: trong số "
                        "đại biểu có mặt)", s["subheading"]),
              _grid(data, [45 * mm, 20 * mm, 18 * mm, 16 * mm, 24 * mm, 21 * mm, 21 * mm])]
    return story


def _chain_note(db, s):
    """The heads of the hash-chained logs as they stand, so that this paper can be checked
    against the database file later (`kiosk verify-log --checkins-head …`)."""
    lines = ["<i>Đối chiếu dữ liệu (SHA-256, kiểm tra bằng lệnh kiosk verify-log):</i>"]
    for table, verdict in chain.verify_database(db).items():
        name = dict(chain.LOGS)[table]
        state = ("nguyên vẹn" if verdict.broken is None
                 else f"<b>KHÔNG NGUYÊN VẸN</b> — {text(verdict.broken.message)}")
        lines.append(f"{name}: {verdict.rows} dòng, {state}; mã đầu chuỗi:<br/>"
                     f"<font face='Courier' size='9'>{verdict.head}</font>")
    return Paragraph("<br/>".join(lines), s["small"])


def _signatures(issuer, s):
    left = [Paragraph("<i>Nơi nhận:</i>", s["small_bi"]),
            Paragraph("- Đoàn Chủ tịch Đại hội;", s["small"]),
            Paragraph("- Lưu: VT, " + text(issuer) + ".", s["small"])]
    right = [Paragraph(f"TM. {text(issuer).upper()}", s["issuer"]),
             Paragraph("TRƯỞNG BAN", s["issuer"]),
             Paragraph("<i>(Ký, ghi rõ họ tên)</i>", s["centre"]), Spacer(1, 28 * mm)]
    table = Table([[left, right]], colWidths=COLUMNS)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table
