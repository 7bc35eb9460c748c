"""`badges invitations` (issue 31, item 5), read back from its PDF: a giấy mời per delegate
naming them and each session they are summoned to with its time and place, under the
national title and "GIẤY MỜI" as Nghị định 30/2020/NĐ-CP's model form lays it out; one
per delegation to its head (by name when the roster names one); refusals in words."""

import re

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from badges import db as store
from badges.cli import main as badges_main
from badges.invitations import head_of, when

SIGNER = ["--signer-title", "KT. TỔNG GIÁM ĐỐC|PHÓ TỔNG GIÁM ĐỐC", "--signer",
          "Nguyễn Văn Hùng"]


def run(*args):
    result = CliRunner().invoke(badges_main, ["invitations", *map(str, args)])
    assert "Traceback" not in result.output and not isinstance(result.exception,
                                                                  (TypeError, KeyError))
    return result


def pages(path) -> list:
    return [re.sub(r"\s+", " ", p.get_textpage().get_text_range())
            for p in pdfium.PdfDocument(str(path))]


@pytest.fixture
def event(event_path):
    database = store.connect(event_path)
    yield event_path, database
    database.close()


def test_an_invitation_per_delegate_names_them_and_their_sessions(event, tmp_path):
    path, db = event
    out = tmp_path / "giay-moi.pdf"
    done = run("--db", path, "--out", out, "--number", "125/GM-BHXH", *SIGNER)
    assert done.exit_code == 0, done.output
    people = store.list_delegates(db)
    got = pages(out)
    assert len(got) == len(people) == 500  # every delegate is summoned to a session
    assert "500 giấy mời" in done.output
    sessions = {s["id"]: s for s in store.list_sessions(db)}
    venue = store.get_settings(db)["venue"]
    for code, summoned, not_summoned in (("CN001", ["tru-bi", "chinh-thuc"], []),
                                         ("KM001", ["chinh-thuc"], ["tru-bi"])):
        person = store.delegate_by_code(db, code)
        mine = [p for p in got if f"Đồng chí {person['name']}, {person['title']}" in p]
        assert len(mine) == 1, code
        page = mine[0]
        assert page.startswith("BẢO HIỂM XÃ HỘI VIỆT NAM Số: 125/GM-BHXH")
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in page
        assert "GIẤY MỜI" in page and person["unit"] in page
        for sid in summoned:
            line = f"- {sessions[sid]['name']}: {when(sessions[sid])}, tại {venue}"
            assert line in page, (code, line)
        for sid in not_summoned:
            assert sessions[sid]["name"] not in page
        assert "KT. TỔNG GIÁM ĐỐC PHÓ TỔNG GIÁM ĐỐC" in page and "Nguyễn Văn Hùng" in page
        assert "Nơi nhận: - Như trên; - Lưu: VT." in page


def test_an_invitation_per_delegation_goes_to_its_head(event, tmp_path):
    path, db = event
    heads = store.delegation_heads(db)
    delegation, head = next(iter(heads.items()))
    other = next(d for d in heads if d != delegation and d.startswith("Đoàn "))
    with store.immediate(db):
        store.set_head(db, other, None)  # a delegation whose head is not named yet
    out = tmp_path / "giay-moi-doan.pdf"
    done = run("--db", path, "--out", out, "--per-delegation", *SIGNER)
    assert done.exit_code == 0, done.output
    counted = {c["id"] for c in store.list_categories(db) if c["is_delegate"]}
    delegations = {p["delegation"] for p in store.list_delegates(db)
                   if p["category_id"] in counted and p["delegation"]}
    got = pages(out)
    assert len(got) == len(delegations)
    mine = [p for p in got if f"Đồng chí {head['name']}" in p]
    assert len(mine) == 1 and delegation.split(" ", 1)[1] in mine[0]
    members = sum(1 for p in store.list_delegates(db) if p["delegation"] == delegation)
    assert f"Đoàn có {members} đại biểu." in mine[0]
    assert head_of(other) == "Trưởng đoàn " + other.removeprefix("Đoàn ")
    unnamed = [p for p in got if f"kính mời: {head_of(other)}." in p]
    assert len(unnamed) == 1
    assert "chưa có trưởng đoàn" in done.output and other in done.output


@pytest.mark.parametrize("args, words", [
    ([], "thiếu chức vụ người ký (--signer-title), họ tên người ký (--signer)"),
    ([*SIGNER, "--number", "125/QĐ-BHXH"], "phải có ký hiệu GM"),
], ids=["no-signer", "not-a-gm-number"])
def test_what_is_missing_is_named_and_nothing_is_written(event, tmp_path, args, words):
    path, _ = event
    out = tmp_path / "x.pdf"
    refused = run("--db", path, "--out", out, *args)
    assert refused.exit_code == 1 and words in refused.output
    assert not out.exists()


def test_an_empty_roster_and_an_unset_venue_are_refused(db, tmp_path):
    out = tmp_path / "x.pdf"
    path = tmp_path / "event.db"
    empty = run("--db", path, "--out", out, *SIGNER)
    assert empty.exit_code == 1 and "chưa có đại biểu nào" in empty.output
    db.execute("DELETE FROM settings WHERE key = 'venue'")
    db.conn.commit()
    unset = run("--db", path, "--out", out, *SIGNER)
    assert unset.exit_code == 1 and "thiếu địa điểm họp (venue)" in unset.output
    assert not out.exists()


def test_nobody_summoned_gets_no_letter_said_on_stderr_and_none_left_is_refused(event,
                                                                               tmp_path):
    """A delegation (or a delegate) summoned to no session would get a letter with an
    empty "Thời gian, địa điểm": it is left out, counted on stderr; none left refuses."""
    path, db = event
    categories = [c["id"] for c in store.list_categories(db)]
    for sid in ("tru-bi", "chinh-thuc"):  # the collectives' delegates summoned to nothing
        done = CliRunner().invoke(badges_main, [
            "sessions", "--db", str(path), "--set", sid, "--summon",
            ",".join(c for c in categories if c != "tap-the")])
        assert done.exit_code == 0, done.output
    alone = next(iter(store.delegation_heads(db)))  # a delegation of collectives only
    with store.immediate(db):
        db.execute("UPDATE delegates SET category_id = 'tap-the' WHERE delegation = ?",
                   [alone])
    collectives = sum(1 for p in store.list_delegates(db) if p["category_id"] == "tap-the")
    assert collectives
    out = tmp_path / "giay-moi.pdf"
    done = run("--db", path, "--out", out, *SIGNER)
    assert done.exit_code == 0, done.output
    assert len(pages(out)) == 500 - collectives
    assert (f"CHÚ Ý bỏ qua {collectives} đại biểu không được triệu tập vào phiên họp nào"
            in done.stderr)
    assert not any("Thời gian, địa điểm: Kính" in p for p in pages(out))
    per = run("--db", path, "--out", tmp_path / "doan.pdf", "--per-delegation", *SIGNER)
    assert per.exit_code == 0 and "CHÚ Ý bỏ qua 1 đoàn không được triệu tập" in per.stderr
    assert not any(alone.split(" ", 1)[1] in p for p in pages(tmp_path / "doan.pdf"))
    for sid in ("tru-bi", "chinh-thuc"):  # nobody summoned to anything
        CliRunner().invoke(badges_main, ["sessions", "--db", str(path), "--set", sid,
                                         "--summon", "khach-moi"])
    with store.immediate(db):
        db.execute("UPDATE delegates SET active = 0 WHERE category_id = 'khach-moi'")
    none = tmp_path / "none.pdf"
    refused = run("--db", path, "--out", none, *SIGNER)
    assert refused.exit_code == 1 and "không đại biểu nào được triệu tập" in refused.output
    assert not none.exists()
