"""The pages' scripts stay small and whole (issue 29, item 5): no script file over 300
lines, split by behaviour into ES modules as kiosk/ and dashboard/ were (admin/, setup/,
stage/ and doan/ too); every page loads ES modules only (the camera's decoder worker
aside), which import common.js's helpers rather than reach for a global; every module a
page loads, and every module those import, exists."""

import re
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "kiosk" / "web" / "static"
TEMPLATES = STATIC.parent / "templates"
MOST = 300
IMPORT = re.compile(r'^\s*import\s+(?:[^"\']*\s+from\s+)?["\'](\.[^"\']+)["\']', re.M)
LOADED = re.compile(r"filename='([^']+\.js)'")


def scripts() -> list:
    return sorted(p for p in STATIC.rglob("*.js") if "vendor" not in p.parts)


def test_no_page_script_is_over_300_lines():
    long = {str(p.relative_to(STATIC)): n for p in scripts()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MOST}
    assert not long, f"over {MOST} lines: {long}"


def test_the_help_desk_and_setup_pages_load_their_behaviours_as_modules():
    for page, entry, folder in (("admin.html", "admin.js", "admin"),
                                ("setup.html", "setup.js", "setup")):
        html = (TEMPLATES / page).read_text(encoding="utf-8")
        tag = f"<script type=\"module\" src=\"{{{{ url_for('static', filename='{entry}') }}}}\""
        assert tag in html, page
        assert len(list((STATIC / folder).glob("*.js"))) >= 5, folder


def test_every_script_a_page_loads_and_every_module_it_imports_exists():
    missing = [f"{t.name}: {name}" for t in sorted(TEMPLATES.glob("*.html"))
               for name in LOADED.findall(t.read_text(encoding="utf-8"))
               if not (STATIC / name).is_file()]
    for path in scripts():
        for target in IMPORT.findall(path.read_text(encoding="utf-8")):
            if not (path.parent / target).resolve().is_file():
                missing.append(f"{path.relative_to(STATIC)} imports {target}")
    assert not missing, missing


SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.I)
WORKER = re.compile(r"new Worker\(\s*[\"'`]([^\"'`]+)[\"'`]")


def test_every_page_loads_its_scripts_as_es_modules_and_common_js_as_an_import():
    plain = [f"{t.name}: {tag}" for t in sorted(TEMPLATES.glob("*.html"))
             for tag in SCRIPT_TAG.findall(t.read_text(encoding="utf-8"))
             if 'type="module"' not in tag]
    assert not plain, f"plain (non-module) scripts: {plain}"
    for path in scripts():
        text = path.read_text(encoding="utf-8")
        assert "window.Kiosk" not in text, path.name  # common.js's helpers are imported
        for target in WORKER.findall(text):  # the one kind of plain script left: a worker
            assert target.rsplit("/", 1)[-1] == "decoder.js" or "/vendor/" in target, target
    entries = [name for t in TEMPLATES.glob("*.html")
               for name in LOADED.findall(t.read_text(encoding="utf-8"))]
    assert "common.js" not in entries  # imported by each page's modules, not a tag of its own
    for page in ("stage", "doan", "mc", "hall", "log", "paper"):
        assert f"{page}.js" in entries, page
        text = (STATIC / f"{page}.js").read_text(encoding="utf-8")
        assert re.search(r'^import .* from "\./common\.js";$', text, re.M), page
