"""The folders are the layers: what each package may import, checked on the code itself."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# package -> top-level names and kiosk packages it must never import
FORBIDDEN = {
    "badges": {"flask", "kiosk"},
    "kiosk/core": {"flask", "flask_wtf", "werkzeug", "kiosk.web", "kiosk.qr", "kiosk.station",
                   "kiosk.reports", "kiosk.cli", "kiosk.app", "kiosk.services"},
    # what the desk and the organisers do: below the web and the CLI, which both call it
    "kiosk/services": {"flask", "flask_wtf", "kiosk.web", "kiosk.cli", "kiosk.app",
                       "kiosk.station", "kiosk.qr"},
    # pictures in, texts out: posting what was read is a door's program (kiosk/station)
    "kiosk/qr": {"flask", "flask_wtf", "werkzeug", "kiosk.web", "kiosk.station",
                 "kiosk.reports", "kiosk.cli", "kiosk.app", "kiosk.db", "kiosk.client",
                 "kiosk.services"},
    "kiosk/station": {"flask", "flask_wtf", "kiosk.web", "kiosk.cli", "kiosk.app"},
    "kiosk/reports": {"flask", "flask_wtf", "kiosk.web", "kiosk.cli", "kiosk.app",
                      "kiosk.services"},
    "kiosk/db": {"flask", "kiosk.web", "kiosk.core", "kiosk.cli", "kiosk.app",
                 "kiosk.services"},
}
# Flask is imported only by the web layer and the app factory
FLASK_ALLOWED = ("kiosk/web/", "kiosk/app.py", "kiosk/__init__.py", "kiosk/cli/")


def imported(path: Path, root: Path = ROOT) -> set:
    """Absolute module names imported by a file (relative imports resolved)."""
    package = path.relative_to(root).parts[:-1]  # a module's package, or an __init__'s own
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def sources(folder: str):
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_each_layer_imports_only_what_lies_below_it(folder):
    bad = []
    for path in sources(folder):
        for name in imported(path):
            for banned in FORBIDDEN[folder]:
                if name == banned or name.startswith(banned + "."):
                    bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


def test_flask_is_imported_only_by_the_web_layer_and_the_factory():
    bad = [str(path.relative_to(ROOT)) for path in sources("kiosk")
           if any(n.split(".")[0] in ("flask", "flask_wtf") for n in imported(path))
           and not str(path.relative_to(ROOT)).startswith(FLASK_ALLOWED)]
    assert not bad


def test_the_kiosk_side_reaches_the_badges_database_only_through_kiosk_db():
    bad = [str(path.relative_to(ROOT)) for path in sources("kiosk")
           if "badges.db" in imported(path) and "kiosk/db/" not in str(path)]
    assert not bad


def test_the_layer_check_sees_a_forbidden_import(tmp_path):
    """The check itself can fail: a core module that imported the web layer is caught."""
    core = tmp_path / "kiosk" / "core"
    core.mkdir(parents=True)
    (core / "bad.py").write_text("from ..web import shared\nimport flask\n")
    names = imported(core / "bad.py", tmp_path)
    assert "kiosk.web.shared" in names and "flask" in names


def test_views_parse_call_and_shape_and_the_services_do_the_rest():
    """No view opens a write transaction, writes an audit entry or reaches the roster's
    storage: each change is one call of kiosk/services, which the CLI calls too."""
    bad = []
    for path in sources("kiosk/web/views"):
        text = path.read_text(encoding="utf-8")
        names = imported(path)
        for sign in ("immediate(", "trail.record(", "audit.record("):
            if sign in text:
                bad.append(f"{path.relative_to(ROOT)} calls {sign}")
        bad += [f"{path.relative_to(ROOT)} imports {n}" for n in names
                if n in ("badges.db", "badges.people", "badges.importer")]
    assert not bad, "\n".join(bad)


# What a view may take from the badges package: text folding and sorting, its errors
VIEW_BADGES_ALLOWED = ("badges.text", "badges.errors")


def test_views_reach_the_data_only_through_the_services():
    """kiosk/services is the views' only way in, for reads as for writes: no view imports
    kiosk.db or the badges package (but its text helpers and its errors)."""
    bad = []
    for path in sources("kiosk/web/views"):
        for name in imported(path):
            if name == "kiosk.db" or name.startswith("kiosk.db.") or (
                    name.split(".")[0] == "badges"
                    and not name.startswith(VIEW_BADGES_ALLOWED)):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


def test_scripts_reach_the_data_through_the_packages():
    """Benchmarks and drills open the event through kiosk.db, the kiosk side's one door to
    the database, not through the badges package's storage module."""
    bad = [str(path.relative_to(ROOT)) for path in sorted((ROOT / "scripts").glob("*.py"))
           if "badges.db" in imported(path)]
    assert not bad, bad
