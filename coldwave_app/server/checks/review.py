"""Findings of the checks, appended as `review_item` rows from the device 'server'.

Like a campaign created on the server (store.campaigns), a review item is a
synthetic insert in the change log: every device of the campaign pulls it, and a
campaign lead decides it on a laptop (status, decided_by...), which syncs back as
ordinary field updates. Its id is a uuid5 of the kind and the (unordered) pair of
records, so finding the same pair again never makes a second item, whatever the
order the two records arrived in.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from coldwave_app.domain.hlc import Stamp
from coldwave_app.server.security import iso, utc_now
from coldwave_app.server.store.changes import append_change, row_campaign
from coldwave_app.sync.protocol import Change

SERVER = "server"
_NAMESPACE = uuid.UUID("5f0c6a3e-93a1-4c55-9a57-2b8d2a1c0d7e")


@dataclass(frozen=True)
class Finding:
    kind: str  # 'double_serving' | 'likely_duplicate'
    subject_table: str
    subject_id: str
    other_id: str
    detail: dict[str, Any]
    # What makes two findings the same one (besides the pair): the rule, for instance.
    key: str = ""


def review_item_id(finding: Finding) -> str:
    pair = "|".join(sorted((finding.subject_id, finding.other_id)))
    name = f"{finding.kind}|{finding.subject_table}|{finding.key}|{pair}"
    return str(uuid.uuid5(_NAMESPACE, name))


def append_review_item(*, conn: Connection, campaign_id: str, finding: Finding) -> bool:
    """Store `finding` as a review item of `campaign_id`; False when it already exists."""
    item_id = review_item_id(finding)
    if row_campaign(conn=conn, table="review_item", row_id=item_id) is not None:
        return False
    now = utc_now()
    at = iso(now)
    stamp = Stamp(wall_ms=int(now.timestamp() * 1000), counter=0, node=SERVER).encode()
    row: dict[str, str | int | None] = {
        "id": item_id,
        "campaign_id": campaign_id,
        "created_at": at,
        "created_by": SERVER,
        "device_id": SERVER,
        "updated_at": at,
        "updated_by": SERVER,
        "hlc": stamp,
        "deleted": 0,
        "kind": finding.kind,
        "subject_table": finding.subject_table,
        "subject_id": finding.subject_id,
        "other_id": finding.other_id,
        "detail": json.dumps(finding.detail, ensure_ascii=False, sort_keys=True),
        "status": "open",
        "decided_by": None,
        "decided_at": None,
        "decision_note": None,
    }
    change = Change(
        change_id=str(uuid.uuid5(_NAMESPACE, f"change|{item_id}")),
        table="review_item",
        row_id=item_id,
        op="insert",
        value=row,
        hlc=stamp,
        device_id=SERVER,
        user_id=SERVER,
        campaign_id=campaign_id,
        recorded_at=at,
    )
    append_change(conn=conn, change=change, campaign_id=campaign_id, received_at=at)
    return True
