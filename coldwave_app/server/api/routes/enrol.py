"""`POST /v1/enrol` (a one-time code becomes a device token) and `POST /v1/publish`
(a publish code brings a laptop's own campaign to the server, see store.publish)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import Engine

from coldwave_app.server.api.deps import EngineDep
from coldwave_app.server.api.errors import ApiError
from coldwave_app.server.store.bundles import server_keys
from coldwave_app.server.store.devices import Enrolment, EnrolmentRefused, enrol_device
from coldwave_app.server.store.publish import PublishedCampaign, publish_campaign
from coldwave_app.sync.protocol import EnrolRequest, EnrolResponse, PublishRequest

router = APIRouter(tags=["devices"])

_CONFLICTS = frozenset({"device_exists", "campaign_exists"})


@router.post("/enrol")
def enrol(body: EnrolRequest, engine: EngineDep) -> EnrolResponse:
    try:
        done = enrol_device(
            engine=engine,
            code=body.code,
            device_id=body.device_id,
            label=body.device_label,
            signing_public_key=body.signing_public_key,
            box_public_key=body.box_public_key,
        )
    except EnrolmentRefused as refused:
        raise _refusal(refused) from None
    return _response(engine, done)


@router.post("/publish")
def publish(body: PublishRequest, engine: EngineDep) -> EnrolResponse:
    try:
        done = publish_campaign(
            engine=engine,
            code=body.code,
            device_id=body.device_id,
            label=body.device_label,
            published=PublishedCampaign(
                campaign_id=body.campaign_id,
                name=body.campaign_name.strip(),
                province_code=body.province_code,
            ),
            signing_public_key=body.signing_public_key,
            box_public_key=body.box_public_key,
        )
    except EnrolmentRefused as refused:
        raise _refusal(refused) from None
    return _response(engine, done)


def _refusal(refused: EnrolmentRefused) -> ApiError:
    status = 409 if refused.error in _CONFLICTS else 401
    return ApiError(status, refused.error, refused.detail)


def _response(engine: Engine, done: Enrolment) -> EnrolResponse:
    keys = server_keys(engine=engine)
    return EnrolResponse(
        device_id=done.device.id,
        token=done.token,
        campaign_id=done.device.campaign_id,
        campaign_name=done.campaign_name,
        province_code=done.province_code,
        scope=done.device.scope,
        role=done.device.role,
        server_signing_public_key=keys.signing_public,
        server_box_public_key=keys.box_public,
    )
