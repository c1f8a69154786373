"""`POST /v1/enrol`: a one-time code becomes a device token."""

from __future__ import annotations

from fastapi import APIRouter

from coldwave_app.server.api.deps import EngineDep
from coldwave_app.server.api.errors import ApiError
from coldwave_app.server.store.bundles import server_keys
from coldwave_app.server.store.devices import EnrolmentRefused, enrol_device
from coldwave_app.sync.protocol import EnrolRequest, EnrolResponse

router = APIRouter(tags=["devices"])


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
        status = 409 if refused.error == "device_exists" else 401
        raise ApiError(status, refused.error, refused.detail) from None
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
