"""Word lists for the synthetic roster. Invented people; real place and unit names."""

FAMILY = [("Nguyễn", 30), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4),
          ("Phan", 4), ("Vũ", 4), ("Võ", 3), ("Đặng", 3), ("Bùi", 3), ("Đỗ", 3), ("Hồ", 2),
          ("Ngô", 2), ("Dương", 2), ("Lý", 1), ("Đinh", 1), ("Trịnh", 1), ("Đào", 1),
          ("Lương", 1), ("Tạ", 1), ("Ưng", 1), ("Âu", 1), ("Tôn Nữ", 1), ("Khổng", 1)]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Xuân", "Công", "Ngọc", "Bảo",
            "Mạnh", "Quốc", "Trọng", "Thế", "Hoàng", "Đình", "Tiến", "Việt"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Kim", "Diệu", "Khánh", "Thùy",
            "Phương", "Bích", "Mỹ", "Hoàng Khánh", "Quỳnh"]
GIVEN_M = ["Dũng", "Hùng", "Tuấn", "Thắng", "Hiếu", "Khoa", "Duy", "Đạt", "Cường", "Nghĩa",
           "Phúc", "Quý", "Sơn", "Toàn", "Trung", "Vĩnh", "Lộc", "Hưng", "Khải", "Mẫn",
           "Thưởng", "Sử", "Tiệp", "Luỹ", "Ước", "Đức", "Hải", "Kiên", "Quyết", "Nhẫn"]
GIVEN_F = ["Phượng", "Hương", "Lan", "Hà", "Thảo", "Trang", "Quỳnh", "Ngọc", "Huệ", "Yến",
           "Nguyệt", "Loan", "Hạnh", "Thủy", "Oanh", "Ánh", "Dung", "Nhung", "Liễu", "Trâm",
           "Diễm", "Thư", "Hằng", "Vân", "Ỷ", "Mỹ", "Nhàn", "Xuyến", "Ngà", "Hồng"]

# Vietnam as it is since the 2025 reorganisation (Resolution 202/2025/QH15, from 12 June
# 2025): 34 provincial-level units, six of them centrally run cities ('thành phố').
CITIES = ["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"]
PROVINCES = [
    "Cao Bằng", "Điện Biên", "Lai Châu", "Lạng Sơn", "Sơn La", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
]
# The sector since 2025: Vietnam Social Security (BHXH Việt Nam) is a unit of the Ministry
# of Finance (Decision 391/QĐ-BTC, 26 February 2025), on three levels: its own units in
# Hà Nội, one BHXH per province or city (the 34 regional offices renamed from 1 July
# 2025, Decision 2286/QĐ-BTC and Official Letter 1521/BHXH-TCCB), and grassroots offices
# ('BHXH cơ sở', formerly district offices). Central units as vss.gov.vn lists them.
CENTRAL_UNITS = [
    "Văn phòng BHXH Việt Nam", "Ban Thực hiện chính sách BHXH",
    "Ban Thực hiện chính sách BHYT", "Ban Quản lý Thu và Phát triển người tham gia",
    "Ban Quản lý đầu tư quỹ", "Ban Kiểm toán nội bộ", "Ban Pháp chế",
    "Ban Tài chính - Kế toán", "Ban Tổ chức cán bộ",
    "Trung tâm Công nghệ thông tin và Chuyển đổi số", "Trung tâm Lưu trữ",
]
PROVINCIAL_TEAMS = ["Phòng Quản lý thu và Phát triển người tham gia", "Phòng Chế độ BHXH",
                    "Phòng Giám định BHYT", "Phòng Kế hoạch - Tài chính", "Văn phòng",
                    "Phòng Thanh tra - Kiểm tra", "Phòng Truyền thông và Phát triển người tham gia"]
def central_titles(unit: str) -> list:
    """Five posts a central unit has, by its kind (five: the draw's size is fixed)."""
    if unit.startswith("Ban"):
        return ["Trưởng ban", "Phó Trưởng ban", "Chuyên viên chính", "Phó Trưởng ban",
                "Chuyên viên"]
    if unit.startswith("Trung tâm"):
        return ["Giám đốc", "Phó Giám đốc", "Chuyên viên chính", "Phó Giám đốc",
                "Chuyên viên"]
    return ["Chánh Văn phòng", "Phó Chánh Văn phòng", "Chuyên viên chính",
            "Phó Chánh Văn phòng", "Chuyên viên"]


# the representative of a Phòng (as many as PROVINCIAL_TITLES: the draw's size is fixed)
TEAM_TITLES = ["Trưởng phòng", "Phó Trưởng phòng", "Trưởng phòng", "Phó Trưởng phòng",
               "Chuyên viên", "Chuyên viên chính", "Kế toán viên", "Giám định viên",
               "Thanh tra viên", "Phó Trưởng phòng", "Trưởng phòng"]
PROVINCIAL_TITLES = ["Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng",
                     "Chuyên viên", "Chuyên viên chính", "Kế toán viên", "Giám định viên",
                     "Thanh tra viên", "Giám đốc BHXH cơ sở", "Phó Giám đốc BHXH cơ sở"]
GUESTS = [
    ("Phó Chủ nhiệm Ủy ban Văn hóa và Xã hội", "Quốc hội"),
    ("Thứ trưởng", "Bộ Tài chính"),
    ("Thứ trưởng", "Bộ Nội vụ"),
    ("Thứ trưởng", "Bộ Y tế"),
    ("Phó Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam"),
    ("Phó Trưởng ban", "Ban Tổ chức Trung ương"),
    ("Vụ trưởng", "Văn phòng Chính phủ"),
    ("Phó Chủ tịch", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    ("Phó Chủ tịch", "Ủy ban nhân dân thành phố Hà Nội"),
    ("Nguyên Tổng Giám đốc", "Bảo hiểm xã hội Việt Nam"),
    ("Vụ trưởng", "Bộ Tài chính"),
]
LEADER_TITLES = ["Tổng Giám đốc", "Phó Tổng Giám đốc", "Phó Tổng Giám đốc", "Phó Tổng Giám đốc",
                 "Trưởng ban", "Trưởng ban", "Chánh Văn phòng", "Giám đốc Trung tâm"]
PRESS = ["Báo Nhân Dân", "Đài Truyền hình Việt Nam", "Thông tấn xã Việt Nam",
         "Đài Tiếng nói Việt Nam", "Báo Lao Động", "Báo Tuổi Trẻ", "Báo Đại biểu Nhân dân",
         "Báo Điện tử Chính phủ", "Báo Sức khỏe & Đời sống", "Truyền hình Quốc hội"]
PRESS_TITLES = ["Phóng viên", "Quay phim", "Phóng viên ảnh", "Biên tập viên"]
STAFF_TITLES = ["Chuyên viên Văn phòng", "Chuyên viên Ban Tổ chức cán bộ", "Lễ tân",
                "Kỹ thuật viên âm thanh",
                "Kỹ thuật viên Trung tâm Công nghệ thông tin và Chuyển đổi số"]
