"""Text normalisation for Vietnamese input: NFC, collapsed whitespace, folding.

Roster files come from Windows Excel (NFC) and from Macs (NFD); typed searches
come without diacritics. Everything stored is NFC; everything compared is folded.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Letters that do not decompose into a base letter plus a combining mark.
_NON_DECOMPOSING = str.maketrans({"đ": "d", "Đ": "D"})


def clean(value: object) -> str:
    """NFC-normalise, strip and collapse every run of whitespace to one space."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", text).strip()


def fold(value: object) -> str:
    """Lower-case, strip diacritics (đ included): 'Nguyễn Thị Phượng' -> 'nguyen thi phuong'."""
    text = clean(value).translate(_NON_DECOMPOSING)
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold()


def fold_key(value: object) -> str:
    """A folded key with no spaces or punctuation, for matching headers and categories."""
    return re.sub(r"[^0-9a-z]", "", fold(value))
