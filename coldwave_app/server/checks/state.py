"""Reading the merged state (`field_state`) back as rows, for the cross-device checks.

`field_state` keeps one row per field; these helpers put a table's rows back
together as dicts (JSON-decoded values) and find rows by the value of one short
field (an id, a sex, a birth year). The lookup goes through the partial index
`ix_field_state_lookup` (revision 0003): it only holds values of at most
`LOOKUP_MAX_CHARS` characters, so a long free-text value never bloats it (nor
breaks PostgreSQL's btree row size limit), and every lookup repeats its predicate
so that both engines use it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, literal_column, select

from coldwave_app.server.db import LOOKUP_MAX_CHARS, field_state

_CHUNK = 500


def encoded(value: Any) -> str:
    """A value as `field_state` stores it (the change log's JSON encoding)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def read_rows(*, conn: Connection, table: str, row_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Row id -> {field: value} of the rows of `table` among `row_ids` that exist."""
    rows: dict[str, dict[str, Any]] = defaultdict(dict)
    ids = sorted(set(row_ids))
    for start in range(0, len(ids), _CHUNK):
        query = select(field_state.c.row_id, field_state.c.field, field_state.c.value).where(
            field_state.c.table_name == table, field_state.c.row_id.in_(ids[start : start + _CHUNK])
        )
        for row in conn.execute(query):
            rows[row.row_id][row.field] = json.loads(row.value) if row.value is not None else None
    return dict(rows)


def find_row_ids(
    *, conn: Connection, campaign_id: str, table: str, field: str, values: Iterable[Any]
) -> dict[str, Any]:
    """Row id -> value of the rows of `table` in `campaign_id` whose `field` is one of `values`."""
    wanted = sorted({encoded(v) for v in values if v is not None})
    wanted = [v for v in wanted if len(v) <= LOOKUP_MAX_CHARS]
    found: dict[str, Any] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = select(field_state.c.row_id, field_state.c.value).where(
            field_state.c.campaign_id == campaign_id,
            field_state.c.table_name == table,
            field_state.c.field == field,
            field_state.c.value.in_(wanted[start : start + _CHUNK]),
            _lookup_predicate(),
        )
        found.update({row.row_id: json.loads(row.value) for row in conn.execute(query)})
    return found


def rows_with_field(
    *, conn: Connection, campaign_id: str, table: str, field: str
) -> dict[str, dict[str, Any]]:
    """Every row of `table` in `campaign_id` that has a short `field` (read whole)."""
    query = select(field_state.c.row_id).where(
        field_state.c.campaign_id == campaign_id,
        field_state.c.table_name == table,
        field_state.c.field == field,
        _lookup_predicate(),
    )
    return read_rows(conn=conn, table=table, row_ids=[r.row_id for r in conn.execute(query)])


def _lookup_predicate() -> Any:
    # Literally the partial index's predicate: SQLite only uses a partial index when
    # the query repeats its terms with the same constants (no bound parameter).
    return func.length(field_state.c.value) <= literal_column(str(LOOKUP_MAX_CHARS))
