"""A delegation head signs for the awards kept for handover (issue 31 item 3): "Đã nhận"
for an award of their own delegation kept for later is recorded as handed over to the
head by name, audited with the delegation as its author, and the handover roll read back
from the PDF names them; another delegation's award is a 403, an award not kept (handed on
stage, received by a proxy, not decided, handed over already) a 409, an unknown one a 404,
and nothing is written by a refusal. Without a head marked on the roster, the roll reads
"Trưởng đoàn <delegation>"."""

import re

import pypdfium2 as pdfium
import pytest
from test_awards_import import awards, write_list
from test_delegation_heads import head_client, make_links

from kiosk import accounts
from kiosk import db as store
from kiosk.core import decision
from kiosk.services import lookups, records

from helpers import login_form

BKTTG, BK = ("Bằng khen của Thủ tướng Chính phủ",
             "Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam")


def individuals(kdb, count: int, skip: str | None = None) -> tuple:
    """A delegation with at least `count` individual delegates besides its head (not
    `skip`), and them: the head's name on the roll is then the head's signature only."""
    name = kdb.execute("""SELECT delegation FROM delegates WHERE delegation LIKE 'Đoàn%'
                          AND delegation != ? GROUP BY delegation
                          HAVING SUM(category_id = 'ca-nhan') > ? ORDER BY delegation
                          LIMIT 1""", [skip or "", count]).fetchone()[0]
    head = lookups.delegation_head(kdb, name) or {}
    people = [p for p in kdb.query("SELECT code, name FROM delegates WHERE delegation = ? AND "
                                   "category_id = 'ca-nhan' ORDER BY code", [name])
              if p["name"] != head.get("name")]
    return name, people[:count]


@pytest.fixture
def ceremony(event_path, kdb, tmp_path, organiser):
    """Two delegations' awards, the ceremony under way: mine's first (BKTTG) handed on
    stage, its second kept for handover, its third received by a proxy, its fourth not
    decided; theirs kept too. -> (mine, theirs, award ids by state)."""
    mine, people = individuals(kdb, 5)
    theirs, others = individuals(kdb, 1, skip=mine)
    path = write_list(tmp_path / "khen-thuong.xlsx", [
        (BKTTG, [(people[0]["name"], None, None, people[0]["code"])]),
        (BK, [(p["name"], None, None, p["code"]) for p in (*people[1:4], others[0])]),
    ])
    assert awards(path, event_path).exit_code == 0
    ids = dict(kdb.execute("SELECT d.code, a.id FROM awards a JOIN delegates d ON "
                           "d.id = a.delegate_id").fetchall())
    decision.check_in(kdb, people[0]["code"], "chinh-thuc", "cua-1", confirmed=True)
    headers = {"X-CSRFToken": organiser.csrf}
    first = organiser.get("/api/ceremony?session=chinh-thuc").get_json()["batches"][0]
    assert first["award"] == BKTTG
    assert organiser.post("/api/ceremony/batches/1/handed", headers=headers, json={
        "session": "chinh-thuc", "recipients": [r["award_id"] for r in first["recipients"]]
    }).status_code == 200
    for code, proxy in ((people[1]["code"], None), (people[2]["code"], people[4]["code"]),
                        (others[0]["code"], None)):
        made = organiser.post(f"/api/ceremony/awards/{ids[code]}/absent", headers=headers,
                              json={"proxy": proxy, "session": "chinh-thuc", "confirm": True})
        assert made.status_code == 200, made.get_json()
    return mine, theirs, {
        "on_stage": ids[people[0]["code"]], "kept": ids[people[1]["code"]],
        "proxy": ids[people[2]["code"]], "waiting": ids[people[3]["code"]],
        "theirs": ids[others[0]["code"]]}


def written(kdb) -> tuple:
    """What a refusal must leave as it was: the handovers and their audit entries."""
    return (kdb.execute("SELECT award_id, received_by FROM award_handovers").fetchall(),
            kdb.execute("SELECT COUNT(*) FROM audit WHERE action = 'award.handover'")
            .fetchone()[0])


def sign(phone, award_id: int):
    return phone.post(f"/api/delegation/awards/{award_id}/received",
                      headers={"X-CSRFToken": phone.csrf}, json={})


def roll_text(organiser, delegation: str) -> str:
    answer = organiser.get("/admin/handover-roll.pdf", query_string={"delegation": delegation})
    assert answer.status_code == 200
    pdf = pdfium.PdfDocument(answer.data)
    return re.sub(r"\s+", " ", " ".join(p.get_textpage().get_text_range() for p in pdf))


def test_the_head_signs_for_a_kept_award_and_the_roll_names_them(app, event_path, kdb, tmp_path,
                                                                  organiser, ceremony):
    mine, _, ids = ceremony
    phone = head_client(app, make_links(event_path, tmp_path)[mine])
    shown = {a["id"]: a for a in phone.get("/api/delegation").get_json()["awards"]}
    assert shown[ids["kept"]]["state"] == "kept"
    head = lookups.delegation_head(kdb, mine)
    expected = f"{head['name']} (Trưởng đoàn)" if head else f"Trưởng đoàn {mine}"
    assert expected not in roll_text(organiser, mine)

    signed = sign(phone, ids["kept"])
    assert signed.status_code == 200, signed.get_json()
    assert signed.get_json() == {"award_id": ids["kept"], "received_by": expected}
    after = {a["id"]: a for a in phone.get("/api/delegation").get_json()["awards"]}
    assert (after[ids["kept"]]["state"], after[ids["kept"]]["by"]) == ("handed_over", expected)
    entry = store.audit_entries(kdb, None, "award.handover")[0]
    assert (entry["actor"], entry["role"]) == (mine, "head")
    read = records.audit_trail(kdb, action="award.handover")[0]
    assert read["who"] == f"{mine} (Trưởng đoàn)"
    assert expected in roll_text(organiser, mine)  # the desk's roll, read back

    before = written(kdb)
    twice = sign(phone, ids["kept"])
    assert twice.status_code == 409
    assert twice.get_json()["error"]["reason"] == "not_kept"
    assert "đã bàn giao cho đoàn" in twice.get_json()["error"]["message"]
    assert written(kdb) == before


def test_what_is_not_the_heads_to_sign_is_refused_and_nothing_written(app, event_path, kdb,
                                                                       tmp_path, ceremony):
    mine, theirs, ids = ceremony
    phone = head_client(app, make_links(event_path, tmp_path)[mine])
    before = written(kdb)
    other = sign(phone, ids["theirs"])
    assert other.status_code == 403
    error = other.get_json()["error"]
    assert error["reason"] == "forbidden" and mine in error["message"]
    for state, words in (("on_stage", "đã được trao trên sân khấu"),
                         ("proxy", "đã có người nhận thay"),
                         ("waiting", "chưa được giữ lại để bàn giao")):
        refused = sign(phone, ids[state])
        assert refused.status_code == 409, state
        assert refused.get_json()["error"]["reason"] == "not_kept"
        assert words in refused.get_json()["error"]["message"]
    unknown = sign(phone, 999999)
    assert unknown.status_code == 404
    assert unknown.get_json()["error"]["message"] == "Không có khen thưởng số 999999."
    assert written(kdb) == before
    theirs_phone = head_client(app, make_links(event_path, tmp_path)[theirs])
    assert sign(theirs_phone, ids["theirs"]).status_code == 200  # theirs signs their own


def test_only_a_heads_phone_signs_the_desk_records_handovers_as_before(app, kdb, organiser,
                                                                       ceremony):
    _, _, ids = ceremony
    for n, (role, page) in enumerate((("desk", "/admin"), ("viewer", "/projector"))):
        accounts.set_password(kdb, f"tk-{role}", "mat-khau-dai-1", role)
        caller = app.test_client()
        assert login_form(caller, f"tk-{role}", "mat-khau-dai-1",
                          address=f"10.0.2.{n}").status_code == 302
        csrf = re.search(r'name="csrf-token" content="([^"]+)"',
                         caller.get(page).get_data(as_text=True)).group(1)
        refused = caller.post(f"/api/delegation/awards/{ids['kept']}/received", json={},
                              headers={"X-CSRFToken": csrf})
        assert refused.status_code == 403, role
        assert refused.get_json()["error"]["reason"] == "forbidden"
    assert written(kdb)[0] == []
    handed = organiser.post(f"/api/ceremony/awards/{ids['waiting']}/handover",
                            headers={"X-CSRFToken": organiser.csrf},
                            json={"received_by": "Nguyễn Văn Nhận"})
    assert handed.status_code == 200  # the desk hands over what the head may not sign
    assert written(kdb)[0] == [(ids["waiting"], "Nguyễn Văn Nhận")]


def test_without_a_marked_head_the_roll_reads_the_delegations_head(app, event_path, kdb,
                                                                   tmp_path, organiser, ceremony):
    _, theirs, ids = ceremony
    head = lookups.delegation_head(kdb, theirs)
    if head is not None:  # the organisers take the mark off
        unmarked = organiser.post(f"/api/admin/delegates/{head['code']}/head",
                                  headers={"X-CSRFToken": organiser.csrf}, json={"head": False})
        assert unmarked.status_code == 200, unmarked.get_json()
    assert lookups.delegation_head(kdb, theirs) is None
    assert f"Trưởng đoàn {theirs}" not in roll_text(organiser, theirs)
    phone = head_client(app, make_links(event_path, tmp_path)[theirs])
    signed = sign(phone, ids["theirs"])
    assert signed.status_code == 200, signed.get_json()
    assert signed.get_json()["received_by"] == f"Trưởng đoàn {theirs}"
    assert f"Trưởng đoàn {theirs}" in roll_text(organiser, theirs)
