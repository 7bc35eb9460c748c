"""What the organisers' setup page (/admin/setup) reads: the stations given a credential,
the sessions and categories as the page shows them (times as Hà Nội writes them), and
the hall's summary. Its writes are the other services' (logins, event, hall, settings,
mc, ceremony); this module keeps the page's reads beside them, so the view reaches the
data only through kiosk/services (issue 29 item 1)."""

from badges import schedule

from .. import db as store


def stations(db) -> list:
    """Every station that was given a credential: name, created_at, revoked_at."""
    return store.stations(db)


def event(db) -> dict:
    """{"sessions": [...], "categories": [...]}: each session's name, its times as the
    page's field shows them ('15/12/2026 13:30') and who is summoned (None: everyone);
    each category's name, colour and whether it counts as delegates."""
    return {
        "sessions": [{"id": s["id"], "name": s["name"],
                      "starts": schedule.vietnamese(s["starts_at"]),
                      "ends": schedule.vietnamese(s["ends_at"]), "summoned": s["categories"]}
                     for s in store.list_sessions(db)],
        "categories": [{"id": c["id"], "name": c["name"], "color": c["color"],
                        "delegate": bool(c["is_delegate"])} for c in store.list_categories(db)]}


def hall(db) -> dict:
    """The hall as the page says it: zones, seats, who holds one and how."""
    return store.hall_summary(db)
