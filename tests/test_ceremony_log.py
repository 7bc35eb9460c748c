"""`kiosk verify-log` covers the ceremony and the composition kept after the purge (issue 28,
item 12): the honours list, a batch handed, a proxy, the stage's lineup, a presenter and
the kept figures are each sealed onto a log by the database itself, so that a row changed
in the file (by someone who dropped the triggers first) is named by verify-log, /admin/log
and the report's annex, and a change made through the hub is not."""

import sqlite3

import pytest
from click.testing import CliRunner
from test_awards_import import decided, groups, people  # noqa: F401 (fixtures)

from kiosk import db as store
from kiosk.cli import main
from kiosk.services import integrity, privacy

NAME = "Nhật ký lễ trao và cơ cấu đã giữ"


def verify(path):
    return CliRunner().invoke(main, ["verify-log", "--db", str(path)])


def tamper(path, table, sql):
    """Someone with the file and the sqlite3 shell: the triggers on `table` dropped, then
    the row edited."""
    conn = sqlite3.connect(path)
    for verb in ("insert", "update", "delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {table}_ceremony_logged_{verb}")
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_the_ceremony_as_recorded_verifies(decided, event_path, kdb):  # noqa: F811
    result = verify(event_path)
    assert result.exit_code == 0, result.output
    rows = kdb.execute("SELECT COUNT(*) FROM ceremony_log").fetchone()[0]
    assert rows > 10 and f"{NAME}: {rows} dòng, nguyên vẹn." in result.output


@pytest.mark.parametrize("table, sql, said", [
    ("awards", "UPDATE awards SET decision = '999/QĐ-TTg' WHERE id = (SELECT MIN(id) FROM "
     "awards)", "khen thưởng (hình thức, quyết định) (khóa {award}) — decision: "),
    ("awards_handed", "UPDATE awards_handed SET batch = 2", "đã trao trên sân khấu"),
    ("award_absences", "DELETE FROM award_absences WHERE proxy_id IS NOT NULL",
     "nhận thay hoặc giữ lại (khóa {absent}) — đã bị xóa khỏi bảng"),
    ("ceremony_lineup", "UPDATE ceremony_lineup SET walker_id = walker_id + 1 WHERE "
     "position = 1", "thứ tự lên sân khấu (khóa chinh-thuc, 1, 1) — walker_id: "),
    ("ceremony_lineup", "UPDATE ceremony_lineup SET presenter = 'Người khác'",
     "presenter: "),
], ids=["decision", "batch-handed", "proxy", "lineup-walker", "presenter"])
def test_a_ceremony_record_changed_in_the_file_is_named(decided, event_path, kdb,  # noqa: F811
                                                        table, sql, said):
    award = kdb.execute("SELECT MIN(id) FROM awards").fetchone()[0]
    absent = kdb.execute("SELECT award_id FROM award_absences WHERE proxy_id IS NOT NULL"
                         ).fetchone()[0]
    assert verify(event_path).exit_code == 0
    tamper(event_path, table, sql)
    result = verify(event_path)
    assert result.exit_code == 1, result.output
    assert f"HỎNG — {NAME}: " in result.output and "bị sửa ngoài hệ thống" in result.output
    assert said.format(award=award, absent=absent) in result.output, result.output
    # /admin/log and the report read the same verdict
    verdict = integrity.verify(kdb)
    assert not verdict.whole
    assert [c["broken"] for c in verdict.chains if c["table"] == "ceremony_log"][0]


def test_the_composition_kept_after_the_purge_cannot_be_changed_unseen(event_path, kdb):
    privacy.purge(kdb, ("kiosk CLI", "cli"))
    kept = store.kept_composition(kdb, "chinh-thuc")
    assert kept and verify(event_path).exit_code == 0
    tamper(event_path, "kept_composition",
           "UPDATE kept_composition SET figures = replace(figures, '\"present\": 0', "
           "'\"present\": 40') WHERE session_id = 'chinh-thuc'")
    result = verify(event_path)
    assert result.exit_code == 1, result.output
    assert ("cơ cấu đại biểu giữ lại sau khi xóa dữ liệu (khóa chinh-thuc) — figures: "
            in result.output), result.output


def test_a_row_sealed_into_the_log_cannot_be_changed_either(decided, event_path):  # noqa: F811
    conn = sqlite3.connect(event_path)
    conn.execute("DROP TRIGGER ceremony_log_append_only_update")
    conn.execute("UPDATE ceremony_log SET fields = replace(fields, '123/QĐ-TTg', '1/QĐ-TTg')")
    conn.commit()
    conn.close()
    result = verify(event_path)
    assert result.exit_code == 1 and f"HỎNG — {NAME}: dòng số " in result.output, result.output
