"""The record through the API and in the browser: the check-in log and refused scans
filtered by door, result, delegation and time; the audit trail for organisers only,
exported with its hashes; hostile text shown as text."""

import csv
import io

from playwright.sync_api import expect

from kiosk import accounts
from kiosk import db as store

from helpers import badge_payload, log_in, tamper


def test_the_log_filters_by_door_result_delegation_and_time(organiser, app, kdb,
                                                            station_token):
    other = accounts.issue_station_token(kdb, "cua-phu")
    doors = {}
    for name, token in (("lane-1", station_token), ("cua-phu", other)):
        doors[name] = app.test_client()
        doors[name].environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    doors["lane-1"].post("/api/checkins", json={"code": badge_payload(kdb, "CN101"),
                                                "session": "chinh-thuc"})
    doors["cua-phu"].post("/api/checkins", json={"code": badge_payload(kdb, "KM001"),
                                                 "session": "chinh-thuc"})
    doors["cua-phu"].post("/api/checkins", json={"code": tamper(badge_payload(kdb, "CN102"), 3),
                                                 "session": "chinh-thuc"})
    every = organiser.get("/api/admin/checkins").get_json()["entries"]
    assert [e["result"] for e in every] == ["forged", "ok", "ok"]  # newest first
    at_side_door = organiser.get("/api/admin/checkins?station=cua-phu").get_json()["entries"]
    assert {e["station"] for e in at_side_door} == {"cua-phu"} and len(at_side_door) == 2
    refused = organiser.get("/api/admin/checkins?result=refused").get_json()["entries"]
    assert len(refused) == 1 and refused[0]["scanned"].startswith("CN102.")
    assert refused[0]["session_name"] == "Phiên chính thức"
    assert {e["method_label"] for e in every} == {"máy quét"}
    assert refused[0]["label"] == "Thẻ không hợp lệ (giả mạo)"
    delegation = store.delegate_by_code(kdb, "CN101")["delegation"]
    mine = organiser.get("/api/admin/checkins", query_string={"delegation": delegation})
    assert [e["code"] for e in mine.get_json()["entries"]] == ["CN101"]
    later = organiser.get("/api/admin/checkins?since=01/01/2100 00:00").get_json()["entries"]
    assert later == []
    year_one = organiser.get("/api/admin/checkins?since=0001-01-01")  # not a 500
    assert year_one.status_code == 400
    bad = organiser.get("/api/admin/checkins?since=hôm qua")
    assert bad.status_code == 400 and "15/12/2026 07:30" in bad.get_json()["error"]["message"]
    assert organiser.get("/api/admin/checkins?result=xyz").status_code == 400


def test_the_audit_trail_is_for_organisers_and_exports_with_its_hashes(organiser, app, kdb):
    organiser.post("/api/admin/delegates/CN150/absences",
                   json={"reason": '=HYPERLINK("http://x.invalid","Họp đột xuất")'},
                   headers={"X-CSRFToken": organiser.csrf})
    organiser.post("/api/admin/delegates/CN151/withdraw", json={"reason": "=1+1"},
                   headers={"X-CSRFToken": organiser.csrf})
    entries = organiser.get("/api/admin/audit").get_json()["entries"]
    assert entries[1]["action"] == "absence.add" and entries[1]["target"] == "CN150"
    exported = organiser.get("/admin/audit.csv")
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig"))))
    assert rows[0][0] == "STT" and rows[1][4] == "absence.add" and len(rows[1][9]) == 64
    assert rows[1][7].startswith('{"reason": "=HYPERLINK')  # JSON: never a formula
    assert rows[2][4] == "delegate.withdraw" and rows[2][8] == "'=1+1"  # text, not a sum
    assert not any(cell.startswith("=") for row in rows for cell in row)
    # the export itself is in the trail
    assert store.audit_entries(kdb)[0]["action"] == "export.audit"


def test_the_log_page_shows_hostile_text_as_text(browser, live_server, kdb, station_token):
    from helpers import post_checkin

    hostile = "<img src=x onerror=window.pwned=1>"
    post_checkin(live_server, station_token, "CN101")
    from kiosk.client import HubClient
    HubClient(live_server, station_token).call("POST", "/api/checkins",
                                               {"code": hostile, "session": "chinh-thuc"})
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu", "/admin/log")
    expect(page.locator("#log-table tbody tr")).to_have_count(2)
    page.select_option("#log-filters select[name=result]", "refused")
    expect(page.locator("#log-table tbody tr")).to_have_count(1)
    expect(page.locator("#log-table tbody tr").first).to_contain_text("Không đọc được mã")
    expect(page.locator("#log-table tbody tr").first).to_contain_text("<IMG SRC=X")  # as scanned
    assert page.evaluate("window.pwned") is None
    expect(page.locator("#audit-table")).to_be_visible()
    context.close()


def test_a_change_to_hundreds_of_seats_reads_as_one_line_in_the_trail(browser, live_server,
                                                                      kdb):
    """Seats given to everyone are one audit entry holding every seat: folded to its
    beginning on the page, whole on a click, the row a line or two high."""
    from kiosk.services import hall

    kdb.execute("UPDATE delegates SET seat = NULL")
    kdb.conn.commit()
    given = hall.assign(kdb, ("btc", "organiser"))
    assert len(given.placed) > 400
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu", "/admin/log")
    row = page.locator("#audit-table tbody tr").first
    expect(row).to_contain_text("Xếp ghế theo nghi thức")
    assert row.bounding_box()["height"] < 200  # 87 px here; 2,800 px unfolded
    code, seat = given.placed[-1]
    after = row.locator("td.changes")
    whole = after.locator("details > div")
    expect(whole).to_be_hidden()  # folded
    expect(after.locator("summary")).to_contain_text(f"({len(given.placed)} thay đổi, ")
    after.locator("summary").click()
    expect(whole).to_be_visible()
    name = store.delegate_by_code(kdb, code)["name"]
    expect(whole).to_contain_text(f"{name} ({code}): — → {seat}")
    context.close()
