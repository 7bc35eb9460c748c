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


def test_the_desk_marks_a_delegations_documents_handed_from_the_dashboard(browser, live_server,
                                                                         kdb):
    """The desk marks a delegation's documents handed (issue 31 item 4: "at the desk or by
    the head"): the desk had only the API. Typed as a person types, refused beyond what is
    due, then recorded, and what is left goes down."""
    from kiosk import accounts
    from kiosk.services import documents, lookups

    accounts.set_password(kdb, "banhotro", "mat-khau-ban", "desk")
    made = documents.add_item(kdb, "Cờ lưu niệm", "delegation", 40, ("btc", "organiser"))
    chosen = lookups.delegations(kdb)[3]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, "banhotro", "mat-khau-ban")
    row = page.locator(f"#documents tbody tr[data-item='{made['id']}']")
    expect(row.locator("td").last).to_have_text(str(documents.items(kdb)[0]["remaining"]))
    left = int(row.locator("td").last.inner_text())
    form = page.locator("#documents-hand")
    form.locator("select[name=delegation]").select_option(chosen)
    form.locator("input[name=count]").click()
    page.keyboard.type("2")
    form.locator("input[name=received_by]").click()
    page.keyboard.type("Nguyễn Văn Nhận")
    form.get_by_role("button", name="Ghi đã phát").click()
    expect(page.locator("#documents-message")).to_contain_text("chỉ còn được nhận 1")
    assert kdb.execute("SELECT COUNT(*) FROM document_handouts").fetchone()[0] == 0
    form.locator("input[name=count]").click(click_count=3)
    page.keyboard.press("Backspace")  # none: all that is still due
    form.get_by_role("button", name="Ghi đã phát").click()
    expect(page.locator("#documents-message")).to_contain_text(f"Đã ghi: {chosen} nhận 1 Cờ")
    expect(row.locator("td").last).to_have_text(str(left - 1))
    assert kdb.execute("SELECT delegation, count, received_by FROM document_handouts"
                       ).fetchall() == [(chosen, 1, "Nguyễn Văn Nhận")]
    roll = page.locator("#documents-roll")
    assert "delegation=" in roll.get_attribute("href")

    # marked by mistake: taken back, with its reason, and what is left grows back
    handed = page.locator("#documents-handouts li", has_text="Cờ lưu niệm × 1")
    expect(handed).to_contain_text("người nhận: Nguyễn Văn Nhận")
    page.once("dialog", lambda dialog: dialog.accept("bấm nhầm đoàn"))
    handed.get_by_role("button", name="Hủy lượt này").click()
    expect(page.locator("#documents-message")).to_contain_text("Đã hủy lượt phát Cờ lưu niệm")
    expect(row.locator("td").last).to_have_text(str(left))
    expect(page.locator("#documents-handouts li")).to_have_text(["Chưa phát gì cho đoàn này."])
    assert kdb.execute("SELECT COUNT(*) FROM document_handouts").fetchone()[0] == 0
    assert kdb.execute("SELECT note FROM audit WHERE action = 'documents.undo'"
                       ).fetchall() == [("bấm nhầm đoàn",)]
    context.close()
