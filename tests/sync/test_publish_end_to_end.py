"""`coldwave publish`: a laptop that started alone publishes its campaign to a real
`coldwave-server` process, then another laptop joins it (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.cli import run_coldwave
from helpers.replicas import make_replica
from helpers.stores import ADMIN, PASSWORD
from helpers.sync_server import cli_create_campaign, cli_enrol_code, server_cli

from coldwave_app.domain.errors import RuleViolation
from coldwave_app.services.sync_service import enrol, publish, sync_now
from coldwave_app.services.synthetic_season import generate_season
from coldwave_app.storage.digest import pending_changes, record_counts, state_digest
from coldwave_app.storage.local_store import unlock
from coldwave_app.sync.client import SyncFailed


def invite_code(server_dir: Path, database_url: str | None) -> str:
    made = server_cli("campaign", "invite", data_dir=server_dir, database_url=database_url)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


def test_published_campaign_reaches_a_laptop_that_joins_later(
    start_server,  # type: ignore[no-untyped-def]
    database_url: str | None,
    data_dir: Path,
    template_dir: Path,
    tmp_path: Path,
) -> None:
    server = start_server(database_url=database_url)
    alone = unlock(data_dir, username=ADMIN, password=PASSWORD)
    generate_season(alone, persons=30, events=120, seed=4)
    campaign_id = alone.campaign_id
    alone.close()

    published = run_coldwave(
        "publish", "--data-dir", str(data_dir), "--server", server.url,
        "--code", invite_code(server.data_dir, database_url),
    )  # fmt: skip
    assert published.returncode == 0, published.stderr
    assert "Synthetic season 4" in published.stdout
    synced = run_coldwave("sync", "--data-dir", str(data_dir), "--json")
    assert synced.returncode == 0, synced.stderr
    figures = json.loads(synced.stdout)
    assert figures["rejected"] == 0 and figures["accepted"] > 150

    joining = make_replica(template_dir, tmp_path / "joining")
    code = cli_enrol_code(
        data_dir=server.data_dir, database_url=database_url, campaign_id=str(campaign_id)
    )
    enrol(joining, server_url=server.url, code=code)
    pulled = sync_now(joining)
    assert pulled.quarantined == 0 and pulled.pulled > 150

    first = unlock(data_dir, username=ADMIN, password=PASSWORD)
    try:
        # Opening a laptop may record something of its own (a login): one more round.
        sync_now(first)
        sync_now(joining)
        sync_now(first)
        assert joining.campaign_id == first.campaign_id == campaign_id
        assert pending_changes(first.db) == 0
        counts = record_counts(joining.db, joining.catalog)
        assert counts["person"] == 30
        # The audit journal is each laptop's own (logins): not part of the shared state.
        counts.pop("audit_entry", None)
        theirs = record_counts(first.db, first.catalog)
        theirs.pop("audit_entry", None)
        assert counts == theirs
        assert state_digest(joining.db, joining.catalog) == state_digest(first.db, first.catalog)
    finally:
        first.close()
        joining.close()


def test_publish_refusals_are_one_clear_line(
    start_server,  # type: ignore[no-untyped-def]
    data_dir: Path,
    template_dir: Path,
    tmp_path: Path,
) -> None:
    server = start_server()
    code = invite_code(server.data_dir, None)
    first = unlock(data_dir, username=ADMIN, password=PASSWORD)
    generate_season(first, persons=2, events=0, seed=5)
    first.close()
    # A copy of the laptop made before it published: same campaign id, another device.
    twin = make_replica(data_dir, tmp_path / "twin")
    first = unlock(data_dir, username=ADMIN, password=PASSWORD)
    publish(first, server_url=server.url, code=code)
    with pytest.raises(RuleViolation):  # already enrolled: refused before any request
        publish(first, server_url=server.url, code=invite_code(server.data_dir, None))
    first.close()
    with pytest.raises(SyncFailed, match="already on the server"):
        publish(twin, server_url=server.url, code=invite_code(server.data_dir, None))
    twin.close()

    other = make_replica(template_dir, tmp_path / "other")
    generate_season(other, persons=2, events=0, seed=6)
    other.close()
    reused = run_coldwave(
        "publish", "--data-dir", str(tmp_path / "other"), "--server", server.url, "--code", code
    )
    assert reused.returncode == 7
    assert reused.stderr.count("\n") == 1 and "Traceback" not in reused.stderr

    empty = make_replica(template_dir, tmp_path / "empty")
    empty.close()
    nothing = run_coldwave(
        "publish", "--data-dir", str(tmp_path / "empty"), "--server", server.url,
        "--code", invite_code(server.data_dir, None),
    )  # fmt: skip
    assert nothing.returncode != 0 and "Traceback" not in nothing.stderr
    joined = cli_create_campaign(data_dir=server.data_dir, database_url=None)
    assert joined  # the server still makes its own campaigns beside published ones
