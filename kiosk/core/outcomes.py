"""The one set of check-in reason codes, with their Vietnamese labels and screen colours.

The decision, the API, the kiosk screen, the log and the dashboard all use these; the
pages get them from the server (`web/pages.py` puts them in a data attribute).
"""

# code: (Vietnamese label shown big on the kiosk, colour, short form for the dashboard)
OUTCOMES = {
    "ok": ("Mời vào", "green", "có mặt"),
    "confirm": ("Đối chiếu rồi xác nhận", "blue", "mã gõ tay chờ xác nhận"),
    "duplicate": ("Đã điểm danh trước đó", "amber", "quét lại"),
    "wrong_session": ("Không thuộc thành phần phiên này", "amber", "sai phiên"),
    "revoked": ("Thẻ đã bị thu hồi", "red", "thẻ thu hồi"),
    "forged": ("Thẻ không hợp lệ (giả mạo)", "red", "giả mạo"),
    "unknown": ("Không có trong danh sách", "red", "không có trong danh sách"),
    "malformed": ("Không đọc được mã", "red", "mã hỏng"),
    "inactive": ("Đại biểu đã bị rút khỏi danh sách", "red", "đã rút"),
    # outside the session's check-in window (clock.window): nothing counted
    "not_open": ("Chưa đến giờ điểm danh", "amber", "chưa đến giờ"),
    "closed": ("Phiên đã kết thúc", "amber", "sau giờ"),
}
# where a moment lies against a session's window (clock.window) -> the result of a scan
# then; their next step names the window
WINDOW_RESULT = {"early": "not_open", "over": "closed"}
OUTSIDE_WINDOW = tuple(WINDOW_RESULT.values())
UNDONE = "undone"  # the result of an undo event in the log
UNDONE_LABEL = ("Đã hủy lượt điểm danh", "amber", "đã hủy")

# What the volunteer does next, in Vietnamese, shown under the answer. {time} and
# {station}: when and where a duplicate first came in; {session_name}, {opens}, {ends}:
# the session's check-in window (clock.window_text).
NEXT_STEP = {
    "ok": "Mời đại biểu vào hội trường.",
    "confirm": "Đối chiếu người trước mặt với thông tin trên rồi xác nhận.",
    "duplicate": "Đã vào lúc {time} tại {station} — mời vào.",
    "wrong_session": "Đại biểu không được triệu tập phiên này — mời đến bàn hỗ trợ.",
    "revoked": "Thẻ này đã được thay bằng thẻ mới: giữ lại thẻ, mời đại biểu đến bàn hỗ trợ.",
    "forged": "Không cho vào: giữ thẻ lại và báo Ban Tổ chức.",
    "unknown": "Không có trong danh sách: mời đại biểu đến bàn hỗ trợ.",
    "malformed": "Không phải mã thẻ đại biểu: quét lại thẻ, hoặc gõ mã đại biểu in trên thẻ.",
    "inactive": "Đại biểu đã rút khỏi danh sách: mời đến bàn hỗ trợ.",
    "not_open": "{session_name} mở điểm danh từ {opens}: lượt này chưa được ghi có mặt.",
    "closed": "{session_name} đã kết thúc lúc {ends}: lượt này không được ghi có mặt. "
              "Nếu phiên còn họp, Ban Tổ chức sửa giờ kết thúc ở trang Thiết lập.",
}
# How long the kiosk shows an answer: a green one for the kiosk's reset time, an amber
# one longer, a red or blue one until the volunteer dismisses it (or the next scan).
HOLD = {"green": "short", "amber": "long", "red": "until-dismissed", "blue": "until-dismissed"}


def next_step(code: str, first: dict | None = None) -> str:
    text = NEXT_STEP.get(code, "")
    return text.format(**first) if first and "{" in text else text


def label(code: str) -> tuple:
    """(label, colour) of a result in the log, undo included."""
    return (UNDONE_LABEL if code == UNDONE else OUTCOMES[code])[:2]


def short_labels() -> dict:
    """code -> short Vietnamese form, for counts of refused scans."""
    return {code: short for code, (_, _, short) in OUTCOMES.items()}


# how a check-in was made, as the record shows it
METHODS = {"scan": "máy quét", "typed": "gõ mã", "search": "tìm tên", "camera": "camera",
           "desk": "bàn hỗ trợ", "paper": "theo giấy"}
