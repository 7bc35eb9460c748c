"""The audit trail as an organiser reads it on /admin/log: every action the code base
records has a Vietnamese name, times are Hà Nội's (dd/mm HH:MM), fields are named with
"before → after", a person's name is beside their code; what the trail withholds stays
withheld; the CSV keeps the raw codes and JSON for machines."""

import ast
import csv
import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kiosk import accounts, reports
from kiosk import db as store
from kiosk.core import audit, clock
from kiosk.services import people
from kiosk.services.records import ACTIONS

from helpers import log_in, post_checkin

ROOT = Path(__file__).resolve().parent.parent
BY = ("btc", "organiser")
# An action code computed from a value: every value it takes
COMPUTED = {"f'export.{fmt}'": {f"export.{fmt}" for fmt in reports.FORMATS}}
FORWARDERS = {"kiosk/web/trail.py"}  # record(db, action, ...) passed on as given
WHEN = re.compile(r"\d\d/\d\d \d\d:\d\d")


def actions_written(root: Path = ROOT) -> dict:
    """{action code: [where it is written]} for every audit.record / trail.record call in
    kiosk/ and badges/; an action that cannot be read from the code raises."""
    found = {}
    for path in sorted([*(root / "kiosk").rglob("*.py"), *(root / "badges").rglob("*.py")]):
        where = str(path.relative_to(root))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("record", "record_audit")
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in ("audit", "trail", "store")):
                continue
            for code in _codes(_action_arg(node), where):
                found.setdefault(code, []).append(f"{where}:{node.lineno}")
    return found


def _action_arg(call: ast.Call):
    """audit.record(db, actor, role, ACTION, ...) or (db, *by, ACTION, ...);
    trail.record(db, ACTION, ...); badges' store.record_audit(db, at, *by, ACTION, ...)."""
    if call.func.value.id == "trail":
        return call.args[1]
    starred = [i for i, a in enumerate(call.args) if isinstance(a, ast.Starred)]
    return call.args[starred[0] + 1] if starred else call.args[3]


def _codes(node, where: str) -> set:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _codes(node.body, where) | _codes(node.orelse, where)
    if isinstance(node, ast.Name) and where in FORWARDERS:
        return set()
    if ast.unparse(node) in COMPUTED:
        return COMPUTED[ast.unparse(node)]
    raise AssertionError(f"{where}:{node.lineno}: an action code computed as "
                         f"{ast.unparse(node)}: list its values in COMPUTED")


def test_every_action_the_code_records_has_a_vietnamese_name():
    written = actions_written()
    assert len(written) >= 30 and "checkin.undo" in written and "export.pdf" in written
    unnamed = {code: where for code, where in written.items() if code not in ACTIONS}
    assert not unnamed, f"audit actions without a name in records.ACTIONS: {unnamed}"
    for code, name in ACTIONS.items():
        assert name != code and re.search(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợ"
                                          r"ùúủũụưứừửữựỳýỷỹỵ]", name.lower()), (code, name)


def test_the_walk_sees_a_new_code_and_one_it_cannot_read(tmp_path):
    (tmp_path / "kiosk").mkdir()
    (tmp_path / "badges").mkdir()
    (tmp_path / "kiosk" / "new.py").write_text(
        "def f(db, by, on):\n"
        "    audit.record(db, *by, 'hall.rename' if on else 'hall.keep', None)\n"
        "    audit.record(db, 'me', 'desk', 'desk.open')\n")
    assert set(actions_written(tmp_path)) == {"hall.rename", "hall.keep", "desk.open"}
    (tmp_path / "badges" / "odd.py").write_text("audit.record(db, *by, 'x.' + kind)\n")
    with pytest.raises(AssertionError, match="COMPUTED"):
        actions_written(tmp_path)


def hanoi(text: str) -> str:
    moment = clock.parse(text).astimezone(clock.HANOI)
    return f"{moment:%d/%m %H:%M}"


def entries(client, **query) -> list:
    answer = client.get("/api/admin/audit", query_string=query)
    assert answer.status_code == 200
    return answer.get_json()["entries"]


def test_an_undone_check_in_reads_as_a_sentence_in_hanoi_time(organiser, kdb):
    checked = organiser.post("/api/checkins", json={"confirm": True, "code": "CN101",
                                                      "session": "chinh-thuc"},
                             headers={"X-CSRFToken": organiser.csrf}).get_json()
    organiser.post(f"/api/checkins/{checked['id']}/undo", json={"reason": "quét nhầm"},
                   headers={"X-CSRFToken": organiser.csrf})
    entry = entries(organiser, target="CN101")[0]
    stored = json.loads(entry["before"])
    name = store.delegate_by_code(kdb, "CN101")["name"]
    assert entry["action"] == "checkin.undo" and entry["action_name"] == "Hủy lượt điểm danh"
    assert entry["who"] == "btc (Ban Tổ chức)" and entry["subject"] == f"{name} (CN101)"
    assert WHEN.fullmatch(entry["when"]) and entry["when"] == hanoi(entry["at"])
    assert f"Có mặt từ: {hanoi(stored['present_since'])} → —" in entry["changes"]
    assert "Phiên: Phiên chính thức" in entry["changes"]
    assert entry["note"] == "quét nhầm"
    read = json.dumps([entry[k] for k in ("when", "action_name", "who", "subject", "changes")],
                      ensure_ascii=False)
    assert "+00:00" not in read and "present_since" not in read and "{" not in read


def test_fields_are_named_with_before_and_after_and_people_by_name(organiser, kdb):
    people.edit(kdb, "CN102", {"seat": "C05-12"}, BY)
    people.edit(kdb, "CN102", {"seat": "C06-01", "title": "Phó Giám đốc"}, BY)
    people.withdraw(kdb, "CN103", "Ốm", BY)
    people.reissue(kdb, "CN104", BY)
    latest = {e["target"]: e for e in reversed(entries(organiser))}
    assert latest["CN102"]["action_name"] == "Sửa thông tin đại biểu"
    assert "Ghế: C05-12 → C06-01" in latest["CN102"]["changes"]
    assert any(line.startswith("Chức vụ: ") and line.endswith(" → Phó Giám đốc")
               for line in latest["CN102"]["changes"])
    assert latest["CN103"]["changes"] == ["Tình trạng: trong danh sách → đã rút"]
    assert latest["CN103"]["action_name"] == "Rút đại biểu khỏi danh sách"
    assert latest["CN104"]["changes"] == ["Lần cấp thẻ: 1 → 2"]
    assert latest["CN104"]["subject"].endswith(" (CN104)")
    assert latest["CN104"]["subject"].startswith(store.delegate_by_code(kdb, "CN104")["name"])


def test_what_the_trail_withholds_stays_withheld_when_read(organiser, kdb):
    people.edit(kdb, "CN105", {"phone": "0987000111", "ethnicity": "Tày"}, BY, ("ethnicity",))
    people.edit(kdb, "CN105", {"phone": "0912000222"}, BY)
    answer = organiser.get("/api/admin/audit").get_data(as_text=True)
    assert "0987000111" not in answer and "0912000222" not in answer and "Tày" not in answer
    first, second = [e for e in entries(organiser, target="CN105")][::-1]
    assert sorted(first["changes"]) == sorted(f"{field}: đã đổi {audit.WITHHELD}"
                                              for field in ("Số điện thoại", "Dân tộc"))
    assert second["changes"] == [f"Số điện thoại: đã đổi {audit.WITHHELD}"]


def test_the_csv_keeps_the_codes_and_json_as_stored(organiser, kdb):
    people.edit(kdb, "CN106", {"seat": "C05-12"}, BY)
    people.reissue(kdb, "CN106", BY)
    stored = {r["seq"]: r for r in store.audit_entries(kdb)}
    exported = organiser.get("/admin/audit.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported)))
    assert rows[0][:9] == ["STT", "Thời điểm (UTC)", "Người thực hiện", "Vai trò", "Thao tác",
                           "Đối tượng", "Trước", "Sau", "Ghi chú"]
    for row in rows[1:]:
        kept = stored.get(int(row[0]))
        if kept is None:  # the export's own entry, written after it was read
            continue
        assert row[1:6] == [kept["at"], kept["actor"], kept["role"], kept["action"],
                            kept["target"] or ""]
        assert row[6:8] == [kept["before"] or "", kept["after"] or ""]
        assert row[9] == kept["hash"]
    actions = [row[4] for row in rows[1:]]
    assert actions == ["delegate.edit", "badge.reissue"]
    assert json.loads(rows[1][7]) == {"seat": "C05-12"} and rows[1][1].endswith("+00:00")
    assert not any(name in exported for name in ACTIONS.values())


def test_the_page_names_the_change_column_and_has_its_own_sheet(organiser):
    page = organiser.get("/admin/log").get_data(as_text=True)
    assert "<th>Thay đổi (trước → sau)</th>" in page and "<th>Lúc</th>" in page
    assert "/static/log.css" in page and "<th>Trước</th>" not in page
    sheet = (ROOT / "kiosk" / "web" / "static" / "log.css").read_text(encoding="utf-8")
    rules = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", rules)
                 for s in block.split(",")]
    assert selectors and all(s.startswith(".page-log") for s in selectors), selectors


TOPS = """cell => { const range = document.createRange(); range.selectNodeContents(cell);
  return new Set([...range.getClientRects()].filter(r => r.width > 0)
                 .map(r => Math.round(r.top))).size; }"""


@pytest.mark.browser
@pytest.mark.server
def test_the_trail_reads_in_vietnamese_and_a_time_stays_on_one_line(browser, live_server, kdb,
                                                                   station_token):
    """At 1366x768 the time cells of both tables are one line each, and the trail shows
    the actions by their Vietnamese names, not their codes."""
    from kiosk.core import decision

    answer = post_checkin(live_server, station_token, "CN101")
    with store.immediate(kdb):
        decision.undo_within(kdb, answer["id"], "btc", reason="quét nhầm", role="organiser")
    people.reissue(kdb, "CN102", BY)
    seat = store.delegate_by_code(kdb, "CN103")["seat"] or "—"
    people.edit(kdb, "CN103", {"seat": "C05-12"}, BY)
    # a long reason and a long change: the table is wider than the window and its columns
    # are squeezed, which is when "17:01" broke as "17:0 / 1"
    people.withdraw(kdb, "CN104", "Đại biểu báo ốm đột xuất, đơn vị cử người khác thay; "
                    "giấy giới thiệu gửi sau qua thư điện tử của Ban Tổ chức, kèm bản sao "
                    "quyết định cử người thay thế đã ký.", BY)
    people.edit(kdb, "CN105", {"title": "Phó Trưởng phòng Quản lý thu - sổ thẻ, BHXH "
                                        "tỉnh Hà Tĩnh (kiêm Tổ trưởng Tổ công tác số hóa)",
                               "unit": "Bảo hiểm xã hội tỉnh Hà Tĩnh, Phòng Quản lý thu"}, BY)
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu", "/admin/log")
    table = page.locator("#audit-table")
    expect(table.locator("tbody tr")).to_have_count(5)
    expect(page.locator("#log-table tbody tr")).to_have_count(2)
    for name in ("Hủy lượt điểm danh", "In lại thẻ (thẻ cũ bị thu hồi)",
                 "Sửa thông tin đại biểu"):
        expect(table).to_contain_text(name)
    expect(table).to_contain_text(f"Ghế: {seat} → C05-12")
    shown = table.inner_text()
    for code in ("checkin.undo", "badge.reissue", "delegate.edit", "present_since", "+00:00"):
        assert code not in shown
    times = page.locator("td.when")
    assert times.count() == 5 + 2 * 2
    for i in range(times.count()):
        cell = times.nth(i)
        assert WHEN.fullmatch(cell.inner_text()) or re.fullmatch(r"\d\d(/|:)\d\d",
                                                                 cell.inner_text())
        assert cell.evaluate(TOPS) == 1, cell.inner_text()
    context.close()
