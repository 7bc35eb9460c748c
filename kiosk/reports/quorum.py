"""Whether the congress may proceed: the share of summoned delegates that must be present,
as the congress's rules state it ("trên một nửa", "từ hai phần ba trở lên"). No Flask.

A rule is written `>1/2` (more than half) or `>=2/3` (two thirds or more); the event's
setting `quorum` holds it (default `>1/2`), and `kiosk report --quorum` overrides it.
"""

import re
from dataclasses import dataclass

DEFAULT = ">1/2"
RULE_RE = re.compile(r"\s*(>=|>)\s*(\d{1,3})\s*/\s*(\d{1,3})\s*")
NAMES = {(1, 2): "một nửa", (2, 3): "hai phần ba", (3, 4): "ba phần tư"}


class BadRule(ValueError):
    pass


@dataclass(frozen=True)
class Quorum:
    strict: bool  # '>' more than the share; '>=' the share or more
    numerator: int
    denominator: int

    @classmethod
    def parse(cls, rule: str | None) -> "Quorum":
        match = RULE_RE.fullmatch(rule or DEFAULT)
        if not match:
            raise BadRule(f"Quy định số đại biểu cần có mặt '{rule}' không hợp lệ: viết "
                          "'>1/2' (trên một nửa) hoặc '>=2/3' (từ hai phần ba trở lên).")
        op, num, den = match.group(1), int(match.group(2)), int(match.group(3))
        if not 0 < num <= den:
            raise BadRule(f"Tỷ lệ {num}/{den} phải nằm trong khoảng (0, 1].")
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
