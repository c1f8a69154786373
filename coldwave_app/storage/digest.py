"""Counts and a canonical digest of the synced records of a replica.

`state_digest` hashes the current content of every synced table but the audit
log (a per-laptop journal with its own hash chains), table by table
and row by row in id order, as canonical JSON. Two replicas holding the same
records have the same digest whatever order the changes reached them in; the
columns that are only local information (`updated_at`, `updated_by`) are left
out. `content_digest` also leaves out sync bookkeeping (who, when, which device,
which stamp), to compare data generated independently from the same seed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlite_utils import Database

from coldwave_app.storage.catalog import Catalog

_BOOKKEEPING = frozenset({"created_at", "created_by", "device_id", "hlc", "campaign_id"})
# The audit log is a journal of who did and looked at what on each laptop: it grows
# with every login and every view, so replicas holding the same records would never
# agree if it counted. Its integrity is checked by its own hash chains (audit_log).
_JOURNAL_TABLES = frozenset({"audit_entry"})


def _digest(db: Database, catalog: Catalog, *, bookkeeping: bool) -> str:
    hasher = hashlib.sha256()
    for table in catalog.tables():
        if table.name in _JOURNAL_TABLES:
            continue
        columns = [c for c in table.digest_columns if bookkeeping or c not in _BOOKKEEPING]
        order = "id" if bookkeeping else ", ".join(columns)
        hasher.update(f"\x1e{table.name}\x1f".encode())
        cursor = db.execute(f"SELECT {', '.join(columns)} FROM {table.name} ORDER BY {order}")
        for row in cursor:
            record: dict[str, Any] = dict(zip(columns, row, strict=True))
            hasher.update(
                json.dumps(
                    record, ensure_ascii=False, sort_keys=True, separators=(",", ":")
                ).encode("utf-8")
            )
            hasher.update(b"\n")
    return hasher.hexdigest()


def state_digest(db: Database, catalog: Catalog | None = None) -> str:
    return _digest(db, catalog or Catalog.from_database(db), bookkeeping=True)


def content_digest(db: Database, catalog: Catalog | None = None) -> str:
    return _digest(db, catalog or Catalog.from_database(db), bookkeeping=False)


def record_counts(db: Database, catalog: Catalog | None = None) -> dict[str, int]:
    """Live (not deleted, not corrected-away) rows per synced table (not the audit log)."""
    catalog = catalog or Catalog.from_database(db)
    counts: dict[str, int] = {}
    for table in catalog.tables():
        if table.name in _JOURNAL_TABLES:
            continue
        if "deleted" in table.columns:
            sql = f"SELECT count(*) FROM {table.name} WHERE deleted = 0"
        else:
            sql = (
                f"SELECT count(*) FROM {table.name} t WHERE t.correction_kind IS NOT 'void' "
                f"AND NOT EXISTS (SELECT 1 FROM {table.name} c WHERE c.corrects_id = t.id)"
            )
        counts[table.name] = int(db.execute(sql).fetchone()[0])
    return counts


def items_distributed(db: Database) -> dict[str, float]:
    """Quantity given per item code: distribution lines and anonymous tallies, with
    kits expanded into their components; voided and amended-away lines excluded."""
    sql = """
    WITH live_lines AS (
      SELECT l.item_id, l.kit_type_id, l.qty FROM distribution_line l
      WHERE l.correction_kind IS NOT 'void'
        AND NOT EXISTS (SELECT 1 FROM distribution_line c WHERE c.corrects_id = l.id)
      UNION ALL
      SELECT t.item_id, t.kit_type_id, t.qty FROM tally_item t
      WHERE t.correction_kind IS NOT 'void'
        AND NOT EXISTS (SELECT 1 FROM tally_item c WHERE c.corrects_id = t.id)
    ),
    expanded AS (
      SELECT item_id, qty FROM live_lines WHERE item_id IS NOT NULL
      UNION ALL
      SELECT k.item_id, l.qty * k.qty FROM live_lines l
      JOIN kit_component k ON k.kit_type_id = l.kit_type_id AND k.deleted = 0
      WHERE l.kit_type_id IS NOT NULL
    )
    SELECT i.code, sum(e.qty) FROM expanded e JOIN item i ON i.id = e.item_id
    GROUP BY i.code ORDER BY i.code
    """
    # Rounded: kit components like 1.2 kg of milk add up to float noise otherwise.
    return {code: round(float(total), 3) for code, total in db.execute(sql)}


def pending_changes(db: Database) -> int:
    """Unsynced changes of the users' work. Audit entries (a login, a view) go with the
    next push too but are not counted: the figure must not move just by logging in."""
    row = db.execute("SELECT count(*) FROM outbox WHERE table_name <> 'audit_entry'")
    return int(row.fetchone()[0])


def open_conflicts(db: Database) -> int:
    row = db.execute(
        "SELECT count(*) FROM conflict WHERE status = 'open' AND deleted = 0"
    ).fetchone()
    return int(row[0])
