"""Rendered badges read back: page count, every QR decoded by OpenCV, text with diacritics."""

import re

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from reportlab.pdfbase.pdfmetrics import stringWidth

from badges import codes
from badges import db as store
from badges.cli import main
from badges.errors import BadgesError
from badges.render import badge, fonts
from badges.render.branding import load as load_branding


def decode_quadrants(pdf_path, dpi=100):
    """Decode the QR code of every A6 badge on every A4 page, in order."""
    detector = cv2.QRCodeDetectorAruco()
    pdf = pdfium.PdfDocument(str(pdf_path))
    texts = []
    for page in pdf:
        image = np.array(page.render(scale=dpi / 72, grayscale=True).to_pil())
        h, w = image.shape[:2]
        for y0, x0 in ((0, 0), (0, w // 2), (h // 2, 0), (h // 2, w // 2)):
            text, _, _ = detector.detectAndDecode(image[y0 + int(h * 0.3):y0 + h // 2,
                                                        x0:x0 + w // 4])
            texts.append(text)
    pdf.close()
    return texts


def pdf_text(pdf_path):
    pdf = pdfium.PdfDocument(str(pdf_path))
    text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    pdf.close()
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def rendered(demo_event, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "badges.pdf"
    result = CliRunner().invoke(main, ["render", "--db", str(demo_event), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_500_badges_make_125_pages_whose_codes_all_verify(demo_event, rendered):
    db = store.connect(demo_event)
    texts = decode_quadrants(rendered)
    assert len(texts) == 500
    verdicts = [codes.verify_in_db(db, t) for t in texts]
    assert all(v.kind == "valid" for v in verdicts), [t for t, v in zip(texts, verdicts)
                                                      if v.kind != "valid"]
    assert {v.code for v in verdicts} == {d["code"] for d in store.list_delegates(db)}


def test_pdf_text_holds_every_name_with_diacritics(demo_event, rendered):
    text = pdf_text(rendered)
    db = store.connect(demo_event)
    missing = [d["name"] for d in store.list_delegates(db) if d["name"] not in text]
    assert missing == []
    assert "Tôn Nữ Hoàng Khánh Ngọc" in text and "ĐẠI HỘI THI ĐUA YÊU NƯỚC" in text


def test_qr_is_drawn_as_vectors_not_images(rendered):
    data = rendered.read_bytes()
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data


def test_long_names_take_at_most_two_lines_and_never_clip():
    regular, bold = fonts.register()
    width = badge.WIDTH - 2 * badge.MARGIN
    size, lines = badge.fit_lines("Tôn Nữ Hoàng Khánh Ngọc", bold, width, 24, 13, 2)
    assert len(lines) <= 2 and size >= 13
    absurd = "Công Tằng Tôn Nữ " + " ".join(["Hoàng Khánh Ngọc Phượng"] * 4)
    size, lines = badge.fit_lines(absurd, bold, width, 24, 13, 2)
    assert len(lines) <= 2
    assert all(stringWidth(line, bold, size) <= width for line in lines)


def test_font_covers_stacked_vietnamese_marks():
    from reportlab.pdfbase import pdfmetrics

    regular, bold = fonts.register()
    for name in (regular, bold):
        assert fonts.missing_glyphs(pdfmetrics.getFont(name)) == ""


def test_one_badge_by_code_as_a6_pdf_and_png_preview(demo_event, tmp_path):
    runner = CliRunner()
    pdf, png = tmp_path / "one.pdf", tmp_path / "one.png"
    for out, extra in ((pdf, ["--layout", "a6"]), (png, [])):
        result = runner.invoke(main, ["render", "--db", str(demo_event), "--code", "km001",
                                      "--out", str(out), *extra])
        assert result.exit_code == 0, result.output
    assert len(pdfium.PdfDocument(str(pdf))) == 1
    image = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
    text, _, _ = cv2.QRCodeDetectorAruco().detectAndDecode(image)
    assert text.startswith("KM001.")
    unknown = runner.invoke(main, ["render", "--db", str(demo_event), "--code", "NOPE",
                                   "--out", str(tmp_path / "x.pdf")])
    assert unknown.exit_code == 1 and "Không có đại biểu mã 'NOPE'" in unknown.output


def test_branding_file_changes_title_and_rejects_unknown_keys(demo_event, tmp_path):
    good = tmp_path / "brand.toml"
    good.write_text('title_lines = ["HỘI NGHỊ THỬ NGHIỆM ỠỆ"]\ntitle_color = "#000000"\n',
                    encoding="utf-8")
    out = tmp_path / "b.pdf"
    result = CliRunner().invoke(main, ["render", "--db", str(demo_event), "--code", "KM001",
                                       "--out", str(out), "--branding", str(good)])
    assert result.exit_code == 0 and "HỘI NGHỊ THỬ NGHIỆM ỠỆ" in pdf_text(out)
    bad = tmp_path / "bad.toml"
    bad.write_text('titel = "typo"\n', encoding="utf-8")
    with pytest.raises(BadgesError, match="titel"):
        load_branding(bad)


def test_the_badge_title_is_the_event_s_name_not_the_code_s(event_path, tmp_path):
    """The congress's name and ordinal were written into the code: an event renamed (the
    VI congress, another sector's) still printed 'LẦN THỨ V'. The title and the organiser
    now come from the event's settings unless a branding file gives them."""
    import json
    import sqlite3

    db = sqlite3.connect(event_path)
    db.execute("UPDATE settings SET value = ? WHERE key = 'name'",
               [json.dumps("Đại hội Thi đua yêu nước ngành Bảo hiểm xã hội Việt Nam lần thứ VI")])
    db.execute("UPDATE settings SET value = ? WHERE key = 'organiser'",
               [json.dumps("Bảo hiểm xã hội Việt Nam")])
    db.commit()
    db.close()
    out = tmp_path / "one.pdf"
    result = CliRunner().invoke(main, ["render", "--db", str(event_path), "--code", "KM001",
                                       "--out", str(out), "--layout", "a6"])
    assert result.exit_code == 0, result.output
    text = pdf_text(out)
    assert "ĐẠI HỘI THI ĐUA YÊU NƯỚC" in text
    assert "NGÀNH BẢO HIỂM XÃ HỘI VIỆT NAM LẦN THỨ VI" in text and "LẦN THỨ V\n" not in text
    assert "BẢO HIỂM XÃ HỘI VIỆT NAM" in text.split("ĐẠI HỘI")[0]  # the organiser, on top
