"""Signing in goes where the role works (issue 26, item 5): organiser and desk to the help
desk, a volunteer to the kiosk, a viewer to the projector, a `next` within the site
first; the organisers' and the desk's pages carry a bar of the pages that role may open,
the page shown marked, and only those."""

import re

import pytest

from kiosk import accounts

from helpers import login_form

HOME = {"organiser": "/admin", "desk": "/admin", "volunteer": "/kiosk", "viewer": "/projector"}
PAGES = {"/admin": "Bàn hỗ trợ", "/dashboard": "Bảng điều khiển", "/stage": "Sân khấu",
         "/mc": "Dẫn chương trình", "/hall": "Sơ đồ chỗ ngồi", "/admin/log": "Nhật ký",
         "/admin/paper": "Danh sách ký tên", "/admin/setup": "Thiết lập"}
NAV = re.compile(r'<nav class="site-nav"[^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>')


def signed_in(app, kdb, role):
    accounts.set_password(kdb, f"nguoi-{role}", "mat-khau-du-dai", role)
    client = app.test_client()
    answer = login_form(client, f"nguoi-{role}", "mat-khau-du-dai")
    return client, answer


def bar(page: str) -> list:
    """The navigation bar's links as (address, marked current, label); [] without one."""
    found = NAV.search(page)
    return [(href, bool(current), label) for href, current, label in
            LINK.findall(found.group(1))] if found else []


@pytest.mark.parametrize("role", sorted(HOME))
def test_each_role_lands_where_it_works(app, kdb, role):
    client, answer = signed_in(app, kdb, role)
    assert answer.status_code == 302 and answer.headers["Location"] == HOME[role]
    assert client.get(HOME[role]).status_code == 200
    assert client.get("/").headers["Location"] == HOME[role]


def test_the_printed_organiser_login_lands_on_the_help_desk(client, kdb):
    accounts.set_organiser_password(kdb, "bantochuc", "mat-khau-du-dai")  # as `kiosk demo`
    answer = login_form(client, "bantochuc", "mat-khau-du-dai")
    assert answer.headers["Location"] == "/admin"
    assert "Bàn hỗ trợ" in client.get("/admin").get_data(as_text=True)


def test_a_next_within_the_site_still_wins(client, kdb):
    accounts.set_password(kdb, "banhotro", "mat-khau-du-dai", "desk")
    inside = login_form(client, "banhotro", "mat-khau-du-dai", path="/login?next=/admin/log")
    assert inside.headers["Location"] == "/admin/log"
    away = login_form(client, "banhotro", "mat-khau-du-dai",
                      path="/login?next=//evil.example/")
    assert away.headers["Location"] == "/admin"


@pytest.mark.parametrize("role,shown", [
    ("organiser", list(PAGES)),
    ("desk", [p for p in PAGES if p != "/admin/setup"]),
])
def test_the_bar_links_the_pages_the_role_may_open_and_marks_this_one(app, kdb, role, shown):
    client, _ = signed_in(app, kdb, role)
    for path in PAGES:
        page = client.get(path)
        if path not in shown:  # not for this role: the login form, and no link to it
            assert page.status_code == 302
            continue
        links = bar(page.get_data(as_text=True))
        assert [href for href, _, _ in links] == shown, path
        assert [label for _, _, label in links] == [PAGES[p] for p in shown]
        assert [href for href, current, _ in links if current] == [path]


@pytest.mark.parametrize("role,path", [("volunteer", "/hall"), ("viewer", "/projector")])
def test_no_bar_for_a_role_with_one_page_of_them_nor_on_the_projector(app, kdb, role, path):
    client, _ = signed_in(app, kdb, role)
    page = client.get(path)
    assert page.status_code == 200 and 'class="site-nav"' not in page.get_data(as_text=True)


def test_the_mcs_viewer_login_goes_between_the_stage_and_the_mc_screen_by_the_bar(app, kdb):
    """The MC's screen is in the bar (issue 30): a viewer login (the MC's laptop) opens
    the stage and /mc, and the bar links the two."""
    client, _ = signed_in(app, kdb, "viewer")
    for path in ("/stage", "/mc"):
        links = bar(client.get(path).get_data(as_text=True))
        assert [(href, label) for href, _, label in links] == [
            ("/stage", "Sân khấu"), ("/mc", "Dẫn chương trình")], path
        assert [href for href, current, _ in links if current] == [path]


def test_the_projector_has_no_bar_even_for_an_organiser(organiser):
    page = organiser.get("/projector").get_data(as_text=True)
    assert 'class="site-nav"' not in page
    assert 'class="site-nav"' in organiser.get("/dashboard").get_data(as_text=True)
