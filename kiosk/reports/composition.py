"""The composition of the congress (cơ cấu đại biểu), as a credentials committee reports
it: of the delegates summoned and of those present, how many in each group and what
share, group by group, with "not stated" counted so that every group adds up.

The groups and their order follow the reports of the emulation congresses and of the
Party congresses (README "Sources"): the distinctions first, as the national emulation
congresses open theirs (Anh hùng, Chiến sĩ thi đua toàn quốc, …; the XI national
congress's "Báo cáo về thành phần cơ cấu, chất lượng đại biểu", 26/12/2025); then
gender, the ethnic minorities, age (bands, the average, the oldest and the youngest),
Party members, education, and the academic titles (học hàm: Giáo sư, Phó Giáo sư) on
lines of their own, since a title is not a level of education. Per delegation, the same
few counts among those present. Plain data in, plain data out: kept as JSON when
`kiosk purge` removes the fields it is made of.

Ethnicity and Party membership are counted, never listed by name: ethnic origin is
sensitive personal data under Nghị định 356/2025/NĐ-CP (Điều 4), the decree of the Luật
Bảo vệ dữ liệu cá nhân số 91/2025/QH15, in force from 01/01/2026 (README "Personal
data").

`holders` counts, at print time, who holds a Huân chương or a title of the sector (from
the honours list and the profile's distinctions): both outlive the purge, so it is not
kept.
"""

from datetime import date

from badges import forms, profile
from badges.text import fold_key, vietnamese_key

NOT_STATED = "Chưa có thông tin"
# Academic titles (học hàm), reported apart from the levels of education (học vị): a
# title is conferred on a doctor, so "PGS.TS", "GS" or "Phó Giáo sư" count as Tiến sĩ
# among the levels and as the title on its own line.
TITLES = ["Giáo sư", "Phó Giáo sư"]
DOCTOR = "Tiến sĩ"
DEGREES = [level for level in profile.EDUCATION if level not in TITLES]
_TITLE_KEYS = (("phogiaosu", "Phó Giáo sư"), ("pgs", "Phó Giáo sư"), ("giaosu", "Giáo sư"),
               ("gs", "Giáo sư"))
# Who holds what an emulation congress reports besides the state titles
ORDER_HOLDERS = "Được tặng Huân chương"
SECTOR_TITLES = "Có danh hiệu thi đua cấp Ngành (Cờ thi đua, Chiến sĩ thi đua)"
# Age bands as the reports give them ("Dưới 30 tuổi", "Từ 30 đến 39 tuổi", …, the XIII
# Party Congress's "trên 70 tuổi" folded into the last band)
BANDS = [(None, 30, "Dưới 30 tuổi"), (30, 40, "Từ 30 đến 39 tuổi"),
         (40, 50, "Từ 40 đến 49 tuổi"), (50, 60, "Từ 50 đến 59 tuổi"),
         (60, None, "Từ 60 tuổi trở lên")]


def compute(rows: list, on: date) -> dict:
    """`rows`: the delegates summoned (attendance rows, delegate categories only), each
    with `present_at`. Returns {"summoned", "present", "groups": [{"title", "lines":
    [{"label", "summoned", "present"}]}], "oldest", "youngest", "average_age",
    "by_delegation"}."""
    present = [r for r in rows if r["present_at"]]
    groups = [
        # a person with two distinctions counts in both; one with none in no line, so
        # these lines alone need not add up
        ("Danh hiệu", _lines(rows, present, lambda r: profile.distinctions(r["distinction"]),
                             profile.DISTINCTIONS, zeros=False)),
        ("Giới tính", _lines(rows, present, lambda r: [r["gender"] or NOT_STATED],
                             ["Nam", "Nữ"])),
        ("Dân tộc", _lines(rows, present, lambda r: [_ethnic(r)],
                           [profile.MAJORITY, "Dân tộc thiểu số"])),
        ("Độ tuổi", _lines(rows, present, lambda r: [_band(r, on)], [b[2] for b in BANDS])),
        ("Đảng viên", _lines(rows, present, lambda r: [_party(r)], ["Đảng viên", "Ngoài Đảng"])),
        ("Trình độ chuyên môn", _lines(rows, present,
                                       lambda r: [academic(r["education"])[1] or NOT_STATED],
                                       DEGREES, zeros=False)),
        ("Học hàm", _lines(rows, present,
                           lambda r: [t for t in academic(r["education"])[:1] if t],
                           TITLES, zeros=False)),
    ]
    ages = [(profile.age(r["birth_year"], on), r) for r in present if r["birth_year"]]
    return {
        "summoned": len(rows), "present": len(present),
        "groups": [{"title": title, "lines": lines} for title, lines in groups],
        "oldest": _person(max(ages, key=lambda a: a[0], default=None)),
        "youngest": _person(min(ages, key=lambda a: a[0], default=None)),
        "average_age": round(sum(a for a, _ in ages) / len(ages), 1) if ages else None,
        "by_delegation": _by_delegation(rows),
    }


def academic(education: str | None) -> tuple:
    """(academic title or None, level of education or None) of an education as the
    roster holds it: 'PGS.TS' -> ('Phó Giáo sư', 'Tiến sĩ'), 'Thạc sĩ' -> (None,
    'Thạc sĩ')."""
    if not education:
        return None, None
    key = fold_key(education)
    for prefix, title in _TITLE_KEYS:
        if key.startswith(prefix):
            return title, DOCTOR
    return None, education


def holders(rows: list, honours: list) -> dict:
    """{"title", "lines"} of delegates (in their own name or for their collective)
    who hold a Huân chương, and who hold a title of the sector (a Cờ thi đua or a
    Chiến sĩ thi đua decided at the sector's level, badges/forms.py), by the honours
    list of the congress (`kiosk.db.honours`) and the profile's distinctions."""
    named = {}
    for award in honours:
        named.setdefault(award["delegate_id"], []).append(award["form"])
    kinds = {ORDER_HOLDERS: _is_order, SECTOR_TITLES: _is_sector_title}

    def labels_of(row):
        held = named.get(row["id"], []) + profile.distinctions(row["distinction"])
        return [label for label, test in kinds.items() if any(test(name) for name in held)]

    present = [r for r in rows if r["present_at"]]
    return {"title": "Khen thưởng", "lines": _lines(rows, present, labels_of, list(kinds))}


def _is_order(name: str) -> bool:
    return forms.words(name).startswith("huan chuong")


def _is_sector_title(name: str) -> bool:
    form = forms.classify(name)
    return (form.level == forms.SECTOR and form.title
            and forms.words(name).startswith(("co thi dua", "chien si thi dua")))


def _lines(rows, present, labels_of, known, zeros=True) -> list:
    """A line per label: the `known` ones in their order (at zero too, if `zeros`), then
    others as first met, "not stated" last."""
    counted = {}
    for group, key in ((rows, "summoned"), (present, "present")):
        for row in group:
            for label in labels_of(row):
                counted.setdefault(label, {"summoned": 0, "present": 0})[key] += 1
    order = [k for k in known if zeros or k in counted]
    order += [k for k in counted if k not in known and k != NOT_STATED]
    if NOT_STATED in counted:
        order.append(NOT_STATED)
    return [{"label": label, **counted.get(label, {"summoned": 0, "present": 0})}
            for label in order]


def _ethnic(row) -> str:
    minority = profile.is_minority(row["ethnicity"])
    return NOT_STATED if minority is None else ("Dân tộc thiểu số" if minority
                                                 else profile.MAJORITY)


def _party(row) -> str:
    return {1: "Đảng viên", 0: "Ngoài Đảng"}.get(row["party"], NOT_STATED)


def _band(row, on) -> str:
    age = profile.age(row["birth_year"], on)
    if age is None:
        return NOT_STATED
    return next(label for low, high, label in BANDS
                if (low is None or age >= low) and (high is None or age < high))


def _person(found):
    if found is None:
        return None
    age, row = found
    return {"name": row["name"], "age": age, "unit": row["unit"] or "",
            "delegation": row["delegation"] or ""}


def _by_delegation(rows) -> list:
    groups = {}
    for row in rows:
        groups.setdefault(row["delegation"] or "—", []).append(row)
    result = []
    for name in sorted(groups, key=vietnamese_key):
        came = [r for r in groups[name] if r["present_at"]]
        result.append({
            "delegation": name, "summoned": len(groups[name]), "present": len(came),
            "women": sum(1 for r in came if r["gender"] == "Nữ"),
            "minorities": sum(1 for r in came if profile.is_minority(r["ethnicity"])),
            "party": sum(1 for r in came if r["party"] == 1),
            "distinguished": sum(1 for r in came if r["distinction"])})
    return result
