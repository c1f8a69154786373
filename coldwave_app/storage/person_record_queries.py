"""Read queries behind one person's record view: identity, health observations,
family contacts. Plain rows; what a role may see is decided in services.person_record."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class IdentityRow:
    id: str
    beneficiary_code: str
    name_ar: str
    name_latn: str
    sex: str
    birth_year: int | None
    cin_masked: str | None


@dataclass(frozen=True)
class HealthRow:
    id: str
    observed_on: str
    category: str
    text: str
    urgent: bool


@dataclass(frozen=True)
class ContactRow:
    id: str
    name: str
    relation: str
    phone: str
    place: str


def identity(db: Database, person_id: str) -> IdentityRow | None:
    row = db.execute(
        "SELECT id, beneficiary_code, "
        "trim(COALESCE(given_name_ar, '') || ' ' || COALESCE(family_name_ar, '')), "
        "trim(COALESCE(given_name_latn, '') || ' ' || COALESCE(family_name_latn, '')), "
        "sex, birth_year, cin_masked FROM person WHERE id = ? AND deleted = 0",
        [person_id],
    ).fetchone()
    return None if row is None else IdentityRow(*row)


def health_observations(db: Database, person_id: str) -> list[HealthRow]:
    """Live observations (not voided, not amended away), oldest first."""
    rows = db.execute(
        "SELECT h.id, h.observed_on, h.category, COALESCE(h.text, ''), h.urgent "
        "FROM health_observation h WHERE h.person_id = ? "
        "AND h.correction_kind IS NOT 'void' "
        "AND NOT EXISTS (SELECT 1 FROM health_observation c WHERE c.corrects_id = h.id) "
        "ORDER BY h.observed_on, h.id",
        [person_id],
    ).fetchall()
    return [HealthRow(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]


def family_contacts(db: Database, person_id: str) -> list[ContactRow]:
    """Family contacts of the person's case files (reintegration records)."""
    rows = db.execute(
        "SELECT f.id, COALESCE(f.contact_name, ''), COALESCE(f.contact_relation, ''), "
        "COALESCE(f.contact_phone, ''), COALESCE(f.contact_place, '') "
        "FROM family_reintegration f JOIN case_file c ON c.id = f.case_id "
        "WHERE c.person_id = ? AND f.deleted = 0 AND c.deleted = 0 ORDER BY f.created_at, f.id",
        [person_id],
    ).fetchall()
    return [ContactRow(*r) for r in rows]
