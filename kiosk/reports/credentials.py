"""The report on the delegates that a session of the congress hears, of the kind the
organisers choose (the event's setting `report_kind`, or `kiosk report --kind`):

- `thanh-phan`, the default: the organising committee's "Báo cáo thành phần, cơ cấu,
  chất lượng đại biểu". An emulation congress elects nobody and has no credentials
  committee: the XI national emulation congress heard, at its preparatory session on
  26/12/2025, a "báo cáo thành phần, số lượng, cơ cấu đại biểu về dự Đại hội" (2,223
  delegates, "gồm 198 đại biểu khách mời và 2.025 đại biểu chính thức; được thành lập
  thành 105 đoàn đại biểu"; vietnamplus.vn, README "Sources");
- `tham-tra`: the credentials committee's "Báo cáo thẩm tra tư cách đại biểu", which ends
  with its finding that the delegates "đủ tư cách đại biểu" and its proposal that the
  congress approve it by a vote, as congresses that elect hear it (the XIV Party
  Congress, 19/01/2026: "biểu quyết tán thành … thông qua Báo cáo thẩm tra tư cách đại
  biểu …; tất cả 1.586 đại biểu … đều đủ tư cách đại biểu").

Both give, as of a stated time: the guests beside the official delegates and the number
of delegations; the official delegates by category (leaders, representatives of
collectives, individuals); whether the congress may proceed, citing its own Quy chế by
name and article (reports/quorum.py); the composition (reports/composition.py) with the
holders of a Huân chương and of the sector's titles; the absent and the substitutes; the
signature of the issuing body. The logs' hash heads follow in an annex ("Phụ lục") after
the signature, not in the text read aloud; the honours have a report of their own
(reports/honours_result.py). The layout is Nghị định 30/2020/NĐ-CP's (reports/official.py).
"""

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, TableStyle

from badges.text import fold_key, person_key

from .. import db as store
from ..core import clock
from . import annex, composition, official, pages
from .official import cut_off
from .pages import FACES, FONTS, text  # noqa: F401 (FACES, FONTS: the fonts test's names)
from .quorum import RULES, Quorum, cite

ISSUER = "Ban Thẩm tra tư cách đại biểu"  # the `tham-tra` report's, when not set
ORGANISERS = "Ban Tổ chức Đại hội"  # the `thanh-phan` report's, when not set
GUESTS = "khach-moi"  # the guests' category (or one named "Khách mời …")
# how the report names the official delegates of the default categories
PHRASES = {"lanh-dao": "đại biểu lãnh đạo Ngành", "tap-the": "đại biểu đại diện tập thể",
           "ca-nhan": "đại biểu cá nhân"}


@dataclass(frozen=True)
class Kind:
    title: str  # under "BÁO CÁO"
    name: str  # the document, as the annex and the closing sentence name it
    body_setting: str  # the event's setting naming the issuing body
    body: str  # the issuing body when the setting is empty
    symbol: str  # after "Số: ……/"


KINDS = {
    "thanh-phan": Kind("Thành phần, cơ cấu, chất lượng đại biểu dự Đại hội",
                       "Báo cáo thành phần, cơ cấu, chất lượng đại biểu", "organising_body",
                       ORGANISERS, "BC-BTC"),
    "tham-tra": Kind("Kết quả thẩm tra tư cách đại biểu", "Báo cáo thẩm tra tư cách đại biểu",
                     "credentials_body", ISSUER, "BC-BTTTCĐB"),
}
DEFAULT_KIND = "thanh-phan"


class BadKind(ValueError):
    pass


def kind_of(event: dict, chosen: str | None = None) -> str:
    """The report's kind: `chosen`, else the event's setting, else the default."""
    kind = chosen or event.get("report_kind") or DEFAULT_KIND
    if kind not in KINDS:
        raise BadKind(f"Loại báo cáo '{kind}' không có: chọn {' hoặc '.join(KINDS)}.")
    return kind


def write_pdf(db, figures, out, quorum: str | None = None, as_of: datetime | None = None,
              kind: str | None = None, rules: str | None = None,
              article: str | None = None) -> None:
    """The report of `figures` (reports/tally.py) into `out`. quorum: the rule ('>1/2',
    'từ 2/3 trở lên'), kind ('thanh-phan', 'tham-tra'), rules and article (the Quy chế
    cited): each else the event's setting; as_of: the time the figures stand at (now)."""
    pages.register()
    s = pages.styles()
    event = store.get_settings(db)
    paper = KINDS[kind_of(event, kind)]
    issuer = event.get(paper.body_setting) or paper.body
    rule = Quorum.parse(quorum or event.get("quorum"))
    citation = cite(rules or event.get("rules") or RULES, article or event.get("rules_article"))
    as_of = as_of or clock.utcnow()
    rows = figures.delegates_only
    summoned, present = len(rows), figures.delegates_present
    absent = sorted((r for r in rows if not r["present_at"]), key=lambda r: person_key(r["name"]))
    story = [official.header(event, issuer, paper.symbol, as_of, s), Spacer(1, 8 * mm),
             Paragraph("BÁO CÁO", s["title"]), Paragraph(paper.title, s["subtitle"]),
             Paragraph(text(event["name"]), s["centre_bold"]),
             Paragraph(f"({text(figures.session['name'])})", s["centre"]),
             Spacer(1, 6 * mm), Paragraph(f"Tính đến {cut_off(as_of)}:", s["body"])]
    story += _numbers(figures, rows, absent, s)
    verdict = ("Đại hội <b>đủ điều kiện tiến hành</b>." if rule.met(present, summoned) else
               f"Đại hội <b>chưa đủ điều kiện tiến hành</b> (cần ít nhất "
               f"{rule.needed(summoned)} đại biểu có mặt).")
    story.append(Paragraph(f"{text(citation)}, Đại hội được tiến hành khi có {rule.phrase()} "
                           f"tổng số đại biểu chính thức được triệu tập có mặt. Với "
                           f"{present}/{summoned} đại biểu có mặt, {verdict}", s["body"]))
    story.append(Paragraph("1. Theo thành phần", s["heading"]))
    data = [["Thành phần", "Triệu tập", "Có mặt", "Tỷ lệ", "Vắng"]]
    for cat in figures.by_category:
        if cat["is_delegate"]:
            data.append([Paragraph(text(cat["name"]), s["cell"]), cat["expected"], cat["present"],
                         pages.pct(cat["present"], cat["expected"]), cat["missing"]])
    data.append([Paragraph("<b>Tổng cộng</b>", s["cell"]), summoned, present,
                 pages.pct(present, summoned), summoned - present])
    story.append(pages.grid(data, [65 * mm, 25 * mm, 25 * mm, 25 * mm, 25 * mm]))
    if figures.composition:
        story += _composition(figures.composition,
                              composition.holders(rows, store.honours(db)), s, 2)
    story += _absent(absent, s, 3) + _substitutes(figures.substitutes, s, 4)
    closing = _closing(paper, issuer, summoned, len(figures.substitutes), s)
    story.append(KeepTogether(closing + [Spacer(1, 10 * mm), official.signatures(issuer, s)]))
    day = as_of.astimezone(clock.HANOI)
    story += annex.heads(db, f"{paper.name} số ……/{paper.symbol} ngày {day:%d/%m/%Y} của "
                             f"{issuer}", s)
    official.build(out, story, f"{paper.name} - {figures.session['name']}", issuer)


def _numbers(figures, rows, absent, s) -> list:
    """How many: the guests and the official delegates summoned and their delegations,
    the official delegates by category, those present and those absent."""
    summoned, present = len(rows), figures.delegates_present
    guests = [c for c in figures.by_category if _is_guests(c)]
    invited = sum(c["expected"] for c in guests)
    delegations = len({r["delegation"] for r in rows if r["delegation"]})
    whole = (f"- Tổng số đại biểu được triệu tập: <b>{summoned + invited}</b> đại biểu, gồm "
             f"<b>{invited}</b> đại biểu khách mời và <b>{summoned}</b> đại biểu chính thức"
             if invited else
             f"- Tổng số đại biểu được triệu tập: <b>{summoned}</b> đại biểu chính thức")
    lines = [whole + (f", được thành lập thành <b>{delegations}</b> đoàn đại biểu."
                      if delegations else ".")]
    parts = [f"{c['expected']} {PHRASES.get(c['id']) or 'đại biểu ' + text(c['name'])}"
             for c in figures.by_category if c["is_delegate"]]
    if len(parts) > 1:
        lines.append(f"- Trong số {summoned} đại biểu chính thức có: {', '.join(parts)}.")
    lines.append(f"- Số đại biểu chính thức có mặt: <b>{present}</b> đại biểu, đạt "
                 f"<b>{pages.pct(present, summoned)}</b>"
                 + (f"; đại biểu khách mời có mặt: <b>{sum(c['present'] for c in guests)}"
                    f"</b>/{invited}." if invited else "."))
    lines.append(f"- Số đại biểu chính thức vắng mặt: <b>{summoned - present}</b> đại biểu "
                 f"({pages.pct(summoned - present, summoned)}), trong đó có lý do: "
                 f"<b>{sum(1 for r in absent if r['absence_reason'])}</b>, không có lý "
                 f"do: <b>{sum(1 for r in absent if not r['absence_reason'])}</b>.")
    return [Paragraph(line, s["body"]) for line in lines]


def _is_guests(category) -> bool:
    return not category["is_delegate"] and (
        category["id"] == GUESTS or fold_key(category["name"]).startswith("khachmoi"))


def _absent(absent, s, number: int) -> list:
    story = [Paragraph(f"{number}. Danh sách đại biểu vắng mặt", s["heading"])]
    if not absent:
        return story + [Paragraph("Không có đại biểu vắng mặt.", s["base"])]
    excused = [r for r in absent if r["absence_reason"]]
    unexcused = [r for r in absent if not r["absence_reason"]]
    for label, group, with_reason in (("a) Vắng mặt có lý do", excused, True),
                                      ("b) Vắng mặt không có lý do", unexcused, False)):
        story.append(Paragraph(f"{label}: {len(group)} đại biểu", s["subheading"]))
        if not group:
            continue
        if with_reason:
            data = [["STT", "Họ và tên", "Chức vụ, đơn vị", "Đoàn", "Lý do"]]
            for n, r in enumerate(group, start=1):
                data.append([n] + [Paragraph(text(v), s["cell"]) for v in (
                    r["name"], ", ".join(x for x in (r["title"], r["unit"]) if x),
                    r["delegation"], r["absence_reason"])])
        else:
            data = [["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Đoàn"]]
            for n, r in enumerate(group, start=1):
                data.append([n] + [Paragraph(text(r[k]), s["cell"])
                                   for k in ("name", "title", "unit", "delegation")])
        story.append(pages.grid(data, [11 * mm, 40 * mm, 44 * mm, 32 * mm, 38 * mm] if with_reason
                           else [11 * mm, 40 * mm, 32 * mm, 44 * mm, 38 * mm]))
    return story


def _substitutes(substitutes, s, number: int) -> list:
    story = [Paragraph(f"{number}. Đại biểu thay thế", s["heading"])]
    if not substitutes:
        return story + [Paragraph("Không có đại biểu thay thế.", s["base"])]
    data = [["STT", "Đại biểu thay thế", "Thay cho", "Lý do", "Có mặt"]]
    for n, r in enumerate(substitutes, start=1):
        data.append([n] + [Paragraph(text(v), s["cell"]) for v in (
            ", ".join(x for x in (r["name"], r["title"]) if x),
            ", ".join(x for x in (r["original_name"], r["original_title"],
                                  r["original_unit"]) if x),
            r["reason"], "Có" if r["present_at"] else "Vắng")])
    return story + [pages.grid(data, [11 * mm, 45 * mm, 50 * mm, 39 * mm, 20 * mm])]


def _closing(paper: Kind, issuer: str, summoned: int, substitutes: int, s) -> list:
    """The credentials committee's finding and its proposal to vote; the organising
    committee's report ends as a report to the congress does."""
    if paper.symbol != KINDS["tham-tra"].symbol:
        return [Paragraph(f"Trên đây là báo cáo thành phần, cơ cấu, chất lượng đại biểu dự "
                          f"Đại hội, {text(issuer)} trân trọng báo cáo Đại hội.", s["body"])]
    among = f" (trong đó có {substitutes} đại biểu thay thế)" if substitutes else ""
    return [Paragraph("5. Kết luận", s["heading"]),
            Paragraph(f"Qua thẩm tra, {text(issuer)} kết luận: <b>{summoned}</b> đại biểu "
                      f"chính thức được triệu tập dự Đại hội{among} đều <b>đủ tư cách đại "
                      "biểu</b> dự Đại hội.", s["body"]),
            Paragraph(f"{text(issuer)} đề nghị Đại hội biểu quyết thông qua Báo cáo thẩm tra "
                      "tư cách đại biểu.", s["body"])]


def _composition(figures: dict, holders: dict, s, number: int) -> list:
    """The composition of the delegates summoned and of those present (reports/
    composition.py), group by group, the holders of a Huân chương and of the sector's
    titles after the distinctions, then the oldest and the youngest, then per
    delegation."""
    summoned, present = figures["summoned"], figures["present"]
    story = [Paragraph(f"{number}. Cơ cấu, chất lượng đại biểu", s["heading"])]
    groups = []
    for group in figures["groups"]:
        groups.append(group)
        if group["title"] == "Danh hiệu" and any(line["summoned"] for line in holders["lines"]):
            groups.append(holders)
    stated = any(line["label"] != composition.NOT_STATED and line["summoned"]
                 for group in groups for line in group["lines"])
    if not stated:
        return story + [Paragraph("Danh sách đại biểu chưa có thông tin về cơ cấu (giới tính, "
                                  "năm sinh, dân tộc, đảng viên, trình độ, học hàm, danh "
                                  "hiệu).", s["base"])]
    story.append(Paragraph(f"Trong số {summoned} đại biểu được triệu tập và {present} đại "
                           "biểu có mặt:", s["body"]))
    data = [["Cơ cấu", "Triệu tập", "Tỷ lệ", "Có mặt", "Tỷ lệ"]]
    headings = []
    for group in groups:
        if not group["lines"]:
            continue
        headings.append(len(data))
        data.append([Paragraph(f"<b>{text(group['title'])}</b>", s["cell"]), "", "", "", ""])
        for line in group["lines"]:
            data.append([Paragraph(text(line["label"]), s["cell"]), line["summoned"],
                         pages.pct(line["summoned"], summoned), line["present"],
                         pages.pct(line["present"], present)])
    table = pages.grid(data, [65 * mm, 25 * mm, 25 * mm, 25 * mm, 25 * mm])
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
              pages.grid(data, [45 * mm, 20 * mm, 18 * mm, 16 * mm, 24 * mm, 21 * mm, 21 * mm])]
    return story

