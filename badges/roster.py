"""Reading roster files (CSV or XLSX) into raw rows keyed by canonical field name.

This module only reads and maps headers; `validate` decides whether rows are good.
"""

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import xlsx
from .errors import RosterFileError
from .text import clean, fold, fold_key
from .xlsx import MAX_INFLATED_BYTES, column_letter  # noqa: F401 — named here by callers

# Canonical field -> header spellings, compared after fold_key (case, diacritics,
# spaces and punctuation ignored), so "Họ và tên", "HO VA TEN" and "ho_va_ten" match.
HEADER_ALIASES = {
    "stt": ["STT", "Số thứ tự", "No", "#"],
    "code": ["Mã đại biểu", "Mã ĐB", "Mã", "code", "delegate code"],
    "name": ["Họ và tên", "Họ tên", "name", "full name"],
    "title": ["Chức vụ", "title", "position"],
    "unit": ["Đơn vị", "Cơ quan", "unit", "organisation", "organization"],
    "delegation": ["Đoàn", "Đoàn đại biểu", "delegation"],
    "category": ["Thành phần", "category"],
    "phone": ["Số điện thoại", "Điện thoại", "SĐT", "phone"],
    "email": ["Email", "Thư điện tử", "e-mail"],
    "seat": ["Ghế", "Số ghế", "Vị trí ghế", "seat"],
    "protocol": ["Thứ tự nghi thức", "Thứ tự lễ tân", "protocol", "protocol order"],
    "head": ["Trưởng đoàn", "Là trưởng đoàn", "TĐ", "head", "delegation head"],
    "note": ["Ghi chú", "note", "notes"],
    # the profile (badges/profile.py): what the credentials committee reports on
    "gender": ["Giới tính", "Nam/Nữ", "Nam, nữ", "gender", "sex"],
    "birth_year": ["Năm sinh", "Ngày sinh", "Ngày tháng năm sinh", "Ngày, tháng, năm sinh",
                   "birth year", "year of birth", "date of birth"],
    "ethnicity": ["Dân tộc", "ethnicity"],
    "party": ["Đảng viên", "Là đảng viên", "Ngày vào Đảng", "party member"],
    "education": ["Trình độ", "Trình độ chuyên môn", "Trình độ CM", "Học vị", "education"],
    "distinction": ["Danh hiệu", "Danh hiệu vinh dự", "Danh hiệu thi đua", "distinction"],
}


@dataclass(frozen=True)
class Columns:
    """What a kind of list calls its columns: canonical field -> header spellings, and
    the fields whose column marks the header row (one of them must be there)."""
    aliases: dict
    anchors: tuple

    @property
    def index(self) -> dict:
        return {fold_key(a): canon for canon, names in self.aliases.items() for a in names}

    @property
    def labels(self) -> dict:
        return {canon: names[0] for canon, names in self.aliases.items()}


ROSTER = Columns(HEADER_ALIASES, ("name",))

# What a roster file may be: a congress of 500 is far inside, a runaway export is not.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_LINES = 10 * MAX_ROWS  # blank (formatted) lines included
MAX_COLUMNS = 60

# Column labels used in messages, Vietnamese first.
FIELD_LABELS = {canon: names[0] for canon, names in HEADER_ALIASES.items()}


@dataclass
class RawRow:
    number: int  # the row number as the spreadsheet shows it
    values: dict  # canonical field -> cleaned text
    original: list  # the cells as read, for the rejects file
    numeric: set = field(default_factory=set)  # fields that were numbers in Excel
    section: str = ""  # the section row above it ("KHÁCH MỜI" under "I. KHÁCH MỜI"), if any


@dataclass
class Roster:
    headers: list  # the header cells as written in the file
    columns: dict  # canonical field -> header as written
    rows: list
    header_errors: list  # (column header, message)
    header_row: int = 1  # where the header is (its last row, when split over two)
    sections: bool = False  # whether section rows ("I. KHÁCH MỜI") divide the list
    header_warnings: list = field(default_factory=list)  # (column header, message)


# Lists as offices make them: the agency and title rows above the header (at most this
# many), section rows ("I. KHÁCH MỜI", "II. ĐẠI BIỂU CÁ NHÂN"), and a footer with the
# place and date and the signatures, from which on nothing is a delegate.
MAX_TITLE_ROWS = 20
SECTION_RE = re.compile(r"^\s*(?:[IVXLC]{1,6}|[A-Z])\s*[.)/:-]\s*(\S.*)$")
FOOTER_RE = re.compile(r"(ngay\s*\.*\s*\d{0,2}\s*\.*\s*thang\s*\.*\s*\d{0,2}\s*\.*\s*nam"
                       r"|\(ky,? ghi ro|^nguoi lap|^tm\.|^kt\.|^xac nhan cua|^noi nhan)")


def read_roster(path, sheet=None) -> Roster:
    return read_table(path, ROSTER, sheet)


def read_table(path, columns: Columns, sheet=None, what: str = "một danh sách đại biểu"
               ) -> Roster:
    """A list as offices make them (title rows, a header over one or two rows, section
    rows, blank lines, a signature footer), its columns named by `columns`."""
    path = Path(path)
    if not path.is_file():
        raise RosterFileError(f"Không tìm thấy tệp {path}.")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise RosterFileError(f"{path.name}: tệp {size / 1e6:.0f} MB, quá giới hạn "
                              f"{MAX_FILE_BYTES // 1024 // 1024} MB của {what}.")
    kind = _file_kind(path)
    rows = _read_xlsx(path, sheet) if kind == "xlsx" else _read_csv(path)
    return _map(rows, columns)


def _file_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    head = path.read_bytes()[:8]
    if suffix == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise RosterFileError(
            f"{path.name}: định dạng Excel 97-2003 (.xls) không được hỗ trợ; "
            "hãy lưu lại thành .xlsx hoặc CSV UTF-8."
        )
    if suffix in (".xlsx", ".xlsm") or head.startswith(b"PK"):
        return "xlsx"
    if suffix in (".csv", ".txt", ".tsv", ""):
        return "csv"
    raise RosterFileError(f"{path.name}: chỉ nhận tệp .csv hoặc .xlsx (tệp này là '{suffix}').")


def _decode_csv(path: Path, data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), or UTF-16 as Excel's
    "Unicode text" and some Windows tools write it (with its BOM)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in data[:4096]:
        raise RosterFileError(f"{path.name}: không phải tệp văn bản CSV (có byte nhị phân).")
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise RosterFileError(
            f"{path.name}: không phải {'UTF-16' if encoding == 'utf-16' else 'UTF-8'} "
            f"(byte lỗi ở vị trí {exc.start}); trong Excel hãy chọn Lưu thành 'CSV UTF-8'."
        ) from None


def _read_csv(path: Path):
    text = _decode_csv(path, path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    try:
        rows = _limited(path, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:  # a field over the csv module's limit (128 KB), a stray NUL
        raise RosterFileError(f"{path.name}: không đọc được tệp CSV ({exc}); một ô quá dài "
                              "hoặc có ký tự lạ.") from None
    if not rows:
        raise RosterFileError(f"{path.name}: tệp trống.")
    return rows


def _limited(path: Path, rows) -> list:
    """The rows (blank ones as []), read only as far as MAX_ROWS rows with something in
    them and MAX_LINES in all, and MAX_COLUMNS cells wide."""
    kept, filled = [], 0
    for row in rows:
        if any(c not in (None, "") for c in row[:MAX_COLUMNS]):
            kept.append(list(row[:MAX_COLUMNS]))
            filled += 1
        else:
            kept.append([])
        if filled > MAX_ROWS + 1 or len(kept) > MAX_LINES:
            raise RosterFileError(f"{path.name}: hơn {MAX_ROWS:,} dòng; một danh sách đại "
                                  "biểu không dài đến thế (có đúng tệp không?)."
                                  .replace(",", "."))
    return kept


def _read_xlsx(path: Path, sheet):
    xlsx.check(path)
    rows = xlsx.sheet_rows(path, sheet, True, _limited)
    if not rows:
        raise RosterFileError(f"{path.name}: trang tính trống.")
    _refuse_uncomputed_formulas(path, sheet, rows)
    return rows


def _refuse_uncomputed_formulas(path: Path, sheet, rows: list) -> None:
    """A formula cell saved without its computed value reads as empty: name it."""
    written = xlsx.sheet_rows(path, sheet, False, _limited)
    cells = [f"{column_letter(c)}{r + 1}" for r, row in enumerate(written)
             for c, cell in enumerate(row)
             if isinstance(cell, str) and cell.startswith("=")
             and (r >= len(rows) or c >= len(rows[r]) or rows[r][c] is None)]
    if cells:
        shown = ", ".join(cells[:10]) + (f" và {len(cells) - 10} ô khác" if len(cells) > 10 else "")
        raise RosterFileError(
            f"{path.name}: ô {shown} là công thức chưa có giá trị đã tính (tệp được tạo bởi "
            "một chương trình không tính công thức). Hãy mở tệp trong Excel rồi lưu lại, "
            "hoặc dán thành giá trị.")


def _canon(cell, index: dict):
    return index.get(fold_key(clean(cell))) if cell not in (None, "") else None


def _find_header(rows, columns: Columns) -> tuple:
    """(first row, last row) of the header: the first row naming the anchor column (the
    name, for a roster) and one more known column, within the title rows; with the row
    below when the header is split over two (a group title such as "Liên hệ" above
    "Điện thoại" and "Email").
    (0, 0) when none is found: the first row, as before, with its errors."""
    index = columns.index
    for i, cells in enumerate(rows[:MAX_TITLE_ROWS]):
        known = [_canon(c, index) for c in cells]
        anchor = next((a for a in columns.anchors if a in known), None)
        if anchor is None or sum(1 for k in known if k) < 2:
            continue
        below = rows[i + 1] if i + 1 < len(rows) else []
        filled = [c for c in below if c not in (None, "")]
        name_at = known.index(anchor)
        if filled and all(_canon(c, index) for c in filled) and not (
                name_at < len(below) and below[name_at] not in (None, "")):
            return i, i + 1
        return i, i
    return 0, 0


def _header_cells(rows, first: int, last: int, index: dict) -> list:
    """One header text per column: a split header's lower cell where it names a field."""
    top = [clean(c) for c in rows[first]]
    if last == first:
        return top
    lower = [clean(c) for c in rows[last]]
    width = max(len(top), len(lower))
    top += [""] * (width - len(top))
    lower += [""] * (width - len(lower))
    return [low if low and _canon(low, index) and not _canon(high, index) else (high or low)
            for high, low in zip(top, lower)]


def _section(cells) -> str | None:
    """A section row's title ("KHÁCH MỜI" from "I. KHÁCH MỜI"): a row with one filled
    cell (a merged one reads so) in that form; else None."""
    filled = [clean(c) for c in cells if c not in (None, "") and clean(c)]
    if len(filled) != 1:
        return None
    match = SECTION_RE.match(filled[0])
    return match.group(1).strip() if match else None


def _is_footer(cells) -> bool:
    return any(FOOTER_RE.search(fold(clean(c))) for c in cells if isinstance(c, str))


def _map(all_rows, kind: Columns) -> Roster:
    alias_index, labels = kind.index, kind.labels
    first, last = _find_header(all_rows, kind)
    headers = _header_cells(all_rows, first, last, alias_index)
    body = all_rows[last + 1:]
    columns, index, errors, warnings = {}, {}, [], []
    for i, head in enumerate(headers):
        if not head:
            continue
        canon = alias_index.get(fold_key(head))
        where = f"cột {column_letter(i)} ('{head}')"
        if canon is None:
            near = difflib.get_close_matches(fold_key(head), alias_index, n=1, cutoff=0.8)
            if near:  # a misspelt header of ours: its data must not be dropped silently
                label = labels[alias_index[near[0]]]
                errors.append((head, f"{where}: tiêu đề không nhận ra (có phải '{label}'?)"))
            else:  # a column of the office's own ("Năm sinh", "Giới tính"): left out
                warnings.append((head, f"cột {column_letter(i)} không dùng đến, bỏ qua"))
        elif canon in columns:
            errors.append((head, f"{where}: trùng với cột '{columns[canon]}'"))
        else:
            columns[canon] = head
            index[canon] = i
    if not any(anchor in columns for anchor in kind.anchors):
        errors.append(("", "thiếu cột " + " hoặc ".join(
            f"'{labels[anchor]}' ({anchor})" for anchor in kind.anchors)))
    rows, section, sections = [], "", False
    for offset, cells in enumerate(body):
        number = last + 2 + offset  # as the spreadsheet numbers its rows
        if all(c is None or clean(c) == "" for c in cells):
            continue  # blank lines between blocks are normal in organisers' sheets
        title = _section(cells)
        if title is not None:
            section, sections = title, True
            continue
        if rows and _is_footer(cells):
            break  # "Hà Nội, ngày … tháng … năm …", "NGƯỜI LẬP BIỂU": the list has ended
        values, numeric = {}, set()
        for canon, i in index.items():
            cell = cells[i] if i < len(cells) else None
            if isinstance(cell, (int, float)) and not isinstance(cell, bool):
                numeric.add(canon)
                if isinstance(cell, float) and cell.is_integer():
                    cell = int(cell)
            values[canon] = clean(cell)
        rows.append(RawRow(number, values, ["" if c is None else c for c in cells], numeric,
                           section))
    return Roster(headers, columns, rows, errors, last + 1, sections, warnings)
