"""Paper when everything else fails: the signing roll per delegation with those present
marked; the back-entry of a signed roll (method paper, the time on the paper beside the
time entered), refusing what cannot be true and counting nobody twice."""

import io
from datetime import timedelta

import pypdfium2 as pdfium
from playwright.sync_api import expect

from badges import db as badges_db
from badges.text import vietnamese_key
from kiosk import accounts
from kiosk import db as store
from kiosk.core import clock

from helpers import badge_payload, log_in


def post(client, path, body):
    return client.post(path, json=body, headers={"X-CSRFToken": client.csrf})


def an_hour_ago() -> str:
    moment = (clock.utcnow() - timedelta(hours=1)).astimezone(clock.HANOI)
    return moment.strftime("%Y-%m-%dT%H:%M")


def delegation_of(kdb, code):
    return store.delegate_by_code(kdb, code)["delegation"]


def test_the_signing_roll_lists_a_delegation_and_marks_who_came(organiser, door, kdb):
    door.post("/api/checkins", json={"code": badge_payload(kdb, "CN101"),
                                     "session": "chinh-thuc"})
    delegation = delegation_of(kdb, "CN101")
    pdf = organiser.get("/admin/signing-roll.pdf", query_string={
        "session": "chinh-thuc", "delegation": delegation})
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    document = pdfium.PdfDocument(io.BytesIO(pdf.data))
    width, height = document[0].get_size()
    assert width > height  # landscape: room for a signature
    text = " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in document)
    assert "DANH SÁCH ĐẠI BIỂU KÝ TÊN" in text and delegation in text
    members = [d for d in badges_db.list_delegates(kdb) if d["delegation"] == delegation]
    for person in members:
        assert person["name"] in text
    assert text.count("Đã điểm danh") == 1
    everyone = organiser.get("/admin/signing-roll.pdf?session=chinh-thuc")
    whole = pdfium.PdfDocument(io.BytesIO(everyone.data))
    assert len(whole) > len(document)
    # every page says which it is, of how many
    feet = [" ".join(p.get_textpage().get_text_range().split()) for p in whole]
    assert all(f"Trang {n}/{len(whole)}" in page for n, page in enumerate(feet, start=1))


def test_a_signed_roll_is_entered_at_the_time_on_the_paper(organiser, door, kdb):
    door.post("/api/checkins", json={"code": badge_payload(kdb, "CN101"),
                                     "session": "chinh-thuc"})
    stated = an_hour_ago()
    entered = post(organiser, "/api/admin/paper", {
        "session": "chinh-thuc", "at": stated, "codes": ["CN101", "CN102", "cn103", "ZZ999"]})
    assert entered.status_code == 200, entered.get_json()
    results = {a["code"]: a["result"] for a in entered.get_json()["answers"]}
    assert results == {"CN101": "duplicate", "CN102": "ok", "cn103": "ok", "ZZ999": "unknown"}
    row = kdb.execute("""SELECT c.method, c.at, c.received_at FROM checkins c JOIN delegates d
                         ON d.id = c.delegate_id WHERE d.code = 'CN102'""").fetchone()
    assert row[0] == "paper"
    assert clock.parse(row[1]).astimezone(clock.HANOI).strftime("%Y-%m-%dT%H:%M") == stated
    assert clock.parse(row[2]) - clock.parse(row[1]) > timedelta(minutes=59)  # entered later
    assert store.count_present(kdb, "chinh-thuc") == 3  # CN101 not twice
    future = (clock.utcnow() + timedelta(hours=2)).astimezone(clock.HANOI)
    for body, words in [
        ({"at": future.strftime("%Y-%m-%dT%H:%M"), "codes": ["CN104"]}, "chưa đến"),
        ({"at": "7h42", "codes": ["CN104"]}, "không hợp lệ"),
        ({"at": "", "codes": ["CN104"]}, "Ghi giờ ký"),
        ({"at": "2026-01-01T08:00", "codes": ["CN104"]}, "quá xa"),
        # a day back: believable, but before the session's check-in opened
        ({"at": (future - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"), "codes": ["CN104"]},
         "nằm ngoài giờ điểm danh của Phiên chính thức"),
        ({"at": stated, "codes": []}, "ít nhất một người"),
        ({"at": stated, "codes": "CN104"}, "ít nhất một người"),
    ]:
        refused = post(organiser, "/api/admin/paper", dict(body, session="chinh-thuc"))
        assert refused.status_code == 400 and words in refused.get_json()["error"]["message"], \
            (body, refused.get_json())
    assert store.count_present(kdb, "chinh-thuc") == 3


def test_the_desk_ticks_a_signed_roll_in_the_browser(browser, live_server, kdb):
    accounts.set_password(kdb, "banhotro", "mat-khau-ban-ho-tro", "desk")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, "banhotro", "mat-khau-ban-ho-tro", "/admin/paper")
    page.select_option("#session", "chinh-thuc")
    options = page.locator("#paper-form select[name=delegation] option").all_inner_texts()
    assert options == sorted(options, key=vietnamese_key)  # as written, Vietnamese order
    assert options.index("Các đơn vị Trung ương") < options.index("Đoàn BHXH tỉnh An Giang") \
        < options.index("Khách mời")  # đ after d, before k
    delegation = delegation_of(kdb, "CN120")
    page.select_option("#paper-form select[name=delegation]", delegation)
    expect(page.locator("#roll-one")).to_have_attribute(
        "href", f"/admin/signing-roll.pdf?session=chinh-thuc&delegation="
                f"{__import__('urllib.parse').parse.quote(delegation)}")
    person = page.locator("#roll li[data-code='CN120']")
    person.locator("input").check()
    page.fill("#entry-form input[name=at]", an_hour_ago())
    page.click("#entry-form button")
    expect(page.locator("#paper-message")).to_contain_text("Đã ghi nhận 1 người theo giấy")
    expect(person).to_contain_text("đã có mặt")
    expect(person.locator("input")).to_be_disabled()
    context.close()
