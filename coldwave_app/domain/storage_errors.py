"""Errors about the laptop's disk and database file that the user can act on.

They subclass StorageRefused, so every edge that already explains a refused
database explains these too; each message says what to do next.
"""

from __future__ import annotations

from coldwave_app.domain.errors import N_, StorageRefused

DISK_FULL = N_(
    "The disk holding {path} is full: nothing was saved. Free some space "
    "(delete old files or empty the bin), then try again; what was saved before is safe."
)
READ_ONLY = N_(
    "The data directory {path} is on a read-only disk or folder: coldwave cannot save "
    "there. Copy it to the laptop's own disk or unlock the USB key, then try again."
)
DATABASE_DAMAGED = N_(
    "The database in {path} is damaged. Either restore the latest good backup with "
    "`coldwave restore --latest`, or set the damaged file aside with "
    "`coldwave restore --set-aside` and download the campaign again from the server "
    "(`coldwave init`, then `coldwave enrol` with a new code)."
)


class DiskFull(StorageRefused):
    """A write failed because the disk is full; the transaction was rolled back."""

    exit_code = 8


class ReadOnlyMedia(StorageRefused):
    """The data directory cannot be written (read-only mount, locked USB key)."""

    exit_code = 9


class DatabaseDamaged(StorageRefused):
    """The database file fails its integrity check; restore or download again."""

    exit_code = 10
