"""Personal data after the congress (issue 21): `kiosk purge` removes the personal fields
from the database and from backups made after it, keeps the counts and the composition
figures, and leaves the sealed logs verifying against the heads printed before."""

from datetime import timedelta

from click.testing import CliRunner
from test_composition import AS_OF, congress_file

from badges.importer import import_roster
from kiosk import db as kiosk_db
from kiosk.cli import main
from kiosk.core import audit, backups, chain, clock, decision
from kiosk.reports import tally
from kiosk.services import people


def test_purge_removes_personal_fields_and_keeps_counts_composition_and_logs(tmp_path):
    path, facts = congress_file(tmp_path, count=30)
    db_path = tmp_path / "event.db"
    db = kiosk_db.connect(db_path)
    assert import_roster(db, path).applied
    phones = [f"09{n:08d}" for n in range(1, 31)]
    for fact, phone in zip(facts, phones):
        db.execute("UPDATE delegates SET phone = ?, email = ? WHERE code = ?",
                   [phone, f"{fact['code'].lower()}@bhxh.example", fact["code"]])
    db.conn.commit()
    # the desk corrects a phone number: the audit trail says it changed, not to what;
    # the profile from the office's list is left as it was
    profile_of = lambda: {k: kiosk_db.delegate_by_code(db, "T001")[k]  # noqa: E731
                          for k in ("gender", "birth_year", "ethnicity", "party", "education")}
    held = profile_of()
    people.edit(db, "T001", {"phone": "0987000111"}, ("ban-ho-tro", "desk"))
    assert profile_of() == held and any(v is not None for v in held.values())
    last = db.execute("SELECT before, after FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert "0987000111" not in str(last) and audit.WITHHELD in last[1]
    for fact in facts[::2]:
        decision.check_in(db, fact["code"], "chinh-thuc", "cua-1", confirmed=True,
                          at=clock.iso(AS_OF - timedelta(minutes=30)))
    before = tally.compute(db, "chinh-thuc")
    heads = {table: v.head for table, v in chain.verify_database(db).items()}
    db.close()

    refused = CliRunner().invoke(main, ["purge", "--db", str(db_path)])  # not a terminal
    assert refused.exit_code == 1 and "--yes" in refused.output
    db = kiosk_db.connect(db_path)
    assert db.execute("SELECT COUNT(*) FROM delegates WHERE phone IS NOT NULL").fetchone()[0]
    db.close()

    done = CliRunner().invoke(main, ["purge", "--db", str(db_path), "--yes"])
    assert done.exit_code == 0, done.output
    copy = backups.take(db_path, tmp_path / "backups")["path"]

    db = kiosk_db.connect(db_path)
    for table, columns in kiosk_db.PURGED.items():
        for column in columns:
            assert db.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} IS NOT NULL"
                              ).fetchone()[0] == 0, (table, column)
    after = tally.compute(db, "chinh-thuc")
    assert (after.present, after.expected) == (before.present, before.expected)
    assert after.composition == before.composition  # kept as it stood
    assert [d["name"] for d in kiosk_db.list_delegates(db)] == [f["name"] for f in facts]
    db.close()
    for file in (db_path, copy):
        raw = file.read_bytes()
        for secret in (*phones, "0987000111", "t001@bhxh.example", "Mường", "Thái"):
            assert secret.encode() not in raw, (file.name, secret)
    assert not db_path.with_name("event.db-wal").exists() or \
        db_path.with_name("event.db-wal").stat().st_size == 0
    verified = CliRunner().invoke(main, [
        "verify-log", "--db", str(db_path), "--checkins-head", heads["checkins"],
        "--audit-head", heads["audit"], "--roster-head", heads["roster_log"]])
    assert verified.exit_code == 0, verified.output


def test_purge_replaces_the_hubs_backups_that_still_hold_the_data(tmp_path):
    """`kiosk purge --backups DIR`: the rolling backups made before it are removed and one
    copy of the purged database is put in their place; other files in the folder are
    not ours and stay; a folder that does not exist stops everything before it starts."""
    path, _ = congress_file(tmp_path, count=10)
    db_path = tmp_path / "event.db"
    db = kiosk_db.connect(db_path)
    assert import_roster(db, path).applied
    db.execute("UPDATE delegates SET phone = '0912345678' WHERE code = 'T001'")
    db.conn.commit()
    db.close()
    folder = tmp_path / "sao-luu"
    before = backups.take(db_path, folder)["path"]
    assert b"0912345678" in before.read_bytes()
    (folder / "ghi-chu.txt").write_text("bản sao lưu của hub")

    nowhere = CliRunner().invoke(main, ["purge", "--db", str(db_path), "--backups",
                                        str(tmp_path / "khong-co"), "--yes"])
    assert nowhere.exit_code == 1 and "Không có thư mục sao lưu" in nowhere.output
    db = kiosk_db.connect(db_path)
    assert kiosk_db.delegate_by_code(db, "T001")["phone"] == "0912345678"  # nothing done
    db.close()

    done = CliRunner().invoke(main, ["purge", "--db", str(db_path), "--backups", str(folder),
                                     "--yes"])
    assert done.exit_code == 0, done.output
    assert f"Đã xóa 1 bản sao lưu cũ trong {folder}" in done.output
    left = backups.copies(folder)
    assert len(left) == 1 and b"0912345678" not in left[0].read_bytes()
    assert (folder / "ghi-chu.txt").exists()
    copy = kiosk_db.read_only(left[0])
    actions = [r[0] for r in copy.execute("SELECT action FROM audit ORDER BY seq")]
    assert actions[-2:] == ["data.purge", "data.purge_backups"]  # the copy holds both
    copy.conn.close()


def test_purge_never_removes_the_database_it_purged(tmp_path):
    """A database named like a backup (event-….db), its own folder given as --backups."""
    path, _ = congress_file(tmp_path, count=5)
    db_path = tmp_path / "event-dai-hoi.db"
    db = kiosk_db.connect(db_path)
    assert import_roster(db, path).applied
    db.close()
    done = CliRunner().invoke(main, ["purge", "--db", str(db_path), "--backups",
                                     str(tmp_path), "--yes"])
    assert done.exit_code == 0, done.output
    assert "Đã xóa 0 bản sao lưu cũ" in done.output and db_path.exists()
    assert len(backups.copies(tmp_path)) == 2  # itself and the new copy
