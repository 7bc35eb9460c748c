"""A write made through the web reaches the other screens at once: "Đã trao" tapped on one
stage screen redraws another through the stream's programme event, not through the hub's
round that rereads the programme (asgi.HubASGI._recheck), here set to an hour so that
only the push can bring it. The hook itself (shared.Moved): called after the web's
accepted writes, not after reads, refusals or the doors' check-ins."""

import threading
import time
from contextlib import contextmanager

import pytest
import uvicorn
from playwright.sync_api import expect
from test_browser_stage import _three_forms
from test_ceremony import BKTTG, HCLD

from kiosk import accounts
from kiosk.app import create_app
from kiosk.web.asgi import HubASGI
from kiosk.web.server import free_port
from kiosk.web.shared import of

from helpers import log_in, post_checkin

ROUND = 3600.0  # the programme's round: never within a test


@contextmanager
def hub_in_process(event_path, **config):
    """The hub's ASGI app under uvicorn on a thread of this process, with `config`."""
    app = create_app({"DATABASE": str(event_path), **config})
    hub = HubASGI(app)
    server = uvicorn.Server(uvicorn.Config(hub, host="127.0.0.1", port=free_port(),
                                           lifespan="off", log_level="warning",
                                           timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the hub did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        hub.end_streams()
        server.should_exit = True
        thread.join(10)
        hub.pool.shutdown(wait=True)


@pytest.mark.server
def test_a_batch_handed_on_one_stage_screen_redraws_another_at_once(browser, kdb, event_path,
                                                                    station_token,
                                                                    tmp_path):
    a, c, d, e, _ = _three_forms(kdb, event_path, tmp_path)
    accounts.set_password(kdb, "btc", "mat-khau-thu", "organiser")
    accounts.set_password(kdb, "banhotro", "mat-khau-thu", "desk")
    with hub_in_process(event_path, RECHECK_SECONDS=ROUND) as base:
        for person in (a, c, d, e):
            post_checkin(base, station_token, person["code"])
        pages, contexts = [], []
        for user in ("btc", "banhotro"):  # the coordinator backstage, the desk's phone
            contexts.append(browser.new_context(viewport={"width": 1280, "height": 900}))
            page = contexts[-1].new_page()
            log_in(page, base, user, "mat-khau-thu", next_path="/stage")
            page.select_option("#session", "chinh-thuc")
            expect(page.locator("#now")).to_contain_text(f"Lượt 1 — {HCLD}")
            expect(page.locator("#live")).to_have_class("live on")
            pages.append(page)
        tapping, other = pages
        tapping.click("#handed")
        expect(tapping.locator("#now")).to_contain_text(f"Lượt 2 — {BKTTG}")
        # the other screen hears it from the stream's programme event: the round that
        # would otherwise bring it is an hour away
        expect(other.locator("#now")).to_contain_text(f"Lượt 2 — {BKTTG}", timeout=5000)
        expect(other.locator("#done")).to_contain_text(f"Lượt 1 — {HCLD}: 2 người")
        for context in contexts:
            context.close()


def test_the_web_s_accepted_writes_call_the_hook_and_nothing_else_does(app, organiser, door,
                                                                       kdb):
    heard = []
    of(app).moved.listen(lambda: heard.append(1))
    headers = {"X-CSRFToken": organiser.csrf}
    assert organiser.get("/api/ceremony?session=chinh-thuc").status_code == 200
    refused = organiser.post("/api/votes/rule", json={"vote_rule": 5}, headers=headers)
    assert refused.status_code == 400 and heard == []  # a read, a refusal: nothing moved
    code = kdb.execute("SELECT code FROM delegates LIMIT 1").fetchone()[0]
    assert door.post("/api/checkins", json={"code": code}).status_code == 200
    assert heard == []  # a door's check-in: the batcher publishes it itself
    kept = organiser.post("/api/votes/rule", json={"vote_rule": "trên 1/2"}, headers=headers)
    assert kept.status_code == 200 and heard == [1]
