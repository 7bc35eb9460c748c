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

# The 63 provinces and centrally run cities; the five cities are 'thành phố'.
CITIES = ["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"]
PROVINCES = [
    "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu",
    "Sơn La", "Yên Bái", "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang",
    "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hưng Yên", "Thái Bình", "Hà Nam",
    "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị",
    "Thừa Thiên Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa",
    "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng",
    "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Long An",
    "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang",
    "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
]
CENTRAL_UNITS = [
    "Văn phòng BHXH Việt Nam", "Ban Thực hiện chính sách BHXH", "Ban Thực hiện chính sách BHYT",
    "Ban Quản lý Thu - Sổ, Thẻ", "Vụ Tổ chức cán bộ", "Vụ Thi đua - Khen thưởng",
    "Vụ Tài chính - Kế toán", "Trung tâm Công nghệ thông tin", "Trung tâm Truyền thông",
    "Tạp chí Bảo hiểm xã hội", "Trung tâm Giám định BHYT và Thanh toán đa tuyến",
    "Vụ Kiểm toán nội bộ", "Trung tâm Dịch vụ hành chính công và Chăm sóc khách hàng",
]
PROVINCIAL_TEAMS = ["Phòng Quản lý thu và Phát triển người tham gia", "Phòng Chế độ BHXH",
                    "Phòng Giám định BHYT", "Phòng Kế hoạch - Tài chính", "Văn phòng",
                    "Phòng Thanh tra - Kiểm tra", "Phòng Truyền thông và Phát triển người tham gia"]
PROVINCIAL_TITLES = ["Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng",
                     "Chuyên viên", "Chuyên viên chính", "Kế toán viên", "Giám định viên",
                     "Thanh tra viên", "Giám đốc BHXH huyện", "Phó Giám đốc BHXH thị xã"]
GUESTS = [
    ("Phó Chủ nhiệm Ủy ban Xã hội", "Quốc hội"),
    ("Thứ trưởng", "Bộ Tài chính"),
    ("Thứ trưởng", "Bộ Nội vụ"),
    ("Thứ trưởng", "Bộ Y tế"),
    ("Phó Trưởng ban", "Ban Thi đua - Khen thưởng Trung ương"),
    ("Phó Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam"),
    ("Phó Trưởng ban", "Ban Tổ chức Trung ương"),
    ("Vụ trưởng", "Văn phòng Chính phủ"),
    ("Phó Chủ tịch", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    ("Phó Chủ tịch", "Ủy ban nhân dân thành phố Hà Nội"),
    ("Nguyên Tổng Giám đốc", "Bảo hiểm xã hội Việt Nam"),
    ("Phó Bí thư Đảng ủy", "Đảng ủy Khối các cơ quan Trung ương"),
]
LEADER_TITLES = ["Tổng Giám đốc", "Phó Tổng Giám đốc", "Phó Tổng Giám đốc", "Phó Tổng Giám đốc",
                 "Trưởng ban", "Vụ trưởng", "Chánh Văn phòng", "Giám đốc Trung tâm"]
PRESS = ["Báo Nhân Dân", "Đài Truyền hình Việt Nam", "Thông tấn xã Việt Nam",
         "Đài Tiếng nói Việt Nam", "Báo Lao Động", "Báo Tuổi Trẻ", "Tạp chí Bảo hiểm xã hội",
         "Báo Điện tử Chính phủ", "Báo Sức khỏe & Đời sống", "Truyền hình Quốc hội"]
PRESS_TITLES = ["Phóng viên", "Quay phim", "Phóng viên ảnh", "Biên tập viên"]
STAFF_TITLES = ["Chuyên viên Vụ Thi đua - Khen thưởng", "Chuyên viên Văn phòng",
                "Lễ tân", "Kỹ thuật viên âm thanh", "Chuyên viên Trung tâm Công nghệ thông tin"]
