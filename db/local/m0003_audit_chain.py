"""Migration 0003: the hash-chained audit log.

`audit_entry` of migration 0001 was never written, so it is rebuilt rather than
altered: logins happen before a campaign exists, so its campaign is optional, and
an entry carries the actor's name and the hybrid-clock stamp taken when it was
chained (the row's own `hlc` is stamped by the writer after hashing). It stays an
append-only event table, so it syncs and never conflicts.
"""

from __future__ import annotations

from typing import Any

STATEMENTS = [
    "DROP INDEX IF EXISTS ix_audit_seq",
    "DROP INDEX IF EXISTS ix_audit_entry_corrects",
    "DROP TABLE audit_entry",
    """CREATE TABLE audit_entry (
  id TEXT PRIMARY KEY NOT NULL,
  campaign_id TEXT REFERENCES campaign(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  corrects_id TEXT REFERENCES audit_entry(id),
  correction_kind TEXT,
  correction_reason TEXT,
  seq INTEGER NOT NULL,
  actor_id TEXT,
  actor_name TEXT,
  action TEXT NOT NULL,
  table_name TEXT,
  row_id TEXT,
  detail TEXT,
  at TEXT NOT NULL,
  stamp TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  CHECK (corrects_id IS NULL)
) STRICT""",
    "CREATE INDEX ix_audit_entry_corrects ON audit_entry(corrects_id)",
    "CREATE INDEX ix_audit_seq ON audit_entry(device_id, seq)",
]


def migrate(db: Any) -> None:
    for sql in STATEMENTS:
        db.execute(sql)
