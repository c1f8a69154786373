"""Field history of any entity, read from the change log.

Every local edit and every merged remote edit lands in `change_log`, and an
insert carries the whole record, so the log already is the history: nothing is
stored twice. Values come back oldest first by HLC stamp, with who set them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from coldwave_app.storage.catalog import Catalog, TableKind


@dataclass(frozen=True)
class FieldChange:
    hlc: str
    value: Any
    user_id: str
    recorded_at: str


def field_history(
    db: Database, catalog: Catalog, table: str, row_id: str, field: str
) -> list[FieldChange]:
    """Every value `field` of an entity has held. ValueError for anything else."""
    if table not in catalog or catalog.get(table).kind is not TableKind.ENTITY:
        raise ValueError(f"no field history for {table!r}")
    if field not in catalog.get(table).columns:
        raise ValueError(f"{table} has no field {field!r}")
    rows = db.execute(
        "SELECT op, value, hlc, user_id, recorded_at FROM change_log "
        "WHERE table_name = ? AND row_id = ? AND (op = 'insert' OR field = ?) ORDER BY hlc",
        [table, row_id, field],
    ).fetchall()
    history: list[FieldChange] = []
    for op, value, hlc, user_id, recorded_at in rows:
        decoded = json.loads(value) if value is not None else None
        if op == "insert":
            if not isinstance(decoded, dict) or field not in decoded:
                continue
            decoded = decoded[field]
        history.append(FieldChange(hlc, decoded, user_id, recorded_at))
    return history
