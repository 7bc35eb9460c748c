"""Attendance figures for one session, computed once and shared by the dashboard and
the reports so that screen and paper always agree. No Flask here."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from badges.text import person_key, vietnamese_key

from .. import db as store
from ..core import ceremony, clock
from ..core.counts import DECIMALS, percent
from . import composition

BUCKET_MINUTES = 5
MAX_BUCKETS = 12 * 14  # fourteen hours of the chart
LATEST = 20  # the latest arrivals a dashboard lists
# what a dashboard needs to apply an arrival to its snapshot as the hub would, sent with
# the snapshot: the page keeps no rule of the tally of its own (dashboard/tally.js)
RULES = {"bucket_minutes": BUCKET_MINUTES, "max_buckets": MAX_BUCKETS, "latest": LATEST,
         "decimals": DECIMALS}
# Greeted by name at the opening when present (the default categories' ids).
PROTOCOL_CATEGORIES = ("khach-moi", "lanh-dao")

# the honours table of the credentials report and the XLSX export (core/ceremony.summary)
HONOURS_HEADER = ["Hình thức khen thưởng", "Số lượng", "Trao trên sân khấu", "Nhận thay",
                  "Bàn giao cho đoàn", "Giữ lại trao sau", "Chưa trao"]
HONOURS_KEYS = ("total", "on_stage", "on_behalf", "handed_over", "kept", "waiting")


@dataclass
class Tally:
    session: dict
    rows: list  # every active delegate summoned to the session, roster order
    present: int = 0
    expected: int = 0
    by_category: list = field(default_factory=list)
    by_delegation: list = field(default_factory=list)
    timeline: list = field(default_factory=list)
    refused: dict = field(default_factory=dict)
    substitutes: list = field(default_factory=list)  # approved, summoned to this session
    honours: list = field(default_factory=list)  # per form, handed so far (core/ceremony)
    composition: dict | None = None  # reports/composition.py, of delegates only

    @property
    def percent(self) -> float:
        return percent(self.present, self.expected)

    @property
    def absent(self) -> list:
        """Who has not come, in Vietnamese order by given name (badges/text.py)."""
        return sorted((r for r in self.rows if not r["present_at"]),
                      key=lambda r: person_key(r["name"]))

    @property
    def delegates_only(self) -> list:
        """Rows counted in the credentials report: delegate categories only."""
        return [r for r in self.rows if r["is_delegate"]]

    @property
    def delegates_present(self) -> int:
        """The credentials report's count: delegates (delegate categories) present."""
        return sum(1 for r in self.delegates_only if r["present_at"])


def compute(db, session_id: str, for_report: bool = True) -> Tally:
    """A session's figures; `for_report` False for the screens, without what only the
    reports print, the composition and the honours (the dashboard's snapshot is taken on
    every page load)."""
    session = store.session(db, session_id)
    summoned = session["categories"]
    reasons = store.absence_reasons(db, session_id)
    rows = [dict(r, absence_reason=None if r["present_at"] else reasons.get(r["id"]))
            for r in store.attendance(db, session_id)
            if summoned is None or r["category_id"] in summoned]
    tally = Tally(session, rows)
    present_at = {r["id"]: r["present_at"] for r in rows}
    tally.substitutes = [dict(s, present_at=present_at[s["substitute_id"]])
                         for s in store.substitutions(db, approved_only=True)
                         if s["substitute_id"] in present_at]
    tally.present = sum(1 for r in rows if r["present_at"])
    tally.expected = len(rows)
    tally.by_category = _by_category(db, rows)
    tally.by_delegation = _by_delegation(rows)
    tally.timeline = timeline(r["present_at"] for r in rows if r["present_at"])
    tally.refused = store.refused_counts(db, session_id)
    if for_report:
        tally.composition = store.kept_composition(db, session_id) or composition.compute(
            tally.delegates_only,
            clock.parse(session["starts_at"]).astimezone(clock.HANOI).date())
        tally.honours = ceremony.summary(store.honours(db), store.handed(db),
                                         store.get_settings(db).get("award_order"),
                                         store.handovers(db))
    return tally


def _count(rows) -> dict:
    present = sum(1 for r in rows if r["present_at"])
    return {"present": present, "expected": len(rows), "missing": len(rows) - present,
            "percent": percent(present, len(rows))}


def _by_category(db, rows) -> list:
    result = []
    for cat in store.list_categories(db):
        mine = [r for r in rows if r["category_id"] == cat["id"]]
        if mine:
            result.append({"id": cat["id"], "name": cat["name"], "color": cat["color"],
                           "is_delegate": cat["is_delegate"],
                           "protocol": cat["id"] in PROTOCOL_CATEGORIES, **_count(mine)})
    return result


def _by_delegation(rows) -> list:
    groups = {}
    for row in rows:
        groups.setdefault(row["delegation"] or "—", []).append(row)
    named = sorted(groups, key=vietnamese_key)
    # `rank`: the place in Vietnamese order, so that a page updating a row from the live
    # stream sorts the same way: delegations still missing people first, then by name
    result = [{"delegation": name, "rank": rank, **_count(groups[name])}
              for rank, name in enumerate(named)]
    return sorted(result, key=lambda d: (-d["missing"], d["rank"]))


def timeline(times) -> list:
    """Arrivals per 5 minutes (Hà Nội time) with the running total: at most MAX_BUCKETS,
    ending with the latest arrival; earlier arrivals are counted in the first bucket, so
    one wrong time in the data cannot make the chart (and every snapshot) huge."""
    stamps = sorted(clock.parse(t).astimezone(clock.HANOI) for t in times)
    if not stamps:
        return []
    span = timedelta(minutes=BUCKET_MINUTES * (MAX_BUCKETS - 1))
    start = _floor(max(stamps[0], stamps[-1] - span))
    buckets, cumulative, index = [], 0, 0
    moment = start
    while moment <= stamps[-1]:
        end = moment + timedelta(minutes=BUCKET_MINUTES)
        count = 0
        while index < len(stamps) and stamps[index] < end:
            count += 1
            index += 1
        cumulative += count
        buckets.append({"start": moment.strftime("%H:%M"), "count": count,
                        "cumulative": cumulative})
        moment = end
    return buckets


def bucket_of(hm: str) -> str:
    """The chart's bucket of an arrival at `hm` (Hà Nội time, clock.local_hm): "07:42" ->
    "07:40". Sent with each arrival, so that a page places it without the rule; string
    work only, as it is done for every check-in."""
    minute = int(hm[3:5])
    return f"{hm[:3]}{minute - minute % BUCKET_MINUTES:02d}"


def _floor(moment: datetime) -> datetime:
    return moment.replace(minute=moment.minute - moment.minute % BUCKET_MINUTES, second=0,
                          microsecond=0)


def protocol_list(tally: Tally) -> list:
    """Invited guests and sector leaders who have arrived, in protocol order: the roster's
    protocol column when given, else category rank then title."""
    arrived = [r for r in tally.rows
               if r["present_at"] and r["category_id"] in PROTOCOL_CATEGORIES]
    return sorted(arrived, key=protocol_key)


def protocol_key(r: dict) -> tuple:
    """Precedence: the roster's protocol column when given, else category rank then title
    (the introductions of services/mc.py sort by it too)."""
    return (r["protocol_order"] is None, r["protocol_order"] or 0, r["protocol_rank"],
            r["title"] or "", r["name"])
