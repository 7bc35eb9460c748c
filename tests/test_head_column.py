"""The head of each delegation (trưởng đoàn): marked in the roster's optional column
"Trưởng đoàn" as offices write it, one a delegation, changed by the organisers (issue 31
item 1), and the one the awards kept for handover and the invitations go to."""

from click.testing import CliRunner

from badges import db as store
from badges.importer import import_roster
from kiosk.cli import main as kiosk_main
from kiosk.services import lookups

from helpers import HEADER, roster_row, write_csv

WITH_HEAD = [*HEADER, "Trưởng đoàn"]
HA_TINH = "Đoàn BHXH tỉnh Hà Tĩnh"


def heads(db) -> dict:
    return {name: row["code"] for name, row in store.delegation_heads(db).items()}


def test_an_x_in_the_column_marks_the_head_of_each_delegation(db, tmp_path):
    rows = [roster_row(1, "Nguyễn Văn An") + [""], roster_row(2, "Trần Thị Bình") + ["x"],
            roster_row(3, "Lê Văn Cường", delegation=HA_TINH) + ["TĐ"],
            roster_row(4, "Phạm Thị Dung", delegation=HA_TINH) + [""]]
    report = import_roster(db, write_csv(tmp_path / "r.csv", rows, WITH_HEAD))
    assert report.applied, report.errors
    assert heads(db) == {"Đoàn BHXH tỉnh Nghệ An": "T002", HA_TINH: "T003"}


def test_two_heads_for_one_delegation_are_refused_naming_both_rows(db, tmp_path):
    rows = [roster_row(1, "Nguyễn Văn An") + ["x"], roster_row(2, "Trần Thị Bình") + ["X"]]
    report = import_roster(db, write_csv(tmp_path / "r.csv", rows, WITH_HEAD))
    assert not report.applied and store.count_delegates(db) == 0
    said = [str(p) for p in report.errors]
    assert len(said) == 2 and all("nhiều trưởng đoàn (dòng 2, 3)" in s for s in said), said


def test_a_mark_not_understood_or_a_head_without_delegation_is_refused(db, tmp_path):
    rows = [roster_row(1, "Nguyễn Văn An") + ["phó đoàn"],
            roster_row(2, "Trần Thị Bình", delegation="") + ["x"]]
    report = import_roster(db, write_csv(tmp_path / "r.csv", rows, WITH_HEAD))
    assert not report.applied
    reasons = {p.row: p.reason for p in report.errors}
    assert reasons == {2: "bad_head", 3: "head_without_delegation"}


def test_a_new_list_moves_the_head_and_a_list_without_the_column_keeps_it(db, tmp_path):
    first = [roster_row(1, "Nguyễn Văn An") + ["x"], roster_row(2, "Trần Thị Bình") + [""]]
    import_roster(db, write_csv(tmp_path / "a.csv", first, WITH_HEAD))
    import_roster(db, write_csv(tmp_path / "b.csv", [r[:-1] for r in first]))
    assert heads(db) == {"Đoàn BHXH tỉnh Nghệ An": "T001"}  # no column: left as it was
    moved = [roster_row(1, "Nguyễn Văn An") + [""], roster_row(2, "Trần Thị Bình") + ["x"]]
    assert import_roster(db, write_csv(tmp_path / "c.csv", moved, WITH_HEAD)).applied
    assert heads(db) == {"Đoàn BHXH tỉnh Nghệ An": "T002"}


def test_organisers_change_the_head_audited_and_the_desk_reads_it(organiser, kdb):
    person = next(d for d in store.list_delegates(kdb) if d["delegation"]
                  and d["category_id"] in ("ca-nhan", "tap-the"))
    answer = organiser.post(f"/api/admin/delegates/{person['code']}/head", json={"head": True},
                            headers={"X-CSRFToken": organiser.csrf})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["head"]["code"] == person["code"]
    assert lookups.delegation_head(kdb, person["delegation"])["code"] == person["code"]
    listed = organiser.get("/api/admin/delegations").get_json()["delegations"]
    mine = next(d for d in listed if d["delegation"] == person["delegation"])
    assert mine["head"] == {"code": person["code"], "name": person["name"]}
    entries = organiser.get("/api/admin/audit?action=delegation.head").get_json()["entries"]
    assert any(e["action"] == "delegation.head" and e["target"] == person["code"]
               for e in entries)


def test_bad_changes_are_refused_in_words_and_change_nothing(organiser, kdb):
    person = next(d for d in store.list_delegates(kdb) if d["delegation"])
    before = heads(kdb)
    said = organiser.post(f"/api/admin/delegates/{person['code']}/head", json={"head": "có"},
                          headers={"X-CSRFToken": organiser.csrf})
    assert said.status_code == 400 and said.get_json()["error"]["field"] == "head"
    said = organiser.post("/api/admin/delegates/KHONGCO/head", json={"head": True},
                          headers={"X-CSRFToken": organiser.csrf})
    assert said.status_code == 404 and "KHONGCO" in said.get_json()["error"]["message"]
    assert heads(kdb) == before


def test_the_command_sets_lists_and_refuses(event_path, kdb):
    person = next(d for d in store.list_delegates(kdb) if d["delegation"]
                  and d["category_id"] in ("ca-nhan", "tap-the"))
    guest = next(d for d in store.list_delegates(kdb) if d["category_id"] == "khach-moi")
    runner = CliRunner()
    made = runner.invoke(kiosk_main, ["delegation-head", "--db", str(event_path), person["code"]])
    assert made.exit_code == 0, made.output
    assert f"trưởng đoàn {person['name']} ({person['code']})" in made.output
    listed = runner.invoke(kiosk_main, ["delegation-head", "--db", str(event_path)])
    assert f"{person['delegation']}\t{person['name']} ({person['code']})" in listed.output
    wrong = runner.invoke(kiosk_main, ["delegation-head", "--db", str(event_path), "KHONGCO"])
    assert wrong.exit_code == 1 and "KHONGCO" in wrong.output and "Traceback" not in wrong.output
    guest_said = runner.invoke(kiosk_main, ["delegation-head", "--db", str(event_path),
                                            guest["code"]])
    assert guest_said.exit_code == 1 and "không phải đoàn đại biểu" in guest_said.output


def test_a_head_mark_on_a_guest_or_the_press_is_refused_naming_the_row(db, tmp_path):
    rows = [roster_row(1, "Nguyễn Văn An") + ["x"],
            roster_row(2, "Trần Thị Bình", category="Khách mời",
                       delegation="Khách mời") + ["x"],
            roster_row(3, "Lê Văn Cường", category="Báo chí", delegation="Báo Nhân Dân") + ["x"]]
    report = import_roster(db, write_csv(tmp_path / "r.csv", rows, WITH_HEAD))
    assert not report.applied and store.count_delegates(db) == 0
    said = sorted(str(p) for p in report.errors)
    assert said == [
        "dòng 3, cột 'Trưởng đoàn': 'Khách mời' không phải đoàn đại biểu (khách mời, báo chí, "
        "ban tổ chức không có trưởng đoàn): bỏ dấu x ở dòng này",
        "dòng 4, cột 'Trưởng đoàn': 'Báo chí' không phải đoàn đại biểu (khách mời, báo chí, "
        "ban tổ chức không có trưởng đoàn): bỏ dấu x ở dòng này"], said


def test_a_head_mark_on_a_guest_kept_on_the_roster_is_refused_without_the_category_column(
        db, tmp_path):
    guest = roster_row(2, "Trần Thị Bình", category="Khách mời", delegation="Khách mời")
    assert import_roster(db, write_csv(tmp_path / "r.csv", [
        roster_row(1, "Nguyễn Văn An") + ["x"], guest + [""]], WITH_HEAD)).applied
    at = WITH_HEAD.index("Thành phần")
    without = [h for h in WITH_HEAD if h != "Thành phần"]
    rows = [r[:at] + r[at + 1:] for r in (roster_row(1, "Nguyễn Văn An") + [""], guest + ["x"])]
    report = import_roster(db, write_csv(tmp_path / "r2.csv", rows, without))
    assert not report.applied
    assert [str(p) for p in report.errors] == [
        "dòng 3, cột 'Trưởng đoàn': 'Khách mời' không phải đoàn đại biểu (khách mời, báo chí, "
        "ban tổ chức không có trưởng đoàn): bỏ dấu x ở dòng này"]
    assert heads(db) == {"Đoàn BHXH tỉnh Nghệ An": "T001"}  # nothing of the file written
