"""A synthetic honours list for the demo roster, written as an emulation office writes
one (an XLSX with title rows, a header, one section row per form, and the signature
line), so that the ceremony can be tried from the first command and the import is
exercised as it will be on the day. Recipients are drawn from the roster with a fixed
seed: leaders and individual delegates for themselves, collective delegates for the
collective named by their unit."""

import random
from pathlib import Path

from openpyxl import Workbook

from . import db as store

# (form, individuals, collectives): a sector congress's usual proportions, highest first
PLAN = [
    ("Huân chương Lao động hạng Ba", 2, 1),
    ("Chiến sĩ thi đua toàn quốc", 3, 0),
    ("Cờ thi đua của Chính phủ", 0, 3),
    ("Bằng khen của Thủ tướng Chính phủ", 6, 6),
    ("Cờ thi đua của Bảo hiểm xã hội Việt Nam", 0, 12),
    ("Chiến sĩ thi đua ngành Bảo hiểm xã hội", 15, 0),
    ("Bằng khen của Tổng Giám đốc Bảo hiểm xã hội Việt Nam", 20, 10),
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
HEADER = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Tên tập thể", "Mã đại biểu",
          "Số quyết định", "Ngày quyết định"]


def _collectives(pool: list, count: int, flag: bool, units: set) -> list:
    """`count` collective delegates taken from `pool`, each with the collective they
    receive for: their Phòng, or for an emulation flag (Cờ thi đua, given to a whole
    unit, never to one of its offices) their provincial unit, one flag a unit (`units`:
    those flagged so far)."""
    chosen = []
    for person in list(pool):
        if len(chosen) == count:
            break
        whole = person["unit"].split(", ")[-1]
        if flag and whole in units:
            continue
        if flag:
            units.add(whole)
        chosen.append(dict(person, collective=whole if flag else person["unit"]))
        pool.remove(person)
    return chosen


def write(db, path, seed: int = 7) -> Path:
    """The honours list for the roster in `db`, as an XLSX at `path`."""
    rng = random.Random(seed)
    delegates = store.list_delegates(db)
    leaders = [d for d in delegates if d["category_id"] == "lanh-dao"]
    people = [d for d in delegates if d["category_id"] == "ca-nhan"]
    collectives = [d for d in delegates if d["category_id"] == "tap-the"]
    rng.shuffle(people)
    rng.shuffle(collectives)
    book = Workbook()
    sheet = book.active
    sheet.title = "Khen thưởng"
    sheet.append(["BẢO HIỂM XÃ HỘI VIỆT NAM"])
    sheet.append(["DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG TẠI ĐẠI HỘI THI ĐUA YÊU "
                  "NƯỚC NGÀNH BẢO HIỂM XÃ HỘI LẦN THỨ V"])
    sheet.append([])
    sheet.append(HEADER)
    number, flagged = 0, set()
    for place, (form, individuals, groups) in enumerate(PLAN):
        sheet.append([f"{ROMAN[place]}. {form}"])
        issuer = "CTN" if place == 0 else "TTg" if place < 4 else "BHXH"  # who decides
        decision = f"{rng.randint(100, 2999)}/QĐ-{issuer}"
        decided = f"{rng.randint(1, 28):02d}/{rng.randint(1, 10):02d}/2026"
        chosen = (leaders if place == 0 else people)[:individuals]
        del (leaders if place == 0 else people)[:individuals]
        for person in chosen:
            number += 1
            sheet.append([number, person["name"], person["title"], person["unit"], None,
                          person["code"], decision, decided])
        for person in _collectives(collectives, groups, form.startswith("Cờ thi đua"), flagged):
            number += 1
            sheet.append([number, person["name"], person["title"], None,
                          person["collective"], person["code"], decision, decided])
    sheet.append([])
    sheet.append([None, None, None, None, None, "Hà Nội, ngày 20 tháng 11 năm 2026"])
    sheet.append([None, None, None, None, None, "NGƯỜI LẬP BIỂU"])
    path = Path(path)
    book.save(path)
    return path
