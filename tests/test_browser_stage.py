"""The stage screen in headless Chromium against a real hub: it follows a check-in from a
door and a batch marked handed, from the live stream, with no reload."""

from click.testing import CliRunner
from playwright.sync_api import expect
from test_ceremony import BKTTG, HCLD, honours_file

from badges.cli import main as badges_main
from kiosk import accounts

from helpers import log_in, post_checkin


def test_the_stage_screen_follows_a_check_in_and_a_batch_handed(browser, live_server, kdb,
                                                                event_path, station_token,
                                                                tmp_path):
    a, b, c = [dict(r) for r in kdb.query(
        "SELECT code, name, unit FROM delegates WHERE category_id = 'ca-nhan' ORDER BY code "
        "LIMIT 3")]
    path = honours_file(tmp_path / "khen-thuong.xlsx", [
        (HCLD, [(a["name"], a["unit"], None, a["code"]), (b["name"], b["unit"], None, b["code"])]),
        (BKTTG, [(c["name"], c["unit"], None, c["code"])])])
    assert CliRunner().invoke(badges_main, ["awards", str(path), "--db",
                                            str(event_path)]).exit_code == 0
    post_checkin(live_server, station_token, a["code"])
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu", next_path="/stage")
    page.select_option("#session", "chinh-thuc")
    now = page.locator("#now")
    expect(now).to_contain_text(f"Lượt 1 — {HCLD}")
    expect(now.locator("li")).to_have_count(1)
    expect(page.locator("#missing")).to_contain_text(b["name"])  # not in the hall yet
    expect(page.locator("#live")).to_have_class("live on")
    post_checkin(live_server, station_token, b["code"])  # the door lets B in
    expect(now.locator("li")).to_have_count(2, timeout=5000)
    expect(now).to_contain_text(b["name"])
    post_checkin(live_server, station_token, c["code"])
    expect(page.locator("#next")).to_contain_text(BKTTG, timeout=5000)
    expect(page.locator("#next")).to_contain_text(c["name"])
    page.click("#handed")  # "Đã trao — lượt tiếp theo"
    expect(now).to_contain_text(f"Lượt 2 — {BKTTG}")
    expect(page.locator("#done li")).to_have_count(1)
    expect(page.locator("#done")).to_contain_text(f"Lượt 1 — {HCLD}: 2 người")
    audit = kdb.execute("SELECT target FROM audit WHERE action = 'ceremony.handed'").fetchall()
    assert [row[0] for row in audit] == ["chinh-thuc#1"]
    context.close()


def test_the_stage_screen_names_a_proxy_and_a_presenter_without_losing_what_is_typed(
        browser, live_server, kdb, event_path, station_token, tmp_path):
    """The coordinator types a proxy's code while the doors go on checking people in: the
    screen does not redraw under their fingers; the proxy then walks for the absent."""
    a, b, c, d = [dict(r) for r in kdb.query(
        "SELECT code, name, unit FROM delegates WHERE category_id = 'ca-nhan' ORDER BY code "
        "LIMIT 4")]
    path = honours_file(tmp_path / "khen-thuong.xlsx", [
        (HCLD, [(a["name"], a["unit"], None, a["code"]), (b["name"], b["unit"], None, b["code"])])])
    assert CliRunner().invoke(badges_main, ["awards", str(path), "--db",
                                            str(event_path)]).exit_code == 0
    for code in (a["code"], c["code"]):
        post_checkin(live_server, station_token, code)
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu", next_path="/stage")
    page.select_option("#session", "chinh-thuc")
    expect(page.locator("#live")).to_have_class("live on")
    absent = page.locator("#missing li", has_text=b["name"])
    absent.locator("input[name=proxy]").click()
    page.keyboard.press("Control+A")  # another than the head of the delegation offered
    page.keyboard.type(c["code"].lower(), delay=30)
    post_checkin(live_server, station_token, d["code"])  # a door goes on meanwhile
    page.wait_for_timeout(1500)  # the stream's event has come and gone
    assert absent.locator("input[name=proxy]").input_value() == c["code"].lower()
    page.keyboard.press("Enter")
    now = page.locator("#now")
    expect(now).to_contain_text(f"(nhận thay {b['name']})")
    expect(now.locator("li")).to_have_count(2)
    now.locator("input[name=presenter]").fill("Nguyễn Thế Mạnh, Tổng Giám đốc")
    now.locator("button", has_text="Lưu người trao").click()
    expect(now.locator(".presenter")).to_have_text(
        "Đồng chí Nguyễn Thế Mạnh, Tổng Giám đốc lên trao")
    context.close()


CSTD_NGANH = "Chiến sĩ thi đua ngành Bảo hiểm xã hội"


def _three_forms(kdb, event_path, tmp_path):
    """HCLD for A and C, BKTTG for D and E, the sector's emulation fighter for F."""
    a, c, d, e, f = [dict(r) for r in kdb.query(
        "SELECT code, name, unit FROM delegates WHERE category_id = 'ca-nhan' ORDER BY code "
        "LIMIT 5")]
    path = honours_file(tmp_path / "khen-thuong.xlsx", [
        (HCLD, [(p["name"], p["unit"], None, p["code"]) for p in (a, c)]),
        (BKTTG, [(p["name"], p["unit"], None, p["code"]) for p in (d, e)]),
        (CSTD_NGANH, [(f["name"], f["unit"], None, f["code"])])])
    assert CliRunner().invoke(badges_main, ["awards", str(path), "--db",
                                            str(event_path)]).exit_code == 0
    return a, c, d, e, f


def _stage(browser, live_server, kdb, user="btc", role="organiser"):
    accounts.set_password(kdb, user, "mat-khau-thu", role)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, user, "mat-khau-thu", next_path="/stage")
    page.select_option("#session", "chinh-thuc")
    return context, page


def test_a_late_arrival_after_a_batch_is_handed_leaves_the_stage_and_the_next_alone(
        browser, live_server, kdb, event_path, station_token, tmp_path):
    """Batch 1 handed; the BKTTG batch on stage, the emulation fighters next. A holder of
    the higher HCLD and one of BKTTG come in at the door: the screen keeps both batches as
    they were and announces the supplementary batches made for the late ones."""
    a, c, d, e, f = _three_forms(kdb, event_path, tmp_path)
    for p in (a, d, f):
        post_checkin(live_server, station_token, p["code"])
    context, page = _stage(browser, live_server, kdb)
    now, next_ = page.locator("#now"), page.locator("#next")
    expect(now.locator("h3")).to_have_text(f"Lượt 1 — {HCLD}")
    expect(page.locator("#live")).to_have_class("live on")
    page.click("#handed")
    expect(now.locator("h3")).to_have_text(f"Lượt 2 — {BKTTG}")
    expect(next_.locator("h3")).to_have_text(f"Lượt 3 — {CSTD_NGANH}")
    post_checkin(live_server, station_token, c["code"])  # a late holder of a higher form
    post_checkin(live_server, station_token, e["code"])  # and one of the form on stage
    note = page.locator("#supplementary")
    expect(note).to_be_visible(timeout=5000)
    expect(note).to_have_text(
        f"Có người mới đến: thêm lượt bổ sung — {HCLD} (lượt 4, 1 người); "
        f"lượt bổ sung — {BKTTG} (lượt 5, 1 người)", timeout=5000)
    expect(now.locator("h3")).to_have_text(f"Lượt 2 — {BKTTG}")
    expect(now.locator("li")).to_have_count(1)
    expect(now.locator("li")).to_contain_text(d["name"])
    expect(next_.locator("h3")).to_have_text(f"Lượt 3 — {CSTD_NGANH}")
    expect(next_.locator("li")).to_have_count(1)
    expect(next_.locator("li")).to_contain_text(f["name"])
    expect(page.locator("#done")).to_contain_text(f"Lượt 1 — {HCLD}: 1 người")
    # two taps later the supplementary HCLD batch is on stage, by its name
    page.click("#handed")
    expect(now.locator("h3")).to_have_text(f"Lượt 3 — {CSTD_NGANH}")
    page.click("#handed")
    expect(now.locator("h3")).to_have_text(f"Lượt bổ sung — {HCLD} (lượt 4)")
    expect(now).to_contain_text(c["name"])
    context.close()


def test_a_tap_on_a_batch_that_changed_is_refused_and_the_screen_reloads(
        browser, live_server, kdb, event_path, station_token, tmp_path):
    """The screen shows A alone in batch 1; C comes in while the screen has not heard of
    it (its stream cut): the tap is refused, nothing is recorded, the screen shows A and
    C; the next tap, on what is shown, records both."""
    a, c, d, e, f = _three_forms(kdb, event_path, tmp_path)
    post_checkin(live_server, station_token, a["code"])
    context, page = _stage(browser, live_server, kdb)
    page.route("**/api/stream*", lambda route: route.abort())  # deaf to the doors
    page.reload()
    page.select_option("#session", "chinh-thuc")
    now = page.locator("#now")
    expect(now.locator("li")).to_have_count(1)
    post_checkin(live_server, station_token, c["code"])
    page.click("#handed")
    error = page.locator("#stage-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Lượt 1 (Huân chương Lao động hạng Ba) đã thay đổi")
    expect(now.locator("li")).to_have_count(2)  # reloaded: C is in the batch now
    assert kdb.execute("SELECT COUNT(*) FROM awards_handed").fetchone()[0] == 0
    page.click("#handed")
    expect(now).to_contain_text("Không còn lượt nào chờ trao.")
    handed = kdb.execute("SELECT COUNT(*) FROM awards_handed").fetchone()[0]
    assert handed == 2
    context.close()


def test_a_viewer_s_stage_screen_counts_the_absent_without_names(
        browser, live_server, kdb, event_path, station_token, tmp_path):
    a, c, d, e, f = _three_forms(kdb, event_path, tmp_path)
    for p in (a, d, f):
        post_checkin(live_server, station_token, p["code"])
    context, page = _stage(browser, live_server, kdb, "xem", "viewer")
    expect(page.locator("#now h3")).to_have_text(f"Lượt 1 — {HCLD}")
    expect(page.locator("#missing-count")).to_have_text("(2)")
    expect(page.locator("#missing li")).to_have_text([f"{HCLD}: 1 người vắng",
                                                      f"{BKTTG}: 1 người vắng"])
    text = page.locator("main").inner_text()
    assert c["name"] not in text and e["name"] not in text
    assert page.locator("#handed").count() == 0
    context.close()
