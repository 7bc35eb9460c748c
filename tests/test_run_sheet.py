"""The MC's run sheet (`kiosk script`, issue 30 item 5), read back from its PDF: the
introductions name those in the hall in precedence order and none of the absent; the
presidium and the speakers name only those who came (a reserve invited instead); a vote
recorded prints its figures, the others blanks; the sections in the programme's order."""

import re

import pypdfium2 as pdfium
from click.testing import CliRunner
from test_mc import SESSION, check_in, precedence

from kiosk.cli import main as kiosk_main
from kiosk.core import clock
from kiosk.services import mc, votes

BY = ("btc", "organiser")


def run_sheet(event_path, tmp_path) -> str:
    out = tmp_path / "kich-ban.pdf"
    result = CliRunner().invoke(kiosk_main, ["script", "--db", str(event_path), "--session",
                                             SESSION, "--out", str(out)])
    assert result.exit_code == 0, result.output
    pdf = pdfium.PdfDocument(str(out))
    pages = [p.get_textpage().get_text_range() for p in pdf]
    return re.sub(r"\s+", " ", re.sub(r"Trang \d+/\d+", " ", " ".join(pages)))


def names(kdb, codes) -> list:
    return [kdb.execute("SELECT name FROM delegates WHERE code = ?", [c]).fetchone()[0]
            for c in codes]


def test_the_run_sheet_names_the_present_in_precedence_order_and_none_of_the_absent(
        event_path, kdb, tmp_path):
    listed = [code for code, _ in precedence(kdb)]
    present, absent = listed[0::2], listed[1::2]
    check_in(kdb, *present)
    session = mc.session_of(kdb, SESSION)
    mc.set_presidium(kdb, {"chu-tich": [present[1], absent[2], present[0]]}, BY)
    check_in(kdb, "CN001", "CN004")
    mc.set_speakers(kdb, session, [
        {"code": "CN001", "topic": "Chuyển đổi số", "minutes": 7},
        {"code": "CN002", "topic": "Phát triển người tham gia", "minutes": 8,
         "reserve": "CN004"}], BY)
    votes.record(kdb, session, "Thông qua Chương trình Đại hội",
                 {"for": 3, "against": 0, "abstain": 0}, BY)
    text = run_sheet(event_path, tmp_path)
    sections = [text.index(h) for h in ("I. KHAI MẠC", "II. GIỚI THIỆU ĐẠI BIỂU",
                                        "III. ĐOÀN CHỦ TỊCH", "IV. BIỂU QUYẾT",
                                        "V. THAM LUẬN", "VI. LỄ TRAO KHEN THƯỞNG",
                                        "VII. BẾ MẠC")]
    assert sections == sorted(sections)
    intro = text[sections[1]:sections[2]]
    said = [intro.index(name) for name in names(kdb, present)]
    assert said == sorted(said)  # the roster's one precedence list
    assert not [n for n in names(kdb, absent) if n in text]  # nowhere on the sheet
    assert "BHXH" not in intro and f"{len(absent)} người trong danh sách chưa đến" in intro
    presidium = text[sections[2]:sections[3]]
    assert presidium.index(names(kdb, [present[1]])[0]) < \
        presidium.index(names(kdb, [present[0]])[0])
    assert "1 đồng chí trong danh sách Đoàn Chủ tịch chưa có mặt" in presidium
    first, second = names(kdb, [present[1], present[0]])  # #1 at the centre, #3 at its left
    assert f"từ trái sang phải: {second} — {first}." in presidium
    voting = text[sections[3]:sections[4]]
    here, summoned = votes.present_now(kdb, SESSION)
    share = f"{100 * 3 / here:.1f}".replace(".", ",")
    assert f"Kết quả: {here}/{summoned} đại biểu có mặt, tán thành 3 ({share}%)" in voting
    assert f"Kết quả: ……/{summoned} đại biểu có mặt, tán thành …… (……%)" in voting
    speaking = text[sections[4]:sections[5]]
    cn = dict(zip(("CN001", "CN002", "CN004"), names(kdb, ["CN001", "CN002", "CN004"]),
                  strict=True))
    assert cn["CN001"] in speaking and cn["CN004"] in speaking and cn["CN002"] not in speaking
    assert "mời người dự phòng" in speaking and "Tổng thời gian tham luận 15 phút" in speaking
    moment = clock.utcnow().astimezone(clock.HANOI)
    assert f"ngày {moment:%d/%m/%Y}" in text[:sections[0]]


def test_kiosk_presidium_sets_both_bodies_in_order_and_refuses_an_unknown_code(event_path):
    from kiosk import db as kiosk_db

    runner = CliRunner()
    done = runner.invoke(kiosk_main, ["presidium", "--db", str(event_path), "--chair", "LD001",
                                      "--chair", "km001", "--secretary", "CN001"])
    assert done.exit_code == 0, done.output
    assert re.search(r"Đoàn Chủ tịch:\n  1\. .*\(LD001\).*\n  2\. .*\(KM001\)", done.output)
    assert "Đoàn Thư ký:\n  1." in done.output
    bad = runner.invoke(kiosk_main, ["presidium", "--db", str(event_path), "--chair", "X9"])
    assert bad.exit_code == 1 and "Không có đại biểu mã 'X9'" in bad.output
    assert mc.presidium(kiosk_db.connect(event_path))["stage"] == ["LD001", "KM001"]
    unknown = runner.invoke(kiosk_main, ["script", "--db", str(event_path), "--session", "x",
                                         "--out", "/dev/null"])
    assert unknown.exit_code == 1 and "Không có phiên 'x'" in unknown.output


def test_the_demo_gives_the_mc_a_presidium_speakers_and_a_vote(tmp_path):
    from kiosk import db as kiosk_db
    from kiosk.cli import demo_event

    made = demo_event.prepare(tmp_path / "d", count=30)
    db = kiosk_db.connect(made.db_path)
    bodies = mc.presidium(db)
    assert len(bodies["chu-tich"]) == 3 and len(bodies["thu-ky"]) == 2
    official = mc.speakers(db, mc.session_of(db, "chinh-thuc"))["speakers"]
    assert len(official) == 3 and all(s["reserve"] for s in official)
    taken = votes.votes(db, mc.session_of(db, "tru-bi"))
    assert len(taken) == 1 and taken[0]["passed"]
    assert taken[0]["present"] == votes.present_now(db, "tru-bi")[0] > 0
    refused = db.execute("SELECT COUNT(*) FROM checkins WHERE result != 'ok'").fetchone()[0]
    assert refused == 0  # only those the preparatory session summons were checked in
    db.close()
    again = demo_event.prepare(tmp_path / "d", count=30)  # run again: nothing added twice
    db = kiosk_db.connect(again.db_path)
    assert db.execute("SELECT COUNT(*) FROM votes").fetchone()[0] == 1
    db.close()


def test_kiosk_speakers_reads_a_csv_in_its_order_and_names_a_bad_row(event_path, tmp_path):
    runner = CliRunner()
    good = tmp_path / "tham-luan.csv"
    good.write_text("Mã đại biểu,Bài tham luận,Số phút,Dự phòng\n"
                    "CN001,Chuyển đổi số,7,CN004\nTT002,Giảm nợ đọng,10,\n", encoding="utf-8-sig")
    done = runner.invoke(kiosk_main, ["speakers", "--db", str(event_path), "--session",
                                      SESSION, str(good)])
    assert done.exit_code == 0, done.output
    assert "1. " in done.output and "(CN001): Chuyển đổi số, 7 phút; dự phòng" in done.output
    assert "Tổng 17 phút" in done.output
    bad = tmp_path / "sai.csv"
    bad.write_text("ma dai bieu,bai tham luan,so phut\nCN001,A,bảy\n", encoding="utf-8")
    refused = runner.invoke(kiosk_main, ["speakers", "--db", str(event_path), str(bad)])
    assert refused.exit_code == 1 and "dòng 2, cột Số phút: 'bảy'" in refused.output
    unknown = tmp_path / "khong-co.csv"
    unknown.write_text("Mã đại biểu,Bài tham luận,Số phút\nZZ9,A,5\n", encoding="utf-8")
    refused = runner.invoke(kiosk_main, ["speakers", "--db", str(event_path), str(unknown)])
    assert refused.exit_code == 1 and "Không có đại biểu mã 'ZZ9'" in refused.output
