import unicodedata

from badges.text import clean, fold, fold_key


def test_fold_removes_diacritics_including_d_stroke():
    assert fold("Nguyễn Thị Phượng") == "nguyen thi phuong"
    assert fold("ĐẶNG Đức Đạt") == "dang duc dat"


def test_clean_turns_mac_nfd_into_nfc_and_collapses_spaces():
    nfd = unicodedata.normalize("NFD", "  Tôn Nữ   Hoàng\tKhánh Ngọc ")
    assert clean(nfd) == "Tôn Nữ Hoàng Khánh Ngọc"
    assert unicodedata.is_normalized("NFC", clean(nfd))


def test_fold_key_ignores_case_spacing_and_punctuation():
    assert fold_key("Họ và  tên") == fold_key("HO VA TEN") == fold_key("ho_va_ten") == "hovaten"


def test_vietnamese_order_puts_d_before_đ_and_sorts_people_by_given_name():
    from badges.text import person_key, vietnamese_key

    names = ["Trần Thị Yến", "Lê Văn Đức", "Nguyễn Văn Dũng", "Đặng Văn An", "Phạm Thị Ánh",
             "Võ Thị Anh", "Hồ Văn Ăn", "Bùi Thị Ân", "Lý Văn Ơn", "Mai Văn Ông", "Tô Văn On",
             "Hà Văn Ư", "Kim Văn Uy"]
    given = [n.split()[-1] for n in sorted(names, key=person_key)]
    assert given == ["An", "Anh", "Ánh", "Ăn", "Ân", "Dũng", "Đức", "On", "Ông", "Ơn", "Uy",
                     "Ư", "Yến"]
    places = ["Yên Bái", "Đà Nẵng", "Cà Mau", "Điện Biên", "Ðắk Lắk", "Dak Ha"]
    assert sorted(places, key=vietnamese_key) == ["Cà Mau", "Dak Ha", "Đà Nẵng", "Ðắk Lắk",
                                                  "Điện Biên", "Yên Bái"]
    assert sorted(places) != sorted(places, key=vietnamese_key)  # code-point order differs
