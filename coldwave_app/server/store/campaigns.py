"""Campaigns, created on the server and announced to devices through the change log."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, select

from coldwave_app.domain.hlc import Stamp
from coldwave_app.domain.ids import new_id
from coldwave_app.server.db import campaign
from coldwave_app.server.security import iso, utc_now
from coldwave_app.server.store.changes import append_change
from coldwave_app.server.store.locks import change_log_writer
from coldwave_app.sync.protocol import Change

SERVER_NODE = "server"


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    province_code: str
    created_at: str


def create_campaign(
    *,
    engine: Engine,
    name: str,
    province_code: str,
    campaign_id: str | None = None,
    announce: bool = True,
) -> Campaign:
    """A new campaign, plus the synthetic insert of its `campaign` row in the change log.

    Devices enrolled in it then receive the row by pulling, like any other change.
    `campaign_id` keeps the id of a campaign a laptop started on its own; such a
    laptop pushes its own `campaign` row, so `announce=False` adds none.
    """
    now = utc_now()
    wall_ms = int(now.timestamp() * 1000)
    created = Campaign(
        id=campaign_id or new_id(wall_ms),
        name=name,
        province_code=province_code,
        created_at=iso(now),
    )
    stamp = Stamp(wall_ms=wall_ms, counter=0, node=SERVER_NODE).encode()
    row: dict[str, str | int | None] = {
        "id": created.id,
        "campaign_id": created.id,
        "name": name,
        "province_code": province_code,
        "season": None,
        "period_start": now.date().isoformat(),
        "status": "active",
        "created_at": created.created_at,
        "created_by": SERVER_NODE,
        "device_id": SERVER_NODE,
        "updated_at": created.created_at,
        "updated_by": SERVER_NODE,
        "hlc": stamp,
        "deleted": 0,
    }
    change = Change(
        change_id=str(uuid.uuid4()),
        table="campaign",
        row_id=created.id,
        op="insert",
        value=row,
        hlc=stamp,
        device_id=SERVER_NODE,
        user_id=SERVER_NODE,
        campaign_id=created.id,
        recorded_at=created.created_at,
    )
    with change_log_writer(engine=engine) as conn:
        conn.execute(
            campaign.insert(),
            {
                "id": created.id,
                "name": name,
                "province_code": province_code,
                "created_at": created.created_at,
            },
        )
        if announce:
            append_change(
                conn=conn, change=change, campaign_id=created.id, received_at=created.created_at
            )
    return created


def get_campaign(*, engine: Engine, campaign_id: str) -> Campaign | None:
    with engine.connect() as conn:
        row = conn.execute(select(campaign).where(campaign.c.id == campaign_id)).first()
    if row is None:
        return None
    return Campaign(
        id=row.id, name=row.name, province_code=row.province_code, created_at=row.created_at
    )
