"""Device tokens and enrolment codes never reach the server's logs: neither the real
`coldwave-server` process's output nor any Python log record, during an enrolment, a
push, a pull and refused attempts."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from helpers.sync_server import (
    HEADERS,
    LISTENING,
    SyncApi,
    cli_create_campaign,
    cli_enrol_code,
    insert_change,
)


def _start(data_dir: Path, out: Path, err: Path) -> tuple[subprocess.Popen[bytes], str]:
    command = [sys.executable, "-m", "coldwave_app.server.cli", "run", "--data-dir",
               str(data_dir), "--port", "0"]  # fmt: skip
    process = subprocess.Popen(command, stdout=out.open("wb"), stderr=err.open("wb"))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for line in out.read_text(errors="replace").splitlines():
            if line.startswith(LISTENING):
                return process, line[len(LISTENING) :].strip()
        time.sleep(0.1)
    process.kill()
    pytest.fail(f"the server did not start: {err.read_text(errors='replace')}")


def _exercise(url: str, code: str, campaign_id: str) -> str:
    device_id = str(uuid.uuid4())
    enrolled = requests.post(
        f"{url}/v1/enrol", json={"code": code, "device_id": device_id}, headers=HEADERS, timeout=30
    )
    assert enrolled.status_code == 200, enrolled.text
    token = str(enrolled.json()["token"])
    auth = {**HEADERS, "Authorization": f"Bearer {token}"}
    change = insert_change(device_id=device_id, campaign_id=campaign_id, table="tally")
    pushed = requests.post(f"{url}/v1/push", json={"changes": [change]}, headers=auth, timeout=30)
    assert pushed.status_code == 200, pushed.text
    assert requests.get(f"{url}/v1/pull", headers=auth, timeout=30).status_code == 200
    # Refusals: the used code again, a token with a typo, a garbled body.
    again = {"code": code, "device_id": str(uuid.uuid4())}
    assert (
        requests.post(f"{url}/v1/enrol", json=again, headers=HEADERS, timeout=30).status_code == 401
    )
    typo = {**HEADERS, "Authorization": f"Bearer {token[:-1]}x"}
    assert requests.get(f"{url}/v1/pull", headers=typo, timeout=30).status_code == 401
    garbled = requests.post(f"{url}/v1/push", data=b"{not json", headers=auth, timeout=30)
    assert garbled.status_code == 422
    return token


def test_the_server_process_never_logs_a_token_or_a_code(tmp_path: Path) -> None:
    data_dir = tmp_path / "server"
    campaign_id = cli_create_campaign(data_dir=data_dir, database_url=None)
    code = cli_enrol_code(data_dir=data_dir, database_url=None, campaign_id=campaign_id)
    out, err = tmp_path / "stdout.log", tmp_path / "stderr.log"
    process, url = _start(data_dir, out, err)
    try:
        token = _exercise(url, code, campaign_id)
    finally:
        process.terminate()
        process.wait(timeout=15)
    logged = out.read_text(errors="replace") + err.read_text(errors="replace")
    assert LISTENING in logged  # the capture works
    for secret in (token, token[:16], code, code.replace("-", "")):
        assert secret not in logged


def test_no_log_record_carries_a_token_or_a_code(
    api: SyncApi, caplog: pytest.LogCaptureFixture
) -> None:
    campaign_id = api.new_campaign()
    code = api.new_code(campaign_id)
    with caplog.at_level(logging.DEBUG):
        response = api.client.post(
            "/v1/enrol", json={"code": code, "device_id": str(uuid.uuid4())}, headers=HEADERS
        )
        token = response.json()["token"]
        auth = {**HEADERS, "Authorization": f"Bearer {token}"}
        api.client.get("/v1/pull", headers=auth)
        api.client.get("/v1/pull", headers={**HEADERS, "Authorization": f"Bearer {token}x"})
        api.client.post("/v1/enrol", json={"code": code, "device_id": "x"}, headers=HEADERS)
    text = "\n".join(f"{r.getMessage()} {r.args!r}" for r in caplog.records)
    for secret in (token, code, code.replace("-", "")):
        assert secret not in text
