"""Moving a data directory's database files as one unit: swap in a restored copy, set aside.

The database is three files (coldwave.db, -wal, -shm) that are only meaningful
together; these functions move them together with renames inside the data
directory (atomic on one file system) and fsync the directory, so a crash in the
middle leaves either the old set or the new one in place, and the moved-aside set
can always be put back by hand.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from coldwave_app.storage.database import DATABASE_NAME

_COMPANIONS = ("", "-wal", "-shm")
KEYSTORE_NAME = "keys.json"


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def database_files(data_dir: Path) -> list[Path]:
    return [
        data_dir / (DATABASE_NAME + suffix)
        for suffix in _COMPANIONS
        if (data_dir / (DATABASE_NAME + suffix)).exists()
    ]


def copy_in(source: Path, data_dir: Path) -> Path:
    """Copy `source` next to the database under a temporary name, fsynced."""
    staged = data_dir / (DATABASE_NAME + ".restoring")
    staged.unlink(missing_ok=True)
    shutil.copyfile(source, staged)
    fd = os.open(staged, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    return staged


def move_aside(data_dir: Path, *, label: str, with_keys: bool = False) -> Path:
    """Move the database files (and keys.json if asked) into `data_dir/LABEL-TIME/`."""
    aside = data_dir / f"{label}-{_stamp()}"
    aside.mkdir()
    moving = database_files(data_dir)
    if with_keys and (data_dir / KEYSTORE_NAME).exists():
        moving.append(data_dir / KEYSTORE_NAME)
    for path in moving:
        os.replace(path, aside / path.name)
    _fsync_dir(aside)
    _fsync_dir(data_dir)
    return aside


def swap_in(staged: Path, data_dir: Path) -> None:
    """Rename the staged copy into place as the database (nothing else may be there)."""
    os.replace(staged, data_dir / DATABASE_NAME)
    _fsync_dir(data_dir)


def put_back(aside: Path, data_dir: Path) -> None:
    """Undo move_aside: whatever sits in place now is removed, the old set returns."""
    for path in database_files(data_dir):
        path.unlink()
    for path in aside.iterdir():
        os.replace(path, data_dir / path.name)
    aside.rmdir()
    _fsync_dir(data_dir)


def discard(aside: Path) -> None:
    """Forget a moved-aside set once what replaced it has proved sound."""
    shutil.rmtree(aside, ignore_errors=True)
    _fsync_dir(aside.parent)
