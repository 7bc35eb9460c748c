"""Which ink reads on a category's colour: the organisers choose the colours (orange for
the press, yellow, light green...), and white on orange is 3.1:1, under the 4.5:1 that
WCAG 2 asks of text. The badge's band and the screens' category chips both ask here."""

from functools import lru_cache

WHITE, INK = "#ffffff", "#1d1d1f"


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a #rrggbb colour."""
    value = colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@lru_cache(maxsize=64)  # a handful of category colours, asked on every check-in's answer
def ink_on(background: str | None) -> str:
    """White or near-black, whichever contrasts more with `background` (white when the
    colour is missing or not #rrggbb)."""
    try:
        return WHITE if contrast(WHITE, background) >= contrast(INK, background) else INK
    except (AttributeError, TypeError, ValueError, IndexError):
        return WHITE
