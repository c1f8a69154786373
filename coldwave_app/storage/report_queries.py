"""Read-only queries behind the PDF reports (services.report_data shapes their rows)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from coldwave_app.storage.indicator_queries import live, not_voided
from coldwave_app.storage.shelter_repo import LIVE_BED_NIGHT, PERSON_NAME

__all__ = [
    "AssessmentRow",
    "CardRow",
    "ContactRow",
    "FacilityRow",
    "HouseholdRow",
    "IdentityRow",
    "ResidentRow",
    "campaign_header",
    "card_households",
    "card_persons",
    "consent_given_on",
    "encounter_outcomes",
    "facilities",
    "family_contacts",
    "household_code_and_place",
    "household_items",
    "households_of",
    "items",
    "kit_names",
    "latest_assessment",
    "night_residents",
    "organisation_names",
    "person_identity",
    "referrals_sent",
    "target_levels",
]


@dataclass(frozen=True)
class FacilityRow:
    id: str
    name_ar: str
    name_fr: str
    capacity_beds: int


@dataclass(frozen=True)
class HouseholdRow:
    id: str
    code: str
    head: str
    size: int
    geo_code: str | None


@dataclass(frozen=True)
class ResidentRow:
    bed: str
    name: str
    code: str
    entry_at: str


def campaign_header(db: Database, campaign_id: str) -> tuple[str, str, str, str]:
    """(campaign name, lead organisation's French name, its Arabic name, province code)."""
    row = db.execute(
        "SELECT c.name, COALESCE(o.name_fr, ''), COALESCE(o.name_ar, ''), "
        "COALESCE(c.province_code, '') FROM campaign c "
        "LEFT JOIN organisation o ON o.id = c.lead_org_id WHERE c.id = ?",
        [campaign_id],
    ).fetchone()
    if row is None:
        return "", "", "", ""
    return str(row[0] or ""), str(row[1]), str(row[2]), str(row[3])


def facilities(db: Database, campaign_id: str) -> list[FacilityRow]:
    rows = db.execute(
        "SELECT id, COALESCE(name_ar, ''), COALESCE(name_fr, ''), COALESCE(capacity_beds, 0) "
        "FROM facility WHERE campaign_id = ? AND deleted = 0 ORDER BY name_fr",
        [campaign_id],
    ).fetchall()
    return [FacilityRow(*r) for r in rows]


def items(db: Database, campaign_id: str) -> dict[str, tuple[str, str, str]]:
    """Item code -> (name_ar, name_fr, unit)."""
    rows = db.execute(
        "SELECT code, COALESCE(name_ar, ''), COALESCE(name_fr, ''), COALESCE(unit, '') "
        "FROM item WHERE campaign_id = ? AND deleted = 0",
        [campaign_id],
    ).fetchall()
    return {str(r[0]): (str(r[1]), str(r[2]), str(r[3])) for r in rows}


def target_levels(db: Database, campaign_id: str) -> dict[str, str]:
    """Targeted douar code -> risk level."""
    rows = db.execute(
        "SELECT geo_code, risk_level FROM campaign_target WHERE campaign_id = ? AND deleted = 0",
        [campaign_id],
    ).fetchall()
    return {str(code): str(level) for code, level in rows}


def kit_names(db: Database, campaign_id: str) -> tuple[str, str]:
    """(name_ar, name_fr) of the campaign's first kit type."""
    row = db.execute(
        "SELECT COALESCE(name_ar, ''), COALESCE(name_fr, '') FROM kit_type "
        "WHERE campaign_id = ? AND deleted = 0 ORDER BY code LIMIT 1",
        [campaign_id],
    ).fetchone()
    return (str(row[0]), str(row[1])) if row else ("", "")


def encounter_outcomes(db: Database, campaign_id: str, start: str, end: str) -> dict[str, int]:
    """Live street encounters of the period by outcome ("" when none was recorded)."""
    rows = db.execute(
        "SELECT COALESCE(e.outcome, ''), count(*) FROM encounter e WHERE e.campaign_id = ? "
        f"AND substr(e.occurred_at, 1, 10) BETWEEN ? AND ? AND {live('e', 'encounter')} "
        "GROUP BY 1",
        [campaign_id, start, end],
    ).fetchall()
    return {str(k): int(n) for k, n in rows}


def referrals_sent(db: Database, campaign_id: str, start: str, end: str) -> int:
    row = db.execute(
        "SELECT count(*) FROM referral WHERE campaign_id = ? AND deleted = 0 "
        "AND sent_on BETWEEN ? AND ?",
        [campaign_id, start, end],
    ).fetchone()
    return int(row[0])


def households_of(db: Database, campaign_id: str, geo_codes: list[str]) -> list[HouseholdRow]:
    """Households living in the douars, with the head's name (or the first member's)."""
    marks = ", ".join("?" for _ in geo_codes)
    rows = db.execute(
        f"SELECT h.id, h.beneficiary_code, COALESCE(NULLIF(h.head_name, ''), "
        f"(SELECT {PERSON_NAME} FROM person p WHERE p.id = h.head_person_id), "
        f"(SELECT {PERSON_NAME} FROM household_member m JOIN person p ON p.id = m.person_id "
        "  WHERE m.household_id = h.id AND m.deleted = 0 ORDER BY m.id LIMIT 1), ''), "
        "COALESCE(h.size_declared, (SELECT count(*) FROM household_member m "
        "  WHERE m.household_id = h.id AND m.deleted = 0), 0), h.geo_code "
        f"FROM household h WHERE h.campaign_id = ? AND h.deleted = 0 AND h.geo_code IN ({marks}) "
        "ORDER BY h.geo_code, h.beneficiary_code",
        [campaign_id, *geo_codes],
    ).fetchall()
    return [HouseholdRow(r[0], r[1], str(r[2]), int(r[3]), r[4]) for r in rows]


def household_items(db: Database, household_ids: list[str]) -> dict[str, dict[str, float]]:
    """Household id -> item or kit code -> quantity received (live lines of the household
    or of its members)."""
    if not household_ids:
        return {}
    marks = ", ".join("?" for _ in household_ids)
    rows = db.execute(
        "SELECT hh, code, sum(qty) FROM ("
        "  SELECT COALESCE(l.household_id, m.household_id) AS hh, "
        "    COALESCE(i.code, k.code) AS code, l.qty AS qty "
        "  FROM distribution_line l JOIN distribution_event ev ON ev.id = l.event_id "
        "  LEFT JOIN household_member m ON m.person_id = l.person_id AND m.deleted = 0 "
        "  LEFT JOIN item i ON i.id = l.item_id LEFT JOIN kit_type k ON k.id = l.kit_type_id "
        f"  WHERE {live('l', 'distribution_line')} AND {not_voided('ev', 'distribution_event')}"
        f") WHERE hh IN ({marks}) GROUP BY hh, code",
        household_ids,
    ).fetchall()
    found: dict[str, dict[str, float]] = {}
    for household, code, qty in rows:
        found.setdefault(str(household), {})[str(code)] = float(qty)
    return found


def night_residents(db: Database, facility_id: str, night: str) -> list[ResidentRow]:
    """Who had a live bed night in a facility on a night, by bed."""
    rows = db.execute(
        f"SELECT COALESCE(b.label, ''), {PERSON_NAME}, p.beneficiary_code, s.entry_at "
        "FROM bed_night bn JOIN stay s ON s.id = bn.stay_id "
        "JOIN person p ON p.id = bn.person_id LEFT JOIN bed b ON b.id = bn.bed_id "
        f"WHERE bn.facility_id = ? AND bn.night_date = ? AND {LIVE_BED_NIGHT} "
        "ORDER BY COALESCE(b.sort_order, 0), b.label",
        [facility_id, night],
    ).fetchall()
    return [ResidentRow(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]


# --- beneficiary cards and case summaries --------------------------------------------

NAME_AR = "trim(COALESCE(p.given_name_ar, '') || ' ' || COALESCE(p.family_name_ar, ''))"
NAME_LATN = "trim(COALESCE(p.given_name_latn, '') || ' ' || COALESCE(p.family_name_latn, ''))"


@dataclass(frozen=True)
class CardRow:
    code: str
    name_ar: str  # "" when not recorded in Arabic script
    name_latn: str  # "" when not recorded in Latin script
    known_as: str
    geo_code: str | None
    size: int | None  # households
    birth_year: int | None  # persons


def card_households(db: Database, campaign_id: str, geo_code: str) -> list[CardRow]:
    """Live households of a douar with their head's names, by beneficiary code."""
    rows = db.execute(
        f"SELECT h.beneficiary_code, COALESCE({NAME_AR}, ''), COALESCE({NAME_LATN}, ''), "
        "COALESCE(NULLIF(p.known_as, ''), NULLIF(h.head_name, ''), ''), h.geo_code, "
        "COALESCE(h.size_declared, (SELECT count(*) FROM household_member m "
        "  WHERE m.household_id = h.id AND m.deleted = 0), 0) "
        "FROM household h LEFT JOIN person p ON p.id = h.head_person_id AND p.deleted = 0 "
        "WHERE h.campaign_id = ? AND h.deleted = 0 AND h.geo_code = ? "
        "ORDER BY h.beneficiary_code",
        [campaign_id, geo_code],
    ).fetchall()
    return [
        CardRow(str(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4], int(r[5]), None) for r in rows
    ]


def card_persons(db: Database, person_ids: list[str]) -> dict[str, CardRow]:
    """Person id -> card row of each live person found (the douar of their household)."""
    if not person_ids:
        return {}
    marks = ", ".join("?" for _ in person_ids)
    rows = db.execute(
        f"SELECT p.id, p.beneficiary_code, COALESCE({NAME_AR}, ''), COALESCE({NAME_LATN}, ''), "
        "COALESCE(p.known_as, ''), COALESCE((SELECT h.geo_code FROM household_member m "
        "  JOIN household h ON h.id = m.household_id WHERE m.person_id = p.id "
        "  AND m.deleted = 0 AND h.deleted = 0 ORDER BY m.id LIMIT 1), p.origin_geo_code), "
        "COALESCE(p.birth_year, CAST(substr(p.dob, 1, 4) AS INTEGER)) "
        f"FROM person p WHERE p.deleted = 0 AND p.id IN ({marks})",
        person_ids,
    ).fetchall()
    return {
        str(r[0]): CardRow(str(r[1]), str(r[2]), str(r[3]), str(r[4]), r[5], None, r[6])
        for r in rows
    }


@dataclass(frozen=True)
class IdentityRow:
    code: str
    name_ar: str
    name_latn: str
    known_as: str
    sex: str
    birth_year: int | None
    phone: str
    geo_code: str | None


def person_identity(db: Database, person_id: str) -> IdentityRow | None:
    row = db.execute(
        f"SELECT p.beneficiary_code, COALESCE({NAME_AR}, ''), COALESCE({NAME_LATN}, ''), "
        "COALESCE(p.known_as, ''), COALESCE(p.sex, ''), "
        "COALESCE(p.birth_year, CAST(substr(p.dob, 1, 4) AS INTEGER)), COALESCE(p.phone, ''), "
        "COALESCE((SELECT h.geo_code FROM household_member m JOIN household h "
        "  ON h.id = m.household_id WHERE m.person_id = p.id AND m.deleted = 0 "
        "  AND h.deleted = 0 ORDER BY m.id LIMIT 1), p.origin_geo_code) "
        "FROM person p WHERE p.id = ? AND p.deleted = 0",
        [person_id],
    ).fetchone()
    if row is None:
        return None
    return IdentityRow(
        str(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]), row[5], str(row[6]), row[7]
    )


def household_code_and_place(db: Database, household_id: str) -> tuple[str, str | None]:
    row = db.execute(
        "SELECT beneficiary_code, geo_code FROM household WHERE id = ?", [household_id]
    ).fetchone()
    return ("", None) if row is None else (str(row[0]), row[1])


@dataclass(frozen=True)
class AssessmentRow:
    assessed_on: str
    needs: str  # JSON list
    priority: str | None
    summary: str
    restricted_detail: str


def latest_assessment(db: Database, case_id: str) -> AssessmentRow | None:
    row = db.execute(
        "SELECT assessed_on, needs, priority, COALESCE(summary, ''), "
        "COALESCE(restricted_detail, '') FROM intake_assessment "
        "WHERE case_id = ? AND deleted = 0 ORDER BY assessed_on DESC, hlc DESC LIMIT 1",
        [case_id],
    ).fetchone()
    return None if row is None else AssessmentRow(*row)


@dataclass(frozen=True)
class ContactRow:
    name: str
    relation: str
    phone: str
    place: str


def family_contacts(db: Database, case_id: str) -> list[ContactRow]:
    """Family contacts recorded for the case's reintegrations (those with any detail)."""
    rows = db.execute(
        "SELECT COALESCE(contact_name, ''), COALESCE(contact_relation, ''), "
        "COALESCE(contact_phone, ''), COALESCE(contact_place, '') FROM family_reintegration "
        "WHERE case_id = ? AND deleted = 0 ORDER BY hlc",
        [case_id],
    ).fetchall()
    return [ContactRow(*r) for r in rows if any(r)]


def organisation_names(db: Database) -> dict[str, tuple[str, str]]:
    """Organisation and facility id -> (name_ar, name_fr)."""
    rows = db.execute(
        "SELECT id, COALESCE(name_ar, ''), COALESCE(name_fr, '') FROM organisation "
        "WHERE deleted = 0 UNION ALL SELECT id, COALESCE(name_ar, ''), COALESCE(name_fr, '') "
        "FROM facility WHERE deleted = 0"
    ).fetchall()
    return {str(r[0]): (str(r[1]), str(r[2])) for r in rows}


def consent_given_on(db: Database, consent_id: str) -> str:
    row = db.execute("SELECT given_on FROM consent WHERE id = ?", [consent_id]).fetchone()
    return "" if row is None else str(row[0])
