"""Backups the user never has to think about, and getting back to a good state.

- `backup_if_due(store)`: the app and the CLI call it whenever a store is open;
  it writes an encrypted backup into DATA_DIR/backups/ when the newest is older
  than `every` (a brand-new data directory waits one period), keeping `keep`.
- `backup_now(store, out=...)`: `coldwave backup`, the "Back up now" action.
- `restore_backup(data_dir, file, key=...)` / `restore_latest(...)`: put a backup
  back. The live database is checked, backed up if still readable, and kept aside
  until the restored copy has opened and passed its check; on any failure the
  original files go back. A backup of another campaign or from a newer coldwave
  is refused before anything moves.
- `set_aside_for_download(data_dir)`: the other way out of a damaged database.

Restores work on a closed data directory (the database may be unreadable), so they
take the raw key from `unlock_key`, not a LocalStore.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coldwave_app.domain.errors import N_, InvalidInput, StorageRefused
from coldwave_app.domain.storage_errors import DATABASE_DAMAGED, DatabaseDamaged
from coldwave_app.storage import backups, database_files
from coldwave_app.storage.database import DATABASE_NAME, open_database
from coldwave_app.storage.integrity import database_problems
from coldwave_app.storage.keystore import Keystore
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.media_failures import explain_media_failure
from coldwave_app.storage.migrations import known_migrations

log = logging.getLogger("coldwave.backup")

DEFAULT_KEEP = 7
DEFAULT_EVERY = timedelta(hours=6)

BACKUP_EXISTS = N_("The file {path} already exists: choose another name.")
BACKUP_NEWER = N_(
    "The backup {path} was made by a newer version of coldwave (schema {found}, this "
    "version knows {known}). Update coldwave before restoring it."
)
BACKUP_OTHER_CAMPAIGN = N_(
    "The backup {path} belongs to another campaign than this laptop's current one: "
    "it was not restored."
)
BACKUP_DAMAGED = N_("The backup {path} is damaged: choose another one.")
NO_GOOD_BACKUP = N_(
    "No usable backup in {path}. Download the campaign again from the server instead "
    "(`coldwave restore --set-aside`, then `coldwave init` and `coldwave enrol`)."
)
RESTORED_DAMAGED = N_("The restored copy of {path} failed its check: the original was kept.")


@dataclass(frozen=True)
class BackupMade:
    path: Path
    size: int
    seconds: float


@dataclass(frozen=True)
class RestoreDone:
    source: Path
    migrated: tuple[str, ...]
    previous_backup: Path | None


def _key(store: LocalStore) -> bytes:
    return store.database_key


def _write(store: LocalStore, target: Path) -> BackupMade:
    started = time.perf_counter()
    try:
        size = backups.write_backup(store.db, _key(store), target)
    except Exception as err:
        explained = explain_media_failure(err, target.parent)
        if explained is not None:
            raise explained from err
        raise
    made = BackupMade(path=target, size=size, seconds=time.perf_counter() - started)
    log.info("backup written: %d bytes in %.2f s", made.size, made.seconds)
    return made


def backup_now(
    store: LocalStore, *, out: Path | None = None, kind: str = "manual", keep: int = DEFAULT_KEEP
) -> BackupMade:
    """Write a backup to `out`, or into the data directory's rotation (keeping `keep`)."""
    if out is not None:
        if out.exists():
            raise InvalidInput(BACKUP_EXISTS, path=str(out))
        return _write(store, out)
    made = _write(store, backups.backup_dir(store.data_dir) / backups.backup_name(kind))
    backups.rotate(store.data_dir, keep=keep)
    return made


def last_backup_at(data_dir: Path) -> datetime | None:
    newest = backups.list_backups(data_dir)
    return backups.made_at(newest[0]) if newest else None


def backup_if_due(
    store: LocalStore,
    *,
    every: timedelta = DEFAULT_EVERY,
    keep: int = DEFAULT_KEEP,
    now: datetime | None = None,
) -> BackupMade | None:
    """Back up when the newest backup (or, with none, the data directory) is `every` old."""
    moment = now or datetime.now(UTC)
    since = last_backup_at(store.data_dir)
    if since is None:
        created = store.meta("created_at")
        since = datetime.fromisoformat(created) if created else None
    if since is not None and moment - since < every:
        return None
    return backup_now(store, kind="auto", keep=keep)


def latest_backup(data_dir: Path) -> Path | None:
    found = backups.list_backups(data_dir)
    return found[0] if found else None


def unlock_key(data_dir: Path, *, username: str, password: str) -> bytes:
    """The database key for a restore, from the user's password (the DB may be unreadable)."""
    return Keystore.in_dir(data_dir).unlock(username=username, password=password)


def check_health(store: LocalStore) -> None:
    """Raise DatabaseDamaged when the open store fails SQLite's quick check."""
    problems = database_problems(store.db)
    if problems:
        log.error("database failed quick_check: %d problem(s)", len(problems))
        raise DatabaseDamaged(DATABASE_DAMAGED, path=str(store.data_dir))


def _refuse_unsuitable(facts: backups.BackupFacts, current: backups.BackupFacts | None) -> None:
    path = str(facts.path)
    if facts.problems:
        raise StorageRefused(BACKUP_DAMAGED, path=path)
    known = known_migrations()
    if any(name not in known for name in facts.migrations):
        raise StorageRefused(BACKUP_NEWER, path=path, found=len(facts.migrations), known=len(known))
    if (
        current is not None
        and current.campaign_id
        and facts.campaign_id
        and current.campaign_id != facts.campaign_id
    ):
        raise StorageRefused(BACKUP_OTHER_CAMPAIGN, path=path)


def _check_staged(staged: Path, key: bytes) -> tuple[str, ...]:
    """Open the staged copy, migrate it, check it thoroughly; return the migrations applied."""
    before = set(backups.read_facts(staged, key).migrations)
    db = open_database(staged, key, check_integrity=True)
    try:
        applied = [str(r[0]) for r in db.execute("SELECT name FROM _sqlite_migrations")]
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.conn.close()
    return tuple(name for name in applied if name not in before)


def restore_backup(data_dir: Path, source: Path, *, key: bytes) -> RestoreDone:
    """Replace the data directory's database with the backup `source`.

    The data directory must not be open elsewhere. Raises StorageRefused (and
    changes nothing) when the backup is unreadable with this key, damaged, from a
    newer coldwave or of another campaign.
    """
    if not source.is_file():
        raise InvalidInput(N_("No file {path}."), path=str(source))
    facts = backups.read_facts(source, key)
    previous = None
    live = backups.open_live_database(data_dir, key)
    if live is not None:
        try:
            current = backups.live_facts(live, data_dir / DATABASE_NAME)
            sound = current is not None and not current.problems
            _refuse_unsuitable(facts, current if sound else None)
            if sound:
                # Restoring is undoable: the state it replaces becomes a backup too.
                previous = backups.backup_dir(data_dir) / backups.backup_name("pre-restore")
                backups.write_backup(live, key, previous)
        finally:
            live.conn.close()
    else:
        _refuse_unsuitable(facts, None)
    staged = database_files.copy_in(source, data_dir)
    try:
        migrated = _check_staged(staged, key)
    except BaseException:
        for leftover in data_dir.glob(DATABASE_NAME + ".restoring*"):
            leftover.unlink(missing_ok=True)
        raise
    aside = database_files.move_aside(data_dir, label="replaced")
    try:
        database_files.swap_in(staged, data_dir)
        db = open_database(data_dir / DATABASE_NAME, key)
        try:
            if database_problems(db):
                raise StorageRefused(RESTORED_DAMAGED, path=str(data_dir))
        finally:
            db.conn.close()
    except BaseException:
        database_files.put_back(aside, data_dir)
        raise
    database_files.discard(aside)
    log.info("backup restored (%d migration(s) applied)", len(migrated))
    return RestoreDone(source=source, migrated=migrated, previous_backup=previous)


def restore_latest(data_dir: Path, *, key: bytes) -> RestoreDone:
    """Restore the newest backup that opens and passes its check."""
    for candidate in backups.list_backups(data_dir):
        try:
            facts = backups.read_facts(candidate, key)
        except StorageRefused:
            continue
        if facts.problems:
            continue
        return restore_backup(data_dir, candidate, key=key)
    raise StorageRefused(NO_GOOD_BACKUP, path=str(backups.backup_dir(data_dir)))


def set_aside_for_download(data_dir: Path) -> Path:
    """Move the (damaged) database and keys.json aside so the laptop can start afresh.

    Backups stay where they are (they open only with the set-aside keys.json).
    Returns the folder the files went to.
    """
    aside = database_files.move_aside(data_dir, label="set-aside", with_keys=True)
    log.warning("database set aside for a fresh download")
    return aside
