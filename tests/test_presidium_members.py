"""The presidium's members (tester's findings H2, M2, M3): a delegate withdrawn at the desk
is refused as withdrawn, not as an unknown code; a member withdrawn after being chosen is
left out of the list put to the vote, the plates and the stage, and told apart to the
organisers, and does not block the next save; nobody sits in both bodies; the press and
the staff are refused; a code that is not text is refused as such; the front row's
guest plates leave out the presidium's members."""

import re

import pypdfium2 as pdfium
import pytest
from test_mc import SESSION, check_in, post
from test_name_plates import run

from kiosk.services import mc


def withdraw(organiser, code):
    done = post(organiser, f"/api/admin/delegates/{code}/withdraw", {"reason": "Ốm, báo vắng"})
    assert done.status_code == 200, done.get_json()


def pages(path) -> list:
    """Each page's text, read back from the PDF, its whitespace as single spaces."""
    return [re.sub(r"\s+", " ", p.get_textpage().get_text_range())
            for p in pdfium.PdfDocument(str(path))]


def name_of(kdb, code) -> str:
    return kdb.execute("SELECT name FROM delegates WHERE code = ?", [code]).fetchone()[0]


def presidium_rows(kdb) -> list:
    return kdb.execute("SELECT body, delegate_id FROM presidium ORDER BY body, position"
                       ).fetchall()


def test_a_withdrawn_delegate_is_refused_as_withdrawn_not_as_an_unknown_code(organiser, kdb):
    withdraw(organiser, "CN035")
    refused = post(organiser, "/api/presidium", {"chu-tich": ["LD001", "CN035"]})
    assert refused.status_code == 409
    error = refused.get_json()["error"]
    assert error["reason"] == "withdrawn" and error["field"] == "chu-tich"
    assert error["message"] == (f"Đại biểu {name_of(kdb, 'CN035')} (CN035) đã rút khỏi danh "
                                "sách; khôi phục tại bàn hỗ trợ nếu cần.")
    assert presidium_rows(kdb) == []


def test_a_member_withdrawn_since_is_left_out_everywhere_and_told_apart(organiser, kdb,
                                                                       event_path, tmp_path):
    assert post(organiser, "/api/presidium", {"chu-tich": ["LD001", "LD002", "LD003"],
                                              "thu-ky": ["CN001"]}).status_code == 200
    withdraw(organiser, "LD002")
    got = organiser.get(f"/api/presidium?session={SESSION}").get_json()
    assert [(p["code"], p["position"]) for p in got["chu-tich"]] == [("LD001", 1), ("LD003", 2)]
    assert got["stage"] == ["LD001", "LD003"]  # #1 at the centre, #2 to its right
    assert "LD002" not in got["stage"]
    assert [(p["code"], p["body"], p["note"]) for p in got["withdrawn"]] == [
        ("LD002", "chu-tich", "đã rút")]
    plates, listed = tmp_path / "bien-ten.pdf", tmp_path / "de-cu.pdf"
    done = run("--db", event_path, "--plates", plates, "--list", listed)
    assert done.exit_code == 0, done.output
    assert "3 biển tên" in done.output  # LD001, LD003, CN001
    assert "LD002" in done.stderr and "đã rút khỏi danh sách" in done.stderr
    assert len(pages(plates)) == 3
    assert not any(name_of(kdb, "LD002") in p for p in pages(plates))
    text = " ".join(pages(listed))
    assert "ĐOÀN CHỦ TỊCH (2 đồng chí)" in text and name_of(kdb, "LD002") not in text
    # the page sends the list back as it was: the save is not blocked, the member is left out
    again = post(organiser, "/api/presidium", {"chu-tich": ["LD001", "LD002", "LD003"]})
    assert again.status_code == 200, again.get_json()
    assert [p["code"] for p in again.get_json()["chu-tich"]] == ["LD001", "LD003"]
    assert "LD002" in again.get_json()["left_out"][0]
    assert again.get_json()["withdrawn"] == []
    trail = kdb.execute("SELECT before, after FROM audit WHERE action = 'presidium.set' "
                        "ORDER BY seq DESC LIMIT 1").fetchone()
    assert "LD002" in trail[0] and "LD002" not in trail[1]  # the trail says who went


@pytest.mark.parametrize("body, field, words", [
    ({"chu-tich": ["LD001"], "thu-ky": ["LD001"]}, "thu-ky",
     "không ở cả Đoàn Chủ tịch và Đoàn Thư ký"),
    ({"thu-ky": ["LD002"]}, "thu-ky", "không ở cả Đoàn Chủ tịch và Đoàn Thư ký"),
    ({"chu-tich": ["BC001"]}, "chu-tich", "phóng viên báo chí"),
    ({"thu-ky": ["TC001"]}, "thu-ky", "cán bộ Ban Tổ chức"),
    ({"chu-tich": [None]}, "chu-tich", "Mã đại biểu phải là chữ"),
    ({"thu-ky": [7]}, "thu-ky", "Mã đại biểu phải là chữ"),
])
def test_a_member_who_cannot_sit_is_refused_in_words_and_nothing_changes(organiser, kdb,
                                                                         body, field, words):
    assert post(organiser, "/api/presidium", {"chu-tich": ["LD002"]}).status_code == 200
    before = presidium_rows(kdb)
    refused = post(organiser, "/api/presidium", body)
    assert refused.status_code == 400
    error = refused.get_json()["error"]
    assert error["field"] == field and words in error["message"], error
    assert "None" not in error["message"]
    assert presidium_rows(kdb) == before


def test_the_front_row_plates_leave_out_the_presidium_members(event_path, kdb, tmp_path):
    from test_mc import precedence

    listed = [code for code, _ in precedence(kdb)]
    check_in(kdb, *listed[:4])
    out = tmp_path / "bien-ten.pdf"
    done = run("--db", event_path, "--chair", listed[0], "--chair", listed[2], "--plates",
               out, "--guests", 2, "--session", SESSION)
    assert done.exit_code == 0, done.output
    named = pages(out)
    assert len(named) == 4
    for page, code in zip(named, [listed[0], listed[2], listed[1], listed[3]], strict=True):
        assert name_of(kdb, code) in page
    assert mc.presidium(kdb)["withdrawn"] == []
