"""`coldwave enrol` and `coldwave sync` as a field worker runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers.stores import PASSWORD
from helpers.sync_server import cli_create_campaign, cli_enrol_code

ENV = {**os.environ, "COLDWAVE_PASSWORD": PASSWORD, "COLDWAVE_LANG": "fr"}


def coldwave(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coldwave_app.cli", *args],
        capture_output=True, text=True, env=ENV, timeout=120,
    )  # fmt: skip


def test_sync_before_enrolment_says_what_to_do(data_dir: Path) -> None:
    result = coldwave("sync", "--data-dir", str(data_dir))
    assert result.returncode == 7
    assert "coldwave enrol" in result.stderr
    assert "Traceback" not in result.stderr


def test_enrol_with_a_bad_address_is_refused(data_dir: Path) -> None:
    result = coldwave(
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
    enrolled = coldwave(
        "enrol", "--data-dir", str(data_dir), "--server", server.url, "--code", code
    )
    assert enrolled.returncode == 0, enrolled.stderr
    assert "Hiver CLI" in enrolled.stdout
    synced = coldwave("sync", "--data-dir", str(data_dir), "--json")
    assert synced.returncode == 0, synced.stderr
    figures = json.loads(synced.stdout)
    assert figures["pulled"] >= 1 and figures["rejected"] == 0
    reused = coldwave("enrol", "--data-dir", str(data_dir), "--server", server.url, "--code", code)
    assert reused.returncode == 7
    assert "déjà" in reused.stderr  # "already enrolled" (this device) or "already used" (code)
    server.stop()
    offline = coldwave("sync", "--data-dir", str(data_dir))
    assert offline.returncode == 7
    assert offline.stderr.strip().startswith("coldwave: Le serveur de synchronisation")
    assert "Traceback" not in offline.stderr
