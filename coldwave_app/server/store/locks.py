"""Serialising writers to the change log, so sequence numbers commit in order.

A puller moves its cursor past every sequence it sees; if a later sequence could
commit before an earlier one, the earlier change would be skipped for ever. So all
writes to `changes` take one lock: a process-wide mutex, and on PostgreSQL also a
transaction-level advisory lock (other server processes, the CLI). On SQLite the
`BEGIN IMMEDIATE` write lock does the cross-process part.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text

_PROCESS_LOCK = threading.Lock()
_ADVISORY_KEY = 0x636F6C64  # "cold"


@contextmanager
def change_log_writer(*, engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction that holds the change-log lock; commits on exit."""
    with (
        _PROCESS_LOCK,
        engine.connect().execution_options(immediate=True) as conn,
        conn.begin(),
    ):
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_KEY})
        yield conn
