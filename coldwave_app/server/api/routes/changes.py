"""`POST /v1/push` and `GET /v1/pull`: the change log of the device's campaign."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from coldwave_app.server.api.deps import CurrentDevice, EngineDep
from coldwave_app.server.security import iso, utc_now
from coldwave_app.server.store.changes import pull_page
from coldwave_app.server.store.push import push_changes
from coldwave_app.server.store.scope import scope_facility
from coldwave_app.sync.protocol import MAX_PULL_LIMIT, PullResponse, PushRequest, PushResponse

router = APIRouter(tags=["sync"])

DEFAULT_PULL_LIMIT = 1000


@router.post("/push")
def push(body: PushRequest, device: CurrentDevice, engine: EngineDep) -> PushResponse:
    results = push_changes(engine=engine, device=device, raw_changes=body.changes)
    return PushResponse(results=results, server_time=iso(utc_now()))


@router.get("/pull")
def pull(
    device: CurrentDevice,
    engine: EngineDep,
    cursor: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1)] = DEFAULT_PULL_LIMIT,
) -> PullResponse:
    """At most `limit` (capped at MAX_PULL_LIMIT) changes after `cursor`.

    A facility-scoped device gets only the changes in its scope (store.scope).
    """
    page = pull_page(
        engine=engine,
        campaign_id=device.campaign_id,
        device_id=device.id,
        cursor=cursor,
        limit=min(limit, MAX_PULL_LIMIT),
        facility=scope_facility(device.scope),
    )
    return PullResponse(changes=page.changes, next_cursor=page.next_cursor, more=page.more)
