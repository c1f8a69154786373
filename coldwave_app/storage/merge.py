"""Applies changes from other replicas: per-field last-writer-wins, conflicts kept.

Rules (DESIGN.md §4), deterministic on every replica:
- a change already in `change_log` (same change id) is ignored: replays are harmless;
- an insert creates its row if absent; event rows are append-only and never conflict;
- a field update wins when its HLC stamp is greater than the field's current stamp;
- a write overtaken by a later write whose author had not seen it is a *true
  conflict*: a `conflict` row keeps base stamp, mine (the overtaken value) and
  theirs (the field's current value) for a person to review. Its id derives from
  the overtaken change's id and its content from the writes alone, so every
  replica finds the same conflicts, whatever order the changes came in.

Hazard: call inside one transaction per page (`apply_page`), which also defers
foreign-key checks so rows referencing each other within a page may arrive in any
order.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlcipher3
from sqlite_utils import Database

from coldwave_app.domain.hlc import HybridClock, Stamp
from coldwave_app.storage import people_repo
from coldwave_app.storage.catalog import Catalog, SyncedTable, TableKind
from coldwave_app.storage.record_writer import encode_value

_CONFLICT_NAMESPACE = uuid.UUID("6f1d6a3e-2c1b-4a8e-9d57-0c0a1d2e3f40")


@dataclass(frozen=True)
class IncomingChange:
    """A change from another replica, already validated by the wire protocol."""

    change_id: str
    table: str
    row_id: str
    op: str
    field: str | None
    value: Any
    hlc: str
    base_hlc: str | None
    device_id: str
    user_id: str
    campaign_id: str
    recorded_at: str
    server_seq: int | None = None


@dataclass
class MergeCounts:
    applied: int = 0
    duplicates: int = 0
    superseded: int = 0
    conflicts: int = 0
    quarantined: int = 0


class Merger:
    """Applies incoming changes to one replica."""

    def __init__(self, db: Database, *, catalog: Catalog, clock: HybridClock) -> None:
        self.db = db
        self.catalog = catalog
        self.clock = clock
        self._insert_sqls: dict[tuple[str, tuple[str, ...]], str] = {}

    def apply_page(self, changes: Iterable[IncomingChange], *, after: Any = None) -> MergeCounts:
        """Apply a page of changes in one transaction. `after(db)` runs inside it
        (to move the sync cursor with the data, never apart from it).

        Fast path first: the whole page in one savepoint, runs of inserts into the
        same table written with executemany. Should any change fail, that savepoint
        is rolled back and the page applied change by change, each in its own
        savepoint, the bad ones quarantined: both paths leave the same state."""
        page = list(changes)
        with self.db.atomic():
            self.db.execute("PRAGMA defer_foreign_keys = ON")
            try:
                with self.db.atomic():
                    counts, people = self._apply_batched(page)
            except (ValueError, KeyError, sqlcipher3.DatabaseError):
                counts, people = self._apply_one_by_one(page)
            # The local name index is derived data: keep it in step in the same
            # transaction, so duplicate checks see people registered elsewhere.
            people_repo.reindex_persons(self.db, people)
            if after is not None:
                after(self.db)
        return counts

    def _apply_one_by_one(self, page: list[IncomingChange]) -> tuple[MergeCounts, set[str]]:
        counts = MergeCounts()
        people: set[str] = set()
        for change in page:
            try:
                with self.db.atomic():  # a savepoint: one bad change never sinks the page
                    self._apply(change, counts)
                people.update(_people_named_by(change))
            except (ValueError, KeyError, sqlcipher3.DatabaseError) as err:
                self._quarantine(change, str(err))
                counts.quarantined += 1
        return counts, people

    def _apply_batched(self, page: list[IncomingChange]) -> tuple[MergeCounts, set[str]]:
        """The page in order, as `_apply` would, with inserts and log rows batched.

        Buffered rows are written before every update, so an update sees the rows
        and the earlier writes (conflict detection reads change_log) it would have
        seen change by change; only consecutive inserts of one table and column set
        share an executemany, so the first insert of a row id still wins."""
        counts = MergeCounts()
        people: set[str] = set()
        seen = self._already_logged([c.change_id for c in page])
        run_sql = ""
        run_rows: list[list[Any]] = []
        log_rows: list[list[Any]] = []

        def flush() -> None:
            nonlocal run_rows
            if run_rows:
                self.db.conn.executemany(run_sql, run_rows)
                run_rows = []
            if log_rows:
                self.db.conn.executemany(_LOG_SQL, log_rows)
                log_rows.clear()

        for change in page:
            if change.change_id in seen:
                counts.duplicates += 1
                continue
            seen.add(change.change_id)
            table = self.catalog.get(change.table)
            self.clock.observe(change.hlc)
            if change.op == "insert":
                value = dict(change.value)
                columns = [k for k in value if k in table.columns]
                sql = self._insert_sql(table.name, tuple(columns))
                if sql != run_sql:
                    flush()
                    run_sql = sql
                run_rows.append([value[c] for c in columns])
                counts.applied += 1
            else:
                flush()
                if self._update(table, change, counts):
                    counts.applied += 1
                else:
                    counts.superseded += 1
            log_rows.append(_log_params(change))
            people.update(_people_named_by(change))
        flush()
        return counts, people

    def _already_logged(self, change_ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(change_ids), 500):
            chunk = change_ids[start : start + 500]
            rows = self.db.execute(
                f"SELECT change_id FROM change_log WHERE change_id IN "
                f"({', '.join('?' for _ in chunk)})",
                chunk,
            ).fetchall()
            found.update(r[0] for r in rows)
        return found

    def _insert_sql(self, table: str, columns: tuple[str, ...]) -> str:
        key = (table, columns)
        sql = self._insert_sqls.get(key)
        if sql is None:
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)}) ON CONFLICT (id) DO NOTHING"
            )
            self._insert_sqls[key] = sql
        return sql

    def _quarantine(self, change: IncomingChange, reason: str) -> None:
        payload = json.dumps(change.__dict__, ensure_ascii=False, default=str)
        self.db.execute(
            "INSERT INTO quarantine (change_id, direction, reason, payload, received_at) "
            "VALUES (?, 'pull', ?, ?, ?) ON CONFLICT (change_id) DO NOTHING",
            [change.change_id, reason[:500], payload, datetime.now(UTC).isoformat()],
        )

    def _apply(self, change: IncomingChange, counts: MergeCounts) -> None:
        seen = self.db.execute(
            "SELECT 1 FROM change_log WHERE change_id = ?", [change.change_id]
        ).fetchone()
        if seen:
            counts.duplicates += 1
            return
        table = self.catalog.get(change.table)
        self.clock.observe(change.hlc)
        if change.op == "insert":
            self._insert(table, change)
            counts.applied += 1
        elif self._update(table, change, counts):
            counts.applied += 1
        else:
            counts.superseded += 1
        self._log(change)

    def _insert(self, table: SyncedTable, change: IncomingChange) -> None:
        row = {k: v for k, v in dict(change.value).items() if k in table.columns}
        columns = tuple(row)
        self.db.execute(self._insert_sql(table.name, columns), [row[c] for c in columns])

    def _update(self, table: SyncedTable, change: IncomingChange, counts: MergeCounts) -> bool:
        """Apply a field update if it wins, then record the conflicts it reveals."""
        if table.kind is not TableKind.ENTITY or change.field not in table.columns:
            raise ValueError(f"cannot update {change.table}.{change.field}")
        field = change.field
        current = self.db.execute(
            f"SELECT hlc FROM {table.name} WHERE id = ?", [change.row_id]
        ).fetchone()
        if current is None:
            raise ValueError(f"update of unknown row {change.table}/{change.row_id}")
        clock_row = self.db.execute(
            "SELECT hlc FROM field_clock WHERE table_name = ? AND row_id = ? AND field = ?",
            [table.name, change.row_id, field],
        ).fetchone()
        local_hlc: str = clock_row[0] if clock_row else current[0]
        wins = change.hlc > local_hlc
        if wins:
            self.db.execute(
                f"UPDATE {table.name} SET {field} = ? WHERE id = ?", [change.value, change.row_id]
            )
            self.db.execute(
                "INSERT INTO field_clock (table_name, row_id, field, hlc) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (table_name, row_id, field) DO UPDATE SET hlc = excluded.hlc",
                [table.name, change.row_id, field, change.hlc],
            )
        counts.conflicts += self._record_conflicts(table.name, change)
        return wins

    def _record_conflicts(self, table: str, change: IncomingChange) -> int:
        """Keep every write that another write overtook without having seen it.

        A write L is in conflict when some write X on the same field is later
        (X.hlc > L.hlc) yet was made on a base older than L (X.base < L.hlc): X's
        author never saw L's value. This depends only on the set of writes, not
        on their arrival order, so every replica finds the same conflicts. Each
        conflict row is keyed by L's change id; its "theirs" side is always the
        field's current winner.
        """
        writes = self.db.execute(
            "SELECT change_id, hlc, base_hlc, value FROM change_log "
            "WHERE table_name = ? AND row_id = ? AND field = ? AND op = 'update'",
            [table, change.row_id, change.field],
        ).fetchall()
        writes.append((change.change_id, change.hlc, change.base_hlc, encode_value(change.value)))
        found = 0
        for loser_id, loser_hlc, loser_base, loser_value in writes:
            overtaken = any(
                x_hlc > loser_hlc and (x_base or "") < loser_hlc for _x, x_hlc, x_base, _v in writes
            )
            if overtaken:
                found += self._keep_conflict(
                    table, change, loser=(loser_id, loser_hlc, loser_base, loser_value)
                )
        self._point_conflicts_at_winner(table, change.row_id, str(change.field))
        return found

    def _keep_conflict(
        self, table: str, change: IncomingChange, *, loser: tuple[str, str, str | None, str]
    ) -> int:
        loser_id, loser_hlc, loser_base, loser_value = loser
        conflict_id = str(uuid.uuid5(_CONFLICT_NAMESPACE, loser_id))
        created = _stamp_time(loser_hlc)
        cursor = self.db.execute(
            "INSERT INTO conflict (id, campaign_id, created_at, created_by, device_id, "
            "updated_at, updated_by, hlc, deleted, table_name, row_id, field, base_hlc, "
            "mine_value, mine_hlc, theirs_value, theirs_hlc, status) "
            "VALUES (?, ?, ?, 'sync', 'sync', ?, 'sync', ?, 0, ?, ?, ?, ?, ?, ?, '', '', "
            "'open') ON CONFLICT (id) DO NOTHING",
            [
                conflict_id,
                change.campaign_id,
                created,
                created,
                loser_hlc,
                table,
                change.row_id,
                change.field,
                loser_base,
                loser_value,
                loser_hlc,
            ],
        )
        return int(cursor.rowcount or 0)

    def _point_conflicts_at_winner(self, table: str, row_id: str, field: str) -> None:
        winner = self.db.execute(
            f"SELECT {field}, coalesce((SELECT hlc FROM field_clock WHERE table_name = ? "
            f"AND row_id = ? AND field = ?), hlc) FROM {table} WHERE id = ?",
            [table, row_id, field, row_id],
        ).fetchone()
        self.db.execute(
            "UPDATE conflict SET theirs_value = ?, theirs_hlc = ? "
            "WHERE table_name = ? AND row_id = ? AND field = ?",
            [encode_value(winner[0]), winner[1], table, row_id, field],
        )

    def _log(self, change: IncomingChange) -> None:
        self.db.execute(_LOG_SQL, _log_params(change))


_LOG_SQL = (
    "INSERT INTO change_log (change_id, table_name, row_id, op, field, value, hlc, "
    "base_hlc, device_id, user_id, campaign_id, recorded_at, origin, push_state, "
    "server_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'remote', NULL, ?)"
)


def _log_params(change: IncomingChange) -> list[Any]:
    return [
        change.change_id,
        change.table,
        change.row_id,
        change.op,
        change.field,
        encode_value(change.value),
        change.hlc,
        change.base_hlc,
        change.device_id,
        change.user_id,
        change.campaign_id,
        change.recorded_at,
        change.server_seq,
    ]


def _people_named_by(change: IncomingChange) -> list[str]:
    if change.table == "person":
        return [change.row_id]
    if change.table == "person_name_variant" and change.op == "insert":
        return [str(dict(change.value).get("person_id") or "")]
    return []


def _stamp_time(stamp: str) -> str:
    wall = Stamp.decode(stamp).wall_ms
    return datetime.fromtimestamp(wall / 1000, UTC).isoformat(timespec="milliseconds")


def decode_value(text: str | None) -> Any:
    return None if text is None else json.loads(text)
