"""Shared fixtures: a temporary event database, roster files, a populated event."""

import csv
from pathlib import Path

import pytest

from badges import db as store
from badges import demo_roster, importer

HEADER = ["STT", "Mã đại biểu", "Họ và tên", "Chức vụ", "Đơn vị", "Đoàn", "Thành phần",
          "Số điện thoại", "Email", "Ghế"]


def write_csv(path: Path, rows, header=HEADER, delimiter=",", bom=True) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def roster_row(n, name, category="Đại biểu cá nhân", code=None, **extra):
    row = [n, code if code is not None else f"T{n:03d}", name, extra.get("title", "Chuyên viên"),
           extra.get("unit", "BHXH tỉnh Nghệ An"),
           extra.get("delegation", "Đoàn BHXH tỉnh Nghệ An"),
           category, extra.get("phone", "0912345678"), extra.get("email", "a@example.org"),
           extra.get("seat", f"B01-{n:02d}")]
    return row


@pytest.fixture
def db(tmp_path):
    database = store.connect(tmp_path / "event.db")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_event(tmp_path_factory):
    """A read-mostly event with the 500-delegate demo roster imported (built once)."""
    folder = tmp_path_factory.mktemp("demo")
    roster = demo_roster.write(demo_roster.build(500), folder / "roster.xlsx")
    database = store.connect(folder / "event.db")
    report = importer.import_roster(database, roster)
    assert report.applied and len(report.created) == 500
    database.close()
    return folder / "event.db"
