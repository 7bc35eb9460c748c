"""Validating roster rows into delegate records, collecting every error at once."""

import re
from dataclasses import dataclass, field

from . import profile
from .codes import CODE_MAX, CODE_RE, normalise_code
from .roster import FIELD_LABELS, Roster
from .text import fold_key

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
# what marks the head in the column "Trưởng đoàn", compared after fold_key
HEAD_MARKS = {fold_key(mark) for mark in ("x", "có", "1", "TĐ", "Trưởng đoàn", "yes")}
MAX_PROTOCOL = 100_000  # the place in protocol order; 10^30 overflowed SQLite (a 500)


@dataclass
class Problem:
    row: int  # spreadsheet row number (1 is the header)
    column: str  # header as written in the file, or the canonical label
    message: str
    reason: str  # machine-readable: missing_name, duplicate_code, unknown_category, ...

    def __str__(self) -> str:
        where = f"dòng {self.row}" + (f", cột '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Checked:
    records: list = field(default_factory=list)  # (row number, record dict)
    errors: list = field(default_factory=list)  # Problem
    warnings: list = field(default_factory=list)  # Problem
    bad_rows: set = field(default_factory=set)


def phone_number(text: str, was_number: bool):
    """Vietnamese phone numbers: returns (digits starting with 0, warning) or (None, None)."""
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    warning = None
    if was_number and len(digits) == 9 and not digits.startswith("0"):
        digits = "0" + digits  # Excel dropped the leading zero of a number cell
        warning = "Excel đã bỏ số 0 đầu; đã thêm lại"
    if re.fullmatch(r"0\d{9,10}", digits):
        return digits, warning
    return None, None


def categories_by_key(categories: list) -> dict:
    """A category's id by its folded name or id: how a roster cell names one."""
    by_key = {}
    for cat in categories:
        by_key[fold_key(cat["name"])] = cat["id"]
        by_key[fold_key(cat["id"])] = cat["id"]
    return by_key


def check_rows(roster: Roster, categories: list) -> Checked:
    result = Checked()
    for head, message in roster.header_errors:
        result.errors.append(Problem(roster.header_row, head, message, "bad_header"))
    for head, message in roster.header_warnings:
        result.warnings.append(Problem(roster.header_row, head, message, "unused_column"))
    by_key = categories_by_key(categories)
    columns = {canon: roster.columns.get(canon, FIELD_LABELS[canon]) for canon in FIELD_LABELS}
    seen_codes = {}
    for raw in roster.rows:
        row = RowCheck(raw, columns, set(roster.columns))
        record = row.check(by_key, seen_codes)
        result.warnings.extend(row.warnings)
        if row.problems:
            result.errors.extend(row.problems)
            result.bad_rows.add(raw.number)
        else:
            result.records.append((raw.number, record))
    _heads_of_delegates_only(result, columns["head"], categories)
    _one_head_a_delegation(result, columns["head"])
    return result


def _heads_of_delegates_only(result: "Checked", label: str, categories: list) -> None:
    """A head mark on a row whose category is not counted as delegates (a guest, the press,
    the staff: `is_delegate` 0) is refused, naming the row, as `kiosk delegation-head`
    refuses it: those are not delegations and have no head."""
    others = {c["id"]: c["name"] for c in categories if not c["is_delegate"]}
    for number, record in result.records:
        if record.get("is_head") and record.get("category_id") in others:
            result.errors.append(head_not_delegate(number, others[record["category_id"]],
                                                   label))
            result.bad_rows.add(number)
    result.records = [(n, r) for n, r in result.records if n not in result.bad_rows]


def head_not_delegate(number: int, category: str, label: str = "Trưởng đoàn") -> Problem:
    """The one wording of a head mark on a row of a category with no head."""
    return Problem(number, label, f"'{category}' không phải đoàn đại biểu (khách mời, báo "
                   "chí, ban tổ chức không có trưởng đoàn): bỏ dấu x ở dòng này",
                   "head_not_delegate")


def _one_head_a_delegation(result: "Checked", label: str) -> None:
    """Two heads marked for one delegation refuse both rows, naming each other: which of
    them leads is the organisers' call, not the import's."""
    heads = {}
    for number, record in result.records:
        if record.get("is_head"):
            heads.setdefault(fold_key(record["delegation"]), []).append((number, record))
    for marked in heads.values():
        if len(marked) < 2:
            continue
        lines = ", ".join(str(n) for n, _ in marked)
        for number, record in marked:
            result.errors.append(Problem(number, label, f"đoàn '{record['delegation']}' có "
                                         f"nhiều trưởng đoàn (dòng {lines}): chỉ đánh x "
                                         "một người", "two_heads"))
            result.bad_rows.add(number)
    result.records = [(n, r) for n, r in result.records if n not in result.bad_rows]


class RowCheck:
    """Checks one roster row, collecting every problem rather than stopping at the first."""

    def __init__(self, raw, columns, present=None):
        self.raw, self.columns = raw, columns
        self.present = set(columns) if present is None else present  # the file's columns
        self.problems, self.warnings = [], []

    def bad(self, field_name, message, reason):
        self.problems.append(Problem(self.raw.number, self.columns[field_name], message, reason))

    def check(self, categories_by_key: dict, seen_codes: dict) -> dict:
        v = self.raw.values
        record = {k: v.get(k, "") for k in ("name", "title", "unit", "delegation", "seat")}
        if not record["name"]:
            self.bad("name", "thiếu họ và tên", "missing_name")
        record["code"] = self.code(v.get("code", ""), seen_codes)
        if "category" in self.present:
            record["category_id"] = self.category(v.get("category", ""), categories_by_key)
        elif self.raw.section:  # "I. KHÁCH MỜI" above the row gives its category
            record["category_id"] = self.category(self.raw.section, categories_by_key,
                                                  "section")
        else:
            record["category_id"] = None  # kept from the roster, or asked for (importer)
        record["phone"] = self.phone(v.get("phone", ""))
        record["email"] = v.get("email") or None
        if record["email"] and not EMAIL_RE.match(record["email"]):
            self.bad("email", f"email '{record['email']}' không hợp lệ", "bad_email")
        self.profile(record)
        record["protocol_order"] = None
        if v.get("protocol"):
            if v["protocol"].isdigit() and len(v["protocol"]) <= len(str(MAX_PROTOCOL)) \
                    and int(v["protocol"]) <= MAX_PROTOCOL:
                record["protocol_order"] = int(v["protocol"])
            else:
                self.bad("protocol", f"thứ tự nghi thức '{v['protocol'][:20]}' phải là số "
                         f"từ 0 đến {MAX_PROTOCOL}",
                         "bad_protocol")
        record["is_head"] = self.head(v.get("head", ""), record["delegation"])
        return record

    def head(self, text, delegation) -> int:
        """The column "Trưởng đoàn": an x (or "có", "1", "TĐ") marks the delegation's head,
        empty marks none; the head of a delegation must name it."""
        if not text:
            return 0
        if fold_key(text) not in HEAD_MARKS:
            self.bad("head", f"'{text[:20]}' không rõ: ghi x cho trưởng đoàn, để trống nếu "
                     "không phải", "bad_head")
            return 0
        if not delegation:
            self.bad("head", "trưởng đoàn phải có tên đoàn (cột Đoàn)", "head_without_delegation")
        return 1

    def code(self, text, seen_codes):
        if not text:
            return None  # generated at import
        code = normalise_code(text)
        if not CODE_RE.match(code):
            self.bad("code", f"mã '{text}' không hợp lệ (chữ, số, '-'; tối đa {CODE_MAX} ký tự)",
                     "bad_code")
        elif code in seen_codes:
            self.bad("code", f"mã '{code}' trùng với dòng {seen_codes[code]}", "duplicate_code")
        else:
            seen_codes[code] = self.raw.number
        return code

    def category(self, text, categories_by_key, source="column"):
        if not text:
            self.bad("category", "thiếu thành phần", "missing_category")
            return None
        if fold_key(text) not in categories_by_key:
            where = "" if source == "column" else " (tên mục phía trên dòng này)"
            self.bad("category", f"thành phần '{text}'{where} không có trong danh mục",
                     "unknown_category")
            return None
        return categories_by_key[fold_key(text)]

    def profile(self, record):
        """The profile columns (badges/profile.py): a value not understood is left empty
        with a warning, never a refused row."""
        v = self.raw.values
        for name, read in profile.READERS.items():
            record[name], problem = read(v.get(name, ""))
            if problem:
                self.warn(name, problem + "; để trống", "unclear_" + name)

    def warn(self, field_name, message, reason):
        self.warnings.append(Problem(self.raw.number, self.columns[field_name], message, reason))

    def phone(self, text):
        if not text:
            return None
        phone, warning = phone_number(text, "phone" in self.raw.numeric)
        if phone is None:
            self.bad("phone", f"số điện thoại '{text}' không hợp lệ", "bad_phone")
        elif warning:
            self.warn("phone", warning, "phone_fixed")
        return phone
