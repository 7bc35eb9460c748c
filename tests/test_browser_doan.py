"""A delegation head's phone in headless Chromium at 390×844, against a real hub: opened by
its delegation's link, it follows a member's check-in from the stream, asks for a
substitute, which an organiser then approves on /admin; the page passes axe, nothing is
too small or too wide; a revoked link says so on the phone."""

from urllib.parse import urlsplit

from click.testing import CliRunner
from playwright.sync_api import expect

from kiosk import accounts
from kiosk import db as store
from kiosk.cli import main

from eyes import axe, smaller_than, too_wide
from helpers import log_in, post_checkin

PHONE = {"width": 390, "height": 844}


def test_a_heads_phone_follows_a_check_in_and_asks_for_a_substitute(browser, live_server, kdb,
                                                                    event_path, tmp_path):
    made = CliRunner().invoke(main, ["delegation-links", "--db", str(event_path), "--base",
                                     live_server, "--out", str(tmp_path / "qr")])
    assert made.exit_code == 0, made.output
    links = dict(line.split("\t") for line in made.output.strip().splitlines())
    mine = "Đoàn BHXH tỉnh Nghệ An"
    token = accounts.issue_station_token(kdb, "cua-1")
    context = browser.new_context(viewport=PHONE, is_mobile=True, bypass_csp=True)
    page = context.new_page()
    page.goto(links[mine])
    assert urlsplit(page.url).path == "/doan"  # the secret left the address bar
    expect(page.locator("#live")).to_have_text("Trực tiếp")
    members = page.locator("#members .member")
    expect(members).to_have_count(len(store.members(kdb, mine)))
    assert axe(page) == []
    assert smaller_than(page, 12) == [] and too_wide(page) == []

    seen = page.evaluate("fetch('/api/delegation').then(r => r.json())")
    member = next(m for m in seen["members"] if seen["session"] in m["summoned"])
    card = page.locator(f".member[data-code='{member['code']}']")
    expect(card.locator(".state")).to_have_text("Chưa đến")
    post_checkin(live_server, token, member["code"], session=seen["session"])
    expect(card.locator(".state")).to_contain_text("Đã vào hội trường", timeout=5000)
    expect(card).to_have_class("member in")

    replaced = next(m for m in seen["members"] if m["code"] != member["code"])
    form = page.locator("#substitute-form")
    form.get_by_label("Thay cho").select_option(replaced["code"])
    form.get_by_label("Họ và tên người thay").fill("Hoàng Thị Thay")
    form.get_by_label("Chức vụ").fill("Trưởng phòng")
    form.get_by_label("Lý do").fill("Ốm, đơn vị cử người đi thay")
    form.get_by_role("button", name="Gửi đề nghị thay thế").click()
    expect(form.locator(".said")).to_have_text("Đã gửi đề nghị; bàn hỗ trợ sẽ duyệt.")
    waiting = page.locator(f".member[data-code='{replaced['code']}'] .sub")
    expect(waiting).to_contain_text("Hoàng Thị Thay — chờ Ban Tổ chức duyệt")
    assert axe(page) == []

    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    desk = browser.new_context(viewport={"width": 1280, "height": 800})
    admin = desk.new_page()
    log_in(admin, live_server, "btc", "mat-khau-thu", "/admin")
    asked = admin.locator("#substitutions li", has_text="Hoàng Thị Thay")
    expect(asked).to_contain_text(f"đề nghị bởi {mine}")
    with desk.expect_page():  # the substitute's badge opens for printing
        asked.locator("button.approve").click()
    expect(admin.locator("#admin-message")).to_contain_text("Đã duyệt: Hoàng Thị Thay thay")
    desk.close()
    assert not store.delegate_by_code(kdb, replaced["code"])["active"]

    page.reload()
    expect(page.locator("#members")).to_contain_text("Hoàng Thị Thay")
    expect(page.locator(f".member[data-code='{replaced['code']}']")).to_have_count(0)
    CliRunner().invoke(main, ["delegation-links", "--db", str(event_path), "--revoke", mine])
    expect(page.locator("#lost")).to_be_visible(timeout=6000)
    assert axe(page) == []
    context.close()
