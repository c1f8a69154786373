"""Accepting a pushed batch: one verdict per change, good changes never held back by bad ones."""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from coldwave_app.server.checks import run_checks
from coldwave_app.server.security import iso, utc_now
from coldwave_app.server.store.changes import append_change, existing_seqs, row_campaign
from coldwave_app.server.store.devices import Device
from coldwave_app.server.store.locks import change_log_writer
from coldwave_app.server.store.scope import other_scope, scope_facility
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
    known = existing_seqs(
        conn=conn, change_ids=[c.change_id for c in parsed if isinstance(c, Change)]
    )
    received_at = iso(utc_now())
    results: list[PushResult] = []
    accepted: list[Change] = []
    for raw, change in zip(raw_changes, parsed, strict=True):
        if isinstance(change, str):
            results.append(PushResult(change_id=_raw_id(raw), status="rejected", reason=change))
            continue
        reason = _refusal(conn=conn, device=device, change=change)
        if reason is not None:
            results.append(PushResult(change_id=change.change_id, status="rejected", reason=reason))
        elif change.change_id in known:
            seq = known[change.change_id]
            results.append(
                PushResult(change_id=change.change_id, status="duplicate", server_seq=seq)
            )
        else:
            seq = append_change(
                conn=conn, change=change, campaign_id=device.campaign_id, received_at=received_at
            )
            known[change.change_id] = seq
            accepted.append(change)
            results.append(
                PushResult(change_id=change.change_id, status="accepted", server_seq=seq)
            )
    if accepted:
        # Same transaction, in a savepoint: see server.checks. Never fails the push.
        run_checks(conn=conn, campaign_id=device.campaign_id, accepted=accepted)
    return results


def _verdict(change: Change, status: Literal["accepted", "duplicate"], seq: int) -> PushResult:
    return PushResult(change_id=change.change_id, status=status, server_seq=seq)


def _refusal(*, conn: Connection, device: Device, change: Change) -> str | None:
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
    stored = row_campaign(conn=conn, table=change.table, row_id=change.row_id)
    if stored is not None and stored != device.campaign_id:
        return "other_campaign"
    facility = scope_facility(device.scope)
    if facility is not None and other_scope(
        conn=conn,
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
