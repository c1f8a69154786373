"""`POST /v1/publish`: a one-time publish code brings a laptop's own campaign to the server."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from helpers.sync_server import HEADERS, SyncApi, insert_change
from sqlalchemy import select

from coldwave_app.server.db import campaign, device
from coldwave_app.server.store.publish import add_publish_invite, list_publish_invites


def invite(api: SyncApi, role: str = "campaign_lead") -> str:
    _invite, code = add_publish_invite(engine=api.engine, role=role, label="bureau")
    return code


def publish_body(code: str, campaign_id: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "code": code,
        "device_id": str(uuid.uuid4()),
        "campaign_id": campaign_id or str(uuid.uuid4()),
        "campaign_name": "Hiver Azilal",
        "province_code": "05.301",
        **extra,
    }


def test_publish_creates_the_campaign_under_the_laptops_id_and_enrols_it(api: SyncApi) -> None:
    body = publish_body(invite(api, role="admin"))
    response = api.client.post("/v1/publish", json=body, headers=HEADERS)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["campaign_id"] == body["campaign_id"]
    assert answer["device_id"] == body["device_id"]
    assert answer["scope"] == "province:05.301"
    assert answer["role"] == "admin"
    with api.engine.connect() as conn:
        stored = conn.execute(select(campaign).where(campaign.c.id == body["campaign_id"])).one()
        enrolled = conn.execute(select(device).where(device.c.id == body["device_id"])).one()
    assert (stored.name, stored.province_code) == ("Hiver Azilal", "05.301")
    assert enrolled.status == "active" and enrolled.token_hash != answer["token"]
    [used] = list_publish_invites(engine=api.engine)
    assert (used.status, used.campaign_id) == ("used", body["campaign_id"])
    # The token works at once: the laptop pushes its own campaign row.
    row = insert_change(
        device_id=body["device_id"], campaign_id=body["campaign_id"], table="campaign",
        row_id=body["campaign_id"], name="Hiver Azilal", province_code="05.301",
    )  # fmt: skip
    headers = {**HEADERS, "Authorization": f"Bearer {answer['token']}"}
    pushed = api.client.post("/v1/push", json={"changes": [row]}, headers=headers)
    assert pushed.json()["results"][0]["status"] == "accepted"


def test_a_used_publish_code_is_refused(api: SyncApi) -> None:
    code = invite(api)
    assert api.client.post("/v1/publish", json=publish_body(code), headers=HEADERS).is_success
    again = api.client.post("/v1/publish", json=publish_body(code), headers=HEADERS)
    assert again.status_code == 401
    assert again.json()["error"] == "invalid_code"


def test_an_enrolment_code_does_not_publish(api: SyncApi) -> None:
    code = api.new_code(api.new_campaign())
    response = api.client.post("/v1/publish", json=publish_body(code), headers=HEADERS)
    assert response.status_code == 401


def test_a_campaign_already_on_the_server_is_refused_and_the_code_stays_usable(
    api: SyncApi,
) -> None:
    existing = api.new_campaign()
    code = invite(api)
    response = api.client.post("/v1/publish", json=publish_body(code, existing), headers=HEADERS)
    assert response.status_code == 409
    assert response.json()["error"] == "campaign_exists"
    assert list_publish_invites(engine=api.engine)[0].status == "pending"
    assert api.client.post("/v1/publish", json=publish_body(code), headers=HEADERS).is_success


def test_a_device_already_enrolled_cannot_publish(api: SyncApi) -> None:
    enrolled = api.enrol(api.new_campaign())
    body = {**publish_body(invite(api)), "device_id": enrolled.id}
    response = api.client.post("/v1/publish", json=body, headers=HEADERS)
    assert response.status_code == 409
    assert response.json()["error"] == "device_exists"


@pytest.mark.parametrize(
    "bad", [{"province_code": "Azilal"}, {"campaign_name": ""}, {"campaign_id": "a b"}]
)
def test_a_malformed_publish_request_is_refused(api: SyncApi, bad: dict[str, str]) -> None:
    response = api.client.post(
        "/v1/publish", json={**publish_body(invite(api)), **bad}, headers=HEADERS
    )
    assert response.status_code == 422
    with api.engine.connect() as conn:
        assert conn.execute(select(campaign.c.id)).first() is None
