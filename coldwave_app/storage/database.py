"""Opens the encrypted local database: SQLCipher under sqlite-utils.

`open_database()` is the single way in. It sets the raw 256-bit key (so SQLCipher
skips its own slow key derivation: the password work happened in the keystore),
checks the key really opens the file, sets the pragmas every connection needs,
refuses a database written by a newer version and applies pending migrations.

Hazard: sqlcipher3 bundles its own SQLite; never hand one of its connections to
the standard library's sqlite3 module or the other way round.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
from sqlite_utils import Database

from coldwave_app.domain.errors import N_, StorageRefused
from coldwave_app.storage.migrations import apply_pending

DATABASE_NAME = "coldwave.db"
BUSY_TIMEOUT_MS = 10_000


def open_database(
    path: Path,
    key: bytes,
    *,
    create: bool = False,
    migrate: bool = True,
    check_integrity: bool = False,
) -> Database:
    """Open (or with `create`, make) the database at `path` with `key`.

    Raises StorageRefused when the file is missing, the key does not open it, it
    is damaged, or a newer coldwave wrote it.
    """
    if len(key) != 32:
        raise ValueError("the database key must be 32 bytes")
    if not create and not path.exists():
        raise StorageRefused(
            N_("No coldwave database in {path}. Run `coldwave init` first."),
            path=str(path.parent),
        )
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise StorageRefused(
                N_("The database file could not be read: it is damaged or not a coldwave database.")
            ) from None
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if check_integrity:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise StorageRefused(
                    N_(
                        "The database file could not be read: it is damaged or not a "
                        "coldwave database."
                    )
                )
        db = Database(conn)
        if migrate:
            # Local import: storage.backups uses this module to open the copies it checks.
            from coldwave_app.storage.backups import backup_before_migrations

            backup_before_migrations(db, path.parent, key)
            apply_pending(db)
        return db
    except BaseException:
        conn.close()
        raise
