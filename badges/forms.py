"""The forms of award and the emulation titles, ranked as the law ranks them, and read as
emulation offices write them ("Danh hiệu Chiến sĩ thi đua toàn quốc", "Bằng khen Thủ tướng
Chính phủ", "HUÂN CHƯƠNG LAO ĐỘNG HẠNG III").

The law is the Luật Thi đua, khen thưởng số 06/2022/QH15 (in force from 01/01/2024),
guided since 01/7/2025 by Nghị định 152/2025/NĐ-CP (which replaced Nghị định 98/2023/NĐ-CP):
- Điều 9 lists the forms of award in this order: Huân chương, Huy chương, danh hiệu vinh
  dự nhà nước, "Giải thưởng Hồ Chí Minh" and "Giải thưởng Nhà nước", Kỷ niệm chương, Bằng
  khen, Giấy khen; Điều 33 khoản 2 lists the orders (huân chương), Điều 54 khoản 2 the
  medals, Điều 59 khoản 2 the state honorary titles, each in its own order.
- Điều 19 and 20 list the emulation titles (danh hiệu thi đua) of individuals and of
  collectives; they are not forms of award, and are placed by who decides them:
- Điều 77: the President decides the orders, the medals, the prizes and the state
  honorary titles; Điều 78: the Government decides the "Cờ thi đua của Chính phủ", the
  Prime Minister the "Chiến sĩ thi đua toàn quốc" and the "Bằng khen của Thủ tướng Chính
  phủ"; Điều 79: a minister, a sector's head or a province decides its own flag, title,
  certificate of merit and commemorative medal; Điều 80: the head of a unit decides the
  "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Tập thể lao động tiên tiến" and the
  Giấy khen.

So the ceremony goes by level (President, Government, sector, unit) and, within a level,
titles first (the collective's flag before the individual's title), then the forms in
Điều 9's order. A form none of this knows is ranked after everything, and the import
names it so that the organisers place it (setup page, "award_order")."""

import re
from dataclasses import dataclass

from .text import fold

PRESIDENT, GOVERNMENT, SECTOR, UNIT = 1, 2, 3, 4
LEVELS = {PRESIDENT: "Chủ tịch nước", GOVERNMENT: "Chính phủ, Thủ tướng Chính phủ",
          SECTOR: "bộ, ngành, tỉnh", UNIT: "thủ trưởng đơn vị"}

_GRADES = ("Nhất", "Nhì", "Ba")
_ORDERS = ["Sao vàng", "Hồ Chí Minh"] + [
    f"{name} hạng {grade}" for name in ("Độc lập", "Quân công", "Lao động", "Bảo vệ Tổ quốc",
                                        "Chiến công") for grade in _GRADES] + [
    "Đại đoàn kết dân tộc", "Dũng cảm", "Hữu nghị"]
_MEDALS = ["Quân kỳ quyết thắng", "Vì an ninh Tổ quốc"] + [
    f"Chiến sĩ vẻ vang hạng {grade}" for grade in _GRADES] + ["Hữu nghị"]
_HONOURS = ["Tỉnh Anh hùng", "Thành phố Anh hùng", "Bà mẹ Việt Nam anh hùng",
            "Anh hùng Lực lượng vũ trang nhân dân", "Anh hùng Lao động", "Nhà giáo nhân dân",
            "Nhà giáo ưu tú", "Thầy thuốc nhân dân", "Thầy thuốc ưu tú", "Nghệ sĩ nhân dân",
            "Nghệ sĩ ưu tú", "Nghệ nhân nhân dân", "Nghệ nhân ưu tú"]

# (level, name as the law writes it, how an office may write it: a folded pattern)
_NAMED = (
    [(PRESIDENT, f"Huân chương {n}", None) for n in _ORDERS]
    + [(PRESIDENT, f"Huy chương {n}", None) for n in _MEDALS]
    + [(PRESIDENT, n, None) for n in _HONOURS]
    + [(PRESIDENT, "Giải thưởng Hồ Chí Minh", None), (PRESIDENT, "Giải thưởng Nhà nước", None),
       (GOVERNMENT, "Cờ thi đua của Chính phủ", r"co thi dua (cua )?chinh phu"),
       (GOVERNMENT, "Chiến sĩ thi đua toàn quốc", None),
       (GOVERNMENT, "Bằng khen của Thủ tướng Chính phủ",
        r"bang khen (cua )?thu tuong( chinh phu)?"),
       (SECTOR, "Tập thể lao động xuất sắc", None), (UNIT, "Chiến sĩ thi đua cơ sở", None),
       (UNIT, "Tập thể lao động tiên tiến", None), (UNIT, "Lao động tiên tiến", None)])
# Forms named by how they begin: a kind, at its level, after every form named above
_KINDS = [
    (PRESIDENT, r"huan chuong\b", "Huân chương"), (PRESIDENT, r"huy chuong\b", "Huy chương"),
    (PRESIDENT, r"giai thuong (ho chi minh|nha nuoc)", "Giải thưởng"),
    (SECTOR, r"co thi dua\b", "Cờ thi đua"),
    (SECTOR, r"chien si thi dua (?!co so)", "Chiến sĩ thi đua"),
    (SECTOR, r"tap the lao dong xuat sac", "Tập thể lao động xuất sắc"),
    (SECTOR, r"ky niem chuong\b", "Kỷ niệm chương"), (SECTOR, r"bang khen\b", "Bằng khen"),
    (UNIT, r"chien si thi dua co so", "Chiến sĩ thi đua cơ sở"),
    (UNIT, r"tap the lao dong tien tien", "Tập thể lao động tiên tiến"),
    (UNIT, r"lao dong tien tien", "Lao động tiên tiến"), (UNIT, r"giay khen\b", "Giấy khen"),
]
# Who confers (the decision's issuer, read from the form): the MC presents a form the
# President or the Prime Minister decided "thừa ủy quyền" of them
CONFERRED_BY = {PRESIDENT: "Chủ tịch nước"}


@dataclass(frozen=True)
class Form:
    name: str  # as the law writes it when it names it, else as the list does
    level: int | None  # PRESIDENT … UNIT, None when unknown
    position: float  # within the whole hierarchy
    title: bool  # an emulation title (conferred: "trao danh hiệu …"), not an object

    @property
    def known(self) -> bool:
        return self.level is not None


_GRADE_WORDS = {"iii": "ba", "3": "ba", "ii": "nhi", "2": "nhi", "i": "nhat", "1": "nhat"}


def words(name: str) -> str:
    """A form's name as compared: folded, no quotes or punctuation, one space between
    words, a grade in words, without a leading "danh hiệu" or "tặng"."""
    text = fold(re.sub(r"[“”\"'«»()]", " ", name or ""))
    text = re.sub(r"[^0-9a-z]+", " ", text).strip()
    text = re.sub(r"^(tang |truy tang )?(danh hieu |hinh thuc )?", "", text)
    return re.sub(r"\bhang (iii|ii|i|3|2|1)$", lambda m: "hang " + _GRADE_WORDS[m.group(1)],
                  text)


def _pattern(name: str) -> str:
    return re.escape(words(name)).replace(r"\ ", " ")


_TITLES = ("co thi dua", "chien si thi dua", "tap the lao dong", "lao dong tien tien")
_TABLE = [(level, name, re.compile(f"^(?:{pattern or _pattern(name)})$"))
          for level, name, pattern in _NAMED]
_STARTS = [(level, re.compile(f"^{pattern}"), name) for level, pattern, name in _KINDS]


def classify(name: str) -> Form:
    """Where a form sits in the law's hierarchy."""
    text = words(name)
    title = text.startswith(_TITLES) or text in {words(n) for n in _HONOURS}
    for position, (level, law_name, pattern) in enumerate(_TABLE):
        if pattern.match(text):
            return Form(law_name, level, _place(level, _kind_of(level, law_name, position)),
                        title)
    for index, (level, pattern, kind) in enumerate(_STARTS):
        if pattern.match(text):
            return Form(name, level, _place(level, _after(level, kind, index)), title)
    return Form(name, None, 10_000, False)


def _kind_of(level: int, law_name: str, position: int) -> float:
    """A title the law names at the sector's or the unit's level takes its kind's place
    there (titles before forms); the President's and the Government's keep the table's."""
    if level in (SECTOR, UNIT):
        for index, (at, pattern, _) in enumerate(_STARTS):
            if at == level and pattern.match(words(law_name)):
                return len(_TABLE) + index
    return position


def _after(level: int, kind: str, index: int) -> float:
    """A form of a kind the law names members of at that level ("Huân chương …" of another
    name): just after the last member it names; else in _KINDS's order after the table."""
    named = [i for i, (at, law_name, _) in enumerate(_TABLE)
             if at == level and law_name.startswith(kind)]
    return named[-1] + 0.5 if named else len(_TABLE) + index


def _place(level: int, position: float) -> float:
    """A position in the ceremony: by level, then titles first within the sector and the
    unit (what _KINDS lists first), then the law's order of forms."""
    return level * 1000 + position
