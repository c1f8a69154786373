"""Memoised reads are reused until the database changes, by this connection or another."""

from __future__ import annotations

from pathlib import Path

from helpers.stores import ADMIN, PASSWORD

from coldwave_app.storage.local_store import LocalStore, unlock
from coldwave_app.storage.read_cache import cached


def test_value_is_reused_until_this_connection_writes(store: LocalStore) -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cached(store.db, "k", compute) == 1
    assert cached(store.db, "k", compute) == 1
    store.set_meta("touch", "1")
    assert cached(store.db, "k", compute) == 2
    assert cached(store.db, "other", compute) == 3


def test_a_write_by_another_connection_drops_the_value(store: LocalStore, data_dir: Path) -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cached(store.db, "k", compute) == 1
    other = unlock(data_dir, username=ADMIN, password=PASSWORD)
    try:
        other.set_meta("from-elsewhere", "1")
    finally:
        other.close()
    assert cached(store.db, "k", compute) == 2
