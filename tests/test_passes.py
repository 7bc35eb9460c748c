"""Passes for phones: a PNG per delegate whose QR code checks in like the badge, a new
one when the badge is reissued (the old one then answers revoked), zips per delegation."""

import zipfile

import cv2
import numpy as np
import pytest
from click.testing import CliRunner

from badges import codes
from badges import db as store
from badges.cli import main
from badges.importer import import_roster
from badges.passes import slug
from kiosk.qr.pipeline import Pipeline

from helpers import roster_row, write_csv


def read_pass(png: bytes) -> str:
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    # as a camera sees a phone held up: smaller, a little soft
    seen = cv2.GaussianBlur(cv2.resize(image, None, fx=0.6, fy=0.6), (0, 0), 0.8)
    return [found.text for found in Pipeline().decode(seen)][0]


def test_a_pass_checks_in_and_a_reissued_badge_makes_the_old_pass_revoked(station, kdb,
                                                                           event_path,
                                                                           tmp_path):
    first = CliRunner().invoke(main, ["passes", "--db", str(event_path), "--out",
                                      str(tmp_path / "a"), "--code", "CN010"])
    assert first.exit_code == 0, first.output
    old = read_pass((tmp_path / "a" / "CN010.png").read_bytes())
    assert old == codes.current_payload(kdb, store.delegate_by_code(kdb, "CN010"))
    answer = station.post("/api/checkins", json={"code": old, "session": "tru-bi"})
    assert answer.get_json()["result"] == "ok"
    codes.revoke(kdb, "CN010")  # the phone was lost: reissue
    CliRunner().invoke(main, ["passes", "--db", str(event_path), "--out", str(tmp_path / "b"),
                              "--code", "CN010"])
    new = read_pass((tmp_path / "b" / "CN010.png").read_bytes())
    assert new != old
    again = station.post("/api/checkins", json={"code": old, "session": "chinh-thuc"})
    assert again.get_json()["result"] == "revoked"
    fresh = station.post("/api/checkins", json={"code": new, "session": "chinh-thuc"})
    assert fresh.get_json()["result"] == "ok"


@pytest.mark.slow  # renders a pass for each of the 500 delegates
def test_passes_by_delegation_are_one_zip_each_for_the_secretaries(event_path, kdb, tmp_path):
    result = CliRunner().invoke(main, ["passes", "--db", str(event_path), "--out",
                                       str(tmp_path), "--by-delegation"])
    assert result.exit_code == 0, result.output
    delegates = store.list_delegates(kdb)
    zips = sorted(tmp_path.glob("*.zip"))
    assert len(zips) == len({d["delegation"] for d in delegates})
    inside = {name: z for z in zips for name in zipfile.ZipFile(z).namelist()}
    assert len(inside) == len(delegates)
    one = next(d for d in delegates if d["delegation"])
    assert inside[f"{one['code']}.png"].name == f"{slug(one['delegation'])}.zip"
    assert slug("Đoàn BHXH tỉnh Nghệ An") == "doan-bhxh-tinh-nghe-an"
    png = zipfile.ZipFile(inside[f"{one['code']}.png"]).read(f"{one['code']}.png")
    assert read_pass(png) == codes.current_payload(kdb, one)


def test_delegations_whose_names_fold_alike_get_a_zip_each(db, tmp_path):
    """'Đoàn A' and 'đoàn a' fold to one file name: the second zip overwrote the first
    (531 passes written, 523 in the zips); now each delegation has its own."""
    rows = [roster_row(n, name, delegation=delegation) for n, name, delegation in (
        (1, "Lê Văn An", "Đoàn A"), (2, "Trần Thị Bình", "Đoàn A"),
        (3, "Phạm Văn Cường", "đoàn a"), (4, "Vũ Thị Dung", "đoàn a"),
        (5, "Ngô Văn Em", "Đoàn B"))]
    assert import_roster(db, write_csv(tmp_path / "ds.csv", rows)).applied
    out = tmp_path / "passes"
    result = CliRunner().invoke(main, ["passes", "--db", str(tmp_path / "event.db"), "--out",
                                       str(out), "--by-delegation"])
    assert result.exit_code == 0, result.output
    names = []
    for path in out.glob("*.zip"):
        with zipfile.ZipFile(path) as archive:
            names += archive.namelist()
    assert sorted(names) == [f"T00{n}.png" for n in range(1, 6)]
    assert {p.name for p in out.glob("*.zip")} == {"doan-a.zip", "doan-a-2.zip", "doan-b.zip"}
