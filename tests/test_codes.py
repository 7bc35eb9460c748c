"""Badge codes: issue, verify, revoke, and a battery of forgeries."""

import random
import sqlite3

import pytest

from badges import codes
from badges import db as store
from badges.errors import BadgesError, NotFound
from badges.importer import import_roster
from badges.render import qr

from helpers import roster_row, tamper, write_csv


@pytest.fixture
def event(db, tmp_path):
    rows = [roster_row(i, f"Nguyễn Văn {i}") for i in range(1, 6)]
    import_roster(db, write_csv(tmp_path / "r.csv", rows))
    return db


def payload(db, code):
    return codes.current_payload(db, store.delegate_by_code(db, code))


def test_issued_badge_verifies_and_fits_a_small_qr(event):
    text = payload(event, "T001")
    verdict = codes.verify_in_db(event, text)
    assert verdict.kind == "valid" and verdict.code == "T001" and verdict.version == 1
    assert len(qr.matrix(text)) <= 33  # QR version 4 or lower, at level H


def test_scanner_with_caps_lock_off_or_trailing_whitespace_still_verifies(event):
    text = payload(event, "T002")
    assert codes.verify_in_db(event, f"  {text.lower()}\r\n").kind == "valid"


def test_forged_altered_and_truncated_codes_are_refused(event):
    good = payload(event, "T003")
    code, secret = good.split(".")
    rng = random.Random(7)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    forged = [f"{code}.{''.join(rng.choice(alphabet) for _ in secret)}" for _ in range(200)]
    altered = [good[:i] + ("A" if good[i] != "A" else "B") + good[i + 1:]
               for i in range(len(code) + 1, len(good))]
    for text in forged + altered:
        assert codes.verify_in_db(event, text).kind == "forged", text
    for cut in range(len(code) + 1, len(good)):
        assert codes.verify_in_db(event, good[:cut]).kind == "malformed", good[:cut]
    assert codes.verify_in_db(event, f"T999.{secret}").kind == "unknown"
    other_code = payload(event, "T004").split(".")[0]
    assert codes.verify_in_db(event, f"{other_code}.{secret}").kind == "forged"  # swapped


@pytest.mark.parametrize("text", ["", "   ", "https://example.org/T001", "T001..AAAA",
                                  "<script>", "T001." + "A" * 200, "\x00\x01", "Đ" * 40])
def test_garbage_is_malformed(event, text):
    assert codes.verify_in_db(event, text).kind == "malformed"


def test_typed_delegate_code_is_recognised_as_typed(event):
    verdict = codes.verify_in_db(event, "t001")
    assert verdict.kind == "typed" and verdict.code == "T001"
    assert codes.verify_in_db(event, "ZZ77").kind == "unknown"


def test_badge_from_another_event_does_not_verify(event, tmp_path):
    other = store.connect(tmp_path / "other.db")
    import_roster(other, write_csv(tmp_path / "r2.csv", [roster_row(1, "Nguyễn Văn 1")]))
    assert codes.verify_in_db(event, payload(other, "T001")).kind == "forged"


def test_revoke_invalidates_old_badge_and_issues_a_new_one(event):
    old = payload(event, "T001")
    new = codes.revoke(event, "t001")
    assert new != old
    assert codes.verify_in_db(event, old).kind == "revoked"
    assert codes.verify_in_db(event, new).kind == "valid"
    assert codes.verify_in_db(event, new).version == 2
    newer = codes.revoke(event, "T001")
    assert {codes.verify_in_db(event, t).kind for t in (old, new)} == {"revoked"}
    assert codes.verify_in_db(event, newer).kind == "valid"
    with pytest.raises(NotFound):
        codes.revoke(event, "NOPE1")


def test_a_copy_without_the_key_verifies_but_cannot_mint(event, tmp_path):
    """What an offline station holds: badge hashes, no key. It verifies all the same."""
    good = payload(event, "T005")
    bad = tamper(good)
    copy = tmp_path / "station.db"
    event.conn.execute(f"VACUUM INTO '{copy}'")
    conn = sqlite3.connect(copy)
    conn.execute("DELETE FROM secrets")
    conn.commit()
    rows = conn.execute("SELECT secret_hash FROM badges").fetchall()
    assert all(good not in h for (h,) in rows)  # only hashes are stored
    station = store.connect(copy)
    assert codes.verify_in_db(station, good).kind == "valid"
    assert codes.verify_in_db(station, bad).kind in ("forged", "malformed")
    with pytest.raises(BadgesError, match="không giữ khóa"):
        codes.current_payload(station, store.delegate_by_code(station, "T005"))
