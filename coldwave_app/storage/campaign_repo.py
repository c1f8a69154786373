"""Read queries of a campaign's own set-up: its lead, its cold alerts, its targets.

Writes go through `RecordWriter`; this module only reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class ColdAlertRow:
    id: str
    level: str
    starts_on: str
    ends_on: str | None
    province_codes: tuple[str, ...]
    note: str | None
    lifted_at: str | None


def organisation_exists(db: Database, org_id: str) -> bool:
    row = db.execute("SELECT 1 FROM organisation WHERE id = ? AND deleted = 0", [org_id]).fetchone()
    return row is not None


def campaign_state(db: Database, campaign_id: str) -> tuple[str, str, str | None] | None:
    """(status, period start, period end) of a live campaign, or None."""
    row = db.execute(
        "SELECT status, period_start, period_end FROM campaign WHERE id = ? AND deleted = 0",
        [campaign_id],
    ).fetchone()
    return None if row is None else (str(row[0]), str(row[1]), row[2])


def cold_alert(db: Database, alert_id: str) -> ColdAlertRow | None:
    row = db.execute(
        "SELECT id, level, starts_on, ends_on, province_codes, note, lifted_at "
        "FROM cold_alert WHERE id = ? AND deleted = 0",
        [alert_id],
    ).fetchone()
    if row is None:
        return None
    codes = json.loads(row[4] or "[]")
    return ColdAlertRow(
        str(row[0]), str(row[1]), str(row[2]), row[3], tuple(map(str, codes)), row[5], row[6]
    )
