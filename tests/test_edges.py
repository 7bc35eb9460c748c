"""Edges of the hub's input and output: every check-in body checked before it meets the
batch, one attempt that fails at write time answered alone, exports that cannot run
code, images sized before they are decoded, a restarted station's credential kept.
Connections and their limits: test_connection_limits.py; logins: test_logins.py;
HTTPS: test_tls.py."""

import time

import pytest

from kiosk import accounts

from helpers import badge_payload

# --- every input checked before it meets the batch -----------------------------------

@pytest.mark.parametrize("body, reason", [
    ('{"code": "\\ud800"}', "bad_json"),  # a lone surrogate: JSON allows it, SQLite cannot
    ("[" * 5000 + "]" * 5000, "bad_json"),  # nested past the parser's recursion limit
    ('{"code": "CN010", "method": ["scan"]}', "bad_method"),
    ('{"code": "CN010", "method": {"a": 1}}', "bad_method"),
    ('{"code": "CN010", "session": ["tru-bi"]}', "unknown_session"),
    ('{"code": 12}', "bad_code"),
])
def test_malformed_check_ins_are_refused_with_a_reason_not_a_500(station, body, reason):
    response = station.post("/api/checkins", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["reason"] == reason


def test_a_stream_position_must_be_a_number_of_sensible_size(station):
    for after in ("9" * 5000, "١٢", "-1"):
        response = station.get(f"/api/stream?after={after}")
        assert response.status_code == 400
        assert response.get_json()["error"]["reason"] == "bad_event_id"


def test_one_attempt_that_fails_at_write_time_is_answered_alone(event_path, kdb):
    """Past the API's checks, an attempt the database refuses fails alone: the others of
    its batch are recorded and acknowledged."""
    import threading

    from kiosk.core.batcher import Batcher
    from kiosk.core.decision import Attempt

    batcher = Batcher(event_path)
    codes = [f"CN{n:03d}" for n in range(100, 140)]
    results, errors = {}, []
    start = threading.Barrier(len(codes) + 5)

    def good(code):
        start.wait()
        attempt = Attempt(badge_payload(kdb, code), "chinh-thuc", "lane-1")
        results[code] = batcher.check_in(attempt)[0]

    def bad():
        start.wait()
        try:
            batcher.check_in(Attempt("\ud800", "chinh-thuc", "lane-1"))
        except Exception as exc:  # noqa: BLE001 - any failure, as long as it is this one's
            errors.append(exc)

    threads = [threading.Thread(target=good, args=(c,)) for c in codes]
    threads += [threading.Thread(target=bad) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert len(errors) == 5
    assert sorted(results) == codes and {r.result for r in results.values()} == {"ok"}
    logged = kdb.execute("SELECT COUNT(*) FROM checkins WHERE result = 'ok'").fetchone()[0]
    assert logged == len(codes)


# --- exports that cannot run code -----------------------------------------------------

def test_exports_write_formulas_and_markup_as_plain_text(kdb):
    """A name that is a formula or reportlab markup comes out as typed, in every format."""
    import csv
    import io
    import zipfile

    import openpyxl
    import pypdfium2 as pdfium

    from kiosk import reports

    hostile = {"CN001": '=HYPERLINK("http://evil.example","Bấm")', "CN002": "+84 912",
               "CN003": "@SUM(A1)", "CN004": "<font size=40>Tô Văn To</font>",
               "CN005": "Lê <b>& Cộng sự"}
    for code, name in hostile.items():
        kdb.execute("UPDATE delegates SET name = ?, unit = ? WHERE code = ?", [name, name, code])
    kdb.conn.commit()
    data, _, _ = reports.build(kdb, "chinh-thuc", "csv")
    table = list(csv.DictReader(io.StringIO(data.getvalue().decode("utf-8-sig"))))
    names = {row["Mã đại biểu"]: row["Họ và tên"] for row in table}
    for code, name in hostile.items():
        assert names[code] == ("'" + name if name[0] in "=+-@" else name)

    data, _, _ = reports.build(kdb, "chinh-thuc", "xlsx")
    sheet_xml = zipfile.ZipFile(io.BytesIO(data.getvalue())).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml  # no formula anywhere
    sheet = openpyxl.load_workbook(data).active
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert cells["CN001"].value == hostile["CN001"] and cells["CN001"].data_type == "s"

    kdb.execute("UPDATE delegates SET category_id = 'ca-nhan' WHERE code IN "
                "('CN004', 'CN005')")  # absent delegates: listed in the report by name
    kdb.conn.commit()
    data, _, _ = reports.build(kdb, "chinh-thuc", "pdf")
    pdf = pdfium.PdfDocument(data.getvalue())
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert "<font size=40>Tô Văn To</font>" in text.replace("\r\n", " ").replace("\n", " ") \
        or "<font size=40>Tô Văn" in text
    assert "Lê <b>& Cộng sự" in text


# --- images sized before they are decoded ---------------------------------------------

def test_a_huge_image_is_refused_from_its_header_before_any_pixel_is_decoded(station, tmp_path):
    import resource

    from PIL import Image

    path = tmp_path / "huge.png"
    Image.new("L", (20000, 20000), 128).save(path, optimize=True)
    data = path.read_bytes()
    assert len(data) < 1_000_000  # small on the wire
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    response = station.post("/api/scan", data=data, content_type="image/png")
    assert response.status_code == 413
    assert response.get_json()["error"]["reason"] == "image_too_large"
    assert time.perf_counter() - start < 0.5
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 100_000  # 400 MB had it been decoded


def test_kiosk_decode_names_an_image_too_large(tmp_path):
    from click.testing import CliRunner
    from PIL import Image

    from kiosk.cli import main

    path = tmp_path / "huge.png"
    Image.new("L", (9000, 9000), 255).save(path)
    result = CliRunner().invoke(main, ["decode", str(path)])
    assert result.exit_code == 1 and "quá lớn" in result.stderr


# --- a station's key ------------------------------------------------------------------

def test_a_restarted_station_keeps_its_kiosk_credential(live_server, kdb, tmp_path):
    from kiosk import db as kiosk_db
    from kiosk import station

    upstream = station.Upstream(live_server, accounts.issue_station_token(kdb, "cua-ben"))
    db = kiosk_db.connect(tmp_path / "station.db")
    _, first = station.prepare(db, upstream)
    _, again = station.prepare(db, upstream)  # the laptop restarted
    assert again == first and accounts.station_for_token(db, first)["name"] == "cua-ben"
