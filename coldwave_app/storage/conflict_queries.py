"""SQL for reviewing sync conflicts: the open ones, one in full, the value it started from.

A conflict row (written by storage/merge.py) holds the overtaken write ("mine") and
the field's current winner ("theirs"); the value both sides started from ("base")
is not stored, so it is found in change_log by the base stamp.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

__all__ = [
    "ConflictRow",
    "base_value",
    "conflict_row",
    "open_conflict_count",
    "open_conflict_rows",
    "record_label",
]

_COLUMNS = (
    "id, table_name, row_id, field, base_hlc, mine_value, mine_hlc, theirs_value, "
    "theirs_hlc, created_at, status"
)

# A person or a household is named by what a field worker recognises; other records
# by their type and a short id.
_LABEL_SQL = {
    "person": "SELECT trim(coalesce(given_name_latn, '') || ' ' || coalesce(family_name_latn, '')),"
    " trim(coalesce(given_name_ar, '') || ' ' || coalesce(family_name_ar, '')), beneficiary_code"
    " FROM person WHERE id = ?",
    "household": "SELECT head_name, NULL, NULL FROM household WHERE id = ?",
}


@dataclass(frozen=True)
class ConflictRow:
    """A conflict as stored: values still JSON-encoded (None stands for SQL NULL)."""

    id: str
    table_name: str
    row_id: str
    field: str
    base_hlc: str | None
    mine_value: str | None
    mine_hlc: str
    theirs_value: str | None
    theirs_hlc: str
    created_at: str
    status: str


def open_conflict_rows(db: Database, *, limit: int, offset: int = 0) -> list[ConflictRow]:
    """Open conflicts, oldest first (the order they were made in)."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM conflict WHERE status = 'open' AND deleted = 0 "
        "ORDER BY created_at, id LIMIT ? OFFSET ?",
        [limit, offset],
    ).fetchall()
    return [ConflictRow(*row) for row in rows]


def open_conflict_count(db: Database) -> int:
    row = db.execute("SELECT count(*) FROM conflict WHERE status = 'open' AND deleted = 0")
    return int(row.fetchone()[0])


def conflict_row(db: Database, conflict_id: str) -> ConflictRow | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM conflict WHERE id = ?", [conflict_id]).fetchone()
    return None if row is None else ConflictRow(*row)


def base_value(db: Database, conflict: ConflictRow) -> tuple[bool, Any]:
    """(found, value) of the field as both writers last saw it, from change_log.

    The base is the update stamped `base_hlc`, or, when the field had not been
    changed since the record was created, the insert carrying that stamp.
    """
    if not conflict.base_hlc:
        return False, None
    row = db.execute(
        "SELECT op, field, value FROM change_log WHERE table_name = ? AND row_id = ? "
        "AND hlc = ? AND (field = ? OR op = 'insert') LIMIT 1",
        [conflict.table_name, conflict.row_id, conflict.base_hlc, conflict.field],
    ).fetchone()
    if row is None or row[2] is None:
        return False, None
    value = json.loads(row[2])
    if row[0] == "insert":
        return (True, value.get(conflict.field)) if isinstance(value, dict) else (False, None)
    return True, value


def record_label(db: Database, table: str, row_id: str) -> tuple[str, str, str]:
    """(Latin name, Arabic name, code) of a person or household; empty strings otherwise."""
    sql = _LABEL_SQL.get(table)
    if sql is None:
        return "", "", ""
    row = db.execute(sql, [row_id]).fetchone()
    if row is None:
        return "", "", ""
    latin, arabic, code = row
    return str(latin or ""), str(arabic or ""), str(code or "")
