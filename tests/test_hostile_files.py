"""Hostile input that answered 500 where a 400 with a Vietnamese reason belongs (issue 18):
XLSX files with an external entity or a billion-laughs entity bomb, a CSV field of
200 KB, a protocol order of 10^30, a time in year 1. Each is refused with the one error
shape, the database unchanged."""

import io
import zipfile

import openpyxl
import pytest

from badges import db as store

XXE = '<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY a "hahahahahahahahahaha">'
          + "".join(f'<!ENTITY {chr(98 + n)} "' + f"&{chr(97 + n)};" * 10 + '">'
                    for n in range(8)) + "]>")
ENTITY = {XXE: "&e;", LAUGHS: "&i;"}


def xlsx_with_doctype(doctype: str) -> bytes:
    """A real roster workbook whose sheet declares `doctype` and uses its entity as a
    name (openpyxl writes names inline in the sheet)."""
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Thành phần"])
    book.active.append(["Nguyễn Văn A", "Khách mời"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, \
            zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet", doctype.encode() + b"<worksheet", 1)
                data = data.replace("Nguyễn Văn A".encode(), ENTITY[doctype].encode())
            target.writestr(item, data)
    return out.getvalue()


def upload(organiser, data: bytes, name: str):
    return organiser.post("/api/admin/roster", data={"file": (io.BytesIO(data), name)},
                          headers={"X-CSRFToken": organiser.csrf})


@pytest.mark.parametrize("body", [XXE, LAUGHS], ids=["external-entity", "billion-laughs"])
def test_an_xlsx_with_entities_is_refused_not_a_server_error(organiser, kdb, body):
    before = store.count_delegates(kdb)
    answer = upload(organiser, xlsx_with_doctype(body), "ds.xlsx")
    assert answer.status_code == 400, answer.get_data(as_text=True)[:300]
    assert answer.get_json()["error"]["reason"] == "bad_file"
    assert "root:" not in answer.get_data(as_text=True)
    assert store.count_delegates(kdb) == before


def test_a_csv_with_a_200_kb_field_is_refused(organiser, kdb):
    data = ("Họ và tên,Thành phần\n" + "A" * 200_000 + ",Khách mời\n").encode()
    answer = upload(organiser, data, "ds.csv")
    assert answer.status_code in (400, 422), answer.get_data(as_text=True)[:300]
    assert "error" in answer.get_json() or answer.get_json()["error_count"] >= 1


def test_a_protocol_order_of_ten_to_the_thirty_is_refused(organiser, kdb):
    answer = organiser.patch("/api/admin/delegates/CN001", json={"protocol": str(10 ** 30)},
                             headers={"X-CSRFToken": organiser.csrf})
    assert answer.status_code == 400, answer.get_data(as_text=True)[:300]
    data = ("Họ và tên,Thành phần,Thứ tự nghi thức\nNguyễn Văn B,Khách mời,"
            + str(10 ** 30) + "\n").encode()
    assert upload(organiser, data, "ds.csv").status_code == 422


def test_a_session_in_year_one_is_refused_where_times_enter(organiser, kdb):
    answer = organiser.post("/api/admin/sessions/tru-bi",
                            json={"starts": "01/01/0001 08:00", "ends": "01/01/0001 10:00"},
                            headers={"X-CSRFToken": organiser.csrf})
    assert answer.status_code == 400
    answer = organiser.post("/api/admin/sessions/tru-bi",
                            json={"starts": "0001-01-01T08:00", "ends": "0001-01-01T10:00"},
                            headers={"X-CSRFToken": organiser.csrf})
    assert answer.status_code == 400 and "năm 1 không hợp lý" in answer.get_json()["error"][
        "message"]
    assert organiser.get("/kiosk").status_code == 200
