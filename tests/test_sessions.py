"""Organisers set the real schedule: `badges sessions`, and the hub follows at once."""

from click.testing import CliRunner

from badges import db as store
from badges.cli import main


def run(*args):
    return CliRunner().invoke(main, ["sessions", *args])


def test_sessions_are_listed_changed_and_added_in_hanoi_time(tmp_path):
    db_path = str(tmp_path / "event.db")
    listed = run("--db", db_path)
    assert listed.exit_code == 0
    assert "tru-bi\tPhiên trù bị\t15/12/2026 13:30–17:00" in listed.output
    changed = run("--db", db_path, "--set", "tru-bi", "--starts", "2026-12-15 14:00",
                  "--ends", "2026-12-15T17:30:00+07:00", "--summon", "ca-nhan,lanh-dao")
    assert changed.exit_code == 0, changed.output
    assert "tru-bi\tPhiên trù bị\t15/12/2026 14:00–17:30\tca-nhan,lanh-dao" in changed.output
    added = run("--db", db_path, "--add", "be-mac", "--name", "Phiên bế mạc",
                "--starts", "2026-12-16 14:00", "--ends", "2026-12-16 16:00")
    assert added.exit_code == 0 and "be-mac\tPhiên bế mạc" in added.output
    sessions = store.list_sessions(store.connect(db_path))
    assert [s["id"] for s in sessions] == ["tru-bi", "chinh-thuc", "be-mac"]
    assert sessions[0]["starts_at"] == "2026-12-15T14:00:00+07:00"
    assert sessions[0]["categories"] == ["ca-nhan", "lanh-dao"]
    assert sessions[2]["categories"] is None  # everyone


def test_bad_schedule_changes_are_refused_with_the_reason_and_change_nothing(tmp_path):
    db_path = str(tmp_path / "event.db")
    before = run("--db", db_path).output
    for args, reason in [
        (["--set", "tru-bi", "--starts", "chiều mai"], "không hợp lệ"),
        (["--set", "tru-bi", "--ends", "2026-12-15 12:00"], "phải kết thúc sau khi bắt đầu"),
        (["--set", "tru-bi", "--summon", "ca-nhan,dai-su"], "không có thành phần dai-su"),
        (["--set", "tru-bi", "--name", "  "], "không được để trống"),
        (["--set", "be-mac", "--name", "x"], "không có phiên 'be-mac'"),
        (["--add", "chinh-thuc", "--name", "x"], "đã có"),
        (["--add", "Bế mạc", "--name", "x"], "mã phiên"),
        (["--add", "be-mac", "--name", "Phiên bế mạc"], "cần --name, --starts và --ends"),
    ]:
        result = run("--db", db_path, *args)
        assert result.exit_code == 1 and reason in result.output, (args, result.output)
    assert run("--db", db_path).output == before


def test_the_running_hub_follows_a_change_of_who_is_summoned(station, event_path, kdb):
    """The batcher keeps sessions in its snapshot; the CLI's change must count at once."""
    def result():
        return station.post("/api/checkins",
                            json={"confirm": True,
                                  "code": "KM001", "session": "tru-bi"}).get_json()["result"]

    assert result() == "wrong_session"  # guests are not summoned to the preparatory session
    assert run("--db", str(event_path), "--set", "tru-bi", "--summon", "all").exit_code == 0
    assert result() == "ok"
    assert station.get("/api/stats?session=tru-bi").get_json()["expected"] == 500
