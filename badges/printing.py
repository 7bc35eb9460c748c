"""From the event database to print: which badges, with what on them."""

from . import codes
from . import db as store
from .errors import NotFound
from .render import BadgeData, render, to_png


def chosen_delegates(db, code=None) -> list:
    """Every active delegate (roster order), or the one with `code`, or those of a list
    of codes in its order (NotFound naming a code nobody has)."""
    if not code:
        return store.list_delegates(db)
    chosen = []
    for one in [code] if isinstance(code, str) else code:
        delegate = store.delegate_by_code(db, codes.normalise_code(one))
        if delegate is None:
            raise NotFound(f"Không có đại biểu mã '{one}'.")
        chosen.append(delegate)
    return chosen


def badge_data(db, code=None) -> list:
    """BadgeData for every active delegate (roster order), or for `code` (one code or a
    list of them)."""
    categories = {c["id"]: c for c in store.list_categories(db)}
    result = []
    for d in chosen_delegates(db, code):
        cat = categories[d["category_id"]]
        result.append(BadgeData(
            name=d["name"], title=d["title"] or "", unit=d["unit"] or "",
            delegation=d["delegation"] or "", seat=d["seat"] or "", code=d["code"],
            payload=codes.current_payload(db, d), category=cat["name"], color=cat["color"]))
    return result


def render_badges(db, out, code=None, layout="a4-4up", branding=None, fmt="pdf") -> int:
    """Write the badge PDF (or, with fmt='png', a PNG preview of the first badge)."""
    data = badge_data(db, code)
    if fmt == "png":
        pdf_path = str(out) + ".tmp.pdf"
        render(data[:1], pdf_path, "a6", branding)
        to_png(pdf_path, out)
        import os

        os.remove(pdf_path)
        return 1
    return render(data, out, layout, branding)
