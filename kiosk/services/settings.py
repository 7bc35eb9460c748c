"""The event's settings as the organisers set them on /admin/setup (issue 27 items 8 and
10, issue 30 item 3): the event's names, organiser and place that the badges, the pages
and the reports print (badges/printing.py for_event, the reports' headers), the
credentials report's kind, the Quy chế it cites and its quorum rule
(reports/credentials.py, reports/quorum.py), the congress's vote rule (services/votes.py
set_rule, reused) and the motions the run sheet plans (services/run_sheet.py). The keys
are those the readers already use (the event file's, badges/defaults.py EVENT). Every
value is checked before anything is written; a refusal names its field and writes
nothing; a change is one transaction with its audit entry (before and after)."""

from badges.text import clean

from .. import db as store
from ..core import audit
from ..db import settings as kept
from ..reports import credentials
from ..reports.quorum import DEFAULT, RULES, BadRule, Quorum
from . import votes
from .errors import Invalid

# key -> (label as the page says it, longest accepted, may be left empty)
TEXTS = {
    "name": ("Tên đại hội", 200, False),
    "short_name": ("Tên ngắn (trên các màn hình)", 120, False),
    "organiser": ("Cơ quan tổ chức", 120, False),
    "venue": ("Địa điểm tổ chức", 200, True),
    "place": ("Địa danh ghi trên thẻ (“Hà Nội, ngày …”)", 60, False),
    "rules": ("Tên quy chế của Đại hội", 200, True),
    "rules_article": ("Điều của quy chế quy định số đại biểu có mặt", 60, True),
}
RULE_KEYS = {"quorum": "Tỷ lệ đại biểu có mặt để Đại hội tiến hành",
             "vote_rule": "Tỷ lệ tán thành để biểu quyết được thông qua"}
MAX_MOTIONS = 20
KEYS = (*TEXTS, "report_kind", *RULE_KEYS, "motions")


def current(db) -> dict:
    """Every setting the page shows, with what the readers use when one is not set."""
    event = store.get_settings(db)
    out = {key: event.get(key) or "" for key in TEXTS}
    out["rules"] = out["rules"] or RULES
    out["report_kind"] = credentials.kind_of({"report_kind": event.get("report_kind")})
    out["quorum"] = event.get("quorum") or DEFAULT
    out["vote_rule"] = event.get("vote_rule") or DEFAULT
    out["motions"] = list(event.get("motions") or votes.MOTIONS)
    out["kinds"] = {k: kind.title for k, kind in credentials.KINDS.items()}
    return out


def save(db, body, by: tuple) -> dict:
    """The settings named in `body` (any of KEYS) checked, then written together with one
    audit entry ("settings.set") of those that changed; the vote rule through
    votes.set_rule (its own entry, "vote.rule"). What the page shows now."""
    if not isinstance(body, dict) or not body:
        raise Invalid("Gửi ít nhất một thiết lập: " + ", ".join(KEYS) + ".", "settings")
    unknown = sorted(set(body) - set(KEYS))
    if unknown:
        raise Invalid(f"Không có thiết lập '{unknown[0]}'.", unknown[0])
    chosen = {key: _checked(key, value) for key, value in body.items()}
    rule = chosen.pop("vote_rule", None)
    with store.immediate(db):
        was = current(db)
        changed = {k: v for k, v in chosen.items() if v != was[k]}
        if changed:
            kept.put_settings(db, changed)
            audit.record(db, *by, "settings.set", None, {k: was[k] for k in changed}, changed)
        if rule is not None and rule != was["vote_rule"]:
            votes.set_rule(db, rule, by)
    return current(db)


def _checked(key: str, value):
    """The value to keep for `key`, or a refusal naming it."""
    if key == "motions":
        return _motions(value)
    if key == "report_kind":
        if value not in credentials.KINDS:
            raise Invalid("Loại báo cáo: chọn " + " hoặc ".join(
                f"“{k.title}” ({code})" for code, k in credentials.KINDS.items()) + ".", key)
        return value
    if not isinstance(value, str):
        raise Invalid(f"{(TEXTS.get(key) or (RULE_KEYS[key],))[0]}: phải là chữ.", key)
    if key in RULE_KEYS:
        if not value.strip():
            raise Invalid(f"{RULE_KEYS[key]}: không được để trống (ví dụ 'trên 1/2').", key)
        try:
            Quorum.parse(value.strip(), key)
        except BadRule as exc:
            raise Invalid(f"{RULE_KEYS[key]}: {exc}", key) from None
        return value.strip()
    label, longest, optional = TEXTS[key]
    text = clean(value)
    if not text and not optional:
        raise Invalid(f"{label}: không được để trống.", key)
    if len(text) > longest:
        raise Invalid(f"{label}: tối đa {longest} ký tự.", key)
    return text


def _motions(value) -> list:
    """The planned motions: a list of texts, each as it is read out (votes.MAX_MOTION)."""
    if not isinstance(value, list) or len(value) > MAX_MOTIONS:
        raise Invalid(f"Các nội dung biểu quyết: một danh sách (tối đa {MAX_MOTIONS}).",
                      "motions")
    out = []
    for n, motion in enumerate(value, 1):
        text = clean(motion) if isinstance(motion, str) else ""
        if not text or len(text) > votes.MAX_MOTION:
            raise Invalid(f"Nội dung biểu quyết thứ {n}: ghi nội dung (tối đa "
                          f"{votes.MAX_MOTION} ký tự).", "motions")
        out.append(text)
    return out
