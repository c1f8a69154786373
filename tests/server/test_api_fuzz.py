"""Fuzzing the sync server's API (schemathesis) against the real `coldwave-server`
process: every operation of its OpenAPI schema gets generated requests, valid and
invalid, with a valid device token; no answer may be a server error (5xx) and the
process must stay up.

`make test` runs FUZZ_EXAMPLES (default 15) examples per operation; `make fuzz` runs
many more (COLDWAVE_FUZZ_EXAMPLES=1500).
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
import schemathesis
from helpers.sync_server import (
    HEADERS,
    RunningServer,
    cli_create_campaign,
    cli_enrol_code,
)
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

FUZZ_EXAMPLES = int(os.environ.get("COLDWAVE_FUZZ_EXAMPLES", "15"))


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from helpers.sync_server import _launch

    data_dir = tmp_path_factory.mktemp("fuzz") / "server"
    data_dir.mkdir()
    campaign_id = cli_create_campaign(data_dir=data_dir, database_url=None)
    code = cli_enrol_code(data_dir=data_dir, database_url=None, campaign_id=campaign_id)
    # Enrolment is rate-limited per address; the fuzzer is one address sending many.
    os.environ["COLDWAVE_SERVER_ENROL_PER_MINUTE"] = "100000"
    try:
        server: RunningServer = _launch(data_dir, None)
    finally:
        del os.environ["COLDWAVE_SERVER_ENROL_PER_MINUTE"]
    enrolled = requests.post(
        f"{server.url}/v1/enrol",
        json={"code": code, "device_id": str(uuid.uuid4())},
        headers=HEADERS,
        timeout=30,
    )
    assert enrolled.status_code == 200, enrolled.text
    token = enrolled.json()["token"]
    yield {"server": server, "token": token, "data_dir": data_dir}
    server.stop()


def _with_device_id(case: Any) -> Any:
    """Give a generated enrolment a well-formed device id half of the time: the schema
    does not say that it must be a UUID (a validator checks it), so without this no
    generated enrolment would get past validation to the code check."""
    body = getattr(case, "body", None)
    if isinstance(body, dict) and "device_id" in body and hash(str(body)) % 2:
        case.body = {**body, "device_id": str(uuid.uuid4())}
    return case


def _fuzz_operation(operation: Any, mode: Any, check: Callable[[Any], None]) -> bool:
    """Run `check` on generated cases; False when the operation has nothing to make
    invalid (a negative run of an operation without parameters)."""

    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(case=operation.as_strategy(generation_mode=mode).map(_with_device_id))
    def run(case: Any) -> None:
        check(case)

    try:
        run()
    except Unsatisfiable:
        return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(schemathesis.GenerationMode), ids=lambda m: m.value)
def test_no_request_makes_the_server_fail(fuzz_server: dict[str, Any], mode: Any) -> None:
    server: RunningServer = fuzz_server["server"]
    headers = {**HEADERS, "Authorization": f"Bearer {fuzz_server['token']}"}
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    seen: list[str] = []
    answers: Counter[str] = Counter()

    def check(case: Any) -> None:
        response = case.call(base_url=server.url, headers=headers, timeout=60)
        answers[f"{case.method} {case.path} {response.status_code}"] += 1
        assert response.status_code < 500, (
            f"{case.method} {case.path} -> {response.status_code}: {response.text[:500]}\n"
            f"{case.as_curl_command(headers=headers)}"
        )
        assert server.process.poll() is None, "the server process died"

    for result in schema.get_all_operations():
        operation = result.ok()
        if mode is schemathesis.GenerationMode.NEGATIVE and operation.path == "/v1/health":
            continue  # no parameter to make invalid
        if _fuzz_operation(operation, mode, check):
            seen.append(f"{operation.method.upper()} {operation.path}")
    assert {"POST /v1/push", "GET /v1/pull", "POST /v1/enrol"} <= set(seen)
    print(f"\n{mode.value}: " + ", ".join(f"{k}: {n}" for k, n in sorted(answers.items())))
    # The fuzzer got past the front door: the token and the limits let it reach the routes.
    assert answers.total() > 0
    assert sum(n for k, n in answers.items() if k.endswith(" 429")) < answers.total() / 2
    # Still serving after the run.
    assert requests.get(f"{server.url}/v1/health", timeout=30).status_code == 200
