"""Server hardening: every route authenticated, revoked devices told to lock, body
size limits (also inflated), rate limits on codes and refused tokens, headers."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from helpers.sync_server import HEADERS, SyncApi

from coldwave_app.server.app import create_app
from coldwave_app.server.config import make_settings
from coldwave_app.server.hardening import TokenBucket, client_address
from coldwave_app.server.store.devices import revoke_device

# Routes any client may call without a device token: they authenticate by a one-time
# code (enrol, publish) or give nothing away (health, the API description).
OPEN_ROUTES = {"/v1/health", "/v1/enrol", "/v1/publish", "/openapi.json", "/docs",
               "/docs/oauth2-redirect", "/redoc"}  # fmt: skip


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[SyncApi]:
    """The in-process server on SQLite (the limits do not depend on the engine)."""
    with TestClient(create_app(make_settings(data_dir=tmp_path / "server"))) as client:
        yield SyncApi(client=client)


def _endpoints(routes: list[Any]) -> Iterator[Any]:
    """Every route, also those of included routers (walked whatever their wrapper)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        yield from _endpoints(inner.routes) if inner is not None else (route,)


def _routes(api: SyncApi) -> list[tuple[str, str]]:
    """(method, path) of every operation; every API route is in the OpenAPI schema
    (asserted), so the schema's paths are the full list."""
    app = api.client.app  # type: ignore[attr-defined]
    hidden = [
        r for r in _endpoints(app.routes) if isinstance(r, APIRoute) and not r.include_in_schema
    ]
    assert hidden == []
    found = [(m.upper(), path) for path, ops in app.openapi()["paths"].items() for m in ops]
    found += [("GET", r.path) for r in app.routes if getattr(r, "path", None) in OPEN_ROUTES]
    return found


def test_every_route_but_the_open_ones_refuses_a_request_without_a_token(
    lite: SyncApi,
) -> None:
    routes = _routes(lite)
    assert {("POST", "/v1/push"), ("GET", "/v1/pull")} <= set(routes)
    checked = 0
    for method, path in routes:
        if path in OPEN_ROUTES:
            continue
        url = path.replace("{", "").replace("}", "")  # any path parameter gets a dummy value
        answer = lite.client.request(method, url, headers=HEADERS, json={})
        assert answer.status_code in (401, 403), (method, path, answer.status_code)
        bearer = lite.client.request(
            method, url, headers={**HEADERS, "Authorization": "Bearer forged"}, json={}
        )
        assert bearer.status_code in (401, 403), (method, path, bearer.status_code)
        checked += 1
    assert checked >= 2  # push and pull at least


def test_a_revoked_device_is_told_to_lock_and_an_unknown_token_is_not(api: SyncApi) -> None:
    device = api.enrol(api.new_campaign())
    assert revoke_device(engine=api.engine, device_id=device.id)
    revoked = api.client.get("/v1/pull", headers=device.auth)
    assert revoked.status_code == 401
    assert revoked.json()["error"] == "device_revoked"
    assert "changes" not in revoked.json()
    pushed = api.client.post("/v1/push", json={"changes": []}, headers=device.auth)
    assert pushed.json()["error"] == "device_revoked"
    unknown = api.client.get(
        "/v1/pull", headers={**HEADERS, "Authorization": f"Bearer {uuid.uuid4().hex}"}
    )
    assert unknown.status_code == 401 and unknown.json()["error"] == "unauthorised"


def test_a_body_over_16_mib_is_refused_before_it_is_read(lite: SyncApi) -> None:
    device = lite.enrol(lite.new_campaign())
    big = b"{" + b" " * (16 * 1024 * 1024) + b"}"
    answer = lite.client.post(
        "/v1/push", content=big, headers={**device.auth, "Content-Type": "application/json"}
    )
    assert answer.status_code == 413
    assert answer.json()["error"] == "body_too_large"


def test_a_gzip_bomb_is_refused_once_inflated_past_128_mib(lite: SyncApi) -> None:
    device = lite.enrol(lite.new_campaign())
    # 140 MiB of spaces inside valid JSON compress to well under 1 MiB.
    bomb = gzip.compress(b'{"changes": []' + b" " * (140 * 1024 * 1024) + b"}", 9)
    assert len(bomb) < 1024 * 1024
    headers = {**device.auth, "Content-Type": "application/json", "Content-Encoding": "gzip"}
    answer = lite.client.post("/v1/push", content=bomb, headers=headers)
    assert answer.status_code == 413
    assert answer.json()["error"] == "body_too_large"
    # A modest gzip body still goes through.
    fine = gzip.compress(json.dumps({"changes": []}).encode())
    assert lite.client.post("/v1/push", content=fine, headers=headers).status_code == 200


def test_enrolment_attempts_are_rate_limited_per_address(lite: SyncApi) -> None:
    body = {"code": "ABCD-EFGH-JKMN", "device_id": str(uuid.uuid4())}
    answers = [lite.client.post("/v1/enrol", json=body, headers=HEADERS) for _ in range(11)]
    assert [a.status_code for a in answers[:10]] == [401] * 10
    assert answers[10].status_code == 429
    assert int(answers[10].headers["retry-after"]) >= 1
    # A real code is refused too while the address is throttled: no guessing around it.
    campaign_id = lite.new_campaign()
    good = {"code": lite.new_code(campaign_id), "device_id": str(uuid.uuid4())}
    assert lite.client.post("/v1/enrol", json=good, headers=HEADERS).status_code == 429


def test_an_address_that_keeps_sending_bad_tokens_is_slowed_down(lite: SyncApi) -> None:
    device = lite.enrol(lite.new_campaign())
    forged = {**HEADERS, "Authorization": "Bearer forged-token"}
    codes = [lite.client.get("/v1/pull", headers=forged).status_code for _ in range(31)]
    assert codes[:30] == [401] * 30 and codes[30] == 429
    # While throttled even a good token waits: the address, not the token, is limited.
    assert lite.client.get("/v1/pull", headers=device.auth).status_code == 429


def test_security_headers_on_answers_and_refusals(lite: SyncApi) -> None:
    device = lite.enrol(lite.new_campaign())
    for answer in (
        lite.client.get("/v1/pull", headers=device.auth),
        lite.client.get("/v1/pull", headers=HEADERS),
        lite.client.get("/v1/health"),
        lite.client.get("/no-such-page"),
    ):
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["content-security-policy"].startswith("default-src 'none'")


def test_token_bucket_refills_with_time() -> None:
    now = [0.0]
    bucket = TokenBucket(2, 6, clock=lambda: now[0])  # 2 at once, one more every 10 s
    assert bucket.take("a") and bucket.take("a") and not bucket.take("a")
    assert bucket.take("b")  # another address has its own bucket
    assert bucket.retry_after("a") == 10
    now[0] = 10.0
    assert bucket.take("a") and not bucket.take("a")


def test_forwarded_address_is_trusted_only_from_a_local_proxy() -> None:
    forwarded = [(b"x-forwarded-for", b"10.0.0.9, 203.0.113.7")]
    assert client_address({"client": ("127.0.0.1", 5), "headers": forwarded}) == "203.0.113.7"
    assert client_address({"client": ("198.51.100.2", 5), "headers": forwarded}) == ("198.51.100.2")
