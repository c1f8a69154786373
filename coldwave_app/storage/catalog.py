"""Which tables sync, and how: read from the schema itself, not from a hand list.

A table with a `deleted` column is an entity (merged field by field); a table
with a `corrects_id` column is an append-only event table. Deriving this from
the migrated schema means a migration that adds a table cannot forget to
register it with the change writer, the digest or sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from sqlite_utils import Database

SYNC_COLUMNS = frozenset(
    {"id", "campaign_id", "created_at", "created_by", "device_id", "hlc", "deleted"}
)
# Written on every local update; informational, not merged, not in the digest.
LOCAL_INFO_COLUMNS = frozenset({"updated_at", "updated_by"})
EVENT_CORRECTION_COLUMNS = frozenset({"corrects_id", "correction_kind", "correction_reason"})


class TableKind(Enum):
    ENTITY = "entity"
    EVENT = "event"


@dataclass(frozen=True)
class SyncedTable:
    name: str
    kind: TableKind
    columns: tuple[str, ...]

    @property
    def data_columns(self) -> tuple[str, ...]:
        """Columns a user or service may set (no sync bookkeeping)."""
        hidden = SYNC_COLUMNS | LOCAL_INFO_COLUMNS
        return tuple(c for c in self.columns if c not in hidden)

    @cached_property
    def writable(self) -> frozenset[str]:
        """`data_columns` as a set, computed once: checked on every row written."""
        return frozenset(self.data_columns)

    @property
    def digest_columns(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in LOCAL_INFO_COLUMNS)


class Catalog:
    """The synced tables of one database, looked up by name."""

    def __init__(self, tables: dict[str, SyncedTable]) -> None:
        self._tables = tables

    @classmethod
    def from_database(cls, db: Database) -> Catalog:
        tables: dict[str, SyncedTable] = {}
        for name in db.table_names():
            columns = tuple(c.name for c in db[name].columns)
            if "id" not in columns or "hlc" not in columns:
                continue
            if "deleted" in columns:
                tables[name] = SyncedTable(name, TableKind.ENTITY, columns)
            elif "corrects_id" in columns:
                tables[name] = SyncedTable(name, TableKind.EVENT, columns)
        return cls(tables)

    def get(self, name: str) -> SyncedTable:
        """The synced table `name`; KeyError for anything else (guards SQL names)."""
        return self._tables[name]

    def __contains__(self, name: object) -> bool:
        return name in self._tables

    def names(self) -> list[str]:
        return sorted(self._tables)

    def tables(self) -> list[SyncedTable]:
        return [self._tables[n] for n in self.names()]
