"""The presidium on paper (issues 27 item 7, 30 item 2), read back from the PDFs that
`kiosk presidium --plates/--list` writes: a folded name plate per member, the name on
both faces (one upside down), on one line even for the longest name; the front row's
guests after them; the list put to the vote in its order; refusals in words."""

import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from click.testing import CliRunner
from test_mc import SESSION, check_in, precedence

from kiosk.cli import main as kiosk_main
from kiosk.services import mc

LONGEST = "Công Tằng Tôn Nữ Thị Hoàng Phương Thảo Nguyễn Ngọc Huyền Trân"


def run(*args):
    result = CliRunner().invoke(kiosk_main, ["presidium", *map(str, args)])
    assert "Traceback" not in result.output
    return result


def name_of(kdb, code) -> str:
    return kdb.execute("SELECT name FROM delegates WHERE code = ?", [code]).fetchone()[0]


def faces(page) -> dict:
    """{angle: [(text, boxes)]}: the page's lines as drawn, by their characters' rotation
    in degrees (0 upright, 180 upside down), each with its characters' boxes."""
    tp = page.get_textpage()
    lines, current = [], None
    for i in range(tp.count_chars()):
        char = tp.get_text_range(i, 1)
        if char in "\r\n":
            current = None
            continue
        if current is None:
            current = ["", [], set()]
            lines.append(current)
        current[0] += char
        current[1].append(tp.get_charbox(i))
        current[2].add(round(pdfium_c.FPDFText_GetCharAngle(tp.raw, i) * 180 / 3.14159) % 360)
    out = {}
    for text, boxes, angles in lines:
        assert len(angles) == 1, text  # a line is drawn one way
        out.setdefault(angles.pop(), []).append((text.strip(), boxes))
    return out


def test_a_plate_per_member_with_the_name_on_both_faces_one_upside_down(event_path, kdb,
                                                                       tmp_path):
    kdb.execute("UPDATE delegates SET name = ? WHERE code = 'CN001'", [LONGEST])
    kdb.conn.commit()
    out = tmp_path / "bien-ten.pdf"
    done = run("--db", event_path, "--chair", "LD001", "--chair", "KM001", "--secretary",
               "CN001", "--plates", out)
    assert done.exit_code == 0, done.output
    assert "3 biển tên" in done.output
    pdf = pdfium.PdfDocument(str(out))
    assert len(pdf) == 3
    for page, code in zip(pdf, ["LD001", "KM001", "CN001"], strict=True):
        width, height = page.get_size()
        assert width > height  # A4 landscape
        name = name_of(kdb, code)
        found = faces(page)
        assert set(found) == {0, 180}
        upright = [(t, b) for t, b in found[0] if t == name]
        turned = [(t, b) for t, b in found[180] if t == name]
        assert len(upright) == 1 and len(turned) == 1, found
        for _, boxes in upright + turned:  # one line, within the sheet
            assert all(b[1] < boxes[0][3] and boxes[0][1] < b[3] for b in boxes)
            assert min(b[0] for b in boxes) >= 0 and max(b[2] for b in boxes) <= width
        assert max(b[3] for b in upright[0][1]) < height / 2  # the lower half, upright
        assert min(b[1] for b in turned[0][1]) > height / 2  # the upper half, turned


def test_the_longest_name_is_shrunk_to_fit_and_a_short_one_stays_large(event_path, kdb,
                                                                      tmp_path):
    kdb.execute("UPDATE delegates SET name = ? WHERE code = 'LD002'", [LONGEST])
    kdb.conn.commit()
    out = tmp_path / "bien-ten.pdf"
    assert run("--db", event_path, "--chair", "LD001", "--chair", "LD002", "--plates",
               out).exit_code == 0
    pdf = pdfium.PdfDocument(str(out))
    heights = []
    for page in pdf:
        line = max(faces(page)[0], key=lambda tb: max(b[3] - b[1] for b in tb[1]))
        heights.append(max(b[3] - b[1] for b in line[1]))
        assert max(b[2] for b in line[1]) - min(b[0] for b in line[1]) <= page.get_size()[0]
    assert heights[1] < heights[0]


def test_the_front_row_guests_follow_the_members_in_precedence_order(event_path, kdb,
                                                                    tmp_path):
    listed = [code for code, _ in precedence(kdb)]
    present = listed[1::2]
    check_in(kdb, *present)
    out = tmp_path / "bien-ten.pdf"
    done = run("--db", event_path, "--chair", "LD001", "--plates", out, "--guests", 3,
               "--session", SESSION)
    assert done.exit_code == 0, done.output
    assert "1 biển tên Đoàn Chủ tịch, Đoàn Thư ký và 3 khách mời hàng đầu" in done.output
    pdf = pdfium.PdfDocument(str(out))
    assert len(pdf) == 4
    upright = [" ".join(t for t, _ in faces(p)[0]) for p in pdf]
    guests = [c for c in present if c != "LD001"][:3]  # the chair has their plate already
    for page, code in zip(upright[1:], guests, strict=True):
        assert name_of(kdb, code) in page


def test_the_list_put_to_the_vote_names_both_bodies_in_order(event_path, kdb, tmp_path):
    out = tmp_path / "de-cu.pdf"
    done = run("--db", event_path, "--chair", "KM001", "--chair", "LD001", "--chair",
               "LD002", "--secretary", "CN002", "--secretary", "CN001", "--list", out)
    assert done.exit_code == 0, done.output
    text = re.sub(r"\s+", " ", " ".join(
        p.get_textpage().get_text_range() for p in pdfium.PdfDocument(str(out))))
    assert "DANH SÁCH ĐỀ CỬ" in text and "ĐOÀN CHỦ TỊCH, ĐOÀN THƯ KÝ ĐẠI HỘI" in text
    order = [text.index("I. ĐOÀN CHỦ TỊCH (3 đồng chí)")]
    order += [text.index(name_of(kdb, c)) for c in ("KM001", "LD001", "LD002")]
    order.append(text.index("II. ĐOÀN THƯ KÝ (2 đồng chí)"))
    order += [text.index(name_of(kdb, c)) for c in ("CN002", "CN001")]
    assert order == sorted(order)


def test_nothing_to_print_is_refused_in_words_and_nothing_is_set(event_path, kdb, tmp_path):
    out = tmp_path / "x.pdf"
    for args in (["--plates", out], ["--list", out]):
        refused = run("--db", event_path, *args)
        assert refused.exit_code == 1
        assert "Chưa có Đoàn Chủ tịch, Đoàn Thư ký" in refused.output
    alone = run("--db", event_path, "--guests", 2)
    assert alone.exit_code == 1 and "--guests đi cùng --plates" in alone.output
    for wrong, words in ((["--guests", 61], "61 nằm ngoài khoảng 0<=x<=60"),
                         (["--guests", 2, "--session", "x"], "Không có phiên 'x'")):
        refused = run("--db", event_path, "--chair", "LD001", "--plates", out, *wrong)
        assert refused.exit_code in (1, 2) and words in refused.output, refused.output
    assert mc.presidium(kdb)["chu-tich"] == []  # nothing was set before the refusal
    assert not out.exists()
