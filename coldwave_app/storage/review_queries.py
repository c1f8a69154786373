"""Read-only queries over the review queue (cross-device findings pulled from the server)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

__all__ = ["ReviewRow", "open_counts", "review_rows", "status_of"]


@dataclass(frozen=True)
class ReviewRow:
    id: str
    kind: str
    subject_table: str
    subject_id: str
    other_id: str | None
    detail: str | None
    status: str
    created_at: str


def review_rows(
    db: Database, campaign_id: str, *, kind: str | None, status: str | None, limit: int
) -> list[ReviewRow]:
    """Review items, newest first, optionally of one kind and status."""
    where = ["campaign_id = ?", "deleted = 0"]
    params: list[object] = [campaign_id]
    if kind is not None:
        where.append("kind = ?")
        params.append(kind)
    if status is not None:
        where.append("status = ?")
        params.append(status)
    rows = db.execute(
        "SELECT id, kind, subject_table, subject_id, other_id, detail, status, created_at "
        f"FROM review_item WHERE {' AND '.join(where)} ORDER BY created_at DESC, id LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [ReviewRow(*(None if v is None else str(v) for v in r)) for r in rows]  # type: ignore[arg-type]


def open_counts(db: Database, campaign_id: str) -> dict[str, int]:
    """Open review items by kind."""
    rows = db.execute(
        "SELECT kind, count(*) FROM review_item "
        "WHERE campaign_id = ? AND deleted = 0 AND status = 'open' GROUP BY kind",
        [campaign_id],
    ).fetchall()
    return {str(r[0]): int(r[1]) for r in rows}


def status_of(db: Database, item_id: str) -> str | None:
    """The status of a live review item, None when there is no such item."""
    row = db.execute(
        "SELECT status FROM review_item WHERE id = ? AND deleted = 0", [item_id]
    ).fetchone()
    return None if row is None else str(row[0])
