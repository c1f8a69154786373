"""The plain data each PDF report is drawn from; coldwave_app.services.report_data fills it.

Names come in both languages (`name_ar`, `name_fr`); the renderer picks. Numbers are
plain numbers, dates plain dates: formatting happens in the renderer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from coldwave_app.reports.pdf_kit import Footer

__all__ = [
    "AlertLine",
    "Card",
    "CardSheet",
    "CaseReport",
    "CentreLine",
    "FamilyContact",
    "Footer",
    "ItemLine",
    "NoteLine",
    "PlaceLine",
    "ReferralLine",
    "Register",
    "RegisterLine",
    "RunSheet",
    "RunSheetHousehold",
    "Sitrep",
    "Withheld",
]


@dataclass(frozen=True)
class CentreLine:
    name_ar: str
    name_fr: str
    persons: int
    bed_nights: int
    occupancy: float  # 0..1


@dataclass(frozen=True)
class ItemLine:
    code: str
    name_ar: str
    name_fr: str
    unit: str
    quantity: float


@dataclass(frozen=True)
class PlaceLine:
    """A commune or a douar with what was reached there."""

    code: str
    name_ar: str
    name_fr: str
    households: int
    persons: int
    risk_level: str | None = None  # douars: red / orange / yellow, None when untargeted
    reached: bool = True
    parent_ar: str = ""
    parent_fr: str = ""


@dataclass(frozen=True)
class AlertLine:
    level: str
    starts_on: dt.date
    ends_on: dt.date | None
    note: str | None


@dataclass(frozen=True)
class Sitrep:
    footer: Footer
    start: dt.date
    end: dt.date
    persons_sheltered: int
    bed_nights: int
    occupancy: float
    centres: list[CentreLine]
    meals: dict[str, float]  # street, centre, total
    items: list[ItemLine]
    households_reached: int
    persons_reached: int
    persons_by_band: dict[str, int]  # male_0_17 ... unknown_sex_age
    douars_by_risk: dict[str, tuple[int, int]]  # level -> (targeted, reached)
    encounters: int
    shelter_accepted: int
    shelter_refused: int
    reintegrations: int
    referrals_sent: int
    referrals_completed: int
    communes: list[PlaceLine]
    douars: list[PlaceLine]
    nightly_occupancy: list[tuple[dt.date, int]]
    alert: AlertLine | None
    province_ar: str = ""
    province_fr: str = ""


@dataclass(frozen=True)
class RunSheetHousehold:
    code: str  # beneficiary code, also in the QR
    head: str
    size: int
    douar_ar: str
    douar_fr: str
    entitled: dict[str, float]  # item label msgid -> quantity for this round
    received: dict[str, float]  # same keys, received so far this campaign


@dataclass(frozen=True)
class RunSheet:
    footer: Footer
    round_label: str
    on: dt.date
    households: list[RunSheetHousehold]
    stock_to_load: list[ItemLine]
    places_ar: list[str] = field(default_factory=list)
    places_fr: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RegisterLine:
    bed: str
    name: str
    code: str
    arrived: dt.date
    nights: int  # nights since arrival, counting this one


@dataclass(frozen=True)
class Register:
    footer: Footer
    centre_ar: str
    centre_fr: str
    night: dt.date
    capacity: int
    residents: list[RegisterLine]
    month_start: dt.date
    month_bed_nights: list[CentreLine]  # per centre over the month


@dataclass(frozen=True)
class Card:
    """One beneficiary card: a person, or a household under its head's name."""

    code: str  # beneficiary code, also in the QR
    kind: str  # "person" or "household"
    name_ar: str
    name_fr: str
    place_ar: str = ""
    place_fr: str = ""
    size: int | None = None  # households: persons in it
    birth_year: int | None = None  # persons


@dataclass(frozen=True)
class CardSheet:
    footer: Footer
    issued_on: dt.date
    cards: list[Card]


@dataclass(frozen=True)
class ReferralLine:
    service: str
    to_ar: str
    to_fr: str
    sent_on: dt.date
    status: str  # a ReferralStatus value
    answered_on: dt.date | None
    outcome: str


@dataclass(frozen=True)
class NoteLine:
    written_on: dt.date
    visibility: str  # a NoteVisibility value
    text: str


@dataclass(frozen=True)
class FamilyContact:
    name: str
    relation: str
    phone: str
    place: str


@dataclass(frozen=True)
class Withheld:
    """Something the summary leaves out: `what` and `why` are msgids, `count` how many
    (None for a single item)."""

    what: str
    why: str
    count: int | None = None


@dataclass(frozen=True)
class CaseReport:
    """The case summary sent with a referral: only what the person's consent allows."""

    footer: Footer
    referral: ReferralLine
    consent_on: dt.date
    household: bool  # the case is a household's (names are its head's)
    code: str
    name_ar: str
    name_fr: str
    known_as: str
    sex: str  # m / f / ""
    birth_year: int | None
    phone: str
    place_ar: str
    place_fr: str
    opened_on: dt.date
    status: str  # a CaseStatus value
    priority: str | None
    needs: list[str]  # Need values
    assessed_on: dt.date | None
    assessment: str
    health_detail: str | None  # None when withheld or empty
    referrals: list[ReferralLine]
    notes: list[NoteLine]
    family: list[FamilyContact]
    withheld: list[Withheld]
