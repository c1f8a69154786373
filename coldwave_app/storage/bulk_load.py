"""A larger SQLite page cache for the length of a bulk load (a synthetic season).

With the default cache (2 MB) every insert into an index whose keys do not arrive
in order (a night, an event, a name key) re-reads and re-decrypts index pages
that were just written: at province scale (1,000,000 rows, a dozen indexes) that
made the load several times slower than the same rows appended in order.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

BULK_CACHE_KIB = 256 * 1024


@contextmanager
def large_page_cache(db: Database, kib: int = BULK_CACHE_KIB) -> Iterator[None]:
    """Raise the connection's page cache to `kib` KiB inside the block, then restore it.

    The memory is only used as pages are read; it is given back when the cache
    shrinks on exit. Not for a long-lived UI connection (peak RSS counts it)."""
    before = int(db.execute("PRAGMA cache_size").fetchone()[0])
    db.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {before}")
