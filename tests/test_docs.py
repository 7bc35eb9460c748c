"""The README documents every command, and every command explains itself."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from badges.cli import main as badges_main
from kiosk.cli import main as kiosk_main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = [("badges", badges_main, name) for name in badges_main.commands] + \
           [("kiosk", kiosk_main, name) for name in kiosk_main.commands]


@pytest.mark.parametrize("group, main, name", COMMANDS, ids=[f"{g} {n}" for g, _, n in COMMANDS])
def test_every_command_has_help_and_a_readme_line(group, main, name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert main.commands[name].help, f"{group} {name} has no help text"
    assert f"`{group} {name}" in README, f"README does not mention `{group} {name}`"


def test_readme_opens_with_the_two_commands():
    blocks = README.split("```")
    assert "kiosk demo" in blocks[1] and "pytest" in blocks[3]


def test_flask_app_discovery_uses_kiosk_db(monkeypatch, event_path):
    import kiosk

    monkeypatch.setenv("KIOSK_DB", str(event_path))
    app = kiosk.create_app()
    assert app.config["DATABASE"] == str(event_path)
    assert app.test_client().get("/healthz").get_json() == {"status": "ok"}
