"""Reads memoised while the database is unchanged, so that one report computes each thing once.

A situation report asks for seventeen indicators; several of them need the same
expensive pass (who was reached where, which person records are merged). `cached`
keeps a value per database connection and key, and drops it as soon as anything is
written: by this connection (`total_changes`) or by another one (`PRAGMA
data_version`), e.g. a sync on the same file. Values must be treated as read-only.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlite_utils import Database

__all__ = ["cached", "data_version"]

T = TypeVar("T")

_MAX_ENTRIES = 32
_caches: weakref.WeakKeyDictionary[Any, tuple[tuple[int, int], dict[Hashable, Any]]] = (
    weakref.WeakKeyDictionary()
)


def data_version(db: Database) -> tuple[int, int]:
    """Changes by this connection, and the file's version as other connections left it."""
    other = int(db.execute("PRAGMA data_version").fetchone()[0])
    return int(db.conn.total_changes), other


def cached(db: Database, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per `key` until the database changes."""
    version = data_version(db)
    entry = _caches.get(db)
    if entry is None or entry[0] != version:
        entry = (version, {})
        _caches[db] = entry
    values = entry[1]
    if key not in values:
        if len(values) >= _MAX_ENTRIES:
            values.clear()
        values[key] = compute()
    return values[key]  # type: ignore[no-any-return]
