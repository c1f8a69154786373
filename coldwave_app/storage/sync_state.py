"""The device's side of sync: its outbox batches, push results, cursor and credentials.

Push results and pulled pages move the bookkeeping in the same transaction as the
data they describe, so a crash between two requests can neither lose a change nor
apply a page twice.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def pending_batch(db: Database, *, limit: int) -> list[dict[str, Any]]:
    """The oldest pending local changes, in the shape of `protocol.Change`."""
    rows = db.execute(
        "SELECT change_id, table_name, row_id, op, field, value, hlc, base_hlc, device_id, "
        "user_id, campaign_id, recorded_at FROM outbox ORDER BY seq LIMIT ?",
        [limit],
    ).fetchall()
    return [
        {
            "change_id": r[0],
            "table": r[1],
            "row_id": r[2],
            "op": r[3],
            "field": r[4],
            "value": json.loads(r[5]),
            "hlc": r[6],
            "base_hlc": r[7],
            "device_id": r[8],
            "user_id": r[9],
            "campaign_id": r[10],
            "recorded_at": r[11],
        }
        for r in rows
    ]


def record_push_results(
    db: Database, results: list[tuple[str, str, str | None, int | None]], *, server_url: str
) -> None:
    """Mark each pushed change accepted, duplicate or rejected (then quarantined)."""
    with db.atomic():
        for change_id, status, reason, server_seq in results:
            db.execute(
                "UPDATE change_log SET push_state = ?, server_seq = ? "
                "WHERE change_id = ? AND origin = 'local'",
                [status, server_seq, change_id],
            )
            if status == "rejected":
                payload = db.execute(
                    "SELECT value FROM change_log WHERE change_id = ?", [change_id]
                ).fetchone()
                db.execute(
                    "INSERT INTO quarantine (change_id, direction, reason, payload, received_at) "
                    "VALUES (?, 'push', ?, ?, ?) ON CONFLICT (change_id) DO UPDATE SET "
                    "reason = excluded.reason",
                    [change_id, reason or "rejected", payload[0] if payload else "", _now()],
                )
        touch(db, server_url=server_url, column="last_push_at")


def touch(db: Database, *, server_url: str, column: str) -> None:
    if column not in ("last_push_at", "last_pull_at"):
        raise ValueError(column)
    db.execute(
        f"INSERT INTO sync_state (server_url, {column}) VALUES (?, ?) "
        f"ON CONFLICT (server_url) DO UPDATE SET {column} = excluded.{column}",
        [server_url, _now()],
    )


def cursor(db: Database, *, server_url: str) -> int:
    row = db.execute("SELECT cursor FROM sync_state WHERE server_url = ?", [server_url]).fetchone()
    return int(row[0]) if row else 0


def move_cursor(db: Database, *, server_url: str, to: int) -> None:
    """Inside the page's transaction: the cursor moves with the data or not at all."""
    db.execute(
        "INSERT INTO sync_state (server_url, cursor, last_pull_at) VALUES (?, ?, ?) "
        "ON CONFLICT (server_url) DO UPDATE SET cursor = excluded.cursor, "
        "last_pull_at = excluded.last_pull_at",
        [server_url, to, _now()],
    )


def quarantined_count(db: Database) -> int:
    row = db.execute("SELECT count(*) FROM quarantine WHERE released_at IS NULL").fetchone()
    return int(row[0])
