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


# Vietnamese alphabetical order: đ after d, ă and â after a, ê after e, ô and ơ after o,
# ư after u; the tone marks only break ties, in the order of dictionaries: none, huyền
# (grave), hỏi (hook), ngã (tilde), sắc (acute), nặng (dot below).
# Twin: the pages sort with the browser's Intl collation for "vi" (static/dashboard/draw.js).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text: str) -> tuple:
    """(letters as alphabet positions, tones): each letter with its vowel mark kept."""
    letters, tones = [], []
    text = clean(text).lower().replace("ð", "đ")  # Ð (eth) typed for Đ: the same letter
    for char in unicodedata.normalize("NFD", text):
        if char in _TONES:
            tones[-1:] = [_TONES[char]]
        elif unicodedata.combining(char):
            if letters:  # a vowel mark makes another letter: a+breve = ă, o+horn = ơ
                composed = unicodedata.normalize("NFC", _ALPHABET[letters[-1]] + char) \
                    if letters[-1] >= 0 else ""
                letters[-1] = _ALPHABET.find(composed) if composed in _ALPHABET else letters[-1]
        else:
            letters.append(_ALPHABET.find(char) if char in _ALPHABET else 100 + ord(char))
            tones.append(0)
    return tuple(letters), tuple(tones)


def vietnamese_key(text: str) -> tuple:
    """A sort key for text in Vietnamese alphabetical order."""
    letters, tones = _letters(text)
    return letters, tones


def name_first(rows: list, words: list, limit: int) -> list:
    """Search results with the people whose own name holds every word first (a search for
    "nguyen van" is for Nguyễn Văn …, not for a unit in Thái Nguyên), each group in
    Vietnamese order by given name; at most `limit`."""
    return sorted(rows, key=lambda r: (not all(w in fold(r["name"]) for w in words),
                                       person_key(r["name"])))[:limit]


def person_key(full_name: str) -> tuple:
    """Vietnamese lists sort people by given name (the last word), then by the full name:
    'Trần Văn An' before 'Lê Thị Bình'."""
    words = clean(full_name).split(" ")
    return vietnamese_key(words[-1]), vietnamese_key(full_name)
