"""The official order of the delegations: the sector's central units first, in the order the
roster first lists them, then the provinces and centrally run cities in the order of the
State's catalogue of administrative units, then a delegation named by neither (none
given last). No database here; badges/seating.py seats the delegations in this order.

The 34 provincial-level units are those of Nghị quyết 202/2025/QH15 về việc sắp xếp đơn
vị hành chính cấp tỉnh (passed 12/6/2025): its Điều 1 merges 52 of the 63 former units
into 23 (one khoản each; the lists below name each new unit's former ones), leaving 34,
28 provinces and 6 cities. Their order is that of their codes in
the Bảng danh mục và mã số các đơn vị hành chính Việt Nam, Quyết định 19/2025/QĐ-TTg
(30/6/2025, applied from 1/7/2025: a two-digit code per province, as ngoisao.vn's
report "Mã số chi tiết đơn vị hành chính của 34 tỉnh thành mới sau sáp nhập", 8/7/2025,
gives it; its table is a picture, so the codes below were read from two public datasets
of the catalogue, which agree). The codes keep the rule of the catalogue since Quyết
định 124/2004/QĐ-TTg (mục 3, as lawnet.vn quotes it): Hà Nội first, the others from
north to south and west to east, so that the catalogue's order is the country's
geography as the State writes lists of provinces.

A delegation is matched by the name of its province in it, as offices write it: with or
without diacritics, "tỉnh"/"thành phố"/"TP.", a former province's name (Đoàn BHXH tỉnh Yên
Bái sits with Lào Cai's), "Thừa Thiên Huế", "TP. HCM".
"""

import re

from .text import fold

# (code, name, former provinces merged into it by Nghị quyết 202/2025/QH15 Điều 1)
PROVINCES = [
    ("01", "Hà Nội", ()), ("04", "Cao Bằng", ()), ("08", "Tuyên Quang", ("Hà Giang",)),
    ("11", "Điện Biên", ()), ("12", "Lai Châu", ()), ("14", "Sơn La", ()),
    ("15", "Lào Cai", ("Yên Bái",)), ("19", "Thái Nguyên", ("Bắc Kạn", "Bắc Cạn")),
    ("20", "Lạng Sơn", ()), ("22", "Quảng Ninh", ()), ("24", "Bắc Ninh", ("Bắc Giang",)),
    ("25", "Phú Thọ", ("Vĩnh Phúc", "Hòa Bình")), ("31", "Hải Phòng", ("Hải Dương",)),
    ("33", "Hưng Yên", ("Thái Bình",)), ("37", "Ninh Bình", ("Hà Nam", "Nam Định")),
    ("38", "Thanh Hóa", ()), ("40", "Nghệ An", ()), ("42", "Hà Tĩnh", ()),
    ("44", "Quảng Trị", ("Quảng Bình",)), ("46", "Huế", ("Thừa Thiên Huế",)),
    ("48", "Đà Nẵng", ("Quảng Nam",)), ("51", "Quảng Ngãi", ("Kon Tum",)),
    ("52", "Gia Lai", ("Bình Định",)), ("56", "Khánh Hòa", ("Ninh Thuận",)),
    ("66", "Đắk Lắk", ("Phú Yên", "Daklak")),
    ("68", "Lâm Đồng", ("Đắk Nông", "Daknong", "Bình Thuận")),
    ("75", "Đồng Nai", ("Bình Phước",)),
    ("79", "Hồ Chí Minh", ("HCM", "TPHCM", "Sài Gòn", "Bình Dương", "Bà Rịa Vũng Tàu",
                           "Vũng Tàu")),
    ("80", "Tây Ninh", ("Long An",)), ("82", "Đồng Tháp", ("Tiền Giang",)),
    ("86", "Vĩnh Long", ("Bến Tre", "Trà Vinh")), ("91", "An Giang", ("Kiên Giang",)),
    ("92", "Cần Thơ", ("Sóc Trăng", "Hậu Giang")), ("96", "Cà Mau", ("Bạc Liêu",)),
]


def _words(text: str) -> str:
    """' ha noi ': folded, punctuation as spaces, a space at each end (whole words)."""
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split()) + " "


_NAMES = sorted(((_words(name), index) for index, (_, own, former) in enumerate(PROVINCES)
                 for name in (own, *former)), key=lambda pair: -len(pair[0]))


def province_of(delegation: str | None) -> int | None:
    """The index in PROVINCES of the province a delegation's name holds ('Đoàn BHXH tỉnh
    Yên Bái' is Lào Cai's), or None (a central unit, or a name not recognised). Where
    two names are in it, the one written last (the province of 'Văn phòng … tại Hà Nội'
    is Hà Nội); of two ending there, the longer."""
    text = _words(delegation or "")
    found = [(text.rfind(name) + len(name), len(name), index) for name, index in _NAMES
             if name in text]
    return max(found)[2] if found else None


def order(delegations: list) -> list:
    """The delegations (each once, as written, in the order the roster first lists them)
    in the official order: central units, then provinces by their code, then the
    unnamed (empty)."""
    first = {}
    for name in delegations:
        first.setdefault(name or "", len(first))

    def key(name):
        province = province_of(name)
        if not name:
            return (2, 0, first[name])
        return (0, 0, first[name]) if province is None else (1, province, first[name])
    return sorted(first, key=key)
