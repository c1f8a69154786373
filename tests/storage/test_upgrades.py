"""Opening a database from every earlier schema version (fixtures in tests/data/) migrates it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.resource_files import migrations_dir
from coldwave_app.storage.backups import backup_before_migrations, read_facts
from coldwave_app.storage.database import open_database
from coldwave_app.storage.keystore import Keystore
from coldwave_app.storage.local_store import unlock
from coldwave_app.storage.migrations import apply_pending, known_migrations

FIXTURES = Path(__file__).parent.parent / "data"
OLD_VERSIONS = ["schema_m0001"]


def _copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name / "data", target)
    return target


def _schema(db) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return db.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_an_old_database_migrates_on_open_and_keeps_its_people(
    version: str, tmp_path: Path
) -> None:
    data_dir = _copy(version, tmp_path)
    store = unlock(data_dir, username=ADMIN, password=PASSWORD)
    try:
        applied = [
            r[0] for r in store.db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")
        ]
        assert applied == known_migrations()
        names = {r[0] for r in store.db.execute("SELECT given_name_latn FROM person")}
        assert names == {"Itto", "Moha", "Yamna"}
        assert store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        store.close()
    # Opening made a copy of the old database before migrating it.
    [backup] = sorted((data_dir / "backups").glob("*pre-migration*"))
    key = Keystore.in_dir(data_dir).unlock(username=ADMIN, password=PASSWORD)
    assert read_facts(backup, key).migrations == ("m0001_core_schema",)


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_a_failing_migration_leaves_the_old_database_untouched(
    version: str, tmp_path: Path
) -> None:
    data_dir = _copy(version, tmp_path)
    key = Keystore.in_dir(data_dir).unlock(username=ADMIN, password=PASSWORD)
    broken = tmp_path / "migrations"
    broken.mkdir()
    shutil.copy(migrations_dir() / "m0001_core_schema.py", broken)
    (broken / "m0002_broken.py").write_text(
        "def migrate(db):\n"
        "    db.execute('CREATE TABLE half_done (x TEXT)')\n"
        "    db.execute('DELETE FROM person')\n"
        "    raise RuntimeError('battery died')\n"
    )
    db = open_database(data_dir / "coldwave.db", key, migrate=False)
    before = _schema(db)
    backup = backup_before_migrations(db, data_dir, key)
    with pytest.raises(RuntimeError):
        apply_pending(db, broken)
    assert _schema(db) == before
    assert db.execute("SELECT count(*) FROM person").fetchone()[0] == 3
    db.conn.close()
    assert backup is not None
    assert read_facts(backup, key).migrations == ("m0001_core_schema",)
