"""The congress's votes (biểu quyết), as the organisers record them: the motion and the
show of cards (for, against, abstain), stamped with the number of delegates present at
that moment, counted as the credentials report counts them (delegate categories only,
reports/tally.py), and whether the motion passed under the congress's rule: the
setting "vote_rule", written as the quorum is ('>1/2', 'trên 1/2', 'từ 2/3 trở lên';
reports/quorum.py), by default more than half of the delegates present. More votes
than delegates present is refused and nothing is written. Each vote with its audit
entry."""

from .. import db as store
from ..core import audit, clock
from ..core.counts import percent
from ..db import mc as kept
from ..reports import tally
from ..reports.quorum import DEFAULT, BadRule, Quorum
from .errors import Invalid

MAX_MOTION = 300
MAX_COUNT = 100_000
COUNTS = (("for", "tán thành"), ("against", "không tán thành"), ("abstain", "không biểu quyết"))
# What a congress votes on at its opening, as the national emulation congresses and
# the Party's congress did (docs/mc.md, "Sources"); the run sheet prints them with blanks
MOTIONS = ("Thông qua Chương trình Đại hội", "Thông qua Quy chế làm việc của Đại hội",
           "Thông qua danh sách Đoàn Chủ tịch, Đoàn Thư ký Đại hội")


def rule_of(db) -> Quorum:
    """The congress's rule for a motion to pass (the setting "vote_rule")."""
    return Quorum.parse(store.get_settings(db).get("vote_rule") or DEFAULT, "vote_rule")


def present_now(db, session_id: str) -> tuple:
    """(delegates present, delegates summoned) in the session, as the credentials report
    counts them."""
    figures = tally.compute(db, session_id, for_report=False)
    return figures.delegates_present, len(figures.delegates_only)


def record(db, session: dict, motion, figures: dict, by: tuple) -> dict:
    """A vote on `motion` with `figures` {"for", "against", "abstain"}: answered with
    "present", "summoned", "passed" and the minutes' line."""
    if not isinstance(motion, str) or not motion.strip() or len(motion) > MAX_MOTION:
        raise Invalid(f"Ghi nội dung biểu quyết (\"motion\", tối đa {MAX_MOTION} ký tự).",
                      "motion")
    counted = {}
    for key, name in COUNTS:
        value = figures.get(key, None if key == "for" else 0)
        if type(value) is not int or not 0 <= value <= MAX_COUNT:
            raise Invalid(f"Số phiếu {name} (\"{key}\") phải là số nguyên không âm.", key)
        counted[key] = value
    rule = rule_of(db)
    with store.immediate(db):
        present, summoned = present_now(db, session["id"])
        cast = sum(counted.values())
        if cast > present:
            raise Invalid(f"Tổng số biểu quyết ({cast}) nhiều hơn số đại biểu có mặt "
                          f"({present}/{summoned}); không ghi. Kiểm tra lại số phiếu.", "for")
        vote = {"session_id": session["id"], "motion": " ".join(motion.split()), **counted,
                "present": present, "summoned": summoned, "rule": rule.phrase(),
                "passed": rule.met(counted["for"], present), "by": by[0]}
        vote["id"] = kept.add_vote(db, vote)
        audit.record(db, *by, "vote.record", f"{session['id']}#{vote['id']}", None,
                     {k: vote[k] for k in ("motion", "for", "against", "abstain", "present",
                                           "passed")})
    return shaped(dict(vote, recorded_at=store.now_iso(), recorded_by=by[0]))


def votes(db, session: dict) -> list:
    """The session's votes in the order taken, each shaped as record() answers."""
    return [shaped({**v, "for": v["votes_for"]}) for v in kept.votes(db, session["id"])]


def shaped(vote: dict) -> dict:
    return {"id": vote["id"], "session": vote["session_id"], "motion": vote["motion"],
            "for": vote["for"], "against": vote["against"], "abstain": vote["abstain"],
            "present": vote["present"], "summoned": vote["summoned"],
            "passed": bool(vote["passed"]), "rule": vote["rule"],
            "at": clock.local_hm(vote["recorded_at"]), "minutes": minutes_line(vote)}


def minutes_line(vote: dict) -> str:
    """The minutes' line (biên bản): '412/498 đại biểu có mặt, tán thành 405 (98,3%)'."""
    share = f"{percent(vote['for'], vote['present']):.1f}".replace(".", ",")
    return (f"{vote['present']}/{vote['summoned']} đại biểu có mặt, tán thành "
            f"{vote['for']} ({share}%)")


def set_rule(db, rule, by: tuple) -> str:
    """The congress's rule for a motion to pass, as its Quy chế writes it."""
    if not isinstance(rule, str):
        raise Invalid("Ghi quy định biểu quyết, ví dụ 'trên 1/2'.", "vote_rule")
    try:
        parsed = Quorum.parse(rule.strip(), "vote_rule")
    except BadRule as exc:
        raise Invalid(str(exc), "vote_rule") from None
    with store.immediate(db):
        was = store.get_settings(db).get("vote_rule") or DEFAULT
        kept.set_vote_rule(db, rule.strip())
        audit.record(db, *by, "vote.rule", None, {"vote_rule": was},
                     {"vote_rule": rule.strip()})
    return parsed.phrase()
