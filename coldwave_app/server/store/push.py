"""Accepting a pushed batch: one verdict per change, good changes never held back by bad ones."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from coldwave_app.server.checks import run_checks
from coldwave_app.server.security import iso, utc_now
from coldwave_app.server.store.batch_state import BatchState
from coldwave_app.server.store.changes import append_staged, existing_seqs, stage_change
from coldwave_app.server.store.devices import Device
from coldwave_app.server.store.locks import change_log_writer
from coldwave_app.server.store.scope import other_scope, referenced_keys, scope_facility
from coldwave_app.sync.protocol import CAMPAIGNLESS_TABLES, Change, PushResult, parse_change


def push_changes(
    *, engine: Engine, device: Device, raw_changes: list[dict[str, Any]]
) -> list[PushResult]:
    """Store the acceptable changes of a batch in one transaction, in batch order.

    A change id stored meanwhile by another writer (a racing replay) makes the
    transaction fail on the unique index; the batch is then judged again, and that
    change comes back as a duplicate.
    """
    parsed = [parse_change(raw) for raw in raw_changes]
    for attempt in range(2):
        try:
            with change_log_writer(engine=engine) as conn:
                return _judge(conn=conn, device=device, raw_changes=raw_changes, parsed=parsed)
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def _judge(
    *,
    conn: Connection,
    device: Device,
    raw_changes: list[dict[str, Any]],
    parsed: list[Change | str],
) -> list[PushResult]:
    """Each change judged in batch order against the state as the earlier changes of
    the batch left it (store.batch_state), then every accepted one stored at once."""
    valid = [c for c in parsed if isinstance(c, Change)]
    known = existing_seqs(conn=conn, change_ids=[c.change_id for c in valid])
    received_at = iso(utc_now())
    state = BatchState(conn, device.campaign_id)
    state.preload({(c.table, c.row_id) for c in valid} | referenced_keys(valid))
    verdicts: list[tuple[str, str, str | None, int | None]] = []  # id, status, reason, seq
    staged: list[Change] = []
    positions: dict[str, int] = {}  # change id -> index in `staged`
    for raw, change in zip(raw_changes, parsed, strict=True):
        if isinstance(change, str):
            verdicts.append((_raw_id(raw), "rejected", change, None))
            continue
        reason = _refusal(state=state, device=device, change=change)
        if reason is not None:
            verdicts.append((change.change_id, "rejected", reason, None))
        elif change.change_id in known or change.change_id in positions:
            verdicts.append((change.change_id, "duplicate", None, known.get(change.change_id)))
        else:
            positions[change.change_id] = len(staged)
            stage_change(state=state, change=change, position=len(staged))
            staged.append(change)
            verdicts.append((change.change_id, "accepted", None, None))
    seqs = append_staged(
        state=state, staged=staged, campaign_id=device.campaign_id, received_at=received_at
    )
    results = []
    for change_id, status, reason, seq in verdicts:
        if status != "rejected" and seq is None:
            seq = seqs[positions[change_id]]
        results.append(
            PushResult(change_id=change_id, status=status, reason=reason, server_seq=seq)  # type: ignore[arg-type]
        )
    if staged:
        # Same transaction, in a savepoint: see server.checks. Never fails the push.
        run_checks(
            conn=conn,
            campaign_id=device.campaign_id,
            accepted=staged,
            person_rows=lambda row_ids: state.rows("person", row_ids),
            created_persons=state.created("person"),
        )
    return results


def _refusal(*, state: BatchState, device: Device, change: Change) -> str | None:
    """The reason code `device` may not store `change`, or None."""
    if change.device_id != device.id:
        return "invalid"
    campaign = change.campaign_id
    if not campaign and change.table in CAMPAIGNLESS_TABLES:
        campaign = device.campaign_id
    if campaign != device.campaign_id:
        return "other_campaign"
    if change.table not in CAMPAIGNLESS_TABLES:
        moved = change.value.get("campaign_id") if change.op == "insert" else None
        if change.op == "update" and change.field == "campaign_id":
            moved = change.value
        if moved is not None and moved != device.campaign_id:
            return "other_campaign"
    stored = state.row_campaign(change.table, change.row_id)
    if stored is not None and stored != device.campaign_id:
        return "other_campaign"
    facility = scope_facility(device.scope)
    if facility is not None and other_scope(
        state=state,
        facility=facility,
        table=change.table,
        row_id=change.row_id,
        value=change.value,
        op=change.op,
        field=change.field,
    ):
        return "other_scope"
    return None


def _raw_id(raw: Any) -> str:
    value = raw.get("change_id") if isinstance(raw, dict) else None
    return value if isinstance(value, str) else ""
