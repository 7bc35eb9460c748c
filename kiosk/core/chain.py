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

import json
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
    kind: str  # 'changed', 'removed', 'removed_at_end', 'head', 'drift' (verify_database)
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
        ("roster_log", "Nhật ký danh sách"),  # the roster's: badges/db/roster_log.py
        ("ceremony_log", "Nhật ký lễ trao và cơ cấu đã giữ"))  # kiosk/db/ceremony_log.py

# what each table the ceremony's log covers is called in a verdict
CEREMONY_TABLES = {
    "awards": "khen thưởng (hình thức, quyết định)",
    "ceremony_presenters": "người trao của một đợt",
    "award_absences": "nhận thay hoặc giữ lại",
    "awards_handed": "đã trao trên sân khấu",
    "award_handovers": "bàn giao cho đoàn",
    "ceremony_lineup": "thứ tự lên sân khấu",
    "ceremony_form_presenters": "người trao theo hình thức",
    "kept_composition": "cơ cấu đại biểu giữ lại sau khi xóa dữ liệu",
}


def verify_database(db, heads: dict | None = None) -> dict:
    """table -> Verdict for each log of LOGS. `heads`: a head printed earlier per table,
    to be found in its chain. The ceremony's log is also held against its tables: a row
    changed with the triggers dropped breaks it (kind 'drift')."""
    columns = {"checkins": store.SEALED, "audit": store.AUDIT_SEALED,
               "roster_log": store.ROSTER_SEALED, "ceremony_log": store.ROSTER_SEALED}
    verdicts = {}
    for table, name in LOGS:
        issued, _ = store.chain_end(db, table)
        verdicts[table] = verify(store.sealed_rows(db, table, columns[table]), issued, name,
                                 (heads or {}).get(table))
    whole = verdicts["ceremony_log"]
    if whole.broken is None:
        drift = store.ceremony_drift(db)
        if drift:
            verdicts["ceremony_log"] = Verdict(whole.rows, whole.head, Break(
                0, "drift", drifted(dict(LOGS)["ceremony_log"], drift)))
    return verdicts


def drifted(name: str, drift: list) -> str:
    """The verdict on tables that differ from their log: how many rows, and the first."""
    table, ref, current, logged = drift[0]
    now, was = json.loads(current or "null"), json.loads(logged or "null")
    if now is None:
        change = "đã bị xóa khỏi bảng"
    elif was is None:
        change = "không có trong nhật ký"
    else:
        change = "; ".join(f"{key}: {_short(was.get(key))} → {_short(value)}"
                           for key, value in now.items() if was.get(key) != value)
    return (f"{name}: {len(drift)} dòng bị sửa ngoài hệ thống (khác với nhật ký); dòng đầu "
            f"tiên: {CEREMONY_TABLES[table]} (khóa {', '.join(map(str, json.loads(ref)))}) — "
            f"{change}.")


def _short(value) -> str:
    said = repr(value)
    return said if len(said) <= 60 else said[:57] + "…"
