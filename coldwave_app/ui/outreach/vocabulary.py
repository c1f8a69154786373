"""How the outreach screens name codes (risk levels, outcomes, situations, bands)
and show catalogue names, places and quantities in the current language."""

from __future__ import annotations

from typing import Final

from PySide6.QtGui import QColor

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _, current_language, isolate_auto
from coldwave_app.i18n.formatting import format_decimal
from coldwave_app.services.outreach_desk import CatalogueEntry, DouarChoice

RISK_LABELS: Final = {
    "red": N_("Red risk (cut off over 4 days)"),
    "orange": N_("Orange risk (2 to 4 days)"),
    "yellow": N_("Yellow risk (under 2 days)"),
}
RISK_SHORT: Final = {
    "red": N_("Red risk"),
    "orange": N_("Orange risk"),
    "yellow": N_("Yellow risk"),
}
# Background tints readable at night; the level is always written out as well.
RISK_COLOURS: Final = {"red": "#f6d5d1", "orange": "#fbe3c4", "yellow": "#f8f1c2"}

OUTCOMES: Final = (
    ("refused_shelter", N_("Refused shelter")),
    ("accepted_shelter", N_("Accepted shelter")),
    ("no_place", N_("Offered, no bed free")),
    ("referred_health", N_("Referred to health services")),
    ("stayed_with_items", N_("Stayed, items given")),
)
SITUATIONS: Final = (
    ("street", N_("Street")),
    ("abandoned_building", N_("Abandoned building")),
    ("makeshift_shelter", N_("Makeshift shelter")),
    ("vehicle", N_("Vehicle")),
    ("station", N_("Station")),
    ("other", N_("Other")),
)
SEXES: Final = (("m", N_("Man")), ("f", N_("Woman")), ("u", N_("Unknown")))
AGE_BANDS: Final = (
    ("18_59", N_("18 to 59")),
    ("60_plus", N_("60 and over")),
    ("0_17", N_("Under 18")),
    ("unknown", N_("Age unknown")),
)
CONDITIONS: Final = (
    ("hypothermia_risk", N_("Hypothermia risk")),
    ("injured", N_("Injured")),
    ("intoxicated", N_("Intoxicated")),
)
TALLY_LABELS: Final = (
    ("male_0_17", N_("Boys under 18")),
    ("female_0_17", N_("Girls under 18")),
    ("male_18_59", N_("Men 18-59")),
    ("female_18_59", N_("Women 18-59")),
    ("male_60_plus", N_("Men 60+")),
    ("female_60_plus", N_("Women 60+")),
    ("unknown_sex_age", N_("Sex or age unknown")),
)


def label_of(pairs: tuple[tuple[str, str], ...], code: str | None) -> str:
    """The translated label of a code from a (code, msgid) list; the code if unknown."""
    for key, msgid in pairs:
        if key == code:
            return _(msgid)
    return code or ""


def risk_colour(level: str | None) -> QColor | None:
    return QColor(RISK_COLOURS[level]) if level in RISK_COLOURS else None


def in_language(arabic: str | None, french: str | None) -> str:
    """The name in the UI language, falling back to the other script."""
    if current_language() == "ar":
        return arabic or french or ""
    return french or arabic or ""


def entry_name(entry: CatalogueEntry) -> str:
    return in_language(entry.name_ar, entry.name_fr)


def douar_text(choice: DouarChoice) -> str:
    """'Name — commune (code) · Red risk', the level written out, never colour alone."""
    name = isolate_auto(choice.name_fr or choice.name_ar)
    commune = in_language(choice.commune_ar, choice.commune_fr)
    text = f"{name} — {isolate_auto(commune)} (\u2066{choice.code}\u2069)"
    tags = []
    if choice.risk_level in RISK_SHORT:
        tags.append(_(RISK_SHORT[choice.risk_level]))
    if choice.in_round:
        tags.append(_("this round"))
    elif choice.recent:
        tags.append(_("recent"))
    return f"{text} · {' · '.join(tags)}" if tags else text


def quantity(value: float) -> str:
    return format_decimal(value)
