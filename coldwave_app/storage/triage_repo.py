"""Read queries behind the triage score: what is recorded of a person's or a
household's frailty and exposure to the cold (services/triage.py scores it).

Events count under the usual rule: not a void row, not corrected by a later row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from coldwave_app.storage.indicator_queries import live


@dataclass(frozen=True)
class HouseholdFacts:
    id: str
    beneficiary_code: str
    head_name: str | None
    geo_code: str | None
    vulnerability_flags: tuple[str, ...]
    counts_by_sex_age: dict[str, int]


@dataclass(frozen=True)
class PersonFacts:
    id: str
    birth_year: int | None
    dob: str | None


_HOUSEHOLD_COLUMNS = (
    "h.id, h.beneficiary_code, h.head_name, h.geo_code, h.vulnerability_flags, h.counts_by_sex_age"
)


def _household(row: tuple[object, ...]) -> HouseholdFacts:
    flags = json.loads(str(row[4] or "[]"))
    counts = json.loads(str(row[5])) if row[5] else {}
    return HouseholdFacts(
        id=str(row[0]),
        beneficiary_code=str(row[1]),
        head_name=None if row[2] is None else str(row[2]),
        geo_code=None if row[3] is None else str(row[3]),
        vulnerability_flags=tuple(map(str, flags)),
        counts_by_sex_age={str(k): int(v) for k, v in counts.items()},
    )


def households_of_douar(db: Database, campaign_id: str, douar_code: str) -> list[HouseholdFacts]:
    rows = db.execute(
        f"SELECT {_HOUSEHOLD_COLUMNS} FROM household h "
        "WHERE h.campaign_id = ? AND h.geo_code = ? AND h.deleted = 0 ORDER BY h.id",
        [campaign_id, douar_code],
    ).fetchall()
    return [_household(r) for r in rows]


def household(db: Database, household_id: str) -> HouseholdFacts | None:
    row = db.execute(
        f"SELECT {_HOUSEHOLD_COLUMNS} FROM household h WHERE h.id = ? AND h.deleted = 0",
        [household_id],
    ).fetchone()
    return None if row is None else _household(row)


def members(db: Database, household_ids: list[str]) -> dict[str, list[PersonFacts]]:
    """Registered members of households, by household."""
    out: dict[str, list[PersonFacts]] = {h: [] for h in household_ids}
    if not household_ids:
        return out
    marks = ", ".join("?" for _ in household_ids)
    rows = db.execute(
        "SELECT m.household_id, p.id, p.birth_year, p.dob FROM household_member m "
        "JOIN person p ON p.id = m.person_id AND p.deleted = 0 "
        f"WHERE m.deleted = 0 AND m.household_id IN ({marks}) ORDER BY p.id",
        household_ids,
    ).fetchall()
    for household_id, pid, year, dob in rows:
        out[str(household_id)].append(PersonFacts(str(pid), year, dob))
    return out


def person(db: Database, person_id: str) -> PersonFacts | None:
    row = db.execute(
        "SELECT id, birth_year, dob FROM person WHERE id = ? AND deleted = 0", [person_id]
    ).fetchone()
    return None if row is None else PersonFacts(str(row[0]), row[1], row[2])


def health_categories(db: Database, person_ids: list[str], up_to: str) -> dict[str, set[str]]:
    """Categories of live health observations made on or before a day, per person."""
    out: dict[str, set[str]] = {p: set() for p in person_ids}
    if not person_ids:
        return out
    marks = ", ".join("?" for _ in person_ids)
    rows = db.execute(
        "SELECT DISTINCT o.person_id, o.category FROM health_observation o "
        f"WHERE o.person_id IN ({marks}) AND o.observed_on <= ? "
        f"AND {live('o', 'health_observation')}",
        [*person_ids, up_to],
    ).fetchall()
    for pid, category in rows:
        out[str(pid)].add(str(category))
    return out


def latest_situations(
    db: Database, person_ids: list[str], up_to: str
) -> dict[str, tuple[str | None, str | None]]:
    """(living situation, douar) of each person's latest live encounter on or before a day."""
    if not person_ids:
        return {}
    marks = ", ".join("?" for _ in person_ids)
    rows = db.execute(
        "SELECT person_id, living_situation, geo_code FROM ("
        "SELECT e.person_id, e.living_situation, e.geo_code, ROW_NUMBER() OVER "
        "(PARTITION BY e.person_id ORDER BY e.occurred_at DESC, e.hlc DESC) AS rn "
        f"FROM encounter e WHERE e.person_id IN ({marks}) "
        f"AND substr(e.occurred_at, 1, 10) <= ? AND {live('e', 'encounter')}) WHERE rn = 1",
        [*person_ids, up_to],
    ).fetchall()
    return {str(p): (s, g) for p, s, g in rows}


def open_stay_persons(db: Database, person_ids: list[str], on: str) -> set[str]:
    """Which of these persons had a shelter stay covering the night of `on`."""
    if not person_ids:
        return set()
    marks = ", ".join("?" for _ in person_ids)
    rows = db.execute(
        f"SELECT DISTINCT s.person_id FROM stay s WHERE s.person_id IN ({marks}) "
        "AND s.deleted = 0 AND substr(s.entry_at, 1, 10) <= ? "
        "AND (s.exit_at IS NULL OR substr(s.exit_at, 1, 10) > ?)",
        [*person_ids, on, on],
    ).fetchall()
    return {str(r[0]) for r in rows}


def households_of_person(db: Database, person_ids: list[str]) -> list[str | None]:
    """Douars of the households these persons belong to."""
    if not person_ids:
        return []
    marks = ", ".join("?" for _ in person_ids)
    rows = db.execute(
        "SELECT DISTINCT h.geo_code FROM household_member m "
        "JOIN household h ON h.id = m.household_id AND h.deleted = 0 "
        f"WHERE m.deleted = 0 AND m.person_id IN ({marks}) ORDER BY h.geo_code",
        person_ids,
    ).fetchall()
    return [None if r[0] is None else str(r[0]) for r in rows]
