"""The change log: appending pushed changes, folding them into the merged state, paging.

Merge rule of `field_state`: per-field last-writer-wins by HLC string comparison
(stamps are fixed width, so the strings order like the stamps). An insert writes
every field of its row at the insert's stamp; an update writes its one field. A
write only lands when its stamp is greater than the stored one, so the state is
the same whatever order the changes arrive in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select

from coldwave_app.server.db import changes, field_state
from coldwave_app.server.store import scope
from coldwave_app.server.store.batch_state import BatchState, encode_value
from coldwave_app.sync.protocol import Change, ServerChange


@dataclass(frozen=True)
class PullPage:
    changes: list[ServerChange]
    next_cursor: int
    more: bool


def existing_seqs(*, conn: Connection, change_ids: list[str]) -> dict[str, int]:
    """The server sequence of each of `change_ids` already stored."""
    found: dict[str, int] = {}
    for start in range(0, len(change_ids), 500):
        chunk = change_ids[start : start + 500]
        query = select(changes.c.change_id, changes.c.seq).where(changes.c.change_id.in_(chunk))
        found.update({row.change_id: int(row.seq) for row in conn.execute(query)})
    return found


def row_campaign(*, conn: Connection, table: str, row_id: str) -> str | None:
    """The campaign a row is stored under, or None for a row never seen."""
    query = (
        select(field_state.c.campaign_id)
        .where(field_state.c.table_name == table, field_state.c.row_id == row_id)
        .limit(1)
    )
    return conn.execute(query).scalar_one_or_none()


def stage_change(*, state: BatchState, change: Change, position: int) -> None:
    """Fold `change` into the batch's state and keep the device scopes up to date;
    `position` is its index among the batch's staged changes (see `append_staged`)."""
    if change.op == "insert":
        fields: dict[str, Any] = dict(change.value)
    else:
        assert change.field is not None  # the protocol model guarantees it
        fields = {change.field: change.value}
    state.fold(table=change.table, row_id=change.row_id, hlc=change.hlc, fields=fields)
    scope.track(state=state, table=change.table, row_id=change.row_id, position=position)


def append_staged(
    *, state: BatchState, staged: list[Change], campaign_id: str, received_at: str
) -> list[int]:
    """Store the staged changes in the log (one statement), then the state and grants
    queued in `state`; their new sequences, in order.

    The caller holds the change-log lock (store.locks) and owns the transaction, so
    the sequences are consecutive and follow the batch order.
    """
    if not staged:
        state.commit([])
        return []
    rows = [
        {
            "change_id": change.change_id,
            "campaign_id": campaign_id,
            "table_name": change.table,
            "row_id": change.row_id,
            "op": change.op,
            "field": change.field,
            "value": encode_value(change.value),
            "hlc": change.hlc,
            "base_hlc": change.base_hlc,
            "device_id": change.device_id,
            "user_id": change.user_id,
            "recorded_at": change.recorded_at,
            "received_at": received_at,
        }
        for change in staged
    ]
    statement = insert(changes).returning(changes.c.seq, sort_by_parameter_order=True)
    seqs = [int(seq) for seq in state.conn.execute(statement, rows).scalars()]
    state.commit(seqs)
    return seqs


def append_changes(
    *, conn: Connection, batch: list[Change], campaign_id: str, received_at: str
) -> list[int]:
    """Store `batch` under `campaign_id`, fold it into the state, keep the device
    scopes up to date (store.scope); the new sequences, in order.

    The caller holds the change-log lock (store.locks) and owns the transaction.
    """
    state = BatchState(conn, campaign_id)
    state.preload((change.table, change.row_id) for change in batch)
    for position, change in enumerate(batch):
        stage_change(state=state, change=change, position=position)
    return append_staged(
        state=state, staged=batch, campaign_id=campaign_id, received_at=received_at
    )


def append_change(*, conn: Connection, change: Change, campaign_id: str, received_at: str) -> int:
    """`append_changes` of one change: its new sequence."""
    [seq] = append_changes(
        conn=conn, batch=[change], campaign_id=campaign_id, received_at=received_at
    )
    return seq


def pull_page(
    *,
    engine: Engine,
    campaign_id: str,
    device_id: str,
    cursor: int,
    limit: int,
    facility: str | None = None,
) -> PullPage:
    """Changes of `campaign_id` after `cursor` not made by `device_id`, in sequence order.

    With `facility` (a facility-scoped device), only the changes of the rows in its
    scope, by their position in the log (see store.scope).

    The ceiling (highest sequence of the campaign) is read first and the page is
    bounded by it, so a change committed meanwhile is left for the next pull, never
    skipped. When the page is the last one, the cursor jumps to the ceiling: a
    device is not sent its own changes again and again.
    """
    with engine.connect() as conn:
        ceiling = conn.execute(
            select(func.max(changes.c.seq)).where(changes.c.campaign_id == campaign_id)
        ).scalar_one_or_none()
        if ceiling is None or ceiling <= cursor:
            return PullPage(changes=[], next_cursor=cursor, more=False)
        if facility is not None:
            return _facility_page(
                conn=conn,
                campaign_id=campaign_id,
                device_id=device_id,
                facility=facility,
                cursor=cursor,
                ceiling=int(ceiling),
                limit=limit,
            )
        query = (
            select(changes)
            .where(
                changes.c.campaign_id == campaign_id,
                changes.c.seq > cursor,
                changes.c.seq <= ceiling,
                changes.c.device_id != device_id,
            )
            .order_by(changes.c.seq)
            .limit(limit + 1)
        )
        rows = list(conn.execute(query))
    more = len(rows) > limit
    page = [_server_change(row) for row in rows[:limit]]
    next_cursor = page[-1].seq if more else int(ceiling)
    return PullPage(changes=page, next_cursor=next_cursor, more=more)


def _facility_page(
    *,
    conn: Connection,
    campaign_id: str,
    device_id: str,
    facility: str,
    cursor: int,
    ceiling: int,
    limit: int,
) -> PullPage:
    """A page by position; the changes sharing the last position all come in it."""
    query, position, seq = scope.facility_pull_query(
        campaign_id=campaign_id,
        facility=facility,
        device_id=device_id,
        cursor=cursor,
        ceiling=ceiling,
    )
    rows = list(conn.execute(query.limit(limit + 1)))
    more = len(rows) > limit
    if not more:
        return PullPage(changes=[_server_change(r) for r in rows], next_cursor=ceiling, more=False)
    kept = rows[:limit]
    last = int(kept[-1].position)
    if int(rows[limit].position) == last:  # do not cut a catch-up group in two
        kept += list(conn.execute(query.where(position == last, seq > kept[-1].seq)))
    return PullPage(changes=[_server_change(r) for r in kept], next_cursor=last, more=True)


def _server_change(row: Any) -> ServerChange:
    return ServerChange(
        seq=int(row.seq),
        change_id=row.change_id,
        table=row.table_name,
        row_id=row.row_id,
        op=row.op,
        field=row.field,
        value=json.loads(row.value) if row.value is not None else None,
        hlc=row.hlc,
        base_hlc=row.base_hlc,
        device_id=row.device_id,
        user_id=row.user_id,
        campaign_id=row.campaign_id,
        recorded_at=row.recorded_at,
    )
