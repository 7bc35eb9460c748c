"""The desk's log answers the filters shown, whatever order the answers come back in: a
desk that chose "Mọi kết quả" then a delegation quickly saw 420 rows of 36 delegations
under the filter "Huế" when the first answer came last (found by a tester)."""

from playwright.sync_api import expect

from helpers import log_in, post_checkin


def test_a_late_answer_to_older_filters_does_not_replace_the_newer(browser, live_server, kdb,
                                                                    station_token):
    from kiosk import accounts

    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    rows = kdb.execute("SELECT code, delegation FROM delegates WHERE category_id = 'ca-nhan'"
                       " AND active = 1 ORDER BY code LIMIT 12").fetchall()
    for code, _ in rows:
        post_checkin(live_server, station_token, code)
    chosen = rows[0][1]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu", "/admin/log")
    expect(page.locator("#log-table tbody tr")).to_have_count(12)
    other = next(d for _, d in rows if d != chosen)
    held = []
    page.route("**/api/admin/checkins?*", lambda route: held.append(route) if not held
               else route.continue_())
    page.select_option("select[name=delegation]", other)  # its answer is held back
    page.select_option("select[name=delegation]", chosen)
    mine = sum(1 for _, d in rows if d == chosen)
    expect(page.locator("#log-table tbody tr")).to_have_count(mine)
    assert held, "the first filter's request was not seen"
    late = held[0].request.url
    held[0].continue_()  # the older answer arrives last
    # the positive signal that it came and the page's code ran after it: the resource
    # timing entry of that answer, then a turn of the page's event loop
    page.wait_for_function("url => performance.getEntriesByType('resource').some("
                           "e => e.name === url && e.responseEnd > 0)", arg=late)
    page.evaluate("() => new Promise(done => setTimeout(done, 0))")
    expect(page.locator("#log-table tbody tr")).to_have_count(mine)
    assert all(chosen in row for row in page.locator("#log-table tbody tr").all_inner_texts())
    context.close()
