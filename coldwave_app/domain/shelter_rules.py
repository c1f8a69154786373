"""Shelter vocabulary and the small rules about nights, stays and beds.

A "night" is named by the date of its evening: the night of 3 January runs from the
evening of the 3rd to the morning of the 4th. A stay covers a night when the person
entered on or before that date and had not left by then (an exit on the morning of
the 4th still covers the night of the 3rd). Only a roll call turns a covered night
into a bed night; these helpers never count one on their own.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum


class EntryRoute(StrEnum):
    """Who brought the person to the door (the centres' intake register)."""

    OUTREACH_TEAM = "outreach_team"
    SELF = "self"
    POLICE_AUTHORITY = "police_authority"
    HOSPITAL = "hospital"
    FAMILY = "family"


class ExitDestination(StrEnum):
    """Where the person went; the campaign report counts exits by destination."""

    FAMILY_REINTEGRATION = "family_reintegration"
    CARE_INSTITUTION = "care_institution"
    HOSPITAL = "hospital"  # general or psychiatric hospital
    OWN_HOUSING = "own_housing"
    LEFT_WITHOUT_NOTICE = "left_without_notice"
    REFUSED = "refused"
    TRANSFERRED = "transferred"
    DECEASED = "deceased"
    UNKNOWN = "unknown"


class ServiceType(StrEnum):
    """Services given during a stay."""

    MEAL = "meal"
    SHOWER = "shower"
    CLOTHES = "clothes"
    HEALTH_CHECK = "health_check"
    FIRST_AID = "first_aid"
    PSYCHOLOGICAL_SUPPORT = "psychological_support"
    ACTIVITY = "activity"
    ADMINISTRATIVE_HELP = "administrative_help"
    FAMILY_MEDIATION = "family_mediation"


class AlertLevel(StrEnum):
    """Levels of the national weather vigilance bulletins."""

    YELLOW = "yellow"
    ORANGE = "orange"
    RED = "red"


class BedState(StrEnum):
    FREE = "free"
    OCCUPIED = "occupied"
    OVERFLOW_CLOSED = "overflow_closed"
    INACTIVE = "inactive"


def nights_between(start: date, end: date) -> int:
    """Nights from the evening of `start` to the morning of `end` (0 if not after)."""
    return max((end - start).days, 0)


def length_of_stay(entry: date, exit_: date | None, *, as_of: date) -> int:
    """Nights a stay has spanned so far; an open stay runs to `as_of`."""
    return nights_between(entry, exit_ if exit_ is not None else as_of)


def stay_covers_night(entry: date, exit_: date | None, night: date) -> bool:
    """Whether a person in this stay was expected in a bed on `night`."""
    return entry <= night and (exit_ is None or exit_ > night)


def bed_accepts(sex_restriction: str | None, person_sex: str) -> bool:
    """A bed (or its room) restricted to one sex takes only persons recorded as that sex.

    A person of unknown sex goes to an unrestricted bed: staff decide, not the app.
    """
    return not sex_restriction or sex_restriction == person_sex


def roll_call_is_late(night: date, now: datetime) -> bool:
    """A roll call completed after the day of its night (the next morning's catch-up)."""
    return now.date() > night
