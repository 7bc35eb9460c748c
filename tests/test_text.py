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
