"""Reading an XLSX with bounds: a hostile or broken workbook is refused in words, before
openpyxl sees it, and never costs the hub more than a roster's worth of memory.

What it checks, streaming each XML part of the zip in 64 KB pieces (nothing is unpacked
whole): the whole unpacked size (MAX_INFLATED_BYTES); every part in UTF-8 (Excel writes
nothing else, and a UTF-16 part would slip past the byte checks); no DOCTYPE or ENTITY
anywhere in a part (an external entity reads a file of the hub into a name, an entity
bomb multiplies one); no text or tag longer than MAX_CELL_CHARS (one 150 MB inline cell
took a hub to 6.5 GB for 83 s and left it at 1.6 GB). Then openpyxl reads the sheet in
read-only mode; whatever it cannot parse (truncated XML, a shared string out of range,
broken relationships, garbage styles, impossible cell references) is a RosterFileError,
not a traceback.

No Flask and no kiosk here: the roster, the honours list and the hall plan all read
through roster.read_table, which calls read_rows."""

import re
import zipfile
from pathlib import Path

from .errors import RosterFileError

MAX_INFLATED_BYTES = 64 * 1024 * 1024  # a 20,000-row roster unpacks to about 10 MB
MAX_CELL_CHARS = 32 * 1024  # a name, a unit, a note: far shorter
_CHUNK = 64 * 1024
_FORBIDDEN = re.compile(rb"<!\s*(doctype|entity)", re.I)
_CELL_REF = re.compile(rb'<c\s[^>]*?r="([A-Z]{1,3}[0-9]{1,7})"')


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how spreadsheets name columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check(path: Path) -> None:
    """Refuse, naming what is wrong, a workbook whose parts are too big, not UTF-8, carry
    a DOCTYPE or ENTITY, or hold a text or a tag over MAX_CELL_CHARS."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            inflated = sum(member.file_size for member in members)
            if inflated > MAX_INFLATED_BYTES:
                raise RosterFileError(
                    f"{path.name}: tệp Excel giải nén ra {inflated / 1e6:.0f} MB, quá giới hạn "
                    f"{MAX_INFLATED_BYTES // 1024 // 1024} MB.")
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    with archive.open(member) as part:
                        _scan(path, member.filename, part)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, EOFError,
            ValueError) as exc:  # RuntimeError: encrypted; EOFError/ValueError: cut short
        raise RosterFileError(f"{path.name}: không đọc được tệp Excel ({exc}).") from None


def _scan(path: Path, name: str, part) -> None:
    """One XML part, read in pieces: its encoding, a DOCTYPE, and the longest run of
    text (between '>' and '<') or of a tag (between '<' and '>')."""
    first = part.read(_CHUNK)
    if first.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in first[:200]:
        raise RosterFileError(f"{path.name}: phần {name[:60]} của tệp Excel không ở mã UTF-8 "
                              "(Excel luôn ghi UTF-8); hãy lưu lại tệp bằng Excel.")
    run, inside, tail, cell = 0, False, b"", None
    chunk = first
    while chunk:
        seen = tail + chunk
        if _FORBIDDEN.search(seen):
            raise RosterFileError(
                f"{path.name}: tệp Excel có khai báo DOCTYPE/ENTITY trong {name[:60]} — Excel "
                "không bao giờ ghi như vậy; hãy lưu lại tệp bằng Excel hoặc LibreOffice.")
        refs = _CELL_REF.findall(seen)
        cell = refs[-1].decode() if refs else cell
        for piece in re.split(rb"([<>])", chunk):
            if piece in (b"<", b">"):
                inside, run = piece == b"<", 0
                continue
            run += len(piece)
            if run > MAX_CELL_CHARS:
                raise RosterFileError(_too_long(path, name, inside, cell))
        tail = seen[-256:]
        chunk = part.read(_CHUNK)


def _too_long(path: Path, name: str, inside: bool, cell: str | None) -> str:
    limit = f"{MAX_CELL_CHARS // 1024} KB"
    if inside:
        return (f"{path.name}: một thẻ XML trong {name[:60]} dài hơn {limit}; tệp Excel "
                "hỏng hoặc không phải do Excel tạo.")
    if cell and "worksheets/" in name:
        return (f"{path.name}: ô {cell} dài hơn {limit}; một ô của danh sách (họ tên, đơn "
                "vị, ghi chú) không dài đến thế.")
    return (f"{path.name}: một ô (trong {name[:60]}) dài hơn {limit}; một ô của danh sách "
            "(họ tên, đơn vị, ghi chú) không dài đến thế.")


def sheet_rows(path: Path, sheet, values: bool, limited) -> list:
    """The sheet's rows through `limited` (roster._limited): cached values (`values`), or
    the formulas as written. The row count comes from the data: a stale <dimension> tag
    (some exporters write one) is ignored. Anything openpyxl cannot parse is refused."""
    import openpyxl  # imported here: only XLSX imports pay for it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=values)
        try:
            if sheet is None:
                ws = book.worksheets[0]
            elif sheet in book.sheetnames:
                ws = book[sheet]
            else:
                names = ", ".join(book.sheetnames)
                raise RosterFileError(f"{path.name}: không có trang tính '{sheet}' (có: "
                                      f"{names}).")
            ws.reset_dimensions()
            return limited(path, ws.iter_rows(values_only=True))
        finally:
            book.close()
    except RosterFileError:
        raise
    except Exception as exc:  # noqa: BLE001 — a hostile file may break the parser anywhere
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise RosterFileError(f"{path.name}: tệp Excel bị hỏng hoặc không đúng định dạng, "
                              f"không đọc được ({detail}). Hãy mở tệp trong Excel rồi lưu "
                              "lại.") from None
