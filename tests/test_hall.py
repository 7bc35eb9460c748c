"""Seats by protocol (issue 21): a hall plan from a spreadsheet, `badges seats --assign`
placing every delegate once by protocol order and category blocks while keeping the seats
set by hand, every change in the roster's sealed log; the seat chart on paper and on
the ushers' screen."""

import io
import re

import pypdfium2 as pdfium
from click.testing import CliRunner

from badges import db as store
from badges.cli import main as badges_cli
from badges.importer import import_roster
from kiosk import db as kiosk_db
from kiosk.cli import main as kiosk_cli

from helpers import HEADER, post_checkin, roster_row, write_csv

PLAN = [["Khu", "Hàng", "Số ghế", "Dành cho"],
        ["A", 1, 5, "Khách mời; Lãnh đạo Ngành"], ["A", 2, 5, "Khách mời; Lãnh đạo Ngành"],
        ["B", 1, 8, ""], ["B", 2, 8, ""], ["B", 3, 8, ""], ["B", 4, 8, ""]]
DELEGATIONS = ["Đoàn BHXH tỉnh Yên Bái", "Đoàn BHXH tỉnh An Giang", "Đoàn BHXH TP Đà Nẵng"]


def congress(tmp_path):
    """4 guests (protocol order given out of file order), 3 leaders, 21 delegates of three
    delegations (two with a seat set by hand, one of them outside the plan), 2 press."""
    rows = [roster_row(n, f"Khách Mời {n}", category="Khách mời", seat="",
                       delegation="Khách mời") for n in (1, 2, 3, 4)]
    rows += [roster_row(n, f"Lãnh Đạo {n}", category="Lãnh đạo Ngành", seat="",
                        delegation="Lãnh đạo Ngành") for n in (5, 6, 7)]
    rows += [roster_row(n, f"Đại Biểu {n:02d}", seat="", delegation=DELEGATIONS[n % 3])
             for n in range(8, 29)]
    rows[8][-1] = "B01-05"  # T009, set by hand in the office's list
    rows[9][-1] = "Z09-01"  # T010, a seat the plan does not have
    rows += [roster_row(n, f"Phóng Viên {n}", category="Báo chí", seat="",
                        delegation="Báo chí") for n in (29, 30)]
    header = HEADER + ["Thứ tự nghi thức"]
    order = {"T001": 4, "T002": 1, "T003": 3, "T004": 2}
    rows = [r + [order.get(r[1], "")] for r in rows]
    return write_csv(tmp_path / "roster.csv", rows, header), \
        write_csv(tmp_path / "hoi-truong.csv", PLAN[1:], PLAN[0])


def imported(tmp_path):
    """The congress's roster imported into a new event; (its path, the plan's file)."""
    roster, plan = congress(tmp_path)
    db_path = tmp_path / "event.db"
    db = kiosk_db.connect(db_path)
    assert import_roster(db, roster).applied
    db.close()
    return db_path, plan


def test_seats_by_protocol_keep_those_set_by_hand_and_place_everyone_once(tmp_path):
    db_path, plan = imported(tmp_path)
    run = CliRunner().invoke(badges_cli, ["seats", "--db", str(db_path), "--plan", str(plan),
                                          "--assign"])
    assert run.exit_code == 0, run.output
    assert "Đã lưu sơ đồ hội trường: 42 ghế, 6 hàng, khu A, B." in run.output
    assert "T010: ghế xếp tay 'Z09-01' không có trong sơ đồ" in run.output
    db = kiosk_db.connect(db_path)
    seat = {d["code"]: d["seat"] for d in store.list_delegates(db)}
    seated = {code: s for code, s in seat.items() if s}
    assert len(set(seated.values())) == len(seated)  # nobody shares a seat
    assert {c for c in seat if not seat[c]} == {"T029", "T030"}  # the press works
    assert (seat["T009"], seat["T010"]) == ("B01-05", "Z09-01")  # by hand: kept
    # guests and leaders in one list, from the centre of the front row: the first at the
    # centre, the next at the stage's right of them (seat 2), then their left (seat 4);
    # the leaders, with no protocol order, after the guests, on from there
    assert [seat[c] for c in ("T002", "T004", "T003", "T001", "T005")] == [
        "A01-03", "A01-02", "A01-04", "A01-01", "A01-05"]
    assert [seat[c] for c in ("T006", "T007")] == ["A02-03", "A02-02"]
    # the delegates in zone B, a delegation together: in seat order, each one run, Yên
    # Bái's (Lào Cai's since 2025, around T009's seat set by hand) before Đà Nẵng's and
    # An Giang's, as the catalogue of provinces orders them
    delegates = sorted((s, c) for c, s in seated.items() if s.startswith("B") and c != "T009")
    runs = [store.delegate_by_code(db, c)["delegation"] for _, c in delegates]
    changes = sum(1 for a, b in zip(runs, runs[1:]) if a != b)
    assert changes == len(DELEGATIONS) - 1 and runs[0] == "Đoàn BHXH tỉnh Yên Bái"
    assert runs[-1] == "Đoàn BHXH tỉnh An Giang"
    # the badge's seat, every change of it in the roster's sealed log
    logged = [r[0] for r in db.execute("SELECT fields FROM roster_log WHERE kind = "
                                       "'delegate' ORDER BY seq").fetchall() if r[0]]
    assert any('"seat":"A01-03"' in f.replace(" ", "") for f in logged)
    # the desk moves a delegate by hand: kept when seats are given again
    store.update_delegate(db, store.delegate_by_code(db, "T012")["id"], {"seat": "B04-07"})
    db.conn.commit()
    db.close()
    again = CliRunner().invoke(badges_cli, ["seats", "--db", str(db_path), "--assign"])
    assert again.exit_code == 0, again.output
    db = kiosk_db.connect(db_path)
    now = {d["code"]: d["seat"] for d in store.list_delegates(db)}
    assert now["T012"] == "B04-07" and len({s for s in now.values() if s}) == len(seated)
    # the others of T012's block closed up behind it: each named with old and new seat
    shifted = [c for c in now if now[c] != seat[c] and c != "T012"]
    assert shifted and f"{len(shifted)} người đổi sang ghế khác" in again.output
    named = re.findall(r"^  (.+) \((T\d{3})\): (\S+) → (\S+)$", again.output, re.M)
    assert sorted(c for _, c, _, _ in named) == sorted(shifted)
    assert all((name, seat[c], now[c]) == (store.delegate_by_code(db, c)["name"], old, new)
               for name, c, old, new in named)
    db.close()
    verified = CliRunner().invoke(kiosk_cli, ["verify-log", "--db", str(db_path)])
    assert verified.exit_code == 0, verified.output  # the seats are what their log says


def test_a_hall_too_small_and_a_plan_with_faults_are_refused_with_reasons(tmp_path):
    db_path, _ = imported(tmp_path)
    bad = write_csv(tmp_path / "bad.csv", [["A", 1, 5, "Khách VIP"], ["A", 1, 5, ""],
                                           ["7", "x", 500, ""]], PLAN[0])
    refused = CliRunner().invoke(badges_cli, ["seats", "--db", str(db_path), "--plan",
                                              str(bad)])
    assert refused.exit_code == 1
    assert "dòng 2: thành phần 'Khách VIP' không có trong danh mục" in refused.output
    assert "dòng 4: khu '7' phải là 1-3 chữ cái" in refused.output
    small = CliRunner().invoke(badges_cli, ["seats", "--db", str(db_path), "--make", "A:1x5",
                                            "--assign"])
    assert small.exit_code == 1 and "Hội trường thiếu ghế" in small.output
    odd = CliRunner().invoke(badges_cli, ["seats", "--db", str(db_path), "--make", "A:2y5"])
    assert odd.exit_code == 1 and "không đúng dạng KHU:HÀNGxGHẾ" in odd.output


def test_the_seat_chart_shows_who_is_in_on_paper_and_on_the_ushers_screen(
        app, organiser, kdb, station_token):
    station = app.test_client()
    station.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {station_token}"
    for code in ("CN010", "CN011"):
        station.post("/api/checkins", json={"code": code, "session": "chinh-thuc",
                                            "confirm": True})
    chart = organiser.get("/api/hall?session=chinh-thuc").get_json()
    seats = {s["code"]: s for line in chart["rows"] for s in line["seats"] if s["code"]}
    assert seats["CN010"]["state"] == "present" and seats["CN012"]["state"] == "expected"
    assert seats["CN010"]["label"] == store.delegate_by_code(kdb, "CN010")["seat"]
    assert "phone" not in str(chart) and chart["counts"]["present"] == 2
    paper = organiser.get("/hall.pdf?session=chinh-thuc")
    assert paper.status_code == 200 and paper.mimetype == "application/pdf"
    pdf = pdfium.PdfDocument(io.BytesIO(paper.data))
    text = " ".join(re.sub(r"\s+", " ", pdf[i].get_textpage().get_text_range())
                    for i in range(len(pdf)))
    assert "SƠ ĐỒ CHỖ NGỒI — PHIÊN CHÍNH THỨC" in text and "SÂN KHẤU" in text
    assert f"2/{chart['counts']['expected']} người dự phiên đã vào" in text
    first = store.delegate_by_code(kdb, "CN010")["name"].split()[-1]
    assert first in text


def test_the_ushers_screen_follows_the_doors_and_finds_a_seat(browser, live_server, kdb,
                                                              station_token):
    from playwright.sync_api import expect

    from kiosk import accounts

    from helpers import log_in

    accounts.set_password(kdb, "xep-cho", "mat-khau-dai-1", "volunteer")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    log_in(page, live_server, "xep-cho", "mat-khau-dai-1", next_path="/hall")
    page.select_option("#session", "chinh-thuc")
    person = store.delegate_by_code(kdb, "CN010")
    seat = page.locator(f'.seat[data-label="{person["seat"]}"]')
    expect(seat).to_have_class(re.compile(r"\bexpected\b"))
    post_checkin(live_server, station_token, "CN010")  # the door lets them in
    expect(seat).to_have_class(re.compile(r"\bpresent\b"), timeout=5000)
    page.locator("#find").type("CN010")
    expect(seat).to_have_class(re.compile(r"\bhit\b"))
    expect(page.locator("#found")).to_contain_text(person["seat"])
    # the desk moves CN010 to an empty seat at the back: the open screen follows
    empty = page.locator(".seat.empty").last
    label = empty.get_attribute("data-label")
    was = store.delegate_by_code(kdb, "CN010")
    store.update_delegate(kdb, was["id"], dict(was, seat=label))
    kdb.conn.commit()
    moved = page.locator(f'.seat[data-label="{label}"]')
    expect(moved).to_have_class(re.compile(r"\bpresent\b"), timeout=8000)
    expect(moved).to_contain_text(person["name"])
    expect(seat).to_have_class(re.compile(r"\bempty\b"))
    context.close()


def test_organisers_save_the_plan_and_give_seats_from_the_setup_page_with_who_in_the_trail(
        organiser, kdb, tmp_path):
    """/admin/setup's hall: a plan from counts or a file, refused with its reasons and
    nothing saved; seats given by protocol keep the roster's (set by hand); the audit
    trail says who gave them and which seats changed."""
    import json

    def post(path, **kw):
        return organiser.post(path, headers={"X-CSRFToken": organiser.csrf}, **kw)

    def trail(action):
        return [dict(e, before=json.loads(e["before"] or "null"),
                     after=json.loads(e["after"] or "null"))
                for e in kiosk_db.audit_entries(kdb, action=action)]

    shown = organiser.get("/api/admin/hall").get_json()
    assert shown["seats"] == 660 and shown["by_protocol"] == 0 and shown["by_hand"] > 400
    for spec, said in (("A:0x5", "từ 1 đến 200 hàng"), ("A:2y5", "KHU:HÀNGxGHẾ"),
                       ("A:2x5,A:1x5", "Hàng 1 của khu A có hai lần")):
        refused = post("/api/admin/hall/plan", json={"make": spec})
        assert refused.status_code == 400, spec
        assert said in refused.get_json()["error"]["message"]
        assert refused.get_json()["error"]["field"] == "make"
    bad = write_csv(tmp_path / "bad.csv", [["A", 1, 5, "Khách VIP"]], PLAN[0])
    with open(bad, "rb") as f:
        refused = post("/api/admin/hall/plan",
                       data={"file": (f, "Sơ đồ hội trường.csv")}).get_json()["error"]
    assert "dòng 2: thành phần 'Khách VIP' không có trong danh mục" in refused["message"]
    assert refused["field"] == "file" and trail("hall.plan") == []
    assert organiser.get("/api/admin/hall").get_json()["seats"] == 660  # nothing saved

    # two more rows at the back; the roster's seats (B01-01 to E06-20) are all still there
    saved = post("/api/admin/hall/plan",
                 json={"make": "A:3x20,B:6x20,C:6x20,D:6x20,E:6x20,F:8x20"}).get_json()
    entry = trail("hall.plan")[0]
    assert (entry["before"]["F"], entry["after"]["F"]) == ("6 hàng, 120 ghế", "8 hàng, 160 ghế")
    assert saved["seats"] == 700 and [z["zone"] for z in saved["zones"]] == list("ABCDEF")
    assert saved["outside"] == 0 and shown["outside"] == 0
    short = post("/api/admin/hall/plan", json={"make": "A:3x20,B:6x20"}).get_json()
    behind = [d for d in kiosk_db.list_delegates(kdb) if (d["seat"] or "A")[0] not in "AB"]
    assert short["outside"] == len(behind) > 0  # said before any seat is given
    saved = post("/api/admin/hall/plan",
                 json={"make": "A:3x20,B:6x20,C:6x20,D:6x20,E:6x20,F:8x20"}).get_json()
    # three delegates whose office gave no seat: seats by protocol for them only
    freed = ["CN010", "CN011", "CN012"]
    for code in freed:
        edited = organiser.patch(f"/api/admin/delegates/{code}", json={"seat": ""},
                                 headers={"X-CSRFToken": organiser.csrf})
        assert edited.status_code == 200, edited.get_json()
    hand = {d["code"]: d["seat"] for d in kiosk_db.list_delegates(kdb) if d["seat"]}
    given = post("/api/admin/hall/assign").get_json()
    assert given["placed"] == 3 and given["kept"] == len(hand)
    assert given["unplaced"] == given["outside"] == given["twice"] == []
    now = {d["code"]: d["seat"] for d in kiosk_db.list_delegates(kdb) if d["seat"]}
    assert {c: now[c] for c in hand} == hand  # set by hand: kept
    assert len(set(now.values())) == len(now) and all(now[c] for c in freed)
    entry = trail("hall.assign")[0]
    assert (entry["actor"], entry["before"]) == ("btc", dict.fromkeys(freed))
    assert entry["after"] == {c: now[c] for c in freed}
    again = post("/api/admin/hall/assign").get_json()
    assert again["placed"] == 0 and again["hall"]["by_protocol"] == 3
    assert trail("hall.assign")[0]["after"] == {}  # pressed again: nothing moved
    assert again["moved"] == []
    # the desk seats someone by hand where the protocol had put CN010: CN010 moves, and
    # is named, since a badge printed before shows the old seat
    taken = now["CN010"]
    assert organiser.patch("/api/admin/delegates/CN020", json={"seat": taken},
                           headers={"X-CSRFToken": organiser.csrf}).status_code == 200
    third = post("/api/admin/hall/assign").get_json()
    after = {d["code"]: d["seat"] for d in kiosk_db.list_delegates(kdb) if d["seat"]}
    moved = {m["code"]: (m["was"], m["seat"]) for m in third["moved"]}
    assert moved["CN010"] == (taken, after["CN010"]) and after["CN010"] != taken
    assert moved == {c: (now[c], after[c]) for c in now if c in after and now[c] != after[c]
                     and c != "CN020"}  # every other move named, nobody else
    assert kiosk_db.delegate_by_code(kdb, "CN020")["seat"] == taken
    # their badges again, one A6 a page, showing the new seats
    codes = ",".join(moved)
    paper = organiser.get(f"/admin/badges.pdf?codes={codes}")
    assert paper.status_code == 200 and paper.mimetype == "application/pdf"
    pdf = pdfium.PdfDocument(io.BytesIO(paper.data))
    assert len(pdf) == len(moved)
    first = " ".join(pdf[0].get_textpage().get_text_range().split())
    code = next(iter(moved))
    assert code in first and after[code] in first
    assert organiser.get("/admin/badges.pdf?codes=").status_code == 400
    assert organiser.get("/admin/badges.pdf?codes=" + ",".join(["CN010"] * 201)).status_code \
        == 400
    unknown = organiser.get("/admin/badges.pdf?codes=CN010,ZZ999")
    assert unknown.status_code == 404 and "ZZ999" in unknown.get_json()["error"]["message"]


def test_an_organiser_gives_seats_on_the_setup_page(browser, live_server, kdb, tmp_path):
    """As an organiser does it: a faulty plan file picked and refused with its row, a plan
    typed as counts, "Xếp chỗ theo nghi thức" confirmed; the page says what happened."""
    from playwright.sync_api import expect

    from kiosk import accounts

    from helpers import log_in

    was = store.delegate_by_code(kdb, "CN010")
    store.update_delegate(kdb, was["id"], dict(was, seat=None))
    kdb.conn.commit()
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu", next_path="/admin/setup")
    expect(page.locator("#hall-now")).to_contain_text("tổng 660 ghế")
    form = page.locator("#hall-plan")
    bad = write_csv(tmp_path / "so-do-loi.csv", [["A", 1, 5, ""], ["A", "x", 5, ""]], PLAN[0])
    form.locator("input[type=file]").set_input_files(str(bad))
    expect(form.locator(".file-name")).to_have_text("so-do-loi.csv")
    form.locator("button[type=submit]").click()
    expect(page.locator("#hall-report")).to_contain_text("dòng 3: hàng 'x' phải là số")
    expect(page.locator("#hall-now")).to_contain_text("tổng 660 ghế")  # nothing saved
    form.locator("input[type=file]").set_input_files([])
    form.locator("input[name=make]").fill("A:3x20,B:6x20,C:6x20,D:6x20,E:6x20,F:8x20")
    form.locator("button[type=submit]").click()
    expect(page.locator("#hall-now")).to_contain_text("tổng 700 ghế")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#hall-assign")
    expect(page.locator("#hall-report")).to_contain_text(
        "Đã xếp chỗ: 1 người nhận ghế, 0 người đổi ghế")
    # who, by name and code, and where (it said "1 ghế mới hoặc đổi" and no one)
    seat = store.delegate_by_code(kdb, "CN010")["seat"]
    expect(page.locator("#hall-report")).to_contain_text(f"(CN010): ghế {seat}")
    expect(page.locator("#hall-now")).to_contain_text("1 người xếp theo nghi thức")
    assert store.delegate_by_code(kdb, "CN010")["seat"]
    context.close()
