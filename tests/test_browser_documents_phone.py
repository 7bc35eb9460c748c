"""The documents left to hand out, read on an organiser's phone: the table fits its box
(a 120-character item's name made it 1,222 px wide at 390 px, names cut and the figures
out of sight until one panned sideways; found by a tester)."""

from playwright.sync_api import expect

from helpers import log_in

LONG = ("Bộ tài liệu Đại hội gồm báo cáo chính trị, báo cáo kiểm điểm, chương trình hành động "
        "và danh sách khen thưởng")


def test_the_documents_table_fits_a_phone(browser, live_server, kdb):
    from kiosk import accounts
    from kiosk.services import documents

    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    documents.add_item(kdb, LONG, "delegation", 40, ("btc", "organiser"))
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu")
    row = page.locator("#documents tbody tr").first
    expect(row).to_contain_text("Bộ tài liệu Đại hội")
    box = page.locator("section.documents")
    widths = box.evaluate("s => [s.scrollWidth, s.clientWidth]")
    assert widths[0] <= widths[1] + 1, widths
    expect(row.locator("td").last).to_be_visible()  # what is left, without panning
    context.close()
