"""Writes synced records and their change-log rows in one transaction.

Every insert, field update, tombstone and event correction goes through
`RecordWriter`, which stamps it with the device's hybrid logical clock and
appends the matching change to `change_log` (origin 'local', push_state
'pending': the outbox) inside the same transaction. Either both land or neither
does, so the outbox can never miss an edit or announce one that was rolled back.

Entities keep per-field stamps in `field_clock`; an entity row's `hlc` column is
the stamp of its creation. Event rows are never updated: a correction is a new
row whose `corrects_id` names the original.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.hlc import HybridClock
from coldwave_app.domain.ids import new_id
from coldwave_app.storage.catalog import Catalog, SyncedTable, TableKind

CORRECTION_KINDS = ("void", "amend")


def utc_now() -> datetime:
    return datetime.now(UTC)


def encode_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class RecordWriter:
    """Local writes for one device, user and campaign.

    Callers group several writes into one unit with `with db.atomic():`; each
    method is atomic on its own as well (nested calls become savepoints).
    """

    def __init__(
        self,
        db: Database,
        *,
        clock: HybridClock,
        device_id: str,
        user_id: str,
        campaign_id: str | None,
        catalog: Catalog | None = None,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.db = db
        self.clock = clock
        self.device_id = device_id
        self.user_id = user_id
        self.campaign_id = campaign_id
        self.catalog = catalog or Catalog.from_database(db)
        self._now = now

    def _timestamp(self) -> str:
        return self._now().isoformat(timespec="milliseconds")

    def _table(self, name: str) -> SyncedTable:
        try:
            return self.catalog.get(name)
        except KeyError:
            raise ValueError(f"{name!r} is not a synced table") from None

    def _check_fields(self, table: SyncedTable, fields: Iterable[str]) -> None:
        allowed = table.writable
        unknown = [f for f in fields if f not in allowed]
        if unknown:
            raise ValueError(f"{table.name} has no writable field(s) {unknown}")

    def insert(self, table_name: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """Insert one record (entity or event); returns the stored row."""
        return self.insert_many(table_name, [values])[0]

    def insert_many(
        self, table_name: str, rows: Iterable[Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """Insert records of one table in a single transaction (bulk entry, imports)."""
        table = self._table(table_name)
        stored: list[dict[str, Any]] = []
        changes: list[tuple[Any, ...]] = []
        timestamp = self._timestamp()
        for values in rows:
            extra = {k for k in values if k != "id"}
            self._check_fields(table, extra)
            row = self._new_row(table, values, timestamp)
            stored.append(row)
            changes.append(
                self._change(table.name, row["id"], "insert", None, row, row["hlc"], campaign=row)
            )
        if not stored:
            return stored
        columns = list(stored[0].keys())
        with self.db.atomic():
            for row in stored:
                if list(row.keys()) != columns:
                    columns = []
                    break
            if columns:
                placeholders = ", ".join("?" for _ in columns)
                self.db.conn.executemany(
                    f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})",
                    [tuple(r[c] for c in columns) for r in stored],
                )
            else:
                for row in stored:
                    cols = list(row.keys())
                    self.db.execute(
                        f"INSERT INTO {table.name} ({', '.join(cols)}) "
                        f"VALUES ({', '.join('?' for _ in cols)})",
                        [row[c] for c in cols],
                    )
            self._append_changes(changes)
        return stored

    def _new_row(self, table: SyncedTable, values: Mapping[str, Any], ts: str) -> dict[str, Any]:
        row: dict[str, Any] = {"id": values.get("id") or new_id()}
        campaign_id = self.campaign_id
        if table.name == "campaign":
            campaign_id = row["id"]
        row.update(
            campaign_id=campaign_id,
            created_at=ts,
            created_by=self.user_id,
            device_id=self.device_id,
            hlc=self.clock.now(),
        )
        if table.kind is TableKind.ENTITY:
            row.update(updated_at=ts, updated_by=self.user_id, deleted=0)
        for key, value in values.items():
            if key != "id":
                row[key] = value
        return row

    def update(
        self,
        table_name: str,
        row_id: str,
        changes: Mapping[str, Any],
        *,
        seen: Mapping[str, str] | None = None,
    ) -> None:
        """Change fields of an entity. `seen` maps a field to the stamp the editor saw.

        Without `seen`, the edit is taken to be made on the current value (the
        usual case for a service acting on fresh state). A form that loaded a
        record earlier passes the stamps it loaded, so that sync can tell a
        deliberate overwrite from a concurrent one.
        """
        table = self._table(table_name)
        if table.kind is not TableKind.ENTITY:
            raise ValueError(f"{table_name} is append-only: record a correction instead")
        self._check_fields(table, [f for f in changes if f != "deleted"])
        self._update(table, row_id, dict(changes), seen or {})

    def delete(self, table_name: str, row_id: str) -> None:
        """Tombstone an entity: the row stays, marked deleted, so the deletion syncs."""
        table = self._table(table_name)
        if table.kind is not TableKind.ENTITY:
            raise ValueError(f"{table_name} is append-only: void it instead")
        self._update(table, row_id, {"deleted": 1}, {})

    def _update(
        self, table: SyncedTable, row_id: str, changes: dict[str, Any], seen: Mapping[str, str]
    ) -> None:
        if not changes:
            return
        with self.db.atomic():
            current = self.db.execute(
                f"SELECT hlc FROM {table.name} WHERE id = ?", [row_id]
            ).fetchone()
            if current is None:
                raise InvalidInput(N_("No record {id} to change."), id=row_id)
            created_hlc: str = current[0]
            stamps = dict(
                self.db.execute(
                    "SELECT field, hlc FROM field_clock WHERE table_name = ? AND row_id = ?",
                    [table.name, row_id],
                ).fetchall()
            )
            timestamp = self._timestamp()
            log: list[tuple[Any, ...]] = []
            for field, value in changes.items():
                base = seen.get(field) or stamps.get(field) or created_hlc
                stamp = self.clock.now()
                self.db.execute(
                    "INSERT INTO field_clock (table_name, row_id, field, hlc) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (table_name, row_id, field) DO UPDATE SET hlc = excluded.hlc",
                    [table.name, row_id, field, stamp],
                )
                log.append(self._change(table.name, row_id, "update", field, value, stamp, base))
                # Open conflicts on this field always show the field's current winner,
                # here as on every replica that merges this write.
                self.db.execute(
                    "UPDATE conflict SET theirs_value = ?, theirs_hlc = ? "
                    "WHERE table_name = ? AND row_id = ? AND field = ?",
                    [encode_value(value), stamp, table.name, row_id, field],
                )
            assignments = ", ".join(f"{f} = ?" for f in changes)
            self.db.execute(
                f"UPDATE {table.name} SET {assignments}, updated_at = ?, updated_by = ? "
                "WHERE id = ?",
                [*changes.values(), timestamp, self.user_id, row_id],
            )
            self._append_changes(log)

    def correct(
        self,
        table_name: str,
        original_id: str,
        *,
        kind: str,
        reason: str,
        values: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Void or amend an event by appending a new row that names it."""
        table = self._table(table_name)
        if table.kind is not TableKind.EVENT:
            raise ValueError(f"{table_name} is an entity: update its fields instead")
        if kind not in CORRECTION_KINDS:
            raise ValueError(f"correction kind must be one of {CORRECTION_KINDS}")
        if not reason.strip():
            raise InvalidInput(N_("A correction needs a reason."))
        original = self.db.execute(
            f"SELECT * FROM {table.name} WHERE id = ?", [original_id]
        ).fetchone()
        if original is None:
            raise InvalidInput(N_("No record {id} to change."), id=original_id)
        row = dict(zip(table.columns, original, strict=True))
        base = {c: row[c] for c in table.data_columns if c not in ("corrects_id",)}
        if kind == "amend":
            base.update(values or {})
        base.update(corrects_id=original_id, correction_kind=kind, correction_reason=reason)
        return self.insert(table.name, base)

    def _change(
        self,
        table: str,
        row_id: str,
        op: str,
        field: str | None,
        value: Any,
        stamp: str,
        base: str | None = None,
        campaign: Mapping[str, Any] | None = None,
    ) -> tuple[Any, ...]:
        campaign_id = (campaign or {}).get("campaign_id") or self.campaign_id or ""
        return (
            new_id(),
            table,
            row_id,
            op,
            field,
            encode_value(value),
            stamp,
            base,
            self.device_id,
            self.user_id,
            campaign_id,
            self._timestamp(),
        )

    def _append_changes(self, changes: list[tuple[Any, ...]]) -> None:
        self.db.conn.executemany(
            "INSERT INTO change_log (change_id, table_name, row_id, op, field, value, hlc, "
            "base_hlc, device_id, user_id, campaign_id, recorded_at, origin, push_state) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'local', 'pending')",
            changes,
        )
