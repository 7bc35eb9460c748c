"""The kiosks' rehearsal (diễn tập): while it is on, check-ins go to a session of its
own that counts nowhere else; every open screen follows and says so; organisers clear it
in one action; a page that missed the end is refused, not recorded."""

from click.testing import CliRunner
from playwright.sync_api import expect

from badges import db as badges_db
from kiosk import accounts
from kiosk import db as store
from kiosk.cli import main
from kiosk.reports import tally

from helpers import badge_payload, log_in, login_form


def organiser_post(client, path, body=None):
    return client.post(path, json=body or {}, headers={"X-CSRFToken": client.csrf})



def test_rehearsal_check_ins_are_kept_apart_and_cleared_in_one_action(organiser, door, kdb):
    assert organiser_post(organiser, "/api/admin/rehearsal", {"on": True}).get_json()["on"]
    # a kiosk sending no session, or the rehearsal's: both go to the rehearsal
    first = door.post("/api/checkins", json={"code": badge_payload(kdb, "CN101")}).get_json()
    assert first["result"] == "ok" and first["stats"]["session"] == store.REHEARSAL, first
    second = door.post("/api/checkins", json={"code": badge_payload(kdb, "CN102"),
                                                 "session": store.REHEARSAL}).get_json()
    assert second["result"] == "ok"
    assert door.get("/api/stats").get_json()["present"] == 2
    # nothing of it in the real sessions, their counts, or the credentials report
    for real_session in ("tru-bi", "chinh-thuc"):
        assert organiser.get(f"/api/dashboard?session={real_session}").get_json()["present"] == 0
        assert tally.compute(kdb, real_session).present == 0
    assert store.REHEARSAL not in {s["id"] for s in badges_db.list_sessions(kdb)}
    # the same delegate comes for real: not "already checked in"
    real = door.post("/api/checkins", json={"code": badge_payload(kdb, "CN101"),
                                               "session": "chinh-thuc"}).get_json()
    assert real["result"] == "ok", real
    state = organiser.get("/api/admin/rehearsal").get_json()
    assert state == {"on": True, "session": store.REHEARSAL, "held": 2}
    # cleared in one action: undo rows in the log, nothing deleted, the real one kept
    log_size = kdb.execute("SELECT COUNT(*) FROM checkins").fetchone()[0]
    cleared = organiser_post(organiser, "/api/admin/rehearsal/clear").get_json()
    assert cleared["cleared"] == 2 and cleared["held"] == 0
    undos = kdb.execute("SELECT reason FROM checkins WHERE kind = 'undo'").fetchall()
    assert [u[0] for u in undos] == ["Xóa lượt diễn tập"] * 2
    assert kdb.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] == log_size + 2
    assert store.count_present(kdb, "chinh-thuc") == 1
    # off: back to the programme; a page that has not heard yet is refused, not recorded
    assert not organiser_post(organiser, "/api/admin/rehearsal", {"on": False}).get_json()["on"]
    late = door.post("/api/checkins", json={"code": badge_payload(kdb, "CN103"),
                                               "session": store.REHEARSAL})
    assert late.status_code == 400 and late.get_json()["error"]["reason"] == "rehearsal_over"
    assert "KHÔNG được ghi" in late.get_json()["error"]["message"]
    assert store.count_present(kdb, store.REHEARSAL) == 0
    assert door.get("/api/stats").get_json()["session"] != store.REHEARSAL


def test_only_organisers_turn_the_rehearsal_and_bad_input_is_refused(organiser, app, kdb):
    accounts.set_password(kdb, "ban-ho-tro", "mat-khau-dai-1", "desk")
    desk = app.test_client()
    login_form(desk, "ban-ho-tro", "mat-khau-dai-1", address="10.0.0.9")
    assert desk.get("/api/admin/rehearsal").status_code == 200
    page = desk.get("/admin").get_data(as_text=True)
    assert 'id="rehearsal-on"' not in page  # the desk sees no switch
    bad = organiser_post(organiser, "/api/admin/rehearsal", {"on": "yes"})
    assert bad.status_code == 400
    assert "true (bật) hoặc false (tắt)" in bad.get_json()["error"]["message"]
    assert not store.rehearsal_on(kdb)


def test_kiosk_rehearsal_command(event_path, kdb, door):
    runner = CliRunner()
    on = runner.invoke(main, ["rehearsal", "on", "--db", str(event_path)])
    assert on.exit_code == 0 and "đang diễn tập" in on.output
    assert door.post("/api/checkins",
                        json={"code": badge_payload(kdb, "KM001")}).get_json()["result"] == "ok"
    cleared = runner.invoke(main, ["rehearsal", "clear", "--db", str(event_path)])
    assert "Đã xóa 1 lượt diễn tập" in cleared.output and "còn giữ 0" in cleared.output
    off = runner.invoke(main, ["rehearsal", "off", "--db", str(event_path)])
    assert "không diễn tập" in off.output
    assert runner.invoke(main, ["rehearsal", "maybe", "--db", str(event_path)]).exit_code == 2


def test_open_screens_follow_the_rehearsal_and_say_so(browser, live_server, kdb, kiosk_page):
    kiosk = kiosk_page
    expect(kiosk.locator("#rehearsal-banner")).to_be_hidden()
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    desk = context.new_page()
    desk.on("dialog", lambda dialog: dialog.accept())
    log_in(desk, live_server, "btc", "mat-khau-thu", next_path="/admin")
    expect(desk.locator("#rehearsal-state")).to_contain_text("Không diễn tập")
    desk.click("#rehearsal-on")
    expect(desk.locator("#rehearsal-state")).to_contain_text("ĐANG DIỄN TẬP")
    # the open kiosk hears it by its stream, switches and says so
    expect(kiosk.locator("#rehearsal-banner")).to_be_visible(timeout=8000)
    expect(kiosk.locator("#session")).to_have_value(store.REHEARSAL)
    kiosk.locator("#code").focus()
    kiosk.keyboard.type(badge_payload(kdb, "CN210") + "\n", delay=5)
    expect(kiosk.locator("#status")).to_have_class("status ok")
    assert store.count_present(kdb, store.REHEARSAL) == 1
    assert store.count_present(kdb, "chinh-thuc") == 0 and store.count_present(kdb, "tru-bi") == 0
    desk.reload()
    expect(desk.locator("#rehearsal-state")).to_contain_text("Đang giữ 1 lượt")
    desk.click("#rehearsal-clear")
    expect(desk.locator("#admin-message")).to_contain_text("Đã xóa 1 lượt diễn tập")
    desk.click("#rehearsal-off")
    expect(kiosk.locator("#rehearsal-banner")).to_be_hidden(timeout=8000)
    expect(kiosk.locator("#session")).not_to_have_value(store.REHEARSAL)
    # a page that missed the news still sends to the rehearsal: grey, not recorded, the
    # code kept to be sent again
    kiosk.evaluate("""() => { const s = document.getElementById('session');
        s.add(new Option('Diễn tập', 'dien-tap')); s.value = 'dien-tap'; }""")
    payload = badge_payload(kdb, "CN209")
    kiosk.locator("#code").focus()
    kiosk.keyboard.type(payload + "\n", delay=2)
    expect(kiosk.locator("#status")).to_have_class("status grey")
    expect(kiosk.locator("#status-label")).to_have_text("Chưa ghi nhận — quét lại")
    expect(kiosk.locator("#code")).to_have_value(payload)
    assert store.count_present(kdb, store.REHEARSAL) == 0
    context.close()
