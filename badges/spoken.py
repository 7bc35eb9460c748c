"""Text as it is read aloud from the stage: abbreviations written out, a typed form of
address taken off a name, and who issued a decision, read from the form's level or the
decision's number. Used by the MC's script (kiosk/reports/mc_lines.py) and to compare
units that one list writes short and another long ("BHXH tỉnh Nghệ An" and "Bảo hiểm xã
hội tỉnh Nghệ An" are one unit). No I/O here.

The decision's number keeps its letters ("601/QĐ-BHXH" is read as written): only words
are expanded, never the inside of a number."""

import re

from . import forms
from .text import clean

# An abbreviation as offices write it -> as it is said (and written out in full)
WORDS = {
    "BHXH": "Bảo hiểm xã hội", "BHYT": "Bảo hiểm y tế", "BHTN": "Bảo hiểm thất nghiệp",
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "VN": "Việt Nam",
}
_WORD = re.compile(r"(?<![\w/-])(" + "|".join(WORDS) + r")(?![\w/-])")
# "TP." (or "Tp.", "TP" before a name): thành phố; the city named after Hồ Chí Minh keeps
# its capital, as the name is written
_CITY = re.compile(r"(?<![\w/-])(TP|Tp)(\.\s*|\s+)(?=\w)")
_ADDRESS = re.compile(r"^\s*(?:(?:các\s+)?đồng\s+chí|đ/c|đ\.c\.?)\s*[:,]?\s*", re.IGNORECASE)

# A decision number's suffix (after "QĐ-") -> who signs such decisions
SIGNERS = {"CTN": "Chủ tịch nước", "TTG": "Thủ tướng Chính phủ",
           "BHXH": "Tổng Giám đốc Bảo hiểm xã hội Việt Nam"}
BY_LEVEL = {forms.PRESIDENT: "Chủ tịch nước", forms.GOVERNMENT: "Thủ tướng Chính phủ"}
SECTOR = "Tổng Giám đốc Bảo hiểm xã hội Việt Nam"  # the congress's sector
DELEGATING = set(BY_LEVEL.values())  # a leader presents their awards "thừa ủy quyền"


def aloud(text) -> str:
    """`text` with its abbreviations written out: "Giám đốc BHXH TP. Hà Nội" is "Giám đốc
    Bảo hiểm xã hội thành phố Hà Nội"."""
    said = _CITY.sub(_city, clean(text))
    return _WORD.sub(lambda m: WORDS[m.group(1)], said)


def _city(match) -> str:
    """At the head of a name, or in "Thành phố Hồ Chí Minh", a capital."""
    first = match.start() == 0 or match.string[match.end():].startswith("Hồ Chí Minh")
    return "Thành phố " if first else "thành phố "


def without_address(name) -> str:
    """A name as typed, without a form of address the MC says anyway ("Đồng chí Nguyễn
    Văn A", "đ/c Nguyễn Văn A" are "Nguyễn Văn A")."""
    return _ADDRESS.sub("", clean(name))


def issuer(form: str, decision: str | None) -> str | None:
    """Who decided `form`, as the MC names them: by the law's level for the President's
    and the Government's forms, else by the decision number's suffix ("/QĐ-BHXH", but
    not for a unit's form: a provincial office numbers its decisions so too), else
    by the form's own words ("Bằng khen của Tổng Giám đốc BHXH Việt Nam"), else, for a
    sector's form, the congress's sector; None when nothing says."""
    level = forms.classify(form).level
    if level in BY_LEVEL:
        return BY_LEVEL[level]
    suffix = re.search(r"QĐ\s*-\s*([A-Za-zĐđ]+)", clean(decision))
    signer = SIGNERS.get(suffix.group(1).upper()) if suffix else None
    if signer and not (level == forms.UNIT and signer == SECTOR):  # a province's "QĐ-BHXH"
        return signer
    owner = re.search(r"\bcủa\s+(.+)$", clean(form))
    if owner and re.match(r"(Tổng Giám đốc|Giám đốc|Bộ trưởng|Chủ tịch)\b", owner.group(1)):
        return aloud(owner.group(1))
    return SECTOR if level == forms.SECTOR else None
