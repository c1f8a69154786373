"""The server's retention purge of a closed campaign (`coldwave-server campaign purge`).

The same plan as the laptops' (domain.retention_rules): after the campaign's
retention period (its `status`, `closed_at` and `retention_days` as the devices
synced them), every personal field of the campaign's rows is set to its replacement
in the merged state (`field_state`), every copy of the old value in the change log
(`changes`: an insert's row, an update's value) is rewritten, and the purged
persons' duplicate-check keys (`person_block`, built from names) are dropped.
Ids, codes, dates, categories and quantities stay, so the figures stay right.
Persons that rows of another campaign still refer to are left whole. One
transaction; a dry run only counts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, select, update

from coldwave_app.domain.retention_rules import (
    CORRECTION_REASON,
    EVENT_FIELDS,
    NAME_VARIANT_TABLE,
    PERSON_TABLES,
    CampaignRetention,
    all_fields,
    check_purge_due,
)
from coldwave_app.server.db import changes, field_state, person_block

_CHUNK = 500


def encoded(value: Any) -> str:
    """A value as `field_state` and `changes` store it (the change log's JSON)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@dataclass(frozen=True)
class ServerPurgeReport:
    campaign_id: str
    dry_run: bool
    persons: int
    persons_kept: int
    rows: dict[str, int] = field(default_factory=dict)


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def campaign_retention(conn: Connection, campaign_id: str) -> CampaignRetention:
    rows = conn.execute(
        select(field_state.c.field, field_state.c.value).where(
            field_state.c.table_name == "campaign",
            field_state.c.row_id == campaign_id,
            field_state.c.field.in_(("status", "closed_at", "retention_days")),
        )
    )
    values = {r.field: json.loads(r.value) if r.value is not None else None for r in rows}
    days = values.get("retention_days")
    return CampaignRetention(
        status=values.get("status"),
        closed_at=values.get("closed_at"),
        retention_days=int(days) if isinstance(days, int | float) else None,
    )


def _row_ids(conn: Connection, campaign_id: str, table: str) -> list[str]:
    rows = conn.execute(
        select(field_state.c.row_id)
        .where(field_state.c.campaign_id == campaign_id, field_state.c.table_name == table)
        .distinct()
    )
    return sorted(str(r.row_id) for r in rows)


def _rows_pointing_at(conn: Connection, table: str, person_ids: Sequence[str]) -> list[str]:
    """Ids of `table`'s rows whose person_id is one of `person_ids`."""
    found: set[str] = set()
    for chunk in _chunks(person_ids):
        query = select(field_state.c.row_id).where(
            field_state.c.table_name == table,
            field_state.c.field == "person_id",
            field_state.c.value.in_([encoded(p) for p in chunk]),
        )
        found.update(str(r.row_id) for r in conn.execute(query))
    return sorted(found)


def _persons(conn: Connection, campaign_id: str) -> tuple[list[str], int]:
    persons = _row_ids(conn, campaign_id, "person")
    elsewhere: set[str] = set()
    for chunk in _chunks(persons):
        query = (
            select(field_state.c.value)
            .where(
                field_state.c.field == "person_id",
                field_state.c.campaign_id != campaign_id,
                field_state.c.value.in_([encoded(p) for p in chunk]),
            )
            .distinct()
        )
        elsewhere.update(json.loads(r.value) for r in conn.execute(query))
    return [p for p in persons if p not in elsewhere], len(elsewhere & set(persons))


def _holding(
    conn: Connection, table: str, row_ids: Sequence[str], fields: Mapping[str, Any]
) -> list[str]:
    """Rows among `row_ids` where a personal field still differs from its replacement."""
    found: set[str] = set()
    for name, replacement in fields.items():
        for chunk in _chunks(row_ids):
            query = select(field_state.c.row_id).where(
                field_state.c.table_name == table,
                field_state.c.field == name,
                field_state.c.row_id.in_(chunk),
                field_state.c.value.is_not(None),
                field_state.c.value != encoded(replacement),
            )
            found.update(str(r.row_id) for r in conn.execute(query))
    return sorted(found)


def _plan(conn: Connection, campaign_id: str, persons: list[str]) -> dict[str, list[str]]:
    plan: dict[str, list[str]] = {}
    plan_fields = {**all_fields(), NAME_VARIANT_TABLE: {"value": ""}}
    for table, fields in plan_fields.items():
        if table == "person":
            scope = persons
        elif table in PERSON_TABLES or table == NAME_VARIANT_TABLE:
            scope = _rows_pointing_at(conn, table, persons)
        else:
            scope = _row_ids(conn, campaign_id, table)
        holding = _holding(conn, table, scope, fields)
        if holding:
            plan[table] = holding
    return plan


def _scrub_changes(
    conn: Connection, table: str, row_ids: Sequence[str], fields: Mapping[str, Any]
) -> None:
    for chunk in _chunks(row_ids):
        rows = conn.execute(
            select(changes.c.seq, changes.c.op, changes.c.field, changes.c.value).where(
                changes.c.table_name == table, changes.c.row_id.in_(chunk)
            )
        ).all()
        for row in rows:
            new = _scrubbed(row.op, row.field, row.value, fields)
            if new is not None and new != row.value:
                conn.execute(update(changes).where(changes.c.seq == row.seq).values(value=new))


def _scrubbed(
    op: str, name: str | None, value: str | None, fields: Mapping[str, Any]
) -> str | None:
    if op == "update":
        return encoded(fields[name]) if name is not None and name in fields else None
    if op != "insert" or value is None:
        return None
    try:
        row = json.loads(value)
    except ValueError:
        return None
    if not isinstance(row, dict):
        return None
    for key, replacement in fields.items():
        if key in row:
            row[key] = replacement
    if row.get("correction_reason") is not None:
        row["correction_reason"] = CORRECTION_REASON
    return encoded(row)


def _apply(
    conn: Connection, campaign_id: str, plan: dict[str, list[str]], persons: list[str]
) -> None:
    plan_fields = {**all_fields(), NAME_VARIANT_TABLE: {"value": ""}}
    for table, row_ids in plan.items():
        fields = plan_fields[table]
        for name, replacement in fields.items():
            for chunk in _chunks(row_ids):
                conn.execute(
                    update(field_state)
                    .where(
                        and_(
                            field_state.c.table_name == table,
                            field_state.c.field == name,
                            field_state.c.row_id.in_(chunk),
                        )
                    )
                    .values(value=encoded(replacement))
                )
        if table in EVENT_FIELDS:  # a correction's reason may quote a name
            for chunk in _chunks(row_ids):
                conn.execute(
                    update(field_state)
                    .where(
                        field_state.c.table_name == table,
                        field_state.c.field == "correction_reason",
                        field_state.c.row_id.in_(chunk),
                        field_state.c.value.is_not(None),
                        field_state.c.value != "null",
                    )
                    .values(value=encoded(CORRECTION_REASON))
                )
        _scrub_changes(conn, table, row_ids, fields)
    for chunk in _chunks(persons):
        conn.execute(
            delete(person_block).where(
                person_block.c.campaign_id == campaign_id, person_block.c.person_id.in_(chunk)
            )
        )


def purge_campaign(
    *, engine: Engine, campaign_id: str, dry_run: bool = False, now: datetime | None = None
) -> ServerPurgeReport:
    """Purge (or count) a campaign's personal data on the server; RuleViolation when
    the campaign is not closed, has no retention period, or is still within it."""
    with engine.begin() as conn:
        check_purge_due(campaign_retention(conn, campaign_id), now or datetime.now(UTC))
        persons, kept = _persons(conn, campaign_id)
        plan = _plan(conn, campaign_id, persons)
        report = ServerPurgeReport(
            campaign_id=campaign_id,
            dry_run=dry_run,
            persons=len(persons),
            persons_kept=kept,
            rows={t: len(ids) for t, ids in plan.items()},
        )
        if not dry_run:
            _apply(conn, campaign_id, plan, persons)
    return report
