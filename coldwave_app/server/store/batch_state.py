"""The merged state and the scope grants as one pushed batch sees them, written in bulk.

Judging a batch change by change used to cost ~10 statements per change (its
campaign, its stored stamps, its insert, its fold, its grants); on PostgreSQL every
one is a round trip, and the change-log lock serialises all devices behind them.
`BatchState` keeps the exact change-by-change semantics but reads the batch's rows
once (`preload`), answers later reads from memory, and buffers the writes:

- `field_state` rows of the batch are cached whole (value and stamp per field);
  folds update the cache and queue an insert or an update, flushed with one
  executemany each. A read of a row outside the batch goes to the database, which
  is never stale: writes only ever touch the batch's own rows.
- `row_scope` grants are cached per row; new grants are queued with the batch
  position of the change that made them and written, with its real sequence, once
  the change log has handed out sequences (`commit`).
- A lookup by value (`rows_naming`, the children of a row) flushes the queued
  state writes first, so it sees the batch's own earlier rows.

Hazard: a caller must not write `field_state` or `row_scope` behind this object's
back between `preload` and `commit`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, bindparam, func, insert, literal_column, select, update

from coldwave_app.server.db import LOOKUP_MAX_CHARS, field_state, row_scope

_CHUNK = 500
Key = tuple[str, str]  # (table, row id)


def encode_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class BatchState:
    """Reads and buffered writes of `field_state` and `row_scope` for one batch."""

    def __init__(self, conn: Connection, campaign_id: str) -> None:
        self.conn = conn
        self.campaign_id = campaign_id
        # (table, row) -> field -> (encoded value, hlc, campaign)
        self._rows: dict[Key, dict[str, tuple[str | None, str, str]]] = {}
        self._grants: dict[Key, set[str]] = {}
        self._inserts: dict[tuple[str, str, str], dict[str, Any]] = {}
        self._updates: dict[tuple[str, str, str], dict[str, Any]] = {}
        self._new_grants: list[tuple[str, str, str, int]] = []  # table, row, facility, position
        self._created: set[Key] = set()

    # -- loading ---------------------------------------------------------------------

    def preload(self, keys: Iterable[Key]) -> None:
        """Read the state and the grants of `keys` in a few statements."""
        by_table: dict[str, set[str]] = defaultdict(set)
        for table, row_id in keys:
            if (table, row_id) not in self._rows:
                by_table[table].add(row_id)
        for table, ids in by_table.items():
            ordered = sorted(ids)
            for row_id in ordered:
                self._rows[(table, row_id)] = {}
                self._grants[(table, row_id)] = set()
            for start in range(0, len(ordered), _CHUNK):
                chunk = ordered[start : start + _CHUNK]
                self._load_state(table, chunk)
                self._load_grants(table, chunk)

    def _load_state(self, table: str, row_ids: list[str]) -> None:
        query = select(
            field_state.c.row_id, field_state.c.field, field_state.c.value,
            field_state.c.hlc, field_state.c.campaign_id,
        ).where(field_state.c.table_name == table, field_state.c.row_id.in_(row_ids))  # fmt: skip
        for row in self.conn.execute(query):
            self._rows.setdefault((table, row.row_id), {})[row.field] = (
                row.value, row.hlc, row.campaign_id,
            )  # fmt: skip

    def _load_grants(self, table: str, row_ids: list[str]) -> None:
        query = select(row_scope.c.row_id, row_scope.c.facility_id).where(
            row_scope.c.table_name == table, row_scope.c.row_id.in_(row_ids)
        )
        for row in self.conn.execute(query):
            self._grants.setdefault((table, row.row_id), set()).add(str(row.facility_id))

    def _row(self, key: Key) -> dict[str, tuple[str | None, str, str]]:
        if key not in self._rows:
            self.preload([key])
        return self._rows[key]

    # -- reads -----------------------------------------------------------------------

    def row_campaign(self, table: str, row_id: str) -> str | None:
        """The campaign a row is stored under, or None for a row never seen."""
        fields = self._row((table, row_id))
        return next(iter(fields.values()))[2] if fields else None

    def value(self, table: str, row_id: str, field: str) -> Any:
        """The merged value of one field (None when unset or unknown)."""
        found = self._row((table, row_id)).get(field)
        return None if found is None or found[0] is None else json.loads(found[0])

    def rows(self, table: str, row_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Row id -> {field: value} (decoded) of the rows among `row_ids` that exist."""
        ids = list(dict.fromkeys(row_ids))
        self.preload((table, row_id) for row_id in ids)
        found: dict[str, dict[str, Any]] = {}
        for row_id in ids:
            fields = self._rows[(table, row_id)]
            if fields:
                found[row_id] = {
                    name: None if raw is None else json.loads(raw)
                    for name, (raw, _hlc, _campaign) in fields.items()
                }
        return found

    def created(self, table: str) -> frozenset[str]:
        """Ids of the rows of `table` this batch created (unknown before it)."""
        return frozenset(row_id for t, row_id in self._created if t == table)

    def facilities(self, table: str, row_id: str) -> set[str]:
        """Facility ids the row is granted to ('' means campaign-wide)."""
        if (table, row_id) not in self._grants:
            self.preload([(table, row_id)])
        return self._grants[(table, row_id)]

    def rows_naming(self, table: str, field: str, row_id: str) -> list[str]:
        """Ids of the rows of `table` whose merged `field` is `row_id` (the lookup index)."""
        self.flush_state()
        query = select(field_state.c.row_id).where(
            field_state.c.campaign_id == self.campaign_id,
            field_state.c.table_name == table,
            field_state.c.field == field,
            field_state.c.value == json.dumps(row_id, ensure_ascii=False),
            # Repeats the partial index's predicate, so that SQLite uses it.
            func.length(field_state.c.value) <= literal_column(str(LOOKUP_MAX_CHARS)),
        )
        return [str(r) for r in self.conn.execute(query).scalars()]

    # -- writes ----------------------------------------------------------------------

    def fold(self, *, table: str, row_id: str, hlc: str, fields: dict[str, Any]) -> None:
        """Per-field last-writer-wins: each field lands when `hlc` beats its stamp."""
        stored = self._row((table, row_id))
        for name, raw in fields.items():
            encoded = encode_value(raw)
            key = (table, row_id, name)
            if not stored:
                self._created.add((table, row_id))
            if name not in stored:
                stored[name] = (encoded, hlc, self.campaign_id)
                self._inserts[key] = {
                    "campaign_id": self.campaign_id, "table_name": table, "row_id": row_id,
                    "field": name, "value": encoded, "hlc": hlc,
                }  # fmt: skip
            elif hlc > stored[name][1]:
                stored[name] = (encoded, hlc, stored[name][2])
                if key in self._inserts:
                    self._inserts[key].update(value=encoded, hlc=hlc)
                else:
                    self._updates[key] = {
                        "k_table": table, "k_row": row_id, "k_field": name,
                        "value": encoded, "hlc": hlc,
                    }  # fmt: skip

    def grant(self, table: str, row_id: str, facility: str, position: int) -> bool:
        """Grant the row to `facility` at batch position `position`; False if it was."""
        granted = self.facilities(table, row_id)
        if facility in granted:
            return False
        granted.add(facility)
        self._new_grants.append((table, row_id, facility, position))
        return True

    def flush_state(self) -> None:
        if self._inserts:
            self.conn.execute(insert(field_state), list(self._inserts.values()))
            self._inserts.clear()
        if self._updates:
            statement = (
                update(field_state)
                .where(
                    and_(
                        field_state.c.table_name == bindparam("k_table"),
                        field_state.c.row_id == bindparam("k_row"),
                        field_state.c.field == bindparam("k_field"),
                    )
                )
                .values(value=bindparam("value"), hlc=bindparam("hlc"))
            )
            self.conn.execute(statement, list(self._updates.values()))
            self._updates.clear()

    def commit(self, seqs: list[int]) -> None:
        """Write everything queued; `seqs[position]` is the sequence of each staged change."""
        self.flush_state()
        if self._new_grants:
            self.conn.execute(
                insert(row_scope),
                [
                    {"campaign_id": self.campaign_id, "table_name": table, "row_id": row_id,
                     "facility_id": facility, "granted_seq": seqs[position]}
                    for table, row_id, facility, position in self._new_grants
                ],
            )  # fmt: skip
            self._new_grants.clear()
