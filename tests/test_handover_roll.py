"""The handover roll a delegation head signs (/admin/handover-roll.pdf), read back from the
PDF: rows grouped by form, the forms in the ceremony's order whatever the list's; every
cell whole (the "STT" header, each decision number on one line, a long one set smaller
rather than broken); a collective received "Đại diện … lên nhận"."""

import re

import pypdfium2 as pdfium
import pytest
from test_awards_import import awards, write_list

HCLD, BKTTG = "Huân chương Lao động hạng Ba", "Bằng khen của Thủ tướng Chính phủ"
CO, BK = ("Cờ thi đua của Bảo hiểm xã hội Việt Nam",
          "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam")
LONG = "1234/QĐ-BHXH-TĐKT-VPĐU-KTNB-2026"  # wider than a third of the page at 11.5 pt


@pytest.fixture
def delegation(event_path, kdb, tmp_path):
    """One delegation's people on an honours list written lowest form first; nobody in
    the hall, so every award is on the roll: (delegation, people, collective)."""
    name = kdb.execute("""SELECT delegation FROM delegates GROUP BY delegation
                          HAVING SUM(category_id = 'ca-nhan') >= 4
                             AND SUM(category_id = 'tap-the') >= 1
                          ORDER BY delegation LIMIT 1""").fetchone()[0]
    people = list(kdb.query("SELECT code, name, unit FROM delegates WHERE delegation = ? "
                            "AND category_id = 'ca-nhan' ORDER BY code LIMIT 4", [name]))
    group = next(iter(kdb.query("SELECT code, name, unit FROM delegates WHERE delegation = ? "
                                "AND category_id = 'tap-the' ORDER BY code LIMIT 1", [name])))
    path = write_list(tmp_path / "khen-thuong.xlsx", [
        (BK, [(p["name"], None, None, p["code"], "601/QĐ-BHXH", "15/11/2026")
              for p in people[:2]]),
        (CO, [(group["name"], None, group["unit"], group["code"], "602/QĐ-BHXH",
               "15/11/2026")]),
        (BKTTG, [(people[2]["name"], None, None, people[2]["code"], "1899/QĐ-TTg",
                  "20/10/2026")]),
        (HCLD, [(people[3]["name"], None, None, people[3]["code"], LONG, "08/10/2026"),
                (people[0]["name"], None, None, people[0]["code"], LONG, "08/10/2026")]),
    ])
    result = awards(path, event_path)
    assert result.exit_code == 0, result.output
    return name, people, group


def roll_lines(organiser, delegation) -> list:
    answer = organiser.get(f"/admin/handover-roll.pdf?delegation={delegation}")
    assert answer.status_code == 200
    pdf = pdfium.PdfDocument(answer.data)
    return [line.strip() for page in pdf for line in
            page.get_textpage().get_text_range().splitlines() if line.strip()]


def test_the_roll_groups_by_form_in_the_ceremonys_order(organiser, delegation):
    name, people, group = delegation
    lines = roll_lines(organiser, name)
    headings = [line for line in lines if line in (HCLD, BKTTG, CO, BK)]
    assert headings == [HCLD, BKTTG, CO, BK]  # once each, highest first
    text = " ".join(lines)
    # within the President's form, the list's order: people[3] before people[0]
    assert text.index(people[3]["name"]) < text.index(people[0]["name"], text.index(HCLD))
    assert re.search(rf"Đại diện {re.escape(group['unit'])} lên nhận", re.sub(r"\s+", " ",
                                                                           text))
    assert [int(n) for n in re.findall(r"^(\d+) ", "\n".join(lines), re.M)] == [1, 2, 3, 4, 5, 6]


def test_every_cell_is_whole(organiser, delegation):
    name, _, _ = delegation
    lines = roll_lines(organiser, name)
    words = [w for line in lines for w in line.split()]
    assert "STT" in words and "ST" not in words  # "ST/T" before
    for number in ("601/QĐ-BHXH", "602/QĐ-BHXH", "1899/QĐ-TTg", LONG):
        assert any(number in line.split() for line in lines), number
    assert not [w for w in words if re.fullmatch(r"\d+/QĐ-\w*", w) and
                w not in ("601/QĐ-BHXH", "602/QĐ-BHXH", "1899/QĐ-TTg", LONG)]
