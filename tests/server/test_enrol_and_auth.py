"""Health, protocol versions, enrolment codes and device tokens."""

from __future__ import annotations

import uuid

import pytest
from helpers.sync_server import HEADERS, SyncApi, insert_change
from sqlalchemy import update

from coldwave_app.server.db import device as device_table
from coldwave_app.server.store.devices import revoke_device


def test_health_answers_without_auth_or_protocol_header(api: SyncApi) -> None:
    response = api.client.get("/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["protocol_versions"] == [1]


@pytest.mark.parametrize(
    "headers", [{}, {"X-Coldwave-Protocol": "2"}, {"X-Coldwave-Protocol": "x"}]
)
def test_missing_or_unsupported_protocol_version_gets_426(
    api: SyncApi, headers: dict[str, str]
) -> None:
    response = api.client.get("/v1/pull", headers=headers)
    assert response.status_code == 426
    assert response.json()["error"] == "unsupported_protocol"
    body = {"code": "0000-0000-0000", "device_id": str(uuid.uuid4())}
    assert api.client.post("/v1/enrol", json=body, headers=headers).status_code == 426


def test_openapi_describes_the_server(api: SyncApi) -> None:
    schema = api.client.get("/openapi.json").json()
    assert schema["info"]["title"] == "coldwave sync server"
    assert {"/v1/health", "/v1/enrol", "/v1/push", "/v1/pull"} <= set(schema["paths"])


def test_enrol_with_a_valid_code_gives_a_token_and_the_code_is_single_use(api: SyncApi) -> None:
    campaign_id = api.new_campaign(name="Hiver Midelt", province="08.351")
    code = api.new_code(campaign_id)
    device_id = str(uuid.uuid4())
    typed = code.replace("-", "").lower()  # humans type it any way
    response = api.client.post(
        "/v1/enrol", json={"code": typed, "device_id": device_id}, headers=HEADERS
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["device_id"] == device_id
    assert body["campaign_id"] == campaign_id
    assert body["campaign_name"] == "Hiver Midelt"
    assert body["province_code"] == "08.351"
    assert len(body["token"]) >= 40
    again = api.client.post(
        "/v1/enrol", json={"code": code, "device_id": str(uuid.uuid4())}, headers=HEADERS
    )
    assert again.status_code == 401
    assert again.json()["error"] == "invalid_code"


def test_expired_or_unknown_codes_are_refused(api: SyncApi) -> None:
    campaign_id = api.new_campaign()
    code = api.new_code(campaign_id)
    with api.engine.begin() as conn:
        conn.execute(update(device_table).values(code_expires_at="2000-01-01T00:00:00.000Z"))
    expired = api.client.post(
        "/v1/enrol", json={"code": code, "device_id": str(uuid.uuid4())}, headers=HEADERS
    )
    assert expired.status_code == 401
    assert expired.json()["error"] == "expired_code"
    unknown = api.client.post(
        "/v1/enrol",
        json={"code": "ABCD-EFGH-JKMN", "device_id": str(uuid.uuid4())},
        headers=HEADERS,
    )
    assert unknown.status_code == 401
    assert unknown.json()["error"] == "invalid_code"


def test_unknown_and_revoked_tokens_get_401_and_no_data(api: SyncApi) -> None:
    campaign_id = api.new_campaign()
    device = api.enrol(campaign_id)
    api.push(device, [insert_change(device_id=device.id, campaign_id=campaign_id)])
    unknown = api.client.get("/v1/pull", headers={**HEADERS, "Authorization": "Bearer nope"})
    assert unknown.status_code == 401
    assert unknown.json()["error"] == "unauthorised"
    assert api.client.get("/v1/pull", headers=HEADERS).status_code == 401
    assert revoke_device(engine=api.engine, device_id=device.id)
    revoked = api.client.get("/v1/pull", headers=device.auth)
    assert revoked.status_code == 401
    assert "changes" not in revoked.json()
    pushed = api.client.post("/v1/push", json={"changes": []}, headers=device.auth)
    assert pushed.status_code == 401
