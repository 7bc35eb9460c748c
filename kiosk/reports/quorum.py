"""Whether the congress may proceed: the share of summoned delegates that must be present,
as the congress's own rules state it ("trên một nửa", "từ hai phần ba trở lên"), and the
rules cited by name. No Flask.

The share is not set by any law for an emulation congress (it elects nobody; the
practice found is in /tmp/research's congress notes, README "Sources"): it is what the
congress's working rules (Quy chế làm việc của Đại hội), adopted at its preparatory
session, say. So the report cites them by the name and the article the organisers set,
never an unnamed "Theo quy định".

A rule is written `>1/2` or `trên 1/2` (more than half), `>=2/3`, `từ 2/3 trở lên` or
`ít nhất 2/3` (two thirds or more); the event's setting `quorum` holds it (default `>1/2`),
`rules` the rules' name (default "Quy chế làm việc của Đại hội") and `rules_article` the
article ("Điều 5"; none by default: the rules are then cited without one).
`kiosk report --quorum/--rules/--article` override them.
"""

import re
import unicodedata
from dataclasses import dataclass

DEFAULT = ">1/2"
RULES = "Quy chế làm việc của Đại hội"  # the setting `rules` when the event has none
RULE_RE = re.compile(r"\s*(>=|>)\s*(\d{1,3})\s*/\s*(\d{1,3})\s*")
# the same rule as the Quy chế writes it: "trên 1/2", "từ 2/3 trở lên", "ít nhất 2/3"
WORDS = {("trên", ""): ">", ("từ", "trở lên"): ">=", ("ít nhất", ""): ">="}
WORDS_RE = re.compile(r"\s*(trên|từ|ít nhất)\s+(\d{1,3})\s*/\s*(\d{1,3})\s*(trở lên)?\s*",
                      re.IGNORECASE)
NAMES = {(1, 2): "một nửa", (2, 3): "hai phần ba", (3, 4): "ba phần tư"}


# what a rule is of, as its refusal names it (each its own words)
SUBJECTS = {"quorum": "Quy định số đại biểu cần có mặt",
            "vote_rule": "Quy định tỷ lệ tán thành để biểu quyết được thông qua"}


class BadRule(ValueError):
    pass


@dataclass(frozen=True)
class Quorum:
    strict: bool  # '>' more than the share; '>=' the share or more
    numerator: int
    denominator: int

    @classmethod
    def parse(cls, rule: str | None, what: str = "quorum") -> "Quorum":
        """The rule as written, or BadRule in words naming `what` it is ("quorum": the
        delegates present for the congress to proceed; "vote_rule": the votes for a
        motion to pass). A rule nobody can meet ("trên 1/1": more than everyone) or that
        is met by nobody at all (0/2), or above the whole (3/2), is refused."""
        subject = SUBJECTS[what]
        match = RULE_RE.fullmatch(rule or DEFAULT) or WORDS_RE.fullmatch(
            unicodedata.normalize("NFC", rule))
        # "trên 1/2 trở lên" or "từ 2/3" say neither
        op = match and (match.group(1) if match.re is RULE_RE else WORDS.get(
            (match.group(1).lower(), (match.group(4) or "").lower())))
        if not op:
            raise BadRule(f"{subject} '{rule}' không hợp lệ: viết "
                          "'>1/2' hoặc 'trên 1/2' (trên một nửa), '>=2/3' hoặc 'từ 2/3 trở "
                          "lên' (từ hai phần ba trở lên).")
        num, den = int(match.group(2)), int(match.group(3))
        if not 0 < num <= den:
            raise BadRule(f"{subject} '{rule}': tỷ lệ {num}/{den} phải lớn hơn 0 và không "
                          "quá 1/1 (tất cả).")
        if op == ">" and num == den:
            raise BadRule(f"{subject} '{rule}': không ai đạt được, vì không thể nhiều hơn "
                          f"tất cả; nếu cần tất cả, viết 'từ {num}/{den} trở lên'.")
        return cls(op == ">", num, den)

    def met(self, present: int, summoned: int) -> bool:
        if summoned == 0:
            return False
        left, right = present * self.denominator, self.numerator * summoned
        return left > right if self.strict else left >= right

    def share(self) -> str:
        """'một nửa (1/2)': the share in words, as a rule would say it."""
        fraction = f"{self.numerator}/{self.denominator}"
        name = NAMES.get((self.numerator, self.denominator))
        return f"{name} ({fraction})" if name else fraction

    def phrase(self) -> str:
        """'trên một nửa (1/2)' or 'từ hai phần ba (2/3) trở lên'."""
        return f"trên {self.share()}" if self.strict else f"từ {self.share()} trở lên"

    def needed(self, summoned: int) -> int:
        """The fewest delegates present that meet the rule."""
        share = self.numerator * summoned  # the threshold is share / denominator
        return share // self.denominator + 1 if self.strict else -(-share // self.denominator)


def cite(rules: str | None = None, article: str | None = None) -> str:
    """'Theo Điều 5 Quy chế làm việc của Đại hội': the congress's rules by their name and,
    when set, the article; an article given as a number is read as 'Điều <n>'."""
    name = " ".join((rules or RULES).split())
    article = " ".join((article or "").split())
    if article.isdigit():
        article = f"Điều {article}"
    return f"Theo {article} {name}" if article else f"Theo {name}"
