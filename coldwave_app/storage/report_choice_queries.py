"""Read-only queries that list what a report can be made for (douars, centres, referrals)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

__all__ = [
    "DouarChoiceRow",
    "ReferralChoiceRow",
    "campaign_period",
    "douars_with_households",
    "last_activity_day",
    "referral_choices",
]


@dataclass(frozen=True)
class DouarChoiceRow:
    code: str
    households: int


@dataclass(frozen=True)
class ReferralChoiceRow:
    id: str
    sent_on: str
    service_type: str
    status: str
    person_code: str


def douars_with_households(db: Database, campaign_id: str) -> list[DouarChoiceRow]:
    """Places holding at least one live household of the campaign, most households first."""
    rows = db.execute(
        "SELECT geo_code, count(*) FROM household "
        "WHERE campaign_id = ? AND deleted = 0 AND geo_code IS NOT NULL "
        "GROUP BY geo_code ORDER BY count(*) DESC, geo_code",
        [campaign_id],
    ).fetchall()
    return [DouarChoiceRow(str(r[0]), int(r[1])) for r in rows]


def referral_choices(db: Database, campaign_id: str, limit: int = 500) -> list[ReferralChoiceRow]:
    """The latest referrals of the campaign with the beneficiary code of the person."""
    rows = db.execute(
        "SELECT r.id, r.sent_on, r.service_type, r.status, COALESCE(p.beneficiary_code, '') "
        "FROM referral r JOIN case_file c ON c.id = r.case_id "
        "LEFT JOIN person p ON p.id = c.person_id "
        "WHERE r.campaign_id = ? AND r.deleted = 0 "
        "ORDER BY r.sent_on DESC, r.id LIMIT ?",
        [campaign_id, limit],
    ).fetchall()
    return [ReferralChoiceRow(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]


def campaign_period(db: Database, campaign_id: str) -> tuple[str | None, str | None]:
    """The campaign's (period_start, period_end) as stored (ISO text, end may be None)."""
    row = db.execute(
        "SELECT period_start, period_end FROM campaign WHERE id = ?", [campaign_id]
    ).fetchone()
    if row is None:
        return None, None
    return (str(row[0]) if row[0] else None), (str(row[1]) if row[1] else None)


def last_activity_day(db: Database, campaign_id: str) -> str | None:
    """The latest night or distribution day recorded (ISO), None on an empty campaign.

    Uses the (campaign_id, ...) indexes through max() on each table: no full scan.
    """
    row = db.execute(
        "SELECT max(d) FROM ("
        "SELECT max(night_date) AS d FROM bed_night WHERE campaign_id = ? "
        "UNION ALL SELECT max(occurred_on) FROM distribution_event WHERE campaign_id = ?)",
        [campaign_id, campaign_id],
    ).fetchone()
    return str(row[0])[:10] if row and row[0] else None
