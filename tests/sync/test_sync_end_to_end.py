"""Laptops syncing through a real `coldwave-server` process, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.field_devices import Fleet, enrol_fleet

from coldwave_app.services.sync_service import sync_now
from coldwave_app.storage import sync_state
from coldwave_app.storage.digest import pending_changes, record_counts, state_digest
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.sync.client import SyncClient, SyncFailed
from coldwave_app.sync.engine import SyncSummary


@pytest.fixture
def fleet(start_server, database_url, template_dir: Path, tmp_path: Path) -> Iterator[Fleet]:  # type: ignore[no-untyped-def]
    server = start_server(database_url=database_url)
    built = enrol_fleet(
        server=server, database_url=database_url, template_dir=template_dir,
        root=tmp_path, count=3,
    )  # fmt: skip
    yield built
    built.close()


def add_person(store: LocalStore, name: str) -> str:
    row = store.writer().insert(
        "person",
        {"name_quality": "full", "sex": "m", "dob_quality": "unknown",
         "beneficiary_code": f"P-{name}", "known_as": name},
    )  # fmt: skip
    return str(row["id"])


def count(store: LocalStore, table: str) -> int:
    return int(store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_enrolled_laptops_receive_the_campaign(fleet: Fleet) -> None:
    for device in fleet.devices:
        assert device.campaign_id == fleet.campaign_id
        assert count(device, "campaign") == 1


def test_offline_work_on_three_laptops_meets_everywhere_once(fleet: Fleet) -> None:
    a, b, c = fleet.devices
    shared = add_person(a, "Moha")
    fleet.sync(0)
    fleet.sync(1)
    fleet.sync(2)
    for n, device in enumerate(fleet.devices):  # offline: each records on its own
        for k in range(5):
            add_person(device, f"d{n}-{k}")
        device.writer().insert("encounter", {"occurred_at": "2025-12-02T22:00", "anon_sex": "f"})
    b.writer().update("person", shared, {"phone": "0611111111"})
    c.writer().update("person", shared, {"known_as": "Moha Ou Hammou"})
    for order in ([2, 0, 1], [1, 2, 0]):
        for n in order:
            fleet.sync(n)
    digests = {state_digest(d.db) for d in fleet.devices}
    assert len(digests) == 1
    for device in fleet.devices:
        assert record_counts(device.db)["person"] == 16
        assert count(device, "encounter") == 3
        assert pending_changes(device.db) == 0
        row = device.db.execute(
            "SELECT phone, known_as FROM person WHERE id = ?", [shared]
        ).fetchone()
        assert row == ("0611111111", "Moha Ou Hammou")


def test_concurrent_edits_of_a_field_become_the_same_conflict_everywhere(fleet: Fleet) -> None:
    a, b, _c = fleet.devices
    pid = add_person(a, "Itto")
    fleet.sync_all()
    a.writer().update("person", pid, {"known_as": "Itto (a)"})
    b.writer().update("person", pid, {"known_as": "Itto (b)"})
    fleet.sync_all()
    for device in fleet.devices:
        rows = device.db.execute(
            "SELECT field, mine_value, theirs_value FROM conflict WHERE status = 'open'"
        ).fetchall()
        assert rows == [("known_as", json.dumps("Itto (a)"), json.dumps("Itto (b)"))]
    assert len({state_digest(d.db) for d in fleet.devices}) == 1


def test_a_conflict_resolved_on_one_laptop_is_resolved_everywhere(fleet: Fleet) -> None:
    a, b, c = fleet.devices
    pid = add_person(a, "Rkia")
    fleet.sync_all()
    a.writer().update("person", pid, {"known_as": "Rkia A"})
    b.writer().update("person", pid, {"known_as": "Rkia B"})
    fleet.sync_all()
    conflict_id = c.db.execute("SELECT id FROM conflict").fetchone()[0]
    with c.db.atomic():
        c.writer().update("person", pid, {"known_as": "Rkia A"})
        c.writer().update(
            "conflict", conflict_id, {"status": "resolved", "resolution_value": '"Rkia A"'}
        )
    fleet.sync_all()
    for device in fleet.devices:
        assert device.db.execute("SELECT status FROM conflict").fetchone()[0] == "resolved"
        assert (
            device.db.execute("SELECT known_as FROM person WHERE id = ?", [pid]).fetchone()[0]
            == "Rkia A"
        )


def test_the_same_push_sent_twice_stores_nothing_twice(fleet: Fleet) -> None:
    a, b, _c = fleet.devices
    for k in range(20):
        add_person(a, f"p{k}")
    fleet.sync(0)
    # The laptop never heard the answer (connection cut after the server committed):
    a.db.execute(
        "UPDATE change_log SET push_state = 'pending' "
        "WHERE origin = 'local' AND table_name = 'person'"
    )
    summary = fleet.sync(0)
    assert summary.accepted == 0 and summary.duplicates == summary.pushed == 20
    fleet.sync(1)
    assert record_counts(b.db)["person"] == 20


def test_a_malformed_change_is_quarantined_and_the_rest_land(fleet: Fleet) -> None:
    a, b, _c = fleet.devices
    add_person(a, "good-1")
    a.db.execute(
        "INSERT INTO change_log (change_id, table_name, row_id, op, field, value, hlc, base_hlc, "
        "device_id, user_id, campaign_id, recorded_at, origin, push_state) VALUES "
        "('00000000-0000-7000-8000-000000000001', 'secret_table', 'x', 'update', 'f', '1', "
        "'000000000000001-00000-n', NULL, ?, 'u', ?, '2025-12-01', 'local', 'pending')",
        [a.device_id, fleet.campaign_id],
    )
    add_person(a, "good-2")
    summary = fleet.sync(0)
    assert summary.rejected == 1 and summary.accepted == 2
    reason = a.db.execute("SELECT reason FROM quarantine WHERE direction = 'push'").fetchone()[0]
    assert reason == "unknown_table"
    assert pending_changes(a.db) == 0
    fleet.sync(1)
    assert record_counts(b.db)["person"] == 2


def test_an_unreachable_server_keeps_everything_queued(fleet: Fleet) -> None:
    a = fleet.devices[0]
    add_person(a, "queued")
    before = pending_changes(a.db)
    fleet.server.stop()
    with pytest.raises(SyncFailed) as caught:
        fleet.sync(0)
    assert "cannot be reached" in caught.value.msgid
    assert pending_changes(a.db) == before


def test_pull_resumes_from_its_cursor_after_a_server_restart(
    fleet: Fleet,
    start_server,  # type: ignore[no-untyped-def]
) -> None:
    a, b, _c = fleet.devices
    for k in range(30):
        add_person(a, f"r{k}")
    fleet.sync(0)
    client = SyncClient(fleet.server.url, token=b.meta("sync_token"))
    from coldwave_app.sync.engine import pull

    summary = SyncSummary()
    pull(b, client, summary=summary, page=10)
    client.close()
    fleet.server.stop()
    restarted = start_server(database_url=fleet.database_url, data_dir=fleet.server.data_dir)
    second = sync_now(b, server_url=restarted.url)
    assert record_counts(b.db)["person"] == 30
    assert second.pulled < summary.pulled + 30  # nothing was fetched from the start again
    assert sync_state.cursor(b.db, server_url="enrolled-server") > 0


def test_push_interrupted_between_batches_resumes_without_doubles(fleet: Fleet) -> None:
    a, b, _c = fleet.devices
    for k in range(25):
        add_person(a, f"i{k}")
    client = SyncClient(fleet.server.url, token=a.meta("sync_token"))
    summary = SyncSummary()
    changes = sync_state.pending_batch(a.db, limit=10)
    client.post("/v1/push", {"changes": changes})  # the answer is lost
    client.close()
    fleet.sync(0)
    fleet.sync(1)
    assert record_counts(b.db)["person"] == 25
    assert summary.pushed == 0


def test_a_revoked_laptop_is_refused_and_keeps_its_data(fleet: Fleet) -> None:
    from helpers.sync_server import server_cli

    a = fleet.devices[0]
    add_person(a, "kept")
    result = server_cli(
        "device",
        "revoke",
        a.device_id,
        data_dir=fleet.server.data_dir,
        database_url=fleet.database_url,
    )
    assert result.returncode == 0, result.stderr
    with pytest.raises(SyncFailed) as caught:
        fleet.sync(0)
    assert "revoked" in caught.value.msgid
    assert record_counts(a.db)["person"] == 1 and pending_changes(a.db) > 0
    # The answer told the laptop to lock (tests/services/test_device_lock.py).
    from coldwave_app.services.device_lock import is_revoked

    assert is_revoked(a)


def test_a_laptop_cannot_push_into_another_campaign(
    fleet: Fleet,
    start_server,
    template_dir: Path,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    other = enrol_fleet(
        server=fleet.server, database_url=fleet.database_url, template_dir=template_dir,
        root=tmp_path / "other", count=1,
    )  # fmt: skip
    intruder = other.devices[0]
    # A forged change naming the first campaign (its own database would refuse it).
    row = {"id": "forged-1", "campaign_id": fleet.campaign_id, "occurred_at": "2025-12-02"}
    intruder.db.execute(
        "INSERT INTO change_log (change_id, table_name, row_id, op, field, value, hlc, "
        "base_hlc, device_id, user_id, campaign_id, recorded_at, origin, push_state) VALUES "
        "('00000000-0000-7000-8000-0000000000f1', 'encounter', 'forged-1', 'insert', NULL, ?, "
        "'000000000000001-00000-n', NULL, ?, 'u', ?, '2025-12-01', 'local', 'pending')",
        [json.dumps(row), intruder.device_id, fleet.campaign_id],
    )
    summary = other.sync(0)
    assert summary.rejected == 1
    fleet.sync(1)
    assert count(fleet.devices[1], "encounter") == 0
    other.close()


def test_people_registered_on_another_laptop_are_found_before_creating_a_duplicate(
    fleet: Fleet,
) -> None:
    from coldwave_app.services.dedup import likely_matches
    from coldwave_app.services.people import register_person

    a, b, _c = fleet.devices
    someone = register_person(
        a, sex="m", given_name_ar="محمد", family_name_ar="أوحمو", birth_year=1971,
        province_code="05.301",
    )  # fmt: skip
    fleet.sync(0)
    fleet.sync(1)
    found = likely_matches(
        b, sex="m", given_name_latn="Mohamed", family_name_latn="Ouhammou", birth_year=1972,
        province_code="05.301",
    )  # fmt: skip
    assert [m.person_id for m in found] == [someone.id]
