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
