"""Lists as offices make them: agency and title rows above the header, merged cells, a
header split over two rows, blank rows, section rows giving the category, a footer with
place, date and signatures; a re-import without some columns keeps those fields;
`badges import --add` adds without listing everyone else as missing."""

import openpyxl
from click.testing import CliRunner

from badges import db as store
from badges.cli import main
from badges.importer import import_roster

from helpers import HEADER, roster_row, write_csv


def office_list(path):
    """The way a provincial office sends its list (the shape of real ones)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "DS đại biểu"
    ws["A1"], ws["E1"] = "BẢO HIỂM XÃ HỘI VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["A2"], ws["E2"] = "BHXH TỈNH NGHỆ AN", "Độc lập - Tự do - Hạnh phúc"
    ws.merge_cells("A1:C1")
    ws.merge_cells("E1:G1")
    ws["A4"] = "DANH SÁCH ĐẠI BIỂU DỰ ĐẠI HỘI THI ĐUA YÊU NƯỚC LẦN THỨ V"
    ws.merge_cells("A4:G4")
    for col, text in zip("ABCDEG", ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Liên hệ", "Ghế"]):
        ws[f"{col}6"] = text
    ws.merge_cells("E6:F6")  # "Liên hệ" over two columns...
    ws["E7"], ws["F7"] = "Điện thoại", "Email"  # ...named on the row below
    for col in "ABCDG":
        ws.merge_cells(f"{col}6:{col}7")
    ws["A8"] = "I. KHÁCH MỜI"
    ws.merge_cells("A8:G8")
    ws.append([1, "Nguyễn Văn An", "Chủ tịch UBND", "UBND tỉnh Nghệ An", 912345678,
               "an@nghean.gov.vn", "A01-01"])
    ws.append([2, "Hồ Thị Bình", "Phó Chủ tịch", "HĐND tỉnh Nghệ An", "0912 000 111", None,
               "A01-02"])
    ws.append([])
    ws.append(["II. ĐẠI BIỂU CÁ NHÂN"])
    ws.merge_cells("A12:G12")
    ws.append([1, "Lê Thị Cúc", "Chuyên viên", "BHXH tỉnh Nghệ An", "0987654321", None, "B02-01"])
    ws.append([2, "Phan Văn Dũng", "Kế toán viên", "BHXH tỉnh Nghệ An", "12ab", None, "B02-02"])
    ws.append([])
    ws.append([None, None, None, None, "Nghệ An, ngày 10 tháng 12 năm 2026"])
    ws.append(["NGƯỜI LẬP BIỂU", None, None, None, "TM. BAN TỔ CHỨC"])
    ws.append(["(Ký, ghi rõ họ tên)", None, None, None, "(Ký, ghi rõ họ tên)"])
    ws.append([None, "Trần Thị Em", None, None, "Lê Văn Giang"])
    book.save(path)
    return path


def test_an_office_list_imports_with_its_sections_as_categories(db, tmp_path):
    path = office_list(tmp_path / "nghe-an.xlsx")
    refused = import_roster(db, path)
    assert not refused.applied
    # one bad phone, named where the spreadsheet shows it (row 14, column 'Điện thoại')
    assert [str(p) for p in refused.errors] == [
        "dòng 14, cột 'Điện thoại': số điện thoại '12ab' không hợp lệ"]
    ws = openpyxl.load_workbook(path)
    ws.active["E14"] = "0912 333 444"
    ws.save(path)
    report = import_roster(db, path)
    assert report.applied, report.errors
    people = {d["name"]: d for d in store.list_delegates(db)}
    assert sorted(people) == ["Hồ Thị Bình", "Lê Thị Cúc", "Nguyễn Văn An", "Phan Văn Dũng"]
    assert people["Nguyễn Văn An"]["category_id"] == "khach-moi"
    assert people["Phan Văn Dũng"]["category_id"] == "ca-nhan"
    assert people["Nguyễn Văn An"]["phone"] == "0912345678"  # Excel's lost 0 restored
    assert people["Nguyễn Văn An"]["email"] == "an@nghean.gov.vn"
    assert people["Hồ Thị Bình"]["seat"] == "A01-02"
    # nobody from the title rows or the signatures
    assert not {"Trần Thị Em", "Lê Văn Giang", "NGƯỜI LẬP BIỂU"} & set(people)


def test_a_section_that_is_no_category_is_named(db, tmp_path):
    path = office_list(tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(path)
    ws.active["A12"] = "II. ĐẠI BIỂU DỰ THÍNH"
    ws.active["E14"] = "0912333444"
    ws.save(path)
    report = import_roster(db, path)
    assert not report.applied
    assert "dòng 13, cột 'Thành phần': thành phần 'ĐẠI BIỂU DỰ THÍNH' (tên mục phía trên " \
           "dòng này) không có trong danh mục" in [str(p) for p in report.errors]


def test_a_csv_with_title_rows_and_a_footer(db, tmp_path):
    path = tmp_path / "r.csv"
    with open(path, "w", encoding="utf-8-sig") as f:
        f.write("BẢO HIỂM XÃ HỘI VIỆT NAM,,,,\nDANH SÁCH ĐẠI BIỂU,,,,\n,,,,\n")
        f.write("STT,Họ và tên,Đơn vị,Thành phần,Số điện thoại\n")
        f.write("1,Đỗ Văn Hải,BHXH tỉnh Lạng Sơn,Đại biểu tập thể,0912345678\n,,,,\n")
        f.write(",,\"Lạng Sơn, ngày 02 tháng 12 năm 2026\",,\n,Người lập,,,\n,Vũ Thị Ký,,,\n")
    report = import_roster(db, path)
    assert report.applied, report.errors
    assert [d["name"] for d in store.list_delegates(db)] == ["Đỗ Văn Hải"]


def test_a_reimport_without_some_columns_keeps_those_fields(db, tmp_path):
    import_roster(db, write_csv(tmp_path / "full.csv", [roster_row(1, "Nguyễn Thị Phượng",
                                                                   seat="C03-03")]))
    before = store.delegate_by_code(db, "T001")
    short = write_csv(tmp_path / "short.csv", [["T001", "Nguyễn Thị Phượng"]],
                      header=["Mã đại biểu", "Họ và tên"])
    report = import_roster(db, short)
    assert report.applied and report.unchanged == 1 and report.updated == []
    after = store.delegate_by_code(db, "T001")
    for field in ("title", "unit", "delegation", "category_id", "phone", "email", "seat"):
        assert after[field] == before[field], field
    # a column that is there still changes its field
    import_roster(db, write_csv(tmp_path / "seat.csv", [["T001", "Nguyễn Thị Phượng", "D09-09"]],
                                header=["Mã đại biểu", "Họ và tên", "Ghế"]))
    assert store.delegate_by_code(db, "T001")["seat"] == "D09-09"
    assert store.delegate_by_code(db, "T001")["phone"] == before["phone"]
    # a new person in a file without a category column cannot be placed: said so
    new = import_roster(db, write_csv(tmp_path / "new.csv", [["Người Mới Hẳn"]],
                                      header=["Họ và tên"]))
    assert not new.applied and "thiếu thành phần" in str(new.errors[0])
    assert len(store.list_delegates(db)) == 1


def test_badges_import_add_lists_nobody_as_missing(tmp_path):
    db_path = tmp_path / "e.db"
    runner = CliRunner()
    full = write_csv(tmp_path / "full.csv", [roster_row(n, f"Người Số {n}") for n in (1, 2, 3)])
    assert runner.invoke(main, ["import", str(full), "--db", str(db_path)]).exit_code == 0
    late = write_csv(tmp_path / "late.csv", [roster_row(9, "Đến Muộn", code="")], header=HEADER)
    plain = runner.invoke(main, ["import", str(late), "--db", str(db_path)])
    assert "3 đại biểu có trong CSDL nhưng không có trong tệp" in plain.output
    later = write_csv(tmp_path / "later.csv", [roster_row(10, "Đến Muộn Hơn", code="")])
    added = runner.invoke(main, ["import", str(later), "--db", str(db_path), "--add"])
    assert added.exit_code == 0 and "1 mới" in added.output
    assert "không có trong tệp" not in added.output
