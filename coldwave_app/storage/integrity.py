"""Is the database file sound? `PRAGMA quick_check` at start, `integrity_check` on demand.

quick_check reads every page but skips the index-against-table comparison, so it
is cheap enough to run each time a data directory is opened; integrity_check is
the thorough one (backups and restores use it). A file damaged badly enough to
make the check itself fail counts as damaged, never as an exception.
"""

from __future__ import annotations

import sqlcipher3
from sqlite_utils import Database

from coldwave_app.domain.errors import StorageRefused

MAX_PROBLEMS = 20


def database_problems(db: Database, *, thorough: bool = False) -> list[str]:
    """SQLite's list of problems in `db` (empty when sound). Never raises on damage."""
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        rows = db.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
    except sqlcipher3.DatabaseError as err:
        return [str(err)]
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found


def foreign_key_problems(db: Database) -> int:
    """How many rows point at a missing parent (0 in a sound database)."""
    return len(db.execute("PRAGMA foreign_key_check").fetchall())


_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
UNREADABLE_MSGID = "The database file could not be read: it is damaged or not a coldwave database."


def is_damage(err: BaseException) -> bool:
    """Whether `err`, raised while opening or reading, means the file itself is damaged."""
    if isinstance(err, StorageRefused):
        return err.msgid == UNREADABLE_MSGID
    if not isinstance(err, sqlcipher3.DatabaseError):
        return False
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None and int(code) & 0xFF in _DAMAGE_CODES:
        return True
    text = str(err).lower()
    return "malformed" in text or "not a database" in text
