"""The honours list imported again (badges/awards.py), after the ceremony has begun:
each award of the new list continues the award already held for the same recipient
delegate and the same form (for a collective, the same collective), so that what was
decided on it (who receives for an absent recipient, "kept", its hand on stage, its
handover to the delegation) stays with it. A held award the new list leaves out goes,
with its proxy or "kept"; one already handed on stage or handed over cannot go: the list
is refused, each such award named, nothing changed."""

import getpass
from dataclasses import dataclass

from . import db as store
from .forms import words
from .spoken import aloud
from .text import fold_key


def terminal() -> tuple:
    """Who runs a command, as the audit trail names them (kiosk/cli/options.py
    cli_actor() is the twin for the kiosk's commands)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"{user} (dòng lệnh)", "cli"


@dataclass
class Lost:
    """An award already handed (on stage or to its delegation) that the new list leaves
    out: the list is refused rather than the record of it lost."""
    award: dict
    what: str

    def __str__(self) -> str:
        a = self.award
        whom = f"{a['collective']} (đồng chí {a['name']} nhận)" if a["collective"] \
            else f"{a['name']} ({a['code']})"
        return (f"{a['form']} của {whom} {self.what} nhưng không còn trong danh sách mới: "
                "giữ dòng này trong danh sách (cùng người nhận, cùng hình thức) rồi nhập lại")


# What a table that references an award records, as the refusal says it (a table not
# named here: by its name). A batch handed is lined up too: said once, as handed.
DECIDED = {"awards_handed": "đã trao trên sân khấu",
           "award_handovers": "đã bàn giao cho đoàn",
           "ceremony_lineup": "đã xếp vào lượt đang hoặc sắp lên sân khấu"}


def matched(awards: list, held: list, decided: dict) -> list:
    """Each new award given the id of the held award it continues: the same recipient
    delegate, the same form and, for a collective, the same collective (its name read
    with abbreviations written out, without case or diacritics: the collective is who is
    honoured); several alike pair in the list's order. The refusals: held awards left
    out whose record would be lost."""
    waiting = {}
    for old in held:
        waiting.setdefault(_identity(old), []).append(old)
    for award in awards:
        olds = waiting.get(_identity(award))
        if olds:
            award["id"] = olds.pop(0)["id"]
    lost = []
    for old in (o for olds in waiting.values() for o in olds):
        binding = [t for t in decided.get(old["id"], [])
                   if t not in store.honours.DROPPED_WITH_THE_AWARD]
        if "awards_handed" in binding and "ceremony_lineup" in binding:
            binding.remove("ceremony_lineup")
        if binding:
            what = " và ".join(DECIDED.get(t, f"đã có quyết định ({t})") for t in binding)
            lost.append(Lost(old, what))
    return lost


def _identity(award: dict) -> tuple:
    return (award["delegate_id"], words(award["form"]),
            fold_key(aloud(award["collective"] or "")))
