"""Spreadsheets that took the hub down or answered with a traceback (issue 28): a real
workbook made by openpyxl, then broken the ways files arrive broken or hostile. Each is
refused in Vietnamese, naming what is wrong: a 400 on the web, exit 1 at the command
line (roster, honours list, hall plan), the database unchanged; and a 150 MB cell costs
the importing process a roster's worth of memory, not gigabytes."""

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from badges import db as store
from badges.cli import main as badges_main

SHEET = "xl/worksheets/sheet1.xml"


def workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Thành phần", "Đơn vị"])
    book.active.append(["Nguyễn Văn A", "Khách mời", "Bộ Tài chính"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite(change) -> bytes:
    """The workbook with `change(name, data) -> data` applied to each part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, change(item.filename, source.read(item.filename)))
    return out.getvalue()


def in_sheet(old: bytes, new: bytes):
    return lambda name, data: data.replace(old, new, 1) if name == SHEET else data


def part(wanted: str, replacement: bytes):
    return lambda name, data: replacement if name == wanted else data


BROKEN = {
    "truncated-sheet": (lambda n, d: d[:len(d) // 2] if n == SHEET else d, "hỏng"),
    "shared-string-out-of-range": (in_sheet(
        b'<c r="A2" t="inlineStr"><is><t>Nguy\xe1\xbb\x85n V\xc4\x83n A</t></is></c>',
        b'<c r="A2" t="s"><v>9999</v></c>'), "hỏng"),
    "broken-workbook-rels": (part("xl/_rels/workbook.xml.rels", b"<Relationships"), "hỏng"),
    "garbage-styles": (part("xl/styles.xml", b"<styleSheet><numFmts count='x'><garbage"),
                       "hỏng"),
    "impossible-cell-ref": (in_sheet(b'r="A2"', b'r="ZZZZ99999999"'), "hỏng"),
    "doctype-after-long-comment": (lambda n, d: (
        b"<!--" + b"x" * 20_000 + b"-->" + b'<!DOCTYPE worksheet [<!ENTITY e "hi">]>' + d)
        if n == SHEET else d, "DOCTYPE"),
    "utf16-sheet": (lambda n, d: d.decode().encode("utf-16") if n == SHEET else d, "UTF-8"),
    "a-1-mb-cell": (in_sheet(b"Nguy\xe1\xbb\x85n V\xc4\x83n A", b"A" * 1_000_000), "ô A2"),
}


@pytest.fixture(params=BROKEN, ids=list(BROKEN))
def broken(request, tmp_path):
    change, words = BROKEN[request.param]
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(rewrite(change))
    return path, words


@pytest.mark.parametrize("command", [["import"], ["awards"], ["seats", "--plan"]],
                         ids=["roster", "honours", "hall-plan"])
def test_a_broken_workbook_is_refused_in_words_at_the_command_line(broken, command, db,
                                                                    tmp_path):
    path, words = broken
    before = store.count_delegates(db)
    result = CliRunner().invoke(badges_main, [*command, str(path), "--db",
                                              str(tmp_path / "event.db")])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and words in result.output, result.output
    assert store.count_delegates(db) == before


def test_a_broken_workbook_is_a_400_on_the_web(broken, organiser, kdb):
    path, words = broken
    before = store.count_delegates(kdb)
    for url in ("/api/admin/roster", "/api/admin/hall/plan"):
        answer = organiser.post(url, data={"file": (io.BytesIO(path.read_bytes()), path.name)},
                                headers={"X-CSRFToken": organiser.csrf})
        assert answer.status_code == 400, (url, answer.get_data(as_text=True)[:300])
        assert words in answer.get_json()["error"]["message"]
    assert store.count_delegates(kdb) == before


def write_huge_cell_workbook(path: Path, size: int) -> None:
    """A workbook whose A2 is one inline string of `size` bytes, streamed into the zip
    (the test never holds it whole): 150 MB compresses to about 150 KB."""
    with zipfile.ZipFile(io.BytesIO(workbook())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename != SHEET:
                target.writestr(item.filename, data)
                continue
            head, tail = data.split("Nguyễn Văn A".encode(), 1)
            with target.open(SHEET, "w", force_zip64=True) as out:
                out.write(head)
                piece = b"A" * (1 << 20)
                for _ in range(size // len(piece)):
                    out.write(piece)
                out.write(tail)


def test_a_150_mb_cell_costs_the_import_a_roster_s_worth_of_memory(tmp_path):
    path = tmp_path / "o-khong-lo.xlsx"
    write_huge_cell_workbook(path, 150 << 20)
    assert path.stat().st_size < 1 << 20
    done = subprocess.run([sys.executable, "-c", MEASURED, "import", str(path), "--db",
                           str(tmp_path / "event.db")], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "MB" in done.stderr
    peak_mb = int(done.stderr.rsplit("PEAK ", 1)[1]) / 1024  # VmHWM is in kB
    assert peak_mb < 200, peak_mb


# `badges` in a process of its own that says its own peak memory when it ends: the
# kernel's high-water mark of this program (VmHWM). Not ru_maxrss, which a process
# started from a large one (pytest after the suite's heavy tests: 735 MB) inherits
MEASURED = """
import re, sys
from badges.cli import main
try:
    main(sys.argv[1:])
except SystemExit as end:
    code = end.code
status = open("/proc/self/status").read()
print("PEAK", re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1), file=sys.stderr)
sys.exit(code)
"""
