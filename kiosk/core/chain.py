"""Hash chains: the check-in log and the audit trail, each row sealed with the hash of
the row before it, so that a row changed, removed or moved afterwards shows, even to
someone who dropped the database's triggers first. No SQL here (kiosk/db reads and
writes; badges/sealing.py holds the rule itself, which the schemas' migrations need too).

A row's hash is SHA-256 over the previous row's hash and the row's own fields, its
position (seq) included, as canonical JSON (keys sorted, empty fields left out, so that
a column added later, empty in old rows, leaves their hashes as they were). The first
row's previous hash is GENESIS. Rows are numbered without gaps (the next number is the
AUTOINCREMENT counter's plus one, which a rollback rolls back too), so a missing number
is a removed row; the counter remembers the last number ever given, so rows removed from
the end show too. The head (the last
hash) is printed on the credentials report, so that the paper can be checked against
the file.
"""

from dataclasses import dataclass

from badges.sealing import GENESIS, seal  # noqa: F401 (the chain rule, where rows are written)

from .. import db as store


def append_checkins(db, entries: list) -> int:
    """Number and seal log rows (dicts of store.CHECKIN_COLUMNS) and append them, inside
    the caller's write transaction; the last seq."""
    seq, previous = store.chain_end(db, "checkins")
    previous = previous or GENESIS
    received = store.now_iso()
    sealed = []
    for entry in entries:
        seq += 1
        fields = {"seq": seq, **{c: entry.get(c) for c in store.CHECKIN_COLUMNS},
                  "received_at": received}
        previous = seal(previous, fields)
        sealed.append({**fields, "hash": previous})
    store.insert_checkins(db, sealed)
    return seq


@dataclass(frozen=True)
class Break:
    seq: int  # the first bad entry (for a removal at the end: the first one missing)
    kind: str  # 'changed', 'removed', 'removed_at_end', 'head'
    message: str  # Vietnamese, for the command's output


@dataclass(frozen=True)
class Verdict:
    rows: int
    head: str
    broken: Break | None


def verify(rows, last_issued: int, name: str, expected_head: str | None = None) -> Verdict:
    """Walk `rows` ((seq, hash, fields) in seq order) and say whether the chain is whole.

    `last_issued`: the highest seq ever given (the AUTOINCREMENT counter); `name`: what
    the log is called in messages; `expected_head`: a head printed earlier, if any,
    which must be the hash of some row (else rows after it were changed or removed).
    """
    previous, expected_seq, count, heads = GENESIS, 1, 0, set()
    for seq, stored, fields in rows:
        if seq != expected_seq:
            return Verdict(count, previous, Break(
                expected_seq, "removed",
                f"{name}: thiếu dòng số {expected_seq}" + (
                    f" đến {seq - 1}" if seq - 1 > expected_seq else "")
                + f" (bị xóa hoặc đổi số) — dòng kế tiếp còn lại là số {seq}."))
        if seal(previous, fields) != stored:
            return Verdict(count, previous, Break(
                seq, "changed", f"{name}: dòng số {seq} không khớp chuỗi băm — đã bị sửa, "
                "hoặc các dòng đã bị đổi thứ tự."))
        previous, expected_seq, count = stored, seq + 1, count + 1
        heads.add(stored)
    if last_issued >= expected_seq:
        return Verdict(count, previous, Break(
            expected_seq, "removed_at_end",
            f"{name}: các dòng từ số {expected_seq} đến {last_issued} đã bị xóa khỏi cuối "
            "nhật ký."))
    if expected_head and expected_head.lower() not in heads | {GENESIS}:
        return Verdict(count, previous, Break(
            expected_seq, "head", f"{name}: không có dòng nào mang mã đầu chuỗi đã in "
            f"({expected_head[:16]}…) — các dòng đến lúc in đã bị sửa hoặc xóa."))
    return Verdict(count, previous, None)


LOGS = (("checkins", "Nhật ký điểm danh"), ("audit", "Nhật ký thao tác"),
        ("roster_log", "Nhật ký danh sách"))  # the roster's: badges/db/roster_log.py


def verify_database(db, heads: dict | None = None) -> dict:
    """table -> Verdict for the check-in log and the audit trail. `heads`: a head
    printed earlier per table, to be found in its chain."""
    columns = {"checkins": store.SEALED, "audit": store.AUDIT_SEALED,
               "roster_log": store.ROSTER_SEALED}
    verdicts = {}
    for table, name in LOGS:
        issued, _ = store.chain_end(db, table)
        verdicts[table] = verify(store.sealed_rows(db, table, columns[table]), issued, name,
                                 (heads or {}).get(table))
    return verdicts
