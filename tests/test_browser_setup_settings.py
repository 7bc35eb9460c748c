"""The organisers set the report's kind and the presidium on /admin/setup as they would
(issues 27 item 8, 30 item 2): clicking and typing in headless Chromium against a real
hub, never focusing by script. The printed report then carries the chosen title and
article, the MC's screen lists the presidium in the order set, and a bad rule is refused
with its field marked and nothing written."""

import re

import pypdfium2 as pdfium
from playwright.sync_api import expect

from kiosk import accounts
from kiosk import db as store
from kiosk.services import mc

from helpers import log_in


def leaders(kdb, n) -> list:
    rows = [d for d in store.list_delegates(kdb) if d["category_id"] == "lanh-dao"]
    return sorted(rows, key=lambda d: d["code"])[:n]


def pick(page, person, body):
    """Typed into the presidium's search as a person types (a click, then keys), the
    person found, added to `body` by its button."""
    find = page.locator("#presidium-find")
    find.click(click_count=3)
    page.keyboard.type(person["code"], delay=5)
    found = page.locator(f"#presidium-found li[data-code='{person['code']}']")
    found.get_by_role("button", name=f"Thêm vào {body}").click()


def test_an_organiser_sets_the_report_kind_and_the_presidium_on_the_page(browser, live_server,
                                                                         kdb):
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu", "/admin/setup")
    message = page.locator("#setup-message")

    # a quorum written wrong: refused, its field marked, nothing kept
    report = page.locator("#report-settings")
    expect(report.locator("input[name=quorum]")).to_have_value(">1/2")
    report.locator("input[name=quorum]").click(click_count=3)
    page.keyboard.type("một nửa")
    report.get_by_role("button", name="Lưu báo cáo và biểu quyết").click()
    expect(message).to_contain_text("Tỷ lệ đại biểu có mặt để Đại hội tiến hành")
    expect(message).to_be_in_viewport()  # said where the organiser is, not pages above
    expect(report.locator("input[name=quorum].bad")).to_be_visible()
    assert store.get_settings(kdb)["quorum"] == ">1/2"

    # the credentials committee's report, citing article 7 of the rules
    report.locator("input[name=quorum]").click(click_count=3)
    page.keyboard.type("trên 1/2")
    report.get_by_label("Kết quả thẩm tra tư cách đại biểu").check()
    report.locator("input[name=rules_article]").click()
    page.keyboard.type("Điều 7")
    report.get_by_role("button", name="Lưu báo cáo và biểu quyết").click()
    expect(message).to_contain_text("Đã lưu loại báo cáo")
    pdf = page.request.get(f"{live_server}/dashboard/export?format=pdf&session=tru-bi")
    assert pdf.ok
    text = " ".join(" ".join(p.get_textpage().get_text_range()
                             for p in pdfium.PdfDocument(pdf.body())).split())
    assert re.search("kết quả thẩm tra tư cách đại biểu", text, re.I)
    assert "Thành phần, cơ cấu, chất lượng đại biểu dự Đại hội" not in text
    assert "Điều 7" in text

    # the presidium: two leaders, the second moved first; one secretary
    first, second, secretary = leaders(kdb, 3)
    pick(page, first, "Đoàn Chủ tịch")
    pick(page, second, "Đoàn Chủ tịch")
    pick(page, secretary, "Đoàn Thư ký")
    page.get_by_role("button", name=f"Đưa {second['name']} lên trên").click()
    expect(page.locator("#presidium-chu-tich li")).to_have_count(2)
    expect(page.locator("#presidium-chu-tich li").first).to_contain_text(second["name"])
    page.get_by_role("button", name="Lưu Đoàn Chủ tịch, Đoàn Thư ký").click()
    expect(message).to_contain_text("Đã lưu Đoàn Chủ tịch (2 người) và Đoàn Thư ký (1 người)")
    kept = mc.presidium(kdb)
    assert [m["code"] for m in kept["chu-tich"]] == [second["code"], first["code"]]
    assert [m["code"] for m in kept["thu-ky"]] == [secretary["code"]]

    # what the MC sees: the presidium in that order
    page.goto(f"{live_server}/mc")
    expect(page.locator("#chu-tich li")).to_have_count(2)
    expect(page.locator("#chu-tich li").nth(0)).to_have_attribute("data-code", second["code"])
    expect(page.locator("#chu-tich li").nth(1)).to_have_attribute("data-code", first["code"])
    actions = {e["action"] for e in store.audit_entries(kdb) if e["actor"] == "btc"}
    assert {"settings.set", "presidium.set"} <= actions
    context.close()


def test_the_setup_page_says_a_presidium_member_was_withdrawn_since(browser, live_server, kdb):
    """A member the desk withdrew after the presidium was set is left out of its lists and
    plates; the organiser opening the setup page is told who, to choose someone else."""
    from kiosk.services import people

    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    first, second = leaders(kdb, 2)
    mc.set_presidium(kdb, {"chu-tich": [first["code"], second["code"]]}, ("btc", "organiser"))
    people.withdraw(kdb, second["code"], "ốm", ("ban-ho-tro", "desk"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu", "/admin/setup")
    expect(page.locator("#setup-message")).to_contain_text(
        f"{second['name']} ({second['code']}, Đoàn Chủ tịch) đã rút")
    expect(page.locator("#presidium-chu-tich li")).to_have_count(1)
    context.close()
