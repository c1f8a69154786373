"""Read queries behind the outreach screens: douars to pick, a douar's households
with what they received, the catalogue, open rounds, warehouses, tonight's encounters.

Only reads; every write goes through the outreach services. A line counts under
the usual rule (outreach_repo.live): not a void row and not corrected by a later row.
A douar's household list is one query whatever the number of households: the
lines to each household and to each of its members are joined in one pass through
the household and person indexes of `distribution_line`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from coldwave_app.storage.outreach_repo import live

_HOUSEHOLDS = f"""
WITH hh AS (
  SELECT h.id, h.beneficiary_code,
         COALESCE(NULLIF(h.head_name, ''),
                  NULLIF(trim(COALESCE(p.given_name_ar, '') || ' ' ||
                              COALESCE(p.family_name_ar, '')), '')) AS head_ar,
         NULLIF(trim(COALESCE(p.given_name_latn, '') || ' ' ||
                     COALESCE(p.family_name_latn, '')), '') AS head_latn,
         COALESCE(h.size_declared,
                  (SELECT count(*) FROM household_member m
                   WHERE m.household_id = h.id AND m.deleted = 0)) AS members
  FROM household h LEFT JOIN person p ON p.id = h.head_person_id
  WHERE h.geo_code = ? AND h.campaign_id = ? AND h.deleted = 0
),
got AS (
  SELECT l.household_id AS hid, l.kit_type_id, l.item_id, l.qty, e.occurred_on, 0 AS to_person
  FROM hh JOIN distribution_line l ON l.household_id = hh.id
  JOIN distribution_event e ON e.id = l.event_id
  WHERE {live("l", "distribution_line")}
  UNION ALL
  SELECT m.household_id, l.kit_type_id, l.item_id, l.qty, e.occurred_on, 1
  FROM hh JOIN household_member m ON m.household_id = hh.id AND m.deleted = 0
  JOIN distribution_line l ON l.person_id = m.person_id
  JOIN distribution_event e ON e.id = l.event_id
  WHERE {live("l", "distribution_line")}
)
SELECT hh.id, hh.beneficiary_code, hh.head_ar, hh.head_latn, hh.members,
       got.occurred_on, got.qty, got.to_person,
       COALESCE(k.code, i.code), COALESCE(k.name_ar, i.name_ar), COALESCE(k.name_fr, i.name_fr)
FROM hh
LEFT JOIN got ON got.hid = hh.id
LEFT JOIN kit_type k ON k.id = got.kit_type_id
LEFT JOIN item i ON i.id = got.item_id
ORDER BY hh.head_ar, hh.id, got.occurred_on
"""


def household_rows(db: Database, campaign_id: str, geo_code: str) -> list[tuple[Any, ...]]:
    """One row per (household, thing received), or one row with NULLs for a household
    that received nothing: id, code, head (Arabic), head (Latin), members, day, qty,
    to_person (a line to a member), thing code, name_ar, name_fr."""
    return list(db.execute(_HOUSEHOLDS, [geo_code, campaign_id]).fetchall())


def household_members(db: Database, household_id: str) -> list[tuple[str, str, str]]:
    """(person id, Arabic name, Latin name) of a household's live members, head first."""
    rows = db.execute(
        "SELECT p.id, trim(COALESCE(p.given_name_ar, '') || ' ' || COALESCE(p.family_name_ar, '')),"
        " trim(COALESCE(p.given_name_latn, '') || ' ' || COALESCE(p.family_name_latn, '')) "
        "FROM household_member m JOIN person p ON p.id = m.person_id "
        "WHERE m.household_id = ? AND m.deleted = 0 AND p.deleted = 0 "
        "ORDER BY m.relationship <> 'head', p.birth_year, p.id",
        [household_id],
    ).fetchall()
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


def target_levels(db: Database, campaign_id: str) -> dict[str, str]:
    """Douar code -> risk level of the campaign's live targets."""
    rows = db.execute(
        "SELECT geo_code, risk_level FROM campaign_target WHERE campaign_id = ? AND deleted = 0",
        [campaign_id],
    )
    return {str(code): str(level) for code, level in rows}


def recent_douars(db: Database, campaign_id: str, limit: int) -> list[str]:
    """Douar codes of the latest distribution events, most recently recorded first."""
    rows = db.execute(
        "SELECT geo_code FROM distribution_event WHERE campaign_id = ? AND geo_code IS NOT NULL "
        "GROUP BY geo_code ORDER BY max(created_at) DESC LIMIT ?",
        [campaign_id, limit],
    )
    return [str(r[0]) for r in rows]


def douar_rows(db: Database, codes: Sequence[str]) -> list[tuple[Any, ...]]:
    """code, name_ar, name_fr, commune name_ar, commune name_fr of douars, in any order."""
    if not codes:
        return []
    marks = ", ".join("?" for _ in codes)
    return list(
        db.execute(
            "SELECT d.code, d.name_ar, d.name_fr, c.name_ar, c.name_fr "
            "FROM geo_unit d LEFT JOIN geo_unit c ON c.code = d.commune_code "
            f"WHERE d.code IN ({marks}) AND d.level = 'douar'",
            list(codes),
        ).fetchall()
    )


def catalogue_rows(db: Database) -> list[tuple[Any, ...]]:
    """kind ('kit' or 'item'), id, code, name_ar, name_fr, unit, category: kits first."""
    return list(
        db.execute(
            "SELECT 'kit', id, code, name_ar, name_fr, 'kit', 'kit' FROM kit_type "
            "WHERE deleted = 0 "
            "UNION ALL SELECT 'item', id, code, name_ar, name_fr, unit, category FROM item "
            "WHERE deleted = 0 ORDER BY 1 DESC, 3"
        ).fetchall()
    )


def warehouse_rows(db: Database) -> list[tuple[str, str]]:
    rows = db.execute(
        "SELECT id, name FROM stock_location WHERE kind = 'warehouse' AND deleted = 0 ORDER BY name"
    )
    return [(str(r[0]), str(r[1])) for r in rows]


def open_round_rows(db: Database, campaign_id: str) -> list[tuple[Any, ...]]:
    """id, kind, team, vehicle, members (JSON), started_at, zone, itinerary: newest first."""
    return list(
        db.execute(
            "SELECT id, kind, team_name, vehicle, members, started_at, zone, itinerary "
            "FROM outreach_round WHERE campaign_id = ? AND deleted = 0 AND ended_at IS NULL "
            "ORDER BY started_at DESC, id DESC",
            [campaign_id],
        ).fetchall()
    )


def round_event_douars(db: Database, round_id: str) -> list[str]:
    rows = db.execute(
        "SELECT e.geo_code FROM distribution_event e WHERE e.round_id = ? "
        f"AND e.geo_code IS NOT NULL AND {live('e', 'distribution_event')} "
        "GROUP BY e.geo_code ORDER BY min(e.created_at)",
        [round_id],
    )
    return [str(r[0]) for r in rows]


def round_event_on(db: Database, round_id: str, geo_code: str, day: str) -> str | None:
    """The round's live distribution event at a douar on a day, if any."""
    row = db.execute(
        "SELECT e.id FROM distribution_event e WHERE e.round_id = ? AND e.geo_code = ? "
        f"AND e.occurred_on = ? AND {live('e', 'distribution_event')} "
        "ORDER BY e.created_at LIMIT 1",
        [round_id, geo_code, day],
    ).fetchone()
    return None if row is None else str(row[0])


def street_place_rows(db: Database, campaign_id: str) -> list[tuple[str, str]]:
    """(id, name) of the campaign's live field-added places, by name."""
    rows = db.execute(
        "SELECT id, COALESCE(name_latn, name_ar) FROM local_place "
        "WHERE campaign_id = ? AND deleted = 0 ORDER BY 2",
        [campaign_id],
    )
    return [(str(r[0]), str(r[1])) for r in rows]


def person_by_code(db: Database, code: str) -> str | None:
    row = db.execute(
        "SELECT id FROM person WHERE beneficiary_code = ? AND deleted = 0", [code]
    ).fetchone()
    return None if row is None else str(row[0])


_ENCOUNTERS = f"""
SELECT en.id, en.occurred_at, en.person_id, p.beneficiary_code, en.anon_sex, en.anon_age_band,
       en.living_situation, en.shelter_offered, en.outcome,
       COALESCE(lp.name_latn, lp.name_ar, g.name_fr, g.name_ar),
       (SELECT group_concat(i.code || ':' || s.quantity, ',') FROM service_delivery s
        JOIN item i ON i.id = s.item_id WHERE s.encounter_id = en.id)
FROM encounter en
LEFT JOIN person p ON p.id = en.person_id
LEFT JOIN local_place lp ON lp.id = en.local_place_id
LEFT JOIN geo_unit g ON g.code = en.geo_code
WHERE en.campaign_id = ? AND en.occurred_at >= ? AND en.occurred_at < ?
  AND {live("en", "encounter")}
ORDER BY en.occurred_at DESC, en.id DESC
"""


def encounter_rows(db: Database, campaign_id: str, start: str, end: str) -> list[tuple[Any, ...]]:
    """Encounters from `start` (included) to `end` (excluded), ISO timestamps, newest first:
    id, at, person id, person code, sex, age band, situation, offered, outcome, place,
    items as 'CODE:qty,...'."""
    return list(db.execute(_ENCOUNTERS, [campaign_id, start, end]).fetchall())


def campaign_province(db: Database, campaign_id: str) -> str | None:
    row = db.execute("SELECT province_code FROM campaign WHERE id = ?", [campaign_id]).fetchone()
    return None if row is None else str(row[0])


def last_event_at(db: Database, geo_code: str) -> str | None:
    """The latest live distribution event at a douar."""
    row = db.execute(
        "SELECT e.id FROM distribution_event e WHERE e.geo_code = ? "
        f"AND {live('e', 'distribution_event')} ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1",
        [geo_code],
    ).fetchone()
    return None if row is None else str(row[0])


def last_round(db: Database, campaign_id: str, kind: str) -> str | None:
    row = db.execute(
        "SELECT id FROM outreach_round WHERE campaign_id = ? AND kind = ? AND deleted = 0 "
        "ORDER BY started_at DESC, id DESC LIMIT 1",
        [campaign_id, kind],
    ).fetchone()
    return None if row is None else str(row[0])
