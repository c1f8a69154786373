"""Sync-server fixtures: both engines, an in-process API, and the real `coldwave-server`.

- `database_url`: parametrised over "sqlite" (None: the default file in the data
  dir) and "postgresql" (a fresh database of the session's cluster).
- `api`: a `SyncApi` over FastAPI's TestClient on that database, with helpers to
  make campaigns, enrol devices, push and pull.
- `start_server(database_url=None, data_dir=None)`: runs `python -m
  coldwave_app.server.cli run --port 0` as a subprocess, waits for its
  "listening on" line and stops it at teardown.
- `server_cli(...)`: runs any `coldwave-server` command in a subprocess.
"""

from __future__ import annotations

import gzip
import json
import os
import queue
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from coldwave_app.domain.hlc import Stamp
from coldwave_app.server.app import create_app
from coldwave_app.server.config import make_settings
from coldwave_app.server.store.campaigns import create_campaign
from coldwave_app.server.store.devices import add_pending_device
from coldwave_app.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

HEADERS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
LISTENING = "coldwave-server listening on "
START_TIMEOUT_S = 30.0


def stamp(wall_ms: int, node: str = "node-a", counter: int = 0) -> str:
    return Stamp(wall_ms=wall_ms, counter=counter, node=node).encode()


def insert_change(
    *,
    device_id: str,
    campaign_id: str,
    table: str = "person",
    row_id: str | None = None,
    hlc: str | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """A raw insert change as a device would push it."""
    row_id = row_id or str(uuid.uuid4())
    return {
        "change_id": str(uuid.uuid4()),
        "table": table,
        "row_id": row_id,
        "op": "insert",
        "value": {"id": row_id, "campaign_id": campaign_id, **fields},
        "hlc": hlc or stamp(1_700_000_000_000, device_id),
        "device_id": device_id,
        "user_id": "user-1",
        "campaign_id": campaign_id,
        "recorded_at": "2026-01-05T10:00:00.000Z",
    }


def update_change(
    *,
    device_id: str,
    campaign_id: str,
    row_id: str,
    field_name: str,
    value: Any,
    hlc: str,
    table: str = "person",
) -> dict[str, Any]:
    return {
        "change_id": str(uuid.uuid4()),
        "table": table,
        "row_id": row_id,
        "op": "update",
        "field": field_name,
        "value": value,
        "hlc": hlc,
        "device_id": device_id,
        "user_id": "user-1",
        "campaign_id": campaign_id,
        "recorded_at": "2026-01-05T10:00:00.000Z",
    }


@dataclass
class Device:
    id: str
    token: str
    campaign_id: str

    @property
    def auth(self) -> dict[str, str]:
        return {**HEADERS, "Authorization": f"Bearer {self.token}"}


@dataclass
class SyncApi:
    """The in-process server (TestClient) plus shortcuts for the common steps."""

    client: TestClient
    campaigns: list[str] = field(default_factory=list)

    @property
    def engine(self) -> Any:
        return self.client.app.state.engine  # type: ignore[attr-defined]

    def new_campaign(self, name: str = "Hiver Khénifra", province: str = "05.301") -> str:
        return create_campaign(engine=self.engine, name=name, province_code=province).id

    def new_code(self, campaign_id: str) -> str:
        _device, code = add_pending_device(
            engine=self.engine,
            campaign_id=campaign_id,
            role="outreach_worker",
            scope="province:05.301",
            label="",
        )
        return code

    def enrol(self, campaign_id: str) -> Device:
        device_id = str(uuid.uuid4())
        response = self.client.post(
            "/v1/enrol",
            json={"code": self.new_code(campaign_id), "device_id": device_id},
            headers=HEADERS,
        )
        assert response.status_code == 200, response.text
        return Device(id=device_id, token=response.json()["token"], campaign_id=campaign_id)

    def push(self, device: Device, changes: list[dict[str, Any]], *, gzipped: bool = False) -> Any:
        if not gzipped:
            response = self.client.post("/v1/push", json={"changes": changes}, headers=device.auth)
        else:
            body = gzip.compress(json.dumps({"changes": changes}).encode())
            headers = {
                **device.auth,
                "Content-Encoding": "gzip",
                "Content-Type": "application/json",
            }
            response = self.client.post("/v1/push", content=body, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()["results"]

    def pull(self, device: Device, cursor: int = 0, limit: int | None = None) -> Any:
        params = {"cursor": cursor} if limit is None else {"cursor": cursor, "limit": limit}
        response = self.client.get("/v1/pull", params=params, headers=device.auth)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None (the SQLite default in the data dir) or a fresh PostgreSQL database URL."""
    if request.param == "sqlite":
        return None
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def api(database_url: str | None, tmp_path: Path) -> Iterator[SyncApi]:
    settings = make_settings(data_dir=tmp_path / "server", database_url=database_url)
    with TestClient(create_app(settings)) as client:
        yield SyncApi(client=client)


def server_cli(
    *args: str, data_dir: Path, database_url: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`coldwave-server ARGS --data-dir DIR [--database-url URL]` in a child process."""
    command = [sys.executable, "-m", "coldwave_app.server.cli", *args, "--data-dir", str(data_dir)]
    if database_url:
        command += ["--database-url", database_url]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def cli_create_campaign(*, data_dir: Path, database_url: str | None, name: str = "Hiver") -> str:
    result = server_cli(
        "campaign", "create", "--name", name, "--province", "05.301",
        data_dir=data_dir, database_url=database_url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def cli_enrol_code(*, data_dir: Path, database_url: str | None, campaign_id: str) -> str:
    result = server_cli(
        "device", "enrol", "--campaign", campaign_id, data_dir=data_dir, database_url=database_url
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen[str]
    data_dir: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def _launch(data_dir: Path, database_url: str | None) -> RunningServer:
    data_dir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "coldwave_app.server.cli", "run", "--data-dir", str(data_dir)]
    if database_url:
        command += ["--database-url", database_url]
    command += ["--port", "0"]
    log = (data_dir / "server-stderr.log").open("a")
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=log, text=True, env={**os.environ}
    )
    log.close()
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()
    try:
        line = lines.get(timeout=START_TIMEOUT_S)
    except queue.Empty:
        process.kill()
        errors = (data_dir / "server-stderr.log").read_text()
        pytest.fail(f"coldwave-server did not start in {START_TIMEOUT_S} s:\n{errors}")
    assert line.startswith(LISTENING), line
    return RunningServer(url=line[len(LISTENING) :].strip(), process=process, data_dir=data_dir)


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., RunningServer]]:
    """Factory: `start_server(database_url=None, data_dir=None)` -> a running server."""
    started: list[RunningServer] = []

    def start(database_url: str | None = None, data_dir: Path | None = None) -> RunningServer:
        server = _launch(data_dir or tmp_path / "server", database_url)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
