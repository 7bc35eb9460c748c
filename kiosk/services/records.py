"""What leaves the hub or resets it, as organisers do it: an attendance export or the
credentials report (personal data: who took it, when, in the audit trail), and the
kiosks' rehearsal turned on or off, and its check-ins cleared. And the audit trail read
back as sentences for /admin/log (its CSV keeps the codes and JSON as stored)."""

import io
import json

from badges import completeness
from badges.roster import FIELD_LABELS

from .. import accounts, reports
from .. import db as store
from ..core import audit, clock, decision, programme

CLEARED_BECAUSE = "Xóa lượt diễn tập"


def export(db, session_id: str, fmt: str, by: tuple, quorum: str | None = None,
           note: str | None = None, **chosen):
    """(file-like, mimetype, download name) of the export in `fmt` (reports.FORMATS),
    built first (a bad quorum rule raises reports.quorum.BadRule, a bad kind
    reports.credentials.BadKind, and leaves no trace), then recorded as taken: `note`
    where it went (default: its download name). `chosen`: the PDF's kind, rules and
    article when not the event's (reports.build)."""
    data, mimetype, name = reports.build(db, session_id, fmt, quorum, **chosen)
    with store.immediate(db):  # personal data left the hub: who took it, when
        audit.record(db, *by, f"export.{fmt}", session_id, note=note or name)
    return data, mimetype, name


def export_audit(db, by: tuple):
    """The whole audit trail as CSV (a file-like), recorded as taken."""
    rows = store.audit_entries(db, limit=1_000_000)
    data = io.BytesIO()
    reports.exports.write_audit_csv(rows, data)
    data.seek(0)
    with store.immediate(db):
        audit.record(db, *by, "export.audit", None, note=f"{len(rows)} dòng")
    return data


def export_completeness(db, by: tuple):
    """What the roster still lacks, one sheet per sending unit (badges/completeness.py),
    as a file-like XLSX, recorded as taken (names leave the hub)."""
    found = completeness.gaps(db)
    data = io.BytesIO()
    completeness.write_xlsx(found, data)
    data.seek(0)
    with store.immediate(db):
        audit.record(db, *by, "export.completeness", None,
                     note=f"{len(found)} đại biểu, {len(completeness.by_unit(found))} đơn vị")
    return data


def switch_rehearsal(db, on: bool, by: tuple) -> None:
    programme.switch_rehearsal(db, on, by)


def clear_rehearsal(db, by: tuple, undo_all=None) -> int:
    """Every check-in the rehearsal holds undone (undo rows, as any undo: nothing is
    deleted); how many. `undo_all(ids, who, reason)`: the hub's batcher, the one writer
    of the log while it serves (a list of answers, an error among them for one that
    could not be undone); without it, undone here in one transaction."""
    held = store.live_checkins_of(db, store.REHEARSAL)
    if undo_all is None:
        with store.immediate(db):
            for checkin_id in held:
                decision.undo_within(db, checkin_id, by[0], reason=CLEARED_BECAUSE)
            audit.record(db, *by, "rehearsal.clear", store.REHEARSAL, {"held": len(held)},
                         {"held": 0})
        return len(held)
    answers = undo_all(held, by[0], CLEARED_BECAUSE)
    cleared = sum(1 for answer in answers if not isinstance(answer, BaseException))
    with store.immediate(db):
        audit.record(db, *by, "rehearsal.clear", store.REHEARSAL, {"held": len(held)},
                     {"held": len(held) - cleared})
    for answer in answers:  # one undone meanwhile by the desk is no failure
        if isinstance(answer, decision.CheckinError) and answer.reason == "already_undone":
            continue
        if isinstance(answer, BaseException):
            raise answer
    return len(answers)


# --- the audit trail in words (/admin/log); the CSV above keeps the codes and JSON ---

# Every action code the code base writes into the audit trail, as an organiser says it
# (tests/test_trail_words.py walks the code for them: a new code without a name fails).
ACTIONS = {
    "absence.add": "Ghi vắng có lý do",
    "absence.cancel": "Bỏ ghi vắng có lý do",
    "award.absent": "Khen thưởng của người vắng: nhận thay hoặc giữ lại",
    "award.handover": "Bàn giao khen thưởng trao sau",
    "badge.reissue": "In lại thẻ (thẻ cũ bị thu hồi)",
    "category.add": "Thêm thành phần",
    "category.color": "Đổi màu thành phần",
    "ceremony.handed": "Trao xong một đợt khen thưởng",
    "ceremony.presenter": "Chọn lãnh đạo trao khen thưởng",
    "ceremony.settings": "Đặt thứ tự và số người mỗi đợt trao",
    "checkin.undo": "Hủy lượt điểm danh",
    "awards.import": "Nhập danh sách khen thưởng",
    "share.renew": "Đổi liên kết trình chiếu (liên kết cũ ngừng hoạt động)",
    "roster.restored": "Lấy lại danh sách đại biểu từ trạm (hub dự phòng)",
    "data.purge": "Xóa dữ liệu cá nhân",
    "data.purge_backups": "Thay các bản sao lưu còn dữ liệu cá nhân",
    "delegate.add": "Thêm đại biểu",
    "documents.add": "Khai báo tài liệu, quà lưu niệm",
    "documents.handed": "Phát tài liệu, quà lưu niệm cho đoàn",
    "documents.undo": "Hủy một lượt phát tài liệu, quà (ghi nhầm)",
    "delegation.link": "Cấp liên kết cho trưởng đoàn (liên kết cũ ngừng hoạt động)",
    "delegation.revoke": "Thu hồi liên kết của trưởng đoàn",
    "delegation.head": "Đổi trưởng đoàn",
    "delegate.edit": "Sửa thông tin đại biểu",
    "delegate.restore": "Đưa đại biểu trở lại danh sách",
    "delegate.withdraw": "Rút đại biểu khỏi danh sách",
    "export.audit": "Tải nhật ký thao tác (CSV)",
    "export.completeness": "Tải danh sách thông tin còn thiếu (Excel)",
    "export.csv": "Tải số liệu điểm danh (CSV)",
    "export.pdf": "Tải báo cáo tư cách đại biểu (PDF)",
    "export.xlsx": "Tải số liệu điểm danh (Excel)",
    "hall.assign": "Xếp ghế theo nghi thức",
    "hall.plan": "Lưu sơ đồ hội trường",
    "mc.introduced": "Đánh dấu đã giới thiệu (hoặc bỏ đánh dấu) một đại biểu",
    "mc.read": "Đọc xong danh sách giới thiệu đại biểu",
    "presidium.set": "Lập danh sách Đoàn Chủ tịch, Đoàn Thư ký",
    "rehearsal.clear": "Xóa các lượt điểm danh diễn tập",
    "rehearsal.set": "Bật hoặc tắt diễn tập",
    "roster.import": "Nhập danh sách đại biểu",
    "speakers.set": "Lập danh sách tham luận",
    "vote.record": "Ghi kết quả biểu quyết",
    "vote.rule": "Đặt quy định biểu quyết thông qua",
    "session.set": "Lưu phiên họp",
    "settings.set": "Đổi thiết lập của Đại hội (tên, địa điểm, báo cáo, biểu quyết)",
    "station.issue": "Cấp mã đăng nhập cho cửa điểm danh",
    "station.revoke": "Thu hồi mã đăng nhập của cửa điểm danh",
    "substitute.approve": "Duyệt người thay thế",
    "substitute.refuse": "Từ chối người thay thế",
    "substitute.request": "Đề nghị người thay thế",
    "user.remove": "Xóa tài khoản",
    "user.set": "Tạo hoặc đặt lại tài khoản",
}
# The fields the entries hold (before, after) by name; "<action> <field>" where one
# action means something else by a field
FIELDS = {**FIELD_LABELS, "category_id": FIELD_LABELS["category"],
          "protocol_order": FIELD_LABELS["protocol"], "active": "Tình trạng",
          "session": "Phiên", "present_since": "Có mặt từ", "checkin": "Mã lượt điểm danh",
          "reason": "Lý do", "badge_version": "Lần cấp thẻ", "on": "Diễn tập",
          "held": "Lượt diễn tập còn tính", "starts_at": "Bắt đầu", "ends_at": "Kết thúc",
          "categories": "Thành phần triệu tập", "color": "Màu", "created": "Thêm mới",
          "updated": "Cập nhật", "order": "Thứ tự hình thức khen thưởng",
          "per_batch": "Số người mỗi đợt", "award": "Hình thức khen thưởng",
          "received_by": "Người nhận", "proxy": "Người nhận thay", "recipients": "Người nhận",
          "presenter": "Lãnh đạo trao", "role": "Vai trò", "delegate": "Đại biểu",
          "awards": "Số khen thưởng", "kept": "Giữ quyết định đã có",
          "added": "Thêm vào danh sách", "removed": "Bỏ khỏi danh sách",
          "item": "Tài liệu, quà", "count": "Số lượng", "per": "Phát theo",
          "prepared": "Số đã chuẩn bị",
          "category.add name": "Tên thành phần", "category.add delegate": "Tính là đại biểu",
          "session.set name": "Tên phiên", "is_head": FIELD_LABELS["head"],
          "settings.set name": "Tên đại hội",
          "short_name": "Tên ngắn", "organiser": "Cơ quan tổ chức",
          "venue": "Địa điểm tổ chức", "place": "Địa danh ghi trên thẻ",
          "report_kind": "Loại báo cáo về đại biểu", "rules": "Quy chế của Đại hội",
          "rules_article": "Điều của quy chế", "quorum": "Tỷ lệ có mặt để tiến hành",
          "vote_rule": "Tỷ lệ biểu quyết thông qua", "motions": "Nội dung biểu quyết"}
_ORDER = {key: place for place, key in enumerate(FIELDS)}  # the changes in this order
_TWO_WAYS = {"on": ("bật", "tắt"), "active": ("trong danh sách", "đã rút")}
_PEOPLE = ("delegate", "proxy", "recipients", "head")  # fields that hold delegate codes
ROLES = {role: text.split(":")[0] for role, text in accounts.ROLES.items()}
ROLES["head"] = "Trưởng đoàn"  # a delegation's link (services/delegation.py), not a login
NOTHING = "—"
AUDIT_READ = ("when", "action_name", "who", "subject", "changes")  # beside the stored columns


def audit_trail(db, target: str | None = None, action: str | None = None) -> list:
    """The newest audit entries as stored (the CSV's columns) and as read: `when` (dd/mm
    HH:MM, Hà Nội), `action_name`, `who`, `subject` (a person's name beside their code)
    and `changes`, one "Field: before → after" line per field. What the trail withheld
    (audit.WITHHELD) stays withheld: nothing is looked up but names."""
    names = _names(db)
    return [_read(row, names) for row in store.audit_entries(db, target, action)]


def _read(row: dict, names: dict) -> dict:
    role = ROLES.get(row["role"], row["role"])
    return dict(row, when=_local(clock.parse(row["at"])),
                action_name=ACTIONS.get(row["action"], row["action"]),
                who=row["actor"] if row["role"] == "cli" else f"{row['actor']} ({role})",
                subject=_subject(row["target"], names),
                changes=_changes(row["action"], row["before"], row["after"], names))


def _names(db) -> dict:
    return {"people": {d["code"]: d["name"] for d in store.list_delegates(db, True)},
            "sessions": {s["id"]: s["name"] for s in store.list_sessions(db, rehearsal=True)},
            "categories": {c["id"]: c["name"] for c in store.list_categories(db)}}


def _local(moment) -> str:
    """A moment as the event reads it: '04/12 16:55', Hà Nội time."""
    return f"{moment.astimezone(clock.HANOI):%d/%m %H:%M}"


def _person(code, names) -> str:
    name = names["people"].get(code)
    return f"{name} ({code})" if name else str(code)


def _subject(target, names) -> str:
    if target is None:
        return ""
    if target in names["people"]:
        return _person(target, names)
    session, _, batch = target.partition("#")  # a ceremony's batch: "chinh-thuc#3"
    if session in names["sessions"]:
        return names["sessions"][session] + (f", đợt {batch}" if batch else "")
    return names["categories"].get(target, target)


def _changes(action: str, before: str | None, after: str | None, names) -> list:
    """'Field: before → after' where a field changed; 'Field: value' where it did not, or
    is on one side only (what the change was about); the trail's keys in its order."""
    was, now = json.loads(before or "null"), json.loads(after or "null")
    lines = []
    keys = dict.fromkeys([*(was or {}), *(now or {})])  # a seat per person: as stored
    for key in sorted(keys, key=lambda k: _ORDER.get(k, len(_ORDER))):
        label = FIELDS.get(f"{action} {key}") or FIELDS.get(key) or _person(key, names)
        if was is None or now is None or key not in was or key not in now:
            value = (now if now is not None and key in now else was)[key]
            lines.append(f"{label}: {_value(key, value, names)}")
        elif was[key] == now[key] == audit.WITHHELD:
            lines.append(f"{label}: đã đổi {audit.WITHHELD}")
        elif was[key] == now[key]:
            lines.append(f"{label}: {_value(key, now[key], names)}")
        else:
            lines.append(f"{label}: {_value(key, was[key], names)} → "
                         f"{_value(key, now[key], names)}")
    return lines


def _value(key: str, value, names) -> str:
    """A stored value as read: a time in Hà Nội, a session or category by its name, a
    delegate's name beside the code, yes/no in words; None as a dash."""
    if key == "categories" and value is None:  # a session that summons everyone
        return "mọi thành phần"
    if value is None or value == "" or value == []:
        return NOTHING
    if isinstance(value, list):
        return ", ".join(_value(key, v, names) for v in value)
    if isinstance(value, bool):
        return _TWO_WAYS.get(key, ("có", "không"))[not value]
    if key in _PEOPLE:
        return _person(value, names)
    if key == "role":
        return ROLES.get(value, value)
    if key == "session":
        return names["sessions"].get(value, str(value))
    if key in ("category", "category_id", "categories"):
        return names["categories"].get(value, str(value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    moment = clock.parse_aware(value) if isinstance(value, str) else None
    return _local(moment) if moment is not None else str(value)
