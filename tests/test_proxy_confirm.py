"""A proxy by the book (issue 27, item 6): one who has not checked in to the session is
not accepted without the desk's confirmation, asked in words that name them; the hard
rules (a proxy walks once in a form's batches) stand even when confirmed. The stage
screen asks on the page and resends with the confirmation, and offers the head of the
recipient's delegation first (to the desk and the organisers only)."""

from click.testing import CliRunner
from playwright.sync_api import expect
from test_browser_stage import _stage
from test_ceremony import outsider
from test_ceremony_stage import arrive, award_of, three_forms  # noqa: F401 (a fixture)

from kiosk import accounts
from kiosk.cli import main as kiosk_main

from helpers import login_form


def absent(client, kdb, code, proxy, **extra):
    return client.post(f"/api/ceremony/awards/{award_of(kdb, code)}/absent",
                       json={"proxy": proxy, "session": "chinh-thuc", **extra},
                       headers={"X-CSRFToken": client.csrf})


def decided(kdb) -> list:
    return [tuple(r) for r in kdb.execute(
        "SELECT d.code, p.code FROM award_absences x JOIN awards a ON a.id = x.award_id "
        "JOIN delegates d ON d.id = a.delegate_id LEFT JOIN delegates p ON p.id = x.proxy_id")]


def test_a_proxy_not_checked_in_is_asked_about_then_accepted_when_confirmed(
        three_forms, kdb, organiser):  # noqa: F811
    away = three_forms["bkttg"][3]  # not in the hall
    stranger = dict(outsider(kdb))  # names no award, has not checked in
    asked = absent(organiser, kdb, away["code"], stranger["code"])
    error = asked.get_json()["error"]
    assert asked.status_code == 409 and error["reason"] == "not_checked_in"
    assert error["field"] == "proxy"
    assert stranger["name"] in error["message"] and "chưa điểm danh" in error["message"]
    assert decided(kdb) == []  # nothing written while asking
    assert kdb.execute("SELECT COUNT(*) FROM audit WHERE action = 'award.absent'"
                       ).fetchone()[0] == 0
    wrong = absent(organiser, kdb, away["code"], stranger["code"], confirm="có")
    assert wrong.status_code == 400 and wrong.get_json()["error"]["field"] == "confirm"
    sure = absent(organiser, kdb, away["code"], stranger["code"], confirm=True)
    assert sure.status_code == 200, sure.get_json()
    assert decided(kdb) == [(away["code"], stranger["code"])]
    note = kdb.execute("SELECT note FROM audit WHERE action = 'award.absent'").fetchone()[0]
    assert "chưa điểm danh" in note


def test_a_proxy_in_the_hall_needs_no_confirmation_and_walking_twice_is_refused_anyway(
        three_forms, kdb, organiser):  # noqa: F811
    hcld, bkttg = three_forms["hcld"], three_forms["bkttg"]
    here = absent(organiser, kdb, hcld[2]["code"], bkttg[0]["code"])  # checked in, other form
    assert here.status_code == 200, here.get_json()
    # a recipient of the same form walks once, confirmed or not
    twice = absent(organiser, kdb, bkttg[3]["code"], bkttg[0]["code"], confirm=True)
    assert twice.status_code == 409 and twice.get_json()["error"]["reason"] == "conflict"
    assert decided(kdb) == [(hcld[2]["code"], bkttg[0]["code"])]


def test_the_stage_screen_asks_on_the_page_before_a_proxy_not_checked_in_walks(
        browser, live_server, kdb, three_forms):  # noqa: F811
    away = three_forms["bkttg"][3]
    stranger = dict(outsider(kdb))
    context, page = _stage(browser, live_server, kdb, "banhotro", "desk")
    item = page.locator("#missing li", has_text=away["name"])
    item.locator("input[name=proxy]").fill(stranger["code"])
    item.locator("input[name=proxy]").press("Enter")
    ask = page.get_by_role("alertdialog")
    expect(ask).to_be_visible()
    expect(ask).to_contain_text(f"{stranger['name']} ({stranger['code']}) chưa điểm danh")
    page.get_by_role("button", name="Chọn người khác").click()  # thought better of it
    expect(ask).to_be_hidden()
    assert decided(kdb) == []
    item.locator("input[name=proxy]").fill(stranger["code"])
    item.locator("input[name=proxy]").press("Enter")
    page.get_by_role("button", name="Vẫn chọn người này nhận thay").click()
    expect(ask).to_be_hidden()
    expect(page.locator("#missing li", has_text=away["name"])).to_contain_text(
        f"người nhận thay {stranger['name']} chưa có mặt")
    assert decided(kdb) == [(away["code"], stranger["code"])]
    context.close()


def _head_of(kdb, event_path, recipient, present=True) -> dict:
    """A delegate of `recipient`'s delegation (not on the honours list) made its head with
    `kiosk delegation-head`, checked in when `present`."""
    head = dict(next(iter(kdb.query(
        "SELECT code, name FROM delegates WHERE delegation = (SELECT delegation FROM "
        "delegates WHERE code = ?) AND id NOT IN (SELECT delegate_id FROM awards) "
        "ORDER BY code LIMIT 1", [recipient["code"]]))))
    made = CliRunner().invoke(kiosk_main, ["delegation-head", "--db", str(event_path),
                                           head["code"]])
    assert made.exit_code == 0, made.output
    if present:
        arrive(kdb, head)
    return head


def test_the_desk_is_offered_the_head_of_the_recipient_s_delegation_and_a_viewer_is_not(
        three_forms, kdb, event_path, organiser, app):  # noqa: F811
    away = three_forms["bkttg"][3]
    head = _head_of(kdb, event_path, away, present=False)
    made = organiser.get("/api/ceremony?session=chinh-thuc").get_json()
    offered = {a["code"]: a["head"] for a in made["not_present"]}
    assert offered[away["code"]] == {"code": head["code"], "name": head["name"]}
    accounts.set_password(kdb, "xem", "mat-khau-xem", "viewer")
    viewer = app.test_client()
    assert login_form(viewer, "xem", "mat-khau-xem").status_code == 302
    seen = viewer.get("/api/ceremony?session=chinh-thuc").get_json()
    assert isinstance(seen["not_present"], int) and head["code"] not in str(seen)


def test_the_stage_screen_offers_the_head_as_proxy_and_the_desk_may_keep_it(
        browser, live_server, kdb, event_path, three_forms):  # noqa: F811
    away = three_forms["bkttg"][3]
    head = _head_of(kdb, event_path, away)
    context, page = _stage(browser, live_server, kdb, "banhotro", "desk")
    item = page.locator("#missing li", has_text=away["name"])
    expect(item).to_contain_text(f"Trưởng đoàn {head['name']}")
    field = item.locator("input[name=proxy]")
    expect(field).to_have_value(head["code"])  # offered, still editable
    field.press("Enter")  # the head is in the hall: no question asked
    expect(page.locator("#next")).to_contain_text(f"(nhận thay {away['name']})")
    assert decided(kdb) == [(away["code"], head["code"])]
    context.close()
