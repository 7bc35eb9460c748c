"""The check-in log and the audit trail are hash-chained: `kiosk verify-log` passes a
whole record and names the first bad entry when a row was changed, removed or moved,
by someone who dropped the triggers first; the credentials report prints the heads."""

import io
import re
import sqlite3

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from kiosk import db as store
from kiosk.cli import main
from kiosk.core import chain
from kiosk.reports import credentials, tally

from helpers import badge_payload


@pytest.fixture
def recorded(event_path, kdb, door, organiser):
    """A log written the ways the hub writes it: batched check-ins through the API, a
    refused scan, a desk undo with its audit entry; and a CLI credential change."""
    station = door
    for code in ("CN101", "CN102", "CN103", "KM001"):
        assert station.post("/api/checkins", json={
            "code": badge_payload(kdb, code), "session": "chinh-thuc"}).status_code == 200
    station.post("/api/checkins", json={"code": "XX.YYYY", "session": "chinh-thuc"})
    first = kdb.execute("SELECT id FROM checkins WHERE result = 'ok' ORDER BY seq").fetchone()[0]
    undone = organiser.post(f"/api/checkins/{first}/undo", json={"reason": "quét nhầm"},
                            headers={"X-CSRFToken": organiser.csrf})
    assert undone.status_code == 200, undone.get_json()
    assert CliRunner().invoke(main, ["token", "--db", str(event_path), "--station",
                                     "cua-2"]).exit_code == 0
    return event_path


def verify(path, *extra):
    return CliRunner().invoke(main, ["verify-log", "--db", str(path), *extra])


def tamper(path, *statements):
    """Someone with the file: the triggers dropped first, then the rows edited."""
    conn = sqlite3.connect(path)
    for table in ("checkins", "audit"):
        for verb in ("update", "delete"):
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_append_only_{verb}")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def test_a_whole_record_verifies_and_says_its_heads(recorded, kdb):
    result = verify(recorded)
    assert result.exit_code == 0, result.output
    assert "Nhật ký điểm danh: 6 dòng, nguyên vẹn" in result.output
    assert "Nhật ký thao tác: 2 dòng, nguyên vẹn" in result.output
    audit = store.audit_entries(kdb)
    assert [a["action"] for a in audit] == ["station.issue", "checkin.undo"]
    assert audit[1]["actor"] == "btc" and audit[1]["note"] == "quét nhầm"
    assert audit[1]["target"] == "CN101" and '"present_since": null' in audit[1]["after"]
    head = chain.verify_database(kdb)["checkins"].head
    assert re.search(rf"Mã đầu chuỗi: {head}", result.output)
    assert verify(recorded, "--checkins-head", head).exit_code == 0


@pytest.mark.parametrize("statements, says", [
    (["UPDATE checkins SET station = 'cua-gia' WHERE seq = 3"], "dòng số 3 không khớp"),
    (["UPDATE checkins SET result = 'ok', delegate_id = 7 WHERE seq = 5"], "dòng số 5"),
    (["DELETE FROM checkins WHERE seq = 2"], "thiếu dòng số 2"),
    (["DELETE FROM checkins WHERE seq = 6"], "từ số 6 đến 6 đã bị xóa khỏi cuối"),
    # two rows swapped: their contents change places, the numbers stay
    (["UPDATE checkins SET seq = 100 WHERE seq = 2", "UPDATE checkins SET seq = 2 WHERE seq = 3",
      "UPDATE checkins SET seq = 3 WHERE seq = 100"], "dòng số 2 không khớp"),
    (["UPDATE audit SET actor = 'nguoi-khac' WHERE seq = 1"], "Nhật ký thao tác: dòng số 1"),
    (["DELETE FROM audit WHERE seq = 2"], "Nhật ký thao tác: các dòng từ số 2"),
], ids=["changed", "forged-ok", "removed", "removed-last", "reordered", "audit-changed",
        "audit-removed"])
def test_a_changed_removed_or_moved_row_is_named(recorded, statements, says):
    tamper(recorded, *statements)
    result = verify(recorded)
    assert result.exit_code == 1, result.output
    assert "HỎNG" in result.output and says in result.output, result.output


def test_a_rewritten_chain_is_caught_by_the_head_printed_before(recorded, kdb):
    """Whoever rewrites every hash after an edit passes the chain, not the paper."""
    printed = chain.verify_database(kdb)["checkins"].head
    rows = list(store.sealed_rows(kdb, "checkins", store.SEALED))
    tamper(recorded, "UPDATE checkins SET station = 'cua-gia' WHERE seq = 2")
    previous, conn = chain.GENESIS, sqlite3.connect(recorded)
    for seq, _, fields in rows:
        fields = dict(fields, station="cua-gia") if seq == 2 else fields
        previous = chain.seal(previous, fields)
        conn.execute("UPDATE checkins SET hash = ? WHERE seq = ?", [previous, seq])
    conn.commit()
    conn.close()
    assert verify(recorded).exit_code == 0  # the chain alone is whole again
    against_paper = verify(recorded, "--checkins-head", printed)
    assert against_paper.exit_code == 1 and "mã đầu chuỗi đã in" in against_paper.output


def test_the_credentials_report_prints_the_heads(recorded, kdb):
    out = io.BytesIO()
    credentials.write_pdf(kdb, tally.compute(kdb, "chinh-thuc"), out)
    pdf = pdfium.PdfDocument(out.getvalue())
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    text = re.sub(r"\s+", "", text)
    for verdict in chain.verify_database(kdb).values():
        assert verdict.head in text
    assert "Nhậtkýđiểmdanh:6dòng,nguyênvẹn" in text


def test_the_record_page_says_whether_the_chains_are_whole(recorded, organiser):
    chains = organiser.get("/api/admin/audit").get_json()["chains"]
    assert [(c["name"], c["rows"], c["broken"]) for c in chains][:2] == [
        ("Nhật ký điểm danh", 6, None), ("Nhật ký thao tác", 2, None)]
    assert chains[2]["name"] == "Nhật ký danh sách" and chains[2]["broken"] is None
    assert chains[2]["rows"] >= 500  # every delegate's entry, at least
    tamper(recorded, "UPDATE checkins SET station = 'cua-gia' WHERE seq = 4")
    chains = organiser.get("/api/admin/audit").get_json()["chains"]
    assert "dòng số 4 không khớp" in chains[0]["broken"]


def test_who_is_counted_present_is_checked_against_the_log(recorded, kdb):
    """100 rows inserted into `presence` raised the count and verify-log still passed:
    the counts are made from it, so it is checked against the chained log."""
    assert "khớp với nhật ký" in verify(recorded).output
    conn = sqlite3.connect(recorded)
    ids = [r[0] for r in conn.execute("""SELECT id FROM delegates WHERE id NOT IN
        (SELECT delegate_id FROM presence WHERE undone_at IS NULL) LIMIT 3""")]
    for n, delegate in enumerate(ids):
        conn.execute("INSERT INTO presence (checkin_id, delegate_id, session_id, at, station) "
                     "VALUES (?, ?, 'chinh-thuc', '2026-12-16T00:30:00+00:00', 'cua-gia')",
                     [f"gia-{n}", delegate])
    conn.commit()
    conn.close()
    result = verify(recorded)
    assert result.exit_code == 1 and "3 người được tính có mặt mà nhật ký không có" in \
        result.output, result.output


def test_a_check_in_dropped_from_the_count_is_named(recorded, kdb):
    conn = sqlite3.connect(recorded)
    conn.execute("DROP TRIGGER IF EXISTS presence_append_only_update")
    conn.execute("""UPDATE presence SET undone_at = '2026-12-16T00:31:00+00:00'
                    WHERE rowid = (SELECT MAX(rowid) FROM presence WHERE undone_at IS NULL)""")
    conn.commit()
    conn.close()
    result = verify(recorded)
    assert result.exit_code == 1 and "mà không được tính" in result.output, result.output


def test_a_category_changed_in_place_is_named(recorded, kdb):
    """A guest made a delegate in the file raised the quorum and verify-log passed. Every
    change to what the counts are made of is now logged and sealed by the database: a
    plain sqlite3 connection cannot make one without dropping the triggers, and then the
    roster differs from its log."""
    guest = kdb.execute("SELECT id, code FROM delegates WHERE category_id = 'khach-moi'"
                        " LIMIT 1").fetchone()
    conn = sqlite3.connect(recorded)
    with pytest.raises(sqlite3.OperationalError, match="roster_seal"):
        conn.execute("UPDATE delegates SET category_id = 'ca-nhan' WHERE id = ?", [guest[0]])
    for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                   "AND name LIKE 'delegates_logged_%'").fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("UPDATE delegates SET category_id = 'ca-nhan' WHERE id = ?", [guest[0]])
    conn.commit()
    conn.close()
    result = verify(recorded)
    assert result.exit_code == 1, result.output
    assert "HỎNG — Danh sách: 1 dòng bị sửa ngoài hệ thống" in result.output
    assert f"đại biểu {guest[1]} — category_id: 'khach-moi' → 'ca-nhan'" in result.output


def test_roster_changes_made_by_the_system_keep_the_log_whole(recorded, organiser, kdb):
    """The desk's edit, a walk-in and a session moved are logged, and verify-log passes."""
    headers = {"X-CSRFToken": organiser.csrf}
    person = kdb.execute("SELECT code FROM delegates WHERE category_id = 'khach-moi' LIMIT 1"
                         ).fetchone()[0]
    edited = organiser.patch(f"/api/admin/delegates/{person}", json={"category": "ca-nhan"},
                             headers=headers)
    assert edited.status_code == 200, edited.get_json()
    before = kdb.execute("SELECT COUNT(*) FROM roster_log").fetchone()[0]
    walk_in = organiser.post("/api/admin/delegates", json={
        "name": "Nguyễn Văn Mới", "unit": "BHXH Hà Nội", "category": "khach-moi",
        "check_in": False},
        headers=headers)
    assert walk_in.status_code in (200, 201), walk_in.get_json()
    assert kdb.execute("SELECT COUNT(*) FROM roster_log").fetchone()[0] > before
    result = verify(recorded)
    assert result.exit_code == 0, result.output
    assert "khớp với nhật ký danh sách" in result.output


def test_check_ins_appended_after_the_printed_head_with_earlier_times_are_shown(recorded,
                                                                               kdb):
    """Sealed rows appended after the printed head, back-dated, passed. They are whole
    chain rows (a station's late resend looks the same), so verify-log does not call them
    broken: it says the paper's counts have changed, names the stations, and exits 2."""
    from kiosk.core import chain as chains

    printed = chains.verify_database(kdb)["checkins"].head
    delegate = kdb.execute("SELECT id FROM delegates WHERE code = 'CN150'").fetchone()[0]
    with store.immediate(kdb):
        chains.append_checkins(kdb, [{
            "id": "lui-gio-1", "kind": "scan", "at": "2020-01-01T08:00:00+07:00",
            "station": "cua-gia", "session_id": "chinh-thuc", "result": "ok",
            "delegate_id": delegate, "method": "scan"}])
    assert verify(recorded).exit_code == 0  # the chain alone is whole
    against_paper = verify(recorded, "--checkins-head", printed)
    assert against_paper.exit_code == 2, against_paper.output
    assert "CẦN XEM — 1 lượt điểm danh (1 hợp lệ)" in against_paper.output
    assert "Trạm: cua-gia" in against_paper.output
    now = chains.verify_database(kdb)["checkins"].head
    assert verify(recorded, "--checkins-head", now).exit_code == 0
