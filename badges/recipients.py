"""Who an honours list names (badges/awards.py), found among the delegates and never
guessed: a code, or a name that is exactly a delegate's (NFC, case folded, every
diacritic kept: "Nguyễn Tiến Thuởng" is not "Nguyễn Tiến Thưởng"), with the unit the list
gives agreeing with the delegate's; a code beside another person's name is refused,
naming both; a decision dated outside 2000–2100 is a typing error. Each problem is said
with its row; a name that only resembles a delegate's is named as such, never taken."""

import re
import unicodedata
from datetime import date, datetime

from . import spoken
from .text import clean, fold_key


def recipient(values: dict, by_code: dict, by_name: dict, problems: list) -> dict | None:
    """The delegate a row names (who walks on stage: the person, or a collective's
    representative), or None with the problem added to `problems`. `by_name`: name_key
    -> the delegates of that name."""
    collective = clean(values.get("collective"))
    code = clean(values.get("code")).upper()
    name, unit = clean(values.get("name")), clean(values.get("unit"))
    if code:
        who = by_code.get(code)
        if who is None:
            problems.append(f"mã đại biểu '{code}' không có trong danh sách đại biểu")
        elif name and name_key(name) != name_key(who["name"]) and not (
                collective and name_key(name) == name_key(collective)):
            problems.append(f"mã {code} là đại biểu {who['name']}, không phải {name}: sửa "
                            "mã hoặc họ tên cho đúng người nhận")
        elif unit and not collective and not unit_agrees(unit, who):
            problems.append(f"mã {code} ({who['name']}) thuộc đơn vị '{who['unit'] or '—'}', "
                            f"không phải '{unit}'")
        else:
            return who
        return None
    if collective:
        problems.append(f"tập thể '{collective}' chưa có mã đại biểu của người nhận thay mặt "
                        "tập thể")
        return None
    if name:
        return _by_name(name, unit, by_name, problems)
    problems.append("thiếu người nhận: ghi mã đại biểu, họ và tên, hoặc tên tập thể")
    return None


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def name_key(name) -> str:
    """A name as compared: NFC, case folded, one space between words, every diacritic
    kept ("Thuởng" is not "Thưởng"). Only where a tone mark sits in "oa", "oe", "uy" at
    a word's end is one spelling ("Hoà", "Thuỷ" and "Hòa", "Thủy" are one name, written
    in two conventions)."""
    words = []
    for word in unicodedata.normalize("NFD", clean(name).casefold()).split(" "):
        tones = [c for c in word if c in _TONES]
        bare = "".join(c for c in word if c not in _TONES)
        if len(tones) == 1 and re.search(r"(o[ae]|uy)$", bare):
            word = bare[:-1] + tones[0] + bare[-1]
        words.append(word)
    return unicodedata.normalize("NFC", " ".join(words))


def unit_agrees(unit: str, delegate: dict) -> bool:
    """A unit written in the list is the delegate's: their unit, their delegation, or
    both, compared without case, diacritics or punctuation and with abbreviations
    written out ("BHXH tỉnh Nghệ An" is "Bảo hiểm xã hội tỉnh Nghệ An")."""
    def key(text):
        return fold_key(spoken.aloud(text or ""))
    theirs = {key(delegate["unit"]), key(delegate.get("delegation")),
              key(f"{delegate['unit'] or ''} {delegate.get('delegation') or ''}")} - {""}
    return key(unit) in theirs


def _by_name(name, unit, by_name, problems):
    """The one delegate of exactly that name (and of that unit, when given); None with
    the problem said, naming the delegates a name only resembles (never taken for it)."""
    found = by_name.get(name_key(name), [])
    if unit:
        agreeing = [d for d in found if unit_agrees(unit, d)]
        if found and not agreeing:
            units = "; ".join(f"{d['code']}: {d['unit'] or '—'}" for d in found[:5])
            problems.append(f"đại biểu tên '{name}' không thuộc đơn vị '{unit}' ({units}): "
                            "sửa đơn vị hoặc ghi mã đại biểu")
            return None
        found = agreeing
    if len(found) == 1:
        return found[0]
    if not found:
        alike = [d for key, ds in by_name.items() if fold_key(key) == fold_key(name)
                 for d in ds]
        hint = ("; gần giống: " + ", ".join(f"{d['name']} ({d['code']})" for d in alike[:5])
                + " — nếu là người này, ghi mã đại biểu") if alike else ""
        problems.append(f"không có đại biểu tên '{name}'" + (f" ({unit})" if unit else "")
                        + " trong danh sách đại biểu: người nhận phải là đại biểu" + hint)
    else:
        codes = ", ".join(d["code"] for d in found[:5])
        problems.append(f"có {len(found)} đại biểu tên '{name}' ({codes}): ghi mã đại biểu")
    return None


YEARS = (2000, 2100)  # a decision dated outside is a typing error


def decision_date(value, problems) -> str | None:
    """A decision date as dd/mm/yyyy, from Excel's date or the text an office types,
    within YEARS."""
    if value in (None, ""):
        return None
    text = clean(value)
    if isinstance(value, (date, datetime)):
        day, month, year = value.day, value.month, value.year
    else:
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        iso = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$", text)  # Excel's
        if not (match or iso):
            problems.append(f"ngày quyết định '{text}' không hợp lệ (ghi dạng 15/11/2025)")
            return None
        day, month, year = (int(g) for g in match.groups()) if match else (
            int(iso.group(3)), int(iso.group(2)), int(iso.group(1)))
    try:
        date(year, month, day)
    except ValueError:
        problems.append(f"ngày quyết định '{text}' không hợp lệ (ghi dạng 15/11/2025)")
        return None
    written = f"{day:02d}/{month:02d}/{year:04d}"
    if not YEARS[0] <= year <= YEARS[1]:
        problems.append(f"ngày quyết định {written} không hợp lý: năm phải từ {YEARS[0]} "
                        f"đến {YEARS[1]}")
        return None
    return written
