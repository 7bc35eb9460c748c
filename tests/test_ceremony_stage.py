"""The stage by the decision and by the book: recipients in the decision's order, a form's
batches even, a presenter kept with the form, the batch on stage and the next frozen
once a batch is handed (a late arrival in a later batch or a supplementary one), the tap
that names what the screen showed, the desk's decisions refused where they contradict
what is recorded, and a viewer who sees counts of the absent, not their names."""

import re

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from test_ceremony import BKTTG, CO_NGANH, HCLD, as_shown, honours_file, tap

from badges.cli import main as badges_main
from kiosk import accounts
from kiosk.cli import main as kiosk_main
from kiosk.core import decision

from helpers import login_form

HCLD_NHI = "Huân chương Lao động hạng Nhì"


def people(kdb, category, count, offset=0) -> list:
    return list(kdb.query("SELECT code, name, unit FROM delegates WHERE category_id = ? "
                          "ORDER BY code LIMIT ? OFFSET ?", [category, count, offset]))


def import_list(event_path, tmp_path, sections):
    path = honours_file(tmp_path / "khen-thuong.xlsx", sections)
    result = CliRunner().invoke(badges_main, ["awards", str(path), "--db", str(event_path)])
    assert result.exit_code == 0, result.output


def person(p):
    return (p["name"], p["unit"], None, p["code"])


def collective(p):
    return (p["name"], None, p["unit"], p["code"])


def arrive(kdb, *who):
    for p in who:
        decision.check_in(kdb, p["code"], "chinh-thuc", "cua-1", confirmed=True)


def programme(client, **query) -> dict:
    extra = "".join(f"&{k}={v}" for k, v in query.items())
    answer = client.get(f"/api/ceremony?session=chinh-thuc{extra}")
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def names(batch) -> list:
    return [r["name"] for r in batch["recipients"]]


def waiting(made) -> list:
    return [b for b in made["batches"] if not b["handed"]]


def test_recipients_come_in_the_decision_s_order_collectives_first(event_path, kdb,
                                                                   tmp_path, organiser):
    """The trays hold the certificates in the decision's order: the collective first, then
    the individuals as the list has them, not the leaders first by category."""
    worker = people(kdb, "ca-nhan", 1)[0]
    leaders = people(kdb, "lanh-dao", 2)
    group = people(kdb, "tap-the", 1)[0]
    import_list(event_path, tmp_path, [(HCLD, [person(worker), person(leaders[0]),
                                               collective(group), person(leaders[1])])])
    arrive(kdb, worker, *leaders, group)
    batch = programme(organiser)["batches"][0]
    assert names(batch) == [group["name"], worker["name"], leaders[0]["name"],
                            leaders[1]["name"]]
    assert batch["recipients"][0]["collective"] == group["unit"]


def test_a_form_s_batches_are_split_evenly(event_path, kdb, tmp_path, organiser):
    eleven = people(kdb, "ca-nhan", 11)
    import_list(event_path, tmp_path, [(BKTTG, [person(p) for p in eleven])])
    arrive(kdb, *eleven)
    made = programme(organiser, per_batch=10)
    assert [len(b["recipients"]) for b in made["batches"]] == [6, 5]
    assert [b["part"] for b in made["batches"]] == [1, 2]
    assert names(made["batches"][0]) + names(made["batches"][1]) == [p["name"] for p in eleven]
    assert [len(b["recipients"]) for b in programme(organiser, per_batch=4)["batches"]] == [
        4, 4, 3]


@pytest.fixture
def three_forms(event_path, kdb, tmp_path):
    """HCLD for three, BKTTG for four, the sector's flag for two collectives; one of each of
    the first two forms not in the hall yet."""
    ind = people(kdb, "ca-nhan", 7)
    groups = people(kdb, "tap-the", 2)
    import_list(event_path, tmp_path, [(HCLD, [person(p) for p in ind[:3]]),
                                       (BKTTG, [person(p) for p in ind[3:7]]),
                                       (CO_NGANH, [collective(g) for g in groups])])
    arrive(kdb, ind[0], ind[1], ind[3], ind[4], ind[5], *groups)
    return {"hcld": ind[:3], "bkttg": ind[3:7], "flag": groups}


def test_a_presenter_is_kept_with_the_form_not_the_batch_number(three_forms, kdb, organiser,
                                                                event_path, tmp_path):
    headers = {"X-CSRFToken": organiser.csrf}

    def name(batch, presenter):
        return organiser.post("/api/ceremony/presenters", headers=headers, json={
            "session": "chinh-thuc", "batch": batch, "presenter": presenter})

    made = programme(organiser)
    assert [b["award"] for b in made["batches"]] == [HCLD, BKTTG, CO_NGANH]
    kept = name(2, "Đồng chí  Nguyễn Văn An, Phó Tổng Giám đốc")
    assert kept.status_code == 200, kept.get_json()
    assert kept.get_json()["presenter"] == "Nguyễn Văn An, Phó Tổng Giám đốc"
    assert kept.get_json()["award"] == BKTTG
    assert name(3, "đ/c Trần Thị Bình").get_json()["presenter"] == "Trần Thị Bình"
    assert name(1, "ĐỒNG CHÍ Lê Văn Cường").get_json()["presenter"] == "Lê Văn Cường"
    # a holder of a higher form arrives: batch numbers stay, but the presenters follow
    # their forms (a first batch of the second class of the order would take number 1)
    arrive(kdb, three_forms["hcld"][2])
    import_list(event_path, tmp_path, [  # the list gains a higher form: a batch before
        (HCLD_NHI, [person(people(kdb, "ca-nhan", 1, offset=20)[0])]),
        (HCLD, [person(p) for p in three_forms["hcld"]]),
        (BKTTG, [person(p) for p in three_forms["bkttg"]]),
        (CO_NGANH, [collective(g) for g in three_forms["flag"]])])
    arrive(kdb, people(kdb, "ca-nhan", 1, offset=20)[0])
    made = programme(organiser)
    assert [(b["award"], b["presenter"]) for b in made["batches"]] == [
        (HCLD_NHI, None), (HCLD, "Lê Văn Cường"),
        (BKTTG, "Nguyễn Văn An, Phó Tổng Giám đốc"), (CO_NGANH, "Trần Thị Bình")]
    # the MC reads "đồng chí" once
    out = tmp_path / "loi-dan.pdf"
    assert CliRunner().invoke(kiosk_main, ["ceremony", "--db", str(event_path), "--session",
                                           "chinh-thuc", "--out", str(out)]).exit_code == 0
    text = re.sub(r"\s+", " ", " ".join(p.get_textpage().get_text_range()
                                       for p in pdfium.PdfDocument(str(out))))
    assert "đồng chí Nguyễn Văn An" in text and "chí Đồng chí" not in text
    # the batch as shown must be one of the programme's, a whole number
    for bad in (True, 10 ** 12, 0, 5, "2", 1.0):
        refused = name(bad, "Phạm Văn Dũng")
        assert refused.status_code == 400, (bad, refused.get_json())
        assert refused.get_json()["error"]["field"] == "batch"
    assert name(1, "Đồng chí").status_code == 400


def test_a_presenter_of_one_part_of_a_form(event_path, kdb, tmp_path, organiser):
    eleven = people(kdb, "ca-nhan", 11)
    import_list(event_path, tmp_path, [(BKTTG, [person(p) for p in eleven])])
    arrive(kdb, *eleven)
    set_ = organiser.post("/api/ceremony/presenters", headers={"X-CSRFToken": organiser.csrf},
                          json={"session": "chinh-thuc", "batch": 2, "presenter": "Võ Văn Em"})
    assert set_.get_json()["part"] == 2
    made = programme(organiser)
    assert [(b["presenter"], b["presenter_for"]) for b in made["batches"]] == [
        (None, None), ("Võ Văn Em", "part")]


def test_once_a_batch_is_handed_the_stage_and_the_next_never_change(three_forms, kdb,
                                                                     organiser):
    """Batch 1 (HCLD) handed; BKTTG is on stage, the flag next. A late HCLD holder and a
    late BKTTG holder come in: both go to supplementary batches after them, announced."""
    before = programme(organiser)
    handed = tap(organiser, 1, as_shown(organiser))
    assert handed.status_code == 200, handed.get_json()
    after = handed.get_json()
    on_stage, next_ = waiting(after)[:2]
    assert (on_stage["award"], on_stage["frozen"]) == (BKTTG, True)
    assert (next_["award"], next_["frozen"]) == (CO_NGANH, True)
    assert after["batches"] == programme(organiser)["batches"]  # the answer is the programme
    arrive(kdb, three_forms["hcld"][2], three_forms["bkttg"][3])
    made = programme(organiser)
    assert made["batches"][0] == dict(after["batches"][0])  # handed, kept as handed
    assert waiting(made)[:2] == [on_stage, next_]
    extra = waiting(made)[2:]
    assert [(b["number"], b["award"], b["supplementary"], names(b)) for b in extra] == [
        (4, HCLD, True, [three_forms["hcld"][2]["name"]]),
        (5, BKTTG, True, [three_forms["bkttg"][3]["name"]])]
    assert [b["number"] for b in before["batches"]] == [1, 2, 3]
    # the next tap hands BKTTG as shown; the flag comes on stage, the HCLD supplement next
    assert tap(organiser, 2, [r["award_id"] for r in on_stage["recipients"]]).status_code == 200
    made = programme(organiser)
    assert [(b["number"], b["award"], b["handed"]) for b in made["batches"]] == [
        (1, HCLD, True), (2, BKTTG, True), (3, CO_NGANH, False), (4, HCLD, False),
        (5, BKTTG, False)]
    assert [b["frozen"] for b in made["batches"]] == [True, True, True, True, False]


def test_a_late_arrival_joins_a_later_batch_of_their_form(event_path, kdb, tmp_path,
                                                          organiser):
    """BKTTG in three batches of two; batch 1 handed: batches 2 and 3 are frozen, and a
    late holder joins the form's last batch, still to come, not a supplementary one."""
    eight = people(kdb, "ca-nhan", 8)
    import_list(event_path, tmp_path, [(BKTTG, [person(p) for p in eight])])
    arrive(kdb, *eight[:6])
    assert [len(b["recipients"]) for b in programme(organiser, per_batch=2)["batches"]] == [
        2, 2, 2]
    arrive(kdb, eight[6])  # before any hand, batches may change: 2 + 2 + 2 + 1
    assert tap(organiser, 1, as_shown(organiser, per_batch=2), per_batch=2).status_code == 200
    made = programme(organiser, per_batch=2)
    frozen = waiting(made)[:2]
    arrive(kdb, eight[7])
    made = programme(organiser, per_batch=2)
    assert waiting(made)[:2] == frozen
    last = waiting(made)[2]
    assert (last["award"], last["supplementary"]) == (BKTTG, False)
    assert names(last) == [eight[6]["name"], eight[7]["name"]]


def test_the_tap_names_what_the_screen_showed(three_forms, kdb, organiser):
    """A check-in between the screen and the tap: 409, nothing recorded; the tap as the
    screen now shows it records exactly those."""
    shown = as_shown(organiser)
    arrive(kdb, three_forms["hcld"][2])  # joins batch 1, nothing handed yet
    raced = tap(organiser, 1, shown)
    assert raced.status_code == 409, raced.get_json()
    error = raced.get_json()["error"]
    assert error["reason"] == "conflict" and error["field"] == "recipients"
    assert "đã thay đổi" in error["message"]
    assert kdb.execute("SELECT COUNT(*) FROM awards_handed").fetchone()[0] == 0
    assert kdb.execute("SELECT COUNT(*) FROM audit WHERE action = 'ceremony.handed'"
                       ).fetchone()[0] == 0
    codes = [r["code"] for r in programme(organiser)["batches"][0]["recipients"]]
    assert tap(organiser, 1, list(reversed(codes))).status_code == 409  # not in that order
    done = tap(organiser, 1, [c.lower() for c in codes])  # the codes as shown will do
    assert done.status_code == 200, done.get_json()
    handed = kdb.execute("SELECT d.code FROM awards_handed h JOIN awards a ON a.id = "
                         "h.award_id JOIN delegates d ON d.id = a.delegate_id ORDER BY a.row"
                         ).fetchall()
    assert [c for (c,) in handed] == codes
    for bad in (None, [], "1", [True], [{"id": 1}]):
        assert tap(organiser, 2, bad).status_code == 400


def award_of(kdb, code) -> int:
    return kdb.execute("SELECT a.id FROM awards a JOIN delegates d ON d.id = a.delegate_id "
                       "WHERE d.code = ?", [code]).fetchone()[0]


def test_the_desk_is_refused_what_contradicts_the_record(three_forms, kdb, organiser):
    headers = {"X-CSRFToken": organiser.csrf}
    hcld, bkttg = three_forms["hcld"], three_forms["bkttg"]

    def absent(code, proxy):
        return organiser.post(f"/api/ceremony/awards/{award_of(kdb, code)}/absent",
                              json={"proxy": proxy, "session": "chinh-thuc"}, headers=headers)

    # a proxy does not walk twice in one batch: not a recipient of the same form, nor a
    # proxy for another award of it
    twice = absent(bkttg[3]["code"], bkttg[0]["code"])
    assert twice.status_code == 409 and twice.get_json()["error"]["field"] == "proxy"
    assert bkttg[0]["name"] in twice.get_json()["error"]["message"]
    assert absent(bkttg[3]["code"], hcld[0]["code"]).status_code == 200  # another form: yes
    # an award handed over to the delegation is not called, even with its holder here
    given = organiser.post(f"/api/ceremony/awards/{award_of(kdb, hcld[2]['code'])}/handover",
                           json={"received_by": "Trưởng đoàn"}, headers=headers)
    assert given.status_code == 200
    arrive(kdb, hcld[2])
    made = programme(organiser)
    called = [r["code"] for b in made["batches"] for r in b["recipients"]]
    assert hcld[2]["code"] not in called
    assert [a["handed_over_to"] for a in made["not_present"] if a["code"] == hcld[2]["code"]
            ] == ["Trưởng đoàn"]
    assert absent(hcld[2]["code"], bkttg[0]["code"]).status_code == 409
    # nothing set on an award handed on stage: neither kept nor a proxy
    assert tap(organiser, 1, as_shown(organiser)).status_code == 200
    kept = absent(hcld[0]["code"], None)
    assert kept.status_code == 409 and "đã được trao" in kept.get_json()["error"]["message"]
    assert absent(hcld[0]["code"], bkttg[1]["code"]).status_code == 409
    # nor on one lined up on stage or next
    assert absent(bkttg[0]["code"], None).status_code == 409
    assert organiser.post(f"/api/ceremony/awards/{award_of(kdb, bkttg[0]['code'])}/handover",
                          json={"received_by": "Trưởng đoàn"}, headers=headers
                          ).status_code == 409
    assert kdb.execute("SELECT COUNT(*) FROM award_absences").fetchone()[0] == 1


def test_a_viewer_sees_counts_of_the_absent_not_their_names(three_forms, app, kdb, organiser):
    accounts.set_password(kdb, "xem", "mat-khau-xem", "viewer")
    viewer = app.test_client()
    assert login_form(viewer, "xem", "mat-khau-xem", address="10.0.0.9").status_code == 302
    share = app.test_client()
    assert share.get(f"/share/{accounts.share_token(kdb)}").status_code == 302
    missing = [three_forms["hcld"][2], three_forms["bkttg"][3]]
    full = programme(organiser)
    assert {a["name"] for a in full["not_present"]} == {p["name"] for p in missing}
    assert full["not_present_count"] == 2
    for client in (viewer, share):
        answer = client.get("/api/ceremony?session=chinh-thuc")
        assert answer.status_code == 200
        made = answer.get_json()
        assert made["not_present"] == 2 and made["not_present_count"] == 2
        assert made["not_present_by_form"] == [{"award": HCLD, "count": 1},
                                               {"award": BKTTG, "count": 1}]
        body = answer.get_data(as_text=True)
        for p in missing:
            assert p["name"] not in body and p["code"] not in body
        assert [b["award"] for b in made["batches"]] == [HCLD, BKTTG, CO_NGANH]


def test_an_award_handed_in_one_session_is_not_called_in_the_next(three_forms, kdb,
                                                                 organiser):
    """HCLD handed at the preparatory session; its holders come to the official one: the
    official programme does not call them again (a tap on it was a server error)."""
    hcld = three_forms["hcld"][:2]
    for p in hcld:
        decision.check_in(kdb, p["code"], "tru-bi", "cua-1", confirmed=True)
    shown = as_shown(organiser, session="tru-bi")
    assert tap(organiser, 1, shown, session="tru-bi").status_code == 200
    made = programme(organiser)
    called = [r["name"] for b in made["batches"] for r in b["recipients"]]
    assert not {p["name"] for p in hcld} & set(called)
    assert made["batches"][0]["award"] == BKTTG
    assert tap(organiser, 1, as_shown(organiser)).status_code == 200
