"""The report on the delegates as Nghị định 30/2020/NĐ-CP lays out an administrative
document, read back from the PDF: the serif face at 13 pt, the italic place and date, page
numbers from page 2, the cut-off time, one issuing body that also signs, and whether the
congress may proceed under the quorum rule of its own Quy chế."""

import ctypes
import io
import re
from datetime import datetime, timedelta

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from click.testing import CliRunner

from badges import db as store
from badges import demo_roster
from kiosk import db as kiosk_db
from kiosk import reports
from kiosk.cli import main
from kiosk.core import clock, decision
from kiosk.reports import credentials, tally
from kiosk.reports.quorum import BadRule, Quorum

AS_OF = datetime(2026, 12, 16, 8, 15, tzinfo=clock.HANOI)


@pytest.fixture(scope="module")
def congress(tmp_path_factory):
    """The demo congress (430 delegates summoned to the official session), 230 in."""
    folder = tmp_path_factory.mktemp("congress")
    db = kiosk_db.connect(folder / "event.db")
    demo_roster.populate(db, folder, 500)
    delegates = [d for d in store.list_delegates(db) if d["category_id"] in
                 ("lanh-dao", "tap-the", "ca-nhan")]
    for d in delegates[:230]:
        decision.check_in(db, d["code"], "chinh-thuc", "cua-1", confirmed=True,
                          at=clock.iso(AS_OF - timedelta(minutes=30)))  # in its window
    return db


def pdf_of(db, quorum=None, **chosen) -> pdfium.PdfDocument:
    out = io.BytesIO()
    credentials.write_pdf(db, tally.compute(db, "chinh-thuc"), out, quorum, AS_OF, **chosen)
    return pdfium.PdfDocument(out.getvalue())


def text_of(page) -> str:
    return re.sub(r"\s+", " ", page.get_textpage().get_text_range())


def font_at(page, needle: str) -> tuple:
    """(font name, size in points) of the first character of `needle` on the page."""
    textpage = page.get_textpage()
    index = textpage.get_text_range().index(needle)
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, 128, ctypes.byref(flags))
    return buffer.value.decode(), round(pdfium_c.FPDFText_GetFontSize(textpage, index), 1)


def test_the_report_is_set_as_an_official_document(congress):
    pdf = pdf_of(congress)
    first = pdf[0]
    assert font_at(first, "Tổng số đại biểu") == ("Tinos", 13.0)  # the regular face
    assert font_at(first, "Hà Nội, ngày 16 tháng 12 năm 2026") == ("Tinos-Italic", 13.0)
    assert font_at(first, "BÁO CÁO") == ("Tinos-Bold", 14.0)
    # the issuing body top left is the body that signs: the organising committee's
    # report by default (an emulation congress), the credentials committee's if chosen
    assert "BAN TỔ CHỨC ĐẠI HỘI Số: ……/BC-BTC" in text_of(first)
    signed = text_of(pdf[len(pdf) - 2])  # the annex follows the signature
    assert "TM. BAN TỔ CHỨC ĐẠI HỘI TRƯỞNG BAN" in signed
    assert "THẨM TRA" not in " ".join(text_of(p) for p in pdf)
    chosen = pdf_of(congress, kind="tham-tra")
    assert "BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU Số: ……/BC-BTTTCĐB" in text_of(chosen[0])
    assert "TM. BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU TRƯỞNG BAN" in text_of(chosen[len(chosen) - 2])
    assert "BAN TỔ CHỨC" not in " ".join(text_of(p) for p in chosen)


def test_pages_are_numbered_from_the_second_at_the_top(congress):
    pdf = pdf_of(congress)
    assert len(pdf) > 3  # 200 absent delegates take pages
    assert not text_of(pdf[0]).startswith("1 ")
    for number in range(2, len(pdf) + 1):
        page = pdf[number - 1]
        assert text_of(page).startswith(f"{number} "), number
        box = page.get_textpage().get_charbox(0)  # (left, bottom, right, top) in points
        assert box[1] > page.get_height() - 60  # in the top margin
        assert abs((box[0] + box[2]) / 2 - page.get_width() / 2 - 21) < 15  # centred
        assert font_at(page, str(number))[1] == 13.0


def test_the_figures_stand_at_a_stated_time_and_say_whether_the_congress_may_proceed(congress):
    text = text_of(pdf_of(congress)[0])
    assert "Tính đến 08 giờ 15 phút, ngày 16 tháng 12 năm 2026:" in text
    assert ("Tổng số đại biểu được triệu tập: 460 đại biểu, gồm 30 đại biểu khách mời và 430 "
            "đại biểu chính thức, được thành lập thành 36 đoàn đại biểu.") in text
    assert "Số đại biểu chính thức có mặt: 230 đại biểu, đạt 53,5%" in text
    assert ("có trên một nửa (1/2) tổng số đại biểu chính thức được triệu tập có mặt. Với "
            "230/430 đại biểu có mặt, Đại hội đủ điều kiện tiến hành.") in text
    strict = text_of(pdf_of(congress, ">=2/3")[0])
    assert "từ hai phần ba (2/3) trở lên" in strict
    assert "Đại hội chưa đủ điều kiện tiến hành (cần ít nhất 287 đại biểu có mặt)." in strict


@pytest.mark.parametrize("rule, present, summoned, met", [
    (">1/2", 215, 430, False), (">1/2", 216, 430, True), (">=2/3", 286, 429, True),
    (">=2/3", 285, 429, False), (">2/3", 286, 429, False), (">1/2", 0, 0, False)])
def test_the_quorum_rule_at_its_edges(rule, present, summoned, met):
    quorum = Quorum.parse(rule)
    assert quorum.met(present, summoned) is met
    if summoned:
        assert quorum.met(quorum.needed(summoned), summoned)
        assert not quorum.met(quorum.needed(summoned) - 1, summoned)


@pytest.mark.parametrize("rule", ["1/2", ">3/2", ">0/3", "> một nửa", ">=2/3 or so"])
def test_a_bad_quorum_rule_is_refused_in_vietnamese(rule, congress, tmp_path):
    with pytest.raises(BadRule):
        Quorum.parse(rule)
    db_path = congress.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(main, ["report", "--db", db_path, "--session", "chinh-thuc",
                                       "--format", "pdf", "--out", str(tmp_path / "r.pdf"),
                                       "--quorum", rule])
    assert result.exit_code != 0
    assert "không hợp lệ" in result.output or "phải lớn hơn 0 và không quá 1/1" in result.output
    assert "Quy định số đại biểu cần có mặt" in result.output
    assert not (tmp_path / "r.pdf").exists()


def test_the_serif_is_the_vendored_one(congress):
    """Tinos ships in the package (scripts/vendor-tinos): nothing is looked up on the
    machine, and every glyph of a Vietnamese name is in it."""
    reports.build(congress, "chinh-thuc", "pdf")
    for face in credentials.FACES.values():
        assert (credentials.FONTS / f"{face}.ttf").is_file()
