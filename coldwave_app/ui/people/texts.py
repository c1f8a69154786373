"""What the people screens print: field labels, codes in words, names and dates.

Labels are msgids (N_) translated when shown, so a language switch only needs the
screen to set its texts again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _, current_language, isolate_auto, isolate_ltr
from coldwave_app.i18n.formatting import format_date, format_number
from coldwave_app.services.people_pages import HouseholdHit, PersonHit

FIELD_LABELS: Final[dict[str, str]] = {
    "beneficiary_code": N_("Beneficiary code"),
    "given_name_ar": N_("Given name (Arabic)"),
    "family_name_ar": N_("Family name (Arabic)"),
    "given_name_latn": N_("Given name (Latin)"),
    "family_name_latn": N_("Family name (Latin)"),
    "known_as": N_("Known as"),
    "aliases": N_("Aliases"),
    "name_quality": N_("Name quality"),
    "sex": N_("Sex"),
    "dob": N_("Date of birth"),
    "birth_year": N_("Birth year"),
    "dob_quality": N_("Birth date quality"),
    "age_estimated_on": N_("Age estimated on"),
    "nationality": N_("Nationality"),
    "languages": N_("Languages"),
    "origin_geo_code": N_("Douar of origin"),
    "province_code": N_("Province"),
    "cin_masked": N_("CIN (masked)"),
    "cin_quality": N_("CIN quality"),
    "phone": N_("Phone"),
    "household": N_("Household"),
    "created_at": N_("Registered on"),
    "created_anyway_of": N_("Registered despite likely matches"),
    "stays": N_("Shelter stays"),
    "items": N_("Items received"),
    "cases": N_("Cases"),
}

SEX_LABELS: Final = {"m": N_("Man"), "f": N_("Woman"), "u": N_("Unknown sex")}
QUALITY_LABELS: Final = {
    "full": N_("complete"),
    "partial": N_("partial"),
    "alias": N_("nickname only"),
    "refused": N_("refused"),
    "unknown": N_("unknown"),
}
RELATIONSHIP_LABELS: Final = {
    "head": N_("head of household"),
    "spouse": N_("spouse"),
    "child": N_("child"),
    "parent": N_("parent"),
    "sibling": N_("brother or sister"),
    "grandchild": N_("grandchild"),
    "grandparent": N_("grandparent"),
    "other_relative": N_("other relative"),
    "non_relative": N_("not related"),
}
_DATE_FIELDS: Final = frozenset({"dob", "age_estimated_on", "created_at"})


def day_first(text: str | None) -> str:
    """An ISO date or timestamp as a day-first date in the UI language ("" when empty)."""
    if not text:
        return ""
    try:
        return format_date(dt.date.fromisoformat(str(text)[:10]))
    except ValueError:
        return str(text)


def person_name(person: PersonHit) -> str:
    """The name to show: the script of the UI first, then the other, then the nickname."""
    names = [person.name_ar, person.name_latn]
    if current_language() != "ar":
        names.reverse()
    for name in (*names, person.known_as or ""):
        if name.strip():
            return isolate_auto(name)
    return _("(no name)")


def other_script_name(person: PersonHit) -> str:
    shown = person_name(person)
    rest = [n for n in (person.name_ar, person.name_latn, person.known_as or "") if n.strip()]
    return " · ".join(isolate_auto(n) for n in rest if isolate_auto(n) != shown)


def household_head(household: HouseholdHit) -> str:
    names = [household.head_ar, household.head_latn]
    if current_language() != "ar":
        names.reverse()
    return next((isolate_auto(n) for n in names if n), _("(no name)"))


def place_name(name_ar: str | None, name_fr: str | None) -> str:
    first, second = (name_fr, name_ar) if current_language() == "fr" else (name_ar, name_fr)
    return isolate_auto(first or second or "")


def code(text: str | None) -> str:
    return isolate_ltr(text) if text else ""


def number(value: float | int | None) -> str:
    return "" if value is None else format_number(value)


def field_value(field: str, value: Any) -> str:
    """A stored field value as a person reads it."""
    if value is None or value == "":
        return "—"
    if field == "sex":
        return _(SEX_LABELS.get(str(value), str(value)))
    if field.endswith("_quality"):
        return _(QUALITY_LABELS.get(str(value), str(value)))
    if field in _DATE_FIELDS:
        return day_first(str(value))
    if field == "created_anyway_of":
        return _("yes")
    if isinstance(value, int | float):
        return str(value) if field == "birth_year" else format_number(value)
    if field in ("beneficiary_code", "cin_masked", "phone") or str(value)[:1].isdigit():
        return isolate_ltr(str(value))
    return isolate_auto(str(value))


def relationship(code_: str) -> str:
    return _(RELATIONSHIP_LABELS.get(code_, code_))
