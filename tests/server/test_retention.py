"""The server's retention purge: a closed campaign's personal data leave the merged
state and the change log (so no pull hands them out again); ids, codes and counts
stay; refused before the retention period is over."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from helpers.sync_server import SyncApi, insert_change, stamp, update_change
from sqlalchemy import func, select

from coldwave_app.domain.errors import RuleViolation
from coldwave_app.server.cli_retention import campaign_purge
from coldwave_app.server.db import field_state
from coldwave_app.server.retention import purge_campaign

NAME = "Bouchaib"
AFTER = datetime(2026, 6, 1, tzinfo=UTC)


def _seed(api: SyncApi) -> tuple[str, object, str]:
    campaign_id = api.new_campaign()
    device = api.enrol(campaign_id)
    person = insert_change(
        device_id=device.id, campaign_id=campaign_id, table="person",
        given_name_latn=NAME, family_name_latn="Ait Lahcen", known_as="Bouch",
        name_quality="full", sex="m", birth_year=1970, dob_quality="year",
        cin_quality="refused", phone="0612345678", beneficiary_code="P-0001",
    )  # fmt: skip
    encounter = insert_change(
        device_id=device.id, campaign_id=campaign_id, table="encounter",
        person_id=person["row_id"], occurred_at="2026-01-05T22:00:00", note=f"{NAME} dort ici",
        condition_flags="[]", shelter_offered=1,
    )  # fmt: skip
    results = api.push(device, [person, encounter])
    assert all(r["status"] == "accepted" for r in results), results
    return campaign_id, device, str(person["row_id"])


def _close(api: SyncApi, device: object, campaign_id: str, days: int) -> None:
    updates = [
        update_change(
            device_id=device.id,
            campaign_id=campaign_id,
            table="campaign",  # type: ignore[attr-defined]
            row_id=campaign_id,
            field_name=name,
            value=value,
            hlc=stamp(1_800_000_000_000 + n),
        )
        for n, (name, value) in enumerate(
            [("status", "closed"), ("closed_at", "2026-03-02T09:00:00"), ("retention_days", days)]
        )
    ]
    api.push(device, updates)  # type: ignore[arg-type]


def _value(api: SyncApi, table: str, row_id: str, name: str) -> object:
    with api.engine.connect() as conn:
        raw = conn.execute(
            select(field_state.c.value).where(
                field_state.c.table_name == table,
                field_state.c.row_id == row_id,
                field_state.c.field == name,
            )
        ).scalar_one()
    return json.loads(raw) if raw is not None else None


def test_an_open_campaign_or_one_within_retention_is_not_purged(api: SyncApi) -> None:
    campaign_id, device, _person = _seed(api)
    with pytest.raises(RuleViolation, match="closed"):
        purge_campaign(engine=api.engine, campaign_id=campaign_id, now=AFTER)
    _close(api, device, campaign_id, days=365)
    with pytest.raises(RuleViolation, match="retention"):
        purge_campaign(engine=api.engine, campaign_id=campaign_id, dry_run=True, now=AFTER)


def test_purge_clears_names_from_state_and_log_and_keeps_the_rest(api: SyncApi) -> None:
    campaign_id, device, person_id = _seed(api)
    _close(api, device, campaign_id, days=30)
    with api.engine.connect() as conn:
        rows_before = conn.execute(select(func.count()).select_from(field_state)).scalar_one()
    dry = purge_campaign(engine=api.engine, campaign_id=campaign_id, dry_run=True, now=AFTER)
    assert dry.persons == 1 and dry.rows == {"person": 1, "encounter": 1}
    assert _value(api, "person", person_id, "given_name_latn") == NAME

    done = purge_campaign(engine=api.engine, campaign_id=campaign_id, now=AFTER)

    assert done.rows == dry.rows
    for name in ("given_name_latn", "family_name_latn", "known_as", "phone"):
        assert _value(api, "person", person_id, name) is None
    assert _value(api, "person", person_id, "beneficiary_code") == "P-0001"
    assert _value(api, "person", person_id, "birth_year") == 1970
    with api.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(field_state)).scalar_one() == (
            rows_before
        )
    other = api.enrol(campaign_id)  # a laptop enrolled after the purge pulls everything
    pulled = json.dumps(api.pull(other))
    assert NAME not in pulled and "0612345678" not in pulled and "P-0001" in pulled
    again = purge_campaign(engine=api.engine, campaign_id=campaign_id, dry_run=True, now=AFTER)
    assert again.rows == {}


def test_the_purge_command_prints_counts_only(api: SyncApi, tmp_path: object) -> None:
    campaign_id, device, _person = _seed(api)
    _close(api, device, campaign_id, days=0)
    data_dir = api.client.app.state.settings.data_dir  # type: ignore[attr-defined]
    url = api.client.app.state.settings.database_url  # type: ignore[attr-defined]
    args = ["--data-dir", str(data_dir), "--campaign", campaign_id, "--dry-run"]
    if url:
        args += ["--database-url", url]
    result = CliRunner().invoke(campaign_purge, args)
    assert result.exit_code == 0, result.output
    assert "person\t1" in result.output and NAME not in result.output
    unknown = CliRunner().invoke(campaign_purge, [*args[:2], "--campaign", "nope"])
    assert unknown.exit_code != 0 and "unknown campaign" in unknown.output
