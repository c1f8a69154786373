"""Arabic text for PDFs: joined letters, right-to-left order, one line at a time.

reportlab 5.1 cannot shape and reorder Arabic at once (research/platform-probe.md §3:
its shaped path keeps LTR word order, its bidi path leaves letters unjoined, and
reordering a whole paragraph before wrapping puts the last line on top). So the
report code does both here, per line:

1. wrap_logical() breaks the text into lines in logical (typing) order, measuring
   each candidate line as it will be drawn;
2. visual_line() turns each line into presentation forms (arabic_reshaper, harakat
   kept) in display order (python-bidi's pure-Python algorithm, which mirrors
   brackets; the default Rust `bidi.get_display` does not);
3. the caller draws each visual line with drawRightString (or drawString for LTR).

    for line in wrap_logical(note, lambda s: stringWidth(s, "Amiri", 10), frame_width):
        canvas.drawRightString(right, y, visual_line(line))
        y -= leading

Isolate marks (U+2066..U+2069, from isolate_ltr) are honoured: the pure-Python
algorithm predates them and fails on them, so they become embeddings first. All
bidi control characters are removed from the output, since fonts (Amiri) lack glyphs
for most of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Final

import arabic_reshaper
from bidi.algorithm import get_display

__all__ = ["shape", "visual_line", "wrap_logical"]

_RESHAPER: Final = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})

_LRI, _RLI, _FSI, _PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_LRE, _RLE, _PDF = "\u202a", "\u202b", "\u202c"
_ISOLATE_OPENERS: Final = frozenset({_LRI, _RLI, _FSI})
_ISOLATES: Final = frozenset({_LRI, _RLI, _FSI, _PDI})
# LRM, RLM, ALM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI.
_CONTROLS: Final = dict.fromkeys(
    [0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_RTL_CLASSES: Final = frozenset({"R", "AL"})
_SPACES: Final = re.compile(r"[ \t]+")


def shape(text: str) -> str:
    """Arabic letters replaced by their joined presentation forms (logical order kept)."""
    return str(_RESHAPER.reshape(text))


def visual_line(text: str, base_dir: str = "R") -> str:
    """One line of text, shaped and in display order, ready for drawString.

    `base_dir` is the paragraph direction: "R" (an Arabic document), "L", or "auto"
    (the first strong letter decides). A line with no right-to-left letter is
    returned as it stands, minus bidi control characters: French stays French.
    Text with newlines is treated line by line.
    """
    if base_dir not in ("R", "L", "auto"):
        raise ValueError(f"base_dir must be 'R', 'L' or 'auto', not {base_dir!r}")
    return "\n".join(_visual(line, base_dir) for line in text.split("\n"))


def _visual(line: str, base_dir: str) -> str:
    if not any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in line):
        return line.translate(_CONTROLS)
    shaped = shape(_isolates_to_embeddings(line))
    display = get_display(shaped, base_dir=None if base_dir == "auto" else base_dir)
    return str(display).translate(_CONTROLS)


def wrap_logical(text: str, width_fn: Callable[[str], float], max_width: float) -> list[str]:
    """Greedy word wrap in logical order; pass each line to visual_line() afterwards.

    `width_fn` gets the text as it will be drawn (shaped, bidi marks removed), e.g.
    `lambda s: stringWidth(s, "Amiri", 10)`. Lines break at spaces and tabs only, so
    no-break spaces inside numbers (1 234) hold. A word wider than `max_width` gets a
    line of its own and overflows. Newlines start a new line; blank lines stay.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = [word for word in _SPACES.split(paragraph) if word]
        if not words:
            lines.append("")
            continue
        current = words[0]
        for word in words[1:]:
            candidate = f"{current} {word}"
            if width_fn(shape(candidate).translate(_CONTROLS)) <= max_width:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines


def _isolates_to_embeddings(text: str) -> str:
    """LRI/RLI/FSI…PDI → LRE/RLE…PDF, which python-bidi's pure-Python algorithm knows."""
    if not _ISOLATES.intersection(text):
        return text
    out: list[str] = []
    depth = 0
    for index, ch in enumerate(text):
        if ch == _LRI:
            out.append(_LRE)
        elif ch == _RLI:
            out.append(_RLE)
        elif ch == _FSI:
            out.append(_RLE if _first_strong_is_rtl(text, index + 1) else _LRE)
        elif ch == _PDI:
            if depth:  # an unmatched PDI is dropped
                out.append(_PDF)
                depth -= 1
            continue
        else:
            out.append(ch)
            continue
        depth += 1
    return "".join(out)


def _first_strong_is_rtl(text: str, start: int) -> bool:
    depth = 0
    for ch in text[start:]:
        if ch in _ISOLATE_OPENERS:
            depth += 1
        elif ch == _PDI:
            if not depth:
                return False
            depth -= 1
        elif not depth:
            direction = unicodedata.bidirectional(ch)
            if direction in _RTL_CLASSES:
                return True
            if direction == "L":
                return False
    return False
