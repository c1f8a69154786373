"""Read queries behind the shelter desk screens: shelters, the board of one night,
the roll-call sheet, a resident's card and the facts shown beside a likely duplicate.

Read-only; writes go through services/shelter.py. Nights are named by the date of
their evening (domain.shelter_rules), so "who is in a bed on night N" is the stays
covering N, not the stays open now.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from coldwave_app.storage.shelter_repo import COVERS_NIGHT, LIVE_BED_NIGHT, PERSON_NAME


@dataclass(frozen=True)
class ShelterRow:
    id: str
    name_fr: str | None
    name_ar: str | None


@dataclass(frozen=True)
class NightBed:
    bed_id: str
    label: str
    room_label: str | None
    sex_restriction: str | None
    is_overflow: bool
    active: bool
    stay_id: str | None
    person_id: str | None
    occupant_name: str | None
    entry_at: str | None


@dataclass(frozen=True)
class SheetRow:
    stay_id: str
    person_id: str
    name: str
    bed_label: str | None
    entry_at: str
    recorded: bool  # a live bed night exists for this stay and night


@dataclass(frozen=True)
class CardRow:
    stay_id: str
    person_id: str
    facility_id: str
    name: str
    name_ar: str | None
    name_latn: str | None
    sex: str
    birth_year: int | None
    beneficiary_code: str
    cin_masked: str | None
    bed_id: str | None
    bed_label: str | None
    entry_at: str
    entry_route: str
    exit_at: str | None
    exit_destination: str | None
    bed_nights: int


@dataclass(frozen=True)
class PersonFacts:
    person_id: str
    name_ar: str | None
    name_latn: str | None
    known_as: str | None
    sex: str
    birth_year: int | None
    beneficiary_code: str
    cin_masked: str | None
    last_facility: str | None  # French name (else Arabic)
    last_entry_at: str | None
    last_exit_at: str | None  # None with last_entry_at set: staying now
    last_facility_ar: str | None = None


_NAME_AR = (
    "NULLIF(trim(COALESCE(p.given_name_ar, '') || ' ' || COALESCE(p.family_name_ar, '')), '')"
)
_NAME_LATN = (
    "NULLIF(trim(COALESCE(p.given_name_latn, '') || ' ' || COALESCE(p.family_name_latn, '')), '')"
)


def shelters(db: Database, campaign_id: str | None) -> list[ShelterRow]:
    """Live facilities of kind shelter in a campaign, by French name."""
    rows = db.execute(
        "SELECT id, name_fr, name_ar FROM facility "
        "WHERE deleted = 0 AND kind = 'shelter' AND campaign_id = ? "
        "ORDER BY COALESCE(name_fr, name_ar, id)",
        [campaign_id],
    ).fetchall()
    return [ShelterRow(*row) for row in rows]


def beds_on_night(db: Database, facility_id: str, night: date) -> list[NightBed]:
    """Every bed of a facility with the stay covering `night` in it, in display order."""
    rows = db.execute(
        "SELECT b.id, b.label, r.label, COALESCE(b.sex_restriction, r.sex_restriction), "
        f"b.is_overflow, b.active, s.id, s.person_id, {PERSON_NAME}, s.entry_at "
        "FROM bed b LEFT JOIN room r ON r.id = b.room_id "
        f"LEFT JOIN stay s ON s.bed_id = b.id AND s.deleted = 0 AND {COVERS_NIGHT} "
        "LEFT JOIN person p ON p.id = s.person_id "
        "WHERE b.facility_id = :facility AND b.deleted = 0 "
        "ORDER BY COALESCE(b.sort_order, 1000000), b.label, s.entry_at",
        {"facility": facility_id, "night": night.isoformat()},
    ).fetchall()
    seen: set[str] = set()
    beds = []
    for row in rows:
        if row[0] in seen:  # two stays on one bed that night (a move): keep the first
            continue
        seen.add(row[0])
        beds.append(
            NightBed(
                bed_id=row[0],
                label=row[1],
                room_label=row[2],
                sex_restriction=row[3],
                is_overflow=bool(row[4]),
                active=bool(row[5]),
                stay_id=row[6],
                person_id=row[7],
                occupant_name=row[8] if row[6] is not None else None,
                entry_at=row[9],
            )
        )
    return beds


def roll_call_sheet(db: Database, facility_id: str, night: date) -> list[SheetRow]:
    """Stays covering `night`, with whether that night is already recorded, by bed."""
    rows = db.execute(
        f"SELECT s.id, s.person_id, {PERSON_NAME}, b.label, s.entry_at, "
        "EXISTS (SELECT 1 FROM bed_night bn WHERE bn.stay_id = s.id "
        f"AND bn.night_date = :night AND {LIVE_BED_NIGHT}) "
        "FROM stay s JOIN person p ON p.id = s.person_id "
        "LEFT JOIN bed b ON b.id = s.bed_id "
        f"WHERE s.facility_id = :facility AND s.deleted = 0 AND {COVERS_NIGHT} "
        "ORDER BY COALESCE(b.sort_order, 1000000), b.label, s.entry_at",
        {"facility": facility_id, "night": night.isoformat()},
    ).fetchall()
    return [SheetRow(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]


def stay_card(db: Database, stay_id: str) -> CardRow | None:
    """A stay with its person and bed, for the resident's card."""
    row = db.execute(
        f"SELECT s.id, s.person_id, s.facility_id, {PERSON_NAME}, {_NAME_AR}, {_NAME_LATN}, "
        "p.sex, p.birth_year, p.beneficiary_code, p.cin_masked, s.bed_id, b.label, "
        "s.entry_at, s.entry_route, s.exit_at, s.exit_destination, "
        f"(SELECT count(*) FROM bed_night bn WHERE bn.stay_id = s.id AND {LIVE_BED_NIGHT}) "
        "FROM stay s JOIN person p ON p.id = s.person_id "
        "LEFT JOIN bed b ON b.id = s.bed_id "
        "WHERE s.id = ? AND s.deleted = 0",
        [stay_id],
    ).fetchone()
    return None if row is None else CardRow(*row)


def last_services(db: Database, stay_id: str, limit: int) -> list[tuple[str, str, float]]:
    """(service type, delivered at, quantity) of a stay, newest first; voided rows left out."""
    rows = db.execute(
        "SELECT sd.service_type, sd.delivered_at, sd.quantity FROM service_delivery sd "
        "WHERE sd.stay_id = ? AND COALESCE(sd.correction_kind, '') <> 'void' "
        "AND NOT EXISTS (SELECT 1 FROM service_delivery c WHERE c.corrects_id = sd.id) "
        "ORDER BY sd.delivered_at DESC, sd.id DESC LIMIT ?",
        [stay_id, limit],
    ).fetchall()
    return [(str(r[0]), str(r[1]), float(r[2])) for r in rows]


def person_facts(db: Database, person_ids: Sequence[str]) -> list[PersonFacts]:
    """Identity and last shelter stay of each person, in the order of `person_ids`."""
    if not person_ids:
        return []
    marks = ", ".join("?" for _ in person_ids)
    rows = db.execute(
        f"SELECT p.id, {_NAME_AR}, {_NAME_LATN}, p.known_as, p.sex, p.birth_year, "
        "p.beneficiary_code, p.cin_masked, "
        "COALESCE(f.name_fr, f.name_ar), s.entry_at, s.exit_at, f.name_ar "
        "FROM person p "
        "LEFT JOIN stay s ON s.id = (SELECT s2.id FROM stay s2 WHERE s2.person_id = p.id "
        "AND s2.deleted = 0 ORDER BY s2.entry_at DESC LIMIT 1) "
        "LEFT JOIN facility f ON f.id = s.facility_id "
        f"WHERE p.deleted = 0 AND p.id IN ({marks})",
        list(person_ids),
    ).fetchall()
    found = {r[0]: PersonFacts(*r) for r in rows}
    return [found[pid] for pid in person_ids if pid in found]


def campaign_province(db: Database, campaign_id: str | None) -> str | None:
    """Province code of a live campaign (where the desk registers people)."""
    row = db.execute(
        "SELECT province_code FROM campaign WHERE id = ? AND deleted = 0", [campaign_id]
    ).fetchone()
    return None if row is None else str(row[0])
