"""What the MC reads at the honours ceremony, as sentences (the layout is
reports/ceremony.py's). No Flask, no SQL, no PDF here.

For each form, in the programme's order of batches:
1. the invitation to announce its decision: "Xin trân trọng kính mời đồng chí … công bố
   Quyết định số … ngày … của …", once per form, the number and date from the honours
   list, the issuer from the form's level or the number (badges/spoken.py);
2. the recipients called up by name, a collective's representative as "đại diện … lên
   nhận" (for a decision of the President they are called before the announcement and
   stand on stage to hear it);
3. the presenter invited, "thừa ủy quyền của" the President or the Prime Minister for the
   forms they decide, to hand ("trao danh hiệu …" for a title, "trao <form>" otherwise);
4. a closing line: congratulations, the souvenir photograph, back to the seats.

The sequence is the decree's, as the research notes found it (no article of Nghị định
152/2025/NĐ-CP, which replaced Nghị định 98/2023/NĐ-CP on 01/7/2025, was retrieved, so
none is cited here): Nghị định 145/2013/NĐ-CP Điều 28 (as stored by thuvienphapluat.vn
and its mirrors; whether it is still in force is unconfirmed): the decision is announced
(khoản 1, adcentral.vn's copy: "công bố toàn văn Quyết định khen thưởng"), then the
awards are handed, the presenter "ở vị trí trung tâm của lễ đài" (khoản 2); "Đón nhận
các hình thức khen thưởng do Chủ tịch nước ký quyết định: Người đón nhận khen thưởng
đứng nghiêm theo hàng ngang tại vị trí trung tâm trên lễ đài nghe công bố quyết định
khen thưởng" (khoản 3 điểm a); for other decisions, "Công bố xong, người công bố mời đại
diện … lên lễ đài để nhận khen thưởng" (adcentral.vn, Thủ tướng's decisions). A title is
conferred ("Thủ tướng Chính phủ quyết định tặng danh hiệu 'Chiến sĩ thi đua toàn quốc'"),
a flag handed ("Chính phủ quyết định tặng 'Cờ thi đua của Chính phủ'"): Luật Thi đua,
khen thưởng 06/2022/QH15 Điều 78. The photograph and the return to the seats are common
practice (press reports of emulation congresses, e.g. vtcnews.vn on the national XI
congress, 27/12/2025: "trao danh hiệu Anh hùng Lao động"), not a decree's words; so is
"thừa ủy quyền", which issue 27 asks for and no stored source confirms."""

import re

from badges import awards as honours_list
from badges import forms, spoken

UNSET = "……………………"  # a name the organisers have not given: written in by hand


def script(batches: list, honours: list) -> list:
    """[{"number", "award", "handed", "supplementary", "lines": [(kind, text)]}] for the
    programme's batches; kind "say" (read aloud), "name" (a recipient, numbered) or
    "note" (a direction, not read). `honours`: the whole list (store.honours), for each
    form's decisions."""
    decisions = _decisions(honours)
    announced, out = set(), []
    for batch in batches:
        key = honours_list.form_key(batch["award"])
        first = key not in announced
        announced.add(key)
        out.append({"number": batch["number"], "award": batch["award"],
                    "handed": bool(batch.get("handed")),
                    "supplementary": bool(batch.get("supplementary")),
                    "lines": _batch(batch, decisions.get(key, []), first)})
    return out


def _batch(batch: dict, decided: list, announce: bool) -> list:
    form = batch["award"]
    issuer = _issuer(form, decided)
    people = batch["recipients"]
    before = announce and forms.classify(form).level == forms.PRESIDENT
    call = _call(people, form, before)
    lines = []
    if before:
        lines += call + [("note", "Người nhận đứng nghiêm theo hàng ngang ở giữa sân khấu "
                                  "nghe công bố quyết định.")]
    if announce:
        lines.append(("say", announcement(form, decided, issuer)))
    if not before:
        lines += call
    lines.append(("say", _presenter(batch.get("presenter"), form, issuer, people)))
    lines.append(("say", closing(people)))
    return lines


def announcement(form: str, decided: list, issuer: str | None) -> str:
    """The invitation to announce the decision(s) of `form`: [(number, date)]."""
    said = " và ".join(f"Quyết định số {number or UNSET} ngày {day or UNSET}"
                       for number, day in (decided or [(None, None)]))
    whose = f" của {issuer}" if issuer else ""
    return (f"Xin trân trọng kính mời đồng chí {UNSET} công bố {said}{whose} về việc tặng "
            f"{_conferred(form)}.")


def _call(people: list, form: str, to_hear: bool) -> list:
    """The recipients called up: one in a sentence, several as a list."""
    why = "lên sân khấu nghe công bố quyết định và nhận" if to_hear else "lên nhận"
    award = _conferred(form)
    if len(people) == 1:
        r = people[0]
        walker = _person(r)
        if r["collective"]:
            said = f"đại diện {spoken.aloud(r['collective'])} {why} {award}: đồng chí {walker}"
        elif r.get("on_behalf_of"):
            said = f"đồng chí {walker} {why} {award} thay đồng chí {r['on_behalf_of']['name']}"
        else:
            said = f"đồng chí {walker} {why} {award}"
        return [("say", f"Xin trân trọng kính mời {said}.")]
    return [("say", f"Xin trân trọng kính mời {_whom(people, True)} có tên sau {why} "
                    f"{award}:")] + [("name", f"{n}. {_listed(r)}")
                                     for n, r in enumerate(people, 1)]


def _listed(r: dict) -> str:
    """One line of the list of recipients, as read."""
    walker = _person(r)
    if r["collective"]:
        return f"Đại diện {spoken.aloud(r['collective'])} lên nhận: đồng chí {walker}."
    if r.get("on_behalf_of"):
        return f"Đồng chí {r['on_behalf_of']['name']}: đồng chí {walker} nhận thay."
    return f"Đồng chí {walker}."


def _person(r: dict) -> str:
    """A walker as the MC names them: name, title, unit (a collective's name not twice),
    abbreviations written out."""
    unit = r.get("unit") if r.get("unit") != r.get("collective") else None
    return ", ".join(spoken.aloud(p) for p in (r["name"], r.get("title"), unit) if p)


def _whom(people: list, represented: bool = False) -> str:
    """Who receives, in one phrase, singular or plural; `represented`: a collective
    named by its representative ("đại diện …"), as when called up."""
    groups = sum(1 for r in people if r["collective"])
    persons = len(people) - groups
    by = "đại diện " if represented else ""
    if len(people) == 1:
        r = people[0]
        return f"{by}{spoken.aloud(r['collective'])}" if groups else \
            f"đồng chí {(r.get('on_behalf_of') or r)['name']}"
    if not persons:
        return f"{by}các tập thể"
    if not groups:
        return "các đồng chí"
    if represented:
        return f"đại diện {'tập thể' if groups == 1 else 'các tập thể'} và " \
               f"{'đồng chí' if persons == 1 else 'các đồng chí'}"
    return f"{'các ' if len(people) > 2 else ''}tập thể và cá nhân"


def _presenter(typed: str | None, form: str, issuer: str | None, people: list) -> str:
    names = [spoken.aloud(spoken.without_address(n)) for n in re.split(r"[;\n]", typed or "")]
    names = [n for n in names if n] or [UNSET]
    who = f"đồng chí {names[0]}" if len(names) == 1 else "các đồng chí " + "; ".join(names)
    behalf = f", thừa ủy quyền của {issuer}," if issuer in spoken.DELEGATING else ""
    return f"Xin trân trọng kính mời {who}{behalf} lên trao {_conferred(form)} cho " \
           f"{_whom(people)}."


def closing(people: list) -> str:
    """Congratulations, the photograph, back to the seats."""
    honoured = _whom(people) + (" vừa được khen thưởng" if len(people) > 1 else "")
    return (f"Xin nhiệt liệt chúc mừng {honoured}. Kính mời các đồng chí chụp ảnh lưu niệm. "
            "Xin mời các đồng chí trở về chỗ ngồi.")


def _conferred(form: str) -> str:
    """The form as it is handed: "danh hiệu …" for a title, a flag and any other form by
    its name."""
    named = spoken.aloud(form)
    known = forms.classify(form)
    if known.title and not forms.words(form).startswith("co "):
        return named if named.lower().startswith("danh hiệu") else f"danh hiệu {named}"
    return named


def _issuer(form: str, decided: list) -> str | None:
    numbers = [number for number, _ in decided if number]
    return spoken.issuer(form, numbers[0] if numbers else None)


def _decisions(honours: list) -> dict:
    """form key -> the distinct (decision number, date) of its awards, in list order."""
    found = {}
    for award in honours:
        pair = (award.get("decision") or None, award.get("decided_on") or None)
        if pair == (None, None):
            continue
        kept = found.setdefault(honours_list.form_key(award["form"]), [])
        if pair not in kept:
            kept.append(pair)
    return found
