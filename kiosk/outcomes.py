"""The one set of check-in reason codes, with their Vietnamese labels and screen colours.

The decision, the API, the kiosk screen, the log and the dashboard all use these.
"""

# code: (Vietnamese label shown big on the kiosk, colour, counts as attendance)
OUTCOMES = {
    "ok": ("Mời vào", "green"),
    "duplicate": ("Đã điểm danh trước đó", "amber"),
    "wrong_session": ("Không thuộc thành phần phiên này", "amber"),
    "revoked": ("Thẻ đã bị thu hồi", "red"),
    "forged": ("Thẻ không hợp lệ (giả mạo)", "red"),
    "unknown": ("Không có trong danh sách", "red"),
    "malformed": ("Không đọc được mã", "red"),
    "inactive": ("Đại biểu đã bị rút khỏi danh sách", "red"),
}
UNDONE = "undone"  # the result of an undo event in the log
