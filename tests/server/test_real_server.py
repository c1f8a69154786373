"""The real `coldwave-server` process on 127.0.0.1, port 0, over both engines."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests
from helpers.sync_server import (
    HEADERS,
    RunningServer,
    cli_create_campaign,
    cli_enrol_code,
    insert_change,
    server_cli,
)

TIMEOUT = 30


def _enrol(server: RunningServer, code: str) -> tuple[str, dict[str, str]]:
    device_id = str(uuid.uuid4())
    response = requests.post(
        f"{server.url}/v1/enrol",
        json={"code": code, "device_id": device_id, "device_label": "Laptop 1"},
        headers=HEADERS,
        timeout=TIMEOUT,
    )
    assert response.status_code == 200, response.text
    return device_id, {**HEADERS, "Authorization": f"Bearer {response.json()['token']}"}


def _pull(server: RunningServer, auth: dict[str, str], cursor: int) -> Any:
    response = requests.get(
        f"{server.url}/v1/pull", params={"cursor": cursor}, headers=auth, timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_enrol_push_pull_through_the_real_server(
    start_server: Callable[..., RunningServer], database_url: str | None, tmp_path: Path
) -> None:
    data_dir = tmp_path / "server"
    campaign_id = cli_create_campaign(data_dir=data_dir, database_url=database_url)
    codes = [
        cli_enrol_code(data_dir=data_dir, database_url=database_url, campaign_id=campaign_id)
        for _ in range(2)
    ]
    server = start_server(database_url=database_url, data_dir=data_dir)
    assert requests.get(f"{server.url}/v1/health", timeout=TIMEOUT).json()["status"] == "ok"
    writer_id, writer = _enrol(server, codes[0])
    _reader_id, reader = _enrol(server, codes[1])
    batch = [insert_change(device_id=writer_id, campaign_id=campaign_id) for _ in range(4)]
    body = gzip.compress(json.dumps({"changes": batch}).encode())
    pushed = requests.post(
        f"{server.url}/v1/push",
        data=body,
        headers={**writer, "Content-Encoding": "gzip", "Content-Type": "application/json"},
        timeout=TIMEOUT,
    )
    assert pushed.status_code == 200, pushed.text
    assert [r["status"] for r in pushed.json()["results"]] == ["accepted"] * 4
    page = _pull(server, reader, 0)
    assert [c["table"] for c in page["changes"]] == ["campaign"] + ["person"] * 4
    assert page["more"] is False
    assert _pull(server, writer, 0)["changes"][0]["row_id"] == campaign_id  # not its own


def test_a_restarted_server_continues_from_the_cursor(
    start_server: Callable[..., RunningServer], database_url: str | None, tmp_path: Path
) -> None:
    data_dir = tmp_path / "server"
    campaign_id = cli_create_campaign(data_dir=data_dir, database_url=database_url)
    code_a, code_b = (
        cli_enrol_code(data_dir=data_dir, database_url=database_url, campaign_id=campaign_id)
        for _ in range(2)
    )
    server = start_server(database_url=database_url, data_dir=data_dir)
    writer_id, writer = _enrol(server, code_a)
    _reader_id, reader = _enrol(server, code_b)
    first = [insert_change(device_id=writer_id, campaign_id=campaign_id) for _ in range(2)]
    requests.post(f"{server.url}/v1/push", json={"changes": first}, headers=writer, timeout=30)
    cursor = _pull(server, reader, 0)["next_cursor"]
    server.stop()

    again = start_server(database_url=database_url, data_dir=data_dir)
    second = [insert_change(device_id=writer_id, campaign_id=campaign_id) for _ in range(2)]
    requests.post(f"{again.url}/v1/push", json={"changes": second}, headers=writer, timeout=30)
    page = _pull(again, reader, cursor)
    assert [c["change_id"] for c in page["changes"]] == [c["change_id"] for c in second]
    assert page["next_cursor"] > cursor


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["campaign", "create", "--name", "X", "--province", "Khenifra"], "RR.PPP"),
        (["device", "enrol", "--campaign", "no-such-campaign"], "unknown campaign"),
        (["device", "revoke", "no-such-device"], "unknown device"),
    ],
)
def test_cli_mistakes_give_one_error_line_and_a_non_zero_exit(
    database_url: str | None, tmp_path: Path, args: list[str], message: str
) -> None:
    result = server_cli(*args, data_dir=tmp_path / "server", database_url=database_url)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]


def test_bad_scope_and_unusable_database_urls_give_one_error_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "server"
    campaign_id = cli_create_campaign(data_dir=data_dir, database_url=None)
    cases = [
        (["device", "enrol", "--campaign", campaign_id, "--scope", "douar:12"], None, "scope"),
        (["device", "list"], "nonsense", "invalid database URL"),
        (["device", "list"], "postgresql+psycopg://x@127.0.0.1:1/x", "cannot open the database"),
    ]
    for args, url, message in cases:
        result = server_cli(*args, data_dir=data_dir, database_url=url)
        assert result.returncode != 0, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert message in lines[0]


def test_device_list_and_revoke_through_the_cli(tmp_path: Path) -> None:
    data_dir = tmp_path / "server"
    campaign_id = cli_create_campaign(data_dir=data_dir, database_url=None)
    cli_enrol_code(data_dir=data_dir, database_url=None, campaign_id=campaign_id)
    listed = server_cli("device", "list", data_dir=data_dir)
    (line,) = listed.stdout.splitlines()
    device_id, status, campaign = line.split("\t")[:3]
    assert (status, campaign) == ("pending", campaign_id)
    assert server_cli("device", "revoke", device_id, data_dir=data_dir).returncode == 0
    assert "\trevoked\t" in server_cli("device", "list", data_dir=data_dir).stdout


def test_many_devices_pushing_at_once_lose_nothing_and_double_nothing(
    start_server: Callable[..., RunningServer], database_url: str | None, tmp_path: Path
) -> None:
    data_dir = tmp_path / "server"
    campaign_id = cli_create_campaign(data_dir=data_dir, database_url=database_url)
    codes = [
        cli_enrol_code(data_dir=data_dir, database_url=database_url, campaign_id=campaign_id)
        for _ in range(4)
    ]
    server = start_server(database_url=database_url, data_dir=data_dir)
    devices = [_enrol(server, code) for code in codes]
    batches = [
        [insert_change(device_id=device_id, campaign_id=campaign_id) for _ in range(25)]
        for device_id, _auth in devices
    ]

    def push(index: int) -> list[str]:
        # Each device pushes its batch twice (a retry after a lost answer).
        statuses: list[str] = []
        for _ in range(2):
            response = requests.post(
                f"{server.url}/v1/push",
                json={"changes": batches[index]},
                headers=devices[index][1],
                timeout=TIMEOUT,
            )
            assert response.status_code == 200, response.text
            statuses += [r["status"] for r in response.json()["results"]]
        return statuses

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(push, range(4)))
    for statuses in outcomes:
        assert statuses == ["accepted"] * 25 + ["duplicate"] * 25
    reader_id, reader = _enrol(
        server,
        cli_enrol_code(data_dir=data_dir, database_url=database_url, campaign_id=campaign_id),
    )
    assert reader_id
    seqs = [c["seq"] for c in _pull(server, reader, 0)["changes"]]
    assert len(seqs) == 1 + 4 * 25
    assert seqs == sorted(set(seqs))
