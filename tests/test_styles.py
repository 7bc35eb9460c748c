"""Styles that cannot leak: each page's sheet styles only its own page (every selector
starts with a class its pages put on <body>), and the shared sheet holds only what more
than one page uses. The hall screen's `.seat` once painted the kiosk's seat line white on
a white box, because one sheet styled every page."""

import re
from pathlib import Path

WEB = Path(__file__).resolve().parent.parent / "kiosk" / "web"
STATIC, TEMPLATES = WEB / "static", WEB / "templates"


def rules(css: str) -> list[str]:
    """Every selector of a sheet, inside @media blocks too (not in @font-face or @page)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found, depth, head, skip = [], 0, "", None
    for ch in css:
        if ch == "{":
            head = head.strip()
            if skip is None and head.startswith(("@page", "@font-face")):
                skip = depth
            elif skip is None and not head.startswith("@"):
                found += [part.strip() for part in head.split(",")]
            depth, head = depth + 1, ""
        elif ch == "}":
            depth, head = depth - 1, ""
            if skip == depth:
                skip = None
        elif ch == ";":
            head = ""
        else:
            head += ch
    return found


def pages() -> dict[str, tuple[set, set]]:
    """Each page template: (the sheets it links, the classes on its <body>)."""
    found = {}
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text()
        if path.name.startswith("_") or path.name == "base.html":
            continue
        sheets = set(re.findall(r"filename='([\w-]+\.css)'", text))
        body = re.search(r"{% block body_class %}(.*?){% endblock %}", text)
        classes = set(re.findall(r"page-[\w-]+", body.group(1))) if body else set()
        found[path.name] = (sheets, classes)
    return found


def script_text(name: str) -> str:
    """A script's text, with the modules it imports ("./kiosk/scanner.js"), theirs, ..."""
    seen, todo, text = set(), [STATIC / name], ""
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        source = path.read_text()
        text += source
        for imported in re.findall(r'(?:from|import)\s+"(\.{1,2}/[\w./-]+\.js)"', source):
            todo.append((path.parent / imported).resolve())
    return text


def test_every_rule_of_a_page_sheet_starts_with_its_pages_body_class():
    sheets = {}
    for linked, classes in pages().values():
        for sheet in linked:
            sheets.setdefault(sheet, set()).update(classes)
    assert {"kiosk.css", "dashboard.css", "admin.css", "stage.css", "hall.css"} <= set(sheets)
    for sheet, classes in sheets.items():
        for selector in rules((STATIC / sheet).read_text()):
            first = re.match(r"\.(page-[\w-]+)", selector)
            assert first and first.group(1) in classes, f"{sheet}: {selector}"
            # both are on <body>: one inside the other never matches
            assert not re.search(r"\.page-[\w-]+\s.*\.page-", selector), selector


def test_the_shared_sheet_holds_only_what_several_pages_use():
    """A class in app.css appears in two page templates or more (with the scripts each
    loads, their partials and the base they share)."""
    texts = {}
    shared = "".join(p.read_text() for p in TEMPLATES.glob("_*.html"))
    shared += (TEMPLATES / "base.html").read_text()
    for page in pages():
        text = (TEMPLATES / page).read_text()
        scripts = re.findall(r"filename='([\w-]+\.js)'", text)
        texts[page] = text + shared + "".join(script_text(js) for js in scripts)
    for selector in rules((STATIC / "app.css").read_text()):
        assert ".page-" not in selector, selector
        for name in re.findall(r"\.([a-z][\w-]*)", selector):
            using = [p for p, text in texts.items() if re.search(rf"\b{name}\b", text)]
            assert len(using) >= 2, f"app.css .{name} is used by {using} only"
