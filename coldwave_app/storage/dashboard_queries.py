"""Read-only queries behind the campaign lead's dashboard (services.dashboard shapes them)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from coldwave_app.storage.indicator_queries import live, not_voided

__all__ = ["GivenPerDay", "TargetRow", "given_per_day", "province_of", "targets"]


@dataclass(frozen=True)
class GivenPerDay:
    day: str
    kits: float
    items: float


@dataclass(frozen=True)
class TargetRow:
    geo_code: str
    risk_level: str
    target_households: int | None


def given_per_day(db: Database, campaign_id: str, start: str, end: str) -> list[GivenPerDay]:
    """Kits and item units handed out per day of the period (voided lines left out)."""
    rows = db.execute(
        "SELECT substr(e.occurred_on, 1, 10) AS day, "
        "SUM(CASE WHEN l.kit_type_id IS NOT NULL THEN l.qty ELSE 0 END), "
        "SUM(CASE WHEN l.item_id IS NOT NULL THEN l.qty ELSE 0 END) "
        "FROM distribution_line l JOIN distribution_event e ON e.id = l.event_id "
        f"WHERE e.campaign_id = ? AND e.occurred_on BETWEEN ? AND ? "
        f"AND {live('l', 'distribution_line')} AND {not_voided('e', 'distribution_event')} "
        "GROUP BY day ORDER BY day",
        [campaign_id, start, end + "\uffff"],
    ).fetchall()
    return [GivenPerDay(str(r[0]), float(r[1] or 0), float(r[2] or 0)) for r in rows]


def targets(db: Database, campaign_id: str) -> list[TargetRow]:
    """The campaign's targeted places with their risk level and household target."""
    rows = db.execute(
        "SELECT geo_code, risk_level, target_households FROM campaign_target "
        "WHERE campaign_id = ? AND deleted = 0 ORDER BY geo_code",
        [campaign_id],
    ).fetchall()
    return [TargetRow(str(r[0]), str(r[1]), None if r[2] is None else int(r[2])) for r in rows]


def province_of(db: Database, campaign_id: str) -> str:
    """The campaign's province code ('' when the campaign is unknown)."""
    row = db.execute("SELECT province_code FROM campaign WHERE id = ?", [campaign_id]).fetchone()
    return "" if row is None or row[0] is None else str(row[0])
