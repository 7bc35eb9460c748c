"""From the event database to print: which badges, with what on them."""

from dataclasses import replace
from datetime import datetime

from . import codes
from . import db as store
from .errors import NotFound, no_delegate
from .render import BadgeData, render, to_png
from .render.branding import Branding
from .schedule import HANOI


def chosen_delegates(db, code=None) -> list:
    """Every active delegate (roster order), or the one with `code`, or those of a list
    of codes in its order (NotFound naming a code nobody has)."""
    if not code:
        return store.list_delegates(db)
    chosen = []
    for one in [code] if isinstance(code, str) else code:
        delegate = store.delegate_by_code(db, codes.normalise_code(one))
        if delegate is None:
            raise NotFound(no_delegate(one))
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


def days_in_words(days: list) -> str:
    """The days of the sessions as a Vietnamese date line writes them: one day 'ngày
    04/12/2026', days in a row of one month 'ngày 15-16/12/2026', days of one month
    with a gap 'ngày 15, 17/12/2026', across months 'ngày 30/11-01/12/2026', across
    years 'ngày 31/12/2026-01/01/2027'."""
    days = sorted(set(days))
    first, last = days[0], days[-1]
    if first == last:
        return f"ngày {first:%d/%m/%Y}"
    if (first.year, first.month) == (last.year, last.month):
        in_a_row = (last - first).days == len(days) - 1
        listed = "-".join((f"{first:%d}", f"{last:%d}")) if in_a_row else \
            ", ".join(f"{day:%d}" for day in days)
        return f"ngày {listed}/{first:%m/%Y}"
    if first.year == last.year:
        return f"ngày {first:%d/%m}-{last:%d/%m/%Y}"
    return f"ngày {first:%d/%m/%Y}-{last:%d/%m/%Y}"


def date_line(db) -> str:
    """'Hà Nội, ngày 15-16/12/2026': the event's place and the days of its sessions (in
    Hà Nội time), as the badge prints it under the title."""
    place = store.get_settings(db).get("place") or "Hà Nội"
    days = [datetime.fromisoformat(s["starts_at"]).astimezone(HANOI).date()
            for s in store.list_sessions(db)]
    return f"{place}, {days_in_words(days)}" if days else place


def title_lines(name: str) -> list:
    """An event's name as a badge's two title lines, in capitals: 'Đại hội Thi đua yêu
    nước ngành Bảo hiểm xã hội Việt Nam lần thứ V' is 'ĐẠI HỘI THI ĐUA YÊU NƯỚC' over
    'NGÀNH BẢO HIỂM XÃ HỘI VIỆT NAM LẦN THỨ V' (split before 'ngành' when it is there,
    else at the middle word)."""
    words = name.split()
    at = next((i for i, w in enumerate(words) if w.lower() == "ngành" and i), len(words) // 2)
    lines = [" ".join(words[:at]), " ".join(words[at:])]
    return [line.upper() for line in lines if line]


def for_event(db, branding: Branding | None) -> Branding:
    """The branding file's choices, and for what it leaves out the event's own: its name
    as the title, its organiser, its place and the days of its sessions."""
    branding = branding or Branding()
    settings = store.get_settings(db)
    return replace(
        branding,
        title_lines=branding.title_lines or title_lines(settings.get("name") or ""),
        organiser=branding.organiser or (settings.get("organiser") or "").upper(),
        date_line=branding.date_line if branding.date_line is not None else date_line(db))


def render_badges(db, out, code=None, layout="a4-4up", branding=None, fmt="pdf") -> int:
    """Write the badge PDF (or, with fmt='png', a PNG preview of the first badge). What
    the branding file leaves out comes from the event (for_event)."""
    branding = for_event(db, branding)
    data = badge_data(db, code)
    if fmt == "png":
        pdf_path = str(out) + ".tmp.pdf"
        render(data[:1], pdf_path, "a6", branding)
        to_png(pdf_path, out)
        import os

        os.remove(pdf_path)
        return 1
    return render(data, out, layout, branding)
