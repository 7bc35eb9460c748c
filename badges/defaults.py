"""The defaults for this congress: event details, sessions and categories.

They are written into a new event database once; organisers change them there.
"""

EVENT = {
    "name": "Đại hội Thi đua yêu nước ngành Bảo hiểm xã hội Việt Nam lần thứ V",
    "short_name": "Đại hội Thi đua yêu nước ngành BHXH lần thứ V",
    "organiser": "BẢO HIỂM XÃ HỘI VIỆT NAM",
    "venue": "Trung tâm Hội nghị Quốc gia, Hà Nội",
    "place": "Hà Nội",
    "timezone": "Asia/Ho_Chi_Minh",
    # the credentials report: who issues and signs it, and the share of the summoned
    # delegates that must be present for the congress to proceed (kiosk/reports/quorum.py)
    "credentials_body": "Ban Thẩm tra tư cách đại biểu",
    "quorum": ">1/2",
}

# Times are local (Hà Nội, UTC+7), ISO 8601 with offset. The preparatory session is for
# the delegates (and the press and staff who work it); invited guests come to the official one.
SESSIONS = [
    {
        "id": "tru-bi",
        "name": "Phiên trù bị",
        "starts_at": "2026-12-15T13:30:00+07:00",
        "ends_at": "2026-12-15T17:00:00+07:00",
        "categories": ["lanh-dao", "tap-the", "ca-nhan", "bao-chi", "ban-to-chuc"],
    },
    {
        "id": "chinh-thuc",
        "name": "Phiên chính thức",
        "starts_at": "2026-12-16T07:30:00+07:00",
        "ends_at": "2026-12-16T12:00:00+07:00",
    },
]

# is_delegate: counted among the summoned delegates in the credentials report.
# protocol_rank: order in which the master of ceremonies greets those present.
CATEGORIES = [
    {"id": "khach-moi", "name": "Khách mời",
     "color": "#C62828", "is_delegate": 0, "protocol_rank": 1},
    {"id": "lanh-dao", "name": "Lãnh đạo Ngành",
     "color": "#6A1B9A", "is_delegate": 1, "protocol_rank": 2},
    {"id": "tap-the", "name": "Đại biểu tập thể",
     "color": "#1565C0", "is_delegate": 1, "protocol_rank": 3},
    {"id": "ca-nhan", "name": "Đại biểu cá nhân",
     "color": "#2E7D32", "is_delegate": 1, "protocol_rank": 4},
    {"id": "bao-chi", "name": "Báo chí",
     "color": "#EF6C00", "is_delegate": 0, "protocol_rank": 5},
    {"id": "ban-to-chuc", "name": "Ban Tổ chức",
     "color": "#455A64", "is_delegate": 0, "protocol_rank": 6},
]
