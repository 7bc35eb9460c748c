"""The forms of award in the law's order, whatever way an emulation office spells them
(badges/forms.py cites the articles): a Hero of Labour is never called after a Giấy khen,
and a Prime Minister's certificate written without "của" is not a sector's."""

import re

from click.testing import CliRunner
from test_ceremony import honours_file

from badges import forms
from badges.cli import main as badges_main

# (as the office writes it, as the law writes it), highest first: the whole hierarchy
LAW_ORDER = [
    ("Huân chương Độc lập hạng III", "Huân chương Độc lập hạng Ba"),
    ("HUÂN CHƯƠNG LAO ĐỘNG HẠNG NHÌ", "Huân chương Lao động hạng Nhì"),
    ("Huân chương Lao động hạng 3", "Huân chương Lao động hạng Ba"),
    ("Huy chương Chiến sĩ vẻ vang hạng Nhất", "Huy chương Chiến sĩ vẻ vang hạng Nhất"),
    ("Danh hiệu Anh hùng Lao động", "Anh hùng Lao động"),
    ("Danh hiệu “Thầy thuốc ưu tú”", "Thầy thuốc ưu tú"),
    ("Giải thưởng Nhà nước", "Giải thưởng Nhà nước"),
    ("Cờ thi đua Chính phủ", "Cờ thi đua của Chính phủ"),
    ("Danh hiệu Chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua toàn quốc"),
    ("Bằng khen Thủ tướng Chính phủ", "Bằng khen của Thủ tướng Chính phủ"),
    ("Cờ thi đua của Bảo hiểm xã hội Việt Nam", "Cờ thi đua của Bảo hiểm xã hội Việt Nam"),
    ("Chiến sĩ thi đua ngành Bảo hiểm xã hội", "Chiến sĩ thi đua ngành Bảo hiểm xã hội"),
    ("Kỷ niệm chương Vì sự nghiệp Bảo hiểm xã hội Việt Nam",
     "Kỷ niệm chương Vì sự nghiệp Bảo hiểm xã hội Việt Nam"),
    ("Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam",
     "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam"),
    ("Danh hiệu Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cơ sở"),
    ("Giấy khen", "Giấy khen"),
]


def test_every_kind_and_spelling_takes_its_place_in_the_law():
    shuffled = [written for written, _ in reversed(LAW_ORDER)]
    placed = sorted(shuffled, key=lambda name: forms.classify(name).position)
    assert [forms.classify(name).name for name in placed] == [law for _, law in LAW_ORDER]
    levels = [forms.classify(written).level for written, _ in LAW_ORDER]
    assert levels == sorted(levels)  # President, Government, sector, unit
    assert forms.classify("Danh hiệu Anh hùng Lao động").title  # conferred, not handed
    assert not forms.classify("Bằng khen Thủ tướng Chính phủ").title


def test_badges_awards_prints_a_mixed_list_in_the_law_s_order_and_names_what_it_does_not_know(
        event_path, kdb, tmp_path):
    people = [dict(r) for r in kdb.query(
        "SELECT code, name, unit FROM delegates WHERE category_id = 'ca-nhan' ORDER BY code "
        f"LIMIT {len(LAW_ORDER) + 1}")]
    sections = [(written, [(p["name"], p["unit"], None, p["code"])])
                for (written, _), p in zip(reversed(LAW_ORDER), people)]
    sections.append(("Giải Báo chí toàn quốc về BHXH",
                     [(people[-1]["name"], people[-1]["unit"], None, people[-1]["code"])]))
    path = honours_file(tmp_path / "khen-thuong.xlsx", sections)
    result = CliRunner().invoke(badges_main, ["awards", str(path), "--db", str(event_path)])
    assert result.exit_code == 0, result.output
    printed = re.findall(r"^\s+\d+\. (.+): \d+$", result.output, re.M)
    # (a section row in capitals keeps the law's spelling where the law names the form)
    expected = [law for _, law in LAW_ORDER] + ["Giải Báo chí toàn quốc về BHXH"]
    assert [forms.words(p) for p in printed] == [forms.words(e) for e in expected]
    assert printed[:3] == [law for _, law in LAW_ORDER[:3]]
    unknown = [line for line in result.output.splitlines() if line.startswith("CHÚ Ý")]
    assert len(unknown) == 1  # named once, in the section's sentence case
    assert "'Giải báo chí toàn quốc về BHXH'" in unknown[0]
    assert re.match(r"CHÚ Ý dòng \d+: ", unknown[0])


def test_a_decision_typed_with_its_words_is_kept_as_its_number(event_path, kdb, tmp_path):
    """An office writes "Quyết định số 601/QĐ-CTN" in the decision's cell; the MC's script
    read it after its own "Quyết định số", twice."""
    from openpyxl import Workbook

    from badges import awards

    person = dict(kdb.query("SELECT code, name FROM delegates WHERE category_id = 'ca-nhan' "
                            "LIMIT 1").__next__())
    book = Workbook()
    book.active.append(["STT", "Họ và tên", "Mã đại biểu", "Hình thức khen thưởng",
                        "Số quyết định", "Ngày quyết định"])
    book.active.append([1, person["name"], person["code"], "Huân chương Lao động hạng Ba",
                        "Quyết định số: 601/QĐ-CTN", "01/12/2026"])
    book.save(tmp_path / "kt.xlsx")
    report = awards.import_awards(kdb, tmp_path / "kt.xlsx")
    assert report.applied, report.errors
    assert [a["decision"] for a in report.awards] == ["601/QĐ-CTN"]
    assert awards.decision_number("QĐ số 12/QĐ-TTg") == "12/QĐ-TTg"
    assert awards.decision_number("601/QĐ-BHXH") == "601/QĐ-BHXH"
