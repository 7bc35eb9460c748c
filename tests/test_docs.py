"""The README is a door and docs/ the house: every command has help text and a line in the
README or docs/, the README opens with the two commands, its links lead somewhere, and it
stays short."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from badges.cli import main as badges_main
from kiosk.cli import main as kiosk_main

ROOT = Path(__file__).resolve().parent.parent
README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
DOCS = sorted((ROOT / "docs").glob("*.md"))
# what the commands' lines are looked for in: the README, then every page of docs/
WRITTEN = README + "".join(page.read_text(encoding="utf-8") for page in DOCS)
COMMANDS = [("badges", badges_main, name) for name in badges_main.commands] + \
           [("kiosk", kiosk_main, name) for name in kiosk_main.commands]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def links(text: str) -> list[str]:
    """The targets of the Markdown links in `text` that are not web addresses, without
    their #anchor."""
    return [target.split("#")[0] for target in LINK.findall(text)
            if not re.match(r"[a-z]+:", target) and not target.startswith("#")]


@pytest.mark.parametrize("group, main, name", COMMANDS, ids=[f"{g} {n}" for g, _, n in COMMANDS])
def test_every_command_has_help_and_a_line_in_the_readme_or_docs(group, main, name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert main.commands[name].help, f"{group} {name} has no help text"
    assert f"`{group} {name}" in WRITTEN, \
        f"neither README.md nor docs/*.md mentions `{group} {name}`"


def test_readme_opens_with_the_two_commands():
    blocks = README.split("```")
    assert "kiosk demo" in blocks[1] and "scripts/test" in blocks[3]
    assert blocks[1].strip().endswith("scripts/dev-setup && .venv/bin/kiosk demo")
    assert blocks[3].strip().endswith(
        "scripts/dev-setup --test && scripts/lint && scripts/test")


def test_readme_gives_the_quick_test_command_after_the_two():
    blocks = README.split("```")
    assert 'pytest -m "not browser and not server"' in blocks[5]


def test_every_link_from_the_readme_and_docs_leads_to_a_file():
    missing = [f"{page.relative_to(ROOT)} → {target}"
               for page in [README_PATH, *DOCS] for target in links(page.read_text("utf-8"))
               if target and not (page.parent / target).exists()]
    assert not missing, missing


def test_the_readme_links_every_page_of_docs():
    linked = {(ROOT / target).resolve() for target in links(README)}
    assert DOCS, "docs/ holds no page"
    assert not [page.name for page in DOCS if page.resolve() not in linked]


def test_the_readme_is_a_door_not_the_house():
    assert len(README.splitlines()) < 300


def test_flask_app_discovery_uses_kiosk_db(monkeypatch, event_path):
    import kiosk

    monkeypatch.setenv("KIOSK_DB", str(event_path))
    app = kiosk.create_app()
    assert app.config["DATABASE"] == str(event_path)
    assert app.test_client().get("/healthz").get_json() == {"status": "ok"}


def test_the_design_map_names_every_module_of_the_tree():
    """docs/design.md's map of the folders was stale (issue 29: half the views, cli and
    reports missing): every Python module of badges/ and kiosk/ is named there."""
    design = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    modules = [p for package in ("badges", "kiosk") for p in (ROOT / package).rglob("*.py")
               if p.name != "__init__.py" and "fonts" not in p.parts]
    unnamed = sorted(str(p.relative_to(ROOT)) for p in modules
                     if not re.search(rf"(?<!\w){re.escape(p.name)}\b", design))
    assert not unnamed, f"docs/design.md does not name: {unnamed}"
