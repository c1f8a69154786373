"""Closed lists of the outreach track (rural distributions and street rounds).

Stored as these lowercase codes, validated here rather than by CHECK constraints so
a release can add a value without rebuilding a table (see vocabulary.py).
"""

from __future__ import annotations

from enum import StrEnum


class RoundKind(StrEnum):
    RURAL = "rural"  # convoy to douars cut off by snow
    STREET = "street"  # night round (maraude) in a town


class AccessMode(StrEnum):
    ROAD = "road"
    FOUR_BY_FOUR = "4x4"
    MULE = "mule"
    FOOT = "foot"
    HELICOPTER = "helicopter"


class Authority(StrEnum):
    """The local authority present at a distribution (domain.md §4.5)."""

    CAID = "caid"
    CHEIKH = "cheikh"
    MOQADDEM = "moqaddem"
    NONE = "none"


class Proof(StrEnum):
    SIGNATURE = "signature"
    THUMBPRINT = "thumbprint"
    NONE = "none"


class LivingSituation(StrEnum):
    STREET = "street"
    ABANDONED_BUILDING = "abandoned_building"
    MAKESHIFT_SHELTER = "makeshift_shelter"
    VEHICLE = "vehicle"
    STATION = "station"
    OTHER = "other"


class ConditionFlag(StrEnum):
    HYPOTHERMIA_RISK = "hypothermia_risk"
    INJURED = "injured"
    INTOXICATED = "intoxicated"


class EncounterOutcome(StrEnum):
    ACCEPTED_SHELTER = "accepted_shelter"
    REFUSED_SHELTER = "refused_shelter"
    NO_PLACE = "no_place"  # offered, but no bed could be found
    REFERRED_HEALTH = "referred_health"
    STAYED_WITH_ITEMS = "stayed_with_items"  # no shelter offered; items given on the spot


class AgeBand(StrEnum):
    CHILD = "0_17"
    ADULT = "18_59"
    OLDER = "60_plus"
    UNKNOWN = "unknown"


class StockLocationKind(StrEnum):
    WAREHOUSE = "warehouse"
    VEHICLE = "vehicle"
    CENTRE = "centre"


class MovementType(StrEnum):
    RECEIPT = "receipt"
    TRANSFER = "transfer"
    DISTRIBUTION = "distribution"
    LOSS = "loss"
    ADJUSTMENT = "adjustment"


# Tally columns: persons reached by sex and age band; anyone whose sex or age band
# is not known goes in `unknown_sex_age` so the total is still right.
TALLY_COLUMNS = (
    "male_0_17",
    "female_0_17",
    "male_18_59",
    "female_18_59",
    "male_60_plus",
    "female_60_plus",
    "unknown_sex_age",
)

# Who may lift an entitlement limit for one record.
OVERRIDE_ROLES = frozenset({"admin", "campaign_lead"})
