"""A delegation head's phone in headless Chromium at 390×844, against a real hub: opened by
its delegation's link, it follows a member's check-in from the stream, taps "Đã nhận" for
the delegation's documents, asks for a substitute, which an organiser then approves on
/admin, and sees the outcome without reloading; the organisers' dashboard shows what
remains to hand out; the page passes axe, nothing is too small or too wide; a revoked
link says so on the phone. The head taps "Đã nhận" on an award kept for handover, sees it
marked, and the desk's handover roll read back names them."""

from urllib.parse import urlsplit

from click.testing import CliRunner
from playwright.sync_api import expect
from test_head_signs_awards import ceremony, roll_text  # noqa: F401 (a fixture)

from kiosk import accounts
from kiosk import db as store
from kiosk.cli import main
from kiosk.services import lookups

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
    book = CliRunner().invoke(main, ["documents", "--db", str(event_path), "--add",
                                     "Kỷ yếu Đại hội", "--per", "delegate", "--count", "600"])
    assert book.exit_code == 0, book.output
    token = accounts.issue_station_token(kdb, "cua-1")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  bypass_csp=True)
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

    size = len(store.members(kdb, mine))
    document = page.locator("#documents .document", has_text="Kỷ yếu Đại hội")
    expect(document).to_contain_text(f"Mỗi đại biểu: đã nhận 0/{size}")
    document.get_by_role("button", name="Đã nhận").tap()
    expect(page.locator("#documents-said")).to_have_text("Đã ghi: đoàn đã nhận Kỷ yếu Đại hội.")
    head = lookups.delegation_head(kdb, mine)["name"]  # the roster's "Trưởng đoàn"
    expect(document).to_contain_text(f"đã nhận {size}/{size} — người nhận: {head} (Trưởng đoàn)")
    expect(document.get_by_role("button", name="Đã nhận")).to_have_count(0)
    assert kdb.execute("SELECT delegation, count FROM document_handouts").fetchall() == \
        [(mine, size)]

    replaced = next(m for m in seen["members"] if m["code"] != member["code"])
    form = page.locator("#substitute-form")
    form.get_by_label("Thay cho").select_option(replaced["code"])
    for label, typed in (("Họ và tên người thay", "Hoàng Thị Thay"), ("Chức vụ", "Trưởng phòng"),
                         ("Lý do", "Ốm, đơn vị cử người đi thay")):
        form.get_by_label(label).tap()  # a thumb on the field, then the phone's keyboard
        page.keyboard.type(typed, delay=5)
    form.get_by_role("button", name="Gửi đề nghị thay thế").tap()
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
    assert not store.delegate_by_code(kdb, replaced["code"])["active"]

    # the phone hears of the approval from the stream (the roster moved), not a reload
    expect(page.locator("#members")).to_contain_text("Hoàng Thị Thay", timeout=5000)
    expect(page.locator(f".member[data-code='{replaced['code']}']")).to_have_count(0)

    admin.goto(f"{live_server}/dashboard")  # what remains to hand out, for the organisers
    due = sum(len(store.members(kdb, d)) for d in store.delegations(kdb))
    row = admin.locator("#documents tr", has_text="Kỷ yếu Đại hội")
    expect(row.locator("td")).to_have_text(["Kỷ yếu Đại hội", "Mỗi đại biểu", "600", str(due),
                                            str(size), str(due - size)])
    desk.close()
    CliRunner().invoke(main, ["delegation-links", "--db", str(event_path), "--revoke", mine])
    expect(page.locator("#lost")).to_be_visible(timeout=6000)
    assert axe(page) == []
    context.close()


def test_the_head_taps_received_on_a_kept_award_and_the_roll_names_them(
        browser, live_server, kdb, event_path, tmp_path, organiser,
        ceremony):  # noqa: F811
    mine, _, ids = ceremony
    made = CliRunner().invoke(main, ["delegation-links", "--db", str(event_path), "--base",
                                     live_server, "--out", str(tmp_path / "qr")])
    assert made.exit_code == 0, made.output
    links = dict(line.split("\t") for line in made.output.strip().splitlines())
    head = lookups.delegation_head(kdb, mine)
    signer = f"{head['name']} (Trưởng đoàn)" if head else f"Trưởng đoàn {mine}"
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  bypass_csp=True)
    page = context.new_page()
    page.goto(links[mine])
    kept = page.locator(f"#awards .award[data-award='{ids['kept']}']")
    expect(kept.locator(".state")).to_have_text("Giữ lại, chờ bàn giao cho đoàn")
    for state in ("on_stage", "proxy", "waiting"):  # nothing to sign for those
        row = page.locator(f"#awards .award[data-award='{ids[state]}']")
        expect(row.get_by_role("button", name="Đã nhận")).to_have_count(0)
    assert axe(page) == [] and too_wide(page) == []
    assert smaller_than(page, 12, "#awards") == []
    desk = browser.new_context(viewport={"width": 1280, "height": 800})
    stage = desk.new_page()  # the stage screen, open at the desk while the head signs
    log_in(stage, live_server, "btc", "mat-khau-thu", next_path="/stage")
    stage.select_option("#session", "chinh-thuc")
    name = kdb.execute("SELECT d.name FROM awards a JOIN delegates d ON d.id = a.delegate_id "
                       "WHERE a.id = ?", [ids["kept"]]).fetchone()[0]
    at_desk = stage.locator("#missing li", has_text=name)
    expect(at_desk).to_contain_text("giữ lại để trao sau")
    expect(at_desk).not_to_contain_text("đã bàn giao")

    kept.get_by_role("button", name="Đã nhận").tap()
    expect(page.locator("#awards-said")).to_contain_text("Đã ký nhận Bằng khen của Tổng Giám "
                                                         "đốc Bảo hiểm xã hội Việt Nam")
    expect(kept.locator(".state")).to_have_text(f"Đã bàn giao cho đoàn ({signer})")
    expect(kept.get_by_role("button", name="Đã nhận")).to_have_count(0)
    assert kdb.execute("SELECT received_by FROM award_handovers WHERE award_id = ?",
                       [ids["kept"]]).fetchall() == [(signer,)]
    assert axe(page) == []
    assert signer in roll_text(organiser, mine)  # the desk's handover roll, read back
    # the stage screen hears of it from the stream (the ceremony moved), not a reload
    expect(at_desk).to_contain_text(f"đã bàn giao cho {signer}", timeout=5000)
    desk.close()
    context.close()
