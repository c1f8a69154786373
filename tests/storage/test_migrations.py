"""Migrations: the schema they build, refusal of newer databases, failed migrations."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.domain.errors import StorageRefused
from coldwave_app.resource_files import migrations_dir
from coldwave_app.storage.database import open_database
from coldwave_app.storage.local_store import LocalStore, database_path, unlock
from coldwave_app.storage.migrations import apply_pending, known_migrations

SNAPSHOT = Path(__file__).with_name("schema_snapshot.sql")


def schema_text(store: LocalStore) -> str:
    rows = store.db.execute(
        "SELECT type, name, sql FROM sqlite_master "
        "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    return "\n".join(f"-- {kind} {name}\n{sql};\n" for kind, name, sql in rows)


def test_migrated_schema_matches_the_committed_snapshot(store: LocalStore) -> None:
    current = schema_text(store)
    if os.environ.get("COLDWAVE_UPDATE_SNAPSHOT") == "1":
        SNAPSHOT.write_text(current, encoding="utf-8")
    assert current == SNAPSHOT.read_text(encoding="utf-8"), (
        "The schema changed. If intended (a new migration), regenerate the snapshot with "
        "COLDWAVE_UPDATE_SNAPSHOT=1 pytest tests/storage/test_migrations.py"
    )


def test_every_known_migration_is_recorded_as_applied(store: LocalStore) -> None:
    applied = [r[0] for r in store.db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == known_migrations()
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(known_migrations())


def test_database_from_a_newer_version_is_refused(store: LocalStore) -> None:
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('coldwave-local', 'm9999_from_the_future', '2030-01-01')"
    )
    store.close()
    with pytest.raises(StorageRefused) as caught:
        unlock(store.data_dir, username=ADMIN, password=PASSWORD)
    assert "newer version" in caught.value.msgid
    assert caught.value.params == {
        "found": len(known_migrations()) + 1,
        "known": len(known_migrations()),
    }


def test_a_failing_migration_leaves_the_database_as_it_was(
    store: LocalStore, tmp_path: Path
) -> None:
    directory = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), directory)
    (directory / "m0002_broken.py").write_text(
        "def migrate(db):\n"
        "    db.execute('CREATE TABLE half_done (x TEXT)')\n"
        "    db.execute('ALTER TABLE person ADD COLUMN nickname2 TEXT')\n"
        "    raise RuntimeError('disk pulled out')\n"
    )
    before = schema_text(store)
    with pytest.raises(RuntimeError):
        apply_pending(store.db, directory)
    assert schema_text(store) == before
    assert "m0002_broken" not in [
        r[0] for r in store.db.execute("SELECT name FROM _sqlite_migrations")
    ]


def test_a_new_migration_applies_on_open_and_keeps_the_data(
    store: LocalStore, tmp_path: Path
) -> None:
    directory = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), directory)
    (directory / "m0002_add_column.py").write_text(
        "def migrate(db):\n    db.execute('ALTER TABLE person ADD COLUMN nickname2 TEXT')\n"
    )
    users_before = store.db.execute("SELECT count(*) FROM app_user").fetchone()[0]
    assert apply_pending(store.db, directory) == ["m0002_add_column"]
    assert "nickname2" in [c.name for c in store.db["person"].columns]
    assert store.db.execute("SELECT count(*) FROM app_user").fetchone()[0] == users_before
    assert apply_pending(store.db, directory) == []


def test_open_database_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StorageRefused):
        open_database(database_path(tmp_path), b"k" * 32)


def test_database_uses_wal_and_foreign_keys(store: LocalStore) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
