"""Turns low-level failures of the disk under a data directory into errors a user can act on.

SQLite reports a full disk as SQLITE_FULL (sometimes as an I/O error when the
WAL cannot grow), a read-only mount as SQLITE_READONLY or a failed open; the OS
reports ENOSPC/EROFS. `explain_media_failure` maps all of them to DiskFull or
ReadOnlyMedia (or None when the failure is something else), and
`refuse_read_only` checks a data directory before anything tries to write.

SQLite rolls back the failing transaction, so after DiskFull nothing half-written
remains and the same connection works again once space is freed.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import sqlcipher3

from coldwave_app.domain.storage_errors import (
    DISK_FULL,
    READ_ONLY,
    DiskFull,
    ReadOnlyMedia,
)

# Primary SQLite result codes (the low byte of an extended code).
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_FULL = 13
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


def _sqlite_code(err: BaseException) -> int | None:
    code = getattr(err, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _disk_has_no_room(path: Path) -> bool:
    try:
        stats = os.statvfs(path)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < 64 * 1024


def explain_media_failure(err: BaseException, data_dir: Path) -> DiskFull | ReadOnlyMedia | None:
    """The user-facing error behind `err`, or None when it is not a disk problem."""
    path = str(data_dir)
    if isinstance(err, OSError) and not isinstance(err, sqlcipher3.Error):
        if err.errno in _FULL_ERRNOS:
            return DiskFull(DISK_FULL, path=path)
        if err.errno == errno.EROFS:
            return ReadOnlyMedia(READ_ONLY, path=path)
        return None
    if not isinstance(err, sqlcipher3.Error):
        return None
    code = _sqlite_code(err)
    text = str(err).lower()
    if code == _SQLITE_FULL or "database or disk is full" in text:
        return DiskFull(DISK_FULL, path=path)
    if code == _SQLITE_READONLY or "readonly database" in text:
        return ReadOnlyMedia(READ_ONLY, path=path)
    # A WAL or journal that cannot grow may surface as a plain I/O error.
    if (code == _SQLITE_IOERR or "disk i/o error" in text) and _disk_has_no_room(data_dir):
        return DiskFull(DISK_FULL, path=path)
    if (code == _SQLITE_IOERR or "unable to open" in text) and not _writable(data_dir):
        return ReadOnlyMedia(READ_ONLY, path=path)
    return None


def _writable(data_dir: Path) -> bool:
    # os.access answers EROFS for a read-only mount even to root.
    return os.access(data_dir, os.W_OK)


def refuse_read_only(data_dir: Path) -> None:
    """Raise ReadOnlyMedia when `data_dir` exists but cannot be written."""
    if data_dir.is_dir() and not _writable(data_dir):
        raise ReadOnlyMedia(READ_ONLY, path=str(data_dir))
    database = data_dir / "coldwave.db"
    if database.exists() and not os.access(database, os.W_OK):
        raise ReadOnlyMedia(READ_ONLY, path=str(data_dir))
