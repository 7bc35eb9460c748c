"""Personal data after the congress (`kiosk purge`): the composition of every session
kept as figures, then the personal fields emptied (kiosk/db/privacy.py PURGED), the
purge recorded in the audit trail, and the file compacted so that no old page of it
(nor of a backup taken afterwards) still holds what was removed. The check-in log, the
audit trail and the roster's log are untouched: they verify as before, against the heads
printed on paper.

The law: the Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 and its decree, Nghị định
356/2025/NĐ-CP (both in force from 01/01/2026; the decree replaced Nghị định
13/2023/NĐ-CP). The Law's Điều 14 has personal data deleted once "đã hoàn thành mục đích
xử lý dữ liệu cá nhân" (as quoted by luatvietnam.vn and nghean24h.vn), in a way that
prevents its unlawful recovery: hence the overwrite and the compaction. Ethnicity and
Party membership are the sensitive fields (Nghị định 356/2025/NĐ-CP, Điều 4; README
"Personal data")."""

from pathlib import Path

from .. import db as store
from ..core import audit, backups
from ..reports import tally


class StillOpen(Exception):
    """Another process (the hub) holds the database: the file cannot be compacted."""


def purge(db, by: tuple) -> dict:
    """Remove the personal fields; {table: rows emptied}. Raises StillOpen (after the
    purge itself is committed) when the file could not be compacted."""
    with store.immediate(db):
        for session in store.list_sessions(db):
            if store.kept_composition(db, session["id"]) is None:  # as the report gives it
                store.keep_composition(db, session["id"],
                                       tally.compute(db, session["id"]).composition)
        touched = store.purge_personal(db)
        audit.record(db, *by, "data.purge", None,
                     note="; ".join(f"{table}: {n} dòng" for table, n in touched.items()))
    if not store.compact(db):
        raise StillOpen("Đã xóa dữ liệu cá nhân nhưng chưa nén được tệp CSDL: một chương "
                        "trình khác (hub?) đang mở nó. Dừng hub rồi chạy lại kiosk purge.")
    return touched


def replace_backups(db, folder, by: tuple) -> tuple:
    """After the purge: one checked copy of the purged database put in `folder`, then the
    backups made before it (which hold the personal data) removed, so that the folder is
    never without a copy; (how many were removed, the new copy's path)."""
    itself = Path(store.path_of(db)).resolve()  # a database named like a backup, in it
    old = [path for path in backups.copies(folder) if path.resolve() != itself]
    with store.immediate(db):
        audit.record(db, *by, "data.purge_backups", str(folder), None, None,
                     f"{len(old)} bản sao lưu làm trước khi xóa dữ liệu cá nhân được thay "
                     "bằng một bản mới")
    made = backups.take(store.path_of(db), folder)["path"]
    for path in old:
        if path != made:  # (a copy made within the same second has the same name)
            backups.remove(path)
    for path in backups.strays(folder):  # a half-made copy holds the personal data too
        path.unlink(missing_ok=True)
    return len(old), made
