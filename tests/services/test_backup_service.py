"""Backups: encrypted, scheduled, rotated; restores that refuse the wrong file, undoable."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.domain.errors import StorageRefused
from coldwave_app.domain.storage_errors import DatabaseDamaged
from coldwave_app.services.backup_service import (
    backup_if_due,
    backup_now,
    restore_backup,
    restore_latest,
    unlock_key,
)
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.people import register_person
from coldwave_app.services.safe_open import open_checked
from coldwave_app.storage import backups
from coldwave_app.storage.local_store import LocalStore, unlock


def _people(store: LocalStore) -> int:
    return int(store.db.execute("SELECT count(*) FROM person").fetchone()[0])


def _campaign_with_people(store: LocalStore, n: int) -> None:
    create_campaign(store, name="Hiver", province_code="05.301", period_start=date(2025, 11, 17))
    for _ in range(n):
        register_person(store, sex="f", given_name_latn="Itto", birth_year=1970)


def test_a_backup_is_encrypted_and_holds_the_data(store: LocalStore, tmp_path: Path) -> None:
    _campaign_with_people(store, 3)
    made = backup_now(store, out=tmp_path / "copy.cwbackup")
    assert made.path.read_bytes()[:16] != b"SQLite format 3\x00"
    facts = backups.read_facts(made.path, unlock_key(store.data_dir, username=ADMIN,
                                                     password=PASSWORD))  # fmt: skip
    assert facts.campaign_id == store.campaign_id and facts.problems == ()


def test_scheduled_backups_wait_their_turn_and_keep_the_newest(store: LocalStore) -> None:
    created = datetime.fromisoformat(str(store.meta("created_at")))
    assert backup_if_due(store, every=timedelta(hours=6), now=created) is None
    for hour in range(9):
        backup_if_due(store, every=timedelta(hours=6), keep=3,
                      now=created + timedelta(hours=6 + hour))  # fmt: skip
    assert len(backups.list_backups(store.data_dir)) == 3
    assert backup_if_due(store, every=timedelta(days=1), now=datetime.now(UTC)) is None


def test_restore_puts_the_backup_back_and_keeps_what_it_replaced(store: LocalStore) -> None:
    _campaign_with_people(store, 2)
    made = backup_now(store)
    register_person(store, sex="m", given_name_latn="Moha", birth_year=1980)
    data_dir = store.data_dir
    store.close()
    key = unlock_key(data_dir, username=ADMIN, password=PASSWORD)
    done = restore_backup(data_dir, made.path, key=key)
    reopened = unlock(data_dir, username=ADMIN, password=PASSWORD)
    assert _people(reopened) == 2
    reopened.close()
    assert done.previous_backup is not None
    restore_backup(data_dir, done.previous_backup, key=key)  # the restore can be undone
    again = unlock(data_dir, username=ADMIN, password=PASSWORD)
    assert _people(again) == 3
    again.close()


def test_restore_refuses_another_campaign_and_changes_nothing(store: LocalStore) -> None:
    _campaign_with_people(store, 1)
    last_winter = backup_now(store)
    create_campaign(store, name="Hiver 2", province_code="05.301", period_start=date(2026, 11, 1))
    data_dir = store.data_dir
    store.close()
    before = (data_dir / "coldwave.db").read_bytes()
    with pytest.raises(StorageRefused) as refused:
        restore_backup(data_dir, last_winter.path,
                       key=unlock_key(data_dir, username=ADMIN, password=PASSWORD))  # fmt: skip
    assert "another campaign" in refused.value.msgid
    assert (data_dir / "coldwave.db").read_bytes() == before


def test_restore_refuses_a_backup_from_a_newer_version(store: LocalStore) -> None:
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('coldwave-local', 'm9999_future', '2030-01-01')"
    )
    future = backup_now(store)
    store.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm9999_future'")
    data_dir = store.data_dir
    store.close()
    with pytest.raises(StorageRefused) as refused:
        restore_backup(data_dir, future.path,
                       key=unlock_key(data_dir, username=ADMIN, password=PASSWORD))  # fmt: skip
    assert "newer version" in refused.value.msgid


def _damage(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(4096 * 40)
        handle.write(b"\xff" * 4096 * 4)


def test_a_damaged_database_is_caught_at_start_and_the_latest_backup_restores_it(
    store: LocalStore,
) -> None:
    _campaign_with_people(store, 4)
    backup_now(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data_dir = store.data_dir
    store.close()
    _damage(data_dir / "coldwave.db")
    with pytest.raises(DatabaseDamaged) as caught:
        open_checked(data_dir, username=ADMIN, password=PASSWORD)
    assert "restore --latest" in caught.value.msgid and "enrol" in caught.value.msgid
    restore_latest(data_dir, key=unlock_key(data_dir, username=ADMIN, password=PASSWORD))
    healed = open_checked(data_dir, username=ADMIN, password=PASSWORD)
    assert _people(healed) == 4
    healed.close()


def test_a_pending_migration_is_preceded_by_a_backup(store: LocalStore) -> None:
    store.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0002_person_search'")
    made = backups.backup_before_migrations(store.db, store.data_dir, store._key)
    assert made is not None and made.name.endswith("-pre-migration.cwbackup")
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('coldwave-local', 'm0002_person_search', '2026-01-01')"
    )
    assert backups.backup_before_migrations(store.db, store.data_dir, store._key) is None
