"""A delegate's profile: the optional roster columns the credentials committee reports the
composition of the congress from (gender, year of birth, ethnicity, Party membership,
education, distinctions), read with the roster's tolerance.

A value that cannot be read is not a reason to refuse the list: it is left empty, with a
warning naming the row, and shows up in the completeness list (`badges check`) to be
sent back to the unit. Empty is "not stated", never "no": the committee counts only what
it knows.

Personal data under the Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (Điều 2) and its
Nghị định 356/2025/NĐ-CP, in force from 01/01/2026 (which replaced Nghị định
13/2023/NĐ-CP): every field here is, and two are sensitive (the decree's Điều 4 names data
revealing "nguồn gốc chủng tộc, nguồn gốc dân tộc" and political views): ethnicity, and
Party membership, which we treat as a political view (docs/security.md). Who may see
which field: kiosk/web/access.py FIELDS.
"""

import re
from datetime import date

from .text import clean, fold, fold_key

FIELDS = ("gender", "birth_year", "ethnicity", "party", "education", "distinction")
SENSITIVE = ("ethnicity", "party")  # Nghị định 356/2025/NĐ-CP, Điều 4
LABELS = {"gender": "Giới tính", "birth_year": "Năm sinh", "ethnicity": "Dân tộc",
          "party": "Đảng viên", "education": "Trình độ", "distinction": "Danh hiệu"}

EARLIEST_BIRTH = 1900
MAJORITY = "Kinh"  # the ethnic group the committee counts the minorities against

_GENDERS = {"nam": "Nam", "male": "Nam", "m": "Nam", "nu": "Nữ", "female": "Nữ", "f": "Nữ"}
_YES = {"co", "x", "dangvien", "dv", "yes", "y", "1", "dcsvn"}
_NO = {"khong", "0", "no", "n", "", "ngoaidang", "chua"}  # "": a dash

# Levels of education as the reports list them, highest first (the order of the XIII
# Party Congress and of the MTTQ xã Thắng Sơn report, README "Sources"); anything else is
# counted as written, after these.
EDUCATION = ["Giáo sư", "Phó Giáo sư", "Tiến sĩ", "Thạc sĩ", "Đại học", "Cao đẳng",
             "Trung cấp", "Sơ cấp"]
_EDUCATION_KEYS = {fold_key(level): level for level in EDUCATION} | {
    "ts": "Tiến sĩ", "tiensy": "Tiến sĩ", "ths": "Thạc sĩ", "thacsy": "Thạc sĩ",
    "cunhan": "Đại học", "kysu": "Đại học", "dh": "Đại học", "cd": "Cao đẳng",
    "gs": "Giáo sư", "pgs": "Phó Giáo sư", "tc": "Trung cấp"}

# Distinctions (danh hiệu) in the order the emulation congresses' reports of their
# delegates list them: the Heroes, then the national emulation fighters, then the
# people's and meritorious titles (Đại hội Thi đua yêu nước toàn quốc lần thứ X, 2020,
# and lần thứ XI, 2025; README "Sources"). Others follow, in the order first met.
DISTINCTIONS = ["Anh hùng Lực lượng vũ trang nhân dân", "Anh hùng Lao động",
                "Chiến sĩ thi đua toàn quốc", "Nhà giáo nhân dân", "Nhà giáo ưu tú",
                "Thầy thuốc nhân dân", "Thầy thuốc ưu tú", "Nghệ sĩ nhân dân",
                "Nghệ sĩ ưu tú", "Nghệ nhân nhân dân", "Nghệ nhân ưu tú"]
_DISTINCTION_KEYS = {fold_key(d): d for d in DISTINCTIONS} | {
    "ahllvtnd": DISTINCTIONS[0], "ahld": DISTINCTIONS[1], "cstdtq": DISTINCTIONS[2]}


def gender(text: str):
    """'Nam'/'Nữ' from how lists write it; (value, problem)."""
    if not text:
        return None, None
    value = _GENDERS.get(fold_key(text))
    return (value, None) if value else (None, f"giới tính '{text[:20]}' không rõ (Nam hoặc Nữ)")


def birth_year(text: str, this_year: int | None = None):
    """A year of birth from '1968', '12/05/1968', '1968-05-12' or an Excel date; (value,
    problem)."""
    if not text:
        return None, None
    this_year = this_year or date.today().year
    found = re.fullmatch(r"(\d{4})(?:[-/.]\d{1,2}[-/.]\d{1,2}(?: .*)?)?"
                         r"|\d{1,2}[-/.]\d{1,2}[-/.](\d{4})", text.strip())
    year = int(found.group(1) or found.group(2)) if found else None
    if year is None or not EARLIEST_BIRTH <= year <= this_year:
        return None, f"năm sinh '{text[:20]}' không đọc được (bốn chữ số, như 1975)"
    return year, None


def party(text: str):
    """Whether a Party member: 1, 0 or None (not stated); (value, problem)."""
    if not text:
        return None, None
    key = fold_key(text)
    if key in _YES or re.fullmatch(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}", text.strip()):
        return 1, None  # "x", "Có", or the day (year) they joined
    if key in _NO:
        return 0, None
    return None, f"đảng viên '{text[:20]}' không rõ (ghi Có hoặc Không)"


def ethnicity(text: str):
    """As written; in capitals or in small letters only, with each word's capital
    ('kinh' -> 'Kinh', 'Ê ĐÊ' -> 'Ê Đê', "h'mông" -> "H'Mông")."""
    if not text:
        return None, None
    word = clean(text)
    if fold_key(word).startswith("dantoc"):
        word = clean(word[len("dân tộc"):])
    if word in (word.lower(), word.upper()):
        word = word.title()
    return word or None, None


def education(text: str):
    """A known level by its usual spellings ('ThS' -> 'Thạc sĩ'), else as written."""
    if not text:
        return None, None
    return _EDUCATION_KEYS.get(fold_key(text), clean(text)), None


def distinctions(text: str) -> list:
    """The distinctions a cell names, split on ';', ',' or a new line, each as the law
    spells a known one."""
    parts = [clean(p) for p in re.split(r"[;,\n]+", text or "")]
    return [_DISTINCTION_KEYS.get(fold_key(p), p) for p in parts if p]


def distinction(text: str):
    found = distinctions(text)
    return ("; ".join(found) if found else None), None


READERS = {"gender": gender, "birth_year": birth_year, "ethnicity": ethnicity, "party": party,
           "education": education, "distinction": distinction}


def is_minority(value: str | None) -> bool | None:
    if not value:
        return None
    return fold(value) != fold(MAJORITY)


def age(year: int | None, on: date) -> int | None:
    """Age as the reports give it: the year of the congress less the year of birth."""
    return None if year is None else on.year - year
