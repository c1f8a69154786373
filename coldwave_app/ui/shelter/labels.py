"""The words the shelter desk shows for stored codes (services, exits, routes, beds, sex).

Codes are stored as the domain's lowercase values; these msgids are translated
when shown, so a language switch re-labels everything without re-reading data.
"""

from __future__ import annotations

from typing import Final

from coldwave_app.domain.errors import N_
from coldwave_app.domain.shelter_rules import EntryRoute, ExitDestination, ServiceType
from coldwave_app.domain.vocabulary import Sex
from coldwave_app.i18n import _
from coldwave_app.services.shelter_desk import TileState

SERVICE_LABELS: Final[dict[str, str]] = {
    ServiceType.MEAL: N_("Meal"),
    ServiceType.SHOWER: N_("Shower"),
    ServiceType.CLOTHES: N_("Clothes"),
    ServiceType.HEALTH_CHECK: N_("Medical check-up"),
    ServiceType.FIRST_AID: N_("First aid"),
    ServiceType.PSYCHOLOGICAL_SUPPORT: N_("Psychological support"),
    ServiceType.ACTIVITY: N_("Activity"),
    ServiceType.ADMINISTRATIVE_HELP: N_("Administrative help"),
    ServiceType.FAMILY_MEDIATION: N_("Family mediation"),
}

EXIT_LABELS: Final[dict[str, str]] = {
    ExitDestination.FAMILY_REINTEGRATION: N_("Back to the family"),
    ExitDestination.CARE_INSTITUTION: N_("Care institution"),
    ExitDestination.HOSPITAL: N_("Hospital"),
    ExitDestination.OWN_HOUSING: N_("Own housing"),
    ExitDestination.LEFT_WITHOUT_NOTICE: N_("Left without notice"),
    ExitDestination.REFUSED: N_("Refused to stay"),
    ExitDestination.TRANSFERRED: N_("Transferred to another centre"),
    ExitDestination.DECEASED: N_("Deceased"),
    ExitDestination.UNKNOWN: N_("Unknown"),
}

ROUTE_LABELS: Final[dict[str, str]] = {
    EntryRoute.SELF: N_("Came on their own"),
    EntryRoute.OUTREACH_TEAM: N_("Outreach team"),
    EntryRoute.POLICE_AUTHORITY: N_("Police or local authority"),
    EntryRoute.HOSPITAL: N_("Hospital"),
    EntryRoute.FAMILY: N_("Family"),
}

TILE_LABELS: Final[dict[str, str]] = {
    TileState.FREE: N_("Free"),
    TileState.RESERVED: N_("Reserved"),
    TileState.OCCUPIED: N_("Occupied"),
    TileState.OVERFLOW: N_("Overflow, open"),
    TileState.OVERFLOW_CLOSED: N_("Overflow, closed"),
    TileState.INACTIVE: N_("Out of service"),
}

SEX_LABELS: Final[dict[str, str]] = {
    Sex.MALE: N_("Male"),
    Sex.FEMALE: N_("Female"),
    Sex.UNKNOWN: N_("Unknown"),
}

RESERVED_FOR: Final[dict[str, str]] = {
    Sex.MALE: N_("Men only"),
    Sex.FEMALE: N_("Women only"),
}


def label(table: dict[str, str], code: str | None) -> str:
    """The translated label of a code; an unknown code is shown as it is."""
    if code is None:
        return ""
    msgid = table.get(code)
    return _(msgid) if msgid is not None else code
