"""The closed lists of values records use, with the reasons for their shape.

Values are stored as these lowercase codes; labels are translated at the edge.
They are validated here rather than with CHECK constraints so that a release can
add a value without rebuilding a table.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CAMPAIGN_LEAD = "campaign_lead"
    SHELTER_STAFF = "shelter_staff"
    OUTREACH_WORKER = "outreach_worker"
    SOCIAL_WORKER = "social_worker"
    HEALTH_WORKER = "health_worker"
    VIEWER = "viewer"


class RiskLevel(StrEnum):
    """Interior ranking of douars by how long they can stay cut off."""

    RED = "red"  # more than 4 days
    ORANGE = "orange"  # 2 to 4 days
    YELLOW = "yellow"  # under 2 days


class DataQuality(StrEnum):
    """HMIS-style companion of every identifier: never fake a value."""

    FULL = "full"
    PARTIAL = "partial"
    ALIAS = "alias"
    REFUSED = "refused"
    UNKNOWN = "unknown"


class Sex(StrEnum):
    MALE = "m"
    FEMALE = "f"
    UNKNOWN = "u"


class FacilityKind(StrEnum):
    SHELTER = "shelter"
    EPS = "eps"
    WINDOW = "window"
    HEALTH_POST = "health_post"


class ItemCategory(StrEnum):
    FOOD = "food"
    MEAL = "meal"
    BLANKET = "blanket"
    MAT = "mat"
    CLOTHING = "clothing"
    HEATING = "heating"
    HYGIENE = "hygiene"
