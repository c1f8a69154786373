"""Reads for the shelter desk screens: the shelters, the bed board of a night, the
roll-call sheet, a resident's card, and what to show beside each likely duplicate.

Nothing here writes: check-in, roll call, services and check-out are the shelter
service's (services/shelter.py). The service catalogue is the domain's ServiceType.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.shelter_rules import ServiceType, length_of_stay
from coldwave_app.storage import shelter_desk_queries as queries
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.shelter_desk_queries import CardRow, PersonFacts, SheetRow, ShelterRow
from coldwave_app.storage.shelter_repo import ShelterRepo

__all__ = [
    "SERVICE_CATALOGUE",
    "BoardTile",
    "CardRow",
    "NightBoard",
    "PersonFacts",
    "ResidentCard",
    "ServiceLine",
    "SheetRow",
    "ShelterRow",
    "TileState",
    "bed_board_for_night",
    "desk_province",
    "match_facts",
    "resident_card",
    "roll_call_sheet",
    "shelters",
]

SERVICE_CATALOGUE: tuple[ServiceType, ...] = tuple(ServiceType)
"""Services a desk can record during a stay, in the order of their keys (Alt+1...)."""


class TileState(StrEnum):
    """What a bed tile shows. RESERVED: free, but its bed or room takes one sex only."""

    FREE = "free"
    RESERVED = "reserved"
    OCCUPIED = "occupied"
    OVERFLOW = "overflow"  # an overflow bed, free and open (a cold alert is in force)
    OVERFLOW_CLOSED = "overflow_closed"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class BoardTile:
    bed_id: str
    label: str
    room_label: str | None
    state: TileState
    sex_restriction: str | None
    is_overflow: bool
    stay_id: str | None
    person_id: str | None
    occupant_name: str | None
    entry_at: str | None
    nights: int | None  # nights since entry, up to the night shown

    @property
    def takes_check_in(self) -> bool:
        return self.state in (TileState.FREE, TileState.RESERVED, TileState.OVERFLOW)


@dataclass(frozen=True)
class NightBoard:
    night: date
    cold_alert: bool
    tiles: list[BoardTile]

    def count(self, state: TileState) -> int:
        return sum(1 for t in self.tiles if t.state == state)


@dataclass(frozen=True)
class ServiceLine:
    service_type: str
    delivered_at: str
    quantity: float


@dataclass(frozen=True)
class ResidentCard:
    stay: CardRow
    nights: int  # nights since entry (to the exit, or to `as_of` while open)
    services: list[ServiceLine]

    @property
    def is_open(self) -> bool:
        return self.stay.exit_at is None


def shelters(store: LocalStore) -> list[ShelterRow]:
    """The shelters of the open campaign (the board's facility picker)."""
    return queries.shelters(store.db, store.campaign_id)


def _tile_state(bed: queries.NightBed, alert: bool) -> TileState:
    if bed.stay_id is not None:
        return TileState.OCCUPIED  # an occupied bed shows so even when put out of service
    if not bed.active:
        return TileState.INACTIVE
    if bed.is_overflow:
        return TileState.OVERFLOW if alert else TileState.OVERFLOW_CLOSED
    return TileState.RESERVED if bed.sex_restriction else TileState.FREE


def bed_board_for_night(store: LocalStore, *, facility_id: str, night: date) -> NightBoard:
    """Every bed of a shelter with who is in it on `night` and for how many nights."""
    if ShelterRepo(store.db, store.campaign_id).facility_name(facility_id) is None:
        raise InvalidInput(N_("No shelter {id}."), id=facility_id)
    alert = ShelterRepo(store.db, store.campaign_id).active_cold_alert(night) is not None
    tiles = []
    for bed in queries.beds_on_night(store.db, facility_id, night):
        nights = None
        if bed.entry_at is not None:
            nights = length_of_stay(date.fromisoformat(bed.entry_at[:10]), None, as_of=night)
        tiles.append(
            BoardTile(
                bed_id=bed.bed_id,
                label=bed.label,
                room_label=bed.room_label,
                state=_tile_state(bed, alert),
                sex_restriction=bed.sex_restriction,
                is_overflow=bed.is_overflow,
                stay_id=bed.stay_id,
                person_id=bed.person_id,
                occupant_name=bed.occupant_name,
                entry_at=bed.entry_at,
                nights=nights,
            )
        )
    return NightBoard(night, alert, tiles)


def roll_call_sheet(store: LocalStore, *, facility_id: str, night: date) -> list[SheetRow]:
    """Everyone expected in a bed on `night`, by bed, and whose night is already recorded."""
    return queries.roll_call_sheet(store.db, facility_id, night)


def resident_card(
    store: LocalStore, *, stay_id: str, as_of: date, services: int = 5
) -> ResidentCard:
    """A stay with its person, bed, nights so far and its last `services` services."""
    row = queries.stay_card(store.db, stay_id)
    if row is None:
        raise InvalidInput(N_("No stay {id}."), id=stay_id)
    exit_day = date.fromisoformat(row.exit_at[:10]) if row.exit_at else None
    nights = length_of_stay(date.fromisoformat(row.entry_at[:10]), exit_day, as_of=as_of)
    lines = [ServiceLine(*s) for s in queries.last_services(store.db, stay_id, services)]
    return ResidentCard(row, nights, lines)


def match_facts(store: LocalStore, *, person_ids: list[str]) -> list[PersonFacts]:
    """Names, age, sex, code and last stay of likely matches, in the order given."""
    return queries.person_facts(store.db, person_ids)


def desk_province(store: LocalStore) -> str | None:
    """The campaign's province: people registered at the desk are recorded there."""
    return queries.campaign_province(store.db, store.campaign_id)
