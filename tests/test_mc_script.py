"""The MC's script as an MC reads it, read back from the PDF `kiosk ceremony` writes: each
form's decision announced (number, date, issuer), the recipients called up by name (a
collective by its representative), the presenter invited "thừa ủy quyền" for the
President's and the Prime Minister's forms, a title conferred as a title, a closing
line; one person is "đồng chí", several "các đồng chí"; no abbreviation left to read
aloud; a batch handed stays marked "ĐÃ TRAO" in every reprint."""

import re

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from test_awards_import import awards, write_list

from kiosk.cli import main as kiosk_main
from kiosk.core import decision

HCLD, CSTDTQ = "Huân chương Lao động hạng Ba", "Chiến sĩ thi đua toàn quốc"
CO, BK = ("Cờ thi đua của Bảo hiểm xã hội Việt Nam",
          "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam")
USHERS = "DANH SÁCH CHO CÁN BỘ LỄ TÂN"


@pytest.fixture
def hall(event_path, kdb, tmp_path):
    """A list as the office writes it (the sector's forms first, the President's last),
    every recipient in the hall: {"people": [...], "groups": [...]}."""
    people = list(kdb.query("SELECT code, name, title, unit FROM delegates WHERE "
                            "category_id = 'ca-nhan' AND unit LIKE '%BHXH%' ORDER BY code "
                            "LIMIT 4"))
    groups = list(kdb.query("SELECT code, name, title, unit FROM delegates WHERE "
                            "category_id = 'tap-the' AND unit LIKE '%BHXH%' ORDER BY code "
                            "LIMIT 3"))
    path = write_list(tmp_path / "khen-thuong.xlsx", [
        (BK, [(p["name"], p["unit"], None, p["code"], "2034/QĐ-BHXH", "09/11/2026")
              for p in people[2:4]]),
        (CO, [(g["name"], None, g["unit"], g["code"], "1556/QĐ-BHXH", "24/10/2026")
              for g in groups[1:3]]),
        (CSTDTQ, [(people[1]["name"], None, None, people[1]["code"], "899/QĐ-TTg",
                   "26/10/2026")]),
        (HCLD, [(groups[0]["name"], None, groups[0]["unit"], groups[0]["code"],
                 "2706/QĐ-CTN", "08/10/2026"),
                (people[0]["name"], None, None, people[0]["code"], "2706/QĐ-CTN",
                 "08/10/2026")]),
    ])
    assert awards(path, event_path).exit_code == 0
    for person in people + groups:
        decision.check_in(kdb, person["code"], "chinh-thuc", "cua-1", confirmed=True)
    return {"people": people, "groups": groups}


def script(event_path, tmp_path) -> tuple:
    """(the MC's script, the ushers' sheet) as read from the PDF, spaces collapsed."""
    out = tmp_path / "loi-dan.pdf"
    result = CliRunner().invoke(kiosk_main, ["ceremony", "--db", str(event_path),
                                             "--session", "chinh-thuc", "--out", str(out)])
    assert result.exit_code == 0, result.output
    pdf = pdfium.PdfDocument(str(out))
    pages = [p.get_textpage().get_text_range() for p in pdf]
    text = re.sub(r"\s+", " ", re.sub(r"Trang \d+/\d+", " ", " ".join(pages)))
    mc, ushers = text.split(USHERS)
    return mc, ushers


def section(mc: str, form: str) -> str:
    """The part of the script for a form: from its batch's heading to the next."""
    start = mc.index(f"— {form}")
    following = mc.find("Lượt ", start)
    return mc[start:following if following > 0 else None]


def aloud(text: str) -> str:
    return text.replace("BHXH", "Bảo hiểm xã hội")


def test_each_form_is_announced_called_presented_and_closed(hall, event_path, tmp_path):
    mc, _ = script(event_path, tmp_path)
    people, groups = hall["people"], hall["groups"]
    order = [mc.index(f"— {form}") for form in (HCLD, CSTDTQ, CO, BK)]
    assert order == sorted(order)  # the law's order, whatever the list's
    # the President's: recipients called to stand and hear the decision, then it is read
    first = section(mc, HCLD)
    announced = first.index("công bố Quyết định số 2706/QĐ-CTN ngày 08/10/2026 của Chủ tịch "
                            "nước về việc tặng Huân chương Lao động hạng Ba.")
    called = first.index(f"Đại diện {aloud(groups[0]['unit'])} lên nhận: đồng chí "
                         f"{groups[0]['name']}")
    assert called < announced and first.index(people[0]["name"]) < announced
    assert "lên sân khấu nghe công bố quyết định" in first
    presenting = first.index("thừa ủy quyền của Chủ tịch nước, lên trao Huân chương Lao động "
                             "hạng Ba cho tập thể và cá nhân.")
    closing = first.index("Xin nhiệt liệt chúc mừng tập thể và cá nhân vừa được khen thưởng. "
                          "Kính mời các đồng chí chụp ảnh lưu niệm.")
    assert announced < presenting < closing
    # the Prime Minister's title, to one person: announced, then called, conferred
    title = section(mc, CSTDTQ)
    announced = title.index("công bố Quyết định số 899/QĐ-TTg ngày 26/10/2026 của Thủ tướng "
                            "Chính phủ về việc tặng danh hiệu Chiến sĩ thi đua toàn quốc.")
    called = title.index(f"Xin trân trọng kính mời đồng chí {people[1]['name']}")
    presenting = title.index("thừa ủy quyền của Thủ tướng Chính phủ, lên trao danh hiệu Chiến "
                             f"sĩ thi đua toàn quốc cho đồng chí {people[1]['name']}.")
    assert announced < called < presenting
    assert "các đồng chí có tên sau" not in title
    assert f"Xin nhiệt liệt chúc mừng đồng chí {people[1]['name']}." in title
    # the sector's: its head's decision, no "thừa ủy quyền", collectives by representative
    flag = section(mc, CO)
    assert "công bố Quyết định số 1556/QĐ-BHXH ngày 24/10/2026 của Tổng Giám đốc Bảo hiểm xã " \
           "hội Việt Nam về việc tặng Cờ thi đua của Bảo hiểm xã hội Việt Nam." in flag
    assert "kính mời đại diện các tập thể có tên sau lên nhận Cờ thi đua" in flag
    for g in groups[1:3]:
        assert f"Đại diện {aloud(g['unit'])} lên nhận: đồng chí {g['name']}" in flag
    assert "thừa ủy quyền" not in flag and "danh hiệu Cờ" not in flag
    assert "lên trao Cờ thi đua của Bảo hiểm xã hội Việt Nam cho các tập thể." in flag
    merit = section(mc, BK)
    assert "kính mời các đồng chí có tên sau lên nhận Bằng khen" in merit
    for p in hall["people"][2:4]:
        assert f"Đồng chí {p['name']}, {aloud(p['title'])}, {aloud(p['unit'])}." in merit
    assert mc.count("chụp ảnh lưu niệm") == 4
    # nothing left for the MC to spell out; a decision keeps its number as written
    assert "BHXH" not in mc.replace("/QĐ-BHXH", "") and "UBND" not in mc
    assert "đồng chí Đồng chí" not in mc


def test_a_presenter_typed_with_đồng_chí_is_read_once_and_several_are_plural(
        hall, event_path, kdb, tmp_path, organiser):
    headers = {"X-CSRFToken": organiser.csrf}
    for batch, presenter in ((1, "Đồng chí Nguyễn Văn An, Phó Chủ tịch UBND TP. Hà Nội"),
                             (2, "đ/c Trần Bình, Phó Tổng Giám đốc BHXH VN; Lê Cường")):
        named = organiser.post("/api/ceremony/presenters", headers=headers, json={
            "session": "chinh-thuc", "batch": batch, "presenter": presenter})
        assert named.status_code == 200, named.get_json()
    mc, _ = script(event_path, tmp_path)
    assert "Xin trân trọng kính mời đồng chí Nguyễn Văn An, Phó Chủ tịch Ủy ban nhân dân " \
           "thành phố Hà Nội, thừa ủy quyền của Chủ tịch nước, lên trao Huân chương" in mc
    assert "Xin trân trọng kính mời các đồng chí Trần Bình, Phó Tổng Giám đốc Bảo hiểm xã " \
           "hội Việt Nam; Lê Cường, thừa ủy quyền của Thủ tướng Chính phủ, lên trao danh " \
           "hiệu Chiến sĩ thi đua toàn quốc" in mc
    assert "Đồng chí Nguyễn" not in mc and "đồng chí Đồng chí" not in mc and "đ/c" not in mc


def test_a_batch_handed_stays_marked_in_every_reprint(hall, event_path, tmp_path, organiser):
    made = organiser.get("/api/ceremony?session=chinh-thuc").get_json()
    shown = [r["award_id"] for r in made["batches"][0]["recipients"]]
    tapped = organiser.post("/api/ceremony/batches/1/handed", headers={
        "X-CSRFToken": organiser.csrf}, json={"session": "chinh-thuc", "recipients": shown})
    assert tapped.status_code == 200, tapped.get_json()
    for _ in range(2):
        mc, ushers = script(event_path, tmp_path)
        assert f"Lượt 1 — {HCLD} — ĐÃ TRAO" in mc and f"Lượt 1 — {HCLD} — ĐÃ TRAO" in ushers
        assert f"Lượt 2 — {CSTDTQ} Xin" in mc  # the next, not marked
        assert mc.count("ĐÃ TRAO") == 1
        assert "công bố Quyết định số 2706/QĐ-CTN" in section(mc, HCLD)  # as it was read


def test_a_proxy_a_unit_form_and_a_supplementary_batch_read_right(tmp_path):
    """The programme as the hub gives it (its JSON shape), written and read back: a
    recipient received for, a unit's Giấy khen whose "QĐ-BHXH" is a province's, a
    supplementary batch of a form already announced."""
    from datetime import UTC, datetime

    from kiosk.reports import ceremony as papers

    def walker(name, collective=None, behalf=None):
        return {"award_id": 1, "code": "X", "name": name, "title": "Chuyên viên",
                "unit": "BHXH TP. Hà Nội", "seat": None, "collective": collective,
                "present": True, "on_behalf_of": {"code": "Y", "name": behalf} if behalf
                else None}

    made = {"not_present": [], "batches": [
        {"number": 1, "award": "Bằng khen của Thủ tướng Chính phủ", "handed": True,
         "presenter": None, "recipients": [walker("Lê Văn Cường", behalf="Trần Thị Bình")]},
        {"number": 2, "award": "Giấy khen", "handed": False, "presenter": "Đ/c Phạm Dũng",
         "recipients": [walker("Ngô Lan"), walker("Vũ Hà", "Phòng Thu, BHXH tỉnh An Giang")]},
        {"number": 3, "award": "Bằng khen của Thủ tướng Chính phủ", "handed": False,
         "supplementary": True, "presenter": None, "recipients": [walker("Đỗ Minh")]},
    ]}
    honours = [{"form": "Bằng khen của Thủ tướng Chính phủ", "decision": "918/QĐ-TTg",
                "decided_on": "17/08/2026"},
               {"form": "Giấy khen", "decision": "12/QĐ-BHXH", "decided_on": "01/11/2026"}]
    out = tmp_path / "loi-dan.pdf"
    papers.write_pdf(str(out), {"name": "Đại hội"}, {"name": "Phiên chính thức"}, made,
                     datetime(2026, 12, 15, 2, 0, tzinfo=UTC), "", honours)
    text = re.sub(r"\s+", " ", " ".join(
        p.get_textpage().get_text_range() for p in pdfium.PdfDocument(str(out))))
    mc = text.split(USHERS)[0]
    assert "Xin trân trọng kính mời đồng chí Lê Văn Cường, Chuyên viên, Bảo hiểm xã hội " \
           "thành phố Hà Nội lên nhận Bằng khen của Thủ tướng Chính phủ thay đồng chí Trần " \
           "Thị Bình." in mc
    assert "cho đồng chí Trần Thị Bình." in mc
    assert "Quyết định số 12/QĐ-BHXH ngày 01/11/2026 về việc tặng Giấy khen." in mc
    assert "Xin trân trọng kính mời đồng chí Phạm Dũng lên trao Giấy khen cho tập thể và cá " \
           "nhân." in mc
    assert "Đại diện Phòng Thu, Bảo hiểm xã hội tỉnh An Giang lên nhận: đồng chí Vũ Hà" in mc
    assert "Lượt 3 (bổ sung) — Bằng khen của Thủ tướng Chính phủ" in mc
    assert mc.count("công bố Quyết định số 918/QĐ-TTg") == 1  # announced once, in batch 1
