"""`coldwave enrol` and `coldwave sync` as a field worker runs them."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.cli import run_coldwave
from helpers.sync_server import cli_create_campaign, cli_enrol_code


def test_sync_before_enrolment_says_what_to_do(data_dir: Path) -> None:
    result = run_coldwave("sync", "--data-dir", str(data_dir))
    assert result.returncode == 7
    assert "coldwave enrol" in result.stderr
    assert "Traceback" not in result.stderr


def test_enrol_with_a_bad_address_is_refused(data_dir: Path) -> None:
    result = run_coldwave(
        "enrol", "--data-dir", str(data_dir), "--server", "ftp://x", "--code", "ABCD-EFGH"
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1


def test_enrol_then_sync_json_then_unreachable_server(
    data_dir: Path,
    start_server,  # type: ignore[no-untyped-def]
) -> None:
    server = start_server()
    campaign = cli_create_campaign(data_dir=server.data_dir, database_url=None, name="Hiver CLI")
    code = cli_enrol_code(data_dir=server.data_dir, database_url=None, campaign_id=campaign)
    enrolled = run_coldwave(
        "enrol", "--data-dir", str(data_dir), "--server", server.url, "--code", code
    )
    assert enrolled.returncode == 0, enrolled.stderr
    assert "Hiver CLI" in enrolled.stdout
    synced = run_coldwave("sync", "--data-dir", str(data_dir), "--json")
    assert synced.returncode == 0, synced.stderr
    figures = json.loads(synced.stdout)
    assert figures["pulled"] >= 1 and figures["rejected"] == 0
    reused = run_coldwave(
        "enrol", "--data-dir", str(data_dir), "--server", server.url, "--code", code
    )
    assert reused.returncode == 7
    assert "déjà" in reused.stderr  # "already enrolled" (this device) or "already used" (code)
    server.stop()
    offline = run_coldwave("sync", "--data-dir", str(data_dir))
    assert offline.returncode == 7
    assert offline.stderr.strip().startswith("coldwave: Le serveur de synchronisation")
    assert "Traceback" not in offline.stderr
