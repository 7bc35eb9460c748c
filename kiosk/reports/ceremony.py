"""The ceremony's papers, as the programme stands at the moment they are printed (the
moment is printed on them): the MC's script (lời dẫn, as the MC reads it: for each form
its decision announced, the recipients called up, the presenter invited, the closing
line; the sentences and their sources are reports/mc_lines.py's), then the ushers' sheet
(each batch: who, their seat, where they gather), then the awards that nobody present
can receive, apart. A batch already handed stays in every reprint, marked "ĐÃ TRAO". A4,
Tinos like the credentials report, "Trang x/y" at the foot of every page. No Flask
here."""

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..core import clock
from . import mc_lines
from .pages import FACES, numbered, register, styles, text

HANDED = "ĐÃ TRAO"


def write_pdf(out, event: dict, session: dict, made: dict, at, gather: str = "",
              honours: list | None = None) -> None:
    """`made`: services.ceremony.programme(); `at`: the moment it stands at (aware);
    `honours`: the honours list (store.honours), for each form's decisions."""
    register()
    s = styles()
    moment = at.astimezone(clock.HANOI)
    stamp = f"Tính đến {moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"
    story = [Paragraph(text(event.get("name", "")).upper(), s["centre_bold"]),
             Paragraph("LỜI DẪN TRAO KHEN THƯỞNG", s["title"]),
             Paragraph(f"{text(session['name'])} — {stamp}", s["date"]), Spacer(1, 6 * mm)]
    if not made["batches"]:
        story.append(Paragraph("Chưa có người nhận nào có mặt trong hội trường.", s["body"]))
    for batch in mc_lines.script(made["batches"], honours or []):
        story += _script(batch, s)
    story += [PageBreak(), Paragraph("DANH SÁCH CHO CÁN BỘ LỄ TÂN", s["title"]),
              Paragraph(f"{text(session['name'])} — {stamp}", s["date"]), Spacer(1, 4 * mm)]
    for batch in made["batches"]:
        story += _ushers(batch, gather, s)
    if made["not_present"]:
        story += [Spacer(1, 4 * mm),
                  Paragraph(f"Vắng mặt, không mời lên sân khấu ({len(made['not_present'])})",
                            s["heading"])]
        story.append(_table([["STT", "Khen thưởng", "Người nhận", "Xử lý"]] + [
            [str(n), text(a["award"]), text(_recipient(a)), text(_decided(a))]
            for n, a in enumerate(made["not_present"], 1)],
            [12 * mm, 50 * mm, 70 * mm, 38 * mm], s))
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=15 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm,
                            title=f"Lời dẫn trao khen thưởng - {session['name']}")
    doc.build(story, canvasmaker=numbered(FACES["regular"]))


def _script(batch: dict, s) -> list:
    lines = [Paragraph(f"<b>{text(_heading(batch))}</b>", s["heading"])]
    for kind, said in batch["lines"]:
        if kind == "name":
            lines.append(Paragraph(text(said), s["base"]))
        elif kind == "note":
            lines.append(Paragraph(f"<i>({text(said)})</i>", s["base"]))
        else:
            lines.append(Paragraph(text(said), s["body"]))
    return lines + [Spacer(1, 3 * mm)]


def _heading(batch: dict) -> str:
    """"Lượt 2 — Bằng khen …", "Lượt 5 (bổ sung) — …", " — ĐÃ TRAO" once handed."""
    extra = " (bổ sung)" if batch.get("supplementary") else ""
    done = f" — {HANDED}" if batch.get("handed") else ""
    return f"Lượt {batch['number']}{extra} — {batch['award']}{done}"


def _ushers(batch: dict, gather: str, s) -> list:
    where = gather or "khu vực chờ sát sân khấu"
    rows = [["STT", "Mã", "Người lên sân khấu", "Ghế", "Nhận cho"]] + [
        [str(n), r["code"], text(r["name"]), text(r["seat"] or "—"),
         text(r["collective"] or (r["on_behalf_of"] or {}).get("name") or "bản thân")]
        for n, r in enumerate(batch["recipients"], 1)]
    said = f"{_heading(batch)}: tập trung tại {where} ({len(batch['recipients'])} người)"
    return [Paragraph(text(said), s["heading"]),
            _table(rows, [12 * mm, 20 * mm, 62 * mm, 22 * mm, 54 * mm], s)]


def _table(rows, widths, s):
    """A ruled table of text cells, its header repeated on every page."""
    cells = [[Paragraph(str(c), s["cell"]) for c in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "#555555"),
                               ("BACKGROUND", (0, 0), (-1, 0), "#E8E8E8"),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _recipient(a: dict) -> str:
    return f"{a['collective']} (đồng chí {a['name']} nhận)" if a["collective"] \
        else f"{a['name']}, {a['unit'] or ''}".rstrip(", ")


def _decided(a: dict) -> str:
    return {"undecided": "chưa quyết định", "kept": "giữ lại để trao sau",
            "proxy_absent": f"người nhận thay ({(a['proxy'] or {}).get('name', '')}) "
                            "chưa có mặt"}[a["decision"]]
