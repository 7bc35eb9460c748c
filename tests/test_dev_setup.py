"""scripts/dev-setup says what it does and nothing more (issue 26: setuptools' boxed
"Editable installation !!" warning looked like a failure to a newcomer), and still fails
loudly, with the failing step's own output, when a step fails (CI runs it).

The real script, run by bash with the real python3, venv and pip, on a one-module project
beside it (this project's own dependencies would take minutes to install)."""

import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "dev-setup"
PYPROJECT = """[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "thu-cai-dat"
version = "0.1"

[tool.setuptools]
packages = ["thu"]
"""


def run(checkout: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(checkout / "scripts" / "dev-setup")],
                          capture_output=True, text=True, timeout=600)


def test_dev_setup_is_quiet_when_it_works_and_loud_when_a_step_fails(tmp_path):
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    (checkout / "thu").mkdir()
    (checkout / "thu" / "__init__.py").write_text("")
    (checkout / "pyproject.toml").write_text(PYPROJECT)
    shutil.copy(SCRIPT, checkout / "scripts" / "dev-setup")

    first = run(checkout)
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stderr == ""
    assert first.stdout.splitlines() == ["Đang tạo môi trường ảo .venv…", "Đang cập nhật pip…",
                                         "Đang cài dự án vào .venv…",
                                         "Xong. Chạy thử: .venv/bin/kiosk demo"]
    installed = subprocess.run([str(checkout / ".venv" / "bin" / "python"), "-c",
                                "import thu; print(thu.__file__)"],
                               capture_output=True, text=True, cwd=tmp_path)
    assert installed.stdout.strip() == str(checkout / "thu" / "__init__.py")

    (checkout / "pyproject.toml").write_text(PYPROJECT + "[project.urls\n")  # broken TOML
    broken = run(checkout)
    assert broken.returncode != 0
    assert broken.stdout.splitlines()[-1] == "Đang cài dự án vào .venv…"
    assert "LỖI: cài dự án vào .venv không thành công" in broken.stderr
    assert "pyproject.toml" in broken.stderr or "TOML" in broken.stderr, broken.stderr
