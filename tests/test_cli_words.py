"""The commands speak Vietnamese to the end (issue 26): Click's own "Aborted!" and its
usage errors ("Error: No such option", "Missing option", "Usage:") included, for `kiosk`
and `badges` alike; `--help` keeps working."""

import os
import pty
import select
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from badges.cli import main as badges_main
from kiosk.cli import main as kiosk_main

from processes import kiosk_command

ENGLISH = ("Error:", "Usage:", "Aborted", "No such", "Missing", "Invalid value", "Try '")


@pytest.mark.parametrize("main, args, says", [
    (kiosk_main, ["serve", "--bogus"], "Không có tùy chọn '--bogus'."),
    (kiosk_main, ["serve"], "Thiếu tùy chọn '--db'."),
    (kiosk_main, ["serve", "--db", "x.db", "--port", "tám"],
     "Giá trị không hợp lệ cho '--port': 'tám' không phải là số nguyên."),
    (kiosk_main, ["serve", "--db", "x.db", "--threads", "1"],
     "Giá trị không hợp lệ cho '--threads': 1 nằm ngoài khoảng 2<=x<=256."),
    (kiosk_main, ["report", "--db", "x.db", "--out", "y", "--format", "doc"],
     "'doc' không phải là một trong 'csv', 'xlsx', 'pdf'."),
    (kiosk_main, ["servee"], "Không có lệnh 'servee'. Có phải ý bạn là serve"),
    (kiosk_main, ["decode"], "Thiếu đối số 'IMAGES...'."),
    (badges_main, ["import"], "Thiếu đối số 'FILE'."),
    (badges_main, ["render", "--db", "x.db", "--out", "y.pdf", "--branding", "khong-co.toml"],
     "Giá trị không hợp lệ cho '--branding': không có tệp 'khong-co.toml'."),
], ids=["no-such-option", "missing-option", "not-a-number", "out-of-range", "not-a-choice",
        "no-such-command", "missing-argument", "badges-missing-argument", "badges-no-file"])
def test_a_usage_error_is_said_in_vietnamese_with_how_to_get_help(main, args, says):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Lỗi: " in result.stderr and says in result.stderr, result.stderr
    assert "Cách dùng: " in result.stderr and "--help' để biết cách dùng." in result.stderr
    assert not [word for word in ENGLISH if word in result.stderr], result.stderr


@pytest.mark.parametrize("main, args", [(kiosk_main, ["--help"]), (kiosk_main, ["serve", "-h"]),
                                        (badges_main, ["render", "--help"])])
def test_help_still_works(main, args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "--help" in result.output and not result.stderr


# A shell gives the command it runs in the foreground Ctrl+C as it is by default. A test
# run started in the background (`pytest … &`, a CI runner) may have Ctrl+C ignored, and a
# child inherits that: Python then never raises KeyboardInterrupt, and the question waited
# 48 s. The command is started as a shell starts it.
AS_A_SHELL_STARTS_IT = ("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
                        " os.execv(sys.argv[1], sys.argv[1:])")


def _at_the_purge_question(db_path):
    """`kiosk purge` on a terminal (a pseudo-terminal here), once it asks its question:
    (process, the terminal's other end, what it wrote so far)."""
    controller, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", AS_A_SHELL_STARTS_IT, kiosk_command(),
                             "purge", "--db", str(db_path)], stdin=terminal,
                            stdout=terminal, stderr=terminal, start_new_session=True)
    os.close(terminal)
    said = _read_until(controller, "[y/N]", proc)
    _waiting_for_the_answer(proc)
    return proc, controller, said


def _waiting_for_the_answer(proc, timeout=10.0) -> None:
    """Until the command sits reading its terminal (read(2) on fd 0, /proc/PID/syscall), as
    it is when a person presses Ctrl+C. The question's text comes a moment before: a Ctrl+C
    sent then is handled before the read begins, Python notes it, and the read it then
    starts blocks for good (the test hung 1 run in 7 on that, not the product)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/syscall") as status:
                call = status.read().split()
        except OSError:
            return
        if call[:2] == ["0", "0x0"]:
            return
        time.sleep(0.01)


def _read_until(fd, text, proc, timeout=30.0) -> str:
    said, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the process ended: its terminal closed
                break
            if not chunk:
                break
            said += chunk
            if text.encode() in said:
                break
        elif proc.poll() is not None:
            break
    return said.decode("utf-8", "replace")


def _answered(event_path, answer) -> tuple:
    """The purge's question on a real terminal, `answer(proc, terminal)` given to it;
    (what was asked, what the terminal said after, the exit status)."""
    proc, terminal, asked = _at_the_purge_question(event_path)
    try:
        said = answer(proc, terminal)
        status = proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(terminal)
    return asked, said, status


def test_ctrl_c_at_a_question_says_it_stopped_in_vietnamese_with_status_130(event_path):
    threads = []

    def ctrl_c(proc, terminal):
        # one thread: a second (OpenBLAS's worker) could take the Ctrl+C meant for the
        # main thread, which, reading the terminal, would never hear it
        threads.append(len(os.listdir(f"/proc/{proc.pid}/task")))
        proc.send_signal(signal.SIGINT)  # Ctrl+C, as the terminal sends it
        said = _read_until(terminal, "\n\n", proc)
        return said + _read_until(terminal, "never", proc, timeout=5)

    asked, said, status = _answered(event_path, ctrl_c)
    assert "Xóa vĩnh viễn" in asked, asked
    assert threads == [1], threads
    assert "Đã dừng." in said and "Aborted" not in said, said
    assert status == 130


def test_no_to_the_purge_question_stops_in_vietnamese(event_path):
    def no(proc, terminal):
        os.write(terminal, b"n\n")
        return _read_until(terminal, "never", proc, timeout=10)

    _, said, status = _answered(event_path, no)
    assert "Đã dừng." in said and "Aborted" not in said, said
    assert status == 1
