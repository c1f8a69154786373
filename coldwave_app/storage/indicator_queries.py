"""Read queries behind the campaign indicators (services/indicators.py defines them).

Every query is scoped to one campaign and a period of days, both ends included
(ISO dates compared as text; `substr(x, 1, 10)` takes the day of a timestamp).
An event row counts under the usual rule (digest.record_counts): not a void row
and not corrected by a later row, an amend row being the live version of its
original. A line or a tally item whose parent event or tally was voided does not
count either. Persons are returned as raw ids: the service counts a merged group
once, since merges are a service-level notion (dedup.canonical_person_ids).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from coldwave_app.domain.outreach_rules import TALLY_COLUMNS


def live(alias: str, table: str) -> str:
    """SQL condition: event row `alias` of `table` counts (not voided, not superseded)."""
    return (
        f"COALESCE({alias}.correction_kind, '') <> 'void' "
        f"AND NOT EXISTS (SELECT 1 FROM {table} c_{alias} WHERE c_{alias}.corrects_id = {alias}.id)"
    )


def not_voided(alias: str, table: str) -> str:
    """SQL condition: parent event `alias` was not voided. An amended parent still
    holds its lines, which name the original row."""
    return (
        f"COALESCE({alias}.correction_kind, '') <> 'void' AND NOT EXISTS (SELECT 1 FROM "
        f"{table} v_{alias} WHERE v_{alias}.corrects_id = {alias}.id "
        f"AND v_{alias}.correction_kind = 'void')"
    )


def _facility(alias: str, facility_id: str | None) -> tuple[str, list[str]]:
    if facility_id is None:
        return "", []
    return f" AND {alias}.facility_id = ?", [facility_id]


# --- street track -------------------------------------------------------------------


def person_contacts(
    db: Database, campaign_id: str, start: str, end: str
) -> list[tuple[str, str, bool]]:
    """(person id, day of first contact ever, contacted in the period in this campaign).

    A contact is anything that shows the person was met: registration, an
    encounter, a stay, a line or service given to them, a case opened for them.
    The first contact is looked for in every campaign on this laptop, so that a
    person already known from last winter is not "new"."""
    sql = f"""
    WITH contacts(person_id, campaign_id, day) AS (
      SELECT p.id, p.campaign_id, substr(p.created_at, 1, 10) FROM person p WHERE p.deleted = 0
      UNION ALL
      SELECT e.person_id, e.campaign_id, substr(e.occurred_at, 1, 10) FROM encounter e
      WHERE e.person_id IS NOT NULL AND {live("e", "encounter")}
      UNION ALL
      SELECT s.person_id, s.campaign_id, substr(s.entry_at, 1, 10) FROM stay s
      WHERE s.deleted = 0
      UNION ALL
      SELECT l.person_id, l.campaign_id, ev.occurred_on FROM distribution_line l
      JOIN distribution_event ev ON ev.id = l.event_id
      WHERE l.person_id IS NOT NULL AND {live("l", "distribution_line")}
        AND {not_voided("ev", "distribution_event")}
      UNION ALL
      SELECT d.person_id, d.campaign_id, substr(d.delivered_at, 1, 10) FROM service_delivery d
      WHERE d.person_id IS NOT NULL AND {live("d", "service_delivery")}
      UNION ALL
      SELECT k.person_id, k.campaign_id, substr(k.opened_at, 1, 10) FROM case_file k
      WHERE k.person_id IS NOT NULL AND k.deleted = 0
    )
    SELECT c.person_id, min(c.day),
           max(c.campaign_id = :campaign AND c.day BETWEEN :start AND :end)
    FROM contacts c JOIN person p ON p.id = c.person_id AND p.deleted = 0
    GROUP BY c.person_id
    """
    rows = db.execute(sql, {"campaign": campaign_id, "start": start, "end": end}).fetchall()
    return [(str(r[0]), str(r[1]), bool(r[2])) for r in rows]


def anonymous_encounters_by_sex(
    db: Database, campaign_id: str, start: str, end: str
) -> dict[str, int]:
    """Live encounters with no registered person in the period, by described sex."""
    rows = db.execute(
        "SELECT COALESCE(e.anon_sex, 'u'), count(*) FROM encounter e "
        "WHERE e.campaign_id = ? AND e.person_id IS NULL "
        f"AND substr(e.occurred_at, 1, 10) BETWEEN ? AND ? AND {live('e', 'encounter')} "
        "GROUP BY 1 ORDER BY 1",
        [campaign_id, start, end],
    ).fetchall()
    return {str(sex): int(n) for sex, n in rows}


def encounters_with_outcome(
    db: Database, campaign_id: str, start: str, end: str, outcome: str
) -> int:
    """Live encounters (registered or anonymous) of the period with one outcome."""
    row = db.execute(
        "SELECT count(*) FROM encounter e WHERE e.campaign_id = ? AND e.outcome = ? "
        f"AND substr(e.occurred_at, 1, 10) BETWEEN ? AND ? AND {live('e', 'encounter')}",
        [campaign_id, outcome, start, end],
    ).fetchone()
    return int(row[0])


def bed_night_persons(
    db: Database, campaign_id: str, start: str, end: str, facility_id: str | None
) -> list[str]:
    """Persons with at least one live bed night in the period (raw ids)."""
    extra, params = _facility("bn", facility_id)
    rows = db.execute(
        "SELECT DISTINCT bn.person_id FROM bed_night bn WHERE bn.campaign_id = ? "
        f"AND bn.night_date BETWEEN ? AND ? AND {live('bn', 'bed_night')}{extra}",
        [campaign_id, start, end, *params],
    ).fetchall()
    return [str(r[0]) for r in rows]


def bed_nights(
    db: Database, campaign_id: str, start: str, end: str, facility_id: str | None
) -> list[tuple[str, str, int]]:
    """(facility id, night, live bed nights) for every night of the period with any."""
    extra, params = _facility("bn", facility_id)
    rows = db.execute(
        "SELECT bn.facility_id, bn.night_date, count(*) FROM bed_night bn "
        "WHERE bn.campaign_id = ? AND bn.night_date BETWEEN ? AND ? "
        f"AND {live('bn', 'bed_night')}{extra} GROUP BY 1, 2 ORDER BY 1, 2",
        [campaign_id, start, end, *params],
    ).fetchall()
    return [(str(f), str(n), int(c)) for f, n, c in rows]


def facility_nights(
    db: Database, campaign_id: str, start: str, end: str
) -> list[tuple[str, str, int, int]]:
    """(facility id, night, live bed nights, distinct persons) for every night with any,
    all centres in one pass (the per-centre lines of a report)."""
    rows = db.execute(
        "SELECT bn.facility_id, bn.night_date, count(*), count(DISTINCT bn.person_id) "
        "FROM bed_night bn WHERE bn.campaign_id = ? AND bn.night_date BETWEEN ? AND ? "
        f"AND {live('bn', 'bed_night')} GROUP BY 1, 2 ORDER BY 1, 2",
        [campaign_id, start, end],
    ).fetchall()
    return [(str(f), str(n), int(c), int(p)) for f, n, c, p in rows]


def facility_persons(db: Database, campaign_id: str, start: str, end: str) -> list[tuple[str, str]]:
    """(facility id, person id) of every person with a live bed night there in the period."""
    rows = db.execute(
        "SELECT DISTINCT bn.facility_id, bn.person_id FROM bed_night bn "
        "WHERE bn.campaign_id = ? AND bn.night_date BETWEEN ? AND ? "
        f"AND {live('bn', 'bed_night')}",
        [campaign_id, start, end],
    ).fetchall()
    return [(str(f), str(p)) for f, p in rows]


def bed_capacity(db: Database, facility_ids: list[str]) -> dict[str, tuple[int, int]]:
    """(active regular beds, active overflow beds) per facility."""
    if not facility_ids:
        return {}
    marks = ", ".join("?" for _ in facility_ids)
    rows = db.execute(
        "SELECT b.facility_id, COALESCE(sum(b.is_overflow = 0), 0), "
        "COALESCE(sum(b.is_overflow = 1), 0) FROM bed b "
        f"WHERE b.facility_id IN ({marks}) AND b.active = 1 AND b.deleted = 0 "
        "GROUP BY b.facility_id",
        facility_ids,
    ).fetchall()
    return {str(f): (int(r), int(o)) for f, r, o in rows}


def cold_alert_periods(db: Database, campaign_id: str) -> list[tuple[str, str | None]]:
    """(first day, last day or None) of the campaign's alerts covering its province;
    a lifted alert ends the day before it was lifted."""
    rows = db.execute(
        "SELECT a.starts_on, a.ends_on, substr(a.lifted_at, 1, 10) FROM cold_alert a "
        "JOIN campaign c ON c.id = a.campaign_id WHERE a.campaign_id = ? AND a.deleted = 0 "
        "AND EXISTS (SELECT 1 FROM json_each(a.province_codes) j "
        "WHERE j.value = c.province_code)",
        [campaign_id],
    ).fetchall()
    out: list[tuple[str, str | None]] = []
    for starts, ends, lifted in rows:
        last = ends
        if lifted is not None:
            before_lift = str(lifted)
            # Lifted on day D: the alert covered the nights before D only.
            last = min(last, _day_before(before_lift)) if last else _day_before(before_lift)
        out.append((str(starts), None if last is None else str(last)))
    return out


def _day_before(day: str) -> str:
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


def admissions(
    db: Database, campaign_id: str, start: str, end: str, facility_id: str | None
) -> int:
    extra, params = _facility("s", facility_id)
    row = db.execute(
        "SELECT count(*) FROM stay s WHERE s.campaign_id = ? AND s.deleted = 0 "
        f"AND substr(s.entry_at, 1, 10) BETWEEN ? AND ?{extra}",
        [campaign_id, start, end, *params],
    ).fetchone()
    return int(row[0])


def closed_stays(
    db: Database, campaign_id: str, start: str, end: str, facility_id: str | None
) -> list[tuple[str, str, str, str | None]]:
    """(person id, entry day, exit day, destination) of stays ended in the period."""
    extra, params = _facility("s", facility_id)
    rows = db.execute(
        "SELECT s.person_id, substr(s.entry_at, 1, 10), substr(s.exit_at, 1, 10), "
        "s.exit_destination FROM stay s WHERE s.campaign_id = ? AND s.deleted = 0 "
        f"AND s.exit_at IS NOT NULL AND substr(s.exit_at, 1, 10) BETWEEN ? AND ?{extra}",
        [campaign_id, start, end, *params],
    ).fetchall()
    return [(str(p), str(a), str(b), None if d is None else str(d)) for p, a, b, d in rows]


def centre_meals(
    db: Database, campaign_id: str, start: str, end: str, facility_id: str | None
) -> float:
    """Meals served to residents: meal services recorded during a stay."""
    extra, params = _facility("d", facility_id)
    row = db.execute(
        "SELECT COALESCE(sum(d.quantity), 0) FROM service_delivery d "
        "WHERE d.campaign_id = ? AND d.service_type = 'meal' AND d.stay_id IS NOT NULL "
        f"AND substr(d.delivered_at, 1, 10) BETWEEN ? AND ? "
        f"AND {live('d', 'service_delivery')}{extra}",
        [campaign_id, start, end, *params],
    ).fetchone()
    return float(row[0])


# --- items ----------------------------------------------------------------------------

# Items given outside a centre in the period, kits broken into their components:
# distribution lines (day of their event), anonymous tally items (day of the
# tally) and items handed over in a street encounter (service rows naming it).
_GIVEN_ITEMS = f"""
WITH given(item_id, kit_type_id, qty) AS (
  SELECT l.item_id, l.kit_type_id, l.qty FROM distribution_line l
  JOIN distribution_event ev ON ev.id = l.event_id
  WHERE l.campaign_id = :campaign AND ev.occurred_on BETWEEN :start AND :end
    AND {live("l", "distribution_line")} AND {not_voided("ev", "distribution_event")}
  UNION ALL
  SELECT ti.item_id, ti.kit_type_id, ti.qty FROM tally_item ti JOIN tally t ON t.id = ti.tally_id
  WHERE ti.campaign_id = :campaign AND substr(t.occurred_at, 1, 10) BETWEEN :start AND :end
    AND {live("ti", "tally_item")} AND {not_voided("t", "tally")}
  UNION ALL
  SELECT d.item_id, NULL, d.quantity FROM service_delivery d
  WHERE d.campaign_id = :campaign AND d.encounter_id IS NOT NULL AND d.item_id IS NOT NULL
    AND substr(d.delivered_at, 1, 10) BETWEEN :start AND :end
    AND {live("d", "service_delivery")}
),
expanded(item_id, qty) AS (
  SELECT item_id, qty FROM given WHERE item_id IS NOT NULL
  UNION ALL
  SELECT k.item_id, g.qty * k.qty FROM given g
  JOIN kit_component k ON k.kit_type_id = g.kit_type_id AND k.deleted = 0
  WHERE g.kit_type_id IS NOT NULL
)
"""


def items_given(db: Database, campaign_id: str, start: str, end: str) -> dict[str, float]:
    """Quantity given per item code in the period (see _GIVEN_ITEMS)."""
    rows = db.execute(
        _GIVEN_ITEMS + "SELECT i.code, sum(e.qty) FROM expanded e JOIN item i ON i.id = e.item_id "
        "GROUP BY i.code ORDER BY i.code",
        {"campaign": campaign_id, "start": start, "end": end},
    ).fetchall()
    return {str(code): float(total) for code, total in rows}


def street_meals(db: Database, campaign_id: str, start: str, end: str) -> float:
    """Meal-category items given outside a centre in the period."""
    row = db.execute(
        _GIVEN_ITEMS + "SELECT COALESCE(sum(e.qty), 0) FROM expanded e "
        "JOIN item i ON i.id = e.item_id WHERE i.category = 'meal'",
        {"campaign": campaign_id, "start": start, "end": end},
    ).fetchone()
    return float(row[0])


# --- rural track: reach -----------------------------------------------------------------


@dataclass(frozen=True)
class ReachedHousehold:
    household_id: str
    geo_code: str | None  # where it was reached, else where it lives
    size_declared: int | None
    counts_by_sex_age: str | None  # JSON


@dataclass(frozen=True)
class PersonBrief:
    person_id: str
    sex: str
    birth_year: int | None


@dataclass(frozen=True)
class TallyCounts:
    geo_code: str | None
    households: int
    persons: dict[str, int]  # by TALLY_COLUMNS


def reached_households(
    db: Database, campaign_id: str, start: str, end: str
) -> list[ReachedHousehold]:
    """Households given a live line in the period, once per douar they were reached in."""
    rows = db.execute(
        "SELECT DISTINCT h.id, COALESCE(ev.geo_code, h.geo_code), h.size_declared, "
        "h.counts_by_sex_age FROM distribution_line l "
        "JOIN distribution_event ev ON ev.id = l.event_id "
        # The covering index of migration 0004, named: without ANALYZE statistics SQLite
        # takes the primary key and reads a household row per line (400,000 a season).
        "JOIN household h INDEXED BY ix_household_reach ON h.id = l.household_id "
        "AND h.deleted = 0 "
        "WHERE l.campaign_id = ? AND ev.occurred_on BETWEEN ? AND ? "
        f"AND {live('l', 'distribution_line')} AND {not_voided('ev', 'distribution_event')}",
        [campaign_id, start, end],
    ).fetchall()
    return [ReachedHousehold(str(r[0]), r[1], r[2], r[3]) for r in rows]


def reached_persons(
    db: Database, campaign_id: str, start: str, end: str
) -> list[tuple[str, str | None]]:
    """(person id, douar) of persons given a live line of their own in the period."""
    rows = db.execute(
        "SELECT DISTINCT l.person_id, ev.geo_code FROM distribution_line l "
        "JOIN distribution_event ev ON ev.id = l.event_id "
        "WHERE l.campaign_id = ? AND l.person_id IS NOT NULL "
        "AND ev.occurred_on BETWEEN ? AND ? "
        f"AND {live('l', 'distribution_line')} AND {not_voided('ev', 'distribution_event')}",
        [campaign_id, start, end],
    ).fetchall()
    return [(str(p), g) for p, g in rows]


def household_members(db: Database, household_ids: list[str]) -> dict[str, list[str]]:
    """Registered members (person ids) of households, by household."""
    out: dict[str, list[str]] = {h: [] for h in household_ids}
    for chunk in _chunks(household_ids):
        marks = ", ".join("?" for _ in chunk)
        rows = db.execute(
            "SELECT m.household_id, m.person_id FROM household_member m "
            "JOIN person p ON p.id = m.person_id AND p.deleted = 0 "
            f"WHERE m.deleted = 0 AND m.household_id IN ({marks}) ORDER BY m.person_id",
            chunk,
        ).fetchall()
        for household_id, person_id in rows:
            out[str(household_id)].append(str(person_id))
    return out


def person_briefs(db: Database, person_ids: list[str]) -> dict[str, PersonBrief]:
    out: dict[str, PersonBrief] = {}
    for chunk in _chunks(person_ids):
        marks = ", ".join("?" for _ in chunk)
        rows = db.execute(
            f"SELECT id, sex, birth_year FROM person WHERE id IN ({marks})", chunk
        ).fetchall()
        for pid, sex, year in rows:
            out[str(pid)] = PersonBrief(str(pid), str(sex), year)
    return out


def tallies(db: Database, campaign_id: str, start: str, end: str) -> list[TallyCounts]:
    """Live anonymous tallies of the period with their counts."""
    columns = ", ".join(f"t.{c}" for c in TALLY_COLUMNS)
    rows = db.execute(
        f"SELECT t.geo_code, t.households, {columns} FROM tally t WHERE t.campaign_id = ? "
        f"AND substr(t.occurred_at, 1, 10) BETWEEN ? AND ? AND {live('t', 'tally')}",
        [campaign_id, start, end],
    ).fetchall()
    return [
        TallyCounts(r[0], int(r[1]), dict(zip(TALLY_COLUMNS, map(int, r[2:]), strict=True)))
        for r in rows
    ]


def targets(db: Database, campaign_id: str) -> dict[str, tuple[str, int | None]]:
    """Targeted place code -> (risk level, altitude) of the campaign."""
    rows = db.execute(
        "SELECT geo_code, risk_level, altitude_m FROM campaign_target "
        "WHERE campaign_id = ? AND deleted = 0 ORDER BY hlc",
        [campaign_id],
    ).fetchall()
    # A douar targeted twice keeps its latest ranking.
    return {str(g): (str(r), a) for g, r, a in rows}


def communes_of(db: Database, codes: list[str]) -> dict[str, str | None]:
    """Commune code of each place code (for targets set at commune level)."""
    out: dict[str, str | None] = {}
    for chunk in _chunks(codes):
        marks = ", ".join("?" for _ in chunk)
        rows = db.execute(
            f"SELECT code, commune_code FROM geo_unit WHERE code IN ({marks})", chunk
        ).fetchall()
        out.update({str(c): (None if m is None else str(m)) for c, m in rows})
    return out


# --- case work ----------------------------------------------------------------------------


def returns_to_family(db: Database, campaign_id: str, start: str, end: str) -> list[str]:
    """Who went back to their family in the period through case work: the case's
    person id, or `case:<id>` for a case opened on a household."""
    rows = db.execute(
        "SELECT COALESCE(c.person_id, 'case:' || c.id) FROM family_reintegration r "
        "JOIN case_file c ON c.id = r.case_id AND c.deleted = 0 "
        "WHERE r.campaign_id = ? AND r.deleted = 0 AND r.status = 'returned' "
        "AND r.reintegrated_on BETWEEN ? AND ?",
        [campaign_id, start, end],
    ).fetchall()
    return [str(r[0]) for r in rows]


def completed_referrals(db: Database, campaign_id: str, start: str, end: str) -> int:
    row = db.execute(
        "SELECT count(*) FROM referral r JOIN case_file c ON c.id = r.case_id AND c.deleted = 0 "
        "WHERE r.campaign_id = ? AND r.deleted = 0 AND r.status = 'completed' "
        "AND r.feedback_on BETWEEN ? AND ?",
        [campaign_id, start, end],
    ).fetchone()
    return int(row[0])


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    # SQLite limits the number of bound parameters of one statement.
    return [values[i : i + size] for i in range(0, len(values), size)]
