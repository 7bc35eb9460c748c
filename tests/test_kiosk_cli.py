"""The kiosk command line and the hub on a real server."""

import json
import time
import urllib.error
import urllib.request

import cv2
import numpy as np
import pytest
from click.testing import CliRunner

from badges import printing
from kiosk import accounts
from kiosk.cli import main

from helpers import confirmed


def test_token_is_alone_on_the_last_line_and_revocable(event_path, kdb):
    runner = CliRunner()
    issued = runner.invoke(main, ["token", "--db", str(event_path), "--station", "cua-2"])
    assert issued.exit_code == 0
    token = issued.output.strip().splitlines()[-1]
    assert len(token) >= 32 and " " not in token
    assert accounts.station_for_token(kdb, token)["name"] == "cua-2"
    stored = kdb.execute("SELECT token_hash FROM stations WHERE name = 'cua-2'").fetchone()[0]
    assert token not in stored  # only the hash is kept
    revoked = runner.invoke(main, ["token", "--db", str(event_path), "--revoke", "cua-2"])
    assert revoked.exit_code == 0 and accounts.station_for_token(kdb, token) is None
    again = runner.invoke(main, ["token", "--db", str(event_path), "--revoke", "cua-2"])
    assert again.exit_code == 1 and "Không có trạm" in again.output


def test_decode_prints_path_tab_text_in_order(kdb, tmp_path):
    good = tmp_path / "badge.png"
    printing.render_badges(kdb, good, code="CN050", fmt="png")
    blank = tmp_path / "blank.jpg"
    cv2.imwrite(str(blank), np.full((200, 300, 3), 255, np.uint8))
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not an image")
    result = CliRunner().invoke(main, ["decode", str(good), str(blank), str(broken)])
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{good}\tCN050.")
    assert lines[1:] == [f"{blank}\t", f"{broken}\t"]
    assert result.exit_code == 1 and "broken.jpg" in result.stderr


def test_demo_prepares_the_event_and_prints_working_credentials(tmp_path):
    result = CliRunner().invoke(main, ["demo", "--dir", str(tmp_path / "d"), "--port", "0",
                                       "--no-serve"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "d" / "badges.pdf").stat().st_size > 100_000
    assert "/kiosk?token=" in result.output and "bantochuc" in result.output
    assert "/dashboard" in result.output
    # the MC's screen and the heads' links, tried from the demo as the rest
    assert "/mc" in result.output
    links = next(line for line in result.output.splitlines() if "delegation-links" in line)
    command = links.split(": ", 1)[1].split()
    assert command[0] == "kiosk"
    made = CliRunner().invoke(main, command[1:])
    assert made.exit_code == 0 and "/doan/" in made.output, made.output
    again = CliRunner().invoke(main, ["demo", "--dir", str(tmp_path / "d"), "--no-serve"])
    assert "Dùng lại" in again.output and "Giữ nguyên mật khẩu và mã trạm" in again.output


def test_a_demo_run_again_keeps_its_credentials_and_its_day_is_today(tmp_path):
    """The next morning a newcomer runs the README's first command again: open kiosks stay
    paired, the printed login still works, and the official session is open now."""
    from kiosk import accounts
    from kiosk import db as kiosk_db
    from kiosk.cli import demo_event
    from kiosk.core import clock, decision

    first = demo_event.prepare(tmp_path / "d", count=30)
    assert first.moved  # the shipped dates (15-16/12) lie ahead: placed around now
    db = kiosk_db.connect(first.db_path)
    sessions = {s["id"]: s for s in kiosk_db.list_sessions(db)}
    now = clock.utcnow()
    assert clock.window(sessions["chinh-thuc"], now) == "open"
    assert clock.parse(sessions["tru-bi"]["ends_at"]) < now  # earlier today
    code = db.execute("SELECT code FROM delegates LIMIT 1").fetchone()[0]
    assert decision.check_in(db, code, "chinh-thuc", "x", confirmed=True).result == "ok"
    db.close()
    again = demo_event.prepare(tmp_path / "d", count=30)
    assert (again.password, again.token, again.kept, again.moved) == \
        (first.password, first.token, True, False)
    db = kiosk_db.connect(first.db_path)
    assert accounts.check_login(db, "bantochuc", first.password)
    assert accounts.station_for_token(db, first.token)["name"] == "cua-chinh-1"


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "badges import" in result.output


def call(url, token=None, body=None):
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body else None,
                                     headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_check_in_over_real_http(live_server, station_token, kdb):
    status, body = call(f"{live_server}/api/checkins", station_token,
                        {"code": "CN060", "session": "tru-bi", "confirm": True})
    assert status == 200 and body["result"] == "ok"
    status, body = call(f"{live_server}/api/checkins", None, {"code": "CN060"})
    assert status == 401 and body["error"]["reason"] == "unauthorized"
    count = kdb.execute("SELECT COUNT(*) FROM presence WHERE undone_at IS NULL").fetchone()[0]
    assert count == 1


def test_concurrent_posts_of_one_badge_over_http_give_one_ok(live_server, station_token, kdb):
    import threading

    from helpers import badge_payload

    text = badge_payload(kdb, "CN080")
    results = []
    barrier = threading.Barrier(20)

    def post():
        barrier.wait()
        results.append(call(f"{live_server}/api/checkins", station_token,
                            {"code": text, "session": "tru-bi"})[1]["result"])

    threads = [threading.Thread(target=post) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["duplicate"] * 19 + ["ok"]
    assert kdb.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] == 20


def test_a_bad_attempt_in_a_batch_does_not_spoil_the_others(event_path, kdb):
    from kiosk.core.batcher import Batcher

    published = []
    batcher = Batcher(event_path, lambda outcome, counts: published.append(outcome.result))
    outcome, counts = batcher.check_in(confirmed("CN081", "tru-bi", "lane-9"))
    assert outcome.result == "ok" and counts["present"] == 1
    import pytest

    from kiosk.core.decision import CheckinError

    with pytest.raises(CheckinError):
        batcher.check_in(confirmed("CN082", "no-such-session", "lane-9"))
    assert batcher.check_in(confirmed("CN082", "tru-bi", "lane-9"))[0].result == "ok"
    assert published == ["ok", "ok"]


def test_a_failure_after_the_commit_still_answers_the_check_in(event_path, kdb):
    from kiosk.core.batcher import Batcher

    def broken_publish(outcome, counts):
        raise RuntimeError("the stream is down")

    batcher = Batcher(event_path, broken_publish)
    outcome, counts = batcher.check_in(confirmed("CN083", "tru-bi", "lane-9"))
    assert outcome.result == "ok" and counts["present"] == 1
    assert kdb.execute("SELECT COUNT(*) FROM presence").fetchone()[0] == 1


def test_organiser_login_is_created_with_a_printed_password(event_path, kdb):
    runner = CliRunner()
    made = runner.invoke(main, ["organiser", "--db", str(event_path), "--user", "truongban"])
    password = made.output.strip().splitlines()[-1]
    assert made.exit_code == 0 and len(password) >= 16
    assert accounts.check_login(kdb, "truongban", password)["role"] == "organiser"
    stored = kdb.execute("SELECT password_hash FROM users").fetchone()[0]
    assert password not in stored
    short = runner.invoke(main, ["organiser", "--db", str(event_path), "--user", "x",
                                 "--password", "123"])
    assert short.exit_code == 1 and "10 ký tự" in short.output


@pytest.mark.server
def test_serve_sets_how_long_the_kiosk_shows_an_answer(event_path, kdb):
    import http.cookiejar

    from helpers import running_hub

    token = accounts.issue_station_token(kdb, "lane-3")
    with running_hub(event_path, "--reset-seconds", "3.5") as (base, _):
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = browser.open(f"{base}/kiosk?token={token}").read().decode()
    assert 'data-reset-ms="3500"' in page
    refused = CliRunner().invoke(main, ["serve", "--db", str(event_path),
                                        "--reset-seconds", "0"])
    assert refused.exit_code == 2 and "reset-seconds" in refused.output


@pytest.mark.server
def test_backup_while_the_hub_checks_people_in_is_a_consistent_prefix(event_path, kdb,
                                                                      tmp_path):
    """A copy taken mid-stream opens, passes the integrity check, and holds exactly the
    first check-ins of the live log, each 'ok' with its presence row."""
    import sqlite3
    import threading

    from helpers import post_checkin, running_hub

    token = accounts.issue_station_token(kdb, "lane-4")
    codes = [row[0] for row in kdb.execute("SELECT code FROM delegates ORDER BY id LIMIT 150")]
    out = tmp_path / "usb" / "event-backup.db"
    out.parent.mkdir()
    with running_hub(event_path) as (base, _):
        def scan_all():
            for code in codes:
                post_checkin(base, token, code)

        scanner = threading.Thread(target=scan_all)
        scanner.start()
        while kdb.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] < 20:
            time.sleep(0.005)
        made = CliRunner().invoke(main, ["backup", "--db", str(event_path), "--out", str(out)])
        scanner.join()
    assert made.exit_code == 0 and "lượt điểm danh" in made.output, made.output
    live = [row[0] for row in kdb.execute("SELECT id FROM checkins ORDER BY seq")]
    copy = sqlite3.connect(out)
    copied = [row[0] for row in copy.execute("SELECT id FROM checkins ORDER BY seq")]
    assert 20 <= len(copied) <= len(live) == len(codes) and copied == live[:len(copied)]
    oks = copy.execute("SELECT COUNT(*) FROM checkins WHERE result = 'ok'").fetchone()[0]
    assert copy.execute("SELECT COUNT(*) FROM presence").fetchone()[0] == oks
    copy.close()
    assert not out.with_name(out.name + ".partial").exists()
    same = CliRunner().invoke(main, ["backup", "--db", str(event_path), "--out", str(event_path)])
    assert same.exit_code == 1 and "--out phải khác --db" in same.output
    missing = CliRunner().invoke(main, ["backup", "--db", str(tmp_path / "nope.db"),
                                        "--out", str(out)])
    assert missing.exit_code == 1
