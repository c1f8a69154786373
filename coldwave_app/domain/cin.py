"""Normalise and mask the Moroccan national identity card number (CIN).

The CIN is optional and often partial, mistyped or read off a worn card, so the
check is lenient: a number that does not look like a CIN yields a warning the
form shows, never an error. Refusing or mistyping a CIN must never deny a
service (DESIGN.md §5).
"""

from __future__ import annotations

import re

from coldwave_app.domain.errors import N_

__all__ = ["CIN_PATTERN", "mask_cin", "normalise_cin"]

# One or two letters (the issuing prefecture) then digits. Old cards carry fewer
# digits than new ones, hence the wide range.
CIN_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9]{4,8}$")

_EASTERN_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
# Separators people type or copy between the letters and digits.
_SEPARATORS = re.compile(r"[\s\-_./\u00a0\u200e\u200f]+")

WARN_EMPTY = N_("The CIN is empty.")
WARN_SHAPE = N_("This CIN does not look like a Moroccan CIN (one or two letters, then digits).")


def normalise_cin(text: str) -> tuple[str, list[str]]:
    """Return the normalised CIN and the warning msgids about it (possibly none).

    Uppercases, removes spaces, dashes and similar separators and maps Eastern
    Arabic digits to ASCII. Never raises: the caller stores what was typed.
    """
    value = _SEPARATORS.sub("", text.translate(_EASTERN_DIGITS)).upper()
    if not value:
        return value, [WARN_EMPTY]
    if CIN_PATTERN.match(value):
        return value, []
    return value, [WARN_SHAPE]


def mask_cin(cin: str) -> str:
    """Masked form for screens and lists: letters kept, middle digits hidden.

    "AB123456" -> "AB****56". The letters only name the issuing office, and
    two digits are enough for a worker to confirm a card in hand.
    """
    value, _ = normalise_cin(cin)
    prefix = len(value) - len(value.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    prefix = min(prefix, 2)
    hidden = max(len(value) - prefix - 2, 0)
    if hidden == 0:
        # Too short to show any digit without showing all of them.
        return value[:prefix] + "*" * (len(value) - prefix)
    return value[:prefix] + "*" * hidden + value[-2:]
