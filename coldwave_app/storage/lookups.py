"""Small read queries services need about the campaign's own set-up."""

from __future__ import annotations

from sqlite_utils import Database


def campaign_header(db: Database, campaign_id: str) -> tuple[str, str, str, str | None, str | None]:
    """(id, name, province code, province name ar, province name fr), or KeyError."""
    row = db.execute(
        "SELECT c.id, c.name, c.province_code, g.name_ar, g.name_fr FROM campaign c "
        "LEFT JOIN geo_unit g ON g.code = c.province_code WHERE c.id = ?",
        [campaign_id],
    ).fetchone()
    if row is None:
        raise KeyError(campaign_id)
    return (row[0], row[1], row[2], row[3], row[4])


def last_sync_at(db: Database) -> str | None:
    row = db.execute("SELECT max(last_pull_at) FROM sync_state").fetchone()
    return None if row is None or row[0] is None else str(row[0])


def catalogue_ids(db: Database, campaign_id: str) -> dict[str, str]:
    """Item and kit-type ids by code, for the live records of a campaign."""
    rows = db.execute(
        "SELECT code, id FROM item WHERE campaign_id = ? AND deleted = 0 "
        "UNION ALL SELECT code, id FROM kit_type WHERE campaign_id = ? AND deleted = 0",
        [campaign_id, campaign_id],
    ).fetchall()
    return {str(code): str(row_id) for code, row_id in rows}


def facility_ids(db: Database, campaign_id: str, *, kind: str) -> list[str]:
    rows = db.execute(
        "SELECT id FROM facility WHERE campaign_id = ? AND kind = ? AND deleted = 0 ORDER BY id",
        [campaign_id, kind],
    ).fetchall()
    return [str(r[0]) for r in rows]
