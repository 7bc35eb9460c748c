"""Documents and souvenirs for the delegations (issue 31 item 4): the organisers define
each item (per delegate or per delegation, the count prepared), the desk or the head marks
what a delegation received, never more than due or prepared (409, nothing written), the
figures of what remains, the roll per delegation read back from its PDF, the command."""

import re
import unicodedata

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from test_delegation_heads import head_client, make_links, two_delegations

from kiosk import accounts
from kiosk import db as store
from kiosk.cli import main
from kiosk.services import lookups, records

BOOK, FLAG = "Kỷ yếu Đại hội", "Cờ lưu niệm"


def define(organiser, name, per, count):
    made = organiser.post("/api/documents", headers={"X-CSRFToken": organiser.csrf},
                          json={"name": name, "per": per, "count": count})
    assert made.status_code == 201, made.get_json()
    return made.get_json()["id"]


def hand(client, item, **body):
    return client.post(f"/api/documents/{item}/handed",
                       headers={"X-CSRFToken": getattr(client, "csrf", "")}, json=body)


def handouts(kdb) -> int:
    return kdb.execute("SELECT COUNT(*) FROM document_handouts").fetchone()[0]


def figures(organiser) -> dict:
    return {i["name"]: i for i in organiser.get("/api/documents").get_json()["items"]}


def test_what_remains_to_hand_out_per_item_as_the_desk_hands_out(organiser, kdb):
    sizes = {d: len(store.members(kdb, d)) for d in store.delegations(kdb)}
    book, flag = define(organiser, BOOK, "delegate", 600), define(organiser, FLAG,
                                                                   "delegation", 40)
    before = figures(organiser)
    assert before[BOOK] | {"prepared": 600, "due": sum(sizes.values()), "handed": 0} \
        == before[BOOK] and before[BOOK]["remaining"] == sum(sizes.values())
    assert (before[FLAG]["due"], before[FLAG]["remaining"]) == (len(sizes), len(sizes))
    mine, _ = two_delegations(kdb)
    made = hand(organiser, book, delegation=mine, received_by="Nguyễn Văn Nhận")
    assert made.status_code == 201 and made.get_json()["count"] == sizes[mine]
    typed_on_a_mac = unicodedata.normalize("NFD", mine)  # the same delegation, decomposed
    assert hand(organiser, flag, delegation=typed_on_a_mac, count=1,
                received_by="Nguyễn Văn Nhận").status_code == 201
    after = figures(organiser)
    assert after[BOOK]["handed"] == sizes[mine]
    assert after[BOOK]["remaining"] == sum(sizes.values()) - sizes[mine]
    assert after[FLAG]["remaining"] == len(sizes) - 1
    trail = kdb.execute("SELECT actor, role, target, after FROM audit WHERE action = "
                        "'documents.handed' ORDER BY seq").fetchall()
    assert [(t[0], t[1], t[2]) for t in trail] == [("btc", "organiser", mine)] * 2
    assert "Nguyễn Văn Nhận" in trail[0][3] and BOOK in trail[0][3]


def test_more_than_due_or_prepared_is_refused_in_vietnamese_and_nothing_is_written(
        organiser, kdb):
    mine, theirs = two_delegations(kdb)
    size = len(store.members(kdb, mine))
    book, few = define(organiser, BOOK, "delegate", 600), define(organiser, "Túi tài liệu",
                                                                  "delegate", size + 2)
    assert hand(organiser, book, delegation=mine, count=size - 1,
                received_by="Lê Thị Một").status_code == 201
    over = hand(organiser, book, delegation=mine, count=2, received_by="Lê Thị Một")
    assert over.status_code == 409
    error = over.get_json()["error"]
    assert error["reason"] == "conflict" and error["field"] == "count"
    assert f"chỉ còn được nhận 1 {BOOK}" in error["message"]
    assert hand(organiser, few, delegation=mine, received_by="Lê Thị Một").status_code == 201
    short = hand(organiser, few, delegation=theirs, received_by="Trần Văn Hai")
    assert short.status_code == 409
    assert "Chỉ còn 2 Túi tài liệu" in short.get_json()["error"]["message"]
    assert handouts(kdb) == 2  # the two refused wrote nothing
    for body, field in (({"delegation": mine, "count": 0, "received_by": "A"}, "count"),
                        ({"delegation": mine, "count": "3", "received_by": "A"}, "count"),
                        ({"delegation": mine, "count": 1}, "received_by")):
        bad = hand(organiser, book, **body)
        assert bad.status_code == 400 and bad.get_json()["error"]["field"] == field
    assert hand(organiser, 999, delegation=mine, received_by="A").status_code == 404
    assert hand(organiser, book, delegation="Đoàn không có", received_by="A").status_code == 404
    again = organiser.post("/api/documents", headers={"X-CSRFToken": organiser.csrf},
                           json={"name": unicodedata.normalize("NFD", BOOK), "per": "delegate",
                                 "count": 1})
    assert again.status_code == 400 and "Đã có mục" in again.get_json()["error"]["message"]
    wrong = organiser.post("/api/documents", headers={"X-CSRFToken": organiser.csrf},
                           json={"name": "Bút", "per": "mỗi người", "count": 1})
    assert wrong.status_code == 400 and wrong.get_json()["error"]["field"] == "per"
    assert handouts(kdb) == 2


def test_the_head_marks_received_for_their_own_delegation_only(app, organiser, event_path,
                                                               kdb, tmp_path):
    book = define(organiser, BOOK, "delegate", 600)
    links = make_links(event_path, tmp_path)
    mine, theirs = two_delegations(kdb)
    phone = head_client(app, links[mine])
    refused = hand(phone, book, delegation=theirs)
    assert refused.status_code == 403
    assert refused.get_json()["error"]["reason"] == "forbidden"
    assert handouts(kdb) == 0
    assert phone.get("/api/documents").status_code == 403  # the organisers' figures
    assert hand(phone, book, delegation=mine).status_code == 201  # "Đã nhận"
    shown = phone.get("/api/delegation").get_json()["documents"]
    size = len(store.members(kdb, mine))
    head = lookups.delegation_head(kdb, mine)["name"]  # the roster's "Trưởng đoàn"
    assert shown == [{"id": book, "name": BOOK, "per": "delegate", "per_label": "Mỗi đại biểu",
                      "due": size, "handed": size, "remaining": 0, "over": 0,
                      "received_by": f"{head} (Trưởng đoàn)"}]
    assert hand(phone, book, delegation=mine).status_code == 409  # all received already
    by = kdb.execute("SELECT actor, role FROM audit WHERE action = 'documents.handed'")
    assert by.fetchall() == [(mine, "head")]
    read = records.audit_trail(kdb, action="documents.handed")[0]
    assert (read["action_name"], read["who"]) == ("Phát tài liệu, quà lưu niệm cho đoàn",
                                                  f"{mine} (Trưởng đoàn)")
    assert f"Số lượng: {size}" in read["changes"] and f"Tài liệu, quà: {BOOK}" in read["changes"]


def pdf_text(data: bytes) -> list:
    pdf = pdfium.PdfDocument(data)
    return [pdf[n].get_textpage().get_text_range() for n in range(len(pdf))]


def test_the_roll_of_a_delegation_read_back_from_the_pdf(organiser, kdb):
    mine, _ = two_delegations(kdb)
    size = len(store.members(kdb, mine))
    book, flag = define(organiser, BOOK, "delegate", 600), define(organiser, FLAG,
                                                                   "delegation", 40)
    hand(organiser, flag, delegation=mine, received_by="Phạm Thị Nhận")
    made = organiser.get("/admin/documents-roll.pdf", query_string={"delegation": mine})
    assert made.status_code == 200 and made.mimetype == "application/pdf"
    pages = pdf_text(made.data)
    assert len(pages) == 1
    words = re.sub(r"\s+", " ", pages[0])
    for expected in ("DANH SÁCH NHẬN TÀI LIỆU, KỶ YẾU, QUÀ LƯU NIỆM", f"Đoàn: {mine}",
                     "Ký nhận", BOOK, "(Mỗi đại biểu)", FLAG, "(Mỗi đoàn)", "Phạm Thị Nhận",
                     "TRƯỞNG ĐOÀN", "Trang 1/1"):
        assert expected in words, expected
    assert re.search(rf"{BOOK} \(Mỗi đại biểu\) {size} 0", words)
    assert re.search(rf"{FLAG} \(Mỗi đoàn\) 1 1 Phạm Thị Nhận", words)
    missing = organiser.get("/admin/documents-roll.pdf", query_string={"delegation": "Không"})
    assert missing.status_code == 404 and missing.get_json()["error"]["reason"] == "not_found"
    assert book


def test_the_command_defines_lists_and_prints_the_roll(event_path, kdb, tmp_path):
    run = CliRunner()
    added = run.invoke(main, ["documents", "--db", str(event_path), "--add", BOOK, "--per",
                              "delegate", "--count", "600"])
    assert added.exit_code == 0 and f"Đã khai báo '{BOOK}': 600" in added.output
    twice = run.invoke(main, ["documents", "--db", str(event_path), "--add", BOOK, "--per",
                              "delegate", "--count", "600"])
    assert twice.exit_code == 1 and "Đã có mục" in twice.output
    half = run.invoke(main, ["documents", "--db", str(event_path), "--add", "Bút"])
    assert half.exit_code == 1 and "--add cần cả --per" in half.output
    nowhere = run.invoke(main, ["documents", "--db", str(event_path), "--roll",
                                str(tmp_path / "x.pdf"), "--delegation", "Đoàn không có"])
    assert nowhere.exit_code == 1 and "Không có đoàn 'Đoàn không có'" in nowhere.output
    assert not (tmp_path / "x.pdf").exists()  # nothing half-written
    assert not any("Traceback" in r.output for r in (twice, half, nowhere))
    listed = run.invoke(main, ["documents", "--db", str(event_path)])
    due = sum(len(store.members(kdb, d)) for d in store.delegations(kdb))
    assert listed.exit_code == 0
    assert f"{BOOK}\tMỗi đại biểu\tchuẩn bị 600\tphải phát {due}\tđã phát 0\tcòn {due}" \
        in listed.output
    out = tmp_path / "roll.pdf"
    rolled = run.invoke(main, ["documents", "--db", str(event_path), "--roll", str(out)])
    count = len(store.delegations(kdb))
    assert rolled.exit_code == 0 and f"{count} đoàn" in rolled.output
    pages = pdf_text(out.read_bytes())
    assert len(pages) >= count and all("Trang " in p for p in pages)
    assert accounts  # the module is the one the other tests log in with


def test_a_withdrawal_after_the_handing_is_said_on_the_roll_never_netted(organiser, kdb):
    """After a member is withdrawn, the delegation holds one more than is due: the roll
    says so, "còn" counts what the others still lack (never less), and each receiver is
    named once with how many they received."""
    mine, theirs = two_delegations(kdb)
    size = len(store.members(kdb, mine))
    book = define(organiser, BOOK, "delegate", 600)
    for count, who in ((size - 1, "Lê Thị Một"), (1, "Trần Văn Hai")):
        assert hand(organiser, book, delegation=mine, count=count,
                    received_by=who).status_code == 201
    member = store.members(kdb, mine)[0]["code"]
    gone = organiser.post(f"/api/admin/delegates/{member}/withdraw", json={"reason": "Ốm"},
                          headers={"X-CSRFToken": organiser.csrf})
    assert gone.status_code == 200
    due = sum(len(store.members(kdb, d)) for d in store.delegations(kdb))
    item = figures(organiser)[BOOK]
    assert (item["due"], item["handed"], item["over"]) == (due, size, 1)
    assert item["remaining"] == due - (size - 1)  # the others' due, not netted
    listed = CliRunner().invoke(main, ["documents", "--db", str(kdb.conn.execute(
        "PRAGMA database_list").fetchone()[2])])
    assert f"còn {due - (size - 1)}\tphát thừa 1" in listed.output, listed.output
    made = organiser.get("/admin/documents-roll.pdf", query_string={"delegation": mine})
    words = re.sub(r"\s+", " ", pdf_text(made.data)[0])
    assert f"{size - 1} {size} (thừa 1 so với số phải nhận)" in words, words
    assert f"Lê Thị Một ({size - 1}), Trần Văn Hai (1)" in words
    assert words.count("Lê Thị Một") == 1


@pytest.mark.parametrize("body, field, words", [
    ({"name": "cờ lưu niệm", "per": "delegation", "count": 5}, "name",
     f"Đã có mục '{FLAG}' (trùng với 'cờ lưu niệm')"),
    ({"name": "Bút", "per": "delegation", "count": "5"}, "count",
     "Số lượng phải là số nguyên từ 0 đến"),
    ({"name": "Bút", "per": "mỗi người", "count": 5}, "per", "Phát theo: chọn"),
    ({"name": 7, "per": "delegation", "count": 5}, "name", "Tên phải là chữ."),
])
def test_a_bad_item_is_refused_with_the_fields_vietnamese_name(organiser, kdb, body, field,
                                                               words):
    define(organiser, FLAG, "delegation", 40)
    refused = organiser.post("/api/documents", headers={"X-CSRFToken": organiser.csrf},
                             json=body)
    assert refused.status_code == 400
    error = refused.get_json()["error"]
    assert error["field"] == field and words in error["message"], error
    assert "'count'" not in error["message"] and "'per'" not in error["message"]
    assert kdb.execute("SELECT COUNT(*) FROM document_items").fetchone()[0] == 1


def test_a_handing_taken_back_needs_a_reason_and_an_existing_handing(organiser, kdb):
    """The desk takes back a handing marked by mistake (a tester: one tap, no undo): with a
    reason, audited; without one, or of a handing that is not there, refused, nothing
    changed."""
    from kiosk.services import documents, lookups

    made = documents.add_item(kdb, "Túi tài liệu", "delegation", 40, ("btc", "organiser"))
    chosen = lookups.delegations(kdb)[0]
    handed = documents.hand_out(kdb, made["id"], chosen, None, "Lê Văn Nhận",
                                ("btc", "organiser"))
    assert handed["count"] == 1
    [one] = organiser.get(f"/api/documents/handouts?delegation={chosen}").get_json()["handouts"]
    headers = {"X-CSRFToken": organiser.csrf}
    said = organiser.post(f"/api/documents/handouts/{one['id']}/undo", json={},
                          headers=headers)
    assert said.status_code == 400 and said.get_json()["error"]["field"] == "reason"
    said = organiser.post("/api/documents/handouts/99999/undo", json={"reason": "nhầm"},
                          headers=headers)
    assert said.status_code == 404
    assert kdb.execute("SELECT COUNT(*) FROM document_handouts").fetchone()[0] == 1
    said = organiser.post(f"/api/documents/handouts/{one['id']}/undo",
                          json={"reason": "nhầm đoàn"}, headers=headers)
    assert said.status_code == 200 and said.get_json()["count"] == 1
    assert kdb.execute("SELECT COUNT(*) FROM document_handouts").fetchone()[0] == 0
    item = next(i for i in documents.items(kdb) if i["id"] == made["id"])
    assert item["handed"] == 0
    unknown = organiser.get("/api/documents/handouts?delegation=Không có").status_code
    assert unknown == 404
