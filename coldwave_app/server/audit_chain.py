"""Checking, on the server, the audit chains the devices of a campaign pushed.

The entries are read back from the merged state (`field_state`, table
`audit_entry`); the head of each device's chain (its highest seq and that entry's
hash) from the append-only change log (`changes`), where every entry also arrived
as an insert. Every chain is checked with the same rules as on the laptops
(domain.audit_chain): an entry edited, removed or reordered in the server's state,
or a tail cut from it, is named by device and entry number.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, select

from coldwave_app.domain.audit_chain import BreakKind, ChainBreak, verify_chains
from coldwave_app.server.db import changes, field_state


def _rows(*, engine: Engine, campaign_id: str, table: str) -> dict[str, dict[str, Any]]:
    query = select(field_state.c.row_id, field_state.c.field, field_state.c.value).where(
        field_state.c.campaign_id == campaign_id, field_state.c.table_name == table
    )
    rows: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for row_id, field, value in conn.execute(query):
            rows.setdefault(row_id, {"id": row_id})[field] = (
                None if value is None else json.loads(value)
            )
    return rows


def _heads(*, engine: Engine, campaign_id: str) -> dict[str, tuple[int, str] | None]:
    query = select(changes.c.value).where(
        changes.c.campaign_id == campaign_id,
        changes.c.table_name == "audit_entry",
        changes.c.op == "insert",
    )
    heads: dict[str, tuple[int, str] | None] = {}
    with engine.connect() as conn:
        for (value,) in conn.execute(query):
            row = json.loads(value) if value else {}
            device_id, seq, digest = row.get("device_id"), row.get("seq"), row.get("hash")
            if not isinstance(seq, int) or not isinstance(digest, str) or not device_id:
                continue
            known = heads.get(str(device_id))
            if known is None or seq > known[0]:
                heads[str(device_id)] = (seq, digest)
    return heads


def verify_campaign_audit(*, engine: Engine, campaign_id: str) -> tuple[int, list[ChainBreak]]:
    """(entries checked, breaks found) over every device chain of `campaign_id`."""
    entries = list(_rows(engine=engine, campaign_id=campaign_id, table="audit_entry").values())
    heads = _heads(engine=engine, campaign_id=campaign_id)
    complete = [e for e in entries if "seq" in e and "hash" in e and "device_id" in e]
    # A row missing its chain fields was cut down by hand: count it as edited.
    breaks = verify_chains(complete, heads)
    for broken in (e for e in entries if e not in complete):
        device_id, seq = str(broken.get("device_id", "?")), int(broken.get("seq") or 0)
        breaks.append(ChainBreak(device_id, seq, BreakKind.EDITED))
    return len(entries), breaks
