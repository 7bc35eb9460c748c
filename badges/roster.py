"""Reading roster files (CSV or XLSX) into raw rows keyed by canonical field name.

This module only reads and maps headers; `validate` decides whether rows are good.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RosterFileError
from .text import clean, fold_key

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
    "note": ["Ghi chú", "note", "notes"],
}
_ALIAS_INDEX = {fold_key(a): canon for canon, names in HEADER_ALIASES.items() for a in names}

# Column labels used in messages, Vietnamese first.
FIELD_LABELS = {canon: names[0] for canon, names in HEADER_ALIASES.items()}


@dataclass
class RawRow:
    number: int  # the row number as the spreadsheet shows it (header is row 1)
    values: dict  # canonical field -> cleaned text
    original: list  # the cells as read, for the rejects file
    numeric: set = field(default_factory=set)  # fields that were numbers in Excel


@dataclass
class Roster:
    headers: list  # the header cells as written in the file
    columns: dict  # canonical field -> header as written
    rows: list
    header_errors: list  # (column header, message)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how spreadsheets name columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_roster(path, sheet=None) -> Roster:
    path = Path(path)
    if not path.is_file():
        raise RosterFileError(f"Không tìm thấy tệp {path}.")
    kind = _file_kind(path)
    if kind == "xlsx":
        header, body = _read_xlsx(path, sheet)
    else:
        header, body = _read_csv(path)
    return _map(header, body)


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


def _read_csv(path: Path):
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise RosterFileError(f"{path.name}: không phải tệp văn bản CSV (có byte nhị phân).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RosterFileError(
            f"{path.name}: không phải UTF-8 (byte lỗi ở vị trí {exc.start}); "
            "trong Excel hãy chọn Lưu thành 'CSV UTF-8'."
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise RosterFileError(f"{path.name}: tệp trống.")
    return rows[0], rows[1:]


def _read_xlsx(path: Path, sheet):
    import openpyxl  # imported here: only XLSX imports pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise RosterFileError(f"{path.name}: không đọc được tệp Excel ({exc}).") from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            names = ", ".join(book.sheetnames)
            raise RosterFileError(f"{path.name}: không có trang tính '{sheet}' (có: {names}).")
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        book.close()
    if not rows:
        raise RosterFileError(f"{path.name}: trang tính trống.")
    return rows[0], rows[1:]


def _map(header, body) -> Roster:
    headers = [clean(h) for h in header]
    columns, index, errors = {}, {}, []
    for i, head in enumerate(headers):
        if not head:
            continue
        canon = _ALIAS_INDEX.get(fold_key(head))
        where = f"cột {column_letter(i)} ('{head}')"
        if canon is None:
            errors.append((head, f"{where}: tiêu đề không nhận ra"))
        elif canon in columns:
            errors.append((head, f"{where}: trùng với cột '{columns[canon]}'"))
        else:
            columns[canon] = head
            index[canon] = i
    if "name" not in columns:
        errors.append(("", "thiếu cột 'Họ và tên' (name)"))
    rows = []
    for offset, cells in enumerate(body):
        if all(c is None or clean(c) == "" for c in cells):
            continue  # blank lines between blocks are normal in organisers' sheets
        values, numeric = {}, set()
        for canon, i in index.items():
            cell = cells[i] if i < len(cells) else None
            if isinstance(cell, (int, float)) and not isinstance(cell, bool):
                numeric.add(canon)
                if isinstance(cell, float) and cell.is_integer():
                    cell = int(cell)
            values[canon] = clean(cell)
        rows.append(RawRow(offset + 2, values, ["" if c is None else c for c in cells], numeric))
    return Roster(headers, columns, rows, errors)
