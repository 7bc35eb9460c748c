"""The "Báo cáo kết quả khen thưởng tại Đại hội": what the honours list of the congress
holds and what became of each award, issued by the organising committee as a report of
its own (`kiosk report --kind khen-thuong`), not inside the report on the delegates that
is read aloud.

Per form, in the order they are handed (the law's: Luật Thi đua, khen thưởng số
06/2022/QH15, Điều 9 for the forms, Điều 77 to 80 for who decides; badges/forms.py):
the collectives and the individuals on the list, how many were handed on stage, received
on behalf, handed over to the delegation, kept for later, and not yet handed
(core/ceremony.summary, the figures the stage and the XLSX export use); then the
decisions, as the MC announced them. Laid out as Nghị định 30/2020/NĐ-CP lays out a
report (reports/official.py). No Flask here."""

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from badges import awards as forms

from .. import db as store
from ..core import ceremony, clock
from . import official, pages
from .pages import text

NAME = "Báo cáo kết quả khen thưởng tại Đại hội"
ORGANISERS = "Ban Tổ chức Đại hội"
SYMBOL = "BC-BTC"
STATES = ("on_stage", "on_behalf", "handed_over", "kept", "waiting")
HEADER = ["STT", "Hình thức khen thưởng", "Tập thể", "Cá nhân", "Trao trên sân khấu",
          "Nhận thay", "Bàn giao cho đoàn", "Giữ lại trao sau", "Chưa trao"]
WIDTHS = [10 * mm, 43 * mm, 14 * mm, 14 * mm, 18 * mm, 16 * mm, 17 * mm, 17 * mm, 16 * mm]


def write_pdf(db, out, as_of: datetime | None = None) -> None:
    """The report of the honours as they stand at `as_of` (now) into `out`."""
    pages.register()
    s = pages.styles()
    event = store.get_settings(db)
    issuer = event.get("organising_body") or ORGANISERS
    as_of = as_of or clock.utcnow()
    honours = store.honours(db)
    rows = ceremony.summary(honours, store.handed(db), event.get("award_order"),
                            store.handovers(db))
    story = [official.header(event, issuer, SYMBOL, as_of, s), Spacer(1, 8 * mm),
             Paragraph("BÁO CÁO", s["title"]),
             Paragraph("Kết quả khen thưởng tại Đại hội", s["subtitle"]),
             Paragraph(text(event["name"]), s["centre_bold"]), Spacer(1, 6 * mm)]
    if not honours:
        story.append(Paragraph("Đại hội chưa có danh sách khen thưởng.", s["body"]))
    else:
        story += _body(honours, rows, as_of, s)
    story.append(KeepTogether([
        Paragraph(f"Trên đây là báo cáo kết quả khen thưởng tại Đại hội, {text(issuer)} trân "
                  "trọng báo cáo Đại hội.", s["body"]),
        Spacer(1, 10 * mm), official.signatures(issuer, s)]))
    official.build(out, story, NAME, issuer)


def _body(honours: list, rows: list, as_of: datetime, s) -> list:
    whom = _whom(honours)
    collectives = sum(c for c, _ in whom.values())
    handed = sum(r["on_stage"] + r["on_behalf"] for r in rows)
    total = len(honours)
    story = [Paragraph(
        f"Tính đến {official.cut_off(as_of)}, danh sách khen thưởng tại Đại hội gồm "
        f"<b>{total}</b> trường hợp ({collectives} tập thể, {total - collectives} cá nhân) "
        f"thuộc {len(rows)} hình thức khen thưởng, danh hiệu thi đua. Đã trao "
        f"<b>{handed}</b> trường hợp, trong đó trao trên sân khấu "
        f"{sum(r['on_stage'] for r in rows)}, nhận thay {sum(r['on_behalf'] for r in rows)}; "
        f"bàn giao cho đoàn {sum(r['handed_over'] for r in rows)}; giữ lại trao sau "
        f"{sum(r['kept'] for r in rows)}; chưa trao {sum(r['waiting'] for r in rows)}.",
        s["body"]), Paragraph("1. Kết quả theo hình thức khen thưởng", s["heading"])]
    data = [[Paragraph(f"<b>{h}</b>", s["cell"]) for h in HEADER]]
    for number, row in enumerate(rows, start=1):
        groups, people = whom[forms.form_key(row["award"])]
        data.append([number, Paragraph(text(row["award"]), s["cell"]), groups, people]
                    + [row[k] for k in STATES])
    data.append(["", Paragraph("<b>Tổng cộng</b>", s["cell"]), collectives,
                 total - collectives] + [sum(r[k] for r in rows) for k in STATES])
    story += [pages.grid(data, WIDTHS),
              Paragraph("2. Các quyết định khen thưởng", s["heading"])]
    for row in rows:
        story.append(Paragraph(f"- {text(row['award'])}: {text(_decisions(honours, row))}.",
                               s["body"]))
    return story


def _whom(honours: list) -> dict:
    """form key -> (collectives, individuals) on the list."""
    counts = {}
    for award in honours:
        groups, people = counts.get(forms.form_key(award["form"]), (0, 0))
        counts[forms.form_key(award["form"])] = ((groups + 1, people) if award["collective"]
                                                 else (groups, people + 1))
    return counts


def _decisions(honours: list, row: dict) -> str:
    """'Quyết định số 601/QĐ-CTN ngày 01/12/2026' for each decision of a form, in the
    list's order; 'chưa có số quyết định' when the list gives none."""
    key, said = forms.form_key(row["award"]), []
    for award in honours:
        if forms.form_key(award["form"]) != key or not award["decision"]:
            continue
        words = f"Quyết định số {award['decision']}" + (  # the bare number: awards.py
            f" ngày {award['decided_on']}" if award["decided_on"] else "")
        if words not in said:
            said.append(words)
    return "; ".join(said) or "chưa có số quyết định"
