"""Opening a data directory the careful way: writable disk, sound file, backup on schedule.

`open_checked` is what the CLI and the desktop app use instead of a bare
`unlock`: a read-only disk is named as such before anything tries to write, a
damaged database is refused with the two ways out (restore a backup, download
again) instead of failing later in the middle of the work, and the automatic
backup is made when due. A failing automatic backup never stops the work; it is
logged and retried at the next opening.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from coldwave_app.domain.errors import StorageRefused
from coldwave_app.domain.storage_errors import DATABASE_DAMAGED, DatabaseDamaged
from coldwave_app.services.backup_service import DEFAULT_EVERY, backup_if_due, check_health
from coldwave_app.services.device_lock import refuse_if_revoked
from coldwave_app.storage.integrity import is_damage
from coldwave_app.storage.local_store import LocalStore, unlock
from coldwave_app.storage.media_failures import refuse_read_only

log = logging.getLogger("coldwave.open")


def open_checked(
    data_dir: Path,
    *,
    username: str,
    password: str,
    backup_every: timedelta | None = DEFAULT_EVERY,
) -> LocalStore:
    """Unlock `data_dir` for `username`; raise ReadOnlyMedia or DatabaseDamaged when due.

    `backup_every=None` skips the scheduled backup.
    """
    refuse_read_only(data_dir)
    try:
        store = unlock(data_dir, username=username, password=password)
    except Exception as err:
        if is_damage(err):
            log.error("database unreadable at open")
            raise DatabaseDamaged(DATABASE_DAMAGED, path=str(data_dir)) from err
        raise
    try:
        check_health(store)
    except BaseException:
        store.close()
        raise
    refuse_if_revoked(store)  # closes the store itself when it refuses
    if backup_every is not None:
        try:
            backup_if_due(store, every=backup_every)
        except (StorageRefused, OSError):
            log.warning("scheduled backup failed", exc_info=True)
    return store
