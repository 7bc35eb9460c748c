"""`badges awards` as an emulation office uses it: the honours list imported again after
the ceremony has begun keeps what was decided on the awards still on it, refuses in
Vietnamese where a record would be lost (nothing changed), and is audited; and the list
never guesses who a row names (an exact name, a unit that agrees, a code beside its own
person's name, a plausible date)."""

import unicodedata
from datetime import datetime

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from badges.cli import main as badges_main
from kiosk.cli import main as kiosk_main
from kiosk.core import decision

BKTTG, CO_NGANH = "Bằng khen của Thủ tướng Chính phủ", "Cờ thi đua của Bảo hiểm xã hội Việt Nam"
HEADER = ["STT", "Họ và tên", "Đơn vị", "Tên tập thể", "Mã đại biểu", "Số quyết định",
          "Ngày quyết định"]


def write_list(path, sections: list):
    """An XLSX as the office makes it: a title row, the header, a section row per form,
    rows (name, unit, collective, code[, decision, date])."""
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH KHEN THƯỞNG TẠI ĐẠI HỘI"])
    sheet.append(HEADER)
    number = 0
    for roman, (form, rows) in zip("I II III IV V VI".split(), sections, strict=False):
        sheet.append([f"{roman}. {form.upper()}"])
        for row in rows:
            number += 1
            name, unit, collective, code, *decided = row
            sheet.append([number, name, unit, collective, code,
                          *(decided or ["123/QĐ-TTg", "15/11/2026"])])
    book.save(path)
    return path


def awards(path, event_path):
    return CliRunner().invoke(badges_main, ["awards", str(path), "--db", str(event_path)])


@pytest.fixture
def people(kdb):
    return list(kdb.query("SELECT code, name, unit FROM delegates WHERE category_id = "
                          "'ca-nhan' ORDER BY code LIMIT 6"))


@pytest.fixture
def groups(kdb):
    return list(kdb.query("SELECT code, name, unit FROM delegates WHERE category_id = "
                          "'tap-the' ORDER BY code LIMIT 2"))


def the_list(people, groups):
    return [(BKTTG, [(p["name"], p["unit"], None, p["code"]) for p in people[:4]]),
            (CO_NGANH, [(g["name"], None, g["unit"], g["code"], "601/QĐ-BHXH", "20/11/2026")
                        for g in groups])]


def state(kdb) -> dict:
    """What the ceremony has recorded, by recipient code and form: nothing may change."""
    def by(sql):
        return sorted(kdb.execute(sql).fetchall())
    return {
        "awards": by("SELECT d.code, a.form, a.decision, a.collective FROM awards a "
                     "JOIN delegates d ON d.id = a.delegate_id"),
        "handed": by("SELECT d.code, a.form, h.batch FROM awards_handed h JOIN awards a "
                     "ON a.id = h.award_id JOIN delegates d ON d.id = a.delegate_id"),
        "absences": by("SELECT d.code, x.proxy_id FROM award_absences x JOIN awards a ON "
                       "a.id = x.award_id JOIN delegates d ON d.id = a.delegate_id"),
        "handovers": by("SELECT d.code, o.received_by FROM award_handovers o JOIN awards a ON "
                        "a.id = o.award_id JOIN delegates d ON d.id = a.delegate_id"),
    }


@pytest.fixture
def decided(event_path, kdb, tmp_path, organiser, people, groups):
    """The list imported, then the ceremony under way: the first Bằng khen batch handed on
    stage (people[0], people[1] came), people[2]'s award received by a proxy, people[3]'s
    kept, the second collective's award handed over to its delegation."""
    path = write_list(tmp_path / "khen-thuong.xlsx", the_list(people, groups))
    assert awards(path, event_path).exit_code == 0
    for p in people[:2]:
        decision.check_in(kdb, p["code"], "chinh-thuc", "cua-1", confirmed=True)
    headers = {"X-CSRFToken": organiser.csrf}
    ids = dict(kdb.execute("SELECT d.code, a.id FROM awards a JOIN delegates d ON "
                           "d.id = a.delegate_id").fetchall())
    made = organiser.get("/api/ceremony?session=chinh-thuc").get_json()
    first = made["batches"][0]
    assert first["award"] == BKTTG
    shown = [r["award_id"] for r in first["recipients"]]
    tapped = organiser.post("/api/ceremony/batches/1/handed", headers=headers,
                            json={"session": "chinh-thuc", "recipients": shown})
    assert tapped.status_code == 200, tapped.get_json()
    assert organiser.post(f"/api/ceremony/awards/{ids[people[2]['code']]}/absent",
                          json={"proxy": people[5]["code"], "session": "chinh-thuc",
                                "confirm": True},  # not in the hall: the desk confirmed
                          headers=headers).status_code == 200
    assert organiser.post(f"/api/ceremony/awards/{ids[people[3]['code']]}/absent",
                          json={"proxy": None}, headers=headers).status_code == 200
    assert organiser.post(f"/api/ceremony/awards/{ids[groups[1]['code']]}/handover",
                          json={"received_by": "Trưởng đoàn"}, headers=headers
                          ).status_code == 200
    return path


def test_the_same_list_again_keeps_every_decision_and_is_audited(decided, event_path, kdb):
    before = state(kdb)
    assert before["handed"] and before["absences"] and before["handovers"]
    again = awards(decided, event_path)
    assert again.exception is None, again.exception  # an IntegrityError traceback before
    assert again.exit_code == 0, again.output
    assert state(kdb) == before
    entry = kdb.execute("SELECT actor, role, action, before, after, note FROM audit "
                        "WHERE action = 'awards.import' ORDER BY seq DESC").fetchone()
    assert entry is not None and entry[1] == "cli" and entry[5] == "khen-thuong.xlsx"
    assert '"kept": 6' in entry[4] and '"removed": 0' in entry[4]
    # the trail is whole with the import's entry in it
    verified = CliRunner().invoke(kiosk_main, ["verify-log", "--db", str(event_path)])
    assert verified.exit_code == 0, verified.output


def test_a_new_decision_number_and_a_new_row_keep_the_decisions_of_the_rest(
        decided, event_path, kdb, tmp_path, people, groups):
    sections = the_list(people, groups)
    sections[0] = (BKTTG, [row[:4] + ("456/QĐ-TTg", "16/11/2026") for row in sections[0][1]]
                   + [(people[4]["name"], people[4]["unit"], None, people[4]["code"],
                       "456/QĐ-TTg", "16/11/2026")])
    path = write_list(tmp_path / "khen-thuong-sua.xlsx", sections)
    before = state(kdb)
    result = awards(path, event_path)
    assert result.exit_code == 0, result.output
    after = state(kdb)
    assert {k: after[k] for k in ("handed", "absences", "handovers")} == \
        {k: before[k] for k in ("handed", "absences", "handovers")}
    numbers = {code: number for code, form, number, _ in after["awards"] if form == BKTTG}
    assert set(numbers.values()) == {"456/QĐ-TTg"} and people[4]["code"] in numbers


def test_a_list_that_drops_an_award_already_handed_is_refused_and_nothing_changes(
        decided, event_path, kdb, tmp_path, people, groups):
    sections = the_list(people, groups)
    sections[0] = (BKTTG, sections[0][1][1:])  # people[0]: handed on stage
    sections[1] = (CO_NGANH, sections[1][1][:1])  # groups[1]: handed over to the delegation
    path = write_list(tmp_path / "thieu.xlsx", sections)
    before = state(kdb)
    audited = kdb.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    result = awards(path, event_path)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"{BKTTG} của {people[0]['name']} ({people[0]['code']}) đã trao trên sân khấu" \
        in result.output
    assert f"{groups[1]['unit']} (đồng chí {groups[1]['name']} nhận) đã bàn giao cho đoàn" \
        in result.output
    assert "chưa nhập gì" in result.output
    assert state(kdb) == before
    assert kdb.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == audited


def test_an_award_with_only_a_proxy_may_leave_the_list_with_its_proxy(
        decided, event_path, kdb, tmp_path, people, groups):
    sections = the_list(people, groups)
    sections[0] = (BKTTG, [r for r in sections[0][1] if r[3] != people[2]["code"]])
    result = awards(write_list(tmp_path / "bot.xlsx", sections), event_path)
    assert result.exit_code == 0, result.output
    after = state(kdb)
    assert people[2]["code"] not in {code for code, _ in after["absences"]}
    assert people[3]["code"] in {code for code, _ in after["absences"]}  # kept stays
    assert len(after["handed"]) == 2


# --- 28.7: never guess who a row names -------------------------------------------------

def one_row(tmp_path, name, unit=None, collective=None, code=None, day="15/11/2026"):
    return write_list(tmp_path / "mot.xlsx", [(BKTTG, [(name, unit, collective, code,
                                                        "123/QĐ-TTg", day)])])


def test_a_name_matches_only_exactly_with_its_diacritics(event_path, kdb, tmp_path):
    kdb.execute("UPDATE delegates SET name = 'Nguyễn Tiến Thưởng Anh' WHERE name = "
                "'Nguyễn Tiến Thưởng'")  # one person of that name
    kdb.execute("UPDATE delegates SET name = 'Nguyễn Tiến Thưởng' WHERE code = "
                "(SELECT code FROM delegates WHERE category_id = 'ca-nhan' ORDER BY code "
                "LIMIT 1)")
    kdb.conn.commit()
    code = kdb.execute("SELECT code FROM delegates WHERE name = 'Nguyễn Tiến Thưởng'"
                       ).fetchone()[0]
    assert kdb.execute("SELECT COUNT(*) FROM delegates WHERE name = 'Nguyễn Tiến Thưởng'"
                       ).fetchone()[0] == 1
    wrong = awards(one_row(tmp_path, "Nguyễn Tiến Thuởng"), event_path)  # u, not ư
    assert wrong.exit_code == 1
    assert "dòng 4: không có đại biểu tên 'Nguyễn Tiến Thuởng'" in wrong.output
    assert f"gần giống: Nguyễn Tiến Thưởng ({code})" in wrong.output
    assert kdb.execute("SELECT COUNT(*) FROM awards").fetchone()[0] == 0
    # the same name from a Mac (NFD), in capitals: the same person
    mac = unicodedata.normalize("NFD", "NGUYỄN TIẾN THƯỞNG")
    right = awards(one_row(tmp_path, mac), event_path)
    assert right.exit_code == 0, right.output


def test_a_tone_mark_placed_the_old_way_is_the_same_name(event_path, kdb, tmp_path):
    code = kdb.execute("SELECT code FROM delegates WHERE category_id = 'ca-nhan' "
                       "ORDER BY code LIMIT 1").fetchone()[0]
    kdb.execute("UPDATE delegates SET name = 'Lê Thị Thủy' WHERE code = ?", [code])
    kdb.conn.commit()
    assert awards(one_row(tmp_path, "Lê Thị Thuỷ"), event_path).exit_code == 0


def test_a_unit_given_must_be_the_delegates(event_path, kdb, tmp_path, people):
    person = people[0]
    named = awards(one_row(tmp_path, person["name"], "BHXH tỉnh Không Có"), event_path)
    assert named.exit_code == 1
    assert f"đại biểu tên '{person['name']}' không thuộc đơn vị 'BHXH tỉnh Không Có'" \
        in named.output
    coded = awards(one_row(tmp_path, None, "BHXH tỉnh Không Có", code=person["code"]),
                   event_path)
    assert coded.exit_code == 1
    assert f"mã {person['code']} ({person['name']}) thuộc đơn vị '{person['unit']}', không " \
           "phải 'BHXH tỉnh Không Có'" in coded.output
    # the unit written out in full (or short) is the same unit
    other = person["unit"].replace("BHXH", "Bảo hiểm xã hội") if "BHXH" in person["unit"] \
        else person["unit"].replace("Bảo hiểm xã hội", "BHXH")
    assert other != person["unit"]
    assert awards(one_row(tmp_path, person["name"], other), event_path).exit_code == 0


def test_a_code_beside_another_persons_name_is_refused_naming_both(event_path, kdb,
                                                                    tmp_path, people,
                                                                    groups):
    owner, other = people[0], people[1]
    person = awards(one_row(tmp_path, other["name"], code=owner["code"]), event_path)
    assert person.exit_code == 1
    assert f"mã {owner['code']} là đại biểu {owner['name']}, không phải {other['name']}" \
        in person.output
    group = groups[0]
    collective = awards(one_row(tmp_path, other["name"], collective=group["unit"],
                                code=group["code"]), event_path)
    assert collective.exit_code == 1
    assert f"mã {group['code']} là đại biểu {group['name']}, không phải {other['name']}" \
        in collective.output
    assert kdb.execute("SELECT COUNT(*) FROM awards").fetchone()[0] == 0


@pytest.mark.parametrize("day", ["01/01/9999", "0001-01-01", "31/12/1999",
                                 datetime(2101, 1, 1)])
def test_a_decision_date_outside_2000_to_2100_is_refused(event_path, kdb, tmp_path, people,
                                                         day):
    result = awards(one_row(tmp_path, None, code=people[0]["code"], day=day), event_path)
    assert result.exit_code == 1
    assert "dòng 4: ngày quyết định" in result.output and "năm phải từ 2000 đến 2100" \
        in result.output
    assert kdb.execute("SELECT COUNT(*) FROM awards").fetchone()[0] == 0
