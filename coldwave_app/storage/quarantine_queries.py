"""SQL for the quarantine list: changes refused by the server or not applicable here."""

from __future__ import annotations

from sqlite_utils import Database

__all__ = ["QUARANTINE_COLUMNS", "quarantined_rows", "sync_times"]

QUARANTINE_COLUMNS = ("change_id", "direction", "reason", "received_at", "table_name", "field")


def quarantined_rows(
    db: Database, *, limit: int, offset: int = 0
) -> list[tuple[str, str, str, str, str | None, str | None]]:
    """Unreleased quarantined changes, newest first, with the record type and field
    they touched when the change is known locally (pushed changes always are)."""
    rows = db.execute(
        "SELECT q.change_id, q.direction, q.reason, q.received_at, c.table_name, c.field "
        "FROM quarantine q LEFT JOIN change_log c ON c.change_id = q.change_id "
        "WHERE q.released_at IS NULL ORDER BY q.received_at DESC, q.change_id LIMIT ? OFFSET ?",
        [limit, offset],
    ).fetchall()
    return [tuple(row) for row in rows]


def sync_times(db: Database) -> tuple[str | None, str | None, str | None]:
    """(last push, last pull, last error) over the servers this laptop synced with."""
    row = db.execute(
        "SELECT max(last_push_at), max(last_pull_at), max(last_error) FROM sync_state"
    ).fetchone()
    return (row[0], row[1], row[2]) if row else (None, None, None)
