"""Encrypted copies of the database in `DATA_DIR/backups/`, made with SQLite's backup API.

A backup is a complete, self-contained SQLCipher file encrypted with the same
key as the database (so it opens only with this data directory's keys.json and
a user's password) and journal mode DELETE (no -wal beside it). It is written
under a temporary name, fsynced and renamed, so a crash or a full disk never
leaves a half backup under a real name. File names carry the UTC time and the
reason (`coldwave-20260105T101500123456Z-auto.cwbackup`); the newest sorts first.

Hazard: the key is the raw database key; callers get it from the keystore or an
unlocked store and must never write it anywhere.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3
from sqlite_utils import Database

from coldwave_app.domain.errors import N_, StorageRefused
from coldwave_app.storage.database import DATABASE_NAME, open_database
from coldwave_app.storage.migrations import MIGRATION_SET, migration_set

BACKUP_DIR_NAME = "backups"
BACKUP_SUFFIX = ".cwbackup"
KINDS = ("auto", "manual", "pre-migration", "pre-restore")
_NAME = re.compile(r"^coldwave-(\d{8}T\d{12})Z-([a-z-]+)\.cwbackup$")

BACKUP_UNREADABLE = N_(
    "The file {path} is not a backup of this laptop's data (it was made with another "
    "key, on another laptop or data directory) or it is damaged."
)


@dataclass(frozen=True)
class BackupFacts:
    """What a backup holds, read without touching the live database."""

    path: Path
    campaign_id: str | None
    device_id: str | None
    migrations: tuple[str, ...]
    problems: tuple[str, ...]
    size: int


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR_NAME


def backup_name(kind: str, now: datetime | None = None) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return f"coldwave-{moment:%Y%m%dT%H%M%S%f}Z-{kind}{BACKUP_SUFFIX}"


def made_at(path: Path) -> datetime | None:
    """The UTC time in a backup's file name, or None for a file not named by us."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)


def list_backups(data_dir: Path) -> list[Path]:
    """This data directory's backups, newest first."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if made_at(p) is not None]
    return sorted(found, key=lambda p: p.name, reverse=True)


def _connect(path: Path, key: bytes, *, read_only: bool = False) -> sqlcipher3.Connection:
    target = f"file:{path}?mode=ro" if read_only else str(path)
    conn = sqlcipher3.connect(target, uri=read_only, isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_backup(db: Database, key: bytes, target: Path) -> int:
    """Copy `db` into the new file `target`, encrypted with `key`; return its size.

    Readers and the WAL writer are not blocked for long: the copy reads one
    consistent snapshot. On any failure no file is left under `target`.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        dst = _connect(partial, key)
        try:
            db.conn.backup(dst)
            # A backup is one self-contained file: no -wal beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        os.chmod(partial, 0o600)
        _fsync(partial)
        os.replace(partial, target)
        _fsync(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target.stat().st_size


def rotate(data_dir: Path, *, keep: int) -> list[Path]:
    """Delete all but the `keep` newest backups; return the deleted files."""
    if keep < 1:
        raise ValueError("keep at least one backup")
    removed = list_backups(data_dir)[keep:]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _facts(conn: sqlcipher3.Connection, path: Path) -> BackupFacts:
    meta = dict(conn.execute("SELECT key, value FROM app_meta").fetchall())
    names = tuple(
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
            [MIGRATION_SET],
        )
    )
    try:
        rows = conn.execute("PRAGMA integrity_check(20)").fetchall()
        problems = tuple(str(r[0]) for r in rows if r[0] != "ok")
    except sqlcipher3.DatabaseError as err:
        problems = (str(err),)
    return BackupFacts(
        path=path,
        campaign_id=meta.get("campaign_id"),
        device_id=meta.get("device_id"),
        migrations=names,
        problems=problems,
        size=path.stat().st_size,
    )


def read_facts(path: Path, key: bytes) -> BackupFacts:
    """Open the backup `path` read-only with `key` and say what it holds.

    Raises StorageRefused when the key does not open it (another data directory)
    or it is not a coldwave database at all.
    """
    try:
        conn = _connect(path, key, read_only=True)
    except sqlcipher3.Error:
        raise StorageRefused(BACKUP_UNREADABLE, path=str(path)) from None
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return _facts(conn, path)
    except sqlcipher3.DatabaseError:
        raise StorageRefused(BACKUP_UNREADABLE, path=str(path)) from None
    finally:
        conn.close()


def live_facts(db: Database, path: Path) -> BackupFacts | None:
    """What the open live database holds, or None when it is too damaged to say."""
    try:
        return _facts(db.conn, path)
    except sqlcipher3.DatabaseError:
        return None


def open_live_database(data_dir: Path, key: bytes) -> Database | None:
    """The data directory's database opened without migrating, or None when it is
    missing or too damaged to open."""
    path = data_dir / DATABASE_NAME
    if not path.exists():
        return None
    try:
        return open_database(path, key, migrate=False)
    except StorageRefused:
        return None
    except sqlcipher3.DatabaseError:
        return None


def backup_before_migrations(
    db: Database, data_dir: Path, key: bytes, *, keep: int = 7
) -> Path | None:
    """Back up `db` when migrations are pending; return the backup made, if any.

    Call it in open_database() just before apply_pending(): a migration that goes
    wrong in a way its transaction cannot undo still leaves a copy to go back to.
    A brand-new database (nothing applied yet) needs no backup.
    """
    migrations = migration_set()
    if not migrations.applied(db) or not migrations.pending(db):
        return None
    target = backup_dir(data_dir) / backup_name("pre-migration")
    write_backup(db, key, target)
    rotate(data_dir, keep=keep)
    return target
